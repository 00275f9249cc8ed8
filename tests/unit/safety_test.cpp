// The safety module's pure parts: crisis resources, escalation times, the safety plan's checks and
// stored form, and when a note's risk group counts as filled.

#include <gtest/gtest.h>

#include "domain/safety/alerts.hpp"
#include "domain/safety/crisis.hpp"
#include "domain/safety/safety_plan.hpp"
#include "domain/safety/settings.hpp"
#include "domain/sessions/sessions.hpp"

using namespace trove;
using namespace trove::safety;
using nlohmann::json;

namespace {

constexpr TimeMs kHour = 3600LL * 1000;
constexpr TimeMs kRaised = 1'800'000'000'000;

}  // namespace

TEST(crisis, a_new_practice_starts_with_112_and_says_trove_is_no_emergency_service) {
    CrisisResources d = default_crisis_resources();
    ASSERT_EQ(d.contacts.size(), 1u);
    EXPECT_EQ(d.contacts[0].phone, "112");
    EXPECT_NE(d.text.find("not an emergency service"), std::string::npos);
    EXPECT_TRUE(validate(d).ok()) << "the default passes its own checks";
}

TEST(crisis, at_least_one_contact_must_have_a_phone_number_a_person_can_call) {
    CrisisResources c{"Call for help.", {{"Chat", "", "", "https://chat.example", ""}}};
    auto r = validate(c);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "contacts");
    c.contacts.push_back({"Helpline", "0800 111 0 111", "", "", "24 h"});
    EXPECT_TRUE(validate(c).ok());
}

TEST(crisis, numbers_and_addresses_are_checked_and_the_field_is_named) {
    auto field = [](CrisisContact contact) {
        auto r = validate(CrisisResources{"Text", {contact}});
        return r.ok() ? std::string("ok") : r.error().field;
    };
    EXPECT_EQ(field({"E", "+49 (0)30 / 123-45", "", "", ""}), "ok");
    EXPECT_EQ(field({"E", "112 or 110", "", "", ""}), "contacts[0].phone");
    EXPECT_EQ(field({"E", "---", "", "", ""}), "contacts[0].phone") << "no digit at all";
    EXPECT_EQ(field({"E", "112", "text me", "", ""}), "contacts[0].sms");
    EXPECT_EQ(field({"E", "112", "", "ftp://x", ""}), "contacts[0].url");
    EXPECT_EQ(field({"", "112", "", "", ""}), "contacts[0].label");
    EXPECT_EQ(field({"E", "112", "", "", "day\nnight"}), "contacts[0].hours");
    std::vector<CrisisContact> many(13, CrisisContact{"E", "112", "", "", ""});
    EXPECT_EQ(validate(CrisisResources{"Text", many}).error().field, "contacts");
}

TEST(crisis, the_stored_form_reads_back_and_a_damaged_one_is_an_error_not_an_empty_list) {
    CrisisResources c{"Text", {{"E", "112", "", "", "24 h"}, {"Line", "", "116 123", "", ""}}};
    auto back = from_stored(to_stored(c));
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back.value().contacts.size(), 2u);
    EXPECT_EQ(back.value().contacts[1].sms, "116 123");
    EXPECT_FALSE(from_stored("{\"text\": 3}").ok());
    EXPECT_FALSE(from_stored("not json").ok());
}

TEST(settings, escalation_is_between_one_hour_and_a_week_and_the_promise_a_short_line) {
    EXPECT_TRUE(validate(SettingsPatch{std::nullopt, 1}).ok());
    EXPECT_TRUE(validate(SettingsPatch{std::nullopt, 168}).ok());
    EXPECT_EQ(validate(SettingsPatch{std::nullopt, 0}).error().field, "alert_escalation_hours");
    EXPECT_EQ(validate(SettingsPatch{std::nullopt, 169}).error().field, "alert_escalation_hours");
    EXPECT_EQ(validate(SettingsPatch{std::string("ok"), std::nullopt}).error().field,
              "review_promise");
    auto trimmed = validate(SettingsPatch{std::string("  within a day "), std::nullopt});
    ASSERT_TRUE(trimmed.ok());
    EXPECT_EQ(*trimmed.value().review_promise, "within a day");
}

TEST(escalation, an_open_alert_escalates_when_its_hours_have_passed) {
    EXPECT_FALSE(escalation_time(kRaised, std::nullopt, 24, kRaised + 23 * kHour));
    auto at = escalation_time(kRaised, std::nullopt, 24, kRaised + 24 * kHour);
    ASSERT_TRUE(at);
    EXPECT_EQ(*at, kRaised + 24 * kHour) << "the moment it escalated, not now";
    EXPECT_EQ(*escalation_time(kRaised, std::nullopt, 2, kRaised + 7 * 24 * kHour),
              kRaised + 2 * kHour);
}

