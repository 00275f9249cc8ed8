#pragma once
// Who is acting. Built by the HTTP layer from a session or API token, passed to every domain call,
// and judged only by the policy module (src/domain/policy).

#include <optional>
#include <string>
#include <string_view>

namespace trove {

enum class Role { admin, therapist, supervisor, client };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct Actor {
    std::string user_id;
    std::string practice_id;
    Role role = Role::client;
    std::string client_id;  // the client record a client-role login belongs to
    bool via_api_token = false;
    std::string locale;  // the account's language, as the sign-in lookup read it ("" if unknown)
};

}  // namespace trove
