#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/journal/exercise_library.hpp"

using namespace trove;
using namespace trove::journal;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kShipped = TROVE_SOURCE_DIR "/exercises";

// A folder under the system temp directory, removed again at the end of the test.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "trove-exlib-XXXXXX").string();
        char* made = mkdtemp(pattern.data());
        EXPECT_NE(made, nullptr);
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    void write(const std::string& name, const std::string& text) const {
        std::ofstream(m_path / name, std::ios::binary) << text;
    }
    void write_json(const std::string& name, const json& j) const { write(name, j.dump(2)); }
    std::string path() const { return m_path.string(); }

private:
    fs::path m_path;
};

// The words of minimal() in Polish and German (every shipped file is written in both).
json minimal_translations() {
    return {{"pl",
             {{"title", "Wieczorne zatrzymanie"},
              {"instructions", {"Usiądź na chwilę.", "Zapisz jedną rzecz, która poszła dobrze."}}}},
            {"de",
             {{"title", "Abendlicher Rückblick"},
              {"instructions",
               {"Setzen Sie sich einen Moment.", "Notieren Sie eine Sache, die gut lief."}}}}};
}

json minimal(const std::string& id = "") {
    json j = {{"title", "Evening check-in"},
              {"instructions", {"Sit down for a moment.", "Note one thing that went well."}},
              {"duration_minutes", 5},
              {"journal_kind", "free"},
              {"translations", minimal_translations()}};
    if (!id.empty())
        j["id"] = id;
    return j;
}

json full() {
    return {{"id", "full-example"},
            {"title", "Full example"},
            {"summary", "One sentence."},
            {"purpose", "Why it helps.\nOn two lines."},
            {"instructions", {"Step one.", "Step two.", "Step three."}},
            {"prompts", {"What went well?", "What was your part?"}},
            {"duration_minutes", 240},
            {"journal_kind", "strength_use"},
            {"suitable_for", {"adults", "young_people", "groups"}},
            {"caution", "Stop if it feels too much."},
            {"evidence",
             {{{"citation", "Author, A. (2000). A title. A Journal, 1(1), 1\u20132."},
               {"doi", "10.1000/xyz-1"}},
              {{"citation", "Author, B. (2001). A book. A Publisher."}}}}};
}

std::string repeat(const std::string& piece, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += piece;
    return out;
}

std::vector<std::string> strings(std::size_t n, const std::string& text = "x") {
    return std::vector<std::string>(n, text);
}

}  // namespace

// ---- the shipped library ------------------------------------------------------------------------

TEST(ExerciseLibrary, shipped_folder_loads_with_every_kind_and_evidence_for_each_exercise) {
    auto library = load_exercise_library(kShipped);
    ASSERT_TRUE(library.ok()) << library.error().message;
    ASSERT_GE(library->size(), 12u);

    std::set<std::string> ids, kinds;
    for (const Exercise& ex : *library) {
        SCOPED_TRACE(ex.id);
        ids.insert(ex.id);
        kinds.insert(ex.journal_kind);
        EXPECT_FALSE(ex.summary.empty());
        EXPECT_FALSE(ex.purpose.empty());
        EXPECT_FALSE(ex.prompts.empty());
        EXPECT_FALSE(ex.suitable_for.empty());
        EXPECT_GE(ex.evidence.size(), 1u);
        for (const Evidence& e : ex.evidence)
            EXPECT_FALSE(e.citation.empty());
    }
    for (const char* id : {"three-good-things", "gratitude-journal", "gratitude-letter",
                           "signature-strength-new-way", "best-possible-self", "exceptions-diary",
                           "resource-diary", "safe-place", "self-compassion-break", "savouring",
                           "acts-of-kindness", "past-successes"}) {
        EXPECT_TRUE(ids.count(id)) << id;
    }
    for (const char* kind :
         {"success", "gratitude", "strength_use", "exception", "resource", "free"}) {
        EXPECT_TRUE(kinds.count(kind)) << kind;
    }
    EXPECT_TRUE(std::is_sorted(library->begin(), library->end(),
                               [](const Exercise& a, const Exercise& b) { return a.id < b.id; }));
}

