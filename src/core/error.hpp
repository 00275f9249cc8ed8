#pragma once
// Errors as values at module boundaries. One protocol-neutral code enum; the HTTP layer maps it to
// a status in exactly one place (src/http/error_mapping.cpp). `message` is for the person using
// Trove, `internal` is for the log; neither may carry clinical text.

#include <string>
#include <utility>
#include <vector>

namespace trove {

enum class ErrorCode {
    invalid_input,      // 400
    unauthenticated,    // 401
    forbidden,          // 403
    not_found,          // 404
    conflict,           // 409
    too_many_requests,  // 429
    unavailable,        // 503
    internal,           // 500
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string public_code;  // snake_case code sent to clients, e.g. "email_taken"
    std::string message;      // a sentence a person understands
    std::string field;        // the offending input field, when there is one
    std::string internal;     // extra detail for the log only
    int retry_after_seconds = 0;
    //! Counts that help the person decide what to do next, sent beside the message
    //! ({"clients": 8, "open_alerts": 1}); never names or content.
    std::vector<std::pair<std::string, long long>> counts = {};

    //! The same error with detail for the log.
    Error with_internal(std::string detail) && {
        internal = std::move(detail);
        return std::move(*this);
    }

    static Error invalid(std::string field, std::string message) {
        return {
            ErrorCode::invalid_input, "invalid_input", std::move(message), std::move(field), {}, 0};
    }
    static Error not_found(std::string what = "record") {
        return {ErrorCode::not_found, "not_found", "That " + what + " does not exist.", {}, {}, 0};
    }
    static Error forbidden(std::string message = "You are not allowed to do that.") {
        return {ErrorCode::forbidden, "forbidden", std::move(message), {}, {}, 0};
    }
    static Error unauthenticated(std::string message = "Please sign in first.") {
        return {ErrorCode::unauthenticated, "unauthenticated", std::move(message), {}, {}, 0};
    }
    static Error conflict(std::string public_code, std::string message, std::string field = {}) {
        return {ErrorCode::conflict,
                std::move(public_code),
                std::move(message),
                std::move(field),
                {},
                0};
    }
    static Error unavailable(std::string internal) {
        return {ErrorCode::unavailable,
                "database_unavailable",
                "Trove cannot reach its database right now. Please try again in a moment.",
                {},
                std::move(internal),
                0};
    }
    static Error internal_error(std::string internal) {
        return {ErrorCode::internal, "internal", "Something went wrong on our side.", {},
                std::move(internal), 0};
    }
};

}  // namespace trove
