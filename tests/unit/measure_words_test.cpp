// Trove's own words about each shipped questionnaire (construct, scales, bands, norms, alerts,
// licence) have a key in the server catalogue in every language, and the English there is the
// instrument file's own, byte for byte; stored scores are put into the reader's language without
// changing a number, and English comes back exactly as stored.
#include <gtest/gtest.h>

#include <set>

#include "domain/measures/scoring.hpp"
#include "domain/measures/words.hpp"
#include "i18n/locales.hpp"

using namespace trove;
using namespace trove::measures;
using nlohmann::json;

namespace {

const std::vector<Instrument>& shipped() {
    static const std::vector<Instrument> all = [] {
        auto loaded = load_instruments(std::string(TROVE_SOURCE_DIR) + "/instruments");
        if (!loaded.ok())
            throw std::runtime_error(loaded.error().message);
        return loaded.value();
    }();
    return all;
}

const Instrument& instrument(const std::string& id) {
    for (const Instrument& i : shipped())
        if (i.id == id)
            return i;
    throw std::runtime_error("no instrument " + id);
}

const i18n::Catalogue& catalogue() {
    static const i18n::Catalogue c = [] {
        auto loaded = i18n::Catalogue::load(std::string(TROVE_SOURCE_DIR) + "/locales/server");
        if (!loaded.ok())
            throw std::runtime_error(loaded.error().message);
        return loaded.value();
    }();
    return c;
}

Answers answers(const std::vector<int>& values) {
    Answers a;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] >= 0)
            a[std::to_string(i + 1)] = values[i];
        else
            a[std::to_string(i + 1)] = std::nullopt;
    }
    return a;
}

TEST(measure_words, every_instruments_words_have_a_key_in_english_polish_and_german) {
    // The catalogue refuses to load when a key is in one language and not another, so a key in
    // English is a key in all three; this checks that every word of every instrument has one,
    // that the English is the file's own, and that Polish and German say something.
    const i18n::Catalogue& c = catalogue();
    for (const Instrument& ins : shipped()) {
        std::set<std::string> seen;
        const std::vector<WordKey> keys = word_keys(ins);
        EXPECT_GE(keys.size(), 4u) << ins.id;
        for (const WordKey& w : keys) {
            EXPECT_TRUE(seen.insert(w.key).second) << ins.id << ": two words share " << w.key;
            ASSERT_TRUE(c.has(w.key))
                << ins.id << ": no catalogue key " << w.key << " for \"" << w.english
                << "\" (add it to locales/server/en.json, pl.json and de.json)";
            EXPECT_EQ(c.text("en", w.key), w.english)
                << w.key << ": en.json must hold the instrument file's English exactly";
            for (std::string_view locale : i18n::kLocales) {
                const std::string text = c.text(locale, w.key);
                EXPECT_FALSE(text.empty()) << locale << " " << w.key;
                EXPECT_NE(text, w.key) << locale << " " << w.key;
            }
        }
    }
}

TEST(measure_words, the_keys_follow_the_instrument_scale_and_band) {
    const Instrument& phq9 = instrument("phq9");
    std::set<std::string> keys;
    for (const WordKey& w : word_keys(phq9))
        keys.insert(w.key);
    for (const char* key :
         {"measures.phq9.construct", "measures.phq9.scale.total", "measures.phq9.band.total.0",
          "measures.phq9.band.total.15", "measures.phq9.norm.total.0", "measures.phq9.alert.9",
          "measures.phq9.licence"}) {
        EXPECT_TRUE(keys.count(key)) << key;
    }
    // A decimal lower bound and an id with a hyphen become key parts.
    std::set<std::string> brs;
    for (const WordKey& w : word_keys(instrument("brs")))
        brs.insert(w.key);
    EXPECT_TRUE(brs.count("measures.brs.band.total.4_3"));
}

