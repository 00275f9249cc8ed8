#pragma once
// Small checks shared by the resource-map modules for free text coming from people.

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace trove::resources {

//! Number of Unicode code points in valid UTF-8 text.
std::size_t count_code_points(std::string_view text);

//! Trims spaces, tabs and line breaks at both ends.
std::string trim(std::string_view text);

//! A one-line title of 1..max code points, trimmed; otherwise 400 naming `field`.
Result<std::string> clean_title(const std::string& field, const std::string& text, std::size_t max);

//! Multi-line free text of at most `max` code points (may be empty), trimmed; no control characters
//! other than line breaks and tabs.
Result<std::string> clean_text(const std::string& field, const std::string& text, std::size_t max);

//! Case-insensitive (ASCII letters) substring test, for searching text the database cannot search
//! (it will be encrypted at rest).
bool contains_folded(std::string_view haystack, std::string_view needle);

//! An RFC 3339 time given by a person: not in the future (a minute's clock skew allowed) and not
//! before 2000. Absent -> `now`.
Result<TimeMs> past_time(const std::string& field, const std::optional<std::string>& text,
                         TimeMs now);

}  // namespace trove::resources
