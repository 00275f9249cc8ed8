#include "storage/sql.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>

#include "storage/connection.hpp"

namespace trove::storage {

namespace {

// Error codes -> Trove errors. The messages name no values: bound parameters never appear in them.
Error sqlite_error(sqlite3* db, int code, std::string_view sql) {
    std::string detail = std::string(sqlite3_errmsg(db)) + " in: " + std::string(sql.substr(0, 80));
    detail += " (SQLite code " + std::to_string(code) + ")";
    switch (code & 0xff) {
        case SQLITE_FULL:
            return storage_full(detail);
        case SQLITE_IOERR:
            // A write or sync the file system refused: a full disk reports SQLITE_FULL, but a quota
            // or a file-size limit shows up here (SQLite does not keep the errno reliably).
            if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
                code == SQLITE_IOERR_TRUNCATE)
                return storage_full(detail);
            return Error::unavailable(detail);
        case SQLITE_CANTOPEN:
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_READONLY:
            return Error::unavailable(detail);
        case SQLITE_CONSTRAINT:
            return Error::conflict("conflict",
                                   "That change conflicts with data that already exists.")
                .with_internal(detail);
        default:
            return Error::internal_error(detail);
    }
}

// SQLite statements cached per connection by their text; a statement still stepping (a nested
// query with the same text inside an each() callback) is never handed out twice.
struct SqliteStatement {
    sqlite3_stmt* stmt = nullptr;
    bool busy = false;
};

struct StatementCache {
    std::map<std::string, SqliteStatement, std::less<>> sqlite;
    std::map<std::string, std::string, std::less<>> postgres;  // SQL -> prepared statement name
    int next_name = 0;
    ~StatementCache() {
        for (auto& [text, s] : sqlite)
            sqlite3_finalize(s.stmt);
    }
};

StatementCache& cache_of(Connection& connection) {
    auto& slot = connection.native_cache();
    if (!slot)
        slot = std::shared_ptr<void>(new StatementCache(),
                                     [](void* p) { delete static_cast<StatementCache*>(p); });
    return *static_cast<StatementCache*>(slot.get());
}

Error bind_sqlite(sqlite3* db, sqlite3_stmt* stmt, const Params& params, std::string_view sql,
                  bool& failed) {
    failed = false;
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
        failed = true;
        return Error::internal_error("wrong number of parameters for: " +
                                     std::string(sql.substr(0, 80)));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Param& p = params[i];
        int index = static_cast<int>(i) + 1;
        int rc;
        if (const auto* n = p.integer())
            rc = sqlite3_bind_int64(stmt, index, *n);
        else if (const auto* d = p.real())
            rc = sqlite3_bind_double(stmt, index, *d);
        else if (const auto* t = p.text())
            rc = sqlite3_bind_text(stmt, index, t->data(), static_cast<int>(t->size()),
                                   SQLITE_STATIC);
        else
            rc = sqlite3_bind_null(stmt, index);
        if (rc != SQLITE_OK) {
            failed = true;
            return sqlite_error(db, rc, sql);
        }
    }
    return {};
}

Result<std::int64_t> run_sqlite(Connection& connection, std::string_view sql, const Params& params,
                                const RowFn* fn) {
    auto* db = static_cast<sqlite3*>(connection.native_handle());
    StatementCache& cache = cache_of(connection);
    auto it = cache.sqlite.find(sql);
    sqlite3_stmt* stmt = nullptr;
    bool cached = false;
    if (it != cache.sqlite.end() && !it->second.busy) {
        stmt = it->second.stmt;
        cached = true;
    } else {
        int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK)
            return sqlite_error(db, rc, sql);
        if (it == cache.sqlite.end()) {
            it = cache.sqlite.emplace(std::string(sql), SqliteStatement{stmt, false}).first;
            cached = true;
        }
    }
    // Whatever happens, the statement ends reset with its bindings cleared: a statement left on a
    // row would hold its read snapshot open (and keep a WAL checkpoint from completing).
    struct Finish {
        sqlite3_stmt* stmt;
        SqliteStatement* slot;
        ~Finish() {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            if (slot)
                slot->busy = false;
            else
                sqlite3_finalize(stmt);
        }
    } finish{stmt, cached ? &it->second : nullptr};
    if (cached)
        it->second.busy = true;

    bool failed = false;
    Error bind_error = bind_sqlite(db, stmt, params, sql, failed);
    if (failed)
        return bind_error;
    for (;;) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW)
            return sqlite_error(db, sqlite3_extended_errcode(db), sql);
        if (fn) {
            Result<void> r = (*fn)(RowAccess::make(Dialect::sqlite, stmt, 0));
            if (!r.ok())
                return std::move(r).error();
        }
    }
    return static_cast<std::int64_t>(sqlite3_changes(db));
}

