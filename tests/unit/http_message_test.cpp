#include <gtest/gtest.h>

#include <string>

#include "http/message.hpp"
#include "http/request_log.hpp"
#include "http/server.hpp"
#include "http/trusted_proxies.hpp"

using namespace std::string_literals;
using trove::http::percent_decode;
using trove::http::Request;
using trove::http::valid_utf8;

namespace {

Request with_query(std::string query) {
    Request r;
    r.query = std::move(query);
    return r;
}

Request with_cookies(std::string cookie_header) {
    Request r;
    r.headers.emplace_back("cookie", std::move(cookie_header));
    return r;
}

}  // namespace

// ---- percent_decode -----------------------------------------------------------------------------

TEST(percent_decode, decodes_escapes_in_either_hex_case) {
    std::string out;
    ASSERT_TRUE(percent_decode("%41b%63", out, false));
    EXPECT_EQ(out, "Abc");
    ASSERT_TRUE(percent_decode("caf%c3%A9", out, false));
    EXPECT_EQ(out, "caf\xC3\xA9");
}

TEST(percent_decode, turns_plus_into_a_space_only_when_asked) {
    std::string out;
    ASSERT_TRUE(percent_decode("a+b", out, true));
    EXPECT_EQ(out, "a b");
    ASSERT_TRUE(percent_decode("a+b", out, false));
    EXPECT_EQ(out, "a+b");
}

TEST(percent_decode, keeps_an_escaped_plus_as_a_plus) {
    std::string out;
    ASSERT_TRUE(percent_decode("1%2B1", out, true));
    EXPECT_EQ(out, "1+1");
}

TEST(percent_decode, decodes_only_once) {
    std::string out;
    ASSERT_TRUE(percent_decode("%2541", out, false));
    EXPECT_EQ(out, "%41");
}

TEST(percent_decode, rejects_a_percent_sign_without_two_hex_digits) {
    std::string out;
    EXPECT_FALSE(percent_decode("%", out, false));
    EXPECT_FALSE(percent_decode("abc%", out, false));
    EXPECT_FALSE(percent_decode("abc%4", out, false));
    EXPECT_FALSE(percent_decode("%G1", out, false));
    EXPECT_FALSE(percent_decode("%1g", out, false));
    EXPECT_FALSE(percent_decode("100%", out, false));
}

TEST(percent_decode, accepts_an_escape_that_ends_the_input) {
    std::string out;
    ASSERT_TRUE(percent_decode("ab%7E", out, false));
    EXPECT_EQ(out, "ab~");
}

TEST(percent_decode, rejects_an_escaped_nul) {
    std::string out;
    EXPECT_FALSE(percent_decode("a%00b", out, false));
}

TEST(percent_decode, rejects_a_raw_nul) {
    std::string out;
    EXPECT_FALSE(percent_decode("a\0b"s, out, false));
}

TEST(percent_decode, passes_high_bytes_through_without_judging_them) {
    std::string out;
    ASSERT_TRUE(percent_decode("%FF%fe", out, false));
    EXPECT_EQ(out, "\xFF\xFE");
}

TEST(percent_decode, replaces_whatever_the_output_held_before) {
    std::string out = "left over";
    ASSERT_TRUE(percent_decode("x", out, false));
    EXPECT_EQ(out, "x");
}

// ---- valid_utf8 ---------------------------------------------------------------------------------

TEST(valid_utf8, accepts_ascii_the_empty_string_and_an_embedded_nul) {
    EXPECT_TRUE(valid_utf8(""));
    EXPECT_TRUE(valid_utf8("plain text ~\x7F"));
    EXPECT_TRUE(valid_utf8("a\0b"s));
}

TEST(valid_utf8, accepts_two_three_and_four_byte_characters) {
    EXPECT_TRUE(valid_utf8("\xC3\xA9"));          // é
    EXPECT_TRUE(valid_utf8("\xE2\x82\xAC"));      // €
    EXPECT_TRUE(valid_utf8("\xF0\x9F\x98\x80"));  // 😀
    EXPECT_TRUE(valid_utf8("a\xC3\xA9z\xE2\x82\xAC!\xF0\x9F\x98\x80."));
}

