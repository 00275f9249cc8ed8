// The resource map over HTTP: resources and their ratings, the map at a point in time, goals and
// problems, the coping card, cases — and who may see and change what.

#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "domain/resources/catalogue.hpp"
#include "shared_world.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

class ResourceMapApi : public SharedWorldSuite {
protected:
    static std::string add_resource(Client& c, const std::string& client_id, json body) {
        auto r = c.post("/api/v1/clients/" + client_id + "/resources", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().value("id", "");
    }
    static std::string ago(int days) {
        return to_rfc3339(now_ms() - static_cast<TimeMs>(days) * 24 * 3600 * 1000);
    }
    static json map_at(Client& c, const std::string& client_id, const std::string& at) {
        auto r = c.get("/api/v1/clients/" + client_id + "/resource-map?at=" + at);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }
    static const json* entry(const json& map, const std::string& id) {
        for (const auto& r : map["resources"])
            if (r["id"] == id)
                return &r;
        return nullptr;
    }
};

TEST_F(ResourceMapApi, a_therapist_adds_rates_and_reads_a_resource) {
    Client anna = signed_in(world->a, "therapist");
    std::string client = fresh_client(anna);
    std::string id = add_resource(anna, client,
                                  {{"title", "  Perseverance  "},
                                   {"category", "strength"},
                                   {"strength_code", "perseverance"},
                                   {"stabilising", true},
                                   {"evidence", "Finished the degree while working nights."}});
    auto got = anna.get("/api/v1/resources/" + id);
    ASSERT_EQ(got.status, 200) << got.body;
    json r = got.json();
    EXPECT_EQ(r["title"], "Perseverance");  // trimmed
    EXPECT_EQ(r["client_id"], client);
    EXPECT_TRUE(r["case_id"].is_null());
    EXPECT_EQ(r["source"], "therapist");
    EXPECT_EQ(r["status"], "active");
    EXPECT_EQ(r["visible_to_client"], true);
    EXPECT_EQ(r["stabilising"], true);
    EXPECT_EQ(r["strength_code"], "perseverance");
    EXPECT_TRUE(r["latest_rating"].is_null());

    auto first = anna.post("/api/v1/resources/" + id + "/ratings",
                           {{"availability", 4}, {"activation", 2}, {"rated_at", ago(3)}});
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.json()["rated_by_role"], "therapist");
    ASSERT_EQ(
        anna.post("/api/v1/resources/" + id + "/ratings", {{"availability", 7}, {"activation", 6}})
            .status,
        201);
    auto history = anna.get("/api/v1/resources/" + id + "/ratings").json()["items"];
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0]["availability"], 4);  // oldest first
    EXPECT_EQ(history[1]["availability"], 7);
    json latest = anna.get("/api/v1/resources/" + id).json()["latest_rating"];
    EXPECT_EQ(latest["availability"], 7);
    EXPECT_EQ(latest["activation"], 6);

    auto patched = anna.patch("/api/v1/resources/" + id, {{"strength_code", nullptr}});
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_TRUE(patched.json()["strength_code"].is_null());
}

TEST_F(ResourceMapApi, the_map_at_a_time_shows_each_resource_with_its_latest_rating_then) {
    Client anna = signed_in(world->a, "therapist");
    std::string client = fresh_client(anna);
    std::string garden =
        add_resource(anna, client, {{"title", "Garden"}, {"category", "material"}});
    auto rate = [&](const std::string& id, int a, int b, const std::string& at) {
        json body = {{"availability", a}, {"activation", b}};
        if (!at.empty())
            body["rated_at"] = at;
        ASSERT_EQ(anna.post("/api/v1/resources/" + id + "/ratings", body).status, 201);
    };
    rate(garden, 3, 2, ago(10));
    rate(garden, 6, 5, ago(5));
    rate(garden, 8, 7, "");
    // Added today, never rated: on today's map without a rating, absent from the past.
    std::string drawing =
        add_resource(anna, client, {{"title", "Drawing"}, {"category", "interest"}});

    json before = map_at(anna, client, ago(12));
    EXPECT_EQ(entry(before, garden), nullptr) << "nothing was known about the garden yet";
    EXPECT_EQ(entry(before, drawing), nullptr);

    json early = map_at(anna, client, ago(9));
    ASSERT_NE(entry(early, garden), nullptr);
    EXPECT_EQ((*entry(early, garden))["rating"]["availability"], 3);
    EXPECT_EQ((*entry(early, garden))["trend"].size(), 1u);
    EXPECT_EQ(entry(early, drawing), nullptr);

    json middle = map_at(anna, client, ago(2));
    EXPECT_EQ((*entry(middle, garden))["rating"]["availability"], 6);
    EXPECT_EQ((*entry(middle, garden))["rating"]["activation"], 5);
    EXPECT_EQ((*entry(middle, garden))["trend"].size(), 2u);

    json now = anna.get("/api/v1/clients/" + client + "/resource-map").json();
    EXPECT_EQ((*entry(now, garden))["rating"]["availability"], 8);
    EXPECT_EQ((*entry(now, garden))["trend"].size(), 3u);
    ASSERT_NE(entry(now, drawing), nullptr);
    EXPECT_TRUE((*entry(now, drawing))["rating"].is_null());
    EXPECT_EQ(now["categories"].size(), 8u);
    EXPECT_FALSE(now["first_rating_at"].is_null());

    // Archived today: gone from today's map, still on the map of last week.
    ASSERT_EQ(anna.del("/api/v1/resources/" + garden).status, 200);
    json after = anna.get("/api/v1/clients/" + client + "/resource-map").json();
    EXPECT_EQ(entry(after, garden), nullptr);
    EXPECT_NE(entry(map_at(anna, client, ago(2)), garden), nullptr);
    // Archived is not deleted: the record and its history remain.
    auto archived = anna.get("/api/v1/resources/" + garden);
    ASSERT_EQ(archived.status, 200);
    EXPECT_EQ(archived.json()["status"], "archived");
    EXPECT_EQ(anna.get("/api/v1/resources/" + garden + "/ratings").json()["items"].size(), 3u);
    auto listed = anna.get("/api/v1/clients/" + client + "/resources").json()["items"];
    EXPECT_EQ(listed.size(), 1u) << "the default list leaves archived resources out";
    EXPECT_EQ(
        anna.get("/api/v1/clients/" + client + "/resources?status=all").json()["items"].size(), 2u);

    EXPECT_EQ(anna.get("/api/v1/clients/" + client + "/resource-map?at=yesterday").status, 400);
}

