// Micro-benchmarks of the per-request work that is not I/O: the audit hash, the policy decision,
// strict JSON body reading, and password hashing (which bounds logins per second per core).

#include <benchmark/benchmark.h>

#include "api/json_body.hpp"
#include "core/crypto.hpp"
#include "domain/audit/audit_log.hpp"
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
