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
        second = std::make_unique<TestServer>(first->db_path());
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
