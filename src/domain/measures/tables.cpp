#include "domain/measures/tables.hpp"

namespace trove::measures {

const storage::StoreDeclaration& store_declaration() {
    static const storage::StoreDeclaration declaration{
        "measures",
        {
            {"practice_instruments", storage::Holds::practice_data, "", "", {}, {}},
            {"measure_assignments", storage::Holds::client_data, "client_id", "", {}, {"note"}},
            {"responses", storage::Holds::client_data, "client_id", "", {}, {}},
            {"questionnaire_links", storage::Holds::client_data, "client_id", "", {}, {}},
        }};
    return declaration;
}

}  // namespace trove::measures
