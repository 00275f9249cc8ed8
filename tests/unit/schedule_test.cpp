// Schedules, due dates, adherence and streaks, worked by hand against a calendar. Weekdays used
// below: 2026-01-26 Mon, 2026-03-02 Mon, 2026-03-23 Mon, 2026-12-28 Mon, 2027-01-01 Fri,
// 2028-02-29 Tue.

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "domain/journal/schedule.hpp"

using namespace trove;
using namespace trove::journal;
using nlohmann::json;

namespace {

Date day(const char* text) {
    std::optional<Date> d = parse_date(text);
    EXPECT_TRUE(d) << text;
    return d.value_or(Date{});
}

std::vector<std::string> texts(const std::vector<Date>& days) {
    std::vector<std::string> out;
    for (Date d : days)
        out.push_back(format_date(d));
    return out;
}

std::vector<Date> days_of(std::initializer_list<const char*> list) {
    std::vector<Date> out;
    for (const char* t : list)
        out.push_back(day(t));
    return out;
}

Schedule parsed(const json& j) {
    Result<Schedule> s = parse_schedule(j);
    EXPECT_TRUE(s.ok()) << j.dump() << ": " << (s.ok() ? "" : s.error().message);
    return s.ok() ? s.value() : Schedule{};
}

// The field a refused schedule names; "" when it was accepted.
std::string refused_field(const json& j) {
    Result<Schedule> s = parse_schedule(j);
    if (s.ok())
        return "";
    EXPECT_EQ(s.error().code, ErrorCode::invalid_input);
    EXPECT_FALSE(s.error().message.empty());
    return s.error().field;
}

TimeMs utc(const char* text) {
    std::optional<TimeMs> t = parse_rfc3339(text);
    EXPECT_TRUE(t) << text;
    return t.value_or(0);
}

std::string local(const char* utc_text, const char* zone) {
    Result<Date> d = local_date(utc(utc_text), zone);
    return d.ok() ? format_date(d.value()) : "error: " + d.error().message;
}

}  // namespace

// --- dates -------------------------------------------------------------------------------------

TEST(schedule_dates, parse_only_real_calendar_days) {
    EXPECT_EQ(format_date(day("2026-03-05")), "2026-03-05");
    EXPECT_TRUE(parse_date("2028-02-29"));
    EXPECT_FALSE(parse_date("2027-02-29"));
    EXPECT_FALSE(parse_date("2026-02-30"));
    EXPECT_FALSE(parse_date("2026-04-31"));
    EXPECT_FALSE(parse_date("2026-13-01"));
    EXPECT_FALSE(parse_date("2026-00-10"));
    EXPECT_FALSE(parse_date("2026-01-00"));
    EXPECT_FALSE(parse_date("2026-2-3"));
    EXPECT_FALSE(parse_date("2026-02-03T00:00"));
    EXPECT_FALSE(parse_date(" 2026-02-03"));
    EXPECT_FALSE(parse_date("2026/02/03"));
    EXPECT_FALSE(parse_date("+026-02-03"));
    EXPECT_FALSE(parse_date(""));
}

TEST(schedule_dates, day_arithmetic_crosses_month_and_year_ends) {
    EXPECT_EQ(format_date(day("2026-01-31") + std::chrono::days{1}), "2026-02-01");
    EXPECT_EQ(format_date(day("2028-02-28") + std::chrono::days{1}), "2028-02-29");
    EXPECT_EQ(format_date(day("2027-02-28") + std::chrono::days{1}), "2027-03-01");
    EXPECT_EQ(format_date(day("2026-12-31") + std::chrono::days{1}), "2027-01-01");
}

// --- JSON --------------------------------------------------------------------------------------

TEST(schedule_json, every_form_round_trips) {
    for (const char* text : {
             R"({"frequency":"daily"})",
             R"({"frequency":"daily","until":"2026-12-31"})",
             R"({"frequency":"weekly","days":["mon","thu"]})",
             R"({"frequency":"weekly","days":["mon","tue","wed","thu","fri","sat","sun"]})",
             R"({"frequency":"weekly","days":["sun"],"until":"2027-01-03"})",
             R"({"frequency":"weekly","times":3})",
             R"({"frequency":"weekly","times":7,"until":"2026-06-30"})",
             R"({"frequency":"once","on":"2026-12-03"})",
         }) {
        json j = json::parse(text);
        Schedule s = parsed(j);
        EXPECT_EQ(to_json(s), j) << text;
        EXPECT_EQ(parsed(to_json(s)), s) << text;
    }
}

