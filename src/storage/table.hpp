#pragma once
// A table described once: its name and, per column, how the column maps to a field of the record.
// The SELECT list, the INSERT, UPDATE … SET and the decoding of rows all come from this
// description, so a column is named in one place. Decoding a stored value that does not parse (a
// corrupt timestamp, text where a number belongs) is an internal error naming the table, the
// column and the row's id (the first column) — never a default such as 1 January 1970.
//
//   const storage::Table<EntryRecord> kEntries{"journal_entries", {
//       storage::column("id", &EntryRecord::id),
//       storage::time_column("created_at", &EntryRecord::created_at), …}};
//   auto rows = TRY(kEntries.select(reader, "WHERE client_id = ? ORDER BY created_at", {id}));

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/clock.hpp"
#include "storage/sql.hpp"

namespace trove::storage {

template <class Rec>
struct Column {
    std::string name;
    std::function<Param(const Rec&)> encode;
    //! Sets the field from the row's cell at `index`; false when the stored value does not decode.
    std::function<bool(const Row&, int index, Rec&)> decode;
};

//! The error for a stored value that does not decode (logged; the person sees "internal").
Error undecodable(std::string_view table, std::string_view column, std::string_view row_id);

template <class Rec>
class Table {
public:
    Table(std::string name, std::vector<Column<Rec>> columns)
        : m_name(std::move(name)), m_columns(std::move(columns)) {
        m_select = select_list();
        std::string marks;
        for (std::size_t i = 0; i < m_columns.size(); ++i)
            marks += i ? ", ?" : "?";
        m_insert = "INSERT INTO " + m_name + " (" + m_select + ") VALUES (" + marks + ")";
    }

    const std::string& name() const { return m_name; }
    int width() const { return static_cast<int>(m_columns.size()); }

    //! "id, client_id, …", or with an alias "e.id, e.client_id, …" for joins.
    std::string select_list(std::string_view alias = {}) const {
        std::string out;
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            if (i)
                out += ", ";
            if (!alias.empty())
                out.append(alias).append(".");
            out += m_columns[i].name;
        }
        return out;
    }

    //! The record's values in column order (for the INSERT).
    Params values(const Rec& rec) const {
        Params out;
        out.reserve(m_columns.size());
        for (const auto& c : m_columns)
            out.push_back(c.encode(rec));
        return out;
    }

    //! Decodes the columns starting at `first` (where a join put this table's columns).
    Result<Rec> decode(const Row& row, int first = 0) const {
        Rec rec{};
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            int index = first + static_cast<int>(i);
            if (!m_columns[i].decode(row, index, rec))
                return undecodable(m_name, m_columns[i].name, row.text(first));
        }
        return rec;
    }

    Result<void> insert(Tx& tx, const Rec& rec) const {
        TRY(tx.exec(m_insert, values(rec)));
        return {};
    }

    //! SELECT <all columns> FROM <table> <rest>, decoded.
    Result<std::vector<Rec>> select(Reader& reader, std::string_view rest,
                                    const Params& params = {}) const {
        std::vector<Rec> out;
        TRY(reader.each(select_sql(rest), params, [&](const Row& row) -> Result<void> {
            out.push_back(TRY(decode(row)));
            return {};
        }));
        return out;
    }

    //! The first row of select(), if any.
    Result<std::optional<Rec>> select_one(Reader& reader, std::string_view rest,
                                          const Params& params = {}) const {
        std::optional<Rec> out;
        TRY(reader.each(select_sql(rest), params, [&](const Row& row) -> Result<void> {
            if (!out)
                out = TRY(decode(row));
            return {};
        }));
        return out;
    }

    //! UPDATE <table> SET <columns from the record> <where>; the rows changed.
    Result<std::int64_t> update(Tx& tx, const Rec& rec,
                                std::initializer_list<std::string_view> names,
                                std::string_view where, const Params& where_params) const {
        std::string sql = "UPDATE " + m_name + " SET ";
        Params params;
        bool first = true;
        for (std::string_view name : names) {
            const Column<Rec>* column = find(name);
            if (!column)
                return Error::internal_error("no column " + std::string(name) + " in " + m_name);
            sql += first ? "" : ", ";
            sql += column->name + " = ?";
            params.push_back(column->encode(rec));
            first = false;
        }
        sql.append(" ").append(where);
        params.insert(params.end(), where_params.begin(), where_params.end());
        return tx.exec(sql, params);
    }

