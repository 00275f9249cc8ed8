#include "domain/resources/tables.hpp"

namespace trove::resources {

const storage::StoreDeclaration& store_declaration() {
    static const storage::StoreDeclaration declaration{
        "resources",
        {
            {"resources",
             storage::Holds::client_data,
             "client_id",
             "case_id",
             {},
             {"title", "description", "evidence", "therapist_note"}},
            {"resource_ratings",
             storage::Holds::client_data,
             "",
             "",
             {{"resource_id", "resources"}},
             {}},
            {"goals", storage::Holds::client_data, "client_id", "", {}, {"title", "description"}},
            {"goal_resources",
             storage::Holds::client_data,
             "",
             "",
             {{"goal_id", "goals"}, {"resource_id", "resources"}},
             {}},
            {"scale_ratings", storage::Holds::client_data, "", "", {{"goal_id", "goals"}}, {}},
            {"coping_cards", storage::Holds::client_data, "client_id", "", {}, {"content"}},
        }};
    return declaration;
}

}  // namespace trove::resources
