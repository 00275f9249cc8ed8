#include "domain/journal/journal.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "domain/journal/ical.hpp"
#include "domain/resources/catalogue.hpp"
#include "domain/resources/text.hpp"

namespace trove::journal {

namespace {

constexpr std::size_t kMaxEntryText = 5000;
constexpr std::size_t kMaxNote = 1000;
constexpr int kMaxListLimit = 500;

using nlohmann::json;

Error denial_error(policy::Decision d, const char* what) {
    return d == policy::Decision::not_found ? Error::not_found(what)
                                            : Error::forbidden("You may not do that here.");
}

bool valid_idempotency_key(const std::string& key) {
    if (key.empty() || key.size() > 100)
        return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.' || c == ':';
    });
}

bool is_assignment_status(const std::string& s) {
    return s == "active" || s == "paused" || s == "ended";
}

std::vector<Pause> parse_pauses(const std::string& text) {
    std::vector<Pause> out;
    json j = json::parse(text, nullptr, false);
    if (!j.is_array())
        return out;
    for (const json& p : j) {
        if (!p.is_array() || p.size() != 2 || !p[0].is_string())
            continue;
        auto from = parse_date(p[0].get<std::string>());
        auto to = p[1].is_string() ? parse_date(p[1].get<std::string>()) : std::nullopt;
        if (from)
            out.push_back({*from, to ? *to : Date::max()});
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

bool paused_on(const std::vector<Pause>& pauses, Date day) {
    return std::any_of(pauses.begin(), pauses.end(),
                       [&](const Pause& p) { return day >= p.first && day <= p.last; });
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

// The note and the entry text are stored sealed (encryption at rest) and opened here.
Result<Assignment> to_assignment(soci::session& sql, vault::Vault& vault, const AssignmentRow& r) {
    Assignment a;
    a.id = r.id;
    a.client_id = r.client_id;
    a.exercise_id = r.exercise_id;
    auto schedule = parse_schedule(json::parse(r.schedule, nullptr, false));
    if (schedule)
        a.schedule = *schedule;
    a.starts_on = parse_date(r.starts_on).value_or(Date{});
    a.note = TRY(vault.open(sql, r.practice_id, r.note));
    a.status = r.status;
    a.pauses = parse_pauses(r.pauses);
    if (r.ended_ind == soci::i_ok)
        a.ended_on = parse_date(r.ended_on);
    a.created_by = r.created_by;
    a.created_at = parse_rfc3339(r.created_at).value_or(0);
    a.updated_at = parse_rfc3339(r.updated_at).value_or(0);
    return a;
}

struct EntryRow {
    std::string id, practice_id, client_id, kind, body, strength_codes, resource_id, assignment_id,
        entry_date, created_at, updated_at;
    int mood = 0, shared = 0;
    soci::indicator mood_ind = soci::i_null, resource_ind = soci::i_null,
                    assignment_ind = soci::i_null;
};

constexpr const char* kEntryColumns =
    "id, practice_id, client_id, kind, body, mood, strength_codes, resource_id, assignment_id, "
    "shared, entry_date, created_at, updated_at";

void bind(soci::statement& st, EntryRow& r) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.practice_id));
    st.exchange(soci::into(r.client_id));
    st.exchange(soci::into(r.kind));
    st.exchange(soci::into(r.body));
    st.exchange(soci::into(r.mood, r.mood_ind));
    st.exchange(soci::into(r.strength_codes));
    st.exchange(soci::into(r.resource_id, r.resource_ind));
    st.exchange(soci::into(r.assignment_id, r.assignment_ind));
    st.exchange(soci::into(r.shared));
    st.exchange(soci::into(r.entry_date));
    st.exchange(soci::into(r.created_at));
    st.exchange(soci::into(r.updated_at));
}

Result<Entry> to_entry(soci::session& sql, vault::Vault& vault, const EntryRow& r) {
    Entry e;
    e.id = r.id;
    e.client_id = r.client_id;
    e.kind = r.kind;
    e.text = TRY(vault.open(sql, r.practice_id, r.body));
    if (r.mood_ind == soci::i_ok)
        e.mood = r.mood;
    json codes = json::parse(r.strength_codes, nullptr, false);
    if (codes.is_array()) {
        for (const json& c : codes) {
            if (c.is_string())
                e.strength_codes.push_back(c.get<std::string>());
        }
    }
    if (r.resource_ind == soci::i_ok)
        e.resource_id = r.resource_id;
    if (r.assignment_ind == soci::i_ok)
        e.assignment_id = r.assignment_id;
    e.shared = r.shared != 0;
    e.entry_date = parse_date(r.entry_date).value_or(Date{});
    e.created_at = parse_rfc3339(r.created_at).value_or(0);
    e.updated_at = parse_rfc3339(r.updated_at).value_or(0);
    return e;
}

