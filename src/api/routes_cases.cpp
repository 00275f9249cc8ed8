#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace trove::api {

void add_owner_resource_routes(ApiRouter& router, Services& services, const std::string& owner_path,
                               resources::Owner (*owner_of)(std::string));

namespace {

Result<cases::CaseFields> read_fields(const JsonBody& body) {
    cases::CaseFields f;
    f.kind = TRY(body.optional_string("kind"));
    f.name = TRY(body.optional_string("name"));
    f.member_ids = TRY(body.optional_string_array("member_ids"));
    f.therapist_ids = TRY(body.optional_string_array("therapist_ids"));
    return f;
}

}  // namespace

void add_case_routes(ApiRouter& router, Services& services) {
    router.add("GET", "/api/v1/cases",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto list = TRY(services.cases.list(ex.ctx));
                    return json_response(200, items_json(list));
                }});
    router.add("POST", "/api/v1/cases",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(
                        ex.request, {"kind", "name", "member_ids", "therapist_ids"}));
                    auto fields = TRY(read_fields(body));
                    auto c = TRY(services.cases.create(ex.ctx, fields));
                    return json_response(201, to_json(c));
                }});
    router.add("GET", "/api/v1/cases/{id}",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto c = TRY(services.cases.get(ex.ctx, ex.param("id")));
                    return json_response(200, to_json(c));
                }});
    router.add(
        "PATCH", "/api/v1/cases/{id}",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             TRY(services.cases.authorize(ex.ctx, policy::Action::case_update, ex.param("id")));
             JsonBody body =
                 TRY(JsonBody::parse(ex.request, {"kind", "name", "member_ids", "therapist_ids"}));
             auto fields = TRY(read_fields(body));
             auto c = TRY(services.cases.update(ex.ctx, ex.param("id"), fields));
             return json_response(200, to_json(c));
         }});
    add_owner_resource_routes(router, services, "cases", &resources::Owner::case_of);
}

}  // namespace trove::api
