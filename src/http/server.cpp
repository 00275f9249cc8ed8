#include "http/server.hpp"

#include "http/request_log.hpp"
#include "http/trusted_proxies.hpp"

#include <sys/resource.h>

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace trove::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

const std::vector<std::pair<std::string, std::string>>& security_headers() {
    static const std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
         "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
         "form-action 'self'; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
        {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"},
    };
    return headers;
}

namespace {

template <class Message>
bool acceptable_transfer_encoding(const Message& req) {
    int count = 0;
    bool ok = true;
    for (const auto& field : req) {
        if (field.name() != bhttp::field::transfer_encoding)
            continue;
        ++count;
        std::string_view value(field.value().data(), field.value().size());
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
            value.remove_suffix(1);
        ok = ok && beast::iequals(beast::string_view(value.data(), value.size()), "chunked");
    }
    return count <= 1 && ok;
}

std::string error_json(const char* code, const char* message) {
    return std::string(R"({"error":{"code":")") + code + R"(","message":")" + message + R"("}})";
}

}  // namespace

class Session;

std::size_t default_max_connections(std::size_t descriptor_limit) {
    if (descriptor_limit <= 64 + 16)
        return 16;
    return std::max<std::size_t>(16, (descriptor_limit - 64) * 3 / 4);
}

namespace {

std::size_t descriptor_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return 65536;
    return static_cast<std::size_t>(limit.rlim_cur);
}

// A warning at most every few seconds, with how many were held back: a flood must not turn the
// log into the next outage.
class RateLimitedWarning {
public:
    template <class... Args>
    void warn(fmt::format_string<Args...> format, Args&&... args) {
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard lock(m_mutex);
        if (now - m_last < std::chrono::seconds(5) && m_last.time_since_epoch().count() != 0) {
            ++m_suppressed;
            return;
        }
        const long suppressed = m_suppressed;
        m_suppressed = 0;
        m_last = now;
        spdlog::warn("{}{}", fmt::format(format, std::forward<Args>(args)...),
                     suppressed ? fmt::format(" ({} similar warnings held back)", suppressed)
                                : std::string());
    }

private:
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_last{};
    long m_suppressed = 0;
};

}  // namespace

class Server::Impl {
public:
    Impl(ServerOptions options, RequestHandler handler, TrustedProxies proxies)
        : options(std::move(options)), handler(std::move(handler)), proxies(std::move(proxies)) {
        max_connections = this->options.max_connections > 0
                              ? this->options.max_connections
                              : default_max_connections(descriptor_limit());
    }

    Result<void> listen();
    void accept(size_t index);
    void run();
    void stop();

    void add_session(Session* raw, std::weak_ptr<Session> weak) {
        std::lock_guard lock(sessions_mutex);
        sessions.emplace(raw, std::move(weak));
    }
    void remove_session(Session* raw) {
        std::lock_guard lock(sessions_mutex);
        sessions.erase(raw);
        if (sessions.empty())
            drained.notify_all();
    }

    ServerOptions options;
    RequestHandler handler;
    TrustedProxies proxies;
    std::size_t max_connections = 0;
    RateLimitedWarning accept_warning;
    std::vector<std::unique_ptr<asio::steady_timer>> accept_timers;
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
    unsigned short bound_port = 0;
    std::atomic<bool> stopping{false};

    std::mutex sessions_mutex;
    std::condition_variable drained;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
    std::condition_variable stop_requested;
};

// How long a request that had begun to arrive when the server was told to stop may take to
// arrive whole: long enough for any real client, short enough that a stalled one cannot hold the
// stop for the whole grace period.
constexpr std::chrono::seconds kStopReadGrace{2};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, Server::Impl& server)
        : m_stream(std::move(socket)), m_server(server) {
        beast::error_code ec;
        auto endpoint = m_stream.socket().remote_endpoint(ec);
        if (!ec)
            m_remote_ip = endpoint.address().to_string();
        m_stream.socket().set_option(tcp::no_delay(true), ec);
    }

    ~Session() { m_server.remove_session(this); }

    void start() {
        m_server.add_session(this, weak_from_this());
        do_read();
    }

    //! Closes the connection if it is waiting for a request that has not begun (shutdown).
    asio::any_io_executor executor() { return m_stream.get_executor(); }

    void close_if_idle() {
        if (!m_reading)
            return;  // a request is being answered; the connection closes after it (stopping)
        if (!has_unread_bytes())
            return close();
        // A request is here (perhaps still in the socket, not yet read because this thread was
        // busy): read it, answer it, then close. One that does not complete soon is dropped.
        m_stream.expires_after(kStopReadGrace);
    }