//! Checks and normalises the entry fields present in `in` onto `e`. Pure apart from `today`.
Result<void> apply_entry_fields(Entry& e, const EntryInput& in, Date today) {
    if (in.kind) {
        if (!is_journal_kind(*in.kind)) {
            return Error::invalid("kind",
                                  "The kind must be success, gratitude, strength_use, exception, "
                                  "resource or free.");
        }
        e.kind = *in.kind;
    }
    if (in.text)
        e.text = TRY(resources::clean_text("text", *in.text, kMaxEntryText));
    if (in.mood) {
        if (*in.mood && (**in.mood < 0 || **in.mood > 10))
            return Error::invalid("mood", "The mood is a number from 0 to 10.");
        e.mood = *in.mood;
    }
    if (in.strength_codes) {
        std::vector<std::string> codes;
        for (const std::string& c : *in.strength_codes) {
            if (!resources::is_strength(c))
                return Error::invalid("strength_codes", "Unknown strength: " + c + ".");
            if (std::find(codes.begin(), codes.end(), c) == codes.end())
                codes.push_back(c);
        }
        e.strength_codes = std::move(codes);
    }
    if (in.shared)
        e.shared = *in.shared;
    if (in.entry_date) {
        auto d = parse_date(*in.entry_date);
        if (!d)
            return Error::invalid("entry_date", "The date must look like 2026-11-29.");
        // One day of slack: the phone may be a time zone ahead of the practice.
        if (*d > today + std::chrono::days(1))
            return Error::invalid("entry_date", "The date must not be in the future.");
        if (*d < Date{std::chrono::year{2000} / 1 / 1})
            return Error::invalid("entry_date", "That date is too far in the past.");
        e.entry_date = *d;
    }
    if (e.text.empty() && !e.mood)
        return Error::invalid("text", "Write a few words or choose a mood.");
    return {};
}

//! A practice's own exercise as stored: the fields checked like a request's, the id the row's (a
//! ULID, which the file-name rule for shipped ids would refuse).
Result<Exercise> stored_exercise(const std::string& id, const std::string& content) {
    json j = json::parse(content, nullptr, false);
    if (!j.is_object())
        return Error::internal_error("stored exercise " + id + " is not a JSON object");
    j.erase("id");
    auto parsed = parse_exercise(j, "stored", false);
    if (!parsed)
        return Error::internal_error("stored exercise " + id + ": " + parsed.error().message);
    parsed->id = id;
    return std::move(parsed).value();
}

}  // namespace

// --- access ----------------------------------------------------------------------------------

Result<policy::ClientFacts> JournalService::authorize(RequestContext& ctx, policy::Action action,
                                                      const std::string& client_id) {
    policy::ClientFacts facts = TRY(m_clients.facts(ctx.actor, client_id));
    policy::Decision d = policy::decide(ctx.actor, action, client_id, facts);
    if (d != policy::Decision::allow) {
        ctx.audit(policy::audit_name(action), "client", client_id, Outcome::denied);
        return denial_error(d, "client");
    }
    return facts;
}

// --- settings --------------------------------------------------------------------------------

Result<JournalSettings> JournalService::settings_of(const std::string& practice_id) {
    JournalSettings s;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        int shared = 0, dates = 0;
        std::string zone;
        sql << "SELECT shared_by_default, show_private_dates, time_zone FROM journal_settings "
               "WHERE practice_id = :p",
            soci::into(shared), soci::into(dates), soci::into(zone), soci::use(practice_id);
        if (sql.got_data()) {
            s.shared_by_default = shared != 0;
            s.show_private_dates = dates != 0;
            s.time_zone = zone;
        }
        return {};
    }));
    return s;
}

Result<Date> JournalService::today(const std::string& practice_id) {
    JournalSettings s = TRY(settings_of(practice_id));
    return local_date(now_ms(), s.time_zone);
}

Result<JournalSettings> JournalService::settings(RequestContext& ctx) {
    // Every member of the practice may know its defaults (the client sees the share default).
    return settings_of(ctx.actor.practice_id);
}

Result<JournalSettings> JournalService::update_settings(
    RequestContext& ctx, const std::optional<bool>& shared_by_default,
    const std::optional<bool>& show_private_dates, const std::optional<std::string>& time_zone) {
    if (policy::decide(ctx.actor, policy::Action::journal_settings_manage) !=
        policy::Decision::allow) {
        ctx.audit("journal_settings.update", "practice", ctx.actor.practice_id, Outcome::denied);
        return Error::forbidden("Only an administrator may change the journal settings.");
    }
    JournalSettings s = TRY(settings_of(ctx.actor.practice_id));
    if (shared_by_default)
        s.shared_by_default = *shared_by_default;
    if (show_private_dates)
        s.show_private_dates = *show_private_dates;
    if (time_zone) {
        if (!valid_time_zone(*time_zone))
            return Error::invalid("time_zone", "Unknown time zone; use a name like Europe/Berlin.");
        s.time_zone = *time_zone;
    }
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        int shared = s.shared_by_default, dates = s.show_private_dates;
        sql << "DELETE FROM journal_settings WHERE practice_id = :p",
            soci::use(ctx.actor.practice_id);
        sql << "INSERT INTO journal_settings (practice_id, shared_by_default, show_private_dates, "
               "time_zone) VALUES (:p, :s, :d, :z)",
            soci::use(ctx.actor.practice_id), soci::use(shared), soci::use(dates),
            soci::use(s.time_zone);
        return m_audit.append_in(
            sql, {ctx.event("journal_settings.update", "practice", ctx.actor.practice_id)});
    }));
    return s;
}

