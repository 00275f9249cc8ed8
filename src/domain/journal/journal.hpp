#pragma once
// Between sessions: the exercise library (shipped files plus a practice's own), exercise
// assignments with schedules, the client's success and gratitude journal, adherence, milestones,
// the secret calendar feed, the practice's journal settings and personal mode.
//
// Privacy rule of the journal: a private entry exists only for its client. The care team sees
// shared entries; of private ones at most the dates on which they exist, and only if the practice
// allows it. Counts, streaks, mood trends and search for the team are computed from what the team
// may see.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/clients/clients.hpp"
#include "domain/journal/exercise_library.hpp"
#include "domain/journal/ical.hpp"
#include "domain/journal/schedule.hpp"
#include "domain/resources/resources.hpp"
#include "domain/safety/alerts.hpp"
#include "i18n/catalogue.hpp"
#include "storage/database.hpp"

namespace trove::journal {

struct Assignment {
    std::string id;
    std::string client_id;
    std::string exercise_id;
    Schedule schedule;
    Date starts_on;
    std::string note;
    std::string status;  // active, paused, ended
    std::optional<Date> ended_on;
    std::vector<Pause> pauses;  // oldest first; the last may be open (ends at Date::max())
    std::string created_by;
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
};

struct AssignmentInput {
    std::optional<std::string> exercise_id;
    std::optional<nlohmann::json> schedule;
    std::optional<std::string> note;
    std::optional<std::string> starts_on;  // YYYY-MM-DD; default today in the practice's zone
    std::optional<std::string> status;     // PATCH only: active, paused, ended
};

struct Entry {
    std::string id;
    std::string client_id;
    std::string kind;
    std::string text;
    std::optional<int> mood;
    std::vector<std::string> strength_codes;
    std::optional<std::string> resource_id;
    std::optional<std::string> assignment_id;
    bool shared = false;
    Date entry_date;
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
};

struct EntryInput {
    std::optional<std::string> kind, text;
    std::optional<std::optional<int>> mood;  // inner nullopt: clear it
    std::optional<std::vector<std::string>> strength_codes;
    std::optional<std::optional<std::string>> resource_id, assignment_id;
    std::optional<bool> shared;
    std::optional<std::string> entry_date;       // YYYY-MM-DD; default today in the practice's zone
    std::optional<std::string> idempotency_key;  // POST only
};

struct EntryQuery {
    std::string text;  // case-insensitive search in the entry text
    std::string kind;
    std::optional<Date> from, to;
    int limit = 100;
};

struct EntryList {
    std::vector<Entry> entries;
    // For the care team, when the practice allows it: dates on which private entries exist.
    std::optional<std::vector<Date>> private_entry_dates;
};

struct Created {
    Entry entry;
    bool replayed = false;  // the idempotency key was seen before: nothing new was stored
};

struct AssignmentAdherence {
    Assignment assignment;
    std::string exercise_title;
    Adherence adherence;
    bool due_today = false;
    bool done_today = false;
};

struct AdherenceReport {
    Date today;
    std::vector<AssignmentAdherence> assignments;
    int entries = 0;  // entries the reader may see
    DayStreaks journal_streaks;
    std::vector<MoodPoint> mood;  // every visible entry with a mood, oldest first
    MoodSummary mood_summary;
};

struct Milestone {
    std::string id;  // first_entry, streak_3, streak_7, streak_30, successes_10, successes_50,
                     // resource_rise:<resource id>
    std::string title;
    std::string message;
    Date achieved_on;
};

struct Milestones {
    bool enabled = true;
    std::vector<Milestone> items;
};

//! One of the client's appointments as the calendar feed needs it: when and how, never who with or
//! why (the feed writes its words in the client's language).
struct AppointmentSlot {
    std::string id;
    std::string modality;  // "in_person", "video" or "phone"
    TimeMs start = 0, end = 0;
};

struct JournalSettings {
    bool shared_by_default = false;
    bool show_private_dates = false;
    std::string time_zone = "UTC";
};

class JournalService {
public:
    JournalService(storage::Database& db, audit::AuditLog& audit, clients::ClientService& clients,
                   resources::ResourceService& resources, safety::AlertService& alerts,
                   std::vector<Exercise> library, const i18n::Catalogue& catalogue)
        : m_db(db),
          m_audit(audit),
          m_clients(clients),
          m_resources(resources),
          m_alerts(alerts),
          m_library(std::move(library)),
          m_catalogue(catalogue) {}

    // The exercise library: shipped exercises first, then the practice's own.
    Result<std::vector<Exercise>> exercises(RequestContext& ctx);
    Result<Exercise> exercise(RequestContext& ctx, const std::string& id);
    Result<Exercise> create_exercise(RequestContext& ctx, const nlohmann::json& body);

