#pragma once
// The single place where a protocol-neutral Error becomes an HTTP status and JSON body.

#include "core/error.hpp"
#include "http/message.hpp"

namespace trove::http {

int status_for(ErrorCode code);

//! {"error": {"code", "message", "field"?}} with the matching status (and Retry-After for 429).
//! Internal details go to the log, never into the body.
Response error_response(const Error& error);

//! Shorthand for errors the transport or router raise themselves.
Response error_response(int status, const std::string& code, const std::string& message);

}  // namespace trove::http
