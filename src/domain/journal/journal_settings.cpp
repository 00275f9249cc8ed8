// The practice's journal settings (share default, private dates, time zone) and its today.
#include "domain/journal/journal.hpp"
#include "domain/journal/journal_rows.hpp"

namespace trove::journal {

Result<JournalSettings> JournalService::settings_of(const std::string& practice_id) {
    JournalSettings s;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto stored = TRY(
            detail::journal_settings().select_one(reader, "WHERE practice_id = ?", {practice_id}));
        if (stored) {
            s.shared_by_default = stored->shared_by_default;
            s.show_private_dates = stored->show_private_dates;
            s.time_zone = stored->time_zone;
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
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(tx.exec("DELETE FROM journal_settings WHERE practice_id = ?", {ctx.actor.practice_id}));
        TRY(detail::journal_settings().insert(
            tx, {ctx.actor.practice_id, s.shared_by_default, s.show_private_dates, s.time_zone}));
        return m_audit.append_in(
            tx, {ctx.event("journal_settings.update", "practice", ctx.actor.practice_id)});
    }));
    return s;
}

}  // namespace trove::journal
