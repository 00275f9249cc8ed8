#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "domain/resources/text.hpp"

using namespace trove;
using namespace trove::resources;

namespace {

std::string repeat(const std::string& piece, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += piece;
    return out;
}

const std::string kE = "\xC3\xA9";              // é, two bytes
const std::string kEuro = "\xE2\x82\xAC";       // €, three bytes
const std::string kSmile = "\xF0\x9F\x98\x80";  // 😀, four bytes

TimeMs at(const char* text) {
    std::optional<TimeMs> t = parse_rfc3339(text);
    EXPECT_TRUE(t.has_value()) << text;
    return t.value_or(0);
}

}  // namespace

// ---- count_code_points ------------------------------------------------------------------------

TEST(text, counts_code_points_not_bytes) {
    EXPECT_EQ(count_code_points(""), 0u);
    EXPECT_EQ(count_code_points("abc"), 3u);
    EXPECT_EQ(count_code_points(kE), 1u);
    EXPECT_EQ(count_code_points(kEuro), 1u);
    EXPECT_EQ(count_code_points(kSmile), 1u);
    // a, é, €, 😀: 1 + 2 + 3 + 4 = 10 bytes, four characters.
    const std::string mixed = "a" + kE + kEuro + kSmile;
    ASSERT_EQ(mixed.size(), 10u);
    EXPECT_EQ(count_code_points(mixed), 4u);
    EXPECT_EQ(count_code_points(repeat(kE, 200)), 200u);
}

// ---- trim ---------------------------------------------------------------------------------------

TEST(text, trim_removes_spaces_and_tabs_at_both_ends_only) {
    EXPECT_EQ(trim("  walk in the park \t"), "walk in the park");
    EXPECT_EQ(trim("\t x"), "x");
    EXPECT_EQ(trim("a  b"), "a  b");
    EXPECT_EQ(trim("   "), "");
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim(" " + kE + " "), kE);
}

// ---- clean_title --------------------------------------------------------------------------------

TEST(text, clean_title_trims_the_title) {
    auto r = clean_title("title", "  Morning walk  ", 200);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value(), "Morning walk");
}

TEST(text, clean_title_refuses_an_empty_or_blank_title_naming_the_field) {
    for (const char* text : {"", "   ", "\t \t"}) {
        auto r = clean_title("name", text, 100);
        ASSERT_FALSE(r.ok()) << "'" << text << "'";
        EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
        EXPECT_EQ(r.error().field, "name");
        EXPECT_FALSE(r.error().message.empty());
    }
}

TEST(text, clean_title_refuses_control_characters_and_line_breaks_inside) {
    for (const std::string& text :
         {std::string("a\nb"), std::string("a\rb"), std::string("a\tb"), std::string("a\x01z"),
          std::string("bell\x07"), std::string("del\x7f"), std::string("esc\x1b[31m")}) {
        auto r = clean_title("title", text, 200);
        ASSERT_FALSE(r.ok()) << "accepted a control character";
        EXPECT_EQ(r.error().field, "title");
    }
}

TEST(text, clean_title_counts_characters_not_bytes_against_the_limit) {
    auto ok = clean_title("title", repeat(kE, 200), 200);  // 400 bytes, 200 characters
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok.value(), repeat(kE, 200));

    auto too_long = clean_title("title", repeat(kE, 201), 200);
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(too_long.error().field, "title");
}

TEST(text, clean_title_limit_is_inclusive) {
    EXPECT_TRUE(clean_title("t", std::string(5, 'x'), 5).ok());
    EXPECT_FALSE(clean_title("t", std::string(6, 'x'), 5).ok());
    // Surrounding blanks are not counted: they are trimmed first.
    EXPECT_TRUE(clean_title("t", "  " + std::string(5, 'x') + "  ", 5).ok());
}

// ---- clean_text ---------------------------------------------------------------------------------

TEST(text, clean_text_may_be_empty) {
    auto r = clean_text("description", "", 4000);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value(), "");
}

TEST(text, clean_text_keeps_line_breaks_and_tabs_inside_and_trims_the_ends) {
    auto r = clean_text("description", "  first line\nsecond\r\nthird\tcolumn  ", 4000);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value(), "first line\nsecond\r\nthird\tcolumn");
}

