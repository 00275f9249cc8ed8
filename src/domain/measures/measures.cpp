#include "domain/measures/measures.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "domain/clients/clients.hpp"
#include "domain/resources/catalogue.hpp"
#include "storage/table.hpp"

namespace trove::measures {

namespace {

constexpr TimeMs kWeek = 7LL * 24 * 3600 * 1000;
constexpr TimeMs kLinkLifetime = kWeek;
constexpr int kMaxEveryWeeks = 52;
constexpr int kMaxEverySessions = 20;
// next_due_at of an "every N sessions" questionnaire that waits for sessions: later than any time,
// so the "due now" queries (next_due_at <= now) pass it by.
constexpr const char* kWaitingForSessions = "9999-12-31T00:00:00.000Z";
constexpr std::size_t kMaxNote = 1000;
constexpr std::size_t kSignatureStrengths = 5;

Error instrument_not_found() {
    return Error::not_found("instrument");
}

Error invalid_link() {
    return Error{ErrorCode::not_found,
                 "invalid_link",
                 "This questionnaire link is not valid any more: it was used already, it expired, "
                 "or it was mistyped. Please ask your therapist for a new one.",
                 {},
                 {},
                 0};
}

nlohmann::json answers_json(const Instrument& ins, const Answers& answers) {
    nlohmann::json j = nlohmann::json::object();
    for (const Item& item : ins.items) {
        auto it = answers.find(item.link_id);
        j[item.link_id] =
            it != answers.end() && it->second ? nlohmann::json(*it->second) : nlohmann::json();
    }
    return j;
}

struct ResponseRow {
    std::string id, client_id, instrument_id, version, answers, scores, role, created_at;
    double total = 0;
    soci::indicator total_ind = soci::i_null;
};

constexpr const char* kResponseColumns =
    "id, client_id, instrument_id, version, answers, scores, total, submitted_by_role, created_at";

void bind(soci::statement& st, ResponseRow& r) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.client_id));
    st.exchange(soci::into(r.instrument_id));
    st.exchange(soci::into(r.version));
    st.exchange(soci::into(r.answers));
    st.exchange(soci::into(r.scores));
    st.exchange(soci::into(r.total, r.total_ind));
    st.exchange(soci::into(r.role));
    st.exchange(soci::into(r.created_at));
}

Result<StoredResponse> to_response(const ResponseRow& r) {
    StoredResponse out;
    out.id = r.id;
    out.client_id = r.client_id;
    out.instrument_id = r.instrument_id;
    out.version = r.version;
    out.submitted_by_role = r.role;
    out.created_at = TRY(storage::stored_time(r.created_at, "responses", "created_at", r.id));
    out.answers = nlohmann::json::parse(r.answers, nullptr, false);
    out.scored = nlohmann::json::parse(r.scores, nullptr, false);
    if (r.total_ind == soci::i_ok)
        out.total = r.total;
    return out;
}

Result<std::vector<StoredResponse>> select_responses(soci::session& sql, const std::string& where,
                                                     std::string a, std::string b = "") {
    std::vector<StoredResponse> out;
    ResponseRow row;
    soci::statement st(sql);
    bind(st, row);
    st.exchange(soci::use(a));
    if (where.find(":b") != std::string::npos)
        st.exchange(soci::use(b));
    st.alloc();
    st.prepare(std::string("SELECT ") + kResponseColumns + " FROM responses WHERE " + where +
               " ORDER BY created_at, id");
    st.define_and_bind();
    st.execute(false);
    while (st.fetch())
        out.push_back(TRY(to_response(row)));
    return out;
}

}  // namespace

bool MeasureService::shows_alerts(const Actor& actor) {
    return policy::sees_therapist_only(actor);
}

const Instrument* MeasureService::find(const std::string& id) const {
    for (const Instrument& i : m_instruments)
        if (i.id == id)
            return &i;
    return nullptr;
}

Result<bool> MeasureService::enabled(const std::string& practice_id, const Instrument& ins) {
    bool result = ins.licence.default_enabled;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        int on = 0;
        sql << "SELECT enabled FROM practice_instruments WHERE practice_id = :p AND instrument_id "
               "= :i",
            soci::into(on), soci::use(practice_id), soci::use(ins.id);
        if (sql.got_data())
            result = on != 0;
        return {};
    }));
    return result;
}

