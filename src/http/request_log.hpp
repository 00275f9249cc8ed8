#pragma once
// The request log's view of a path: secrets that live in paths (calendar feeds, one-time
// questionnaire links, invite and reset tokens) are replaced by "[redacted]", and control and
// non-ASCII bytes are written as \xNN, so a "%0a" in a path cannot forge a log line and "%1b"
// cannot send escape sequences to an operator's terminal.

#include <string>
#include <string_view>

namespace trove::http {

//! `path` (percent-decoded) as it may appear in the log.
std::string loggable_path(std::string_view path);

}  // namespace trove::http
