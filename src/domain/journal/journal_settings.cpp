// The practice's journal settings (share default, private dates, time zone) and its today.
#include "domain/journal/journal.hpp"

#include <soci/soci.h>

namespace trove::journal {

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

}  // namespace trove::journal