TEST(schedule_json, reads_each_form_into_the_struct) {
    Schedule weekly = parsed(json::parse(R"({"frequency":"weekly","days":["thu","mon","thu"]})"));
    EXPECT_EQ(weekly.frequency, Schedule::Frequency::weekly);
    ASSERT_EQ(weekly.days.size(), 2u);  // sorted Monday first, duplicate dropped
    EXPECT_EQ(weekly.days[0], std::chrono::Monday);
    EXPECT_EQ(weekly.days[1], std::chrono::Thursday);
    EXPECT_EQ(weekly.times_per_week, 0);
    EXPECT_EQ(to_json(weekly), json::parse(R"({"frequency":"weekly","days":["mon","thu"]})"));

    Schedule sunday = parsed(json::parse(R"({"frequency":"weekly","days":["sun","mon"]})"));
    EXPECT_EQ(sunday.days, (std::vector{std::chrono::Monday, std::chrono::Sunday}));

    Schedule times = parsed(json::parse(R"({"frequency":"weekly","times":3})"));
    EXPECT_TRUE(times.is_quota());
    EXPECT_EQ(times.times_per_week, 3);
    EXPECT_TRUE(times.days.empty());

    Schedule once = parsed(json::parse(R"({"frequency":"once","on":"2026-12-03"})"));
    EXPECT_EQ(once.on, day("2026-12-03"));
    EXPECT_FALSE(once.until);

    Schedule daily = parsed(json::parse(R"({"frequency":"daily","until":null})"));
    EXPECT_FALSE(daily.until);
    EXPECT_EQ(to_json(daily), json::parse(R"({"frequency":"daily"})"));
}

TEST(schedule_json, every_invalid_form_names_its_field) {
    auto field = [](const char* text) { return refused_field(json::parse(text)); };
    EXPECT_EQ(field(R"([])"), "schedule");
    EXPECT_EQ(field(R"("daily")"), "schedule");
    EXPECT_EQ(field(R"({})"), "schedule.frequency");
    EXPECT_EQ(field(R"({"frequency":"hourly"})"), "schedule.frequency");
    EXPECT_EQ(field(R"({"frequency":"Daily"})"), "schedule.frequency");
    EXPECT_EQ(field(R"({"frequency":1})"), "schedule.frequency");
    EXPECT_EQ(field(R"({"frequency":"daily","every":2})"), "schedule.every");
    EXPECT_EQ(field(R"({"frequency":"daily","days":["mon"]})"), "schedule.days");
    EXPECT_EQ(field(R"({"frequency":"daily","times":2})"), "schedule.times");
    EXPECT_EQ(field(R"({"frequency":"daily","on":"2026-12-03"})"), "schedule.on");
    EXPECT_EQ(field(R"({"frequency":"weekly"})"), "schedule.days");
    EXPECT_EQ(field(R"({"frequency":"weekly","days":["mon"],"times":2})"), "schedule.times");
    EXPECT_EQ(field(R"({"frequency":"weekly","days":"mon"})"), "schedule.days");
    EXPECT_EQ(field(R"({"frequency":"weekly","days":[]})"), "schedule.days");
    EXPECT_EQ(field(R"({"frequency":"weekly","days":["monday"]})"), "schedule.days");
    EXPECT_EQ(field(R"({"frequency":"weekly","days":["Mon"]})"), "schedule.days");
    EXPECT_EQ(field(R"({"frequency":"weekly","days":[1]})"), "schedule.days");
    EXPECT_EQ(field(R"({"frequency":"weekly","times":0})"), "schedule.times");
    EXPECT_EQ(field(R"({"frequency":"weekly","times":8})"), "schedule.times");
    EXPECT_EQ(field(R"({"frequency":"weekly","times":-1})"), "schedule.times");
    EXPECT_EQ(field(R"({"frequency":"weekly","times":2.5})"), "schedule.times");
    EXPECT_EQ(field(R"({"frequency":"weekly","times":"3"})"), "schedule.times");
    EXPECT_EQ(field(R"({"frequency":"weekly","times":true})"), "schedule.times");
    EXPECT_EQ(field(R"({"frequency":"weekly","times":18446744073709551615})"), "schedule.times");
    EXPECT_EQ(field(R"({"frequency":"once"})"), "schedule.on");
    EXPECT_EQ(field(R"({"frequency":"once","on":"2026-02-30"})"), "schedule.on");
    EXPECT_EQ(field(R"({"frequency":"once","on":20261203})"), "schedule.on");
    EXPECT_EQ(field(R"({"frequency":"once","on":"2026-12-03","until":"2026-12-04"})"),
              "schedule.until");
    EXPECT_EQ(field(R"({"frequency":"daily","until":"2027-02-29"})"), "schedule.until");
    EXPECT_EQ(field(R"({"frequency":"daily","until":"31.12.2026"})"), "schedule.until");
    EXPECT_EQ(field(R"({"frequency":"daily","until":true})"), "schedule.until");
}