// --- exercises -------------------------------------------------------------------------------

Result<std::optional<Exercise>> JournalService::find_exercise(const std::string& practice_id,
                                                              const std::string& id) {
    for (const Exercise& e : m_library) {
        if (e.id == id)
            return std::optional<Exercise>(e);
    }
    std::optional<Exercise> found;
    if (!looks_like_id(id))
        return found;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string content;
        sql << "SELECT content FROM practice_exercises WHERE id = :id AND practice_id = :p",
            soci::into(content), soci::use(id), soci::use(practice_id);
        if (sql.got_data())
            found = TRY(stored_exercise(id, content));
        return {};
    }));
    return found;
}

Result<std::vector<Exercise>> JournalService::exercises(RequestContext& ctx) {
    if (policy::decide(ctx.actor, policy::Action::exercise_read) != policy::Decision::allow)
        return Error::forbidden();
    std::vector<Exercise> out = m_library;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string id, content;
        soci::statement st =
            (sql.prepare << "SELECT id, content FROM practice_exercises WHERE "
                            "practice_id = :p ORDER BY created_at, id",
             soci::into(id), soci::into(content), soci::use(ctx.actor.practice_id));
        st.execute();
        while (st.fetch())
            out.push_back(TRY(stored_exercise(id, content)));
        return {};
    }));
    return out;
}

Result<Exercise> JournalService::exercise(RequestContext& ctx, const std::string& id) {
    if (policy::decide(ctx.actor, policy::Action::exercise_read) != policy::Decision::allow)
        return Error::forbidden();
    auto found = TRY(find_exercise(ctx.actor.practice_id, id));
    if (!found)
        return Error::not_found("exercise");
    return *found;
}

Result<Exercise> JournalService::create_exercise(RequestContext& ctx, const json& body) {
    policy::Decision d =
        ctx.actor.role == Role::client
            ? policy::decide(ctx.actor, policy::Action::exercise_create, ctx.actor.client_id,
                             TRY(m_clients.facts(ctx.actor, ctx.actor.client_id)))
            : policy::decide(ctx.actor, policy::Action::exercise_create);
    if (d != policy::Decision::allow) {
        ctx.audit("exercise.create", "exercise", "", Outcome::denied);
        return Error::forbidden("Only a therapist may add exercises to the library.");
    }
    json fields = body;
    if (fields.is_object())
        fields.erase("id");  // the library gives the id
    Exercise ex = TRY(parse_exercise(fields, "request", false));
    ex.id = new_id();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        json stored = to_json(ex);
        stored.erase("id");
        std::string content = stored.dump(), now = to_rfc3339(now_ms());
        sql << "INSERT INTO practice_exercises (id, practice_id, content, created_by, created_at) "
               "VALUES (:id, :p, :c, :b, :t)",
            soci::use(ex.id), soci::use(ctx.actor.practice_id), soci::use(content),
            soci::use(ctx.actor.user_id), soci::use(now);
        return m_audit.append_in(sql, {ctx.event("exercise.create", "exercise", ex.id)});
    }));
    return ex;
}

// --- assignments -----------------------------------------------------------------------------

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

// --- journal ---------------------------------------------------------------------------------

Result<std::vector<Entry>> JournalService::load_entries(const std::string& client_id) {
    std::vector<Entry> out;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        EntryRow row;
        soci::statement st(sql);
        bind(st, row);
        st.exchange(soci::use(client_id));
        st.alloc();
        st.prepare(std::string("SELECT ") + kEntryColumns +
                   " FROM journal_entries WHERE client_id = :c AND deleted = 0 ORDER BY "
                   "entry_date DESC, created_at DESC, id DESC");
        st.define_and_bind();
        st.execute();
        while (st.fetch())
            out.push_back(TRY(to_entry(sql, m_resources.vault(), row)));
        return {};
    }));
    return out;
}