TEST(valid_utf8, accepts_the_first_and_last_code_point_of_each_length) {
    EXPECT_TRUE(valid_utf8("\xC2\x80"));          // U+0080
    EXPECT_TRUE(valid_utf8("\xDF\xBF"));          // U+07FF
    EXPECT_TRUE(valid_utf8("\xE0\xA0\x80"));      // U+0800
    EXPECT_TRUE(valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
    EXPECT_TRUE(valid_utf8("\xF0\x90\x80\x80"));  // U+10000
    EXPECT_TRUE(valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(valid_utf8, rejects_overlong_two_byte_forms) {
    EXPECT_FALSE(valid_utf8("\xC0\x80"));  // NUL
    EXPECT_FALSE(valid_utf8("\xC0\xAF"));  // '/'
    EXPECT_FALSE(valid_utf8("\xC1\xBF"));  // U+007F
}

TEST(valid_utf8, rejects_overlong_three_and_four_byte_forms) {
    EXPECT_FALSE(valid_utf8("\xE0\x80\x80"));      // NUL
    EXPECT_FALSE(valid_utf8("\xE0\x9F\xBF"));      // U+07FF
    EXPECT_FALSE(valid_utf8("\xF0\x80\x80\x80"));  // NUL
    EXPECT_FALSE(valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF
}

TEST(valid_utf8, rejects_utf16_surrogates) {
    EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));  // U+D800
    EXPECT_FALSE(valid_utf8("\xED\xBF\xBF"));  // U+DFFF
    // A surrogate pair encoded as two three-byte sequences (CESU-8) is not UTF-8 either.
    EXPECT_FALSE(valid_utf8("\xED\xA0\xBD\xED\xB8\x80"));
}

TEST(valid_utf8, accepts_the_code_points_either_side_of_the_surrogates) {
    EXPECT_TRUE(valid_utf8("\xED\x9F\xBF"));  // U+D7FF
    EXPECT_TRUE(valid_utf8("\xEE\x80\x80"));  // U+E000
}

TEST(valid_utf8, rejects_code_points_above_u10ffff) {
    EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));      // U+110000
    EXPECT_FALSE(valid_utf8("\xF7\xBF\xBF\xBF"));      // U+1FFFFF
    EXPECT_FALSE(valid_utf8("\xF8\x88\x80\x80\x80"));  // old five-byte form
    EXPECT_FALSE(valid_utf8("\xFE"));
    EXPECT_FALSE(valid_utf8("\xFF"));
}

TEST(valid_utf8, rejects_sequences_truncated_at_the_end) {
    EXPECT_FALSE(valid_utf8("\xC3"));
    EXPECT_FALSE(valid_utf8("ab\xE2\x82"));
    EXPECT_FALSE(valid_utf8("\xF0\x9F\x98"));
}

TEST(valid_utf8, rejects_sequences_cut_short_by_another_character) {
    EXPECT_FALSE(
        valid_utf8("\xE2\x82"
                   "A"));
    EXPECT_FALSE(
        valid_utf8("\xC3"
                   "\xC3\xA9"));
    EXPECT_FALSE(
        valid_utf8("\xF0\x9F\x98"
                   "a"));
}

TEST(valid_utf8, rejects_a_continuation_byte_without_a_lead_byte) {
    EXPECT_FALSE(valid_utf8("\x80"));
    EXPECT_FALSE(valid_utf8("a\xBF"));
    EXPECT_FALSE(valid_utf8("\xC3\xA9\xA9"));
}

// ---- headers and cookies -----------------------------------------------------------------------

TEST(request, header_returns_the_first_of_repeated_headers_and_empty_when_absent) {
    Request r;
    r.headers = {{"x-trace", "one"}, {"accept", "*/*"}, {"x-trace", "two"}};
    EXPECT_EQ(r.header("x-trace"), "one");
    EXPECT_EQ(r.header("x-missing"), "");
}

TEST(request, cookie_finds_each_cookie_in_the_header) {
    Request r = with_cookies("sid=abc123; theme=dark");
    EXPECT_EQ(r.cookie("sid"), "abc123");
    EXPECT_EQ(r.cookie("theme"), "dark");
}

