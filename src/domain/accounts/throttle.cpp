#include "domain/accounts/throttle.hpp"

#include <algorithm>

#include "storage/table.hpp"

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

namespace {

// A throttle key holds an email address and an IP address, so no error names it: the row is
// written through the table's description but read by hand, errors naming row "-".
struct ThrottleRecord {
    std::string throttle_key;
    int failures = 0;
    TimeMs window_start = 0, blocked_until = 0;
};

const storage::Table<ThrottleRecord>& throttle_table() {
    static const storage::Table<ThrottleRecord> table{
        "login_throttle",
        {storage::column("throttle_key", &ThrottleRecord::throttle_key),
         storage::column("failures", &ThrottleRecord::failures),
         storage::time_column("window_start", &ThrottleRecord::window_start),
         storage::time_column("blocked_until", &ThrottleRecord::blocked_until)}};
    return table;
}

const std::string& upsert_sql() {
    static const std::string sql =
        "INSERT INTO login_throttle (" + throttle_table().select_list() +
        ") VALUES (?, ?, ?, ?) ON CONFLICT (throttle_key) DO UPDATE SET failures = "
        "excluded.failures, window_start = excluded.window_start, blocked_until = "
        "excluded.blocked_until";
    return sql;
}

}  // namespace

Result<ThrottleWaits> LoginThrottle::waits(const std::string& email, const std::string& ip,
                                           TimeMs now) {
    ThrottleWaits waits;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        const auto all = keys(email, ip);
        TimeMs* slots[] = {&waits.pair, &waits.address, &waits.account};
        for (std::size_t i = 0; i < all.size(); ++i) {
            auto until = TRY(r.text(
                "SELECT blocked_until FROM login_throttle WHERE throttle_key = ?", {all[i].key}));
            if (!until)
                continue;
            TimeMs t = TRY(storage::stored_time(*until, "login_throttle", "blocked_until", "-"));
            *slots[i] = std::max<TimeMs>(t - now, 0);
        }
        return {};
    }));
    return waits;
}

Result<void> LoginThrottle::record_failure(const std::string& email, const std::string& ip,
                                           TimeMs now) {
    return m_db.write([&](storage::Tx& tx) -> Result<void> {
        for (const Key& k : keys(email, ip)) {
            ThrottleState state{0, now, 0};
            TRY(
                tx.each("SELECT failures, window_start, blocked_until FROM login_throttle WHERE "
                        "throttle_key = ?",
                        {k.key}, [&](const storage::Row& row) -> Result<void> {
                            auto failures = row.integer(0);
                            if (!failures)
                                return storage::undecodable("login_throttle", "failures", "-");
                            state = {static_cast<int>(*failures),
                                     TRY(storage::stored_time(row.text(1), "login_throttle",
                                                              "window_start", "-")),
                                     TRY(storage::stored_time(row.text(2), "login_throttle",
                                                              "blocked_until", "-"))};
                            return {};
                        }));
            ThrottleState next = next_state(state, *k.rule, now);
            ThrottleRecord rec{k.key, next.failures, next.window_start, next.blocked_until};
            TRY(tx.exec(upsert_sql(), throttle_table().values(rec)));
        }
        return {};
    });
}

Result<void> LoginThrottle::record_success(const std::string& email, const std::string& ip) {
    return m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(tx.exec("DELETE FROM login_throttle WHERE throttle_key = ?",
                    {keys(email, ip).front().key}));
        return {};
    });
}

}  // namespace trove::accounts
