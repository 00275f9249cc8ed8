// Sessions and notes over HTTP: scheduling client and case sessions, attendance, validation, the
// note's life (draft, signed, co-signed, addenda) and its 409s, who may read and sign what, privacy
// across practices and caseloads, the client's view, the timeline, sealed storage and the audit.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include <algorithm>
#include <latch>
#include <set>
#include <thread>

#include "shared_world.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

namespace {

// A risk assessment that lets a note be signed for a client with an open risk alert.
const json kNoRisk = {{"to_self", "low"}, {"to_others", "none"}, {"plan", ""}};

const json* find_by(const json& items, const std::string& key, const std::string& value) {
    for (const auto& x : items)
        if (x.value(key, "") == value)
            return &x;
    return nullptr;
}

}  // namespace

class SessionsApi : public SharedWorldSuite {
protected:
    //! A client of `therapist` with a portal login of their own.
    struct Person {
        std::string client_id, user_id, email;
    };

    static Person new_person(const World::Practice& p, const std::string& therapist_id,
                             std::vector<std::string> team = {}) {
        static int counter = 0;
        RequestContext ctx;
        ctx.actor = {therapist_id, p.id, Role::therapist, "", false, ""};
        clients::ClientFields f;
        f.display_name = "Session client " + std::to_string(++counter);
        if (!team.empty())
            f.therapist_ids = team;
        Person out;
        out.client_id = must(server->app().clients().create(ctx, f), "client").id;
        out.email = p.email("sessions" + std::to_string(counter));
        accounts::NewUser u{p.id,         out.email, "Session client",
                            Role::client, kPassword, out.client_id};
        out.user_id =
            must(server->app().accounts().create_user(u, system_event("test")), "user").id;
        return out;
    }
    static json create_session(const Client& c, const json& body) {
        auto r = c.post("/api/v1/sessions", body);
        EXPECT_EQ(r.status, 201) << body.dump() << ": " << r.body;
        return r.json();
    }
    static json session_of(const Client& c, const std::string& client_id,
                           const std::string& starts_at = "2026-12-03T09:00:00Z") {
        return create_session(
            c, {{"client_id", client_id}, {"starts_at", starts_at}, {"duration_min", 50}});
    }
    static json create_note(const Client& c, const std::string& session_id, const json& body) {
        auto r = c.post("/api/v1/sessions/" + session_id + "/notes", body);
        EXPECT_EQ(r.status, 201) << body.dump() << ": " << r.body;
        return r.json();
    }
    static std::string note_path(const std::string& id) { return "/api/v1/notes/" + id; }
    static json list(const Client& c, const std::string& query) {
        auto r = c.get("/api/v1/sessions" + query);
        EXPECT_EQ(r.status, 200) << query << ": " << r.body;
        return r.json()["items"];
    }
    //! Every audit event of the admin's practice that matches `query`, across all pages.
    static json audit_events(const Client& admin, const std::string& query) {
        json all = json::array();
        std::string cursor;
        for (int page = 0; page < 100; ++page) {
            auto r = admin.get("/api/v1/audit?limit=200&" + query +
                               (cursor.empty() ? "" : "&cursor=" + cursor));
            EXPECT_EQ(r.status, 200) << r.body;
            json j = r.json();
            for (auto& e : j["items"])
                all.push_back(e);
            if (!j["next_cursor"].is_string())
                break;
            cursor = j["next_cursor"].get<std::string>();
        }
        return all;
    }
};

TEST_F(SessionsApi, a_therapist_schedules_lists_and_moves_a_clients_session) {
    Client anna = signed_in(world->a, "therapist");
    Person p = new_person(world->a, world->a.therapist);

    // An offset is normalised to UTC; modality and status have defaults.
    json s = create_session(anna, {{"client_id", p.client_id},
                                   {"starts_at", "2026-12-08T10:30:00+01:00"},
                                   {"duration_min", 50}});
    EXPECT_EQ(s["starts_at"], "2026-12-08T09:30:00Z");
    EXPECT_EQ(s["client_id"], p.client_id);
    EXPECT_TRUE(s["case_id"].is_null());
    EXPECT_EQ(s["therapist_id"], world->a.therapist);
    EXPECT_EQ(s["duration_min"], 50);
    EXPECT_EQ(s["modality"], "in_person");
    EXPECT_EQ(s["status"], "scheduled");
    EXPECT_EQ(s["attendance"], json::array());
    EXPECT_EQ(s["notes"], json::array());
    EXPECT_TRUE(s["created_at"].is_string());
    const std::string id = s["id"];

    // JavaScript's toISOString() and a negative offset are understood too.
    json earlier = create_session(anna, {{"client_id", p.client_id},
                                         {"starts_at", "2026-12-07T14:00:00.000Z"},
                                         {"duration_min", 90},
                                         {"modality", "video"}});
    json later = create_session(anna, {{"client_id", p.client_id},
                                       {"starts_at", "2026-12-09T20:15:00-05:00"},
                                       {"duration_min", 30},
                                       {"modality", "phone"}});
    EXPECT_EQ(later["starts_at"], "2026-12-10T01:15:00Z");

    // Ordered by start; `from` inclusive, `to` exclusive, both UTC dates.
    json all = list(anna, "?client_id=" + p.client_id);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0]["id"], earlier["id"]);
    EXPECT_EQ(all[1]["id"], id);
    EXPECT_EQ(all[2]["id"], later["id"]);
    json window = list(anna, "?client_id=" + p.client_id + "&from=2026-12-08&to=2026-12-10");
    ASSERT_EQ(window.size(), 1u);
    EXPECT_EQ(window[0]["id"], id);
    EXPECT_EQ(list(anna, "?client_id=" + p.client_id + "&from=2026-12-10").size(), 1u);
    EXPECT_EQ(list(anna, "?client_id=" + p.client_id + "&limit=2").size(), 2u);
    // Without a filter: the therapist's whole caseload, this client's sessions among them.
    json mine = list(anna, "");
    EXPECT_NE(find_by(mine, "id", id), nullptr);
    EXPECT_NE(find_by(mine, "id", world->a.session), nullptr);

    // Moved, shortened, held by video, attended.
    auto r = anna.patch("/api/v1/sessions/" + id, {{"starts_at", "2026-12-08T11:00:00Z"},
                                                   {"duration_min", 45},
                                                   {"modality", "video"},
                                                   {"status", "attended"}});
    ASSERT_EQ(r.status, 200) << r.body;
    json got = anna.get("/api/v1/sessions/" + id).json();
    EXPECT_EQ(got["starts_at"], "2026-12-08T11:00:00Z");
    EXPECT_EQ(got["duration_min"], 45);
    EXPECT_EQ(got["modality"], "video");
    EXPECT_EQ(got["status"], "attended");
    EXPECT_GE(got["updated_at"].get<std::string>(), got["created_at"].get<std::string>());
    for (const char* status : {"cancelled", "no_show", "scheduled"}) {
        r = anna.patch("/api/v1/sessions/" + id, {{"status", status}});
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.json()["status"], status);
    }
}

