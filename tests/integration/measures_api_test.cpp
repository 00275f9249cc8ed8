// Questionnaires over HTTP: submitting and scoring, critical-item alerts and their acknowledgement,
// one-time links, licences, reliable change, chart series and the strengths profile.

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "shared_world.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

class MeasuresApi : public SharedWorldSuite {
protected:
    static std::string fresh_client(Client& therapist) {
        return SharedWorldSuite::fresh_client(therapist, "Measured client");
    }
    static json answers(const std::vector<int>& values) {
        json a = json::object();
        for (size_t i = 0; i < values.size(); ++i)
            a[std::to_string(i + 1)] = values[i] < 0 ? json() : json(values[i]);
        return a;
    }
    static HttpResult submit(Client& c, const std::string& client, const std::string& instrument,
                             const std::vector<int>& values) {
        return c.post("/api/v1/clients/" + client + "/responses",
                      {{"instrument", instrument}, {"answers", answers(values)}});
    }
    static bool has_alert_for(const json& alerts, const std::string& response_id,
                              const std::string& kind) {
        for (const auto& a : alerts)
            if (a["response_id"] == response_id && a["kind"] == kind)
                return true;
        return false;
    }
};

TEST_F(MeasuresApi, a_clients_phq9_is_scored_and_item_9_alerts_the_care_team_until_acknowledged) {
    Client mia = signed_in(world->a, "client");
    Client anna = signed_in(world->a, "therapist");
    // 0+0+1+0+0+0+0+0+1 = 2: "Minimal", and still an alert because item 9 is above 0.
    auto r = submit(mia, world->a.client, "phq9", {0, 0, 1, 0, 0, 0, 0, 0, 1});
    ASSERT_EQ(r.status, 201) << r.body;
    json mine = r.json();
    std::string id = mine["id"];
    EXPECT_DOUBLE_EQ(mine["scores"]["total"]["value"].get<double>(), 2.0);
    EXPECT_EQ(mine["scores"]["total"]["band"], "Minimal");
    EXPECT_EQ(mine["submitted_by_role"], "client");
    EXPECT_FALSE(mine.contains("alerts")) << "alerts are for the care team";

    json seen = anna.get("/api/v1/responses/" + id).json();
    ASSERT_EQ(seen["alerts"].size(), 1u);
    EXPECT_EQ(seen["alerts"][0]["item"], "9");
    EXPECT_TRUE(seen["alerts"][0]["acknowledged_at"].is_null());
    json caseload = anna.get("/api/v1/alerts").json()["items"];
    EXPECT_TRUE(has_alert_for(caseload, id, "critical_item")) << caseload.dump();
    Client clara = signed_in(world->a, "supervisor");
    EXPECT_TRUE(has_alert_for(clara.get("/api/v1/alerts").json()["items"], id, "critical_item"));
    Client ben = signed_in(world->a, "therapist2");
    EXPECT_FALSE(has_alert_for(ben.get("/api/v1/alerts").json()["items"], id, "critical_item"));

    // Acknowledging records what was done: without an action it is refused.
    auto no_action = anna.post("/api/v1/responses/" + id + "/alerts/ack", json::object());
    EXPECT_EQ(no_action.status, 400) << no_action.body;
    EXPECT_EQ(no_action.json()["error"]["field"], "action");
    auto ack =
        anna.post("/api/v1/responses/" + id + "/alerts/ack", {{"action", "no_action_needed"}});
    ASSERT_EQ(ack.status, 200) << ack.body;
    EXPECT_EQ(ack.json()["alerts"][0]["acknowledged_by"], world->a.therapist);
    EXPECT_EQ(ack.json()["alerts"][0]["action"], "no_action_needed");
    EXPECT_FALSE(has_alert_for(anna.get("/api/v1/alerts").json()["items"], id, "critical_item"));
    Client admin = signed_in(world->a, "admin");
    auto audit = admin.get("/api/v1/audit?action=alert.acknowledge&limit=50").json()["items"];
    bool audited = false;
    for (const auto& e : audit)
        audited |= e["object_id"] == id;
    EXPECT_TRUE(audited);
}

