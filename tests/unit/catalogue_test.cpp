#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/resources/catalogue.hpp"

using namespace trove::resources;

namespace {

// The 24 VIA character strengths by virtue; the codes are a contract with the API and the web app.
const std::map<std::string, std::string>& expected_virtues() {
    static const std::map<std::string, std::string> all = {
        {"creativity", "wisdom"},
        {"curiosity", "wisdom"},
        {"judgment", "wisdom"},
        {"love_of_learning", "wisdom"},
        {"perspective", "wisdom"},
        {"bravery", "courage"},
        {"perseverance", "courage"},
        {"honesty", "courage"},
        {"zest", "courage"},
        {"love", "humanity"},
        {"kindness", "humanity"},
        {"social_intelligence", "humanity"},
        {"teamwork", "justice"},
        {"fairness", "justice"},
        {"leadership", "justice"},
        {"forgiveness", "temperance"},
        {"humility", "temperance"},
        {"prudence", "temperance"},
        {"self_regulation", "temperance"},
        {"appreciation_of_beauty", "transcendence"},
        {"gratitude", "transcendence"},
        {"hope", "transcendence"},
        {"humor", "transcendence"},
        {"spirituality", "transcendence"},
    };
    return all;
}

const std::vector<std::string> kCategoryCodes = {"strength", "skill",   "social",   "body",
                                                 "material", "meaning", "interest", "success"};

}  // namespace

TEST(catalogue, has_the_eight_categories_in_their_display_order) {
    std::vector<std::string> codes;
    for (const Category& c : categories())
        codes.push_back(c.code);
    EXPECT_EQ(codes, kCategoryCodes);
}

TEST(catalogue, every_category_has_a_title) {
    for (const Category& c : categories())
        EXPECT_FALSE(c.title.empty()) << c.code;
}

TEST(catalogue, has_exactly_the_24_via_strengths) {
    ASSERT_EQ(strengths().size(), 24u);
    std::set<std::string> codes;
    for (const Strength& s : strengths()) {
        EXPECT_TRUE(codes.insert(s.code).second) << "duplicate strength " << s.code;
        EXPECT_EQ(expected_virtues().count(s.code), 1u) << "unexpected strength " << s.code;
    }
    EXPECT_EQ(codes.size(), expected_virtues().size());
}

TEST(catalogue, each_strength_belongs_to_its_virtue) {
    for (const Strength& s : strengths()) {
        auto it = expected_virtues().find(s.code);
        ASSERT_NE(it, expected_virtues().end()) << s.code;
        EXPECT_EQ(s.virtue, it->second) << s.code;
    }
}

TEST(catalogue, the_six_virtues_hold_five_four_three_three_four_and_five_strengths) {
    std::map<std::string, int> per_virtue;
    for (const Strength& s : strengths())
        ++per_virtue[s.virtue];
    const std::map<std::string, int> want = {{"wisdom", 5},     {"courage", 4},
                                             {"humanity", 3},   {"justice", 3},
                                             {"temperance", 4}, {"transcendence", 5}};
    EXPECT_EQ(per_virtue, want);
}

TEST(catalogue, every_strength_has_a_name_and_a_description) {
    for (const Strength& s : strengths()) {
        EXPECT_FALSE(s.name.empty()) << s.code;
        EXPECT_FALSE(s.description.empty()) << s.code;
    }
}

TEST(catalogue, the_interview_has_one_section_per_category_with_at_least_two_questions) {
    ASSERT_EQ(interview().size(), kCategoryCodes.size());
    std::set<std::string> covered;
    for (const InterviewSection& section : interview()) {
        EXPECT_TRUE(is_category(section.category)) << section.category;
        EXPECT_TRUE(covered.insert(section.category).second)
            << "two sections for " << section.category;
        EXPECT_FALSE(section.title.empty()) << section.category;
        EXPECT_GE(section.questions.size(), 2u) << section.category;
        for (const std::string& q : section.questions)
            EXPECT_FALSE(q.empty()) << section.category;
    }
    EXPECT_EQ(covered, std::set<std::string>(kCategoryCodes.begin(), kCategoryCodes.end()));
}

TEST(catalogue, is_category_accepts_the_eight_codes_only) {
    for (const std::string& code : kCategoryCodes)
        EXPECT_TRUE(is_category(code)) << code;
    for (const char* code : {"Strength", "", "strengths", "humour", "wisdom", "strength "})
        EXPECT_FALSE(is_category(code)) << "'" << code << "'";
}

TEST(catalogue, is_strength_accepts_the_24_codes_only) {
    for (const auto& [code, virtue] : expected_virtues())
        EXPECT_TRUE(is_strength(code)) << code;
    // Codes are exact: not a name, not a British spelling, not a virtue, not a category.
    for (const char* code :
         {"Strength", "", "humour", "Perseverance", "love of learning", "wisdom", "strength"})
        EXPECT_FALSE(is_strength(code)) << "'" << code << "'";
}
