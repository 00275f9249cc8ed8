// Every shipped instrument scored against vectors worked by hand from the published keys
// (tests/data/instrument_vectors.json, written without looking at the engine or the instrument
// files), and the Jacobson-Truax reliable change index against worked examples.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "domain/measures/scoring.hpp"

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

json vectors() {
    std::ifstream in(std::string(TROVE_SOURCE_DIR) + "/tests/data/instrument_vectors.json");
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

// The vectors name IPIP-VIA-R's scales by the IPIP key's abbreviations; Trove by VIA codes.
std::string scale_id(const std::string& instrument, const std::string& id) {
    static const std::map<std::string, std::string> via = {{"app", "appreciation_of_beauty"},
                                                           {"cap", "love"},
                                                           {"cit", "teamwork"},
                                                           {"cur", "curiosity"},
                                                           {"equ", "fairness"},
                                                           {"for", "forgiveness"},
                                                           {"gra", "gratitude"},
                                                           {"hop", "hope"},
                                                           {"hum", "humor"},
                                                           {"ind", "perseverance"},
                                                           {"int", "honesty"},
                                                           {"jud", "judgment"},
                                                           {"kin", "kindness"},
                                                           {"lea", "leadership"},
                                                           {"lov", "love_of_learning"},
                                                           {"mod", "humility"},
                                                           {"ori", "creativity"},
                                                           {"per", "perspective"},
                                                           {"pru", "prudence"},
                                                           {"sel", "self_regulation"},
                                                           {"soc", "social_intelligence"},
                                                           {"spi", "spirituality"},
                                                           {"val", "bravery"},
                                                           {"zes", "zest"}};
    if (instrument == "ipipvia" && via.count(id))
        return via.at(id);
    return id;
}

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

double round4(double v) {
    return std::round(v * 10000.0) / 10000.0;
}

}  // namespace

TEST(instrument_files, all_twelve_ship_and_load) {
    std::vector<std::string> ids;
    for (const Instrument& i : shipped())
        ids.push_back(i.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"brs", "fs", "gad7", "gq6", "gse", "ipipvia", "phq9",
                                             "rses", "scssf", "spane", "swls", "who5"}));
    EXPECT_FALSE(instrument("who5").licence.default_enabled);
    EXPECT_FALSE(instrument("gse").licence.default_enabled);
    EXPECT_FALSE(instrument("gq6").licence.default_enabled);
    EXPECT_TRUE(instrument("phq9").licence.default_enabled);
    EXPECT_FALSE(instrument("phq9").higher_is_better);
    EXPECT_TRUE(instrument("swls").higher_is_better);
    EXPECT_EQ(instrument("ipipvia").scales.size(), 24u);
    EXPECT_FALSE(instrument("ipipvia").questionnaire.contains("trove"));
}

