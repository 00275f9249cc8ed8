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
    std::time_t secs = static_cast<std::time_t>(t / 1000);
    int millis = static_cast<int>(t % 1000);
    if (millis < 0) {
        millis += 1000;
        secs -= 1;
    }
    std::tm tm{};
    gmtime_r(&secs, &tm);
    // Written digit by digit: this runs for every timestamp of every response and audit event,
    // and snprintf showed up in profiles.
    char buf[] = "0000-00-00T00:00:00.000Z";
    auto put = [&buf](int pos, int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            buf[pos + i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, tm.tm_year + 1900, 4);
    put(5, tm.tm_mon + 1, 2);
    put(8, tm.tm_mday, 2);
    put(11, tm.tm_hour, 2);
    put(14, tm.tm_min, 2);
    put(17, tm.tm_sec, 2);
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
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = mon - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = min;
    tm.tm_sec = sec;
    return static_cast<TimeMs>(timegm(&tm)) * 1000 + millis;
}

int current_year() {
    std::time_t secs = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return tm.tm_year + 1900;
}

}  // namespace trove