TEST_F(SessionsApi, a_group_session_records_attendance_for_each_member) {
    Client anna = signed_in(world->a, "therapist");
    Person one = new_person(world->a, world->a.therapist);
    Person two = new_person(world->a, world->a.therapist);
    Person three = new_person(world->a, world->a.therapist);
    auto c = anna.post("/api/v1/cases",
                       {{"kind", "group"},
                        {"name", "Tuesday group"},
                        {"member_ids", {one.client_id, two.client_id, three.client_id}}});
    ASSERT_EQ(c.status, 201) << c.body;
    const std::string case_id = c.json()["id"];

    json s = create_session(
        anna, {{"case_id", case_id}, {"starts_at", "2026-12-08T18:00:00Z"}, {"duration_min", 90}});
    EXPECT_TRUE(s["client_id"].is_null());
    EXPECT_EQ(s["case_id"], case_id);
    ASSERT_EQ(s["attendance"].size(), 3u);
    for (const auto& a : s["attendance"])
        EXPECT_EQ(a["status"], "unknown");
    const std::string path = "/api/v1/sessions/" + s["id"].get<std::string>();

    auto r = anna.patch(path, {{"attendance",
                                {{{"client_id", one.client_id}, {"status", "attended"}},
                                 {{"client_id", two.client_id}, {"status", "absent"}}}}});
    ASSERT_EQ(r.status, 200) << r.body;
    json got = anna.get(path).json();
    EXPECT_EQ(find_by(got["attendance"], "client_id", one.client_id)->at("status"), "attended");
    EXPECT_EQ(find_by(got["attendance"], "client_id", two.client_id)->at("status"), "absent");
    EXPECT_EQ(find_by(got["attendance"], "client_id", three.client_id)->at("status"), "unknown");

    // Someone outside the group, an unknown status, a malformed row: 400, and nothing changes -
    // not even the valid row sent along.
    Person outsider = new_person(world->a, world->a.therapist);
    for (const json& attendance :
         {json{{{"client_id", three.client_id}, {"status", "attended"}},
               {{"client_id", outsider.client_id}, {"status", "attended"}}},
          json{{{"client_id", three.client_id}, {"status", "late"}}},
          json{{{"client_id", three.client_id}}},
          json{{{"client_id", three.client_id}, {"status", "attended"}, {"note", "x"}}},
          json{{{"client_id", "not-an-id"}, {"status", "attended"}}}, json("everyone")}) {
        r = anna.patch(path, {{"attendance", attendance}});
        EXPECT_EQ(r.status, 400) << attendance.dump() << ": " << r.body;
        EXPECT_EQ(r.json()["error"].value("field", ""), "attendance") << r.body;
    }
    EXPECT_EQ(anna.get(path).json()["attendance"], got["attendance"]);

    // The group is in the list of the case, and of each member's portal - with their own row only.
    json of_case = list(anna, "?case_id=" + case_id);
    ASSERT_EQ(of_case.size(), 1u);
    Client member = signed_in_as(one.email);
    json theirs = list(member, "");
    const json* seen = find_by(theirs, "id", s["id"]);
    ASSERT_NE(seen, nullptr);
    ASSERT_EQ((*seen)["attendance"].size(), 1u);
    EXPECT_EQ((*seen)["attendance"][0]["client_id"], one.client_id);
    EXPECT_EQ((*seen)["notes"], json::array());

    // Attendance belongs to sessions with several people.
    json single = session_of(anna, one.client_id);
    r = anna.patch("/api/v1/sessions/" + single["id"].get<std::string>(),
                   {{"attendance", {{{"client_id", one.client_id}, {"status", "attended"}}}}});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["error"].value("field", ""), "attendance");
}

