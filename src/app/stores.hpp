#pragma once
// Every store's declaration of its tables, in dependency order: what export, erasure and backups
// walk to find everything stored about a client.

#include <vector>

#include "storage/registry.hpp"

namespace trove::app {

const std::vector<const storage::StoreDeclaration*>& all_stores();

//! The declaration of `table`, or nullptr when no store declares it.
const storage::TableDeclaration* find_table(const std::string& table);

}  // namespace trove::app