Result<std::vector<InstrumentSetting>> MeasureService::settings(const std::string& practice_id) {
    std::map<std::string, bool> stored;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string id;
        int on = 0;
        soci::statement st = (sql.prepare << "SELECT instrument_id, enabled FROM "
                                             "practice_instruments WHERE practice_id = :p",
                              soci::into(id), soci::into(on), soci::use(practice_id));
        st.execute(false);
        while (st.fetch())
            stored[id] = on != 0;
        return {};
    }));
    std::vector<InstrumentSetting> out;
    for (const Instrument& i : m_instruments) {
        auto it = stored.find(i.id);
        out.push_back({&i, it != stored.end() ? it->second : i.licence.default_enabled});
    }
    return out;
}

Result<void> MeasureService::authorize_manage(RequestContext& ctx,
                                              const std::string& instrument_id) {
    if (ctx.actor.role == Role::client && !ctx.actor.client_id.empty()) {
        // Personal mode: the person decides for their own practice of one.
        if (m_resources.authorize(ctx, policy::Action::instrument_manage,
                                  resources::Owner::client(ctx.actor.client_id))) {
            return {};
        }
    } else if (policy::decide(ctx.actor, policy::Action::instrument_manage) ==
               policy::Decision::allow) {
        return {};
    }
    ctx.audit("instrument.update", "instrument", instrument_id, Outcome::denied);
    return Error::forbidden("Only a practice administrator enables questionnaires.");
}

Result<InstrumentSetting> MeasureService::set_enabled(RequestContext& ctx,
                                                      const std::string& instrument_id, bool on,
                                                      bool licence_acknowledged) {
    TRY(authorize_manage(ctx, instrument_id));
    const Instrument* ins = find(instrument_id);
    if (!ins)
        return instrument_not_found();
    if (on && !licence_acknowledged) {
        return Error::invalid("licence_acknowledged",
                              "Read the licence of " + ins->short_name +
                                  " and confirm that this practice may use it.");
    }
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        int value = on ? 1 : 0;
        sql << "DELETE FROM practice_instruments WHERE practice_id = :p AND instrument_id = :i",
            soci::use(ctx.actor.practice_id), soci::use(ins->id);
        sql << "INSERT INTO practice_instruments (practice_id, instrument_id, enabled, "
               "acknowledged_by, acknowledged_at) VALUES (:p, :i, :e, :b, :t)",
            soci::use(ctx.actor.practice_id), soci::use(ins->id), soci::use(value),
            soci::use(ctx.actor.user_id), soci::use(now);
        return m_audit.append_in(sql, {ctx.event(on ? "instrument.enable" : "instrument.disable",
                                                 "instrument", ins->id)});
    }));
    return InstrumentSetting{ins, on};
}

