// The iCalendar writer: exact output for a small calendar, RFC 5545 escaping, folding at 75 octets
// without splitting UTF-8, CRLF, and the RRULE forms of each schedule.

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "domain/journal/ical.hpp"

using namespace trove;
using namespace trove::journal;

namespace {

Date day(const char* text) {
    return parse_date(text).value();
}

TimeMs utc(const char* text) {
    return parse_rfc3339(text).value();
}

// The physical lines, without their CRLF.
std::vector<std::string> physical_lines(const std::string& ics) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < ics.size()) {
        size_t crlf = ics.find("\r\n", pos);
        if (crlf == std::string::npos) {
            out.push_back(ics.substr(pos));  // unterminated: a test below will notice
            break;
        }
        out.push_back(ics.substr(pos, crlf - pos));
        pos = crlf + 2;
    }
    return out;
}

// RFC 5545 3.1 unfolding: a CRLF followed by one space disappears.
std::vector<std::string> content_lines(const std::string& ics) {
    std::string unfolded;
    for (size_t i = 0; i < ics.size(); ++i) {
        if (ics.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        unfolded += ics[i];
    }
    return physical_lines(unfolded);
}

// Whether `s` is whole UTF-8 characters: no character cut at either end.
bool whole_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80           ? 1
                     : (c >> 5) == 0x6  ? 2
                     : (c >> 4) == 0xE  ? 3
                     : (c >> 3) == 0x1E ? 4
                                        : 0;
        if (len == 0 || i + len > s.size())
            return false;
        for (size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        }
        i += len;
    }
    return true;
}

std::string calendar_with_summary(const std::string& summary) {
    CalendarEvent e;
    e.uid = "u@trove";
    e.summary = summary;
    e.all_day = day("2026-03-02");
    return write_calendar("Trove", {e}, 0);
}

// The SUMMARY content line of a one-event calendar.
std::string summary_line(const std::string& ics) {
    for (const std::string& line : content_lines(ics)) {
        if (line.rfind("SUMMARY:", 0) == 0)
            return line;
    }
    return "(no SUMMARY)";
}

void expect_well_folded(const std::string& ics) {
    for (const std::string& line : physical_lines(ics)) {
        EXPECT_LE(line.size(), 75u) << line;
        std::string_view body = line;
        if (!body.empty() && body[0] == ' ') {
            body.remove_prefix(1);
            EXPECT_TRUE(body.empty() || body[0] != ' ') << "more than one space: " << line;
        }
        EXPECT_TRUE(whole_utf8(body)) << "a character is split: " << line;
    }
}

}  // namespace

TEST(ical, writes_the_exact_calendar) {
    Schedule weekly;
    weekly.frequency = Schedule::Frequency::weekly;
    weekly.days = {std::chrono::Monday, std::chrono::Thursday};
    weekly.until = day("2026-03-31");

    CalendarEvent exercise;
    exercise.uid = "assignment-01J@trove";
    exercise.summary = "Breathing, 5 min";
    exercise.description = "Line one\nLine two; see notes\\";
    exercise.all_day = day("2026-03-02");
    exercise.rrule = schedule_rrule(weekly).value();
    exercise.exdates = {day("2026-03-05"), day("2026-03-12")};

    CalendarEvent session;
    session.uid = "session-7@trove";
    session.summary = "Session";
    session.start = utc("2026-03-29T08:00:00Z");
    session.end = utc("2026-03-29T08:50:00Z");
    session.url = "https://trove.example/j/7";

    std::string ics =
        write_calendar("Trove, exercises", {exercise, session}, utc("2026-03-02T08:15:30.500Z"));
    EXPECT_EQ(ics,
              "BEGIN:VCALENDAR\r\n"
              "VERSION:2.0\r\n"
              "PRODID:-//Trove//Trove Journal//EN\r\n"
              "CALSCALE:GREGORIAN\r\n"
              "METHOD:PUBLISH\r\n"
              "X-WR-CALNAME:Trove\\, exercises\r\n"
              "BEGIN:VEVENT\r\n"
              "UID:assignment-01J@trove\r\n"
              "DTSTAMP:20260302T081530Z\r\n"
              "DTSTART;VALUE=DATE:20260302\r\n"
              "DTEND;VALUE=DATE:20260303\r\n"
              "SUMMARY:Breathing\\, 5 min\r\n"
              "DESCRIPTION:Line one\\nLine two\\; see notes\\\\\r\n"
              "RRULE:FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20260331\r\n"
              "EXDATE;VALUE=DATE:20260305,20260312\r\n"
              "END:VEVENT\r\n"
              "BEGIN:VEVENT\r\n"
              "UID:session-7@trove\r\n"
              "DTSTAMP:20260302T081530Z\r\n"
              "DTSTART:20260329T080000Z\r\n"
              "DTEND:20260329T085000Z\r\n"
              "SUMMARY:Session\r\n"
              "URL:https://trove.example/j/7\r\n"
              "END:VEVENT\r\n"
              "END:VCALENDAR\r\n");
}

