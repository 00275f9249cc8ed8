#pragma once
// Questionnaires in practice: which instruments a practice uses, administrations (responses) scored
// by the one engine and stored with the instrument version that scored them, critical-item alerts
// until acknowledged, assignments and one-time links, chart series with the reliable-change
// corridor, and the strengths profile that offers signature strengths to the resource map.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/measures/scoring.hpp"
#include "domain/resources/resources.hpp"
#include "domain/safety/alerts.hpp"
#include "i18n/catalogue.hpp"
#include "storage/database.hpp"

namespace trove::measures {

struct InstrumentSetting {
    const Instrument* instrument = nullptr;
    bool enabled = false;
};

struct StoredResponse {
    std::string id, client_id, instrument_id, version, submitted_by_role;
    TimeMs created_at = 0;
    nlohmann::json answers;  // {"1": 2, "2": null, ...}
    nlohmann::json scored;   // to_json(instrument, scored): scores, missing, prorated, ...
    std::optional<double> total;
    std::vector<safety::Alert> alerts;  // for the care team; the client's view drops them
    std::optional<Change> change_from_previous, change_from_first;
};

struct Assignment {
    std::string id, client_id, instrument_id, note;
    std::optional<int> every_weeks;
    std::optional<int> every_sessions;  // due again after this many attended sessions
    int sessions_since = 0;             // attended sessions since it was last filled in
    std::optional<TimeMs> next_due_at;  // nullopt: waiting for sessions
    bool active = true;
    TimeMs created_at = 0;
};

struct NewAssignment {
    std::string instrument;
    std::optional<int> every_weeks;
    std::optional<int> every_sessions;
    std::string note;
    bool link = false;
};

struct OneTimeLink {
    std::string token;
    TimeMs expires_at = 0;
};

//! A reliable deterioration on an instrument (latest administration against the first). Computed
//! when read: it has no lifecycle and stays while the scores show it.
struct Deterioration {
    std::string client_id, response_id, instrument, message;
    TimeMs created_at = 0;
};

struct SeriesPoint {
    std::string response_id;
    TimeMs at = 0;
    double value = 0;
    std::optional<std::string> band;
};

struct Series {
    const Instrument* instrument = nullptr;
    const Scale* scale = nullptr;
    std::optional<double> sediff, baseline;
    std::vector<SeriesPoint> points;
    bool enabled = true;  // the practice's setting for the instrument
};

class MeasureService {
public:
    MeasureService(storage::Database& db, audit::AuditLog& audit,
                   resources::ResourceService& resources, safety::AlertService& alerts,
                   const std::vector<Instrument>& instruments, const i18n::Catalogue& catalogue)
        : m_db(db),
          m_audit(audit),
          m_resources(resources),
          m_alerts(alerts),
          m_instruments(instruments),
          m_catalogue(catalogue) {}

    //! The language a client reads Trove in (their login's, else the practice's): the words of
    //! the signature strengths offered to their resource map. The accounts module knows it, and
    //! this module cannot depend on it, so it is told; without a source, English.
    using LocaleSource = std::function<Result<std::string>(const std::string& practice_id,
                                                           const std::string& client_id)>;
    void set_locale_source(LocaleSource source) { m_locale_of = std::move(source); }

    const Instrument* find(const std::string& id) const;
    Result<std::vector<InstrumentSetting>> settings(const std::string& practice_id);
    //! Whether the actor may enable or disable instruments: a practice's admin, or the person in
    //! personal mode (who has no admin). Audits a denial.
    Result<void> authorize_manage(RequestContext& ctx, const std::string& instrument_id);
    Result<InstrumentSetting> set_enabled(RequestContext& ctx, const std::string& instrument_id,
                                          bool enabled, bool licence_acknowledged);

    //! `taken_at` dates an administration taken earlier (the demo's history); the API never
    //! sets it.
    Result<StoredResponse> submit(RequestContext& ctx, const std::string& client_id,
                                  const std::string& instrument_id, const Answers& answers,
                                  std::optional<TimeMs> taken_at = std::nullopt);
    Result<std::vector<StoredResponse>> list(RequestContext& ctx, const std::string& client_id,
                                             const std::string& instrument_filter);
    Result<StoredResponse> get(RequestContext& ctx, const std::string& response_id);
    //! Acknowledges every open alert of the response, recording what was done.
    Result<StoredResponse> acknowledge(RequestContext& ctx, const std::string& response_id,
                                       const std::string& action, const std::string& note);
    Result<Series> series(RequestContext& ctx, const std::string& client_id,
                          const std::string& instrument_id);
    //! Reliable deteriorations in the caller's caseload (therapist) or supervisees' caseloads,
    //! their message in `language`.
    Result<std::vector<Deterioration>> deteriorations(RequestContext& ctx,
                                                      const std::string& language = "en");

    Result<std::pair<Assignment, std::optional<OneTimeLink>>> assign(RequestContext& ctx,
                                                                     const std::string& client_id,
                                                                     const NewAssignment& input);
    Result<std::vector<Assignment>> assignments(RequestContext& ctx, const std::string& client_id);

    //! Inside the caller's transaction: the client attended one more session (`delta` +1), or a
    //! session's attendance was corrected away (-1). An "every N sessions" questionnaire falls
    //! due once N attended sessions have passed since it was last filled in.
    Result<void> count_attended_session_in(storage::Tx& tx, const std::string& client_id,
                                           int delta);

    //! The questionnaire behind a one-time link (no login) and when the link expires; invalid,
    //! used or expired -> not found.
    struct OpenLink {
        const Instrument* instrument = nullptr;
        TimeMs expires_at = 0;
        std::string practice_id;  // whose crisis resources the page shows
        std::string client_id;    // whose language the page speaks unless asked otherwise
    };
    Result<OpenLink> open_link(const std::string& token);
    struct LinkSubmission {
        bool critical = false;    // an answer raised an alert: show the crisis resources
        std::string practice_id;  // whose crisis resources
    };
    //! Stores the answers and spends the link.
    Result<LinkSubmission> submit_by_link(const std::string& token, const Answers& answers,
                                          const std::string& ip);

    //! Whether a client's view may include alerts (they are for the care team).
    static bool shows_alerts(const Actor& actor);

private:
    Result<bool> enabled(const std::string& practice_id, const Instrument& instrument);
    Result<std::optional<StoredResponse>> load(const std::string& response_id);
    Result<void> add_changes(StoredResponse& response);
    struct Stored {
        std::string id;
        bool critical = false;  // an answer raised an alert
    };
    //! Scores and stores in one transaction (with alerts, the strengths profile and `extra`).
    Result<Stored> store(const std::string& practice_id, const std::string& client_id,
                         const Instrument& instrument, const Answers& answers,
                         const std::string& submitted_by, const std::string& role,
                         const std::string& assignment_id, const AuditEvent& event,
                         const std::function<Result<void>(storage::Tx&)>& extra,
                         std::optional<TimeMs> taken_at = std::nullopt);

    storage::Database& m_db;
    audit::AuditLog& m_audit;
    resources::ResourceService& m_resources;
    safety::AlertService& m_alerts;
    const std::vector<Instrument>& m_instruments;
    const i18n::Catalogue& m_catalogue;
    LocaleSource m_locale_of;
};

}  // namespace trove::measures
