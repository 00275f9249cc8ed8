#include "domain/accounts/totp.hpp"

#include <array>

#include "core/crypto.hpp"

namespace trove::accounts::totp {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// RFC 3986 unreserved characters pass; everything else is percent-encoded (labels hold names and
// e-mail addresses).
std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0)
        out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
    return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char raw : text) {
        if (raw == ' ' || raw == '=')
            continue;
        char c = raw >= 'a' && raw <= 'z' ? static_cast<char>(raw - 'a' + 'A') : raw;
        auto index = kAlphabet.find(c);
        if (index == std::string_view::npos)
            return std::nullopt;
        buffer = (buffer << 5) | static_cast<unsigned>(index);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    return out;
}

std::int64_t step_at(TimeMs at) {
    return at / kStepMs;
}

std::string code_at(std::string_view secret, std::int64_t step) {
    std::array<char, 8> counter{};
    auto value = static_cast<std::uint64_t>(step);
    for (int i = 7; i >= 0; --i) {
        counter[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xff);
        value >>= 8;
    }
    const std::string mac =
        crypto::hmac_sha1(secret, std::string_view(counter.data(), counter.size()));
    const auto byte = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(mac[i]));
    };
    const std::size_t offset = byte(mac.size() - 1) & 0x0f;
    const std::uint32_t binary = ((byte(offset) & 0x7f) << 24) | (byte(offset + 1) << 16) |
                                 (byte(offset + 2) << 8) | byte(offset + 3);
    std::string code = std::to_string(binary % 1000000);
    return std::string(kDigits - code.size(), '0') + code;
}

std::optional<std::int64_t> match(std::string_view secret, std::string_view code, TimeMs now,
                                  std::int64_t last_used_step) {
    if (code.size() != kDigits)
        return std::nullopt;
    const std::int64_t current = step_at(now);
    std::optional<std::int64_t> found;
    // Every candidate is compared, in constant time, so timing does not say which step matched.
    for (std::int64_t step = current - 1; step <= current + 1; ++step) {
        if (crypto::equal_constant_time(code_at(secret, step), code) && step > last_used_step &&
            !found)
            found = step;
    }
    return found;
}

std::string otpauth_url(std::string_view issuer, std::string_view account,
                        std::string_view secret_base32) {
    return "otpauth://totp/" + percent_encode(issuer) + ":" + percent_encode(account) +
           "?secret=" + std::string(secret_base32) + "&issuer=" + percent_encode(issuer) +
           "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace trove::accounts::totp
