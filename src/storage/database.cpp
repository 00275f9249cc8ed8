#include "storage/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "core/clock.hpp"
#include "storage/migrations.hpp"

namespace trove::storage {

namespace {

bool starts_with(const std::string& s, const char* prefix) {
    return s.rfind(prefix, 0) == 0;
}

// Keeps passwords out of logs: postgresql://user:secret@host -> postgresql://user:***@host
std::string redact_url(const std::string& url) {
    size_t scheme = url.find("://");
    size_t at = url.find('@');
    if (scheme == std::string::npos || at == std::string::npos || at < scheme)
        return url;
    size_t colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at)
        return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Error from_soci(const soci::soci_error& e) {
    switch (e.get_error_category()) {
        case soci::soci_error::connection_error:
        case soci::soci_error::system_error:
            return Error::unavailable(e.get_error_message());
        case soci::soci_error::constraint_violation:
            return Error::conflict("conflict",
                                   "That change conflicts with data that already exists.");
        default:
            break;
    }
    std::string message = e.get_error_message();
    if (message.find("disk is full") != std::string::npos)
        return storage_full(message);
    if (message.find("database is locked") != std::string::npos ||
        message.find("unable to open") != std::string::npos) {
        return Error::unavailable(message);
    }
    return Error::internal_error(message);
}

std::vector<std::string> split_statements(const char* sql) {
    std::vector<std::string> out;
    std::string all(sql);
    size_t start = 0;
    while (start < all.size()) {
        size_t end = all.find(";\n", start);
        if (end == std::string::npos)
            end = all.size();
        std::string stmt = all.substr(start, end - start);
        if (stmt.find_first_not_of(" \n\t") != std::string::npos)
            out.push_back(stmt);
        start = end + 2;
    }
    return out;
}

// libpq accepts URLs, but SOCI's PostgreSQL back end mangles them; hand it key=value pairs.
// postgresql://user:pass@host:port/db?sslmode=require -> host=... port=... dbname=... user=...
std::string libpq_keywords(const std::string& url) {
    auto quote = [](const std::string& v) {
        std::string out = "'";
        for (char c : v) {
            if (c == '\\' || c == '\'')
                out += '\\';
            out += c;
        }
        return out + "'";
    };
    auto decode = [](const std::string& v) {
        std::string out;
        for (size_t i = 0; i < v.size(); ++i) {
            if (v[i] == '%' && i + 2 < v.size()) {
                out += static_cast<char>(std::stoi(v.substr(i + 1, 2), nullptr, 16));
                i += 2;
            } else {
                out += v[i];
            }
        }
        return out;
    };
    std::string rest = url.substr(url.find("://") + 3);
    std::string query;
    if (size_t q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string out;
    if (size_t at = rest.rfind('@'); at != std::string::npos) {
        std::string credentials = rest.substr(0, at);
        rest = rest.substr(at + 1);
        size_t colon = credentials.find(':');
        out += "user=" + quote(decode(credentials.substr(0, colon))) + " ";
        if (colon != std::string::npos)
            out += "password=" + quote(decode(credentials.substr(colon + 1))) + " ";
    }
    std::string hostport = rest.substr(0, rest.find('/'));
    std::string dbname = rest.find('/') == std::string::npos ? "" : rest.substr(rest.find('/') + 1);
    size_t colon = hostport.rfind(':');
    bool bracketed = !hostport.empty() && hostport.front() == '[';
    if (colon != std::string::npos && (!bracketed || hostport.find(']') < colon)) {
        out += "port=" + quote(hostport.substr(colon + 1)) + " ";
        hostport = hostport.substr(0, colon);
    }
    if (bracketed)
        hostport = hostport.substr(1, hostport.size() - 2);
    if (!hostport.empty())
        out += "host=" + quote(decode(hostport)) + " ";
    if (!dbname.empty())
        out += "dbname=" + quote(decode(dbname)) + " ";
    size_t start = 0;
    while (start < query.size()) {
        size_t end = query.find('&', start);
        if (end == std::string::npos)
            end = query.size();
        std::string pair = query.substr(start, end - start);
        if (size_t eq = pair.find('='); eq != std::string::npos) {
            out += pair.substr(0, eq) + "=" + quote(decode(pair.substr(eq + 1))) + " ";
        }
        start = end + 1;
    }
    return out;
}

}  // namespace

// Process-wide SQLite settings, made before the library initialises (first open). Each pooled
// connection is used by one thread at a time, so SQLite's per-connection mutexes are not needed,
// and its global memory statistics would put one mutex around every allocation of every thread.
void configure_sqlite_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    });
}