TEST(measure_words, polish_and_german_readers_get_their_words_and_english_is_unchanged) {
    const Instrument& phq9 = instrument("phq9");
    const Scale& total = *phq9.scale("total");
    const Words en(catalogue(), "en"), pl(catalogue(), "pl"), de(catalogue(), "de");
    EXPECT_EQ(en.construct(phq9), "Depression symptoms");
    EXPECT_EQ(pl.construct(phq9), "Objawy depresji");
    EXPECT_EQ(de.construct(phq9), "Depressive Symptome");
    EXPECT_EQ(en.band(phq9, total, total.bands[3]), "Moderately severe");
    EXPECT_EQ(pl.band(phq9, total, total.bands[3]), "Umiarkowanie ciężkie");
    EXPECT_EQ(de.band(phq9, total, total.bands[3]), "Ausgeprägt");
    EXPECT_EQ(pl.norm(phq9, total, 0), "Niemiecka populacja ogólna, kobiety");
    EXPECT_EQ(en.alert(phq9, phq9.alerts[0]), phq9.alerts[0].message);
    EXPECT_EQ(en.licence(phq9), phq9.licence.text);
    EXPECT_EQ(en.deterioration(phq9),
              "PHQ-9 shows a reliable deterioration since the first administration.");
    EXPECT_EQ(de.deterioration(phq9),
              "PHQ-9 zeigt seit der ersten Erhebung eine reliable Verschlechterung.");
    // A language Trove does not speak reads English.
    EXPECT_EQ(Words(catalogue(), "fr").construct(phq9), "Depression symptoms");
}

TEST(measure_words, a_stored_score_is_translated_without_changing_a_number) {
    const Instrument& phq9 = instrument("phq9");
    // 3+3+3+3+3+3+2+0+1 = 21, "Severe", and item 9 raises the alert.
    auto scored = score(phq9, answers({3, 3, 3, 3, 3, 3, 2, 0, 1}));
    ASSERT_TRUE(scored.ok());
    const json stored = to_json(phq9, scored.value());
    ASSERT_EQ(stored["scores"]["total"]["band"], "Severe");

    const json english = Words(catalogue(), "en").scored(phq9, stored);
    EXPECT_EQ(english.dump(), stored.dump()) << "English comes back byte for byte";

    const json polish = Words(catalogue(), "pl").scored(phq9, stored);
    EXPECT_EQ(polish["scores"]["total"]["band"], "Ciężkie");
    EXPECT_EQ(polish["scores"]["total"]["label"], "Wynik ogólny");
    EXPECT_EQ(polish["alerts"][0]["message"],
              "Zgłoszono myśli o śmierci lub o zrobieniu sobie krzywdy (pytanie 9).");
    // Only the words differ: every number, id and flag is the same.
    json a = polish, b = stored;
    for (json* j : {&a, &b}) {
        for (auto& s : (*j)["scores"].items()) {
            s.value().erase("label");
            s.value().erase("band");
        }
        for (json& alert : (*j)["alerts"])
            alert.erase("message");
    }
    EXPECT_EQ(a, b);
}

TEST(measure_words, why_a_scale_is_unscored_is_said_in_the_readers_language) {
    const Instrument& phq9 = instrument("phq9");
    // Three of nine items missing: more than the two the PHQ-9 allows.
    auto scored = score(phq9, answers({1, 1, 1, 1, 1, 1, -1, -1, -1}));
    ASSERT_TRUE(scored.ok());
    const json stored = to_json(phq9, scored.value());
    ASSERT_TRUE(stored["scores"]["total"]["value"].is_null());
    const std::string why = stored["scores"]["total"]["why"];
    // The catalogue's English is the engine's, word for word.
    EXPECT_EQ(Words(catalogue(), "en").not_scored(3, 9, 2), why);
    EXPECT_EQ(Words(catalogue(), "pl").scored(phq9, stored)["scores"]["total"]["why"],
              "Bez odpowiedzi: 3 z 9 pytań; ta skala dopuszcza najwyżej 2.");
    EXPECT_EQ(Words(catalogue(), "de").scored(phq9, stored)["scores"]["total"]["why"],
              "3 von 9 Fragen unbeantwortet; diese Skala erlaubt höchstens 2.");
}

TEST(measure_words, a_word_without_a_key_reads_the_instrument_files_word) {
    // A catalogue without any measures keys: every word is the instrument file's own.
    auto bare = i18n::Catalogue::from_texts(
        {{"en", R"({"x": "x"})"}, {"pl", R"({"x": "x"})"}, {"de", R"({"x": "x"})"}});
    ASSERT_TRUE(bare.ok()) << bare.error().message;
    const Instrument& gad7 = instrument("gad7");
    const Words pl(bare.value(), "pl");
    EXPECT_EQ(pl.construct(gad7), "Anxiety symptoms");
    EXPECT_EQ(pl.band(gad7, *gad7.scale("total"), gad7.scale("total")->bands[1]), "Mild");
    EXPECT_EQ(pl.deterioration(gad7),
              "GAD-7 shows a reliable deterioration since the first administration.");
    // A band stored by an older version, which the instrument no longer has, stays as stored.
    EXPECT_EQ(Words(catalogue(), "pl").band_named(gad7, *gad7.scale("total"), "Retired band"),
              "Retired band");
}

}  // namespace
