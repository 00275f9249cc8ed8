#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/json_body.hpp"
#include "api/language.hpp"
#include "api/responses.hpp"
#include "domain/resources/catalogue.hpp"

namespace trove::api {

namespace {

Result<JsonBody> parse_resource_body(const http::Request& request) {
    return JsonBody::parse(
        request, {"title", "description", "category", "source", "strength_code", "stabilising",
                  "evidence", "visible_to_client", "therapist_note", "status"});
}

Result<resources::ResourceFields> read_fields(const JsonBody& body) {
    resources::ResourceFields f;
    f.title = TRY(body.optional_string("title"));
    f.description = TRY(body.optional_string("description"));
    f.category = TRY(body.optional_string("category"));
    f.source = TRY(body.optional_string("source"));
    f.strength_code = TRY(body.optional_nullable_string("strength_code"));
    f.stabilising = TRY(body.optional_bool("stabilising"));
    f.evidence = TRY(body.optional_string("evidence"));
    f.visible_to_client = TRY(body.optional_bool("visible_to_client"));
    f.therapist_note = TRY(body.optional_string("therapist_note"));
    f.status = TRY(body.optional_string("status"));
    return f;
}

Result<resources::RatingInput> read_rating(const http::Request& request) {
    JsonBody body = TRY(JsonBody::parse(request, {"availability", "activation", "rated_at"}));
    resources::RatingInput in;
    in.availability = TRY(body.optional_int("availability"));
    in.activation = TRY(body.optional_int("activation"));
    in.rated_at = TRY(body.optional_string("rated_at"));
    return in;
}

resources::ResourceQuery read_query(const http::Request& request) {
    resources::ResourceQuery q;
    q.status = request.query_param("status");
    q.category = request.query_param("category");
    q.text = request.query_param("q");
    return q;
}

Result<TimeMs> at_param(const http::Request& request) {
    bool given = false;
    std::string at = request.query_param("at", &given);
    if (!given || at.empty())
        return now_ms();
    std::optional<TimeMs> t = parse_rfc3339(at);
    if (!t)
        return Error::invalid("at", "Give the time as RFC 3339, e.g. 2026-11-28T18:20:00Z.");
    return *t;
}

}  // namespace

//! Routes on resources of a client or a case; `owner_path` is "clients" or "cases".
void add_owner_resource_routes(ApiRouter& router, Services& services, const std::string& owner_path,
                               resources::Owner (*owner_of)(std::string)) {
    const std::string base = "/api/v1/" + owner_path + "/{id}";
    router.add("GET", base + "/resources",
               {Access::signed_in, [&services, owner_of](Exchange& ex) -> Result<http::Response> {
                    auto list = TRY(services.resources.list(ex.ctx, owner_of(ex.param("id")),
                                                            read_query(ex.request)));
                    return json_response(200, items_json(list));
                }});
    router.add("POST", base + "/resources",
               {Access::signed_in, [&services, owner_of](Exchange& ex) -> Result<http::Response> {
                    resources::Owner owner = owner_of(ex.param("id"));
                    // Access before validation: a stranger learns nothing from our messages.
                    auto action = ex.ctx.actor.role == Role::client
                                      ? policy::Action::resource_propose
                                      : policy::Action::record_write;
                    TRY(services.resources.authorize(ex.ctx, action, owner));
                    JsonBody body = TRY(parse_resource_body(ex.request));
                    auto fields = TRY(read_fields(body));
                    auto created = TRY(services.resources.create(ex.ctx, owner, fields));
                    return json_response(201, to_json(created));
                }});
    router.add("GET", base + "/resource-map",
               {Access::signed_in, [&services, owner_of](Exchange& ex) -> Result<http::Response> {
                    TimeMs at = TRY(at_param(ex.request));
                    auto map = TRY(services.resources.map(ex.ctx, owner_of(ex.param("id")), at));
                    return json_response(200, to_json(map));
                }});
}

void add_resource_routes(ApiRouter& router, Services& services) {
    // The strengths and the interview in the reader's language (?lang=, as for questionnaires);
    // codes, virtues and categories are the contract and stay as they are.
    router.add(
        "GET", "/api/v1/strengths",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             const std::string language = TRY(catalogue_language(ex.request));
             const i18n::Catalogue& words = services.catalogue;
             nlohmann::json items = nlohmann::json::array();
             for (const auto& s : resources::strengths()) {
                 const std::string key = "resources.strength." + s.code;
                 items.push_back({{"code", s.code},
                                  {"name", words.text(language, key + ".name")},
                                  {"virtue", s.virtue},
                                  {"description", words.text(language, key + ".description")}});
             }
             return json_response(200, {{"items", std::move(items)}, {"language", language}});
         }});
    router.add("GET", "/api/v1/resource-interview",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    const std::string language = TRY(catalogue_language(ex.request));
                    const i18n::Catalogue& words = services.catalogue;
                    nlohmann::json sections = nlohmann::json::array();
                    for (const auto& s : resources::interview()) {
                        const std::string key = "resources.interview." + s.category;
                        nlohmann::json questions = nlohmann::json::array();
                        for (std::size_t i = 1; i <= s.questions.size(); ++i)
                            questions.push_back(
                                words.text(language, key + ".question." + std::to_string(i)));
                        sections.push_back({{"category", s.category},
                                            {"title", words.text(language, key + ".title")},
                                            {"questions", std::move(questions)}});
                    }
                    return json_response(
                        200, {{"categories", std::move(sections)}, {"language", language}});
                }});

    add_owner_resource_routes(router, services, "clients", &resources::Owner::client);

    router.add("GET", "/api/v1/resources/{id}",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto r = TRY(services.resources.get(ex.ctx, ex.param("id")));
                    return json_response(200, to_json(r));
                }});
    router.add("PATCH", "/api/v1/resources/{id}",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(parse_resource_body(ex.request));
                    auto fields = TRY(read_fields(body));
                    auto r = TRY(services.resources.update(ex.ctx, ex.param("id"), fields));
                    return json_response(200, to_json(r));
                }});
    router.add("DELETE", "/api/v1/resources/{id}",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto r = TRY(services.resources.archive(ex.ctx, ex.param("id")));
                    return json_response(200, to_json(r));
                }});
    router.add("GET", "/api/v1/resources/{id}/ratings",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto list = TRY(services.resources.ratings(ex.ctx, ex.param("id")));
                    return json_response(200, items_json(list));
                }});
    router.add("POST", "/api/v1/resources/{id}/ratings",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto input = TRY(read_rating(ex.request));
                    auto rating = TRY(services.resources.rate(ex.ctx, ex.param("id"), input));
                    return json_response(201, to_json(rating));
                }});

    router.add("GET", "/api/v1/clients/{id}/coping-card",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto card = TRY(services.safety_plans.card(ex.ctx, ex.param("id")));
                    return json_response(200, to_json(card));
                }});
    router.add("PUT", "/api/v1/clients/{id}/coping-card",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    TRY(services.resources.authorize(ex.ctx, policy::Action::coping_card_write,
                                                     resources::Owner::client(ex.param("id"))));
                    JsonBody body =
                        TRY(JsonBody::parse(ex.request, {"contacts", "calming_steps", "reasons"}));
                    resources::CopingCard card;
                    auto contacts =
                        TRY(body.optional_object_array("contacts", {"name", "phone", "note"}, 10));
                    for (const JsonBody& c : contacts.value_or(std::vector<JsonBody>{})) {
                        resources::CopingContact contact;
                        contact.name = TRY(c.optional_string("name")).value_or("");
                        contact.phone = TRY(c.optional_string("phone")).value_or("");
                        contact.note = TRY(c.optional_string("note")).value_or("");
                        card.contacts.push_back(std::move(contact));
                    }
                    card.calming_steps = TRY(body.optional_string_array("calming_steps", 1200))
                                             .value_or(std::vector<std::string>{});
                    card.reasons = TRY(body.optional_string_array("reasons", 1200))
                                       .value_or(std::vector<std::string>{});
                    auto saved = TRY(services.safety_plans.put_card(ex.ctx, ex.param("id"), card));
                    return json_response(200, to_json(saved));
                }});
}

}  // namespace trove::api
