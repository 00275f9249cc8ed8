#pragma once
// The tables the cases store owns and what they hold about a client (see storage/registry.hpp).

#include "storage/registry.hpp"

namespace trove::cases {

const storage::StoreDeclaration& store_declaration();

}  // namespace trove::cases