TEST(request, cookie_is_empty_when_absent) {
    EXPECT_EQ(with_cookies("theme=dark").cookie("sid"), "");
    EXPECT_EQ(Request{}.cookie("sid"), "");
}

TEST(request, cookie_does_not_match_a_name_that_merely_starts_or_ends_with_the_one_asked_for) {
    EXPECT_EQ(with_cookies("sid_old=1; xsid=2").cookie("sid"), "");
    EXPECT_EQ(with_cookies("xsid=2; sid=3").cookie("sid"), "3");
}

TEST(request, cookie_names_are_case_sensitive) {
    EXPECT_EQ(with_cookies("SID=1").cookie("sid"), "");
}

TEST(request, cookie_value_keeps_everything_after_the_first_equals_sign) {
    EXPECT_EQ(with_cookies("sid=a=b==").cookie("sid"), "a=b==");
}

TEST(request, cookie_parses_pairs_separated_without_a_space) {
    EXPECT_EQ(with_cookies("a=1;sid=2;b=3").cookie("sid"), "2");
}

TEST(request, cookie_skips_a_pair_without_an_equals_sign) {
    EXPECT_EQ(with_cookies("flag; sid=4").cookie("sid"), "4");
    EXPECT_EQ(with_cookies("sid; other=1").cookie("sid"), "");
}

TEST(request, cookie_returns_the_first_of_duplicate_cookies) {
    EXPECT_EQ(with_cookies("sid=first; sid=second").cookie("sid"), "first");
}

TEST(request, cookie_looks_through_every_cookie_header) {
    Request r;
    r.headers = {{"cookie", "a=1"}, {"x-cookie", "sid=wrong"}, {"cookie", "sid=right"}};
    EXPECT_EQ(r.cookie("sid"), "right");
}

// ---- query parameters ---------------------------------------------------------------------------

TEST(request, query_param_decodes_plus_and_percent_20_as_spaces) {
    EXPECT_EQ(with_query("q=hello+world").query_param("q"), "hello world");
    EXPECT_EQ(with_query("q=hello%20world").query_param("q"), "hello world");
}

TEST(request, query_param_keeps_an_escaped_plus) {
    EXPECT_EQ(with_query("q=1%2B1").query_param("q"), "1+1");
}

TEST(request, query_param_tells_a_missing_parameter_from_an_empty_one) {
    bool found = true;
    EXPECT_EQ(with_query("other=1").query_param("q", &found), "");
    EXPECT_FALSE(found);

    found = false;
    EXPECT_EQ(with_query("q=&other=1").query_param("q", &found), "");
    EXPECT_TRUE(found);

    found = false;
    EXPECT_EQ(with_query("other=1&q").query_param("q", &found), "");
    EXPECT_TRUE(found);
}

TEST(request, query_param_reports_not_found_for_an_empty_query) {
    bool found = true;
    EXPECT_EQ(Request{}.query_param("q", &found), "");
    EXPECT_FALSE(found);
}

TEST(request, query_param_does_not_match_a_longer_name) {
    bool found = true;
    EXPECT_EQ(with_query("qq=1&q1=2").query_param("q", &found), "");
    EXPECT_FALSE(found);
    EXPECT_EQ(with_query("qq=1&q=2").query_param("q"), "2");
}

TEST(request, query_param_decodes_the_name_too) {
    EXPECT_EQ(with_query("first+name=Ann").query_param("first name"), "Ann");
    EXPECT_EQ(with_query("na%6De=Bo").query_param("name"), "Bo");
}

TEST(request, query_param_returns_the_first_of_repeated_parameters) {
    EXPECT_EQ(with_query("q=1&q=2").query_param("q"), "1");
}

TEST(request, query_param_keeps_equals_signs_inside_the_value) {
    EXPECT_EQ(with_query("cursor=abc==").query_param("cursor"), "abc==");
}

TEST(request, query_param_ignores_empty_pairs) {
    EXPECT_EQ(with_query("&&q=1&").query_param("q"), "1");
}

