#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/resources/goals.hpp"

using namespace trove;
using namespace trove::resources;

namespace {

TimeMs at(const char* text) {
    std::optional<TimeMs> t = parse_rfc3339(text);
    EXPECT_TRUE(t.has_value()) << text;
    return t.value_or(0);
}

ResourceObservation res(const char* id, int availability, int activation, const char* when,
                        const char* left = nullptr) {
    ResourceObservation o;
    o.record_id = id;
    o.availability = availability;
    o.activation = activation;
    o.at = at(when);
    if (left)
        o.left_at = at(left);
    return o;
}

ScaleObservation scale(const char* id, GoalKind kind, int value, const char* when,
                       const char* left = nullptr) {
    ScaleObservation o;
    o.record_id = id;
    o.kind = kind;
    o.value = value;
    o.at = at(when);
    if (left)
        o.left_at = at(left);
    return o;
}

std::vector<std::string> dates(const std::vector<BalancePoint>& points) {
    std::vector<std::string> out;
    for (const BalancePoint& p : points)
        out.push_back(p.date);
    return out;
}

// Compares an optional mean with an expected value (nullopt: no mean that day).
void expect_mean(const std::optional<double>& got, std::optional<double> want, const char* what,
                 const std::string& date) {
    if (!want) {
        EXPECT_FALSE(got.has_value()) << what << " on " << date << " is " << got.value_or(-1);
        return;
    }
    ASSERT_TRUE(got.has_value()) << what << " on " << date << " is missing";
    EXPECT_DOUBLE_EQ(*got, *want) << what << " on " << date;
}

void expect_point(const BalancePoint& p, const char* date, std::optional<double> availability,
                  std::optional<double> activation, std::optional<double> intensity,
                  std::optional<double> progress) {
    EXPECT_EQ(p.date, date);
    expect_mean(p.resource_availability, availability, "availability", p.date);
    expect_mean(p.resource_activation, activation, "activation", p.date);
    expect_mean(p.problem_intensity, intensity, "problem intensity", p.date);
    expect_mean(p.goal_progress, progress, "goal progress", p.date);
}

constexpr std::nullopt_t none = std::nullopt;

}  // namespace

// ---- compute_balance ----------------------------------------------------------------------------

TEST(balance, nothing_rated_gives_no_points) {
    EXPECT_TRUE(compute_balance({}, {}).empty());
}

TEST(balance, a_day_averages_the_resources_rated_that_day) {
    auto points = compute_balance(
        {res("r1", 4, 1, "2026-03-01T10:00:00Z"), res("r2", 6, 4, "2026-03-01T11:00:00Z")}, {});
    ASSERT_EQ(points.size(), 1u);
    // availability (4 + 6) / 2 = 5.0, activation (1 + 4) / 2 = 2.5; no goals or problems.
    expect_point(points[0], "2026-03-01", 5.0, 2.5, none, none);
}

TEST(balance, a_later_day_uses_each_resources_latest_rating) {
    auto points = compute_balance(
        {res("r1", 4, 1, "2026-03-01T10:00:00Z"), res("r2", 6, 4, "2026-03-01T11:00:00Z"),
         res("r1", 8, 5, "2026-03-03T09:00:00Z")},
        {});
    // No point for 2 March: nothing was rated then.
    ASSERT_EQ(dates(points), (std::vector<std::string>{"2026-03-01", "2026-03-03"}));
    expect_point(points[0], "2026-03-01", 5.0, 2.5, none, none);
    // r1 now 8/5, r2 still 6/4: (8 + 6) / 2 = 7.0, (5 + 4) / 2 = 4.5.
    expect_point(points[1], "2026-03-03", 7.0, 4.5, none, none);
}

TEST(balance, an_archived_resource_stops_counting_from_the_day_it_left) {
    const char* r2_left = "2026-03-03T14:00:00Z";
    auto points = compute_balance(
        {
            res("r1", 4, 4, "2026-03-01T10:00:00Z"),
            res("r2", 6, 2, "2026-03-01T10:00:00Z", r2_left),
            res("r1", 8, 8, "2026-03-02T10:00:00Z"),
            res("r1", 2, 3, "2026-03-03T09:00:00Z"),  // before r2 left, same day
        },
        {scale("g1", GoalKind::goal, 5, "2026-03-04T10:00:00Z")});
    ASSERT_EQ(dates(points),
              (std::vector<std::string>{"2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"}));
    expect_point(points[0], "2026-03-01", 5.0, 3.0, none, none);  // (4+6)/2, (4+2)/2
    expect_point(points[1], "2026-03-02", 7.0, 5.0, none, none);  // (8+6)/2, (8+2)/2
    expect_point(points[2], "2026-03-03", 2.0, 3.0, none, none);  // r1 alone
    expect_point(points[3], "2026-03-04", 2.0, 3.0, none, 5.0);   // r2 still gone
}

