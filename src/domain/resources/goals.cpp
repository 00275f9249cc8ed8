#include "domain/resources/goals.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/ids.hpp"
#include "domain/resources/resource_store.hpp"
#include "domain/resources/text.hpp"

namespace trove::resources {

namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxText = 4000;
constexpr std::size_t kMaxLinks = 50;

const char* noun(GoalKind kind) {
    return kind == GoalKind::goal ? "goal" : "problem";
}

bool valid_status(GoalKind kind, const std::string& s) {
    if (kind == GoalKind::goal)
        return s == "active" || s == "achieved" || s == "paused" || s == "dropped";
    return s == "active" || s == "resolved";
}

// Statuses after which a record no longer counts in the balance.
bool leaves_balance(GoalKind kind, const std::string& s) {
    return kind == GoalKind::goal ? s == "dropped" : s == "resolved";
}

ScaleRating to_scale_rating(const store::ScaleRatingRecord& r) {
    return ScaleRating{r.id, r.goal_id, r.value, r.rated_at, r.rated_by_role};
}

Result<std::vector<ScaleRating>> scale_ratings_of(storage::Reader& reader,
                                                  const std::string& goal_id) {
    std::vector<ScaleRating> out;
    for (const auto& r : TRY(store::scale_ratings().select(
             reader, "WHERE goal_id = ? ORDER BY rated_at, id", {goal_id})))
        out.push_back(to_scale_rating(r));
    return out;
}

// A stored goal with its texts opened, its links (`client_view`: only to resources shared with the
// client) and its latest rating.
Result<Goal> complete(storage::Reader& reader, vault::Vault& vault, const store::GoalRecord& g,
                      bool client_view) {
    Goal out;
    out.id = g.id;
    out.client_id = g.client_id;
    out.kind = g.kind;
    out.title = TRY(vault.open(reader, g.practice_id, g.title));
    out.description = TRY(vault.open(reader, g.practice_id, g.description));
    out.status = g.status;
    out.created_at = g.created_at;
    out.updated_at = g.updated_at;
    static const std::string links_sql =
        "SELECT l.resource_id FROM goal_resources l JOIN resources r ON r.id = l.resource_id "
        "WHERE l.goal_id = ? ORDER BY l.resource_id";
    static const std::string shared_links_sql =
        "SELECT l.resource_id FROM goal_resources l JOIN resources r ON r.id = l.resource_id "
        "WHERE l.goal_id = ? AND r.visible_to_client = 1 ORDER BY l.resource_id";
    out.resource_ids = TRY(reader.texts(client_view ? shared_links_sql : links_sql, {g.id}));
    auto latest = TRY(store::scale_ratings().select_one(
        reader, "WHERE goal_id = ? ORDER BY rated_at DESC, id DESC LIMIT 1", {g.id}));
    if (latest)
        out.latest_rating = to_scale_rating(*latest);
    return out;
}

Result<void> check_links(storage::Tx& tx, const std::string& client_id,
                         const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
        auto n =
            TRY(tx.count("SELECT COUNT(*) FROM resources WHERE id = ? AND client_id = ? AND "
                         "status <> 'archived'",
                         {id, client_id}));
        if (n == 0) {
            return Error::invalid("resource_ids",
                                  "Every linked resource must be one of this client's current "
                                  "resources.");
        }
    }
    return {};
}

Result<void> insert_links(storage::Tx& tx, const std::string& practice_id,
                          const std::string& goal_id, const std::vector<std::string>& ids) {
    for (const std::string& r : ids)
        TRY(store::goal_resources().insert(tx, {practice_id, goal_id, r}));
    return {};
}

std::optional<double> mean(const std::vector<int>& values) {
    if (values.empty())
        return std::nullopt;
    double sum = 0;
    for (int v : values)
        sum += v;
    return std::round(sum / static_cast<double>(values.size()) * 10.0) / 10.0;
}

}  // namespace

std::string_view to_string(GoalKind kind) {
    return noun(kind);
}

