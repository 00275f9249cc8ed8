#pragma once
// Trove's own SQL types: a read scope (`Reader`) and a write transaction (`Tx`), used by every
// store in src/domain. They hide the database driver: statements are portable SQL with `?`
// placeholders (rewritten to $1, $2 … on PostgreSQL), values go in as `Param`s and come out of a
// `Row` by column index. Each call returns a Result: a broken connection or a full disk is
// Error{unavailable} (HTTP 503 with Retry-After), a constraint violation Error{conflict}, anything
// else Error{internal}. Statements are compiled once per connection and cached by their text.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace trove::storage {

enum class Dialect { sqlite, postgres };

class Connection;

//! One bound value. NULL, an integer, a real or text; optionals bind NULL when empty.
class Param {
public:
    Param() = default;
    Param(std::nullptr_t) {}
    Param(std::nullopt_t) {}
    Param(const char* text) : m_value(std::string(text)) {}
    Param(std::string text) : m_value(std::move(text)) {}
    Param(std::string_view text) : m_value(std::string(text)) {}
    Param(bool flag) : m_value(std::int64_t{flag ? 1 : 0}) {}
    Param(int number) : m_value(std::int64_t{number}) {}
    Param(long number) : m_value(std::int64_t{number}) {}
    Param(long long number) : m_value(std::int64_t{number}) {}
    Param(double number) : m_value(number) {}
    template <class T>
    Param(const std::optional<T>& value) {
        if (value)
            *this = Param(*value);
    }

    bool is_null() const { return std::holds_alternative<std::monostate>(m_value); }
    const std::int64_t* integer() const { return std::get_if<std::int64_t>(&m_value); }
    const double* real() const { return std::get_if<double>(&m_value); }
    const std::string* text() const { return std::get_if<std::string>(&m_value); }

private:
    std::variant<std::monostate, std::int64_t, double, std::string> m_value;
};

using Params = std::vector<Param>;

//! The error for a write refused because the disk holding the database is full: 503 with
//! Retry-After, like an unreachable database; nothing of the request was stored.
Error storage_full(std::string internal);

//! "?, ?, ?" for an IN list of `count` values (at least one placeholder, so the SQL stays valid;
//! callers skip the query when they have nothing to look for).
std::string placeholders(std::size_t count);

//! The current row of a result. Valid only inside the callback it is passed to.
class Row {
public:
    int size() const;
    bool is_null(int column) const;
    //! The column as text ("" when NULL); integers are given in decimal.
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    //! The column as an integer; nullopt when NULL or when the stored value is not an integer.
    std::optional<std::int64_t> integer(int column) const;
    std::optional<double> real(int column) const;

private:
    friend struct RowAccess;
    Row(Dialect dialect, const void* source, int row)
        : m_dialect(dialect), m_source(source), m_row(row) {}
    Dialect m_dialect;
    const void* m_source;  // a sqlite3_stmt on its current row, or a PGresult
    int m_row;             // the row within a PGresult
};

using RowFn = std::function<Result<void>(const Row&)>;

//! Reads inside one consistent snapshot of the database.
class Reader {
public:
    explicit Reader(Connection& connection) : m_connection(&connection) {}
    Dialect dialect() const;

    //! Calls `fn` for each row; stops at the first error `fn` returns.
    Result<void> each(std::string_view sql, const Params& params, const RowFn& fn);
    //! The first column of the first row as text; nullopt when there is no row or it is NULL.
    Result<std::optional<std::string>> text(std::string_view sql, const Params& params = {});
    //! The first column of the first row as an integer (COUNT, MAX …); nullopt without a row or
    //! NULL.
    Result<std::optional<std::int64_t>> integer(std::string_view sql, const Params& params = {});
    //! COUNT(*)-style queries: the first column of the first row, 0 when NULL or no row.
    Result<std::int64_t> count(std::string_view sql, const Params& params = {});
    //! True when the query returns a row.
    Result<bool> exists(std::string_view sql, const Params& params = {});
    //! The first column of every row, as text.
    Result<std::vector<std::string>> texts(std::string_view sql, const Params& params = {});

protected:
    Connection* m_connection;
};

//! A write transaction (on SQLite: one request's SAVEPOINT inside a group-committed batch).
class Tx : public Reader {
public:
    explicit Tx(Connection& connection) : Reader(connection) {}
    //! Runs a statement that returns no rows; the number of rows it changed.
    Result<std::int64_t> exec(std::string_view sql, const Params& params = {});
};

}  // namespace trove::storage