TEST(balance, when_every_resource_has_left_the_day_has_no_resource_means) {
    auto points = compute_balance({res("r1", 7, 7, "2026-03-01T10:00:00Z", "2026-03-02T08:00:00Z")},
                                  {scale("p1", GoalKind::problem, 6, "2026-03-02T18:00:00Z")});
    ASSERT_EQ(points.size(), 2u);
    expect_point(points[0], "2026-03-01", 7.0, 7.0, none, none);
    expect_point(points[1], "2026-03-02", none, none, 6.0, none);
}

TEST(balance, goals_count_as_progress_and_problems_as_intensity) {
    auto points = compute_balance({}, {
                                          scale("g1", GoalKind::goal, 3, "2026-03-01T09:00:00Z"),
                                          scale("p1", GoalKind::problem, 8, "2026-03-01T09:00:00Z"),
                                          scale("p2", GoalKind::problem, 5, "2026-03-01T10:00:00Z"),
                                          scale("g1", GoalKind::goal, 6, "2026-03-02T09:00:00Z"),
                                      });
    ASSERT_EQ(points.size(), 2u);
    // A day with only goal and problem ratings has no resource means.
    expect_point(points[0], "2026-03-01", none, none, 6.5, 3.0);  // problems (8+5)/2
    expect_point(points[1], "2026-03-02", none, none, 6.5, 6.0);  // problems unchanged
}

TEST(balance, a_resolved_problem_and_a_dropped_goal_leave_the_balance) {
    auto points = compute_balance(
        {}, {
                scale("p1", GoalKind::problem, 8, "2026-03-01T09:00:00Z", "2026-03-02T12:00:00Z"),
                scale("p2", GoalKind::problem, 4, "2026-03-01T09:00:00Z"),
                scale("g1", GoalKind::goal, 2, "2026-03-01T09:00:00Z", "2026-03-02T12:00:00Z"),
                scale("g2", GoalKind::goal, 6, "2026-03-01T09:00:00Z"),
                scale("p2", GoalKind::problem, 3, "2026-03-02T09:00:00Z"),
            });
    ASSERT_EQ(points.size(), 2u);
    expect_point(points[0], "2026-03-01", none, none, 6.0, 4.0);  // (8+4)/2, (2+6)/2
    expect_point(points[1], "2026-03-02", none, none, 3.0, 6.0);  // p2 and g2 alone
}

TEST(balance, several_ratings_on_one_day_give_one_point_with_the_days_last_rating) {
    // Given out of order: the evening rating is the latest of 2 March, whatever the input order.
    auto points = compute_balance(
        {res("r1", 9, 9, "2026-03-02T20:00:00Z"), res("r1", 1, 1, "2026-03-02T08:00:00Z"),
         res("r1", 3, 3, "2026-03-01T12:00:00Z")},
        {});
    ASSERT_EQ(points.size(), 2u);
    expect_point(points[0], "2026-03-01", 3.0, 3.0, none, none);
    expect_point(points[1], "2026-03-02", 9.0, 9.0, none, none);  // not (1+9)/2
}

TEST(balance, points_come_out_in_date_order_one_per_utc_day) {
    auto points = compute_balance(
        {res("r1", 5, 5, "2026-03-10T00:00:00Z"), res("r2", 5, 5, "2026-02-28T23:59:59.999Z"),
         res("r3", 5, 5, "2026-03-01T00:00:00Z"), res("r1", 6, 6, "2026-03-10T23:59:59Z")},
        {scale("g1", GoalKind::goal, 1, "2026-03-01T23:00:00Z"),
         scale("p1", GoalKind::problem, 1, "2025-12-31T23:59:59Z")});
    EXPECT_EQ(dates(points),
              (std::vector<std::string>{"2025-12-31", "2026-02-28", "2026-03-01", "2026-03-10"}));
}

