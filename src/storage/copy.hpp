#pragma once
// Copies every Trove table from one database to another (SQLite -> PostgreSQL, or back), in one
// transaction on the target, and proves the copy: per table, the row count and a SHA-256 over the
// rows in primary-key order must match on both sides afterwards.

#include <string>
#include <vector>

#include "core/result.hpp"
#include "storage/database.hpp"

namespace trove::storage {

struct TableReport {
    std::string table;
    long long rows = 0;
    std::string checksum;  // hex SHA-256 of the table's canonical rows
};

struct CopyReport {
    std::vector<TableReport> tables;
    bool already_identical = false;  // target held exactly the source's data; nothing was written
};

//! Row count and checksum of every table (for verification and tests).
Result<std::vector<TableReport>> table_checksums(Database& db);

//! Copies `from` into `to`. A target that already holds data is refused unless `replace` is set
//! (then its rows are deleted first, inside the same transaction), except when it already holds
//! exactly the source's data: then nothing is written, so re-running a finished migration is safe.
Result<CopyReport> copy_database(Database& from, Database& to, bool replace);

}  // namespace trove::storage
