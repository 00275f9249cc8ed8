// Between sessions over HTTP: the journal's privacy rule, idempotent writes, validation,
// assignments and adherence, the calendar feed, milestones, journal text as resource evidence,
// personal mode and the audit trail.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <set>
#include <thread>

#include "app/personal.hpp"
#include "domain/journal/schedule.hpp"
#include "shared_world.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

class JournalApi : public SharedWorldSuite {
protected:
    //! A client record of its own with a portal login, so each test starts with an empty journal.
    using Person = PortalClient;

    static void SetUpTestSuite() {
        SharedWorldSuite::SetUpTestSuite();
        personal = new app::PersonalLogin(
            must(app::ensure_personal(server->app(), kPersonalEmail, kPassword), "personal"));
    }
    static void TearDownTestSuite() {
        delete personal;
        SharedWorldSuite::TearDownTestSuite();
    }
    static Person new_person(const World::Practice& p, const std::string& therapist_id) {
        return new_portal_client(server->app(), p, therapist_id, "Journal");
    }
    static std::string journal_of(const std::string& client_id) {
        return "/api/v1/clients/" + client_id + "/journal";
    }
    //! The practice's today as the server sees it (UTC unless the practice chose a zone).
    static journal::Date today(const Client& c, const std::string& client_id) {
        auto r = c.get("/api/v1/clients/" + client_id + "/adherence");
        EXPECT_EQ(r.status, 200) << r.body;
        auto d = journal::parse_date(r.json().value("today", ""));
        EXPECT_TRUE(d.has_value()) << r.body;
        return d.value_or(journal::Date{});
    }
    static std::string day(journal::Date today, int offset) {
        return journal::format_date(today + std::chrono::days(offset));
    }
    static std::string write(const Client& c, const std::string& client_id, const json& body) {
        auto r = c.post(journal_of(client_id), body);
        EXPECT_EQ(r.status, 201) << body.dump() << ": " << r.body;
        return r.json().value("id", "");
    }
    static std::string assign(const Client& c, const std::string& client_id, const json& body) {
        auto r = c.post("/api/v1/clients/" + client_id + "/assignments", body);
        EXPECT_EQ(r.status, 201) << body.dump() << ": " << r.body;
        return r.json().value("id", "");
    }
    static std::string add_resource(const Client& c, const std::string& client_id, json body) {
        auto r = c.post("/api/v1/clients/" + client_id + "/resources", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().value("id", "");
    }
    static const json* find_by(const json& items, const std::string& key,
                               const std::string& value) {
        for (const auto& x : items)
            if (x.value(key, "") == value)
                return &x;
        return nullptr;
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

    static constexpr const char* kPersonalEmail = "me@personal.test";
    static app::PersonalLogin* personal;
};
app::PersonalLogin* JournalApi::personal = nullptr;

TEST_F(JournalApi, a_private_entry_exists_only_for_its_client) {
    Person p = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(p.email);
    Client anna = signed_in(world->a, "therapist");
    Client clara = signed_in(world->a, "supervisor");
    Client ben = signed_in(world->a, "therapist2");
    Client other_practice = signed_in(world->b, "therapist");
    Client admin = signed_in(world->a, "admin");
    const journal::Date now = today(me, p.client_id);
    const std::string yesterday = day(now, -1), today_text = day(now, 0);
    const std::string path = journal_of(p.client_id);
    const std::string secret = "Nobody else may read this: the zebrafinch dream";

    std::string private_id = write(me, p.client_id,
                                   {{"kind", "free"},
                                    {"text", secret},
                                    {"mood", 2},
                                    {"shared", false},
                                    {"entry_date", yesterday}});
    std::string shared_id = write(me, p.client_id,
                                  {{"kind", "success"},
                                   {"text", "Walked to the lake and back"},
                                   {"mood", 8},
                                   {"shared", true}});
    ASSERT_FALSE(private_id.empty());
    ASSERT_FALSE(shared_id.empty());

    // The client sees both and finds the private one by a word in it.
    EXPECT_EQ(me.get(path).json()["items"].size(), 2u);
    EXPECT_EQ(me.get(path + "?q=ZEBRAFINCH").json()["items"].size(), 1u);
    EXPECT_EQ(me.get("/api/v1/journal/" + private_id).json()["text"], secret);

    std::vector<HttpResult> team;  // every body the care team receives
    auto list = team.emplace_back(anna.get(path));
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(list.json()["items"].size(), 1u) << list.body;
    EXPECT_EQ(list.json()["items"][0]["id"], shared_id);
    EXPECT_FALSE(list.json().contains("private_entry_dates")) << "the practice has not allowed it";
    auto search = team.emplace_back(anna.get(path + "?q=zebrafinch"));
    ASSERT_EQ(search.status, 200);
    EXPECT_EQ(search.json()["items"].size(), 0u) << search.body;
    EXPECT_EQ(team.emplace_back(anna.get("/api/v1/journal/" + private_id)).status, 404);
    EXPECT_EQ(team.emplace_back(anna.get("/api/v1/journal/" + shared_id)).status, 200);

    auto adherence = team.emplace_back(anna.get("/api/v1/clients/" + p.client_id + "/adherence"));
    ASSERT_EQ(adherence.status, 200);
    EXPECT_EQ(adherence.json()["journal"]["entries"], 1);
    EXPECT_EQ(adherence.json()["journal"]["current_streak"], 1);
    ASSERT_EQ(adherence.json()["mood"].size(), 1u) << adherence.body;
    EXPECT_EQ(adherence.json()["mood"][0]["date"], today_text);
    EXPECT_DOUBLE_EQ(adherence.json()["mood"][0]["mood"].get<double>(), 8.0);
    json own = me.get("/api/v1/clients/" + p.client_id + "/adherence").json();
    EXPECT_EQ(own["journal"]["entries"], 2);
    EXPECT_EQ(own["journal"]["current_streak"], 2);
    EXPECT_EQ(own["mood"].size(), 2u);

    auto milestones = team.emplace_back(anna.get("/api/v1/clients/" + p.client_id + "/milestones"));
    ASSERT_EQ(milestones.status, 200);
    const json team_milestones = milestones.json();
    const json* first = find_by(team_milestones["items"], "id", "first_entry");
    ASSERT_NE(first, nullptr) << milestones.body;
    EXPECT_EQ((*first)["achieved_on"], today_text) << "counted from the shared entry only";
    json own_milestones = me.get("/api/v1/clients/" + p.client_id + "/milestones").json();
    const json* own_first = find_by(own_milestones["items"], "id", "first_entry");
    ASSERT_NE(own_first, nullptr);
    EXPECT_EQ((*own_first)["achieved_on"], yesterday);

    // The practice lets the team see the dates of private entries: dates, nothing more.
    EXPECT_EQ(anna.patch("/api/v1/journal-settings", {{"show_private_dates", true}}).status, 403);
    auto allowed = admin.patch("/api/v1/journal-settings", {{"show_private_dates", true}});
    ASSERT_EQ(allowed.status, 200) << allowed.body;
    EXPECT_EQ(allowed.json()["show_private_dates"], true);
    for (Client* reader : {&anna, &clara}) {
        auto r = team.emplace_back(reader->get(path));
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.json()["items"].size(), 1u);
        EXPECT_EQ(r.json()["private_entry_dates"], json::array({yesterday})) << r.body;
        EXPECT_FALSE(contains(r.body, private_id)) << r.body;
        auto found = team.emplace_back(reader->get(path + "?q=zebrafinch"));
        EXPECT_EQ(found.json()["items"].size(), 0u) << found.body;
    }
    EXPECT_FALSE(me.get(path).json().contains("private_entry_dates"));
    auto with_dates = team.emplace_back(anna.get("/api/v1/clients/" + p.client_id + "/adherence"));
    EXPECT_EQ(with_dates.json()["journal"]["entries"], 1) << "a date is not an entry";
    EXPECT_EQ(with_dates.json()["journal"]["current_streak"], 2) << "but it is a day written on";
    EXPECT_EQ(with_dates.json()["mood"].size(), 1u) << "and carries no mood";
    EXPECT_EQ(team.emplace_back(clara.get("/api/v1/journal/" + private_id)).status, 404);

    for (const auto& r : team) {
        EXPECT_FALSE(contains(r.body, secret)) << r.body;
        EXPECT_FALSE(contains(r.body, "zebrafinch")) << r.body;
    }

    // Outside the care team the journal does not exist; the admin may know it does, no more.
    for (Client* outsider : {&ben, &other_practice}) {
        EXPECT_EQ(outsider->get(path).status, 404);
        EXPECT_EQ(outsider->get("/api/v1/journal/" + shared_id).status, 404);
        EXPECT_EQ(outsider->get("/api/v1/clients/" + p.client_id + "/adherence").status, 404);
        EXPECT_EQ(outsider->get("/api/v1/clients/" + p.client_id + "/milestones").status, 404);
    }
    EXPECT_EQ(admin.get(path).status, 403);
    EXPECT_EQ(admin.get("/api/v1/journal/" + shared_id).status, 403);
    EXPECT_EQ(admin.get("/api/v1/clients/" + p.client_id + "/adherence").status, 403);

    ASSERT_EQ(admin.patch("/api/v1/journal-settings", {{"show_private_dates", false}}).status, 200);
    EXPECT_FALSE(anna.get(path).json().contains("private_entry_dates"));
}

TEST_F(JournalApi, an_idempotency_key_stores_an_entry_once_even_under_concurrent_retries) {
    Person p = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(p.email);
    const std::string path = journal_of(p.client_id);
    const json body = {{"kind", "gratitude"},
                       {"text", "Grateful for the sun on the balcony"},
                       {"shared", true},
                       {"idempotency_key", "phone-1:entry-1"}};
    auto first = me.post(path, body);
    ASSERT_EQ(first.status, 201) << first.body;
    auto again = me.post(path, body);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.json()["id"], first.json()["id"]);
    EXPECT_EQ(me.get(path).json()["items"].size(), 1u);

