#pragma once
// Behind a reverse proxy the socket's peer is the proxy, not the person. X-Forwarded-For and
// X-Forwarded-Proto are believed only when the peer is one of the operator's proxies
// (`trove serve --trusted-proxy CIDR`, repeatable); the client address is then the right-most
// entry of X-Forwarded-For that is not itself a trusted proxy (entries further left were written by
// whoever sent the request and prove nothing). Throttling, the audit trail and the log use it.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace trove::http {

class TrustedProxies {
public:
    //! Each entry an IPv4 or IPv6 address or CIDR block ("10.0.0.0/8", "::1", "fd00::/8");
    //! 400-style error naming `trusted-proxy` and the entry otherwise.
    static Result<TrustedProxies> parse(const std::vector<std::string>& cidrs);

    bool empty() const { return m_blocks.empty(); }
    bool contains(std::string_view address) const;

    //! The client's address for a request from `peer` carrying `forwarded_for` (may be empty).
    std::string client_address(const std::string& peer, std::string_view forwarded_for) const;

private:
    struct Block {
        std::string bytes;  // 4 or 16 network-order bytes
        int prefix = 0;
    };
    std::vector<Block> m_blocks;
};

}  // namespace trove::http