TEST_F(ResourceMapApi, the_trend_is_the_last_twelve_ratings_up_to_the_date_in_time_order) {
    Client anna = signed_in(world->a, "therapist");
    std::string client = fresh_client(anna);
    std::string walk = add_resource(anna, client, {{"title", "Walks"}, {"category", "body"}});
    std::string choir = add_resource(anna, client, {{"title", "Choir"}, {"category", "social"}});
    // Twenty weekly ratings of the walks, 140 days ago to 7 days ago; availability = the week's
    // number (0..10 twice), so each trend point says which rating it is.
    for (int week = 0; week < 20; ++week) {
        json body = {{"availability", week % 11},
                     {"activation", week / 11},
                     {"rated_at", ago(140 - 7 * week)}};
        ASSERT_EQ(anna.post("/api/v1/resources/" + walk + "/ratings", body).status, 201);
    }
    // Three ratings of the choir at the same instant: a tie on the timestamp.
    const std::string same = ago(30);
    for (int i = 0; i < 3; ++i) {
        json body = {{"availability", i}, {"activation", i}, {"rated_at", same}};
        ASSERT_EQ(anna.post("/api/v1/resources/" + choir + "/ratings", body).status, 201);
    }

    json now = anna.get("/api/v1/clients/" + client + "/resource-map").json();
    const json& trend = (*entry(now, walk))["trend"];
    ASSERT_EQ(trend.size(), 12u) << "the last twelve of twenty";
    // Weeks 8..19, oldest first: availability 8, 9, 10, 0, 1 … 8; activation 0, 0, 0, 1 … 1.
    for (std::size_t i = 0; i < 12; ++i) {
        const int week = 8 + static_cast<int>(i);
        EXPECT_EQ(trend[i]["availability"], week % 11) << "point " << i;
        EXPECT_EQ(trend[i]["activation"], week / 11) << "point " << i;
    }
    EXPECT_EQ((*entry(now, walk))["rating"]["availability"], 19 % 11);
    EXPECT_EQ((*entry(now, choir))["trend"].size(), 3u) << "ties on the time are all kept";
    EXPECT_EQ(now["last_rating_at"], trend[11]["rated_at"]) << "the walk of week 19";

    // 60 days ago the walks had ratings of weeks 0..11 (140 - 7 * 11 = 63 days ago): the last
    // twelve of those are all of them.
    json past = map_at(anna, client, ago(60));
    const json& earlier = (*entry(past, walk))["trend"];
    ASSERT_EQ(earlier.size(), 12u);
    EXPECT_EQ(earlier[0]["availability"], 0);
    EXPECT_EQ(earlier[11]["availability"], 11 % 11);
    EXPECT_EQ(earlier[11]["activation"], 1);
    // The range of the slider spans all ratings, whatever the date shown.
    EXPECT_EQ(past["first_rating_at"], earlier[0]["rated_at"]) << "the walk of week 0";
    EXPECT_EQ(now["first_rating_at"], earlier[0]["rated_at"]);
    EXPECT_EQ(past["last_rating_at"], now["last_rating_at"]);
    EXPECT_EQ(entry(past, choir), nullptr) << "added today, first rated 30 days ago";
}

