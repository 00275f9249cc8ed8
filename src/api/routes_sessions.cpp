// Appointments ("sessions"), their notes (draft, signed, co-signed, addenda) and a client's
// timeline.

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"
#include "domain/measures/words.hpp"

namespace trove::api {

namespace {

using nlohmann::json;
using sessions::format_appointment_time;

json or_null(const std::optional<std::string>& s) {
    return s ? json(*s) : json(nullptr);
}

json time_or_null(const std::optional<TimeMs>& t) {
    return t ? json(to_rfc3339(*t)) : json(nullptr);
}

json to_json(const sessions::Session& s) {
    json attendance = json::array();
    for (const auto& a : s.attendance)
        attendance.push_back({{"client_id", a.client_id}, {"status", a.status}});
    json notes = json::array();
    for (const auto& n : s.notes) {
        notes.push_back({{"id", n.id},
                         {"template", n.template_name},
                         {"status", n.status},
                         {"author_id", n.author_id}});
    }
    return {{"id", s.id},
            {"client_id", or_null(s.client_id)},
            {"case_id", or_null(s.case_id)},
            {"therapist_id", s.therapist_id},
            {"starts_at", format_appointment_time(s.starts_at)},
            {"duration_min", s.duration_min},
            {"modality", s.modality},
            {"status", s.status},
            {"attendance", std::move(attendance)},
            {"notes", std::move(notes)},
            {"created_at", to_rfc3339(s.created_at)},
            {"updated_at", to_rfc3339(s.updated_at)}};
}

json to_json(const sessions::Note& n) {
    json scales = json::array();
    for (const auto& s : n.scales)
        scales.push_back({{"label", s.label}, {"value", s.value}});
    json addenda = json::array();
    for (const auto& a : n.addenda) {
        addenda.push_back({{"id", a.id},
                           {"text", a.text},
                           {"author_id", a.author_id},
                           {"created_at", to_rfc3339(a.created_at)}});
    }
    return {{"id", n.id},
            {"session_id", n.session_id},
            {"client_id", or_null(n.client_id)},
            {"case_id", or_null(n.case_id)},
            {"template", n.template_name},
            {"fields", n.fields},
            {"scales", std::move(scales)},
            {"resource_ids", n.resource_ids},
            {"assignment_ids", n.assignment_ids},
            {"status", n.status},
            {"author_id", n.author_id},
            {"signed_at", time_or_null(n.signed_at)},
            {"signed_by", or_null(n.signed_by)},
            {"cosigned_at", time_or_null(n.cosigned_at)},
            {"cosigned_by", or_null(n.cosigned_by)},
            {"addenda", std::move(addenda)},
            {"created_at", to_rfc3339(n.created_at)},
            {"updated_at", to_rfc3339(n.updated_at)}};
}

json to_json(const sessions::TimelineItem& item) {
    const std::string at = to_rfc3339(item.at);
    if (const auto* s = std::get_if<sessions::Session>(&item.item)) {
        json j = to_json(*s);
        j["kind"] = "session";
        j["at"] = at;
        // The latest note's status, for a glance at what is still to write or sign.
        j["note_status"] = s->notes.empty() ? json(nullptr) : json(s->notes.back().status);
        return j;
    }
    if (const auto* r = std::get_if<sessions::RatingItem>(&item.item)) {
        return {{"kind", "rating"},
                {"at", at},
                {"resource_id", r->resource_id},
                {"title", r->title},
                {"activation", r->activation},
                {"availability", r->availability}};
    }
    if (const auto* s = std::get_if<sessions::ScoreItem>(&item.item)) {
        return {{"kind", "score"},
                {"at", at},
                {"response_id", s->response_id},
                {"instrument_id", s->instrument_id},
                {"total", s->total ? json(*s->total) : json(nullptr)},
                {"severity", or_null(s->severity)}};
    }
    const auto& e = std::get<sessions::JournalItem>(item.item);
    return {{"kind", "journal"},
            {"at", at},
            {"entry_id", e.entry_id},
            {"kind_of_entry", e.entry_kind},
            {"text", e.text},
            {"entry_date", e.entry_date},
            {"mood", e.mood ? json(*e.mood) : json(nullptr)}};
}

template <class T>
json items_of(const std::vector<T>& list) {
    json items = json::array();
    for (const auto& x : list)
        items.push_back(to_json(x));
    return {{"items", std::move(items)}};
}

Result<sessions::SessionInput> read_session(const http::Request& request, bool creating) {
    JsonBody body =
        creating
            ? TRY(JsonBody::parse(request, {"client_id", "case_id", "therapist_id", "starts_at",
                                            "duration_min", "modality", "status"}))
            : TRY(JsonBody::parse(
                  request, {"starts_at", "duration_min", "modality", "status", "attendance"}));
    sessions::SessionInput in;
    in.client_id = TRY(body.optional_string("client_id"));
    in.case_id = TRY(body.optional_string("case_id"));
    in.therapist_id = TRY(body.optional_string("therapist_id"));
    in.starts_at = TRY(body.optional_string("starts_at"));
    in.duration_min = TRY(body.optional_int("duration_min"));
    in.modality = TRY(body.optional_string("modality"));
    in.status = TRY(body.optional_string("status"));
    auto rows = TRY(body.optional_object_array("attendance", {"client_id", "status"}, 100));
    if (rows) {
        std::vector<sessions::Attendance> attendance;
        for (const JsonBody& row : *rows) {
            auto client = row.optional_string("client_id");
            auto status = row.optional_string("status");
            if (!client || !*client || !status || !*status) {
                return Error::invalid("attendance",
                                      "Each attendance entry is {\"client_id\", \"status\"}.");
            }
            attendance.push_back({**client, **status});
        }
        in.attendance = std::move(attendance);
    }
    return in;
}

Result<sessions::NoteInput> read_note(const http::Request& request) {
    JsonBody body = TRY(JsonBody::parse(
        request, {"template", "fields", "scales", "resource_ids", "assignment_ids"}));
    sessions::NoteInput in;
    in.template_name = TRY(body.optional_string("template"));
    if (body.has("fields"))
        in.fields = body.json()["fields"];
    if (body.has("scales"))
        in.scales = body.json()["scales"];
    in.resource_ids = TRY(body.optional_string_array("resource_ids"));
    in.assignment_ids = TRY(body.optional_string_array("assignment_ids"));
    return in;
}

}  // namespace

void add_session_routes(ApiRouter& router, Services& services) {
    auto& service = services.sessions;

    router.add("GET", "/api/v1/sessions",
               {Access::signed_in, [&service](Exchange& ex) -> Result<http::Response> {
                    sessions::SessionQuery q;
                    q.client_id = ex.request.query_param("client_id");
                    q.case_id = ex.request.query_param("case_id");
                    q.from = ex.request.query_param("from");
                    q.to = ex.request.query_param("to");
                    q.limit = ex.request.query_param("limit");
                    return json_response(200, items_of(TRY(service.list(ex.ctx, q))));
                }});
    router.add("POST", "/api/v1/sessions",
               {Access::signed_in, [&service](Exchange& ex) -> Result<http::Response> {
                    auto in = TRY(read_session(ex.request, true));
                    return json_response(201, to_json(TRY(service.create(ex.ctx, in))));
                }});
    router.add("GET", "/api/v1/sessions/{id}",
               {Access::signed_in, [&service](Exchange& ex) -> Result<http::Response> {
                    return json_response(200, to_json(TRY(service.get(ex.ctx, ex.param("id")))));
                }});
    router.add("PATCH", "/api/v1/sessions/{id}",
               {Access::signed_in, [&service](Exchange& ex) -> Result<http::Response> {
                    auto in = TRY(read_session(ex.request, false));
                    auto s = TRY(service.update(ex.ctx, ex.param("id"), in));
                    return json_response(200, to_json(s));
                }});

    router.add("GET", "/api/v1/sessions/{id}/notes",
               {Access::signed_in, [&service](Exchange& ex) -> Result<http::Response> {
                    return json_response(200, items_of(TRY(service.notes(ex.ctx, ex.param("id")))));
                }});
    router.add("POST", "/api/v1/sessions/{id}/notes",
               {Access::signed_in, [&service](Exchange& ex) -> Result<http::Response> {
                    auto in = TRY(read_note(ex.request));
                    auto n = TRY(service.create_note(ex.ctx, ex.param("id"), in));
                    return json_response(201, to_json(n));
                }});
    router.add("GET", "/api/v1/notes/{id}",
               {Access::signed_in, [&service](Exchange& ex) -> Result<http::Response> {
                    return json_response(200, to_json(TRY(service.note(ex.ctx, ex.param("id")))));
                }});
    router.add("PATCH", "/api/v1/notes/{id}",
               {Access::signed_in, [&service](Exchange& ex) -> Result<http::Response> {
                    auto in = TRY(read_note(ex.request));
                    auto n = TRY(service.update_note(ex.ctx, ex.param("id"), in));
                    return json_response(200, to_json(n));
                }});
    router.add("POST", "/api/v1/notes/{id}/sign",
               {Access::signed_in, [&service](Exchange& ex) -> Result<http::Response> {
                    TRY(JsonBody::parse(ex.request, {}));
                    return json_response(200, to_json(TRY(service.sign(ex.ctx, ex.param("id")))));
                }});
    router.add("POST", "/api/v1/notes/{id}/addenda",
               {Access::signed_in, [&service](Exchange& ex) -> Result<http::Response> {
                    JsonBody body = TRY(JsonBody::parse(ex.request, {"text"}));
                    std::string text = TRY(body.required_string("text", "Write the addendum."));
                    auto n = TRY(service.add_addendum(ex.ctx, ex.param("id"), text));
                    return json_response(201, to_json(n));
                }});

    router.add(
        "GET", "/api/v1/clients/{id}/timeline",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             const measures::Words words(services.catalogue, TRY(reader_language(ex, services)));
             auto items = TRY(services.sessions.timeline(ex.ctx, ex.param("id"),
                                                         ex.request.query_param("limit")));
             json out = items_of(items);
             // A score's band in the reader's language (stored in English with the response).
             for (json& item : out["items"]) {
                 if (words.english() || item["kind"] != "score" || !item["severity"].is_string())
                     continue;
                 const measures::Instrument* ins =
                     services.measures.find(item["instrument_id"].get<std::string>());
                 if (ins && ins->primary) {
                     if (const measures::Scale* total = ins->scale(*ins->primary))
                         item["severity"] =
                             words.band_named(*ins, *total, item["severity"].get<std::string>());
                 }
             }
             return json_response(200, out);
         }});
}

}  // namespace trove::api
