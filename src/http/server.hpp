#pragma once
// The HTTP transport: Boost.Beast over Asio, one io_context per thread with SO_REUSEPORT acceptors
// (the layout that measured fastest here, see DESIGN.md), keep-alive, a body limit, read and idle
// timeouts, security headers on every response, one log line per request (method, path, status,
// time; never bodies or query strings), and graceful shutdown: stop() closes the listeners and idle
// connections, lets requests in flight finish, then run() returns.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/message.hpp"

namespace trove::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;  // 0 picks a free port
    int threads = 0;             // 0 = one per core
    std::size_t body_limit = 1024 * 1024;
    std::chrono::seconds read_timeout{30};  // whole request, once its first byte arrived
    std::chrono::seconds idle_timeout{60};  // between requests on a kept-alive connection
    std::chrono::seconds shutdown_grace{20};
    bool log_requests = true;
    //! Open connections at most; beyond it a new one is closed at once. 0: derived from the
    //! process's descriptor limit, leaving room for database connections and files.
    std::size_t max_connections = 0;
    //! Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (CIDR blocks).
    std::vector<std::string> trusted_proxies;
};

//! The connection cap for `descriptor_limit` open files (exposed for tests): three quarters of
//! what is left after 64 descriptors for the database, logs and files, at least 16.
std::size_t default_max_connections(std::size_t descriptor_limit);

//! Called once per request on an I/O thread. Must call `respond` exactly once, from any thread.
using Respond = std::function<void(Response)>;
using RequestHandler = std::function<void(Request, Respond)>;

class Server {
public:
    static Result<std::unique_ptr<Server>> create(const ServerOptions& options,
                                                  RequestHandler handler);
    ~Server();

    //! The port actually bound (useful with port 0).
    unsigned short port() const;

    //! Serves until stop(); returns once in-flight requests finished (or the grace period ran out).
    void run();

    //! Begins graceful shutdown. Thread-safe, idempotent; safe to call from a signal-watch thread.
    void stop();

    class Impl;

private:
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

//! The headers every response carries (exposed for tests).
const std::vector<std::pair<std::string, std::string>>& security_headers();

}  // namespace trove::http