TEST_F(ResourceMapApi, a_client_never_sees_a_hidden_resource_or_a_therapist_note) {
    Client mia = signed_in(world->a, "client");
    Client anna = signed_in(world->a, "therapist");
    const std::string& client = world->a.client;
    // Even when the hidden resource was rated is not the client's to learn.
    const std::string long_ago = ago(300);
    ASSERT_EQ(anna.post("/api/v1/resources/" + world->a.hidden_resource + "/ratings",
                        {{"availability", 5}, {"activation", 5}, {"rated_at", long_ago}})
                  .status,
              201);
    EXPECT_EQ(anna.get("/api/v1/clients/" + client + "/resource-map").json()["first_rating_at"],
              long_ago);
    EXPECT_NE(mia.get("/api/v1/clients/" + client + "/resource-map").json()["first_rating_at"],
              long_ago);
    std::vector<HttpResult> seen = {
        mia.get("/api/v1/clients/" + client + "/resources?status=all"),
        mia.get("/api/v1/clients/" + client + "/resources?q=secret"),
        mia.get("/api/v1/clients/" + client + "/resource-map"),
        mia.get("/api/v1/clients/" + client + "/goals"),
        mia.get("/api/v1/clients/" + client + "/coping-card"),
        mia.get("/api/v1/resources/" + world->a.resource),
    };
    for (const auto& r : seen) {
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.body.find(world->a.hidden_resource), std::string::npos) << r.body;
        EXPECT_EQ(r.body.find(kSecretNote), std::string::npos) << r.body;
        EXPECT_EQ(r.body.find("therapist_note"), std::string::npos) << r.body;
    }
    EXPECT_EQ(mia.get("/api/v1/resources/" + world->a.hidden_resource).status, 404);
    EXPECT_EQ(mia.get("/api/v1/resources/" + world->a.hidden_resource + "/ratings").status, 404);
    EXPECT_EQ(mia.post("/api/v1/resources/" + world->a.hidden_resource + "/ratings",
                       {{"availability", 5}, {"activation", 5}})
                  .status,
              404);

    // Linked to a goal: the therapist sees the link, the client does not.
    ASSERT_EQ(anna.patch("/api/v1/goals/" + world->a.goal,
                         {{"resource_ids", {world->a.resource, world->a.hidden_resource}}})
                  .status,
              200);
    auto for_client = mia.get("/api/v1/goals/" + world->a.goal).json();
    EXPECT_EQ(for_client["resource_ids"], json::array({world->a.resource}));
    auto for_team = anna.get("/api/v1/goals/" + world->a.goal).json();
    EXPECT_EQ(for_team["resource_ids"].size(), 2u);

    // The care team sees both.
    auto team = anna.get("/api/v1/resources/" + world->a.hidden_resource);
    ASSERT_EQ(team.status, 200);
    EXPECT_EQ(team.json()["therapist_note"], kSecretNote);
    EXPECT_EQ(anna.get("/api/v1/clients/" + client + "/resources?q=SEEDED").json()["items"].size(),
              1u)
        << "the team's search covers the therapist note";
}

TEST_F(ResourceMapApi, a_client_proposes_and_self_rates_and_the_therapist_confirms) {
    Client mia = signed_in(world->a, "client");
    Client anna = signed_in(world->a, "therapist");
    const std::string& client = world->a.client;
    auto proposed = mia.post("/api/v1/clients/" + client + "/resources",
                             {{"title", "I noticed I am good at listening"},
                              {"category", "skill"},
                              {"description", "Friends call me when they are sad."}});
    ASSERT_EQ(proposed.status, 201) << proposed.body;
    std::string id = proposed.json()["id"];
    EXPECT_EQ(proposed.json()["status"], "proposed");
    EXPECT_EQ(proposed.json()["source"], "client");
    EXPECT_EQ(proposed.json()["created_by_role"], "client");

    // What the team decides stays the team's.
    auto note = mia.post("/api/v1/clients/" + client + "/resources",
                         {{"title", "x"}, {"category", "skill"}, {"therapist_note", "mine"}});
    EXPECT_EQ(note.status, 400);
    EXPECT_EQ(note.json()["error"]["field"], "therapist_note");
    EXPECT_EQ(mia.patch("/api/v1/resources/" + id, {{"status", "active"}}).status, 403);
    EXPECT_EQ(mia.del("/api/v1/resources/" + id).status, 403);

    auto rated = mia.post("/api/v1/resources/" + world->a.resource + "/ratings",
                          {{"availability", 9}, {"activation", 8}});
    ASSERT_EQ(rated.status, 201) << rated.body;
    EXPECT_EQ(rated.json()["rated_by_role"], "client");

    auto listed = anna.get("/api/v1/clients/" + client + "/resources?status=proposed");
    bool found = false;
    const json proposals = listed.json()["items"];
    for (const auto& r : proposals)
        found |= r["id"] == id;
    EXPECT_TRUE(found) << listed.body;
    auto confirmed = anna.patch("/api/v1/resources/" + id, {{"status", "active"}});
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    EXPECT_EQ(confirmed.json()["status"], "active");
    EXPECT_EQ(confirmed.json()["source"], "client") << "who named it stays on record";
}