Result<std::optional<Entry>> JournalService::load_entry(const std::string& id,
                                                        std::string& practice_id) {
    std::optional<Entry> found;
    if (!looks_like_id(id))
        return found;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        EntryRow row;
        soci::statement st(sql);
        bind(st, row);
        st.exchange(soci::use(id));
        st.alloc();
        st.prepare(std::string("SELECT ") + kEntryColumns +
                   " FROM journal_entries WHERE id = :id AND deleted = 0");
        st.define_and_bind();
        if (st.execute(true)) {
            found = TRY(to_entry(sql, m_resources.vault(), row));
            practice_id = row.practice_id;
        }
        return {};
    }));
    return found;
}

Result<EntryList> JournalService::entries(RequestContext& ctx, const std::string& client_id,
                                          const EntryQuery& query) {
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::record_read, client_id));
    if (!query.kind.empty() && !is_journal_kind(query.kind))
        return Error::invalid("kind", "Unknown kind of entry.");
    if (query.text.size() > 200)
        return Error::invalid("q", "The search text is too long.");
    if (query.limit < 1 || query.limit > kMaxListLimit)
        return Error::invalid("limit", "The limit must lie between 1 and 500.");
    const bool own = policy::sees_private_journal(ctx.actor, client_id);
    EntryList out;
    std::set<Date> private_dates;
    for (Entry& e : TRY(load_entries(client_id))) {
        if (!own && !e.shared) {
            private_dates.insert(e.entry_date);
            continue;
        }
        if (!query.kind.empty() && e.kind != query.kind)
            continue;
        if (query.from && e.entry_date < *query.from)
            continue;
        if (query.to && e.entry_date > *query.to)
            continue;
        if (!query.text.empty() && !resources::contains_folded(e.text, query.text))
            continue;
        if (static_cast<int>(out.entries.size()) < query.limit)
            out.entries.push_back(std::move(e));
    }
    if (!own && TRY(settings_of(facts.practice_id)).show_private_dates)
        out.private_entry_dates = std::vector<Date>(private_dates.rbegin(), private_dates.rend());
    ctx.audit("journal.list", "client", client_id);
    return out;
}

Result<Entry> JournalService::check_links(RequestContext& ctx, const std::string& client_id,
                                          Entry e) {
    if (e.resource_id) {
        auto r = m_resources.get(ctx, *e.resource_id);
        if (!r || r->client_id != client_id || r->status == "archived")
            return Error::invalid("resource_id", "Link one of your current resources.");
    }
    if (e.assignment_id) {
        auto a = TRY(load_assignment(*e.assignment_id));
        if (!a || a->client_id != client_id)
            return Error::invalid("assignment_id", "There is no such exercise for you.");
    }
    return e;
}

Result<Created> JournalService::write(RequestContext& ctx, const std::string& client_id,
                                      const EntryInput& in) {
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::journal_write, client_id));
    if (in.idempotency_key && !valid_idempotency_key(*in.idempotency_key)) {
        return Error::invalid("idempotency_key",
                              "Use up to 100 letters, digits, '-', '_', '.' or ':'.");
    }
    JournalSettings settings = TRY(settings_of(facts.practice_id));
    Date today = TRY(local_date(now_ms(), settings.time_zone));
    Entry e;
    e.id = new_id();
    e.client_id = client_id;
    e.kind = "free";
    e.shared = settings.shared_by_default;
    e.entry_date = today;
    if (!in.kind)
        return Error::invalid("kind", "Say what kind of entry this is.");
    TRY(apply_entry_fields(e, in, today));
    if (in.resource_id && *in.resource_id)
        e.resource_id = **in.resource_id;
    if (in.assignment_id && *in.assignment_id)
        e.assignment_id = **in.assignment_id;

    // A replayed key returns what the first request stored, before anything that may have changed
    // since (a resource archived meanwhile) is checked again; the same key with another entry is a
    // client bug we report instead of silently dropping the second one.
    auto replay = [&]() -> Result<std::optional<Created>> {
        std::optional<Created> out;
        if (!in.idempotency_key)
            return out;
        std::string id;
        int deleted = 0;
        TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
            sql << "SELECT id, deleted FROM journal_entries WHERE client_id = :c AND "
                   "idempotency_key = :k",
                soci::into(id), soci::into(deleted), soci::use(client_id),
                soci::use(*in.idempotency_key);
            if (!sql.got_data())
                id.clear();
            return {};
        }));
        if (id.empty())
            return out;
        if (deleted)
            return Error::conflict("entry_deleted", "This entry was written and then deleted.");
        std::string practice;
        auto stored = TRY(load_entry(id, practice));
        if (!stored)
            return out;
        const bool same =
            stored->text == e.text && stored->kind == e.kind && stored->mood == e.mood &&
            stored->shared == e.shared && stored->strength_codes == e.strength_codes &&
            stored->resource_id == e.resource_id && stored->assignment_id == e.assignment_id &&
            (!in.entry_date || stored->entry_date == e.entry_date);
        if (!same) {
            return Error::conflict("idempotency_key_reused",
                                   "This key was already used for a different entry.",
                                   "idempotency_key");
        }
        out = Created{*stored, true};
        return out;
    };
    if (auto earlier = TRY(replay()))
        return *earlier;
    e = TRY(check_links(ctx, client_id, std::move(e)));
    e.created_at = e.updated_at = now_ms();

    soci::indicator key_ind = in.idempotency_key ? soci::i_ok : soci::i_null;
    std::string key = in.idempotency_key.value_or("");
    auto stored = m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string codes = json(e.strength_codes).dump(), date = format_date(e.entry_date),
                    now = to_rfc3339(e.created_at);
        int mood = e.mood.value_or(0), shared = e.shared;
        soci::indicator mood_ind = e.mood ? soci::i_ok : soci::i_null;
        std::string resource = e.resource_id.value_or(""),
                    assignment = e.assignment_id.value_or("");
        soci::indicator resource_ind = e.resource_id ? soci::i_ok : soci::i_null;
        soci::indicator assignment_ind = e.assignment_id ? soci::i_ok : soci::i_null;
        std::string body = TRY(m_resources.vault().seal(sql, facts.practice_id, e.text));
        sql << "INSERT INTO journal_entries (id, practice_id, client_id, idempotency_key, kind, "
               "body, mood, strength_codes, resource_id, assignment_id, shared, entry_date, "
               "deleted, created_at, updated_at) VALUES (:id, :p, :c, :k, :kind, :b, :m, :s, :r, "
               ":a, :sh, :d, 0, :t, :u)",
            soci::use(e.id), soci::use(facts.practice_id), soci::use(client_id),
            soci::use(key, key_ind), soci::use(e.kind), soci::use(body), soci::use(mood, mood_ind),
            soci::use(codes), soci::use(resource, resource_ind),
            soci::use(assignment, assignment_ind), soci::use(shared), soci::use(date),
            soci::use(now), soci::use(now);
        if (is_low_mood_signal(e))
            TRY(raise_low_mood_in(sql, facts.practice_id, e));
        return m_audit.append_in(sql, {ctx.event("journal.create", "journal_entry", e.id)});
    });
    if (!stored) {
        // Two copies of the same queued entry raced: the unique key let one in.
        if (auto earlier = TRY(replay()))
            return *earlier;
        return std::move(stored).error();
    }
    return Created{e, false};
}

