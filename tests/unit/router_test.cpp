#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http/router.hpp"

using trove::http::match_pattern;
using trove::http::PathParams;
using trove::http::Router;
using trove::http::split_path;

namespace {

using Parts = std::vector<std::string_view>;

// True when `path` matches `pattern`; the captures land in `params`.
bool matches(std::string_view pattern, std::string_view path, PathParams* params = nullptr) {
    PathParams local;
    return match_pattern(pattern, path, params ? *params : local);
}

// A route table shaped like Trove's API; each handler is a number naming its route.
Router<int> api_router() {
    Router<int> r;
    r.add("GET", "/api/v1/clients", 1);
    r.add("POST", "/api/v1/clients", 2);
    r.add("GET", "/api/v1/clients/{id}", 3);
    r.add("PATCH", "/api/v1/clients/{id}", 4);
    r.add("POST", "/api/v1/clients/{id}/invite", 5);
    r.add("GET", "/healthz", 6);
    return r;
}

}  // namespace

// ---- split_path ---------------------------------------------------------------------------------

TEST(split_path, splits_on_slashes_and_drops_empty_segments) {
    EXPECT_EQ(split_path("/a/b/"), (Parts{"a", "b"}));
    EXPECT_EQ(split_path("a//b"), (Parts{"a", "b"}));
    EXPECT_EQ(split_path("/api/v1/clients"), (Parts{"api", "v1", "clients"}));
}

TEST(split_path, gives_no_segments_for_the_root_or_an_empty_path) {
    EXPECT_TRUE(split_path("/").empty());
    EXPECT_TRUE(split_path("").empty());
    EXPECT_TRUE(split_path("///").empty());
}

// ---- match_pattern ------------------------------------------------------------------------------

TEST(match_pattern, matches_identical_literal_paths_without_captures) {
    PathParams params;
    EXPECT_TRUE(matches("/api/v1/clients", "/api/v1/clients", &params));
    EXPECT_TRUE(params.empty());
}

TEST(match_pattern, does_not_match_a_different_literal_segment) {
    EXPECT_FALSE(matches("/api/v1/clients", "/api/v1/client"));
    EXPECT_FALSE(matches("/api/v1/clients", "/api/v2/clients"));
}

TEST(match_pattern, compares_literal_segments_case_sensitively) {
    EXPECT_FALSE(matches("/api/v1/clients", "/API/v1/clients"));
}

TEST(match_pattern, captures_a_segment_by_name) {
    PathParams params;
    ASSERT_TRUE(matches("/api/v1/clients/{id}", "/api/v1/clients/01HXYZ", &params));
    EXPECT_EQ(params, (PathParams{{"id", "01HXYZ"}}));
}

TEST(match_pattern, captures_several_segments_in_order) {
    PathParams params;
    ASSERT_TRUE(
        matches("/practices/{practice}/clients/{client}", "/practices/p1/clients/c9", &params));
    EXPECT_EQ(params, (PathParams{{"practice", "p1"}, {"client", "c9"}}));
}

TEST(match_pattern, still_requires_the_literal_segments_around_a_capture) {
    EXPECT_FALSE(matches("/api/v1/clients/{id}/invite", "/api/v1/clients/c1/invites"));
    EXPECT_FALSE(matches("/api/v1/clients/{id}", "/api/v1/users/c1"));
}

TEST(match_pattern, a_capture_takes_exactly_one_segment) {
    EXPECT_FALSE(matches("/api/v1/clients/{id}", "/api/v1/clients"));
    EXPECT_FALSE(matches("/api/v1/clients/{id}", "/api/v1/clients/c1/invite"));
}

TEST(match_pattern, a_capture_keeps_the_segment_as_given_without_decoding_it_again) {
    // Request paths arrive percent-decoded; a second decode would turn "%41" into "A".
    PathParams params;
    ASSERT_TRUE(matches("/files/{name}", "/files/100%41 b+c", &params));
    EXPECT_EQ(params, (PathParams{{"name", "100%41 b+c"}}));
}

TEST(match_pattern, treats_empty_braces_as_a_literal_segment) {
    EXPECT_TRUE(matches("/a/{}", "/a/{}"));
    EXPECT_FALSE(matches("/a/{}", "/a/x"));
}

TEST(match_pattern, treats_an_unclosed_brace_as_a_literal_segment) {
    EXPECT_TRUE(matches("/a/{id", "/a/{id"));
    EXPECT_FALSE(matches("/a/{id", "/a/x"));
}

