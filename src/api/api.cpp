#include "api/api.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "api/responses.hpp"
#include "core/crypto.hpp"
#include "http/error_mapping.hpp"

namespace trove::api {

namespace {

bool is_state_changing(std::string_view method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool is_api_path(std::string_view path) {
    return path.rfind("/api/", 0) == 0 || path == "/api" || path.rfind("/fhir/", 0) == 0 ||
           path.rfind("/calendar/", 0) == 0 || path == "/healthz" || path == "/readyz";
}

}  // namespace

const std::string& Exchange::param(std::string_view name) const {
    static const std::string empty;
    for (const auto& [key, value] : params) {
        if (key == name)
            return value;
    }
    return empty;
}

struct Api::Workers {
    boost::asio::thread_pool pool{2};
};

Api::~Api() {
    if (m_workers)
        m_workers->pool.join();  // password checks under way finish before the services go
}

Api::Api(Services services, ApiOptions options, http::StaticFiles web)
    : m_services(services),
      m_options(std::move(options)),
      m_web(std::move(web)),
      m_workers(std::make_unique<Workers>()) {
    add_system_routes(m_router, m_services);
    add_auth_routes(m_router, m_services, m_options);
    add_client_routes(m_router, m_services, m_options);
    add_admin_routes(m_router, m_services);
    add_resource_routes(m_router, m_services);
    add_goal_routes(m_router, m_services);
    add_case_routes(m_router, m_services);
    add_measure_routes(m_router, m_services, m_options);
    add_fhir_routes(m_router, m_services, m_options);
    add_journal_routes(m_router, m_services, m_options);
    add_session_routes(m_router, m_services);
    add_safety_routes(m_router, m_services);
}

Result<void> Api::authenticate(Exchange& exchange, const http::Request& request) {
    std::string_view authorization = request.header("authorization");
    if (!authorization.empty()) {
        constexpr std::string_view kBearer = "Bearer ";
        if (authorization.substr(0, kBearer.size()) != kBearer) {
            return Error::unauthenticated("Use 'Authorization: Bearer <API token>'.");
        }
        exchange.ctx.actor = TRY(m_services.accounts.authenticate_api_token(
            std::string(authorization.substr(kBearer.size()))));
        return {};
    }
    std::string token = request.cookie(kSessionCookie);
    if (token.empty())
        return Error::unauthenticated();
    accounts::SessionInfo session = TRY(m_services.accounts.authenticate_session(token));
    // Cookies ride along on cross-site requests; the CSRF token in a header proves the request came
    // from our own page, which alone could read it.
    if (is_state_changing(request.method) &&
        !crypto::equal_constant_time(request.header("x-csrf-token"), session.csrf_token)) {
        return Error{ErrorCode::forbidden,
                     "csrf_failed",
                     "This request is missing its security token. Reload the page and try again.",
                     {},
                     {},
                     0};
    }
    exchange.ctx.actor = std::move(session.actor);
    exchange.session_token = std::move(token);
    exchange.csrf_token = std::move(session.csrf_token);
    exchange.second_factor_setup_required = session.second_factor_setup_required;
    return {};
}

void Api::handle(http::Request request, http::Respond respond) {
    if (!is_api_path(request.path)) {
        if (request.method != "GET" && request.method != "HEAD") {
            return respond(http::error_response(405, "method_not_allowed",
                                                "Only GET and HEAD are allowed here."));
        }
        if (auto file = m_web.serve(request))
            return respond(std::move(*file));
        return respond(http::error_response(404, "not_found", "There is nothing at this address."));
    }

    auto match = m_router.match(request.method, request.path);
    if (!match.route) {
        if (match.path_known) {
            return respond(http::error_response(
                405, "method_not_allowed", "This address does not accept " + request.method + "."));
        }
        return respond(http::error_response(404, "not_found", "There is no such API route."));
    }

    const Endpoint& endpoint = match.route->handler;
    if (endpoint.hashes_passwords) {
        auto held = std::make_shared<http::Request>(std::move(request));
        boost::asio::post(m_workers->pool, [this, held, params = std::move(match.params), &endpoint,
                                            respond = std::move(respond)]() mutable {
            run(*held, std::move(params), endpoint, std::move(respond));
        });
        return;
    }
    run(request, std::move(match.params), endpoint, std::move(respond));
}

void Api::run(const http::Request& request, http::PathParams params, const Endpoint& endpoint,
              http::Respond respond) {
    Exchange exchange{request, std::move(params), {}, {}, {}};
    exchange.ctx.ip = request.remote_ip;

    Result<http::Response> outcome = [&]() -> Result<http::Response> {
        if (endpoint.access != Access::anyone)
            TRY(authenticate(exchange, request));
        if (exchange.second_factor_setup_required && endpoint.access == Access::signed_in) {
            return Error{ErrorCode::forbidden,
                         "second_factor_setup_required",
                         "Your practice asks everyone on its staff to use a second factor. Set "
                         "one up on your account page to go on.",
                         {},
                         {},
                         0};
        }
        return endpoint.handler(exchange);
    }();
    http::Response response =
        outcome.ok() ? std::move(outcome).value() : http::error_response(outcome.error());

    if (exchange.ctx.pending_audit.empty())
        return respond(std::move(response));
    // Group commit: the response leaves only once its audit events are durable. Should the audit
    // trail be unwritable, the data is withheld rather than served unaudited.
    m_services.audit.submit(
        std::move(exchange.ctx.pending_audit),
        [respond, response = std::move(response)](bool durable) mutable {
            if (durable)
                return respond(std::move(response));
            respond(http::error_response(Error::unavailable("audit write failed")));
        });
}

}  // namespace trove::api
