#include "http/router.hpp"

namespace trove::http {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (start < path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        if (end > start)
            parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

bool match_pattern(std::string_view pattern, std::string_view path, PathParams& params) {
    // A trailing slash is a different resource; "/api/v1/clients/" does not match
    // "/api/v1/clients".
    if (path.size() > 1 && path.back() == '/')
        return false;
    auto want = split_path(pattern);
    auto have = split_path(path);
    if (want.size() != have.size())
        return false;
    for (size_t i = 0; i < want.size(); ++i) {
        std::string_view w = want[i];
        if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
            params.emplace_back(std::string(w.substr(1, w.size() - 2)), std::string(have[i]));
        } else if (w != have[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace trove::http
