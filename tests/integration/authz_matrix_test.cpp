// The authorization matrix: every route of the router's own table x every role x own and other
// practice. A route added without an entry here fails the suite, so no endpoint ships unreviewed.

#include <gtest/gtest.h>

#include <map>
#include <optional>

#include "test_server.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

namespace {

enum Who { anonymous, admin, therapist, supervisor, client, kWhoCount };
const char* kWhoNames[] = {"anonymous", "admin", "therapist", "supervisor", "client"};

// Expected status per caller. `other` applies when the path's record belongs to the other practice.
struct Expectation {
    using Row = std::array<int, kWhoCount>;
    Row own;
    std::optional<std::array<int, kWhoCount>> other;
};

// Statuses:  anonymous admin therapist supervisor client
constexpr Expectation::Row kRead = {401, 403, 200, 200, 200};
constexpr Expectation::Row kWriteByTeam = {401, 403, 200, 403, 403};
constexpr Expectation::Row kCreateByTeam = {401, 403, 201, 403, 403};
constexpr Expectation::Row kCreateOrPropose = {401, 403, 201, 403, 201};
// Another practice's record: nobody learns it exists.
const std::array<int, kWhoCount> kNone = {401, 404, 404, 404, 404};

const std::map<std::string, Expectation>& expectations() {
    static const std::map<std::string, Expectation> table = {
        {"GET /healthz", {{200, 200, 200, 200, 200}, {}}},
        {"GET /readyz", {{200, 200, 200, 200, 200}, {}}},
        {"GET /api/v1/openapi.json", {{200, 200, 200, 200, 200}, {}}},
        // Login with a wrong password: the route is public, the answer the same for all.
        {"POST /api/v1/auth/login", {{401, 401, 401, 401, 401}, {}}},
        {"POST /api/v1/auth/logout", {{401, 204, 204, 204, 204}, {}}},
        // An invalid invite token: public route, same answer for all.
        {"POST /api/v1/auth/accept-invite", {{400, 400, 400, 400, 400}, {}}},
        {"GET /api/v1/me", {{401, 200, 200, 200, 200}, {}}},
        // Everyone chooses their own language.
        {"PATCH /api/v1/me", {{401, 200, 200, 200, 200}, {}}},
        // API tokens are for therapists' and supervisors' scripts.
        {"GET /api/v1/tokens", {{401, 403, 200, 200, 403}, {}}},
        {"POST /api/v1/tokens", {{401, 403, 201, 201, 403}, {}}},
        // Someone else's token id: not found for those who may have tokens.
        {"DELETE /api/v1/tokens/{id}", {{401, 403, 404, 404, 403}, {}}},
        // One's own account, for every role. A wrong current password is 401 for everyone.
        {"POST /api/v1/me/password", {{401, 401, 401, 401, 401}, {}}},
        {"DELETE /api/v1/me/sessions", {{401, 204, 204, 204, 204}, {}}},
        {"POST /api/v1/me/totp", {{401, 200, 200, 200, 200}, {}}},
        // A code that cannot be right for the secret just begun.
        {"POST /api/v1/me/totp/confirm", {{401, 400, 400, 400, 400}, {}}},
        // Nobody has an authenticator switched on.
        {"DELETE /api/v1/me/totp", {{401, 404, 404, 404, 404}, {}}},
        // Passkeys, for every role; an empty attestation is 400, someone else's id 404.
        {"POST /api/v1/me/passkeys/options", {{401, 200, 200, 200, 200}, {}}},
        {"POST /api/v1/me/passkeys", {{401, 400, 400, 400, 400}, {}}},
        {"GET /api/v1/me/passkeys", {{401, 200, 200, 200, 200}, {}}},
        {"DELETE /api/v1/me/passkeys/{id}", {{401, 404, 404, 404, 404}, {}}},
        // Signing in with a passkey is public; an empty assertion is 400 for everyone.
        {"POST /api/v1/auth/passkey/options", {{200, 200, 200, 200, 200}, {}}},
        {"POST /api/v1/auth/passkey", {{400, 400, 400, 400, 400}, {}}},
        {"GET /api/v1/clients", {{401, 403, 200, 200, 403}, {}}},
        {"POST /api/v1/clients", {{401, 403, 201, 403, 403}, {}}},
        {"GET /api/v1/clients/{id}",
         {{401, 403, 200, 200, 200}, std::array<int, kWhoCount>{401, 404, 404, 404, 404}}},
        {"PATCH /api/v1/clients/{id}",
         {{401, 403, 200, 403, 403}, std::array<int, kWhoCount>{401, 404, 404, 404, 404}}},
        // The client already has a portal login: the care-team therapist is allowed and gets 409.
        {"POST /api/v1/clients/{id}/invite",
         {{401, 403, 409, 403, 403}, std::array<int, kWhoCount>{401, 404, 404, 404, 404}}},
        {"GET /api/v1/users", {{401, 200, 403, 403, 403}, {}}},
        {"POST /api/v1/users", {{401, 201, 403, 403, 403}, {}}},
        {"PATCH /api/v1/users/{id}",
         {{401, 200, 403, 403, 403}, std::array<int, kWhoCount>{401, 404, 403, 403, 403}}},
        {"GET /api/v1/audit", {{401, 200, 403, 403, 403}, {}}},
        // The resource map. Readers: the care team, its supervisors, the client. Writers: the care
        // team; the client also rates, proposes resources and edits their coping card.
        {"GET /api/v1/strengths", {{401, 200, 200, 200, 200}, {}}},
        {"GET /api/v1/resource-interview", {{401, 200, 200, 200, 200}, {}}},
        {"GET /api/v1/clients/{id}/resources", {kRead, kNone}},
        {"POST /api/v1/clients/{id}/resources", {kCreateOrPropose, kNone}},
        {"GET /api/v1/clients/{id}/resource-map", {kRead, kNone}},
        {"GET /api/v1/clients/{id}/coping-card", {kRead, kNone}},
        {"PUT /api/v1/clients/{id}/coping-card", {{401, 403, 200, 403, 200}, kNone}},
        {"GET /api/v1/clients/{id}/goals", {kRead, kNone}},
        {"POST /api/v1/clients/{id}/goals", {kCreateByTeam, kNone}},
        {"GET /api/v1/clients/{id}/problems", {kRead, kNone}},
        {"POST /api/v1/clients/{id}/problems", {kCreateByTeam, kNone}},
        {"GET /api/v1/clients/{id}/balance", {kRead, kNone}},
        {"GET /api/v1/resources/{id}", {kRead, kNone}},
        {"PATCH /api/v1/resources/{id}", {kWriteByTeam, kNone}},
        {"DELETE /api/v1/resources/{id}", {kWriteByTeam, kNone}},
        {"GET /api/v1/resources/{id}/ratings", {kRead, kNone}},
        {"POST /api/v1/resources/{id}/ratings", {kCreateOrPropose, kNone}},
        {"GET /api/v1/goals/{id}", {kRead, kNone}},
        {"PATCH /api/v1/goals/{id}", {kWriteByTeam, kNone}},
        {"GET /api/v1/goals/{id}/ratings", {kRead, kNone}},
        {"POST /api/v1/goals/{id}/ratings", {kCreateOrPropose, kNone}},
        {"GET /api/v1/problems/{id}", {kRead, kNone}},
        {"PATCH /api/v1/problems/{id}", {kWriteByTeam, kNone}},
        {"GET /api/v1/problems/{id}/ratings", {kRead, kNone}},
        {"POST /api/v1/problems/{id}/ratings", {kCreateOrPropose, kNone}},
        // Cases: the client is a member of the seeded couple's case.
        {"GET /api/v1/cases", {{401, 403, 200, 200, 200}, {}}},
        {"POST /api/v1/cases", {{401, 403, 201, 403, 403}, {}}},
        {"GET /api/v1/cases/{id}", {kRead, kNone}},
        {"PATCH /api/v1/cases/{id}", {kWriteByTeam, kNone}},
        {"GET /api/v1/cases/{id}/resources", {kRead, kNone}},
        {"POST /api/v1/cases/{id}/resources", {kCreateOrPropose, kNone}},
        {"GET /api/v1/cases/{id}/resource-map", {kRead, kNone}},
        // Questionnaires. Instruments are reference data; enabling one is the admin's.
        {"GET /api/v1/instruments", {{401, 200, 200, 200, 200}, {}}},
        {"GET /api/v1/instruments/{id}", {{401, 200, 200, 200, 200}, {}}},
        {"PATCH /api/v1/instruments/{id}", {{401, 200, 403, 403, 403}, {}}},
        {"GET /api/v1/clients/{id}/responses", {kRead, kNone}},
        {"POST /api/v1/clients/{id}/responses", {kCreateOrPropose, kNone}},
        {"GET /api/v1/responses/{id}", {kRead, kNone}},
        // Alerts are acknowledged by the care team and its supervisors, never by the client.
        {"POST /api/v1/responses/{id}/alerts/ack", {{401, 403, 200, 200, 403}, kNone}},
        {"GET /api/v1/clients/{id}/measures/{instrument}", {kRead, kNone}},
        {"GET /api/v1/alerts", {{401, 403, 200, 200, 403}, {}}},
        // The therapist acknowledges first; the supervisor may too, and finds it reviewed.
        {"POST /api/v1/alerts/{id}/ack", {{401, 403, 200, 409, 403}, kNone}},
        // A number only; the admin's is the whole practice's.
        {"GET /api/v1/alerts/escalations", {{401, 200, 200, 200, 403}, {}}},
        // Safety: everyone signed in reads the crisis resources and settings; the admin keeps them.
        {"GET /api/v1/crisis", {{401, 200, 200, 200, 200}, {}}},
        {"PUT /api/v1/crisis", {{401, 200, 403, 403, 403}, {}}},
        {"GET /api/v1/practice-settings", {{401, 200, 200, 200, 200}, {}}},
        {"PATCH /api/v1/practice-settings", {{401, 200, 403, 403, 403}, {}}},
        // The safety plan is the client's and the care team's to write, like the coping card.
        {"GET /api/v1/clients/{id}/safety-plan", {kRead, kNone}},
        {"PUT /api/v1/clients/{id}/safety-plan", {{401, 403, 200, 403, 200}, kNone}},
        {"GET /api/v1/clients/{id}/measure-assignments", {kRead, kNone}},
        {"POST /api/v1/clients/{id}/measure-assignments", {kCreateByTeam, kNone}},
        // A link nobody made: the same 404 for everyone, signed in or not.
        {"GET /api/v1/questionnaire-links/{token}", {{404, 404, 404, 404, 404}, {}}},
        {"POST /api/v1/questionnaire-links/{token}/response", {{404, 404, 404, 404, 404}, {}}},
        {"GET /fhir/Questionnaire/{id}", {{401, 200, 200, 200, 200}, {}}},
        {"GET /fhir/QuestionnaireResponse/{id}", {kRead, kNone}},
        // The subject is the own practice's client: readers only.
        {"GET /fhir/Observation", {kRead, {}}},
        // Between sessions. The exercise library is reference data; the journal is the client's
        // alone to write, the care team reads what is shared.
        {"GET /api/v1/exercises", {{401, 200, 200, 200, 200}, {}}},
        {"POST /api/v1/exercises", {{401, 403, 201, 403, 403}, {}}},
        {"GET /api/v1/exercises/{id}", {{401, 200, 200, 200, 200}, {}}},
        {"GET /api/v1/clients/{id}/assignments", {kRead, kNone}},
        {"POST /api/v1/clients/{id}/assignments", {kCreateByTeam, kNone}},
        {"POST /api/v1/cases/{id}/assignments", {kCreateByTeam, kNone}},
        {"PATCH /api/v1/assignments/{id}", {kWriteByTeam, kNone}},
        {"GET /api/v1/clients/{id}/journal", {kRead, kNone}},
        {"POST /api/v1/clients/{id}/journal", {{401, 403, 403, 403, 201}, kNone}},
        {"GET /api/v1/journal/{id}", {kRead, kNone}},
        {"PATCH /api/v1/journal/{id}", {{401, 403, 403, 403, 200}, kNone}},
        {"DELETE /api/v1/journal/{id}", {{401, 403, 403, 403, 204}, kNone}},
        {"POST /api/v1/journal/{id}/evidence", {{401, 403, 403, 403, 200}, kNone}},
        {"GET /api/v1/clients/{id}/adherence", {kRead, kNone}},
        {"GET /api/v1/clients/{id}/milestones", {kRead, kNone}},
        {"PATCH /api/v1/clients/{id}/milestones", {{401, 403, 403, 403, 200}, kNone}},
        {"GET /api/v1/clients/{id}/calendar-feed", {{401, 403, 200, 403, 200}, kNone}},
        {"POST /api/v1/clients/{id}/calendar-feed", {{401, 403, 201, 403, 201}, kNone}},
        {"DELETE /api/v1/clients/{id}/calendar-feed", {{401, 403, 204, 403, 204}, kNone}},
        // A secret nobody was given: the same 404 for everyone.
        {"GET /calendar/{file}", {{404, 404, 404, 404, 404}, {}}},
        {"GET /api/v1/journal-settings", {{401, 200, 200, 200, 200}, {}}},
        {"PATCH /api/v1/journal-settings", {{401, 200, 403, 403, 403}, {}}},
        // Sessions: readers see them (the client: their own, times only); the care team schedules.
        // Notes are the clinicians': a client gets 404 as if none existed; a supervisor reads and
        // co-signs (the matrix's therapist signs first) but never writes.
        {"GET /api/v1/sessions", {{401, 403, 200, 200, 200}, {}}},
        {"POST /api/v1/sessions", {{401, 403, 201, 403, 403}, {}}},
        {"GET /api/v1/sessions/{id}", {kRead, kNone}},
        {"PATCH /api/v1/sessions/{id}", {kWriteByTeam, kNone}},
        {"GET /api/v1/sessions/{id}/notes", {{401, 403, 200, 200, 404}, kNone}},
        {"POST /api/v1/sessions/{id}/notes", {{401, 403, 201, 403, 404}, kNone}},
        {"GET /api/v1/notes/{id}", {{401, 403, 200, 200, 404}, kNone}},
        {"PATCH /api/v1/notes/{id}", {{401, 403, 200, 403, 404}, kNone}},
        {"POST /api/v1/notes/{id}/sign", {{401, 403, 200, 200, 404}, kNone}},
        {"POST /api/v1/notes/{id}/addenda", {{401, 403, 201, 403, 404}, kNone}},
        {"GET /api/v1/clients/{id}/timeline", {kRead, kNone}},
    };
    return table;
}

}  // namespace

