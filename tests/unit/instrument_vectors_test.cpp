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
    scale.norms.push_back(
        Norm{"mean only", 20.0, std::nullopt, 0.8, "alpha", "", "c", false, false});
    EXPECT_FALSE(reliable_change(ins, scale, 10, 20).has_value());
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