TEST_F(SessionsApi, invalid_sessions_are_refused_naming_the_field_and_nothing_is_stored) {
    Client anna = signed_in(world->a, "therapist");
    Person p = new_person(world->a, world->a.therapist);
    const json ok = {
        {"client_id", p.client_id}, {"starts_at", "2026-12-08T09:00:00Z"}, {"duration_min", 50}};
    auto with = [&ok](const std::string& key, const json& value) {
        json b = ok;
        if (value.is_discarded())
            b.erase(key);
        else
            b[key] = value;
        return b;
    };
    const json gone = json(json::value_t::discarded);
    const std::vector<std::pair<json, std::string>> cases = {
        {with("case_id", world->a.case_id), "client_id"},
        {with("client_id", gone), "client_id"},
        {with("starts_at", gone), "starts_at"},
        {with("starts_at", "2026-02-30T09:00:00Z"), "starts_at"},
        {with("starts_at", "2026-12-08T09:00:00"), "starts_at"},
        {with("starts_at", "2026-12-08 09:00"), "starts_at"},
        {with("starts_at", "2026-12-08T25:00:00Z"), "starts_at"},
        {with("starts_at", "2026-12-08T09:00:00+24:00"), "starts_at"},
        {with("starts_at", "tomorrow"), "starts_at"},
        {with("starts_at", "1850-12-08T09:00:00Z"), "starts_at"},
        {with("starts_at", 1733648400), "starts_at"},
        {with("duration_min", gone), "duration_min"},
        {with("duration_min", 4), "duration_min"},
        {with("duration_min", 601), "duration_min"},
        {with("duration_min", "50"), "duration_min"},
        {with("duration_min", 50.5), "duration_min"},
        {with("duration_min", 99999999999LL), "duration_min"},
        {with("modality", "carrier_pigeon"), "modality"},
        {with("status", "done"), "status"},
        {with("therapist_id", world->a.therapist2), "therapist_id"},
        {with("therapist_id", world->a.supervisor), "therapist_id"},
        {with("therapist_id", world->b.therapist), "therapist_id"},
        {with("attendance", json::array()), "attendance"},
        {with("notes", "hello"), "notes"},
    };
    for (const auto& [body, field] : cases) {
        auto r = anna.post("/api/v1/sessions", body);
        EXPECT_EQ(r.status, 400) << body.dump() << ": " << r.body;
        EXPECT_EQ(r.json()["error"].value("field", ""), field) << body.dump() << ": " << r.body;
        EXPECT_FALSE(r.error_code().empty());
    }
    // Not JSON, not an object, the wrong media type.
    EXPECT_EQ(anna.request("POST", "/api/v1/sessions", "{\"client_id\":").status, 400);
    EXPECT_EQ(anna.request("POST", "/api/v1/sessions", "[1, 2]").status, 400);
    EXPECT_TRUE(list(anna, "?client_id=" + p.client_id).empty());

    // The same for a change; the session stays as it was.
    json s = create_session(anna, ok);
    const std::string path = "/api/v1/sessions/" + s["id"].get<std::string>();
    for (const json& body :
         {json{{"starts_at", "2026-13-01T09:00:00Z"}}, json{{"duration_min", 0}},
          json{{"modality", ""}}, json{{"status", "Attended"}},
          json{{"client_id", world->a.client}}, json{{"therapist_id", world->a.therapist}},
          json{{"duration_min", 45}, {"status", "maybe"}}}) {
        auto r = anna.patch(path, body);
        EXPECT_EQ(r.status, 400) << body.dump() << ": " << r.body;
    }
    json after = anna.get(path).json();
    EXPECT_EQ(after["duration_min"], 50);
    EXPECT_EQ(after["status"], "scheduled");
    EXPECT_EQ(after["updated_at"], s["updated_at"]);

    // Bad list queries.
    for (const char* query : {"?from=2026-12-32", "?to=yesterday", "?limit=0", "?limit=501",
                              "?limit=abc", "?client_id=x&case_id=y"}) {
        EXPECT_EQ(anna.get(std::string("/api/v1/sessions") + query).status, 400) << query;
    }
    // Ids nobody handed out.
    EXPECT_EQ(anna.get("/api/v1/sessions/nonsense").status, 404);
    EXPECT_EQ(anna.get("/api/v1/sessions?client_id=nonsense").status, 404);
    EXPECT_EQ(anna.post("/api/v1/sessions", {{"client_id", "01ZZZZZZZZZZZZZZZZZZZZZZZZ"},
                                             {"starts_at", "2026-12-08T09:00:00Z"},
                                             {"duration_min", 50}})
                  .status,
              404);
}

