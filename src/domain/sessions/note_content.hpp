#pragma once
// Checking what a note holds (template fields, the risk group, scales, links), shared by the note
// and signing parts of SessionService; private to the service.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "domain/sessions/sessions.hpp"

namespace trove::sessions::detail {

//! Note text: at most 20000 characters, no control characters but line breaks and tabs. Kept as
//! written (an editor that saves as the person types must get back what it sent); CRLF becomes LF.
Result<std::string> clean_note_text(const std::string& field, const std::string& text);

//! The risk group with nothing assessed.
nlohmann::json empty_risk();

//! The risk group as sent: replaces the stored one whole (a level absent or null is unassessed).
Result<nlohmann::json> parse_risk(const nlohmann::json& input);

//! Merges the given fields into `stored` (an object of the template's fields). An empty text
//! clears a field.
Result<void> apply_fields(const std::string& template_name, const nlohmann::json& input,
                          nlohmann::json& stored);

Result<std::vector<Scale>> parse_scales(const nlohmann::json& input);

nlohmann::json scales_json(const std::vector<Scale>& scales);

//! Linked ids as sent: each one an id, duplicates dropped, at most 50.
Result<std::vector<std::string>> clean_ids(const char* field, const std::vector<std::string>& ids);

}  // namespace trove::sessions::detail