TEST(ExerciseLibrary, shipped_exercises_have_the_kinds_and_cautions_the_brief_promised) {
    auto library = load_exercise_library(kShipped);
    ASSERT_TRUE(library.ok()) << library.error().message;
    auto find = [&](const std::string& id) -> const Exercise& {
        for (const Exercise& ex : *library)
            if (ex.id == id)
                return ex;
        ADD_FAILURE() << "no exercise " << id;
        return library->front();
    };
    EXPECT_EQ(find("three-good-things").journal_kind, "success");
    EXPECT_EQ(find("three-good-things").evidence.at(0).doi, "10.1037/0003-066X.60.5.410");
    EXPECT_EQ(find("gratitude-journal").journal_kind, "gratitude");
    EXPECT_EQ(find("gratitude-letter").journal_kind, "gratitude");
    EXPECT_EQ(find("signature-strength-new-way").journal_kind, "strength_use");
    EXPECT_EQ(find("exceptions-diary").journal_kind, "exception");
    EXPECT_EQ(find("resource-diary").journal_kind, "resource");
    EXPECT_EQ(find("safe-place").journal_kind, "resource");
    EXPECT_EQ(find("past-successes").journal_kind, "success");
    const std::string& caution = find("safe-place").caution;
    EXPECT_NE(caution.find("stop"), std::string::npos) << caution;
    EXPECT_NE(caution.find("therapist"), std::string::npos) << caution;
}

TEST(ExerciseLibrary, every_shipped_exercise_survives_a_round_trip_through_json) {
    auto library = load_exercise_library(kShipped);
    ASSERT_TRUE(library.ok()) << library.error().message;
    for (const Exercise& ex : *library) {
        auto again = parse_exercise(to_json(ex), "request", true);
        ASSERT_TRUE(again.ok()) << ex.id << ": " << again.error().message;
        EXPECT_EQ(to_json(*again), to_json(ex)) << ex.id;
    }
}

// ---- parse_exercise -----------------------------------------------------------------------------

TEST(ExerciseParse, minimal_request_without_id_is_accepted) {
    auto ex = parse_exercise(minimal(), "request", false);
    ASSERT_TRUE(ex.ok()) << ex.error().message;
    EXPECT_EQ(ex->id, "");
    EXPECT_EQ(ex->title, "Evening check-in");
    EXPECT_EQ(ex->instructions.size(), 2u);
    EXPECT_EQ(ex->duration_minutes, 5);
    EXPECT_EQ(ex->journal_kind, "free");
    EXPECT_TRUE(ex->prompts.empty());
    EXPECT_TRUE(ex->evidence.empty());
}

TEST(ExerciseParse, id_is_required_only_when_asked_for) {
    auto missing = parse_exercise(minimal(), "request", true);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().field, "id");
    EXPECT_NE(missing.error().message.find("id is missing"), std::string::npos);

    auto echoed = parse_exercise(minimal("evening-check-in"), "request", false);
    ASSERT_TRUE(echoed.ok()) << echoed.error().message;
    EXPECT_EQ(echoed->id, "evening-check-in");
}

TEST(ExerciseParse, null_optional_fields_count_as_absent) {
    json j = minimal();
    j["caution"] = nullptr;
    j["prompts"] = nullptr;
    j["evidence"] = nullptr;
    auto ex = parse_exercise(j, "request", false);
    ASSERT_TRUE(ex.ok()) << ex.error().message;
    EXPECT_TRUE(ex->caution.empty());
}

TEST(ExerciseParse, limits_count_characters_not_bytes) {
    json j = minimal();
    j.erase("translations");               // the English limits, on an English-only exercise
    j["title"] = repeat("\xC3\xA9", 120);  // é: 240 bytes, 120 characters
    j["prompts"] = {repeat("\xE2\x82\xAC", 300)};
    EXPECT_TRUE(parse_exercise(j, "request", false).ok());
    j["title"] = repeat("\xC3\xA9", 121);
    EXPECT_FALSE(parse_exercise(j, "request", false).ok());
}

