// What a note may hold: the templates and their fields, the risk group, scales and links.
#include "domain/sessions/note_content.hpp"

#include <algorithm>

#include "core/ids.hpp"
#include "domain/resources/text.hpp"

namespace trove::sessions {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxFieldText = 20000;
constexpr std::size_t kMaxScales = 20;
constexpr std::size_t kMaxScaleLabel = 200;
constexpr std::size_t kMaxLinks = 50;

// The same key, echoed only when it is short printable ASCII (it came from the request).
std::string field_path(const std::string& key) {
    bool printable =
        !key.empty() && key.size() <= 64 &&
        std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
    return printable ? "fields." + key : "fields";
}

const std::vector<std::string>& risk_levels() {
    static const std::vector<std::string> all = {"none", "low", "moderate", "high"};
    return all;
}

}  // namespace

namespace detail {

Result<std::string> clean_note_text(const std::string& field, const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto u = static_cast<unsigned char>(text[i]);
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
            continue;
        if ((u < 0x20 && text[i] != '\n' && text[i] != '\t') || u == 0x7f)
            return Error::invalid(field, "The text contains control characters.");
        out += text[i];
    }
    if (resources::count_code_points(out) > kMaxFieldText)
        return Error::invalid(field, "A field can have at most 20000 characters.");
    return out;
}

json empty_risk() {
    return {{"to_self", nullptr}, {"to_others", nullptr}, {"plan", ""}};
}

Result<json> parse_risk(const json& input) {
    if (!input.is_object()) {
        return Error::invalid("fields.risk",
                              "Risk is {\"to_self\", \"to_others\": none, low, moderate or high, "
                              "\"plan\": text}.");
    }
    json out = empty_risk();
    for (const auto& [key, value] : input.items()) {
        if (key == "to_self" || key == "to_others") {
            if (value.is_null())
                continue;
            const auto& levels = risk_levels();
            if (!value.is_string() ||
                std::find(levels.begin(), levels.end(), value.get<std::string>()) == levels.end())
                return Error::invalid("fields.risk." + key,
                                      "Choose none, low, moderate or high (or leave it open).");
            out[key] = value;
        } else if (key == "plan") {
            if (!value.is_string())
                return Error::invalid("fields.risk.plan", "The plan is a text.");
            out["plan"] = TRY(clean_note_text("fields.risk.plan", value.get<std::string>()));
        } else {
            return Error::invalid("fields.risk." + key,
                                  "The risk group has to_self, to_others and plan.");
        }
    }
    return out;
}

//! Merges the given fields into `stored` (an object of the template's fields). An empty text

Result<void> apply_fields(const std::string& template_name, const json& input, json& stored) {
    if (!input.is_object()) {
        return Error::invalid("fields",
                              "The fields are an object of texts, e.g. {\"coping\": \"...\"}.");
    }
    const auto& names = template_fields(template_name);
    for (const auto& [key, value] : input.items()) {
        if (key == "risk") {
            stored["risk"] = TRY(parse_risk(value));
            continue;
        }
        if (std::find(names.begin(), names.end(), key) == names.end()) {
            return Error::invalid(field_path(key),
                                  "The " + template_name + " template has no such field.");
        }
        if (!value.is_string())
            return Error::invalid("fields." + key, "Each field is a text.");
        std::string text = TRY(clean_note_text("fields." + key, value.get<std::string>()));
        if (text.empty())
            stored.erase(key);
        else
            stored[key] = std::move(text);
    }
    return {};
}

Result<std::vector<Scale>> parse_scales(const json& input) {
    const char* shape = "The scales are a list of {\"label\": text, \"value\": 0 to 10}.";
    if (!input.is_array())
        return Error::invalid("scales", shape);
    if (input.size() > kMaxScales)
        return Error::invalid("scales", "A note can have at most 20 scales.");
    std::vector<Scale> out;
    for (const json& item : input) {
        if (!item.is_object() || item.size() != 2 || !item.contains("label") ||
            !item.contains("value") || !item["label"].is_string() ||
            !item["value"].is_number_integer()) {
            return Error::invalid("scales", shape);
        }
        const json& value = item["value"];
        if ((value.is_number_unsigned() && value.get<unsigned long long>() > 10) ||
            value.get<long long>() < 0 || value.get<long long>() > 10) {
            return Error::invalid("scales", "A scale's value lies between 0 and 10.");
        }
        Scale s;
        s.label =
            TRY(resources::clean_title("scales", item["label"].get<std::string>(), kMaxScaleLabel));
        s.value = static_cast<int>(value.get<long long>());
        out.push_back(std::move(s));
    }
    return out;
}

json scales_json(const std::vector<Scale>& scales) {
    json out = json::array();
    for (const Scale& s : scales)
        out.push_back({{"label", s.label}, {"value", s.value}});
    return out;
}

Result<std::vector<std::string>> clean_ids(const char* field, const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const std::string& id : ids) {
        if (!looks_like_id(id))
            return Error::invalid(field, "That is not an id Trove handed out.");
        if (std::find(out.begin(), out.end(), id) == out.end())
            out.push_back(id);
    }
    if (out.size() > kMaxLinks)
        return Error::invalid(field, "A note links at most 50 of these.");
    return out;
}

}  // namespace detail

const std::vector<std::string>& template_fields(std::string_view template_name) {
    static const std::vector<std::string> resource = {
        "exceptions",    "coping",   "scaling",   "resources_observed",
        "interventions", "homework", "next_steps"};
    static const std::vector<std::string> soap = {"subjective", "objective", "assessment", "plan"};
    static const std::vector<std::string> dap = {"data", "assessment", "plan"};
    static const std::vector<std::string> none;
    if (template_name == "resource")
        return resource;
    if (template_name == "soap")
        return soap;
    if (template_name == "dap")
        return dap;
    return none;
}

bool risk_filled(const json& risk) {
    if (!risk.is_object())
        return false;
    auto level = [&](const char* key) -> std::string {
        return risk.contains(key) && risk[key].is_string() ? risk[key].get<std::string>() : "";
    };
    const std::string self = level("to_self"), others = level("to_others");
    if (self.empty() || others.empty())
        return false;
    const bool serious =
        self == "moderate" || self == "high" || others == "moderate" || others == "high";
    const bool plan = risk.contains("plan") && risk["plan"].is_string() &&
                      !resources::trim(risk["plan"].get<std::string>()).empty();
    return !serious || plan;
}

}  // namespace trove::sessions
