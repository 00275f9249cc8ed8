#pragma once
// The tables the measures store owns and what they hold about a client (see storage/registry.hpp).

#include "storage/registry.hpp"

namespace trove::measures {

const storage::StoreDeclaration& store_declaration();

}  // namespace trove::measures
