#pragma once
// Internal to the measures module: how its tables are stored, shared by the files that read and
// write them. An assignment's note is kept sealed in its record and opened only on the way out.

#include <optional>
#include <string>
#include <vector>

#include "domain/measures/measures.hpp"
#include "storage/table.hpp"

namespace trove::measures::store {

constexpr TimeMs kWeek = 7LL * 24 * 3600 * 1000;

struct InstrumentSettingRecord {
    std::string practice_id, instrument_id;
    bool enabled = false;
    std::optional<std::string> acknowledged_by;
    std::optional<TimeMs> acknowledged_at;
};

struct AssignmentRecord {
    std::string id, practice_id, client_id, instrument_id;
    std::optional<int> every_weeks, every_sessions;
    int sessions_since = 0;
    //! nullopt: an "every N sessions" questionnaire waiting for sessions. Stored as a time later
    //! than any other, so the "due now" queries (next_due_at <= now) pass it by.
    std::optional<TimeMs> next_due_at;
    std::string note;  // sealed
    bool active = true;
    std::string created_by;
    TimeMs created_at = 0;
};

struct ResponseRecord {
    std::string id, practice_id, client_id, instrument_id, version, answers, scores;
    std::optional<double> total;
    std::optional<std::string> assignment_id, submitted_by;
    std::string submitted_by_role;
    TimeMs created_at = 0;
};

struct LinkRecord {
    std::string token_hash, practice_id, client_id;
    std::optional<std::string> assignment_id;
    std::string instrument_id, created_by;
    TimeMs created_at = 0, expires_at = 0;
    std::optional<TimeMs> used_at;
};

const storage::Table<InstrumentSettingRecord>& practice_instruments();
const storage::Table<AssignmentRecord>& measure_assignments();
const storage::Table<ResponseRecord>& responses();
const storage::Table<LinkRecord>& questionnaire_links();

//! How a waiting assignment's next_due_at is stored (see AssignmentRecord::next_due_at).
extern const char* const kWaitingForSessions;

//! The assignment as shown, with `note` still as stored (the caller opens it).
Assignment to_assignment(const AssignmentRecord& r);

//! Responses matching `where` (without "WHERE"), oldest first; without their alerts.
Result<std::vector<StoredResponse>> select_responses(storage::Reader& reader,
                                                     const std::string& where,
                                                     const storage::Params& params);

//! The link with this token's hash, if any (used or expired ones too).
Result<std::optional<LinkRecord>> find_link(storage::Reader& reader, const std::string& token);

Error invalid_link();

}  // namespace trove::measures::store
