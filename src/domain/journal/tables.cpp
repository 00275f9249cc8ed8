#include "domain/journal/tables.hpp"

namespace trove::journal {

const storage::StoreDeclaration& store_declaration() {
    static const storage::StoreDeclaration declaration{
        "journal",
        {
            {"practice_exercises", storage::Holds::practice_data, "", "", {}, {}},
            {"exercise_assignments", storage::Holds::client_data, "client_id", "", {}, {"note"}},
            {"journal_entries", storage::Holds::client_data, "client_id", "", {}, {"body"}},
            {"calendar_feeds", storage::Holds::client_data, "client_id", "", {}, {}},
            {"journal_settings", storage::Holds::practice_data, "", "", {}, {}},
        }};
    return declaration;
}

}  // namespace trove::journal