TEST(instrument_vectors, every_vector_scores_as_worked_by_hand) {
    json all = vectors();
    std::map<std::string, int> per_instrument;
    for (const json& v : all["vectors"]) {
        const std::string id = v["instrument"];
        const std::string name = id + " / " + v["name"].get<std::string>();
        SCOPED_TRACE(name);
        const Instrument& ins = instrument(id);
        Answers answers;
        for (const auto& [link, value] : v["answers"].items())
            answers[link] = value.is_null() ? std::nullopt : std::optional<int>(value.get<int>());
        auto scored = score(ins, answers);
        ASSERT_TRUE(scored.ok()) << scored.error().message;
        ++per_instrument[id];
        const json& expect = v["expect"];
        const ScaleScore* total = scored->total(ins);
        if (expect.contains("total")) {
            if (expect["total"].is_null()) {
                EXPECT_TRUE(!total || !total->value) << v["why"];
            } else {
                ASSERT_NE(total, nullptr);
                ASSERT_TRUE(total->value.has_value()) << total->why << " / " << v["why"];
                EXPECT_NEAR(round4(*total->value), expect["total"].get<double>(), 1e-4) << v["why"];
            }
        }
        if (expect.contains("band") && !expect["band"].is_null()) {
            ASSERT_NE(total, nullptr);
            ASSERT_TRUE(total->band.has_value()) << v["why"];
            // The key's band names are a prefix of the file's labels ("normal" / "Normal
            // resilience").
            EXPECT_EQ(lower(*total->band).rfind(lower(expect["band"].get<std::string>()), 0), 0u)
                << *total->band << " vs " << expect["band"] << ": " << v["why"];
        }
        if (expect.contains("percentile")) {
            ASSERT_NE(total, nullptr);
            if (expect["percentile"].is_null()) {
                EXPECT_FALSE(total->percentile.has_value()) << v["why"];
            } else {
                ASSERT_TRUE(total->percentile.has_value()) << v["why"];
                EXPECT_EQ(total->percentile->from, expect["percentile"]["from"].get<double>())
                    << v["why"];
                EXPECT_EQ(total->percentile->to, expect["percentile"]["to"].get<double>())
                    << v["why"];
                EXPECT_FALSE(total->percentile->norm.empty());
            }
        }
        if (expect.contains("prorated")) {
            EXPECT_EQ(scored->prorated, expect["prorated"].get<bool>()) << v["why"];
        }
        if (expect.contains("missing")) {
            EXPECT_EQ(scored->missing, expect["missing"].get<int>());
        }
        if (expect.contains("alerts")) {
            std::vector<std::string> items;
            for (const AlertHit& a : scored->alerts)
                items.push_back(a.item);
            EXPECT_EQ(items, expect["alerts"].get<std::vector<std::string>>()) << v["why"];
        }
        if (v.contains("scales")) {
            for (const auto& [scale, value] : v["scales"].items()) {
                const ScaleScore* s = scored->scale(scale_id(id, scale));
                ASSERT_NE(s, nullptr) << "no scale " << scale;
                if (value.is_null()) {
                    EXPECT_FALSE(s->value.has_value()) << scale;
                } else {
                    ASSERT_TRUE(s->value.has_value()) << scale << ": " << s->why;
                    EXPECT_NEAR(round4(*s->value), value.get<double>(), 1e-4) << scale;
                }
            }
        }
    }
    for (const Instrument& ins : shipped())
        EXPECT_GE(per_instrument[ins.id], 4) << ins.id << " needs min, max, mixed and missing";
}

TEST(instrument_vectors, reliable_change_matches_the_worked_examples) {
    json all = vectors();
    ASSERT_GE(all["rci"].size(), 3u);
    for (const json& c : all["rci"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        Instrument ins;
        ins.higher_is_better = c["better"] == "higher";
        Scale scale;
        auto change = reliable_change(
            ins, scale, c["baseline"].get<double>(), c["now"].get<double>(),
            ChangeNorm{c["sd"].get<double>(), c["reliability"].get<double>(), "worked example"});
        ASSERT_TRUE(change.has_value());
        EXPECT_NEAR(round4(change->sediff), c["expect"]["sediff"].get<double>(), 1e-4);
        EXPECT_NEAR(round4(change->rci), c["expect"]["rci"].get<double>(), 1e-4);
        EXPECT_EQ(change->reliable, c["expect"]["reliable"]) << c["why"];
    }
}

TEST(instrument_vectors, invalid_answers_are_refused_not_scored) {
    const Instrument& phq9 = instrument("phq9");
    EXPECT_FALSE(score(phq9, {{"1", 4}}).ok());
    EXPECT_FALSE(score(phq9, {{"1", -1}}).ok());
    EXPECT_FALSE(score(phq9, {{"10", 1}}).ok());
    auto e = score(phq9, {{"x", 1}});
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.error().message.find("not an item"), std::string::npos);
}

TEST(instrument_vectors, no_norm_means_no_reliable_change_index) {
    Instrument ins;
    Scale scale;  // no norms
    EXPECT_FALSE(reliable_change(ins, scale, 10, 20).has_value());
    Norm mean_only;
    mean_only.label = "mean only";
    mean_only.mean = 20.0;
    mean_only.reliability = 0.8;
    mean_only.reliability_type = "alpha";
    mean_only.citation = "c";
    scale.norms.push_back(mean_only);
    EXPECT_FALSE(reliable_change(ins, scale, 10, 20).has_value());
}