TEST(balance, means_are_rounded_to_one_decimal) {
    auto points = compute_balance(
        {res("r1", 1, 0, "2026-03-01T09:00:00Z"), res("r2", 2, 0, "2026-03-01T09:00:00Z"),
         res("r3", 2, 1, "2026-03-01T09:00:00Z")},
        {scale("p1", GoalKind::problem, 1, "2026-03-01T09:00:00Z"),
         scale("p2", GoalKind::problem, 1, "2026-03-01T09:00:00Z"),
         scale("p3", GoalKind::problem, 0, "2026-03-01T09:00:00Z")});
    ASSERT_EQ(points.size(), 1u);
    // 5/3 = 1.666... -> 1.7; 1/3 = 0.333... -> 0.3; 2/3 = 0.666... -> 0.7.
    expect_point(points[0], "2026-03-01", 1.7, 0.3, 0.7, none);
}

// ---- validate(GoalKind, GoalFields) -------------------------------------------------------------

namespace {

GoalFields titled(const char* title) {
    GoalFields f;
    f.title = title;
    return f;
}

std::string refused_field(GoalKind kind, const GoalFields& fields, bool creating) {
    auto r = validate(kind, fields, creating);
    return r.ok() ? "" : r.error().field;
}

}  // namespace

TEST(goal_fields, a_new_goal_or_problem_needs_a_title) {
    EXPECT_EQ(refused_field(GoalKind::goal, GoalFields{}, true), "title");
    EXPECT_EQ(refused_field(GoalKind::problem, GoalFields{}, true), "title");
    EXPECT_EQ(refused_field(GoalKind::goal, titled("   "), true), "title");
    EXPECT_EQ(refused_field(GoalKind::goal, GoalFields{}, false), "");
}

TEST(goal_fields, the_title_is_trimmed) {
    auto r = validate(GoalKind::goal, titled("  Sleep through the night  "), true);
    ASSERT_TRUE(r.ok()) << r.error().field;
    EXPECT_EQ(r.value().title, "Sleep through the night");
}

TEST(goal_fields, a_goal_is_active_achieved_paused_or_dropped) {
    for (const char* status : {"active", "achieved", "paused", "dropped"}) {
        GoalFields f = titled("Run 5 km");
        f.status = status;
        EXPECT_EQ(refused_field(GoalKind::goal, f, true), "") << status;
    }
    for (const char* status : {"resolved", "Active", "done", ""}) {
        GoalFields f = titled("Run 5 km");
        f.status = status;
        EXPECT_EQ(refused_field(GoalKind::goal, f, true), "status") << "'" << status << "'";
    }
}

TEST(goal_fields, a_problem_is_active_or_resolved) {
    for (const char* status : {"active", "resolved"}) {
        GoalFields f = titled("Panic on the train");
        f.status = status;
        EXPECT_EQ(refused_field(GoalKind::problem, f, true), "") << status;
    }
    for (const char* status : {"achieved", "paused", "dropped", "closed"}) {
        GoalFields f = titled("Panic on the train");
        f.status = status;
        EXPECT_EQ(refused_field(GoalKind::problem, f, true), "status") << status;
    }
}

TEST(goal_fields, a_problem_does_not_link_resources) {
    GoalFields f = titled("Panic on the train");
    f.resource_ids = std::vector<std::string>{"res-1"};
    EXPECT_EQ(refused_field(GoalKind::problem, f, true), "resource_ids");

    GoalFields update;
    update.resource_ids = std::vector<std::string>{"res-1", "res-2"};
    EXPECT_EQ(refused_field(GoalKind::problem, update, false), "resource_ids");
}

TEST(goal_fields, duplicate_resource_links_of_a_goal_collapse) {
    GoalFields f = titled("Run 5 km");
    f.resource_ids = std::vector<std::string>{"res-b", "res-a", "res-b", "res-a", "res-c"};
    auto r = validate(GoalKind::goal, f, true);
    ASSERT_TRUE(r.ok()) << r.error().field;
    ASSERT_TRUE(r.value().resource_ids.has_value());
    std::vector<std::string> got = *r.value().resource_ids;
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, (std::vector<std::string>{"res-a", "res-b", "res-c"}));
}

TEST(goal_fields, a_description_over_4000_characters_is_refused) {
    GoalFields ok = titled("Run 5 km");
    ok.description = std::string(4000, 'x');
    EXPECT_EQ(refused_field(GoalKind::goal, ok, true), "");
    GoalFields too_long = titled("Run 5 km");
    too_long.description = std::string(4001, 'x');
    EXPECT_EQ(refused_field(GoalKind::goal, too_long, true), "description");
}
