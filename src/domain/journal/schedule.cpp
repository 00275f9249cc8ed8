#include "domain/journal/schedule.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <set>

#include <date/tz.h>

namespace trove::journal {

using nlohmann::json;
using std::chrono::days;
using std::chrono::weekday;

namespace {

constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};

// Index into kDayNames: Monday 0 .. Sunday 6.
unsigned monday_index(weekday wd) {
    return wd.iso_encoding() - 1;
}

std::optional<weekday> parse_weekday(std::string_view name) {
    for (unsigned i = 0; i < kDayNames.size(); ++i) {
        if (kDayNames[i] == name)
            return weekday{i + 1};  // weekday{7} is Sunday, like weekday{0}
    }
    return std::nullopt;
}

Date monday_of(Date day) {
    return day - days{monday_index(weekday{day})};
}

Error bad(const std::string& key, std::string message) {
    return Error::invalid(key.empty() ? "schedule" : "schedule." + key, std::move(message));
}

const json* member(const json& j, const char* key) {
    auto it = j.find(key);
    return it == j.end() || it->is_null() ? nullptr : &*it;
}

Result<std::optional<Date>> read_date(const json& j, const char* key) {
    const json* v = member(j, key);
    if (!v)
        return std::optional<Date>{};
    std::optional<Date> day;
    if (v->is_string())
        day = parse_date(v->get_ref<const std::string&>());
    if (!day)
        return bad(key, "The date must be a real calendar day written YYYY-MM-DD.");
    return day;
}

Result<std::vector<weekday>> read_days(const json& v) {
    if (!v.is_array())
        return bad("days", "Weekdays must be a list such as [\"mon\", \"thu\"].");
    std::array<bool, 7> chosen{};
    for (const json& x : v) {
        std::optional<weekday> wd;
        if (x.is_string())
            wd = parse_weekday(x.get_ref<const std::string&>());
        if (!wd)
            return bad("days", "Weekdays are written mon, tue, wed, thu, fri, sat or sun.");
        chosen[monday_index(*wd)] = true;
    }
    std::vector<weekday> out;
    for (unsigned i = 0; i < chosen.size(); ++i) {
        if (chosen[i])
            out.push_back(weekday{i + 1});
    }
    if (out.empty())
        return bad("days", "Choose at least one weekday.");
    return out;
}

Result<int> read_times(const json& v) {
    // is_number_integer is false for 2.5 and for booleans; huge unsigned values wrap negative.
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > 7)
        return bad("times", "Times a week must be a whole number from 1 to 7.");
    return static_cast<int>(v.get<std::int64_t>());
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    auto number = [&](size_t from, size_t count) -> int {
        int n = 0;
        for (size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return -1;
            n = n * 10 + (text[i] - '0');
        }
        return n;
    };
    int y = number(0, 4), m = number(5, 2), d = number(8, 2);
    if (y < 0 || m < 0 || d < 0)
        return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                    std::chrono::day{unsigned(d)}};
    if (!ymd.ok())
        return std::nullopt;
    return Date{ymd};
}

std::string format_date(Date day) {
    std::chrono::year_month_day ymd{day};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return buf;
}

