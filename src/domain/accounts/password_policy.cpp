#include "domain/accounts/password_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace trove::accounts {

namespace {

// Passwords (and password stems) that appear at the top of every breach corpus. A stem matches when
// the password is the stem followed only by digits and punctuation ("password2024!").
constexpr std::array<std::string_view, 96> kCommonStems = {
    "password",   "passw0rd",   "p@ssw0rd",      "p@ssword", "qwerty",   "qwertyuiop",
    "qwertzuiop", "azerty",     "asdfghjkl",     "zxcvbnm",  "iloveyou", "letmein",
    "welcome",    "admin",      "administrator", "trustno1", "monkey",   "dragon",
    "football",   "baseball",   "sunshine",      "princess", "starwars", "whatever",
    "shadow",     "master",     "superman",      "batman",   "michael",  "jennifer",
    "jordan",     "hunter",     "charlie",       "freedom",  "secret",   "login",
    "abc",        "abcdef",     "abcdefgh",      "changeme", "default",  "guest",
    "hello",      "helloworld", "computer",      "internet", "samsung",  "google",
    "liverpool",  "chelsea",    "arsenal",       "soccer",   "hockey",   "killer",
    "pokemon",    "minecraft",  "fortnite",      "mustang",  "harley",   "ranger",
    "summer",     "winter",     "spring",        "autumn",   "january",  "december",
    "flower",     "lovely",     "loveme",        "mylove",   "baby",     "angel",
    "cookie",     "cheese",     "chocolate",     "banana",   "orange",   "purple",
    "therapy",    "therapist",  "psychology",    "trove",    "practice", "patient",
    "client",     "doctor",     "hallo",         "passwort", "schatz",   "geheim",
    "motdepasse", "contrasena", "qazwsx",        "1q2w3e4r", "1qaz2wsx", "zaq12wsx",
};

bool is_digit_or_punct(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) ||
           std::ispunct(static_cast<unsigned char>(c));
}

Error weak(std::string message) {
    return Error{ErrorCode::invalid_input, "weak_password", std::move(message), "password", {}, 0};
}

// True when the text is a run like "123456789012", "abcdefghijkl" or "987654321098".
bool is_sequence(const std::string& s) {
    if (s.size() < 4)
        return false;
    int step = s[1] - s[0];
    if (step != 1 && step != -1)
        return false;
    for (size_t i = 2; i < s.size(); ++i) {
        int d = s[i] - s[i - 1];
        // Digits may wrap around: ...8,9,0,1...
        bool wrap = std::isdigit(static_cast<unsigned char>(s[i])) && (d == -9 * step);
        if (d != step && !wrap)
            return false;
    }
    return true;
}

// NIST counts characters (code points), not bytes: "çàéèùâ" is six characters.
size_t count_code_points(std::string_view s) {
    return static_cast<size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// "abcabcabc" -> "abc"; a text that is no repetition is its own unit.
std::string repeated_unit(const std::string& s) {
    for (size_t period = 1; period <= s.size() / 2; ++period) {
        if (s.size() % period != 0)
            continue;
        bool repeats = true;
        for (size_t i = period; i < s.size() && repeats; ++i)
            repeats = s[i] == s[i - period];
        if (repeats)
            return s.substr(0, period);
    }
    return s;
}

}  // namespace

Result<void> check_password(std::string_view password, std::string_view email) {
    const size_t length = count_code_points(password);
    if (length < kMinPasswordLength) {
        return weak("Choose a password of at least " + std::to_string(kMinPasswordLength) +
                    " characters; a few unrelated words make a strong one.");
    }
    if (length > kMaxPasswordLength) {
        return weak("Choose a password of at most " + std::to_string(kMaxPasswordLength) +
                    " characters.");
    }
    std::string lower(password);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });

    if (std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower[0]; }) ||
        is_sequence(lower)) {
        return weak("That password is too easy to guess; choose something less predictable.");
    }
    // Strip a trailing run of digits and punctuation, then compare the stem.
    std::string stem = lower;
    while (!stem.empty() && is_digit_or_punct(stem.back()))
        stem.pop_back();
    if (stem.empty() || is_sequence(stem) ||
        std::find(kCommonStems.begin(), kCommonStems.end(), stem) != kCommonStems.end()) {
        return weak("That password is one attackers try first; choose something less common.");
    }
    // Repeated stems ("passwordpassword", "abcabcabcabc") are as weak as what repeats.
    std::string unit = repeated_unit(stem);
    if (unit.size() < stem.size() &&
        (unit.size() <= 4 || is_sequence(unit) ||
         std::find(kCommonStems.begin(), kCommonStems.end(), unit) != kCommonStems.end())) {
        return weak("That password is one attackers try first; choose something less common.");
    }
    if (!email.empty()) {
        std::string local(email.substr(0, email.find('@')));
        std::transform(local.begin(), local.end(), local.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (local.size() >= 4 && lower.find(local) != std::string::npos) {
            return weak("The password must not contain your email address.");
        }
    }
    return {};
}

}  // namespace trove::accounts