Result<GoalFields> validate(GoalKind kind, const GoalFields& in, bool creating) {
    GoalFields out = in;
    if (creating && !in.title) {
        return Error::invalid("title", kind == GoalKind::goal ? "Describe the goal in a few words."
                                                              : "Describe the difficulty in a few "
                                                                "words.");
    }
    if (in.title)
        out.title = TRY(clean_title("title", *in.title, kMaxTitle));
    if (in.description)
        out.description = TRY(clean_text("description", *in.description, kMaxText));
    if (in.status && !valid_status(kind, *in.status)) {
        return Error::invalid("status", kind == GoalKind::goal
                                            ? "A goal's status is active, achieved, paused or "
                                              "dropped."
                                            : "A problem's status is active or resolved.");
    }
    if (in.resource_ids) {
        if (kind == GoalKind::problem)
            return Error::invalid("resource_ids", "Only goals link to resources.");
        std::set<std::string> unique(in.resource_ids->begin(), in.resource_ids->end());
        if (unique.size() > kMaxLinks)
            return Error::invalid("resource_ids", "A goal links at most 50 resources.");
        out.resource_ids = std::vector<std::string>(unique.begin(), unique.end());
    }
    return out;
}

std::vector<BalancePoint> compute_balance(std::vector<ResourceObservation> resources,
                                          std::vector<ScaleObservation> scales) {
    // Walk the days in order, keeping each record's latest rating; a day's point is the mean over
    // records still in the balance at the end of that day.
    std::set<std::string> days;
    auto day_of = [](TimeMs t) { return to_rfc3339(t).substr(0, 10); };
    for (const auto& r : resources)
        days.insert(day_of(r.at));
    for (const auto& s : scales)
        days.insert(day_of(s.at));
    // Stable: two ratings of one record in the same millisecond keep the order they were stored in.
    std::stable_sort(resources.begin(), resources.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });
    std::stable_sort(scales.begin(), scales.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });

    std::map<std::string, const ResourceObservation*> latest_resource;
    std::map<std::string, const ScaleObservation*> latest_scale;
    std::size_t ri = 0, si = 0;
    std::vector<BalancePoint> out;
    for (const std::string& day : days) {
        const std::string day_end_text = day + "T23:59:59.999Z";
        const TimeMs day_end = parse_rfc3339(day_end_text).value_or(0);
        while (ri < resources.size() && resources[ri].at <= day_end) {
            latest_resource[resources[ri].record_id] = &resources[ri];
            ++ri;
        }
        while (si < scales.size() && scales[si].at <= day_end) {
            latest_scale[scales[si].record_id] = &scales[si];
            ++si;
        }
        std::vector<int> availability, activation, intensity, progress;
        for (const auto& [id, obs] : latest_resource) {
            if (obs->left_at && *obs->left_at <= day_end)
                continue;
            availability.push_back(obs->availability);
            activation.push_back(obs->activation);
        }
        for (const auto& [id, obs] : latest_scale) {
            if (obs->left_at && *obs->left_at <= day_end)
                continue;
            (obs->kind == GoalKind::goal ? progress : intensity).push_back(obs->value);
        }
        out.push_back({day, mean(availability), mean(activation), mean(intensity), mean(progress)});
    }
    return out;
}

Result<std::optional<Goal>> GoalService::load(const std::string& id, bool client_view) {
    std::optional<Goal> found;
    if (!looks_like_id(id))
        return found;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto g = TRY(store::goals().select_one(reader, "WHERE id = ?", {id}));
        if (g)
            found = TRY(complete(reader, m_resources.vault(), *g, client_view));
        return {};
    }));
    return found;
}

Result<Goal> GoalService::locate(RequestContext& ctx, policy::Action action, GoalKind kind,
                                 const std::string& id) {
    // The client id is read before the access decision only to know whom to ask about.
    std::optional<Goal> goal = TRY(load(id, !policy::sees_therapist_only(ctx.actor)));
    if (!goal || goal->kind != kind) {
        ctx.audit(policy::audit_name(action), noun(kind), id, Outcome::denied);
        return Error::not_found(noun(kind));
    }
    TRY(m_resources.authorize(ctx, action, Owner::client(goal->client_id)));
    return *goal;
}

