#include "app/stores.hpp"

#include "domain/accounts/tables.hpp"
#include "domain/audit/tables.hpp"
#include "domain/cases/tables.hpp"
#include "domain/clients/tables.hpp"
#include "domain/journal/tables.hpp"
#include "domain/measures/tables.hpp"
#include "domain/resources/tables.hpp"
#include "domain/safety/tables.hpp"
#include "domain/sessions/tables.hpp"
#include "domain/vault/tables.hpp"
#include "storage/tables.hpp"

namespace trove::app {

const std::vector<const storage::StoreDeclaration*>& all_stores() {
    static const std::vector<const storage::StoreDeclaration*> all = {
        &storage::store_declaration(),   &audit::store_declaration(),
        &vault::store_declaration(),     &accounts::store_declaration(),
        &clients::store_declaration(),   &cases::store_declaration(),
        &resources::store_declaration(), &safety::store_declaration(),
        &measures::store_declaration(),  &journal::store_declaration(),
        &sessions::store_declaration(),
    };
    return all;
}

const storage::TableDeclaration* find_table(const std::string& table) {
    for (const auto* store : all_stores())
        for (const auto& t : store->tables)
            if (t.table == table)
                return &t;
    return nullptr;
}

}  // namespace trove::app
