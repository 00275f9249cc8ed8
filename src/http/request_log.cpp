#include "http/request_log.hpp"

#include <array>

namespace trove::http {

namespace {

// Path prefixes whose next segment is a secret (a bearer credential in the address).
constexpr std::array<std::string_view, 6> kSecretPrefixes = {
    "/calendar/", "/q/",     "/api/v1/questionnaire-links/",
    "/invite/",   "/reset/", "/api/v1/auth/reset/",
};

std::string escaped(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (c < 0x20 || c >= 0x7f || c == '\\') {
            out += "\\x";
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

}  // namespace

std::string loggable_path(std::string_view path) {
    for (std::string_view prefix : kSecretPrefixes) {
        if (path.substr(0, prefix.size()) != prefix)
            continue;
        std::string_view rest = path.substr(prefix.size());
        const std::size_t end = rest.find('/');
        // Keep what follows the secret (e.g. "/response"): it says which route was asked.
        std::string_view tail = end == std::string_view::npos ? "" : rest.substr(end);
        return escaped(prefix) + "[redacted]" + escaped(tail);
    }
    return escaped(path);
}

}  // namespace trove::http
