// Assignments: a questionnaire due once, every N weeks or after every N attended sessions,
// optionally with a one-time link the client opens without logging in (links.cpp).
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "domain/measures/measure_store.hpp"
#include "domain/measures/measures.hpp"

namespace trove::measures {

namespace {

constexpr TimeMs kLinkLifetime = store::kWeek;
constexpr int kMaxEveryWeeks = 52;
constexpr int kMaxEverySessions = 20;
constexpr std::size_t kMaxNote = 1000;

}  // namespace

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
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        store::AssignmentRecord rec;
        rec.id = a.id;
        rec.practice_id = ctx.actor.practice_id;
        rec.client_id = client_id;
        rec.instrument_id = ins->id;
        rec.every_weeks = a.every_weeks;
        rec.every_sessions = a.every_sessions;
        rec.next_due_at = a.next_due_at;
        rec.note = TRY(m_resources.vault().seal(tx, ctx.actor.practice_id, a.note));
        rec.created_by = ctx.actor.user_id;
        rec.created_at = a.created_at;
        TRY(store::measure_assignments().insert(tx, rec));
        std::vector<AuditEvent> events = {ctx.event("measure.assign", "measure_assignment", a.id)};
        if (link) {
            TRY(store::questionnaire_links().insert(
                tx, {crypto::sha256_hex(link->token), ctx.actor.practice_id, client_id, a.id,
                     ins->id, ctx.actor.user_id, a.created_at, link->expires_at, std::nullopt}));
            events.push_back(ctx.event("measure.link", "measure_assignment", a.id));
        }
        return m_audit.append_in(tx, events);
    }));
    return std::make_pair(a, link);
}

Result<std::vector<Assignment>> MeasureService::assignments(RequestContext& ctx,
                                                            const std::string& client_id) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read,
                              resources::Owner::client(client_id)));
    std::vector<Assignment> out;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto rows = TRY(store::measure_assignments().select(
            reader, "WHERE client_id = ? ORDER BY created_at, id", {client_id}));
        // Opened after the scan, not during it: a data key not yet cached is read on this
        // connection.
        for (const store::AssignmentRecord& r : rows) {
            Assignment a = store::to_assignment(r);
            a.note = TRY(m_resources.vault().open(reader, r.practice_id, r.note));
            out.push_back(std::move(a));
        }
        return {};
    }));
    ctx.audit("measure.assignments.read", "client", client_id);
    return out;
}

Result<void> MeasureService::count_attended_session_in(storage::Tx& tx,
                                                       const std::string& client_id, int delta) {
    if (delta == 0)
        return {};
    if (delta > 0) {
        TRY(
            tx.exec("UPDATE measure_assignments SET sessions_since = sessions_since + ? WHERE "
                    "client_id = ? AND active = 1 AND every_sessions IS NOT NULL",
                    {delta, client_id}));
    } else {
        const int down = -delta;
        TRY(
            tx.exec("UPDATE measure_assignments SET sessions_since = CASE WHEN sessions_since > ? "
                    "THEN sessions_since - ? ELSE 0 END WHERE client_id = ? AND active = 1 AND "
                    "every_sessions IS NOT NULL",
                    {down, down, client_id}));
    }
    // Waiting ones whose count is reached fall due now.
    TRY(
        tx.exec("UPDATE measure_assignments SET next_due_at = ? WHERE client_id = ? AND active = 1 "
                "AND every_sessions IS NOT NULL AND sessions_since >= every_sessions AND "
                "next_due_at = ?",
                {to_rfc3339(now_ms()), client_id, store::kWaitingForSessions}));
    return {};
}

}  // namespace trove::measures