TEST(percentiles, a_value_on_a_range_edge_lies_in_that_range_and_one_between_ranges_in_none) {
    Scale scale;
    scale.range = std::make_pair(6.0, 42.0);
    Norm table;
    table.label = "sample";
    table.citation = "c";
    table.percentiles = {{6, 34, 0, 25}, {35, 37, 25, 50}, {38, 40, 50, 75}};
    scale.norms.push_back(table);
    auto at = [&](double v) { return percentile_of(scale, v); };
    ASSERT_TRUE(at(6).has_value());
    EXPECT_EQ(at(6)->to, 25);
    EXPECT_EQ(at(34)->from, 0);   // the top edge belongs to the lower range
    EXPECT_EQ(at(35)->from, 25);  // the bottom edge belongs to the upper range
    EXPECT_EQ(at(35)->to, 50);
    EXPECT_EQ(at(37)->to, 50);
    EXPECT_EQ(at(38)->from, 50);
    EXPECT_EQ(at(35)->norm, "sample");
    EXPECT_FALSE(at(34.5).has_value());  // a prorated value between ranges gets none
    EXPECT_FALSE(at(41).has_value());    // beyond the table
    EXPECT_FALSE(at(5.99).has_value());
    // Floating-point noise around a whole score does not drop it between ranges.
    EXPECT_EQ(at(35.0 - 1e-12)->from, 25);
    // A scale without a percentile table never gets one.
    EXPECT_FALSE(percentile_of(Scale{}, 35).has_value());
}

TEST(percentiles, gq6_reports_its_percentile_in_the_scored_json) {
    const Instrument& gq6 = instrument("gq6");
    auto scored = score(gq6, {{"1", 7}, {"2", 7}, {"3", 2}, {"4", 6}, {"5", 6}, {"6", 2}});
    ASSERT_TRUE(scored.ok());
    json out = to_json(gq6, scored.value());
    EXPECT_EQ(out["scores"]["total"]["value"], 38);
    EXPECT_EQ(out["scores"]["total"]["percentile"],
              (json{{"from", 50}, {"to", 75}, {"norm", "Adult web sample"}}));
    auto phq = score(instrument("phq9"), {{"1", 1}});
    ASSERT_TRUE(phq.ok());
    EXPECT_FALSE(
        to_json(instrument("phq9"), phq.value())["scores"]["total"].contains("percentile"));
}

TEST(percentiles, only_gq6_ships_a_percentile_table) {
    for (const Instrument& ins : shipped()) {
        bool has = false;
        for (const Scale& s : ins.scales)
            for (const Norm& n : s.norms)
                has = has || !n.percentiles.empty();
        EXPECT_EQ(has, ins.id == "gq6") << ins.id;
    }
}

