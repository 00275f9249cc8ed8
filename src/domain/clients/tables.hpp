#pragma once
// The tables the clients store owns and what they hold about a client (see storage/registry.hpp).

#include "storage/registry.hpp"

namespace trove::clients {

const storage::StoreDeclaration& store_declaration();

}  // namespace trove::clients
