#pragma once
// The tables the resources store owns and what they hold about a client (see storage/registry.hpp).

#include "storage/registry.hpp"

namespace trove::resources {

const storage::StoreDeclaration& store_declaration();

}  // namespace trove::resources