Result<MeasureService::Stored> MeasureService::store(
    const std::string& practice_id, const std::string& client_id, const Instrument& ins,
    const Answers& answers, const std::string& submitted_by, const std::string& role,
    const std::string& assignment_id, const AuditEvent& event,
    const std::function<Result<void>(soci::session&)>& extra, std::optional<TimeMs> taken_at) {
    Scored scored = TRY(score(ins, answers));
    const std::string id = new_id();
    std::optional<double> total;
    if (const ScaleScore* t = scored.total(ins))
        total = t->value;
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        TRY(extra(sql));
        const std::string now = to_rfc3339(taken_at.value_or(now_ms()));
        std::string answers_text = answers_json(ins, answers).dump();
        std::string scores_text = to_json(ins, scored).dump();
        double total_value = total.value_or(0);
        soci::indicator total_ind = total ? soci::i_ok : soci::i_null;
        soci::indicator by_ind = submitted_by.empty() ? soci::i_null : soci::i_ok;
        soci::indicator assignment_ind = assignment_id.empty() ? soci::i_null : soci::i_ok;
        sql << "INSERT INTO responses (id, practice_id, client_id, instrument_id, version, "
               "answers, "
               "scores, total, assignment_id, submitted_by, submitted_by_role, created_at) VALUES "
               "(:id, :p, :c, :i, :v, :a, :s, :t, :asg, :by, :role, :at)",
            soci::use(id), soci::use(practice_id), soci::use(client_id), soci::use(ins.id),
            soci::use(ins.version), soci::use(answers_text), soci::use(scores_text),
            soci::use(total_value, total_ind), soci::use(assignment_id, assignment_ind),
            soci::use(submitted_by, by_ind), soci::use(role), soci::use(now);
        for (const AlertHit& a : scored.alerts) {
            safety::NewAlert alert;
            alert.client_id = client_id;
            alert.kind = safety::kCriticalItem;
            alert.response_id = id;
            alert.instrument = ins.id;
            alert.item = a.item;
            alert.value = a.value;
            alert.message = a.message;
            TRY(m_alerts.raise_in(sql, practice_id, alert, taken_at.value_or(now_ms())));
        }
        if (!assignment_id.empty()) {
            // A recurring assignment is next due N weeks after this administration.
            // SOCI binds by reference: the value must outlive the statement.
            int weeks = 0, sessions = 0;
            soci::indicator weeks_ind = soci::i_null, sessions_ind = soci::i_null;
            sql << "SELECT every_weeks, every_sessions FROM measure_assignments WHERE id = :a",
                soci::into(weeks, weeks_ind), soci::into(sessions, sessions_ind),
                soci::use(assignment_id);
            if (weeks_ind == soci::i_ok) {
                std::string next = to_rfc3339(now_ms() + weeks * kWeek);
                sql << "UPDATE measure_assignments SET next_due_at = :t WHERE id = :a",
                    soci::use(next), soci::use(assignment_id);
            } else if (sessions_ind == soci::i_ok) {
                // Due again after the next N attended sessions (count_attended_session_in).
                std::string waiting = kWaitingForSessions;
                sql << "UPDATE measure_assignments SET next_due_at = :t, sessions_since = 0 WHERE "
                       "id = :a",
                    soci::use(waiting), soci::use(assignment_id);
            } else {
                sql << "UPDATE measure_assignments SET active = 0 WHERE id = :a",
                    soci::use(assignment_id);
            }
        }
        std::vector<AuditEvent> events = {event};
        events.back().object_id = id;
        if (ins.ranked && !scored.ranking.empty()) {
            // The strengths profile: the top five are offered on the resource map.
            std::vector<resources::ResourceService::Offer> offers;
            for (std::size_t i = 0; i < scored.ranking.size() && i < kSignatureStrengths; ++i) {
                const std::string& code = scored.ranking[i];
                std::string name = code;
                for (const auto& s : resources::strengths())
                    if (s.code == code)
                        name = s.name;
                offers.push_back({name,
                                  "Signature strength " + std::to_string(i + 1) + " of " +
                                      std::to_string(scored.ranking.size()) + " in the " +
                                      ins.short_name + " of " + now.substr(0, 10) + ".",
                                  "strength", code});
            }
            auto offered =
                TRY(m_resources.offer_in(sql, practice_id, client_id, submitted_by, role, offers));
            for (const std::string& r : offered) {
                AuditEvent e = event;
                e.action = "resource.offer";
                e.object_type = "resource";
                e.object_id = r;
                events.push_back(e);
            }
        }
        return m_audit.append_in(sql, events);
    }));
    return Stored{id, !scored.alerts.empty()};
}

Result<StoredResponse> MeasureService::submit(RequestContext& ctx, const std::string& client_id,
                                              const std::string& instrument_id,
                                              const Answers& answers,
                                              std::optional<TimeMs> taken_at) {
    TRY(m_resources.authorize(ctx, policy::Action::response_submit,
                              resources::Owner::client(client_id)));
    const Instrument* ins = find(instrument_id);
    if (!ins)
        return Error::invalid("instrument", "There is no questionnaire '" + instrument_id + "'.");
    if (!TRY(enabled(ctx.actor.practice_id, *ins))) {
        return Error::conflict("instrument_disabled",
                               ins->short_name +
                                   " is not enabled in this practice; an "
                                   "administrator can enable it after reading its "
                                   "licence.",
                               "instrument");
    }
    // A due assignment of this instrument is fulfilled by this response.
    std::string assignment_id;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string id;
        std::string now = to_rfc3339(now_ms());
        sql << "SELECT id FROM measure_assignments WHERE client_id = :c AND instrument_id = :i AND "
               "active = 1 AND next_due_at <= :t ORDER BY next_due_at, id LIMIT 1",
            soci::into(id), soci::use(client_id), soci::use(ins->id), soci::use(now);
        if (sql.got_data())
            assignment_id = id;
        return {};
    }));
    std::string role = ctx.actor.role == Role::client ? "client" : "therapist";
    // Answers are attributed to the login that sent them (the client, or a therapist
    // administering in session); offered signature strengths name the same user.
    const std::string& by = ctx.actor.user_id;
    std::string id = TRY(store(
                             ctx.actor.practice_id, client_id, *ins, answers, by, role,
                             assignment_id, ctx.event("response.create", "response", ""),
                             [](soci::session&) -> Result<void> { return {}; }, taken_at))
                         .id;
    StoredResponse r = *TRY(load(id));
    TRY(add_changes(r));
    return r;
}

