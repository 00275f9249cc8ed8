#pragma once
// Trove's own request and response types. The transport (server.cpp, Boost.Beast) converts to and
// from these, so routing, handlers and tests never see a Beast type.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trove::http {

struct Request {
    std::string method;  // "GET", "POST", ...
    std::string path;    // percent-decoded path, without the query
    std::string query;   // raw query string, without '?'
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
    std::string body;
    std::string remote_ip;        // the client's address (behind a trusted proxy: as it reports)
    std::string scheme = "http";  // "https" when a trusted proxy says the client used TLS

    //! First header with this (lower-case) name, or empty.
    std::string_view header(std::string_view name) const;
    //! The value of one cookie, or empty.
    std::string cookie(std::string_view name) const;
    //! A query parameter, percent-decoded; `found` tells absent from empty.
    std::string query_param(std::string_view name, bool* found = nullptr) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    void set_header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
    }
};

//! Decodes %XX escapes (and '+' as space when `plus_is_space`); false on a malformed escape or NUL.
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);

//! True when the bytes are well-formed UTF-8 (no overlongs, no surrogates).
bool valid_utf8(std::string_view s);

}  // namespace trove::http
