#include "domain/safety/tables.hpp"

namespace trove::safety {

const storage::StoreDeclaration& store_declaration() {
    static const storage::StoreDeclaration declaration{
        "safety",
        {
            {"alerts", storage::Holds::client_data, "client_id", "", {}, {"ack_note"}},
            {"practice_settings", storage::Holds::practice_data, "", "", {}, {}},
        }};
    return declaration;
}

}  // namespace trove::safety
