// The crisis path over HTTP (issue 13): crisis resources after every risk signal, alerts that are
// acknowledged with what was done and escalate when nobody does, the safety plan, risk in notes,
// and no caseload left behind when an account is deactivated. Runs on SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <soci/soci.h>

#include <optional>

#include "shared_world.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

namespace {

// PHQ-9 answers: item 9 ("thoughts that you would be better off dead") at `item9`.
json phq9(int item9) {
    return {{"1", 1}, {"2", 1}, {"3", 1}, {"4", 1},    {"5", 0},
            {"6", 0}, {"7", 0}, {"8", 0}, {"9", item9}};
}

// A copy, so that it outlives the list it came from.
std::optional<json> find_alert(const json& items, const std::string& key,
                               const std::string& value) {
    for (const auto& a : items)
        if (a.value(key, "") == value)
            return a;
    return std::nullopt;
}

}  // namespace

class SafetyApi : public SharedWorldSuite {
protected:
    using Person = PortalClient;

    //! A client of `therapist_id` with a portal login, so each test starts from nothing.
    static Person new_person(const World::Practice& p, const std::string& therapist_id) {
        return new_portal_client(server->app(), p, therapist_id, "Safety");
    }
    static json alerts(const Client& c, const std::string& query = "") {
        auto r = c.get("/api/v1/alerts" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }
    //! Dates an alert back, as if it had been raised `hours` ago (no sleeping in tests).
    static void age_alert(const std::string& alert_id, int hours) {
        must(server->app().db().transact([&](soci::session& sql) -> Result<void> {
            std::string at = to_rfc3339(now_ms() - static_cast<TimeMs>(hours) * 3600 * 1000);
            sql << "UPDATE alerts SET created_at = :t WHERE id = :id", soci::use(at),
                soci::use(alert_id);
            return {};
        }),
             "age alert");
    }
    static json audit_events(const Client& admin, const std::string& query) {
        auto r = admin.get("/api/v1/audit?limit=200&" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json()["items"];
    }
};

TEST_F(SafetyApi, a_new_practice_has_112_and_the_admin_keeps_the_crisis_contacts) {
    Client admin = signed_in(world->b, "admin");
    Client therapist = signed_in(world->b, "therapist");
    Client client = signed_in(world->b, "client");
    // A new practice starts with the EU emergency number and a neutral text, for everyone.
    for (Client* c : {&admin, &therapist, &client}) {
        auto r = c->get("/api/v1/crisis");
        ASSERT_EQ(r.status, 200) << r.body;
        ASSERT_EQ(r.json()["contacts"].size(), 1u);
        EXPECT_EQ(r.json()["contacts"][0]["phone"], "112");
        EXPECT_TRUE(contains(r.json()["text"], "not an emergency service"));
    }
    const json crisis = {
        {"text", "In danger, call 112. To talk, call the helpline any time."},
        {"contacts",
         {{{"label", "Emergency"}, {"phone", "112"}, {"hours", "24 hours"}},
          {{"label", "Helpline"}, {"phone", "0800 111 0 111"}, {"url", "https://example.org"}},
          {{"label", "Text line"}, {"sms", "+49 160 123"}}}}};
    auto put = admin.request("PUT", "/api/v1/crisis", crisis.dump());
    ASSERT_EQ(put.status, 200) << put.body;
    auto seen = client.get("/api/v1/crisis").json();
    ASSERT_EQ(seen["contacts"].size(), 3u);
    EXPECT_EQ(seen["contacts"][1]["url"], "https://example.org");
    EXPECT_EQ(seen["contacts"][2]["sms"], "+49 160 123");
    EXPECT_FALSE(seen["contacts"][2].contains("phone")) << "absent, not empty";

    // Only the admin changes them; every refusal names the field and changes nothing.
    EXPECT_EQ(therapist.request("PUT", "/api/v1/crisis", crisis.dump()).status, 403);
    struct Bad {
        json body;
        const char* field;
    };
    const std::vector<Bad> bad = {
        {{{"text", "x"}, {"contacts", json::array()}}, "contacts"},
        {{{"text", "x"}, {"contacts", {{{"label", "Web only"}, {"url", "https://a.example"}}}}},
         "contacts"},
        {{{"text", ""}, {"contacts", {{{"label", "E"}, {"phone", "112"}}}}}, "text"},
        {{{"text", "x"}, {"contacts", {{{"label", "E"}, {"phone", "call me"}}}}},
         "contacts[0].phone"},
        {{{"text", "x"}, {"contacts", {{{"label", ""}, {"phone", "112"}}}}}, "contacts[0].label"},
        {{{"text", "x"},
          {"contacts", {{{"label", "E"}, {"phone", "112"}, {"url", "javascript:x"}}}}},
         "contacts[0].url"},
        {{{"text", "x"}, {"contacts", {{{"label", "E"}, {"phone", "112"}, {"fax", "1"}}}}},
         "contacts"},
    };
    for (const Bad& b : bad) {
        auto r = admin.request("PUT", "/api/v1/crisis", b.body.dump());
        EXPECT_EQ(r.status, 400) << b.body.dump() << ": " << r.body;
        EXPECT_EQ(r.json()["error"]["field"], b.field) << b.body.dump();
    }
    EXPECT_EQ(client.get("/api/v1/crisis").json()["contacts"].size(), 3u);
    // The other practice's contacts are its own.
    Client other = signed_in(world->a, "client");
    EXPECT_EQ(other.get("/api/v1/crisis").json()["contacts"].size(), 1u);
}

TEST_F(SafetyApi, practice_settings_hold_the_review_promise_and_the_escalation_time) {
    Client admin = signed_in(world->a, "admin");
    Client anna = signed_in(world->a, "therapist");
    auto r = anna.get("/api/v1/practice-settings");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["review_promise"], "within one working day");
    EXPECT_EQ(r.json()["alert_escalation_hours"], 24);

    r = admin.patch("/api/v1/practice-settings",
                    {{"review_promise", "by the next working morning"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["review_promise"], "by the next working morning");
    EXPECT_EQ(r.json()["alert_escalation_hours"], 24) << "what was not sent stays";
    EXPECT_EQ(anna.patch("/api/v1/practice-settings", {{"alert_escalation_hours", 2}}).status, 403);
    for (const json& body :
         {json{{"alert_escalation_hours", 0}}, json{{"alert_escalation_hours", 169}},
          json{{"alert_escalation_hours", "24"}}}) {
        r = admin.patch("/api/v1/practice-settings", body);
        EXPECT_EQ(r.status, 400) << body.dump();
        EXPECT_EQ(r.json()["error"]["field"], "alert_escalation_hours");
    }
    r = admin.patch("/api/v1/practice-settings", {{"review_promise", "x"}});
    EXPECT_EQ(r.json()["error"]["field"], "review_promise");
    r = admin.patch("/api/v1/practice-settings", {{"review_promise", "within one working day"}});
    ASSERT_EQ(r.status, 200) << r.body;
}

TEST_F(SafetyApi, a_critical_answer_by_link_or_in_the_portal_is_met_with_the_crisis_resources) {
    Client anna = signed_in(world->a, "therapist");
    Person person = new_person(world->a, world->a.therapist);
    auto assigned = anna.post("/api/v1/clients/" + person.client_id + "/measure-assignments",
                              {{"instrument", "phq9"}, {"link", true}});
    ASSERT_EQ(assigned.status, 201) << assigned.body;
    const std::string token = assigned.json()["link"]["token"];

    Client anonymous(server->port());
    auto opened = anonymous.get("/api/v1/questionnaire-links/" + token);
    ASSERT_EQ(opened.status, 200) << opened.body;
    EXPECT_EQ(opened.json()["crisis"]["contacts"][0]["phone"], "112")
        << "the link shows where help is from the first screen";
    auto sent = anonymous.post("/api/v1/questionnaire-links/" + token + "/response",
                               {{"answers", phq9(2)}});
    ASSERT_EQ(sent.status, 201) << sent.body;
    EXPECT_EQ(sent.json()["crisis"]["contacts"][0]["phone"], "112");
    EXPECT_EQ(sent.json()["review_promise"], "within one working day");

    // A response without a critical answer gets no crisis block.
    Client me = signed_in_as(person.email);
    auto calm = me.post("/api/v1/clients/" + person.client_id + "/responses",
                        {{"instrument", "phq9"}, {"answers", phq9(0)}});
    ASSERT_EQ(calm.status, 201) << calm.body;
    EXPECT_FALSE(calm.json().contains("crisis"));
    auto critical = me.post("/api/v1/clients/" + person.client_id + "/responses",
                            {{"instrument", "phq9"}, {"answers", phq9(1)}});
    ASSERT_EQ(critical.status, 201) << critical.body;
    EXPECT_TRUE(critical.json()["crisis"]["text"].is_string());
    EXPECT_FALSE(critical.json().contains("alerts")) << "alerts are for the care team";

    // Both critical answers are open alerts for the care team.
    json items = alerts(anna)["items"];
    int open = 0;
    for (const auto& a : items)
        open += a["client_id"] == person.client_id && a["kind"] == "critical_item" &&
                a["status"] == "open";
    EXPECT_EQ(open, 2) << items.dump();
}

TEST_F(SafetyApi, a_shared_low_mood_alerts_the_team_and_a_private_one_only_helps_the_client) {
    Client anna = signed_in(world->a, "therapist");
    Person person = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(person.email);
    const std::string journal = "/api/v1/clients/" + person.client_id + "/journal";

    auto priv = me.post(journal, {{"kind", "free"},
                                  {"text", "easier not to wake up at all"},
                                  {"mood", 1},
                                  {"shared", false}});
    ASSERT_EQ(priv.status, 201) << priv.body;
    EXPECT_EQ(priv.json()["crisis"]["contacts"][0]["phone"], "112")
        << "the client sees the crisis resources either way";
    EXPECT_EQ(find_alert(alerts(anna)["items"], "client_id", person.client_id), std::nullopt)
        << "a private entry never alerts anyone";

    auto fine =
        me.post(journal, {{"kind", "success"}, {"text", "A walk"}, {"mood", 6}, {"shared", true}});
    ASSERT_EQ(fine.status, 201);
    EXPECT_FALSE(fine.json().contains("crisis"));

    auto shared = me.post(journal, {{"kind", "free"},
                                    {"text", "easier not to wake up at all"},
                                    {"mood", 2},
                                    {"shared", true}});
    ASSERT_EQ(shared.status, 201) << shared.body;
    EXPECT_TRUE(shared.json().contains("crisis"));
    auto alert = find_alert(alerts(anna)["items"], "entry_id", shared.json()["id"]);
    ASSERT_NE(alert, std::nullopt);
    EXPECT_EQ((*alert)["kind"], "low_mood");
    EXPECT_EQ((*alert)["value"], 2);
    EXPECT_FALSE(alert->contains("instrument"));
    EXPECT_FALSE(contains((*alert)["message"], "wake")) << "no journal text in an alert";

    // Sharing the private entry later tells the team once; changing it again does not repeat.
    auto now_shared =
        me.patch("/api/v1/journal/" + priv.json()["id"].get<std::string>(), {{"shared", true}});
    ASSERT_EQ(now_shared.status, 200) << now_shared.body;
    me.patch("/api/v1/journal/" + priv.json()["id"].get<std::string>(), {{"mood", 0}});
    int low = 0;
    const json listed = alerts(anna)["items"];
    for (const auto& a : listed)
        low += a["client_id"] == person.client_id && a["kind"] == "low_mood";
    EXPECT_EQ(low, 2);

    // The mood overview never averages the low away: every entry, the latest, the week's lowest.
    auto report = anna.get("/api/v1/clients/" + person.client_id + "/adherence").json();
    ASSERT_EQ(report["mood"].size(), 3u) << report.dump();
    EXPECT_EQ(report["mood_summary"]["lowest_7_days"]["mood"], 0);
    EXPECT_EQ(report["mood_summary"]["entries_7_days"], 3);
}

TEST_F(SafetyApi, an_alert_is_acknowledged_with_what_was_done_by_whom_and_when) {
    Client anna = signed_in(world->a, "therapist");
    Client ben = signed_in(world->a, "therapist2");
    Client mia = signed_in(world->a, "client");
    Client admin = signed_in(world->a, "admin");
    Person person = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(person.email);
    auto r = me.post("/api/v1/clients/" + person.client_id + "/responses",
                     {{"instrument", "phq9"}, {"answers", phq9(3)}});
    ASSERT_EQ(r.status, 201);
    auto found = find_alert(alerts(anna)["items"], "response_id", r.json()["id"]);
    ASSERT_NE(found, std::nullopt);
    const std::string id = (*found)["id"];
    const std::string ack = "/api/v1/alerts/" + id + "/ack";
    EXPECT_EQ((*found)["instrument"], "phq9");
    EXPECT_EQ((*found)["item"], "9");
    EXPECT_EQ((*found)["status"], "open");
    EXPECT_TRUE((*found)["acknowledged"].is_null());
    EXPECT_TRUE((*found)["escalated_at"].is_null());

    auto missing = anna.post(ack, json::object());
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.json()["error"]["field"], "action");
    EXPECT_EQ(anna.post(ack, {{"action", "clicked_away"}}).json()["error"]["field"], "action");
    EXPECT_EQ(ben.post(ack, {{"action", "contacted_client"}}).status, 404) << "not Ben's client";
    EXPECT_EQ(mia.post(ack, {{"action", "contacted_client"}}).status, 404);
    EXPECT_EQ(admin.post(ack, {{"action", "contacted_client"}}).status, 403);
    Client other = signed_in(world->b, "therapist");
    EXPECT_EQ(other.post(ack, {{"action", "contacted_client"}}).status, 404);

    const std::string note = "Phoned her at 16:10; safe tonight, with her sister";
    auto done = anna.post(ack, {{"action", "contacted_client"}, {"note", note}});
    ASSERT_EQ(done.status, 200) << done.body;
    json a = done.json();
    EXPECT_EQ(a["status"], "acknowledged");
    EXPECT_EQ(a["acknowledged"]["by"], world->a.therapist);
    EXPECT_FALSE(a["acknowledged"]["by_name"].get<std::string>().empty());
    EXPECT_EQ(a["acknowledged"]["action"], "contacted_client");
    EXPECT_EQ(a["acknowledged"]["note"], note);
    EXPECT_TRUE(a["acknowledged"]["at"].is_string());
    auto again = anna.post(ack, {{"action", "no_action_needed"}});
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.error_code(), "already_acknowledged");

    EXPECT_EQ(find_alert(alerts(anna)["items"], "id", id), std::nullopt) << "no longer open";
    auto kept = find_alert(alerts(anna, "?status=acknowledged")["items"], "id", id);
    ASSERT_NE(kept, std::nullopt);
    EXPECT_EQ((*kept)["acknowledged"]["note"], note);
    EXPECT_EQ(anna.get("/api/v1/alerts?status=later").status, 400);

    // The audit trail names the alert, never the note.
    json events = audit_events(admin, "action=alert.acknowledge");
    bool audited = false;
    for (const auto& e : events)
        audited |= e["object_id"] == id;
    EXPECT_TRUE(audited);
    EXPECT_FALSE(contains(admin.get("/api/v1/audit?limit=200").body, "sister"));
}

TEST_F(SafetyApi, an_alert_nobody_handles_escalates_to_the_supervisor_who_can_acknowledge_it) {
    Client anna = signed_in(world->a, "therapist");
    Client clara = signed_in(world->a, "supervisor");
    Client admin = signed_in(world->a, "admin");
    Client ben = signed_in(world->a, "therapist2");
    Person person = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(person.email);
    auto entry = me.post("/api/v1/clients/" + person.client_id + "/journal",
                         {{"kind", "free"}, {"text", "Very low"}, {"mood", 0}, {"shared", true}});
    ASSERT_EQ(entry.status, 201);
    auto found = find_alert(alerts(anna)["items"], "entry_id", entry.json()["id"]);
    ASSERT_NE(found, std::nullopt);
    const std::string id = (*found)["id"];
    const int escalated_before = admin.get("/api/v1/alerts/escalations").json()["count"];

    // 23 hours: not yet escalated (the default is 24).
    age_alert(id, 23);
    auto young = find_alert(alerts(clara)["items"], "id", id);
    ASSERT_NE(young, std::nullopt) << "a supervisor sees the supervisee's alerts";
    EXPECT_TRUE((*young)["escalated_at"].is_null());
    EXPECT_EQ(admin.get("/api/v1/alerts/escalations").json()["count"], escalated_before);

    // 7 days: escalated, first in the supervisor's list, counted for the admin (a number only).
    age_alert(id, 7 * 24);
    json list = alerts(clara);
    ASSERT_FALSE(list["items"].empty());
    EXPECT_EQ(list["items"][0]["id"], id) << "the escalated alert comes first";
    EXPECT_TRUE(list["items"][0]["escalated_at"].is_string());
    EXPECT_GE(list["escalated_count"].get<int>(), 1);
    auto count = admin.get("/api/v1/alerts/escalations");
    ASSERT_EQ(count.status, 200) << count.body;
    EXPECT_EQ(count.json()["count"], escalated_before + 1);
    EXPECT_EQ(count.json().size(), 1u) << "no names, no content";
    EXPECT_EQ(ben.get("/api/v1/alerts/escalations").json()["count"], 0) << "not Ben's clients";
    EXPECT_EQ(me.get("/api/v1/alerts/escalations").status, 403);

    // A shorter escalation time set by the admin escalates sooner.
    age_alert(id, 3);
    EXPECT_TRUE(find_alert(alerts(clara)["items"], "id", id).value().at("escalated_at").is_null());
    ASSERT_EQ(admin.patch("/api/v1/practice-settings", {{"alert_escalation_hours", 2}}).status,
              200);
    EXPECT_TRUE(
        find_alert(alerts(clara)["items"], "id", id).value().at("escalated_at").is_string());
    ASSERT_EQ(admin.patch("/api/v1/practice-settings", {{"alert_escalation_hours", 24}}).status,
              200);

    // The supervisor acknowledges it.
    age_alert(id, 30);
    auto done = clara.post("/api/v1/alerts/" + id + "/ack", {{"action", "safety_plan_reviewed"}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json()["acknowledged"]["by"], world->a.supervisor);
    EXPECT_TRUE(done.json()["escalated_at"].is_string()) << "it was escalated before review";
    EXPECT_EQ(admin.get("/api/v1/alerts/escalations").json()["count"], escalated_before);
}

TEST_F(SafetyApi, the_safety_plan_keeps_its_order_links_resources_and_always_has_crisis_numbers) {
    Client anna = signed_in(world->a, "therapist");
    Client clara = signed_in(world->a, "supervisor");
    Person person = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(person.email);
    const std::string path = "/api/v1/clients/" + person.client_id + "/safety-plan";

    auto empty = me.get(path);
    ASSERT_EQ(empty.status, 200) << empty.body;
    EXPECT_EQ(empty.json()["warning_signs"], json::array());
    EXPECT_TRUE(empty.json()["updated_at"].is_null());
    EXPECT_EQ(empty.json()["crisis"]["contacts"][0]["phone"], "112")
        << "crisis numbers even when the plan is empty";

    auto sister =
        anna.post("/api/v1/clients/" + person.client_id + "/resources",
                  {{"title", "My sister"}, {"category", "social"}, {"stabilising", true}});
    ASSERT_EQ(sister.status, 201);
    auto hidden = anna.post(
        "/api/v1/clients/" + person.client_id + "/resources",
        {{"title", "Therapist's hunch"}, {"category", "skill"}, {"visible_to_client", false}});
    ASSERT_EQ(hidden.status, 201);
    const std::string sister_id = sister.json()["id"];
    json plan = {{"warning_signs", {"  I stop answering messages ", ""}},
                 {"calming_steps", {"Cold water on the wrists"}},
                 {"places_and_people_for_distraction", {"The bakery café"}},
                 {"people_to_ask", {{{"name", "Lena"}, {"phone", "0151 123"}}}},
                 {"professionals", {{{"name", "Dr. Roth"}, {"phone", "030 111"}, {"note", "GP"}}}},
                 {"making_safe", {"Tablets stay with Lena"}},
                 {"reasons", {"The kids", {{"resource_id", sister_id}}}}};
    auto put = me.request("PUT", path, plan.dump());
    ASSERT_EQ(put.status, 200) << put.body;
    json saved = put.json();
    EXPECT_EQ(saved["warning_signs"], json::array({"I stop answering messages"}));
    EXPECT_EQ(saved["professionals"][0]["note"], "GP");
    ASSERT_EQ(saved["reasons"].size(), 2u);
    EXPECT_EQ(saved["reasons"][0], "The kids");
    EXPECT_EQ(saved["reasons"][1]["title"], "My sister");
    EXPECT_EQ(saved["stabilising_resources"][0]["id"], sister_id);
    EXPECT_TRUE(saved["updated_at"].is_string());
    EXPECT_EQ(clara.get(path).json()["making_safe"], json::array({"Tablets stay with Lena"}));
    EXPECT_EQ(clara.request("PUT", path, plan.dump()).status, 403);

    // A client cannot link what they cannot see; nothing is written.
    json sneaky = plan;
    sneaky["reasons"] = {{{"resource_id", hidden.json()["id"]}}};
    auto refused = me.request("PUT", path, sneaky.dump());
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(refused.json()["error"]["field"], "reasons");
    for (const json& bad : {json{{"reasons", {42}}}, json{{"warning_signs", "one"}},
                            json{{"people_to_ask", {{{"name", "x"}, {"age", 3}}}}},
                            json{{"favourite_colour", "blue"}}}) {
        EXPECT_EQ(me.request("PUT", path, bad.dump()).status, 400) << bad.dump();
    }
    EXPECT_EQ(me.get(path).json()["reasons"].size(), 2u);

    // The coping card is a view of the plan: its contacts are the people to ask, and saving it
    // keeps the rest of the plan (and the reason linked to a resource).
    auto card = me.get("/api/v1/clients/" + person.client_id + "/coping-card").json();
    EXPECT_EQ(card["contacts"][0]["name"], "Lena");
    EXPECT_EQ(card["reasons"], json::array({"The kids"}));
    auto card_put = me.request("PUT", "/api/v1/clients/" + person.client_id + "/coping-card",
                               json{{"contacts", {{{"name", "Jana"}, {"phone", "0160 9"}}}},
                                    {"calming_steps", {"Breathe out slowly"}},
                                    {"reasons", {"The kids", "Spring"}}}
                                   .dump());
    ASSERT_EQ(card_put.status, 200) << card_put.body;
    json after = me.get(path).json();
    EXPECT_EQ(after["people_to_ask"][0]["name"], "Jana");
    EXPECT_EQ(after["warning_signs"], json::array({"I stop answering messages"}));
    EXPECT_EQ(after["reasons"].size(), 3u) << after["reasons"].dump();
}

TEST_F(SafetyApi, deactivating_a_therapist_with_a_caseload_needs_someone_to_take_it_over) {
    Client admin = signed_in(world->a, "admin");
    // A therapist of their own, with two clients (one with an open alert) and a case.
    accounts::NewUser u{world->a.id,         world->a.email("leaving"),
                        "Leaving Therapist", Role::therapist,
                        kPassword,           ""};
    const std::string leaving =
        must(server->app().accounts().create_user(u, system_event("test")), "user").id;
    Person first = new_person(world->a, leaving);
    Person second = new_person(world->a, leaving);
    Client lt = signed_in_as(world->a.email("leaving"));
    auto c = lt.post("/api/v1/cases", {{"kind", "couple"},
                                       {"name", "Handover couple"},
                                       {"member_ids", {first.client_id, second.client_id}}});
    ASSERT_EQ(c.status, 201) << c.body;
    auto future = lt.post("/api/v1/sessions", {{"client_id", first.client_id},
                                               {"starts_at", "2099-01-05T09:00:00Z"},
                                               {"duration_min", 50}});
    ASSERT_EQ(future.status, 201) << future.body;
    Client me = signed_in_as(first.email);
    ASSERT_EQ(me.post("/api/v1/clients/" + first.client_id + "/responses",
                      {{"instrument", "phq9"}, {"answers", phq9(1)}})
                  .status,
              201);

    const std::string user_path = "/api/v1/users/" + leaving;
    auto refused = admin.patch(user_path, {{"active", false}});
    ASSERT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(refused.error_code(), "has_caseload");
    EXPECT_EQ(refused.json()["error"]["clients"], 2);
    EXPECT_EQ(refused.json()["error"]["cases"], 1);
    EXPECT_EQ(refused.json()["error"]["open_alerts"], 1);
    EXPECT_TRUE(contains(refused.json()["error"]["message"], "2 clients"));
    EXPECT_EQ(lt.get("/api/v1/clients").status, 200) << "still active: nothing changed";

    // Someone who cannot take over: a supervisor, the account itself, nobody.
    for (const std::string& bad : {world->a.supervisor, leaving,
                                   std::string("01ZZZZZZZZZZZZZZZZZZZZZZZZ"), world->b.therapist}) {
        auto r = admin.patch(user_path, {{"active", false}, {"reassign_to", bad}});
        EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
        EXPECT_EQ(r.json()["error"]["field"], "reassign_to");
    }
    auto done = admin.patch(user_path, {{"active", false}, {"reassign_to", world->a.therapist2}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json()["active"], false);

    // Ben now has both clients, the case, the future session and the open alert.
    Client ben = signed_in(world->a, "therapist2");
    for (const Person* p : {&first, &second})
        EXPECT_EQ(ben.get("/api/v1/clients/" + p->client_id).status, 200);
    EXPECT_EQ(ben.get("/api/v1/cases/" + c.json()["id"].get<std::string>()).status, 200);
    auto session = ben.get("/api/v1/sessions/" + future.json()["id"].get<std::string>());
    ASSERT_EQ(session.status, 200);
    EXPECT_EQ(session.json()["therapist_id"], world->a.therapist2);
    EXPECT_NE(find_alert(alerts(ben)["items"], "client_id", first.client_id), std::nullopt);
    json events = audit_events(admin, "action=client.handover");
    int handed = 0;
    for (const auto& e : events)
        handed += e["object_id"] == first.client_id || e["object_id"] == second.client_id;
    EXPECT_EQ(handed, 2);

    // An account with nothing left deactivates at once.
    accounts::NewUser free_user{
        world->a.id, world->a.email("free"), "Free Therapist", Role::therapist, kPassword, ""};
    const std::string free_id =
        must(server->app().accounts().create_user(free_user, system_event("test")), "user").id;
    EXPECT_EQ(admin.patch("/api/v1/users/" + free_id, {{"active", false}}).status, 200);
}

TEST_F(SafetyApi, signing_a_note_after_a_risk_alert_needs_the_risk_assessed) {
    Client anna = signed_in(world->a, "therapist");
    Person person = new_person(world->a, world->a.therapist);
    // A session that begins now: the alert below is raised while it runs.
    auto session = anna.post(
        "/api/v1/sessions", {{"client_id", person.client_id},
                             {"starts_at", sessions::format_appointment_time(now_ms() - 60 * 1000)},
                             {"duration_min", 50}});
    ASSERT_EQ(session.status, 201);
    const std::string notes =
        "/api/v1/sessions/" + session.json()["id"].get<std::string>() + "/notes";
    // No alert: a note signs without a risk assessment.
    auto plain = anna.post(notes, {{"template", "dap"}, {"fields", {{"data", "Calm"}}}});
    ASSERT_EQ(plain.status, 201);
    EXPECT_EQ(anna.post("/api/v1/notes/" + plain.json()["id"].get<std::string>() + "/sign",
                        json::object())
                  .status,
              200);

    Client me = signed_in_as(person.email);
    ASSERT_EQ(me.post("/api/v1/clients/" + person.client_id + "/responses",
                      {{"instrument", "phq9"}, {"answers", phq9(1)}})
                  .status,
              201);
    auto note = anna.post(notes, {{"template", "soap"}, {"fields", {{"plan", "Review"}}}});
    const std::string sign = "/api/v1/notes/" + note.json()["id"].get<std::string>() + "/sign";
    auto r = anna.post(sign, json::object());
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "risk_required");
    auto bad = anna.patch("/api/v1/notes/" + note.json()["id"].get<std::string>(),
                          {{"fields", {{"risk", {{"to_self", "severe"}}}}}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.json()["error"]["field"], "fields.risk.to_self");
    ASSERT_EQ(anna.patch("/api/v1/notes/" + note.json()["id"].get<std::string>(),
                         {{"fields", {{"risk", {{"to_self", "low"}, {"to_others", "none"}}}}}})
                  .status,
              200);
    EXPECT_EQ(anna.post(sign, json::object()).status, 200);

    // A session that ended before the alert was raised did not have it: its note signs as is.
    auto earlier = anna.post("/api/v1/sessions", {{"client_id", person.client_id},
                                                  {"starts_at", "2026-11-02T09:00:00Z"},
                                                  {"duration_min", 50}});
    ASSERT_EQ(earlier.status, 201);
    auto old_note =
        anna.post("/api/v1/sessions/" + earlier.json()["id"].get<std::string>() + "/notes",
                  {{"template", "dap"}, {"fields", {{"data", "Before"}}}});
    EXPECT_EQ(anna.post("/api/v1/notes/" + old_note.json()["id"].get<std::string>() + "/sign",
                        json::object())
                  .status,
              200);
}
