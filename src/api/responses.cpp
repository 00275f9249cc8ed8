#include "api/responses.hpp"

namespace trove::api {

nlohmann::json to_json(const accounts::User& user) {
    return {{"id", user.id},
            {"email", user.email},
            {"name", user.name},
            {"role", std::string(to_string(user.role))},
            {"active", user.active},
            {"client_id",
             user.client_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(user.client_id)},
            {"supervisor_ids", user.supervisor_ids},
            {"supervisee_ids", user.supervisee_ids},
            {"created_at", to_rfc3339(user.created_at)}};
}

nlohmann::json to_json(const clients::Client& client) {
    return {{"id", client.id},
            {"display_name", client.display_name},
            {"birth_year",
             client.birth_year ? nlohmann::json(*client.birth_year) : nlohmann::json(nullptr)},
            {"contexts", client.contexts},
            {"status", std::string(clients::to_string(client.status))},
            {"therapist_ids", client.therapist_ids},
            {"has_portal_account", client.has_portal_account},
            {"created_at", to_rfc3339(client.created_at)},
            {"updated_at", to_rfc3339(client.updated_at)}};
}

nlohmann::json to_json(const AuditEvent& e, long long seq) {
    auto or_null = [](const std::string& s) {
        return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
    };
    return {{"id", (e.practice_id.empty() ? std::string("system") : e.practice_id) + ":" +
                       std::to_string(seq)},
            {"seq", seq},
            {"at", to_rfc3339(e.at)},
            {"actor_id", or_null(e.actor_id)},
            {"actor_role", or_null(e.actor_role)},
            {"action", e.action},
            {"object_type", or_null(e.object_type)},
            {"object_id", or_null(e.object_id)},
            {"outcome", e.outcome == Outcome::allowed ? "allowed" : "denied"},
            {"ip", or_null(e.ip)}};
}

http::Response json_response(int status, const nlohmann::json& body) {
    http::Response r;
    r.status = status;
    r.body = body.dump();
    return r;
}

http::Response no_content() {
    http::Response r;
    r.status = 204;
    r.content_type = "application/json";
    return r;
}

nlohmann::json page_json(nlohmann::json items, const std::optional<std::string>& next_cursor) {
    return {{"items", std::move(items)},
            {"next_cursor", next_cursor ? nlohmann::json(*next_cursor) : nlohmann::json(nullptr)}};
}

Result<int> limit_param(const http::Request& request) {
    bool found = false;
    std::string text = request.query_param("limit", &found);
    if (!found)
        return 50;
    int value = 0;
    try {
        size_t used = 0;
        value = std::stoi(text, &used);
        if (used != text.size())
            throw std::invalid_argument("limit");
    } catch (const std::exception&) {
        return Error::invalid("limit", "limit must be a whole number from 1 to 200.");
    }
    if (value < 1 || value > 200)
        return Error::invalid("limit", "limit must be a whole number from 1 to 200.");
    return value;
}

}  // namespace trove::api
