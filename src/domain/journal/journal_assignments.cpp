// Exercise assignments: their rows, creation (for a client or a whole case), pauses and ends.
#include "domain/journal/journal.hpp"

#include "core/ids.hpp"
#include "domain/cases/cases.hpp"
#include "domain/journal/journal_rows.hpp"
#include "domain/resources/text.hpp"

namespace trove::journal {

namespace {

constexpr std::size_t kMaxNote = 1000;

using nlohmann::json;

bool is_assignment_status(const std::string& s) {
    return s == "active" || s == "paused" || s == "ended";
}

//! The pauses as format_pauses writes them: [["2026-11-02", "2026-11-08"], ["2026-11-20", null]].
Result<std::vector<Pause>> stored_pauses(const std::string& text, const std::string& id) {
    auto corrupt = [&] { return storage::undecodable("exercise_assignments", "pauses", id); };
    json j = json::parse(text, nullptr, false);
    if (!j.is_array())
        return corrupt();
    std::vector<Pause> out;
    for (const json& p : j) {
        if (!p.is_array() || p.size() != 2 || !p[0].is_string())
            return corrupt();
        auto from = parse_date(p[0].get<std::string>());
        if (!from)
            return corrupt();
        if (p[1].is_null()) {
            out.push_back({*from, Date::max()});  // still paused
            continue;
        }
        auto to = p[1].is_string() ? parse_date(p[1].get<std::string>()) : std::nullopt;
        if (!to)
            return corrupt();
        out.push_back({*from, *to});
    }
    return out;
}

std::string format_pauses(const std::vector<Pause>& pauses) {
    json j = json::array();
    for (const Pause& p : pauses) {
        j.push_back(
            json::array({format_date(p.first),
                         p.last == Date::max() ? json(nullptr) : json(format_date(p.last))}));
    }
    return j.dump();
}

// The note is stored sealed (encryption at rest) and opened here.
Result<Assignment> to_assignment(storage::Reader& reader, vault::Vault& vault,
                                 const detail::AssignmentRecord& r) {
    constexpr const char* kTable = "exercise_assignments";
    Assignment a;
    a.id = r.id;
    a.client_id = r.client_id;
    a.exercise_id = r.exercise_id;
    auto schedule = parse_schedule(json::parse(r.schedule, nullptr, false));
    if (!schedule)
        return storage::undecodable(kTable, "schedule", r.id);
    a.schedule = *schedule;
    a.starts_on = TRY(detail::stored_date(r.starts_on, kTable, "starts_on", r.id));
    a.note = TRY(vault.open(reader, r.practice_id, r.note));
    a.status = r.status;
    a.pauses = TRY(stored_pauses(r.pauses, r.id));
    if (r.ended_on)
        a.ended_on = TRY(detail::stored_date(*r.ended_on, kTable, "ended_on", r.id));
    a.created_by = r.created_by;
    a.created_at = r.created_at;
    a.updated_at = r.updated_at;
    return a;
}

}  // namespace

Result<std::optional<Assignment>> JournalService::load_assignment(const std::string& id) {
    std::optional<Assignment> found;
    if (!looks_like_id(id))
        return found;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto stored = TRY(detail::exercise_assignments().select_one(reader, "WHERE id = ?", {id}));
        if (stored)
            found = TRY(to_assignment(reader, m_resources.vault(), *stored));
        return {};
    }));
    return found;
}

Result<std::vector<Assignment>> JournalService::load_assignments(const std::string& client_id) {
    std::vector<Assignment> out;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        for (const auto& stored : TRY(detail::exercise_assignments().select(
                 reader, "WHERE client_id = ? ORDER BY created_at, id", {client_id}))) {
            out.push_back(TRY(to_assignment(reader, m_resources.vault(), stored)));
        }
        return {};
    }));
    return out;
}

Result<Assignment> JournalService::assign(RequestContext& ctx, const std::string& client_id,
                                          const AssignmentInput& in) {
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::assignment_write, client_id));
    auto made = TRY(assign_authorized(ctx, facts.practice_id, {client_id}, in));
    return std::move(made.front());
}

Result<std::vector<Assignment>> JournalService::assign_to_case(RequestContext& ctx,
                                                               const std::string& case_id,
                                                               const AssignmentInput& in) {
    // The case's own team decides for the group; each member gets their own assignment (their
    // own entries, adherence and calendar), which the therapist can later change one by one.
    TRY(m_resources.authorize(ctx, policy::Action::assignment_write,
                              resources::Owner::case_of(case_id)));
    std::vector<std::string> members;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        members = TRY(cases::members_in(reader, case_id));
        return {};
    }));
    if (members.empty())
        return Error::invalid("case", "This case has no members to assign an exercise to.");
    return assign_authorized(ctx, ctx.actor.practice_id, members, in);
}

