#include "storage/tables.hpp"

namespace trove::storage {

const StoreDeclaration& store_declaration() {
    static const StoreDeclaration declaration{
        "storage", {{"schema_migrations", Holds::system, "", "", {}, {}}}};
    return declaration;
}

}  // namespace trove::storage
