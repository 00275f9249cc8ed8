#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"

using namespace trove;

TEST(clock, rfc3339_round_trips_with_milliseconds) {
    TimeMs t = 1795890000123;  // 2026-11-28T...Z
    std::string text = to_rfc3339(t);
    EXPECT_EQ(text.size(), 24u);
    EXPECT_EQ(text.back(), 'Z');
    EXPECT_EQ(parse_rfc3339(text), t);
}

TEST(clock, epoch_formats_as_1970) {
    EXPECT_EQ(to_rfc3339(0), "1970-01-01T00:00:00.000Z");
}

TEST(clock, rejects_offsets_and_garbage) {
    EXPECT_FALSE(parse_rfc3339("2026-11-28T10:00:00+01:00"));
    EXPECT_FALSE(parse_rfc3339("yesterday"));
    EXPECT_FALSE(parse_rfc3339("2026-13-01T00:00:00Z"));
    EXPECT_EQ(parse_rfc3339("2026-11-28T10:00:00Z"), parse_rfc3339("2026-11-28T10:00:00.000Z"));
}

TEST(clock, known_instants_both_ways) {
    // Seconds since the epoch from `date -u -d ... +%s`.
    EXPECT_EQ(parse_rfc3339("2000-02-29T12:00:00Z"), 951825600000);
    EXPECT_EQ(to_rfc3339(951825600000), "2000-02-29T12:00:00.000Z");
    EXPECT_EQ(parse_rfc3339("2038-01-19T03:14:08.5Z"), 2147483648500);
    EXPECT_EQ(to_rfc3339(2147483648500), "2038-01-19T03:14:08.500Z");
    // Before the epoch the milliseconds still count forwards within the second.
    EXPECT_EQ(to_rfc3339(-1), "1969-12-31T23:59:59.999Z");
    EXPECT_EQ(parse_rfc3339("1969-12-31T23:59:59.999Z"), -1);
}

TEST(clock, refuses_days_that_do_not_exist) {
    EXPECT_FALSE(parse_rfc3339("2026-02-29T00:00:00Z"));
    EXPECT_FALSE(parse_rfc3339("2026-04-31T00:00:00Z"));
    EXPECT_TRUE(parse_rfc3339("2024-02-29T00:00:00Z"));
}

TEST(ids, are_26_crockford_characters_and_sort_by_time) {
    std::string a = new_id_at(1000);
    std::string b = new_id_at(2000);
    EXPECT_TRUE(looks_like_id(a));
    EXPECT_LT(a, b);
    EXPECT_NE(new_id(), new_id());
}

TEST(ids, junk_is_not_an_id) {
    EXPECT_FALSE(looks_like_id("../../etc/passwd"));
    EXPECT_FALSE(looks_like_id("01ARZ3NDEKTSV4RRFFQ69G5FAI"));  // I is not Crockford
    EXPECT_FALSE(looks_like_id(""));
}

TEST(crypto, sha256_matches_the_published_test_vector) {
    crypto::init();
    EXPECT_EQ(crypto::sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(crypto, tokens_are_256_bits_and_unique) {
    crypto::init();
    std::string t = crypto::random_token();
    std::string raw;
    ASSERT_TRUE(crypto::base64url_decode(t, raw));
    EXPECT_EQ(raw.size(), 32u);
    EXPECT_NE(t, crypto::random_token());
}

TEST(crypto, password_hash_verifies_only_the_right_password) {
    crypto::init();
    std::string hash = crypto::hash_password("correct horse battery");
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(crypto::verify_password("correct horse battery", hash));
    EXPECT_FALSE(crypto::verify_password("correct horse batterY", hash));
    EXPECT_FALSE(crypto::password_needs_rehash(hash));
}

TEST(crypto, constant_time_compare_handles_length_mismatch) {
    EXPECT_TRUE(crypto::equal_constant_time("abc", "abc"));
    EXPECT_FALSE(crypto::equal_constant_time("abc", "abd"));
    EXPECT_FALSE(crypto::equal_constant_time("abc", "abcd"));
}

TEST(crypto, hmac_sha1_matches_rfc_2202) {
    crypto::init();
    // RFC 2202 test case 2: key "Jefe", data "what do ya want for nothing?".
    std::string mac = crypto::hmac_sha1("Jefe", "what do ya want for nothing?");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : mac) {
        hex.push_back(kHex[c >> 4]);
        hex.push_back(kHex[c & 15]);
    }
    EXPECT_EQ(hex, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}