TEST_F(ResourceMapApi, a_supervisor_reads_everything_and_writes_nothing) {
    Client clara = signed_in(world->a, "supervisor");
    const std::string& client = world->a.client;
    EXPECT_EQ(clara.get("/api/v1/clients/" + client + "/resources").status, 200);
    EXPECT_EQ(clara.get("/api/v1/resources/" + world->a.hidden_resource).json()["therapist_note"],
              kSecretNote);
    EXPECT_EQ(clara.get("/api/v1/clients/" + client + "/balance").status, 200);
    std::vector<HttpResult> writes = {
        clara.post("/api/v1/clients/" + client + "/resources",
                   {{"title", "x"}, {"category", "body"}}),
        clara.patch("/api/v1/resources/" + world->a.resource, {{"title", "Changed"}}),
        clara.del("/api/v1/resources/" + world->a.resource),
        clara.post("/api/v1/resources/" + world->a.resource + "/ratings",
                   {{"availability", 1}, {"activation", 1}}),
        clara.post("/api/v1/clients/" + client + "/goals", {{"title", "x"}}),
        clara.post("/api/v1/goals/" + world->a.goal + "/ratings", {{"value", 3}}),
        clara.request("PUT", "/api/v1/clients/" + client + "/coping-card",
                      json{{"reasons", {"x"}}}.dump()),
    };
    for (const auto& r : writes) {
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(r.error_code(), "forbidden");
    }
    EXPECT_EQ(clara.get("/api/v1/resources/" + world->a.resource).json()["status"], "active");
}

TEST_F(ResourceMapApi, bad_input_is_refused_with_the_field_named_and_nothing_written) {
    Client anna = signed_in(world->a, "therapist");
    std::string client = fresh_client(anna);
    std::string id = add_resource(anna, client, {{"title", "Choir"}, {"category", "social"}});
    struct Case {
        std::string path;
        json body;
        std::string field;
    };
    const std::string ratings = "/api/v1/resources/" + id + "/ratings";
    const std::string resources = "/api/v1/clients/" + client + "/resources";
    std::vector<Case> cases = {
        {ratings, {{"availability", 11}, {"activation", 5}}, "availability"},
        {ratings, {{"availability", 5}, {"activation", -1}}, "activation"},
        {ratings, {{"availability", 5}}, "activation"},
        {ratings, {{"availability", "5"}, {"activation", 5}}, "availability"},
        {ratings, {{"availability", 5}, {"activation", 5}, {"rated_at", ago(-2)}}, "rated_at"},
        {ratings, {{"availability", 5}, {"activation", 5}, {"rated_at", "last week"}}, "rated_at"},
        {resources, {{"title", "x"}, {"category", "hobby"}}, "category"},
        {resources,
         {{"title", "x"}, {"category", "strength"}, {"strength_code", "humour"}},
         "strength_code"},
        {resources, {{"title", "x"}, {"category", "skill"}, {"source", "friend"}}, "source"},
        {resources, {{"title", ""}, {"category", "skill"}}, "title"},
        {resources, {{"category", "skill"}}, "title"},
        {resources, {{"title", "x"}, {"category", "skill"}, {"colour", "red"}}, "colour"},
        {resources,
         {{"title", "x"}, {"category", "skill"}, {"evidence", std::string(4001, 'e')}},
         "evidence"},
        {"/api/v1/goals/" + world->a.goal + "/ratings", {{"value", 11}}, "value"},
        {"/api/v1/clients/" + client + "/goals",
         {{"title", "Other client's resource"}, {"resource_ids", {world->a.resource}}},
         "resource_ids"},
        {"/api/v1/clients/" + client + "/problems",
         {{"title", "x"}, {"status", "achieved"}},
         "status"},
    };
    for (const auto& c : cases) {
        auto r = anna.post(c.path, c.body);
        EXPECT_EQ(r.status, 400) << c.path << " " << c.body.dump() << ": " << r.body;
        EXPECT_EQ(r.json()["error"]["field"], c.field) << c.body.dump() << ": " << r.body;
        EXPECT_FALSE(r.json()["error"]["message"].get<std::string>().empty());
    }
    EXPECT_EQ(anna.get(ratings).json()["items"].size(), 0u);
    EXPECT_EQ(anna.get(resources + "?status=all").json()["items"].size(), 1u);
    EXPECT_EQ(anna.get("/api/v1/clients/" + client + "/goals").json()["items"].size(), 0u);
    EXPECT_EQ(anna.get("/api/v1/clients/" + client + "/problems").json()["items"].size(), 0u);

    // A goal of this client may not link another practice's or another client's resource, even
    // by PATCH; nothing changes.
    auto goal = anna.post("/api/v1/clients/" + client + "/goals",
                          {{"title", "Sing again"}, {"resource_ids", {id}}});
    ASSERT_EQ(goal.status, 201) << goal.body;
    std::string goal_id = goal.json()["id"];
    auto foreign = anna.patch("/api/v1/goals/" + goal_id, {{"resource_ids", {world->b.resource}}});
    EXPECT_EQ(foreign.status, 400);
    EXPECT_EQ(anna.get("/api/v1/goals/" + goal_id).json()["resource_ids"], json::array({id}));

    // An archived resource is not rated until restored.
    ASSERT_EQ(anna.del("/api/v1/resources/" + id).status, 200);
    auto archived = anna.post(ratings, {{"availability", 5}, {"activation", 5}});
    EXPECT_EQ(archived.status, 409);
    ASSERT_EQ(anna.patch("/api/v1/resources/" + id, {{"status", "active"}}).status, 200);
    EXPECT_EQ(anna.post(ratings, {{"availability", 5}, {"activation", 5}}).status, 201);
}

