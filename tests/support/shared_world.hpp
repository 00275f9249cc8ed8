#pragma once
// The fixture most API suites share: one Trove (TestServer) and one seeded World of two practices
// for the whole suite, started before its first test and stopped after its last, and the sign-ins
// every suite needs. A suite with more to set up declares its own SetUpTestSuite and calls this
// one's first (and TearDownTestSuite last).

#include <string>

#include <gtest/gtest.h>

#include "test_server.hpp"

namespace trove::testing {

class SharedWorldSuite : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server = new TestServer();
        world = new World(seed_world(server->app()));
    }
    static void TearDownTestSuite() {
        delete world;
        world = nullptr;
        delete server;
        server = nullptr;
    }

    static Client signed_in_as(const std::string& email) {
        Client c(server->port());
        auto r = c.login(email, kPassword);
        EXPECT_EQ(r.status, 200) << email << ": " << r.body;
        return c;
    }
    static Client signed_in(const World::Practice& p, const std::string& who) {
        return signed_in_as(p.email(who));
    }
    //! A client record of its own, for a test that needs an empty record.
    static std::string fresh_client(Client& therapist, const std::string& name = "Fresh client") {
        auto r = therapist.post("/api/v1/clients", {{"display_name", name}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().value("id", "");
    }
    static unsigned short port() { return server->port(); }

    // One suite runs at a time, so the suites deriving from this one can share the two pointers.
    inline static TestServer* server = nullptr;
    inline static World* world = nullptr;
};

}  // namespace trove::testing
