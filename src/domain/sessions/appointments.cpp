// Appointments: planning, listing and changing them, attendance, the calendar feed, handovers.
#include "domain/sessions/sessions.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "core/ids.hpp"
#include "domain/journal/schedule.hpp"
#include "domain/sessions/sessions_rows.hpp"

namespace trove::sessions {

namespace {

constexpr int kMinDuration = 5;
constexpr int kMaxDuration = 600;
constexpr std::size_t kMaxAttendanceRows = 100;
// Ids are looked up in chunks so that no statement binds more values than SQLite allows.
constexpr std::size_t kChunk = 100;

bool is_modality(const std::string& s) {
    return s == "in_person" || s == "video" || s == "phone";
}
bool is_session_status(const std::string& s) {
    return s == "scheduled" || s == "attended" || s == "cancelled" || s == "no_show";
}
bool is_attendance_status(const std::string& s) {
    return s == "attended" || s == "absent" || s == "unknown";
}

}  // namespace

std::optional<TimeMs> parse_appointment_time(std::string_view s) {
    auto digits = [&s](std::size_t pos, std::size_t n) -> int {
        if (pos + n > s.size())
            return -1;
        int v = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    // YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|+HH:MM|-HH:MM)
    if (s.size() < 17 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
        s[13] != ':') {
        return std::nullopt;
    }
    int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
    int hour = digits(11, 2), minute = digits(14, 2), second = 0;
    std::size_t pos = 16;
    if (pos < s.size() && s[pos] == ':') {
        second = digits(pos + 1, 2);
        pos += 3;
        if (pos < s.size() && s[pos] == '.') {
            std::size_t start = ++pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 9)
                ++pos;
            if (pos == start)
                return std::nullopt;
        }
    }
    if (pos >= s.size())
        return std::nullopt;
    int offset_min = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh = digits(pos + 1, 2), om = digits(pos + 4, 2);
        if (pos + 3 >= s.size() || s[pos + 3] != ':' || oh < 0 || oh > 23 || om < 0 || om > 59)
            return std::nullopt;
        offset_min = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size() || year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1 ||
        hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return std::nullopt;
    }
    std::chrono::year_month_day ymd{std::chrono::year{year},
                                    std::chrono::month{static_cast<unsigned>(month)},
                                    std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok())
        return std::nullopt;
    long long days = std::chrono::sys_days(ymd).time_since_epoch().count();
    long long seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_min * 60LL;
    return static_cast<TimeMs>(seconds * 1000);
}

std::string format_appointment_time(TimeMs t) {
    return to_rfc3339(t - ((t % 1000) + 1000) % 1000).substr(0, 19) + "Z";
}

Result<std::optional<Session>> SessionService::load(const std::string& session_id) {
    std::optional<Session> found;
    if (!looks_like_id(session_id))
        return found;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto rows = TRY(detail::select_sessions(reader, "WHERE a.id = ?", {session_id}));
        if (!rows.empty())
            found = std::move(rows.front());
        return {};
    }));
    return found;
}

Result<std::vector<journal::AppointmentSlot>> SessionService::calendar_events(
    const std::string& client_id, TimeMs now) {
    std::vector<Session> sessions;
    const std::string from = format_appointment_time(now - 30LL * 24 * 3600 * 1000);
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        static const std::string where =
            "WHERE (a.client_id = ? OR a.case_id IN (" + cases::member_cases_subquery("?") +
            ")) AND a.status <> 'cancelled' AND a.starts_at >= ? ORDER BY a.starts_at, a.id "
            "LIMIT 500";
        sessions = TRY(detail::select_sessions(reader, where, {client_id, client_id, from}));
        return {};
    }));
    std::vector<journal::AppointmentSlot> slots;
    for (const Session& s : sessions) {
        slots.push_back({s.id, s.modality, s.starts_at,
                         s.starts_at + static_cast<TimeMs>(s.duration_min) * 60 * 1000});
    }
    return slots;
}

Result<Session> SessionService::locate(RequestContext& ctx, policy::Action action,
                                       const std::string& session_id) {
    auto found = TRY(load(session_id));
    if (!found || found->practice_id != ctx.actor.practice_id) {
        ctx.audit(policy::audit_name(action), "session", session_id, Outcome::denied);
        return Error::not_found("session");
    }
    TRY(authorize(ctx, action, Owner{found->client_id, found->case_id}, "session", session_id));
    return *found;
}

