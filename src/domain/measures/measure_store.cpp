#include "domain/measures/measure_store.hpp"

#include "core/crypto.hpp"

namespace trove::measures::store {

using storage::column;
using storage::time_column;

const char* const kWaitingForSessions = "9999-12-31T00:00:00.000Z";

const storage::Table<InstrumentSettingRecord>& practice_instruments() {
    static const storage::Table<InstrumentSettingRecord> table{
        "practice_instruments",
        {column("practice_id", &InstrumentSettingRecord::practice_id),
         column("instrument_id", &InstrumentSettingRecord::instrument_id),
         column("enabled", &InstrumentSettingRecord::enabled),
         column("acknowledged_by", &InstrumentSettingRecord::acknowledged_by),
         time_column("acknowledged_at", &InstrumentSettingRecord::acknowledged_at)}};
    return table;
}

const storage::Table<AssignmentRecord>& measure_assignments() {
    static const storage::Table<AssignmentRecord> table{
        "measure_assignments",
        {column("id", &AssignmentRecord::id), column("practice_id", &AssignmentRecord::practice_id),
         column("client_id", &AssignmentRecord::client_id),
         column("instrument_id", &AssignmentRecord::instrument_id),
         column("every_weeks", &AssignmentRecord::every_weeks),
         column("every_sessions", &AssignmentRecord::every_sessions),
         column("sessions_since", &AssignmentRecord::sessions_since),
         storage::custom_column<AssignmentRecord>(
             "next_due_at",
             [](const AssignmentRecord& a) {
                 return storage::Param(a.next_due_at ? to_rfc3339(*a.next_due_at)
                                                     : std::string(kWaitingForSessions));
             },
             [](const storage::Row& row, int index, AssignmentRecord& a) {
                 std::string text = row.text(index);
                 if (text == kWaitingForSessions) {
                     a.next_due_at.reset();
                     return true;
                 }
                 a.next_due_at = parse_rfc3339(text);
                 return a.next_due_at.has_value();
             }),
         column("note", &AssignmentRecord::note), column("active", &AssignmentRecord::active),
         column("created_by", &AssignmentRecord::created_by),
         time_column("created_at", &AssignmentRecord::created_at)}};
    return table;
}

const storage::Table<ResponseRecord>& responses() {
    static const storage::Table<ResponseRecord> table{
        "responses",
        {column("id", &ResponseRecord::id), column("practice_id", &ResponseRecord::practice_id),
         column("client_id", &ResponseRecord::client_id),
         column("instrument_id", &ResponseRecord::instrument_id),
         column("version", &ResponseRecord::version), column("answers", &ResponseRecord::answers),
         column("scores", &ResponseRecord::scores), column("total", &ResponseRecord::total),
         column("assignment_id", &ResponseRecord::assignment_id),
         column("submitted_by", &ResponseRecord::submitted_by),
         column("submitted_by_role", &ResponseRecord::submitted_by_role),
         time_column("created_at", &ResponseRecord::created_at)}};
    return table;
}

const storage::Table<LinkRecord>& questionnaire_links() {
    static const storage::Table<LinkRecord> table{
        "questionnaire_links",
        {column("token_hash", &LinkRecord::token_hash),
         column("practice_id", &LinkRecord::practice_id),
         column("client_id", &LinkRecord::client_id),
         column("assignment_id", &LinkRecord::assignment_id),
         column("instrument_id", &LinkRecord::instrument_id),
         column("created_by", &LinkRecord::created_by),
         time_column("created_at", &LinkRecord::created_at),
         time_column("expires_at", &LinkRecord::expires_at),
         time_column("used_at", &LinkRecord::used_at)}};
    return table;
}

Assignment to_assignment(const AssignmentRecord& r) {
    Assignment a;
    a.id = r.id;
    a.client_id = r.client_id;
    a.instrument_id = r.instrument_id;
    a.note = r.note;
    a.every_weeks = r.every_weeks;
    a.every_sessions = r.every_sessions;
    a.sessions_since = r.sessions_since;
    a.next_due_at = r.next_due_at;
    a.active = r.active;
    a.created_at = r.created_at;
    return a;
}

Result<std::vector<StoredResponse>> select_responses(storage::Reader& reader,
                                                     const std::string& where,
                                                     const storage::Params& params) {
    std::vector<StoredResponse> out;
    for (ResponseRecord& r :
         TRY(responses().select(reader, "WHERE " + where + " ORDER BY created_at, id", params))) {
        StoredResponse s;
        s.answers = nlohmann::json::parse(r.answers, nullptr, false);
        if (s.answers.is_discarded())
            return storage::undecodable("responses", "answers", r.id);
        s.scored = nlohmann::json::parse(r.scores, nullptr, false);
        if (s.scored.is_discarded())
            return storage::undecodable("responses", "scores", r.id);
        s.id = std::move(r.id);
        s.client_id = std::move(r.client_id);
        s.instrument_id = std::move(r.instrument_id);
        s.version = std::move(r.version);
        s.submitted_by_role = std::move(r.submitted_by_role);
        s.created_at = r.created_at;
        s.total = r.total;
        out.push_back(std::move(s));
    }
    return out;
}

Result<std::optional<LinkRecord>> find_link(storage::Reader& reader, const std::string& token) {
    auto link = TRY(questionnaire_links().select_one(reader, "WHERE token_hash = ?",
                                                     {crypto::sha256_hex(token)}));
    // A link made for an assignment dies with it: once the assignment is fulfilled in a session
    // or ended, its link would only add a second, unasked-for answer.
    if (link && link->assignment_id &&
        !TRY(reader.exists("SELECT 1 FROM measure_assignments WHERE id = ? AND active = ?",
                           {*link->assignment_id, true})))
        return std::optional<LinkRecord>();
    return link;
}

Error invalid_link() {
    return Error{ErrorCode::not_found,
                 "invalid_link",
                 "This questionnaire link is not valid any more: it was used already, it expired, "
                 "or it was mistyped. Please ask your therapist for a new one.",
                 {},
                 {},
                 0};
}

}  // namespace trove::measures::store
