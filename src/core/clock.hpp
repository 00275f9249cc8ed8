#pragma once
// Time as Trove stores and shows it: milliseconds since the Unix epoch inside, RFC 3339 UTC strings
// with millisecond precision outside (they sort as text, which both databases index well).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trove {

using TimeMs = std::int64_t;

//! Milliseconds since the epoch, from the system clock.
TimeMs now_ms();

//! "2026-11-28T18:20:00.123Z".
std::string to_rfc3339(TimeMs t);

//! Parses the format to_rfc3339 writes (and whole seconds without a fraction); nullopt otherwise.
std::optional<TimeMs> parse_rfc3339(std::string_view s);

//! The current calendar year (UTC), for validating birth years.
int current_year();

}  // namespace trove