// `?` -> `$1`, `$2` … outside quoted text and identifiers.
std::string to_postgres_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    char quote = 0;
    for (char c : sql) {
        if (quote) {
            if (c == quote)
                quote = 0;
            out += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$' + std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

Error postgres_error(Connection& connection, PGresult* result, std::string_view sql) {
    auto* conn = static_cast<PGconn*>(connection.native_handle());
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string detail = std::string(primary ? primary : PQerrorMessage(conn)) +
                         " in: " + std::string(sql.substr(0, 80));
    if (PQstatus(conn) == CONNECTION_BAD) {
        connection.mark_broken();
        return Error::unavailable("the connection to PostgreSQL was lost: " + detail);
    }
    std::string_view code = state ? state : "";
    if (code.starts_with("23"))
        return Error::conflict("conflict", "That change conflicts with data that already exists.")
            .with_internal(detail);
    if (code.starts_with("08") || code.starts_with("53") || code.starts_with("57P") ||
        code == "40001" || code == "40P01")
        return Error::unavailable(detail);
    return Error::internal_error(detail);
}

Result<std::int64_t> run_postgres(Connection& connection, std::string_view sql,
                                  const Params& params, const RowFn* fn) {
    auto* conn = static_cast<PGconn*>(connection.native_handle());
    StatementCache& cache = cache_of(connection);
    auto it = cache.postgres.find(sql);
    if (it == cache.postgres.end()) {
        std::string name = "trove_" + std::to_string(cache.next_name++);
        std::string text = to_postgres_placeholders(sql);
        std::unique_ptr<PGresult, void (*)(PGresult*)> prepared(
            PQprepare(conn, name.c_str(), text.c_str(), 0, nullptr), PQclear);
        if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK)
            return postgres_error(connection, prepared.get(), sql);
        it = cache.postgres.emplace(std::string(sql), name).first;
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Param& p = params[i];
        if (const auto* n = p.integer()) {
            texts[i] = std::to_string(*n);
        } else if (const auto* d = p.real()) {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "%.17g", *d);
            texts[i] = buffer;
        } else if (const auto* t = p.text()) {
            texts[i] = *t;
        } else {
            continue;
        }
        values[i] = texts[i].c_str();
    }
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(
        PQexecPrepared(conn, it->second.c_str(), static_cast<int>(params.size()), values.data(),
                       nullptr, nullptr, 0),
        PQclear);
    ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        return postgres_error(connection, result.get(), sql);
    if (fn) {
        int rows = PQntuples(result.get());
        for (int r = 0; r < rows; ++r) {
            Result<void> outcome = (*fn)(RowAccess::make(Dialect::postgres, result.get(), r));
            if (!outcome.ok())
                return std::move(outcome).error();
        }
    }
    const char* changed = PQcmdTuples(result.get());
    return changed && *changed ? std::strtoll(changed, nullptr, 10) : 0;
}

Result<std::int64_t> run(Connection& connection, std::string_view sql, const Params& params,
                         const RowFn* fn) {
    if (!connection.native_handle()) {
        connection.mark_broken();
        return Error::unavailable("the database connection is closed");
    }
    if (connection.dialect() == Dialect::sqlite)
        return run_sqlite(connection, sql, params, fn);
    return run_postgres(connection, sql, params, fn);
}

}  // namespace

Error storage_full(std::string internal) {
    Error e = Error::unavailable("the disk holding the database is full: " + internal);
    e.message =
        "Trove cannot save changes right now: the server's storage is full or refused the write. "
        "Nothing was saved; please try again in a few minutes.";
    return e;
}

void forget_statements(Connection& connection) {
    connection.native_cache().reset();
}

std::string placeholders(std::size_t count) {
    std::string out = "?";
    for (std::size_t i = 1; i < count; ++i)
        out += ", ?";
    return out;
}

// --- Row
// ------------------------------------------------------------------------------------------

int Row::size() const {
    if (m_dialect == Dialect::sqlite)
        return sqlite3_column_count(static_cast<sqlite3_stmt*>(const_cast<void*>(m_source)));
    return PQnfields(static_cast<const PGresult*>(m_source));
}

