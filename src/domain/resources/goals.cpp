#include "domain/resources/goals.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/ids.hpp"
#include "domain/resources/text.hpp"
#include "storage/table.hpp"

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

std::optional<GoalKind> parse_kind(const std::string& s) {
    if (s == "goal")
        return GoalKind::goal;
    if (s == "problem")
        return GoalKind::problem;
    return std::nullopt;
}

Result<std::vector<ScaleRating>> scale_ratings_of(soci::session& sql, const std::string& goal_id) {
    std::vector<ScaleRating> out;
    ScaleRating row;
    std::string rated_at;
    soci::statement st =
        (sql.prepare << "SELECT id, goal_id, value, rated_at, rated_by_role FROM scale_ratings "
                        "WHERE goal_id = :g ORDER BY rated_at, id",
         soci::into(row.id), soci::into(row.goal_id), soci::into(row.value), soci::into(rated_at),
         soci::into(row.rated_by_role), soci::use(goal_id));
    st.execute(false);
    while (st.fetch()) {
        ScaleRating r = row;
        r.rated_at = TRY(storage::stored_time(rated_at, "scale_ratings", "rated_at", r.id));
        out.push_back(std::move(r));
    }
    return out;
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
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        Goal g;
        std::string kind, created_at, updated_at;
        std::string practice_id;
        sql << "SELECT id, practice_id, client_id, kind, title, description, status, created_at, "
               "updated_at FROM goals WHERE id = :id",
            soci::into(g.id), soci::into(practice_id), soci::into(g.client_id), soci::into(kind),
            soci::into(g.title), soci::into(g.description), soci::into(g.status),
            soci::into(created_at), soci::into(updated_at), soci::use(id);
        if (!sql.got_data())
            return {};
        g.title = TRY(m_resources.vault().open(sql, practice_id, g.title));
        g.description = TRY(m_resources.vault().open(sql, practice_id, g.description));
        auto parsed_kind = parse_kind(kind);
        if (!parsed_kind)
            return storage::undecodable("goals", "kind", g.id);
        g.kind = *parsed_kind;
        g.created_at = TRY(storage::stored_time(created_at, "goals", "created_at", g.id));
        g.updated_at = TRY(storage::stored_time(updated_at, "goals", "updated_at", g.id));
        std::string resource_id;
        soci::statement st =
            (sql.prepare << std::string("SELECT l.resource_id FROM goal_resources l JOIN resources "
                                        "r ON r.id = l.resource_id WHERE l.goal_id = :g") +
                                (client_view ? " AND r.visible_to_client = 1" : "") +
                                " ORDER BY l.resource_id",
             soci::into(resource_id), soci::use(id));
        st.execute(false);
        while (st.fetch())
            g.resource_ids.push_back(resource_id);
        auto ratings = TRY(scale_ratings_of(sql, id));
        if (!ratings.empty())
            g.latest_rating = ratings.back();
        found = std::move(g);
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

Result<void> GoalService::check_links(soci::session& sql, const std::string& client_id,
                                      const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
        int n = 0;
        sql << "SELECT COUNT(*) FROM resources WHERE id = :id AND client_id = :c AND status <> "
               "'archived'",
            soci::into(n), soci::use(id), soci::use(client_id);
        if (n == 0) {
            return Error::invalid("resource_ids",
                                  "Every linked resource must be one of this client's current "
                                  "resources.");
        }
    }
    return {};
}

Result<std::vector<Goal>> GoalService::list(RequestContext& ctx, GoalKind kind,
                                            const std::string& client_id) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read, Owner::client(client_id)));
    std::vector<std::string> ids;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string id, kind_text(noun(kind));
        soci::statement st = (sql.prepare << "SELECT id FROM goals WHERE client_id = :c AND kind = "
                                             ":k ORDER BY created_at, id",
                              soci::into(id), soci::use(client_id), soci::use(kind_text));
        st.execute(false);
        while (st.fetch())
            ids.push_back(id);
        return {};
    }));
    std::vector<Goal> out;
    const bool client_view = !policy::sees_therapist_only(ctx.actor);
    for (const std::string& id : ids) {
        auto g = TRY(load(id, client_view));
        if (g)
            out.push_back(std::move(*g));
    }
    ctx.audit(std::string(noun(kind)) + ".list", "client", client_id);
    return out;
}