TEST(schedule_json, check_refuses_days_before_the_start) {
    Date start = day("2026-03-10");
    Schedule until = parsed(json::parse(R"({"frequency":"daily","until":"2026-03-09"})"));
    Result<void> r = check_schedule(until, start);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "schedule.until");
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input);

    Schedule on = parsed(json::parse(R"({"frequency":"once","on":"2026-03-09"})"));
    r = check_schedule(on, start);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "schedule.on");

    // The start day itself is fine for both.
    EXPECT_TRUE(
        check_schedule(parsed(json::parse(R"({"frequency":"daily","until":"2026-03-10"})")), start)
            .ok());
    EXPECT_TRUE(
        check_schedule(parsed(json::parse(R"({"frequency":"once","on":"2026-03-10"})")), start)
            .ok());
}

// --- due dates ---------------------------------------------------------------------------------

TEST(schedule_due, daily_starts_at_start_and_crosses_month_ends) {
    Schedule s = parsed(json::parse(R"({"frequency":"daily"})"));
    EXPECT_EQ(texts(due_dates(s, day("2026-01-30"), day("2026-01-28"), day("2026-02-02"))),
              (std::vector<std::string>{"2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02"}));
    EXPECT_FALSE(due_on(s, day("2026-01-30"), day("2026-01-29")));
    EXPECT_TRUE(due_on(s, day("2026-01-30"), day("2026-01-30")));
}

TEST(schedule_due, daily_counts_the_leap_day_only_in_leap_years) {
    Schedule s = parsed(json::parse(R"({"frequency":"daily"})"));
    Date start = day("2026-01-01");
    EXPECT_EQ(texts(due_dates(s, start, day("2028-02-27"), day("2028-03-01"))),
              (std::vector<std::string>{"2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"}));
    EXPECT_EQ(texts(due_dates(s, start, day("2027-02-27"), day("2027-03-01"))),
              (std::vector<std::string>{"2027-02-27", "2027-02-28", "2027-03-01"}));
}

TEST(schedule_due, daily_until_is_the_inclusive_last_day_across_the_year_end) {
    Schedule s = parsed(json::parse(R"({"frequency":"daily","until":"2027-01-01"})"));
    EXPECT_EQ(texts(due_dates(s, day("2026-12-30"), day("2026-12-01"), day("2027-01-31"))),
              (std::vector<std::string>{"2026-12-30", "2026-12-31", "2027-01-01"}));
    EXPECT_TRUE(due_on(s, day("2026-12-30"), day("2027-01-01")));
    EXPECT_FALSE(due_on(s, day("2026-12-30"), day("2027-01-02")));
}

TEST(schedule_due, weekly_days_fall_on_their_weekdays_over_the_year_end) {
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","days":["mon","thu"]})"));
    Date start = day("2026-12-01");
    EXPECT_EQ(texts(due_dates(s, start, day("2026-12-27"), day("2027-01-10"))),
              (std::vector<std::string>{"2026-12-28", "2026-12-31", "2027-01-04", "2027-01-07"}));
    EXPECT_FALSE(due_on(s, start, day("2027-01-01")));  // a Friday

    s.until = day("2027-01-05");
    EXPECT_EQ(texts(due_dates(s, start, day("2026-12-27"), day("2027-01-10"))),
              (std::vector<std::string>{"2026-12-28", "2026-12-31", "2027-01-04"}));
}

TEST(schedule_due, weekly_sunday_and_monday_come_in_date_order) {
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","days":["sun","mon"]})"));
    // Start on a Tuesday: the Monday of that week is before the start and is not due.
    EXPECT_EQ(texts(due_dates(s, day("2026-01-27"), day("2026-01-26"), day("2026-02-09"))),
              (std::vector<std::string>{"2026-02-01", "2026-02-02", "2026-02-08", "2026-02-09"}));
}

TEST(schedule_due, weekly_days_across_february_in_leap_and_common_years) {
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","days":["tue"]})"));
    Date start = day("2026-01-01");
    EXPECT_EQ(texts(due_dates(s, start, day("2028-02-20"), day("2028-03-10"))),
              (std::vector<std::string>{"2028-02-22", "2028-02-29", "2028-03-07"}));
    // 2027-02-23 is a Tuesday; a week later is 2 March.
    EXPECT_EQ(texts(due_dates(s, start, day("2027-02-20"), day("2027-03-10"))),
              (std::vector<std::string>{"2027-02-23", "2027-03-02", "2027-03-09"}));
}

TEST(schedule_due, once_is_due_only_on_its_day) {
    Schedule s = parsed(json::parse(R"({"frequency":"once","on":"2026-12-03"})"));
    Date start = day("2026-12-01");
    EXPECT_TRUE(due_on(s, start, day("2026-12-03")));
    EXPECT_FALSE(due_on(s, start, day("2026-12-02")));
    EXPECT_FALSE(due_on(s, start, day("2026-12-10")));  // a week later: same weekday, not due
    EXPECT_EQ(texts(due_dates(s, start, day("2026-11-01"), day("2026-12-31"))),
              (std::vector<std::string>{"2026-12-03"}));
    EXPECT_TRUE(due_dates(s, start, day("2026-12-04"), day("2026-12-31")).empty());
    EXPECT_FALSE(due_on(s, day("2026-12-04"), day("2026-12-03")));  // before a later start
}

