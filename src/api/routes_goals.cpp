#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace trove::api {

namespace {

using resources::GoalKind;

Result<resources::GoalFields> read_fields(const http::Request& request, GoalKind kind) {
    JsonBody body =
        kind == GoalKind::goal
            ? TRY(JsonBody::parse(request, {"title", "description", "status", "resource_ids"}))
            : TRY(JsonBody::parse(request, {"title", "description", "status"}));
    resources::GoalFields f;
    f.title = TRY(body.optional_string("title"));
    f.description = TRY(body.optional_string("description"));
    f.status = TRY(body.optional_string("status"));
    if (kind == GoalKind::goal)
        f.resource_ids = TRY(body.optional_string_array("resource_ids"));
    return f;
}

void add_kind_routes(ApiRouter& router, Services& services, GoalKind kind) {
    const std::string plural = kind == GoalKind::goal ? "goals" : "problems";
    router.add("GET", "/api/v1/clients/{id}/" + plural,
               {Access::signed_in, [&services, kind](Exchange& ex) -> Result<http::Response> {
                    auto list = TRY(services.goals.list(ex.ctx, kind, ex.param("id")));
                    return json_response(200, items_json(list));
                }});
    router.add("POST", "/api/v1/clients/{id}/" + plural,
               {Access::signed_in, [&services, kind](Exchange& ex) -> Result<http::Response> {
                    TRY(services.resources.authorize(ex.ctx, policy::Action::record_write,
                                                     resources::Owner::client(ex.param("id"))));
                    auto fields = TRY(read_fields(ex.request, kind));
                    auto g = TRY(services.goals.create(ex.ctx, kind, ex.param("id"), fields));
                    return json_response(201, to_json(g));
                }});
    router.add("GET", "/api/v1/" + plural + "/{id}",
               {Access::signed_in, [&services, kind](Exchange& ex) -> Result<http::Response> {
                    auto g = TRY(services.goals.get(ex.ctx, kind, ex.param("id")));
                    return json_response(200, to_json(g));
                }});
    router.add("PATCH", "/api/v1/" + plural + "/{id}",
               {Access::signed_in, [&services, kind](Exchange& ex) -> Result<http::Response> {
                    auto fields = TRY(read_fields(ex.request, kind));
                    auto g = TRY(services.goals.update(ex.ctx, kind, ex.param("id"), fields));
                    return json_response(200, to_json(g));
                }});
    router.add("GET", "/api/v1/" + plural + "/{id}/ratings",
               {Access::signed_in, [&services, kind](Exchange& ex) -> Result<http::Response> {
                    auto list = TRY(services.goals.ratings(ex.ctx, kind, ex.param("id")));
                    return json_response(200, items_json(list));
                }});
    router.add("POST", "/api/v1/" + plural + "/{id}/ratings",
               {Access::signed_in, [&services, kind](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(ex.request, {"value", "rated_at"}));
                    resources::ScaleInput in;
                    in.value = TRY(body.optional_int("value"));
                    in.rated_at = TRY(body.optional_string("rated_at"));
                    auto r = TRY(services.goals.rate(ex.ctx, kind, ex.param("id"), in));
                    return json_response(201, to_json(r));
                }});
}

}  // namespace

void add_goal_routes(ApiRouter& router, Services& services) {
    add_kind_routes(router, services, GoalKind::goal);
    add_kind_routes(router, services, GoalKind::problem);
    router.add("GET", "/api/v1/clients/{id}/balance",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto points = TRY(services.goals.balance(ex.ctx, ex.param("id")));
                    nlohmann::json items = nlohmann::json::array();
                    auto num = [](const std::optional<double>& v) {
                        return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
                    };
                    for (const auto& p : points) {
                        items.push_back({{"date", p.date},
                                         {"resource_availability", num(p.resource_availability)},
                                         {"resource_activation", num(p.resource_activation)},
                                         {"problem_intensity", num(p.problem_intensity)},
                                         {"goal_progress", num(p.goal_progress)}});
                    }
                    return json_response(200, {{"points", std::move(items)}});
                }});
}

}  // namespace trove::api
