// The server catalogue: loading and checking the files, and formatting with ICU. Patterns are kept
// as text and compiled per call: a MessageFormat is not safe to share between threads, and the
// texts this serves (calendar feeds, later e-mails and reports) are not on a hot path.
#include "i18n/catalogue.hpp"

#include <unicode/datefmt.h>
#include <unicode/fmtable.h>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "i18n/locales.hpp"

namespace trove::i18n {

namespace fs = std::filesystem;

struct Catalogue::Data {
    // locale -> key -> pattern
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> messages;
};

namespace {

Error catalogue_error(const std::string& where, const std::string& what) {
    return Error::invalid("catalogue", where + ": " + what);
}

// The argument names a pattern uses ("count", "title"), or an error naming what is wrong.
Result<std::set<std::string>> argument_names(const std::string& pattern, const std::string& where) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse{};
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(pattern);
    icu::MessagePattern parsed(text, &parse, status);
    if (U_FAILURE(status)) {
        return catalogue_error(where, std::string("not a valid ICU message (") +
                                          u_errorName(status) + " at character " +
                                          std::to_string(parse.offset) + ")");
    }
    std::set<std::string> names;
    for (int32_t i = 0; i < parsed.countParts(); ++i) {
        const icu::MessagePattern::Part& part = parsed.getPart(i);
        if (part.getType() == UMSGPAT_PART_TYPE_ARG_NAME) {
            std::string name;
            parsed.getSubstring(part).toUTF8String(name);
            names.insert(name);
        } else if (part.getType() == UMSGPAT_PART_TYPE_ARG_NUMBER) {
            return catalogue_error(where, "arguments are named ({count}), not numbered ({0})");
        }
    }
    return names;
}

// Compiles the pattern for its language, as text() will: catches what the parser allows but the
// formatter refuses (an unknown argument type or style).
Result<void> check_compiles(const std::string& locale, const std::string& pattern,
                            const std::string& where) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse{};
    icu::MessageFormat format(icu::UnicodeString::fromUTF8(pattern), icu::Locale(locale.c_str()),
                              parse, status);
    if (U_FAILURE(status)) {
        return catalogue_error(
            where, std::string("not a valid ICU message (") + u_errorName(status) + ")");
    }
    return {};
}

Result<std::map<std::string, std::string, std::less<>>> parse_file(const std::string& locale,
                                                                   const std::string& text,
                                                                   const std::string& file) {
    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded())
        return catalogue_error(file, "not valid JSON");
    if (!doc.is_object())
        return catalogue_error(file, "must be one JSON object of key -> message");
    std::map<std::string, std::string, std::less<>> out;
    for (const auto& [key, value] : doc.items()) {
        const std::string where = file + ": " + key;
        if (key.empty() ||
            key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") != std::string::npos) {
            return catalogue_error(where, "keys are lower-case words joined by '.' or '_'");
        }
        if (!value.is_string() || value.get_ref<const std::string&>().empty())
            return catalogue_error(where, "the message must be a non-empty string");
        const std::string& pattern = value.get_ref<const std::string&>();
        TRY(argument_names(pattern, where));
        TRY(check_compiles(locale, pattern, where));
        out.emplace(key, pattern);
    }
    return out;
}

icu::Formattable to_formattable(const Arg& arg) {
    if (const auto* n = std::get_if<std::int64_t>(&arg))
        return icu::Formattable(static_cast<int64_t>(*n));
    if (const auto* d = std::get_if<double>(&arg))
        return icu::Formattable(*d);
    if (const auto* s = std::get_if<std::string>(&arg))
        return icu::Formattable(icu::UnicodeString::fromUTF8(*s));
    return icu::Formattable(static_cast<UDate>(std::get<Instant>(arg).ms),
                            icu::Formattable::kIsDate);
}

}  // namespace

