// Between sessions: exercises, assignments, the journal, adherence, milestones, the calendar feed
// and the practice's journal settings.

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/json_body.hpp"
#include "api/language.hpp"
#include "api/responses.hpp"

namespace trove::api {

namespace {

using journal::format_date;
using nlohmann::json;

// An exercise as a person reads it: the texts in `language` where it is written in it, else in
// English, with the language that came back.
json exercise_json(const journal::Exercise& e, const std::string& language) {
    json j = journal::to_json(journal::in_language(e, language));
    j["language"] = std::string(journal::served_language(e, language));
    return j;
}

json to_json(const journal::Adherence& a) {
    return {{"due", a.due},
            {"done", a.done},
            {"current_streak", a.current_streak},
            {"longest_streak", a.longest_streak},
            {"streak_unit", a.streak_unit}};
}

json to_json(const journal::Assignment& a) {
    return {{"id", a.id},
            {"client_id", a.client_id},
            {"exercise_id", a.exercise_id},
            {"schedule", journal::to_json(a.schedule)},
            {"starts_on", format_date(a.starts_on)},
            {"note", a.note},
            {"status", a.status},
            {"ended_on", a.ended_on ? json(format_date(*a.ended_on)) : json(nullptr)},
            {"created_at", to_rfc3339(a.created_at)},
            {"updated_at", to_rfc3339(a.updated_at)}};
}

json to_json(const journal::AssignmentAdherence& item) {
    json j = to_json(item.assignment);
    j["exercise_title"] = item.exercise_title;
    j["due_today"] = item.due_today;
    j["done_today"] = item.done_today;
    j["adherence"] = to_json(item.adherence);
    return j;
}

json to_json(const journal::Entry& e) {
    return {{"id", e.id},
            {"client_id", e.client_id},
            {"kind", e.kind},
            {"text", e.text},
            {"mood", e.mood ? json(*e.mood) : json(nullptr)},
            {"strength_codes", e.strength_codes},
            {"resource_id", e.resource_id ? json(*e.resource_id) : json(nullptr)},
            {"assignment_id", e.assignment_id ? json(*e.assignment_id) : json(nullptr)},
            {"shared", e.shared},
            {"entry_date", format_date(e.entry_date)},
            {"created_at", to_rfc3339(e.created_at)},
            {"updated_at", to_rfc3339(e.updated_at)}};
}

json to_json(const journal::Milestones& m) {
    json items = json::array();
    for (const auto& x : m.items) {
        items.push_back({{"id", x.id},
                         {"title", x.title},
                         {"message", x.message},
                         {"achieved_on", format_date(x.achieved_on)}});
    }
    return {{"enabled", m.enabled}, {"items", std::move(items)}};
}

json to_json(const journal::JournalSettings& s) {
    return {{"shared_by_default", s.shared_by_default},
            {"show_private_dates", s.show_private_dates},
            {"time_zone", s.time_zone}};
}

Result<journal::EntryInput> read_entry(const JsonBody& body) {
    journal::EntryInput in;
    in.kind = TRY(body.optional_string("kind"));
    in.text = TRY(body.optional_string("text"));
    in.mood = TRY(body.optional_nullable_int("mood"));
    in.strength_codes = TRY(body.optional_string_array("strength_codes"));
    in.resource_id = TRY(body.optional_nullable_string("resource_id"));
    in.assignment_id = TRY(body.optional_nullable_string("assignment_id"));
    in.shared = TRY(body.optional_bool("shared"));
    in.entry_date = TRY(body.optional_string("entry_date"));
    in.idempotency_key = TRY(body.optional_string("idempotency_key"));
    return in;
}

Result<journal::AssignmentInput> read_assignment(const http::Request& request) {
    JsonBody body =
        TRY(JsonBody::parse(request, {"exercise_id", "schedule", "note", "starts_on", "status"}));
    journal::AssignmentInput in;
    in.exercise_id = TRY(body.optional_string("exercise_id"));
    if (body.has("schedule")) {
        if (!body.json()["schedule"].is_object())
            return Error::invalid("schedule",
                                  "The schedule is an object, e.g. {\"frequency\": \"daily\"}.");
        in.schedule = body.json()["schedule"];
    }
    in.note = TRY(body.optional_string("note"));
    in.starts_on = TRY(body.optional_string("starts_on"));
    in.status = TRY(body.optional_string("status"));
    return in;
}

Result<journal::EntryQuery> read_entry_query(const http::Request& request) {
    journal::EntryQuery q;
    q.text = request.query_param("q");
    q.kind = request.query_param("kind");
    for (const char* name : {"from", "to"}) {
        std::string value = request.query_param(name);
        if (value.empty())
            continue;
        auto d = journal::parse_date(value);
        if (!d)
            return Error::invalid(name, "The date must look like 2026-11-29.");
        (std::string_view(name) == "from" ? q.from : q.to) = *d;
    }
    std::string limit = request.query_param("limit");
    if (!limit.empty()) {
        if (limit.size() > 4 || limit.find_first_not_of("0123456789") != std::string::npos)
            return Error::invalid("limit", "The limit must lie between 1 and 500.");
        q.limit = std::stoi(limit);
    }
    return q;
}

}  // namespace

void add_journal_routes(ApiRouter& router, Services& services, const ApiOptions& options) {
    auto& journal = services.journal;

    // ?lang= picks the language of the texts (English when the exercise is not written in it);
    // `language` says which one came back.
    router.add("GET", "/api/v1/exercises",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    std::string language = TRY(requested_language(ex.request));
                    json items = json::array();
                    for (const auto& e : TRY(journal.exercises(ex.ctx)))
                        items.push_back(exercise_json(e, language));
                    return json_response(200, {{"items", std::move(items)}});
                }});
    router.add("POST", "/api/v1/exercises",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(
                        ex.request, {"title", "summary", "purpose", "instructions", "prompts",
                                     "duration_minutes", "journal_kind", "suitable_for", "caution",
                                     "evidence", "translations"}));
                    auto e = TRY(journal.create_exercise(ex.ctx, body.json()));
                    json out = journal::to_json(e);
                    out["language"] = "en";
                    return json_response(201, out);
                }});
    router.add("GET", "/api/v1/exercises/{id}",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    std::string language = TRY(requested_language(ex.request));
                    auto e = TRY(journal.exercise(ex.ctx, ex.param("id")));
                    return json_response(200, exercise_json(e, language));
                }});

    router.add("GET", "/api/v1/clients/{id}/assignments",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    auto list = TRY(journal.assignments(ex.ctx, ex.param("id")));
                    json items = json::array();
                    for (const auto& a : list)
                        items.push_back(to_json(a));
                    return json_response(200, {{"items", std::move(items)}});
                }});
    router.add("POST", "/api/v1/clients/{id}/assignments",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    auto in = TRY(read_assignment(ex.request));
                    auto a = TRY(journal.assign(ex.ctx, ex.param("id"), in));
                    return json_response(201, to_json(a));
                }});
    router.add("POST", "/api/v1/cases/{id}/assignments",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    auto in = TRY(read_assignment(ex.request));
                    json items = json::array();
                    for (const auto& a : TRY(journal.assign_to_case(ex.ctx, ex.param("id"), in)))
                        items.push_back(to_json(a));
                    return json_response(201, {{"items", std::move(items)}});
                }});
    router.add("PATCH", "/api/v1/assignments/{id}",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    auto in = TRY(read_assignment(ex.request));
                    auto a = TRY(journal.update_assignment(ex.ctx, ex.param("id"), in));
                    return json_response(200, to_json(a));
                }});

    router.add("GET", "/api/v1/clients/{id}/journal",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    auto q = TRY(read_entry_query(ex.request));
                    auto list = TRY(journal.entries(ex.ctx, ex.param("id"), q));
                    json items = json::array();
                    for (const auto& e : list.entries)
                        items.push_back(to_json(e));
                    json body = {{"items", std::move(items)}};
                    if (list.private_entry_dates) {
                        json dates = json::array();
                        for (auto d : *list.private_entry_dates)
                            dates.push_back(format_date(d));
                        body["private_entry_dates"] = std::move(dates);
                    }
                    return json_response(200, body);
                }});
    // A very low mood is a risk signal: the client is shown the crisis resources at once, whether
    // the entry is shared (the team is alerted) or private (nobody else learns of it).
    auto with_crisis = [&services](Exchange& ex, const journal::Entry& e) -> Result<json> {
        json out = to_json(e);
        if (ex.ctx.actor.role == Role::client && e.mood && *e.mood <= safety::kLowMoodThreshold)
            TRY(add_crisis(out, services, ex.ctx.actor.practice_id));
        return out;
    };
    router.add("POST", "/api/v1/clients/{id}/journal",
               {Access::signed_in, [&journal, with_crisis](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(
                        ex.request, {"kind", "text", "mood", "strength_codes", "resource_id",
                                     "assignment_id", "shared", "entry_date", "idempotency_key"}));
                    auto in = TRY(read_entry(body));
                    auto created = TRY(journal.write(ex.ctx, ex.param("id"), in));
                    return json_response(created.replayed ? 200 : 201,
                                         TRY(with_crisis(ex, created.entry)));
                }});
    router.add("GET", "/api/v1/journal/{id}",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    auto e = TRY(journal.entry(ex.ctx, ex.param("id")));
                    return json_response(200, to_json(e));
                }});
    router.add("PATCH", "/api/v1/journal/{id}",
               {Access::signed_in, [&journal, with_crisis](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(
                        ex.request, {"kind", "text", "mood", "strength_codes", "resource_id",
                                     "assignment_id", "shared", "entry_date"}));
                    auto in = TRY(read_entry(body));
                    auto e = TRY(journal.update_entry(ex.ctx, ex.param("id"), in));
                    return json_response(200, TRY(with_crisis(ex, e)));
                }});
    router.add("DELETE", "/api/v1/journal/{id}",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    TRY(journal.delete_entry(ex.ctx, ex.param("id")));
                    http::Response r;
                    r.status = 204;
                    return r;
                }});
    router.add("POST", "/api/v1/journal/{id}/evidence",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(ex.request, {"resource_id"}));
                    std::string resource_id =
                        TRY(body.required_string("resource_id", "Choose a resource."));
                    auto r = TRY(journal.entry_to_evidence(ex.ctx, ex.param("id"), resource_id));
                    return json_response(200, to_json(r));
                }});

    router.add("GET", "/api/v1/clients/{id}/adherence",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    auto report = TRY(journal.adherence(ex.ctx, ex.param("id")));
                    json items = json::array();
                    for (const auto& a : report.assignments)
                        items.push_back(to_json(a));
                    json mood = json::array();
                    auto point = [](const std::optional<journal::MoodPoint>& m) {
                        return m ? json{{"mood", m->mood}, {"date", format_date(m->date)}} : json();
                    };
                    for (const auto& m : report.mood) {
                        mood.push_back({{"date", format_date(m.date)},
                                        {"at", to_rfc3339(m.at)},
                                        {"mood", m.mood},
                                        {"entry_id", m.entry_id}});
                    }
                    return json_response(
                        200, {{"today", format_date(report.today)},
                              {"items", std::move(items)},
                              {"journal",
                               {{"entries", report.entries},
                                {"current_streak", report.journal_streaks.current},
                                {"longest_streak", report.journal_streaks.longest}}},
                              {"mood", std::move(mood)},
                              {"mood_summary",
                               {{"latest", point(report.mood_summary.latest)},
                                {"lowest_7_days", point(report.mood_summary.lowest_7_days)},
                                {"entries_7_days", report.mood_summary.entries_7_days}}}});
                }});
    router.add("GET", "/api/v1/clients/{id}/milestones",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    auto m = TRY(journal.milestones(ex.ctx, ex.param("id")));
                    return json_response(200, to_json(m));
                }});
    router.add("PATCH", "/api/v1/clients/{id}/milestones",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(ex.request, {"enabled"}));
                    auto enabled = TRY(body.optional_bool("enabled"));
                    if (!enabled)
                        return Error::invalid("enabled", "Say true or false.");
                    auto m = TRY(journal.set_milestones(ex.ctx, ex.param("id"), *enabled));
                    return json_response(200, to_json(m));
                }});

    router.add("GET", "/api/v1/clients/{id}/calendar-feed",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    auto created = TRY(journal.calendar_status(ex.ctx, ex.param("id")));
                    // The secret itself is never shown again: only a new one can be handed out.
                    return json_response(200, {{"active", created.has_value()},
                                               {"created_at", created ? json(to_rfc3339(*created))
                                                                      : json(nullptr)}});
                }});
    router.add("POST", "/api/v1/clients/{id}/calendar-feed",
               {Access::signed_in, [&journal, &options](Exchange& ex) -> Result<http::Response> {
                    std::string secret = TRY(journal.new_calendar_secret(ex.ctx, ex.param("id")));
                    return json_response(
                        201, {{"url", options.public_url + "/calendar/" + secret + ".ics"}});
                }});
    router.add("DELETE", "/api/v1/clients/{id}/calendar-feed",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    TRY(journal.revoke_calendar(ex.ctx, ex.param("id")));
                    http::Response r;
                    r.status = 204;
                    return r;
                }});
    router.add("GET", "/calendar/{file}",
               {Access::anyone, [&journal, &options](Exchange& ex) -> Result<http::Response> {
                    const std::string& file = ex.param("file");
                    constexpr std::string_view suffix = ".ics";
                    if (file.size() <= suffix.size() ||
                        file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0) {
                        return Error::not_found("calendar");
                    }
                    std::string secret = file.substr(0, file.size() - suffix.size());
                    http::Response r;
                    r.body = TRY(journal.calendar(ex.ctx, secret, options.public_url + "/portal"));
                    r.content_type = "text/calendar; charset=utf-8";
                    // The URL is a credential: keep it out of shared caches.
                    r.set_header("Cache-Control", "private, no-store");
                    return r;
                }});

    router.add("GET", "/api/v1/journal-settings",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    return json_response(200, to_json(TRY(journal.settings(ex.ctx))));
                }});
    router.add("PATCH", "/api/v1/journal-settings",
               {Access::signed_in, [&journal](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(
                        ex.request, {"shared_by_default", "show_private_dates", "time_zone"}));
                    auto s = TRY(journal.update_settings(
                        ex.ctx, TRY(body.optional_bool("shared_by_default")),
                        TRY(body.optional_bool("show_private_dates")),
                        TRY(body.optional_string("time_zone"))));
                    return json_response(200, to_json(s));
                }});
}

}  // namespace trove::api