bool JournalService::is_low_mood_signal(const Entry& e) {
    // The client's privacy choice holds: a private entry never alerts anyone.
    return e.shared && e.mood && *e.mood <= safety::kLowMoodThreshold;
}

Result<void> JournalService::raise_low_mood_in(soci::session& sql, const std::string& practice_id,
                                               const Entry& e) {
    safety::NewAlert alert;
    alert.client_id = e.client_id;
    alert.kind = safety::kLowMood;
    alert.entry_id = e.id;
    alert.value = *e.mood;
    // Ids and the number only: the entry's words stay in the journal.
    alert.message = "Mood " + std::to_string(*e.mood) + " of 10 in a shared journal entry.";
    TRY(m_alerts.raise_in(sql, practice_id, alert, e.updated_at));
    return {};
}

Result<Entry> JournalService::entry(RequestContext& ctx, const std::string& id) {
    std::string practice;
    auto found = TRY(load_entry(id, practice));
    if (!found)
        return Error::not_found("journal entry");
    TRY(authorize(ctx, policy::Action::record_read, found->client_id));
    if (!found->shared && !policy::sees_private_journal(ctx.actor, found->client_id)) {
        // A private entry does not exist for anyone but its author.
        ctx.audit("journal.read", "journal_entry", id, Outcome::denied);
        return Error::not_found("journal entry");
    }
    ctx.audit("journal.read", "journal_entry", id);
    return *found;
}