    // Assignments.
    Result<std::vector<AssignmentAdherence>> assignments(RequestContext& ctx,
                                                         const std::string& client_id);
    Result<Assignment> assign(RequestContext& ctx, const std::string& client_id,
                              const AssignmentInput& input);
    //! The same exercise for every member of a couple, family or group (the case's team decides):
    //! one assignment per member, made in one transaction.
    Result<std::vector<Assignment>> assign_to_case(RequestContext& ctx, const std::string& case_id,
                                                   const AssignmentInput& input);
    Result<Assignment> update_assignment(RequestContext& ctx, const std::string& id,
                                         const AssignmentInput& input);

    // The journal.
    Result<EntryList> entries(RequestContext& ctx, const std::string& client_id,
                              const EntryQuery& query);
    Result<Created> write(RequestContext& ctx, const std::string& client_id,
                          const EntryInput& input);
    Result<Entry> entry(RequestContext& ctx, const std::string& id);
    Result<Entry> update_entry(RequestContext& ctx, const std::string& id, const EntryInput& input);
    Result<void> delete_entry(RequestContext& ctx, const std::string& id);
    //! With the client's consent (they ask for it): the entry's text becomes evidence on one of
    //! their resources.
    Result<resources::Resource> entry_to_evidence(RequestContext& ctx, const std::string& entry_id,
                                                  const std::string& resource_id);

    Result<AdherenceReport> adherence(RequestContext& ctx, const std::string& client_id);
    Result<Milestones> milestones(RequestContext& ctx, const std::string& client_id);
    Result<Milestones> set_milestones(RequestContext& ctx, const std::string& client_id,
                                      bool enabled);

    // The calendar feed: a new secret replaces the old one; the secret is the credential.
    Result<std::string> new_calendar_secret(RequestContext& ctx, const std::string& client_id);
    Result<void> revoke_calendar(RequestContext& ctx, const std::string& client_id);
    //! When the client's current calendar secret was made; nullopt when there is none.
    Result<std::optional<TimeMs>> calendar_status(RequestContext& ctx,
                                                  const std::string& client_id);
    //! The .ics for a secret, or not_found. `portal_url` is put into each event.
    Result<std::string> calendar(RequestContext& ctx, const std::string& secret,
                                 const std::string& portal_url);

    //! The client's appointments for the calendar feed (the sessions module provides them; this
    //! module cannot depend on it, since sessions read the journal for the timeline).
    using AppointmentSource = std::function<Result<std::vector<AppointmentSlot>>(
        const std::string& client_id, TimeMs now)>;
    void set_appointment_source(AppointmentSource source) { m_appointments = std::move(source); }
    //! The language the calendar feed writes to a client in (the accounts module keeps it; this
    //! module cannot depend on it). Unset: English.
    using LocaleSource = std::function<Result<std::string>(const std::string& practice_id,
                                                           const std::string& client_id)>;
    void set_locale_source(LocaleSource source) { m_locale_of = std::move(source); }

    Result<JournalSettings> settings(RequestContext& ctx);
    Result<JournalSettings> update_settings(RequestContext& ctx,
                                            const std::optional<bool>& shared_by_default,
                                            const std::optional<bool>& show_private_dates,
                                            const std::optional<std::string>& time_zone);

    //! Today's date where the practice is.
    Result<Date> today(const std::string& practice_id);

private:
    Result<policy::ClientFacts> authorize(RequestContext& ctx, policy::Action action,
                                          const std::string& client_id);
    Result<JournalSettings> settings_of(const std::string& practice_id);
    Result<std::optional<Exercise>> find_exercise(const std::string& practice_id,
                                                  const std::string& id);
    Result<std::optional<Assignment>> load_assignment(const std::string& id);
    //! Checks `input` and creates one assignment per client; the caller has authorized.
    Result<std::vector<Assignment>> assign_authorized(RequestContext& ctx,
                                                      const std::string& practice_id,
                                                      const std::vector<std::string>& client_ids,
                                                      const AssignmentInput& input);
    Result<std::optional<Entry>> load_entry(const std::string& id, std::string& practice_id);
    //! A shared entry with a mood at or below the low-mood threshold.
    static bool is_low_mood_signal(const Entry& entry);
    //! Tells the care team (a `low_mood` alert) inside the transaction storing the entry.
    Result<void> raise_low_mood_in(storage::Tx& tx, const std::string& practice_id,
                                   const Entry& entry);
    Result<std::vector<Entry>> load_entries(const std::string& client_id);
    Result<std::vector<Assignment>> load_assignments(const std::string& client_id);
    Result<Entry> check_links(RequestContext& ctx, const std::string& client_id, Entry entry);

    storage::Database& m_db;
    audit::AuditLog& m_audit;
    clients::ClientService& m_clients;
    resources::ResourceService& m_resources;
    safety::AlertService& m_alerts;
    AppointmentSource m_appointments;
    LocaleSource m_locale_of;
    std::vector<Exercise> m_library;
    const i18n::Catalogue& m_catalogue;
};

}  // namespace trove::journal