Result<std::vector<Goal>> GoalService::list(RequestContext& ctx, GoalKind kind,
                                            const std::string& client_id) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read, Owner::client(client_id)));
    std::vector<Goal> out;
    const bool client_view = !policy::sees_therapist_only(ctx.actor);
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto goals = TRY(store::goals().select(
            reader, "WHERE client_id = ? AND kind = ? ORDER BY created_at, id",
            {client_id, std::string(noun(kind))}));
        for (const store::GoalRecord& g : goals)
            out.push_back(TRY(complete(reader, m_resources.vault(), g, client_view)));
        return {};
    }));
    ctx.audit(std::string(noun(kind)) + ".list", "client", client_id);
    return out;
}

Result<Goal> GoalService::create(RequestContext& ctx, GoalKind kind, const std::string& client_id,
                                 const GoalFields& input) {
    TRY(m_resources.authorize(ctx, policy::Action::record_write, Owner::client(client_id)));
    GoalFields fields = TRY(validate(kind, input, true));
    const std::string id = new_id();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        std::vector<std::string> links = fields.resource_ids.value_or(std::vector<std::string>{});
        TRY(check_links(tx, client_id, links));
        vault::Vault& vault = m_resources.vault();
        store::GoalRecord g;
        g.id = id;
        g.practice_id = ctx.actor.practice_id;
        g.client_id = client_id;
        g.kind = kind;
        g.title = TRY(vault.seal(tx, ctx.actor.practice_id, *fields.title));
        g.description = TRY(vault.seal(tx, ctx.actor.practice_id, fields.description.value_or("")));
        g.status = fields.status.value_or("active");
        g.created_by = ctx.actor.user_id;
        g.created_at = g.updated_at = g.status_changed_at = now_ms();
        TRY(store::goals().insert(tx, g));
        TRY(insert_links(tx, ctx.actor.practice_id, id, links));
        return m_audit.append_in(tx,
                                 {ctx.event(std::string(noun(kind)) + ".create", noun(kind), id)});
    }));
    return *TRY(load(id, false));
}

Result<Goal> GoalService::get(RequestContext& ctx, GoalKind kind, const std::string& id) {
    Goal g = TRY(locate(ctx, policy::Action::record_read, kind, id));
    ctx.audit(std::string(noun(kind)) + ".read", noun(kind), id);
    return g;
}

Result<Goal> GoalService::update(RequestContext& ctx, GoalKind kind, const std::string& id,
                                 const GoalFields& input) {
    Goal current = TRY(locate(ctx, policy::Action::record_write, kind, id));
    GoalFields fields = TRY(validate(kind, input, false));
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        const auto& table = store::goals();
        const storage::Params where{id};
        vault::Vault& vault = m_resources.vault();
        store::GoalRecord g;
        g.updated_at = g.status_changed_at = now_ms();
        if (fields.title) {
            g.title = TRY(vault.seal(tx, ctx.actor.practice_id, *fields.title));
            TRY(table.update(tx, g, {"title"}, "WHERE id = ?", where));
        }
        if (fields.description) {
            g.description = TRY(vault.seal(tx, ctx.actor.practice_id, *fields.description));
            TRY(table.update(tx, g, {"description"}, "WHERE id = ?", where));
        }
        if (fields.status && *fields.status != current.status) {
            g.status = *fields.status;
            TRY(table.update(tx, g, {"status", "status_changed_at"}, "WHERE id = ?", where));
        }
        if (fields.resource_ids) {
            TRY(check_links(tx, current.client_id, *fields.resource_ids));
            TRY(tx.exec("DELETE FROM goal_resources WHERE goal_id = ?", where));
            TRY(insert_links(tx, ctx.actor.practice_id, id, *fields.resource_ids));
        }
        TRY(table.update(tx, g, {"updated_at"}, "WHERE id = ?", where));
        return m_audit.append_in(tx,
                                 {ctx.event(std::string(noun(kind)) + ".update", noun(kind), id)});
    }));
    return *TRY(load(id, false));
}

Result<std::vector<ScaleRating>> GoalService::ratings(RequestContext& ctx, GoalKind kind,
                                                      const std::string& id) {
    TRY(locate(ctx, policy::Action::record_read, kind, id));
    std::vector<ScaleRating> out;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        out = TRY(scale_ratings_of(reader, id));
        return {};
    }));
    ctx.audit(std::string(noun(kind)) + ".ratings.read", noun(kind), id);
    return out;
}

