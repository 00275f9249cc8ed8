#include "domain/safety/alerts.hpp"

#include <algorithm>

#include "core/ids.hpp"
#include "domain/accounts/accounts.hpp"
#include "domain/clients/clients.hpp"
#include "domain/policy/policy.hpp"
#include "domain/resources/text.hpp"
#include "storage/table.hpp"

namespace trove::safety {

namespace {

constexpr TimeMs kHour = 3600LL * 1000;
constexpr std::size_t kMaxNote = 2000;
constexpr int kListLimit = 500;

struct AlertRecord {
    std::string id, practice_id, client_id, kind;
    std::optional<std::string> response_id, entry_id, instrument, item;
    std::optional<int> value;
    std::string message;
    TimeMs created_at = 0;
    std::optional<TimeMs> acknowledged_at;
    std::optional<std::string> acknowledged_by, ack_action, ack_note;  // ack_note sealed
};

const storage::Table<AlertRecord>& alerts() {
    using storage::column;
    static const storage::Table<AlertRecord> table{
        "alerts",
        {column("id", &AlertRecord::id), column("practice_id", &AlertRecord::practice_id),
         column("client_id", &AlertRecord::client_id), column("kind", &AlertRecord::kind),
         column("response_id", &AlertRecord::response_id),
         column("entry_id", &AlertRecord::entry_id),
         column("instrument_id", &AlertRecord::instrument), column("item", &AlertRecord::item),
         column("value", &AlertRecord::value), column("message", &AlertRecord::message),
         storage::time_column("created_at", &AlertRecord::created_at),
         storage::time_column("acknowledged_at", &AlertRecord::acknowledged_at),
         column("acknowledged_by", &AlertRecord::acknowledged_by),
         column("ack_action", &AlertRecord::ack_action),
         column("ack_note", &AlertRecord::ack_note)}};
    return table;
}

// The acknowledger's name for the reader ("Reviewed by Anna Berg"), asked of the accounts store
// as a subquery.
const std::string& select_with_names() {
    static const std::string sql = "SELECT " + alerts().select_list("a") + ", " +
                                   accounts::user_name_sql("a.acknowledged_by") + " FROM alerts a ";
    return sql;
}

struct Decoded {
    Alert alert;
    std::string practice_id, sealed_note;
};

Decoded decoded(AlertRecord r, std::optional<std::string> by_name) {
    Decoded d;
    Alert& a = d.alert;
    d.practice_id = std::move(r.practice_id);
    a.id = std::move(r.id);
    a.client_id = std::move(r.client_id);
    a.kind = std::move(r.kind);
    a.response_id = r.response_id.value_or("");
    a.entry_id = r.entry_id.value_or("");
    a.instrument = r.instrument.value_or("");
    a.item = r.item.value_or("");
    a.value = r.value;
    a.message = std::move(r.message);
    a.created_at = r.created_at;
    if (r.acknowledged_at) {
        Acknowledgement ack;
        ack.at = *r.acknowledged_at;
        ack.by = r.acknowledged_by.value_or("");
        ack.by_name = by_name.value_or("");
        ack.action = r.ack_action.value_or("");
        a.acknowledged = ack;
        d.sealed_note = r.ack_note.value_or("");
    }
    return d;
}

// Runs the SELECT of alerts with the acknowledger's name, followed by `rest`.
Result<std::vector<Decoded>> query(storage::Reader& reader, const std::string& rest,
                                   const storage::Params& params) {
    std::vector<Decoded> out;
    const int name_column = alerts().width();
    TRY(reader.each(select_with_names() + rest, params,
                    [&](const storage::Row& row) -> Result<void> {
                        AlertRecord r = TRY(alerts().decode(row));
                        out.push_back(decoded(std::move(r), row.optional_text(name_column)));
                        return {};
                    }));
    return out;
}

// Opens the acknowledgement notes once the scan is done: a data key not yet cached is read on
// the same connection.
Result<std::vector<Alert>> opened(storage::Reader& reader, vault::Vault& vault,
                                  std::vector<Decoded> rows) {
    std::vector<Alert> out;
    out.reserve(rows.size());
    for (Decoded& d : rows) {
        if (d.alert.acknowledged)
            d.alert.acknowledged->note = TRY(vault.open(reader, d.practice_id, d.sealed_note));
        out.push_back(std::move(d.alert));
    }
    return out;
}

// IN lists are cut into chunks and padded (repeating the last value) to one of two lengths, so
// the statement cache holds two shapes of a query rather than one per list length.
constexpr std::size_t kSmallIn = 8;
constexpr std::size_t kLargeIn = 64;

template <class Fn>
Result<void> for_each_chunk(const std::vector<std::string>& values, const Fn& fn) {
    for (std::size_t start = 0; start < values.size(); start += kLargeIn) {
        const std::size_t n = std::min(kLargeIn, values.size() - start);
        const std::size_t width = n <= kSmallIn ? kSmallIn : kLargeIn;
        storage::Params chunk(values.begin() + static_cast<std::ptrdiff_t>(start),
                              values.begin() + static_cast<std::ptrdiff_t>(start + n));
        const storage::Param last = chunk.back();
        chunk.resize(width, last);
        TRY(fn(storage::placeholders(width), std::move(chunk)));
    }
    return {};
}

// COUNT(*) of the alerts of `client_ids` that also match `condition`, whose placeholders follow
// the ids and take `params`.
Result<std::int64_t> count_for_clients(storage::Reader& reader,
                                       const std::vector<std::string>& client_ids,
                                       const std::string& condition,
                                       const storage::Params& params = {}) {
    // A client named twice must not be counted twice when the two land in different chunks.
    std::vector<std::string> ids = client_ids;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::int64_t count = 0;
    TRY(for_each_chunk(ids, [&](const std::string& marks, storage::Params chunk) -> Result<void> {
        chunk.insert(chunk.end(), params.begin(), params.end());
        count +=
            TRY(reader.count("SELECT COUNT(*) FROM alerts WHERE client_id "
                             "IN (" +
                                 marks + ") AND " + condition,
                             chunk));
        return {};
    }));
    return count;
}

}  // namespace

const std::vector<std::string>& acknowledge_actions() {
    static const std::vector<std::string> all = {"contacted_client", "safety_plan_reviewed",
                                                 "discussed_in_session", "emergency_services",
                                                 "no_action_needed"};
    return all;
}

std::optional<TimeMs> escalation_time(TimeMs created_at, std::optional<TimeMs> acknowledged_at,
                                      int hours, TimeMs now) {
    const TimeMs due = created_at + static_cast<TimeMs>(hours) * kHour;
    const TimeMs open_until = acknowledged_at.value_or(now);
    if (open_until >= due)
        return due;
    return std::nullopt;
}

Result<std::string> AlertService::raise_in(storage::Tx& tx, const std::string& practice_id,
                                           const NewAlert& a, TimeMs at) {
    auto unless_empty = [](const std::string& text) -> std::optional<std::string> {
        if (text.empty())
            return std::nullopt;
        return text;
    };
    AlertRecord r;
    r.id = new_id();
    r.practice_id = practice_id;
    r.client_id = a.client_id;
    r.kind = a.kind;
    r.response_id = unless_empty(a.response_id);
    r.entry_id = unless_empty(a.entry_id);
    r.instrument = unless_empty(a.instrument);
    r.item = unless_empty(a.item);
    r.value = a.value;
    r.message = a.message;
    r.created_at = at;
    TRY(alerts().insert(tx, r));
    return r.id;
}

Result<std::vector<Alert>> AlertService::of_response_in(storage::Reader& reader,
                                                        const std::string& response_id) {
    auto rows = TRY(query(reader, "WHERE a.response_id = ? ORDER BY a.item, a.id", {response_id}));
    return opened(reader, m_resources.vault(), std::move(rows));
}

Result<std::map<std::string, std::vector<Alert>>> AlertService::of_responses_in(
    storage::Reader& reader, const std::vector<std::string>& response_ids) {
    std::vector<Decoded> rows;
    TRY(for_each_chunk(
        response_ids, [&](const std::string& marks, storage::Params chunk) -> Result<void> {
            for (Decoded& d : TRY(query(
                     reader,
                     "WHERE a.response_id IN (" + marks + ") ORDER BY a.response_id, a.item, a.id",
                     chunk)))
                rows.push_back(std::move(d));
            return {};
        }));
    std::map<std::string, std::vector<Alert>> out;
    for (Alert& a : TRY(opened(reader, m_resources.vault(), std::move(rows))))
        out[a.response_id].push_back(std::move(a));
    return out;
}

Result<std::vector<Alert>> AlertService::list(RequestContext& ctx, AlertStatus status, TimeMs now) {
    const policy::ClientScope scope = policy::client_list_scope(ctx.actor);
    if (scope == policy::ClientScope::none) {
        ctx.audit("alert.list", "client", "", Outcome::denied);
        return Error::forbidden("Your role has no caseload.");
    }
    std::string where = "WHERE a.practice_id = ? AND a.client_id IN (" +
                        clients::caseload_subquery(scope, "?") + ")";
    if (status == AlertStatus::open)
        where += " AND a.acknowledged_at IS NULL";
    else if (status == AlertStatus::acknowledged)
        where += " AND a.acknowledged_at IS NOT NULL";
    const PracticeSettings settings = TRY(m_settings.get(ctx.actor.practice_id));
    std::vector<Alert> out;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto rows = TRY(query(
            reader,
            where + " ORDER BY a.created_at DESC, a.id DESC LIMIT " + std::to_string(kListLimit),
            {ctx.actor.practice_id, ctx.actor.user_id}));
        out = TRY(opened(reader, m_resources.vault(), std::move(rows)));
        return {};
    }));
    for (Alert& a : out) {
        a.escalated_at = escalation_time(
            a.created_at, a.acknowledged ? std::optional<TimeMs>(a.acknowledged->at) : std::nullopt,
            settings.alert_escalation_hours, now);
    }
    // What waits longest and is still open comes first.
    std::stable_sort(out.begin(), out.end(), [](const Alert& x, const Alert& y) {
        const bool ex = x.escalated_at && !x.acknowledged;
        const bool ey = y.escalated_at && !y.acknowledged;
        return ex && !ey;
    });
    ctx.audit("alert.list", "client", "");
    return out;
}

