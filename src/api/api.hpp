#pragma once
// The HTTP API: turns requests into domain calls and results into JSON. It authenticates (session
// cookie + CSRF token, or a Bearer API token), builds the RequestContext, and commits the request's
// read-audit events (group commit) before the response leaves. Access decisions are the policy
// module's; handlers only ask.

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "domain/accounts/accounts.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/cases/cases.hpp"
#include "domain/clients/clients.hpp"
#include "domain/journal/journal.hpp"
#include "domain/measures/measures.hpp"
#include "domain/resources/goals.hpp"
#include "domain/resources/resources.hpp"
#include "domain/safety/alerts.hpp"
#include "domain/safety/safety_plan.hpp"
#include "domain/safety/settings.hpp"
#include "domain/sessions/sessions.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "i18n/catalogue.hpp"
#include "storage/database.hpp"

namespace trove::api {

struct ApiOptions {
    std::string public_url = "http://127.0.0.1:8080";  // base of links Trove hands out (invites)
    bool secure_cookies = false;                       // add Secure to cookies (behind TLS)
};

struct Services {
    storage::Database& db;
    audit::AuditLog& audit;
    accounts::AccountService& accounts;
    clients::ClientService& clients;
    cases::CaseService& cases;
    resources::ResourceService& resources;
    resources::GoalService& goals;
    measures::MeasureService& measures;
    journal::JournalService& journal;
    sessions::SessionService& sessions;
    safety::SettingsService& settings;
    safety::AlertService& alerts;
    safety::SafetyPlanService& safety_plans;
    //! The server's words in the reader's language (the strengths, the resource interview).
    const i18n::Catalogue& catalogue;
};

//! `signed_in_setup`: signed in, and reachable too while the practice requires a second factor the
//! person has not set up yet (their own account, signing out, setting one up). Every
//! `signed_in` route answers 403 `second_factor_setup_required` then.
enum class Access { anyone, signed_in, signed_in_setup };

//! One request as a handler sees it.
struct Exchange {
    const http::Request& request;
    http::PathParams params;
    RequestContext ctx;         // actor is set for signed_in routes
    std::string session_token;  // set when signed in with the session cookie
    std::string csrf_token;
    bool second_factor_setup_required = false;

    const std::string& param(std::string_view name) const;
};

using Handler = std::function<Result<http::Response>(Exchange&)>;

struct Endpoint {
    Access access = Access::signed_in;
    Handler handler;
    //! The handler hashes a password (Argon2id, tens of milliseconds of CPU): it runs on a worker
    //! thread, so that the I/O threads go on reading and answering other requests meanwhile.
    bool hashes_passwords = false;
};

using ApiRouter = http::Router<Endpoint>;

constexpr const char* kSessionCookie = "trove_session";

class Api {
public:
    Api(Services services, ApiOptions options, http::StaticFiles web);
    ~Api();

    //! Entry point for the HTTP server.
    void handle(http::Request request, http::Respond respond);

    const ApiRouter& router() const { return m_router; }

    //! Set once the listening port is known (when started on port 0). Not thread-safe: call before
    //! serving.
    void set_public_url(std::string url) { m_options.public_url = std::move(url); }
    const ApiOptions& options() const { return m_options; }

private:
    Result<void> authenticate(Exchange& exchange, const http::Request& request);
    void run(const http::Request& request, http::PathParams params, const Endpoint& endpoint,
             http::Respond respond);

    struct Workers;
    std::unique_ptr<Workers> m_workers;  // for endpoints that hash passwords

    Services m_services;
    ApiOptions m_options;
    http::StaticFiles m_web;
    ApiRouter m_router;
};

// Route groups, each in its own file.
void add_system_routes(ApiRouter& router, Services& services);
void add_auth_routes(ApiRouter& router, Services& services, const ApiOptions& options);
void add_client_routes(ApiRouter& router, Services& services, const ApiOptions& options);
void add_admin_routes(ApiRouter& router, Services& services);
void add_resource_routes(ApiRouter& router, Services& services);
void add_goal_routes(ApiRouter& router, Services& services);
void add_case_routes(ApiRouter& router, Services& services);
void add_measure_routes(ApiRouter& router, Services& services, const ApiOptions& options);
void add_fhir_routes(ApiRouter& router, Services& services, const ApiOptions& options);
void add_journal_routes(ApiRouter& router, Services& services, const ApiOptions& options);
void add_session_routes(ApiRouter& router, Services& services);
void add_safety_routes(ApiRouter& router, Services& services);

//! After a risk signal from a client (a critical answer, a very low mood): adds the practice's
//! crisis resources as `crisis` and its `review_promise` to the answer.
Result<void> add_crisis(nlohmann::json& body, Services& services, const std::string& practice_id);

//! The OpenAPI document served at /api/v1/openapi.json (generated from api/openapi.json).
const std::string& openapi_document();

}  // namespace trove::api
