#include <gtest/gtest.h>

#include <string>

#include "domain/accounts/password_policy.hpp"

using namespace trove;
using trove::accounts::check_password;

namespace {

// The three sentences check_password can answer with, told apart by a distinctive phrase.
constexpr const char* kTooShort = "at least 12 characters";
constexpr const char* kTooLong = "at most 256 characters";
constexpr const char* kPredictable = "too easy to guess";
constexpr const char* kCommon = "attackers try first";
constexpr const char* kContainsEmail = "must not contain your email";

// Expects a weak_password rejection whose message contains `phrase`.
void expect_weak(std::string_view password, const char* phrase, std::string_view email = {}) {
    auto result = check_password(password, email);
    ASSERT_FALSE(result.ok()) << "accepted: " << password;
    EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(result.error().public_code, "weak_password");
    EXPECT_EQ(result.error().field, "password");
    EXPECT_NE(result.error().message.find(phrase), std::string::npos)
        << "password: " << password << "\nmessage: " << result.error().message;
}

void expect_ok(std::string_view password, std::string_view email = {}) {
    auto result = check_password(password, email);
    EXPECT_TRUE(result.ok()) << "rejected: " << password << " ("
                             << (result.ok() ? "" : result.error().message) << ")";
}

std::string passphrase_of_length(size_t length) {
    std::string s;
    while (s.size() < length)
        s += "river stone ";
    s.resize(length);
    return s;
}

}  // namespace

TEST(password_policy, accepts_a_passphrase_of_unrelated_words) {
    expect_ok("correct horse battery staple");
}

TEST(password_policy, accepts_a_password_of_exactly_the_minimum_length) {
    expect_ok("violet stork");  // 12 characters
}

TEST(password_policy, rejects_a_password_one_character_short_of_the_minimum) {
    expect_weak("violet stor", kTooShort);
}

TEST(password_policy, rejects_the_empty_password_as_too_short) {
    expect_weak("", kTooShort);
}

TEST(password_policy, accepts_a_password_of_exactly_the_maximum_length) {
    expect_ok(passphrase_of_length(256));
}

TEST(password_policy, rejects_a_password_one_character_over_the_maximum) {
    expect_weak(passphrase_of_length(257), kTooLong);
}

TEST(password_policy, rejects_one_character_repeated) {
    expect_weak("aaaaaaaaaaaa", kPredictable);
    expect_weak("111111111111", kPredictable);
}

TEST(password_policy, treats_letters_of_different_case_as_the_same_character) {
    expect_weak("AAAAAAaaaaaa", kPredictable);
}

TEST(password_policy, rejects_an_ascending_run_of_letters) {
    expect_weak("abcdefghijkl", kPredictable);
}

TEST(password_policy, rejects_a_descending_run_of_letters) {
    expect_weak("LKJIHGFEDCBA", kPredictable);
}

TEST(password_policy, rejects_a_run_of_digits_that_wraps_from_nine_to_zero) {
    expect_weak("123456789012", kPredictable);
}

TEST(password_policy, rejects_a_descending_run_of_digits_that_wraps_from_zero_to_nine) {
    expect_weak("210987654321", kPredictable);
}

TEST(password_policy, rejects_a_common_password_with_digits_appended) {
    expect_weak("password2024", kCommon);
}

TEST(password_policy, rejects_a_common_password_with_digits_and_punctuation_appended) {
    expect_weak("Qwerty123456!?", kCommon);
}

TEST(password_policy, rejects_a_common_password_whatever_its_letter_case) {
    expect_weak("ILoveYou1234", kCommon);
}

TEST(password_policy, keeps_punctuation_inside_the_stem_when_matching_common_passwords) {
    // Only the trailing "2024!" is stripped; the stem "p@ssw0rd" is itself a common password.
    expect_weak("P@ssw0rd2024!", kCommon);
}

TEST(password_policy, rejects_a_password_made_only_of_digits_and_punctuation) {
    expect_weak("8493027164!5", kCommon);
}

TEST(password_policy, rejects_a_short_run_followed_by_digits_and_punctuation) {
    expect_weak("bcdefg!!!!!!", kCommon);
}

TEST(password_policy, rejects_a_common_password_typed_twice) {
    expect_weak("passwordpassword", kCommon);
    expect_weak("DragonDragon99", kCommon);
}

TEST(password_policy, accepts_a_passphrase_that_merely_contains_a_common_word) {
    expect_ok("my password is a long sentence");
    expect_ok("passwordzebrafig");
}

TEST(password_policy, rejects_a_password_containing_the_local_part_of_the_email) {
    expect_weak("Alice.Smith-rocks", kContainsEmail, "alice.smith@example.org");
}

TEST(password_policy, compares_the_email_local_part_without_regard_to_case) {
    expect_weak("hello from carol!", kContainsEmail, "CAROL@example.org");
}

TEST(password_policy, ignores_an_email_local_part_shorter_than_four_characters) {
    expect_ok("bob likes green tea", "bob@example.org");
}

TEST(password_policy, ignores_the_email_domain) {
    expect_ok("example orchard walk", "dana@example.org");
}

// NIST SP 800-63B, which the header says the policy follows, counts each Unicode code point as one
// character. "çàéèùâ" is six characters (twelve UTF-8 bytes) and so too short.
TEST(password_policy, counts_length_in_characters_not_utf8_bytes) {
    expect_weak("\xC3\xA7\xC3\xA0\xC3\xA9\xC3\xA8\xC3\xB9\xC3\xA2", kTooShort);
}

// password_policy.cpp says repeated short stems like "abcabcabcabc" are as weak as the stem.
TEST(password_policy, rejects_a_common_stem_repeated_more_than_twice) {
    expect_weak("abcabcabcabc", kCommon);
    expect_weak("monkeymonkeymonkey", kCommon);
}