Result<std::vector<Session>> SessionService::complete(std::vector<Session> sessions,
                                                      const Actor& actor) {
    if (sessions.empty())
        return sessions;
    // What a client sees of a session: its time and their own attendance, never a note - unless
    // they are their own therapist (personal mode).
    bool show_notes = actor.role != Role::client;
    if (!show_notes)
        show_notes = TRY(m_clients.facts(actor, actor.client_id)).self_guided;
    std::map<std::string, Session*> by_id;
    for (Session& s : sessions)
        by_id[s.id] = &s;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        for (std::size_t start = 0; start < sessions.size(); start += kChunk) {
            storage::Params ids;
            for (std::size_t i = start; i < std::min(sessions.size(), start + kChunk); ++i)
                ids.push_back(sessions[i].id);
            const std::string in = "(" + storage::placeholders(ids.size()) + ")";
            for (const auto& r : TRY(detail::appointment_attendance().select(
                     reader,
                     "WHERE appointment_id IN " + in + " ORDER BY appointment_id, client_id",
                     ids))) {
                if (actor.role == Role::client && r.client_id != actor.client_id)
                    continue;
                by_id[r.appointment_id]->attendance.push_back({r.client_id, r.status});
            }
            if (!show_notes)
                continue;
            TRY(reader.each(
                "SELECT appointment_id, id, template, status, author_id FROM notes WHERE "
                "appointment_id IN " +
                    in + " ORDER BY created_at, id",
                ids, [&](const storage::Row& row) -> Result<void> {
                    by_id[row.text(0)]->notes.push_back(
                        {row.text(1), row.text(2), row.text(3), row.text(4)});
                    return {};
                }));
        }
        return {};
    }));
    return sessions;
}

Result<std::vector<Session>> SessionService::list(RequestContext& ctx, const SessionQuery& query) {
    const Actor& actor = ctx.actor;
    if (!query.client_id.empty() && !query.case_id.empty())
        return Error::invalid("case_id", "Filter by a client or by a case, not both.");
    std::optional<journal::Date> from, to;
    if (!query.from.empty() && !(from = journal::parse_date(query.from)))
        return Error::invalid("from", "The date must look like 2026-12-01.");
    if (!query.to.empty() && !(to = journal::parse_date(query.to)))
        return Error::invalid("to", "The date must look like 2026-12-01.");
    int limit = TRY(detail::parse_limit(query.limit));

    std::string where = "a.practice_id = ?";
    storage::Params params = {actor.practice_id};
    std::string audit_type = "practice", audit_id = actor.practice_id;
    if (!query.client_id.empty() || !query.case_id.empty()) {
        Owner owner;
        if (!query.client_id.empty())
            owner.client_id = query.client_id;
        else
            owner.case_id = query.case_id;
        audit_type = owner.case_id ? "case" : "client";
        audit_id = owner.case_id ? *owner.case_id : *owner.client_id;
        TRY(authorize(ctx, policy::Action::session_read, owner, audit_type.c_str(), audit_id));
        where += owner.case_id ? " AND a.case_id = ?" : " AND a.client_id = ?";
        params.push_back(audit_id);
    } else {
        if (policy::decide(actor, policy::Action::session_list) != policy::Decision::allow) {
            ctx.audit("session.list", "practice", actor.practice_id, Outcome::denied);
            return Error::forbidden("Administrators do not see clinical records.");
        }
        switch (actor.role) {
            case Role::therapist:
                where += " AND (a.client_id IN (" +
                         clients::caseload_subquery(policy::ClientScope::own_caseload, "?") +
                         ") OR a.case_id IN (" +
                         cases::team_cases_subquery(policy::ClientScope::own_caseload, "?") + "))";
                params.insert(params.end(), {actor.user_id, actor.user_id});
                break;
            case Role::supervisor:
                where +=
                    " AND (a.client_id IN (" +
                    clients::caseload_subquery(policy::ClientScope::supervisees_caseloads, "?") +
                    ") OR a.case_id IN (" +
                    cases::team_cases_subquery(policy::ClientScope::supervisees_caseloads, "?") +
                    "))";
                params.insert(params.end(), {actor.user_id, actor.user_id});
                break;
            case Role::client:
                where += " AND (a.client_id = ? OR a.case_id IN (" +
                         cases::member_cases_subquery("?") + "))";
                params.insert(params.end(), {actor.client_id, actor.client_id});
                break;
            case Role::admin:
                return Error::forbidden("Administrators do not see clinical records.");
        }
    }
    if (from) {
        where += " AND a.starts_at >= ?";
        params.push_back(journal::format_date(*from) + "T00:00:00Z");
    }
    if (to) {
        where += " AND a.starts_at < ?";
        params.push_back(journal::format_date(*to) + "T00:00:00Z");
    }
    std::vector<Session> out;
    params.push_back(limit);
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        out = TRY(detail::select_sessions(
            reader, "WHERE " + where + " ORDER BY a.starts_at, a.id LIMIT ?", params));
        return {};
    }));
    out = TRY(complete(std::move(out), actor));
    ctx.audit("session.list", audit_type, audit_id);
    return out;
}