TEST(ical, every_line_ends_in_crlf) {
    CalendarEvent e;
    e.uid = "u@trove";
    e.summary = "Two\nlines\r\nand\rthree";
    e.description = std::string(300, 'x');
    e.all_day = day("2026-03-02");
    std::string ics = write_calendar("Trove", {e}, 0);
    ASSERT_GE(ics.size(), 2u);
    EXPECT_EQ(ics.substr(ics.size() - 2), "\r\n");
    for (size_t i = 0; i < ics.size(); ++i) {
        if (ics[i] == '\n') {
            EXPECT_TRUE(i > 0 && ics[i - 1] == '\r') << "bare LF at " << i;
        }
        if (ics[i] == '\r') {
            EXPECT_TRUE(i + 1 < ics.size() && ics[i + 1] == '\n') << "bare CR at " << i;
        }
    }
}

TEST(ical, text_escapes_backslash_semicolon_comma_and_line_breaks) {
    EXPECT_EQ(summary_line(calendar_with_summary("a\\b;c,d\ne\r\nf\rg:h\"i")),
              "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ng:h\"i");
    // Other control characters are not allowed in TEXT; a tab is.
    EXPECT_EQ(summary_line(calendar_with_summary("a\x01\x1f\x7f b\tc")), "SUMMARY:a b\tc");
}

TEST(ical, a_line_of_75_octets_stays_whole_and_76_folds) {
    // "SUMMARY:" is 8 octets.
    std::string ics = calendar_with_summary(std::string(67, 'a'));
    EXPECT_NE(ics.find("\r\nSUMMARY:" + std::string(67, 'a') + "\r\n"), std::string::npos);

    ics = calendar_with_summary(std::string(68, 'a'));
    EXPECT_NE(ics.find("\r\nSUMMARY:" + std::string(67, 'a') + "\r\n a\r\n"), std::string::npos);
}

TEST(ical, long_ascii_folds_into_75_octet_lines_and_unfolds_back) {
    std::string text;
    for (int i = 0; i < 40; ++i)
        text += "word" + std::to_string(i) + " ";
    std::string ics = calendar_with_summary(text);
    expect_well_folded(ics);
    EXPECT_EQ(summary_line(ics), "SUMMARY:" + text);

    // 8 + 200 octets: 75 on the first line, then a space and 74, then a space and the last 59.
    ics = calendar_with_summary(std::string(200, 'z'));
    std::string expected = "\r\nSUMMARY:" + std::string(67, 'z') + "\r\n " + std::string(74, 'z') +
                           "\r\n " + std::string(59, 'z') + "\r\nEND:VEVENT";
    EXPECT_NE(ics.find(expected), std::string::npos);
}

