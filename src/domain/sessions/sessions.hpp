#pragma once
// Appointments ("sessions": the table is `appointments`, since `sessions` holds logins) with a
// client or with a case (couple, family, group; attendance per member), and the notes written
// about them: resource-oriented, SOAP or DAP templates, drafts that their author signs, a second
// signature by a supervisor or colleague, and dated, immutable addenda once signed.
//
// Access is the policy's (session_* and note_* actions, decided on the session's client or case).
// A client sees the times of their own sessions, never a note. Note text, scale labels and addenda
// are sealed by the vault before they reach the database; audit events carry ids only.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/cases/cases.hpp"
#include "domain/clients/clients.hpp"
#include "domain/journal/journal.hpp"
#include "domain/measures/measures.hpp"
#include "domain/resources/resources.hpp"
#include "domain/safety/alerts.hpp"
#include "domain/vault/vault.hpp"
#include "storage/database.hpp"

namespace trove::sessions {

struct Attendance {
    std::string client_id;
    std::string status;  // attended, absent, unknown
};

struct NoteSummary {
    std::string id, template_name, status, author_id;
};

struct Session {
    std::string id;
    std::string practice_id;
    std::optional<std::string> client_id;  // exactly one of client_id / case_id is set
    std::optional<std::string> case_id;
    std::string therapist_id;
    TimeMs starts_at = 0;  // whole seconds
    int duration_min = 0;
    std::string modality;                // in_person, video, phone
    std::string status;                  // scheduled, attended, cancelled, no_show
    std::vector<Attendance> attendance;  // case sessions: one per member; a client sees their own
    std::vector<NoteSummary> notes;      // empty for a client
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
};

//! Fields of a create (client_id or case_id, starts_at and duration_min required) or a change.
struct SessionInput {
    std::optional<std::string> client_id, case_id, therapist_id;
    std::optional<std::string> starts_at;  // RFC 3339 with Z or an offset
    std::optional<int> duration_min;
    std::optional<std::string> modality, status;
    std::optional<std::vector<Attendance>> attendance;  // PATCH, case sessions only
};

struct SessionQuery {
    std::string client_id, case_id;  // at most one
    std::string from, to;            // YYYY-MM-DD (UTC); from inclusive, to exclusive
    std::string limit;               // 1..500, default 200
};

struct Scale {
    std::string label;
    int value = 0;  // 0..10
};

struct Addendum {
    std::string id, text, author_id;
    TimeMs created_at = 0;
};

struct Note {
    std::string id;
    std::string practice_id;
    std::string session_id;
    std::optional<std::string> client_id, case_id;  // the session's
    std::string template_name;                      // resource, soap, dap
    nlohmann::json fields;  // every field of the template, "" when not written
    std::vector<Scale> scales;
    std::vector<std::string> resource_ids, assignment_ids;
    std::string status;  // draft, signed
    std::string author_id;
    std::optional<TimeMs> signed_at, cosigned_at;
    std::optional<std::string> signed_by, cosigned_by;
    std::vector<Addendum> addenda;  // oldest first
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
};

//! A note's content as sent; the JSON parts are checked by the service (errors name
//! "fields.<name>" or "scales").
struct NoteInput {
    std::optional<std::string> template_name;
    std::optional<nlohmann::json> fields;
    std::optional<nlohmann::json> scales;
    std::optional<std::vector<std::string>> resource_ids, assignment_ids;
};

//! Every template also has the risk group `fields.risk`: {"to_self", "to_others": null | "none" |
//! "low" | "moderate" | "high", "plan": text}. It is filled when both levels are set and, if either
//! is moderate or high, a plan is written. Pure.
bool risk_filled(const nlohmann::json& risk);

//! The field names of a note template, in the order a form shows them; empty for an unknown one.
const std::vector<std::string>& template_fields(std::string_view template_name);

//! Parses "2026-12-01T10:00:00+01:00" / "...Z" (seconds and a fraction optional; the fraction is
//! dropped) to UTC; nullopt for anything else, including days that do not exist. Pure.
std::optional<TimeMs> parse_appointment_time(std::string_view text);

//! "2026-12-01T09:00:00Z".
std::string format_appointment_time(TimeMs t);

// The client's timeline: what happened, newest first.
struct RatingItem {
    std::string resource_id, title;
    int activation = 0, availability = 0;
};
struct ScoreItem {
    std::string response_id, instrument_id;
    std::optional<double> total;
    std::optional<std::string> severity;  // the band of the total, when the instrument has bands
};
struct JournalItem {
    std::string entry_id, entry_kind, text, entry_date;
    std::optional<int> mood;
};
struct TimelineItem {
    TimeMs at = 0;
    std::variant<Session, RatingItem, ScoreItem, JournalItem> item;
};

class SessionService {
public:
    SessionService(storage::Database& db, audit::AuditLog& audit, vault::Vault& vault,
                   clients::ClientService& clients, cases::CaseService& cases,
                   resources::ResourceService& resources, measures::MeasureService& measures,
                   journal::JournalService& journal, safety::AlertService& alerts)
        : m_db(db),
          m_audit(audit),
          m_vault(vault),
          m_clients(clients),
          m_cases(cases),
          m_resources(resources),
          m_measures(measures),
          m_journal(journal),
          m_alerts(alerts) {}