private:
    std::string select_sql(std::string_view rest) const {
        std::string sql = "SELECT " + m_select + " FROM " + m_name + " ";
        sql.append(rest);
        return sql;
    }
    const Column<Rec>* find(std::string_view name) const {
        for (const auto& c : m_columns)
            if (c.name == name)
                return &c;
        return nullptr;
    }

    std::string m_name;
    std::vector<Column<Rec>> m_columns;
    std::string m_select, m_insert;
};

// --- columns
// --------------------------------------------------------------------------------------

namespace detail {
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class Field>
bool decode_value(const Row& row, int index, Field& field) {
    if constexpr (is_optional<Field>::value) {
        if (row.is_null(index)) {
            field.reset();
            return true;
        }
        typename Field::value_type value{};
        if (!decode_value(row, index, value))
            return false;
        field = std::move(value);
        return true;
    } else if constexpr (std::is_same_v<Field, std::string>) {
        field = row.text(index);  // NULL reads as "" for text the record keeps as plain string
        return true;
    } else if constexpr (std::is_same_v<Field, bool>) {
        auto v = row.integer(index);
        if (!v)
            return false;
        field = *v != 0;
        return true;
    } else if constexpr (std::is_integral_v<Field>) {
        auto v = row.integer(index);
        if (!v)
            return false;
        field = static_cast<Field>(*v);
        return true;
    } else if constexpr (std::is_floating_point_v<Field>) {
        auto v = row.real(index);
        if (!v)
            return false;
        field = static_cast<Field>(*v);
        return true;
    } else {
        static_assert(sizeof(Field) == 0, "no column mapping for this field type");
    }
}
inline bool decode_time(const Row& row, int index, TimeMs& out) {
    auto t = parse_rfc3339(row.text(index));
    if (!t)
        return false;
    out = *t;
    return true;
}
}  // namespace detail

//! A column stored as the field's own type: text, integer (bool as 0/1), real, or an optional of
//! one of these (NULL when empty).
template <class Rec, class Field>
Column<Rec> column(std::string name, Field Rec::*member) {
    return Column<Rec>{std::move(name), [member](const Rec& r) { return Param(r.*member); },
                       [member](const Row& row, int index, Rec& r) {
                           return detail::decode_value(row, index, r.*member);
                       }};
}

//! A time stored as RFC 3339 text (what to_rfc3339 writes).
template <class Rec>
Column<Rec> time_column(std::string name, TimeMs Rec::*member) {
    return Column<Rec>{std::move(name),
                       [member](const Rec& r) { return Param(to_rfc3339(r.*member)); },
                       [member](const Row& row, int index, Rec& r) {
                           return detail::decode_time(row, index, r.*member);
                       }};
}

//! An optional time stored as RFC 3339 text or NULL.
template <class Rec>
Column<Rec> time_column(std::string name, std::optional<TimeMs> Rec::*member) {
    return Column<Rec>{std::move(name),
                       [member](const Rec& r) -> Param {
                           if (!(r.*member))
                               return Param();
                           return Param(to_rfc3339(*(r.*member)));
                       },
                       [member](const Row& row, int index, Rec& r) {
                           if (row.is_null(index)) {
                               (r.*member).reset();
                               return true;
                           }
                           TimeMs t = 0;
                           if (!detail::decode_time(row, index, t))
                               return false;
                           r.*member = t;
                           return true;
                       }};
}

//! A column with its own conversion (a date, an enum, a list kept as text).
template <class Rec>
Column<Rec> custom_column(std::string name, std::function<Param(const Rec&)> encode,
                          std::function<bool(const Row&, int, Rec&)> decode) {
    return Column<Rec>{std::move(name), std::move(encode), std::move(decode)};
}

//! A stored RFC 3339 time; an error naming table, column and row when the text does not parse.
//! For values read outside a Table (aggregates, joins of several tables).
Result<TimeMs> stored_time(std::string_view text, std::string_view table, std::string_view column,
                           std::string_view row_id);

//! The same for a column that may be NULL (nullopt then).
Result<std::optional<TimeMs>> stored_time(const Row& row, int index, std::string_view table,
                                          std::string_view column, std::string_view row_id);

}  // namespace trove::storage
