#pragma once
// What each store holds: its tables, the column that ties a row to a client or a case (or the
// parent row it hangs from), and which columns are sealed by the vault. Export, erasure and
// backups walk these declarations store by store; a test fails when the schema has a table no
// store declares, or a sealed column the vault does not seal.

#include <string>
#include <vector>

namespace trove::storage {

enum class Holds {
    client_data,    // rows about a client (through client_column, case_column or parent)
    practice_data,  // the practice's own rows: staff, settings, keys, its exercise library
    system,         // Trove's bookkeeping: schema version, audit chain heads, throttling
};

struct Parent {
    std::string column;  // this table's column …
    std::string table;   // … holding the id of a row of this table
};

struct TableDeclaration {
    std::string table;
    Holds holds = Holds::practice_data;
    std::string client_column;        // holds the client's id ("" when rows are not tied so)
    std::string case_column;          // holds a case's id
    std::vector<Parent> parents;      // rows tied through another table's rows
    std::vector<std::string> sealed;  // columns whose text the vault seals
};

struct StoreDeclaration {
    std::string store;  // the module that alone writes SQL naming these tables
    std::vector<TableDeclaration> tables;
};

}  // namespace trove::storage