TEST_F(MeasuresApi, a_one_time_link_takes_one_response_without_a_login) {
    Client anna = signed_in(world->a, "therapist");
    std::string client = fresh_client(anna);
    auto assigned = anna.post("/api/v1/clients/" + client + "/measure-assignments",
                              {{"instrument", "gad7"}, {"every_weeks", 2}, {"link", true}});
    ASSERT_EQ(assigned.status, 201) << assigned.body;
    json a = assigned.json();
    EXPECT_EQ(a["every_weeks"], 2);
    std::string token = a["link"]["token"];
    EXPECT_NE(a["link"]["url"].get<std::string>().find("/q/" + token), std::string::npos);

    Client anonymous(server->port());
    auto opened = anonymous.get("/api/v1/questionnaire-links/" + token);
    ASSERT_EQ(opened.status, 200) << opened.body;
    EXPECT_EQ(opened.json()["questionnaire"]["resourceType"], "Questionnaire");
    EXPECT_EQ(opened.json()["questionnaire"]["item"].size(), 7u);
    EXPECT_FALSE(opened.json()["questionnaire"].contains("trove"));

    auto bad = anonymous.post("/api/v1/questionnaire-links/" + token + "/response",
                              {{"answers", answers({1, 1, 1, 1, 1, 1, 9})}});
    EXPECT_EQ(bad.status, 400) << "an invalid answer does not spend the link";
    auto sent = anonymous.post("/api/v1/questionnaire-links/" + token + "/response",
                               {{"answers", answers({3, 2, 2, 1, 1, 1, 0})}});
    ASSERT_EQ(sent.status, 201) << sent.body;
    EXPECT_EQ(sent.body.find("scores"), std::string::npos) << "the link shows no scores";
    auto again = anonymous.post("/api/v1/questionnaire-links/" + token + "/response",
                                {{"answers", answers({0, 0, 0, 0, 0, 0, 0})}});
    EXPECT_EQ(again.status, 404);
    EXPECT_EQ(again.error_code(), "invalid_link");
    EXPECT_EQ(anonymous.get("/api/v1/questionnaire-links/" + token).status, 404);

    json list = anna.get("/api/v1/clients/" + client + "/responses").json()["items"];
    ASSERT_EQ(list.size(), 1u);
    EXPECT_DOUBLE_EQ(list[0]["scores"]["total"]["value"].get<double>(), 10.0);  // 3+2+2+1+1+1+0
    EXPECT_EQ(list[0]["scores"]["total"]["band"], "Moderate");
    // The recurring assignment is next due in a week or more, not now.
    json assignments =
        anna.get("/api/v1/clients/" + client + "/measure-assignments").json()["items"];
    ASSERT_EQ(assignments.size(), 1u);
    EXPECT_GT(assignments[0]["next_due_at"].get<std::string>(),
              a["next_due_at"].get<std::string>());
}

TEST_F(MeasuresApi, a_link_dies_with_its_assignment_once_the_questionnaire_is_answered_in_session) {
    Client anna = signed_in(world->a, "therapist");
    std::string client = fresh_client(anna);
    auto assigned = anna.post("/api/v1/clients/" + client + "/measure-assignments",
                              {{"instrument", "gad7"}, {"link", true}});
    ASSERT_EQ(assigned.status, 201) << assigned.body;
    const std::string token = assigned.json()["link"]["token"];
    Client anonymous(server->port());
    ASSERT_EQ(anonymous.get("/api/v1/questionnaire-links/" + token).status, 200);
    // Answered together in the session: the once-only assignment is fulfilled.
    ASSERT_EQ(anna.post("/api/v1/clients/" + client + "/responses",
                        {{"instrument", "gad7"}, {"answers", answers({1, 1, 1, 1, 1, 1, 1})}})
                  .status,
              201);
    auto opened = anonymous.get("/api/v1/questionnaire-links/" + token);
    EXPECT_EQ(opened.status, 404);
    EXPECT_EQ(opened.error_code(), "invalid_link");
    EXPECT_EQ(anonymous
                  .post("/api/v1/questionnaire-links/" + token + "/response",
                        {{"answers", answers({0, 0, 0, 0, 0, 0, 0})}})
                  .status,
              404);
    EXPECT_EQ(anna.get("/api/v1/clients/" + client + "/responses").json()["items"].size(), 1u);
}

