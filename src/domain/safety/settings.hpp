#pragma once
// The practice's settings in one home: how soon the practice promises to look at what a client
// reports (`review_promise`, shown to the client beside the crisis numbers), after how many hours
// an unhandled alert escalates to the supervisors, and the crisis resources. A practice without a
// stored row has the defaults. Later settings join this object.

#include <functional>
#include <optional>
#include <string>

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/safety/crisis.hpp"
#include "storage/database.hpp"

namespace trove::safety {

constexpr int kDefaultEscalationHours = 24;
constexpr const char* kDefaultReviewPromise = "within one working day";

struct PracticeSettings {
    std::string review_promise = kDefaultReviewPromise;
    int alert_escalation_hours = kDefaultEscalationHours;
};

struct SettingsPatch {
    std::optional<std::string> review_promise;
    std::optional<int> alert_escalation_hours;
};

//! Checks a patch (review promise one line of 3..200 characters, escalation 1..168 hours). Pure.
Result<SettingsPatch> validate(const SettingsPatch& patch);

class SettingsService {
public:
    SettingsService(storage::Database& db, audit::AuditLog& audit) : m_db(db), m_audit(audit) {}

    Result<PracticeSettings> get(const std::string& practice_id);
    Result<PracticeSettings> get_in(storage::Reader& reader, const std::string& practice_id);
    //! Whether the actor may change the settings and crisis resources (admins); audits a denial.
    //! Routes ask before reading a body, so nobody else learns what a valid one looks like.
    Result<void> authorize_manage(RequestContext& ctx, const char* action);
    //! Admins only; audited. `also_in` runs inside the same transaction, for settings another
    //! module keeps (the practice's default language lives with the accounts), so a patch of
    //! several settings is stored whole or not at all.
    using AlsoIn = std::function<Result<void>(storage::Tx&)>;
    Result<PracticeSettings> update(RequestContext& ctx, const SettingsPatch& patch,
                                    const AlsoIn& also_in = {});

    Result<CrisisResources> crisis(const std::string& practice_id);
    //! Admins only; audited. Replaces the whole set of contacts.
    Result<CrisisResources> set_crisis(RequestContext& ctx, const CrisisResources& crisis);
    //! For the demo seed and tools: no actor. Returns what was stored (checked and trimmed).
    Result<CrisisResources> set_crisis_for(const std::string& practice_id,
                                           const CrisisResources& crisis, const AuditEvent& by);

private:
    Result<void> ensure_row_in(storage::Tx& tx, const std::string& practice_id);

    storage::Database& m_db;
    audit::AuditLog& m_audit;
};

}  // namespace trove::safety
