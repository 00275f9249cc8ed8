// What encryption at rest costs where clinical text is written and read most: saving a session
// note (the editor's autosave) and loading a client's session timeline, each with the vault's
// encryption on and off. In process, on a real SQLite file (WAL, synchronous=FULL), through the
// same services the HTTP API calls. "off" stores plaintext: a benchmark-only switch that no
// command-line flag or API route reaches.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "app/app.hpp"
#include "core/crypto.hpp"

using namespace trove;

namespace {

template <class T>
T must(Result<T> r, const char* what) {
    if (!r.ok())
        throw std::runtime_error(std::string(what) + ": " + r.error().message + " " +
                                 r.error().internal);
    return std::move(r).value();
}

std::string text_of(size_t bytes) {
    std::string out;
    const std::string words = "She called her sister and walked by the river after work. ";
    while (out.size() < bytes)
        out += words;
    out.resize(bytes);
    return out;
}

constexpr int kSessions = 20, kResources = 10, kRatingsEach = 5, kScores = 10;

struct Fixture {
    std::filesystem::path dir;
    std::unique_ptr<app::App> app;
    RequestContext therapist;
    std::string client_id, note_id;

    explicit Fixture(bool encrypted) {
        dir = std::filesystem::temp_directory_path() /
              ("trove-notes-bench-" + crypto::random_base64url(6));
        app::AppOptions options;
        options.db_url = (dir / "trove.db").string();
        options.server.host = "127.0.0.1";
        options.server.port = 0;
        options.server.log_requests = false;
        app = must(app::App::create(options), "start");
        app->vault().set_enabled_for_benchmark(encrypted);

        auto& accounts = app->accounts();
        auto practice =
            must(accounts.create_practice("Bench practice", system_event()), "practice");
        accounts::NewUser u{
            practice.id, "t@bench.test", "Therapist", Role::therapist, "a long bench passphrase",
            ""};
        auto user = must(accounts.create_user(u, system_event()), "user");
        therapist.actor = {user.id, practice.id, Role::therapist, "", false, ""};
        therapist.ip = "local";
        clients::ClientFields c;
        c.display_name = "Bench Client";
        client_id = must(app->clients().create(therapist, c), "client").id;

        // A client a year into therapy: sessions with signed notes, rated resources, scores.
        const TimeMs start = now_ms() - 400LL * 24 * 3600 * 1000;
        for (int i = 0; i < kSessions; ++i) {
            sessions::SessionInput s;
            s.client_id = client_id;
            s.starts_at = to_rfc3339(start + i * 14LL * 24 * 3600 * 1000);
            s.duration_min = 50;
            auto made = must(app->sessions().create(therapist, s), "session");
            sessions::NoteInput n;
            n.template_name = "resource";
            n.fields = nlohmann::json{
                {"exceptions", text_of(600)}, {"coping", text_of(400)}, {"homework", text_of(200)}};
            auto note = must(app->sessions().create_note(therapist, made.id, n), "note");
            if (i + 1 < kSessions)
                must(app->sessions().sign(therapist, note.id), "sign");
            else
                note_id = note.id;  // the draft being written
        }
        for (int i = 0; i < kResources; ++i) {
            resources::ResourceFields f;
            f.title = "Resource " + std::to_string(i) + ": walks by the river";
            f.category = "body";
            f.description = text_of(300);
            auto r =
                must(app->resources().create(therapist, resources::Owner::client(client_id), f),
                     "resource");
            for (int k = 0; k < kRatingsEach; ++k) {
                resources::RatingInput rating;
                rating.availability = 5 + k % 5;
                rating.activation = 4 + k % 6;
                rating.rated_at = to_rfc3339(start + (i * kRatingsEach + k) * 24LL * 3600 * 1000);
                must(app->resources().rate(therapist, r.id, rating), "rating");
            }
        }
        measures::Answers answers;
        for (int item = 1; item <= 9; ++item)
            answers[std::to_string(item)] = item % 3;
        for (int i = 0; i < kScores; ++i)
            must(app->measures().submit(therapist, client_id, "phq9", answers, std::nullopt),
                 "score");
    }
    ~Fixture() {
        app.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

Fixture& fixture(bool encrypted) {
    static std::unique_ptr<Fixture> made[2];
    auto& f = made[encrypted ? 1 : 0];
    if (!f)
        f = std::make_unique<Fixture>(encrypted);
    return *f;
}

// The editor's autosave: three fields of a resource-oriented note, about 2 KB of text.
void note_save(benchmark::State& state, bool encrypted) {
    Fixture& f = fixture(encrypted);
    sessions::NoteInput in;
    int round = 0;
    for (auto _ : state) {
        in.fields = nlohmann::json{{"exceptions", text_of(900) + std::to_string(++round)},
                                   {"coping", text_of(700)},
                                   {"next_steps", text_of(400)}};
        RequestContext ctx = f.therapist;
        auto saved = f.app->sessions().update_note(ctx, f.note_id, in);
        if (!saved.ok())
            state.SkipWithError(saved.error().message.c_str());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(note_save, encrypted, true)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(note_save, plaintext, false)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The client page's session timeline: 20 sessions, 50 ratings of 10 resources, 10 scores.
void timeline_load(benchmark::State& state, bool encrypted) {
    Fixture& f = fixture(encrypted);
    for (auto _ : state) {
        RequestContext ctx = f.therapist;
        auto items = f.app->sessions().timeline(ctx, f.client_id, "");
        if (!items.ok() || items->size() < kSessions + kResources * kRatingsEach) {
            state.SkipWithError("the timeline is incomplete");
            break;
        }
        benchmark::DoNotOptimize(items->data());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(timeline_load, encrypted, true)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_CAPTURE(timeline_load, plaintext, false)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The primitive itself: sealing and opening 2 KB for a cached practice key (inside a write that
// changes nothing, so the writer's hand-off is included but no commit reaches the disk).
void vault_seal_open_2kb(benchmark::State& state) {
    Fixture& f = fixture(true);
    const std::string text = text_of(2048);
    for (auto _ : state) {
        auto r = f.app->db().write([&](storage::Tx& tx) -> Result<void> {
            std::string sealed = TRY(f.app->vault().seal(tx, f.therapist.actor.practice_id, text));
            std::string opened =
                TRY(f.app->vault().open(tx, f.therapist.actor.practice_id, sealed));
            benchmark::DoNotOptimize(opened.data());
            return {};
        });
        if (!r.ok())
            state.SkipWithError("vault failed");
    }
}
BENCHMARK(vault_seal_open_2kb);

}  // namespace
