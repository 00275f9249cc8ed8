#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"
#include "core/crypto.hpp"

namespace trove::api {

namespace {

// Admin routes have no client target; the policy decides by role alone. Denials are audited.
Result<void> require(Exchange& ex, policy::Action action) {
    if (policy::decide(ex.ctx.actor, action) == policy::Decision::allow)
        return {};
    ex.ctx.audit(policy::audit_name(action), "", "", Outcome::denied);
    return Error::forbidden("Only a practice admin can do that.");
}

// Nobody's clients, cases or open alerts are left with an account that can no longer sign in:
// deactivating one with a caseload is refused, naming how much it holds, unless another therapist
// takes everything over (in the deactivation's transaction, each client and case audited).
Result<std::vector<AuditEvent>> hand_over_caseload(Services& services, RequestContext& ctx,
                                                   storage::Tx& tx, const std::string& user_id,
                                                   const std::optional<std::string>& to) {
    const auto clients = TRY(services.clients.caseload_in(tx, user_id));
    const auto cases = TRY(services.cases.cases_of_in(tx, user_id));
    const int open_alerts = TRY(services.alerts.open_count_in(tx, clients));
    std::vector<AuditEvent> events;
    if (clients.empty() && cases.empty())
        return events;
    if (!to) {
        auto plural = [](std::size_t n, const char* one, const char* many) {
            return std::to_string(n) + " " + (n == 1 ? one : many);
        };
        Error e = Error::conflict(
            "has_caseload",
            "This therapist still has " + plural(clients.size(), "client", "clients") + ", " +
                plural(cases.size(), "case", "cases") + " and " +
                plural(static_cast<std::size_t>(open_alerts), "open alert", "open alerts") +
                ". Choose a therapist to take them over (reassign_to) before deactivating.",
            "reassign_to");
        e.counts = {{"clients", static_cast<long long>(clients.size())},
                    {"cases", static_cast<long long>(cases.size())},
                    {"open_alerts", open_alerts}};
        return e;
    }
    TRY(services.clients.hand_over_in(tx, user_id, *to));
    TRY(services.cases.hand_over_in(tx, user_id, *to));
    TRY(services.sessions.hand_over_in(tx, user_id, *to, now_ms()));
    for (const std::string& id : clients)
        events.push_back(ctx.event("client.handover", "client", id));
    for (const std::string& id : cases)
        events.push_back(ctx.event("case.handover", "case", id));
    return events;
}

}  // namespace

void add_admin_routes(ApiRouter& router, Services& services) {
    router.add("GET", "/api/v1/users",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    TRY(require(ex, policy::Action::user_list));
                    int limit = TRY(limit_param(ex.request));
                    std::string after;
                    if (std::string cursor = ex.request.query_param("cursor"); !cursor.empty()) {
                        if (!crypto::base64url_decode(cursor, after) || after.empty()) {
                            return Error::invalid("cursor",
                                                  "The cursor is not one Trove handed out.");
                        }
                    }
                    auto users = TRY(services.accounts.list_users(ex.ctx.actor.practice_id));
                    // Users are few; page in memory by id.
                    std::sort(users.begin(), users.end(),
                              [](const auto& a, const auto& b) { return a.id < b.id; });
                    nlohmann::json items = nlohmann::json::array();
                    std::optional<std::string> next;
                    for (const auto& u : users) {
                        if (!after.empty() && u.id <= after)
                            continue;
                        if (static_cast<int>(items.size()) == limit) {
                            next = crypto::base64url_encode(items.back()["id"].get<std::string>());
                            break;
                        }
                        items.push_back(to_json(u));
                    }
                    ex.ctx.audit("user.list", "user", "");
                    return json_response(200, page_json(std::move(items), next));
                }});

    router.add("POST", "/api/v1/users",
               {Access::signed_in,
                [&services](Exchange& ex) -> Result<http::Response> {
                    TRY(require(ex, policy::Action::user_create));
                    JsonBody body = TRY(JsonBody::parse(
                        ex.request, {"email", "name", "role", "password", "client_id"}));
                    accounts::NewUser user;
                    user.practice_id = ex.ctx.actor.practice_id;
                    user.email = TRY(body.required_string("email", "Enter an email address."));
                    user.name = TRY(body.required_string("name", "Enter a name."));
                    std::string role = TRY(body.required_string("role", "Choose a role."));
                    auto parsed = parse_role(role);
                    if (!parsed)
                        return Error::invalid(
                            "role", "Role must be admin, therapist, supervisor or client.");
                    user.role = *parsed;
                    user.password =
                        TRY(body.required_string("password", "Set an initial password."));
                    user.client_id = TRY(body.optional_string("client_id")).value_or("");
                    accounts::User created =
                        TRY(services.accounts.create_user(user, ex.ctx.event("", "", "")));
                    return json_response(201, to_json(created));
                },
                true});

    router.add(
        "PATCH", "/api/v1/users/{id}",
        {Access::signed_in,
         [&services](Exchange& ex) -> Result<http::Response> {
             TRY(require(ex, policy::Action::user_update));
             JsonBody body =
                 TRY(JsonBody::parse(ex.request, {"name", "active", "password", "supervisor_ids",
                                                  "supervisee_ids", "reassign_to"}));
             accounts::UserPatch patch;
             patch.name = TRY(body.optional_string("name"));
             patch.active = TRY(body.optional_bool("active"));
             patch.reassign_to = TRY(body.optional_string("reassign_to"));
             patch.on_deactivate = [&services, &ex](storage::Tx& tx, const std::string& user_id,
                                                    const std::optional<std::string>& to) {
                 return hand_over_caseload(services, ex.ctx, tx, user_id, to);
             };
             patch.password = TRY(body.optional_string("password"));
             patch.supervisor_ids = TRY(body.optional_string_array("supervisor_ids"));
             patch.supervisee_ids = TRY(body.optional_string_array("supervisee_ids"));
             accounts::User user = TRY(services.accounts.update_user(
                 ex.ctx.actor.practice_id, ex.param("id"), patch, ex.ctx.event("", "", "")));
             return json_response(200, to_json(user));
         },
         true});

    router.add("GET", "/api/v1/audit",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    TRY(require(ex, policy::Action::audit_read));
                    audit::AuditQuery q;
                    q.practice_id = ex.ctx.actor.practice_id;
                    q.limit = TRY(limit_param(ex.request));
                    q.cursor = ex.request.query_param("cursor");
                    q.actor_id = ex.request.query_param("actor_id");
                    q.action = ex.request.query_param("action");
                    audit::AuditPage page = TRY(services.audit.list(q));
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& rec : page.items)
                        items.push_back(to_json(rec.event, rec.seq));
                    ex.ctx.audit("audit.read", "audit", "");
                    return json_response(200, page_json(std::move(items), page.next_cursor));
                }});
}

}  // namespace trove::api
