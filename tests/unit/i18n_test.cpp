// The server catalogue: the shipped files in locales/server/ (every key in every language, Polish
// plurals, dates in the reader's language and zone) and the checks that stop a start on a broken
// file, naming the file and the key.
#include <gtest/gtest.h>

#include "i18n/catalogue.hpp"
#include "i18n/locales.hpp"

namespace trove::i18n {
namespace {

const Catalogue& shipped() {
    static const Catalogue catalogue = [] {
        auto loaded = Catalogue::load(std::string(TROVE_SOURCE_DIR) + "/locales/server");
        if (!loaded.ok())
            throw std::runtime_error(loaded.error().message);
        return loaded.value();
    }();
    return catalogue;
}

std::map<std::string, std::string> files(const std::string& en, const std::string& pl,
                                         const std::string& de) {
    return {{"en", en}, {"pl", pl}, {"de", de}};
}

std::string load_error(const std::map<std::string, std::string>& texts) {
    auto loaded = Catalogue::from_texts(texts);
    if (loaded.ok())
        return "";
    EXPECT_EQ(loaded.error().field, "catalogue");
    return loaded.error().message;
}

TEST(i18n, the_supported_locales_are_english_polish_and_german) {
    EXPECT_TRUE(is_supported("en"));
    EXPECT_TRUE(is_supported("pl"));
    EXPECT_TRUE(is_supported("de"));
    for (const char* other : {"", "fr", "PL", "pl-PL", "en_GB", "de "})
        EXPECT_FALSE(is_supported(other)) << other;
}

TEST(i18n, the_shipped_catalogue_loads_with_the_same_keys_in_every_language) {
    // load() refuses a catalogue where a key is missing in one language; this checks it loaded
    // and that the keys the server uses are there.
    const Catalogue& c = shipped();
    for (const char* key : {"calendar.appointment.title", "calendar.appointment.description",
                            "calendar.exercise.description", "calendar.exercise.fallback_title",
                            "calendar.exercise.weekly_quota", "journal.entry_count"}) {
        EXPECT_TRUE(c.has(key)) << key;
        for (std::string_view locale : kLocales)
            EXPECT_NE(c.text(locale, key, {{"count", 1}, {"times", 2}, {"title", "T"}}), key)
                << locale << " " << key;
    }
}

TEST(i18n, polish_counts_take_the_one_few_and_many_forms) {
    const Catalogue& c = shipped();
    auto entries = [&](std::int64_t n) {
        return c.text("pl", "journal.entry_count", {{"count", n}});
    };
    EXPECT_EQ(entries(1), "1 wpis");
    EXPECT_EQ(entries(2), "2 wpisy");
    EXPECT_EQ(entries(5), "5 wpisów");
    EXPECT_EQ(entries(12), "12 wpisów");
    EXPECT_EQ(entries(22), "22 wpisy");
    EXPECT_EQ(entries(25), "25 wpisów");
    EXPECT_EQ(entries(0), "0 wpisów");
    EXPECT_EQ(entries(104), "104 wpisy");
    EXPECT_EQ(entries(111), "111 wpisów");
}

TEST(i18n, english_and_german_counts_take_one_and_other) {
    const Catalogue& c = shipped();
    EXPECT_EQ(c.text("en", "journal.entry_count", {{"count", 1}}), "1 entry");
    EXPECT_EQ(c.text("en", "journal.entry_count", {{"count", 2}}), "2 entries");
    EXPECT_EQ(c.text("de", "journal.entry_count", {{"count", 1}}), "1 Eintrag");
    EXPECT_EQ(c.text("de", "journal.entry_count", {{"count", 22}}), "22 Einträge");
}

TEST(i18n, numbers_are_written_the_way_the_language_writes_them) {
    const Catalogue& c = shipped();
    // The grouping separator differs: "1,234" in English, "1.234" in German, a no-break space in
    // Polish.
    EXPECT_EQ(c.text("en", "journal.entry_count", {{"count", 1234}}), "1,234 entries");
    EXPECT_EQ(c.text("de", "journal.entry_count", {{"count", 1234}}), "1.234 Einträge");
    EXPECT_EQ(c.text("pl", "journal.entry_count", {{"count", 1234}}), "1\u00a0234 wpisy");
    EXPECT_EQ(c.text("pl", "journal.entry_count", {{"count", 12345}}), "12\u00a0345 wpisów");
}

TEST(i18n, select_picks_the_words_for_the_kind_of_appointment) {
    const Catalogue& c = shipped();
    EXPECT_EQ(c.text("en", "calendar.appointment.title", {{"modality", "video"}}),
              "Appointment (video call)");
    EXPECT_EQ(c.text("pl", "calendar.appointment.title", {{"modality", "phone"}}),
              "Spotkanie (rozmowa telefoniczna)");
    EXPECT_EQ(c.text("de", "calendar.appointment.title", {{"modality", "in_person"}}), "Termin");
}

TEST(i18n, dates_are_written_in_the_readers_language_and_time_zone) {
    const Catalogue& c = shipped();
    // 2031-03-04T08:30:00Z: 09:30 in Warsaw and Berlin (winter time), 08:30 in UTC.
    const Instant start{1930379400000LL};
    ASSERT_EQ(to_rfc3339(start.ms), "2031-03-04T08:30:00.000Z");
    std::string pl =
        c.text("pl", "calendar.appointment.description", {{"start", start}}, "Europe/Warsaw");
    EXPECT_NE(pl.find("wtorek, 4 marca 2031"), std::string::npos) << pl;
    EXPECT_NE(pl.find("09:30"), std::string::npos) << pl;
    std::string de =
        c.text("de", "calendar.appointment.description", {{"start", start}}, "Europe/Berlin");
    EXPECT_NE(de.find("Dienstag, 4. März 2031"), std::string::npos) << de;
    EXPECT_NE(de.find("um 09:30 Uhr"), std::string::npos) << de;
    std::string en = c.text("en", "calendar.appointment.description", {{"start", start}});
    EXPECT_NE(en.find("Tuesday, March 4, 2031"), std::string::npos) << en;
    EXPECT_NE(en.find("8:30"), std::string::npos) << en;
}

TEST(i18n, an_unsupported_locale_reads_english_and_an_unknown_key_shows_itself) {
    const Catalogue& c = shipped();
    EXPECT_EQ(c.text("fr", "journal.entry_count", {{"count", 2}}), "2 entries");
    EXPECT_EQ(c.text("pl", "no.such.key"), "no.such.key");
}

TEST(i18n, a_key_missing_in_one_language_stops_the_load_naming_file_and_key) {
    const std::string en = R"({"a.one": "One", "a.two": "Two"})";
    std::string error = load_error(files(en, R"({"a.one": "Jeden"})", en));
    EXPECT_NE(error.find("pl.json: a.two"), std::string::npos) << error;
    error = load_error(files(en, en, R"({"a.one": "Eins", "a.two": "Zwei", "a.three": "Drei"})"));
    EXPECT_NE(error.find("de.json: a.three"), std::string::npos) << error;
    EXPECT_EQ(load_error(files(en, en, en)), "");
}

TEST(i18n, a_malformed_catalogue_stops_the_load_naming_file_and_key) {
    const std::string ok = R"({"k": "{n, plural, one {# x} other {# y}}"})";
    std::string error = load_error(files(ok, R"({"k": "{n, plural, one {# x} other {# y}"})", ok));
    EXPECT_NE(error.find("pl.json: k"), std::string::npos) << error;
    error = load_error(files(ok, ok, "[1, 2]"));
    EXPECT_NE(error.find("de.json"), std::string::npos) << error;
    error = load_error(files(ok, ok, "{not json"));
    EXPECT_NE(error.find("de.json"), std::string::npos) << error;
    error = load_error(files(ok, R"({"k": 3})", ok));
    EXPECT_NE(error.find("pl.json: k"), std::string::npos) << error;
    error = load_error(files(R"({"Bad Key": "x"})", ok, ok));
    EXPECT_NE(error.find("en.json: Bad Key"), std::string::npos) << error;
    error = load_error(files(R"({"k": "{0} x"})", ok, ok));
    EXPECT_NE(error.find("en.json: k"), std::string::npos) << error;
    error = load_error({{"en", ok}, {"pl", ok}});
    EXPECT_NE(error.find("de.json"), std::string::npos) << error;
}

TEST(i18n, a_translation_must_use_the_same_arguments_as_english) {
    const std::string en = R"({"k": "{count, plural, one {# entry} other {# entries}}"})";
    std::string error = load_error(files(en, R"({"k": "wpisy"})", en));
    EXPECT_NE(error.find("pl.json: k"), std::string::npos) << error;
    EXPECT_NE(error.find("other arguments"), std::string::npos) << error;
}

TEST(i18n, load_names_the_folder_when_a_file_is_missing) {
    auto loaded = Catalogue::load("/nonexistent/catalogue");
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().message.find("/nonexistent/catalogue/en.json"), std::string::npos)
        << loaded.error().message;
}

}  // namespace
}  // namespace trove::i18n