class AuthorizationMatrix : public ::testing::Test {
protected:
    void SetUp() override {
        server = std::make_unique<TestServer>();
        world = seed_world(server->app());
    }

    Client signed_in(Who who) {
        Client c(server->port());
        if (who == anonymous)
            return c;
        const char* names[] = {"", "admin", "therapist", "supervisor", "client"};
        auto r = c.login(world.a.email(names[who]), kPassword);
        EXPECT_EQ(r.status, 200) << r.body;
        return c;
    }

    // The record a `{id}` in the pattern stands for.
    std::string subject(const std::string& pattern, bool own) {
        const World::Practice& p = own ? world.a : world.b;
        if (pattern.find("/sessions/{id}") != std::string::npos)
            return p.session;
        if (pattern.find("/notes/{id}/sign") != std::string::npos)
            return p.note_to_sign;
        if (pattern.find("/notes/{id}/addenda") != std::string::npos)
            return p.signed_note;
        if (pattern.find("/notes/{id}") != std::string::npos)
            return p.note;
        // Archiving has its own resource, so that rating the shared one still works.
        if (pattern == "DELETE /api/v1/resources/{id}")
            return p.spare_resource;
        if (pattern == "DELETE /api/v1/journal/{id}")
            return p.spare_entry;
        if (pattern.find("/journal/{id}") != std::string::npos)
            return p.entry;
        if (pattern.find("/assignments/{id}") != std::string::npos)
            return p.assignment;
        if (pattern.find("/exercises/{id}") != std::string::npos)
            return "three-good-things";
        if (pattern.find("/resources/{id}") != std::string::npos)
            return p.resource;
        if (pattern.find("/goals/{id}") != std::string::npos)
            return p.goal;
        if (pattern.find("/problems/{id}") != std::string::npos)
            return p.problem;
        if (pattern.find("/cases/{id}") != std::string::npos)
            return p.case_id;
        // Its own alert: the response's are acknowledged by the route above.
        if (pattern.find("/alerts/{id}") != std::string::npos)
            return p.low_mood_alert;
        if (pattern.find("/responses/{id}") != std::string::npos ||
            pattern.find("/QuestionnaireResponse/{id}") != std::string::npos)
            return p.response;
        if (pattern.find("/instruments/{id}") != std::string::npos ||
            pattern.find("/Questionnaire/{id}") != std::string::npos)
            return "phq9";
        if (pattern.find("/clients/{id}") != std::string::npos)
            return p.client;
        if (pattern.find("/users/{id}") != std::string::npos)
            return p.therapist2;
        return "01ZZZZZZZZZZZZZZZZZZZZZZZZ";  // a well-formed id nobody owns
    }