TEST(percentiles, a_malformed_percentile_table_is_refused_naming_the_field) {
    std::ifstream in(std::string(TROVE_SOURCE_DIR) + "/instruments/gq6.json");
    std::stringstream text;
    text << in.rdbuf();
    const json good = json::parse(text.str());
    ASSERT_TRUE(parse_instrument("gq6.json", good.dump()).ok());
    const std::string norm = "trove.scales[0].norms[0].";
    struct Breakage {
        std::function<void(json&)> change;
        std::string field;
    };
    auto table = [](json& j) -> json& {
        return j["trove"]["scales"][0]["norms"][0]["percentiles"];
    };
    std::vector<Breakage> breakages = {
        {[&](json& j) { table(j) = "0-25"; }, norm + "percentiles"},
        {[&](json& j) { table(j) = json::array(); }, norm + "percentiles"},
        {[&](json& j) { table(j)[1].erase("to"); }, norm + "percentiles[1].to"},
        {[&](json& j) { table(j)[1]["from"] = "25"; }, norm + "percentiles[1].from"},
        {[&](json& j) { table(j)[1]["max"] = 34; }, norm + "percentiles[1].max"},  // max < min
        {[&](json& j) { table(j)[1]["min"] = 34; }, norm + "percentiles[1].min"},  // overlaps
        {[&](json& j) { table(j)[0]["min"] = 5; }, norm + "percentiles[0].min"},   // below range
        {[&](json& j) { table(j)[4]["max"] = 43; }, norm + "percentiles[4].max"},  // above range
        {[&](json& j) { table(j)[0]["from"] = -1; }, norm + "percentiles[0].from"},
        {[&](json& j) { table(j)[4]["to"] = 101; }, norm + "percentiles[4].to"},
        {[&](json& j) { table(j)[2]["to"] = 40; }, norm + "percentiles[2].to"},      // to < from
        {[&](json& j) { table(j)[2]["from"] = 20; }, norm + "percentiles[2].from"},  // falls back
        {[&](json& j) { j["trove"]["scales"][0]["norms"][0].erase("label"); }, norm + "label"},
        {[&](json& j) { j["trove"]["scales"][0].erase("range"); }, norm + "percentiles"},
    };
    for (const auto& b : breakages) {
        json broken = good;
        b.change(broken);
        auto r = parse_instrument("gq6.json", broken.dump());
        ASSERT_FALSE(r.ok()) << b.field;
        EXPECT_NE(r.error().message.find("gq6.json: " + b.field), std::string::npos)
            << b.field << " / " << r.error().message;
    }
}

TEST(instrument_files, a_malformed_file_is_refused_naming_the_file_and_the_field) {
    std::ifstream in(std::string(TROVE_SOURCE_DIR) + "/instruments/brs.json");
    std::stringstream text;
    text << in.rdbuf();
    const json good = json::parse(text.str());
    ASSERT_TRUE(parse_instrument("brs.json", good.dump()).ok());
    struct Breakage {
        std::function<void(json&)> change;
        std::string field;
    };
    std::vector<Breakage> breakages = {
        {[](json& j) { j["trove"].erase("better"); }, "trove.better"},
        {[](json& j) { j["item"][1]["linkId"] = "7"; }, "item[1].linkId"},
        {[](json& j) {
             j["trove"]["reverse_items"] = {"2", "9"};
         },
         "trove.reverse_items"},
        {[](json& j) { j["item"][0]["answerOption"].erase(0); }, "item[0].answerOption"},
        {[](json& j) { j["trove"]["scales"][0]["method"] = "median"; }, "trove.scales[0].method"},
        {[](json& j) { j["trove"]["primary"] = "nothing"; }, "trove.primary"},
        {[](json& j) { j["trove"]["licence"]["status"] = "maybe"; }, "trove.licence.status"},
        {[](json& j) { j["id"] = "other"; }, "id"},
    };
    for (const auto& b : breakages) {
        json broken = good;
        b.change(broken);
        auto r = parse_instrument("brs.json", broken.dump());
        ASSERT_FALSE(r.ok()) << b.field;
        EXPECT_NE(r.error().message.find("brs.json: " + b.field), std::string::npos)
            << r.error().message;
    }
    EXPECT_FALSE(parse_instrument("brs.json", "{not json").ok());
}

// Validated translations: the wording changes, the scoring key does not.

TEST(translations, phq9_gad7_ship_in_polish_and_german_and_gse_in_german_only) {
    for (const std::string id : {"phq9", "gad7"}) {
        EXPECT_NE(instrument(id).translation("pl"), nullptr) << id;
        EXPECT_NE(instrument(id).translation("de"), nullptr) << id;
    }
    EXPECT_NE(instrument("gse").translation("de"), nullptr);
    EXPECT_EQ(instrument("gse").translation("pl"), nullptr);
    // No validated translation whose terms allow it is known for these: they stay English.
    for (const std::string id : {"swls", "fs", "spane", "rses", "brs", "gq6", "scssf", "ipipvia"})
        EXPECT_TRUE(instrument(id).translations.empty()) << id;
}

