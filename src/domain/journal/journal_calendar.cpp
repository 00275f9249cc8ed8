// The client's secret calendar feed: its secret, and the .ics it serves.
#include "domain/journal/journal.hpp"

#include "core/crypto.hpp"
#include "domain/journal/ical.hpp"
#include "domain/journal/journal_rows.hpp"
#include "i18n/locales.hpp"

namespace trove::journal {

Result<std::string> JournalService::new_calendar_secret(RequestContext& ctx,
                                                        const std::string& client_id) {
    policy::ClientFacts facts =
        TRY(authorize(ctx, policy::Action::calendar_feed_manage, client_id));
    std::string secret = crypto::random_token();
    detail::CalendarFeedRecord feed{client_id, crypto::sha256_hex(secret), facts.practice_id,
                                    ctx.actor.user_id, now_ms()};
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(tx.exec("DELETE FROM calendar_feeds WHERE client_id = ?", {client_id}));
        TRY(detail::calendar_feeds().insert(tx, feed));
        return m_audit.append_in(tx, {ctx.event("calendar_feed.create", "client", client_id)});
    }));
    return secret;
}

Result<void> JournalService::revoke_calendar(RequestContext& ctx, const std::string& client_id) {
    TRY(authorize(ctx, policy::Action::calendar_feed_manage, client_id));
    return m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(tx.exec("DELETE FROM calendar_feeds WHERE client_id = ?", {client_id}));
        return m_audit.append_in(tx, {ctx.event("calendar_feed.revoke", "client", client_id)});
    });
}

Result<std::optional<TimeMs>> JournalService::calendar_status(RequestContext& ctx,
                                                              const std::string& client_id) {
    TRY(authorize(ctx, policy::Action::calendar_feed_manage, client_id));
    std::optional<TimeMs> created;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto feed =
            TRY(detail::calendar_feeds().select_one(reader, "WHERE client_id = ?", {client_id}));
        if (feed)
            created = feed->created_at;
        return {};
    }));
    return created;
}

Result<std::string> JournalService::calendar(RequestContext& ctx, const std::string& secret,
                                             const std::string& portal_url) {
    if (secret.empty() || secret.size() > 200)
        return Error::not_found("calendar");
    std::string client_id, practice_id;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto feed = TRY(detail::calendar_feeds().select_one(reader, "WHERE secret_hash = ?",
                                                            {crypto::sha256_hex(secret)}));
        if (feed) {
            client_id = feed->client_id;
            practice_id = feed->practice_id;
        }
        return {};
    }));
    if (client_id.empty())
        return Error::not_found("calendar");
    // Every word in the client's language (their account's, else the practice's), dates and times
    // where the practice is.
    const std::string locale =
        m_locale_of ? TRY(m_locale_of(practice_id, client_id)) : std::string(i18n::kDefaultLocale);
    const std::string time_zone = TRY(settings_of(practice_id)).time_zone;
    auto text = [&](std::string_view key, const i18n::Args& args = {}) {
        return m_catalogue.text(locale, key, args, time_zone);
    };
    std::vector<CalendarEvent> events;
    for (const Assignment& a : TRY(load_assignments(client_id))) {
        if (a.status != "active")
            continue;
        auto ex = TRY(find_exercise(practice_id, a.exercise_id));
        // Phone calendars sync to other companies' servers: the title of the exercise only, never
        // the therapist's note or anything the client wrote.
        CalendarEvent ev;
        ev.uid = "assignment-" + a.id + "@trove";
        ev.summary = ex ? in_language(*ex, locale).title : text("calendar.exercise.fallback_title");
        if (a.schedule.is_quota()) {
            ev.summary = text("calendar.exercise.weekly_quota",
                              {{"title", ev.summary}, {"times", a.schedule.times_per_week}});
        }
        ev.description = text("calendar.exercise.description");
        ev.url = portal_url;
        ev.all_day = rrule_start(a.schedule, a.starts_on);
        if (!ev.all_day)
            continue;  // nothing falls due any more
        if (auto rule = schedule_rrule(a.schedule))
            ev.rrule = *rule;
        events.push_back(std::move(ev));
    }
    if (m_appointments) {
        // An appointment says when and how, never who with or why.
        for (const AppointmentSlot& slot : TRY(m_appointments(client_id, now_ms()))) {
            CalendarEvent ev;
            ev.uid = "session-" + slot.id + "@trove";
            ev.summary = text("calendar.appointment.title", {{"modality", slot.modality}});
            ev.description =
                text("calendar.appointment.description", {{"start", i18n::Instant{slot.start}}});
            ev.start = slot.start;
            ev.end = slot.end;
            ev.url = portal_url;
            events.push_back(std::move(ev));
        }
    }
    // No one is signed in: the secret is the credential, and the audit trail says so.
    AuditEvent read = system_event(ctx.ip);
    read.practice_id = practice_id;
    read.actor_role = "calendar_feed";
    read.action = "calendar_feed.read";
    read.object_type = "client";
    read.object_id = client_id;
    ctx.pending_audit.push_back(std::move(read));
    return write_calendar("Trove", events, now_ms());
}

}  // namespace trove::journal
