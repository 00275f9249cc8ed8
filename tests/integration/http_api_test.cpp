// Black-box tests of the HTTP API against a real server (Beast, SQLite file) on an ephemeral port.

#include <array>
#include <utility>

#include <boost/asio.hpp>
#include <cstdio>
#include <thread>

#include <gtest/gtest.h>

#include "shared_world.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

class HttpApi : public SharedWorldSuite {
protected:
};

TEST_F(HttpApi, health_and_readiness_need_no_login) {
    EXPECT_EQ(send(port(), "GET", "/healthz").json()["status"], "ok");
    auto ready = send(port(), "GET", "/readyz");
    EXPECT_EQ(ready.status, 200);
    EXPECT_EQ(ready.json()["status"], "ready");
}

TEST_F(HttpApi, every_response_carries_the_security_headers) {
    for (const char* target : {"/healthz", "/api/v1/clients", "/api/v1/nope"}) {
        auto r = send(port(), "GET", target);
        EXPECT_NE(r.headers["content-security-policy"].find("frame-ancestors 'none'"),
                  std::string::npos)
            << target;
        EXPECT_EQ(r.headers["x-content-type-options"], "nosniff") << target;
        EXPECT_EQ(r.headers["referrer-policy"], "no-referrer") << target;
    }
}

TEST_F(HttpApi, login_sets_an_http_only_strict_cookie_and_returns_a_csrf_token) {
    auto r = send(port(), "POST", "/api/v1/auth/login",
                  json{{"email", world->a.email("therapist")}, {"password", kPassword}}.dump(),
                  {{"Content-Type", "application/json"}});
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_EQ(r.set_cookies.size(), 1u);
    const std::string& cookie = r.set_cookies[0];
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_NE(cookie.find("Path=/"), std::string::npos);
    auto body = r.json();
    EXPECT_EQ(body["user"]["role"], "therapist");
    EXPECT_EQ(body["user"]["email"], world->a.email("therapist"));
    EXPECT_FALSE(body["csrf_token"].get<std::string>().empty());
    EXPECT_EQ(body["user"].count("password_hash"), 0u);
}

TEST_F(HttpApi, wrong_password_and_unknown_email_get_the_same_answer) {
    auto wrong =
        send(port(), "POST", "/api/v1/auth/login",
             json{{"email", world->b.email("therapist2")}, {"password", "not the password"}}.dump(),
             {{"Content-Type", "application/json"}});
    auto unknown =
        send(port(), "POST", "/api/v1/auth/login",
             json{{"email", "nobody@example.org"}, {"password", "not the password"}}.dump(),
             {{"Content-Type", "application/json"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.body, unknown.body);
}

TEST_F(HttpApi, me_without_a_session_is_401_with_an_error_body) {
    auto r = send(port(), "GET", "/api/v1/me");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.error_code(), "unauthenticated");
    EXPECT_FALSE(r.json()["error"]["message"].get<std::string>().empty());
}

TEST_F(HttpApi, state_changing_requests_without_the_csrf_header_are_refused) {
    Client c = signed_in(world->a, "therapist");
    auto r = c.request("POST", "/api/v1/clients", json{{"display_name", "No CSRF"}}.dump(), false);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.error_code(), "csrf_failed");
    // Nothing was written.
    auto list = c.get("/api/v1/clients?q=No%20CSRF");
    EXPECT_TRUE(list.json()["items"].empty());
}

TEST_F(HttpApi, therapist_creates_edits_and_reads_a_client) {
    Client c = signed_in(world->a, "therapist");
    auto created = c.post("/api/v1/clients", {{"display_name", "  Robin T.  "},
                                              {"birth_year", 1991},
                                              {"contexts", {"trauma", "individual", "trauma"}}});
    ASSERT_EQ(created.status, 201) << created.body;
    auto client = created.json();
    EXPECT_EQ(client["display_name"], "Robin T.");
    EXPECT_EQ(client["contexts"], json({"individual", "trauma"}));
    EXPECT_EQ(client["status"], "active");
    EXPECT_EQ(client["therapist_ids"], json({world->a.therapist}));
    std::string id = client["id"];

    auto patched =
        c.patch("/api/v1/clients/" + id, {{"status", "paused"}, {"birth_year", nullptr}});
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.json()["status"], "paused");
    EXPECT_TRUE(patched.json()["birth_year"].is_null());
    EXPECT_EQ(patched.json()["display_name"], "Robin T.");

    auto read = c.get("/api/v1/clients/" + id);
    EXPECT_EQ(read.status, 200);
    EXPECT_EQ(read.json()["status"], "paused");
}