TEST(match_pattern, a_trailing_slash_is_a_different_resource) {
    EXPECT_FALSE(matches("/api/v1/clients", "/api/v1/clients/"));
    EXPECT_FALSE(matches("/api/v1/clients/{id}", "/api/v1/clients/c1/"));
}

TEST(match_pattern, the_root_path_matches_the_root_pattern) {
    EXPECT_TRUE(matches("/", "/"));
    EXPECT_FALSE(matches("/", "/healthz"));
    EXPECT_FALSE(matches("/healthz", "/"));
}

// ---- Router::match ------------------------------------------------------------------------------

TEST(router, finds_the_route_for_a_method_and_literal_path) {
    Router<int> r = api_router();
    auto get = r.match("GET", "/api/v1/clients");
    ASSERT_NE(get.route, nullptr);
    EXPECT_EQ(get.route->handler, 1);
    EXPECT_TRUE(get.params.empty());

    auto post = r.match("POST", "/api/v1/clients");
    ASSERT_NE(post.route, nullptr);
    EXPECT_EQ(post.route->handler, 2);
}

TEST(router, passes_the_captures_of_the_matching_route) {
    Router<int> r = api_router();
    auto m = r.match("PATCH", "/api/v1/clients/c42");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->handler, 4);
    EXPECT_EQ(m.params, (PathParams{{"id", "c42"}}));

    auto invite = r.match("POST", "/api/v1/clients/c42/invite");
    ASSERT_NE(invite.route, nullptr);
    EXPECT_EQ(invite.route->handler, 5);
    EXPECT_EQ(invite.params, (PathParams{{"id", "c42"}}));
}

TEST(router, knows_a_path_served_only_under_other_methods) {
    Router<int> r = api_router();
    auto m = r.match("DELETE", "/api/v1/clients/c42");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_TRUE(m.path_known);  // -> 405
    EXPECT_TRUE(m.params.empty());

    auto get_invite = r.match("GET", "/api/v1/clients/c42/invite");
    EXPECT_EQ(get_invite.route, nullptr);
    EXPECT_TRUE(get_invite.path_known);
}

TEST(router, does_not_know_a_path_no_route_serves) {
    Router<int> r = api_router();
    for (const char* path : {"/api/v1/nothing", "/api/v1/clients/c42/notes", "/", "/healthz/x"}) {
        auto m = r.match("GET", path);
        EXPECT_EQ(m.route, nullptr) << path;
        EXPECT_FALSE(m.path_known) << path;  // -> 404
    }
}

TEST(router, does_not_know_a_path_with_a_trailing_slash) {
    Router<int> r = api_router();
    auto m = r.match("GET", "/api/v1/clients/");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_FALSE(m.path_known);
}

TEST(router, compares_methods_exactly) {
    Router<int> r = api_router();
    auto m = r.match("get", "/healthz");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_TRUE(m.path_known);
}

TEST(router, a_literal_route_added_before_a_capture_route_takes_its_path) {
    Router<int> r;
    r.add("GET", "/api/v1/clients/mine", 1);
    r.add("GET", "/api/v1/clients/{id}", 2);

    auto mine = r.match("GET", "/api/v1/clients/mine");
    ASSERT_NE(mine.route, nullptr);
    EXPECT_EQ(mine.route->handler, 1);
    EXPECT_TRUE(mine.params.empty());

    auto other = r.match("GET", "/api/v1/clients/c7");
    ASSERT_NE(other.route, nullptr);
    EXPECT_EQ(other.route->handler, 2);
    EXPECT_EQ(other.params, (PathParams{{"id", "c7"}}));
}

TEST(router, an_empty_router_matches_nothing) {
    Router<int> r;
    auto m = r.match("GET", "/");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_FALSE(m.path_known);
}

TEST(router, lists_every_route_in_the_order_added) {
    Router<int> r = api_router();
    ASSERT_EQ(r.routes().size(), 6u);
    EXPECT_EQ(r.routes()[0].method, "GET");
    EXPECT_EQ(r.routes()[0].pattern, "/api/v1/clients");
    EXPECT_EQ(r.routes()[4].method, "POST");
    EXPECT_EQ(r.routes()[4].pattern, "/api/v1/clients/{id}/invite");
    EXPECT_EQ(r.routes()[5].handler, 6);
}
