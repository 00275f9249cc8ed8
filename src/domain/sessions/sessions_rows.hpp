#pragma once
// The sessions module's tables as stored, shared by the parts of SessionService; private to the
// service. Sealed texts (a note's fields and scales, an addendum's body) stay sealed in the records
// and are opened on the way out.

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/sessions/sessions.hpp"
#include "storage/table.hpp"

namespace trove::sessions::detail {

constexpr int kMaxLimit = 500;

//! A list's `limit` parameter: 1..kMaxLimit, 200 when empty.
Result<int> parse_limit(const std::string& text);

struct SessionRecord {
    std::string id, practice_id;
    std::optional<std::string> client_id, case_id;
    std::string therapist_id;
    TimeMs starts_at = 0;  // stored as format_appointment_time writes it, which lists compare
    int duration_min = 0;
    std::string modality, status, created_by;
    TimeMs created_at = 0, updated_at = 0;
};

struct AttendanceRecord {
    std::string appointment_id, client_id, practice_id, status;
};

//! A note as stored; the session's client and case come from a join with appointments.
struct NoteRecord {
    std::string id, practice_id, appointment_id, template_name, fields, scales, resource_ids,
        assignment_ids, status, author_id;
    std::optional<TimeMs> signed_at;
    std::optional<std::string> signed_by;
    std::optional<TimeMs> cosigned_at;
    std::optional<std::string> cosigned_by;
    TimeMs created_at = 0, updated_at = 0;
};

struct AddendumRecord {
    std::string id, practice_id, note_id, body, author_id;
    TimeMs created_at = 0;
};

const storage::Table<SessionRecord>& appointments();
const storage::Table<AttendanceRecord>& appointment_attendance();
const storage::Table<NoteRecord>& notes();
const storage::Table<AddendumRecord>& note_addenda();

//! The session without attendance and notes.
Session to_session(const SessionRecord& record);

//! `SELECT <appointments' columns> FROM appointments a <rest>`, decoded.
Result<std::vector<Session>> select_sessions(storage::Reader& reader, const std::string& rest,
                                             const storage::Params& params);

}  // namespace trove::sessions::detail
