#include "domain/safety/alerts.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "core/ids.hpp"
#include "domain/clients/clients.hpp"
#include "domain/policy/policy.hpp"
#include "domain/resources/text.hpp"

namespace trove::safety {

namespace {

constexpr TimeMs kHour = 3600LL * 1000;
constexpr std::size_t kMaxNote = 2000;
constexpr int kListLimit = 500;

constexpr const char* kColumns =
    "a.id, a.practice_id, a.client_id, a.kind, a.response_id, a.entry_id, a.instrument_id, a.item, "
    "a.value, "
    "a.message, a.created_at, a.acknowledged_at, a.acknowledged_by, a.ack_action, a.ack_note, "
    "u.name";
// The users join gives the acknowledger's name for the reader ("Reviewed by Anna Berg").
constexpr const char* kFrom = " FROM alerts a LEFT JOIN users u ON u.id = a.acknowledged_by ";

struct Row {
    std::string id, practice_id, client_id, kind, response_id, entry_id, instrument, item, message,
        created_at, ack_at, ack_by, action, note, by_name;
    int value = 0;
    soci::indicator response_ind = soci::i_null, entry_ind = soci::i_null,
                    instrument_ind = soci::i_null, item_ind = soci::i_null,
                    value_ind = soci::i_null, ack_at_ind = soci::i_null, ack_by_ind = soci::i_null,
                    action_ind = soci::i_null, note_ind = soci::i_null, name_ind = soci::i_null;
};

void bind(soci::statement& st, Row& r) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.practice_id));
    st.exchange(soci::into(r.client_id));
    st.exchange(soci::into(r.kind));
    st.exchange(soci::into(r.response_id, r.response_ind));
    st.exchange(soci::into(r.entry_id, r.entry_ind));
    st.exchange(soci::into(r.instrument, r.instrument_ind));
    st.exchange(soci::into(r.item, r.item_ind));
    st.exchange(soci::into(r.value, r.value_ind));
    st.exchange(soci::into(r.message));
    st.exchange(soci::into(r.created_at));
    st.exchange(soci::into(r.ack_at, r.ack_at_ind));
    st.exchange(soci::into(r.ack_by, r.ack_by_ind));
    st.exchange(soci::into(r.action, r.action_ind));
    st.exchange(soci::into(r.note, r.note_ind));
    st.exchange(soci::into(r.by_name, r.name_ind));
}

Result<TimeMs> decode_time(const std::string& column, const Row& r, const std::string& text) {
    auto t = parse_rfc3339(text);
    if (!t)
        return Error::internal_error("alerts." + column + " of row " + r.id + " does not decode");
    return *t;
}

struct Decoded {
    Alert alert;
    std::string practice_id, sealed_note;
};

Result<Decoded> decode(const Row& r) {
    Decoded d;
    Alert& a = d.alert;
    d.practice_id = r.practice_id;
    a.id = r.id;
    a.client_id = r.client_id;
    a.kind = r.kind;
    a.response_id = r.response_ind == soci::i_ok ? r.response_id : "";
    a.entry_id = r.entry_ind == soci::i_ok ? r.entry_id : "";
    a.instrument = r.instrument_ind == soci::i_ok ? r.instrument : "";
    a.item = r.item_ind == soci::i_ok ? r.item : "";
    if (r.value_ind == soci::i_ok)
        a.value = r.value;
    a.message = r.message;
    a.created_at = TRY(decode_time("created_at", r, r.created_at));
    if (r.ack_at_ind == soci::i_ok) {
        Acknowledgement ack;
        ack.at = TRY(decode_time("acknowledged_at", r, r.ack_at));
        ack.by = r.ack_by_ind == soci::i_ok ? r.ack_by : "";
        ack.by_name = r.name_ind == soci::i_ok ? r.by_name : "";
        ack.action = r.action_ind == soci::i_ok ? r.action : "";
        a.acknowledged = ack;
        d.sealed_note = r.note_ind == soci::i_ok ? r.note : "";
    }
    return d;
}

// Runs `select` (which binds :p and, when present, :u) and decodes every row.
Result<std::vector<Decoded>> query(soci::session& sql, const std::string& select,
                                   const std::vector<std::string>& params) {
    std::vector<Decoded> out;
    Row row;
    soci::statement st(sql);
    bind(st, row);
    std::vector<std::string> values = params;  // SOCI binds by reference
    for (std::string& v : values)
        st.exchange(soci::use(v));
    st.alloc();
    st.prepare(select);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch())
        out.push_back(TRY(decode(row)));
    return out;
}