TEST(schedule_due, times_a_week_has_no_due_days) {
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","times":3})"));
    EXPECT_FALSE(due_on(s, day("2026-03-02"), day("2026-03-02")));
    EXPECT_TRUE(due_dates(s, day("2026-03-02"), day("2026-03-02"), day("2026-03-31")).empty());
}

TEST(schedule_due, empty_when_the_range_is_before_the_start_or_after_until) {
    Schedule s = parsed(json::parse(R"({"frequency":"daily","until":"2026-03-31"})"));
    EXPECT_TRUE(due_dates(s, day("2026-03-10"), day("2026-03-01"), day("2026-03-09")).empty());
    EXPECT_TRUE(due_dates(s, day("2026-03-10"), day("2026-04-01"), day("2026-04-30")).empty());
}

// --- time zones --------------------------------------------------------------------------------

TEST(schedule_time_zone, berlin_local_day_follows_the_spring_change) {
    // Until 2026-03-29 01:00 UTC Berlin is UTC+1, after it UTC+2.
    EXPECT_EQ(local("2026-03-28T22:30:00Z", "Europe/Berlin"), "2026-03-28");  // 23:30 CET
    EXPECT_EQ(local("2026-03-28T23:30:00Z", "Europe/Berlin"), "2026-03-29");  // 00:30 CET
    EXPECT_EQ(local("2026-03-29T21:59:59Z", "Europe/Berlin"), "2026-03-29");  // 23:59 CEST
    EXPECT_EQ(local("2026-03-29T22:30:00Z", "Europe/Berlin"), "2026-03-30");  // 00:30 CEST
}

TEST(schedule_time_zone, berlin_local_day_follows_the_autumn_change) {
    // Until 2026-10-25 01:00 UTC Berlin is UTC+2, after it UTC+1.
    EXPECT_EQ(local("2026-10-24T21:30:00Z", "Europe/Berlin"), "2026-10-24");  // 23:30 CEST
    EXPECT_EQ(local("2026-10-24T22:30:00Z", "Europe/Berlin"), "2026-10-25");  // 00:30 CEST
    EXPECT_EQ(local("2026-10-25T22:30:00Z", "Europe/Berlin"), "2026-10-25");  // 23:30 CET
    EXPECT_EQ(local("2026-10-25T23:30:00Z", "Europe/Berlin"), "2026-10-26");  // 00:30 CET
}

TEST(schedule_time_zone, new_york_local_day_follows_both_changes) {
    // EDT (UTC-4) from 2026-03-08 07:00 UTC to 2026-11-01 06:00 UTC, EST (UTC-5) otherwise.
    EXPECT_EQ(local("2026-03-08T04:30:00Z", "America/New_York"), "2026-03-07");  // 23:30 EST
    EXPECT_EQ(local("2026-03-09T04:30:00Z", "America/New_York"), "2026-03-09");  // 00:30 EDT
    EXPECT_EQ(local("2026-11-01T04:30:00Z", "America/New_York"), "2026-11-01");  // 00:30 EDT
    EXPECT_EQ(local("2026-11-02T04:30:00Z", "America/New_York"), "2026-11-01");  // 23:30 EST
    EXPECT_EQ(local("2026-12-31T23:30:00Z", "America/New_York"), "2026-12-31");  // 18:30 EST
}

TEST(schedule_time_zone, utc_and_before_the_epoch) {
    EXPECT_EQ(local("2026-12-31T23:59:59Z", "UTC"), "2026-12-31");
    EXPECT_EQ(format_date(local_date(-1, "UTC").value()), "1969-12-31");
}

TEST(schedule_time_zone, unknown_zone_is_an_error_naming_time_zone) {
    EXPECT_TRUE(valid_time_zone("Europe/Berlin"));
    EXPECT_TRUE(valid_time_zone("America/New_York"));
    EXPECT_FALSE(valid_time_zone("Europe/Atlantis"));
    EXPECT_FALSE(valid_time_zone(""));
    EXPECT_FALSE(valid_time_zone("../../etc/passwd"));
    Result<Date> d = local_date(0, "Mars/Olympus_Mons");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(d.error().field, "time_zone");
}