Result<Entry> JournalService::update_entry(RequestContext& ctx, const std::string& id,
                                           const EntryInput& in) {
    std::string practice;
    auto found = TRY(load_entry(id, practice));
    if (!found)
        return Error::not_found("journal entry");
    if (!found->shared && !policy::sees_private_journal(ctx.actor, found->client_id))
        return Error::not_found("journal entry");
    TRY(authorize(ctx, policy::Action::journal_write, found->client_id));
    if (in.idempotency_key)
        return Error::invalid("idempotency_key", "An idempotency key is only for new entries.");
    Entry e = *found;
    Date today = TRY(this->today(practice));
    TRY(apply_entry_fields(e, in, today));
    if (in.resource_id)
        e.resource_id = *in.resource_id;
    if (in.assignment_id)
        e.assignment_id = *in.assignment_id;
    e = TRY(check_links(ctx, e.client_id, std::move(e)));
    e.updated_at = now_ms();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string codes = json(e.strength_codes).dump(), date = format_date(e.entry_date),
                    now = to_rfc3339(e.updated_at);
        int mood = e.mood.value_or(0), shared = e.shared;
        soci::indicator mood_ind = e.mood ? soci::i_ok : soci::i_null;
        std::string resource = e.resource_id.value_or(""),
                    assignment = e.assignment_id.value_or("");
        soci::indicator resource_ind = e.resource_id ? soci::i_ok : soci::i_null;
        soci::indicator assignment_ind = e.assignment_id ? soci::i_ok : soci::i_null;
        std::string body = TRY(m_resources.vault().seal(sql, practice, e.text));
        sql << "UPDATE journal_entries SET kind = :k, body = :b, mood = :m, strength_codes = :s, "
               "resource_id = :r, assignment_id = :a, shared = :sh, entry_date = :d, updated_at "
               "= :u WHERE id = :id",
            soci::use(e.kind), soci::use(body), soci::use(mood, mood_ind), soci::use(codes),
            soci::use(resource, resource_ind), soci::use(assignment, assignment_ind),
            soci::use(shared), soci::use(date), soci::use(now), soci::use(e.id);
        // An entry that becomes a shared low mood now (shared later, or its mood lowered) tells
        // the team once; one that already was did so when it became one.
        if (is_low_mood_signal(e) && !is_low_mood_signal(*found))
            TRY(raise_low_mood_in(sql, practice, e));
        return m_audit.append_in(sql, {ctx.event("journal.update", "journal_entry", e.id)});
    }));
    return e;
}

Result<void> JournalService::delete_entry(RequestContext& ctx, const std::string& id) {
    std::string practice;
    auto found = TRY(load_entry(id, practice));
    if (!found)
        return Error::not_found("journal entry");
    if (!found->shared && !policy::sees_private_journal(ctx.actor, found->client_id))
        return Error::not_found("journal entry");
    TRY(authorize(ctx, policy::Action::journal_write, found->client_id));
    // The text goes; the row stays so that a late retry of the same idempotency key cannot bring
    // the entry back.
    return m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        sql << "UPDATE journal_entries SET deleted = 1, body = '', mood = NULL, strength_codes = "
               "'[]', resource_id = NULL, assignment_id = NULL, updated_at = :u WHERE id = :id",
            soci::use(now), soci::use(id);
        return m_audit.append_in(sql, {ctx.event("journal.delete", "journal_entry", id)});
    });
}

Result<resources::Resource> JournalService::entry_to_evidence(RequestContext& ctx,
                                                              const std::string& entry_id,
                                                              const std::string& resource_id) {
    std::string practice;
    auto found = TRY(load_entry(entry_id, practice));
    if (!found)
        return Error::not_found("journal entry");
    if (!found->shared && !policy::sees_private_journal(ctx.actor, found->client_id))
        return Error::not_found("journal entry");
    if (!policy::sees_private_journal(ctx.actor, found->client_id)) {
        // Consent is the client's act: only they can turn their words into evidence.
        TRY(authorize(ctx, policy::Action::journal_write, found->client_id));
        return Error::forbidden("Only the client can do that.");
    }
    TRY(authorize(ctx, policy::Action::journal_write, found->client_id));
    if (found->text.empty())
        return Error::invalid("entry", "This entry has no text to add.");
    auto r = m_resources.get(ctx, resource_id);
    if (!r || r->client_id != found->client_id || r->status == "archived")
        return Error::invalid("resource_id", "Choose one of your current resources.");
    std::string evidence = r->evidence;
    std::string line = format_date(found->entry_date) + ": " + found->text;
    evidence = evidence.empty() ? line : evidence + "\n\n" + line;
    if (resources::count_code_points(evidence) > 4000)
        return Error::invalid("resource_id", "This resource has no room for more evidence.");
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        std::string sealed = TRY(m_resources.vault().seal(sql, r->practice_id, evidence));
        sql << "UPDATE resources SET evidence = :e, updated_at = :u WHERE id = :id",
            soci::use(sealed), soci::use(now), soci::use(resource_id);
        return m_audit.append_in(sql, {ctx.event("journal.to_evidence", "resource", resource_id)});
    }));
    return m_resources.get(ctx, resource_id);
}

// --- adherence and milestones ----------------------------------------------------------------

