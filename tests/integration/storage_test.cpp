// The storage layer under Trove: the group-commit writer (a failing request in a batch rolls back
// alone, a nested write joins its caller's transaction), a full disk (503 with Retry-After, nothing
// half-written, writes resume once there is room), a corrupt stored value (500 and a log line
// naming table, column and row — never a 1970 date), and the store registry (every table of the
// schema is declared by exactly one store; sealed columns agree with the vault).

#include <gtest/gtest.h>
#include <signal.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <soci/soci.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "app/stores.hpp"
#include "domain/vault/vault.hpp"
#include "storage/database.hpp"
#include "test_server.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

namespace {

std::unique_ptr<storage::Database> open_sqlite(const TempDir& dir) {
    storage::DatabaseOptions options;
    options.url = dir.path() + "/storage.db";
    options.pool_size = 2;
    auto db = storage::Database::open(options);
    if (!db.ok())
        throw std::runtime_error(db.error().internal);
    return std::move(db).value();
}

Result<void> insert_key(storage::Tx& tx, const std::string& key) {
    TRY(tx.exec("INSERT INTO probe (k) VALUES (?)", {key}));
    return {};
}

std::set<std::string> stored_keys(storage::Database& db) {
    std::set<std::string> out;
    auto r = db.read([&](storage::Reader& r) -> Result<void> {
        for (auto& k : TRY(r.texts("SELECT k FROM probe")))
            out.insert(k);
        return {};
    });
    EXPECT_TRUE(r.ok()) << r.error().internal;
    return out;
}

// A database with one table, `probe`, holding the key "taken".
std::unique_ptr<storage::Database> open_probe(const TempDir& dir) {
    auto db = open_sqlite(dir);
    auto made = db->write([](storage::Tx& tx) -> Result<void> {
        TRY(tx.exec("CREATE TABLE probe (k TEXT PRIMARY KEY)"));
        return insert_key(tx, "taken");
    });
    if (!made.ok())
        throw std::runtime_error(made.error().internal);
    return db;
}

}  // namespace

TEST(GroupCommit, a_failing_request_in_a_batch_rolls_back_alone_and_the_others_commit_together) {
    TempDir dir;
    auto db = open_probe(dir);

    // Hold the writer inside one request while eleven more queue behind it: they then share one
    // batch, one of them breaking the primary key.
    std::mutex m;
    std::condition_variable cv;
    bool holding = false, release = false;
    std::thread holder([&] {
        auto r = db->write([&](storage::Tx& tx) -> Result<void> {
            {
                std::unique_lock lock(m);
                holding = true;
                cv.notify_all();
                cv.wait(lock, [&] { return release; });
            }
            return insert_key(tx, "holder");
        });
        EXPECT_TRUE(r.ok());
    });
    {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return holding; });
    }
    const auto before = db->writer_stats();

    std::vector<std::optional<Result<void>>> results(11);
    std::atomic<int> answered{0};
    for (int i = 0; i < 11; ++i) {
        std::string key = i == 5 ? "taken" : "k" + std::to_string(i);
        db->write_async(
            [key](storage::Tx& tx) -> Result<void> {
                TRY(insert_key(tx, key + "-first"));  // rolled back with the request if it fails
                return insert_key(tx, key);
            },
            [&, i](Result<void> r) {
                std::lock_guard lock(m);
                results[static_cast<std::size_t>(i)].emplace(std::move(r));
                answered++;
                cv.notify_all();
            });
    }
    {
        std::lock_guard lock(m);
        release = true;
        cv.notify_all();
    }
    holder.join();
    {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return answered == 11; });
    }

    for (int i = 0; i < 11; ++i) {
        const auto& r = *results[static_cast<std::size_t>(i)];
        if (i == 5) {
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().code, ErrorCode::conflict) << "its own error, not the batch's";
        } else {
            EXPECT_TRUE(r.ok()) << i << ": " << r.error().internal;
        }
    }
    auto keys = stored_keys(*db);
    EXPECT_EQ(keys.count("taken-first"), 0u) << "the failing request left nothing behind";
    EXPECT_EQ(keys.count("k4-first"), 1u);
    EXPECT_EQ(keys.count("k10"), 1u);
    EXPECT_EQ(keys.size(), 2u + 10u * 2u);  // taken, holder, and two keys of each good request

    const auto after = db->writer_stats();
    EXPECT_EQ(after.transactions - before.transactions, 12);
    EXPECT_EQ(after.batches - before.batches, 2) << "the holder's batch, then one for the eleven";
}