Result<std::optional<StoredResponse>> MeasureService::load(const std::string& response_id) {
    std::optional<StoredResponse> found;
    if (!looks_like_id(response_id))
        return found;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        auto rows = TRY(select_responses(sql, "id = :a", response_id));
        if (!rows.empty()) {
            found = std::move(rows.front());
            found->alerts = TRY(m_alerts.of_response_in(sql, response_id));
        }
        return {};
    }));
    return found;
}

Result<void> MeasureService::add_changes(StoredResponse& r) {
    const Instrument* ins = find(r.instrument_id);
    if (!ins || !ins->primary || !r.total)
        return {};
    std::vector<StoredResponse> earlier;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        earlier = TRY(select_responses(sql, "client_id = :a AND instrument_id = :b", r.client_id,
                                       r.instrument_id));
        return {};
    }));
    const Scale& scale = *ins->scale(*ins->primary);
    const StoredResponse* first = nullptr;
    const StoredResponse* previous = nullptr;
    for (const StoredResponse& e : earlier) {
        if (e.id == r.id)
            break;
        if (!e.total)
            continue;
        if (!first)
            first = &e;
        previous = &e;
    }
    if (previous)
        r.change_from_previous = reliable_change(*ins, scale, *previous->total, *r.total);
    if (first)
        r.change_from_first = reliable_change(*ins, scale, *first->total, *r.total);
    return {};
}

Result<std::vector<StoredResponse>> MeasureService::list(RequestContext& ctx,
                                                         const std::string& client_id,
                                                         const std::string& instrument_filter) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read,
                              resources::Owner::client(client_id)));
    std::vector<StoredResponse> all;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        all = instrument_filter.empty()
                  ? TRY(select_responses(sql, "client_id = :a", client_id))
                  : TRY(select_responses(sql, "client_id = :a AND instrument_id = :b", client_id,
                                         instrument_filter));
        for (StoredResponse& r : all)
            r.alerts = TRY(m_alerts.of_response_in(sql, r.id));
        return {};
    }));
    // Changes against the previous and the first of the same instrument, in one pass.
    std::map<std::string, std::pair<const StoredResponse*, const StoredResponse*>> seen;
    for (StoredResponse& r : all) {
        const Instrument* ins = find(r.instrument_id);
        if (!ins || !ins->primary || !r.total)
            continue;
        auto& [first, previous] = seen[r.instrument_id];
        const Scale& scale = *ins->scale(*ins->primary);
        if (previous)
            r.change_from_previous = reliable_change(*ins, scale, *previous->total, *r.total);
        if (first)
            r.change_from_first = reliable_change(*ins, scale, *first->total, *r.total);
        if (!first)
            first = &r;
        previous = &r;
    }
    std::reverse(all.begin(), all.end());
    ctx.audit("response.list", "client", client_id);
    return all;
}

Result<StoredResponse> MeasureService::get(RequestContext& ctx, const std::string& response_id) {
    std::optional<StoredResponse> r = TRY(load(response_id));
    if (!r) {
        ctx.audit("response.read", "response", response_id, Outcome::denied);
        return Error::not_found("response");
    }
    TRY(m_resources.authorize(ctx, policy::Action::record_read,
                              resources::Owner::client(r->client_id)));
    TRY(add_changes(*r));
    ctx.audit("response.read", "response", response_id);
    return *r;
}

Result<StoredResponse> MeasureService::acknowledge(RequestContext& ctx,
                                                   const std::string& response_id,
                                                   const std::string& action,
                                                   const std::string& note) {
    std::optional<StoredResponse> r = TRY(load(response_id));
    if (!r) {
        ctx.audit("alert.acknowledge", "response", response_id, Outcome::denied);
        return Error::not_found("response");
    }
    TRY(m_alerts.acknowledge_response(ctx, r->client_id, response_id, action, note));
    StoredResponse out = *TRY(load(response_id));
    TRY(add_changes(out));
    return out;
}

