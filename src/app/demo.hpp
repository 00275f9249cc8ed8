#pragma once
// The demo practice that `make run` starts with: an admin, two therapists, a supervisor, and a few
// clients in each caseload, two of them with portal logins. Idempotent: seeding twice changes
// nothing.

#include <string>
#include <vector>

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
Result<std::vector<DemoLogin>> seed_demo(accounts::AccountService& accounts,
                                         clients::ClientService& clients);

}  // namespace trove::app
