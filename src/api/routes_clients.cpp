#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace trove::api {

namespace {

Result<clients::ClientFields> read_fields(const JsonBody& body) {
    clients::ClientFields f;
    f.display_name = TRY(body.optional_string("display_name"));
    f.birth_year = TRY(body.optional_nullable_int("birth_year"));
    f.contexts = TRY(body.optional_string_array("contexts"));
    f.status = TRY(body.optional_string("status"));
    f.therapist_ids = TRY(body.optional_string_array("therapist_ids"));
    return f;
}

}  // namespace

void add_client_routes(ApiRouter& router, Services& services, const ApiOptions& options) {
    router.add("GET", "/api/v1/clients",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    clients::ClientQuery q;
                    q.limit = TRY(limit_param(ex.request));
                    q.cursor = ex.request.query_param("cursor");
                    q.status = ex.request.query_param("status");
                    q.text = ex.request.query_param("q");
                    clients::ClientPage page = TRY(services.clients.list(ex.ctx, q));
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& c : page.items)
                        items.push_back(to_json(c));
                    return json_response(200, page_json(std::move(items), page.next_cursor));
                }});

    router.add("POST", "/api/v1/clients",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    JsonBody body =
                        TRY(JsonBody::parse(ex.request, {"display_name", "birth_year", "contexts",
                                                         "status", "therapist_ids"}));
                    clients::ClientFields fields = TRY(read_fields(body));
                    clients::Client client = TRY(services.clients.create(ex.ctx, fields));
                    return json_response(201, to_json(client));
                }});

    router.add("GET", "/api/v1/clients/{id}",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    clients::Client client = TRY(services.clients.get(ex.ctx, ex.param("id")));
                    return json_response(200, to_json(client));
                }});

    router.add(
        "PATCH", "/api/v1/clients/{id}",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             // Access first: a caller who may not touch the record learns nothing from validation.
             TRY(services.clients.authorize(ex.ctx, policy::Action::client_update, ex.param("id")));
             JsonBody body =
                 TRY(JsonBody::parse(ex.request, {"display_name", "birth_year", "contexts",
                                                  "status", "therapist_ids"}));
             clients::ClientFields fields = TRY(read_fields(body));
             clients::Client client = TRY(services.clients.update(ex.ctx, ex.param("id"), fields));
             return json_response(200, to_json(client));
         }});

    router.add(
        "POST", "/api/v1/clients/{id}/invite",
        {Access::signed_in, [&services, &options](Exchange& ex) -> Result<http::Response> {
             const std::string& client_id = ex.param("id");
             TRY(services.clients.authorize(ex.ctx, policy::Action::client_invite, client_id));
             JsonBody body = TRY(JsonBody::parse(ex.request, {"email"}));
             // Without an email here, the client gives one when accepting the invite.
             std::string email = TRY(body.optional_string("email")).value_or("");
             accounts::Invite invite = TRY(services.accounts.create_invite(
                 ex.ctx.actor, client_id, email,
                 ex.ctx.event("client.invite", "client", client_id)));
             std::string url = options.public_url + "/invite?token=" + invite.token;
             return json_response(201, {{"url", url},
                                        {"token", invite.token},
                                        {"expires_at", to_rfc3339(invite.expires_at)}});
         }});
}

}  // namespace trove::api
