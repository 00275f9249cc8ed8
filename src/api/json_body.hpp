#pragma once
// Strict reading of JSON request bodies: an object, no unknown fields, each field of the right
// type, and a clear 400 naming the field otherwise. Internal to the api module.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "http/message.hpp"

namespace trove::api {

class JsonBody {
public:
    //! Parses the request body; `allowed` lists the field names the route accepts.
    static Result<JsonBody> parse(const http::Request& request,
                                  std::initializer_list<std::string_view> allowed);

    bool has(const std::string& name) const { return m_json.contains(name); }
    //! The parsed object, for fields whose shape the typed readers do not cover.
    const nlohmann::json& json() const { return m_json; }

    Result<std::string> required_string(const std::string& name, const std::string& message) const;
    Result<std::optional<std::string>> optional_string(const std::string& name) const;
    Result<std::optional<bool>> optional_bool(const std::string& name) const;
    //! Absent -> nullopt; null -> optional holding nullopt; a number -> its value.
    Result<std::optional<std::optional<int>>> optional_nullable_int(const std::string& name) const;
    Result<std::optional<std::vector<std::string>>> optional_string_array(
        const std::string& name, std::size_t max_item_bytes = 256) const;
    //! Absent -> nullopt; a whole number -> its value (null is refused).
    Result<std::optional<int>> optional_int(const std::string& name) const;
    //! Absent -> nullopt; null -> optional holding nullopt; text -> its value.
    Result<std::optional<std::optional<std::string>>> optional_nullable_string(
        const std::string& name) const;
    //! A list of objects, each read as strictly as a body (only `allowed` fields; errors name
    //! `name`).
    Result<std::optional<std::vector<JsonBody>>> optional_object_array(
        const std::string& name, std::initializer_list<std::string_view> allowed,
        std::size_t max_items) const;

private:
    nlohmann::json m_json;
};

//! True for "application/json", in any letter case, with or without parameters ("; charset=utf-8").
bool is_json_media_type(std::string_view content_type);

//! Nesting depth of a JSON text, counting brackets outside strings (guards the parser's stack).
int json_depth(std::string_view text);

}  // namespace trove::api
