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

constexpr const char* kTokensForbidden =
    "API tokens are for therapists' and supervisors' scripts, and are managed from a signed-in "
    "browser session.";

// The relying party passkeys are bound to: the host and origin of --public-url.
accounts::webauthn::RelyingParty relying_party(const ApiOptions& options) {
    return accounts::webauthn::RelyingParty::from_public_url(options.public_url);
}

// A string field of the credential's `response` object (what PublicKeyCredential.toJSON() makes).
Result<std::string> response_field(const JsonBody& body, const char* field) {
    const nlohmann::json& response = body.json().value("response", nlohmann::json());
    if (!response.is_object() || !response.contains(field) || !response[field].is_string())
        return Error::invalid("response", std::string("The passkey's answer lacks ") + field + ".");
    return response[field].get<std::string>();
}

// One's own credentials change only in a browser session, never through an API token.
Result<void> require_browser_session(const Exchange& ex) {
    if (ex.ctx.actor.via_api_token)
        return Error::forbidden("Change your sign-in settings in a signed-in browser session.");
    return {};
}

void set_session_cookie(http::Response& r, const accounts::LoginResult& login, Services& services,
                        const ApiOptions& options) {
    r.set_header("Set-Cookie", session_cookie(login.session_token,
                                              services.accounts.timeouts().absolute_ms / 1000,
                                              options.secure_cookies));
}

void add_passkey_routes(ApiRouter& router, Services& services, const ApiOptions& options) {
    router.add(
        "POST", "/api/v1/me/passkeys/options",
        {Access::signed_in_setup, [&services, &options](Exchange& ex) -> Result<http::Response> {
             TRY(require_browser_session(ex));
             TRY(JsonBody::parse(ex.request, {}));
             auto reg = TRY(services.accounts.begin_passkey_registration(ex.ctx.actor));
             const auto rp = relying_party(options);
             nlohmann::json exclude = nlohmann::json::array();
             for (const auto& id : reg.existing_credential_ids)
                 exclude.push_back({{"type", "public-key"}, {"id", id}});
             nlohmann::json params = nlohmann::json::array();
             for (int alg : {accounts::webauthn::kEs256, accounts::webauthn::kEdDsa,
                             accounts::webauthn::kRs256})
                 params.push_back({{"type", "public-key"}, {"alg", alg}});
             return json_response(200, {{"rp", {{"id", rp.id}, {"name", rp.name}}},
                                        {"user",
                                         {{"id", reg.user_handle},
                                          {"name", reg.user_name},
                                          {"displayName", reg.display_name}}},
                                        {"challenge", reg.challenge},
                                        {"pubKeyCredParams", params},
                                        {"timeout", 300000},
                                        {"attestation", "none"},
                                        {"authenticatorSelection",
                                         {{"residentKey", "required"},
                                          {"requireResidentKey", true},
                                          {"userVerification", "required"}}},
                                        {"excludeCredentials", exclude}});
         }});

    router.add(
        "POST", "/api/v1/me/passkeys",
        {Access::signed_in_setup, [&services, &options](Exchange& ex) -> Result<http::Response> {
             TRY(require_browser_session(ex));
             JsonBody body = TRY(JsonBody::parse(
                 ex.request, {"id", "rawId", "type", "response", "authenticatorAttachment",
                              "clientExtensionResults", "name"}));
             std::string client_data = TRY(response_field(body, "clientDataJSON"));
             std::string attestation = TRY(response_field(body, "attestationObject"));
             std::string name = TRY(body.optional_string("name")).value_or("");
             accounts::Passkey key = TRY(
                 services.accounts.register_passkey(ex.ctx.actor, relying_party(options),
                                                    client_data, attestation, name, by_actor(ex)));
             return json_response(
                 201,
                 {{"id", key.id}, {"name", key.name}, {"created_at", to_rfc3339(key.created_at)}});
         }});

    router.add(
        "GET", "/api/v1/me/passkeys",
        {Access::signed_in_setup, [&services](Exchange& ex) -> Result<http::Response> {
             TRY(require_browser_session(ex));
             nlohmann::json items = nlohmann::json::array();
             for (const auto& key : TRY(services.accounts.list_passkeys(ex.ctx.actor))) {
                 items.push_back({{"id", key.id},
                                  {"name", key.name},
                                  {"created_at", to_rfc3339(key.created_at)},
                                  {"last_used_at",
                                   key.last_used_at ? nlohmann::json(to_rfc3339(*key.last_used_at))
                                                    : nlohmann::json(nullptr)}});
             }
             return json_response(200, page_json(std::move(items), std::nullopt));
         }});

    router.add(
        "DELETE", "/api/v1/me/passkeys/{id}",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             TRY(require_browser_session(ex));
             TRY(services.accounts.delete_passkey(ex.ctx.actor, ex.param("id"), by_actor(ex)));
             return no_content();
         }});

    router.add("POST", "/api/v1/auth/passkey/options",
               {Access::anyone, [&services, &options](Exchange& ex) -> Result<http::Response> {
                    TRY(JsonBody::parse(ex.request, {}));
                    std::string challenge = TRY(services.accounts.begin_passkey_login());
                    return json_response(200, {{"challenge", challenge},
                                               {"rpId", relying_party(options).id},
                                               {"timeout", 300000},
                                               {"userVerification", "required"},
                                               {"allowCredentials", nlohmann::json::array()}});
                }});

    router.add("POST", "/api/v1/auth/passkey",
               {Access::anyone, [&services, &options](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(
                        ex.request, {"id", "rawId", "type", "response", "authenticatorAttachment",
                                     "clientExtensionResults"}));
                    accounts::PasskeyAssertion assertion;
                    assertion.credential_id = TRY(body.required_string(
                        "id", "The passkey's answer lacks its credential id."));
                    assertion.client_data_json = TRY(response_field(body, "clientDataJSON"));
                    assertion.authenticator_data = TRY(response_field(body, "authenticatorData"));
                    assertion.signature = TRY(response_field(body, "signature"));
                    accounts::LoginResult login = TRY(services.accounts.login_with_passkey(
                        relying_party(options), assertion, ex.request.remote_ip));
                    http::Response r = json_response(
                        200, {{"user", to_json(login.user)}, {"csrf_token", login.csrf_token}});
                    set_session_cookie(r, login, services, options);
                    return r;
                }});
}

}  // namespace