const char* begin_write_sql(Dialect dialect) {
    return dialect == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN";
}

Database::Database(Dialect dialect, std::string description, std::size_t pool_size)
    : m_dialect(dialect), m_description(std::move(description)), m_pool_size(pool_size) {}

Connection::Connection(std::unique_ptr<soci::session> session, Dialect dialect)
    : m_session(std::move(session)), m_dialect(dialect) {}

void Connection::finish(soci::statement& statement) {
    if (m_dialect != Dialect::sqlite)
        return;  // PostgreSQL results are read whole; nothing stays open
    auto* backend = static_cast<soci::sqlite3_statement_backend*>(statement.get_backend());
    if (backend && backend->stmt_)
        sqlite_api::sqlite3_reset(backend->stmt_);
}
Connection::~Connection() {
    m_prepared.clear();  // statements before the session they belong to
    m_native_cache.reset();
}

void* Connection::native_handle() {
    auto* backend = m_session->get_backend();
    if (!backend)
        return nullptr;  // closed: a reconnect to a server that is gone failed
    if (m_dialect == Dialect::sqlite)
        return static_cast<soci::sqlite3_session_backend*>(backend)->conn_;
    return static_cast<soci::postgresql_session_backend*>(backend)->conn_;
}

Database::~Database() {
    if (m_writer.joinable()) {
        {
            std::lock_guard lock(m_queue_mutex);
            m_stopping = true;
        }
        m_queue_wake.notify_all();
        m_writer.join();
    }
}

class Database::Lease {
public:
    explicit Lease(Database& db) : m_db(db), m_connection(db.acquire()) {}
    ~Lease() {
        if (m_connection)
            m_db.release(*m_connection);
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    bool acquired() const { return m_connection != nullptr; }
    Connection& connection() { return *m_connection; }

private:
    Database& m_db;
    Connection* m_connection;
};

namespace {
Error pool_exhausted(std::chrono::milliseconds waited) {
    return Error::unavailable("every pooled database connection stayed busy for " +
                              std::to_string(waited.count()) + " ms");
}
}  // namespace

Connection* Database::acquire() {
    std::unique_lock lock(m_pool_mutex);
    if (!m_pool_available.wait_for(lock, m_pool_wait, [&] { return !m_idle.empty(); }))
        return nullptr;
    Connection* c = m_idle.back();
    m_idle.pop_back();
    return c;
}

void Database::release(Connection& connection) {
    {
        std::lock_guard lock(m_pool_mutex);
        m_idle.push_back(&connection);
    }
    m_pool_available.notify_one();
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseOptions& options) {
    const std::string& url = options.url;
    if (url.empty())
        return Error::invalid("db", "No database was given.");
    std::size_t pool_size = options.pool_size == 0 ? 1 : options.pool_size;

    std::unique_ptr<Database> db;
    std::string connect;
    if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
        db.reset(new Database(Dialect::postgres, redact_url(url), pool_size));
        db->m_pool_wait = options.pool_wait;
        connect = libpq_keywords(url);
        // A database that does not answer must fail a request quickly, not hang it.
        if (connect.find("connect_timeout=") == std::string::npos)
            connect += "connect_timeout='5'";
    } else {
        std::string path = starts_with(url, "sqlite:") ? url.substr(7) : url;
        if (path != ":memory:") {
            std::error_code ec;
            auto parent = std::filesystem::path(path).parent_path();
            if (!parent.empty())
                std::filesystem::create_directories(parent, ec);
            if (ec) {
                return Error::invalid("db", "Cannot create the folder for the database file " +
                                                parent.string() + ": " + ec.message());
            }
        }
        configure_sqlite_once();
        db.reset(new Database(Dialect::sqlite, path, pool_size));
        db->m_pool_wait = options.pool_wait;
        // SOCI's connect string is space separated; quote the path so spaces survive.
        connect = "db=\"" + path + "\" timeout=10 shared_cache=false";
    }
    TRY(db->connect_all(connect));
    if (options.run_migrations)
        TRY(db->migrate());
    return db;
}