TEST_F(MeasuresApi, instruments_that_need_a_licence_confirmation_ship_disabled) {
    Client anna = signed_in(world->b, "therapist");
    Client admin = signed_in(world->b, "admin");
    json instruments = anna.get("/api/v1/instruments").json()["items"];
    ASSERT_EQ(instruments.size(), 12u);
    for (const auto& i : instruments) {
        if (i["id"] == "who5" || i["id"] == "gse" || i["id"] == "gq6") {
            EXPECT_FALSE(i["enabled"].get<bool>()) << i["id"];
        }
        if (i["id"] == "phq9") {
            EXPECT_TRUE(i["enabled"].get<bool>());
        }
    }
    auto refused = submit(anna, world->b.client, "who5", {3, 3, 3, 3, 3});
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(refused.error_code(), "instrument_disabled");
    auto no_ack = admin.patch("/api/v1/instruments/who5", {{"enabled", true}});
    EXPECT_EQ(no_ack.status, 400);
    EXPECT_EQ(no_ack.json()["error"]["field"], "licence_acknowledged");
    EXPECT_EQ(
        anna.patch("/api/v1/instruments/who5", {{"enabled", true}, {"licence_acknowledged", true}})
            .status,
        403);
    auto enabled = admin.patch("/api/v1/instruments/who5",
                               {{"enabled", true}, {"licence_acknowledged", true}});
    ASSERT_EQ(enabled.status, 200) << enabled.body;
    EXPECT_TRUE(enabled.json()["enabled"].get<bool>());
    auto scored = submit(anna, world->b.client, "who5", {3, 3, 3, 3, 3});
    ASSERT_EQ(scored.status, 201) << scored.body;
    EXPECT_DOUBLE_EQ(scored.json()["scores"]["total"]["value"].get<double>(), 60.0);  // 15 x 4
    EXPECT_DOUBLE_EQ(scored.json()["scores"]["raw"]["value"].get<double>(), 15.0);
    // Practice A is untouched by B's choice.
    Client a_therapist = signed_in(world->a, "therapist");
    EXPECT_EQ(submit(a_therapist, world->a.client, "who5", {3, 3, 3, 3, 3}).status, 409);
}

TEST_F(MeasuresApi, change_is_judged_by_the_reliable_change_index_in_the_direction_of_better) {
    Client anna = signed_in(world->a, "therapist");
    std::string client = fresh_client(anna);
    // PHQ-9 18 then 9: lower is better.
    ASSERT_EQ(submit(anna, client, "phq9", {2, 2, 2, 2, 2, 2, 2, 2, 2}).status, 201);
    auto second = submit(anna, client, "phq9", {1, 1, 1, 1, 1, 1, 1, 1, 1});
    ASSERT_EQ(second.status, 201);
    json change = second.json()["change"]["first"];
    ASSERT_FALSE(change.is_null()) << second.body;
    EXPECT_DOUBLE_EQ(change["difference"].get<double>(), -9.0);
    EXPECT_EQ(change["reliable"], "improved");
    // SEdiff follows Jacobson-Truax from the norm the chart uses.
    json series = anna.get("/api/v1/clients/" + client + "/measures/phq9").json();
    ASSERT_FALSE(series["reliable_change"].is_null());
    double sediff = series["reliable_change"]["sediff"].get<double>();
    EXPECT_NEAR(change["rci"].get<double>(), -9.0 / sediff, 1e-9);
    EXPECT_NEAR(series["reliable_change"]["threshold"].get<double>(), 1.96 * sediff, 1e-9);
    EXPECT_DOUBLE_EQ(series["reliable_change"]["baseline"].get<double>(), 18.0);
    EXPECT_EQ(series["cutoff"], 10);
    ASSERT_EQ(series["points"].size(), 2u);
    EXPECT_EQ(series["points"][0]["band"], "Moderately severe");
    EXPECT_EQ(series["points"][1]["band"], "Mild");
    EXPECT_GE(series["bands"].size(), 5u);

    // SWLS 30 then 10: higher is better, so this is a reliable deterioration on the caseload.
    ASSERT_EQ(submit(anna, client, "swls", {6, 6, 6, 6, 6}).status, 201);
    auto worse = submit(anna, client, "swls", {2, 2, 2, 2, 2});
    ASSERT_EQ(worse.status, 201);
    EXPECT_EQ(worse.json()["change"]["first"]["reliable"], "deteriorated");
    EXPECT_TRUE(has_alert_for(anna.get("/api/v1/alerts").json()["items"], worse.json()["id"],
                              "reliable_deterioration"));
}

