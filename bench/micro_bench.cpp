// Micro-benchmarks of the per-request work that is not I/O: the audit hash, the policy decision,
// strict JSON body reading, password hashing (which bounds logins per second per core), and the
// questionnaire scoring engine (responses scored per second).

#include <benchmark/benchmark.h>

#include "api/json_body.hpp"
#include "core/crypto.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/measures/scoring.hpp"
#include "domain/policy/policy.hpp"

using namespace trove;

static void audit_event_hash(benchmark::State& state) {
    crypto::init();
    AuditEvent e{"01M8HQ70GSE815MGAB5PQMWC0Y",
                 "01M8HQ70GSE815MGAB5PQMWC0Z",
                 "therapist",
                 "client.read",
                 "client",
                 "01M8HQ70NQ9294WXRW5QSKD9V0",
                 Outcome::allowed,
                 "127.0.0.1",
                 now_ms()};
    std::string prev(64, '0');
    for (auto _ : state)
        benchmark::DoNotOptimize(audit::event_hash(prev, "chain", 42, e));
}
BENCHMARK(audit_event_hash);

static void policy_decide_client_read(benchmark::State& state) {
    Actor actor{"u", "p", Role::supervisor, "", false, ""};
    policy::ClientFacts facts{true, "p", false, true};
    for (auto _ : state) {
        benchmark::DoNotOptimize(policy::decide(actor, policy::Action::client_read, "c", facts));
    }
}
BENCHMARK(policy_decide_client_read);

static void json_body_parse_client(benchmark::State& state) {
    http::Request request;
    request.headers = {{"content-type", "application/json"}};
    request.body =
        R"({"display_name":"Robin T.","birth_year":1991,"contexts":["individual","trauma"]})";
    for (auto _ : state) {
        auto body =
            api::JsonBody::parse(request, {"display_name", "birth_year", "contexts", "status"});
        benchmark::DoNotOptimize(body.ok());
    }
}
BENCHMARK(json_body_parse_client);

static void argon2id_hash_password(benchmark::State& state) {
    crypto::init();
    for (auto _ : state)
        benchmark::DoNotOptimize(crypto::hash_password("a long test passphrase"));
}
BENCHMARK(argon2id_hash_password)->Unit(benchmark::kMillisecond)->Iterations(5);

// The scoring engine on the shipped files: PHQ-9 (sum, bands, an alert) and IPIP-VIA-R (96 items,
// 24 mean scales, reverse keys, ranking), each with its JSON shape.
static const measures::Instrument& shipped(const std::string& id) {
    static const std::vector<measures::Instrument> all = [] {
        auto loaded = measures::load_instruments(measures::find_instruments_folder());
        if (!loaded.ok())
            throw std::runtime_error(loaded.error().message);
        return loaded.value();
    }();
    for (const auto& i : all)
        if (i.id == id)
            return i;
    throw std::runtime_error("no instrument " + id);
}

static void score_instrument(benchmark::State& state, const std::string& id) {
    const measures::Instrument& ins = shipped(id);
    measures::Answers answers;
    for (std::size_t i = 0; i < ins.items.size(); ++i) {
        answers[ins.items[i].link_id] =
            ins.response_min + static_cast<int>(i % (ins.response_max - ins.response_min + 1));
    }
    for (auto _ : state) {
        auto scored = measures::score(ins, answers);
        benchmark::DoNotOptimize(measures::to_json(ins, scored.value()));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(score_instrument, phq9, std::string("phq9"));
BENCHMARK_CAPTURE(score_instrument, ipipvia, std::string("ipipvia"));

// Between sessions: what the adherence page computes per assignment (a year of a daily schedule and
// of "3 times a week", 300 completions, two pauses), the journal streaks over those days, and the
// calendar feed for ten assignments.

#include "domain/journal/ical.hpp"
#include "domain/journal/schedule.hpp"

namespace {

struct YearOfPractice {
    journal::Date start = journal::parse_date("2025-01-01").value();
    journal::Date today = journal::parse_date("2025-12-31").value();
    std::vector<journal::Date> done;
    std::vector<journal::Pause> pauses;
    YearOfPractice() {
        for (int d = 0; d < 365; ++d) {
            if (d % 6 != 5)  // five days in six
                done.push_back(start + std::chrono::days(d));
        }
        pauses.push_back({start + std::chrono::days(100), start + std::chrono::days(110)});
        pauses.push_back({start + std::chrono::days(200), start + std::chrono::days(203)});
    }
};

}  // namespace

static void journal_adherence_year(benchmark::State& state, const std::string& schedule_json) {
    const YearOfPractice year;
    const journal::Schedule schedule =
        journal::parse_schedule(nlohmann::json::parse(schedule_json)).value();
    for (auto _ : state) {
        benchmark::DoNotOptimize(journal::adherence(schedule, year.start, std::nullopt, year.done,
                                                    year.today, year.pauses));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(journal_adherence_year, daily, std::string(R"({"frequency":"daily"})"));
BENCHMARK_CAPTURE(journal_adherence_year, three_a_week,
                  std::string(R"({"frequency":"weekly","times":3})"));

static void journal_day_streaks_year(benchmark::State& state) {
    const YearOfPractice year;
    for (auto _ : state)
        benchmark::DoNotOptimize(journal::day_streaks(year.done, year.today));
}
BENCHMARK(journal_day_streaks_year);

static void journal_calendar_ten_assignments(benchmark::State& state) {
    const journal::Date start = journal::parse_date("2026-03-02").value();
    const journal::Schedule daily =
        journal::parse_schedule(nlohmann::json{{"frequency", "daily"}}).value();
    std::vector<journal::CalendarEvent> events;
    for (int i = 0; i < 10; ++i) {
        journal::CalendarEvent e;
        e.uid = "assignment-01M8HQ70GSE815MGAB5PQMWC" + std::to_string(10 + i) + "@trove";
        e.summary = "Three good things, a resource diary and a walk by the river (" +
                    std::to_string(i) + ")";
        e.description = "Your exercise in Trove.";
        e.url = "https://trove.example.org/portal";
        e.all_day = journal::rrule_start(daily, start);
        e.rrule = journal::schedule_rrule(daily).value_or("");
        events.push_back(std::move(e));
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(journal::write_calendar("Trove", events, now_ms()));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(journal_calendar_ten_assignments);