TEST(schedule_time_zone, weekly_days_straddling_the_spring_change_use_local_days) {
    // Sat and Mon, from Monday 2026-03-23, in Berlin. The client practises on Monday 23rd at
    // 08:00 CET, Saturday 28th at 23:30 CET and Monday 30th at 00:30 CEST -- which is still Sunday
    // 29th in UTC. Read in UTC, Monday 30th would look missed and the Sunday a spare session.
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","days":["sat","mon"]})"));
    Date start = day("2026-03-23");
    std::vector<TimeMs> completions = {utc("2026-03-23T07:00:00Z"), utc("2026-03-28T22:30:00Z"),
                                       utc("2026-03-29T22:30:00Z")};
    std::vector<Date> local_days, utc_days;
    for (TimeMs t : completions) {
        local_days.push_back(local_date(t, "Europe/Berlin").value());
        utc_days.push_back(local_date(t, "UTC").value());
    }
    EXPECT_EQ(texts(local_days),
              (std::vector<std::string>{"2026-03-23", "2026-03-28", "2026-03-30"}));
    EXPECT_EQ(texts(due_dates(s, start, start, day("2026-03-31"))),
              (std::vector<std::string>{"2026-03-23", "2026-03-28", "2026-03-30"}));

    Adherence a = adherence(s, start, std::nullopt, local_days, day("2026-03-31"));
    EXPECT_EQ(a.due, 3);
    EXPECT_EQ(a.done, 3);
    EXPECT_EQ(a.current_streak, 3);

    Adherence wrong = adherence(s, start, std::nullopt, utc_days, day("2026-03-31"));
    EXPECT_EQ(wrong.due, 3);
    EXPECT_EQ(wrong.done, 3);  // the Sunday counts as done, not as due
    EXPECT_EQ(wrong.current_streak, 0);
    EXPECT_EQ(wrong.longest_streak, 2);
}

// --- adherence, day schedules ------------------------------------------------------------------

TEST(schedule_adherence, daily_with_a_gap_duplicates_and_strays) {
    Schedule s = parsed(json::parse(R"({"frequency":"daily"})"));
    Date start = day("2026-01-29");
    // Done Jan 29, 30, -, Feb 1, 2 (twice); before the start and in the future are ignored.
    std::vector<Date> done = days_of({"2026-02-02", "2026-01-29", "2026-02-01", "2026-01-30",
                                      "2026-02-02", "2026-01-25", "2026-02-05"});
    Adherence a = adherence(s, start, std::nullopt, done, day("2026-02-03"));
    EXPECT_EQ(a.streak_unit, "day");
    EXPECT_EQ(a.due, 5);  // Jan 29 .. Feb 2; today (Feb 3) not done yet is not counted
    EXPECT_EQ(a.done, 4);
    EXPECT_EQ(a.current_streak, 2);  // Feb 1, 2: today's open occurrence does not break it
    EXPECT_EQ(a.longest_streak, 2);

    done.push_back(day("2026-02-03"));
    a = adherence(s, start, std::nullopt, done, day("2026-02-03"));
    EXPECT_EQ(a.due, 6);
    EXPECT_EQ(a.done, 5);
    EXPECT_EQ(a.current_streak, 3);
    EXPECT_EQ(a.longest_streak, 3);

    // A day later, with nothing done on Feb 3, that day is missed.
    done.pop_back();
    a = adherence(s, start, std::nullopt, done, day("2026-02-04"));
    EXPECT_EQ(a.due, 6);
    EXPECT_EQ(a.done, 4);
    EXPECT_EQ(a.current_streak, 0);
    EXPECT_EQ(a.longest_streak, 2);
}

TEST(schedule_adherence, weekly_days_non_due_completions_count_as_done_only) {
    // Mon/Thu from Monday 2026-01-26: due Jan 26, 29, Feb 2, 5, 9.
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","days":["mon","thu"]})"));
    Date start = day("2026-01-26");
    // Tuesday Jan 27 is extra; Monday Feb 2 is missed.
    std::vector<Date> done = days_of({"2026-01-26", "2026-01-27", "2026-01-29", "2026-02-05"});
    Adherence a = adherence(s, start, std::nullopt, done, day("2026-02-09"));
    EXPECT_EQ(a.due, 4);   // Jan 26, 29, Feb 2, 5 (today, Feb 9, still open)
    EXPECT_EQ(a.done, 4);  // Jan 26, 27, 29, Feb 5
    EXPECT_EQ(a.current_streak, 1);
    EXPECT_EQ(a.longest_streak, 2);

    done.push_back(day("2026-02-09"));
    a = adherence(s, start, std::nullopt, done, day("2026-02-09"));
    EXPECT_EQ(a.due, 5);
    EXPECT_EQ(a.done, 5);
    EXPECT_EQ(a.current_streak, 2);
}

TEST(schedule_adherence, non_due_days_between_occurrences_do_not_break_a_streak) {
    // Mon/Thu with nothing done on the days in between: three occurrences in a row.
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","days":["mon","thu"]})"));
    Adherence a = adherence(s, day("2026-01-26"), std::nullopt,
                            days_of({"2026-01-26", "2026-01-29", "2026-02-02"}), day("2026-02-04"));
    EXPECT_EQ(a.due, 3);
    EXPECT_EQ(a.current_streak, 3);
    EXPECT_EQ(a.longest_streak, 3);
}

