#pragma once
// The journal's tables as stored, shared by the parts of JournalService; private to the service.
// Sealed texts (an assignment's note, an entry's body) stay sealed in the records and are opened
// on the way out.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/journal/schedule.hpp"
#include "storage/table.hpp"

namespace trove::journal::detail {

struct ExerciseRecord {
    std::string id, practice_id, content, created_by;
    TimeMs created_at = 0;
};

struct AssignmentRecord {
    std::string id, practice_id, client_id, exercise_id, schedule, starts_on, note, status, pauses;
    std::optional<std::string> ended_on;
    std::string created_by;
    TimeMs created_at = 0, updated_at = 0;
};

struct EntryRecord {
    std::string id, practice_id, client_id;
    std::optional<std::string> idempotency_key;
    std::string kind, body;
    std::optional<int> mood;
    std::string strength_codes;
    std::optional<std::string> resource_id, assignment_id;
    bool shared = false;
    std::string entry_date;
    bool deleted = false;
    TimeMs created_at = 0, updated_at = 0;
};

//! Keyed by the secret's hash, which stays out of logs: the client's id comes first, so that an
//! undecodable row is named by it.
struct CalendarFeedRecord {
    std::string client_id, secret_hash, practice_id, created_by;
    TimeMs created_at = 0;
};

struct SettingsRecord {
    std::string practice_id;
    bool shared_by_default = false, show_private_dates = false;
    std::string time_zone;
};

const storage::Table<ExerciseRecord>& practice_exercises();
const storage::Table<AssignmentRecord>& exercise_assignments();
const storage::Table<EntryRecord>& journal_entries();
const storage::Table<CalendarFeedRecord>& calendar_feeds();
const storage::Table<SettingsRecord>& journal_settings();

//! A stored YYYY-MM-DD; an error naming table, column and row when it does not parse.
inline Result<Date> stored_date(std::string_view text, std::string_view table,
                                std::string_view column, std::string_view row_id) {
    auto day = parse_date(text);
    if (!day)
        return storage::undecodable(table, column, row_id);
    return *day;
}

}  // namespace trove::journal::detail