    json other_text = body;
    other_text["text"] = "Something else entirely";
    auto reused = me.post(path, other_text);
    EXPECT_EQ(reused.status, 409) << reused.body;
    EXPECT_EQ(reused.error_code(), "idempotency_key_reused");
    EXPECT_EQ(me.get(path).json()["items"].size(), 1u);
    json other_mood = body;
    other_mood["mood"] = 3;
    EXPECT_EQ(me.post(path, other_mood).status, 409) << "the whole entry is compared, not the text";

    // A retry is answered from what was stored, even if a link has changed since.
    Client anna = signed_in(world->a, "therapist");
    std::string resource =
        add_resource(anna, p.client_id, {{"title", "Balcony"}, {"category", "material"}});
    json linked = {{"kind", "resource"},
                   {"text", "Tea on the balcony"},
                   {"resource_id", resource},
                   {"idempotency_key", "phone-1:entry-0"}};
    auto before = me.post(path, linked);
    ASSERT_EQ(before.status, 201) << before.body;
    ASSERT_EQ(anna.del("/api/v1/resources/" + resource).status, 200);  // archived
    auto retried = me.post(path, linked);
    EXPECT_EQ(retried.status, 200) << retried.body;
    EXPECT_EQ(retried.json()["id"], before.json()["id"]);
    ASSERT_EQ(me.del("/api/v1/journal/" + before.json()["id"].get<std::string>()).status, 204);

