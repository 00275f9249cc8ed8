#include "domain/sessions/tables.hpp"

namespace trove::sessions {

const storage::StoreDeclaration& store_declaration() {
    static const storage::StoreDeclaration declaration{
        "sessions",
        {
            {"appointments", storage::Holds::client_data, "client_id", "case_id", {}, {}},
            {"appointment_attendance",
             storage::Holds::client_data,
             "client_id",
             "",
             {{"appointment_id", "appointments"}},
             {}},
            {"notes",
             storage::Holds::client_data,
             "",
             "",
             {{"appointment_id", "appointments"}},
             {"fields", "scales"}},
            {"note_addenda", storage::Holds::client_data, "", "", {{"note_id", "notes"}}, {"body"}},
        }};
    return declaration;
}

}  // namespace trove::sessions
