// Two Trove instances on one PostgreSQL database behave as one: sessions, logout, throttling and
// the audit chain are shared. Runs only in the PostgreSQL pass of the suite.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <soci/soci.h>

#include "test_server.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

class MultiInstance : public ::testing::Test {
protected:
    void SetUp() override {
        if (!testing_postgres())
            GTEST_SKIP() << "multi-instance runs on PostgreSQL only";
        first = std::make_unique<TestServer>();
        world = seed_world(first->app());
        second = std::make_unique<TestServer>(first->db_path(), first->master_key_file());
    }
    std::unique_ptr<TestServer> first, second;
    World world;
};

TEST_F(MultiInstance,
       a_session_made_on_one_instance_works_on_the_other_and_logout_ends_it_on_both) {
    Client on_first(first->port());
    ASSERT_EQ(on_first.login(world.a.email("therapist"), kPassword).status, 200);
    // The same cookie and CSRF token, sent to the other instance.
    auto me =
        send(second->port(), "GET", "/api/v1/me", "", {{"Cookie", on_first.session_cookie()}});
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.json()["user"]["email"], world.a.email("therapist"));

    auto logout = send(second->port(), "POST", "/api/v1/auth/logout", "",
                       {{"Cookie", on_first.session_cookie()}, {"X-CSRF-Token", on_first.csrf()}});
    EXPECT_EQ(logout.status, 204);
    EXPECT_EQ(on_first.get("/api/v1/me").status, 401) << "logout on one instance revokes on both";
}

TEST_F(MultiInstance, login_throttling_counts_failures_across_instances) {
    HttpResult last;
    for (int i = 0; i < 7; ++i) {
        unsigned short port = i % 2 == 0 ? first->port() : second->port();
        last = send(
            port, "POST", "/api/v1/auth/login",
            json{{"email", world.b.email("therapist")}, {"password", "wrong guess again"}}.dump(),
            {{"Content-Type", "application/json"}});
    }
    EXPECT_EQ(last.status, 429);
    EXPECT_FALSE(last.headers["retry-after"].empty());
}

TEST_F(MultiInstance, concurrent_writers_on_both_instances_keep_one_unbroken_audit_chain) {
    Client a1(first->port()), a2(second->port());
    ASSERT_EQ(a1.login(world.a.email("therapist"), kPassword).status, 200);
    ASSERT_EQ(a2.login(world.a.email("therapist2"), kPassword).status, 200);
    std::atomic<int> failures{0};
    auto work = [&](const Client& c, const std::string& prefix) {
        for (int i = 0; i < 25; ++i) {
            auto created =
                c.post("/api/v1/clients", {{"display_name", prefix + std::to_string(i)}});
            if (created.status != 201)
                ++failures;
            if (c.get("/api/v1/clients?limit=5").status != 200)
                ++failures;
        }
    };
    std::thread t1(work, std::cref(a1), "first "), t2(work, std::cref(a2), "second ");
    t1.join();
    t2.join();
    EXPECT_EQ(failures.load(), 0);
    first->stop();
    second->stop();
    auto report = first->app().audit().verify();
    ASSERT_TRUE(report.ok()) << report.error().internal;
    EXPECT_TRUE(report->intact) << report->first_problem;
    EXPECT_GE(report->events_checked, 100);
}

TEST_F(MultiInstance, connections_killed_by_the_server_are_re_established) {
    Client c(first->port());
    ASSERT_EQ(c.login(world.a.email("therapist"), kPassword).status, 200);
    ASSERT_EQ(c.get("/api/v1/clients").status, 200);
    // What a PostgreSQL restart or failover does to every open connection.
    const char* admin_url = std::getenv("TROVE_TEST_PG_URL");
    auto admin = storage::Database::open({admin_url, 1, false});
    ASSERT_TRUE(admin.ok());
    std::string db_name = first->db_path().substr(first->db_path().rfind('/') + 1);
    auto killed = (*admin)->with_session([&](soci::session& sql) -> Result<void> {
        sql << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :d "
               "AND pid <> "
               "pg_backend_pid()",
            soci::use(db_name);
        return {};
    });
    ASSERT_TRUE(killed.ok()) << killed.error().internal;
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(send(first->port(), "GET", "/readyz").status, 200);
        EXPECT_EQ(c.get("/api/v1/clients").status, 200);
    }
    EXPECT_EQ(c.post("/api/v1/clients", {{"display_name", "After the restart"}}).status, 201);
}

// A PostgreSQL outage: Trove answers 503 quickly while the server is gone and recovers by itself.
// Uses a server of its own, since stopping the suite's shared one would disturb other tests.
TEST(PostgresOutage, requests_get_503_while_the_database_is_down_and_succeed_after) {
    if (!testing_postgres())
        GTEST_SKIP() << "runs on PostgreSQL only";
    TempDir dir;
    const std::string script = std::string(TROVE_SOURCE_DIR) + "/scripts/pg-test-server";
    const std::string server_dir = dir.path() + "/pg";
    std::string url;
    {
        FILE* out = popen((script + " start " + server_dir).c_str(), "r");
        ASSERT_NE(out, nullptr);
        char line[512] = {};
        if (fgets(line, sizeof line, out))
            url = line;
        ASSERT_EQ(pclose(out), 0);
        while (!url.empty() && (url.back() == '\n' || url.back() == '\r'))
            url.pop_back();
    }
    ASSERT_FALSE(url.empty());
    struct StopServer {
        std::string command;
        ~StopServer() { (void)std::system(command.c_str()); }
    } stop_server{script + " stop " + server_dir + " >/dev/null 2>&1"};

    TempDir keys;
    TestServer server(url, keys.path() + "/master.key");
    seed_world(server.app());
    EXPECT_EQ(send(server.port(), "GET", "/readyz").status, 200);

    ASSERT_EQ(std::system((script + " pause " + server_dir).c_str()), 0);
    auto ready = send(server.port(), "GET", "/readyz");
    EXPECT_EQ(ready.status, 503);
    EXPECT_EQ(ready.error_code(), "database_unavailable");
    auto login = send(server.port(), "POST", "/api/v1/auth/login",
                      json{{"email", "nobody@example.org"}, {"password", "whatever it is"}}.dump(),
                      {{"Content-Type", "application/json"}});
    EXPECT_EQ(login.status, 503) << login.body;
    EXPECT_FALSE(login.headers["retry-after"].empty());

    ASSERT_EQ(std::system((script + " resume " + server_dir).c_str()), 0);
    EXPECT_EQ(send(server.port(), "GET", "/readyz").status, 200);
    EXPECT_EQ(send(server.port(), "GET", "/readyz").status, 200);
    server.stop();
}