Result<AdherenceReport> JournalService::adherence(RequestContext& ctx,
                                                  const std::string& client_id) {
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::record_read, client_id));
    JournalSettings settings = TRY(settings_of(facts.practice_id));
    AdherenceReport report;
    report.today = TRY(local_date(now_ms(), settings.time_zone));
    const bool own = policy::sees_private_journal(ctx.actor, client_id);
    // What counts for the reader: shared entries; private ones only for their author, or as a bare
    // date for the team when the practice allows it.
    std::vector<Date> all_days;
    std::map<std::string, std::vector<Date>> done_by_assignment;
    for (const Entry& e : TRY(load_entries(client_id))) {
        const bool visible = own || e.shared;
        if (!visible && !settings.show_private_dates)
            continue;
        all_days.push_back(e.entry_date);
        // Which exercise a private entry was for is more than its date: it stays the client's.
        if (!visible)
            continue;
        if (e.assignment_id)
            done_by_assignment[*e.assignment_id].push_back(e.entry_date);
        ++report.entries;
        if (e.mood)
            report.mood.push_back({e.entry_date, e.created_at, *e.mood, e.id});
    }
    report.journal_streaks = day_streaks(all_days, report.today);
    std::stable_sort(report.mood.begin(), report.mood.end(),
                     [](const MoodPoint& a, const MoodPoint& b) {
                         return a.date != b.date ? a.date < b.date : a.at < b.at;
                     });
    report.mood_summary = summarise_mood(report.mood, report.today);

    for (Assignment& a : TRY(load_assignments(client_id))) {
        const auto& pauses = a.pauses;
        AssignmentAdherence item;
        auto ex = TRY(find_exercise(facts.practice_id, a.exercise_id));
        item.exercise_title = ex ? ex->title : "Exercise";
        const auto& done = done_by_assignment[a.id];
        item.adherence =
            journal::adherence(a.schedule, a.starts_on, a.ended_on, done, report.today, pauses);
        item.due_today =
            a.status == "active" && !paused_on(pauses, report.today) &&
            (a.schedule.is_quota() ? report.today >= a.starts_on &&
                                         (!a.schedule.until || report.today <= *a.schedule.until)
                                   : due_on(a.schedule, a.starts_on, report.today));
        item.done_today = std::find(done.begin(), done.end(), report.today) != done.end();
        item.assignment = std::move(a);
        report.assignments.push_back(std::move(item));
    }
    ctx.audit("adherence.read", "client", client_id);
    return report;
}

Result<Milestones> JournalService::milestones(RequestContext& ctx, const std::string& client_id) {
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::record_read, client_id));
    Milestones out;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        int enabled = 1;
        sql << "SELECT milestones FROM client_preferences WHERE client_id = :c",
            soci::into(enabled), soci::use(client_id);
        out.enabled = !sql.got_data() || enabled != 0;
        return {};
    }));
    ctx.audit("milestones.read", "client", client_id);
    if (!out.enabled)
        return out;
    const bool own = policy::sees_private_journal(ctx.actor, client_id);
    std::vector<Entry> visible;
    for (Entry& e : TRY(load_entries(client_id))) {
        if (own || e.shared)
            visible.push_back(std::move(e));
    }
    std::sort(visible.begin(), visible.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.entry_date, a.created_at) < std::tie(b.entry_date, b.created_at);
    });
    if (!visible.empty()) {
        out.items.push_back({"first_entry", "Your first entry",
                             "You wrote your first entry. A good beginning.",
                             visible.front().entry_date});
    }
    // Streak milestones: the day a run of consecutive days first reached its length.
    std::set<Date> days;
    for (const Entry& e : visible)
        days.insert(e.entry_date);
    const std::vector<std::pair<int, const char*>> streaks = {
        {3, "Three days in a row"}, {7, "A whole week"}, {30, "Thirty days in a row"}};
    std::set<int> reached;
    int run = 0;
    std::optional<Date> previous;
    for (Date d : days) {
        run = previous && d == *previous + std::chrono::days(1) ? run + 1 : 1;
        previous = d;
        for (const auto& [length, title] : streaks) {
            if (run == length && !reached.count(length)) {
                reached.insert(length);
                out.items.push_back({"streak_" + std::to_string(length), title,
                                     "You wrote on " + std::to_string(length) +
                                         " days in a row. Small steps add up.",
                                     d});
            }
        }
    }
    int successes = 0;
    for (const Entry& e : visible) {
        if (e.kind != "success")
            continue;
        ++successes;
        if (successes == 10 || successes == 50) {
            out.items.push_back({"successes_" + std::to_string(successes),
                                 std::to_string(successes) + " successes",
                                 "You have written down " + std::to_string(successes) +
                                     " successes. Each one counts.",
                                 e.entry_date});
        }
    }
    // A resource whose activation rose by two or more since its first rating in the trend.
    auto map = m_resources.map(ctx, resources::Owner::client(client_id), now_ms());
    if (map) {
        for (const auto& entry : map->entries) {
            if (entry.resource.status != "active" || entry.trend.empty())
                continue;
            int lowest = entry.trend.front().activation;
            for (const auto& rating : entry.trend) {
                if (rating.activation - lowest >= 2) {
                    Date on = TRY(local_date(rating.rated_at, "UTC"));
                    out.items.push_back({"resource_rise:" + entry.resource.id,
                                         "\"" + entry.resource.title + "\" grew",
                                         "You use this resource more than before.", on});
                    break;
                }
                lowest = std::min(lowest, rating.activation);
            }
        }
    }
    std::stable_sort(
        out.items.begin(), out.items.end(),
        [](const Milestone& a, const Milestone& b) { return a.achieved_on > b.achieved_on; });
    (void)facts;
    return out;
}