    //! Sessions ordered by start: of one client or case, or (neither given) every session the
    //! actor may see (therapist: own caseload and cases; supervisor: supervisees'; client: own).
    Result<std::vector<Session>> list(RequestContext& ctx, const SessionQuery& query);
    Result<Session> create(RequestContext& ctx, const SessionInput& input);
    Result<Session> get(RequestContext& ctx, const std::string& session_id);
    Result<Session> update(RequestContext& ctx, const std::string& session_id,
                           const SessionInput& input);

    Result<std::vector<Note>> notes(RequestContext& ctx, const std::string& session_id);
    Result<Note> create_note(RequestContext& ctx, const std::string& session_id,
                             const NoteInput& input);
    Result<Note> note(RequestContext& ctx, const std::string& note_id);
    //! Merges the given fields into a draft; a signed note is 409 note_signed and stays as it was.
    Result<Note> update_note(RequestContext& ctx, const std::string& note_id,
                             const NoteInput& input);
    //! The author signs a draft; a supervisor of the author or another team therapist co-signs a
    //! signed note. Anything else on the note's state is 409.
    Result<Note> sign(RequestContext& ctx, const std::string& note_id);
    Result<Note> add_addendum(RequestContext& ctx, const std::string& note_id,
                              const std::string& text);

    //! Sessions, ratings, questionnaire scores and the journal entries the actor may see, newest
    //! first. `limit`: 1..500, default 200 (empty).
    Result<std::vector<TimelineItem>> timeline(RequestContext& ctx, const std::string& client_id,
                                               const std::string& limit);

    //! The client's own and their cases' appointments from 30 days before `now` on (not the
    //! cancelled ones), for their secret calendar feed; the caller has checked the feed's secret.
    //! A slot says when and how (in person, video call, phone call) - never who with or why:
    //! phone calendars sync to other companies' servers. The feed writes the words.
    Result<std::vector<journal::AppointmentSlot>> calendar_events(const std::string& client_id,
                                                                  TimeMs now);

    //! Inside the caller's transaction: `to` takes over `from`'s sessions still to come.
    Result<int> hand_over_in(storage::Tx& tx, const std::string& from, const std::string& to,
                             TimeMs now);

private:
    struct Owner {
        std::optional<std::string> client_id, case_id;
    };
    //! Facts about the owner for the actor, decided for `action`; audits a denial.
    Result<policy::ClientFacts> authorize(RequestContext& ctx, policy::Action action,
                                          const Owner& owner, const char* object_type,
                                          const std::string& object_id,
                                          const policy::ClientFacts* note_facts = nullptr);
    Result<policy::ClientFacts> facts(const Actor& actor, const Owner& owner);
    Result<std::optional<Session>> load(const std::string& session_id);
    //! Inside the transaction creating `session`: its therapist is an active therapist of the
    //! practice on the team of its client or case (`owner_id`).
    Result<bool> on_team(storage::Tx& tx, const Session& session, const std::string& owner_id);
    //! 409 risk_required when a risk alert of the session's client (a case session: any member)
    //! was open at some time during the session and the note's risk group is not filled.
    Result<void> require_risk_if_alerted(RequestContext& ctx, const Note& note);
    //! Loads the session and decides `action` on it; unknown or another practice's -> 404.
    Result<Session> locate(RequestContext& ctx, policy::Action action,
                           const std::string& session_id);
    Result<std::vector<Session>> complete(std::vector<Session> sessions, const Actor& actor);
    Result<std::optional<Note>> load_note(const std::string& note_id);
    Result<std::vector<Note>> load_notes_of(const std::string& session_id);
    //! Loads the note and decides note_read on it (unknown, another practice's, or not for the
    //! actor -> 404), then `action` with the facts about its author.
    Result<Note> locate_note(RequestContext& ctx, policy::Action action,
                             const std::string& note_id);
    Result<void> authorize_note(RequestContext& ctx, policy::Action action, const Note& note);
    Result<bool> supervises(const std::string& supervisor_id, const std::string& therapist_id);
    Result<void> check_links(RequestContext& ctx, const Session& session, const NoteInput& input,
                             const std::vector<std::string>& already_linked);

    storage::Database& m_db;
    audit::AuditLog& m_audit;
    vault::Vault& m_vault;
    clients::ClientService& m_clients;
    cases::CaseService& m_cases;
    resources::ResourceService& m_resources;
    measures::MeasureService& m_measures;
    journal::JournalService& m_journal;
    safety::AlertService& m_alerts;
};

}  // namespace trove::sessions
