#pragma once
// The tables the journal store owns and what they hold about a client (see storage/registry.hpp).

#include "storage/registry.hpp"

namespace trove::journal {

const storage::StoreDeclaration& store_declaration();

}  // namespace trove::journal