TEST_F(ResourceMapApi, goals_and_problems_are_scaled_over_time_beside_the_resources) {
    Client anna = signed_in(world->a, "therapist");
    Client mia = signed_in(world->a, "client");
    std::string client = fresh_client(anna);
    std::string walk = add_resource(anna, client, {{"title", "Walks"}, {"category", "body"}});
    std::string friends =
        add_resource(anna, client, {{"title", "Friends"}, {"category", "social"}});
    ASSERT_EQ(anna.post("/api/v1/resources/" + walk + "/ratings",
                        {{"availability", 4}, {"activation", 2}, {"rated_at", ago(14)}})
                  .status,
              201);
    ASSERT_EQ(anna.post("/api/v1/resources/" + friends + "/ratings",
                        {{"availability", 6}, {"activation", 3}, {"rated_at", ago(14)}})
                  .status,
              201);
    ASSERT_EQ(anna.post("/api/v1/resources/" + walk + "/ratings",
                        {{"availability", 8}, {"activation", 7}, {"rated_at", ago(7)}})
                  .status,
              201);
    auto goal = anna.post("/api/v1/clients/" + client + "/goals",
                          {{"title", "Sleep through the night"},
                           {"description", "Most nights of the week"},
                           {"resource_ids", {walk, friends, walk}}});
    ASSERT_EQ(goal.status, 201) << goal.body;
    EXPECT_EQ(goal.json()["resource_ids"].size(), 2u);
    EXPECT_EQ(goal.json()["status"], "active");
    std::string goal_id = goal.json()["id"];
    auto problem = anna.post("/api/v1/clients/" + client + "/problems", {{"title", "Nightmares"}});
    ASSERT_EQ(problem.status, 201);
    std::string problem_id = problem.json()["id"];
    EXPECT_FALSE(problem.json().contains("resource_ids"));
    ASSERT_EQ(anna.post("/api/v1/problems/" + problem_id + "/ratings",
                        {{"value", 8}, {"rated_at", ago(14)}})
                  .status,
              201);
    ASSERT_EQ(anna.post("/api/v1/problems/" + problem_id + "/ratings",
                        {{"value", 5}, {"rated_at", ago(7)}})
                  .status,
              201);
    ASSERT_EQ(
        anna.post("/api/v1/goals/" + goal_id + "/ratings", {{"value", 3}, {"rated_at", ago(7)}})
            .status,
        201);

    // A problem id is not a goal.
    EXPECT_EQ(anna.get("/api/v1/goals/" + problem_id).status, 404);
    EXPECT_EQ(anna.get("/api/v1/problems/" + goal_id).status, 404);
    auto history = anna.get("/api/v1/problems/" + problem_id + "/ratings").json()["items"];
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0]["value"], 8);
    EXPECT_EQ(history[1]["value"], 5);

    // Balance, worked by hand: day -14: availability (4+6)/2 = 5, activation (2+3)/2 = 2.5,
    // problem 8, no goal rating yet. Day -7: walk re-rated, so (8+6)/2 = 7 and (7+3)/2 = 5;
    // problem 5; goal 3.
    auto points = anna.get("/api/v1/clients/" + client + "/balance").json()["points"];
    ASSERT_EQ(points.size(), 2u) << points.dump();
    EXPECT_EQ(points[0]["date"], ago(14).substr(0, 10));
    EXPECT_DOUBLE_EQ(points[0]["resource_availability"].get<double>(), 5.0);
    EXPECT_DOUBLE_EQ(points[0]["resource_activation"].get<double>(), 2.5);
    EXPECT_DOUBLE_EQ(points[0]["problem_intensity"].get<double>(), 8.0);
    EXPECT_TRUE(points[0]["goal_progress"].is_null());
    EXPECT_DOUBLE_EQ(points[1]["resource_availability"].get<double>(), 7.0);
    EXPECT_DOUBLE_EQ(points[1]["resource_activation"].get<double>(), 5.0);
    EXPECT_DOUBLE_EQ(points[1]["problem_intensity"].get<double>(), 5.0);
    EXPECT_DOUBLE_EQ(points[1]["goal_progress"].get<double>(), 3.0);

    auto achieved = anna.patch("/api/v1/goals/" + goal_id, {{"status", "achieved"}});
    ASSERT_EQ(achieved.status, 200);
    EXPECT_EQ(achieved.json()["status"], "achieved");
    EXPECT_EQ(anna.patch("/api/v1/goals/" + goal_id, {{"status", "resolved"}}).status, 400);
    // Someone else's client: the goal cannot be scaled by Mia.
    EXPECT_EQ(mia.post("/api/v1/goals/" + goal_id + "/ratings", {{"value", 5}}).status, 404);
}

