#pragma once
// JSON shapes of the API objects and small response helpers. Internal to the api module.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/accounts/accounts.hpp"
#include "domain/cases/cases.hpp"
#include "domain/clients/clients.hpp"
#include "domain/resources/coping_card.hpp"
#include "domain/resources/goals.hpp"
#include "domain/resources/resources.hpp"
#include "http/message.hpp"

namespace trove::api {

nlohmann::json to_json(const accounts::User& user);
nlohmann::json to_json(const clients::Client& client);
nlohmann::json to_json(const AuditEvent& event, long long seq);
nlohmann::json to_json(const resources::Resource& resource);
nlohmann::json to_json(const resources::Rating& rating);
nlohmann::json to_json(const resources::ResourceMap& map);
nlohmann::json to_json(const resources::Goal& goal);
nlohmann::json to_json(const resources::ScaleRating& rating);
nlohmann::json to_json(const resources::CopingCard& card);
nlohmann::json to_json(const cases::Case& c);

//! {"action", "note"?} of an alert acknowledgement (action required; checked by the service).
Result<std::pair<std::string, std::string>> read_alert_acknowledgement(
    const http::Request& request);

//! {"items": [...]} of everything in `list`.
template <class T>
nlohmann::json items_json(const std::vector<T>& list) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& x : list)
        items.push_back(to_json(x));
    return {{"items", std::move(items)}};
}

http::Response json_response(int status, const nlohmann::json& body);
http::Response no_content();

//! {"items": [...], "next_cursor": ... | null}
nlohmann::json page_json(nlohmann::json items, const std::optional<std::string>& next_cursor);

//! Parses `limit` from the query string (default 50, 1..200).
Result<int> limit_param(const http::Request& request);

}  // namespace trove::api
