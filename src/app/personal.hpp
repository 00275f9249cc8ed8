#pragma once
// Personal mode (`trove serve --personal`): Trove for one person with no therapist. The database
// holds one practice marked personal, one client record and that client's login; the policy lets
// the person do for their own records what a therapist would (see
// policy::ClientFacts::self_guided). The same services and pages as a practice, not a fork.

#include <string>

#include "app/app.hpp"
#include "core/result.hpp"

namespace trove::app {

struct PersonalLogin {
    std::string email;
    std::string password;  // only when the account was created just now; empty afterwards
};

//! Creates the personal practice, client record and login unless they exist. A non-empty
//! `password` is the login's password (set again on every start, so a forgotten one can be
//! replaced); otherwise a new account gets a random one, returned once.
Result<PersonalLogin> ensure_personal(App& app, const std::string& email,
                                      const std::string& password);

}  // namespace trove::app