TEST(ExerciseParse, boundaries_are_inclusive) {
    json j = minimal();
    j.erase("translations");  // the English limits, on an English-only exercise
    j["title"] = repeat("a", 120);
    j["summary"] = repeat("a", 300);
    j["purpose"] = repeat("a", 2000);
    j["instructions"] = strings(20, repeat("a", 1000));
    j["prompts"] = strings(20, repeat("a", 300));
    j["duration_minutes"] = 1;
    j["evidence"] = json::array();
    for (int i = 0; i < 10; ++i)
        j["evidence"].push_back({{"citation", repeat("a", 1000)}});
    auto ex = parse_exercise(j, "request", false);
    ASSERT_TRUE(ex.ok()) << ex.error().message;
    j["duration_minutes"] = 240;
    EXPECT_TRUE(parse_exercise(j, "request", false).ok());
}

struct Malformed {
    const char* what;
    std::function<void(json&)> change;
    std::string field;
};

TEST(ExerciseParse, each_malformed_form_is_refused_naming_the_field) {
    const std::vector<Malformed> cases = {
        {"unknown key", [](json& j) { j["colour"] = "blue"; }, "colour"},
        {"title missing", [](json& j) { j.erase("title"); }, "title"},
        {"title empty", [](json& j) { j["title"] = ""; }, "title"},
        {"title blank", [](json& j) { j["title"] = "   "; }, "title"},
        {"title too long", [](json& j) { j["title"] = repeat("a", 121); }, "title"},
        {"title a number", [](json& j) { j["title"] = 7; }, "title"},
        {"title two lines", [](json& j) { j["title"] = "one\ntwo"; }, "title"},
        {"title not UTF-8", [](json& j) { j["title"] = std::string("caf\xC3", 4); }, "title"},
        {"summary too long", [](json& j) { j["summary"] = repeat("a", 301); }, "summary"},
        {"summary a list", [](json& j) { j["summary"] = {"a"}; }, "summary"},
        {"purpose too long", [](json& j) { j["purpose"] = repeat("a", 2001); }, "purpose"},
        {"purpose control char", [](json& j) { j["purpose"] = "a\x01z"; }, "purpose"},
        {"caution too long", [](json& j) { j["caution"] = repeat("a", 1001); }, "caution"},
        {"caution a bool", [](json& j) { j["caution"] = true; }, "caution"},
        {"instructions missing", [](json& j) { j.erase("instructions"); }, "instructions"},
        {"instructions empty", [](json& j) { j["instructions"] = json::array(); }, "instructions"},
        {"instructions text", [](json& j) { j["instructions"] = "do it"; }, "instructions"},
        {"instructions 21", [](json& j) { j["instructions"] = strings(21); }, "instructions"},
        {"instruction blank",
         [](json& j) {
             j["instructions"] = {"a", "b", " "};
         },
         "instructions[2]"},
        {"instruction a number", [](json& j) { j["instructions"] = {1}; }, "instructions[0]"},
        {"instruction too long",
         [](json& j) {
             j["instructions"] = {"a", repeat("b", 1001)};
         },
         "instructions[1]"},
        {"prompts 21", [](json& j) { j["prompts"] = strings(21); }, "prompts"},
        {"prompts text", [](json& j) { j["prompts"] = "why?"; }, "prompts"},
        {"prompt empty", [](json& j) { j["prompts"] = {""}; }, "prompts[0]"},
        {"prompt too long", [](json& j) { j["prompts"] = {repeat("a", 301)}; }, "prompts[0]"},
        {"duration missing", [](json& j) { j.erase("duration_minutes"); }, "duration_minutes"},
        {"duration 0", [](json& j) { j["duration_minutes"] = 0; }, "duration_minutes"},
        {"duration negative", [](json& j) { j["duration_minutes"] = -5; }, "duration_minutes"},
        {"duration 241", [](json& j) { j["duration_minutes"] = 241; }, "duration_minutes"},
        {"duration huge", [](json& j) { j["duration_minutes"] = 18446744073709551615ull; },
         "duration_minutes"},
        {"duration fraction", [](json& j) { j["duration_minutes"] = 10.5; }, "duration_minutes"},
        {"duration text", [](json& j) { j["duration_minutes"] = "10"; }, "duration_minutes"},
        {"duration bool", [](json& j) { j["duration_minutes"] = true; }, "duration_minutes"},
        {"kind missing", [](json& j) { j.erase("journal_kind"); }, "journal_kind"},
        {"kind unknown", [](json& j) { j["journal_kind"] = "diary"; }, "journal_kind"},
        {"kind a number", [](json& j) { j["journal_kind"] = 3; }, "journal_kind"},
        {"audience text", [](json& j) { j["suitable_for"] = "adults"; }, "suitable_for"},
        {"audience unknown",
         [](json& j) {
             j["suitable_for"] = {"adults", "pets"};
         },
         "suitable_for[1]"},
        {"audience repeated",
         [](json& j) {
             j["suitable_for"] = {"adults", "adults"};
         },
         "suitable_for[1]"},
        {"evidence an object",
         [](json& j) {
             j["evidence"] = {{"citation", "x"}};
         },
         "evidence"},
        {"evidence 11",
         [](json& j) {
             j["evidence"] = std::vector<json>(11, {{"citation", "x"}});
         },
         "evidence"},
        {"evidence entry text", [](json& j) { j["evidence"] = {"Seligman 2005"}; }, "evidence[0]"},
        {"citation missing",
         [](json& j) {
             j["evidence"] = {{{"doi", "10.1/x"}}};
         },
         "evidence[0].citation"},
        {"citation empty",
         [](json& j) {
             j["evidence"] = {{{"citation", "x"}}, {{"citation", ""}}};
         },
         "evidence[1].citation"},
        {"citation too long",
         [](json& j) {
             j["evidence"] = {{{"citation", repeat("a", 1001)}}};
         },
         "evidence[0].citation"},
        {"doi as a link",
         [](json& j) {
             j["evidence"] = {{{"citation", "x"}, {"doi", "https://doi.org/10.1/x"}}};
         },
         "evidence[0].doi"},
        {"doi a number",
         [](json& j) {
             j["evidence"] = {{{"citation", "x"}, {"doi", 10}}};
         },
         "evidence[0].doi"},
        {"evidence unknown key",
         [](json& j) {
             j["evidence"] = {{{"citation", "x"}, {"url", "https://x"}}};
         },
         "evidence[0].url"},
        {"id upper case", [](json& j) { j["id"] = "Three-Good"; }, "id"},
        {"id with space", [](json& j) { j["id"] = "three good"; }, "id"},
        {"id too long", [](json& j) { j["id"] = repeat("a", 65); }, "id"},
        {"id empty", [](json& j) { j["id"] = ""; }, "id"},
        {"id a number", [](json& j) { j["id"] = 12; }, "id"},
    };
    for (const Malformed& m : cases) {
        SCOPED_TRACE(m.what);
        json j = minimal("a-valid-id");
        m.change(j);
        auto ex = parse_exercise(j, "request", false);
        ASSERT_FALSE(ex.ok());
        EXPECT_EQ(ex.error().code, ErrorCode::invalid_input);
        EXPECT_EQ(ex.error().field, m.field);
        EXPECT_NE(ex.error().message.find(m.field), std::string::npos) << ex.error().message;
        EXPECT_EQ(ex.error().message.back(), '.') << ex.error().message;
    }
}

