#include "api/json_body.hpp"

#include <algorithm>
#include <cctype>

namespace trove::api {

namespace {
constexpr int kMaxDepth = 16;
constexpr size_t kMaxStringBytes = 64 * 1024;
constexpr size_t kMaxArrayItems = 100;

Error wrong_type(const std::string& name, const char* expected) {
    return Error::invalid(name, "The field '" + name + "' must be " + expected + ".");
}
}  // namespace

bool is_json_media_type(std::string_view value) {
    std::string_view type = value.substr(0, value.find(';'));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
        type.remove_suffix(1);
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t'))
        type.remove_prefix(1);
    constexpr std::string_view kJson = "application/json";
    if (type.size() != kJson.size())
        return false;
    for (size_t i = 0; i < type.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(type[i])) != kJson[i])
            return false;
    }
    return true;
}

int json_depth(std::string_view text) {
    int depth = 0, max_depth = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            max_depth = std::max(max_depth, ++depth);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return max_depth;
}

Result<JsonBody> JsonBody::parse(const http::Request& request,
                                 std::initializer_list<std::string_view> allowed) {
    if (!request.body.empty() && !is_json_media_type(request.header("content-type"))) {
        return Error{ErrorCode::invalid_input,
                     "unsupported_media_type",
                     "Send the request body as JSON (Content-Type: application/json).",
                     {},
                     {},
                     0};
    }
    if (json_depth(request.body) > kMaxDepth) {
        return Error{ErrorCode::invalid_input,
                     "invalid_json",
                     "The JSON body is nested too deeply.",
                     {},
                     {},
                     0};
    }
    JsonBody body;
    std::string_view text = request.body;
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        text = "{}";
    body.m_json = nlohmann::json::parse(text, nullptr, false);
    if (body.m_json.is_discarded()) {
        return Error{ErrorCode::invalid_input,
                     "invalid_json",
                     "The request body is not valid JSON (or not valid UTF-8).",
                     {},
                     {},
                     0};
    }
    if (!body.m_json.is_object()) {
        return Error{ErrorCode::invalid_input,
                     "invalid_json",
                     "The request body must be a JSON object.",
                     {},
                     {},
                     0};
    }
    for (const auto& item : body.m_json.items()) {
        bool known = false;
        for (std::string_view a : allowed)
            known = known || a == item.key();
        if (!known) {
            // The key came from the client: it is echoed back only when short and printable ASCII.
            const std::string& key = item.key();
            bool printable = key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
                                 return c >= 0x20 && c < 0x7f;
                             });
            if (!printable)
                return Error::invalid("", "The body has a field that is not accepted here.");
            return Error::invalid(key, "The field '" + key + "' is not accepted here.");
        }
    }
    return body;
}

Result<std::string> JsonBody::required_string(const std::string& name,
                                              const std::string& message) const {
    auto value = TRY(optional_string(name));
    if (!value)
        return Error::invalid(name, message);
    return *value;
}

Result<std::optional<std::string>> JsonBody::optional_string(const std::string& name) const {
    auto it = m_json.find(name);
    if (it == m_json.end())
        return std::optional<std::string>{};
    if (!it->is_string())
        return wrong_type(name, "text");
    const auto& s = it->get_ref<const std::string&>();
    if (s.size() > kMaxStringBytes)
        return Error::invalid(name, "The field '" + name + "' is too long.");
    if (s.find('\0') != std::string::npos) {
        return Error::invalid(name, "The field '" + name + "' contains a NUL character.");
    }
    return std::optional<std::string>{s};
}

Result<std::optional<bool>> JsonBody::optional_bool(const std::string& name) const {
    auto it = m_json.find(name);
    if (it == m_json.end())
        return std::optional<bool>{};
    if (!it->is_boolean())
        return wrong_type(name, "true or false");
    return std::optional<bool>{it->get<bool>()};
}

Result<std::optional<std::optional<int>>> JsonBody::optional_nullable_int(
    const std::string& name) const {
    auto it = m_json.find(name);
    if (it == m_json.end())
        return std::optional<std::optional<int>>{};
    if (it->is_null())
        return std::optional<std::optional<int>>{std::optional<int>{}};
    if (!it->is_number_integer())
        return wrong_type(name, "a whole number or null");
    // Unsigned values above INT64_MAX would wrap when read as signed.
    if (it->is_number_unsigned() && it->get<unsigned long long>() > 1000000ULL) {
        return Error::invalid(name, "The field '" + name + "' is out of range.");
    }
    auto v = it->get<long long>();
    if (v < -1000000 || v > 1000000)
        return Error::invalid(name, "The field '" + name + "' is out of range.");
    return std::optional<std::optional<int>>{std::optional<int>{static_cast<int>(v)}};
}

Result<std::optional<std::vector<std::string>>> JsonBody::optional_string_array(
    const std::string& name, std::size_t max_item_bytes) const {
    auto it = m_json.find(name);
    if (it == m_json.end())
        return std::optional<std::vector<std::string>>{};
    if (!it->is_array())
        return wrong_type(name, "a list of text values");
    if (it->size() > kMaxArrayItems)
        return Error::invalid(name, "The list '" + name + "' is too long.");
    std::vector<std::string> out;
    for (const auto& v : *it) {
        if (!v.is_string())
            return wrong_type(name, "a list of text values");
        out.push_back(v.get<std::string>());
        if (out.back().size() > max_item_bytes)
            return Error::invalid(name, "An entry of '" + name + "' is too long.");
    }
    return std::optional<std::vector<std::string>>{std::move(out)};
}

Result<std::optional<int>> JsonBody::optional_int(const std::string& name) const {
    auto it = m_json.find(name);
    if (it != m_json.end() && it->is_null())
        return wrong_type(name, "a whole number");
    auto value = TRY(optional_nullable_int(name));
    if (!value)
        return std::optional<int>{};
    return std::optional<int>{**value};
}

Result<std::optional<std::optional<std::string>>> JsonBody::optional_nullable_string(
    const std::string& name) const {
    auto it = m_json.find(name);
    if (it != m_json.end() && it->is_null())
        return std::optional<std::optional<std::string>>{std::optional<std::string>{}};
    auto value = TRY(optional_string(name));
    if (!value)
        return std::optional<std::optional<std::string>>{};
    return std::optional<std::optional<std::string>>{std::optional<std::string>{*value}};
}

Result<std::optional<std::vector<JsonBody>>> JsonBody::optional_object_array(
    const std::string& name, std::initializer_list<std::string_view> allowed,
    std::size_t max_items) const {
    auto it = m_json.find(name);
    if (it == m_json.end())
        return std::optional<std::vector<JsonBody>>{};
    if (!it->is_array())
        return wrong_type(name, "a list of objects");
    if (it->size() > max_items) {
        return Error::invalid(name, "The list '" + name + "' can have at most " +
                                        std::to_string(max_items) + " entries.");
    }
    std::vector<JsonBody> out;
    for (const auto& item : *it) {
        if (!item.is_object())
            return wrong_type(name, "a list of objects");
        for (const auto& field : item.items()) {
            bool known = false;
            for (std::string_view a : allowed)
                known = known || a == field.key();
            if (!known)
                return Error::invalid(name, "An entry of '" + name +
                                                "' has a field that is not "
                                                "accepted here.");
        }
        JsonBody body;
        body.m_json = item;
        out.push_back(std::move(body));
    }
    return std::optional<std::vector<JsonBody>>{std::move(out)};
}

}  // namespace trove::api