Result<Schedule> parse_schedule(const json& j) {
    if (!j.is_object())
        return bad("", "A schedule must be an object such as {\"frequency\": \"daily\"}.");
    for (const auto& [key, value] : j.items()) {
        if (key != "frequency" && key != "days" && key != "times" && key != "on" && key != "until")
            return bad(key, "\"" + key + "\" is not a schedule setting.");
    }

    Schedule s;
    const json* frequency = member(j, "frequency");
    if (!frequency)
        return bad("frequency", "Choose how often: daily, weekly or once.");
    std::string name = frequency->is_string() ? frequency->get<std::string>() : "";
    if (name == "daily")
        s.frequency = Schedule::Frequency::daily;
    else if (name == "weekly")
        s.frequency = Schedule::Frequency::weekly;
    else if (name == "once")
        s.frequency = Schedule::Frequency::once;
    else
        return bad("frequency", "How often must be daily, weekly or once.");

    const json* days_json = member(j, "days");
    const json* times_json = member(j, "times");
    bool weekly = s.frequency == Schedule::Frequency::weekly;
    if (days_json && !weekly)
        return bad("days", "Weekdays can only be chosen for a weekly schedule.");
    if (times_json && !weekly)
        return bad("times", "Times a week can only be set for a weekly schedule.");
    if (weekly) {
        if (days_json && times_json)
            return bad("times", "Choose either weekdays or a number of times a week, not both.");
        if (!days_json && !times_json)
            return bad("days", "Choose the weekdays or how many times a week.");
        if (days_json)
            s.days = TRY(read_days(*days_json));
        else
            s.times_per_week = TRY(read_times(*times_json));
    }

    s.on = TRY(read_date(j, "on"));
    s.until = TRY(read_date(j, "until"));
    bool once = s.frequency == Schedule::Frequency::once;
    if (once && !s.on)
        return bad("on", "Choose the day for a one-off exercise.");
    if (!once && s.on)
        return bad("on", "A single day can only be set for a one-off exercise.");
    if (once && s.until)
        return bad("until", "A one-off exercise has no last day; set only its day.");
    return s;
}

json to_json(const Schedule& s) {
    json j = json::object();
    switch (s.frequency) {
        case Schedule::Frequency::daily:
            j["frequency"] = "daily";
            break;
        case Schedule::Frequency::weekly:
            j["frequency"] = "weekly";
            if (s.times_per_week > 0) {
                j["times"] = s.times_per_week;
            } else {
                json names = json::array();
                for (weekday wd : s.days)
                    names.push_back(kDayNames[monday_index(wd)]);
                j["days"] = std::move(names);
            }
            break;
        case Schedule::Frequency::once:
            j["frequency"] = "once";
            if (s.on)
                j["on"] = format_date(*s.on);
            break;
    }
    if (s.until)
        j["until"] = format_date(*s.until);
    return j;
}

Result<void> check_schedule(const Schedule& s, Date start) {
    if (s.until && *s.until < start)
        return bad("until", "The last day must not be before the assignment starts.");
    if (s.on && *s.on < start)
        return bad("on", "The day must not be before the assignment starts.");
    return {};
}

bool due_on(const Schedule& s, Date start, Date day) {
    if (day < start || (s.until && day > *s.until))
        return false;
    switch (s.frequency) {
        case Schedule::Frequency::daily:
            return true;
        case Schedule::Frequency::weekly:
            return std::find(s.days.begin(), s.days.end(), weekday{day}) != s.days.end();
        case Schedule::Frequency::once:
            return s.on && day == *s.on;
    }
    return false;
}

std::vector<Date> due_dates(const Schedule& s, Date start, Date from, Date to) {
    std::vector<Date> out;
    Date first = std::max(from, start);
    Date last = s.until ? std::min(to, *s.until) : to;
    if (s.frequency == Schedule::Frequency::once) {
        if (s.on && *s.on >= first && *s.on <= last)
            out.push_back(*s.on);
        return out;
    }
    if (s.is_quota())
        return out;
    for (Date d = first; d <= last; d += days{1}) {
        if (due_on(s, start, d))
            out.push_back(d);
    }
    return out;
}

