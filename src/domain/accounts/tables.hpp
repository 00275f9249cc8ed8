#pragma once
// The tables the accounts store owns and what they hold about a client (see storage/registry.hpp).

#include "storage/registry.hpp"

namespace trove::accounts {

const storage::StoreDeclaration& store_declaration();

}  // namespace trove::accounts