TEST(translations, a_polish_phq9_carries_the_official_wording_and_the_same_codes) {
    const Instrument& phq9 = instrument("phq9");
    json pl = localized_questionnaire(phq9, "pl");
    EXPECT_EQ(pl["language"], "pl");
    EXPECT_EQ(pl["item"][0]["text"],
              "Niewielkie zainteresowanie lub odczuwanie przyjemności z wykonywania czynności");
    EXPECT_EQ(pl["item"][0]["answerOption"][3]["valueCoding"]["display"], "Niemal codziennie");
    EXPECT_EQ(pl["item"][0]["answerOption"][3]["valueCoding"]["code"], "3");
    EXPECT_EQ(pl["item"].size(), phq9.questionnaire["item"].size());
    for (std::size_t i = 0; i < pl["item"].size(); ++i) {
        EXPECT_EQ(pl["item"][i]["linkId"], phq9.questionnaire["item"][i]["linkId"]);
        EXPECT_EQ(pl["item"][i]["code"], phq9.questionnaire["item"][i]["code"]);
    }
    json de = localized_questionnaire(phq9, "de");
    EXPECT_EQ(de["item"][0]["text"], "Wenig Interesse oder Freude an Ihren Tätigkeiten");
    EXPECT_EQ(de["language"], "de");
}

TEST(translations, without_a_validated_translation_the_english_original_comes_back) {
    json q = localized_questionnaire(instrument("swls"), "pl");
    EXPECT_EQ(q["language"], "en");
    EXPECT_EQ(q["item"][0]["text"], instrument("swls").questionnaire["item"][0]["text"]);
    EXPECT_EQ(localized_questionnaire(instrument("gse"), "pl")["language"], "en");
    EXPECT_EQ(localized_questionnaire(instrument("phq9"), "fr")["language"], "en");
}

TEST(translations, the_fhir_form_carries_every_shipped_translation_on_each_text) {
    const std::string kUrl = "http://hl7.org/fhir/StructureDefinition/translation";
    auto languages_on = [&](const json& element) {
        std::map<std::string, std::string> out;
        for (const json& e : element.value("extension", json::array())) {
            EXPECT_EQ(e["url"], kUrl);
            std::string lang, content;
            for (const json& part : e["extension"]) {
                if (part["url"] == "lang")
                    lang = part["valueCode"];
                if (part["url"] == "content")
                    content = part["valueString"];
            }
            out[lang] = content;
        }
        return out;
    };
    json en = fhir_questionnaire(instrument("phq9"), "en");
    EXPECT_EQ(en["item"][0]["text"], "Little interest or pleasure in doing things");
    auto item = languages_on(en["item"][0]["_text"]);
    EXPECT_EQ(item.size(), 2u);
    EXPECT_EQ(item["pl"],
              "Niewielkie zainteresowanie lub odczuwanie przyjemności z wykonywania czynności");
    EXPECT_EQ(item["de"], "Wenig Interesse oder Freude an Ihren Tätigkeiten");
    auto display = languages_on(en["item"][8]["answerOption"][0]["valueCoding"]["_display"]);
    EXPECT_EQ(display["de"], "Überhaupt nicht");
    EXPECT_EQ(display["pl"], "Wcale nie dokuczały");
    EXPECT_EQ(languages_on(en["_title"])["de"], "Gesundheitsfragebogen für Patienten (PHQ-9)");
    EXPECT_TRUE(languages_on(en["_description"]).count("pl"));

    // Served in Polish, the English original travels as a translation too.
    json pl = fhir_questionnaire(instrument("phq9"), "pl");
    EXPECT_EQ(pl["language"], "pl");
    EXPECT_EQ(languages_on(pl["item"][0]["_text"])["en"],
              "Little interest or pleasure in doing things");
    // An instrument without translations gets no extension elements.
    json swls = fhir_questionnaire(instrument("swls"), "pl");
    EXPECT_FALSE(swls["item"][0].contains("_text"));
    EXPECT_FALSE(swls.contains("_title"));
}