Result<Session> SessionService::get(RequestContext& ctx, const std::string& session_id) {
    Session s = TRY(locate(ctx, policy::Action::session_read, session_id));
    std::vector<Session> one = TRY(complete({std::move(s)}, ctx.actor));
    ctx.audit("session.read", "session", session_id);
    return std::move(one.front());
}

Result<Session> SessionService::create(RequestContext& ctx, const SessionInput& in) {
    if (in.client_id.has_value() == in.case_id.has_value())
        return Error::invalid("client_id", "Give either a client_id or a case_id.");
    Owner owner{in.client_id, in.case_id};
    const std::string& owner_id = in.client_id ? *in.client_id : *in.case_id;
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::session_write, owner,
                                              in.case_id ? "case" : "client", owner_id));
    if (in.attendance)
        return Error::invalid("attendance", "Attendance is recorded once the session exists.");
    Session s;
    s.id = new_id();
    s.practice_id = facts.practice_id;
    s.client_id = in.client_id;
    s.case_id = in.case_id;
    s.therapist_id = in.therapist_id.value_or(ctx.actor.user_id);
    if (!in.starts_at)
        return Error::invalid("starts_at", "Say when the session starts.");
    auto starts = parse_appointment_time(*in.starts_at);
    if (!starts) {
        return Error::invalid("starts_at",
                              "The start must look like 2026-12-01T09:00:00Z or "
                              "2026-12-01T10:00:00+01:00.");
    }
    s.starts_at = *starts;
    if (!in.duration_min)
        return Error::invalid("duration_min", "Say how long the session lasts, in minutes.");
    if (*in.duration_min < kMinDuration || *in.duration_min > kMaxDuration)
        return Error::invalid("duration_min", "A session lasts 5 to 600 minutes.");
    s.duration_min = *in.duration_min;
    s.modality = in.modality.value_or("in_person");
    if (!is_modality(s.modality))
        return Error::invalid("modality", "The modality is in_person, video or phone.");
    s.status = in.status.value_or("scheduled");
    if (!is_session_status(s.status)) {
        return Error::invalid("status", "The status is scheduled, attended, cancelled or no_show.");
    }
    s.created_at = s.updated_at = now_ms();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        // The therapist: one of the client's (or case's) therapists; in personal mode the person.
        bool ok = false;
        if (facts.self_guided && ctx.actor.role == Role::client) {
            ok = s.therapist_id == ctx.actor.user_id;
        } else if (looks_like_id(s.therapist_id)) {
            ok = TRY(on_team(tx, s, owner_id));
        }
        if (!ok) {
            return Error::invalid("therapist_id",
                                  s.case_id ? "The therapist must be on the case's team."
                                            : "The therapist must be on the client's care team.");
        }
        detail::SessionRecord r{s.id,           s.practice_id,     s.client_id,    s.case_id,
                                s.therapist_id, s.starts_at,       s.duration_min, s.modality,
                                s.status,       ctx.actor.user_id, s.created_at,   s.updated_at};
        TRY(detail::appointments().insert(tx, r));
        if (s.case_id) {
            // Every member of the case as it is today, attendance not yet known.
            for (const std::string& member : TRY(cases::members_in(tx, *s.case_id)))
                TRY(detail::appointment_attendance().insert(
                    tx, {s.id, member, s.practice_id, "unknown"}));
        }
        return m_audit.append_in(tx, {ctx.event("session.create", "session", s.id)});
    }));
    std::vector<Session> one = TRY(complete({std::move(s)}, ctx.actor));
    return std::move(one.front());
}

