// The journal's tables, each described once.
#include "domain/journal/journal_rows.hpp"

namespace trove::journal::detail {

using storage::column;
using storage::time_column;

const storage::Table<ExerciseRecord>& practice_exercises() {
    static const storage::Table<ExerciseRecord> table{
        "practice_exercises",
        {column("id", &ExerciseRecord::id), column("practice_id", &ExerciseRecord::practice_id),
         column("content", &ExerciseRecord::content),
         column("created_by", &ExerciseRecord::created_by),
         time_column("created_at", &ExerciseRecord::created_at)}};
    return table;
}

const storage::Table<AssignmentRecord>& exercise_assignments() {
    static const storage::Table<AssignmentRecord> table{
        "exercise_assignments",
        {column("id", &AssignmentRecord::id), column("practice_id", &AssignmentRecord::practice_id),
         column("client_id", &AssignmentRecord::client_id),
         column("exercise_id", &AssignmentRecord::exercise_id),
         column("schedule", &AssignmentRecord::schedule),
         column("starts_on", &AssignmentRecord::starts_on), column("note", &AssignmentRecord::note),
         column("status", &AssignmentRecord::status), column("pauses", &AssignmentRecord::pauses),
         column("ended_on", &AssignmentRecord::ended_on),
         column("created_by", &AssignmentRecord::created_by),
         time_column("created_at", &AssignmentRecord::created_at),
         time_column("updated_at", &AssignmentRecord::updated_at)}};
    return table;
}

const storage::Table<EntryRecord>& journal_entries() {
    static const storage::Table<EntryRecord> table{
        "journal_entries",
        {column("id", &EntryRecord::id), column("practice_id", &EntryRecord::practice_id),
         column("client_id", &EntryRecord::client_id),
         column("idempotency_key", &EntryRecord::idempotency_key),
         column("kind", &EntryRecord::kind), column("body", &EntryRecord::body),
         column("mood", &EntryRecord::mood), column("strength_codes", &EntryRecord::strength_codes),
         column("resource_id", &EntryRecord::resource_id),
         column("assignment_id", &EntryRecord::assignment_id),
         column("shared", &EntryRecord::shared), column("entry_date", &EntryRecord::entry_date),
         column("deleted", &EntryRecord::deleted),
         time_column("created_at", &EntryRecord::created_at),
         time_column("updated_at", &EntryRecord::updated_at)}};
    return table;
}

const storage::Table<CalendarFeedRecord>& calendar_feeds() {
    static const storage::Table<CalendarFeedRecord> table{
        "calendar_feeds",
        {column("client_id", &CalendarFeedRecord::client_id),
         column("secret_hash", &CalendarFeedRecord::secret_hash),
         column("practice_id", &CalendarFeedRecord::practice_id),
         column("created_by", &CalendarFeedRecord::created_by),
         time_column("created_at", &CalendarFeedRecord::created_at)}};
    return table;
}

const storage::Table<SettingsRecord>& journal_settings() {
    static const storage::Table<SettingsRecord> table{
        "journal_settings",
        {column("practice_id", &SettingsRecord::practice_id),
         column("shared_by_default", &SettingsRecord::shared_by_default),
         column("show_private_dates", &SettingsRecord::show_private_dates),
         column("time_zone", &SettingsRecord::time_zone)}};
    return table;
}

}  // namespace trove::journal::detail
