#include "core/clock.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace trove {

TimeMs now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string to_rfc3339(TimeMs t) {
    // Civil time from the calendar arithmetic of <chrono>: gmtime_r takes the time-zone lock on
    // every call, which showed up in the profile of the resource map (10,000 timestamps).
    using namespace std::chrono;
    const sys_time<milliseconds> point{milliseconds{t}};
    const sys_days day = floor<days>(point);
    const year_month_day date{day};
    const hh_mm_ss<milliseconds> clock{point - day};
    const int millis = static_cast<int>(clock.subseconds().count());
    // Written digit by digit: this runs for every timestamp of every response and audit event,
    // and snprintf showed up in profiles.
    char buf[] = "0000-00-00T00:00:00.000Z";
    auto put = [&buf](int pos, int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            buf[pos + i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, static_cast<int>(date.year()), 4);
    put(5, static_cast<int>(static_cast<unsigned>(date.month())), 2);
    put(8, static_cast<int>(static_cast<unsigned>(date.day())), 2);
    put(11, static_cast<int>(clock.hours().count()), 2);
    put(14, static_cast<int>(clock.minutes().count()), 2);
    put(17, static_cast<int>(clock.seconds().count()), 2);
    put(20, millis, 3);
    return std::string(buf, 24);
}

namespace {
// Reads exactly `n` digits at `pos`; -1 when any is not a digit.
int digits(std::string_view s, size_t pos, size_t n) {
    if (pos + n > s.size())
        return -1;
    int value = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}
}  // namespace

std::optional<TimeMs> parse_rfc3339(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS[.fff...]Z, parsed by hand: this runs for every timestamp of every row.
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':') {
        return std::nullopt;
    }
    int year = digits(s, 0, 4), mon = digits(s, 5, 2), day = digits(s, 8, 2);
    int hour = digits(s, 11, 2), min = digits(s, 14, 2), sec = digits(s, 17, 2);
    if (year < 0 || mon < 1 || mon > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
        min < 0 || min > 59 || sec < 0 || sec > 60) {
        return std::nullopt;
    }
    std::string_view rest = s.substr(19);
    int millis = 0;
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        int count = 0;
        while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
            if (count < 3)
                millis = millis * 10 + (rest.front() - '0');
            ++count;
            rest.remove_prefix(1);
        }
        if (count == 0)
            return std::nullopt;
        for (int i = count; i < 3; ++i)
            millis *= 10;
    }
    if (rest != "Z")
        return std::nullopt;
    // <chrono>'s calendar instead of timegm (which takes the time-zone lock on every call); a day
    // that does not exist (31 April, 29 February of a common year) is refused, not rolled over.
    using namespace std::chrono;
    const year_month_day date{std::chrono::year{year}, month{static_cast<unsigned>(mon)},
                              std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok())
        return std::nullopt;
    const sys_seconds at = sys_days{date} + hours{hour} + minutes{min} + seconds{sec};
    return static_cast<TimeMs>(at.time_since_epoch().count()) * 1000 + millis;
}

int current_year() {
    std::time_t secs = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return tm.tm_year + 1900;
}

}  // namespace trove