Result<int> AlertService::escalated_count(RequestContext& ctx, TimeMs now) {
    if (ctx.actor.role == Role::client) {
        ctx.audit("alert.count", "practice", ctx.actor.practice_id, Outcome::denied);
        return Error::forbidden("Alerts are for the practice's team.");
    }
    const PracticeSettings settings = TRY(m_settings.get(ctx.actor.practice_id));
    std::string sql =
        "SELECT COUNT(*) FROM alerts WHERE practice_id = ? AND acknowledged_at IS NULL AND "
        "created_at <= ?";
    storage::Params params = {ctx.actor.practice_id,
                              to_rfc3339(now - settings.alert_escalation_hours * kHour)};
    // The admin (no caseload) counts the whole practice, as a number only.
    if (std::string caseload =
            clients::caseload_subquery(policy::client_list_scope(ctx.actor), "?");
        !caseload.empty()) {
        sql += " AND client_id IN (" + caseload + ")";
        params.push_back(ctx.actor.user_id);
    }
    std::int64_t count = 0;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        count = TRY(reader.count(sql, params));
        return {};
    }));
    ctx.audit("alert.count", "practice", ctx.actor.practice_id);
    return static_cast<int>(count);
}

Result<std::optional<Alert>> AlertService::load_in(storage::Reader& reader,
                                                   const std::string& practice_id,
                                                   const std::string& alert_id) {
    auto rows = TRY(query(reader, "WHERE a.id = ? AND a.practice_id = ?", {alert_id, practice_id}));
    if (rows.empty())
        return std::optional<Alert>{};
    rows.resize(1);
    auto shown = TRY(opened(reader, m_resources.vault(), std::move(rows)));
    return std::optional<Alert>(std::move(shown.front()));
}

