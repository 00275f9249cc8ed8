#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/json_body.hpp"
#include "api/language.hpp"
#include "api/responses.hpp"
#include "domain/measures/words.hpp"

namespace trove::api {

namespace {

using measures::Instrument;
using measures::Words;

// The languages a questionnaire is served in: English (the original) and each validated
// translation that ships.
nlohmann::json languages(const Instrument& i) {
    nlohmann::json out = nlohmann::json::array({"en"});
    for (const auto& [language, translation] : i.translations)
        out.push_back(language);
    return out;
}

// An instrument as listed: its title in the validated translation where one ships in the
// language, and Trove's own words about it (construct, licence) in the reader's language.
nlohmann::json summary(const Instrument& i, bool enabled, const Words& words,
                       const std::string& language) {
    const measures::Translation* tr = i.translation(language);
    return {{"id", i.id},
            {"version", i.version},
            {"title", tr ? tr->title : i.title},
            {"language", tr ? tr->language : "en"},
            {"languages", languages(i)},
            {"short_name", i.short_name},
            {"construct", words.construct(i)},
            {"better", i.higher_is_better ? "higher" : "lower"},
            {"item_count", i.items.size()},
            {"response_min", i.response_min},
            {"response_max", i.response_max},
            {"ranked", i.ranked},
            {"licence",
             {{"status", i.licence.status},
              {"default_enabled", i.licence.default_enabled},
              {"text", words.licence(i)},
              {"url", i.licence.url}}},
            {"citation", i.citation},
            {"enabled", enabled}};
}

nlohmann::json change_json(const std::optional<measures::Change>& c) {
    return c ? measures::to_json(*c) : nlohmann::json();
}

nlohmann::json response_json(const measures::StoredResponse& r, const Actor& actor,
                             const Services& services, const Words& words) {
    const Instrument* ins = services.measures.find(r.instrument_id);
    nlohmann::json j = !r.scored.is_object() ? nlohmann::json::object()
                       : ins                 ? words.scored(*ins, r.scored)
                                             : r.scored;
    j["id"] = r.id;
    j["client_id"] = r.client_id;
    j["instrument"] = r.instrument_id;
    j["version"] = r.version;
    j["created_at"] = to_rfc3339(r.created_at);
    j["submitted_by_role"] = r.submitted_by_role;
    j["answers"] = r.answers;
    j["change"] = {{"previous", change_json(r.change_from_previous)},
                   {"first", change_json(r.change_from_first)}};
    if (measures::MeasureService::shows_alerts(actor)) {
        nlohmann::json alerts = nlohmann::json::array();
        for (const auto& a : r.alerts) {
            const auto& ack = a.acknowledged;
            alerts.push_back(
                {{"id", a.id},
                 {"item", a.item},
                 {"value", a.value.value_or(0)},
                 {"message",
                  ins && !words.english() ? words.alert_named(*ins, a.item, a.message) : a.message},
                 {"acknowledged_at", ack ? nlohmann::json(to_rfc3339(ack->at)) : nlohmann::json()},
                 {"acknowledged_by", ack ? nlohmann::json(ack->by) : nlohmann::json()},
                 {"acknowledged_by_name", ack ? nlohmann::json(ack->by_name) : nlohmann::json()},
                 {"action",
                  ack && !ack->action.empty() ? nlohmann::json(ack->action) : nlohmann::json()}});
        }
        j["alerts"] = std::move(alerts);
    } else {
        j.erase("alerts");
    }
    return j;
}

// {"answers": {"<linkId>": value | null, ...}}: a map the typed readers do not cover.
Result<measures::Answers> read_answers(const JsonBody& body) {
    const nlohmann::json& raw = body.json();
    measures::Answers answers;
    if (!raw.contains("answers"))
        return Error::invalid("answers", "Send the answers as {\"1\": value, ...}.");
    const nlohmann::json& a = raw["answers"];
    if (!a.is_object())
        return Error::invalid("answers", "Send the answers as {\"1\": value, ...}.");
    if (a.size() > 200)
        return Error::invalid("answers", "Too many answers.");
    for (const auto& [key, value] : a.items()) {
        if (value.is_null()) {
            answers[key] = std::nullopt;
        } else if (value.is_number_integer() && value.get<long long>() >= -1000 &&
                   value.get<long long>() <= 1000) {
            answers[key] = static_cast<int>(value.get<long long>());
        } else {
            return Error::invalid("answers",
                                  "Each answer is a whole number, or null when skipped.");
        }
    }
    return answers;
}

nlohmann::json assignment_json(const measures::Assignment& a) {
    return {
        {"id", a.id},
        {"client_id", a.client_id},
        {"instrument", a.instrument_id},
        {"every_weeks", a.every_weeks ? nlohmann::json(*a.every_weeks) : nlohmann::json()},
        {"every_sessions", a.every_sessions ? nlohmann::json(*a.every_sessions) : nlohmann::json()},
        {"sessions_since", a.sessions_since},
        {"next_due_at",
         a.next_due_at ? nlohmann::json(to_rfc3339(*a.next_due_at)) : nlohmann::json()},
        {"active", a.active},
        {"note", a.note},
        {"created_at", to_rfc3339(a.created_at)}};
}

}  // namespace

void add_measure_routes(ApiRouter& router, Services& services, const ApiOptions& options) {
    router.add("GET", "/api/v1/instruments",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    const std::string language = TRY(reader_language(ex, services));
                    const Words words(services.catalogue, language);
                    auto settings = TRY(services.measures.settings(ex.ctx.actor.practice_id));
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& s : settings)
                        items.push_back(summary(*s.instrument, s.enabled, words, language));
                    return json_response(200, {{"items", std::move(items)}});
                }});
    router.add("GET", "/api/v1/instruments/{id}",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    const std::string language = TRY(reader_language(ex, services));
                    const Instrument* i = services.measures.find(ex.param("id"));
                    if (!i)
                        return Error::not_found("instrument");
                    return json_response(200, measures::localized_questionnaire(*i, language));
                }});
    router.add(
        "PATCH", "/api/v1/instruments/{id}",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             TRY(services.measures.authorize_manage(ex.ctx, ex.param("id")));
             const std::string language = TRY(reader_language(ex, services));
             JsonBody body = TRY(JsonBody::parse(ex.request, {"enabled", "licence_acknowledged"}));
             auto enabled = TRY(body.optional_bool("enabled"));
             if (!enabled)
                 return Error::invalid("enabled", "Say whether to enable it (true/false).");
             bool ack = TRY(body.optional_bool("licence_acknowledged")).value_or(false);
             auto s = TRY(services.measures.set_enabled(ex.ctx, ex.param("id"), *enabled, ack));
             return json_response(200, summary(*s.instrument, s.enabled,
                                               Words(services.catalogue, language), language));
         }});

    router.add("GET", "/api/v1/clients/{id}/responses",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    const Words words(services.catalogue, TRY(reader_language(ex, services)));
                    auto list = TRY(services.measures.list(ex.ctx, ex.param("id"),
                                                           ex.request.query_param("instrument")));
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& r : list)
                        items.push_back(response_json(r, ex.ctx.actor, services, words));
                    return json_response(200, {{"items", std::move(items)}});
                }});
    router.add("POST", "/api/v1/clients/{id}/responses",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    TRY(services.resources.authorize(ex.ctx, policy::Action::response_submit,
                                                     resources::Owner::client(ex.param("id"))));
                    JsonBody body = TRY(JsonBody::parse(ex.request, {"instrument", "answers"}));
                    std::string instrument = TRY(body.required_string(
                        "instrument", "Say which questionnaire this is (e.g. phq9)."));
                    auto answers = TRY(read_answers(body));
                    const Words words(services.catalogue, TRY(reader_language(ex, services)));
                    auto r =
                        TRY(services.measures.submit(ex.ctx, ex.param("id"), instrument, answers));
                    nlohmann::json out = response_json(r, ex.ctx.actor, services, words);
                    // A critical answer is met with the crisis resources at once, whoever
                    // entered it (a therapist in session goes through them with the client).
                    if (!r.alerts.empty())
                        TRY(add_crisis(out, services, ex.ctx.actor.practice_id));
                    return json_response(201, out);
                }});
    router.add("GET", "/api/v1/responses/{id}",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    const Words words(services.catalogue, TRY(reader_language(ex, services)));
                    auto r = TRY(services.measures.get(ex.ctx, ex.param("id")));
                    return json_response(200, response_json(r, ex.ctx.actor, services, words));
                }});
    router.add("POST", "/api/v1/responses/{id}/alerts/ack",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto [action, note] = TRY(read_alert_acknowledgement(ex.request));
                    const Words words(services.catalogue, TRY(reader_language(ex, services)));
                    auto r =
                        TRY(services.measures.acknowledge(ex.ctx, ex.param("id"), action, note));
                    return json_response(200, response_json(r, ex.ctx.actor, services, words));
                }});
    router.add(
        "GET", "/api/v1/clients/{id}/measures/{instrument}",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             const std::string language = TRY(reader_language(ex, services));
             const Words words(services.catalogue, language);
             auto s = TRY(services.measures.series(ex.ctx, ex.param("id"), ex.param("instrument")));
             nlohmann::json bands = nlohmann::json::array();
             for (const auto& b : s.scale->bands) {
                 bands.push_back({{"min", b.min},
                                  {"min_exclusive", b.min_exclusive},
                                  {"label", words.band(*s.instrument, *s.scale, b)}});
             }
             nlohmann::json points = nlohmann::json::array();
             for (const auto& p : s.points) {
                 points.push_back({{"response_id", p.response_id},
                                   {"at", to_rfc3339(p.at)},
                                   {"value", p.value},
                                   {"band", p.band ? nlohmann::json(words.band_named(
                                                         *s.instrument, *s.scale, *p.band))
                                                   : nlohmann::json()}});
             }
             nlohmann::json rc = nullptr;
             if (s.sediff && s.baseline) {
                 rc = {{"sediff", *s.sediff},
                       {"threshold", 1.96 * *s.sediff},
                       {"baseline", *s.baseline}};
             }
             nlohmann::json range = nullptr;
             if (s.scale->range)
                 range = {s.scale->range->first, s.scale->range->second};
             bool enabled = true;
             return json_response(
                 200,
                 {{"instrument", summary(*s.instrument, enabled, words, language)},
                  {"scale", s.scale->id},
                  {"range", range},
                  {"better", s.instrument->higher_is_better ? "higher" : "lower"},
                  {"bands", std::move(bands)},
                  {"cutoff", s.scale->cutoff ? nlohmann::json(*s.scale->cutoff) : nlohmann::json()},
                  {"reliable_change", rc},
                  {"points", std::move(points)}});
         }});
    router.add("GET", "/api/v1/clients/{id}/measure-assignments",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto list = TRY(services.measures.assignments(ex.ctx, ex.param("id")));
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& a : list)
                        items.push_back(assignment_json(a));
                    return json_response(200, {{"items", std::move(items)}});
                }});
    router.add(
        "POST", "/api/v1/clients/{id}/measure-assignments",
        {Access::signed_in, [&services, &options](Exchange& ex) -> Result<http::Response> {
             TRY(services.resources.authorize(ex.ctx, policy::Action::record_write,
                                              resources::Owner::client(ex.param("id"))));
             JsonBody body = TRY(JsonBody::parse(
                 ex.request, {"instrument", "every_weeks", "every_sessions", "note", "link"}));
             measures::NewAssignment in;
             in.instrument =
                 TRY(body.required_string("instrument", "Choose a questionnaire to assign."));
             auto weeks = TRY(body.optional_nullable_int("every_weeks"));
             if (weeks)
                 in.every_weeks = *weeks;
             if (auto sessions = TRY(body.optional_nullable_int("every_sessions")); sessions)
                 in.every_sessions = *sessions;
             in.note = TRY(body.optional_string("note")).value_or("");
             in.link = TRY(body.optional_bool("link")).value_or(false);
             auto [assignment, link] = TRY(services.measures.assign(ex.ctx, ex.param("id"), in));
             nlohmann::json j = assignment_json(assignment);
             if (link) {
                 j["link"] = {{"url", options.public_url + "/q/" + link->token},
                              {"token", link->token},
                              {"expires_at", to_rfc3339(link->expires_at)}};
             }
             return json_response(201, j);
         }});
    router.add(
        "GET", "/api/v1/questionnaire-links/{token}",
        {Access::anyone, [&services](Exchange& ex) -> Result<http::Response> {
             bool asked = false;
             ex.request.query_param("lang", &asked);
             std::string language = TRY(requested_language(ex.request));
             auto link = TRY(services.measures.open_link(ex.param("token")));
             // The person the link was made for reads it in their own language (their
             // account's, else the practice's) unless the page asks for another one.
             const std::string preferred =
                 TRY(services.accounts.client_locale(link.practice_id, link.client_id));
             if (!asked)
                 language = preferred;
             const Words words(services.catalogue, language);
             nlohmann::json out = {
                 {"instrument", summary(*link.instrument, true, words, language)},
                 {"questionnaire", measures::localized_questionnaire(*link.instrument, language)},
                 {"expires_at", to_rfc3339(link.expires_at)},
                 {"preferred_language", preferred}};
             // Shown on the page before anyone answers: a person filling this in alone
             // knows where help is from the first screen.
             TRY(add_crisis(out, services, link.practice_id));
             return json_response(200, out);
         }});
    router.add("POST", "/api/v1/questionnaire-links/{token}/response",
               {Access::anyone, [&services](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(ex.request, {"answers"}));
                    auto answers = TRY(read_answers(body));
                    auto sent = TRY(
                        services.measures.submit_by_link(ex.param("token"), answers, ex.ctx.ip));
                    nlohmann::json out = {{"done", true}};
                    TRY(add_crisis(out, services, sent.practice_id));
                    if (!sent.critical)
                        out.erase("crisis");  // the review promise stays
                    return json_response(201, out);
                }});
}

}  // namespace trove::api
