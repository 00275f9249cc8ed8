#pragma once
// Login throttling. Three counters, each a rule over a key:
//  - account+address: after a few failures the pair backs off exponentially (capped), and a success
//    clears it. This is what stops online guessing from one place: while it is blocked, sign-ins
//    are refused before the password is checked (unless a second factor comes with them).
//  - address: many failures across accounts from one place block that place for a while.
//  - account: a distributed attack on one account slows it, but only briefly (the cap is short).
// The address and account blocks refuse wrong passwords only: someone else failing from the same
// network, or an attacker failing on purpose, cannot keep a person with the right password (and
// second factor) out of their own account.
// The rules are pure (next_state); LoginThrottle stores the states in the database, so several
// server instances count together.

#include <algorithm>
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

//! How long each counter still blocks (0 = not blocked).
struct ThrottleWaits {
    TimeMs pair = 0;
    TimeMs address = 0;
    TimeMs account = 0;
    TimeMs longest() const { return std::max({pair, address, account}); }
};

class LoginThrottle {
public:
    explicit LoginThrottle(storage::Database& db) : m_db(db) {}

    //! Milliseconds until each counter for this email and address lets sign-ins through.
    Result<ThrottleWaits> waits(const std::string& email, const std::string& ip, TimeMs now);
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