TEST_F(SessionsApi, a_note_is_written_signed_and_then_only_amended) {
    Client anna = signed_in(world->a, "therapist");
    // Tomorrow: the client's open risk alert (the seeded PHQ-9) is open during this session.
    const std::string session =
        session_of(anna, world->a.client,
                   sessions::format_appointment_time(now_ms() + 24LL * 3600 * 1000))["id"];
    json n = create_note(anna, session,
                         {{"template", "resource"},
                          {"fields",
                           {{"exceptions", "Two calm evenings this week."},
                            {"coping", "Called her sister.\nWent for a walk."}}},
                          {"scales", {{{"label", "Confidence"}, {"value", 6}}}},
                          {"resource_ids", {world->a.resource}},
                          {"assignment_ids", {world->a.assignment}}});
    const std::string id = n["id"];
    EXPECT_EQ(n["session_id"], session);
    EXPECT_EQ(n["client_id"], world->a.client);
    EXPECT_TRUE(n["case_id"].is_null());
    EXPECT_EQ(n["template"], "resource");
    EXPECT_EQ(n["status"], "draft");
    EXPECT_EQ(n["author_id"], world->a.therapist);
    EXPECT_EQ(n["fields"]["exceptions"], "Two calm evenings this week.");
    EXPECT_EQ(n["fields"]["coping"], "Called her sister.\nWent for a walk.");
    EXPECT_EQ(n["fields"]["homework"], "");  // every field of the template is there
    // The seven fields of the template and the risk group, not yet assessed.
    EXPECT_EQ(n["fields"].size(), 8u);
    EXPECT_EQ(n["fields"]["risk"],
              json::parse(R"({"to_self": null, "to_others": null, "plan": ""})"));
    EXPECT_EQ(n["scales"], json::parse(R"([{"label": "Confidence", "value": 6}])"));
    EXPECT_EQ(n["resource_ids"], json::array({world->a.resource}));
    EXPECT_EQ(n["assignment_ids"], json::array({world->a.assignment}));
    for (const char* unset : {"signed_at", "signed_by", "cosigned_at", "cosigned_by"})
        EXPECT_TRUE(n[unset].is_null()) << unset;
    EXPECT_EQ(n["addenda"], json::array());

    // The session lists it; the session's notes route returns it whole.
    json s = anna.get("/api/v1/sessions/" + session).json();
    ASSERT_EQ(s["notes"].size(), 1u);
    EXPECT_EQ(s["notes"][0], json({{"id", id},
                                   {"template", "resource"},
                                   {"status", "draft"},
                                   {"author_id", world->a.therapist}}));
    json notes = anna.get("/api/v1/sessions/" + session + "/notes").json()["items"];
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0]["fields"], n["fields"]);

    // A change merges: the fields sent are replaced, the others stay; scales are replaced.
    auto r = anna.patch(
        note_path(id),
        {{"fields", {{"exceptions", "Three calm evenings."}, {"homework", "Notice one more."}}},
         {"scales", json::array()}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["fields"]["exceptions"], "Three calm evenings.");
    EXPECT_EQ(r.json()["fields"]["coping"], "Called her sister.\nWent for a walk.");
    EXPECT_EQ(r.json()["fields"]["homework"], "Notice one more.");
    EXPECT_EQ(r.json()["scales"], json::array());
    EXPECT_EQ(r.json()["resource_ids"], json::array({world->a.resource}));
    // The template stays what it is.
    r = anna.patch(note_path(id), {{"template", "soap"}});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "template");
    EXPECT_EQ(anna.patch(note_path(id), {{"template", "resource"}}).status, 200);

    // Signing. The client has an open risk alert (the seeded PHQ-9, item 9), so risk is assessed
    // first; a moderate risk needs a plan.
    r = anna.post(note_path(id) + "/sign", json::object());
    ASSERT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "risk_required");
    EXPECT_EQ(r.json()["error"]["field"], "fields.risk");
    r = anna.patch(note_path(id),
                   {{"fields", {{"risk", {{"to_self", "moderate"}, {"to_others", "none"}}}}}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["fields"]["risk"]["to_self"], "moderate");
    EXPECT_EQ(r.json()["fields"]["exceptions"], "Three calm evenings.") << "other fields stay";
    EXPECT_EQ(anna.post(note_path(id) + "/sign", json::object()).error_code(), "risk_required")
        << "moderate risk without a plan";
    r = anna.patch(note_path(id), {{"fields",
                                    {{"risk",
                                      {{"to_self", "moderate"},
                                       {"to_others", "none"},
                                       {"plan", "Safety plan reviewed; call on Friday."}}}}}});
    ASSERT_EQ(r.status, 200) << r.body;
    r = anna.post(note_path(id) + "/sign", json::object());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["fields"]["risk"]["plan"], "Safety plan reviewed; call on Friday.");
    json signed_note = r.json();
    EXPECT_EQ(signed_note["status"], "signed");
    EXPECT_EQ(signed_note["signed_by"], world->a.therapist);
    EXPECT_TRUE(signed_note["signed_at"].is_string());
    EXPECT_TRUE(signed_note["cosigned_by"].is_null());

    // A signed note does not change: 409, and a later read shows the signed text.
    r = anna.patch(note_path(id), {{"fields", {{"exceptions", "Rewritten history."}}}});
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "note_signed");
    EXPECT_FALSE(r.json()["error"].value("message", "").empty());
    r = anna.patch(note_path(id), {{"scales", {{{"label", "x"}, {"value", 99}}}}});
    EXPECT_EQ(r.status, 409) << "the signature is checked before anything else: " << r.body;
    json now = anna.get(note_path(id)).json();
    EXPECT_EQ(now["fields"]["exceptions"], "Three calm evenings.");
    EXPECT_EQ(now["updated_at"], signed_note["updated_at"]);
    // Nor is it signed twice.
    r = anna.post(note_path(id) + "/sign", json::object());
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "note_signed");

    // What comes later is an addendum: dated, in order, never changed.
    r = anna.post(note_path(id) + "/addenda", {{"text", "Sister confirmed the walks."}});
    ASSERT_EQ(r.status, 201) << r.body;
    r = anna.post(note_path(id) + "/addenda", {{"text", "Second thought."}});
    ASSERT_EQ(r.status, 201) << r.body;
    json amended = r.json();
    ASSERT_EQ(amended["addenda"].size(), 2u);
    EXPECT_EQ(amended["addenda"][0]["text"], "Sister confirmed the walks.");
    EXPECT_EQ(amended["addenda"][1]["text"], "Second thought.");
    EXPECT_EQ(amended["addenda"][0]["author_id"], world->a.therapist);
    EXPECT_TRUE(amended["addenda"][0]["created_at"].is_string());
    EXPECT_TRUE(amended["addenda"][0]["id"].is_string());
    EXPECT_EQ(amended["fields"], now["fields"]);
    for (const json& body :
         {json{{"text", ""}}, json{{"text", "   "}}, json::object(), json{{"text", 5}},
          json{{"text", "ok"}, {"date", "2020-01-01"}}, json{{"text", std::string("bell\x07")}}}) {
        r = anna.post(note_path(id) + "/addenda", body);
        EXPECT_EQ(r.status, 400) << body.dump() << ": " << r.body;
    }
    EXPECT_EQ(anna.get(note_path(id)).json()["addenda"].size(), 2u);

    // A draft takes no addendum: edit it instead.
    json draft = create_note(anna, session, {{"template", "dap"}});
    r = anna.post(note_path(draft["id"]) + "/addenda", {{"text", "Too early."}});
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "note_draft");
    EXPECT_TRUE(contains(r.json()["error"].value("message", ""), "edit the draft"));
    EXPECT_EQ(draft["fields"],
              json({{"data", ""},
                    {"assessment", ""},
                    {"plan", ""},
                    {"risk", {{"to_self", nullptr}, {"to_others", nullptr}, {"plan", ""}}}}));
}