// COUNT(*) of the alerts of `client_ids` that also match `condition`, whose placeholders follow
// the ids in the order of `params`.
int count_for_clients(soci::session& sql, const std::vector<std::string>& client_ids,
                      const std::string& condition, std::vector<std::string> params = {}) {
    std::string in;
    for (std::size_t i = 0; i < client_ids.size(); ++i)
        in += (i ? ", :c" : ":c") + std::to_string(i);
    params.insert(params.begin(), client_ids.begin(), client_ids.end());
    int count = 0;
    soci::statement st(sql);
    st.exchange(soci::into(count));
    for (std::string& v : params)  // SOCI binds by reference
        st.exchange(soci::use(v));
    st.alloc();
    st.prepare("SELECT COUNT(*) FROM alerts WHERE client_id IN (" + in + ") AND " + condition);
    st.define_and_bind();
    st.execute(true);
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

Result<std::string> AlertService::raise_in(soci::session& sql, const std::string& practice_id,
                                           const NewAlert& a, TimeMs at) {
    std::string id = new_id();
    std::string created = to_rfc3339(at);
    soci::indicator response_ind = a.response_id.empty() ? soci::i_null : soci::i_ok;
    soci::indicator entry_ind = a.entry_id.empty() ? soci::i_null : soci::i_ok;
    soci::indicator instrument_ind = a.instrument.empty() ? soci::i_null : soci::i_ok;
    soci::indicator item_ind = a.item.empty() ? soci::i_null : soci::i_ok;
    int value = a.value.value_or(0);
    soci::indicator value_ind = a.value ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO alerts (id, practice_id, client_id, kind, response_id, entry_id, "
           "instrument_id, item, value, message, created_at) VALUES (:id, :p, :c, :k, :r, :e, "
           ":ins, :i, :v, :m, :t)",
        soci::use(id), soci::use(practice_id), soci::use(a.client_id), soci::use(a.kind),
        soci::use(a.response_id, response_ind), soci::use(a.entry_id, entry_ind),
        soci::use(a.instrument, instrument_ind), soci::use(a.item, item_ind),
        soci::use(value, value_ind), soci::use(a.message), soci::use(created);
    return id;
}

Result<std::vector<Alert>> AlertService::of_response_in(soci::session& sql,
                                                        const std::string& response_id) {
    auto rows = TRY(query(sql,
                          std::string("SELECT ") + kColumns + kFrom +
                              "WHERE a.response_id = :r ORDER BY a.item, a.id",
                          {response_id}));
    std::vector<Alert> out;
    for (Decoded& d : rows) {
        if (d.alert.acknowledged)
            d.alert.acknowledged->note =
                TRY(m_resources.vault().open(sql, d.practice_id, d.sealed_note));
        out.push_back(std::move(d.alert));
    }
    return out;
}

Result<std::vector<Alert>> AlertService::list(RequestContext& ctx, AlertStatus status, TimeMs now) {
    const policy::ClientScope scope = policy::client_list_scope(ctx.actor);
    if (scope == policy::ClientScope::none) {
        ctx.audit("alert.list", "client", "", Outcome::denied);
        return Error::forbidden("Your role has no caseload.");
    }
    std::string where =
        "WHERE a.practice_id = :p AND a.client_id IN (" + clients::caseload_subquery(scope) + ")";
    if (status == AlertStatus::open)
        where += " AND a.acknowledged_at IS NULL";
    else if (status == AlertStatus::acknowledged)
        where += " AND a.acknowledged_at IS NOT NULL";
    const PracticeSettings settings = TRY(m_settings.get(ctx.actor.practice_id));
    std::vector<Alert> out;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        auto rows = TRY(query(sql,
                              std::string("SELECT ") + kColumns + kFrom + where +
                                  " ORDER BY a.created_at DESC, a.id DESC LIMIT " +
                                  std::to_string(kListLimit),
                              {ctx.actor.practice_id, ctx.actor.user_id}));
        // Opened after the scan: a data key not yet cached is read on this connection.
        for (Decoded& d : rows) {
            if (d.alert.acknowledged)
                d.alert.acknowledged->note =
                    TRY(m_resources.vault().open(sql, d.practice_id, d.sealed_note));
            out.push_back(std::move(d.alert));
        }
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
    const std::string due = to_rfc3339(now - settings.alert_escalation_hours * kHour);
    std::string where = "practice_id = :p AND acknowledged_at IS NULL AND created_at <= :d";
    // The admin (no caseload) counts the whole practice, as a number only.
    if (std::string caseload = clients::caseload_subquery(policy::client_list_scope(ctx.actor));
        !caseload.empty())
        where += " AND client_id IN (" + caseload + ")";
    int count = 0;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string user = ctx.actor.user_id;
        if (where.find(":u") != std::string::npos) {
            sql << "SELECT COUNT(*) FROM alerts WHERE " + where, soci::into(count),
                soci::use(ctx.actor.practice_id), soci::use(due), soci::use(user);
        } else {
            sql << "SELECT COUNT(*) FROM alerts WHERE " + where, soci::into(count),
                soci::use(ctx.actor.practice_id), soci::use(due);
        }
        return {};
    }));
    ctx.audit("alert.count", "practice", ctx.actor.practice_id);
    return count;
}