TEST(escalation, an_alert_handled_in_time_never_escalates_and_a_late_one_stays_escalated) {
    EXPECT_FALSE(escalation_time(kRaised, kRaised + 3 * kHour, 24, kRaised + 100 * kHour));
    auto late = escalation_time(kRaised, kRaised + 30 * kHour, 24, kRaised + 100 * kHour);
    ASSERT_TRUE(late);
    EXPECT_EQ(*late, kRaised + 24 * kHour);
}

TEST(escalation, every_recorded_action_is_one_a_clinician_can_name) {
    const auto& actions = acknowledge_actions();
    EXPECT_EQ(actions.size(), 5u);
    EXPECT_NE(std::find(actions.begin(), actions.end(), "emergency_services"), actions.end());
}

TEST(safety_plan, lists_are_trimmed_blank_lines_dropped_and_limits_named) {
    SafetyPlan p;
    p.warning_signs = {"  I stop answering ", "", "   "};
    p.reasons = {{" The kids ", "", ""}, {"", "01RESOURCE", ""}, {"  ", "", ""}};
    auto r = validate(p);
    ASSERT_TRUE(r.ok()) << r.error().field;
    EXPECT_EQ(r.value().warning_signs, std::vector<std::string>{"I stop answering"});
    ASSERT_EQ(r.value().reasons.size(), 2u);
    EXPECT_EQ(r.value().reasons[0].text, "The kids");
    EXPECT_EQ(r.value().reasons[1].resource_id, "01RESOURCE");

    SafetyPlan many;
    many.making_safe = std::vector<std::string>(21, "x");
    EXPECT_EQ(validate(many).error().field, "making_safe");
    SafetyPlan people;
    people.professionals = std::vector<Contact>(11, Contact{"Dr", "1", ""});
    EXPECT_EQ(validate(people).error().field, "professionals");
    SafetyPlan nameless;
    nameless.people_to_ask = {Contact{" ", "0151", ""}};
    EXPECT_EQ(validate(nameless).error().field, "people_to_ask");
}

TEST(safety_plan, a_coping_card_stored_before_the_plan_reads_as_a_plan) {
    const std::string card = R"({"contacts": [{"name": "Lena", "phone": "0151", "note": ""}],
        "calming_steps": ["Breathe"], "reasons": ["The kids"]})";
    auto plan = plan_from_stored(card);
    ASSERT_TRUE(plan.ok());
    ASSERT_EQ(plan.value().people_to_ask.size(), 1u);
    EXPECT_EQ(plan.value().people_to_ask[0].name, "Lena");
    EXPECT_EQ(plan.value().calming_steps, std::vector<std::string>{"Breathe"});
    ASSERT_EQ(plan.value().reasons.size(), 1u);
    EXPECT_EQ(plan.value().reasons[0].text, "The kids");
    EXPECT_TRUE(plan.value().warning_signs.empty());
}

TEST(safety_plan, the_stored_form_round_trips_and_damage_is_an_error) {
    SafetyPlan p;
    p.warning_signs = {"Sleepless"};
    p.distractions = {"Café"};
    p.professionals = {Contact{"Dr Roth", "030 1", "GP"}};
    p.making_safe = {"Tablets with Lena"};
    p.reasons = {{"Spring", "", ""}, {"", "01R", ""}};
    auto back = plan_from_stored(to_stored(p));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value().distractions, p.distractions);
    EXPECT_EQ(back.value().professionals[0].note, "GP");
    EXPECT_EQ(back.value().reasons[1].resource_id, "01R");
    EXPECT_FALSE(plan_from_stored(R"({"version": 2, "warning_signs": "one"})").ok());
    EXPECT_FALSE(plan_from_stored("[]").ok());
}

TEST(note_risk, both_levels_are_needed_and_a_plan_when_either_is_moderate_or_high) {
    using sessions::risk_filled;
    EXPECT_FALSE(risk_filled(json{{"to_self", nullptr}, {"to_others", nullptr}, {"plan", ""}}));
    EXPECT_FALSE(risk_filled(json{{"to_self", "none"}, {"to_others", nullptr}, {"plan", ""}}));
    EXPECT_TRUE(risk_filled(json{{"to_self", "none"}, {"to_others", "low"}, {"plan", ""}}));
    EXPECT_FALSE(risk_filled(json{{"to_self", "high"}, {"to_others", "none"}, {"plan", "  "}}));
    EXPECT_TRUE(risk_filled(json{{"to_self", "high"}, {"to_others", "none"}, {"plan", "Plan"}}));
    EXPECT_FALSE(risk_filled(json{{"to_self", "none"}, {"to_others", "moderate"}}));
    EXPECT_FALSE(risk_filled(json::array()));
}