TEST(GroupCommit, a_nested_write_joins_the_running_transaction_and_can_fail_on_its_own) {
    TempDir dir;
    auto db = open_probe(dir);
    auto outer = db->write([&](storage::Tx& tx) -> Result<void> {
        TRY(insert_key(tx, "outer-1"));
        auto inner = db->write([](storage::Tx& tx) -> Result<void> {
            TRY(insert_key(tx, "inner"));
            return insert_key(tx, "taken");
        });
        EXPECT_FALSE(inner.ok());
        TRY(insert_key(tx, "outer-2"));
        // A nested write that succeeds is part of this transaction.
        return db->write([](storage::Tx& tx) { return insert_key(tx, "inner-ok"); });
    });
    ASSERT_TRUE(outer.ok()) << outer.error().internal;
    EXPECT_EQ(stored_keys(*db), (std::set<std::string>{"taken", "outer-1", "outer-2", "inner-ok"}));

    // A failing outer write takes its nested writes with it.
    auto failing = db->write([&](storage::Tx&) -> Result<void> {
        TRY(db->write([](storage::Tx& tx) { return insert_key(tx, "gone"); }));
        return Error::invalid("x", "no");
    });
    EXPECT_FALSE(failing.ok());
    EXPECT_EQ(stored_keys(*db).count("gone"), 0u);
}

TEST(GroupCommit, pooled_connections_refuse_writes_so_every_write_goes_through_the_writer) {
    TempDir dir;
    auto db = open_sqlite(dir);
    ASSERT_TRUE(db->write([](storage::Tx& tx) -> Result<void> {
                      TRY(tx.exec("CREATE TABLE probe (k TEXT PRIMARY KEY)"));
                      return {};
                  }).ok());
    // A store that tried to write outside write() (here through the raw session) is refused.
    auto r = db->with_session([](soci::session& sql) -> Result<void> {
        sql << "INSERT INTO probe (k) VALUES ('x')";
        return {};
    });
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(stored_keys(*db).empty());
}

// --- a full disk
// ----------------------------------------------------------------------------------