TEST(text, clean_text_refuses_other_control_characters_naming_the_field) {
    for (const std::string& text :
         {std::string("a\x01z"), std::string("\x1b[31mred"), std::string("form\ffeed"),
          std::string("del\x7f"), std::string("nul\0byte", 8)}) {
        auto r = clean_text("evidence", text, 4000);
        ASSERT_FALSE(r.ok()) << "accepted a control character";
        EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
        EXPECT_EQ(r.error().field, "evidence");
    }
}

TEST(text, clean_text_limits_characters_inclusively) {
    EXPECT_TRUE(clean_text("note", repeat(kEuro, 4), 4).ok());  // 12 bytes, 4 characters
    auto r = clean_text("note", repeat(kEuro, 5), 4);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "note");
    EXPECT_TRUE(clean_text("note", repeat(kE, 4000), 4000).ok());
    EXPECT_FALSE(clean_text("note", repeat(kE, 4001), 4000).ok());
}

// ---- contains_folded ----------------------------------------------------------------------------

TEST(text, contains_folded_ignores_ascii_case) {
    EXPECT_TRUE(contains_folded("Walking in the Park", "park"));
    EXPECT_TRUE(contains_folded("walking in the park", "PARK"));
    EXPECT_TRUE(contains_folded("abc", "ABC"));
    EXPECT_TRUE(contains_folded("xxAbCxx", "aBc"));
}

TEST(text, contains_folded_finds_only_real_substrings) {
    EXPECT_FALSE(contains_folded("abc", "abd"));
    EXPECT_FALSE(contains_folded("ab", "abc"));
    EXPECT_FALSE(contains_folded("", "a"));
    EXPECT_FALSE(contains_folded("walk in the park", "park bench"));
}

TEST(text, an_empty_needle_is_found_everywhere) {
    EXPECT_TRUE(contains_folded("anything", ""));
    EXPECT_TRUE(contains_folded("", ""));
}

// ---- past_time ----------------------------------------------------------------------------------

TEST(text, past_time_defaults_to_now) {
    const TimeMs now = at("2026-03-10T12:00:00Z");
    auto r = past_time("rated_at", std::nullopt, now);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value(), now);
}

TEST(text, past_time_returns_a_given_past_time) {
    const TimeMs now = at("2026-03-10T12:00:00Z");
    auto r = past_time("rated_at", std::string("2026-03-09T08:30:00.250Z"), now);
    ASSERT_TRUE(r.ok()) << r.error().message;
    // 2026-03-10T12:00 minus 1 day, 3 h 30 min, minus the 250 ms it is past 08:30.
    EXPECT_EQ(r.value(), now - (24 * 3600 + 3 * 3600 + 30 * 60) * 1000LL + 250);
}

TEST(text, past_time_allows_a_minute_of_clock_skew_but_no_more) {
    const TimeMs now = at("2026-03-10T12:00:00Z");
    auto within = past_time("rated_at", std::string("2026-03-10T12:01:00.000Z"), now);
    ASSERT_TRUE(within.ok()) << within.error().message;
    EXPECT_EQ(within.value(), now + 60'000);

    auto beyond = past_time("rated_at", std::string("2026-03-10T12:01:00.001Z"), now);
    ASSERT_FALSE(beyond.ok());
    EXPECT_EQ(beyond.error().field, "rated_at");

    auto tomorrow = past_time("when", std::string("2026-03-11T12:00:00Z"), now);
    ASSERT_FALSE(tomorrow.ok());
    EXPECT_EQ(tomorrow.error().field, "when");
}

TEST(text, past_time_refuses_times_before_2000) {
    const TimeMs now = at("2026-03-10T12:00:00Z");
    auto first = past_time("rated_at", std::string("2000-01-01T00:00:00Z"), now);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first.value(), 946'684'800'000);  // 30 years of days (7 leap) since 1970, in ms

    auto before = past_time("rated_at", std::string("1999-12-31T23:59:59.999Z"), now);
    ASSERT_FALSE(before.ok());
    EXPECT_EQ(before.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(before.error().field, "rated_at");
}

TEST(text, past_time_refuses_malformed_times_naming_the_field) {
    const TimeMs now = at("2026-03-10T12:00:00Z");
    for (const char* text : {"", "yesterday", "2026-03-09", "2026-03-09 08:00:00", "09/03/2026",
                             "2026-13-01T00:00:00Z"}) {
        auto r = past_time("rated_at", std::string(text), now);
        ASSERT_FALSE(r.ok()) << "accepted '" << text << "'";
        EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
        EXPECT_EQ(r.error().field, "rated_at");
    }
}
