#include "domain/audit/tables.hpp"

namespace trove::audit {

const storage::StoreDeclaration& store_declaration() {
    static const storage::StoreDeclaration declaration{
        "audit",
        {
            {"audit_events", storage::Holds::practice_data, "", "", {}, {}},
            {"audit_heads", storage::Holds::system, "", "", {}, {}},
        }};
    return declaration;
}

}  // namespace trove::audit