TEST_F(ResourceMapApi, the_coping_card_is_the_clients_to_write_and_lists_stabilising_resources) {
    Client anna = signed_in(world->a, "therapist");
    Client mia = signed_in(world->a, "client");
    const std::string path = "/api/v1/clients/" + world->a.client + "/coping-card";
    std::string calm = add_resource(
        anna, world->a.client,
        {{"title", "Breathing out slowly"}, {"category", "body"}, {"stabilising", true}});
    json card = {
        {"contacts", {{{"name", "Lena"}, {"phone", "+49 170 0000000"}, {"note", "any time"}}}},
        {"calming_steps", {" Feet on the floor ", "", "Name five things I see"}},
        {"reasons", {"My dog"}}};
    auto saved = mia.request("PUT", path, card.dump());
    ASSERT_EQ(saved.status, 200) << saved.body;
    auto got = anna.get(path).json();
    EXPECT_EQ(got["contacts"][0]["name"], "Lena");
    EXPECT_EQ(got["calming_steps"], json::array({"Feet on the floor", "Name five things I see"}));
    EXPECT_FALSE(got["updated_at"].is_null());
    bool listed = false;
    for (const auto& r : got["stabilising_resources"])
        listed |= r["id"] == calm;
    EXPECT_TRUE(listed) << got.dump();

    json too_many = {{"contacts", json::array()}};
    for (int i = 0; i < 11; ++i)
        too_many["contacts"].push_back({{"name", "n" + std::to_string(i)}});
    EXPECT_EQ(mia.request("PUT", path, too_many.dump()).status, 400);
    EXPECT_EQ(
        mia.request("PUT", path, json{{"contacts", {{{"name", "x"}, {"age", 3}}}}}.dump()).status,
        400);
    EXPECT_EQ(anna.get(path).json()["contacts"][0]["name"], "Lena") << "nothing was written";
}