TEST_F(MeasuresApi, the_strengths_profile_offers_the_top_five_on_the_resource_map) {
    Client anna = signed_in(world->a, "therapist");
    std::string client = fresh_client(anna);
    // Blocks of four items per strength (two + keyed, two - keyed). Strongest: 5,5,1,1 = mean 5.
    // Instrument file order decides which block is which strength; read it from the server.
    json q = anna.get("/api/v1/instruments/ipipvia").json();
    ASSERT_EQ(q["item"].size(), 96u);
    std::vector<int> values(96, 3);  // every strength 3.0
    // Items 1-4, 5-8, 9-12, 13-16, 17-20 get the strongest pattern; 21-24 slightly above 3.
    for (int block = 0; block < 5; ++block) {
        values[block * 4 + 0] = 5;
        values[block * 4 + 1] = 5;
        values[block * 4 + 2] = 1;
        values[block * 4 + 3] = 1;
    }
    values[20] = 4;
    auto r = submit(anna, client, "ipipvia", values);
    ASSERT_EQ(r.status, 201) << r.body;
    json ranking = r.json()["ranking"];
    ASSERT_EQ(ranking.size(), 24u);
    // The IPIP-VIA-R key: items 1-4 appreciation of beauty, 5-8 love (capacity to love), 9-12
    // teamwork (citizenship), 13-16 curiosity, 17-20 fairness (equity).
    std::set<std::string> top(ranking.begin(), ranking.begin() + 5);
    EXPECT_EQ(top, (std::set<std::string>{"appreciation_of_beauty", "love", "teamwork", "curiosity",
                                          "fairness"}));
    EXPECT_EQ(ranking[5], "forgiveness");
    json offered =
        anna.get("/api/v1/clients/" + client + "/resources?status=proposed").json()["items"];
    std::set<std::string> codes;
    for (const auto& res : offered) {
        EXPECT_EQ(res["source"], "assessment");
        EXPECT_EQ(res["category"], "strength");
        codes.insert(res["strength_code"]);
    }
    EXPECT_EQ(codes, top);
    // A second profile does not offer the same strengths twice.
    ASSERT_EQ(submit(anna, client, "ipipvia", values).status, 201);
    EXPECT_EQ(
        anna.get("/api/v1/clients/" + client + "/resources?status=proposed").json()["items"].size(),
        5u);
}

TEST_F(MeasuresApi, bad_answers_are_refused_and_nothing_is_stored) {
    Client anna = signed_in(world->a, "therapist");
    std::string client = fresh_client(anna);
    const std::string path = "/api/v1/clients/" + client + "/responses";
    std::vector<json> bodies = {
        {{"instrument", "nope"}, {"answers", answers({1})}},
        {{"instrument", "phq9"}, {"answers", answers({0, 0, 0, 0, 0, 0, 0, 0, 4})}},
        {{"instrument", "phq9"}, {"answers", {{"10", 1}}}},
        {{"instrument", "phq9"}, {"answers", {{"1", "2"}}}},
        {{"instrument", "phq9"}, {"answers", json::array()}},
        {{"instrument", "phq9"}},
    };
    for (const auto& b : bodies) {
        auto r = anna.post(path, b);
        EXPECT_EQ(r.status, 400) << b.dump() << ": " << r.body;
        EXPECT_FALSE(r.json()["error"]["message"].get<std::string>().empty());
    }
    EXPECT_EQ(anna.get(path).json()["items"].size(), 0u);
    // Three missing items: stored, unscored, and why.
    auto partial = submit(anna, client, "phq9", {1, -1, -1, -1, 0, 0, 0, 0, 0});
    ASSERT_EQ(partial.status, 201);
    EXPECT_TRUE(partial.json()["scores"]["total"]["value"].is_null());
    EXPECT_EQ(partial.json()["missing"], 3);

    Client other = signed_in(world->b, "therapist");
    EXPECT_EQ(other.get("/api/v1/responses/" + world->a.response).status, 404);
    EXPECT_EQ(other.get("/api/v1/clients/" + client + "/measures/phq9").status, 404);
    Client mia = signed_in(world->a, "client");
    EXPECT_EQ(mia.get("/api/v1/clients/" + client + "/responses").status, 404);
}