Result<Series> MeasureService::series(RequestContext& ctx, const std::string& client_id,
                                      const std::string& instrument_id) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read,
                              resources::Owner::client(client_id)));
    const Instrument* ins = find(instrument_id);
    if (!ins)
        return instrument_not_found();
    Series out;
    out.instrument = ins;
    if (!ins->primary)
        return Error::invalid("instrument", ins->short_name + " has no total to chart.");
    out.scale = ins->scale(*ins->primary);
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string id, at;
        double total = 0;
        soci::statement st =
            (sql.prepare << "SELECT id, total, created_at FROM responses WHERE client_id = :c AND "
                            "instrument_id = :i AND total IS NOT NULL ORDER BY created_at, id",
             soci::into(id), soci::into(total), soci::into(at), soci::use(client_id),
             soci::use(ins->id));
        st.execute(false);
        while (st.fetch()) {
            out.points.push_back({id, TRY(storage::stored_time(at, "responses", "created_at", id)),
                                  total, band_of(*out.scale, total)});
        }
        return {};
    }));
    if (auto norm = change_norm(*out.scale))
        out.sediff = standard_error_of_difference(norm->sd, norm->reliability);
    if (!out.points.empty())
        out.baseline = out.points.front().value;
    out.enabled = TRY(enabled(ctx.actor.practice_id, *ins));
    ctx.audit("response.series", "client", client_id);
    return out;
}

Result<std::vector<Deterioration>> MeasureService::deteriorations(RequestContext& ctx) {
    const policy::ClientScope scope = policy::client_list_scope(ctx.actor);
    if (scope == policy::ClientScope::none) {
        ctx.audit("alert.list", "client", "", Outcome::denied);
        return Error::forbidden("Your role has no caseload.");
    }
    const std::string caseload = clients::caseload_subquery(scope, ":b");
    std::vector<Deterioration> out;
    std::vector<StoredResponse> responses;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        responses = TRY(select_responses(
            sql, "total IS NOT NULL AND practice_id = :a AND client_id IN (" + caseload + ")",
            ctx.actor.practice_id, ctx.actor.user_id));
        return {};
    }));
    // Reliable deterioration: the latest administration of an instrument against the first.
    std::map<std::pair<std::string, std::string>,
             std::pair<const StoredResponse*, const StoredResponse*>>
        span;
    for (const StoredResponse& r : responses) {
        auto& [first, last] = span[{r.client_id, r.instrument_id}];
        if (!first)
            first = &r;
        last = &r;
    }
    for (const auto& [key, pair] : span) {
        const auto& [first, last] = pair;
        const Instrument* ins = find(key.second);
        if (!ins || !ins->primary || first == last)
            continue;
        auto change =
            reliable_change(*ins, *ins->scale(*ins->primary), *first->total, *last->total);
        if (change && change->reliable == "deteriorated") {
            out.push_back({key.first, last->id, ins->id,
                           ins->short_name + " shows a reliable deterioration since the first "
                                             "administration.",
                           last->created_at});
        }
    }
    return out;
}