TEST(schedule_adherence, until_stops_counting_over_the_year_end) {
    Schedule s = parsed(json::parse(R"({"frequency":"daily","until":"2027-01-02"})"));
    std::vector<Date> done =
        days_of({"2026-12-30", "2026-12-31", "2027-01-01", "2027-01-03", "2027-01-09"});
    Adherence a = adherence(s, day("2026-12-30"), std::nullopt, done, day("2027-01-10"));
    EXPECT_EQ(a.due, 4);   // Dec 30, 31, Jan 1, 2 -- Jan 2 is past, so no grace for it
    EXPECT_EQ(a.done, 3);  // completions after until are ignored
    EXPECT_EQ(a.current_streak, 0);
    EXPECT_EQ(a.longest_streak, 3);
}

TEST(schedule_adherence, ended_assignment_stops_counting_and_its_last_day_gets_grace) {
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","days":["mon","thu"]})"));
    Date start = day("2026-01-26");
    Date ended = day("2026-02-05");  // a Thursday, due
    std::vector<Date> done = days_of({"2026-01-26", "2026-01-29", "2026-02-02", "2026-02-09"});
    Adherence a = adherence(s, start, ended, done, day("2026-02-20"));
    EXPECT_EQ(a.due, 3);   // Feb 5 not done on the day it ended: not counted
    EXPECT_EQ(a.done, 3);  // Feb 9 is after the end
    EXPECT_EQ(a.current_streak, 3);

    done.push_back(day("2026-02-05"));
    a = adherence(s, start, ended, done, day("2026-02-20"));
    EXPECT_EQ(a.due, 4);
    EXPECT_EQ(a.done, 4);
    EXPECT_EQ(a.current_streak, 4);
    EXPECT_EQ(a.longest_streak, 4);
}

TEST(schedule_adherence, once_before_on_and_after_its_day) {
    Schedule s = parsed(json::parse(R"({"frequency":"once","on":"2026-12-03"})"));
    Date start = day("2026-12-01");
    Adherence a = adherence(s, start, std::nullopt, {}, day("2026-12-02"));
    EXPECT_EQ(a.due, 0);
    a = adherence(s, start, std::nullopt, {}, day("2026-12-03"));
    EXPECT_EQ(a.due, 0);  // still today
    a = adherence(s, start, std::nullopt, {}, day("2026-12-04"));
    EXPECT_EQ(a.due, 1);
    EXPECT_EQ(a.done, 0);
    EXPECT_EQ(a.longest_streak, 0);
    a = adherence(s, start, std::nullopt, days_of({"2026-12-03"}), day("2026-12-04"));
    EXPECT_EQ(a.due, 1);
    EXPECT_EQ(a.done, 1);
    EXPECT_EQ(a.current_streak, 1);
}

TEST(schedule_adherence, nothing_is_due_before_the_start) {
    Schedule s = parsed(json::parse(R"({"frequency":"daily"})"));
    Adherence a =
        adherence(s, day("2026-03-10"), std::nullopt, days_of({"2026-03-08"}), day("2026-03-09"));
    EXPECT_EQ(a.due, 0);
    EXPECT_EQ(a.done, 0);
    EXPECT_EQ(a.streak_unit, "day");
}

// --- adherence, N times a week -----------------------------------------------------------------

TEST(schedule_adherence, times_a_week_counts_iso_weeks) {
    // 3 a week from Wednesday 2026-03-04. Weeks: Mar 2-8 (5 days left, quota 3), 9-15, 16-22,
    // 23-29 (today, Wednesday 25th, is in it).
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","times":3})"));
    Date start = day("2026-03-04");
    std::vector<Date> done = days_of({"2026-03-04", "2026-03-05", "2026-03-07",  // met
                                      "2026-03-09", "2026-03-09", "2026-03-12",  // 2 of 3
                                      "2026-03-16", "2026-03-17", "2026-03-18",  // 4: capped
                                      "2026-03-19", "2026-03-23"});              // open week
    Adherence a = adherence(s, start, std::nullopt, done, day("2026-03-25"));
    EXPECT_EQ(a.streak_unit, "week");
    EXPECT_EQ(a.due, 9);
    EXPECT_EQ(a.done, 8);  // 3 + 2 + 3; the open week is not counted yet
    EXPECT_EQ(a.current_streak, 1);
    EXPECT_EQ(a.longest_streak, 1);

    // Meeting the current week counts it at once.
    done.push_back(day("2026-03-24"));
    done.push_back(day("2026-03-25"));
    a = adherence(s, start, std::nullopt, done, day("2026-03-25"));
    EXPECT_EQ(a.due, 12);
    EXPECT_EQ(a.done, 11);
    EXPECT_EQ(a.current_streak, 2);
    EXPECT_EQ(a.longest_streak, 2);
}

