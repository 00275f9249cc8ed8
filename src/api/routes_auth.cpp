#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace trove::api {

namespace {

std::string session_cookie(const std::string& value, long long max_age_seconds, bool secure) {
    std::string cookie =
        std::string(kSessionCookie) + "=" + value +
        "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
    if (secure)
        cookie += "; Secure";
    return cookie;
}

AuditEvent by_actor(const Exchange& ex) {
    return ex.ctx.event("", "", "");
}

}  // namespace

void add_auth_routes(ApiRouter& router, Services& services, const ApiOptions& options) {
    router.add(
        "POST", "/api/v1/auth/login",
        {Access::anyone, [&services, &options](Exchange& ex) -> Result<http::Response> {
             JsonBody body = TRY(JsonBody::parse(ex.request, {"email", "password"}));
             std::string email = TRY(body.required_string("email", "Enter your email address."));
             std::string password = TRY(body.required_string("password", "Enter your password."));
             accounts::LoginResult login =
                 TRY(services.accounts.login(email, password, ex.request.remote_ip));
             http::Response r = json_response(
                 200, {{"user", to_json(login.user)}, {"csrf_token", login.csrf_token}});
             r.set_header("Set-Cookie",
                          session_cookie(login.session_token,
                                         services.accounts.timeouts().absolute_ms / 1000,
                                         options.secure_cookies));
             return r;
         }});

    router.add("POST", "/api/v1/auth/logout",
               {Access::signed_in, [&services, &options](Exchange& ex) -> Result<http::Response> {
                    TRY(JsonBody::parse(ex.request, {}));
                    if (!ex.session_token.empty())
                        TRY(services.accounts.logout(ex.session_token, by_actor(ex)));
                    http::Response r = no_content();
                    r.set_header("Set-Cookie", session_cookie("", 0, options.secure_cookies));
                    return r;
                }});

    router.add(
        "POST", "/api/v1/auth/accept-invite",
        {Access::anyone, [&services](Exchange& ex) -> Result<http::Response> {
             JsonBody body = TRY(JsonBody::parse(ex.request, {"token", "password", "email"}));
             std::string token =
                 TRY(body.required_string("token", "The invitation link is incomplete."));
             std::string password = TRY(body.required_string("password", "Choose a password."));
             accounts::User user = TRY(services.accounts.accept_invite(
                 token, password, TRY(body.optional_string("email")).value_or(""),
                 ex.request.remote_ip));
             return json_response(200, {{"user", to_json(user)}});
         }});

    router.add("GET", "/api/v1/me",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    accounts::User user = TRY(
                        services.accounts.get_user(ex.ctx.actor.practice_id, ex.ctx.actor.user_id));
                    accounts::Practice practice =
                        TRY(services.accounts.get_practice(ex.ctx.actor.practice_id));
                    return json_response(
                        200, {{"user", to_json(user)},
                              {"csrf_token", ex.csrf_token.empty() ? nlohmann::json(nullptr)
                                                                   : nlohmann::json(ex.csrf_token)},
                              {"practice",
                               {{"id", practice.id},
                                {"name", practice.name},
                                {"personal", practice.personal},
                                {"default_locale", practice.default_locale}}}});
                }});

    // What a signed-in person changes about their own account: for now their language.
    router.add("PATCH", "/api/v1/me",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(ex.request, {"locale"}));
                    accounts::UserPatch patch;
                    patch.locale = TRY(body.optional_string("locale"));
                    accounts::User user = TRY(services.accounts.update_user(
                        ex.ctx.actor.practice_id, ex.ctx.actor.user_id, patch, by_actor(ex)));
                    return json_response(200, {{"user", to_json(user)}});
                }});

    router.add(
        "GET", "/api/v1/tokens",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             if (policy::decide(ex.ctx.actor, policy::Action::token_manage) !=
                 policy::Decision::allow) {
                 return Error::forbidden(
                     "API tokens are managed from a signed-in browser session.");
             }
             auto tokens = TRY(services.accounts.list_api_tokens(ex.ctx.actor));
             nlohmann::json items = nlohmann::json::array();
             for (const auto& t : tokens) {
                 items.push_back(
                     {{"id", t.id},
                      {"name", t.name},
                      {"created_at", to_rfc3339(t.created_at)},
                      {"last_used_at", t.last_used_at ? nlohmann::json(to_rfc3339(*t.last_used_at))
                                                      : nlohmann::json(nullptr)}});
             }
             return json_response(200, page_json(std::move(items), std::nullopt));
         }});

    router.add("POST", "/api/v1/tokens",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    if (policy::decide(ex.ctx.actor, policy::Action::token_manage) !=
                        policy::Decision::allow) {
                        return Error::forbidden(
                            "API tokens are managed from a signed-in browser session.");
                    }
                    JsonBody body = TRY(JsonBody::parse(ex.request, {"name"}));
                    std::string name = TRY(body.required_string(
                        "name", "Name the token after the script that uses it."));
                    accounts::ApiToken token =
                        TRY(services.accounts.create_api_token(ex.ctx.actor, name, by_actor(ex)));
                    return json_response(201, {{"id", token.id},
                                               {"name", token.name},
                                               {"token", token.secret},
                                               {"created_at", to_rfc3339(token.created_at)}});
                }});

    router.add(
        "DELETE", "/api/v1/tokens/{id}",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             if (policy::decide(ex.ctx.actor, policy::Action::token_manage) !=
                 policy::Decision::allow) {
                 return Error::forbidden(
                     "API tokens are managed from a signed-in browser session.");
             }
             TRY(services.accounts.revoke_api_token(ex.ctx.actor, ex.param("id"), by_actor(ex)));
             return no_content();
         }});
}

}  // namespace trove::api