TEST(ical, long_multibyte_text_never_splits_a_character) {
    // Two-, three- and four-octet characters, shifted by 0..3 ASCII letters so that every
    // alignment against the 75-octet limit occurs.
    for (const std::string unit : {"ü", "—", "🌱", "aü—🌱"}) {
        for (int shift = 0; shift < 4; ++shift) {
            std::string text = std::string(shift, 'a');
            for (int i = 0; i < 60; ++i)
                text += unit;
            std::string ics = calendar_with_summary(text);
            SCOPED_TRACE(unit + " shifted by " + std::to_string(shift));
            expect_well_folded(ics);
            EXPECT_EQ(summary_line(ics), "SUMMARY:" + text);
        }
    }
}

TEST(ical, the_first_fold_of_umlauts_backs_off_to_a_character_start) {
    // "SUMMARY:" (8) + 100 x "ü" (2 octets each): 75 would cut an "ü" in half, so the first line
    // carries 8 + 66 = 74 octets (33 ü); the next ones a space and 74 octets (37 ü) while it lasts.
    std::string u = "ü";
    auto repeat = [&](int n) {
        std::string s;
        for (int i = 0; i < n; ++i)
            s += u;
        return s;
    };
    std::string ics = calendar_with_summary(repeat(100));
    std::string expected =
        "\r\nSUMMARY:" + repeat(33) + "\r\n " + repeat(37) + "\r\n " + repeat(30) + "\r\n";
    EXPECT_NE(ics.find(expected), std::string::npos);
}

TEST(ical, all_day_events_end_on_the_next_day_across_month_and_year_ends) {
    for (auto [start, end] :
         std::vector<std::pair<const char*, const char*>>{{"2026-01-31", "20260201"},
                                                          {"2028-02-28", "20280229"},
                                                          {"2028-02-29", "20280301"},
                                                          {"2027-02-28", "20270301"},
                                                          {"2026-12-31", "20270101"}}) {
        CalendarEvent e;
        e.uid = "u@trove";
        e.summary = "s";
        e.all_day = day(start);
        std::vector<std::string> lines = content_lines(write_calendar("Trove", {e}, 0));
        EXPECT_NE(std::find(lines.begin(), lines.end(), std::string("DTEND;VALUE=DATE:") + end),
                  lines.end())
            << start;
    }
}

TEST(ical, timed_events_are_utc_and_skip_a_backwards_end) {
    CalendarEvent e;
    e.uid = "u@trove";
    e.summary = "s";
    e.start = utc("2026-03-02T18:30:00Z");
    e.end = utc("2026-03-02T18:00:00Z");
    e.rrule = "FREQ=DAILY";
    e.exdates = {day("2026-03-04"), day("2026-03-06")};
    std::vector<std::string> lines = content_lines(write_calendar("Trove", {e}, 0));
    auto has = [&](const std::string& l) {
        return std::find(lines.begin(), lines.end(), l) != lines.end();
    };
    EXPECT_TRUE(has("DTSTART:20260302T183000Z"));
    EXPECT_TRUE(has("DTSTAMP:19700101T000000Z"));
    EXPECT_TRUE(has("EXDATE:20260304T183000Z,20260306T183000Z"));
    for (const std::string& l : lines)
        EXPECT_NE(l.rfind("DTEND", 0), 0u) << l;
}

TEST(ical, events_without_a_start_are_left_out) {
    CalendarEvent no_start;
    no_start.uid = "u@trove";
    no_start.summary = "s";
    std::string ics = write_calendar("Trove", {no_start}, 0);
    EXPECT_EQ(ics.find("BEGIN:VEVENT"), std::string::npos);
    EXPECT_NE(ics.find("END:VCALENDAR\r\n"), std::string::npos);
}