TEST(schedule_adherence, times_a_week_unmet_week_counts_once_it_is_over) {
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","times":3})"));
    Date start = day("2026-03-02");
    std::vector<Date> done = days_of({"2026-03-02", "2026-03-03"});
    // Sunday 8th is the week's last day: still open.
    Adherence a = adherence(s, start, std::nullopt, done, day("2026-03-08"));
    EXPECT_EQ(a.due, 0);
    // Monday 9th: the first week is over and missed; the second is open.
    a = adherence(s, start, std::nullopt, done, day("2026-03-09"));
    EXPECT_EQ(a.due, 3);
    EXPECT_EQ(a.done, 2);
    EXPECT_EQ(a.current_streak, 0);
}

TEST(schedule_adherence, times_a_week_partial_weeks_owe_fewer) {
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","times":3})"));
    // Starting on Saturday 7 March only two days remain that week.
    Adherence a = adherence(s, day("2026-03-07"), std::nullopt,
                            days_of({"2026-03-07", "2026-03-08", "2026-03-09"}), day("2026-03-10"));
    EXPECT_EQ(a.due, 2);
    EXPECT_EQ(a.done, 2);
    EXPECT_EQ(a.current_streak, 1);

    // Until Wednesday 11 March: that week owes 3 (Mon-Wed); two done, and it is over by Friday.
    s.until = day("2026-03-11");
    a = adherence(s, day("2026-03-09"), std::nullopt, days_of({"2026-03-09", "2026-03-10"}),
                  day("2026-03-13"));
    EXPECT_EQ(a.due, 3);
    EXPECT_EQ(a.done, 2);
    EXPECT_EQ(a.current_streak, 0);

    // Until Tuesday: only two days, so two done meets it.
    s.until = day("2026-03-10");
    a = adherence(s, day("2026-03-09"), std::nullopt, days_of({"2026-03-09", "2026-03-10"}),
                  day("2026-03-13"));
    EXPECT_EQ(a.due, 2);
    EXPECT_EQ(a.done, 2);
    EXPECT_EQ(a.current_streak, 1);
}

TEST(schedule_adherence, times_a_week_weeks_cross_the_year_end) {
    // ISO week Mon 2026-12-28 .. Sun 2027-01-03 is one week, whatever the year says.
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","times":2})"));
    Adherence a = adherence(s, day("2026-12-28"), std::nullopt,
                            days_of({"2026-12-31", "2027-01-02"}), day("2027-01-04"));
    EXPECT_EQ(a.due, 2);
    EXPECT_EQ(a.done, 2);
    EXPECT_EQ(a.current_streak, 1);
}

// --- journal day streaks -----------------------------------------------------------------------

TEST(day_streaks, current_counts_back_from_today_or_yesterday) {
    std::vector<Date> days = days_of({"2026-03-10", "2026-03-08", "2026-03-09", "2026-03-09"});
    EXPECT_EQ(day_streaks(days, day("2026-03-10")).current, 3);
    EXPECT_EQ(day_streaks(days, day("2026-03-11")).current, 3);  // nothing yet today
    EXPECT_EQ(day_streaks(days, day("2026-03-12")).current, 0);
    EXPECT_EQ(day_streaks(days, day("2026-03-12")).longest, 3);
}

TEST(day_streaks, longest_run_across_february_ends) {
    // 2027 is a common year: Feb 27, 28, Mar 1 are consecutive.
    DayStreaks common = day_streaks(
        days_of({"2027-02-27", "2027-02-28", "2027-03-01", "2027-03-03"}), day("2027-03-04"));
    EXPECT_EQ(common.longest, 3);
    EXPECT_EQ(common.current, 1);
    // 2028 is a leap year: Feb 28 and Mar 1 are two days apart.
    EXPECT_EQ(day_streaks(days_of({"2028-02-28", "2028-03-01"}), day("2028-03-01")).longest, 1);
    EXPECT_EQ(
        day_streaks(days_of({"2028-02-28", "2028-02-29", "2028-03-01"}), day("2028-03-01")).current,
        3);
}

TEST(day_streaks, future_days_and_empty_input) {
    DayStreaks s =
        day_streaks(days_of({"2026-12-31", "2027-01-01", "2027-01-02"}), day("2026-12-31"));
    EXPECT_EQ(s.current, 1);
    EXPECT_EQ(s.longest, 1);
    DayStreaks none = day_streaks({}, day("2026-12-31"));
    EXPECT_EQ(none.current, 0);
    EXPECT_EQ(none.longest, 0);
}

