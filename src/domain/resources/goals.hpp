#pragma once
// Goals (the desired future) and problems (the difficulties the client reports), each rated on a
// 0-10 scale over time; goals link to the resources that support them. Both live in one table and
// one code path, told apart by `Kind`. The balance view sets resource availability/activation
// beside problem intensity and goal progress, day by day.

#include <optional>
#include <string>
#include <vector>

#include "domain/resources/resources.hpp"

namespace trove::resources {

enum class GoalKind { goal, problem };

struct ScaleRating {
    std::string id;
    std::string goal_id;
    int value = 0;
    TimeMs rated_at = 0;
    std::string rated_by_role;
};

struct Goal {
    std::string id;
    std::string client_id;
    GoalKind kind = GoalKind::goal;
    std::string title;
    std::string description;
    std::string status;  // goal: active, achieved, paused, dropped; problem: active, resolved
    std::vector<std::string> resource_ids;  // goals only
    std::optional<ScaleRating> latest_rating;
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
};

struct GoalFields {
    std::optional<std::string> title, description, status;
    std::optional<std::vector<std::string>> resource_ids;
};

struct ScaleInput {
    std::optional<int> value;
    std::optional<std::string> rated_at;
};

//! One day of the balance view: the mean of each record's latest rating so far.
struct BalancePoint {
    std::string date;  // YYYY-MM-DD (UTC)
    std::optional<double> resource_availability, resource_activation, problem_intensity,
        goal_progress;
};

//! Inputs of compute_balance: one rating of one record, and when (if ever) the record left the
//! balance (archived resource, dropped goal, resolved problem).
struct ResourceObservation {
    std::string record_id;
    int availability = 0, activation = 0;
    TimeMs at = 0;
    std::optional<TimeMs> left_at;
};
struct ScaleObservation {
    std::string record_id;
    GoalKind kind = GoalKind::goal;
    int value = 0;
    TimeMs at = 0;
    std::optional<TimeMs> left_at;
};

//! Pure: one point per UTC day on which anything was rated, in date order.
std::vector<BalancePoint> compute_balance(std::vector<ResourceObservation> resources,
                                          std::vector<ScaleObservation> scales);

Result<GoalFields> validate(GoalKind kind, const GoalFields& fields, bool creating);

class GoalService {
public:
    GoalService(storage::Database& db, audit::AuditLog& audit, ResourceService& resources)
        : m_db(db), m_audit(audit), m_resources(resources) {}

    Result<std::vector<Goal>> list(RequestContext& ctx, GoalKind kind,
                                   const std::string& client_id);
    Result<Goal> create(RequestContext& ctx, GoalKind kind, const std::string& client_id,
                        const GoalFields& fields);
    Result<Goal> get(RequestContext& ctx, GoalKind kind, const std::string& id);
    Result<Goal> update(RequestContext& ctx, GoalKind kind, const std::string& id,
                        const GoalFields& fields);
    Result<std::vector<ScaleRating>> ratings(RequestContext& ctx, GoalKind kind,
                                             const std::string& id);
    Result<ScaleRating> rate(RequestContext& ctx, GoalKind kind, const std::string& id,
                             const ScaleInput& input);
    Result<std::vector<BalancePoint>> balance(RequestContext& ctx, const std::string& client_id);

private:
    Result<Goal> locate(RequestContext& ctx, policy::Action action, GoalKind kind,
                        const std::string& id);
    //! `client_view` leaves out links to resources not shared with the client.
    Result<std::optional<Goal>> load(const std::string& id, bool client_view);

    storage::Database& m_db;
    audit::AuditLog& m_audit;
    ResourceService& m_resources;
};

std::string_view to_string(GoalKind kind);

}  // namespace trove::resources
