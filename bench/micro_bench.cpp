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
    Actor actor{"u", "p", Role::supervisor, "", false};
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
