#pragma once
// The tables the sessions store owns and what they hold about a client (see storage/registry.hpp).

#include "storage/registry.hpp"

namespace trove::sessions {

const storage::StoreDeclaration& store_declaration();

}  // namespace trove::sessions
