#include "domain/resources/text.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace trove::resources {

namespace {
constexpr TimeMs kYear2000 = 946684800000;
constexpr TimeMs kClockSkew = 60 * 1000;
}  // namespace

std::size_t count_code_points(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string trim(std::string_view text) {
    size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos)
        return {};
    size_t end = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(start, end - start + 1));
}

Result<std::string> clean_title(const std::string& field, const std::string& text,
                                std::size_t max) {
    std::string out = trim(text);
    bool has_control = std::any_of(out.begin(), out.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (out.empty() || has_control || count_code_points(out) > max) {
        return Error::invalid(
            field, "Enter a title of 1 to " + std::to_string(max) + " characters on one line.");
    }
    return out;
}

Result<std::string> clean_text(const std::string& field, const std::string& text, std::size_t max) {
    std::string out = trim(text);
    bool has_control = std::any_of(out.begin(), out.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\n' && c != '\t' && c != '\r') || u == 0x7f;
    });
    if (has_control)
        return Error::invalid(field, "The text contains control characters.");
    if (count_code_points(out) > max) {
        return Error::invalid(field,
                              "The text can have at most " + std::to_string(max) + " characters.");
    }
    return out;
}

bool contains_folded(std::string_view haystack, std::string_view needle) {
    if (needle.empty())
        return true;
    auto fold = [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    };
    auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                          [&](char a, char b) { return fold(a) == fold(b); });
    return it != haystack.end();
}

Result<TimeMs> past_time(const std::string& field, const std::optional<std::string>& text,
                         TimeMs now) {
    if (!text)
        return now;
    std::optional<TimeMs> t = parse_rfc3339(*text);
    if (!t)
        return Error::invalid(field, "Give the time as RFC 3339, e.g. 2026-11-28T18:20:00Z.");
    if (*t > now + kClockSkew)
        return Error::invalid(field, "A rating cannot be dated in the future.");
    if (*t < kYear2000)
        return Error::invalid(field, "That date is too far in the past.");
    return *t;
}

}  // namespace trove::resources