Result<Session> SessionService::update(RequestContext& ctx, const std::string& session_id,
                                       const SessionInput& in) {
    Session s = TRY(locate(ctx, policy::Action::session_write, session_id));
    // What counted as attended before this change: questionnaires due "every N sessions" count
    // attended sessions, per client, and a correction must take one back.
    const std::string status_before = s.status;
    std::map<std::string, std::string> attendance_before;  // read in the transaction below
    if (in.client_id || in.case_id) {
        return Error::invalid(in.client_id ? "client_id" : "case_id",
                              "A session stays with its client or case; schedule a new one.");
    }
    if (in.therapist_id)
        return Error::invalid("therapist_id", "The therapist of a session cannot change.");
    if (in.starts_at) {
        auto starts = parse_appointment_time(*in.starts_at);
        if (!starts) {
            return Error::invalid("starts_at",
                                  "The start must look like 2026-12-01T09:00:00Z or "
                                  "2026-12-01T10:00:00+01:00.");
        }
        s.starts_at = *starts;
    }
    if (in.duration_min) {
        if (*in.duration_min < kMinDuration || *in.duration_min > kMaxDuration)
            return Error::invalid("duration_min", "A session lasts 5 to 600 minutes.");
        s.duration_min = *in.duration_min;
    }
    if (in.modality) {
        if (!is_modality(*in.modality))
            return Error::invalid("modality", "The modality is in_person, video or phone.");
        s.modality = *in.modality;
    }
    if (in.status) {
        if (!is_session_status(*in.status)) {
            return Error::invalid("status",
                                  "The status is scheduled, attended, cancelled or no_show.");
        }
        s.status = *in.status;
    }
    std::map<std::string, std::string> attendance;
    if (in.attendance) {
        if (!s.case_id) {
            return Error::invalid("attendance",
                                  "Attendance is recorded for couple, family and group sessions.");
        }
        if (in.attendance->size() > kMaxAttendanceRows)
            return Error::invalid("attendance", "Too many attendance entries.");
        for (const Attendance& a : *in.attendance) {
            if (!is_attendance_status(a.status)) {
                return Error::invalid("attendance", "Attendance is attended, absent or unknown.");
            }
            if (!looks_like_id(a.client_id))
                return Error::invalid("attendance", "Only members of the case attend.");
            attendance[a.client_id] = a.status;
        }
    }
    s.updated_at = now_ms();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        const auto& attendance_table = detail::appointment_attendance();
        for (const auto& [client_id, status] : attendance) {
            // A member listed on the session, or one who joined the case since.
            auto previous = TRY(
                tx.text("SELECT status FROM appointment_attendance WHERE appointment_id = ? AND "
                        "client_id = ?",
                        {s.id, client_id}));
            if (previous) {
                attendance_before[client_id] = *previous;
                TRY(tx.exec(
                    "UPDATE appointment_attendance SET status = ? WHERE appointment_id = ? AND "
                    "client_id = ?",
                    {status, s.id, client_id}));
            } else if (TRY(cases::is_member_in(tx, *s.case_id, client_id))) {
                TRY(attendance_table.insert(tx, {s.id, client_id, s.practice_id, status}));
            } else {
                return Error::invalid("attendance", "Only members of the case attend.");
            }
        }
        detail::SessionRecord r;
        r.starts_at = s.starts_at;
        r.duration_min = s.duration_min;
        r.modality = s.modality;
        r.status = s.status;
        r.updated_at = s.updated_at;
        TRY(detail::appointments().update(
            tx, r, {"starts_at", "duration_min", "modality", "status", "updated_at"},
            "WHERE id = ?", {s.id}));
        if (s.client_id) {
            int delta = (s.status == "attended") - (status_before == "attended");
            TRY(m_measures.count_attended_session_in(tx, *s.client_id, delta));
        }
        for (const auto& [client_id, status] : attendance) {
            auto before = attendance_before.find(client_id);
            bool was = before != attendance_before.end() && before->second == "attended";
            int delta = (status == "attended") - was;
            TRY(m_measures.count_attended_session_in(tx, client_id, delta));
        }
        return m_audit.append_in(tx, {ctx.event("session.update", "session", s.id)});
    }));
    std::vector<Session> one = TRY(complete({std::move(s)}, ctx.actor));
    return std::move(one.front());
}

Result<bool> SessionService::on_team(storage::Tx& tx, const Session& s,
                                     const std::string& owner_id) {
    // An active therapist of the practice (the clients module knows its users) who is on the
    // client's care team or the case's team.
    auto therapist = clients::check_therapists(tx, s.practice_id, {s.therapist_id});
    if (!therapist) {
        if (therapist.error().code == ErrorCode::invalid_input)
            return false;
        return std::move(therapist).error();
    }
    std::vector<std::string> team = s.case_id ? TRY(m_cases.cases_of_in(tx, s.therapist_id))
                                              : TRY(m_clients.caseload_in(tx, s.therapist_id));
    return std::find(team.begin(), team.end(), owner_id) != team.end();
}

Result<int> SessionService::hand_over_in(storage::Tx& tx, const std::string& from,
                                         const std::string& to, TimeMs now) {
    auto changed = TRY(tx.exec(
        "UPDATE appointments SET therapist_id = ?, updated_at = ? WHERE therapist_id = ? AND "
        "status = 'scheduled' AND starts_at >= ?",
        {to, to_rfc3339(now), from, format_appointment_time(now)}));
    return static_cast<int>(changed);
}

}  // namespace trove::sessions