    // A phone that lost its connection sends the queued entry several times at once.
    constexpr int kSenders = 8;
    json queued = body;
    queued["idempotency_key"] = "phone-1:entry-2";
    queued["text"] = "Written on the train, sent when the signal came back";
    std::vector<int> statuses(kSenders, 0);
    std::vector<std::string> ids(kSenders);
    std::latch start(kSenders);
    std::vector<std::thread> senders;
    for (int i = 0; i < kSenders; ++i) {
        senders.emplace_back([&, i] {
            start.arrive_and_wait();
            try {
                auto r = me.post(path, queued);
                statuses[i] = r.status;
                ids[i] = r.json().value("id", "");
            } catch (const std::exception&) {
                statuses[i] = -1;
            }
        });
    }
    for (auto& t : senders)
        t.join();
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), kSenders - 1);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1u);
    EXPECT_FALSE(ids[0].empty());
    EXPECT_EQ(me.get(path).json()["items"].size(), 2u);

    // Deleted: a late retry of the key neither brings the entry back nor stores a new one.
    const std::string first_id = first.json()["id"];
    ASSERT_EQ(me.del("/api/v1/journal/" + first_id).status, 204);
    auto late = me.post(path, body);
    EXPECT_EQ(late.status, 409) << late.body;
    EXPECT_EQ(late.error_code(), "entry_deleted");
    EXPECT_EQ(me.get("/api/v1/journal/" + first_id).status, 404);
    json left = me.get(path).json()["items"];
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0]["id"], ids[0]);
}

TEST_F(JournalApi, invalid_entries_are_refused_naming_the_field_and_nothing_is_stored) {
    Person p = new_person(world->a, world->a.therapist);
    Person neighbour = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(p.email);
    Client anna = signed_in(world->a, "therapist");
    const journal::Date now = today(me, p.client_id);
    const std::string path = journal_of(p.client_id);
    json daily = {{"exercise_id", "three-good-things"}, {"schedule", {{"frequency", "daily"}}}};
    std::string own_resource =
        add_resource(anna, p.client_id, {{"title", "Cycling"}, {"category", "body"}});
    std::string own_assignment = assign(anna, p.client_id, daily);
    std::string their_resource =
        add_resource(anna, neighbour.client_id, {{"title", "Choir"}, {"category", "social"}});
    std::string their_assignment = assign(anna, neighbour.client_id, daily);

    const json base = {{"kind", "success"}, {"text", "Fixed the bike myself"}, {"shared", true}};
    const std::vector<std::pair<json, std::string>> cases = {
        {{{"kind", "diary"}}, "kind"},
        {{{"mood", 11}}, "mood"},
        {{{"mood", -1}}, "mood"},
        {{{"strength_codes", json::array({"kindness", "telepathy"})}}, "strength_codes"},
        {{{"text", std::string(5001, 'a')}}, "text"},
        {{{"entry_date", day(now, 2)}}, "entry_date"},
        {{{"entry_date", "2026-2-3"}}, "entry_date"},
        {{{"entry_date", "2027-02-29"}}, "entry_date"},
        {{{"resource_id", their_resource}}, "resource_id"},
        {{{"assignment_id", their_assignment}}, "assignment_id"},
        {{{"idempotency_key", "has a space"}}, "idempotency_key"},
        {{{"colour", "blue"}}, "colour"},
    };
    for (const auto& [change, field] : cases) {
        json b = base;
        b.update(change);
        auto r = me.post(path, b);
        EXPECT_EQ(r.status, 400) << change.dump() << ": " << r.body;
        EXPECT_EQ(r.json()["error"]["field"], field) << change.dump() << ": " << r.body;
        EXPECT_FALSE(r.json()["error"].value("message", "").empty());
    }
    json no_kind = base;
    no_kind.erase("kind");
    EXPECT_EQ(me.post(path, no_kind).json()["error"]["field"], "kind");
    EXPECT_EQ(me.get(path).json()["items"].size(), 0u);

    // The limits themselves are accepted, so each refusal above was about its field.
    json edge = base;
    edge.update({{"mood", 10},
                 {"strength_codes", json::array({"kindness", "perseverance"})},
                 {"text", std::string(5000, 'a')},
                 {"entry_date", day(now, 1)},  // a phone may be a time zone ahead
                 {"resource_id", own_resource},
                 {"assignment_id", own_assignment}});
    auto accepted = me.post(path, edge);
    ASSERT_EQ(accepted.status, 201) << accepted.body;
    EXPECT_EQ(accepted.json()["entry_date"], day(now, 1));
    EXPECT_EQ(accepted.json()["resource_id"], own_resource);
    EXPECT_EQ(accepted.json()["assignment_id"], own_assignment);

    // Only the client writes in their journal.
    auto by_therapist = anna.post(path, base);
    EXPECT_EQ(by_therapist.status, 403) << by_therapist.body;
    EXPECT_EQ(me.get(path).json()["items"].size(), 1u);

    // Another client's entry does not exist for this one.
    Client mia = signed_in(world->a, "client");
    std::string theirs =
        write(mia, world->a.client,
              {{"kind", "resource"}, {"text", "Mia's own words"}, {"shared", true}});
    EXPECT_EQ(me.patch("/api/v1/journal/" + theirs, {{"text", "overwritten"}}).status, 404);
    EXPECT_EQ(me.del("/api/v1/journal/" + theirs).status, 404);
    EXPECT_EQ(me.get("/api/v1/journal/" + theirs).status, 404);
    EXPECT_EQ(me.post(journal_of(world->a.client), base).status, 404);
    EXPECT_EQ(mia.get("/api/v1/journal/" + theirs).json()["text"], "Mia's own words");
}