TEST(ical, control_characters_cannot_break_uid_url_or_rrule_lines) {
    CalendarEvent e;
    e.uid = "u@trove\r\nX-EVIL:1";
    e.summary = "s";
    e.url = "https://trove.example/\nX-EVIL:2";
    e.rrule = "FREQ=DAILY\r\nX-EVIL:3";
    e.all_day = day("2026-03-02");
    std::vector<std::string> lines = content_lines(write_calendar("Trove", {e}, 0));
    for (const std::string& l : lines)
        EXPECT_NE(l.rfind("X-EVIL", 0), 0u) << l;
}

TEST(ical, rrule_for_each_schedule_form) {
    Schedule s;
    s.frequency = Schedule::Frequency::daily;
    EXPECT_EQ(schedule_rrule(s), "FREQ=DAILY");
    s.until = day("2027-01-05");
    EXPECT_EQ(schedule_rrule(s), "FREQ=DAILY;UNTIL=20270105");

    s = {};
    s.frequency = Schedule::Frequency::weekly;
    s.days = {std::chrono::Monday, std::chrono::Thursday};
    EXPECT_EQ(schedule_rrule(s), "FREQ=WEEKLY;BYDAY=MO,TH");
    s.days = {std::chrono::Saturday, std::chrono::Sunday};
    s.until = day("2026-12-31");
    EXPECT_EQ(schedule_rrule(s), "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20261231");
    s.days = {std::chrono::Monday,   std::chrono::Tuesday, std::chrono::Wednesday,
              std::chrono::Thursday, std::chrono::Friday,  std::chrono::Saturday,
              std::chrono::Sunday};
    s.until.reset();
    EXPECT_EQ(schedule_rrule(s), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU");

    s = {};
    s.frequency = Schedule::Frequency::weekly;
    s.times_per_week = 3;
    EXPECT_EQ(schedule_rrule(s), "FREQ=WEEKLY;BYDAY=MO");
    s.until = day("2026-06-30");
    EXPECT_EQ(schedule_rrule(s), "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260630");

    s = {};
    s.frequency = Schedule::Frequency::once;
    s.on = day("2026-12-03");
    EXPECT_EQ(schedule_rrule(s), std::nullopt);
}

TEST(ical, rrule_start_is_the_first_occurrence_of_the_rule) {
    Schedule s;
    s.frequency = Schedule::Frequency::daily;
    EXPECT_EQ(rrule_start(s, day("2026-12-31")), day("2026-12-31"));
    s.until = day("2026-12-30");
    EXPECT_EQ(rrule_start(s, day("2026-12-31")), std::nullopt);

    s = {};
    s.frequency = Schedule::Frequency::weekly;
    s.days = {std::chrono::Monday, std::chrono::Thursday};
    EXPECT_EQ(rrule_start(s, day("2026-12-01")), day("2026-12-03"));  // Tue -> Thu
    EXPECT_EQ(rrule_start(s, day("2026-12-04")), day("2026-12-07"));  // Fri -> Mon
    s.until = day("2026-12-06");
    EXPECT_EQ(rrule_start(s, day("2026-12-04")), std::nullopt);
    s.days = {std::chrono::Sunday};
    s.until.reset();
    EXPECT_EQ(rrule_start(s, day("2026-12-28")), day("2027-01-03"));

    s = {};
    s.frequency = Schedule::Frequency::weekly;
    s.times_per_week = 3;
    EXPECT_EQ(rrule_start(s, day("2026-03-02")), day("2026-03-02"));  // a Monday
    EXPECT_EQ(rrule_start(s, day("2026-03-04")), day("2026-03-09"));
    EXPECT_EQ(rrule_start(s, day("2026-12-30")), day("2027-01-04"));
    s.until = day("2026-03-08");
    EXPECT_EQ(rrule_start(s, day("2026-03-04")), std::nullopt);

    s = {};
    s.frequency = Schedule::Frequency::once;
    s.on = day("2026-12-03");
    EXPECT_EQ(rrule_start(s, day("2026-12-01")), day("2026-12-03"));
    EXPECT_EQ(rrule_start(s, day("2026-12-04")), std::nullopt);
}
