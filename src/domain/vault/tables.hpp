#pragma once
// The tables the vault store owns and what they hold about a client (see storage/registry.hpp).

#include "storage/registry.hpp"

namespace trove::vault {

const storage::StoreDeclaration& store_declaration();

}  // namespace trove::vault