Result<std::pair<Assignment, std::optional<OneTimeLink>>> MeasureService::assign(
    RequestContext& ctx, const std::string& client_id, const NewAssignment& input) {
    TRY(m_resources.authorize(ctx, policy::Action::record_write,
                              resources::Owner::client(client_id)));
    const Instrument* ins = find(input.instrument);
    if (!ins)
        return Error::invalid("instrument",
                              "There is no questionnaire '" + input.instrument + "'.");
    if (!TRY(enabled(ctx.actor.practice_id, *ins))) {
        return Error::conflict("instrument_disabled",
                               ins->short_name + " is not enabled in this practice.", "instrument");
    }
    if (input.every_weeks && (*input.every_weeks < 1 || *input.every_weeks > kMaxEveryWeeks))
        return Error::invalid("every_weeks",
                              "Repeat every 1 to 52 weeks, or leave it empty for once.");
    if (input.every_sessions &&
        (*input.every_sessions < 1 || *input.every_sessions > kMaxEverySessions))
        return Error::invalid("every_sessions",
                              "Repeat every 1 to 20 sessions, or leave it empty for once.");
    if (input.every_sessions && input.every_weeks)
        return Error::invalid("every_sessions",
                              "Repeat by weeks or by sessions, not both at once.");
    if (input.note.size() > kMaxNote)
        return Error::invalid("note", "The note can have at most 1000 characters.");
    Assignment a;
    a.id = new_id();
    a.client_id = client_id;
    a.instrument_id = ins->id;
    a.every_weeks = input.every_weeks;
    a.every_sessions = input.every_sessions;
    a.note = input.note;
    a.created_at = now_ms();
    a.next_due_at = a.created_at;
    std::optional<OneTimeLink> link;
    if (input.link)
        link = OneTimeLink{crypto::random_token(), a.created_at + kLinkLifetime};
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string created = to_rfc3339(a.created_at);
        std::string note = TRY(m_resources.vault().seal(sql, ctx.actor.practice_id, a.note));
        int weeks = a.every_weeks.value_or(0), sessions = a.every_sessions.value_or(0);
        soci::indicator weeks_ind = a.every_weeks ? soci::i_ok : soci::i_null;
        soci::indicator sessions_ind = a.every_sessions ? soci::i_ok : soci::i_null;
        sql << "INSERT INTO measure_assignments (id, practice_id, client_id, instrument_id, "
               "every_weeks, every_sessions, sessions_since, next_due_at, note, active, "
               "created_by, created_at) VALUES (:id, :p, :c, :i, :w, :s, 0, :d, :n, 1, :b, :t)",
            soci::use(a.id), soci::use(ctx.actor.practice_id), soci::use(client_id),
            soci::use(ins->id), soci::use(weeks, weeks_ind), soci::use(sessions, sessions_ind),
            soci::use(created), soci::use(note), soci::use(ctx.actor.user_id), soci::use(created);
        std::vector<AuditEvent> events = {ctx.event("measure.assign", "measure_assignment", a.id)};
        if (link) {
            std::string hash = crypto::sha256_hex(link->token);
            std::string expires = to_rfc3339(link->expires_at);
            sql << "INSERT INTO questionnaire_links (token_hash, practice_id, client_id, "
                   "assignment_id, instrument_id, created_by, created_at, expires_at) VALUES (:h, "
                   ":p, :c, :a, :i, :b, :t, :e)",
                soci::use(hash), soci::use(ctx.actor.practice_id), soci::use(client_id),
                soci::use(a.id), soci::use(ins->id), soci::use(ctx.actor.user_id),
                soci::use(created), soci::use(expires);
            events.push_back(ctx.event("measure.link", "measure_assignment", a.id));
        }
        return m_audit.append_in(sql, events);
    }));
    return std::make_pair(a, link);
}

Result<std::vector<Assignment>> MeasureService::assignments(RequestContext& ctx,
                                                            const std::string& client_id) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read,
                              resources::Owner::client(client_id)));
    std::vector<Assignment> out;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        Assignment row;
        int weeks = 0, sessions = 0, active = 0;
        soci::indicator weeks_ind = soci::i_null, sessions_ind = soci::i_null;
        std::string due, created, practice_id;
        soci::statement st =
            (sql.prepare << "SELECT id, practice_id, client_id, instrument_id, every_weeks, "
                            "every_sessions, sessions_since, next_due_at, note, active, "
                            "created_at FROM measure_assignments WHERE client_id = :c ORDER BY "
                            "created_at, id",
             soci::into(row.id), soci::into(practice_id), soci::into(row.client_id),
             soci::into(row.instrument_id), soci::into(weeks, weeks_ind),
             soci::into(sessions, sessions_ind), soci::into(row.sessions_since), soci::into(due),
             soci::into(row.note), soci::into(active), soci::into(created), soci::use(client_id));
        st.execute(false);
        while (st.fetch()) {
            Assignment a = row;
            if (weeks_ind == soci::i_ok)
                a.every_weeks = weeks;
            if (sessions_ind == soci::i_ok)
                a.every_sessions = sessions;
            a.active = active != 0;
            if (due != kWaitingForSessions)
                a.next_due_at =
                    TRY(storage::stored_time(due, "measure_assignments", "next_due_at", a.id));
            a.created_at =
                TRY(storage::stored_time(created, "measure_assignments", "created_at", a.id));
            out.push_back(std::move(a));
        }
        // Opened after the scan, not during it: a data key not yet cached is read on this
        // connection.
        for (Assignment& a : out)
            a.note = TRY(m_resources.vault().open(sql, practice_id, a.note));
        return {};
    }));
    ctx.audit("measure.assignments.read", "client", client_id);
    return out;
}

