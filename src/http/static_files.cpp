#include "http/static_files.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"

namespace trove::http {

namespace fs = std::filesystem;

std::string StaticFiles::content_type_for(const std::string& path) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".webmanifest", "application/manifest+json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
    };
    auto ext = fs::path(path).extension().string();
    auto it = types.find(ext);
    return it == types.end() ? "application/octet-stream" : it->second;
}

StaticFiles StaticFiles::load(const std::string& root) {
    StaticFiles files;
    std::error_code ec;
    if (root.empty() || !fs::is_directory(root, ec)) {
        spdlog::warn("web: no web app at '{}'; serving the API only", root);
        return files;
    }
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        if (!it->is_regular_file())
            continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::ostringstream body;
        body << in.rdbuf();
        std::string rel = "/" + fs::relative(it->path(), root).generic_string();
        File f;
        f.body = body.str();
        f.content_type = content_type_for(rel);
        f.etag = "\"" + crypto::sha256_hex(f.body).substr(0, 32) + "\"";
        files.m_files.emplace(rel, std::move(f));
    }
    spdlog::info("web: serving {} files from {}", files.m_files.size(), root);
    return files;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
    std::string path = request.path;
    if (path == "/")
        path = "/index.html";
    auto it = m_files.find(path);
    if (it == m_files.end()) {
        // Client-side routes ("/clients/123") have no extension; files that are missing do.
        bool has_extension = fs::path(path).has_extension();
        if (has_extension || path.find("/.") != std::string::npos)
            return std::nullopt;
        it = m_files.find(std::string_view("/index.html"));
        if (it == m_files.end())
            return std::nullopt;
    }
    const File& file = it->second;
    Response r;
    r.content_type = file.content_type;
    bool immutable = it->first.rfind("/assets/", 0) == 0;
    r.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    r.set_header("ETag", file.etag);
    if (request.header("if-none-match") == file.etag) {
        r.status = 304;
        return r;
    }
    r.body = request.method == "HEAD" ? std::string() : file.body;
    return r;
}

}  // namespace trove::http
