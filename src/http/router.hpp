#pragma once
// Method + path pattern -> handler. Patterns are literal segments and `{name}` captures
// ("/api/v1/clients/{id}"). The route table is public so that tests can walk every route (the
// authorization matrix and the OpenAPI check both do).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trove::http {

using PathParams = std::vector<std::pair<std::string, std::string>>;

//! Splits "/a/b/" into {"a", "b"}.
std::vector<std::string_view> split_path(std::string_view path);

//! Matches a pattern against a path, filling captures; false when it does not match.
bool match_pattern(std::string_view pattern, std::string_view path, PathParams& params);

template <class Handler>
class Router {
public:
    struct Route {
        std::string method;
        std::string pattern;
        Handler handler;
    };

    struct Match {
        const Route* route = nullptr;
        PathParams params;
        bool path_known = false;  // some route has this path with another method (-> 405)
    };

    void add(std::string method, std::string pattern, Handler handler) {
        m_routes.push_back({std::move(method), std::move(pattern), std::move(handler)});
    }

    Match match(std::string_view method, std::string_view path) const {
        Match result;
        for (const Route& route : m_routes) {
            PathParams params;
            if (!match_pattern(route.pattern, path, params))
                continue;
            if (route.method == method) {
                result.route = &route;
                result.params = std::move(params);
                return result;
            }
            result.path_known = true;
        }
        return result;
    }

    const std::vector<Route>& routes() const { return m_routes; }

private:
    std::vector<Route> m_routes;
};

}  // namespace trove::http