TEST(ExerciseParse, a_document_that_is_not_an_object_is_refused) {
    for (const json& j : {json::array(), json("text"), json(3), json()}) {
        auto ex = parse_exercise(j, "request", false);
        ASSERT_FALSE(ex.ok());
        EXPECT_EQ(ex.error().code, ErrorCode::invalid_input);
    }
}

TEST(ExerciseParse, errors_from_a_file_start_with_the_file_name_and_requests_do_not) {
    json j = minimal("x");
    j["instructions"] = {"a", "b", ""};
    auto from_file = parse_exercise(j, "x.json", true);
    ASSERT_FALSE(from_file.ok());
    EXPECT_EQ(from_file.error().message, "x.json: instructions[2] must not be empty.");
    auto from_request = parse_exercise(j, "request", false);
    ASSERT_FALSE(from_request.ok());
    EXPECT_EQ(from_request.error().message, "instructions[2] must not be empty.");
}

TEST(ExerciseParse, to_json_then_parse_gives_back_the_same_exercise) {
    auto first = parse_exercise(full(), "request", true);
    ASSERT_TRUE(first.ok()) << first.error().message;
    json j = to_json(*first);
    EXPECT_EQ(j, full());
    auto again = parse_exercise(j, "request", true);
    ASSERT_TRUE(again.ok()) << again.error().message;
    const Exercise &a = *first, &b = *again;
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.summary, b.summary);
    EXPECT_EQ(a.purpose, b.purpose);
    EXPECT_EQ(a.instructions, b.instructions);
    EXPECT_EQ(a.prompts, b.prompts);
    EXPECT_EQ(a.duration_minutes, b.duration_minutes);
    EXPECT_EQ(a.journal_kind, b.journal_kind);
    EXPECT_EQ(a.suitable_for, b.suitable_for);
    EXPECT_EQ(a.caution, b.caution);
    ASSERT_EQ(a.evidence.size(), 2u);
    ASSERT_EQ(b.evidence.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(a.evidence[i].citation, b.evidence[i].citation);
        EXPECT_EQ(a.evidence[i].doi, b.evidence[i].doi);
    }
}