Result<ScaleRating> GoalService::rate(RequestContext& ctx, GoalKind kind, const std::string& id,
                                      const ScaleInput& input) {
    TRY(locate(ctx, policy::Action::rating_write, kind, id));
    if (!input.value)
        return Error::invalid("value", "Give the rating as a number from 0 to 10.");
    if (*input.value < 0 || *input.value > 10)
        return Error::invalid("value", "The rating must be between 0 and 10.");
    store::ScaleRatingRecord r;
    r.id = new_id();
    r.practice_id = ctx.actor.practice_id;
    r.goal_id = id;
    r.value = *input.value;
    r.rated_at = TRY(past_time("rated_at", input.rated_at, now_ms()));
    r.rated_by = ctx.actor.user_id;
    r.rated_by_role = ctx.actor.role == Role::client ? "client" : "therapist";
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        r.created_at = now_ms();
        TRY(store::scale_ratings().insert(tx, r));
        return m_audit.append_in(tx,
                                 {ctx.event(std::string(noun(kind)) + ".rate", noun(kind), id)});
    }));
    return to_scale_rating(r);
}

Result<std::vector<BalancePoint>> GoalService::balance(RequestContext& ctx,
                                                       const std::string& client_id) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read, Owner::client(client_id)));
    const bool client_view = !policy::sees_therapist_only(ctx.actor);
    std::vector<ResourceObservation> resources;
    std::vector<ScaleObservation> scales;
    static const std::string resources_sql =
        "SELECT r.id, rr.availability, rr.activation, rr.rated_at, r.archived_at FROM "
        "resource_ratings rr JOIN resources r ON r.id = rr.resource_id WHERE r.client_id = ? "
        "ORDER BY rr.rated_at, rr.id";
    static const std::string shared_resources_sql =
        "SELECT r.id, rr.availability, rr.activation, rr.rated_at, r.archived_at FROM "
        "resource_ratings rr JOIN resources r ON r.id = rr.resource_id WHERE r.client_id = ? AND "
        "r.visible_to_client = 1 ORDER BY rr.rated_at, rr.id";
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        TRY(reader.each(
            client_view ? shared_resources_sql : resources_sql, {client_id},
            [&](const storage::Row& row) -> Result<void> {
                ResourceObservation o;
                o.record_id = row.text(0);
                auto availability = row.integer(1), activation = row.integer(2);
                if (!availability || !activation)
                    return storage::undecodable("resource_ratings", "availability", o.record_id);
                o.availability = static_cast<int>(*availability);
                o.activation = static_cast<int>(*activation);
                o.at = TRY(
                    storage::stored_time(row.text(3), "resource_ratings", "rated_at", o.record_id));
                o.left_at =
                    TRY(storage::stored_time(row, 4, "resources", "archived_at", o.record_id));
                resources.push_back(std::move(o));
                return {};
            }));
        return reader.each(
            "SELECT g.id, g.kind, g.status, g.status_changed_at, s.value, s.rated_at FROM "
            "scale_ratings s JOIN goals g ON g.id = s.goal_id WHERE g.client_id = ? ORDER BY "
            "s.rated_at, s.id",
            {client_id}, [&](const storage::Row& row) -> Result<void> {
                ScaleObservation o;
                o.record_id = row.text(0);
                auto kind = store::parse_kind(row.text(1));
                if (!kind)
                    return storage::undecodable("goals", "kind", o.record_id);
                o.kind = *kind;
                auto value = row.integer(4);
                if (!value)
                    return storage::undecodable("scale_ratings", "value", o.record_id);
                o.value = static_cast<int>(*value);
                o.at = TRY(
                    storage::stored_time(row.text(5), "scale_ratings", "rated_at", o.record_id));
                if (leaves_balance(o.kind, row.text(2)))
                    o.left_at = TRY(storage::stored_time(row.text(3), "goals", "status_changed_at",
                                                         o.record_id));
                scales.push_back(std::move(o));
                return {};
            });
    }));
    ctx.audit("balance.read", "client", client_id);
    return compute_balance(std::move(resources), std::move(scales));
}

}  // namespace trove::resources
