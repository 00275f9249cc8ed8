#include "domain/journal/exercise_library.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

namespace trove::journal {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 6> kJournalKinds = {"success",   "gratitude", "strength_use",
                                                           "exception", "resource",  "free"};
constexpr std::array<std::string_view, 6> kAudiences = {"adults",  "young_people", "children",
                                                        "couples", "families",     "groups"};
constexpr std::array<std::string_view, 12> kFields = {
    "id",           "title",   "summary",          "purpose",
    "instructions", "prompts", "duration_minutes", "journal_kind",
    "suitable_for", "caution", "evidence",         "translations"};
constexpr std::array<std::string_view, 6> kTextFields = {"title",        "summary", "purpose",
                                                         "instructions", "prompts", "caution"};
constexpr std::array<std::string_view, 2> kEvidenceFields = {"citation", "doi"};

constexpr std::size_t kMaxId = 64;
constexpr std::size_t kMaxTitle = 120;
constexpr std::size_t kMaxSummary = 300;
constexpr std::size_t kMaxPurpose = 2000;
constexpr std::size_t kMaxCaution = 1000;
constexpr std::size_t kMaxInstructions = 20;
constexpr std::size_t kMaxInstruction = 1000;
constexpr std::size_t kMaxPrompts = 20;
constexpr std::size_t kMaxPrompt = 300;
constexpr int kMaxDuration = 240;
constexpr std::size_t kMaxEvidence = 10;
constexpr std::size_t kMaxCitation = 1000;
constexpr std::size_t kMaxDoi = 200;

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

template <std::size_t N>
std::string join(const std::array<std::string_view, N>& list) {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
        if (i > 0)
            out += i + 1 == N ? " or " : ", ";
        out += list[i];
    }
    return out;
}