Result<void> Database::connect_all(const std::string& connect_string) {
    try {
        auto open = [&](bool writer) {
            auto s = std::make_unique<soci::session>();
            if (m_dialect == Dialect::sqlite) {
                s->open(soci::sqlite3, connect_string);
                // WAL lets readers run beside the single writer; FULL makes each commit durable
                // before Trove acknowledges it (group commit keeps that affordable).
                if (writer)
                    *s << "PRAGMA journal_mode=WAL";
                *s << "PRAGMA foreign_keys=ON";
                *s << "PRAGMA synchronous=FULL";
                *s << "PRAGMA busy_timeout=10000";
                // Every write (an audited read's event too) makes the other connections drop their
                // page caches at their next transaction; with the file mapped, reading the pages
                // again is a memory access instead of a pread and a copy per page.
                *s << "PRAGMA mmap_size=268435456";
                // Pooled connections only read: every write goes through the writer thread.
                if (!writer)
                    *s << "PRAGMA query_only=ON";
            } else {
                s->open(soci::postgresql, connect_string);
                // Notices ("relation already exists, skipping") are not for the operator's
                // terminal.
                *s << "SET client_min_messages TO WARNING";
            }
            return std::make_unique<Connection>(std::move(s), m_dialect);
        };
        if (m_dialect == Dialect::sqlite)
            m_write_connection = open(true);
        for (std::size_t i = 0; i < m_pool_size; ++i) {
            m_connections.push_back(open(false));
            m_idle.push_back(m_connections.back().get());
        }
    } catch (const soci::soci_error& e) {
        return Error::unavailable("cannot open " + m_description + ": " + e.get_error_message());
    } catch (const std::exception& e) {
        return Error::unavailable("cannot open " + m_description + ": " + e.what());
    }
    if (m_write_connection)
        m_writer = std::thread([this] { writer_loop(); });
    return {};
}

Result<void> Database::with_session(const std::function<Result<void>(soci::session&)>& work) {
    return with_connection([&](Connection& c) { return work(c.sql()); });
}

// A PostgreSQL connection can die under us (server restart, failover, idle timeout in a proxy).
// Such a failure is retried once on a fresh connection; if the server is really gone the caller
// gets Error{unavailable} (HTTP 503), quickly, because libpq's connect_timeout bounds the attempt.
Database::Recovery Database::recover(Connection& connection, const soci::soci_error& e) {
    if (m_dialect != Dialect::postgres)
        return Recovery::not_lost;
    bool lost = e.get_error_category() == soci::soci_error::connection_error ||
                !connection.sql().is_connected();
    if (!lost)
        return Recovery::not_lost;
    return reconnect(connection);
}

Database::Recovery Database::reconnect(Connection& connection) {
    connection.forget_prepared();
    connection.clear_broken();
    try {
        connection.sql().reconnect();
        connection.sql() << "SET client_min_messages TO WARNING";
        spdlog::warn("database: connection to {} was lost and has been re-established",
                     m_description);
        return Recovery::reconnected;
    } catch (const soci::soci_error& again) {
        spdlog::error("database: cannot reconnect to {}: {}", m_description,
                      again.get_error_message());
        return Recovery::still_down;
    }
}

