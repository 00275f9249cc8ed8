#include "core/ids.hpp"

#include <sodium.h>

#include <array>

namespace trove {

namespace {
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}

std::string new_id_at(TimeMs t) {
    std::array<unsigned char, 16> bytes{};
    auto time = static_cast<std::uint64_t>(t);
    for (int i = 5; i >= 0; --i) {
        bytes[static_cast<size_t>(i)] = static_cast<unsigned char>(time & 0xff);
        time >>= 8;
    }
    randombytes_buf(bytes.data() + 6, 10);
    // 128 bits -> 26 base32 digits; the first digit carries only 3 bits.
    std::string out(26, '0');
    unsigned __int128 value = 0;
    for (unsigned char b : bytes)
        value = (value << 8) | b;
    for (int i = 25; i >= 0; --i) {
        out[static_cast<size_t>(i)] = kAlphabet[static_cast<int>(value & 31)];
        value >>= 5;
    }
    return out;
}

std::string new_id() {
    return new_id_at(now_ms());
}

bool looks_like_id(std::string_view s) {
    if (s.size() != 26)
        return false;
    for (char c : s) {
        bool digit = c >= '0' && c <= '9';
        bool upper = c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U';
        if (!digit && !upper)
            return false;
    }
    return s[0] <= '7';
}

}  // namespace trove