    std::string body_for(const std::string& key) {
        static int counter = 0;
        ++counter;
        if (key == "POST /api/v1/auth/login")
            return json{{"email", world.a.email("therapist")}, {"password", "wrong password here"}}
                .dump();
        if (key == "POST /api/v1/auth/accept-invite")
            return json{{"token", "not-a-real-token"}, {"password", "long enough passphrase"}}
                .dump();
        if (key == "POST /api/v1/tokens")
            return json{{"name", "matrix"}}.dump();
        if (key == "POST /api/v1/me/passkeys" || key == "POST /api/v1/auth/passkey")
            return json{{"type", "public-key"}}.dump();
        if (key == "POST /api/v1/me/password")
            return json{{"current", "not the password"}, {"new", "a new long passphrase"}}.dump();
        if (key == "POST /api/v1/me/totp/confirm" || key == "DELETE /api/v1/me/totp")
            return json{{"code", "abcdef"}}.dump();
        if (key == "POST /api/v1/clients")
            return json{{"display_name", "Matrix client"}}.dump();
        if (key == "PATCH /api/v1/clients/{id}")
            return json{{"status", "active"}}.dump();
        if (key == "POST /api/v1/clients/{id}/invite")
            return json{{"email", "invite" + std::to_string(counter) + "@x.test"}}.dump();
        if (key == "POST /api/v1/users") {
            return json{{"email", "matrix" + std::to_string(counter) + "@x.test"},
                        {"name", "M"},
                        {"role", "therapist"},
                        {"password", "matrix passphrase ok"}}
                .dump();
        }
        if (key == "PATCH /api/v1/users/{id}")
            return json{{"name", "therapist2"}}.dump();
        if (key == "POST /api/v1/clients/{id}/resources" ||
            key == "POST /api/v1/cases/{id}/resources")
            return json{{"title", "Matrix resource"}, {"category", "skill"}}.dump();
        if (key == "PATCH /api/v1/resources/{id}")
            return json{{"evidence", "Helped in the matrix"}}.dump();
        if (key == "POST /api/v1/resources/{id}/ratings")
            return json{{"availability", 6}, {"activation", 4}}.dump();
        if (key == "PUT /api/v1/clients/{id}/coping-card")
            return json{{"calming_steps", {"Breathe out slowly"}}}.dump();
        if (key == "PUT /api/v1/clients/{id}/safety-plan")
            return json{{"warning_signs", {"Not answering messages"}},
                        {"people_to_ask", {{{"name", "Lena"}, {"phone", "0151 1"}}}}}
                .dump();
        if (key == "POST /api/v1/responses/{id}/alerts/ack" ||
            key == "POST /api/v1/alerts/{id}/ack")
            return json{{"action", "contacted_client"}}.dump();
        if (key == "PUT /api/v1/crisis")
            return json{{"text", "Call 112 in danger."},
                        {"contacts", {{{"label", "Emergency"}, {"phone", "112"}}}}}
                .dump();
        if (key == "PATCH /api/v1/practice-settings")
            return json{{"alert_escalation_hours", 12}, {"default_locale", "en"}}.dump();
        if (key == "PATCH /api/v1/me")
            return json{{"locale", "en"}}.dump();
        if (key == "POST /api/v1/clients/{id}/goals" || key == "POST /api/v1/clients/{id}/problems")
            return json{{"title", "Matrix " + std::to_string(counter)}}.dump();
        if (key == "PATCH /api/v1/goals/{id}" || key == "PATCH /api/v1/problems/{id}")
            return json{{"description", "Changed in the matrix"}}.dump();
        if (key == "POST /api/v1/goals/{id}/ratings" || key == "POST /api/v1/problems/{id}/ratings")
            return json{{"value", 5}}.dump();
        if (key == "POST /api/v1/cases")
            return json{{"kind", "couple"},
                        {"name", "Matrix couple"},
                        {"member_ids", {world.a.client, world.a.client3}}}
                .dump();
        if (key == "PATCH /api/v1/instruments/{id}")
            return json{{"enabled", true}, {"licence_acknowledged", true}}.dump();
        if (key == "POST /api/v1/clients/{id}/responses") {
            return json{
                {"instrument", "gad7"},
                {"answers", {{"1", 1}, {"2", 0}, {"3", 2}, {"4", 1}, {"5", 0}, {"6", 1}, {"7", 0}}}}
                .dump();
        }
        if (key == "POST /api/v1/clients/{id}/measure-assignments")
            return json{{"instrument", "phq9"}, {"every_weeks", 2}}.dump();
        if (key == "POST /api/v1/questionnaire-links/{token}/response")
            return json{{"answers", json::object()}}.dump();
        if (key == "PATCH /api/v1/cases/{id}")
            return json{{"name", "Renamed in the matrix"}}.dump();
        if (key == "POST /api/v1/exercises") {
            return json{{"title", "Matrix exercise"},
                        {"instructions", {"Notice one thing that went well."}},
                        {"duration_minutes", 5},
                        {"journal_kind", "success"},
                        {"evidence", {{{"citation", "Our own practice experience."}}}}}
                .dump();
        }
        if (key == "POST /api/v1/clients/{id}/assignments" ||
            key == "POST /api/v1/cases/{id}/assignments")
            return json{{"exercise_id", "gratitude-journal"},
                        {"schedule", {{"frequency", "daily"}}}}
                .dump();
        if (key == "PATCH /api/v1/assignments/{id}")
            return json{{"note", "Changed in the matrix"}}.dump();
        if (key == "POST /api/v1/clients/{id}/journal")
            return json{{"kind", "gratitude"}, {"text", "Matrix " + std::to_string(counter)}}
                .dump();
        if (key == "PATCH /api/v1/journal/{id}")
            return json{{"mood", 6}}.dump();
        if (key == "POST /api/v1/journal/{id}/evidence")
            return json{{"resource_id", world.a.resource}}.dump();
        if (key == "PATCH /api/v1/clients/{id}/milestones")
            return json{{"enabled", true}}.dump();
        if (key == "PATCH /api/v1/journal-settings")
            return json{{"shared_by_default", false}}.dump();
        if (key == "POST /api/v1/sessions") {
            return json{{"client_id", world.a.client},
                        {"starts_at", "2026-12-02T10:00:00+01:00"},
                        {"duration_min", 50}}
                .dump();
        }
        if (key == "PATCH /api/v1/sessions/{id}")
            return json{{"duration_min", 45}}.dump();
        if (key == "POST /api/v1/sessions/{id}/notes")
            return json{{"template", "soap"}, {"fields", {{"subjective", "Matrix"}}}}.dump();
        if (key == "PATCH /api/v1/notes/{id}")
            return json{{"fields", {{"coping", "Changed in the matrix"}}}}.dump();
        if (key == "POST /api/v1/notes/{id}/addenda")
            return json{{"text", "Matrix addendum " + std::to_string(counter)}}.dump();
        return "";
    }

