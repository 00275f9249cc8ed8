#include "domain/safety/settings.hpp"

#include <soci/soci.h>

#include "domain/policy/policy.hpp"
#include "domain/resources/text.hpp"

namespace trove::safety {

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
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        out = TRY(get_in(sql, practice_id));
        return {};
    }));
    return out;
}

Result<PracticeSettings> SettingsService::get_in(soci::session& sql,
                                                 const std::string& practice_id) {
    PracticeSettings out;
    std::string promise;
    int hours = 0;
    sql << "SELECT review_promise, alert_escalation_hours FROM practice_settings WHERE "
           "practice_id = :p",
        soci::into(promise), soci::into(hours), soci::use(practice_id);
    if (sql.got_data()) {
        if (hours < 1)
            return Error::internal_error("practice_settings.alert_escalation_hours of " +
                                         practice_id + " is " + std::to_string(hours));
        out.review_promise = promise;
        out.alert_escalation_hours = hours;
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

Result<void> SettingsService::ensure_row_in(soci::session& sql, const std::string& practice_id) {
    int exists = 0;
    sql << "SELECT COUNT(*) FROM practice_settings WHERE practice_id = :p", soci::into(exists),
        soci::use(practice_id);
    if (exists == 0) {
        std::string promise = kDefaultReviewPromise;
        int hours = kDefaultEscalationHours;
        std::string now = to_rfc3339(now_ms());
        sql << "INSERT INTO practice_settings (practice_id, review_promise, "
               "alert_escalation_hours, crisis, updated_at) VALUES (:p, :r, :h, NULL, :t)",
            soci::use(practice_id), soci::use(promise), soci::use(hours), soci::use(now);
    }
    return {};
}

Result<PracticeSettings> SettingsService::update(RequestContext& ctx, const SettingsPatch& input) {
    TRY(authorize_manage(ctx, "practice_settings.update"));
    SettingsPatch patch = TRY(validate(input));
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        TRY(ensure_row_in(sql, ctx.actor.practice_id));
        std::string now = to_rfc3339(now_ms());
        if (patch.review_promise) {
            sql << "UPDATE practice_settings SET review_promise = :r WHERE practice_id = :p",
                soci::use(*patch.review_promise), soci::use(ctx.actor.practice_id);
        }
        if (patch.alert_escalation_hours) {
            sql << "UPDATE practice_settings SET alert_escalation_hours = :h WHERE practice_id = "
                   ":p",
                soci::use(*patch.alert_escalation_hours), soci::use(ctx.actor.practice_id);
        }
        sql << "UPDATE practice_settings SET updated_by = :b, updated_at = :t WHERE practice_id = "
               ":p",
            soci::use(ctx.actor.user_id), soci::use(now), soci::use(ctx.actor.practice_id);
        return m_audit.append_in(
            sql, {ctx.event("practice_settings.update", "practice", ctx.actor.practice_id)});
    }));
    return get(ctx.actor.practice_id);
}

Result<CrisisResources> SettingsService::crisis(const std::string& practice_id) {
    std::optional<std::string> stored;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string text;
        soci::indicator ind = soci::i_null;
        sql << "SELECT crisis FROM practice_settings WHERE practice_id = :p", soci::into(text, ind),
            soci::use(practice_id);
        if (sql.got_data() && ind == soci::i_ok)
            stored = text;
        return {};
    }));
    if (!stored)
        return default_crisis_resources();
    return from_stored(*stored);
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        TRY(ensure_row_in(sql, practice_id));
        std::string text = to_stored(clean);
        std::string now = to_rfc3339(now_ms());
        soci::indicator by_ind = by.actor_id.empty() ? soci::i_null : soci::i_ok;
        std::string by_id = by.actor_id;
        sql << "UPDATE practice_settings SET crisis = :c, updated_by = :b, updated_at = :t WHERE "
               "practice_id = :p",
            soci::use(text), soci::use(by_id, by_ind), soci::use(now), soci::use(practice_id);
        return m_audit.append_in(sql, {event});
    }));
    return clean;
}

}  // namespace trove::safety