bool Row::is_null(int column) const {
    if (m_dialect == Dialect::sqlite) {
        auto* stmt = static_cast<sqlite3_stmt*>(const_cast<void*>(m_source));
        return sqlite3_column_type(stmt, column) == SQLITE_NULL;
    }
    return PQgetisnull(static_cast<const PGresult*>(m_source), m_row, column) != 0;
}

std::string Row::text(int column) const {
    if (m_dialect == Dialect::sqlite) {
        auto* stmt = static_cast<sqlite3_stmt*>(const_cast<void*>(m_source));
        const unsigned char* t = sqlite3_column_text(stmt, column);
        if (!t)
            return {};
        return std::string(reinterpret_cast<const char*>(t),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)));
    }
    const auto* result = static_cast<const PGresult*>(m_source);
    if (PQgetisnull(result, m_row, column))
        return {};
    return std::string(PQgetvalue(result, m_row, column),
                       static_cast<std::size_t>(PQgetlength(result, m_row, column)));
}

std::optional<std::string> Row::optional_text(int column) const {
    if (is_null(column))
        return std::nullopt;
    return text(column);
}

std::optional<std::int64_t> Row::integer(int column) const {
    if (is_null(column))
        return std::nullopt;
    if (m_dialect == Dialect::sqlite) {
        auto* stmt = static_cast<sqlite3_stmt*>(const_cast<void*>(m_source));
        if (sqlite3_column_type(stmt, column) == SQLITE_INTEGER)
            return sqlite3_column_int64(stmt, column);
    }
    std::string t = text(column);
    if (t == "t" || t == "true")
        return 1;  // a PostgreSQL boolean
    if (t == "f" || t == "false")
        return 0;
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size())
        return std::nullopt;
    return value;
}

std::optional<double> Row::real(int column) const {
    if (is_null(column))
        return std::nullopt;
    if (m_dialect == Dialect::sqlite) {
        auto* stmt = static_cast<sqlite3_stmt*>(const_cast<void*>(m_source));
        int type = sqlite3_column_type(stmt, column);
        if (type == SQLITE_INTEGER || type == SQLITE_FLOAT)
            return sqlite3_column_double(stmt, column);
    }
    std::string t = text(column);
    char* end = nullptr;
    double value = std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size())
        return std::nullopt;
    return value;
}

Row RowAccess::make(Dialect dialect, const void* source, int row) {
    return Row(dialect, source, row);
}

// --- Reader and Tx
// --------------------------------------------------------------------------------

Dialect Reader::dialect() const {
    return m_connection->dialect();
}

Result<void> Reader::each(std::string_view sql, const Params& params, const RowFn& fn) {
    TRY(run(*m_connection, sql, params, &fn));
    return {};
}

Result<std::optional<std::string>> Reader::text(std::string_view sql, const Params& params) {
    std::optional<std::string> out;
    bool first = true;
    TRY(each(sql, params, [&](const Row& row) -> Result<void> {
        if (first)
            out = row.optional_text(0);
        first = false;
        return {};
    }));
    return out;
}

Result<std::optional<std::int64_t>> Reader::integer(std::string_view sql, const Params& params) {
    std::optional<std::int64_t> out;
    bool first = true;
    TRY(each(sql, params, [&](const Row& row) -> Result<void> {
        if (first && !row.is_null(0)) {
            out = row.integer(0);
            if (!out)
                return Error::internal_error("not an integer: " + std::string(sql.substr(0, 80)));
        }
        first = false;
        return {};
    }));
    return out;
}

Result<std::int64_t> Reader::count(std::string_view sql, const Params& params) {
    auto value = TRY(integer(sql, params));
    return value.value_or(0);
}

Result<bool> Reader::exists(std::string_view sql, const Params& params) {
    bool found = false;
    TRY(each(sql, params, [&](const Row&) -> Result<void> {
        found = true;
        return {};
    }));
    return found;
}

Result<std::vector<std::string>> Reader::texts(std::string_view sql, const Params& params) {
    std::vector<std::string> out;
    TRY(each(sql, params, [&](const Row& row) -> Result<void> {
        out.push_back(row.text(0));
        return {};
    }));
    return out;
}

Result<std::int64_t> Tx::exec(std::string_view sql, const Params& params) {
    return run(*m_connection, sql, params, nullptr);
}

}  // namespace trove::storage
