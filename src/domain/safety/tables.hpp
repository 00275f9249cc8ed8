#pragma once
// The tables the safety store owns and what they hold about a client (see storage/registry.hpp).

#include "storage/registry.hpp"

namespace trove::safety {

const storage::StoreDeclaration& store_declaration();

}  // namespace trove::safety
