#pragma once
// The tables the audit store owns and what they hold about a client (see storage/registry.hpp).

#include "storage/registry.hpp"

namespace trove::audit {

const storage::StoreDeclaration& store_declaration();

}  // namespace trove::audit
