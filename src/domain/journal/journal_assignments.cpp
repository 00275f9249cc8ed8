// Exercise assignments: their rows, creation (for a client or a whole case), pauses and ends.
#include "domain/journal/journal.hpp"

#include <soci/soci.h>

#include "core/ids.hpp"
#include "domain/journal/journal_rows.hpp"
#include "domain/resources/text.hpp"
#include "storage/table.hpp"

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

struct AssignmentRow {
    std::string id, practice_id, client_id, exercise_id, schedule, starts_on, note, status, pauses,
        ended_on, created_by, created_at, updated_at;
    soci::indicator ended_ind = soci::i_null;
};

constexpr const char* kAssignmentColumns =
    "id, practice_id, client_id, exercise_id, schedule, starts_on, note, status, pauses, ended_on, "
    "created_by, created_at, updated_at";

void bind(soci::statement& st, AssignmentRow& r) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.practice_id));
    st.exchange(soci::into(r.client_id));
    st.exchange(soci::into(r.exercise_id));
    st.exchange(soci::into(r.schedule));
    st.exchange(soci::into(r.starts_on));
    st.exchange(soci::into(r.note));
    st.exchange(soci::into(r.status));
    st.exchange(soci::into(r.pauses));
    st.exchange(soci::into(r.ended_on, r.ended_ind));
    st.exchange(soci::into(r.created_by));
    st.exchange(soci::into(r.created_at));
    st.exchange(soci::into(r.updated_at));
}

// The note is stored sealed (encryption at rest) and opened here.
Result<Assignment> to_assignment(soci::session& sql, vault::Vault& vault, const AssignmentRow& r) {
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
    a.note = TRY(vault.open(sql, r.practice_id, r.note));
    a.status = r.status;
    a.pauses = TRY(stored_pauses(r.pauses, r.id));
    if (r.ended_ind == soci::i_ok)
        a.ended_on = TRY(detail::stored_date(r.ended_on, kTable, "ended_on", r.id));
    a.created_by = r.created_by;
    a.created_at = TRY(storage::stored_time(r.created_at, kTable, "created_at", r.id));
    a.updated_at = TRY(storage::stored_time(r.updated_at, kTable, "updated_at", r.id));
    return a;
}

}  // namespace

Result<std::optional<Assignment>> JournalService::load_assignment(const std::string& id) {
    std::optional<Assignment> found;
    if (!looks_like_id(id))
        return found;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        AssignmentRow row;
        soci::statement st(sql);
        bind(st, row);
        st.exchange(soci::use(id));
        st.alloc();
        st.prepare(std::string("SELECT ") + kAssignmentColumns +
                   " FROM exercise_assignments WHERE id = :id");
        st.define_and_bind();
        if (st.execute(true))
            found = TRY(to_assignment(sql, m_resources.vault(), row));
        return {};
    }));
    return found;
}

Result<std::vector<Assignment>> JournalService::load_assignments(const std::string& client_id) {
    std::vector<Assignment> out;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        AssignmentRow row;
        soci::statement st(sql);
        bind(st, row);
        st.exchange(soci::use(client_id));
        st.alloc();
        st.prepare(std::string("SELECT ") + kAssignmentColumns +
                   " FROM exercise_assignments WHERE client_id = :c ORDER BY created_at, id");
        st.define_and_bind();
        st.execute();
        while (st.fetch())
            out.push_back(TRY(to_assignment(sql, m_resources.vault(), row)));
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
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        soci::rowset<std::string> rows =
            (sql.prepare << "SELECT client_id FROM case_members WHERE case_id = :c ORDER BY "
                            "client_id",
             soci::use(case_id));
        for (const auto& id : rows)
            members.push_back(id);
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string schedule = to_json(a.schedule).dump(), starts = format_date(a.starts_on),
                    now = to_rfc3339(a.created_at), pauses = "[]";
        std::vector<AuditEvent> events;
        for (const Assignment& one : made) {
            // Sealed per row: each value has its own nonce.
            std::string note = TRY(m_resources.vault().seal(sql, practice_id, a.note));
            sql << "INSERT INTO exercise_assignments (id, practice_id, client_id, exercise_id, "
                   "schedule, starts_on, note, status, pauses, created_by, created_at, "
                   "updated_at) VALUES (:id, :p, :c, :e, :s, :st, :n, 'active', :pa, :b, :t, :u)",
                soci::use(one.id), soci::use(practice_id), soci::use(one.client_id),
                soci::use(a.exercise_id), soci::use(schedule), soci::use(starts), soci::use(note),
                soci::use(pauses), soci::use(a.created_by), soci::use(now), soci::use(now);
            events.push_back(ctx.event("assignment.create", "client", one.client_id));
        }
        return m_audit.append_in(sql, events);
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string schedule = to_json(a.schedule).dump(), now = to_rfc3339(a.updated_at),
                    pauses_out = format_pauses(pauses);
        soci::indicator ended_ind = a.ended_on ? soci::i_ok : soci::i_null;
        std::string ended = a.ended_on ? format_date(*a.ended_on) : "";
        std::string note = TRY(m_resources.vault().seal(sql, ctx.actor.practice_id, a.note));
        sql << "UPDATE exercise_assignments SET schedule = :s, note = :n, status = :st, pauses = "
               ":pa, ended_on = :e, updated_at = :u WHERE id = :id",
            soci::use(schedule), soci::use(note), soci::use(a.status), soci::use(pauses_out),
            soci::use(ended, ended_ind), soci::use(now), soci::use(a.id);
        return m_audit.append_in(sql, {ctx.event("assignment.update", "assignment", a.id)});
    }));
    return a;
}

Result<std::vector<AssignmentAdherence>> JournalService::assignments(RequestContext& ctx,
                                                                     const std::string& client_id) {
    AdherenceReport report = TRY(adherence(ctx, client_id));
    return report.assignments;
}

}  // namespace trove::journal