TEST_F(HttpApi, caseload_shows_only_the_therapists_own_clients) {
    Client c = signed_in(world->a, "therapist2");
    auto list = c.get("/api/v1/clients?limit=200");
    ASSERT_EQ(list.status, 200);
    std::vector<std::string> ids;
    json body = list.json();
    for (const auto& item : body["items"])
        ids.push_back(item["id"]);
    EXPECT_NE(std::find(ids.begin(), ids.end(), world->a.client2), ids.end());
    EXPECT_EQ(std::find(ids.begin(), ids.end(), world->a.client), ids.end());
    EXPECT_EQ(std::find(ids.begin(), ids.end(), world->b.client2), ids.end());
}

TEST_F(HttpApi, another_practices_client_is_not_found_not_forbidden) {
    Client c = signed_in(world->a, "therapist");
    auto r = c.get("/api/v1/clients/" + world->b.client);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body.find("Practice B"), std::string::npos);
    auto p = c.patch("/api/v1/clients/" + world->b.client, {{"status", "closed"}});
    EXPECT_EQ(p.status, 404);
}

TEST_F(HttpApi, supervisor_reads_the_supervisees_caseload_but_cannot_change_it) {
    Client c = signed_in(world->a, "supervisor");
    auto list = c.get("/api/v1/clients");
    ASSERT_EQ(list.status, 200);
    bool sees_supervisee_client = false, sees_other = false;
    json body = list.json();
    for (const auto& item : body["items"]) {
        sees_supervisee_client |= item["id"] == world->a.client;
        sees_other |= item["id"] == world->a.client2;
    }
    EXPECT_TRUE(sees_supervisee_client);
    EXPECT_FALSE(sees_other);
    EXPECT_EQ(c.get("/api/v1/clients/" + world->a.client).status, 200);
    EXPECT_EQ(c.patch("/api/v1/clients/" + world->a.client, {{"status", "closed"}}).status, 403);
    EXPECT_EQ(c.post("/api/v1/clients", {{"display_name", "x"}}).status, 403);
}

TEST_F(HttpApi, client_sees_only_their_own_record) {
    Client c = signed_in(world->a, "client");
    auto me = c.get("/api/v1/me").json();
    EXPECT_EQ(me["user"]["client_id"], world->a.client);
    EXPECT_EQ(c.get("/api/v1/clients/" + world->a.client).status, 200);
    EXPECT_EQ(c.get("/api/v1/clients/" + world->a.client2).status, 404);
    EXPECT_EQ(c.get("/api/v1/clients").status, 403);
    EXPECT_EQ(c.patch("/api/v1/clients/" + world->a.client, {{"status", "closed"}}).status, 403);
}

TEST_F(HttpApi, admin_manages_accounts_but_reads_no_clinical_content) {
    Client c = signed_in(world->a, "admin");
    EXPECT_EQ(c.get("/api/v1/clients").status, 403);
    EXPECT_EQ(c.get("/api/v1/clients/" + world->a.client).status, 403);
    auto users = c.get("/api/v1/users");
    ASSERT_EQ(users.status, 200);
    EXPECT_EQ(users.json()["items"].size(), 5u);
    EXPECT_EQ(users.body.find("Client One"), std::string::npos);
    auto audit = c.get("/api/v1/audit?limit=200");
    ASSERT_EQ(audit.status, 200);
    EXPECT_EQ(audit.body.find("Client One"), std::string::npos);
}

