#include <gtest/gtest.h>

#include <string>

#include "api/json_body.hpp"
#include "http/message.hpp"

using namespace trove;
using trove::api::json_depth;
using trove::api::JsonBody;

namespace {

http::Request request(std::string body, std::string content_type = "application/json") {
    http::Request r;
    r.method = "POST";
    r.path = "/api/v1/clients";
    if (!content_type.empty())
        r.headers.emplace_back("content-type", std::move(content_type));
    r.body = std::move(body);
    return r;
}

// Parses `body` accepting the usual test fields; the test fails if parsing fails.
JsonBody parsed(std::string body) {
    auto result = JsonBody::parse(request(std::move(body)), {"name", "flag", "year", "tags"});
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? std::move(result).value() : JsonBody::parse(request(""), {}).value();
}

// Expects parsing `body` to fail with public code `code`.
void expect_rejected(std::string body, const std::string& code) {
    auto result = JsonBody::parse(request(body), {"name", "flag", "year", "tags"});
    ASSERT_FALSE(result.ok()) << "accepted: " << body;
    EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(result.error().public_code, code) << "body: " << body;
}

void expect_invalid_field(const Error& error, const std::string& field) {
    EXPECT_EQ(error.code, ErrorCode::invalid_input);
    EXPECT_EQ(error.public_code, "invalid_input");
    EXPECT_EQ(error.field, field);
}

std::string nested_arrays(int depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace

// ---- json_depth ---------------------------------------------------------------------------------

TEST(json_depth, counts_nothing_in_text_without_brackets) {
    EXPECT_EQ(json_depth(""), 0);
    EXPECT_EQ(json_depth("42"), 0);
}

TEST(json_depth, counts_the_deepest_nesting_of_objects_and_arrays) {
    EXPECT_EQ(json_depth("{}"), 1);
    EXPECT_EQ(json_depth("[[]]"), 2);
    EXPECT_EQ(json_depth(R"({"a":[1],"b":{"c":[]}})"), 3);
}

TEST(json_depth, does_not_add_up_siblings) {
    EXPECT_EQ(json_depth("[[],[],[[]]]"), 3);
}

TEST(json_depth, ignores_brackets_inside_strings) {
    EXPECT_EQ(json_depth(R"({"a":"[[[[{{{{"})"), 1);
    EXPECT_EQ(json_depth(R"({"[[[[":1})"), 1);
}

TEST(json_depth, an_escaped_quote_does_not_end_a_string) {
    EXPECT_EQ(json_depth(R"({"a":"\"[[[["})"), 1);
}

TEST(json_depth, an_escaped_backslash_before_a_quote_does_end_the_string) {
    // The string is a single backslash; the brackets after it are real.
    EXPECT_EQ(json_depth(R"(["\\",[[]]])"), 3);
}

// ---- content type and shape ---------------------------------------------------------------------

TEST(json_body, treats_an_empty_body_as_an_empty_object) {
    auto result = JsonBody::parse(request("", ""), {"name"});
    ASSERT_TRUE(result.ok());
    EXPECT_FALSE(result->has("name"));
    auto name = result->optional_string("name");
    ASSERT_TRUE(name.ok());
    EXPECT_FALSE(name->has_value());
}

TEST(json_body, treats_a_whitespace_body_as_an_empty_object) {
    auto result = JsonBody::parse(request(" \r\n\t "), {"name"});
    ASSERT_TRUE(result.ok());
    EXPECT_FALSE(result->has("name"));
}

TEST(json_body, rejects_a_body_sent_as_another_media_type) {
    auto result = JsonBody::parse(request(R"({"name":"Ann"})", "text/plain"), {"name"});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(result.error().public_code, "unsupported_media_type");
}

TEST(json_body, rejects_a_body_sent_without_a_content_type) {
    auto result = JsonBody::parse(request(R"({"name":"Ann"})", ""), {"name"});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().public_code, "unsupported_media_type");
}

TEST(json_body, accepts_json_with_a_charset_parameter) {
    auto result =
        JsonBody::parse(request(R"({"name":"Ann"})", "application/json; charset=utf-8"), {"name"});
    EXPECT_TRUE(result.ok());
}

// Media type names are case-insensitive (RFC 9110, section 8.3.1).
TEST(json_body, accepts_json_whatever_the_case_of_the_media_type) {
    auto result = JsonBody::parse(request(R"({"name":"Ann"})", "Application/JSON"), {"name"});
    EXPECT_TRUE(result.ok());
}

TEST(json_body, rejects_text_that_is_not_json) {
    expect_rejected("{name: 'Ann'}", "invalid_json");
    expect_rejected(R"({"name":)", "invalid_json");
    expect_rejected(R"({"name":"Ann"} trailing)", "invalid_json");
}

TEST(json_body, rejects_json_that_is_not_an_object) {
    expect_rejected("[]", "invalid_json");
    expect_rejected(R"("name")", "invalid_json");
    expect_rejected("42", "invalid_json");
    expect_rejected("null", "invalid_json");
}

TEST(json_body, rejects_invalid_utf8_inside_a_string) {
    expect_rejected("{\"name\":\"\xC3\x28\"}", "invalid_json");      // broken two-byte sequence
    expect_rejected("{\"name\":\"\xC0\xAF\"}", "invalid_json");      // overlong '/'
    expect_rejected("{\"name\":\"\xED\xA0\x80\"}", "invalid_json");  // raw surrogate
    expect_rejected("{\"name\":\"ab\xE2\x82\"}", "invalid_json");    // truncated
}

TEST(json_body, rejects_an_escaped_lone_surrogate) {
    expect_rejected(R"({"name":"\ud800"})", "invalid_json");
    expect_rejected(R"({"name":"\udc00x"})", "invalid_json");
}

TEST(json_body, accepts_an_escaped_surrogate_pair) {
    auto name = parsed(R"({"name":"\ud83d\ude00"})").optional_string("name");
    ASSERT_TRUE(name.ok());
    EXPECT_EQ(name->value(), "\xF0\x9F\x98\x80");
}

TEST(json_body, accepts_nesting_up_to_sixteen_levels) {
    // The object is one level, the arrays the other fifteen.
    auto result = JsonBody::parse(request(R"({"tags":)" + nested_arrays(15) + "}"), {"tags"});
    EXPECT_TRUE(result.ok());
}

TEST(json_body, rejects_nesting_deeper_than_sixteen_levels) {
    auto result = JsonBody::parse(request(R"({"tags":)" + nested_arrays(16) + "}"), {"tags"});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().public_code, "invalid_json");
    EXPECT_NE(result.error().message.find("nested too deeply"), std::string::npos);
}

TEST(json_body, rejects_very_deep_nesting_before_parsing_it) {
    expect_rejected(nested_arrays(100000), "invalid_json");
}

TEST(json_body, does_not_count_brackets_inside_strings_towards_the_depth) {
    auto name = parsed(R"({"name":")" + std::string(40, '[') + R"("})").optional_string("name");
    ASSERT_TRUE(name.ok());
    EXPECT_EQ(name->value(), std::string(40, '['));
}

// ---- unknown fields -----------------------------------------------------------------------------

TEST(json_body, rejects_an_unknown_field_and_names_it) {
    auto result = JsonBody::parse(request(R"({"name":"Ann","role":"admin"})"), {"name"});
    ASSERT_FALSE(result.ok());
    expect_invalid_field(result.error(), "role");
    EXPECT_NE(result.error().message.find("'role'"), std::string::npos);
}

TEST(json_body, rejects_every_field_when_the_route_accepts_none) {
    auto result = JsonBody::parse(request(R"({"name":"Ann"})"), {});
    ASSERT_FALSE(result.ok());
    expect_invalid_field(result.error(), "name");
}

TEST(json_body, matches_field_names_exactly) {
    auto result = JsonBody::parse(request(R"({"Name":"Ann"})"), {"name"});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "Name");
}

TEST(json_body, accepts_any_subset_of_the_allowed_fields) {
    JsonBody body = parsed(R"({"flag":true})");
    EXPECT_TRUE(body.has("flag"));
    EXPECT_FALSE(body.has("name"));
}

TEST(json_body, does_not_echo_a_long_unknown_field_name) {
    std::string key(200, 'k');
    auto result = JsonBody::parse(request(R"({")" + key + R"(":1})"), {"name"});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(result.error().field, "");
    EXPECT_EQ(result.error().message.find(key), std::string::npos);
}

// json_body.cpp cuts a long key at byte 64, which can split a multi-byte character; the field and
// message then hold invalid UTF-8, and serialising the error response throws.
TEST(json_body, shortening_an_unknown_field_name_keeps_it_valid_utf8) {
    std::string key = std::string(63, 'k') + "\xC3\xA9" + "tail";  // é straddles byte 64
    auto result = JsonBody::parse(request(R"({")" + key + R"(":1})"), {"name"});
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(http::valid_utf8(result.error().field));
    EXPECT_TRUE(http::valid_utf8(result.error().message));
}

// json_body.cpp says an unknown key "is echoed only when printable"; control characters are not.
TEST(json_body, does_not_echo_an_unknown_field_name_with_control_characters) {
    auto result = JsonBody::parse(request(R"({"a\u0007\u001bb":1})"), {"name"});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(result.error().field.find_first_of("\x07\x1b"), std::string::npos);
    EXPECT_EQ(result.error().message.find_first_of("\x07\x1b"), std::string::npos);
}

// ---- strings ------------------------------------------------------------------------------------

TEST(json_body, required_string_returns_the_value) {
    auto name = parsed(R"({"name":"Ann \"Nan\" Lee"})").required_string("name", "Give a name.");
    ASSERT_TRUE(name.ok());
    EXPECT_EQ(*name, "Ann \"Nan\" Lee");
}

TEST(json_body, required_string_reports_a_missing_field_with_the_given_message) {
    auto name = parsed("{}").required_string("name", "Give the client a name.");
    ASSERT_FALSE(name.ok());
    expect_invalid_field(name.error(), "name");
    EXPECT_EQ(name.error().message, "Give the client a name.");
}

TEST(json_body, required_string_rejects_null) {
    auto name = parsed(R"({"name":null})").required_string("name", "Give a name.");
    ASSERT_FALSE(name.ok());
    expect_invalid_field(name.error(), "name");
}

TEST(json_body, optional_string_tells_absent_from_empty) {
    JsonBody absent = parsed("{}");
    ASSERT_TRUE(absent.optional_string("name").ok());
    EXPECT_FALSE(absent.optional_string("name")->has_value());

    auto empty = parsed(R"({"name":""})").optional_string("name");
    ASSERT_TRUE(empty.ok());
    ASSERT_TRUE(empty->has_value());
    EXPECT_EQ(empty->value(), "");
}

TEST(json_body, optional_string_rejects_other_types_and_names_the_field) {
    for (const char* body : {R"({"name":42})", R"({"name":true})", R"({"name":["Ann"]})",
                             R"({"name":{"first":"Ann"}})"}) {
        auto name = parsed(body).optional_string("name");
        ASSERT_FALSE(name.ok()) << body;
        expect_invalid_field(name.error(), "name");
        EXPECT_NE(name.error().message.find("'name' must be text"), std::string::npos);
    }
}

TEST(json_body, optional_string_rejects_an_escaped_nul) {
    auto name = parsed(R"({"name":"a\u0000b"})").optional_string("name");
    ASSERT_FALSE(name.ok());
    expect_invalid_field(name.error(), "name");
}

TEST(json_body, optional_string_accepts_64_kib_and_rejects_one_byte_more) {
    std::string limit(64 * 1024, 'x');
    auto ok = parsed(R"({"name":")" + limit + R"("})").optional_string("name");
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->value().size(), limit.size());

    auto too_long = parsed(R"({"name":")" + limit + R"(x"})").optional_string("name");
    ASSERT_FALSE(too_long.ok());
    expect_invalid_field(too_long.error(), "name");
}

// ---- booleans -----------------------------------------------------------------------------------

TEST(json_body, optional_bool_reads_true_and_false) {
    auto t = parsed(R"({"flag":true})").optional_bool("flag");
    auto f = parsed(R"({"flag":false})").optional_bool("flag");
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(*t, std::optional<bool>(true));
    EXPECT_EQ(*f, std::optional<bool>(false));
    EXPECT_EQ(*parsed("{}").optional_bool("flag"), std::nullopt);
}

TEST(json_body, optional_bool_rejects_look_alikes) {
    for (const char* body : {R"({"flag":"true"})", R"({"flag":1})", R"({"flag":null})"}) {
        auto flag = parsed(body).optional_bool("flag");
        ASSERT_FALSE(flag.ok()) << body;
        expect_invalid_field(flag.error(), "flag");
    }
}

// ---- nullable integers --------------------------------------------------------------------------

TEST(json_body, optional_nullable_int_tells_absent_from_null) {
    auto absent = parsed("{}").optional_nullable_int("year");
    ASSERT_TRUE(absent.ok());
    EXPECT_FALSE(absent->has_value());

    auto null = parsed(R"({"year":null})").optional_nullable_int("year");
    ASSERT_TRUE(null.ok());
    ASSERT_TRUE(null->has_value());
    EXPECT_FALSE(null->value().has_value());
}

TEST(json_body, optional_nullable_int_reads_a_whole_number) {
    auto year = parsed(R"({"year":1987})").optional_nullable_int("year");
    ASSERT_TRUE(year.ok());
    ASSERT_TRUE(year->has_value());
    EXPECT_EQ(year->value(), 1987);
}

TEST(json_body, optional_nullable_int_accepts_the_ends_of_its_range) {
    EXPECT_EQ(parsed(R"({"year":1000000})").optional_nullable_int("year")->value(), 1000000);
    EXPECT_EQ(parsed(R"({"year":-1000000})").optional_nullable_int("year")->value(), -1000000);
}

TEST(json_body, optional_nullable_int_rejects_numbers_outside_its_range) {
    for (const char* body : {R"({"year":1000001})", R"({"year":-1000001})",
                             R"({"year":4294967296})", R"({"year":9223372036854775808})"}) {
        auto year = parsed(body).optional_nullable_int("year");
        ASSERT_FALSE(year.ok()) << body;
        expect_invalid_field(year.error(), "year");
    }
}

// 2^64-1 is stored by nlohmann::json as an unsigned integer; json_body.cpp reads it with
// get<long long>(), which wraps it to -1 and so passes the range check.
TEST(json_body, optional_nullable_int_rejects_the_largest_unsigned_64_bit_number) {
    auto year = parsed(R"({"year":18446744073709551615})").optional_nullable_int("year");
    ASSERT_FALSE(year.ok()) << "read as " << (year.ok() && year->value() ? *year->value() : 0);
    expect_invalid_field(year.error(), "year");
}

TEST(json_body, optional_nullable_int_rejects_fractions_text_and_booleans) {
    for (const char* body : {R"({"year":1987.5})", R"({"year":1987.0})", R"({"year":1e3})",
                             R"({"year":"1987"})", R"({"year":true})", R"({"year":[1987]})"}) {
        auto year = parsed(body).optional_nullable_int("year");
        ASSERT_FALSE(year.ok()) << body;
        expect_invalid_field(year.error(), "year");
        EXPECT_NE(year.error().message.find("whole number"), std::string::npos) << body;
    }
}

// ---- string arrays ------------------------------------------------------------------------------

TEST(json_body, optional_string_array_reads_the_strings_in_order) {
    auto tags = parsed(R"({"tags":["b","a","b"]})").optional_string_array("tags");
    ASSERT_TRUE(tags.ok());
    ASSERT_TRUE(tags->has_value());
    EXPECT_EQ(tags->value(), (std::vector<std::string>{"b", "a", "b"}));
}

TEST(json_body, optional_string_array_tells_absent_from_empty) {
    auto absent = parsed("{}").optional_string_array("tags");
    ASSERT_TRUE(absent.ok());
    EXPECT_FALSE(absent->has_value());

    auto empty = parsed(R"({"tags":[]})").optional_string_array("tags");
    ASSERT_TRUE(empty.ok());
    ASSERT_TRUE(empty->has_value());
    EXPECT_TRUE(empty->value().empty());
}

TEST(json_body, optional_string_array_rejects_an_array_holding_anything_but_strings) {
    for (const char* body : {R"({"tags":["a",1]})", R"({"tags":[null]})", R"({"tags":[["a"]]})",
                             R"({"tags":["a",{"b":"c"}]})", R"({"tags":[true]})"}) {
        auto tags = parsed(body).optional_string_array("tags");
        ASSERT_FALSE(tags.ok()) << body;
        expect_invalid_field(tags.error(), "tags");
    }
}

TEST(json_body, optional_string_array_rejects_a_value_that_is_not_an_array) {
    for (const char* body : {R"({"tags":"a"})", R"({"tags":null})", R"({"tags":{"0":"a"}})"}) {
        auto tags = parsed(body).optional_string_array("tags");
        ASSERT_FALSE(tags.ok()) << body;
        expect_invalid_field(tags.error(), "tags");
    }
}

TEST(json_body, optional_string_array_accepts_100_items_and_rejects_101) {
    auto array_of = [](int n) {
        std::string s = R"({"tags":[)";
        for (int i = 0; i < n; ++i)
            s += (i ? ",\"t" : "\"t") + std::to_string(i) + "\"";
        return s + "]}";
    };
    auto hundred = parsed(array_of(100)).optional_string_array("tags");
    ASSERT_TRUE(hundred.ok());
    EXPECT_EQ(hundred->value().size(), 100u);
    EXPECT_EQ(hundred->value().back(), "t99");

    auto too_many = parsed(array_of(101)).optional_string_array("tags");
    ASSERT_FALSE(too_many.ok());
    expect_invalid_field(too_many.error(), "tags");
}

TEST(json_body, optional_string_array_accepts_entries_of_256_bytes_and_rejects_longer) {
    std::string entry(256, 'e');
    auto ok = parsed(R"({"tags":["a",")" + entry + R"("]})").optional_string_array("tags");
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->value().at(1), entry);

    auto too_long = parsed(R"({"tags":["a",")" + entry + R"(e"]})").optional_string_array("tags");
    ASSERT_FALSE(too_long.ok());
    expect_invalid_field(too_long.error(), "tags");
}
