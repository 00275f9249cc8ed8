#include "domain/cases/tables.hpp"

namespace trove::cases {

const storage::StoreDeclaration& store_declaration() {
    static const storage::StoreDeclaration declaration{
        "cases",
        {
            {"cases", storage::Holds::client_data, "", "id", {}, {}},
            {"case_members", storage::Holds::client_data, "client_id", "case_id", {}, {}},
            {"case_team", storage::Holds::client_data, "", "case_id", {}, {}},
        }};
    return declaration;
}

}  // namespace trove::cases
