#pragma once
// The storage layer's own table (see storage/registry.hpp).

#include "storage/registry.hpp"

namespace trove::storage {

const StoreDeclaration& store_declaration();

}  // namespace trove::storage