private:
    // Bytes of a request received but not yet parsed: in our buffer, the parser, or the socket.
    bool has_unread_bytes() {
        beast::error_code ec;
        return m_buffer.size() > 0 || (m_parser && m_parser->got_some()) ||
               m_stream.socket().available(ec) > 0;
    }

    void do_read() {
        // While stopping, a connection is kept only for a request that has already arrived.
        if (m_server.stopping && !has_unread_bytes())
            return close();
        m_parser.emplace();
        m_parser->body_limit(m_server.options.body_limit);
        m_parser->header_limit(16 * 1024);
        m_stream.expires_after(m_server.stopping ? std::chrono::seconds(kStopReadGrace)
                               : m_served == 0   ? m_server.options.read_timeout
                                                 : m_server.options.idle_timeout);
        m_reading = true;
        bhttp::async_read(m_stream, m_buffer, *m_parser,
                          beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        m_reading = false;
        if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
            ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
            ec == asio::error::eof) {
            return close();
        }
        if (ec == bhttp::error::body_limit) {
            return send_transport_error(413, "payload_too_large",
                                        "The request body is larger than Trove accepts.");
        }
        if (ec == bhttp::error::header_limit) {
            return send_transport_error(431, "headers_too_large",
                                        "The request headers are larger than Trove accepts.");
        }
        if (ec) {
            if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
                return send_transport_error(400, "bad_request", "The request is not valid HTTP.");
            }
            return close();
        }
        m_started = std::chrono::steady_clock::now();
        auto& req = m_parser->get();
        m_keep_alive = req.keep_alive();
        m_version = req.version();
        // RFC 9112 §6.1: a request's only acceptable transfer coding here is exactly "chunked"
        // (Trove decodes no other). Anything else ("gzip", "identity", "chunked, gzip", a second
        // Transfer-Encoding line) cannot be framed safely: 400, and the connection is closed so
        // that nothing behind it is read as a request of its own.
        if (!acceptable_transfer_encoding(req)) {
            m_method = std::string(req.method_string());
            m_path = "(invalid)";
            return send_transport_error(400, "bad_request",
                                        "The request's Transfer-Encoding is not supported.");
        }

        Request request;
        request.method = std::string(req.method_string());
        std::string_view target(req.target().data(), req.target().size());
        size_t q = target.find('?');
        std::string_view raw_path = target.substr(0, q);
        if (q != std::string_view::npos)
            request.query = std::string(target.substr(q + 1));
        if (raw_path.empty() || raw_path.front() != '/' ||
            !percent_decode(raw_path, request.path, false) || !valid_utf8(request.path) ||
            !valid_utf8(request.query)) {
            m_method = request.method;
            m_path = "(invalid)";
            return send_transport_error(400, "bad_request", "The request path is not valid.");
        }
        for (const auto& field : req) {
            std::string name(field.name_string());
            for (char& c : name)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            request.headers.emplace_back(std::move(name), std::string(field.value()));
        }
        request.body = std::move(req.body());
        request.remote_ip = m_remote_ip;
        if (!m_server.proxies.empty() && m_server.proxies.contains(m_remote_ip)) {
            request.remote_ip =
                m_server.proxies.client_address(m_remote_ip, request.header("x-forwarded-for"));
            const std::string_view proto = request.header("x-forwarded-proto");
            if (beast::iequals(beast::string_view(proto.data(), proto.size()), "https"))
                request.scheme = "https";
        }
        m_log_ip = request.remote_ip;
        m_method = request.method;
        m_path = request.path;

        // Keeps run() alive while the handler (or the audit group commit) prepares the response.
        m_work.emplace(asio::make_work_guard(m_stream.get_executor()));
        auto self = shared_from_this();
        Respond respond = [self](Response response) {
            asio::dispatch(self->m_stream.get_executor(),
                           [self, response = std::move(response)]() mutable {
                               self->write(std::move(response), false);
                           });
        };
        try {
            m_server.handler(std::move(request), std::move(respond));
        } catch (const std::exception& e) {
            spdlog::error("http: handler threw on {} {}: {}", loggable_path(m_method),
                          loggable_path(m_path), e.what());
            Response r;
            r.status = 500;
            r.body = error_json("internal", "Something went wrong on our side.");
            write(std::move(r), false);
        }
    }

    void send_transport_error(int status, const char* code, const char* message) {
        Response r;
        r.status = status;
        r.body = error_json(code, message);
        m_started = std::chrono::steady_clock::now();
        if (m_method.empty())
            m_method = "-";
        if (m_path.empty())
            m_path = "-";
        write(std::move(r), true);
    }

    void write(Response response, bool close_after) {
        if (m_writing)
            return;  // a handler answered twice; the first answer stands
        m_writing = true;
        m_close_after = close_after || !m_keep_alive || m_server.stopping;
        m_response.emplace(static_cast<bhttp::status>(response.status), m_version);
        auto& res = *m_response;
        bool has_cache_control = false;
        for (auto& [name, value] : response.headers) {
            if (beast::iequals(name, "Cache-Control"))
                has_cache_control = true;
            res.insert(name, value);
        }
        for (const auto& [name, value] : security_headers())
            res.set(name, value);
        if (!has_cache_control)
            res.set(bhttp::field::cache_control, "no-store");
        res.set(bhttp::field::content_type, response.content_type);
        res.keep_alive(!m_close_after);
        res.body() = std::move(response.body);
        res.prepare_payload();
        m_status = response.status;
        m_stream.expires_after(m_server.options.read_timeout);
        bhttp::async_write(m_stream, res,
                           beast::bind_front_handler(&Session::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t bytes) {
        m_work.reset();
        m_writing = false;
        ++m_served;
        if (m_server.options.log_requests) {
            auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - m_started)
                              .count();
            // Path only: query strings can hold search text, and bodies hold clinical content.
            // Secrets in paths redacted, control characters escaped (http/request_log.hpp).
            spdlog::info("{} {} {} {}B {:.1f}ms {}", loggable_path(m_method), loggable_path(m_path),
                         m_status, bytes, static_cast<double>(micros) / 1000.0, m_remote_ip);
        }
        m_response.reset();
        if (ec || m_close_after)
            return close();
        do_read();
    }

    void close() {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        m_stream.socket().close(ec);
    }

    beast::tcp_stream m_stream;
    Server::Impl& m_server;
    beast::flat_buffer m_buffer;
    std::optional<bhttp::request_parser<bhttp::string_body>> m_parser;
    std::optional<bhttp::response<bhttp::string_body>> m_response;
    std::optional<asio::executor_work_guard<asio::any_io_executor>> m_work;
    std::string m_remote_ip;
    std::string m_log_ip;  // the client's address as the request log shows it
    std::string m_method, m_path;
    std::chrono::steady_clock::time_point m_started;
    unsigned m_version = 11;
    int m_status = 0;
    long m_served = 0;
    bool m_keep_alive = true;
    bool m_close_after = false;
    bool m_reading = false;
    bool m_writing = false;
    bool m_transport_error = false;
    std::vector<char> m_drain;
    std::size_t m_drained = 0;
};