TEST_F(SessionsApi, invalid_notes_are_refused_naming_the_field_and_nothing_is_stored) {
    Client anna = signed_in(world->a, "therapist");
    Person p = new_person(world->a, world->a.therapist);
    const std::string session = session_of(anna, p.client_id)["id"];
    const std::string notes_path = "/api/v1/sessions/" + session + "/notes";
    // A resource on someone else's map, an exercise assigned to someone else.
    const std::string foreign_resource = world->a.resource;
    const std::string foreign_assignment = world->a.assignment;
    auto own_resource = anna.post("/api/v1/clients/" + p.client_id + "/resources",
                                  {{"title", "Choir"}, {"category", "social"}});
    ASSERT_EQ(own_resource.status, 201);

    const std::vector<std::pair<json, std::string>> cases = {
        {json::object(), "template"},
        {{{"template", "freeform"}}, "template"},
        {{{"template", 3}}, "template"},
        {{{"template", "soap"}, {"fields", {{"exceptions", "not a SOAP field"}}}},
         "fields.exceptions"},
        {{{"template", "soap"}, {"fields", {{"bogus", "x"}}}}, "fields.bogus"},
        {{{"template", "soap"}, {"fields", {{"plan", 5}}}}, "fields.plan"},
        {{{"template", "soap"}, {"fields", {{"plan", nullptr}}}}, "fields.plan"},
        {{{"template", "soap"}, {"fields", {{"plan", {{"nested", "x"}}}}}}, "fields.plan"},
        {{{"template", "soap"}, {"fields", {{"plan", std::string(20001, 'x')}}}}, "fields.plan"},
        {{{"template", "soap"}, {"fields", {{"plan", std::string("a\x01z")}}}}, "fields.plan"},
        {{{"template", "soap"}, {"fields", {{"plan", std::string("a\0z", 3)}}}}, "fields.plan"},
        {{{"template", "soap"}, {"fields", "subjective: fine"}}, "fields"},
        {{{"template", "soap"}, {"scales", {{{"label", "Mood"}, {"value", 11}}}}}, "scales"},
        {{{"template", "soap"}, {"scales", {{{"label", "Mood"}, {"value", -1}}}}}, "scales"},
        {{{"template", "soap"}, {"scales", {{{"label", "Mood"}, {"value", 2.5}}}}}, "scales"},
        {{{"template", "soap"}, {"scales", {{{"label", ""}, {"value", 2}}}}}, "scales"},
        {{{"template", "soap"}, {"scales", {{{"label", "Mood"}}}}}, "scales"},
        {{{"template", "soap"}, {"scales", {{{"label", "a"}, {"value", 1}, {"x", 1}}}}}, "scales"},
        {{{"template", "soap"}, {"scales", {{"label", "Mood"}, {"value", 2}}}}, "scales"},
        {{{"template", "soap"}, {"resource_ids", {foreign_resource}}}, "resource_ids"},
        {{{"template", "soap"}, {"resource_ids", {"not-an-id"}}}, "resource_ids"},
        {{{"template", "soap"}, {"resource_ids", {"01ZZZZZZZZZZZZZZZZZZZZZZZZ"}}}, "resource_ids"},
        {{{"template", "soap"}, {"assignment_ids", {foreign_assignment}}}, "assignment_ids"},
        {{{"template", "soap"}, {"signed_by", world->a.therapist}}, "signed_by"},
    };
    for (const auto& [body, field] : cases) {
        auto r = anna.post(notes_path, body);
        EXPECT_EQ(r.status, 400) << body.dump() << ": " << r.body;
        EXPECT_EQ(r.json()["error"].value("field", ""), field) << body.dump() << ": " << r.body;
    }
    // A field name that is not printable is not echoed.
    auto r = anna.post(notes_path, {{"template", "dap"},
                                    {"fields",
                                     {{"pl\x01"
                                       "an",
                                       "x"}}}});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["error"].value("field", ""), "fields");
    EXPECT_EQ(anna.get(notes_path).json()["items"], json::array());

    // The longest field fits; tabs and line breaks are text.
    json n = create_note(
        anna, session,
        {{"template", "soap"},
         {"fields",
          {{"plan", std::string(20000, 'x')}, {"subjective", "line one\r\nline two\tand a tab"}}},
         {"resource_ids", {own_resource.json()["id"]}}});
    EXPECT_EQ(n["fields"]["subjective"], "line one\nline two\tand a tab");

    // A change is refused as a whole when any part is wrong.
    r = anna.patch(note_path(n["id"]), {{"fields", {{"plan", "new plan"}, {"bogus", "x"}}}});
    EXPECT_EQ(r.status, 400) << r.body;
    r = anna.patch(note_path(n["id"]),
                   {{"fields", {{"plan", "new plan"}}}, {"resource_ids", {foreign_resource}}});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(anna.get(note_path(n["id"])).json()["fields"]["plan"], std::string(20000, 'x'));
    EXPECT_EQ(anna.get(note_path("not-an-id")).status, 404);
    EXPECT_EQ(anna.post("/api/v1/sessions/01ZZZZZZZZZZZZZZZZZZZZZZZZ/notes", {{"template", "dap"}})
                  .status,
              404);
}