TEST_F(ResourceMapApi, a_case_has_collective_resources_its_members_can_read) {
    Client anna = signed_in(world->a, "therapist");
    Client mia = signed_in(world->a, "client");
    auto created =
        anna.post("/api/v1/cases", {{"kind", "family"},
                                    {"name", "Family of three"},
                                    {"member_ids", {world->a.client, world->a.client3}}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::string case_id = created.json()["id"];
    EXPECT_EQ(created.json()["therapist_ids"], json::array({world->a.therapist}));
    auto shared = anna.post("/api/v1/cases/" + case_id + "/resources",
                            {{"title", "Sunday dinners together"}, {"category", "social"}});
    ASSERT_EQ(shared.status, 201) << shared.body;
    EXPECT_EQ(shared.json()["case_id"], case_id);
    EXPECT_TRUE(shared.json()["client_id"].is_null());
    std::string shared_id = shared.json()["id"];
    ASSERT_EQ(anna.post("/api/v1/resources/" + shared_id + "/ratings",
                        {{"availability", 7}, {"activation", 4}})
                  .status,
              201);

    auto for_member = mia.get("/api/v1/cases/" + case_id + "/resources");
    ASSERT_EQ(for_member.status, 200) << for_member.body;
    ASSERT_EQ(for_member.json()["items"].size(), 1u);
    EXPECT_EQ(for_member.json()["items"][0]["id"], shared_id);
    auto map = mia.get("/api/v1/cases/" + case_id + "/resource-map").json();
    ASSERT_EQ(map["resources"].size(), 1u);
    EXPECT_EQ(map["resources"][0]["rating"]["availability"], 7);
    // A member sees the case, never another member's own records.
    EXPECT_EQ(mia.get("/api/v1/cases/" + case_id).status, 200);
    EXPECT_EQ(mia.get("/api/v1/clients/" + world->a.client3 + "/resources").status, 404);
    bool listed = false;
    const json cases = mia.get("/api/v1/cases").json()["items"];
    for (const auto& c : cases)
        listed |= c["id"] == case_id;
    EXPECT_TRUE(listed);

    // Members must be the therapist's own clients; a couple is two people.
    auto foreign =
        anna.post("/api/v1/cases", {{"kind", "group"},
                                    {"name", "Mixed"},
                                    {"member_ids", {world->a.client, world->a.client2}}});
    EXPECT_EQ(foreign.status, 400);
    EXPECT_EQ(foreign.json()["error"]["field"], "member_ids");
    auto three = anna.post(
        "/api/v1/cases", {{"kind", "couple"},
                          {"name", "Three"},
                          {"member_ids", {world->a.client, world->a.client3, fresh_client(anna)}}});
    EXPECT_EQ(three.status, 400);
    Client ben = signed_in(world->a, "therapist2");
    EXPECT_EQ(ben.get("/api/v1/cases/" + case_id).status, 404);
    EXPECT_EQ(ben.get("/api/v1/resources/" + shared_id).status, 404);
}

TEST_F(ResourceMapApi, nothing_crosses_practices_and_reads_are_audited_without_clinical_text) {
    Client other = signed_in(world->b, "therapist");
    EXPECT_EQ(other.get("/api/v1/resources/" + world->a.resource).status, 404);
    EXPECT_EQ(other.patch("/api/v1/resources/" + world->a.resource, {{"title", "x"}}).status, 404);
    EXPECT_EQ(other.get("/api/v1/goals/" + world->a.goal).status, 404);
    EXPECT_EQ(other.get("/api/v1/problems/" + world->a.problem).status, 404);
    EXPECT_EQ(other.get("/api/v1/cases/" + world->a.case_id).status, 404);

    Client anna = signed_in(world->a, "therapist");
    ASSERT_EQ(anna.get("/api/v1/resources/" + world->a.hidden_resource).status, 200);
    Client admin = signed_in(world->a, "admin");
    auto audit = admin.get("/api/v1/audit?action=resource.read&limit=200");
    ASSERT_EQ(audit.status, 200) << audit.body;
    bool found = false;
    const json events = audit.json()["items"];
    for (const auto& e : events)
        found |= e["object_id"] == world->a.hidden_resource && e["actor_id"] == world->a.therapist;
    EXPECT_TRUE(found) << audit.body;
    auto all = admin.get("/api/v1/audit?limit=200");
    EXPECT_EQ(all.body.find("Hidden resource"), std::string::npos);
    EXPECT_EQ(all.body.find(kSecretNote), std::string::npos);
    // Admins see no clinical content.
    EXPECT_EQ(admin.get("/api/v1/resources/" + world->a.resource).status, 403);
}

TEST_F(ResourceMapApi, strengths_and_interview_questions_are_served) {
    Client mia = signed_in(world->a, "client");
    auto strengths = mia.get("/api/v1/strengths").json()["items"];
    ASSERT_EQ(strengths.size(), 24u);
    bool perseverance = false;
    for (const auto& s : strengths)
        perseverance |= s["code"] == "perseverance" && s["virtue"] == "courage";
    EXPECT_TRUE(perseverance);
    auto interview = mia.get("/api/v1/resource-interview").json()["categories"];
    ASSERT_EQ(interview.size(), 8u);
    EXPECT_EQ(interview[7]["category"], "success");
    EXPECT_GE(interview[7]["questions"].size(), 2u);
}

TEST_F(ResourceMapApi, strengths_and_interview_come_in_the_readers_language) {
    Client mia = signed_in(world->a, "client");
    // English is the words of the C++ catalogue, unchanged (the server catalogue repeats them).
    json english = mia.get("/api/v1/strengths").json();
    EXPECT_EQ(english["language"], "en");
    ASSERT_EQ(english["items"].size(), resources::strengths().size());
    for (std::size_t i = 0; i < resources::strengths().size(); ++i) {
        EXPECT_EQ(english["items"][i]["name"], resources::strengths()[i].name);
        EXPECT_EQ(english["items"][i]["description"], resources::strengths()[i].description);
    }
    json interview_en = mia.get("/api/v1/resource-interview").json()["categories"];
    for (std::size_t i = 0; i < resources::interview().size(); ++i) {
        EXPECT_EQ(interview_en[i]["title"], resources::interview()[i].title);
        EXPECT_EQ(interview_en[i]["questions"], json(resources::interview()[i].questions));
    }

    auto by_code = [](const json& items, const std::string& code) {
        for (const auto& s : items)
            if (s["code"] == code)
                return s;
        return json();
    };
    json polish = mia.get("/api/v1/strengths?lang=pl").json();
    EXPECT_EQ(polish["language"], "pl");
    EXPECT_EQ(by_code(polish["items"], "perseverance")["name"], "Wytrwałość");
    EXPECT_EQ(by_code(polish["items"], "perseverance")["virtue"], "courage") << "codes stay";
    json german = mia.get("/api/v1/strengths?lang=de-AT").json();
    EXPECT_EQ(german["language"], "de");
    EXPECT_EQ(by_code(german["items"], "gratitude")["name"], "Dankbarkeit");

    json interview_de = mia.get("/api/v1/resource-interview?lang=de").json();
    EXPECT_EQ(interview_de["language"], "de");
    EXPECT_EQ(interview_de["categories"][0]["category"], "strength");
    EXPECT_EQ(interview_de["categories"][0]["title"], "Stärken");
    EXPECT_EQ(interview_de["categories"][0]["questions"][0],
              "Worauf sind Sie bei sich selbst stolz?");
    json interview_pl = mia.get("/api/v1/resource-interview?lang=pl").json()["categories"];
    EXPECT_EQ(interview_pl[7]["title"], "Sukcesy");
    EXPECT_EQ(interview_pl[7]["questions"].size(), resources::interview()[7].questions.size());

    // A language Trove does not speak gets English and says so; a malformed tag is refused.
    json french = mia.get("/api/v1/strengths?lang=fr").json();
    EXPECT_EQ(french["language"], "en");
    EXPECT_EQ(by_code(french["items"], "perseverance")["name"], "Perseverance");
    auto bad = mia.get("/api/v1/resource-interview?lang=%3Cscript%3E");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.json()["error"]["field"], "lang");
}

// A couple's case: each partner's portal shows their own records and what the therapist shared
// with the case, never the other partner's own records, hidden case items or notes.
TEST_F(ResourceMapApi, case_members_see_what_is_shared_with_the_case_and_nothing_of_each_other) {
    const World::Practice& p = world->a;
    Client anna = signed_in(p, "therapist");
    // The second partner gets a portal login of their own.
    const std::string partner_email = "partner-" + crypto::random_base64url(4) + "@example.org";
    {
        accounts::NewUser u{p.id, partner_email, "partner", Role::client, kPassword, p.client3};
        auto made = server->app().accounts().create_user(u, system_event("test"));
        ASSERT_TRUE(made.ok()) << made.error().message;
    }
    Client partner(server->port());
    ASSERT_EQ(partner.login(partner_email, kPassword).status, 200);
    Client mia = signed_in(p, "client");

    const std::string case_path = "/api/v1/cases/" + p.case_id;
    auto made = anna.post(case_path + "/resources",
                          {{"title", "Sunday breakfasts"}, {"category", "social"}});
    ASSERT_EQ(made.status, 201) << made.body;
    auto hidden = anna.post(case_path + "/resources", {{"title", "Hypothesis: rivalry over money"},
                                                       {"category", "meaning"},
                                                       {"visible_to_client", false}});
    ASSERT_EQ(hidden.status, 201) << hidden.body;
    auto own = mia.post("/api/v1/clients/" + p.client + "/journal",
                        {{"kind", "free"}, {"text", "Only mine"}, {"shared", false}});
    ASSERT_EQ(own.status, 201) << own.body;

    for (Client* member : {&mia, &partner}) {
        auto cases = member->get("/api/v1/cases");
        ASSERT_EQ(cases.status, 200);
        ASSERT_EQ(cases.json()["items"].size(), 1u) << cases.body;
        auto list = member->get(case_path + "/resources");
        ASSERT_EQ(list.status, 200) << list.body;
        EXPECT_TRUE(list.body.find("Sunday breakfasts") != std::string::npos);
        EXPECT_EQ(list.body.find("rivalry"), std::string::npos) << "hidden from clients";
        EXPECT_EQ(member->get("/api/v1/resources/" + hidden.json()["id"].get<std::string>()).status,
                  404);
    }
    // Neither partner reaches the other's own records.
    for (const std::string& path :
         {"/api/v1/clients/" + p.client, "/api/v1/clients/" + p.client + "/resources",
          "/api/v1/clients/" + p.client + "/journal", "/api/v1/clients/" + p.client + "/goals",
          "/api/v1/clients/" + p.client + "/timeline",
          "/api/v1/journal/" + own.json()["id"].get<std::string>()}) {
        EXPECT_EQ(partner.get(path).status, 404) << path;
    }
    EXPECT_EQ(mia.get("/api/v1/clients/" + p.client3 + "/resources").status, 404);

    // A couple session: each partner sees its time and their own attendance only, and no note.
    auto session = anna.post(
        "/api/v1/sessions",
        {{"case_id", p.case_id}, {"starts_at", "2026-12-03T17:00:00Z"}, {"duration_min", 90}});
    ASSERT_EQ(session.status, 201) << session.body;
    const std::string sid = session.json()["id"];
    ASSERT_EQ(anna.patch("/api/v1/sessions/" + sid,
                         {{"attendance",
                           {{{"client_id", p.client}, {"status", "attended"}},
                            {{"client_id", p.client3}, {"status", "absent"}}}}})
                  .status,
              200);
    auto note =
        anna.post("/api/v1/sessions/" + sid + "/notes",
                  {{"template", "resource"}, {"fields", {{"coping", "Talked it through"}}}});
    ASSERT_EQ(note.status, 201) << note.body;
    auto seen = partner.get("/api/v1/sessions/" + sid);
    ASSERT_EQ(seen.status, 200) << seen.body;
    ASSERT_EQ(seen.json()["attendance"].size(), 1u) << seen.body;
    EXPECT_EQ(seen.json()["attendance"][0]["client_id"], p.client3);
    EXPECT_EQ(seen.json()["notes"].size(), 0u);
    EXPECT_EQ(partner.get("/api/v1/notes/" + note.json()["id"].get<std::string>()).status, 404);
    EXPECT_EQ(seen.body.find(p.client), std::string::npos) << "not even the other partner's id";

    // The couple's session is on each partner's timeline (for the therapist, with its note).
    auto timeline = anna.get("/api/v1/clients/" + p.client3 + "/timeline");
    ASSERT_EQ(timeline.status, 200) << timeline.body;
    bool found = false;
    const json items = timeline.json()["items"];
    for (const auto& item : items) {
        if (item["kind"] == "session" && item.value("id", "") == sid) {
            found = true;
            EXPECT_EQ(item["case_id"], p.case_id);
            EXPECT_EQ(item["notes"].size(), 1u) << item;
        }
    }
    EXPECT_TRUE(found) << timeline.body;
    EXPECT_EQ(signed_in(p, "therapist2").get("/api/v1/clients/" + p.client3 + "/timeline").status,
              404);
}