Result<std::pair<std::string, std::string>> AlertService::checked_input(const std::string& action,
                                                                        const std::string& note) {
    const auto& actions = acknowledge_actions();
    if (std::find(actions.begin(), actions.end(), action) == actions.end()) {
        return Error::invalid("action",
                              "Say what was done: contacted_client, safety_plan_reviewed, "
                              "discussed_in_session, emergency_services or no_action_needed.");
    }
    std::string clean = TRY(resources::clean_text("note", note, kMaxNote));
    return std::make_pair(action, clean);
}

Result<Alert> AlertService::acknowledge(RequestContext& ctx, const std::string& alert_id,
                                        const std::string& action, const std::string& note) {
    std::optional<Alert> found;
    if (alert_id.size() <= 64) {
        TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
            found = TRY(load_in(reader, ctx.actor.practice_id, alert_id));
            return {};
        }));
    }
    if (!found) {
        ctx.audit("alert.acknowledge", "alert", alert_id, Outcome::denied);
        return Error::not_found("alert");
    }
    TRY(m_resources.authorize(ctx, policy::Action::alert_acknowledge,
                              resources::Owner::client(found->client_id)));
    auto [checked_action, checked_note] = TRY(checked_input(action, note));
    if (found->acknowledged) {
        return Error::conflict("already_acknowledged",
                               "This alert was already reviewed; its record does not change.");
    }
    std::optional<Alert> out;
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        AlertRecord ack;
        ack.acknowledged_at = now_ms();
        ack.acknowledged_by = ctx.actor.user_id;
        ack.ack_action = checked_action;
        ack.ack_note = TRY(m_resources.vault().seal(tx, ctx.actor.practice_id, checked_note));
        auto changed = TRY(alerts().update(
            tx, ack, {"acknowledged_at", "acknowledged_by", "ack_action", "ack_note"},
            "WHERE id = ? AND acknowledged_at IS NULL", {alert_id}));
        if (changed != 1) {
            return Error::conflict("already_acknowledged",
                                   "This alert was already reviewed; its record does not change.");
        }
        TRY(m_audit.append_in(tx, {ctx.event("alert.acknowledge", "alert", alert_id)}));
        out = TRY(load_in(tx, ctx.actor.practice_id, alert_id));
        return {};
    }));
    const PracticeSettings settings = TRY(m_settings.get(ctx.actor.practice_id));
    out->escalated_at = escalation_time(out->created_at, out->acknowledged->at,
                                        settings.alert_escalation_hours, now_ms());
    return *out;
}

