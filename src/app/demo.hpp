#pragma once
// The demo practice that `make run` starts with: an admin, two therapists, a supervisor, and a few
// clients in each caseload, two of them with portal logins. Idempotent: seeding twice changes
// nothing.

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