TEST_F(MeasuresApi, results_are_readable_as_fhir_r4_resources) {
    Client anna = signed_in(world->a, "therapist");
    auto q = anna.get("/fhir/Questionnaire/gad7");
    ASSERT_EQ(q.status, 200);
    EXPECT_EQ(q.headers["content-type"], "application/fhir+json");
    EXPECT_EQ(q.json()["resourceType"], "Questionnaire");
    EXPECT_EQ(q.json()["url"], "https://trove.health/fhir/Questionnaire/gad7");

    auto qr = anna.get("/fhir/QuestionnaireResponse/" + world->a.response);
    ASSERT_EQ(qr.status, 200) << qr.body;
    json response = qr.json();
    EXPECT_EQ(response["resourceType"], "QuestionnaireResponse");
    EXPECT_EQ(response["status"], "completed");
    EXPECT_EQ(response["subject"]["reference"], "Patient/" + world->a.client);
    EXPECT_EQ(response["questionnaire"].get<std::string>().rfind(
                  "https://trove.health/fhir/Questionnaire/phq9|", 0),
              0u);
    ASSERT_EQ(response["item"].size(), 9u);
    // The seeded PHQ-9 answered item 4 with 2 ("More than half the days").
    EXPECT_EQ(response["item"][3]["answer"][0]["valueCoding"]["code"], "2");
    EXPECT_FALSE(response["item"][3]["answer"][0]["valueCoding"]["display"].is_null());

    auto bundle = anna.get("/fhir/Observation?subject=Patient/" + world->a.client);
    ASSERT_EQ(bundle.status, 200) << bundle.body;
    json b = bundle.json();
    EXPECT_EQ(b["resourceType"], "Bundle");
    EXPECT_EQ(b["type"], "searchset");
    bool phq9_total = false;
    for (const auto& e : b["entry"]) {
        const json& o = e["resource"];
        EXPECT_EQ(o["resourceType"], "Observation");
        EXPECT_EQ(o["subject"]["reference"], "Patient/" + world->a.client);
        const bool seeded =
            o["derivedFrom"][0]["reference"] == "QuestionnaireResponse/" + world->a.response;
        for (const auto& c : o["code"]["coding"]) {
            if (seeded && c["system"] == "http://loinc.org" && c["code"] == "44261-6") {
                phq9_total = true;
                // 1+1+0+2+0+1+0+0+1 = 6
                EXPECT_DOUBLE_EQ(o["valueQuantity"]["value"].get<double>(), 6.0);
            }
        }
    }
    EXPECT_TRUE(phq9_total) << b.dump();
    EXPECT_EQ(anna.get("/fhir/Observation").status, 400);
    Client other = signed_in(world->b, "therapist");
    EXPECT_EQ(other.get("/fhir/Observation?subject=Patient/" + world->a.client).status, 404);
    EXPECT_EQ(other.get("/fhir/QuestionnaireResponse/" + world->a.response).status, 404);
}

