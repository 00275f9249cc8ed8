#include "domain/accounts/tables.hpp"

namespace trove::accounts {

const storage::StoreDeclaration& store_declaration() {
    static const storage::StoreDeclaration declaration{
        "accounts",
        {
            {"practices", storage::Holds::practice_data, "", "", {}, {}},
            {"users", storage::Holds::client_data, "client_id", "", {}, {}},
            {"supervision", storage::Holds::practice_data, "", "", {}, {}},
            {"sessions", storage::Holds::client_data, "", "", {{"user_id", "users"}}, {}},
            {"api_tokens", storage::Holds::client_data, "", "", {{"user_id", "users"}}, {}},
            {"invites", storage::Holds::client_data, "client_id", "", {}, {}},
            {"login_throttle", storage::Holds::system, "", "", {}, {}},
            {"totp_secrets",
             storage::Holds::client_data,
             "",
             "",
             {{"user_id", "users"}},
             {"secret"}},
            {"recovery_codes", storage::Holds::client_data, "", "", {{"user_id", "users"}}, {}},
            {"passkeys", storage::Holds::client_data, "", "", {{"user_id", "users"}}, {}},
            {"webauthn_challenges", storage::Holds::system, "", "", {}, {}},
        }};
    return declaration;
}

}  // namespace trove::accounts
