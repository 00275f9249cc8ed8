#pragma once
// A pooled database connection (internal to src/storage; stores use Reader and Tx).

#include <map>
#include <memory>
#include <string>

#include "storage/sql.hpp"

namespace soci {
class session;
class statement;
}  // namespace soci

namespace trove::storage {

//! One pooled connection and its prepared statements. Repositories keep their hot queries here:
//! a statement is compiled once per connection and then only re-executed with new bound values,
//! which on SQLite saves most of a simple query's cost (profiling showed statement compilation
//! dominating the read path).
class Connection {
public:
    Connection(std::unique_ptr<soci::session> session, Dialect dialect);
    ~Connection();
    soci::session& sql() { return *m_session; }
    Dialect dialect() const { return m_dialect; }

    //! The driver's own handle (sqlite3* or PGconn*), for storage/sql.cpp.
    void* native_handle();
    //! The statements storage/sql.cpp keeps for this connection.
    std::shared_ptr<void>& native_cache() { return m_native_cache; }
    //! Set when the server dropped the connection; the pool reconnects it before the next use.
    void mark_broken() { m_broken = true; }
    bool broken() const { return m_broken; }
    void clear_broken() { m_broken = false; }

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
    void forget_prepared() {
        m_prepared.clear();
        m_native_cache.reset();
    }

private:
    std::unique_ptr<soci::session> m_session;
    Dialect m_dialect;
    std::map<std::string, std::shared_ptr<void>> m_prepared;
    std::shared_ptr<void> m_native_cache;
    bool m_broken = false;
};

//! Builds Rows for storage/sql.cpp (Row's constructor is private to keep rows in callbacks).
struct RowAccess {
    static Row make(Dialect dialect, const void* source, int row);
};

//! Drops the compiled statements of a connection (after reconnecting).
void forget_statements(Connection& connection);

}  // namespace trove::storage
