#pragma once
// The database: one interface over SQLite (embedded default) and PostgreSQL. Stores read inside
// read() and write inside write(), through Trove's own Reader and Tx (storage/sql.hpp).
//
// Writes on SQLite go to one writer thread that owns the write connection: the transactions of all
// requests queue to it and are committed in batches, each request's work inside its own SAVEPOINT
// (a failing request rolls back alone) and one COMMIT — one fsync with synchronous=FULL — per
// batch. A caller returns only once its batch is durable. Reads use pooled connections (WAL).
// On PostgreSQL every write is its own transaction on a pooled connection.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "storage/connection.hpp"
#include "storage/sql.hpp"

namespace soci {
class session;
class statement;
class soci_error;
}  // namespace soci

namespace trove::storage {

struct DatabaseOptions {
    std::string url;            // a file path, "sqlite:PATH", or "postgresql://..."
    std::size_t pool_size = 8;  // connections kept open
    bool run_migrations = true;
    //! How long a request waits for a pooled connection before it is answered 503 (with
    //! Retry-After) instead of queueing without end.
    std::chrono::milliseconds pool_wait{10000};
};

class Database {
public:
    //! Opens (creating a SQLite file and its folder if needed) and migrates the database.
    static Result<std::unique_ptr<Database>> open(const DatabaseOptions& options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Dialect dialect() const { return m_dialect; }

    using ReadWork = std::function<Result<void>(Reader&)>;
    using WriteWork = std::function<Result<void>(Tx&)>;
    using Completion = std::function<void(Result<void>)>;

    //! Runs `work` in one read snapshot on a pooled connection.
    Result<void> read(const ReadWork& work);

    //! Runs `work` in a write transaction and returns once it is durable (or failed, leaving no
    //! trace). Called from inside another write's work it joins that transaction (a nested
    //! SAVEPOINT), so a store can call another store's write functions atomically.
    Result<void> write(const WriteWork& work);

    //! Queues `work` without waiting; `done` runs on the writer thread once its batch is durable
    //! or failed (PostgreSQL: on the calling thread). For audit events of reads.
    void write_async(WriteWork work, Completion done);

    //! Runs `work` on a pooled connection without a transaction (single statements, reads).
    //! Database exceptions become Error{unavailable} or Error{internal}; `work`'s own errors pass.
    Result<void> with_session(const std::function<Result<void>(soci::session&)>& work);

    //! Like with_session, with the connection's prepared-statement cache.
    Result<void> with_connection(const std::function<Result<void>(Connection&)>& work);

    //! Runs `work` in one write transaction: committed when it returns success, rolled back when it
    //! returns an error or throws. On SQLite the transaction takes the write lock up front
    //! (BEGIN IMMEDIATE) so two writers never deadlock upgrading a read lock.
    Result<void> transact(const std::function<Result<void>(soci::session&)>& work);

    //! Figures of the group-commit writer (SQLite), for benchmarks and the operator.
    struct WriterStats {
        long long batches = 0, transactions = 0;
    };
    WriterStats writer_stats() const;

    //! Moves the write-ahead log into the database file and empties it (SQLite; after sealing
    //! old plaintext, so that it does not linger in the log).
    Result<void> checkpoint();

    //! True when a trivial query succeeds (for /readyz).
    bool ping();

    //! Applies the migrations this binary knows and the database has not had yet (open() does
    //! this unless told not to: the master key is checked before anything is written).
    Result<void> migrate();

private:
    Database(Dialect dialect, std::string description, std::size_t pool_size);
    Result<void> connect_all(const std::string& connect_string);

    using Job = std::function<Result<void>(Connection&)>;
    //! Runs a write job: queued to the writer on SQLite, in its own transaction on PostgreSQL.
    Result<void> run_write(const Job& job);
    Result<void> run_pooled_transaction(const Job& job);
    struct Queued {
        Job job;
        Completion done;
    };
    void enqueue(Queued queued);
    void writer_loop();
    void commit_batch(std::vector<Queued>& batch);

    //! Borrows a connection, waiting while all are in use (at most pool_wait; then nullptr); the
    //! lease returns it when destroyed.
    class Lease;
    Connection* acquire();
    enum class Recovery { not_lost, reconnected, still_down };
    Recovery recover(Connection& connection, const soci::soci_error& error);
    Recovery reconnect(Connection& connection);
    void release(Connection& connection);

    Dialect m_dialect;
    std::string m_description;  // for logs: never contains a password
    std::size_t m_pool_size;
    std::chrono::milliseconds m_pool_wait{10000};
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::vector<Connection*> m_idle;
    std::mutex m_pool_mutex;
    std::condition_variable m_pool_available;

    // The SQLite writer.
    std::unique_ptr<Connection> m_write_connection;
    std::thread m_writer;
    std::mutex m_queue_mutex;
    std::condition_variable m_queue_wake;
    std::deque<Queued> m_queue;
    bool m_stopping = false;
    WriterStats m_stats;
    mutable std::mutex m_stats_mutex;
};

//! SQL text that differs between dialects is chosen here.
const char* begin_write_sql(Dialect dialect);

}  // namespace trove::storage