void add_auth_routes(ApiRouter& router, Services& services, const ApiOptions& options) {
    add_passkey_routes(router, services, options);
    router.add(
        "POST", "/api/v1/auth/login",
        {Access::anyone,
         [&services, &options](Exchange& ex) -> Result<http::Response> {
             JsonBody body =
                 TRY(JsonBody::parse(ex.request, {"email", "password", "totp", "recovery_code"}));
             std::string email = TRY(body.required_string("email", "Enter your email address."));
             std::string password = TRY(body.required_string("password", "Enter your password."));
             accounts::SecondFactor second;
             second.totp = TRY(body.optional_string("totp"));
             second.recovery_code = TRY(body.optional_string("recovery_code"));
             accounts::LoginResult login =
                 TRY(services.accounts.login(email, password, ex.request.remote_ip, second));
             http::Response r = json_response(
                 200, {{"user", to_json(login.user)}, {"csrf_token", login.csrf_token}});
             set_session_cookie(r, login, services, options);
             return r;
         },
         true});

    router.add(
        "POST", "/api/v1/auth/logout",
        {Access::signed_in_setup, [&services, &options](Exchange& ex) -> Result<http::Response> {
             TRY(JsonBody::parse(ex.request, {}));
             if (!ex.session_token.empty())
                 TRY(services.accounts.logout(ex.session_token, by_actor(ex)));
             http::Response r = no_content();
             r.set_header("Set-Cookie", session_cookie("", 0, options.secure_cookies));
             return r;
         }});

    router.add(
        "POST", "/api/v1/auth/accept-invite",
        {Access::anyone,
         [&services](Exchange& ex) -> Result<http::Response> {
             JsonBody body = TRY(JsonBody::parse(ex.request, {"token", "password", "email"}));
             std::string token =
                 TRY(body.required_string("token", "The invitation link is incomplete."));
             std::string password = TRY(body.required_string("password", "Choose a password."));
             accounts::User user = TRY(services.accounts.accept_invite(
                 token, password, TRY(body.optional_string("email")).value_or(""),
                 ex.request.remote_ip));
             return json_response(200, {{"user", to_json(user)}});
         },
         true});

    router.add("GET", "/api/v1/me",
               {Access::signed_in_setup, [&services](Exchange& ex) -> Result<http::Response> {
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
                                {"default_locale", practice.default_locale}}},
                              {"second_factor_setup_required", ex.second_factor_setup_required}});
                }});

    // What a signed-in person changes about their own account: for now their language.
    router.add("PATCH", "/api/v1/me",
               {Access::signed_in_setup, [&services](Exchange& ex) -> Result<http::Response> {
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
                 return Error::forbidden(kTokensForbidden);
             }
             auto tokens = TRY(services.accounts.list_api_tokens(ex.ctx.actor));
             nlohmann::json items = nlohmann::json::array();
             for (const auto& t : tokens) {
                 items.push_back(
                     {{"id", t.id},
                      {"name", t.name},
                      {"created_at", to_rfc3339(t.created_at)},
                      {"last_used_at", t.last_used_at ? nlohmann::json(to_rfc3339(*t.last_used_at))
                                                      : nlohmann::json(nullptr)},
                      {"expires_at", to_rfc3339(t.expires_at)}});
             }
             return json_response(200, page_json(std::move(items), std::nullopt));
         }});

    router.add(
        "POST", "/api/v1/tokens",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             if (policy::decide(ex.ctx.actor, policy::Action::token_manage) !=
                 policy::Decision::allow) {
                 return Error::forbidden(kTokensForbidden);
             }
             JsonBody body = TRY(JsonBody::parse(ex.request, {"name", "expires_in_days"}));
             std::string name =
                 TRY(body.required_string("name", "Name the token after the script that uses it."));
             int days =
                 TRY(body.optional_int("expires_in_days")).value_or(accounts::kDefaultTokenDays);
             accounts::ApiToken token =
                 TRY(services.accounts.create_api_token(ex.ctx.actor, name, days, by_actor(ex)));
             return json_response(201, {{"id", token.id},
                                        {"name", token.name},
                                        {"token", token.secret},
                                        {"created_at", to_rfc3339(token.created_at)},
                                        {"last_used_at", nullptr},
                                        {"expires_at", to_rfc3339(token.expires_at)}});
         }});

    // --- one's own account: password, authenticator app, other sessions ----------------------
    router.add("POST", "/api/v1/me/password",
               {Access::signed_in,
                [&services](Exchange& ex) -> Result<http::Response> {
                    TRY(require_browser_session(ex));
                    JsonBody body = TRY(JsonBody::parse(ex.request, {"current", "new"}));
                    std::string current =
                        TRY(body.required_string("current", "Enter your current password."));
                    std::string next = TRY(body.required_string("new", "Choose a new password."));
                    TRY(services.accounts.change_password(ex.ctx.actor, current, next,
                                                          ex.session_token, by_actor(ex)));
                    return no_content();
                },
                true});

    router.add("DELETE", "/api/v1/me/sessions",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    TRY(require_browser_session(ex));
                    TRY(JsonBody::parse(ex.request, {}));
                    TRY(services.accounts.end_other_sessions(ex.ctx.actor, ex.session_token,
                                                             by_actor(ex)));
                    return no_content();
                }});

    router.add("POST", "/api/v1/me/totp",
               {Access::signed_in_setup, [&services](Exchange& ex) -> Result<http::Response> {
                    TRY(require_browser_session(ex));
                    TRY(JsonBody::parse(ex.request, {}));
                    accounts::TotpSetup setup =
                        TRY(services.accounts.begin_totp(ex.ctx.actor, by_actor(ex)));
                    return json_response(
                        200, {{"secret", setup.secret}, {"otpauth_url", setup.otpauth_url}});
                }});

    router.add(
        "POST", "/api/v1/me/totp/confirm",
        {Access::signed_in_setup, [&services](Exchange& ex) -> Result<http::Response> {
             TRY(require_browser_session(ex));
             JsonBody body = TRY(JsonBody::parse(ex.request, {"code"}));
             std::string code =
                 TRY(body.required_string("code", "Enter the code your authenticator app shows."));
             auto codes = TRY(services.accounts.confirm_totp(ex.ctx.actor, code, by_actor(ex)));
             return json_response(200, {{"recovery_codes", codes}});
         }});

    router.add("DELETE", "/api/v1/me/totp",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    TRY(require_browser_session(ex));
                    JsonBody body = TRY(JsonBody::parse(ex.request, {"code"}));
                    std::string code = TRY(body.required_string(
                        "code", "Enter the code your authenticator app shows."));
                    TRY(services.accounts.disable_totp(ex.ctx.actor, code, by_actor(ex)));
                    return no_content();
                }});

    router.add(
        "DELETE", "/api/v1/tokens/{id}",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             if (policy::decide(ex.ctx.actor, policy::Action::token_manage) !=
                 policy::Decision::allow) {
                 return Error::forbidden(kTokensForbidden);
             }
             TRY(services.accounts.revoke_api_token(ex.ctx.actor, ex.param("id"), by_actor(ex)));
             return no_content();
         }});
}

}  // namespace trove::api