Result<void> MeasureService::count_attended_session_in(soci::session& sql,
                                                       const std::string& client_id, int delta) {
    if (delta == 0)
        return {};
    const std::string now = to_rfc3339(now_ms());
    const std::string waiting = kWaitingForSessions;
    if (delta > 0) {
        sql << "UPDATE measure_assignments SET sessions_since = sessions_since + :d WHERE "
               "client_id = :c AND active = 1 AND every_sessions IS NOT NULL",
            soci::use(delta), soci::use(client_id);
    } else {
        int down = -delta;
        sql << "UPDATE measure_assignments SET sessions_since = CASE WHEN sessions_since > :d "
               "THEN sessions_since - :d2 ELSE 0 END WHERE client_id = :c AND active = 1 AND "
               "every_sessions IS NOT NULL",
            soci::use(down), soci::use(down), soci::use(client_id);
    }
    // Waiting ones whose count is reached fall due now.
    sql << "UPDATE measure_assignments SET next_due_at = :t WHERE client_id = :c AND active = 1 "
           "AND every_sessions IS NOT NULL AND sessions_since >= every_sessions AND next_due_at = "
           ":w",
        soci::use(now), soci::use(client_id), soci::use(waiting);
    return {};
}

Result<MeasureService::OpenLink> MeasureService::open_link(const std::string& token) {
    if (token.empty() || token.size() > 128)
        return invalid_link();
    OpenLink out;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string instrument, expires, practice;
        soci::indicator used_ind = soci::i_null;
        std::string used;
        std::string hash = crypto::sha256_hex(token);
        sql << "SELECT instrument_id, expires_at, used_at, practice_id FROM questionnaire_links "
               "WHERE token_hash = :h",
            soci::into(instrument), soci::into(expires), soci::into(used, used_ind),
            soci::into(practice), soci::use(hash);
        if (!sql.got_data())
            return {};
        auto expires_at = parse_rfc3339(expires);
        if (!expires_at)
            return Error::internal_error("questionnaire_links.expires_at does not decode");
        if (used_ind == soci::i_null && *expires_at > now_ms()) {
            out.instrument = find(instrument);
            out.expires_at = *expires_at;
            out.practice_id = practice;
        }
        return {};
    }));
    if (!out.instrument)
        return invalid_link();
    return out;
}

Result<MeasureService::LinkSubmission> MeasureService::submit_by_link(const std::string& token,
                                                                      const Answers& answers,
                                                                      const std::string& ip) {
    const Instrument* ins = TRY(open_link(token)).instrument;
    std::string practice_id, client_id, assignment_id, created_by;
    const std::string hash = crypto::sha256_hex(token);
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        soci::indicator a_ind = soci::i_null;
        sql << "SELECT practice_id, client_id, assignment_id, created_by FROM questionnaire_links "
               "WHERE token_hash = :h",
            soci::into(practice_id), soci::into(client_id), soci::into(assignment_id, a_ind),
            soci::into(created_by), soci::use(hash);
        if (a_ind != soci::i_ok)
            assignment_id.clear();
        return {};
    }));
    AuditEvent event = system_event(ip);
    event.practice_id = practice_id;
    event.actor_role = "client_link";
    event.action = "response.create";
    event.object_type = "response";
    // The link is spent in the same transaction that stores the response: two submissions of one
    // link store one response.
    Stored stored =
        TRY(store(practice_id, client_id, *ins, answers, created_by, "client", assignment_id, event,
                  [&](soci::session& sql) -> Result<void> {
                      std::string now = to_rfc3339(now_ms());
                      soci::statement st =
                          (sql.prepare << "UPDATE questionnaire_links SET used_at = :t WHERE "
                                          "token_hash = :h AND used_at IS NULL",
                           soci::use(now), soci::use(hash));
                      st.execute(true);
                      if (st.get_affected_rows() != 1)
                          return invalid_link();
                      return {};
                  }));
    return LinkSubmission{stored.critical, practice_id};
}

}  // namespace trove::measures
