#pragma once
// Record ids: 26-character ULIDs (48-bit millisecond time + 80 random bits, Crockford base32). They
// are opaque to API users, but sort by creation time, which keeps B-tree inserts local and gives
// lists a stable order.

#include <string>

#include "core/clock.hpp"

namespace trove {

std::string new_id();
std::string new_id_at(TimeMs t);

//! True for strings new_id could have produced. Used to reject junk ids before touching the
//! database.
bool looks_like_id(std::string_view s);

}  // namespace trove
