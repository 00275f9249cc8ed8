#pragma once
// Versioned schema migrations, applied in order at start. Each entry is portable SQL unless it
// names a dialect. A database newer than this binary is refused rather than guessed at.

#include <vector>

#include "storage/database.hpp"

namespace trove::storage {

struct Migration {
    int version;
    const char* description;
    const char* sql;  // statements separated by ";\n"
};

const std::vector<Migration>& migrations();
int latest_schema_version();

//! The version the database's schema is at: 0 when no migration has been applied yet (a new
//! database has no schema_migrations table at all).
Result<int> applied_schema_version(Reader& reader);

}  // namespace trove::storage
