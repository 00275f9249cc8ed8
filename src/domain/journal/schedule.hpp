#pragma once
// When a client is meant to practise an exercise, and how well that went: schedules (daily, on
// chosen weekdays, N times a week, once), their due dates, adherence and streaks, and the local
// calendar day of a moment in the client's time zone. Pure functions of plain values; "today" is
// always passed in, never read from a clock.
//
// Dates are local calendar days (the client's own day, see local_date), held as days since the
// epoch. All ranges are inclusive.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace trove::journal {

//! A local calendar day.
using Date = std::chrono::sys_days;

//! Strict "YYYY-MM-DD" of a real calendar day ("2028-02-29" yes, "2027-02-29" and "2026-2-3" no).
std::optional<Date> parse_date(std::string_view text);

//! "2026-03-05".
std::string format_date(Date day);

//! How often an exercise is due, from an assignment's start day on.
//!
//! JSON (an API contract): {"frequency": "daily"}, {"frequency": "weekly", "days": ["mon", "thu"]},
//! {"frequency": "weekly", "times": 3}, {"frequency": "once", "on": "2026-12-03"}; daily and weekly
//! take an optional "until": "YYYY-MM-DD" (inclusive last day).
struct Schedule {
    enum class Frequency { daily, weekly, once };
    Frequency frequency = Frequency::daily;
    std::vector<std::chrono::weekday> days;  // weekly on these weekdays (Monday first, unique)
    int times_per_week = 0;                  // weekly "N times a week" (1..7) instead of days
    std::optional<Date> on;                  // once
    std::optional<Date> until;               // daily and weekly: inclusive last day

    //! Weekly N times a week, counted per ISO week rather than per day.
    bool is_quota() const { return frequency == Frequency::weekly && times_per_week > 0; }

    bool operator==(const Schedule&) const = default;
};

//! Reads the JSON form. Unknown keys, wrong types, a weekly schedule with neither or both of
//! days/times, and dates that are not real days are invalid_input errors naming the field
//! ("schedule.days", "schedule.until", ...). Weekdays are sorted Monday first and de-duplicated;
//! null counts as absent.
Result<Schedule> parse_schedule(const nlohmann::json& json);

//! The JSON form; parse_schedule(to_json(s)) == s for every schedule parse_schedule accepts.
nlohmann::json to_json(const Schedule& schedule);

//! The checks that need the assignment's start day: `until` and `on` must not lie before it
//! (errors name "schedule.until" / "schedule.on").
Result<void> check_schedule(const Schedule& schedule, Date start);

//! Whether a single occurrence is due on `day`: daily every day, weekly on its weekdays, once on
//! its day; never before `start` or after `until`. Always false for N-times-a-week schedules, which
//! have a weekly quota instead of due days.
bool due_on(const Schedule& schedule, Date start, Date day);

//! The days in [from, to] on which due_on holds, ascending (empty for N-times-a-week schedules).
std::vector<Date> due_dates(const Schedule& schedule, Date start, Date from, Date to);

//! How an assignment went up to today.
//!
//! The counted span is start .. min(today, until, ended). The last day of that span is a *grace
//! day* when it is today or the day the assignment ended (the client still has, or had, part of
//! that day): what falls due on it counts once done and is simply not counted while not done.
//!
//! Day schedules (daily, weekdays, once), streak_unit "day":
//!  - due: due occurrences in the span (minus an undone one on the grace day);
//!  - done: distinct days in the span with a completion, due or not (so done may exceed due; a
//!    completion on a non-due day never counts as due);
//!  - a streak is a run of consecutive due occurrences that were done; non-due days in between
//!    neither extend nor break it. current_streak is the run ending at the last counted occurrence.
//!
//! N times a week, streak_unit "week": weeks are ISO weeks (Monday to Sunday). A week's quota is
//! N, or fewer when the assignment covers fewer days of that week (a Saturday start owes at most 2
//! that first week; an `until` on Wednesday owes at most 3 that last week). A week is met when it
//! has at least quota distinct completion days. due sums the quotas and done sums min(completion
//! days, quota) of the counted weeks; the week holding the grace day counts only once met. A
//! streak is a run of consecutive met weeks.
//!
//! Completions before start, after the span or duplicated are ignored.
struct Adherence {
    int due = 0;
    int done = 0;
    int current_streak = 0;
    int longest_streak = 0;
    std::string streak_unit;  // "day" or "week"
};

//! A pause of an assignment, both days inclusive (an open pause ends at Date::max()).
struct Pause {
    Date first;
    Date last;
};

//! Paused days owe nothing: an undone occurrence on one is neither due nor a break in a streak, and
//! a week's quota counts only its unpaused days (a week paused throughout is skipped).
Adherence adherence(const Schedule& schedule, Date start, std::optional<Date> ended,
                    const std::vector<Date>& done_days, Date today,
                    const std::vector<Pause>& paused = {});

//! Runs of consecutive calendar days with at least one journal entry.
struct DayStreaks {
    int current = 0;
    int longest = 0;
};

//! `days` may be unsorted and repeat; days after `today` are ignored. The current streak ends
//! today, or yesterday when there is no entry today yet (0 when neither has one).
DayStreaks day_streaks(std::vector<Date> days, Date today);

//! One mood the reader may see: every entry is a point, never a daily mean (a low must not be
//! averaged away).
struct MoodPoint {
    Date date;
    TimeMs at = 0;  // when the entry was written
    int mood = 0;   // 0-10
    std::string entry_id;
};

struct MoodSummary {
    std::optional<MoodPoint> latest;         // the most recent entry with a mood
    std::optional<MoodPoint> lowest_7_days;  // the lowest of today and the six days before (the
                                             // most recent of equal lows)
    int entries_7_days = 0;
};

//! `points` in any order; days after `today` are ignored for the week.
MoodSummary summarise_mood(const std::vector<MoodPoint>& points, Date today);

//! Whether `name` is an IANA time zone the system's tz database knows ("Europe/Berlin").
bool valid_time_zone(const std::string& name);

//! The local calendar day at moment `t` in `iana_zone`, daylight saving included; an unknown zone
//! is an invalid_input error naming "time_zone".
Result<Date> local_date(TimeMs t, const std::string& iana_zone);

}  // namespace trove::journal
