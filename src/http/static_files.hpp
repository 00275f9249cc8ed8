#pragma once
// The web app's built files, read into memory at start. Requests are answered by exact lookup in a
// map of known files, so no request path ever reaches the file system (no traversal possible).
// Hashed assets under /assets/ are cached for a year; index.html is revalidated every time. Paths
// without a file extension fall back to index.html so the single-page app can route them.

#include <map>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace trove::http {

class StaticFiles {
public:
    //! Loads every regular file under `root` (missing root = no web app, API only).
    static StaticFiles load(const std::string& root);

    bool empty() const { return m_files.empty(); }
    size_t size() const { return m_files.size(); }

    //! The response for a GET/HEAD of `path`, or nullopt when nothing matches.
    std::optional<Response> serve(const Request& request) const;

    static std::string content_type_for(const std::string& path);

private:
    struct File {
        std::string body;
        std::string content_type;
        std::string etag;
    };
    std::map<std::string, File, std::less<>> m_files;
};

}  // namespace trove::http