TEST_F(JournalApi, adherence_and_streaks_follow_the_entries_linked_to_an_assignment) {
    Person p = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(p.email);
    Client anna = signed_in(world->a, "therapist");
    const journal::Date now = today(me, p.client_id);
    const std::string adherence_path = "/api/v1/clients/" + p.client_id + "/adherence";

    auto created = anna.post("/api/v1/clients/" + p.client_id + "/assignments",
                             {{"exercise_id", "three-good-things"},
                              {"schedule", {{"frequency", "daily"}}},
                              {"starts_on", day(now, -6)},
                              {"note", "Before bed, three lines"}});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = created.json()["id"];
    EXPECT_EQ(created.json()["status"], "active");
    EXPECT_EQ(created.json()["starts_on"], day(now, -6));
    EXPECT_EQ(created.json()["schedule"], json({{"frequency", "daily"}}));

    // Done 6, 5 and 4 days ago, missed 3 days ago (an unlinked entry that day), done 2 and 1 ago.
    for (int offset : {-6, -5, -4, -2, -1}) {
        write(me, p.client_id,
              {{"kind", "success"},
               {"text", "Three good things, day " + std::to_string(offset)},
               {"shared", true},
               {"entry_date", day(now, offset)},
               {"assignment_id", id}});
    }
    write(me, p.client_id,
          {{"kind", "free"},
           {"text", "Not the exercise"},
           {"shared", true},
           {"entry_date", day(now, -3)}});

    auto item_of = [&](const Client& c) {
        auto r = c.get(adherence_path);
        EXPECT_EQ(r.status, 200) << r.body;
        json j = r.json();
        const json* item = find_by(j["items"], "id", id);
        EXPECT_NE(item, nullptr) << r.body;
        return std::pair<json, json>(item ? *item : json(), j["journal"]);
    };
    {
        // Today is not over yet: it is not counted as missed.
        auto [item, journal_streak] = item_of(me);
        EXPECT_EQ(item["exercise_title"], "Three good things");
        EXPECT_EQ(item["adherence"]["due"], 6);
        EXPECT_EQ(item["adherence"]["done"], 5);
        EXPECT_EQ(item["adherence"]["current_streak"], 2);
        EXPECT_EQ(item["adherence"]["longest_streak"], 3);
        EXPECT_EQ(item["adherence"]["streak_unit"], "day");
        EXPECT_EQ(item["due_today"], true);
        EXPECT_EQ(item["done_today"], false);
        EXPECT_EQ(journal_streak["entries"], 6);
        EXPECT_EQ(journal_streak["current_streak"], 6);
        EXPECT_EQ(journal_streak["longest_streak"], 6);
        // The therapist sees the same (every entry here is shared).
        EXPECT_EQ(item_of(anna).first["adherence"], item["adherence"]);
    }

    auto paused = anna.patch("/api/v1/assignments/" + id, {{"status", "paused"}});
    ASSERT_EQ(paused.status, 200) << paused.body;
    EXPECT_EQ(paused.json()["status"], "paused");
    EXPECT_EQ(item_of(me).first["due_today"], false);
    auto resumed = anna.patch("/api/v1/assignments/" + id, {{"status", "active"}});
    ASSERT_EQ(resumed.status, 200) << resumed.body;
    EXPECT_EQ(item_of(me).first["due_today"], true);

    write(me, p.client_id,
          {{"kind", "success"}, {"text", "Three good things, today"}, {"assignment_id", id}});
    {
        auto [item, journal_streak] = item_of(me);
        EXPECT_EQ(item["adherence"]["due"], 7);
        EXPECT_EQ(item["adherence"]["done"], 6);
        EXPECT_EQ(item["adherence"]["current_streak"], 3);
        EXPECT_EQ(item["adherence"]["longest_streak"], 3);
        EXPECT_EQ(item["done_today"], true);
        EXPECT_EQ(journal_streak["current_streak"], 7);
    }
    auto listed = anna.get("/api/v1/clients/" + p.client_id + "/assignments");
    ASSERT_EQ(listed.status, 200);
    ASSERT_EQ(listed.json()["items"].size(), 1u);
    EXPECT_EQ(listed.json()["items"][0]["note"], "Before bed, three lines");

    // The team assigns; the client, a colleague outside the team and a supervisor do not.
    json daily = {{"exercise_id", "three-good-things"}, {"schedule", {{"frequency", "daily"}}}};
    const std::string assign_path = "/api/v1/clients/" + p.client_id + "/assignments";
    EXPECT_EQ(me.post(assign_path, daily).status, 403);
    EXPECT_EQ(me.patch("/api/v1/assignments/" + id, {{"status", "paused"}}).status, 403);
    EXPECT_EQ(signed_in(world->a, "therapist2").post(assign_path, daily).status, 404);
    EXPECT_EQ(signed_in(world->a, "supervisor").post(assign_path, daily).status, 403);
    auto unknown = anna.post(
        assign_path, {{"exercise_id", "no-such-exercise"}, {"schedule", {{"frequency", "daily"}}}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.json()["error"]["field"], "exercise_id");
    auto hourly = anna.post(assign_path, {{"exercise_id", "three-good-things"},
                                          {"schedule", {{"frequency", "hourly"}}}});
    EXPECT_EQ(hourly.status, 400);
    EXPECT_EQ(hourly.json()["error"]["field"], "schedule.frequency");

    auto ended = anna.patch("/api/v1/assignments/" + id, {{"status", "ended"}});
    ASSERT_EQ(ended.status, 200) << ended.body;
    EXPECT_EQ(ended.json()["status"], "ended");
    EXPECT_EQ(ended.json()["ended_on"], day(now, 0));
    auto after_end = anna.patch("/api/v1/assignments/" + id, {{"note", "One more thing"}});
    EXPECT_EQ(after_end.status, 409) << after_end.body;
    EXPECT_EQ(after_end.error_code(), "assignment_ended");
    EXPECT_EQ(anna.patch("/api/v1/assignments/" + id, {{"status", "active"}}).status, 409);
    EXPECT_EQ(item_of(me).first["status"], "ended");
}

TEST_F(JournalApi, the_calendar_feed_carries_titles_only_and_dies_with_its_secret) {
    Person p = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(p.email);
    Client anna = signed_in(world->a, "therapist");
    const std::string note = "Therapist note: mention the divorce gently";
    assign(anna, p.client_id,
           {{"exercise_id", "three-good-things"},
            {"schedule", {{"frequency", "daily"}}},
            {"note", note}});
    std::string weekly =
        assign(anna, p.client_id,
               {{"exercise_id", "gratitude-journal"},
                {"schedule", {{"frequency", "weekly"}, {"days", json::array({"mon", "thu"})}}}});
    const std::string daily_title = anna.get("/api/v1/exercises/three-good-things").json()["title"];
    const std::string weekly_title =
        anna.get("/api/v1/exercises/gratitude-journal").json()["title"];
    ASSERT_FALSE(daily_title.empty());
    ASSERT_FALSE(weekly_title.empty());

    const std::string feed = "/api/v1/clients/" + p.client_id + "/calendar-feed";
    auto path_of = [](const HttpResult& r) {
        std::string url = r.json().value("url", "");
        auto at = url.find("/calendar/");
        return at == std::string::npos ? std::string() : url.substr(at);
    };
    auto made = me.post(feed, json::object());
    ASSERT_EQ(made.status, 201) << made.body;
    const std::string first_path = path_of(made);
    ASSERT_FALSE(first_path.empty()) << made.body;
    EXPECT_TRUE(first_path.ends_with(".ics"));

    Client nobody(server->port());  // a phone's calendar app: no session
    auto ics = nobody.get(first_path);
    ASSERT_EQ(ics.status, 200) << ics.body;
    EXPECT_EQ(ics.headers["content-type"].rfind("text/calendar", 0), 0u)
        << ics.headers["content-type"];
    EXPECT_TRUE(contains(ics.headers["cache-control"], "no-store"));
    EXPECT_EQ(ics.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u) << ics.body;
    EXPECT_TRUE(contains(ics.body, "SUMMARY:" + daily_title + "\r\n")) << ics.body;
    EXPECT_TRUE(contains(ics.body, "RRULE:FREQ=DAILY\r\n")) << ics.body;
    EXPECT_TRUE(contains(ics.body, "SUMMARY:" + weekly_title + "\r\n")) << ics.body;
    EXPECT_TRUE(contains(ics.body, "RRULE:FREQ=WEEKLY;BYDAY=MO,TH\r\n")) << ics.body;
    EXPECT_TRUE(contains(ics.body, "END:VCALENDAR\r\n"));
    for (size_t i = ics.body.find('\n'); i != std::string::npos; i = ics.body.find('\n', i + 1))
        ASSERT_TRUE(i > 0 && ics.body[i - 1] == '\r') << "bare LF at " << i;
    EXPECT_FALSE(contains(ics.body, "divorce")) << ics.body;
    EXPECT_FALSE(contains(ics.body, p.client_id)) << "nor who the client is";

    // Appointments join the feed as timed events that say how, never who with or why; a
    // cancelled one leaves it.
    auto video = anna.post("/api/v1/sessions", {{"client_id", p.client_id},
                                                {"starts_at", "2031-03-04T09:30:00+01:00"},
                                                {"duration_min", 50},
                                                {"modality", "video"}});
    ASSERT_EQ(video.status, 201) << video.body;
    auto cancelled = anna.post(
        "/api/v1/sessions",
        {{"client_id", p.client_id}, {"starts_at", "2031-03-11T09:30:00Z"}, {"duration_min", 50}});
    ASSERT_EQ(cancelled.status, 201) << cancelled.body;
    ASSERT_EQ(anna.patch("/api/v1/sessions/" + cancelled.json()["id"].get<std::string>(),
                         {{"status", "cancelled"}})
                  .status,
              200);
    auto with_sessions = nobody.get(first_path);
    ASSERT_EQ(with_sessions.status, 200);
    EXPECT_TRUE(contains(with_sessions.body, "SUMMARY:Appointment (video call)\r\n"))
        << with_sessions.body;
    EXPECT_TRUE(contains(with_sessions.body, "DTSTART:20310304T083000Z\r\n")) << with_sessions.body;
    EXPECT_TRUE(contains(with_sessions.body, "DTEND:20310304T092000Z\r\n")) << with_sessions.body;
    EXPECT_FALSE(contains(with_sessions.body, "20310311")) << "the cancelled one is gone";
    EXPECT_FALSE(contains(with_sessions.body, "therapist")) << "nobody's name in a synced calendar";

    // A paused exercise leaves the calendar.
    ASSERT_EQ(anna.patch("/api/v1/assignments/" + weekly, {{"status", "paused"}}).status, 200);
    auto without = nobody.get(first_path);
    ASSERT_EQ(without.status, 200);
    EXPECT_FALSE(contains(without.body, weekly_title)) << without.body;
    EXPECT_TRUE(contains(without.body, daily_title));

    // A new secret replaces the old one; revoking ends it.
    auto renewed = anna.post(feed, json::object());
    ASSERT_EQ(renewed.status, 201) << renewed.body;
    const std::string second_path = path_of(renewed);
    EXPECT_NE(second_path, first_path);
    EXPECT_EQ(nobody.get(first_path).status, 404);
    EXPECT_EQ(nobody.get(second_path).status, 200);
    auto status = me.get(feed);
    ASSERT_EQ(status.status, 200) << status.body;
    EXPECT_EQ(status.json()["active"], true);
    EXPECT_FALSE(contains(status.body, second_path.substr(10, 20)))
        << "the secret is not shown again";
    EXPECT_EQ(me.del(feed).status, 204);
    EXPECT_EQ(nobody.get(second_path).status, 404);
    EXPECT_EQ(me.get(feed).json()["active"], false);
    EXPECT_EQ(nobody.get("/calendar/" + std::string(43, 'A') + ".ics").status, 404);
    EXPECT_EQ(nobody.get("/calendar/feed").status, 404);

    EXPECT_EQ(signed_in(world->a, "supervisor").post(feed, json::object()).status, 403);
    EXPECT_EQ(signed_in(world->a, "therapist2").post(feed, json::object()).status, 404);
}

TEST_F(JournalApi, three_days_in_a_row_is_a_milestone_the_client_can_switch_off) {
    Person p = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(p.email);
    Client anna = signed_in(world->a, "therapist");
    const journal::Date now = today(me, p.client_id);
    for (int offset : {-5, -3, -2, -1}) {
        write(me, p.client_id,
              {{"kind", "gratitude"},
               {"text", "A kind word from a neighbour"},
               {"shared", false},
               {"entry_date", day(now, offset)}});
    }
    const std::string path = "/api/v1/clients/" + p.client_id + "/milestones";
    auto got = me.get(path);
    ASSERT_EQ(got.status, 200) << got.body;
    json m = got.json();
    EXPECT_EQ(m["enabled"], true);
    const json* first = find_by(m["items"], "id", "first_entry");
    const json* streak = find_by(m["items"], "id", "streak_3");
    ASSERT_NE(first, nullptr) << got.body;
    ASSERT_NE(streak, nullptr) << got.body;
    EXPECT_EQ((*first)["achieved_on"], day(now, -5));
    EXPECT_EQ((*streak)["achieved_on"], day(now, -1)) << "the day the run reached three";
    EXPECT_EQ(find_by(m["items"], "id", "streak_7"), nullptr);
    EXPECT_EQ(m["items"].size(), 2u) << got.body;
    // Private entries earn the client milestones the team does not see.
    EXPECT_EQ(anna.get(path).json()["items"].size(), 0u);

    EXPECT_EQ(anna.patch(path, {{"enabled", false}}).status, 403);
    EXPECT_EQ(me.patch(path, json::object()).json()["error"]["field"], "enabled");
    auto off = me.patch(path, {{"enabled", false}});
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_EQ(off.json()["enabled"], false);
    EXPECT_EQ(off.json()["items"].size(), 0u);
    EXPECT_EQ(me.get(path).json()["items"].size(), 0u);
    auto on = me.patch(path, {{"enabled", true}});
    ASSERT_EQ(on.status, 200);
    EXPECT_EQ(on.json()["items"].size(), 2u);
}

TEST_F(JournalApi, a_client_turns_a_success_into_evidence_for_a_resource) {
    Person p = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(p.email);
    Client anna = signed_in(world->a, "therapist");
    std::string resource = add_resource(anna, p.client_id,
                                        {{"title", "Asking for help"},
                                         {"category", "skill"},
                                         {"therapist_note", "Team note: practise in session"}});
    std::string hidden =
        add_resource(anna, p.client_id,
                     {{"title", "Team only"}, {"category", "skill"}, {"visible_to_client", false}});
    const std::string text = "Asked my colleague for help with the report and got it";
    std::string entry =
        write(me, p.client_id, {{"kind", "success"}, {"text", text}, {"shared", true}});
    const std::string evidence = "/api/v1/journal/" + entry + "/evidence";

    EXPECT_EQ(anna.post(evidence, {{"resource_id", resource}}).status, 403)
        << "consent is the client's";
    EXPECT_EQ(signed_in(world->a, "therapist2").post(evidence, {{"resource_id", resource}}).status,
              404);
    auto not_theirs = me.post(evidence, {{"resource_id", hidden}});
    EXPECT_EQ(not_theirs.status, 400);
    EXPECT_EQ(not_theirs.json()["error"]["field"], "resource_id");
    EXPECT_FALSE(
        contains(anna.get("/api/v1/resources/" + resource).json().value("evidence", ""), text));

    auto added = me.post(evidence, {{"resource_id", resource}});
    ASSERT_EQ(added.status, 200) << added.body;
    const std::string date = me.get("/api/v1/journal/" + entry).json()["entry_date"];
    EXPECT_TRUE(contains(added.json().value("evidence", ""), date + ": " + text)) << added.body;
    EXPECT_FALSE(contains(added.body, "Team note")) << "the client's view of the resource";
    auto seen = anna.get("/api/v1/resources/" + resource);
    ASSERT_EQ(seen.status, 200);
    EXPECT_TRUE(contains(seen.json().value("evidence", ""), text)) << seen.body;
}

TEST_F(JournalApi, a_private_entry_cannot_be_probed_through_the_evidence_route) {
    // A private entry "does not exist for anyone but its author": GET, PATCH and DELETE answer the
    // team 404, so the evidence route must too rather than revealing it with a 403.
    Person p = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(p.email);
    Client anna = signed_in(world->a, "therapist");
    std::string resource =
        add_resource(anna, p.client_id, {{"title", "Saying no"}, {"category", "skill"}});
    std::string entry = write(
        me, p.client_id, {{"kind", "success"}, {"text", "Told my mother no"}, {"shared", false}});
    EXPECT_EQ(anna.get("/api/v1/journal/" + entry).status, 404);
    EXPECT_EQ(anna.patch("/api/v1/journal/" + entry, {{"shared", true}}).status, 404);
    EXPECT_EQ(anna.del("/api/v1/journal/" + entry).status, 404);
    EXPECT_EQ(
        anna.post("/api/v1/journal/" + entry + "/evidence", {{"resource_id", resource}}).status,
        404);
}

TEST_F(JournalApi, in_personal_mode_the_person_keeps_their_own_map_and_exercises) {
    ASSERT_EQ(personal->email, kPersonalEmail);
    Client me = signed_in_as(kPersonalEmail);
    auto who = me.get("/api/v1/me");
    ASSERT_EQ(who.status, 200) << who.body;
    EXPECT_EQ(who.json()["practice"]["personal"], true);
    const std::string self = who.json()["user"]["client_id"];
    ASSERT_FALSE(self.empty()) << who.body;

    auto resource = me.post("/api/v1/clients/" + self + "/resources",
                            {{"title", "Morning run"}, {"category", "body"}});
    ASSERT_EQ(resource.status, 201) << resource.body;
    EXPECT_EQ(resource.json()["status"], "active") << "no therapist to confirm it";

    auto shipped =
        me.post("/api/v1/clients/" + self + "/assignments",
                {{"exercise_id", "three-good-things"}, {"schedule", {{"frequency", "daily"}}}});
    ASSERT_EQ(shipped.status, 201) << shipped.body;
    const std::string assignment = shipped.json()["id"];

    const json box = {{"title", "Box breathing"},
                      {"instructions", json::array({"Breathe in for four counts.",
                                                    "Hold for four, out for four."})},
                      {"duration_minutes", 5},
                      {"journal_kind", "resource"}};
    auto exercise = me.post("/api/v1/exercises", box);
    ASSERT_EQ(exercise.status, 201) << exercise.body;
    const std::string exercise_id = exercise.json()["id"];
    auto read_back = me.get("/api/v1/exercises/" + exercise_id);
    EXPECT_EQ(read_back.status, 200) << read_back.body;
    EXPECT_EQ(read_back.json().value("title", ""), "Box breathing");
    auto own = me.post("/api/v1/clients/" + self + "/assignments",
                       {{"exercise_id", exercise_id}, {"schedule", {{"frequency", "daily"}}}});
    EXPECT_EQ(own.status, 201) << own.body;

    std::string entry = write(me, self,
                              {{"kind", "success"},
                               {"text", "Ran before work"},
                               {"resource_id", resource.json()["id"]},
                               {"assignment_id", assignment}});
    EXPECT_FALSE(entry.empty());
    json report = me.get("/api/v1/clients/" + self + "/adherence").json();
    const json* item = find_by(report["items"], "id", assignment);
    ASSERT_NE(item, nullptr) << report.dump();
    EXPECT_EQ((*item)["done_today"], true);

    // With no administrator, the person accepts a questionnaire's licence for themselves.
    EXPECT_EQ(me.patch("/api/v1/instruments/who5", {{"enabled", true}}).status, 400)
        << "the licence must be acknowledged";
    auto who5 =
        me.patch("/api/v1/instruments/who5", {{"enabled", true}, {"licence_acknowledged", true}});
    EXPECT_EQ(who5.status, 200) << who5.body;
    EXPECT_EQ(who5.json()["enabled"], true);

    // In a practice the same client may not.
    Client mia = signed_in(world->a, "client");
    EXPECT_EQ(
        mia.patch("/api/v1/instruments/who5", {{"enabled", true}, {"licence_acknowledged", true}})
            .status,
        403);
    EXPECT_EQ(mia.post("/api/v1/exercises", box).status, 403);
    EXPECT_EQ(
        mia.post("/api/v1/clients/" + world->a.client + "/assignments",
                 {{"exercise_id", "three-good-things"}, {"schedule", {{"frequency", "daily"}}}})
            .status,
        403);
    EXPECT_EQ(mia.post("/api/v1/clients/" + world->a.client + "/resources",
                       {{"title", "Swimming"}, {"category", "body"}})
                  .json()["status"],
              "proposed");
}

TEST_F(JournalApi, a_therapists_own_exercise_can_be_read_and_assigned) {
    Client anna = signed_in(world->a, "therapist");
    auto made =
        anna.post("/api/v1/exercises", {{"title", "Resource walk"},
                                        {"instructions", json::array({"Walk for ten minutes."})},
                                        {"duration_minutes", 10},
                                        {"journal_kind", "resource"}});
    ASSERT_EQ(made.status, 201) << made.body;
    const std::string id = made.json()["id"];
    EXPECT_EQ(anna.get("/api/v1/exercises/" + id).status, 200);
    json library = anna.get("/api/v1/exercises").json()["items"];
    EXPECT_NE(find_by(library, "id", id), nullptr);
    EXPECT_EQ(anna.post("/api/v1/clients/" + world->a.client3 + "/assignments",
                        {{"exercise_id", id}, {"schedule", {{"frequency", "daily"}}}})
                  .status,
              201);
    // Another practice's library does not hold it.
    EXPECT_EQ(signed_in(world->b, "therapist").get("/api/v1/exercises/" + id).status, 404);
}

TEST_F(JournalApi, journal_reads_and_writes_are_audited_without_their_text) {
    Person p = new_person(world->a, world->a.therapist);
    Client me = signed_in_as(p.email);
    Client anna = signed_in(world->a, "therapist");
    Client admin = signed_in(world->a, "admin");
    const std::string canary = "Audit canary: the purple umbrella";
    std::string shared =
        write(me, p.client_id, {{"kind", "free"}, {"text", canary}, {"shared", true}});
    std::string hidden = write(
        me, p.client_id, {{"kind", "free"}, {"text", canary + " (private)"}, {"shared", false}});
    ASSERT_EQ(me.get("/api/v1/journal/" + shared).status, 200);
    ASSERT_EQ(me.patch("/api/v1/journal/" + shared, {{"text", canary + " again"}}).status, 200);
    ASSERT_EQ(anna.get(journal_of(p.client_id)).status, 200);
    ASSERT_EQ(anna.get("/api/v1/journal/" + shared).status, 200);
    ASSERT_EQ(anna.get("/api/v1/journal/" + hidden).status, 404);
    ASSERT_EQ(me.del("/api/v1/journal/" + shared).status, 204);

    auto has = [](const json& events, const std::string& action, const std::string& object,
                  const std::string& outcome) {
        for (const auto& e : events)
            if (e["action"] == action && e["object_id"] == object && e["outcome"] == outcome)
                return true;
        return false;
    };
    json mine = audit_events(admin, "actor_id=" + p.user_id);
    EXPECT_TRUE(has(mine, "journal.create", shared, "allowed")) << mine.dump();
    EXPECT_TRUE(has(mine, "journal.create", hidden, "allowed"));
    EXPECT_TRUE(has(mine, "journal.read", shared, "allowed"));
    EXPECT_TRUE(has(mine, "journal.update", shared, "allowed"));
    EXPECT_TRUE(has(mine, "journal.delete", shared, "allowed"));
    json team = audit_events(admin, "actor_id=" + world->a.therapist + "&action=journal.read");
    EXPECT_TRUE(has(team, "journal.read", shared, "allowed")) << team.dump();
    EXPECT_TRUE(has(team, "journal.read", hidden, "denied"));
    json lists = audit_events(admin, "actor_id=" + world->a.therapist + "&action=journal.list");
    EXPECT_TRUE(has(lists, "journal.list", p.client_id, "allowed"));

    const std::string all = mine.dump() + team.dump() + lists.dump();
    EXPECT_FALSE(contains(all, "purple umbrella"));
    EXPECT_FALSE(contains(all, "canary"));
}

TEST_F(JournalApi, an_exercise_assigned_to_a_case_reaches_each_member_and_no_one_else) {
    Client anna = signed_in(world->a, "therapist");
    const std::string path = "/api/v1/cases/" + world->a.case_id + "/assignments";
    const std::string client3_assignments = "/api/v1/clients/" + world->a.client3 + "/assignments";
    const size_t before = anna.get(client3_assignments).json()["items"].size();
    auto r = anna.post(path, {{"exercise_id", "three-good-things"},
                              {"schedule", {{"frequency", "weekly"}, {"days", {"mon", "thu"}}}},
                              {"note", "Each of you, on your own"}});
    ASSERT_EQ(r.status, 201) << r.body;
    ASSERT_EQ(r.json()["items"].size(), 2u) << "one assignment per member of the couple";
    std::set<std::string> members;
    const nlohmann::json made = r.json();
    for (const auto& a : made["items"]) {
        members.insert(a["client_id"].get<std::string>());
        EXPECT_EQ(a["exercise_id"], "three-good-things");
        EXPECT_EQ(a["note"], "Each of you, on your own");
    }
    EXPECT_EQ(members, (std::set<std::string>{world->a.client, world->a.client3}));

    // The member with a portal login sees it among their own assignments.
    Client client = signed_in(world->a, "client");
    auto own = client.get("/api/v1/clients/" + world->a.client + "/assignments");
    ASSERT_EQ(own.status, 200);
    int found = 0;
    const nlohmann::json own_items = own.json()["items"];
    for (const auto& a : own_items)
        found += a["note"] == "Each of you, on your own";
    EXPECT_EQ(found, 1) << own.body;

    // Nobody outside the case's team assigns to it; a bad schedule writes nothing.
    EXPECT_EQ(signed_in(world->b, "therapist")
                  .post(path, {{"exercise_id", "three-good-things"},
                               {"schedule", {{"frequency", "daily"}}}})
                  .status,
              404);
    EXPECT_EQ(client
                  .post(path, {{"exercise_id", "three-good-things"},
                               {"schedule", {{"frequency", "daily"}}}})
                  .status,
              403);
    EXPECT_EQ(signed_in(world->a, "supervisor")
                  .post(path, {{"exercise_id", "three-good-things"},
                               {"schedule", {{"frequency", "daily"}}}})
                  .status,
              403);
    auto bad = anna.post(
        path, {{"exercise_id", "three-good-things"}, {"schedule", {{"frequency", "fortnightly"}}}});
    EXPECT_EQ(bad.status, 400);
    auto after = anna.get(client3_assignments);
    ASSERT_EQ(after.status, 200);
    EXPECT_EQ(after.json()["items"].size(), before + 1) << "only the one made above";
}

TEST_F(JournalApi, exercises_come_in_the_language_asked_for_and_in_english_otherwise) {
    Client mia = signed_in(world->a, "client");
    json pl = mia.get("/api/v1/exercises?lang=pl").json()["items"];
    const json* three = find_by(pl, "id", "three-good-things");
    ASSERT_NE(three, nullptr);
    EXPECT_EQ((*three)["language"], "pl");
    EXPECT_EQ((*three)["title"], "Trzy dobre rzeczy");
    EXPECT_EQ((*three)["prompts"][0], "Co dziś poszło dobrze?");
    EXPECT_FALSE(three->contains("translations"));
    for (const json& e : pl) {
        if (e["id"].get<std::string>().size() < 26) {  // shipped (a practice's own has a ULID)
            EXPECT_EQ(e["language"], "pl") << e["id"];
        }
    }
    auto de = mia.get("/api/v1/exercises/safe-place?lang=de-AT");
    ASSERT_EQ(de.status, 200) << de.body;
    EXPECT_EQ(de.json()["language"], "de");
    EXPECT_EQ(de.json()["title"], "Ihr sicherer Ort");
    EXPECT_EQ(de.json()["instructions"].size(), 7u);
    // A language Trove does not speak gets English back, and says so; a malformed tag is refused.
    json fr = mia.get("/api/v1/exercises/safe-place?lang=fr").json();
    EXPECT_EQ(fr["language"], "en");
    EXPECT_EQ(fr["title"], "Your safe place");
    EXPECT_EQ(mia.get("/api/v1/exercises/safe-place").json()["language"], "en");
    auto bad = mia.get("/api/v1/exercises?lang=p!");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.error_code(), "invalid_input");
    EXPECT_EQ(bad.json()["error"]["field"], "lang");

    // A practice's own exercise in English only is served in English whatever is asked.
    Client anna = signed_in(world->a, "therapist");
    auto made =
        anna.post("/api/v1/exercises", {{"title", "Morning check-in"},
                                        {"instructions", json::array({"Take three slow breaths."})},
                                        {"duration_minutes", 5},
                                        {"journal_kind", "free"}});
    ASSERT_EQ(made.status, 201) << made.body;
    json own =
        anna.get("/api/v1/exercises/" + made.json()["id"].get<std::string>() + "?lang=pl").json();
    EXPECT_EQ(own["language"], "en");
    EXPECT_EQ(own["title"], "Morning check-in");
    // With its own Polish text it is served in Polish; a translation missing a step is refused.
    json both = {{"title", "Evening check-in"},
                 {"instructions", json::array({"Sit down.", "Note one good thing."})},
                 {"duration_minutes", 5},
                 {"journal_kind", "free"},
                 {"translations",
                  {{"pl",
                    {{"title", "Wieczorne zatrzymanie"},
                     {"instructions", json::array({"Usiądź.", "Zapisz jedną dobrą rzecz."})}}}}}};
    auto with_pl = anna.post("/api/v1/exercises", both);
    ASSERT_EQ(with_pl.status, 201) << with_pl.body;
    EXPECT_EQ(anna.get("/api/v1/exercises/" + with_pl.json()["id"].get<std::string>() + "?lang=pl")
                  .json()["title"],
              "Wieczorne zatrzymanie");
    both["translations"]["pl"]["instructions"] = json::array({"Usiądź."});
    auto short_one = anna.post("/api/v1/exercises", both);
    EXPECT_EQ(short_one.status, 400);
    EXPECT_EQ(short_one.json()["error"]["field"], "translations.pl.instructions");
}