Result<void> Database::with_connection(const std::function<Result<void>(Connection&)>& work) {
    Lease lease(*this);
    if (!lease.acquired())
        return pool_exhausted(m_pool_wait);
    for (int attempt = 1;; ++attempt) {
        try {
            return work(lease.connection());
        } catch (const soci::soci_error& e) {
            lease.connection().forget_prepared();
            if (attempt == 1) {
                Recovery r = recover(lease.connection(), e);
                if (r == Recovery::reconnected)
                    continue;
                if (r == Recovery::still_down)
                    return Error::unavailable(e.get_error_message());
            }
            return from_soci(e);
        }
    }
}

// --- writes
// ---------------------------------------------------------------------------------------

namespace {

// The write this thread is running (on the SQLite writer thread, or a PostgreSQL write on a pooled
// connection): a write() from inside it joins it as a nested SAVEPOINT instead of queueing behind
// itself.
thread_local const Database* t_writing_db = nullptr;
thread_local Connection* t_writing_connection = nullptr;
thread_local int t_savepoint_depth = 0;

struct WritingScope {
    const Database* db;
    Connection* connection;
    WritingScope(const Database* d, Connection* c)
        : db(t_writing_db), connection(t_writing_connection) {
        t_writing_db = d;
        t_writing_connection = c;
    }
    ~WritingScope() {
        t_writing_db = db;
        t_writing_connection = connection;
    }
};

// Runs a job, turning exceptions into errors: nothing may escape the writer thread.
Result<void> run_guarded(const std::function<Result<void>(Connection&)>& job, Connection& c) {
    try {
        return job(c);
    } catch (const soci::soci_error& e) {
        c.forget_prepared();
        return from_soci(e);
    } catch (const std::exception& e) {
        c.forget_prepared();
        return Error::internal_error(std::string("a write failed: ") + e.what());
    }
}

bool sqlite_in_transaction(Connection& c) {
    return sqlite_api::sqlite3_get_autocommit(
               static_cast<sqlite_api::sqlite3*>(c.native_handle())) == 0;
}

}  // namespace

Result<void> Database::write(const WriteWork& work) {
    return run_write([&](Connection& c) -> Result<void> {
        Tx tx(c);
        return work(tx);
    });
}

Result<void> Database::transact(const std::function<Result<void>(soci::session&)>& work) {
    return run_write([&](Connection& c) { return work(c.sql()); });
}

Result<void> Database::run_write(const Job& job) {
    if (t_writing_db == this && t_writing_connection) {
        // Nested: a savepoint inside the running write, released or rolled back on its own.
        Connection& c = *t_writing_connection;
        Tx tx(c);
        std::string name = "nested" + std::to_string(++t_savepoint_depth);
        auto opened = tx.exec("SAVEPOINT " + name);
        if (!opened.ok()) {
            --t_savepoint_depth;
            return std::move(opened).error();
        }
        Result<void> outcome = run_guarded(job, c);
        if (outcome.ok()) {
            auto released = tx.exec("RELEASE " + name);
            --t_savepoint_depth;
            if (!released.ok())
                return std::move(released).error();
            return outcome;
        }
        (void)tx.exec("ROLLBACK TO " + name);
        (void)tx.exec("RELEASE " + name);
        --t_savepoint_depth;
        return outcome;
    }
    if (m_dialect == Dialect::postgres)
        return run_pooled_transaction(job);
    if (std::this_thread::get_id() == m_writer.get_id())
        return Error::internal_error("a write was started from a write's completion");

    std::mutex mutex;
    std::condition_variable answered;
    std::optional<Result<void>> result;
    enqueue(Queued{job, [&](Result<void> r) {
                       std::lock_guard lock(mutex);
                       result.emplace(std::move(r));
                       answered.notify_one();
                   }});
    std::unique_lock lock(mutex);
    answered.wait(lock, [&] { return result.has_value(); });
    return std::move(*result);
}

void Database::write_async(WriteWork work, Completion done) {
    Job job = [work = std::move(work)](Connection& c) -> Result<void> {
        Tx tx(c);
        return work(tx);
    };
    if (m_dialect == Dialect::postgres) {
        done(run_pooled_transaction(job));
        return;
    }
    enqueue(Queued{std::move(job), std::move(done)});
}