TEST_F(SessionsApi, a_supervisor_cosigns_a_signed_note_and_nobody_else_can) {
    Client anna = signed_in(world->a, "therapist");
    Client clara = signed_in(world->a, "supervisor");
    Client ben = signed_in(world->a, "therapist2");  // not on the client's care team
    Client admin = signed_in(world->a, "admin");
    Client client = signed_in(world->a, "client");
    Client other_practice = signed_in(world->b, "supervisor");
    const std::string session = session_of(anna, world->a.client)["id"];
    // The client has an open risk alert: the note assesses risk before it can be signed.
    json n = create_note(
        anna, session, {{"template", "soap"}, {"fields", {{"plan", "Plan A"}, {"risk", kNoRisk}}}});
    const std::string sign = note_path(n["id"]) + "/sign";

    // The supervisor reads, but does not write, and co-signs only what is signed.
    EXPECT_EQ(clara.get(note_path(n["id"])).status, 200);
    EXPECT_EQ(clara.patch(note_path(n["id"]), {{"fields", {{"plan", "Plan B"}}}}).status, 403);
    EXPECT_EQ(clara.post("/api/v1/sessions/" + session + "/notes", {{"template", "dap"}}).status,
              403);
    auto r = clara.post(sign, json::object());
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "note_not_signed");

    ASSERT_EQ(anna.post(sign, json::object()).status, 200);
    EXPECT_EQ(clara.post(note_path(n["id"]) + "/addenda", {{"text", "x"}}).status, 403);
    // Outside the care team, outside the practice, the client: the note does not exist.
    EXPECT_EQ(ben.post(sign, json::object()).status, 404);
    EXPECT_EQ(other_practice.post(sign, json::object()).status, 404);
    EXPECT_EQ(client.post(sign, json::object()).status, 404);
    // An administrator knows the practice's records exist, and may not open them.
    EXPECT_EQ(admin.post(sign, json::object()).status, 403);

    r = clara.post(sign, json::object());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["cosigned_by"], world->a.supervisor);
    EXPECT_TRUE(r.json()["cosigned_at"].is_string());
    EXPECT_EQ(r.json()["signed_by"], world->a.therapist);
    r = clara.post(sign, json::object());
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "note_cosigned");
    EXPECT_EQ(anna.post(sign, json::object()).status, 409);
    EXPECT_EQ(anna.get(note_path(n["id"])).json()["cosigned_by"], world->a.supervisor);
}

TEST_F(SessionsApi, a_colleague_on_the_team_cosigns_but_a_supervisor_of_someone_else_does_not) {
    // The client has two therapists; the supervisor supervises only Anna.
    Person p = new_person(world->a, world->a.therapist, {world->a.therapist, world->a.therapist2});
    Client anna = signed_in(world->a, "therapist");
    Client ben = signed_in(world->a, "therapist2");
    Client clara = signed_in(world->a, "supervisor");
    const std::string session = session_of(ben, p.client_id)["id"];
    json by_ben = create_note(ben, session, {{"template", "dap"}, {"fields", {{"data", "D"}}}});
    const std::string sign = note_path(by_ben["id"]) + "/sign";
    // Anna may not edit or sign Ben's draft.
    EXPECT_EQ(anna.patch(note_path(by_ben["id"]), {{"fields", {{"data", "X"}}}}).status, 403);
    EXPECT_EQ(anna.post(sign, json::object()).status, 409);  // co-sign before the signature
    ASSERT_EQ(ben.post(sign, json::object()).status, 200);
    // Clara reads the note (she supervises Anna, who is on the team) but Ben is not hers.
    EXPECT_EQ(clara.get(note_path(by_ben["id"])).status, 200);
    EXPECT_EQ(clara.post(sign, json::object()).status, 403);
    auto r = anna.post(sign, json::object());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["cosigned_by"], world->a.therapist);
    // Either of them may add to it.
    EXPECT_EQ(anna.post(note_path(by_ben["id"]) + "/addenda", {{"text", "From Anna."}}).status,
              201);
    EXPECT_EQ(ben.post(note_path(by_ben["id"]) + "/addenda", {{"text", "From Ben."}}).status, 201);
}

TEST_F(SessionsApi, sessions_and_notes_do_not_leak_across_practices_or_caseloads) {
    Client anna = signed_in(world->a, "therapist");
    Client ben = signed_in(world->a, "therapist2");
    Client clara = signed_in(world->a, "supervisor");
    Client admin = signed_in(world->a, "admin");
    Client other = signed_in(world->b, "therapist");
    Client other_client = signed_in(world->b, "client");
    const std::string session = world->a.session, note = world->a.note;

    for (const Client* c : {&ben, &other, &other_client}) {
        EXPECT_EQ(c->get("/api/v1/sessions/" + session).status, 404);
        EXPECT_EQ(c->patch("/api/v1/sessions/" + session, {{"duration_min", 20}}).status, 404);
        EXPECT_EQ(c->get("/api/v1/sessions/" + session + "/notes").status, 404);
        EXPECT_EQ(c->post("/api/v1/sessions/" + session + "/notes", {{"template", "dap"}}).status,
                  404);
        EXPECT_EQ(c->get(note_path(note)).status, 404);
        EXPECT_EQ(c->patch(note_path(note), {{"fields", {{"coping", "x"}}}}).status, 404);
        EXPECT_EQ(c->get("/api/v1/sessions?client_id=" + world->a.client).status, 404);
        EXPECT_EQ(c->get("/api/v1/sessions?case_id=" + world->a.case_id).status, 404);
        EXPECT_EQ(c->get("/api/v1/clients/" + world->a.client + "/timeline").status, 404);
        EXPECT_EQ(c->post("/api/v1/sessions", {{"client_id", world->a.client},
                                               {"starts_at", "2026-12-08T09:00:00Z"},
                                               {"duration_min", 50}})
                      .status,
                  404);
    }
    // Lists without a filter show only what each may see.
    EXPECT_EQ(find_by(list(ben, ""), "id", session), nullptr);
    EXPECT_EQ(find_by(list(other, ""), "id", session), nullptr);
    EXPECT_EQ(find_by(list(other_client, ""), "id", session), nullptr);
    EXPECT_NE(find_by(list(anna, ""), "id", session), nullptr);
    EXPECT_NE(find_by(list(clara, ""), "id", session), nullptr);
    // The supervisor sees the notes' statuses too.
    EXPECT_FALSE((*find_by(list(clara, ""), "id", session))["notes"].empty());
    // An administrator does not see clinical records at all.
    EXPECT_EQ(admin.get("/api/v1/sessions").status, 403);
    EXPECT_EQ(admin.get("/api/v1/sessions/" + session).status, 403);
    EXPECT_EQ(admin.get(note_path(note)).status, 403);
    EXPECT_EQ(admin.get("/api/v1/clients/" + world->a.client + "/timeline").status, 403);
    // Nothing was changed by any of it.
    EXPECT_EQ(anna.get("/api/v1/sessions/" + session).json()["duration_min"], 50);
    EXPECT_EQ(anna.get(note_path(note)).json()["fields"]["coping"], "");
}

