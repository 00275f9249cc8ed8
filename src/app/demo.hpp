#pragma once
// The demo practice that `make run` starts with: an admin, three therapists (Marta Nowak works in
// Polish), a supervisor, and a few clients in each caseload, three of them with portal logins
// (Zofia L.'s in Polish). Idempotent: seeding twice changes nothing; a demo made before the
// Polish part gets it.

#include <string>
#include <vector>

#include "app/app.hpp"
#include "core/result.hpp"
#include "domain/accounts/accounts.hpp"
#include "domain/clients/clients.hpp"

namespace trove::app {

struct DemoLogin {
    std::string role;
    std::string email;
    std::string what;
};

constexpr const char* kDemoPassword = "demo-password-2026";

//! Creates the demo practice unless it exists; returns the logins to print.
//! Mia K.'s record also gets a resource map with ten weeks of ratings, goals, problems and a
//! coping card, so the map has a history to move through.
Result<std::vector<DemoLogin>> seed_demo(App& app);

}  // namespace trove::app
