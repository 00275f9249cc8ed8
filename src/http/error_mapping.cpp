#include "http/error_mapping.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace trove::http {

int status_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input:
            return 400;
        case ErrorCode::unauthenticated:
            return 401;
        case ErrorCode::forbidden:
            return 403;
        case ErrorCode::not_found:
            return 404;
        case ErrorCode::conflict:
            return 409;
        case ErrorCode::too_many_requests:
            return 429;
        case ErrorCode::unavailable:
            return 503;
        case ErrorCode::internal:
            return 500;
    }
    return 500;
}

Response error_response(const Error& error) {
    if (error.code == ErrorCode::internal || error.code == ErrorCode::unavailable) {
        spdlog::error("request failed ({}): {}", error.public_code, error.internal);
    }
    nlohmann::json body = {{"code", error.public_code.empty() ? "error" : error.public_code},
                           {"message", error.message}};
    if (!error.field.empty())
        body["field"] = error.field;
    for (const auto& [name, count] : error.counts)
        body[name] = count;
    Response r;
    r.status = status_for(error.code);
    r.body = nlohmann::json{{"error", body}}.dump();
    if (error.code == ErrorCode::too_many_requests) {
        r.set_header("Retry-After", std::to_string(std::max(1, error.retry_after_seconds)));
    }
    if (error.code == ErrorCode::unavailable)
        r.set_header("Retry-After", "5");
    return r;
}

Response error_response(int status, const std::string& code, const std::string& message) {
    Response r;
    r.status = status;
    r.body = nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
    return r;
}

}  // namespace trove::http
