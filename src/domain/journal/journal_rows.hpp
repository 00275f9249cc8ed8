#pragma once
// Decoding shared by the journal's row readers (assignments and entries); private to the service.

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/journal/schedule.hpp"
#include "storage/table.hpp"

namespace trove::journal::detail {

//! A stored YYYY-MM-DD; an error naming table, column and row when it does not parse.
inline Result<Date> stored_date(std::string_view text, std::string_view table,
                                std::string_view column, std::string_view row_id) {
    auto day = parse_date(text);
    if (!day)
        return storage::undecodable(table, column, row_id);
    return *day;
}

}  // namespace trove::journal::detail
