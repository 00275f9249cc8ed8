#pragma once
// JSON shapes of the API objects and small response helpers. Internal to the api module.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/accounts/accounts.hpp"
#include "domain/clients/clients.hpp"
#include "http/message.hpp"

namespace trove::api {

nlohmann::json to_json(const accounts::User& user);
nlohmann::json to_json(const clients::Client& client);
nlohmann::json to_json(const AuditEvent& event, long long seq);

http::Response json_response(int status, const nlohmann::json& body);
http::Response no_content();

//! {"items": [...], "next_cursor": ... | null}
nlohmann::json page_json(nlohmann::json items, const std::optional<std::string>& next_cursor);

//! Parses `limit` from the query string (default 50, 1..200).
Result<int> limit_param(const http::Request& request);

}  // namespace trove::api
