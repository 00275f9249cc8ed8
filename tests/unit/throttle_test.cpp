#include <gtest/gtest.h>

#include "domain/accounts/throttle.hpp"

using namespace trove;
using trove::accounts::next_state;
using trove::accounts::ThrottleRule;
using trove::accounts::ThrottleState;

namespace {

constexpr TimeMs T = 1'700'000'000'000;  // an arbitrary "now"
constexpr TimeMs kSecond = 1000;
constexpr TimeMs kMinute = 60 * kSecond;

// The state after `n` failures, all at `now`, starting from `state`.
ThrottleState fail_n(const ThrottleRule& rule, int n, TimeMs now, ThrottleState state = {}) {
    for (int i = 0; i < n; ++i)
        state = next_state(state, rule, now);
    return state;
}

// How long the key is blocked after `n` failures at T.
TimeMs block_after(const ThrottleRule& rule, int n) {
    return fail_n(rule, n, T).blocked_until - T;
}

}  // namespace

TEST(throttle, the_first_failure_opens_a_window_at_the_time_of_failure) {
    ThrottleState s = next_state({}, accounts::account_address_rule(), T);
    EXPECT_EQ(s.failures, 1);
    EXPECT_EQ(s.window_start, T);
    EXPECT_EQ(s.blocked_until, 0);
}

TEST(throttle, the_account_address_pair_allows_five_failures_without_a_block) {
    ThrottleState s = fail_n(accounts::account_address_rule(), 5, T);
    EXPECT_EQ(s.failures, 5);
    EXPECT_EQ(s.blocked_until, 0);
}

TEST(throttle, the_sixth_failure_of_a_pair_blocks_it_for_one_second) {
    EXPECT_EQ(block_after(accounts::account_address_rule(), 6), 1 * kSecond);
}

TEST(throttle, each_further_failure_of_a_pair_doubles_the_block) {
    const auto& rule = accounts::account_address_rule();
    EXPECT_EQ(block_after(rule, 7), 2 * kSecond);
    EXPECT_EQ(block_after(rule, 8), 4 * kSecond);
    EXPECT_EQ(block_after(rule, 9), 8 * kSecond);
    EXPECT_EQ(block_after(rule, 15), 512 * kSecond);
}

TEST(throttle, a_pair_block_is_capped_at_fifteen_minutes) {
    const auto& rule = accounts::account_address_rule();
    EXPECT_EQ(block_after(rule, 16), 15 * kMinute);  // 1024 s would exceed the cap
    EXPECT_EQ(block_after(rule, 200), 15 * kMinute);
}

TEST(throttle, an_address_is_blocked_for_a_minute_after_thirty_failures) {
    const auto& rule = accounts::address_rule();
    EXPECT_EQ(fail_n(rule, 30, T).blocked_until, 0);
    EXPECT_EQ(block_after(rule, 31), 1 * kMinute);
    EXPECT_EQ(block_after(rule, 32), 2 * kMinute);
    EXPECT_EQ(block_after(rule, 34), 8 * kMinute);
    EXPECT_EQ(block_after(rule, 35), 15 * kMinute);  // 16 minutes capped
}

TEST(throttle, an_account_under_attack_is_slowed_only_briefly) {
    const auto& rule = accounts::account_rule();
    EXPECT_EQ(fail_n(rule, 50, T).blocked_until, 0);
    EXPECT_EQ(block_after(rule, 51), 5 * kSecond);
    EXPECT_EQ(block_after(rule, 52), 10 * kSecond);
    EXPECT_EQ(block_after(rule, 54), 40 * kSecond);
    EXPECT_EQ(block_after(rule, 55), 1 * kMinute);  // 80 s capped
    EXPECT_EQ(block_after(rule, 5000), 1 * kMinute);
}

TEST(throttle, the_cap_applies_when_doubling_overshoots_it) {
    const ThrottleRule rule{0, 10 * kMinute, 300, 1000};
    EXPECT_EQ(block_after(rule, 1), 300);
    EXPECT_EQ(block_after(rule, 2), 600);
    EXPECT_EQ(block_after(rule, 3), 1000);  // 1200 capped
    EXPECT_EQ(block_after(rule, 4), 1000);
}

TEST(throttle, failures_older_than_the_window_are_forgotten) {
    const auto& rule = accounts::account_address_rule();  // 15-minute window
    TimeMs now = T + 15 * kMinute + 1;
    ThrottleState s = next_state({4, T, 0}, rule, now);
    EXPECT_EQ(s.failures, 1);
    EXPECT_EQ(s.window_start, now);
    EXPECT_EQ(s.blocked_until, 0);
}

TEST(throttle, a_failure_exactly_at_the_end_of_the_window_still_counts) {
    const auto& rule = accounts::account_address_rule();
    ThrottleState s = next_state({4, T, 0}, rule, T + 15 * kMinute);
    EXPECT_EQ(s.failures, 5);
    EXPECT_EQ(s.window_start, T);
}

TEST(throttle, the_window_is_fixed_at_its_first_failure_rather_than_sliding) {
    const auto& rule = accounts::account_address_rule();
    ThrottleState s = next_state({}, rule, T);
    s = next_state(s, rule, T + 10 * kMinute);
    EXPECT_EQ(s.window_start, T);
    EXPECT_EQ(s.failures, 2);
    // Only 5 minutes after the previous failure, but over 15 since the window opened.
    s = next_state(s, rule, T + 15 * kMinute + 1);
    EXPECT_EQ(s.failures, 1);
    EXPECT_EQ(s.window_start, T + 15 * kMinute + 1);
}

TEST(throttle, failures_during_an_active_block_keep_counting_past_the_window) {
    const auto& rule = accounts::account_address_rule();
    TimeMs now = T + 15 * kMinute + 1;
    ThrottleState s = next_state({20, T, now + 5 * kSecond}, rule, now);
    EXPECT_EQ(s.failures, 21);
    EXPECT_EQ(s.window_start, T);
    EXPECT_EQ(s.blocked_until, now + 15 * kMinute);
}

TEST(throttle, the_count_resets_once_both_the_window_and_the_block_have_passed) {
    const auto& rule = accounts::account_address_rule();
    TimeMs now = T + 16 * kMinute;
    ThrottleState s = next_state({20, T, now}, rule, now);
    EXPECT_EQ(s.failures, 1);
    EXPECT_EQ(s.window_start, now);
    EXPECT_EQ(s.blocked_until, 0);
}

TEST(throttle, a_block_runs_from_the_latest_failure_not_from_the_window_start) {
    const auto& rule = accounts::account_address_rule();
    ThrottleState s = next_state({5, T, 0}, rule, T + 5 * kMinute);
    EXPECT_EQ(s.blocked_until, T + 5 * kMinute + 1 * kSecond);
}

TEST(throttle, a_new_failure_never_shortens_an_existing_block) {
    const auto& rule = accounts::account_address_rule();
    // The sixth failure earns a one-second block, shorter than the one already running.
    ThrottleState s = next_state({5, T, T + 10 * kMinute}, rule, T + kSecond);
    EXPECT_EQ(s.failures, 6);
    EXPECT_EQ(s.blocked_until, T + 10 * kMinute);
    // A failure still within the allowance leaves a running block in place too.
    s = next_state({1, T, T + 10 * kMinute}, rule, T + kSecond);
    EXPECT_EQ(s.failures, 2);
    EXPECT_EQ(s.blocked_until, T + 10 * kMinute);
}