TEST_F(MeasuresApi, a_questionnaire_every_two_sessions_falls_due_after_two_attended_sessions) {
    Client anna = signed_in(world->a, "therapist");
    std::string client = fresh_client(anna);
    const std::string path = "/api/v1/clients/" + client + "/measure-assignments";
    auto both =
        anna.post(path, {{"instrument", "phq9"}, {"every_weeks", 2}, {"every_sessions", 2}});
    EXPECT_EQ(both.status, 400);
    EXPECT_EQ(both.json()["error"]["field"], "every_sessions");
    EXPECT_EQ(anna.post(path, {{"instrument", "phq9"}, {"every_sessions", 0}}).status, 400);
    EXPECT_EQ(anna.post(path, {{"instrument", "phq9"}, {"every_sessions", 21}}).status, 400);
    EXPECT_EQ(anna.get(path).json()["items"].size(), 0u) << "refused assignments wrote nothing";

    auto assigned = anna.post(path, {{"instrument", "phq9"}, {"every_sessions", 2}});
    ASSERT_EQ(assigned.status, 201) << assigned.body;
    EXPECT_EQ(assigned.json()["every_sessions"], 2);
    EXPECT_TRUE(assigned.json()["next_due_at"].is_string()) << "the first one is due at once";
    auto state = [&] { return anna.get(path).json()["items"][0]; };

    ASSERT_EQ(submit(anna, client, "phq9", {0, 1, 0, 1, 0, 1, 0, 1, 0}).status, 201);
    EXPECT_TRUE(state()["next_due_at"].is_null()) << "waits for sessions now: " << state();
    EXPECT_EQ(state()["sessions_since"], 0);

    auto session = [&](const std::string& day) {
        auto r = anna.post(
            "/api/v1/sessions",
            {{"client_id", client}, {"starts_at", day + "T09:00:00Z"}, {"duration_min", 50}});
        EXPECT_EQ(r.status, 201) << r.body;
        return "/api/v1/sessions/" + r.json()["id"].get<std::string>();
    };
    const std::string first = session("2026-12-01"), second = session("2026-12-08");
    // Scheduled and no-show sessions do not count.
    ASSERT_EQ(anna.patch(second, {{"status", "no_show"}}).status, 200);
    EXPECT_EQ(state()["sessions_since"], 0);
    ASSERT_EQ(anna.patch(first, {{"status", "attended"}}).status, 200);
    EXPECT_EQ(state()["sessions_since"], 1);
    EXPECT_TRUE(state()["next_due_at"].is_null());
    // Saving an attended session again does not count it twice.
    ASSERT_EQ(anna.patch(first, {{"status", "attended"}, {"duration_min", 45}}).status, 200);
    EXPECT_EQ(state()["sessions_since"], 1);
    // The no-show was a mistake: corrected to attended, it is the second session.
    ASSERT_EQ(anna.patch(second, {{"status", "attended"}}).status, 200);
    EXPECT_EQ(state()["sessions_since"], 2);
    ASSERT_TRUE(state()["next_due_at"].is_string()) << "due after two attended sessions";

    // The client's portal shows it due, and answering it starts the count again.
    ASSERT_EQ(submit(anna, client, "phq9", {1, 1, 0, 1, 0, 1, 0, 1, 0}).status, 201);
    EXPECT_TRUE(state()["next_due_at"].is_null());
    EXPECT_EQ(state()["sessions_since"], 0);
    // A correction away from attended takes one back (never below zero).
    ASSERT_EQ(anna.patch(first, {{"status", "cancelled"}}).status, 200);
    EXPECT_EQ(state()["sessions_since"], 0);
}

// Validated translations: served in the language asked for where one ships, scored the same.

namespace {

// The answer a person picks by reading the labels: the option whose display is `label`.
json pick(const json& questionnaire, const std::vector<std::string>& labels) {
    json a = json::object();
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const json& item = questionnaire["item"][i];
        for (const json& option : item["answerOption"]) {
            if (option["valueCoding"]["display"] == labels[i])
                a[item["linkId"].get<std::string>()] =
                    std::stoi(option["valueCoding"]["code"].get<std::string>());
        }
    }
    return a;
}

}  // namespace