void Database::enqueue(Queued queued) {
    {
        std::lock_guard lock(m_queue_mutex);
        m_queue.push_back(std::move(queued));
    }
    m_queue_wake.notify_one();
}

Database::WriterStats Database::writer_stats() const {
    std::lock_guard lock(m_stats_mutex);
    return m_stats;
}

void Database::writer_loop() {
    // A batch is whatever has queued while the previous one was being made durable: under load
    // many requests share one fsync, alone a request pays for one.
    constexpr std::size_t kMaxBatch = 512;
    for (;;) {
        std::vector<Queued> batch;
        {
            std::unique_lock lock(m_queue_mutex);
            m_queue_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return;  // stopping, and everything queued has been written
            while (!m_queue.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        commit_batch(batch);
    }
}

void Database::commit_batch(std::vector<Queued>& batch) {
    Connection& c = *m_write_connection;
    Tx tx(c);
    std::vector<std::optional<Result<void>>> results(batch.size());
    // Work that succeeded but whose batch did not become durable fails with the batch's error.
    auto fail_succeeded = [&](std::size_t upto, const Error& error) {
        for (std::size_t i = 0; i < upto; ++i) {
            if (!results[i] || results[i]->ok())
                results[i].emplace(Error(error));
        }
    };

    auto begun = tx.exec("BEGIN IMMEDIATE");
    if (!begun.ok()) {
        fail_succeeded(batch.size(), begun.error());
    } else {
        std::optional<Error> aborted;
        std::size_t i = 0;
        for (; i < batch.size() && !aborted; ++i) {
            auto opened = tx.exec("SAVEPOINT request");
            if (!opened.ok()) {
                aborted = opened.error();
                break;
            }
            Result<void> outcome = [&] {
                WritingScope scope(this, &c);
                return run_guarded(batch[i].job, c);
            }();
            if (!sqlite_in_transaction(c)) {
                // SQLite rolled the whole transaction back (a full disk, an I/O error): the
                // earlier requests of this batch are gone with it and are answered with its error.
                aborted = outcome.ok() ? Error::unavailable("the write transaction was lost")
                                       : outcome.error();
                results[i].emplace(std::move(outcome));
                ++i;
                break;
            }
            if (outcome.ok()) {
                auto released = tx.exec("RELEASE request");
                if (!released.ok()) {
                    aborted = released.error();
                    results[i].emplace(released.error());
                    ++i;
                    break;
                }
            } else {
                (void)tx.exec("ROLLBACK TO request");
                (void)tx.exec("RELEASE request");
            }
            results[i].emplace(std::move(outcome));
        }
        if (aborted) {
            if (sqlite_in_transaction(c))
                (void)tx.exec("ROLLBACK");
            fail_succeeded(i, *aborted);
            for (std::size_t j = i; j < batch.size(); ++j)
                results[j].emplace(Error(*aborted));
        } else {
            auto committed = tx.exec("COMMIT");
            if (!committed.ok()) {
                if (sqlite_in_transaction(c))
                    (void)tx.exec("ROLLBACK");
                fail_succeeded(batch.size(), committed.error());
            }
        }
        if (!results.empty() && aborted)
            spdlog::warn("database: a write batch of {} was rolled back: {}", batch.size(),
                         aborted->internal);
    }
    {
        std::lock_guard lock(m_stats_mutex);
        m_stats.batches += 1;
        m_stats.transactions += static_cast<long long>(batch.size());
    }
    for (std::size_t i = 0; i < batch.size(); ++i)
        batch[i].done(std::move(*results[i]));
}

Result<void> Database::run_pooled_transaction(const Job& job) {
    for (int attempt = 1;; ++attempt) {
        Lease lease(*this);
        if (!lease.acquired())
            return pool_exhausted(m_pool_wait);
        Connection& c = lease.connection();
        Tx tx(c);
        auto begun = tx.exec("BEGIN");
        if (!begun.ok()) {
            if (attempt == 1 && c.broken() && reconnect(c) == Recovery::reconnected)
                continue;
            return std::move(begun).error();
        }
        Result<void> outcome = [&] {
            WritingScope scope(this, &c);
            return run_guarded(job, c);
        }();
        if (outcome.ok()) {
            auto committed = tx.exec("COMMIT");
            if (committed.ok())
                return outcome;
            outcome = std::move(committed).error();
        }
        if (!c.broken() && c.sql().is_connected())
            (void)tx.exec("ROLLBACK");
        bool lost = c.broken() || !c.sql().is_connected();
        if (lost) {
            Recovery r = reconnect(c);
            if (attempt == 1 && r == Recovery::reconnected)
                continue;
            if (r == Recovery::still_down)
                return Error::unavailable(outcome.error().internal);
        }
        return outcome;
    }
}

// --- reads
// ----------------------------------------------------------------------------------------

Result<void> Database::read(const ReadWork& work) {
    for (int attempt = 1;; ++attempt) {
        Lease lease(*this);
        if (!lease.acquired())
            return pool_exhausted(m_pool_wait);
        Connection& c = lease.connection();
        Reader reader(c);
        Tx control(c);
        // One snapshot for everything `work` reads.
        auto begun = control.exec(m_dialect == Dialect::sqlite
                                      ? "BEGIN"
                                      : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        Result<void> outcome = begun.ok() ? [&]() -> Result<void> {
            try {
                return work(reader);
            } catch (const soci::soci_error& e) {
                c.forget_prepared();
                return from_soci(e);
            }
        }()
            : Result<void>(std::move(begun).error());
        if (begun.ok() && !c.broken()) {
            auto ended = control.exec("COMMIT");
            if (!ended.ok() && outcome.ok())
                outcome = std::move(ended).error();
        }
        if (c.broken()) {
            Recovery r = reconnect(c);
            if (attempt == 1 && r == Recovery::reconnected)
                continue;
            if (r == Recovery::still_down && !outcome.ok())
                return Error::unavailable(outcome.error().internal);
        }
        return outcome;
    }
}

Result<void> Database::checkpoint() {
    if (m_dialect != Dialect::sqlite)
        return {};
    return with_connection([](Connection& c) -> Result<void> {
        Tx tx(c);
        TRY(tx.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        return {};
    });
}

bool Database::ping() {
    int one = 0;
    auto r = with_session([&](soci::session& sql) -> Result<void> {
        sql << "SELECT 1", soci::into(one);
        return {};
    });
    return r.ok() && one == 1;
}

Result<void> Database::migrate() {
    return transact([&](soci::session& sql) -> Result<void> {
        if (m_dialect == Dialect::postgres) {
            // Several instances may start together; only one applies migrations.
            sql << "SELECT pg_advisory_xact_lock(727001)";
        }
        sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
               "description TEXT NOT NULL, applied_at TEXT NOT NULL)";
        int current = 0;
        soci::indicator ind = soci::i_null;
        sql << "SELECT MAX(version) FROM schema_migrations", soci::into(current, ind);
        if (ind == soci::i_null)
            current = 0;
        if (current > latest_schema_version()) {
            return Error::invalid("db", "The database was written by a newer Trove (schema " +
                                            std::to_string(current) +
                                            "); this binary knows up to " +
                                            std::to_string(latest_schema_version()) + ".");
        }
        for (const Migration& m : migrations()) {
            if (m.version <= current)
                continue;
            for (const std::string& stmt : split_statements(m.sql))
                sql << stmt;
            std::string description = m.description;
            std::string at = to_rfc3339(now_ms());
            sql << "INSERT INTO schema_migrations (version, description, applied_at) VALUES "
                   "(:v, :d, :a)",
                soci::use(m.version), soci::use(description), soci::use(at);
            spdlog::info("database: applied migration {} ({})", m.version, m.description);
        }
        return {};
    });
}

}  // namespace trove::storage