Result<Catalogue> Catalogue::from_texts(const std::map<std::string, std::string>& texts) {
    auto data = std::make_shared<Data>();
    for (std::string_view locale : kLocales) {
        const std::string file = std::string(locale) + ".json";
        auto it = texts.find(std::string(locale));
        if (it == texts.end())
            return catalogue_error(file, "missing: every language needs its file");
        data->messages[std::string(locale)] =
            TRY(parse_file(std::string(locale), it->second, file));
    }
    for (const auto& [locale, _] : texts) {
        if (!is_supported(locale))
            return catalogue_error(locale + ".json", "is not one of the languages en, pl, de");
    }
    // Every key in every language, with the same arguments as in English: a translation that
    // drops {count} would silently lose the number.
    const auto& english = data->messages.at(std::string(kLocales[0]));
    for (const auto& [locale, messages] : data->messages) {
        for (const auto& [key, pattern] : english) {
            auto found = messages.find(key);
            if (found == messages.end()) {
                return catalogue_error(locale + ".json: " + key,
                                       "missing (en.json has it; every language needs every key)");
            }
            const std::string where = locale + ".json: " + key;
            if (TRY(argument_names(found->second, where)) != TRY(argument_names(pattern, where))) {
                return catalogue_error(where, "uses other arguments than en.json");
            }
        }
        for (const auto& [key, _] : messages) {
            if (!english.contains(key)) {
                return catalogue_error(locale + ".json: " + key,
                                       "not in en.json (every language needs the same keys)");
            }
        }
    }
    return Catalogue(std::move(data));
}

Result<Catalogue> Catalogue::load(const std::string& folder) {
    std::map<std::string, std::string> texts;
    for (std::string_view locale : kLocales) {
        const fs::path path = fs::path(folder) / (std::string(locale) + ".json");
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            return catalogue_error(path.string(),
                                   "cannot be read (the server catalogue needs one file per "
                                   "language; set TROVE_LOCALES to its folder)");
        }
        std::ostringstream buffer;
        buffer << in.rdbuf();
        texts[std::string(locale)] = buffer.str();
    }
    auto loaded = from_texts(texts);
    if (!loaded.ok()) {
        Error e = loaded.error();
        e.message = folder + "/" + e.message;
        return e;
    }
    return loaded;
}

std::string Catalogue::text(std::string_view locale, std::string_view key, const Args& args,
                            std::string_view time_zone) const {
    auto lang = m_data->messages.find(is_supported(locale) ? locale : kDefaultLocale);
    auto message = lang->second.find(key);
    if (message == lang->second.end())
        return std::string(key);
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse{};
    icu::MessageFormat format(icu::UnicodeString::fromUTF8(message->second),
                              icu::Locale(lang->first.c_str()), parse, status);
    if (U_FAILURE(status))
        return std::string(key);  // load() compiled every pattern; not reached
    if (time_zone != "UTC" || !args.empty()) {
        // Dates and times in the reader's zone, not the server's.
        std::unique_ptr<icu::TimeZone> zone(
            icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
                icu::StringPiece(time_zone.data(), static_cast<int32_t>(time_zone.size())))));
        int32_t count = 0;
        const icu::Format** formats = format.getFormats(count);
        for (int32_t i = 0; formats && i < count; ++i) {
            if (auto* date = dynamic_cast<const icu::DateFormat*>(formats[i]))
                const_cast<icu::DateFormat*>(date)->setTimeZone(*zone);
        }
    }
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    names.reserve(args.size());
    values.reserve(args.size());
    for (const auto& [name, value] : args) {
        names.push_back(icu::UnicodeString::fromUTF8(name));
        values.push_back(to_formattable(value));
    }
    icu::UnicodeString out;
    format.format(names.data(), values.data(), static_cast<int32_t>(names.size()), out, status);
    if (U_FAILURE(status))
        return std::string(key);
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

bool Catalogue::has(std::string_view key) const {
    const auto& english = m_data->messages.at(std::string(kDefaultLocale));
    return english.find(key) != english.end();
}

std::vector<std::string> Catalogue::keys() const {
    std::vector<std::string> out;
    for (const auto& [key, _] : m_data->messages.at(std::string(kDefaultLocale)))
        out.push_back(key);
    return out;
}

std::string find_catalogue_folder() {
    if (const char* env = std::getenv("TROVE_LOCALES"); env && *env)
        return env;
    std::error_code ec;
    const fs::path relative = fs::path("locales") / "server";
    std::vector<fs::path> candidates = {relative};
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
             dir = dir.parent_path()) {
            candidates.push_back(dir / relative);
        }
        candidates.push_back(exe.parent_path() / "../share/trove/locales/server");
    }
    for (const fs::path& c : candidates) {
        if (fs::is_directory(c, ec))
            return fs::weakly_canonical(c, ec).string();
    }
    return relative.string();
}

}  // namespace trove::i18n
