#include "domain/accounts/throttle.hpp"
#include "storage/table.hpp"

#include <soci/soci.h>

#include <algorithm>

namespace trove::accounts {

namespace {
constexpr TimeMs kSecond = 1000;
constexpr TimeMs kMinute = 60 * kSecond;
}  // namespace

const ThrottleRule& account_address_rule() {
    static const ThrottleRule rule{5, 15 * kMinute, 1 * kSecond, 15 * kMinute};
    return rule;
}
const ThrottleRule& address_rule() {
    static const ThrottleRule rule{30, 15 * kMinute, 1 * kMinute, 15 * kMinute};
    return rule;
}
const ThrottleRule& account_rule() {
    static const ThrottleRule rule{50, 60 * kMinute, 5 * kSecond, 1 * kMinute};
    return rule;
}

ThrottleState next_state(const ThrottleState& state, const ThrottleRule& rule, TimeMs now) {
    ThrottleState next = state;
    if (now - state.window_start > rule.window_ms && now >= state.blocked_until) {
        next = ThrottleState{0, now, 0};
    }
    next.failures += 1;
    int over = next.failures - rule.free_failures;
    if (over > 0) {
        TimeMs block = rule.base_block_ms;
        for (int i = 1; i < over && block < rule.max_block_ms; ++i)
            block *= 2;
        block = std::min(block, rule.max_block_ms);
        next.blocked_until = std::max(next.blocked_until, now + block);
    }
    return next;
}

std::vector<LoginThrottle::Key> LoginThrottle::keys(const std::string& email,
                                                    const std::string& ip) {
    return {{"pair:" + email + "|" + ip, &account_address_rule()},
            {"addr:" + ip, &address_rule()},
            {"acct:" + email, &account_rule()}};
}

Result<TimeMs> LoginThrottle::wait_ms(const std::string& email, const std::string& ip, TimeMs now) {
    TimeMs wait = 0;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        for (const Key& k : keys(email, ip)) {
            std::string until;
            soci::indicator ind = soci::i_null;
            sql << "SELECT blocked_until FROM login_throttle WHERE throttle_key = :k",
                soci::into(until, ind), soci::use(k.key);
            if (ind != soci::i_ok)
                continue;
            TimeMs t = TRY(storage::stored_time(until, "login_throttle", "blocked_until", "-"));
            wait = std::max(wait, t - now);
        }
        return {};
    }));
    return std::max<TimeMs>(wait, 0);
}

Result<void> LoginThrottle::record_failure(const std::string& email, const std::string& ip,
                                           TimeMs now) {
    return m_db.transact([&](soci::session& sql) -> Result<void> {
        for (const Key& k : keys(email, ip)) {
            ThrottleState state;
            std::string window, until;
            int failures = 0;
            soci::indicator ind = soci::i_null;
            sql << "SELECT failures, window_start, blocked_until FROM login_throttle WHERE "
                   "throttle_key = :k",
                soci::into(failures, ind), soci::into(window), soci::into(until), soci::use(k.key);
            if (ind == soci::i_ok) {
                state = {failures,
                         TRY(storage::stored_time(window, "login_throttle", "window_start", "-")),
                         TRY(storage::stored_time(until, "login_throttle", "blocked_until", "-"))};
            } else {
                state = {0, now, 0};
            }
            ThrottleState next = next_state(state, *k.rule, now);
            std::string next_window = to_rfc3339(next.window_start);
            std::string next_until = to_rfc3339(next.blocked_until);
            sql << "INSERT INTO login_throttle (throttle_key, failures, window_start, "
                   "blocked_until) "
                   "VALUES (:k, :f, :w, :b) ON CONFLICT (throttle_key) DO UPDATE SET failures = "
                   "excluded.failures, window_start = excluded.window_start, blocked_until = "
                   "excluded.blocked_until",
                soci::use(k.key), soci::use(next.failures), soci::use(next_window),
                soci::use(next_until);
        }
        return {};
    });
}

Result<void> LoginThrottle::record_success(const std::string& email, const std::string& ip) {
    return m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string pair = keys(email, ip).front().key;
        sql << "DELETE FROM login_throttle WHERE throttle_key = :k", soci::use(pair);
        return {};
    });
}

}  // namespace trove::accounts