    std::unique_ptr<TestServer> server;
    World world;
};

TEST_F(AuthorizationMatrix, every_route_answers_every_role_as_the_policy_says) {
    std::vector<Client> callers;
    for (int w = 0; w < kWhoCount; ++w)
        callers.push_back(signed_in(static_cast<Who>(w)));

    for (const auto& route : server->app().api().router().routes()) {
        std::string key = route.method + " " + route.pattern;
        auto it = expectations().find(key);
        ASSERT_NE(it, expectations().end()) << key << " has no row in the authorization matrix";
        const Expectation& expect = it->second;
        for (bool own : {true, false}) {
            if (!own && !expect.other)
                continue;
            std::string path = route.pattern;
            if (auto pos = path.find("{id}"); pos != std::string::npos)
                path.replace(pos, 4, subject(route.method + " " + route.pattern, own));
            if (auto pos = path.find("{instrument}"); pos != std::string::npos)
                path.replace(pos, 12, "phq9");
            if (auto pos = path.find("{token}"); pos != std::string::npos)
                path.replace(pos, 7, "not-a-link-anybody-made");
            if (key == "GET /fhir/Observation")
                path += "?subject=Patient/" + world.a.client;
            for (int w = 0; w < kWhoCount; ++w) {
                int want = own ? expect.own[static_cast<size_t>(w)]
                               : (*expect.other)[static_cast<size_t>(w)];
                // Logging out ends the session, so it uses a session of its own.
                Client caller =
                    key == "POST /api/v1/auth/logout" ? signed_in(static_cast<Who>(w)) : callers[w];
                auto r = caller.request(route.method, path, body_for(key));
                EXPECT_EQ(r.status, want)
                    << key << " as " << kWhoNames[w]
                    << (own ? " (own practice)" : " (other practice)") << ": " << r.body;
                if (r.status >= 400) {
                    EXPECT_FALSE(r.error_code().empty()) << key << ": error body must carry a code";
                }
            }
        }
    }
}

TEST_F(AuthorizationMatrix, the_matrix_has_no_rows_for_routes_that_do_not_exist) {
    for (const auto& [key, expectation] : expectations()) {
        bool found = false;
        for (const auto& route : server->app().api().router().routes())
            found |= route.method + " " + route.pattern == key;
        EXPECT_TRUE(found) << key << " is in the matrix but not in the router";
    }
}