Result<std::optional<Alert>> AlertService::load_in(soci::session& sql,
                                                   const std::string& practice_id,
                                                   const std::string& alert_id) {
    auto rows = TRY(query(
        sql, std::string("SELECT ") + kColumns + kFrom + "WHERE a.id = :id AND a.practice_id = :p",
        {alert_id, practice_id}));
    if (rows.empty())
        return std::optional<Alert>{};
    Decoded& d = rows.front();
    if (d.alert.acknowledged)
        d.alert.acknowledged->note =
            TRY(m_resources.vault().open(sql, d.practice_id, d.sealed_note));
    return std::optional<Alert>(std::move(d.alert));
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
        TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
            found = TRY(load_in(sql, ctx.actor.practice_id, alert_id));
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        std::string sealed =
            TRY(m_resources.vault().seal(sql, ctx.actor.practice_id, checked_note));
        soci::statement st =
            (sql.prepare << "UPDATE alerts SET acknowledged_at = :t, acknowledged_by = :b, "
                            "ack_action = :a, ack_note = :n WHERE id = :id AND acknowledged_at IS "
                            "NULL",
             soci::use(now), soci::use(ctx.actor.user_id), soci::use(checked_action),
             soci::use(sealed), soci::use(alert_id));
        st.execute(true);
        if (st.get_affected_rows() != 1) {
            return Error::conflict("already_acknowledged",
                                   "This alert was already reviewed; its record does not change.");
        }
        TRY(m_audit.append_in(sql, {ctx.event("alert.acknowledge", "alert", alert_id)}));
        out = TRY(load_in(sql, ctx.actor.practice_id, alert_id));
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
    return m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        std::string sealed =
            TRY(m_resources.vault().seal(sql, ctx.actor.practice_id, checked_note));
        sql << "UPDATE alerts SET acknowledged_at = :t, acknowledged_by = :b, ack_action = :a, "
               "ack_note = :n WHERE response_id = :r AND practice_id = :p AND acknowledged_at IS "
               "NULL",
            soci::use(now), soci::use(ctx.actor.user_id), soci::use(checked_action),
            soci::use(sealed), soci::use(response_id), soci::use(ctx.actor.practice_id);
        return m_audit.append_in(sql, {ctx.event("alert.acknowledge", "response", response_id)});
    });
}

Result<bool> AlertService::had_open_risk_in(soci::session& sql,
                                            const std::vector<std::string>& client_ids, TimeMs from,
                                            TimeMs to) {
    if (client_ids.empty())
        return false;
    return count_for_clients(sql, client_ids,
                             "kind IN ('critical_item', 'low_mood') AND created_at <= :to AND "
                             "(acknowledged_at IS NULL OR acknowledged_at >= :from)",
                             {to_rfc3339(to), to_rfc3339(from)}) > 0;
}

Result<int> AlertService::open_count_in(soci::session& sql,
                                        const std::vector<std::string>& client_ids) {
    if (client_ids.empty())
        return 0;
    return count_for_clients(sql, client_ids, "acknowledged_at IS NULL");
}

}  // namespace trove::safety
