#include "domain/safety/crisis.hpp"

#include <nlohmann/json.hpp>

#include "domain/resources/text.hpp"

namespace trove::safety {

namespace {

constexpr std::size_t kMaxText = 2000;
constexpr std::size_t kMaxContacts = 12;

bool is_number(const std::string& s) {
    bool digit = false;
    for (char c : s) {
        if (c >= '0' && c <= '9')
            digit = true;
        else if (c != ' ' && c != '+' && c != '-' && c != '/' && c != '(' && c != ')')
            return false;
    }
    return digit;
}

Result<std::string> one_line(const std::string& field, const std::string& value, std::size_t max,
                             bool required) {
    std::string clean = required ? TRY(resources::clean_title(field, value, max))
                                 : TRY(resources::clean_text(field, value, max));
    if (clean.find('\n') != std::string::npos || clean.find('\t') != std::string::npos)
        return Error::invalid(field, "This fits on one line.");
    return clean;
}

}  // namespace

CrisisResources default_crisis_resources() {
    return {
        "If you are in danger or feel you cannot keep yourself safe, call the emergency number "
        "now. You do not have to wait for your next appointment. Trove is not an emergency "
        "service: nobody watches it around the clock.",
        {{"Emergency services", "112", "", "", "24 hours, every day"}}};
}

Result<CrisisResources> validate(const CrisisResources& input) {
    CrisisResources out;
    out.text = TRY(resources::clean_text("text", input.text, kMaxText));
    if (out.text.empty())
        return Error::invalid("text", "Write a few calm words for a person in crisis.");
    if (input.contacts.empty() || input.contacts.size() > kMaxContacts)
        return Error::invalid("contacts", "List between 1 and 12 crisis contacts.");
    bool any_phone = false;
    for (std::size_t i = 0; i < input.contacts.size(); ++i) {
        const CrisisContact& c = input.contacts[i];
        const std::string at = "contacts[" + std::to_string(i) + "].";
        CrisisContact clean;
        clean.label = TRY(one_line(at + "label", c.label, 100, true));
        clean.phone = TRY(one_line(at + "phone", c.phone, 40, false));
        clean.sms = TRY(one_line(at + "sms", c.sms, 40, false));
        clean.url = TRY(one_line(at + "url", c.url, 300, false));
        clean.hours = TRY(one_line(at + "hours", c.hours, 100, false));
        if (!clean.phone.empty() && !is_number(clean.phone))
            return Error::invalid(at + "phone", "A phone number has digits, spaces and + - / ( ).");
        if (!clean.sms.empty() && !is_number(clean.sms))
            return Error::invalid(at + "sms", "An SMS number has digits, spaces and + - / ( ).");
        if (!clean.url.empty() && clean.url.rfind("https://", 0) != 0 &&
            clean.url.rfind("http://", 0) != 0)
            return Error::invalid(at + "url", "A web address starts with https://.");
        if (clean.phone.empty() && clean.sms.empty() && clean.url.empty())
            return Error::invalid(at + "phone",
                                  "Give a phone number, an SMS number or a web address.");
        any_phone |= !clean.phone.empty();
        out.contacts.push_back(std::move(clean));
    }
    if (!any_phone)
        return Error::invalid(
            "contacts", "At least one crisis contact needs a phone number a person can call.");
    return out;
}

std::string to_stored(const CrisisResources& crisis) {
    nlohmann::json contacts = nlohmann::json::array();
    for (const auto& c : crisis.contacts) {
        contacts.push_back({{"label", c.label},
                            {"phone", c.phone},
                            {"sms", c.sms},
                            {"url", c.url},
                            {"hours", c.hours}});
    }
    return nlohmann::json{{"text", crisis.text}, {"contacts", contacts}}.dump();
}

Result<CrisisResources> from_stored(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string() ||
        !j.contains("contacts") || !j["contacts"].is_array())
        return Error::internal_error("practice_settings.crisis does not decode");
    CrisisResources out;
    out.text = j["text"].get<std::string>();
    for (const auto& c : j["contacts"]) {
        if (!c.is_object())
            return Error::internal_error("practice_settings.crisis contact does not decode");
        out.contacts.push_back({c.value("label", ""), c.value("phone", ""), c.value("sms", ""),
                                c.value("url", ""), c.value("hours", "")});
    }
    return out;
}

}  // namespace trove::safety