namespace {

// Limits how large any file this process writes may grow: the database and its WAL hit the limit
// as they would hit a full disk (SQLite sees the write fail and reports it).
struct FileSizeLimit {
    rlimit saved{};
    explicit FileSizeLimit(rlim_t bytes) {
        ::signal(SIGXFSZ,
                 SIG_IGN);  // a write past the limit fails with EFBIG instead of killing us
        getrlimit(RLIMIT_FSIZE, &saved);
        rlimit limit{bytes, saved.rlim_max};
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    void lift() { setrlimit(RLIMIT_FSIZE, &saved); }
    ~FileSizeLimit() { lift(); }
};

std::uintmax_t size_or_zero(const std::string& path) {
    std::error_code ec;
    auto n = std::filesystem::file_size(path, ec);
    return ec ? 0 : n;
}

}  // namespace

TEST(FullDisk, writes_and_sign_ins_get_503_with_retry_after_nothing_is_lost_and_writing_resumes) {
    if (testing_postgres())
        GTEST_SKIP() << "the embedded database's files are what fill up";
    TestServer server;
    World world = seed_world(server.app());
    auto mia = new_portal_client(server.app(), world.a, world.a.therapist, "Disk");
    Client c(server.port());
    ASSERT_EQ(c.login(mia.email, kPassword).status, 200);
    const std::string journal = "/api/v1/clients/" + mia.client_id + "/journal";

    std::vector<std::string> acknowledged;
    int refused = 0;
    HttpResult last_refusal;
    {
        const std::string db = server.db_path();
        FileSizeLimit limit(std::max(size_or_zero(db), size_or_zero(db + "-wal")) + 48 * 1024);
        for (int i = 0; i < 3000 && refused < 3; ++i) {
            auto r = c.post(journal, {{"kind", "success"},
                                      {"text", "Walked to the lake and back, step " +
                                                   std::to_string(i) + std::string(400, '.')},
                                      {"shared", true}});
            if (r.status == 201) {
                acknowledged.push_back(r.json()["id"]);
            } else {
                ASSERT_EQ(r.status, 503) << "a full disk is not an internal error: " << r.body;
                last_refusal = r;
                ++refused;
            }
        }
        ASSERT_GT(refused, 0) << "the limit was never reached";
        EXPECT_FALSE(last_refusal.headers["retry-after"].empty());
        EXPECT_EQ(last_refusal.error_code(), "database_unavailable");
        EXPECT_TRUE(contains(last_refusal.json()["error"].value("message", ""), "storage is full"))
            << last_refusal.body;
        auto sign_in =
            send(server.port(), "POST", "/api/v1/auth/login",
                 json{{"email", world.a.email("therapist")}, {"password", kPassword}}.dump(),
                 {{"Content-Type", "application/json"}});
        EXPECT_EQ(sign_in.status, 503) << sign_in.body;
        EXPECT_FALSE(sign_in.headers["retry-after"].empty());
        limit.lift();
    }

    // Room again: the next write succeeds without a restart, and every acknowledged entry is there.
    auto again = c.post(journal, {{"kind", "gratitude"}, {"text", "Room again"}, {"shared", true}});
    ASSERT_EQ(again.status, 201) << again.body;
    acknowledged.push_back(again.json()["id"]);
    std::set<std::string> listed;
    auto list = c.get(journal + "?limit=500");
    ASSERT_EQ(list.status, 200) << list.body;
    const json body = list.json();
    for (const auto& e : body["items"])
        listed.insert(e["id"].get<std::string>());
    for (const auto& id : acknowledged)
        EXPECT_EQ(listed.count(id), 1u) << "acknowledged entry " << id << " was lost";
    EXPECT_EQ(listed.size(), acknowledged.size()) << "a refused entry was half-written";
    Client therapist(server.port());
    EXPECT_EQ(therapist.login(world.a.email("therapist"), kPassword).status, 200);
}

// --- a corrupt stored value
// -------------------------------------------------------------------------

TEST(CorruptStoredValue, gives_500_and_a_log_line_naming_table_column_and_row_never_1970) {
    if (testing_postgres())
        GTEST_SKIP() << "the corruption is written into the SQLite file directly";
    TestServer server;
    World world = seed_world(server.app());
    Client anna(server.port());
    ASSERT_EQ(anna.login(world.a.email("therapist"), kPassword).status, 200);
    const std::string target = "/api/v1/clients/" + world.a.client;
    ASSERT_EQ(anna.get(target).status, 200);

    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(server.db_path().c_str(), &raw), SQLITE_OK);
    sqlite3_busy_timeout(raw, 5000);
    std::string sql =
        "UPDATE clients SET created_at = 'not a time' WHERE id = '" + world.a.client + "'";
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);

    std::ostringstream log;
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
    spdlog::default_logger()->sinks().push_back(sink);
    auto r = anna.get(target);
    auto list = anna.get("/api/v1/clients");
    spdlog::default_logger()->sinks().pop_back();

    EXPECT_EQ(r.status, 500) << r.body;
    EXPECT_EQ(r.error_code(), "internal");
    EXPECT_FALSE(contains(r.body, "1970"));
    EXPECT_FALSE(contains(r.body, "not a time")) << "stored values stay out of answers";
    EXPECT_EQ(list.status, 500) << "a list holding the row fails too, rather than showing 1970";
    EXPECT_TRUE(contains(log.str(), "table clients, column created_at, row " + world.a.client))
        << log.str();
    EXPECT_FALSE(contains(log.str(), "not a time")) << "stored values stay out of the log";
    // Other clients are unaffected.
    EXPECT_EQ(anna.get("/api/v1/clients/" + world.a.client3).status, 200);
}

// --- the store registry
// ---------------------------------------------------------------------------

