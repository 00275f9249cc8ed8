#pragma once
// The store: one interface over SQLite (embedded default) and PostgreSQL, both through SOCI.
// Domain repositories receive a `soci::session&` inside with_session()/transact() and write
// portable SQL; every dialect difference lives in this folder (see `Dialect` and migrations.cpp).
// Callers never see a SOCI type in a header other than the forward declaration below.

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"

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
};

enum class Dialect { sqlite, postgres };

//! One pooled connection and its prepared statements. Repositories keep their hot queries here:
//! a statement is compiled once per connection and then only re-executed with new bound values,
//! which on SQLite saves most of a simple query's cost (profiling showed statement compilation
//! dominating the read path).
class Connection {
public:
    Connection(std::unique_ptr<soci::session> session, Dialect dialect);
    ~Connection();
    soci::session& sql() { return *m_session; }

    //! The statement holder T for `key`, built as T(sql(), args...) on first use. T owns a
    //! soci::statement bound to its own members; callers set inputs, execute, read outputs.
    template <class T, class... Args>
    T& prepared(const std::string& key, Args&&... args) {
        auto it = m_prepared.find(key);
        if (it == m_prepared.end()) {
            it = m_prepared.emplace(key, std::make_shared<T>(sql(), std::forward<Args>(args)...))
                     .first;
        }
        return *static_cast<T*>(it->second.get());
    }

    //! Ends a prepared statement's use: on SQLite a statement left mid-result keeps its read
    //! transaction (and an old snapshot) open, which would make this connection's next write fail
    //! with "database is locked". Call after reading what you need.
    void finish(soci::statement& statement);

    //! Drops every prepared statement (after an error, their state is not trusted).
    void forget_prepared() { m_prepared.clear(); }

private:
    std::unique_ptr<soci::session> m_session;
    Dialect m_dialect;
    std::map<std::string, std::shared_ptr<void>> m_prepared;
};

class Database {
public:
    //! Opens (creating a SQLite file and its folder if needed) and migrates the database.
    static Result<std::unique_ptr<Database>> open(const DatabaseOptions& options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Dialect dialect() const { return m_dialect; }

    //! Runs `work` on a pooled connection without a transaction (single statements, reads).
    //! Database exceptions become Error{unavailable} or Error{internal}; `work`'s own errors pass.
    Result<void> with_session(const std::function<Result<void>(soci::session&)>& work);

    //! Like with_session, with the connection's prepared-statement cache.
    Result<void> with_connection(const std::function<Result<void>(Connection&)>& work);

    //! Runs `work` in one write transaction: committed when it returns success, rolled back when it
    //! returns an error or throws. On SQLite the transaction takes the write lock up front
    //! (BEGIN IMMEDIATE) so two writers never deadlock upgrading a read lock.
    Result<void> transact(const std::function<Result<void>(soci::session&)>& work);

    //! True when a trivial query succeeds (for /readyz).
    bool ping();

    //! Applies the migrations this binary knows and the database has not had yet (open() does
    //! this unless told not to: the master key is checked before anything is written).
    Result<void> migrate();

private:
    Database(Dialect dialect, std::string description, std::size_t pool_size);
    Result<void> connect_all(const std::string& connect_string);

    //! Borrows a connection, waiting while all are in use; the lease returns it when destroyed.
    class Lease;
    Connection& acquire();
    enum class Recovery { not_lost, reconnected, still_down };
    Recovery recover(Connection& connection, const soci::soci_error& error);
    void release(Connection& connection);

    Dialect m_dialect;
    std::string m_description;  // for logs: never contains a password
    std::size_t m_pool_size;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::vector<Connection*> m_idle;
    std::mutex m_pool_mutex;
    std::condition_variable m_pool_available;
};

//! SQL text that differs between dialects is chosen here.
const char* begin_write_sql(Dialect dialect);

}  // namespace trove::storage