Result<void> Server::Impl::listen() {
    int threads = options.threads > 0
                      ? options.threads
                      : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    beast::error_code ec;
    auto address = asio::ip::make_address(options.host, ec);
    if (ec)
        return Error::invalid("listen",
                              "Cannot listen on '" + options.host + "': not an IP address.");
    unsigned short port = options.port;
    for (int i = 0; i < threads; ++i) {
        auto ioc = std::make_unique<asio::io_context>(1);
        auto acceptor = std::make_unique<tcp::acceptor>(*ioc);
        tcp::endpoint endpoint(address, port);
        acceptor->open(endpoint.protocol(), ec);
        if (!ec)
            acceptor->set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) {
            int one = 1;
            // Each thread gets its own accept queue; the kernel spreads connections across them.
            ::setsockopt(acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
            acceptor->bind(endpoint, ec);
        }
        if (!ec)
            acceptor->listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
            return Error::invalid("listen", "Cannot listen on " + options.host + ":" +
                                                std::to_string(port) + ": " + ec.message());
        }
        if (i == 0)
            port = acceptor->local_endpoint().port();
        accept_timers.push_back(std::make_unique<asio::steady_timer>(*ioc));
        contexts.push_back(std::move(ioc));
        acceptors.push_back(std::move(acceptor));
    }
    bound_port = port;
    return {};
}

