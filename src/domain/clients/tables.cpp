#include "domain/clients/tables.hpp"

namespace trove::clients {

const storage::StoreDeclaration& store_declaration() {
    static const storage::StoreDeclaration declaration{
        "clients",
        {
            {"clients", storage::Holds::client_data, "id", "", {}, {}},
            {"care_team", storage::Holds::client_data, "client_id", "", {}, {}},
            {"client_preferences", storage::Holds::client_data, "client_id", "", {}, {}},
        }};
    return declaration;
}

}  // namespace trove::clients