Adherence adherence(const Schedule& s, Date start, std::optional<Date> ended,
                    const std::vector<Date>& done_days, Date today,
                    const std::vector<Pause>& paused) {
    auto is_paused = [&](Date d) {
        return std::any_of(paused.begin(), paused.end(),
                           [&](const Pause& p) { return d >= p.first && d <= p.last; });
    };
    Adherence a;
    a.streak_unit = s.is_quota() ? "week" : "day";
    Date end = today;
    if (s.until)
        end = std::min(end, *s.until);
    if (ended)
        end = std::min(end, *ended);
    if (end < start)
        return a;
    bool grace = end == today || (ended && end == *ended);

    std::set<Date> done;
    for (Date d : done_days) {
        if (d >= start && d <= end)
            done.insert(d);
    }

    int run = 0;
    auto record = [&](bool met) {
        run = met ? run + 1 : 0;
        a.longest_streak = std::max(a.longest_streak, run);
    };

    if (!s.is_quota()) {
        a.done = static_cast<int>(done.size());
        for (Date d : due_dates(s, start, start, end)) {
            bool did = done.contains(d);
            if (!did && grace && d == end)
                continue;
            if (!did && is_paused(d))
                continue;  // a pause neither owes the exercise nor breaks a streak
            ++a.due;
            record(did);
        }
        a.current_streak = run;
        return a;
    }

    for (Date week = monday_of(start); week <= end; week += days{7}) {
        Date sunday = week + days{6};
        // Days of this week the assignment plans for, whether or not they have come yet.
        Date plan_first = std::max(week, start);
        Date plan_last = s.until ? std::min(sunday, *s.until) : sunday;
        int open_days = 0;
        for (Date d = plan_first; d <= plan_last; d += days{1})
            open_days += is_paused(d) ? 0 : 1;
        int quota = std::min<int>(s.times_per_week, open_days);
        if (quota == 0)
            continue;  // paused all week: nothing owed, the streak waits
        int did = static_cast<int>(std::distance(done.lower_bound(week), done.upper_bound(sunday)));
        bool met = did >= quota;
        if (!met && grace && end >= week && end <= sunday)
            continue;  // the client still has (or had) time this week
        a.due += quota;
        a.done += std::min(did, quota);
        record(met);
    }
    a.current_streak = run;
    return a;
}

DayStreaks day_streaks(std::vector<Date> days_with_entries, Date today) {
    std::sort(days_with_entries.begin(), days_with_entries.end());
    days_with_entries.erase(std::unique(days_with_entries.begin(), days_with_entries.end()),
                            days_with_entries.end());
    days_with_entries.erase(
        std::upper_bound(days_with_entries.begin(), days_with_entries.end(), today),
        days_with_entries.end());

    DayStreaks out;
    int run = 0;
    for (size_t i = 0; i < days_with_entries.size(); ++i) {
        bool follows = i > 0 && days_with_entries[i - 1] + days{1} == days_with_entries[i];
        run = follows ? run + 1 : 1;
        out.longest = std::max(out.longest, run);
    }
    // The sorted list ends at or before today; the last run is current if it reaches yesterday.
    if (!days_with_entries.empty() && days_with_entries.back() >= today - days{1})
        out.current = run;
    return out;
}

namespace {

const date::time_zone* find_zone(const std::string& name) {
    if (name.empty())
        return nullptr;
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        // locate_zone reports an unknown name (and an unreadable tz database) by throwing.
        return nullptr;
    }
}

}  // namespace

bool valid_time_zone(const std::string& name) {
    return find_zone(name) != nullptr;
}

Result<Date> local_date(TimeMs t, const std::string& iana_zone) {
    const date::time_zone* zone = find_zone(iana_zone);
    if (!zone) {
        return Error::invalid("time_zone",
                              "Unknown time zone; use an IANA name such as Europe/Berlin.");
    }
    date::zoned_time<std::chrono::milliseconds> zoned{
        zone, std::chrono::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{t}}};
    auto local = zoned.get_local_time().time_since_epoch();
    return Date{std::chrono::floor<days>(local)};
}

MoodSummary summarise_mood(const std::vector<MoodPoint>& points, Date today) {
    MoodSummary out;
    auto later = [](const MoodPoint& a, const MoodPoint& b) {
        return a.date != b.date ? a.date > b.date : a.at > b.at;
    };
    const Date week_start = today - std::chrono::days{6};
    for (const MoodPoint& p : points) {
        if (!out.latest || later(p, *out.latest))
            out.latest = p;
        if (p.date < week_start || p.date > today)
            continue;
        ++out.entries_7_days;
        if (!out.lowest_7_days || p.mood < out.lowest_7_days->mood ||
            (p.mood == out.lowest_7_days->mood && later(p, *out.lowest_7_days)))
            out.lowest_7_days = p;
    }
    return out;
}

}  // namespace trove::journal