TEST_F(SessionsApi, a_client_sees_their_session_times_but_never_a_note) {
    Client client = signed_in(world->a, "client");
    const std::string session = world->a.session;

    json mine = list(client, "");
    const json* s = find_by(mine, "id", session);
    ASSERT_NE(s, nullptr) << mine.dump();
    EXPECT_EQ((*s)["starts_at"], "2026-12-01T09:00:00Z");
    EXPECT_EQ((*s)["notes"], json::array());
    EXPECT_EQ(list(client, "?client_id=" + world->a.client).size(), mine.size());
    auto r = client.get("/api/v1/sessions/" + session);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["notes"], json::array());
    EXPECT_FALSE(contains(r.body, world->a.note));

    // Every notes route answers as if there were none.
    EXPECT_EQ(client.get("/api/v1/sessions/" + session + "/notes").status, 404);
    EXPECT_EQ(client.post("/api/v1/sessions/" + session + "/notes", {{"template", "dap"}}).status,
              404);
    for (const std::string& note : {world->a.note, world->a.signed_note}) {
        EXPECT_EQ(client.get(note_path(note)).status, 404);
        EXPECT_EQ(client.patch(note_path(note), {{"fields", {{"coping", "x"}}}}).status, 404);
        EXPECT_EQ(client.post(note_path(note) + "/sign", json::object()).status, 404);
        EXPECT_EQ(client.post(note_path(note) + "/addenda", {{"text", "x"}}).status, 404);
    }
    // They do not schedule or move sessions either.
    EXPECT_EQ(client.patch("/api/v1/sessions/" + session, {{"status", "cancelled"}}).status, 403);
    EXPECT_EQ(client
                  .post("/api/v1/sessions", {{"client_id", world->a.client},
                                             {"starts_at", "2026-12-08T09:00:00Z"},
                                             {"duration_min", 50}})
                  .status,
              403);
    // Another client's session is not theirs to see.
    Client anna = signed_in(world->a, "therapist");
    Person stranger = new_person(world->a, world->a.therapist);
    const std::string theirs = session_of(anna, stranger.client_id)["id"];
    EXPECT_EQ(client.get("/api/v1/sessions/" + theirs).status, 404);
    EXPECT_EQ(find_by(list(client, ""), "id", theirs), nullptr);
}

