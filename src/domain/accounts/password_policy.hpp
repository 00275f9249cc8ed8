#pragma once
// Password rules, following NIST SP 800-63B: a minimum length, no composition rules, and a check
// against passwords attackers try first. Pure functions; no I/O.

#include <string_view>

#include "core/result.hpp"

namespace trove::accounts {

constexpr size_t kMinPasswordLength = 12;
constexpr size_t kMaxPasswordLength = 256;  // Argon2 handles more, but nobody types more

//! Ok, or Error{invalid_input, "weak_password", field "password"} with a sentence saying why.
Result<void> check_password(std::string_view password, std::string_view email = {});

}  // namespace trove::accounts