TEST_F(MeasuresApi, a_phq9_read_and_answered_in_polish_scores_as_the_same_answers_in_english) {
    Client anna = signed_in(world->a, "therapist");
    Client mia = signed_in(world->a, "client");
    auto pl = mia.get("/api/v1/instruments/phq9?lang=pl");
    ASSERT_EQ(pl.status, 200) << pl.body;
    json polish = pl.json();
    EXPECT_EQ(polish["language"], "pl");
    EXPECT_EQ(polish["item"][0]["text"],
              "Niewielkie zainteresowanie lub odczuwanie przyjemności z wykonywania czynności");
    json english = mia.get("/api/v1/instruments/phq9").json();
    EXPECT_EQ(english["language"], "en");

    // The same answers, chosen by reading each language's labels.
    const std::vector<std::string> pl_labels = {
        "Kilka dni",          "Więcej niż połowę dni", "Niemal codziennie", "Wcale nie dokuczały",
        "Kilka dni",          "Więcej niż połowę dni", "Kilka dni",         "Wcale nie dokuczały",
        "Wcale nie dokuczały"};
    const std::vector<std::string> en_labels = {
        "Several days", "More than half the days", "Nearly every day", "Not at all",
        "Several days", "More than half the days", "Several days",     "Not at all",
        "Not at all"};
    json pl_answers = pick(polish, pl_labels);
    json en_answers = pick(english, en_labels);
    ASSERT_EQ(pl_answers.size(), 9u);
    EXPECT_EQ(pl_answers, en_answers);

    std::string client = fresh_client(anna);
    auto in_polish = anna.post("/api/v1/clients/" + client + "/responses",
                               {{"instrument", "phq9"}, {"answers", pl_answers}});
    auto in_english = anna.post("/api/v1/clients/" + client + "/responses",
                                {{"instrument", "phq9"}, {"answers", en_answers}});
    ASSERT_EQ(in_polish.status, 201) << in_polish.body;
    ASSERT_EQ(in_english.status, 201) << in_english.body;
    // 1+2+3+0+1+2+1+0+0 = 10
    EXPECT_DOUBLE_EQ(in_polish.json()["scores"]["total"]["value"].get<double>(), 10.0);
    EXPECT_EQ(in_polish.json()["scores"], in_english.json()["scores"]);
    EXPECT_EQ(in_polish.json()["scores"]["total"]["band"], "Moderate");

    // The one-time link serves the Polish form too, and its answers score the same.
    auto assigned = anna.post("/api/v1/clients/" + client + "/measure-assignments",
                              {{"instrument", "phq9"}, {"link", true}});
    ASSERT_EQ(assigned.status, 201) << assigned.body;
    std::string token = assigned.json()["link"]["token"];
    Client anonymous(server->port());
    auto opened = anonymous.get("/api/v1/questionnaire-links/" + token + "?lang=pl");
    ASSERT_EQ(opened.status, 200) << opened.body;
    EXPECT_EQ(opened.json()["questionnaire"]["language"], "pl");
    EXPECT_EQ(opened.json()["instrument"]["title"], "Kwestionariusz Zdrowia Pacjenta-9 (PHQ-9)");
    json link_answers = pick(opened.json()["questionnaire"], pl_labels);
    ASSERT_EQ(
        anonymous
            .post("/api/v1/questionnaire-links/" + token + "/response", {{"answers", link_answers}})
            .status,
        201);
    json list = anna.get("/api/v1/clients/" + client + "/responses").json()["items"];
    ASSERT_EQ(list.size(), 3u);
    for (const json& r : list)
        EXPECT_DOUBLE_EQ(r["scores"]["total"]["value"].get<double>(), 10.0);
}

TEST_F(MeasuresApi, the_who5_is_served_in_its_polish_version_and_in_english_for_german) {
    Client anna = signed_in(world->a, "therapist");
    auto pl = anna.get("/api/v1/instruments/who5?lang=pl");
    ASSERT_EQ(pl.status, 200) << pl.body;
    json polish = pl.json();
    EXPECT_EQ(polish["language"], "pl");
    EXPECT_EQ(polish["title"], "Wskaźnik Dobrego Samopoczucia (WHO-5)");
    // Item 1 as the Polish form prints it: the female and the male form, side by side.
    EXPECT_EQ(polish["item"][0]["text"], "Czułam się wesoła/Czułem się wesoły i w dobrym nastroju");
    // Answer value 5 ("All of the time") is "Cały czas" on every item, its code unchanged.
    ASSERT_EQ(polish["item"].size(), 5u);
    for (const json& item : polish["item"]) {
        bool found = false;
        for (const json& option : item["answerOption"]) {
            if (option["valueCoding"]["code"] == "5") {
                EXPECT_EQ(option["valueCoding"]["display"], "Cały czas") << item["linkId"];
                found = true;
            }
        }
        EXPECT_TRUE(found) << item["linkId"];
    }
    // Chosen by reading the labels, the Polish answers are the English ones.
    json english = anna.get("/api/v1/instruments/who5").json();
    EXPECT_EQ(english["language"], "en");
    json pl_answers = pick(polish, std::vector<std::string>(5, "Cały czas"));
    json en_answers = pick(english, std::vector<std::string>(5, "All of the time"));
    ASSERT_EQ(pl_answers.size(), 5u);
    EXPECT_EQ(pl_answers, en_answers);

    // No German version ships (two wordings circulate; the official one could not be read), so
    // German readers get the English original, marked as such.
    auto de = anna.get("/api/v1/instruments/who5?lang=de");
    ASSERT_EQ(de.status, 200) << de.body;
    EXPECT_EQ(de.json()["language"], "en");
    EXPECT_EQ(de.json()["item"][0]["text"], "I have felt cheerful and in good spirits");
}