std::string entries(std::size_t n, const char* noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF). Text from a parsed
// request is already valid; a json built in code need not be, and dump() would throw on it later.
bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80           ? 1
                          : (c >> 5) == 0x6  ? 2
                          : (c >> 4) == 0xE  ? 3
                          : (c >> 3) == 0x1E ? 4
                                             : 0;
        if (len == 0 || i + len > s.size())
            return false;
        std::uint32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (std::size_t k = 1; k < len; ++k) {
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

// Code points in valid UTF-8: every byte that does not continue a sequence starts one.
std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Whether a key from the input is fit to repeat in a message: short printable ASCII only.
bool printable_key(const std::string& key) {
    return !key.empty() && key.size() <= 40 &&
           std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

bool valid_id(std::string_view id) {
    return !id.empty() && id.size() <= kMaxId && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// Turns problems into Error::invalid naming the field; messages start with the file name when the
// exercise comes from a file.
class Checker {
public:
    explicit Checker(std::string_view source)
        : m_prefix(source.empty() || source == "request" ? std::string()
                                                         : std::string(source) + ": ") {}

    Error fail(const std::string& field, const std::string& what) const {
        return Error::invalid(field, m_prefix + field + " " + what + ".");
    }
    // For messages that do not start with the field's name.
    Error fail_sentence(const std::string& field, const std::string& sentence) const {
        return Error::invalid(field, m_prefix + sentence);
    }
    // A key that `what` (an exercise, an evidence entry) does not have.
    Error unknown(const std::string& path, const std::string& key, const std::string& what,
                  const std::string& hint) const {
        if (printable_key(key))
            return fail(path, "is not a field of " + what + "; " + hint);
        return fail_sentence(path, "The " + what.substr(what.find(' ') + 1) +
                                       " has a field that is not allowed; " + hint + ".");
    }

    enum class Lines { one, many };

    // Text of at most `max` characters; with `min` > 0 it must not be blank.
    Result<std::string> text(const json& v, const std::string& field, std::size_t min,
                             std::size_t max, Lines lines = Lines::many) const {
        if (!v.is_string())
            return fail(field, "must be text");
        const auto& s = v.get_ref<const std::string&>();
        if (!valid_utf8(s))
            return fail(field, "is not valid UTF-8 text");
        for (char ch : s) {
            auto c = static_cast<unsigned char>(ch);
            bool line_break = c == '\n' || c == '\r';
            if ((c < 0x20 && c != '\t' && !line_break) || c == 0x7F)
                return fail(field, "contains a control character");
            if (line_break && lines == Lines::one)
                return fail(field, "must be a single line");
        }
        if (min > 0 && s.find_first_not_of(" \t\r\n") == std::string::npos)
            return fail(field, "must not be empty");
        std::size_t n = code_points(s);
        if (n > max) {
            return fail(field, "is too long: at most " + std::to_string(max) +
                                   " characters, this has " + std::to_string(n));
        }
        return s;
    }

    // A list of non-blank texts; `v` is null when the field is absent.
    Result<std::vector<std::string>> texts(const json* v, const std::string& field,
                                           std::size_t min_items, std::size_t max_items,
                                           std::size_t max_length) const {
        std::vector<std::string> out;
        if (!v) {
            if (min_items > 0)
                return fail(field, "is missing");
            return out;
        }
        if (!v->is_array())
            return fail(field, "must be a list of text");
        if (v->size() < min_items)
            return fail(field, "must have at least " + entries(min_items, "entry"));
        if (v->size() > max_items) {
            return fail(field, "has too many entries: at most " + std::to_string(max_items) +
                                   ", this has " + std::to_string(v->size()));
        }
        for (std::size_t i = 0; i < v->size(); ++i)
            out.push_back(TRY(text((*v)[i], field + "[" + std::to_string(i) + "]", 1, max_length)));
        return out;
    }

private:
    std::string m_prefix;
};

// The member `key`, or null when it is absent or JSON null.
const json* member(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return nullptr;
    return &*it;
}

Result<Evidence> parse_evidence(const Checker& c, const json& j, const std::string& field) {
    if (!j.is_object())
        return c.fail(field, "must be an object with a citation and an optional doi");
    for (const auto& [key, value] : j.items()) {
        if (!contains(kEvidenceFields, key)) {
            return c.unknown(field + "." + key, key, "an evidence entry", "use citation or doi");
        }
    }
    Evidence e;
    const json* citation = member(j, "citation");
    if (!citation)
        return c.fail(field + ".citation", "is missing");
    e.citation = TRY(c.text(*citation, field + ".citation", 1, kMaxCitation));
    if (const json* doi = member(j, "doi")) {
        std::string f = field + ".doi";
        e.doi = TRY(c.text(*doi, f, 0, kMaxDoi, Checker::Lines::one));
        bool shaped =
            e.doi.empty() || (e.doi.rfind("10.", 0) == 0 && e.doi.find('/') != std::string::npos &&
                              e.doi.find_first_of(" \t") == std::string::npos);
        if (!shaped)
            return c.fail(f, "must look like 10.1037/0003-066X.60.5.410, without https://doi.org/");
    }
    return e;
}

std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return std::nullopt;
    return text.str();
}

// One language's words for an exercise whose English is `ex`: the same text fields, each
// present exactly when the English has it, with as many instructions and prompts, so no reader
// meets a step in English among steps in their own language.
Result<ExerciseText> parse_text(const Checker& c, const json& j, const std::string& path,
                                const Exercise& ex) {
    if (!j.is_object())
        return c.fail(path, "must be an object with the exercise's texts in that language");
    for (const auto& [key, value] : j.items()) {
        if (!contains(kTextFields, key))
            return c.unknown(path + "." + key, key, "a translation",
                             "only title, summary, purpose, instructions, prompts and caution");
    }
    auto field = [&](const char* name) { return path + "." + name; };
    auto one = [&](const char* name, const std::string& english, std::size_t max,
                   Checker::Lines lines) -> Result<std::string> {
        const json* v = member(j, name);
        if (english.empty()) {
            if (v)
                return c.fail(field(name), "is not in the English, so it cannot be translated");
            return std::string();
        }
        if (!v)
            return c.fail(field(name), "is missing");
        return c.text(*v, field(name), 1, max, lines);
    };
    auto list = [&](const char* name, const std::vector<std::string>& english,
                    std::size_t max_items, std::size_t max) -> Result<std::vector<std::string>> {
        const json* v = member(j, name);
        if (english.empty() && !v)
            return std::vector<std::string>();
        auto out = TRY(c.texts(v, field(name), english.size(), max_items, max));
        if (out.size() != english.size()) {
            return c.fail(field(name),
                          "must have " + entries(english.size(), "entry") + ", as the English has");
        }
        return out;
    };
    ExerciseText t;
    t.title = TRY(one("title", ex.title, kMaxTitle, Checker::Lines::one));
    t.summary = TRY(one("summary", ex.summary, kMaxSummary, Checker::Lines::many));
    t.purpose = TRY(one("purpose", ex.purpose, kMaxPurpose, Checker::Lines::many));
    t.caution = TRY(one("caution", ex.caution, kMaxCaution, Checker::Lines::many));
    t.instructions = TRY(list("instructions", ex.instructions, kMaxInstructions, kMaxInstruction));
    t.prompts = TRY(list("prompts", ex.prompts, kMaxPrompts, kMaxPrompt));
    return t;
}

}  // namespace

Exercise in_language(const Exercise& exercise, std::string_view language) {
    Exercise out = exercise;
    out.translations.clear();
    auto it = exercise.translations.find(language);
    if (it == exercise.translations.end())
        return out;
    const ExerciseText& t = it->second;
    out.title = t.title;
    out.summary = t.summary;
    out.purpose = t.purpose;
    out.caution = t.caution;
    out.instructions = t.instructions;
    out.prompts = t.prompts;
    return out;
}

std::string_view served_language(const Exercise& exercise, std::string_view language) {
    return exercise.translations.count(language) ? language : std::string_view("en");
}

bool is_journal_kind(std::string_view kind) {
    return contains(kJournalKinds, kind);
}

Result<Exercise> parse_exercise(const json& j, std::string_view source, bool require_id) {
    Checker c(source);
    if (!j.is_object())
        return c.fail_sentence("", "An exercise must be a JSON object.");
    for (const auto& [key, value] : j.items()) {
        if (!contains(kFields, key)) {
            return c.unknown(key, key, "an exercise",
                             "check the spelling against the list of fields");
        }
    }

    Exercise ex;
    if (const json* id = member(j, "id")) {
        if (!id->is_string() || !valid_id(id->get_ref<const std::string&>()))
            return c.fail("id", "must be 1 to 64 characters of a-z, 0-9 and -");
        ex.id = id->get<std::string>();
    } else if (require_id) {
        return c.fail("id", "is missing");
    }

    const json* title = member(j, "title");
    if (!title)
        return c.fail("title", "is missing");
    ex.title = TRY(c.text(*title, "title", 1, kMaxTitle, Checker::Lines::one));
    if (const json* v = member(j, "summary"))
        ex.summary = TRY(c.text(*v, "summary", 0, kMaxSummary));
    if (const json* v = member(j, "purpose"))
        ex.purpose = TRY(c.text(*v, "purpose", 0, kMaxPurpose));
    ex.instructions = TRY(
        c.texts(member(j, "instructions"), "instructions", 1, kMaxInstructions, kMaxInstruction));
    ex.prompts = TRY(c.texts(member(j, "prompts"), "prompts", 0, kMaxPrompts, kMaxPrompt));

    const json* duration = member(j, "duration_minutes");
    if (!duration)
        return c.fail("duration_minutes", "is missing");
    if (!duration->is_number_integer())
        return c.fail("duration_minutes", "must be a whole number of minutes");
    bool in_range =
        duration->is_number_unsigned()
            ? duration->get<std::uint64_t>() >= 1 &&
                  duration->get<std::uint64_t>() <= static_cast<std::uint64_t>(kMaxDuration)
            : duration->get<std::int64_t>() >= 1 && duration->get<std::int64_t>() <= kMaxDuration;
    if (!in_range)
        return c.fail("duration_minutes",
                      "must be between 1 and " + std::to_string(kMaxDuration) + " minutes");
    ex.duration_minutes = duration->get<int>();

    const json* kind = member(j, "journal_kind");
    if (!kind)
        return c.fail("journal_kind", "is missing");
    if (!kind->is_string() || !is_journal_kind(kind->get_ref<const std::string&>()))
        return c.fail("journal_kind", "must be one of " + join(kJournalKinds));
    ex.journal_kind = kind->get<std::string>();

    if (const json* v = member(j, "suitable_for")) {
        if (!v->is_array())
            return c.fail("suitable_for", "must be a list drawn from " + join(kAudiences));
        for (std::size_t i = 0; i < v->size(); ++i) {
            std::string field = "suitable_for[" + std::to_string(i) + "]";
            const json& a = (*v)[i];
            if (!a.is_string() || !contains(kAudiences, a.get_ref<const std::string&>()))
                return c.fail(field, "must be one of " + join(kAudiences));
            std::string audience = a.get<std::string>();
            if (std::find(ex.suitable_for.begin(), ex.suitable_for.end(), audience) !=
                ex.suitable_for.end()) {
                return c.fail(field, "repeats " + audience);
            }
            ex.suitable_for.push_back(std::move(audience));
        }
    }

    if (const json* v = member(j, "caution"))
        ex.caution = TRY(c.text(*v, "caution", 0, kMaxCaution));

    if (const json* v = member(j, "evidence")) {
        if (!v->is_array())
            return c.fail("evidence", "must be a list of {citation, doi} entries");
        if (v->size() > kMaxEvidence) {
            return c.fail("evidence", "has too many entries: at most " +
                                          std::to_string(kMaxEvidence) + ", this has " +
                                          std::to_string(v->size()));
        }
        for (std::size_t i = 0; i < v->size(); ++i)
            ex.evidence.push_back(
                TRY(parse_evidence(c, (*v)[i], "evidence[" + std::to_string(i) + "]")));
    }

    if (const json* v = member(j, "translations")) {
        if (!v->is_object())
            return c.fail("translations", "must map language codes (pl, de) to the texts");
        for (const auto& [language, text] : v->items()) {
            if (!contains(kExerciseLanguages, language))
                return c.unknown("translations." + language, language, "the translations",
                                 "Trove speaks pl and de besides English");
            ex.translations[language] = TRY(parse_text(c, text, "translations." + language, ex));
        }
    }
    return ex;
}

json to_json(const Exercise& ex) {
    json j = json::object();
    if (!ex.id.empty())
        j["id"] = ex.id;
    j["title"] = ex.title;
    if (!ex.summary.empty())
        j["summary"] = ex.summary;
    if (!ex.purpose.empty())
        j["purpose"] = ex.purpose;
    j["instructions"] = ex.instructions;
    if (!ex.prompts.empty())
        j["prompts"] = ex.prompts;
    j["duration_minutes"] = ex.duration_minutes;
    j["journal_kind"] = ex.journal_kind;
    if (!ex.suitable_for.empty())
        j["suitable_for"] = ex.suitable_for;
    if (!ex.caution.empty())
        j["caution"] = ex.caution;
    if (!ex.evidence.empty()) {
        json list = json::array();
        for (const Evidence& e : ex.evidence) {
            json entry = {{"citation", e.citation}};
            if (!e.doi.empty())
                entry["doi"] = e.doi;
            list.push_back(std::move(entry));
        }
        j["evidence"] = std::move(list);
    }
    if (!ex.translations.empty()) {
        json translations = json::object();
        for (const auto& [language, t] : ex.translations) {
            json text = {{"title", t.title}, {"instructions", t.instructions}};
            if (!t.summary.empty())
                text["summary"] = t.summary;
            if (!t.purpose.empty())
                text["purpose"] = t.purpose;
            if (!t.prompts.empty())
                text["prompts"] = t.prompts;
            if (!t.caution.empty())
                text["caution"] = t.caution;
            translations[language] = std::move(text);
        }
        j["translations"] = std::move(translations);
    }
    return j;
}

Result<std::vector<Exercise>> load_exercise_library(const std::string& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return Error::invalid("exercises", "There is no exercise folder at '" + folder + "'.");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    }
    if (ec)
        return Error::invalid("exercises", "Cannot list the exercise folder '" + folder + "'.");
    std::sort(files.begin(), files.end());

    // Parse every file first, then compare ids across files, then ids with file names: a copied
    // file whose id was not changed is reported as a duplicate naming both files.
    std::vector<std::pair<std::string, Exercise>> parsed;  // file name, exercise
    for (const fs::path& file : files) {
        std::string name = file.filename().string();
        std::optional<std::string> text = read_file(file);
        if (!text)
            return Error::invalid("exercises", name + ": the file cannot be read.");
        json doc;
        try {
            doc = json::parse(*text);
        } catch (const json::parse_error& e) {
            return Error::invalid("exercises", name + ": is not valid JSON (at byte " +
                                                   std::to_string(e.byte) + ").");
        }
        Exercise ex = TRY(parse_exercise(doc, name, true));
        // A shipped exercise is read by clients in every language Trove speaks.
        for (std::string_view language : kExerciseLanguages) {
            if (!ex.translations.count(language)) {
                std::string field = "translations." + std::string(language);
                return Error::invalid(field, name + ": " + field +
                                                 " is missing: every shipped exercise is written "
                                                 "in every language Trove speaks.");
            }
        }
        parsed.emplace_back(name, std::move(ex));
    }
    std::map<std::string, std::string> file_of;  // id -> file name
    for (const auto& [name, ex] : parsed) {
        auto [it, fresh] = file_of.emplace(ex.id, name);
        if (!fresh) {
            return Error::invalid("id", it->second + " and " + name + " both have the id '" +
                                            ex.id + "'; every exercise needs its own id.");
        }
    }
    std::vector<Exercise> out;
    for (auto& [name, ex] : parsed) {
        std::string stem = fs::path(name).stem().string();
        if (ex.id != stem) {
            return Error::invalid("id", name + ": id must equal the file name ('" + stem +
                                            "'), but it is '" + ex.id + "'.");
        }
        out.push_back(std::move(ex));
    }
    std::sort(out.begin(), out.end(),
              [](const Exercise& a, const Exercise& b) { return a.id < b.id; });
    return out;
}

std::string find_exercises_folder() {
    if (const char* env = std::getenv("TROVE_EXERCISES"); env && *env)
        return env;
    std::error_code ec;
    std::vector<fs::path> candidates = {fs::path("exercises")};
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
             dir = dir.parent_path()) {
            candidates.push_back(dir / "exercises");
        }
        candidates.push_back(exe.parent_path() / "../share/trove/exercises");
    }
    for (const fs::path& c : candidates) {
        if (fs::is_directory(c, ec))
            return fs::weakly_canonical(c, ec).string();
    }
    return "exercises";
}

}  // namespace trove::journal