TEST(ExerciseParse, to_json_leaves_out_empty_optional_fields) {
    Exercise ex;
    ex.title = "Plain";
    ex.instructions = {"Do it."};
    ex.duration_minutes = 3;
    ex.journal_kind = "free";
    ex.evidence = {{"A citation.", ""}};
    json j = to_json(ex);
    for (const char* key : {"id", "summary", "purpose", "prompts", "suitable_for", "caution"})
        EXPECT_FALSE(j.contains(key)) << key;
    EXPECT_FALSE(j["evidence"][0].contains("doi"));
    auto back = parse_exercise(j, "request", false);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->title, "Plain");
}

TEST(ExerciseParse, the_six_journal_kinds_and_nothing_else) {
    for (const char* kind :
         {"success", "gratitude", "strength_use", "exception", "resource", "free"})
        EXPECT_TRUE(is_journal_kind(kind)) << kind;
    for (const char* kind : {"", "Success", "strength-use", "diary", "free "})
        EXPECT_FALSE(is_journal_kind(kind)) << kind;
}

// ---- load_exercise_library on made-up folders ---------------------------------------------------

TEST(ExerciseLibrary, loads_json_files_sorted_by_id_and_ignores_other_files) {
    TempDir dir;
    dir.write_json("b-second.json", minimal("b-second"));
    dir.write_json("a-first.json", minimal("a-first"));
    dir.write("README.md", "# not an exercise\n");
    dir.write("notes.txt", "{");
    auto library = load_exercise_library(dir.path());
    ASSERT_TRUE(library.ok()) << library.error().message;
    ASSERT_EQ(library->size(), 2u);
    EXPECT_EQ((*library)[0].id, "a-first");
    EXPECT_EQ((*library)[1].id, "b-second");
}

TEST(ExerciseLibrary, an_empty_folder_is_an_empty_library_and_a_missing_one_an_error) {
    TempDir dir;
    auto empty = load_exercise_library(dir.path());
    ASSERT_TRUE(empty.ok()) << empty.error().message;
    EXPECT_TRUE(empty->empty());
    auto missing = load_exercise_library(dir.path() + "/nowhere");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("nowhere"), std::string::npos);
}