TEST(translations, a_translated_administration_scores_exactly_as_the_original) {
    // Scoring works on linkIds and values, which a translation cannot change; the same answers
    // give the same scores whichever language the questionnaire was read in.
    for (const std::string id : {"phq9", "gad7", "gse", "who5"}) {
        const Instrument& ins = instrument(id);
        for (const auto& [language, tr] : ins.translations) {
            json q = localized_questionnaire(ins, language);
            Answers answers;
            int k = 0;
            for (const json& item : q["item"])
                answers[item["linkId"]] =
                    ins.response_min + (k++ % (ins.response_max - ins.response_min + 1));
            Answers original;
            for (const Item& item : ins.items)
                original[item.link_id] = answers.at(item.link_id);
            auto a = score(ins, answers);
            auto b = score(ins, original);
            ASSERT_TRUE(a.ok() && b.ok());
            EXPECT_EQ(to_json(ins, a.value()), to_json(ins, b.value())) << id << " " << language;
        }
    }
}

TEST(translations, a_translation_missing_a_text_or_with_an_unknown_field_is_refused) {
    std::ifstream in(std::string(TROVE_SOURCE_DIR) + "/instruments/phq9.json");
    std::stringstream text;
    text << in.rdbuf();
    const json good = json::parse(text.str());
    ASSERT_TRUE(parse_instrument("phq9.json", good.dump()).ok());
    const std::string pl = "trove.translations.pl.";
    struct Breakage {
        std::function<void(json&)> change;
        std::string field;
    };
    std::vector<Breakage> breakages = {
        {[](json& j) { j["trove"]["translations"]["pl"]["items"].erase("9"); }, pl + "items.9"},
        {[](json& j) { j["trove"]["translations"]["pl"]["items"]["10"] = "x"; }, pl + "items.10"},
        {[](json& j) { j["trove"]["translations"]["pl"]["answers"].erase("2"); }, pl + "answers.2"},
        {[](json& j) { j["trove"]["translations"]["pl"]["answers"]["4"] = "x"; }, pl + "answers"},
        {[](json& j) { j["trove"]["translations"]["pl"].erase("title"); }, pl + "title"},
        {[](json& j) { j["trove"]["translations"]["pl"].erase("source"); }, pl + "source"},
        {[](json& j) { j["trove"]["translations"]["pl"].erase("licence"); }, pl + "licence"},
        {[](json& j) { j["trove"]["translations"]["pl"].erase("norms_note"); }, pl + "norms_note"},
        {[](json& j) { j["trove"]["translations"]["pl"]["machine"] = true; }, pl + "machine"},
        {[](json& j) { j["trove"]["translations"]["fr"] = j["trove"]["translations"]["pl"]; },
         "trove.translations.fr"},
        {[](json& j) { j["trove"]["translations"]["de"]["scales"]["total"]["method"] = "mean"; },
         "trove.translations.de.scales.total.method"},
        {[](json& j) { j["trove"]["translations"]["de"]["scales"]["nothing"] = json::object(); },
         "trove.translations.de.scales.nothing"},
    };
    for (const auto& b : breakages) {
        json broken = good;
        b.change(broken);
        auto r = parse_instrument("phq9.json", broken.dump());
        ASSERT_FALSE(r.ok()) << b.field;
        EXPECT_NE(r.error().message.find("phq9.json: " + b.field), std::string::npos)
            << b.field << " / " << r.error().message;
    }
}

TEST(translations, a_language_study_gives_its_own_norms_for_the_scales_it_names) {
    const Instrument& phq9 = instrument("phq9");
    const Scale* de = phq9.scale_in("total", "de");
    ASSERT_NE(de, nullptr);
    ASSERT_FALSE(de->norms.empty());
    EXPECT_NE(de->norms[0].citation.find("Kocalevent"), std::string::npos);
    // Polish has no norms of its own: the original's scale, and the file says so in words.
    EXPECT_EQ(phq9.scale_in("total", "pl"), phq9.scale("total"));
    EXPECT_NE(phq9.translation("pl")->norms_note.find("not Polish"), std::string::npos);
}