TEST(StoreRegistry, every_table_of_the_schema_is_declared_by_exactly_one_store) {
    TestServer server;
    auto& db = server.app().db();
    std::vector<std::string> tables;
    auto r = db.read([&](storage::Reader& r) -> Result<void> {
        tables = TRY(r.texts(r.dialect() == storage::Dialect::sqlite
                                 ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                   "NOT LIKE 'sqlite_%' ORDER BY name"
                                 : "SELECT tablename FROM pg_tables WHERE schemaname = "
                                   "current_schema() ORDER BY tablename"));
        return {};
    });
    ASSERT_TRUE(r.ok()) << r.error().internal;
    ASSERT_GT(tables.size(), 30u);

    std::map<std::string, int> declared;
    for (const auto* store : app::all_stores())
        for (const auto& t : store->tables)
            declared[t.table]++;
    for (const auto& table : tables) {
        EXPECT_EQ(declared[table], 1) << "table " << table
                                      << " must be declared by exactly one store (see "
                                         "storage/registry.hpp and docs/architecture.md)";
    }
    for (const auto& [table, count] : declared) {
        EXPECT_NE(std::find(tables.begin(), tables.end(), table), tables.end())
            << "declared table " << table << " is not in the schema";
    }
}

TEST(StoreRegistry, declared_columns_exist_every_client_table_is_tied_and_sealing_agrees) {
    TestServer server;
    auto& db = server.app().db();
    std::map<std::string, std::set<std::string>> registry_sealed;
    for (const auto* store : app::all_stores()) {
        for (const auto& t : store->tables) {
            std::vector<std::string> columns = t.sealed;
            if (!t.client_column.empty())
                columns.push_back(t.client_column);
            if (!t.case_column.empty())
                columns.push_back(t.case_column);
            for (const auto& p : t.parents) {
                columns.push_back(p.column);
                EXPECT_NE(app::find_table(p.table), nullptr) << t.table << " -> " << p.table;
            }
            for (const auto& column : columns) {
                auto probe = db.read([&](storage::Reader& r) -> Result<void> {
                    TRY(r.exists("SELECT " + column + " FROM " + t.table + " LIMIT 1"));
                    return {};
                });
                EXPECT_TRUE(probe.ok()) << t.table << "." << column << " does not exist";
            }
            if (t.holds == storage::Holds::client_data) {
                EXPECT_TRUE(!t.client_column.empty() || !t.case_column.empty() ||
                            !t.parents.empty())
                    << t.table << " holds client data but says nothing ties a row to a client";
            }
            for (const auto& c : t.sealed)
                registry_sealed[t.table].insert(c);
        }
    }
    std::map<std::string, std::set<std::string>> vault_sealed;
    for (const auto& s : vault::sealed_columns())
        for (const auto& c : s.columns)
            vault_sealed[s.table].insert(c);
    EXPECT_EQ(registry_sealed, vault_sealed)
        << "a sealed column must be declared by its store and sealed by the vault";
}

TEST(ConnectionPool,
     a_request_that_finds_every_connection_busy_waits_a_bounded_time_then_gets_503) {
    TempDir dir;
    storage::DatabaseOptions options;
    options.url = dir.path() + "/pool.db";
    options.pool_size = 1;
    options.pool_wait = std::chrono::milliseconds(200);
    auto opened = storage::Database::open(options);
    ASSERT_TRUE(opened.ok()) << opened.error().internal;
    auto& db = *opened.value();
    // The only connection is held by one read while another read asks for it.
    std::mutex m;
    std::condition_variable cv;
    bool holding = false, release = false;
    std::thread holder([&] {
        (void)db.read([&](storage::Reader&) -> Result<void> {
            std::unique_lock lock(m);
            holding = true;
            cv.notify_all();
            cv.wait(lock, [&] { return release; });
            return {};
        });
    });
    {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return holding; });
    }
    auto waited = db.read([](storage::Reader&) -> Result<void> { return {}; });
    ASSERT_FALSE(waited.ok());
    EXPECT_EQ(waited.error().code, ErrorCode::unavailable) << "503 with Retry-After, not a hang";
    {
        std::lock_guard lock(m);
        release = true;
    }
    cv.notify_all();
    holder.join();
    EXPECT_TRUE(db.read([](storage::Reader&) -> Result<void> { return {}; }).ok())
        << "the connection is back once released";
}