TEST(ExerciseLibrary, a_malformed_file_stops_the_load_naming_the_file_and_field) {
    TempDir dir;
    dir.write_json("good.json", minimal("good"));
    json bad = minimal("bad");
    bad["instructions"] = {"a", "b", ""};
    dir.write_json("bad.json", bad);
    auto library = load_exercise_library(dir.path());
    ASSERT_FALSE(library.ok());
    EXPECT_EQ(library.error().field, "instructions[2]");
    EXPECT_EQ(library.error().message, "bad.json: instructions[2] must not be empty.");
}

TEST(ExerciseLibrary, a_file_that_is_not_json_is_named) {
    TempDir dir;
    dir.write("broken.json", std::string("{\"id\": \"broken\", "));
    auto library = load_exercise_library(dir.path());
    ASSERT_FALSE(library.ok());
    EXPECT_NE(library.error().message.find("broken.json"), std::string::npos);
    EXPECT_NE(library.error().message.find("not valid JSON"), std::string::npos);
}

TEST(ExerciseLibrary, a_shipped_file_needs_an_id) {
    TempDir dir;
    dir.write_json("no-id.json", minimal());
    auto library = load_exercise_library(dir.path());
    ASSERT_FALSE(library.ok());
    EXPECT_EQ(library.error().message, "no-id.json: id is missing.");
}

TEST(ExerciseLibrary, duplicate_ids_are_refused_naming_both_files) {
    TempDir dir;
    dir.write_json("gratitude.json", minimal("gratitude"));
    dir.write_json("gratitude-copy.json", minimal("gratitude"));
    auto library = load_exercise_library(dir.path());
    ASSERT_FALSE(library.ok());
    EXPECT_EQ(library.error().field, "id");
    const std::string& message = library.error().message;
    EXPECT_NE(message.find("gratitude.json"), std::string::npos) << message;
    EXPECT_NE(message.find("gratitude-copy.json"), std::string::npos) << message;
    EXPECT_NE(message.find("'gratitude'"), std::string::npos) << message;
}

TEST(ExerciseLibrary, an_id_that_differs_from_the_file_name_is_refused) {
    TempDir dir;
    dir.write_json("savouring.json", minimal("savoring"));
    auto library = load_exercise_library(dir.path());
    ASSERT_FALSE(library.ok());
    EXPECT_EQ(library.error().field, "id");
    EXPECT_EQ(library.error().message,
              "savouring.json: id must equal the file name ('savouring'), but it is 'savoring'.");
}

TEST(ExerciseLibrary, find_exercises_folder_prefers_the_environment) {
    const char* before = std::getenv("TROVE_EXERCISES");
    std::string saved = before ? before : "";
    setenv("TROVE_EXERCISES", "/somewhere/else", 1);
    EXPECT_EQ(find_exercises_folder(), "/somewhere/else");
    if (before)
        setenv("TROVE_EXERCISES", saved.c_str(), 1);
    else
        unsetenv("TROVE_EXERCISES");
}

TEST(ExerciseParse, unknown_fields_are_named_unless_unfit_to_repeat) {
    json j = minimal();
    j["colour"] = "blue";
    auto named = parse_exercise(j, "request", false);
    ASSERT_FALSE(named.ok());
    EXPECT_EQ(named.error().message,
              "colour is not a field of an exercise; check the spelling against the list of "
              "fields.");
    j = minimal();
    j[std::string("bad\x01key")] = 1;
    auto unnamed = parse_exercise(j, "request", false);
    ASSERT_FALSE(unnamed.ok());
    EXPECT_EQ(unnamed.error().message.find("bad"), std::string::npos) << unnamed.error().message;
}

// ---- the same exercise in Polish and German -----------------------------------------------------

