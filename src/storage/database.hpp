#pragma once
// The store: one interface over SQLite (embedded default) and PostgreSQL, both through SOCI.
// Domain repositories receive a `soci::session&` inside with_session()/transact() and write
// portable SQL; every dialect difference lives in this folder (see `Dialect` and migrations.cpp).
// Callers never see a SOCI type in a header other than the forward declaration below.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace trove::storage {

enum class Dialect { sqlite, postgres };

struct DatabaseOptions {
    std::string url;            // a file path, "sqlite:PATH", or "postgresql://..."
    std::size_t pool_size = 8;  // connections kept open
    bool run_migrations = true;
};

class Database {
public:
    //! Opens (creating a SQLite file and its folder if needed) and migrates the database.
    static Result<std::unique_ptr<Database>> open(const DatabaseOptions& options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Dialect dialect() const { return m_dialect; }
    const std::string& description() const { return m_description; }

    //! Runs `work` on a pooled connection without a transaction (single statements, reads).
    //! Database exceptions become Error{unavailable} or Error{internal}; `work`'s own errors pass.
    Result<void> with_session(const std::function<Result<void>(soci::session&)>& work);

    //! Runs `work` in one write transaction: committed when it returns success, rolled back when it
    //! returns an error or throws. On SQLite the transaction takes the write lock up front
    //! (BEGIN IMMEDIATE) so two writers never deadlock upgrading a read lock.
    Result<void> transact(const std::function<Result<void>(soci::session&)>& work);

    //! True when a trivial query succeeds (for /readyz).
    bool ping();

    //! The schema version after migrations.
    int schema_version();

private:
    Database(Dialect dialect, std::string description, std::size_t pool_size);
    Result<void> connect_all(const std::string& connect_string);
    Result<void> migrate();

    Dialect m_dialect;
    std::string m_description;  // for logs: never contains a password
    std::size_t m_pool_size;
    std::unique_ptr<soci::connection_pool> m_pool;
};

//! SQL text that differs between dialects is chosen here.
const char* begin_write_sql(Dialect dialect);

}  // namespace trove::storage