Result<Milestones> JournalService::set_milestones(RequestContext& ctx, const std::string& client_id,
                                                  bool enabled) {
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::preferences_write, client_id));
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        int on = enabled;
        sql << "DELETE FROM client_preferences WHERE client_id = :c", soci::use(client_id);
        sql << "INSERT INTO client_preferences (client_id, practice_id, milestones) VALUES (:c, "
               ":p, :m)",
            soci::use(client_id), soci::use(facts.practice_id), soci::use(on);
        return m_audit.append_in(sql, {ctx.event("preferences.update", "client", client_id)});
    }));
    return milestones(ctx, client_id);
}

// --- calendar feed ---------------------------------------------------------------------------

Result<std::string> JournalService::new_calendar_secret(RequestContext& ctx,
                                                        const std::string& client_id) {
    policy::ClientFacts facts =
        TRY(authorize(ctx, policy::Action::calendar_feed_manage, client_id));
    std::string secret = crypto::random_token();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string hash = crypto::sha256_hex(secret), now = to_rfc3339(now_ms());
        sql << "DELETE FROM calendar_feeds WHERE client_id = :c", soci::use(client_id);
        sql << "INSERT INTO calendar_feeds (secret_hash, practice_id, client_id, created_by, "
               "created_at) VALUES (:h, :p, :c, :b, :t)",
            soci::use(hash), soci::use(facts.practice_id), soci::use(client_id),
            soci::use(ctx.actor.user_id), soci::use(now);
        return m_audit.append_in(sql, {ctx.event("calendar_feed.create", "client", client_id)});
    }));
    return secret;
}

Result<void> JournalService::revoke_calendar(RequestContext& ctx, const std::string& client_id) {
    TRY(authorize(ctx, policy::Action::calendar_feed_manage, client_id));
    return m_db.transact([&](soci::session& sql) -> Result<void> {
        sql << "DELETE FROM calendar_feeds WHERE client_id = :c", soci::use(client_id);
        return m_audit.append_in(sql, {ctx.event("calendar_feed.revoke", "client", client_id)});
    });
}

Result<std::optional<TimeMs>> JournalService::calendar_status(RequestContext& ctx,
                                                              const std::string& client_id) {
    TRY(authorize(ctx, policy::Action::calendar_feed_manage, client_id));
    std::optional<TimeMs> created;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string at;
        sql << "SELECT created_at FROM calendar_feeds WHERE client_id = :c", soci::into(at),
            soci::use(client_id);
        if (sql.got_data())
            created = parse_rfc3339(at);
        return {};
    }));
    return created;
}

Result<std::string> JournalService::calendar(RequestContext& ctx, const std::string& secret,
                                             const std::string& portal_url) {
    if (secret.empty() || secret.size() > 200)
        return Error::not_found("calendar");
    std::string client_id, practice_id;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string hash = crypto::sha256_hex(secret);
        sql << "SELECT client_id, practice_id FROM calendar_feeds WHERE secret_hash = :h",
            soci::into(client_id), soci::into(practice_id), soci::use(hash);
        if (!sql.got_data())
            client_id.clear();
        return {};
    }));
    if (client_id.empty())
        return Error::not_found("calendar");
    std::vector<CalendarEvent> events;
    for (const Assignment& a : TRY(load_assignments(client_id))) {
        if (a.status != "active")
            continue;
        auto ex = TRY(find_exercise(practice_id, a.exercise_id));
        // Phone calendars sync to other companies' servers: the title of the exercise only, never
        // the therapist's note or anything the client wrote.
        CalendarEvent ev;
        ev.uid = "assignment-" + a.id + "@trove";
        ev.summary = ex ? ex->title : "Exercise";
        if (a.schedule.is_quota())
            ev.summary += " (" + std::to_string(a.schedule.times_per_week) + " times this week)";
        ev.description = "Your exercise in Trove.";
        ev.url = portal_url;
        ev.all_day = rrule_start(a.schedule, a.starts_on);
        if (!ev.all_day)
            continue;  // nothing falls due any more
        if (auto rule = schedule_rrule(a.schedule))
            ev.rrule = *rule;
        events.push_back(std::move(ev));
    }
    if (m_appointments) {
        for (CalendarEvent& ev : TRY(m_appointments(client_id, now_ms()))) {
            ev.url = portal_url;
            events.push_back(std::move(ev));
        }
    }
    // No one is signed in: the secret is the credential, and the audit trail says so.
    AuditEvent read = system_event(ctx.ip);
    read.practice_id = practice_id;
    read.actor_role = "calendar_feed";
    read.action = "calendar_feed.read";
    read.object_type = "client";
    read.object_id = client_id;
    ctx.pending_audit.push_back(std::move(read));
    return write_calendar("Trove", events, now_ms());
}

}  // namespace trove::journal