TEST(ExerciseLibrary, every_shipped_exercise_is_written_in_polish_and_german_field_by_field) {
    auto library = load_exercise_library(kShipped);
    ASSERT_TRUE(library.ok()) << library.error().message;
    for (const Exercise& e : *library) {
        for (const char* language : {"pl", "de"}) {
            ASSERT_TRUE(e.translations.count(language)) << e.id << " " << language;
            const ExerciseText& t = e.translations.at(language);
            EXPECT_NE(t.title, e.title) << e.id << " " << language;
            EXPECT_EQ(t.summary.empty(), e.summary.empty()) << e.id;
            EXPECT_EQ(t.purpose.empty(), e.purpose.empty()) << e.id;
            EXPECT_EQ(t.caution.empty(), e.caution.empty()) << e.id;
            EXPECT_EQ(t.instructions.size(), e.instructions.size()) << e.id;
            EXPECT_EQ(t.prompts.size(), e.prompts.size()) << e.id;
            for (std::size_t i = 0; i < t.instructions.size(); ++i)
                EXPECT_NE(t.instructions[i], e.instructions[i]) << e.id << " " << i;
        }
    }
}

TEST(ExerciseLibrary, in_language_gives_the_texts_of_that_language_and_english_otherwise) {
    auto library = load_exercise_library(kShipped);
    ASSERT_TRUE(library.ok()) << library.error().message;
    const Exercise* three = nullptr;
    for (const Exercise& e : *library)
        if (e.id == "three-good-things")
            three = &e;
    ASSERT_NE(three, nullptr);
    Exercise pl = in_language(*three, "pl");
    EXPECT_EQ(pl.title, "Trzy dobre rzeczy");
    EXPECT_EQ(pl.prompts[0], "Co dziś poszło dobrze?");
    EXPECT_EQ(pl.evidence.size(), three->evidence.size());  // citations stay as published
    EXPECT_TRUE(pl.translations.empty());
    EXPECT_EQ(served_language(*three, "pl"), "pl");
    EXPECT_EQ(in_language(*three, "de").title, "Drei gute Dinge");
    Exercise fr = in_language(*three, "fr");
    EXPECT_EQ(fr.title, "Three good things");
    EXPECT_EQ(served_language(*three, "fr"), "en");
}

TEST(ExerciseLibrary, a_file_without_a_language_or_missing_a_field_in_one_stops_the_load) {
    struct Breakage {
        std::function<void(json&)> change;
        std::string field;
    };
    std::vector<Breakage> breakages = {
        {[](json& j) { j["translations"].erase("de"); }, "translations.de"},
        {[](json& j) { j.erase("translations"); }, "translations.pl"},
        {[](json& j) { j["translations"]["pl"].erase("title"); }, "translations.pl.title"},
        {[](json& j) { j["translations"]["de"]["instructions"].erase(1); },
         "translations.de.instructions"},
        {[](json& j) { j["translations"]["de"]["instructions"][1] = " "; },
         "translations.de.instructions[1]"},
        {[](json& j) {
             j["summary"] = "One sentence.";
             j["translations"]["de"]["summary"] = "Ein Satz.";
         },
         "translations.pl.summary"},
        {[](json& j) { j["translations"]["pl"]["purpose"] = "Po co."; }, "translations.pl.purpose"},
        {[](json& j) { j["translations"]["fr"] = j["translations"]["de"]; }, "translations.fr"},
        {[](json& j) { j["translations"]["pl"]["evidence"] = json::array(); },
         "translations.pl.evidence"},
    };
    for (const auto& b : breakages) {
        TempDir dir;
        json broken = minimal("evening");
        b.change(broken);
        dir.write_json("evening.json", broken);
        auto library = load_exercise_library(dir.path());
        ASSERT_FALSE(library.ok()) << b.field;
        EXPECT_EQ(library.error().field, b.field) << library.error().message;
        EXPECT_EQ(library.error().message.rfind("evening.json: " + b.field, 0), 0u)
            << library.error().message;
    }
}

TEST(ExerciseParse, a_practice_exercise_may_come_in_english_only_or_with_its_translations) {
    json english = minimal();
    english.erase("translations");
    auto plain = parse_exercise(english, "request", false);
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_TRUE(plain->translations.empty());
    auto both = parse_exercise(minimal(), "request", false);
    ASSERT_TRUE(both.ok()) << both.error().message;
    json j = to_json(*both);
    EXPECT_EQ(j["translations"], minimal_translations());
    auto again = parse_exercise(j, "request", false);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->translations.at("de").instructions[1],
              "Notieren Sie eine Sache, die gut lief.");
}