Result<std::vector<Assignment>> JournalService::assign_authorized(
    RequestContext& ctx, const std::string& practice_id, const std::vector<std::string>& client_ids,
    const AssignmentInput& in) {
    if (!in.exercise_id || in.exercise_id->empty())
        return Error::invalid("exercise_id", "Choose an exercise.");
    auto ex = TRY(find_exercise(practice_id, *in.exercise_id));
    if (!ex)
        return Error::invalid("exercise_id", "There is no such exercise in the library.");
    if (!in.schedule)
        return Error::invalid("schedule", "Say how often: daily, weekly or once.");
    if (in.status && *in.status != "active")
        return Error::invalid("status", "A new assignment starts active.");
    Assignment a;
    a.exercise_id = ex->id;
    a.schedule = TRY(parse_schedule(*in.schedule));
    Date today = TRY(this->today(practice_id));
    a.starts_on = today;
    if (in.starts_on) {
        auto d = parse_date(*in.starts_on);
        if (!d)
            return Error::invalid("starts_on", "The date must look like 2026-11-29.");
        if (*d < today - std::chrono::days(366) || *d > today + std::chrono::days(366))
            return Error::invalid("starts_on", "The start must lie within a year of today.");
        a.starts_on = *d;
    }
    TRY(check_schedule(a.schedule, a.starts_on));
    a.note = TRY(resources::clean_text("note", in.note.value_or(""), kMaxNote));
    a.status = "active";
    a.created_by = ctx.actor.user_id;
    a.created_at = a.updated_at = now_ms();
    std::vector<Assignment> made;
    for (const std::string& client_id : client_ids) {
        Assignment one = a;
        one.id = new_id();
        one.client_id = client_id;
        made.push_back(std::move(one));
    }
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        detail::AssignmentRecord r;
        r.practice_id = practice_id;
        r.exercise_id = a.exercise_id;
        r.schedule = to_json(a.schedule).dump();
        r.starts_on = format_date(a.starts_on);
        r.status = "active";
        r.pauses = "[]";
        r.created_by = a.created_by;
        r.created_at = r.updated_at = a.created_at;
        std::vector<AuditEvent> events;
        for (const Assignment& one : made) {
            r.id = one.id;
            r.client_id = one.client_id;
            // Sealed per row: each value has its own nonce.
            r.note = TRY(m_resources.vault().seal(tx, practice_id, a.note));
            TRY(detail::exercise_assignments().insert(tx, r));
            events.push_back(ctx.event("assignment.create", "client", one.client_id));
        }
        return m_audit.append_in(tx, events);
    }));
    return made;
}

Result<Assignment> JournalService::update_assignment(RequestContext& ctx, const std::string& id,
                                                     const AssignmentInput& in) {
    auto found = TRY(load_assignment(id));
    if (!found)
        return Error::not_found("assignment");
    policy::ClientFacts facts =
        TRY(authorize(ctx, policy::Action::assignment_write, found->client_id));
    Assignment a = *found;
    if (in.exercise_id && *in.exercise_id != a.exercise_id)
        return Error::invalid("exercise_id", "Assign the other exercise as a new assignment.");
    if (in.starts_on)
        return Error::invalid("starts_on", "The start of an assignment cannot be moved.");
    if (a.status == "ended")
        return Error::conflict("assignment_ended", "This assignment has ended.");
    Date today = TRY(this->today(facts.practice_id));
    auto pauses = a.pauses;
    if (in.schedule) {
        a.schedule = TRY(parse_schedule(*in.schedule));
        TRY(check_schedule(a.schedule, a.starts_on));
    }
    if (in.note)
        a.note = TRY(resources::clean_text("note", *in.note, kMaxNote));
    if (in.status) {
        if (!is_assignment_status(*in.status))
            return Error::invalid("status", "The status must be active, paused or ended.");
        if (*in.status == "paused" && a.status == "active") {
            pauses.push_back({today, Date::max()});
        } else if (*in.status == "active" && a.status == "paused" && !pauses.empty()) {
            // The pause ends yesterday: today is due again. Paused and resumed on the same day
            // leaves no trace.
            pauses.back().last = today - std::chrono::days(1);
            if (pauses.back().last < pauses.back().first)
                pauses.pop_back();
        } else if (*in.status == "ended") {
            if (!pauses.empty() && pauses.back().last == Date::max())
                pauses.back().last = today;
            a.ended_on = today;
        }
        a.status = *in.status;
    }
    a.pauses = pauses;
    a.updated_at = now_ms();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        detail::AssignmentRecord r;
        r.schedule = to_json(a.schedule).dump();
        r.note = TRY(m_resources.vault().seal(tx, ctx.actor.practice_id, a.note));
        r.status = a.status;
        r.pauses = format_pauses(pauses);
        if (a.ended_on)
            r.ended_on = format_date(*a.ended_on);
        r.updated_at = a.updated_at;
        TRY(detail::exercise_assignments().update(
            tx, r, {"schedule", "note", "status", "pauses", "ended_on", "updated_at"},
            "WHERE id = ?", {a.id}));
        return m_audit.append_in(tx, {ctx.event("assignment.update", "assignment", a.id)});
    }));
    return a;
}

Result<std::vector<AssignmentAdherence>> JournalService::assignments(RequestContext& ctx,
                                                                     const std::string& client_id) {
    AdherenceReport report = TRY(adherence(ctx, client_id));
    return report.assignments;
}

}  // namespace trove::journal
