#include "domain/vault/tables.hpp"

namespace trove::vault {

const storage::StoreDeclaration& store_declaration() {
    static const storage::StoreDeclaration declaration{
        "vault",
        {
            {"practice_keys", storage::Holds::practice_data, "", "", {}, {}},
            {"keyring_state", storage::Holds::system, "", "", {}, {}},
        }};
    return declaration;
}

}  // namespace trove::vault
