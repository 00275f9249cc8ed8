// The sessions module's tables, each described once, and the limit of a list.
#include "domain/sessions/sessions_rows.hpp"

namespace trove::sessions::detail {

namespace {

constexpr int kDefaultLimit = 200;

using storage::column;
using storage::time_column;

}  // namespace

Result<int> parse_limit(const std::string& text) {
    if (text.empty())
        return kDefaultLimit;
    if (text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos)
        return Error::invalid("limit", "The limit must lie between 1 and 500.");
    int n = std::stoi(text);
    if (n < 1 || n > kMaxLimit)
        return Error::invalid("limit", "The limit must lie between 1 and 500.");
    return n;
}

const storage::Table<SessionRecord>& appointments() {
    static const storage::Table<SessionRecord> table{
        "appointments",
        {column("id", &SessionRecord::id), column("practice_id", &SessionRecord::practice_id),
         column("client_id", &SessionRecord::client_id), column("case_id", &SessionRecord::case_id),
         column("therapist_id", &SessionRecord::therapist_id),
         storage::custom_column<SessionRecord>(
             "starts_at",
             [](const SessionRecord& r) {
                 return storage::Param(format_appointment_time(r.starts_at));
             },
             [](const storage::Row& row, int index, SessionRecord& r) {
                 auto t = parse_rfc3339(row.text(index));
                 if (!t)
                     return false;
                 r.starts_at = *t;
                 return true;
             }),
         column("duration_min", &SessionRecord::duration_min),
         column("modality", &SessionRecord::modality), column("status", &SessionRecord::status),
         column("created_by", &SessionRecord::created_by),
         time_column("created_at", &SessionRecord::created_at),
         time_column("updated_at", &SessionRecord::updated_at)}};
    return table;
}

const storage::Table<AttendanceRecord>& appointment_attendance() {
    static const storage::Table<AttendanceRecord> table{
        "appointment_attendance",
        {column("appointment_id", &AttendanceRecord::appointment_id),
         column("client_id", &AttendanceRecord::client_id),
         column("practice_id", &AttendanceRecord::practice_id),
         column("status", &AttendanceRecord::status)}};
    return table;
}

const storage::Table<NoteRecord>& notes() {
    static const storage::Table<NoteRecord> table{
        "notes",
        {column("id", &NoteRecord::id), column("practice_id", &NoteRecord::practice_id),
         column("appointment_id", &NoteRecord::appointment_id),
         column("template", &NoteRecord::template_name), column("fields", &NoteRecord::fields),
         column("scales", &NoteRecord::scales), column("resource_ids", &NoteRecord::resource_ids),
         column("assignment_ids", &NoteRecord::assignment_ids),
         column("status", &NoteRecord::status), column("author_id", &NoteRecord::author_id),
         time_column("signed_at", &NoteRecord::signed_at),
         column("signed_by", &NoteRecord::signed_by),
         time_column("cosigned_at", &NoteRecord::cosigned_at),
         column("cosigned_by", &NoteRecord::cosigned_by),
         time_column("created_at", &NoteRecord::created_at),
         time_column("updated_at", &NoteRecord::updated_at)}};
    return table;
}

const storage::Table<AddendumRecord>& note_addenda() {
    static const storage::Table<AddendumRecord> table{
        "note_addenda",
        {column("id", &AddendumRecord::id), column("practice_id", &AddendumRecord::practice_id),
         column("note_id", &AddendumRecord::note_id), column("body", &AddendumRecord::body),
         column("author_id", &AddendumRecord::author_id),
         time_column("created_at", &AddendumRecord::created_at)}};
    return table;
}

Session to_session(const SessionRecord& r) {
    Session s;
    s.id = r.id;
    s.practice_id = r.practice_id;
    s.client_id = r.client_id;
    s.case_id = r.case_id;
    s.therapist_id = r.therapist_id;
    s.starts_at = r.starts_at;
    s.duration_min = r.duration_min;
    s.modality = r.modality;
    s.status = r.status;
    s.created_at = r.created_at;
    s.updated_at = r.updated_at;
    return s;
}

Result<std::vector<Session>> select_sessions(storage::Reader& reader, const std::string& rest,
                                             const storage::Params& params) {
    const auto& table = appointments();
    std::vector<Session> out;
    TRY(reader.each("SELECT " + table.select_list("a") + " FROM appointments a " + rest, params,
                    [&](const storage::Row& row) -> Result<void> {
                        out.push_back(to_session(TRY(table.decode(row))));
                        return {};
                    }));
    return out;
}

}  // namespace trove::sessions::detail