TEST_F(MeasuresApi, without_a_validated_translation_the_english_original_comes_back) {
    Client anna = signed_in(world->a, "therapist");
    json swls = anna.get("/api/v1/instruments/swls?lang=pl").json();
    EXPECT_EQ(swls["language"], "en");
    EXPECT_EQ(swls["item"][0]["text"],
              anna.get("/api/v1/instruments/swls").json()["item"][0]["text"]);
    EXPECT_EQ(anna.get("/api/v1/instruments/gse?lang=pl").json()["language"], "en");
    EXPECT_EQ(anna.get("/api/v1/instruments/gse?lang=de").json()["language"], "de");
    EXPECT_EQ(anna.get("/api/v1/instruments/gad7?lang=fr").json()["language"], "en");
    EXPECT_EQ(anna.get("/api/v1/instruments/gad7?lang=DE").json()["language"], "de");
    EXPECT_EQ(anna.get("/fhir/Questionnaire/swls?lang=de").json()["language"], "en");
    for (const char* bad : {"p", "pl_PL", "12", "pl--PL", "deutsch"}) {
        auto r = anna.get(std::string("/api/v1/instruments/phq9?lang=") + bad);
        EXPECT_EQ(r.status, 400) << bad;
        EXPECT_EQ(r.json()["error"]["field"], "lang") << bad;
        EXPECT_EQ(anna.get(std::string("/fhir/Questionnaire/phq9?lang=") + bad).status, 400);
    }
    // The list says which languages each questionnaire ships in.
    json items = anna.get("/api/v1/instruments?lang=de").json()["items"];
    for (const json& i : items) {
        if (i["id"] == "phq9") {
            EXPECT_EQ(i["languages"], json::array({"en", "de", "pl"}));
            EXPECT_EQ(i["language"], "de");
            EXPECT_EQ(i["title"], "Gesundheitsfragebogen für Patienten (PHQ-9)");
        }
        if (i["id"] == "swls") {
            EXPECT_EQ(i["languages"], json::array({"en"}));
            EXPECT_EQ(i["language"], "en");
        }
    }
}

TEST_F(MeasuresApi, the_fhir_questionnaire_carries_every_shipped_translation_on_its_texts) {
    Client anna = signed_in(world->a, "therapist");
    auto r = anna.get("/fhir/Questionnaire/gad7?lang=pl");
    ASSERT_EQ(r.status, 200) << r.body;
    json q = r.json();
    EXPECT_EQ(q["language"], "pl");
    EXPECT_EQ(q["item"][0]["text"],
              "Czuł(a) się Pan(i) podenerwowany(a), niespokojny(a), mocno spięty(a)");
    std::map<std::string, std::string> seen;
    for (const json& e : q["item"][0]["_text"]["extension"]) {
        EXPECT_EQ(e["url"], "http://hl7.org/fhir/StructureDefinition/translation");
        ASSERT_EQ(e["extension"].size(), 2u);
        EXPECT_EQ(e["extension"][0]["url"], "lang");
        EXPECT_EQ(e["extension"][1]["url"], "content");
        seen[e["extension"][0]["valueCode"]] = e["extension"][1]["valueString"];
    }
    EXPECT_EQ(seen["en"], "Feeling nervous, anxious or on edge");
    EXPECT_EQ(seen["de"], "Nervosität, Ängstlichkeit oder Anspannung");
    EXPECT_EQ(seen["pl"], q["item"][0]["text"]);
    json display = q["item"][6]["answerOption"][3]["valueCoding"]["_display"]["extension"];
    EXPECT_EQ(display.size(), 3u);
    EXPECT_TRUE(q.contains("_title"));
    EXPECT_TRUE(q.contains("_description"));
    EXPECT_FALSE(q.contains("trove"));
}
