#pragma once
// Risk alerts and their lifecycle. An alert is raised inside the transaction that stores its
// source (a critical questionnaire answer, a very low mood in a shared journal entry); the care
// team sees it until someone who answers for the client acknowledges it, recording who, when, what
// was done and an optional note (sealed like clinical text). An open alert older than the
// practice's escalation time is escalated: its supervisors see it marked as such, the admin sees a
// count (no names, no content). Trove never contacts anyone by itself.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/resources/resources.hpp"
#include "domain/safety/settings.hpp"
#include "storage/database.hpp"

namespace trove::safety {

constexpr const char* kCriticalItem = "critical_item";
constexpr const char* kLowMood = "low_mood";
//! A journal mood at or below this (0-10 scale) is a risk signal.
constexpr int kLowMoodThreshold = 2;

struct Acknowledgement {
    std::string by, by_name, action, note;  // action empty: recorded before actions were kept
    TimeMs at = 0;
};

struct Alert {
    std::string id, client_id, kind, response_id, entry_id, instrument, item, message;
    std::optional<int> value;
    TimeMs created_at = 0;
    std::optional<Acknowledgement> acknowledged;
    std::optional<TimeMs> escalated_at;
};

struct NewAlert {
    std::string client_id, kind, response_id, entry_id, instrument, item, message;
    std::optional<int> value;
};

enum class AlertStatus { open, acknowledged, all };

//! The actions a person may record when acknowledging an alert.
const std::vector<std::string>& acknowledge_actions();

//! When an alert escalated (or nullopt if it has not): `hours` after it was raised, if it was still
//! open then. Pure: `now` is given, so tests need no clock.
std::optional<TimeMs> escalation_time(TimeMs created_at, std::optional<TimeMs> acknowledged_at,
                                      int hours, TimeMs now);

class AlertService {
public:
    AlertService(storage::Database& db, audit::AuditLog& audit,
                 resources::ResourceService& resources, SettingsService& settings)
        : m_db(db), m_audit(audit), m_resources(resources), m_settings(settings) {}

    //! Inside the caller's transaction (the one storing the alert's source). Returns the id.
    Result<std::string> raise_in(storage::Tx& tx, const std::string& practice_id,
                                 const NewAlert& alert, TimeMs at);

    //! The alerts raised by one questionnaire response (no access check: the caller has read it).
    Result<std::vector<Alert>> of_response_in(storage::Reader& reader,
                                              const std::string& response_id);
    //! The alerts of several responses, by response id, in one query per 64 responses (no
    //! access check). Responses without alerts have no entry.
    Result<std::map<std::string, std::vector<Alert>>> of_responses_in(
        storage::Reader& reader, const std::vector<std::string>& response_ids);

    //! The caller's alerts: a therapist's caseload, a supervisor's supervisees' caseloads.
    //! Escalated first, then newest first.
    Result<std::vector<Alert>> list(RequestContext& ctx, AlertStatus status, TimeMs now);
    //! Open, escalated alerts: the whole practice for an admin, the caller's reach otherwise.
    Result<int> escalated_count(RequestContext& ctx, TimeMs now);

    Result<Alert> acknowledge(RequestContext& ctx, const std::string& alert_id,
                              const std::string& action, const std::string& note);
    //! Every open alert of one response (the older route); the caller has loaded the response.
    Result<void> acknowledge_response(RequestContext& ctx, const std::string& client_id,
                                      const std::string& response_id, const std::string& action,
                                      const std::string& note);

    //! Whether any of the clients had a risk alert open at some time during [from, to].
    Result<bool> had_open_risk_in(storage::Reader& reader,
                                  const std::vector<std::string>& client_ids, TimeMs from,
                                  TimeMs to);
    //! Open alerts of the clients (for handing over a caseload).
    Result<int> open_count_in(storage::Reader& reader, const std::vector<std::string>& client_ids);

private:
    Result<std::optional<Alert>> load_in(storage::Reader& reader, const std::string& practice_id,
                                         const std::string& alert_id);
    Result<std::pair<std::string, std::string>> checked_input(const std::string& action,
                                                              const std::string& note);

    storage::Database& m_db;
    audit::AuditLog& m_audit;
    resources::ResourceService& m_resources;
    SettingsService& m_settings;
};

}  // namespace trove::safety
