#include "domain/safety/settings.hpp"

#include "domain/policy/policy.hpp"
#include "domain/resources/text.hpp"
#include "storage/table.hpp"

namespace trove::safety {

namespace {

struct SettingsRecord {
    std::string practice_id, review_promise;
    int alert_escalation_hours = kDefaultEscalationHours;
    std::optional<std::string> crisis;  // stored crisis resources; NULL: the defaults
    std::optional<std::string> updated_by;
    TimeMs updated_at = 0;
};

const storage::Table<SettingsRecord>& practice_settings() {
    using storage::column;
    static const storage::Table<SettingsRecord> table{
        "practice_settings",
        {column("practice_id", &SettingsRecord::practice_id),
         column("review_promise", &SettingsRecord::review_promise),
         column("alert_escalation_hours", &SettingsRecord::alert_escalation_hours),
         column("crisis", &SettingsRecord::crisis),
         column("updated_by", &SettingsRecord::updated_by),
         storage::time_column("updated_at", &SettingsRecord::updated_at)}};
    return table;
}

Result<std::optional<SettingsRecord>> stored(storage::Reader& reader,
                                             const std::string& practice_id) {
    return practice_settings().select_one(reader, "WHERE practice_id = ?", {practice_id});
}

}  // namespace

Result<SettingsPatch> validate(const SettingsPatch& patch) {
    SettingsPatch out = patch;
    if (patch.review_promise) {
        std::string clean =
            TRY(resources::clean_title("review_promise", *patch.review_promise, 200));
        if (resources::count_code_points(clean) < 3 || clean.find('\n') != std::string::npos)
            return Error::invalid("review_promise",
                                  "Say in a few words when the practice looks at what clients "
                                  "report, e.g. \"within one working day\".");
        out.review_promise = clean;
    }
    if (patch.alert_escalation_hours &&
        (*patch.alert_escalation_hours < 1 || *patch.alert_escalation_hours > 168))
        return Error::invalid("alert_escalation_hours",
                              "Escalate an unhandled alert after 1 to 168 hours (7 days).");
    return out;
}

Result<PracticeSettings> SettingsService::get(const std::string& practice_id) {
    PracticeSettings out;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        out = TRY(get_in(reader, practice_id));
        return {};
    }));
    return out;
}

Result<PracticeSettings> SettingsService::get_in(storage::Reader& reader,
                                                 const std::string& practice_id) {
    PracticeSettings out;
    if (auto row = TRY(stored(reader, practice_id))) {
        if (row->alert_escalation_hours < 1)
            return storage::undecodable("practice_settings", "alert_escalation_hours", practice_id);
        out.review_promise = row->review_promise;
        out.alert_escalation_hours = row->alert_escalation_hours;
    }
    return out;
}

Result<void> SettingsService::authorize_manage(RequestContext& ctx, const char* action) {
    if (policy::decide(ctx.actor, policy::Action::practice_settings_manage) ==
        policy::Decision::allow)
        return {};
    ctx.audit(action, "practice", ctx.actor.practice_id, Outcome::denied);
    return Error::forbidden("Only a practice administrator changes the practice's settings.");
}

Result<void> SettingsService::ensure_row_in(storage::Tx& tx, const std::string& practice_id) {
    if (TRY(tx.exists("SELECT 1 FROM practice_settings WHERE practice_id = ?", {practice_id})))
        return {};
    return practice_settings().insert(
        tx, {practice_id, kDefaultReviewPromise, kDefaultEscalationHours, std::nullopt,
             std::nullopt, now_ms()});
}

Result<PracticeSettings> SettingsService::update(RequestContext& ctx, const SettingsPatch& input,
                                                 const AlsoIn& also_in) {
    TRY(authorize_manage(ctx, "practice_settings.update"));
    SettingsPatch patch = TRY(validate(input));
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(ensure_row_in(tx, ctx.actor.practice_id));
        const auto& table = practice_settings();
        const storage::Params where = {ctx.actor.practice_id};
        // Only the fields the patch names are written: a concurrent change of another stays.
        SettingsRecord r;
        if (patch.review_promise) {
            r.review_promise = *patch.review_promise;
            TRY(table.update(tx, r, {"review_promise"}, "WHERE practice_id = ?", where));
        }
        if (patch.alert_escalation_hours) {
            r.alert_escalation_hours = *patch.alert_escalation_hours;
            TRY(table.update(tx, r, {"alert_escalation_hours"}, "WHERE practice_id = ?", where));
        }
        if (also_in)
            TRY(also_in(tx));
        r.updated_by = ctx.actor.user_id;
        r.updated_at = now_ms();
        TRY(table.update(tx, r, {"updated_by", "updated_at"}, "WHERE practice_id = ?", where));
        return m_audit.append_in(
            tx, {ctx.event("practice_settings.update", "practice", ctx.actor.practice_id)});
    }));
    return get(ctx.actor.practice_id);
}

Result<CrisisResources> SettingsService::crisis(const std::string& practice_id) {
    std::optional<std::string> text;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        if (auto row = TRY(stored(reader, practice_id)))
            text = row->crisis;
        return {};
    }));
    if (!text)
        return default_crisis_resources();
    return from_stored(*text);
}

Result<CrisisResources> SettingsService::set_crisis(RequestContext& ctx,
                                                    const CrisisResources& input) {
    TRY(authorize_manage(ctx, "crisis_resources.update"));
    return set_crisis_for(ctx.actor.practice_id, input,
                          ctx.event("crisis_resources.update", "practice", ctx.actor.practice_id));
}

Result<CrisisResources> SettingsService::set_crisis_for(const std::string& practice_id,
                                                        const CrisisResources& input,
                                                        const AuditEvent& by) {
    CrisisResources clean = TRY(validate(input));
    AuditEvent event = by;
    event.practice_id = practice_id;
    event.action = "crisis_resources.update";
    event.object_type = "practice";
    event.object_id = practice_id;
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(ensure_row_in(tx, practice_id));
        SettingsRecord r;
        r.crisis = to_stored(clean);
        if (!by.actor_id.empty())
            r.updated_by = by.actor_id;
        r.updated_at = now_ms();
        TRY(practice_settings().update(tx, r, {"crisis", "updated_by", "updated_at"},
                                       "WHERE practice_id = ?", {practice_id}));
        return m_audit.append_in(tx, {event});
    }));
    return clean;
}

}  // namespace trove::safety