TEST_F(SessionsApi, the_timeline_shows_sessions_ratings_scores_and_only_shared_journal_entries) {
    Client anna = signed_in(world->a, "therapist");
    Client clara = signed_in(world->a, "supervisor");
    Person p = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(p.email);
    const std::string session = session_of(anna, p.client_id, "2026-11-20T09:00:00Z")["id"];
    json n = create_note(anna, session, {{"template", "resource"}});
    auto resource = anna.post("/api/v1/clients/" + p.client_id + "/resources",
                              {{"title", "Running"}, {"category", "body"}});
    ASSERT_EQ(resource.status, 201) << resource.body;
    const std::string resource_id = resource.json()["id"];
    ASSERT_EQ(anna.post("/api/v1/resources/" + resource_id + "/ratings",
                        {{"availability", 7}, {"activation", 3}})
                  .status,
              201);
    auto score = anna.post("/api/v1/clients/" + p.client_id + "/responses", {{"instrument", "phq9"},
                                                                             {"answers",
                                                                              {{"1", 3},
                                                                               {"2", 2},
                                                                               {"3", 2},
                                                                               {"4", 1},
                                                                               {"5", 1},
                                                                               {"6", 1},
                                                                               {"7", 0},
                                                                               {"8", 0},
                                                                               {"9", 0}}}});
    ASSERT_EQ(score.status, 201) << score.body;
    auto shared = me.post("/api/v1/clients/" + p.client_id + "/journal",
                          {{"kind", "success"}, {"text", "Shared success"}, {"shared", true}});
    ASSERT_EQ(shared.status, 201) << shared.body;
    auto hidden = me.post("/api/v1/clients/" + p.client_id + "/journal",
                          {{"kind", "success"}, {"text", "Private success"}, {"shared", false}});
    ASSERT_EQ(hidden.status, 201) << hidden.body;

    auto timeline_of = [&](const Client& c) {
        auto r = c.get("/api/v1/clients/" + p.client_id + "/timeline");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json()["items"];
    };
    for (const Client* reader : {&anna, &clara}) {
        json items = timeline_of(*reader);
        const json* s = find_by(items, "kind", "session");
        ASSERT_NE(s, nullptr) << items.dump();
        EXPECT_EQ((*s)["id"], session);
        EXPECT_EQ((*s)["note_status"], "draft");
        EXPECT_EQ((*s)["notes"][0]["id"], n["id"]);
        EXPECT_EQ((*s)["at"], "2026-11-20T09:00:00.000Z");
        const json* rating = find_by(items, "kind", "rating");
        ASSERT_NE(rating, nullptr) << items.dump();
        EXPECT_EQ((*rating)["resource_id"], resource_id);
        EXPECT_EQ((*rating)["title"], "Running");
        EXPECT_EQ((*rating)["activation"], 3);
        EXPECT_EQ((*rating)["availability"], 7);
        const json* sc = find_by(items, "kind", "score");
        ASSERT_NE(sc, nullptr) << items.dump();
        EXPECT_EQ((*sc)["instrument_id"], "phq9");
        EXPECT_DOUBLE_EQ((*sc)["total"].get<double>(), 10.0);
        EXPECT_EQ((*sc)["severity"], "Moderate");
        const json* entry = find_by(items, "kind", "journal");
        ASSERT_NE(entry, nullptr) << items.dump();
        EXPECT_EQ((*entry)["entry_id"], shared.json()["id"]);
        EXPECT_EQ((*entry)["kind_of_entry"], "success");
        EXPECT_EQ((*entry)["text"], "Shared success");
        json all_text = items.dump();
        EXPECT_FALSE(contains(all_text, "Private success"));
        EXPECT_FALSE(contains(all_text, hidden.json()["id"].get<std::string>()));
        // Newest first.
        for (std::size_t i = 1; i < items.size(); ++i) {
            EXPECT_GE(*parse_rfc3339(items[i - 1]["at"].get<std::string>()),
                      *parse_rfc3339(items[i]["at"].get<std::string>()))
                << items.dump();
        }
    }
    // The client sees their own private entry, and their session without its note.
    json items = timeline_of(me);
    EXPECT_TRUE(contains(items.dump(), "Private success"));
    const json* s = find_by(items, "kind", "session");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ((*s)["notes"], json::array());
    EXPECT_TRUE((*s)["note_status"].is_null());
    EXPECT_EQ(me.get("/api/v1/clients/" + p.client_id + "/timeline?limit=0").status, 400);
    EXPECT_EQ(timeline_of(anna).size(), 4u);
    EXPECT_EQ(
        anna.get("/api/v1/clients/" + p.client_id + "/timeline?limit=2").json()["items"].size(),
        2u);
}

TEST_F(SessionsApi, note_text_is_sealed_at_rest_and_the_audit_trail_names_only_ids) {
    Client anna = signed_in(world->a, "therapist");
    Client admin = signed_in(world->a, "admin");
    const std::string secret = "Disclosed the old secret about the lighthouse";
    const std::string session = session_of(anna, world->a.client)["id"];
    json n = create_note(anna, session,
                         {{"template", "soap"},
                          {"fields", {{"subjective", secret}, {"risk", kNoRisk}}},
                          {"scales", {{{"label", "Lighthouse fear"}, {"value", 8}}}}});
    ASSERT_EQ(anna.post(note_path(n["id"]) + "/sign", json::object()).status, 200);
    ASSERT_EQ(anna.post(note_path(n["id"]) + "/addenda", {{"text", secret + " (addendum)"}}).status,
              201);
    ASSERT_EQ(anna.get(note_path(n["id"])).status, 200);

    std::string fields, scales, body;
    auto read = server->app().db().with_session([&](soci::session& sql) -> Result<void> {
        std::string id = n["id"];
        sql << "SELECT fields, scales FROM notes WHERE id = :id", soci::into(fields),
            soci::into(scales), soci::use(id);
        sql << "SELECT body FROM note_addenda WHERE note_id = :id", soci::into(body), soci::use(id);
        return {};
    });
    ASSERT_TRUE(read.ok());
    for (const std::string* stored : {&fields, &scales, &body}) {
        EXPECT_EQ(stored->rfind("tv1.", 0), 0u) << "stored in the clear: " << *stored;
        EXPECT_FALSE(contains(*stored, "lighthouse"));
        EXPECT_FALSE(contains(*stored, "Lighthouse"));
    }

    json events = audit_events(admin, "actor_id=" + world->a.therapist);
    std::set<std::string> actions;
    for (const auto& e : events) {
        if (e.value("object_id", "") == n["id"] || e.value("object_id", "") == session)
            actions.insert(e["action"].get<std::string>());
    }
    for (const char* action :
         {"session.create", "note.create", "note.sign", "note.addendum", "note.read"}) {
        EXPECT_TRUE(actions.count(action))
            << action << " missing from " << events.size() << " events";
    }
    EXPECT_FALSE(contains(events.dump(), "lighthouse"));
}

TEST_F(SessionsApi, two_signatures_at_once_sign_the_note_once) {
    Client anna = signed_in(world->a, "therapist");
    const std::string session = session_of(anna, world->a.client)["id"];
    json n = create_note(anna, session, {{"template", "dap"}, {"fields", {{"risk", kNoRisk}}}});
    const std::string sign = note_path(n["id"]) + "/sign";
    constexpr int kTries = 4;
    std::latch start(kTries);
    std::vector<int> statuses(kTries);
    std::vector<std::thread> threads;
    for (int i = 0; i < kTries; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            statuses[static_cast<std::size_t>(i)] = anna.post(sign, json::object()).status;
        });
    }
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), kTries - 1);
}
