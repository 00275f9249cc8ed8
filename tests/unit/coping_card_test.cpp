#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/resources/coping_card.hpp"

using namespace trove;
using namespace trove::resources;

namespace {

CopingContact contact(const char* name, const char* phone = "", const char* note = "") {
    return CopingContact{name, phone, note};
}

std::vector<std::string> numbered(const char* prefix, int n) {
    std::vector<std::string> out;
    for (int i = 1; i <= n; ++i)
        out.push_back(prefix + std::to_string(i));
    return out;
}

}  // namespace

TEST(coping_card, an_empty_card_is_valid) {
    auto r = validate(CopingCard{});
    ASSERT_TRUE(r.ok()) << r.error().field;
    EXPECT_TRUE(r.value().contacts.empty());
    EXPECT_TRUE(r.value().calming_steps.empty());
    EXPECT_TRUE(r.value().reasons.empty());
}

TEST(coping_card, ten_contacts_are_accepted_and_eleven_refused) {
    CopingCard card;
    for (int i = 1; i <= 10; ++i)
        card.contacts.push_back(contact(("Friend " + std::to_string(i)).c_str()));
    auto ten = validate(card);
    ASSERT_TRUE(ten.ok()) << ten.error().field;
    EXPECT_EQ(ten.value().contacts.size(), 10u);

    card.contacts.push_back(contact("Friend 11"));
    auto eleven = validate(card);
    ASSERT_FALSE(eleven.ok());
    EXPECT_EQ(eleven.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(eleven.error().field, "contacts");
}

TEST(coping_card, a_contact_needs_a_name) {
    for (const char* name : {"", "   "}) {
        CopingCard card;
        card.contacts = {contact("Anna", "0151 123"), contact(name, "0160 999", "neighbour")};
        auto r = validate(card);
        ASSERT_FALSE(r.ok()) << "'" << name << "'";
        EXPECT_EQ(r.error().field, "contacts");
    }
}

TEST(coping_card, contacts_are_trimmed) {
    CopingCard card;
    card.contacts = {contact("  Anna  ", " 0151 123 ", "\tcall after 6 pm ")};
    auto r = validate(card);
    ASSERT_TRUE(r.ok()) << r.error().field;
    ASSERT_EQ(r.value().contacts.size(), 1u);
    EXPECT_EQ(r.value().contacts[0].name, "Anna");
    EXPECT_EQ(r.value().contacts[0].phone, "0151 123");
    EXPECT_EQ(r.value().contacts[0].note, "call after 6 pm");
}

TEST(coping_card, empty_steps_and_reasons_are_dropped_and_the_rest_trimmed_in_order) {
    CopingCard card;
    card.calming_steps = {"  Breathe out slowly ", "", "   ", "Cold water on the wrists\t"};
    card.reasons = {"", " My sister "};
    auto r = validate(card);
    ASSERT_TRUE(r.ok()) << r.error().field;
    EXPECT_EQ(r.value().calming_steps,
              (std::vector<std::string>{"Breathe out slowly", "Cold water on the wrists"}));
    EXPECT_EQ(r.value().reasons, (std::vector<std::string>{"My sister"}));
}

TEST(coping_card, twenty_calming_steps_are_accepted_and_twenty_one_refused) {
    CopingCard card;
    card.calming_steps = numbered("Step ", 20);
    auto twenty = validate(card);
    ASSERT_TRUE(twenty.ok()) << twenty.error().field;
    EXPECT_EQ(twenty.value().calming_steps, numbered("Step ", 20));

    card.calming_steps = numbered("Step ", 21);
    auto too_many = validate(card);
    ASSERT_FALSE(too_many.ok());
    EXPECT_EQ(too_many.error().field, "calming_steps");
}

TEST(coping_card, control_characters_in_a_step_are_refused) {
    CopingCard card;
    card.calming_steps = {"Breathe\x01"};
    auto r = validate(card);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "calming_steps");
}