void Server::Impl::accept(size_t index) {
    acceptors[index]->async_accept(
        *contexts[index], [this, index](beast::error_code ec, tcp::socket socket) {
            if (stopping)
                return;
            if (!ec) {
                std::size_t open = 0;
                {
                    std::lock_guard lock(sessions_mutex);
                    open = sessions.size();
                }
                if (open >= max_connections) {
                    // Over the cap: closed at once, before any byte is read, so a flood costs
                    // nothing and the connections already open go on being served.
                    beast::error_code ignored;
                    socket.close(ignored);
                    accept_warning.warn(
                        "http: {} connections open, the most allowed (--max-connections); "
                        "closing new ones",
                        open);
                } else {
                    std::make_shared<Session>(std::move(socket), *this)->start();
                }
            } else if (ec == asio::error::operation_aborted) {
                return;
            } else if (ec == asio::error::no_descriptors || ec.value() == ENFILE ||
                       ec == asio::error::no_buffer_space || ec == asio::error::no_memory) {
                // Out of descriptors: accepting again at once would fail again at once (a busy
                // loop that starves the server). Wait for connections to close.
                accept_warning.warn("http: cannot accept connections: {}; retrying shortly",
                                    ec.message());
                accept_timers[index]->expires_after(std::chrono::milliseconds(100));
                accept_timers[index]->async_wait([this, index](beast::error_code wait_ec) {
                    if (!wait_ec && !stopping)
                        accept(index);
                });
                return;
            } else {
                accept_warning.warn("http: accept failed: {}", ec.message());
            }
            accept(index);
        });
}

void Server::Impl::run() {
    for (size_t i = 0; i < acceptors.size(); ++i)
        accept(i);
    std::vector<std::thread> threads;
    for (auto& ioc : contexts) {
        threads.emplace_back([&ioc] {
            for (;;) {
                try {
                    ioc->run();
                    return;
                } catch (const std::exception& e) {
                    // One bad connection must never take the server down.
                    spdlog::error("http: I/O thread caught: {}", e.what());
                }
            }
        });
    }
    {
        std::unique_lock lock(sessions_mutex);
        stop_requested.wait(lock, [&] { return stopping.load(); });
        bool finished =
            drained.wait_for(lock, options.shutdown_grace, [&] { return sessions.empty(); });
        if (!finished) {
            spdlog::warn("http: {} connections still busy after the grace period; closing them",
                         sessions.size());
        }
    }
    for (auto& ioc : contexts)
        ioc->stop();
    for (auto& t : threads)
        t.join();
}

void Server::Impl::stop() {
    if (stopping.exchange(true))
        return;
    for (size_t i = 0; i < acceptors.size(); ++i) {
        asio::post(*contexts[i], [acceptor = acceptors[i].get()] {
            beast::error_code ec;
            acceptor->close(ec);
        });
    }
    std::vector<std::weak_ptr<Session>> open;
    {
        std::lock_guard lock(sessions_mutex);
        for (auto& [raw, weak] : sessions)
            open.push_back(weak);
        stop_requested.notify_all();
    }
    for (auto& weak : open) {
        if (auto session = weak.lock()) {
            // Sessions live on their own thread's context; close idle ones there.
            asio::post(session->executor(), [session] { session->close_if_idle(); });
        }
    }
}

Server::Server(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::create(const ServerOptions& options,
                                               RequestHandler handler) {
    TrustedProxies proxies = TRY(TrustedProxies::parse(options.trusted_proxies));
    auto impl = std::make_unique<Impl>(options, std::move(handler), std::move(proxies));
    TRY(impl->listen());
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

unsigned short Server::port() const {
    return m_impl->bound_port;
}
void Server::run() {
    m_impl->run();
}
void Server::stop() {
    m_impl->stop();
}

}  // namespace trove::http
