#pragma once
// Login throttling. Three counters, each a rule over a key:
//  - account+address: after a few failures the pair backs off exponentially (capped), and a success
//    clears it. This is what stops online guessing from one place.
//  - address: many failures across accounts from one place block that place for a while.
//  - account: a distributed attack on one account slows it, but only briefly (the cap is short), so
//    nobody can lock a real user out of their account for long by failing on purpose.
// The rules are pure (next_state); LoginThrottle stores the states in the database, so several
// server instances count together.

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace trove::accounts {

struct ThrottleRule {
    int free_failures;     // failures allowed before any block
    TimeMs window_ms;      // failures older than this are forgotten
    TimeMs base_block_ms;  // first block length; doubles per further failure
    TimeMs max_block_ms;   // cap, so a block always ends soon
};

struct ThrottleState {
    int failures = 0;
    TimeMs window_start = 0;
    TimeMs blocked_until = 0;
};

//! The state after one more failure at `now`.
ThrottleState next_state(const ThrottleState& state, const ThrottleRule& rule, TimeMs now);

const ThrottleRule& account_address_rule();
const ThrottleRule& address_rule();
const ThrottleRule& account_rule();

class LoginThrottle {
public:
    explicit LoginThrottle(storage::Database& db) : m_db(db) {}

    //! Milliseconds until a login for this email from this address may be tried (0 = now).
    Result<TimeMs> wait_ms(const std::string& email, const std::string& ip, TimeMs now);
    Result<void> record_failure(const std::string& email, const std::string& ip, TimeMs now);
    Result<void> record_success(const std::string& email, const std::string& ip);

private:
    struct Key {
        std::string key;
        const ThrottleRule* rule;
    };
    static std::vector<Key> keys(const std::string& email, const std::string& ip);
    storage::Database& m_db;
};

}  // namespace trove::accounts