TEST(request, query_param_skips_a_malformed_value) {
    bool found = true;
    EXPECT_EQ(with_query("q=%zz").query_param("q", &found), "");
    EXPECT_FALSE(found);
    EXPECT_EQ(with_query("q=%zz&q=ok").query_param("q"), "ok");
    EXPECT_EQ(with_query("q=a%00b&q=ok").query_param("q"), "ok");
}

TEST(request_log, secrets_in_paths_are_redacted) {
    using trove::http::loggable_path;
    EXPECT_EQ(loggable_path("/calendar/AbC123secret.ics"), "/calendar/[redacted]");
    EXPECT_EQ(loggable_path("/q/tok_en-123"), "/q/[redacted]");
    EXPECT_EQ(loggable_path("/api/v1/questionnaire-links/tok123/response"),
              "/api/v1/questionnaire-links/[redacted]/response");
    EXPECT_EQ(loggable_path("/invite/abc"), "/invite/[redacted]");
    EXPECT_EQ(loggable_path("/api/v1/clients/01H"), "/api/v1/clients/01H");
    EXPECT_EQ(loggable_path("/quiet"), "/quiet") << "only the /q/ prefix itself is secret";
}

TEST(request_log, control_characters_cannot_forge_lines_or_send_escapes) {
    using trove::http::loggable_path;
    EXPECT_EQ(loggable_path("/a\nGET /forged 200"), "/a\\x0aGET /forged 200");
    EXPECT_EQ(loggable_path("/a\x1b[31mred"), "/a\\x1b[31mred");
    EXPECT_EQ(loggable_path("/a\\b"), "/a\\x5cb") << "a backslash cannot fake an escape";
    EXPECT_EQ(loggable_path("/z\xc3\xb3"), "/z\\xc3\\xb3");
}

TEST(trusted_proxies, the_client_is_the_right_most_untrusted_forwarded_address) {
    auto proxies = trove::http::TrustedProxies::parse({"10.0.0.0/8", "::1", "fd00::/8"});
    ASSERT_TRUE(proxies.ok());
    EXPECT_TRUE(proxies->contains("10.1.2.3"));
    EXPECT_TRUE(proxies->contains("::ffff:10.1.2.3")) << "IPv4-mapped counts as IPv4";
    EXPECT_TRUE(proxies->contains("fd12::1"));
    EXPECT_FALSE(proxies->contains("192.0.2.1"));
    EXPECT_FALSE(proxies->contains("11.0.0.1"));
    // From a trusted proxy: right to left, skipping trusted hops.
    EXPECT_EQ(proxies->client_address("10.0.0.5", "198.51.100.7"), "198.51.100.7");
    EXPECT_EQ(proxies->client_address("10.0.0.5", "1.1.1.1, 198.51.100.7, 10.0.0.9"),
              "198.51.100.7")
        << "what the client wrote further left proves nothing";
    EXPECT_EQ(proxies->client_address("10.0.0.5", "10.0.0.8, 10.0.0.9"), "10.0.0.8");
    EXPECT_EQ(proxies->client_address("10.0.0.5", ""), "10.0.0.5");
    EXPECT_EQ(proxies->client_address("10.0.0.5", "not-an-ip, 198.51.100.7"), "198.51.100.7");
    EXPECT_EQ(proxies->client_address("10.0.0.5", "198.51.100.7, garbage"), "10.0.0.5");
    // From anyone else the header is ignored.
    EXPECT_EQ(proxies->client_address("192.0.2.1", "198.51.100.7"), "192.0.2.1");
}

TEST(trusted_proxies, a_malformed_block_is_refused_naming_it) {
    for (const char* bad : {"10.0.0.0/33", "10.0.0/8", "fd00::/129", "proxy.local", "10.0.0.0/"}) {
        auto r = trove::http::TrustedProxies::parse({bad});
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "trusted-proxy");
        EXPECT_NE(r.error().message.find(bad), std::string::npos);
    }
}

TEST(connection_cap, follows_the_descriptor_limit_and_never_falls_below_sixteen) {
    EXPECT_EQ(trove::http::default_max_connections(1024), (1024u - 64u) * 3 / 4);
    EXPECT_EQ(trove::http::default_max_connections(80), 16u);
    EXPECT_EQ(trove::http::default_max_connections(10), 16u);
}