TEST_F(HttpApi, admin_creates_deactivates_and_resets_accounts) {
    Client admin = signed_in(world->a, "admin");
    auto created = admin.post("/api/v1/users", {{"email", "New.Therapist@A.test"},
                                                {"name", "New Therapist"},
                                                {"role", "therapist"},
                                                {"password", "initial passphrase one"}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json()["email"], "new.therapist@a.test");
    std::string id = created.json()["id"];
    auto duplicate = admin.post("/api/v1/users", {{"email", "new.therapist@a.test"},
                                                  {"name", "Again"},
                                                  {"role", "therapist"},
                                                  {"password", "initial passphrase one"}});
    EXPECT_EQ(duplicate.status, 409);
    EXPECT_EQ(duplicate.error_code(), "email_taken");

    Client newbie(port());
    ASSERT_EQ(newbie.login("new.therapist@a.test", "initial passphrase one").status, 200);
    EXPECT_EQ(newbie.get("/api/v1/clients").status, 200);

    // The practice cannot set the password; it sends a one-time link and the person chooses it.
    auto set = admin.patch("/api/v1/users/" + id, {{"password", "second passphrase two"}});
    EXPECT_EQ(set.status, 400);
    EXPECT_EQ(set.json()["error"]["field"], "password");
    auto reset = admin.post("/api/v1/users/" + id + "/password-reset", json::object());
    ASSERT_EQ(reset.status, 201) << reset.body;
    const std::string token = reset.json()["token"];
    EXPECT_NE(reset.json()["url"].get<std::string>().find("/reset-password?token=" + token),
              std::string::npos);
    EXPECT_EQ(newbie.get("/api/v1/clients").status, 401) << "a password reset ends old sessions";
    EXPECT_EQ(Client(port()).login("new.therapist@a.test", "initial passphrase one").status, 401)
        << "the old password stops working at once";
    auto weak = send(port(), "POST", "/api/v1/auth/reset-password",
                     json{{"token", token}, {"password", "short"}}.dump(),
                     {{"Content-Type", "application/json"}});
    EXPECT_EQ(weak.status, 400);
    EXPECT_EQ(weak.json()["error"]["field"], "password");
    auto chosen = send(port(), "POST", "/api/v1/auth/reset-password",
                       json{{"token", token}, {"password", "second passphrase two"}}.dump(),
                       {{"Content-Type", "application/json"}});
    ASSERT_EQ(chosen.status, 200) << chosen.body;
    auto again = send(port(), "POST", "/api/v1/auth/reset-password",
                      json{{"token", token}, {"password", "third passphrase three"}}.dump(),
                      {{"Content-Type", "application/json"}});
    EXPECT_EQ(again.status, 400) << "a reset link works once";
    EXPECT_EQ(again.json()["error"]["field"], "token");
    ASSERT_EQ(newbie.login("new.therapist@a.test", "second passphrase two").status, 200);

    ASSERT_EQ(admin.patch("/api/v1/users/" + id, {{"active", false}}).status, 200);
    EXPECT_EQ(newbie.get("/api/v1/clients").status, 401) << "deactivation ends sessions";
    EXPECT_EQ(newbie.login("new.therapist@a.test", "second passphrase two").status, 401);
}

TEST_F(HttpApi, weak_passwords_are_refused_with_a_sentence) {
    Client admin = signed_in(world->a, "admin");
    auto r = admin.post("/api/v1/users", {{"email", "weak@a.test"},
                                          {"name", "Weak"},
                                          {"role", "therapist"},
                                          {"password", "password1234"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.error_code(), "weak_password");
    EXPECT_EQ(r.json()["error"]["field"], "password");
}

TEST_F(HttpApi, admin_assigns_a_supervisor_who_then_sees_that_caseload) {
    Client admin = signed_in(world->b, "admin");
    auto r = admin.patch("/api/v1/users/" + world->b.therapist2,
                         {{"supervisor_ids", {world->b.supervisor}}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["supervisor_ids"], json({world->b.supervisor}));
    Client sup = signed_in(world->b, "supervisor");
    EXPECT_EQ(sup.get("/api/v1/clients/" + world->b.client2).status, 200);
    auto bad = admin.patch("/api/v1/users/" + world->b.therapist2,
                           {{"supervisor_ids", {world->a.supervisor}}});
    EXPECT_EQ(bad.status, 400) << "a supervisor from another practice is refused";
}

TEST_F(HttpApi, admin_of_one_practice_cannot_touch_another_practices_users) {
    Client admin = signed_in(world->a, "admin");
    EXPECT_EQ(admin.patch("/api/v1/users/" + world->b.therapist, {{"active", false}}).status, 404);
}

TEST_F(HttpApi, logout_revokes_the_session) {
    Client c = signed_in(world->a, "therapist");
    EXPECT_EQ(c.get("/api/v1/me").status, 200);
    auto out = c.post("/api/v1/auth/logout", json::object());
    EXPECT_EQ(out.status, 204);
    EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

TEST_F(HttpApi, invite_link_lets_a_client_set_a_password_once) {
    Client t = signed_in(world->a, "therapist2");
    auto invite = t.post("/api/v1/clients/" + world->a.client2 + "/invite",
                         {{"email", "portal.person@a.test"}});
    ASSERT_EQ(invite.status, 201) << invite.body;
    std::string url = invite.json()["url"];
    std::string token = url.substr(url.find("token=") + 6);
    EXPECT_EQ(url.rfind("http://127.0.0.1:", 0), 0u);
    EXPECT_TRUE(invite.json()["expires_at"].is_string());

    auto weak = send(port(), "POST", "/api/v1/auth/accept-invite",
                     json{{"token", token}, {"password", "short"}}.dump(),
                     {{"Content-Type", "application/json"}});
    EXPECT_EQ(weak.status, 400) << "a weak password does not use up the invite";
    auto accepted = send(port(), "POST", "/api/v1/auth/accept-invite",
                         json{{"token", token}, {"password", "my own portal passphrase"}}.dump(),
                         {{"Content-Type", "application/json"}});
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.json()["user"]["role"], "client");
    EXPECT_EQ(accepted.json()["user"]["client_id"], world->a.client2);
    auto again = send(port(), "POST", "/api/v1/auth/accept-invite",
                      json{{"token", token}, {"password", "another portal passphrase"}}.dump(),
                      {{"Content-Type", "application/json"}});
    EXPECT_EQ(again.status, 400);
    EXPECT_EQ(again.error_code(), "invalid_invite");

    Client portal(port());
    ASSERT_EQ(portal.login("portal.person@a.test", "my own portal passphrase").status, 200);
    EXPECT_EQ(portal.get("/api/v1/clients/" + world->a.client2).status, 200);
    EXPECT_EQ(t.get("/api/v1/clients/" + world->a.client2).json()["has_portal_account"], true);
}

TEST_F(HttpApi, only_the_care_team_may_invite) {
    Client other = signed_in(world->a, "therapist");
    EXPECT_EQ(other.post("/api/v1/clients/" + world->a.client2 + "/invite", {{"email", "x@a.test"}})
                  .status,
              404);
}

TEST_F(HttpApi, api_tokens_work_without_csrf_and_stop_working_when_revoked) {
    Client c = signed_in(world->b, "therapist");
    auto created = c.post("/api/v1/tokens", {{"name", "nightly export"}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::string token = created.json()["token"];
    std::string id = created.json()["id"];

    Client script(port());
    script.set_bearer(token);
    EXPECT_EQ(script.get("/api/v1/clients").status, 200);
    EXPECT_EQ(
        script.request("POST", "/api/v1/clients", json{{"display_name", "Via token"}}.dump(), false)
            .status,
        201);
    EXPECT_EQ(script.post("/api/v1/tokens", {{"name", "more"}}).status, 403)
        << "tokens cannot mint tokens";
    EXPECT_EQ(c.del("/api/v1/tokens/" + id).status, 204);
    EXPECT_EQ(script.get("/api/v1/clients").status, 401);
}

TEST_F(HttpApi, repeated_failed_logins_are_throttled_with_retry_after) {
    Client admin = signed_in(world->b, "admin");
    ASSERT_EQ(admin
                  .post("/api/v1/users", {{"email", "throttled@b.test"},
                                          {"name", "T"},
                                          {"role", "therapist"},
                                          {"password", "throttle passphrase"}})
                  .status,
              201);
    HttpResult last;
    for (int i = 0; i < 7; ++i) {
        last = send(port(), "POST", "/api/v1/auth/login",
                    json{{"email", "throttled@b.test"}, {"password", "wrong guess number"}}.dump(),
                    {{"Content-Type", "application/json"}});
    }
    EXPECT_EQ(last.status, 429);
    EXPECT_EQ(last.error_code(), "too_many_attempts");
    int retry_after = std::stoi(last.headers["retry-after"]);
    EXPECT_GE(retry_after, 1);
    EXPECT_LE(retry_after, 15 * 60) << "a block always ends";
}

TEST_F(HttpApi, audit_records_reads_writes_and_denials_with_ids_only) {
    Client t = signed_in(world->b, "therapist");
    ASSERT_EQ(t.get("/api/v1/clients/" + world->b.client).status, 200);
    ASSERT_EQ(t.get("/api/v1/clients/" + world->a.client).status, 404);
    Client admin = signed_in(world->b, "admin");
    auto audit = admin.get("/api/v1/audit?actor_id=" + world->b.therapist + "&limit=200");
    ASSERT_EQ(audit.status, 200);
    bool read_allowed = false, read_denied = false;
    json events = audit.json();
    for (const auto& e : events["items"]) {
        EXPECT_EQ(e["actor_id"], world->b.therapist);
        if (e["action"] == "client.read" && e["object_id"] == world->b.client &&
            e["outcome"] == "allowed")
            read_allowed = true;
        if (e["action"] == "client.read" && e["object_id"] == world->a.client &&
            e["outcome"] == "denied")
            read_denied = true;
    }
    EXPECT_TRUE(read_allowed);
    // The denied read concerned another practice's record; it is in practice B's chain as a denial.
    EXPECT_TRUE(read_denied);
    auto verified = server->app().audit().verify();
    ASSERT_TRUE(verified.ok());
    EXPECT_TRUE(verified->intact) << verified->first_problem;
}

TEST_F(HttpApi, list_pagination_walks_every_client_once) {
    Client c = signed_in(world->b, "therapist2");
    for (int i = 0; i < 7; ++i) {
        ASSERT_EQ(
            c.post("/api/v1/clients", {{"display_name", "Paged " + std::to_string(i)}}).status,
            201);
    }
    std::vector<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 10; ++page) {
        auto r =
            c.get("/api/v1/clients?limit=3&q=paged" + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(r.status, 200) << r.body;
        json body = r.json();
        for (const auto& item : body["items"])
            seen.push_back(item["display_name"]);
        if (r.json()["next_cursor"].is_null())
            break;
        cursor = r.json()["next_cursor"];
    }
    ASSERT_EQ(seen.size(), 7u);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(seen.front(), "Paged 0");
    EXPECT_EQ(c.get("/api/v1/clients?cursor=not-a-cursor").status, 400);
    EXPECT_EQ(c.get("/api/v1/clients?limit=0").status, 400);
    EXPECT_EQ(c.get("/api/v1/clients?limit=abc").status, 400);
}

TEST_F(HttpApi, openapi_lists_every_route_of_the_router) {
    auto doc = send(port(), "GET", "/api/v1/openapi.json").json();
    ASSERT_TRUE(doc.is_object());
    EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
    for (const auto& route : server->app().api().router().routes()) {
        std::string method = route.method;
        std::transform(method.begin(), method.end(), method.begin(), ::tolower);
        EXPECT_TRUE(doc["paths"].contains(route.pattern) &&
                    doc["paths"][route.pattern].contains(method))
            << route.method << " " << route.pattern << " is missing from api/openapi.json";
    }
}

// --- hostile and malformed input -----------------------------------------------------------------

TEST_F(HttpApi, malformed_json_is_a_400_and_writes_nothing) {
    Client c = signed_in(world->a, "therapist2");
    for (const std::string body : {"{", "[1,2]", "\"text\"", "{\"display_name\": }", "nul"}) {
        auto r = c.request("POST", "/api/v1/clients", body);
        EXPECT_EQ(r.status, 400) << body;
        EXPECT_EQ(r.error_code(), "invalid_json") << body;
    }
}

TEST_F(HttpApi, wrong_types_and_unknown_fields_name_the_field) {
    Client c = signed_in(world->a, "therapist2");
    auto wrong = c.post("/api/v1/clients", {{"display_name", 42}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(wrong.json()["error"]["field"], "display_name");
    auto unknown = c.post("/api/v1/clients", {{"display_name", "Ok"}, {"is_admin", true}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.json()["error"]["field"], "is_admin");
    auto bad_context = c.post("/api/v1/clients", {{"display_name", "Ok"}, {"contexts", {"space"}}});
    EXPECT_EQ(bad_context.json()["error"]["field"], "contexts");
    auto bad_year = c.post("/api/v1/clients", {{"display_name", "Ok"}, {"birth_year", 1850}});
    EXPECT_EQ(bad_year.json()["error"]["field"], "birth_year");
    auto empty_name = c.post("/api/v1/clients", {{"display_name", "   "}});
    EXPECT_EQ(empty_name.json()["error"]["field"], "display_name");
}

TEST_F(HttpApi, invalid_utf8_in_a_body_is_rejected) {
    Client c = signed_in(world->a, "therapist2");
    auto r = c.request("POST", "/api/v1/clients",
                       std::string("{\"display_name\": \"bad \xC3\x28 byte\"}"));
    EXPECT_EQ(r.status, 400);
}

TEST_F(HttpApi, wrong_content_type_is_refused) {
    Client c = signed_in(world->a, "therapist2");
    auto r = send(port(), "POST", "/api/v1/clients", "display_name=x",
                  {{"Cookie", c.session_cookie()},
                   {"X-CSRF-Token", c.csrf()},
                   {"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.error_code(), "unsupported_media_type");
}

TEST_F(HttpApi, a_body_over_the_limit_is_413) {
    std::string huge(2 * 1024 * 1024, 'x');
    auto r =
        send(port(), "POST", "/api/v1/auth/login", huge, {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.error_code(), "payload_too_large");
    EXPECT_EQ(send(port(), "GET", "/healthz").status, 200) << "the server is still up";
}

TEST_F(HttpApi, deeply_nested_json_is_refused_without_crashing) {
    std::string deep(100000, '[');
    auto r =
        send(port(), "POST", "/api/v1/auth/login", deep, {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 400);
}

TEST_F(HttpApi, path_traversal_and_odd_paths_never_reach_files) {
    for (const char* target :
         {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fCMakeLists.txt",
          "/%00", "/api/v1/clients/..%2f..%2fusers", "/%ff%fe"}) {
        auto r = send(port(), "GET", target);
        EXPECT_GE(r.status, 400) << target;
        EXPECT_LT(r.status, 500) << target;
        EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
    }
}

TEST_F(HttpApi, unknown_routes_and_methods_get_json_errors) {
    auto missing = send(port(), "GET", "/api/v1/does-not-exist");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.error_code(), "not_found");
    auto method = send(port(), "PUT", "/api/v1/clients");
    EXPECT_EQ(method.status, 405);
    EXPECT_EQ(method.error_code(), "method_not_allowed");
}

TEST_F(HttpApi, junk_ids_are_not_found) {
    Client c = signed_in(world->a, "therapist");
    EXPECT_EQ(c.get("/api/v1/clients/%27%20OR%201%3D1--").status, 404);
    EXPECT_EQ(c.get("/api/v1/clients/" + std::string(300, 'A')).status, 404);
}

TEST_F(HttpApi, an_invite_without_email_takes_the_email_when_accepted) {
    Client admin = signed_in(world->b, "admin");
    Client t = signed_in(world->b, "therapist2");
    auto invite = t.post("/api/v1/clients/" + world->b.client2 + "/invite", json::object());
    ASSERT_EQ(invite.status, 201) << invite.body;
    std::string token = invite.json()["token"];
    EXPECT_NE(invite.json()["url"].get<std::string>().find(token), std::string::npos);

    auto no_email = send(port(), "POST", "/api/v1/auth/accept-invite",
                         json{{"token", token}, {"password", "portal passphrase here"}}.dump(),
                         {{"Content-Type", "application/json"}});
    EXPECT_EQ(no_email.status, 400);
    EXPECT_EQ(no_email.json()["error"]["field"], "email");

    auto accepted = send(port(), "POST", "/api/v1/auth/accept-invite",
                         json{{"token", token},
                              {"password", "portal passphrase here"},
                              {"email", "Late.Email@B.test"}}
                             .dump(),
                         {{"Content-Type", "application/json"}});
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    Client portal(port());
    EXPECT_EQ(portal.login("late.email@b.test", "portal passphrase here").status, 200);
}

TEST_F(HttpApi, an_invite_for_one_email_cannot_be_accepted_with_another) {
    Client t = signed_in(world->b, "therapist");
    RequestContext ctx;
    ctx.actor = {world->b.therapist, world->b.id, Role::therapist, "", false, ""};
    clients::ClientFields f;
    f.display_name = "Invitee";
    std::string client_id = server->app().clients().create(ctx, f)->id;
    auto invite = t.post("/api/v1/clients/" + client_id + "/invite", {{"email", "right@b.test"}});
    ASSERT_EQ(invite.status, 201);
    auto wrong = send(port(), "POST", "/api/v1/auth/accept-invite",
                      json{{"token", invite.json()["token"]},
                           {"password", "portal passphrase here"},
                           {"email", "wrong@b.test"}}
                          .dump(),
                      {{"Content-Type", "application/json"}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(wrong.json()["error"]["field"], "email");
}

TEST_F(HttpApi, the_admins_account_list_names_no_client) {
    Client t = signed_in(world->a, "therapist");
    RequestContext ctx;
    ctx.actor = {world->a.therapist, world->a.id, Role::therapist, "", false, ""};
    clients::ClientFields f;
    f.display_name = "Quite Identifiable Person";
    std::string client_id = server->app().clients().create(ctx, f)->id;
    auto invite = t.post("/api/v1/clients/" + client_id + "/invite", {{"email", "qip@a.test"}});
    ASSERT_EQ(invite.status, 201);
    ASSERT_EQ(
        send(port(), "POST", "/api/v1/auth/accept-invite",
             json{{"token", invite.json()["token"]}, {"password", "portal passphrase here"}}.dump(),
             {{"Content-Type", "application/json"}})
            .status,
        200);
    Client admin = signed_in(world->a, "admin");
    auto users = admin.get("/api/v1/users?limit=200");
    ASSERT_EQ(users.status, 200);
    EXPECT_EQ(users.body.find("Quite Identifiable"), std::string::npos);
    EXPECT_NE(users.body.find("qip@a.test"), std::string::npos);
}

// Every read sees every write acknowledged before it, on whichever pooled connection it runs: on
// SQLite, a statement left mid-result pins its connection to an old snapshot. The writes come from
// a second instance on the same database, as in a scaled-out deployment.
TEST_F(HttpApi, a_read_after_a_write_sees_the_write) {
    TestServer second(server->db_path(), server->master_key_file());
    Client reader = signed_in(world->a, "therapist");
    Client writer(second.port());
    ASSERT_EQ(writer.login(world->a.email("therapist"), kPassword).status, 200);
    const std::string client = world->a.client;
    for (int i = 1; i <= 5; ++i) {
        // A read that returns one row leaves nothing open behind it...
        ASSERT_EQ(reader.get("/api/v1/clients/" + client).status, 200);
        std::string name = "Snapshot " + std::to_string(i);
        ASSERT_EQ(writer.patch("/api/v1/clients/" + client, {{"display_name", name}}).status, 200);
        auto added = writer.post("/api/v1/clients/" + client + "/resources",
                                 {{"title", name}, {"category", "skill"}});
        ASSERT_EQ(added.status, 201);
        // ...so the next reads see what the other instance wrote.
        auto list = reader.get("/api/v1/clients/" + client + "/resources?q=" + "Snapshot%20" +
                               std::to_string(i));
        EXPECT_EQ(list.json()["items"].size(), 1u) << "after write " << i << ": " << list.body;
        auto page = reader.get("/api/v1/clients");
        EXPECT_NE(page.body.find(name), std::string::npos) << "after write " << i;
    }
}

TEST_F(HttpApi, a_transfer_encoding_other_than_chunked_is_refused_and_the_connection_closed) {
    for (const char* coding : {"gzip", "identity", "xchunked", "chunked, gzip"}) {
        // A second request is queued behind the first: it must never be read as one of its own.
        std::string reply =
            send_raw(port(), std::string("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                         "Content-Type: application/json\r\nTransfer-Encoding: ") +
                                 coding + "\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << coding << ": " << reply;
        EXPECT_EQ(reply.find("HTTP/1.1 200"), std::string::npos) << coding << ": " << reply;
    }
    // Two Transfer-Encoding lines are as ambiguous as a list.
    std::string twice = send_raw(port(),
                                 "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                 "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "0\r\n\r\n");
    EXPECT_EQ(twice.rfind("HTTP/1.1 400", 0), 0u) << twice;
    // Plain chunked still works.
    const std::string body = R"({"email":"x@y.test","password":"not the password"})";
    char size[16];
    std::snprintf(size, sizeof size, "%zx", body.size());
    std::string chunked = send_raw(port(), std::string("POST /api/v1/auth/login HTTP/1.1\r\n"
                                                       "Host: x\r\nConnection: close\r\n"
                                                       "Content-Type: application/json\r\n"
                                                       "Transfer-Encoding: chunked\r\n\r\n") +
                                               size + "\r\n" + body + "\r\n0\r\n\r\n");
    EXPECT_EQ(chunked.rfind("HTTP/1.1 401", 0), 0u) << chunked;
}

// A stop must not drop requests that had already arrived: each kept-alive connection has a second
// request waiting (perhaps still unread in its socket) when the stop begins; every one is read,
// run and answered before its connection closes.
TEST(HttpStop, requests_already_received_are_answered_before_the_connection_closes) {
    TestServer server;
    namespace asio = boost::asio;
    asio::io_context ioc;
    const auto endpoint =
        asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port());
    const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    std::vector<std::unique_ptr<asio::ip::tcp::socket>> sockets;
    for (int i = 0; i < 16; ++i) {
        auto socket = std::make_unique<asio::ip::tcp::socket>(ioc);
        socket->connect(endpoint);
        // A first request answered: the connection is accepted and kept alive.
        asio::write(*socket, asio::buffer(request));
        std::array<char, 4096> chunk{};
        std::size_t n = socket->read_some(asio::buffer(chunk));
        ASSERT_EQ(std::string(chunk.data(), n).rfind("HTTP/1.1 200", 0), 0u);
        sockets.push_back(std::move(socket));
    }
    for (auto& socket : sockets)
        asio::write(*socket, asio::buffer(request));
    std::thread stopper([&] { server.stop(); });
    int answered = 0;
    for (auto& socket : sockets) {
        std::string reply;
        boost::system::error_code ec;
        std::array<char, 4096> chunk{};
        for (;;) {
            std::size_t n = socket->read_some(asio::buffer(chunk), ec);
            reply.append(chunk.data(), n);
            if (ec)
                break;
        }
        answered += reply.rfind("HTTP/1.1 200", 0) == 0 ? 1 : 0;
    }
    stopper.join();
    EXPECT_EQ(answered, 16) << "every request sent before the stop gets its answer";
}
