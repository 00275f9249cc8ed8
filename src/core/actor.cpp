#include "core/actor.hpp"

namespace trove {

std::string_view to_string(Role role) {
    switch (role) {
        case Role::admin:
            return "admin";
        case Role::therapist:
            return "therapist";
        case Role::supervisor:
            return "supervisor";
        case Role::client:
            return "client";
    }
    return "client";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "admin")
        return Role::admin;
    if (text == "therapist")
        return Role::therapist;
    if (text == "supervisor")
        return Role::supervisor;
    if (text == "client")
        return Role::client;
    return std::nullopt;
}

}  // namespace trove
