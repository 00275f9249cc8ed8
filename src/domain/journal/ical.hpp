#pragma once
// An iCalendar (RFC 5545) writer for the exercise calendar a client subscribes to: one VCALENDAR
// (METHOD:PUBLISH) of VEVENTs, CRLF line endings, TEXT values escaped, lines folded at 75 octets
// without splitting a UTF-8 character. What goes into the text is the caller's choice; the writer
// only makes it well-formed.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "domain/journal/schedule.hpp"

namespace trove::journal {

struct CalendarEvent {
    std::string uid;                   // stable, e.g. "assignment-<id>@trove"
    std::string summary;               // short; keeping clinical text out is the caller's job
    std::string description;           // may be empty
    std::optional<Date> all_day;       // an all-day event on this local day (wins over start/end)
    std::optional<TimeMs> start, end;  // or a timed event, written in UTC
    std::string rrule;                 // optional, e.g. from schedule_rrule
    std::vector<Date> exdates;  // optional; for a timed event, these UTC days at start's time
    std::string url;            // optional
};

//! The whole calendar. DTSTAMP is `generated_at`; an all-day event gets DTEND the next day, a
//! timed one gets DTEND only when `end` lies after `start`. Events with neither `all_day` nor
//! `start` are left out (RFC 5545 requires DTSTART in a published calendar).
std::string write_calendar(std::string_view calendar_name, const std::vector<CalendarEvent>& events,
                           TimeMs generated_at);

//! The RRULE value for an all-day event that repeats like `schedule`: "FREQ=DAILY",
//! "FREQ=WEEKLY;BYDAY=MO,TH", each with ";UNTIL=YYYYMMDD" when the schedule has a last day.
//! N times a week becomes a Monday reminder ("FREQ=WEEKLY;BYDAY=MO"; saying "3 times this week"
//! is the caller's job). nullopt for a one-off, which is a single event.
std::optional<std::string> schedule_rrule(const Schedule& schedule);

//! The DTSTART that fits schedule_rrule (RFC 5545 leaves the set undefined when DTSTART does not
//! match the rule): the first due day on or after `start`, the first Monday on or after `start`
//! for N times a week, the day of a one-off; nullopt when nothing falls due.
std::optional<Date> rrule_start(const Schedule& schedule, Date start);

}  // namespace trove::journal