Result<Goal> GoalService::create(RequestContext& ctx, GoalKind kind, const std::string& client_id,
                                 const GoalFields& input) {
    TRY(m_resources.authorize(ctx, policy::Action::record_write, Owner::client(client_id)));
    GoalFields fields = TRY(validate(kind, input, true));
    const std::string id = new_id();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::vector<std::string> links = fields.resource_ids.value_or(std::vector<std::string>{});
        TRY(check_links(sql, client_id, links));
        std::string now = to_rfc3339(now_ms()), kind_text(noun(kind));
        vault::Vault& vault = m_resources.vault();
        std::string title = TRY(vault.seal(sql, ctx.actor.practice_id, *fields.title));
        std::string description =
            TRY(vault.seal(sql, ctx.actor.practice_id, fields.description.value_or("")));
        std::string status = fields.status.value_or("active");
        sql << "INSERT INTO goals (id, practice_id, client_id, kind, title, description, status, "
               "created_by, created_at, updated_at, status_changed_at) VALUES (:id, :p, :c, :k, "
               ":t, :d, :s, :b, :ca, :ua, :sa)",
            soci::use(id), soci::use(ctx.actor.practice_id), soci::use(client_id),
            soci::use(kind_text), soci::use(title), soci::use(description), soci::use(status),
            soci::use(ctx.actor.user_id), soci::use(now), soci::use(now), soci::use(now);
        for (const std::string& r : links) {
            sql << "INSERT INTO goal_resources (practice_id, goal_id, resource_id) VALUES (:p, "
                   ":g, :r)",
                soci::use(ctx.actor.practice_id), soci::use(id), soci::use(r);
        }
        return m_audit.append_in(sql,
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        vault::Vault& vault = m_resources.vault();
        if (fields.title) {
            std::string title = TRY(vault.seal(sql, ctx.actor.practice_id, *fields.title));
            sql << "UPDATE goals SET title = :t WHERE id = :id", soci::use(title), soci::use(id);
        }
        if (fields.description) {
            std::string description =
                TRY(vault.seal(sql, ctx.actor.practice_id, *fields.description));
            sql << "UPDATE goals SET description = :t WHERE id = :id", soci::use(description),
                soci::use(id);
        }
        if (fields.status && *fields.status != current.status) {
            sql << "UPDATE goals SET status = :s, status_changed_at = :t WHERE id = :id",
                soci::use(*fields.status), soci::use(now), soci::use(id);
        }
        if (fields.resource_ids) {
            TRY(check_links(sql, current.client_id, *fields.resource_ids));
            sql << "DELETE FROM goal_resources WHERE goal_id = :g", soci::use(id);
            for (const std::string& r : *fields.resource_ids) {
                sql << "INSERT INTO goal_resources (practice_id, goal_id, resource_id) VALUES "
                       "(:p, :g, :r)",
                    soci::use(ctx.actor.practice_id), soci::use(id), soci::use(r);
            }
        }
        sql << "UPDATE goals SET updated_at = :t WHERE id = :id", soci::use(now), soci::use(id);
        return m_audit.append_in(sql,
                                 {ctx.event(std::string(noun(kind)) + ".update", noun(kind), id)});
    }));
    return *TRY(load(id, false));
}