TEST(schedule_adherence, paused_days_owe_nothing_and_keep_the_streak) {
    Schedule s = parsed(json::parse(R"({"frequency":"daily"})"));
    Date start = day("2026-03-01");
    // Done Mar 1-3, paused Mar 4-6 (nothing done), done Mar 7-8; today is Mar 9, not yet done.
    std::vector<Date> done =
        days_of({"2026-03-01", "2026-03-02", "2026-03-03", "2026-03-07", "2026-03-08"});
    std::vector<Pause> paused = {{day("2026-03-04"), day("2026-03-06")}};
    Adherence a = adherence(s, start, std::nullopt, done, day("2026-03-09"), paused);
    EXPECT_EQ(a.due, 5);
    EXPECT_EQ(a.done, 5);
    EXPECT_EQ(a.current_streak, 5);
    EXPECT_EQ(a.longest_streak, 5);
    // Without the pause the same days are three misses that break the run.
    a = adherence(s, start, std::nullopt, done, day("2026-03-09"));
    EXPECT_EQ(a.due, 8);
    EXPECT_EQ(a.current_streak, 2);
    EXPECT_EQ(a.longest_streak, 3);
    // Something done on a paused day still counts as done.
    done.push_back(day("2026-03-05"));
    a = adherence(s, start, std::nullopt, done, day("2026-03-09"), paused);
    EXPECT_EQ(a.due, 6);
    EXPECT_EQ(a.done, 6);
}

TEST(schedule_adherence, a_pause_shrinks_a_weeks_quota_and_a_paused_week_is_skipped) {
    Schedule s = parsed(json::parse(R"({"frequency":"weekly","times":3})"));
    Date start = day("2026-03-02");  // a Monday
    // Week 1 (Mar 2-8): paused Thu-Sun, so Mon-Wed are the only open days: quota 3, done 3.
    // Week 2 (Mar 9-15): paused throughout: skipped. Week 3 (Mar 16-22): done 3 of 3.
    std::vector<Pause> paused = {{day("2026-03-05"), day("2026-03-15")}};
    std::vector<Date> done = days_of(
        {"2026-03-02", "2026-03-03", "2026-03-04", "2026-03-16", "2026-03-18", "2026-03-20"});
    Adherence a = adherence(s, start, std::nullopt, done, day("2026-03-23"), paused);
    EXPECT_EQ(a.streak_unit, "week");
    EXPECT_EQ(a.due, 6);
    EXPECT_EQ(a.done, 6);
    EXPECT_EQ(a.current_streak, 2);
    // Paused from Wednesday: the first week owes only two (Mon, Tue), which were done.
    paused = {{day("2026-03-04"), day("2026-03-15")}};
    done = days_of({"2026-03-02", "2026-03-03", "2026-03-16", "2026-03-18", "2026-03-20"});
    a = adherence(s, start, std::nullopt, done, day("2026-03-23"), paused);
    EXPECT_EQ(a.due, 5);
    EXPECT_EQ(a.done, 5);
    EXPECT_EQ(a.current_streak, 2);
}

TEST(mood_summary, the_lowest_of_the_week_and_the_latest_are_kept_beside_every_point) {
    const TimeMs t = 1'800'000'000'000;
    // 6 then 1 on one day: a daily mean would show 3.5 and hide the 1.
    std::vector<MoodPoint> points = {{day("2026-12-01"), t, 6, "a"},
                                     {day("2026-12-01"), t + 1000, 1, "b"},
                                     {day("2026-12-03"), t + 2000, 5, "c"},
                                     {day("2026-11-20"), t - 9000, 0, "old"}};
    MoodSummary s = summarise_mood(points, day("2026-12-03"));
    ASSERT_TRUE(s.latest);
    EXPECT_EQ(s.latest->entry_id, "c");
    ASSERT_TRUE(s.lowest_7_days);
    EXPECT_EQ(s.lowest_7_days->mood, 1);
    EXPECT_EQ(s.lowest_7_days->entry_id, "b");
    EXPECT_EQ(s.entries_7_days, 3) << "the 0 of 20 November is older than a week";
}

TEST(mood_summary, the_week_is_today_and_the_six_days_before_and_equal_lows_take_the_latest) {
    const TimeMs t = 1'800'000'000'000;
    std::vector<MoodPoint> points = {{day("2026-11-27"), t, 2, "edge"},
                                     {day("2026-11-26"), t, 0, "outside"},
                                     {day("2026-12-02"), t, 2, "recent"},
                                     {day("2026-12-04"), t, 0, "tomorrow"}};
    MoodSummary s = summarise_mood(points, day("2026-12-03"));
    ASSERT_TRUE(s.lowest_7_days);
    EXPECT_EQ(s.lowest_7_days->entry_id, "recent");
    EXPECT_EQ(s.entries_7_days, 2);
    EXPECT_FALSE(summarise_mood({}, day("2026-12-03")).latest);
}
