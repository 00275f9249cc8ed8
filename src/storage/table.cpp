#include "storage/table.hpp"

namespace trove::storage {

Error undecodable(std::string_view table, std::string_view column, std::string_view row_id) {
    // The value itself stays out of the message: it may be clinical text.
    return Error::internal_error("stored value does not decode: table " + std::string(table) +
                                 ", column " + std::string(column) + ", row " +
                                 std::string(row_id));
}

Result<TimeMs> stored_time(std::string_view text, std::string_view table, std::string_view column,
                           std::string_view row_id) {
    auto t = parse_rfc3339(text);
    if (!t)
        return undecodable(table, column, row_id);
    return *t;
}

Result<std::optional<TimeMs>> stored_time(const Row& row, int index, std::string_view table,
                                          std::string_view column, std::string_view row_id) {
    if (row.is_null(index))
        return std::optional<TimeMs>();
    return std::optional<TimeMs>(TRY(stored_time(row.text(index), table, column, row_id)));
}

}  // namespace trove::storage