Result<std::vector<ScaleRating>> GoalService::ratings(RequestContext& ctx, GoalKind kind,
                                                      const std::string& id) {
    TRY(locate(ctx, policy::Action::record_read, kind, id));
    std::vector<ScaleRating> out;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        out = TRY(scale_ratings_of(sql, id));
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
    ScaleRating rating;
    rating.id = new_id();
    rating.goal_id = id;
    rating.value = *input.value;
    rating.rated_at = TRY(past_time("rated_at", input.rated_at, now_ms()));
    rating.rated_by_role = ctx.actor.role == Role::client ? "client" : "therapist";
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string rated_at = to_rfc3339(rating.rated_at), now = to_rfc3339(now_ms());
        sql << "INSERT INTO scale_ratings (id, practice_id, goal_id, value, rated_at, rated_by, "
               "rated_by_role, created_at) VALUES (:id, :p, :g, :v, :t, :by, :role, :c)",
            soci::use(rating.id), soci::use(ctx.actor.practice_id), soci::use(id),
            soci::use(rating.value), soci::use(rated_at), soci::use(ctx.actor.user_id),
            soci::use(rating.rated_by_role), soci::use(now);
        return m_audit.append_in(sql,
                                 {ctx.event(std::string(noun(kind)) + ".rate", noun(kind), id)});
    }));
    return rating;
}

Result<std::vector<BalancePoint>> GoalService::balance(RequestContext& ctx,
                                                       const std::string& client_id) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read, Owner::client(client_id)));
    const bool client_view = !policy::sees_therapist_only(ctx.actor);
    std::vector<ResourceObservation> resources;
    std::vector<ScaleObservation> scales;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        {
            ResourceObservation row;
            std::string at, archived_at;
            soci::indicator archived_ind = soci::i_null;
            soci::statement st =
                (sql.prepare << std::string("SELECT r.id, rr.availability, rr.activation, "
                                            "rr.rated_at, r.archived_at FROM resource_ratings rr "
                                            "JOIN resources r ON r.id = rr.resource_id WHERE "
                                            "r.client_id = :c") +
                                    (client_view ? " AND r.visible_to_client = 1" : "") +
                                    " ORDER BY rr.rated_at, rr.id",
                 soci::into(row.record_id), soci::into(row.availability),
                 soci::into(row.activation), soci::into(at), soci::into(archived_at, archived_ind),
                 soci::use(client_id));
            st.execute(false);
            while (st.fetch()) {
                ResourceObservation o = row;
                o.at = TRY(storage::stored_time(at, "resource_ratings", "rated_at", o.record_id));
                if (archived_ind == soci::i_ok)
                    o.left_at = TRY(
                        storage::stored_time(archived_at, "resources", "archived_at", o.record_id));
                resources.push_back(std::move(o));
            }
        }
        ScaleObservation row;
        std::string kind, status, at, changed_at;
        soci::statement st =
            (sql.prepare << "SELECT g.id, g.kind, g.status, g.status_changed_at, s.value, "
                            "s.rated_at FROM scale_ratings s JOIN goals g ON g.id = s.goal_id "
                            "WHERE g.client_id = :c ORDER BY s.rated_at, s.id",
             soci::into(row.record_id), soci::into(kind), soci::into(status),
             soci::into(changed_at), soci::into(row.value), soci::into(at), soci::use(client_id));
        st.execute(false);
        while (st.fetch()) {
            ScaleObservation o = row;
            auto parsed = parse_kind(kind);
            if (!parsed)
                return storage::undecodable("goals", "kind", o.record_id);
            o.kind = *parsed;
            o.at = TRY(storage::stored_time(at, "scale_ratings", "rated_at", o.record_id));
            if (leaves_balance(o.kind, status))
                o.left_at = TRY(
                    storage::stored_time(changed_at, "goals", "status_changed_at", o.record_id));
            scales.push_back(std::move(o));
        }
        return {};
    }));
    ctx.audit("balance.read", "client", client_id);
    return compute_balance(std::move(resources), std::move(scales));
}

}  // namespace trove::resources
