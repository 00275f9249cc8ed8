#include "domain/journal/ical.hpp"

#include <chrono>
#include <cstdio>

namespace trove::journal {

namespace {

using std::chrono::days;

// RFC 5545 3.3.11: backslash, semicolon and comma are escaped, a line break becomes "\n". Other
// control characters are not allowed in TEXT and are dropped.
std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
            case '\\':
            case ';':
            case ',':
                out += '\\';
                out += c;
                break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n')
                    ++i;
                out += "\\n";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                if ((static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) || c == '\t')
                    out += c;
        }
    }
    return out;
}

// For values that are not TEXT (UID is TEXT but must stay one line; URL is a URI): no escaping,
// only control characters removed so the value cannot break the line structure.
std::string strip_controls(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f)
            out += c;
    }
    return out;
}

bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// RFC 5545 3.1: lines are at most 75 octets without the CRLF; a longer line continues on the next
// line after a single space. The cut moves back to the start of a UTF-8 character.
void append_line(std::string& out, std::string_view line) {
    constexpr size_t kMaxOctets = 75;
    size_t pos = 0;
    bool first = true;
    for (;;) {
        size_t room = first ? kMaxOctets : kMaxOctets - 1;  // the leading space takes one
        if (!first)
            out += ' ';
        if (line.size() - pos <= room) {
            out.append(line.substr(pos));
            out += "\r\n";
            return;
        }
        size_t cut = pos + room;
        while (cut > pos && is_utf8_continuation(line[cut]))
            --cut;
        if (cut == pos)  // not UTF-8 at all: cut at the limit rather than loop forever
            cut = pos + room;
        out.append(line.substr(pos, cut - pos));
        out += "\r\n";
        pos = cut;
        first = false;
    }
}

// "20261231".
std::string basic_date(Date day) {
    std::chrono::year_month_day ymd{day};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return buf;
}

// "20261231T235959Z".
std::string basic_utc(TimeMs t) {
    std::chrono::sys_time<std::chrono::milliseconds> tp{std::chrono::milliseconds{t}};
    Date day = std::chrono::floor<days>(tp);
    std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(tp - day)};
    char buf[16];
    std::snprintf(buf, sizeof buf, "T%02d%02d%02dZ", int(hms.hours().count()),
                  int(hms.minutes().count()), int(hms.seconds().count()));
    return basic_date(day) + buf;
}

void append_event(std::string& out, const CalendarEvent& e, const std::string& stamp) {
    append_line(out, "BEGIN:VEVENT");
    append_line(out, "UID:" + strip_controls(e.uid));
    append_line(out, "DTSTAMP:" + stamp);
    if (e.all_day) {
        append_line(out, "DTSTART;VALUE=DATE:" + basic_date(*e.all_day));
        append_line(out, "DTEND;VALUE=DATE:" + basic_date(*e.all_day + days{1}));
    } else {
        append_line(out, "DTSTART:" + basic_utc(*e.start));
        if (e.end && *e.end > *e.start)
            append_line(out, "DTEND:" + basic_utc(*e.end));
    }
    append_line(out, "SUMMARY:" + escape_text(e.summary));
    if (!e.description.empty())
        append_line(out, "DESCRIPTION:" + escape_text(e.description));
    if (!e.rrule.empty())
        append_line(out, "RRULE:" + strip_controls(e.rrule));
    if (!e.exdates.empty()) {
        // EXDATE must have DTSTART's value type: dates for all-day, UTC date-times otherwise.
        std::string line = e.all_day ? "EXDATE;VALUE=DATE:" : "EXDATE:";
        for (size_t i = 0; i < e.exdates.size(); ++i) {
            if (i > 0)
                line += ',';
            if (e.all_day) {
                line += basic_date(e.exdates[i]);
            } else {
                std::chrono::milliseconds start{*e.start};
                auto time_of_day = start - std::chrono::floor<days>(start);
                TimeMs at = std::chrono::duration_cast<std::chrono::milliseconds>(
                                e.exdates[i].time_since_epoch() + time_of_day)
                                .count();
                line += basic_utc(at);
            }
        }
        append_line(out, line);
    }
    if (!e.url.empty())
        append_line(out, "URL:" + strip_controls(e.url));
    append_line(out, "END:VEVENT");
}

}  // namespace

std::string write_calendar(std::string_view calendar_name, const std::vector<CalendarEvent>& events,
                           TimeMs generated_at) {
    std::string out;
    std::string stamp = basic_utc(generated_at);
    append_line(out, "BEGIN:VCALENDAR");
    append_line(out, "VERSION:2.0");
    append_line(out, "PRODID:-//Trove//Trove Journal//EN");
    append_line(out, "CALSCALE:GREGORIAN");
    append_line(out, "METHOD:PUBLISH");
    append_line(out, "X-WR-CALNAME:" + escape_text(calendar_name));
    for (const CalendarEvent& e : events) {
        if (e.all_day || e.start)
            append_event(out, e, stamp);
    }
    append_line(out, "END:VCALENDAR");
    return out;
}

std::optional<std::string> schedule_rrule(const Schedule& s) {
    static constexpr const char* kByDay[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    std::string rule;
    switch (s.frequency) {
        case Schedule::Frequency::once:
            return std::nullopt;
        case Schedule::Frequency::daily:
            rule = "FREQ=DAILY";
            break;
        case Schedule::Frequency::weekly:
            rule = "FREQ=WEEKLY;BYDAY=";
            if (s.is_quota()) {
                rule += "MO";
            } else {
                for (size_t i = 0; i < s.days.size(); ++i) {
                    if (i > 0)
                        rule += ',';
                    rule += kByDay[s.days[i].iso_encoding() - 1];
                }
            }
            break;
    }
    if (s.until)
        rule += ";UNTIL=" + basic_date(*s.until);
    return rule;
}

std::optional<Date> rrule_start(const Schedule& s, Date start) {
    if (s.is_quota()) {
        // The first Monday on or after start.
        unsigned iso = std::chrono::weekday{start}.iso_encoding();
        Date monday = iso == 1 ? start : start + days{8 - iso};
        if (s.until && monday > *s.until)
            return std::nullopt;
        return monday;
    }
    // Every day and weekday schedule has a due day within a week of start, if it has one at all.
    std::vector<Date> first = due_dates(s, start, start, start + days{6});
    if (s.frequency == Schedule::Frequency::once && s.on)
        first = due_dates(s, start, *s.on, *s.on);
    if (first.empty())
        return std::nullopt;
    return first.front();
}

}  // namespace trove::journal
