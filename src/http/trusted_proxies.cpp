#include "http/trusted_proxies.hpp"

#include <boost/asio/ip/address.hpp>
#include <charconv>

namespace trove::http {

namespace {

namespace ip = boost::asio::ip;

// The address's bytes; IPv4-mapped IPv6 ("::ffff:192.0.2.1") counts as the IPv4 address.
bool address_bytes(std::string_view text, std::string& out) {
    boost::system::error_code ec;
    ip::address address = ip::make_address(std::string(text), ec);
    if (ec)
        return false;
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        address = ip::make_address_v4(ip::v4_mapped, address.to_v6());
    if (address.is_v4()) {
        auto b = address.to_v4().to_bytes();
        out.assign(b.begin(), b.end());
    } else {
        auto b = address.to_v6().to_bytes();
        out.assign(b.begin(), b.end());
    }
    return true;
}

bool prefix_matches(const std::string& a, const std::string& b, int prefix) {
    if (a.size() != b.size())
        return false;
    int full = prefix / 8, rest = prefix % 8;
    if (a.compare(0, static_cast<std::size_t>(full), b, 0, static_cast<std::size_t>(full)) != 0)
        return false;
    if (rest == 0)
        return true;
    const auto mask = static_cast<unsigned char>(0xff << (8 - rest));
    return (static_cast<unsigned char>(a[static_cast<std::size_t>(full)]) & mask) ==
           (static_cast<unsigned char>(b[static_cast<std::size_t>(full)]) & mask);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& cidrs) {
    TrustedProxies out;
    for (const std::string& entry : cidrs) {
        const auto slash = entry.find('/');
        Block block;
        auto bad = [&] {
            return Error::invalid("trusted-proxy",
                                  "--trusted-proxy " + entry +
                                      ": give an IP address or a CIDR block such as 10.0.0.0/8 "
                                      "or fd00::/8.");
        };
        if (!address_bytes(std::string_view(entry).substr(0, slash), block.bytes))
            return bad();
        const int bits = static_cast<int>(block.bytes.size() * 8);
        block.prefix = bits;
        if (slash != std::string::npos) {
            std::string_view digits = std::string_view(entry).substr(slash + 1);
            auto [end, ec] =
                std::from_chars(digits.data(), digits.data() + digits.size(), block.prefix);
            if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() ||
                block.prefix < 0 || block.prefix > bits)
                return bad();
        }
        out.m_blocks.push_back(std::move(block));
    }
    return out;
}

bool TrustedProxies::contains(std::string_view address) const {
    std::string bytes;
    if (!address_bytes(trim(address), bytes))
        return false;
    for (const Block& b : m_blocks) {
        if (prefix_matches(bytes, b.bytes, b.prefix))
            return true;
    }
    return false;
}

std::string TrustedProxies::client_address(const std::string& peer,
                                           std::string_view forwarded_for) const {
    if (m_blocks.empty() || !contains(peer) || trim(forwarded_for).empty())
        return peer;
    // Right to left: each trusted proxy appended the address it received the request from.
    std::string_view rest = forwarded_for;
    std::string last_valid = peer;
    while (!rest.empty()) {
        const auto comma = rest.rfind(',');
        std::string_view entry =
            trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        std::string bytes;
        if (!address_bytes(entry, bytes))
            return last_valid;  // garbage from further left is not believed
        last_valid = std::string(entry);
        if (!contains(entry))
            return last_valid;
    }
    return last_valid;
}

}  // namespace trove::http