Result<void> AlertService::acknowledge_response(RequestContext& ctx, const std::string& client_id,
                                                const std::string& response_id,
                                                const std::string& action,
                                                const std::string& note) {
    TRY(m_resources.authorize(ctx, policy::Action::alert_acknowledge,
                              resources::Owner::client(client_id)));
    auto [checked_action, checked_note] = TRY(checked_input(action, note));
    return m_db.write([&](storage::Tx& tx) -> Result<void> {
        AlertRecord ack;
        ack.acknowledged_at = now_ms();
        ack.acknowledged_by = ctx.actor.user_id;
        ack.ack_action = checked_action;
        ack.ack_note = TRY(m_resources.vault().seal(tx, ctx.actor.practice_id, checked_note));
        TRY(alerts().update(tx, ack,
                            {"acknowledged_at", "acknowledged_by", "ack_action", "ack_note"},
                            "WHERE response_id = ? AND practice_id = ? AND acknowledged_at IS NULL",
                            {response_id, ctx.actor.practice_id}));
        return m_audit.append_in(tx, {ctx.event("alert.acknowledge", "response", response_id)});
    });
}

Result<bool> AlertService::had_open_risk_in(storage::Reader& reader,
                                            const std::vector<std::string>& client_ids, TimeMs from,
                                            TimeMs to) {
    if (client_ids.empty())
        return false;
    return TRY(count_for_clients(reader, client_ids,
                                 "kind IN ('critical_item', 'low_mood') AND created_at <= ? AND "
                                 "(acknowledged_at IS NULL OR acknowledged_at >= ?)",
                                 {to_rfc3339(to), to_rfc3339(from)})) > 0;
}

Result<int> AlertService::open_count_in(storage::Reader& reader,
                                        const std::vector<std::string>& client_ids) {
    if (client_ids.empty())
        return 0;
    return static_cast<int>(TRY(count_for_clients(reader, client_ids, "acknowledged_at IS NULL")));
}

}  // namespace trove::safety
