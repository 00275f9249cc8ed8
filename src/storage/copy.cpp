#include "storage/copy.hpp"

#include <soci/soci.h>

#include "core/crypto.hpp"

namespace trove::storage {

namespace {

struct TableSpec {
    const char* name;
    std::vector<const char*> columns;
    const char* order_by;  // the primary key
};

// In foreign-key order: a table comes after the tables it references.
const std::vector<TableSpec>& tables() {
    static const std::vector<TableSpec> all = {
        {"practices",
         {"id", "name", "created_at", "personal", "default_locale", "staff_second_factor"},
         "id"},
        {"practice_keys",
         {"practice_id", "wrapped_key", "master_fingerprint", "created_at", "rewrapped_at"},
         "practice_id"},
        {"keyring_state",
         {"id", "master_fingerprint", "sealed_columns_version", "updated_at"},
         "master_fingerprint"},  // one row; its integer id cannot take PostgreSQL's COLLATE "C"
        {"clients",
         {"id", "practice_id", "display_name", "birth_year", "contexts", "status", "created_by",
          "created_at", "updated_at"},
         "id"},
        {"users",
         {"id", "practice_id", "email", "name", "role", "password_hash", "active", "client_id",
          "created_at", "updated_at", "locale"},
         "id"},
        {"supervision",
         {"practice_id", "supervisor_id", "therapist_id"},
         "supervisor_id, therapist_id"},
        {"care_team", {"practice_id", "client_id", "user_id"}, "client_id, user_id"},
        {"sessions",
         {"token_hash", "practice_id", "user_id", "csrf_token", "created_at", "last_seen_at",
          "expires_at", "ip"},
         "token_hash"},
        {"api_tokens",
         {"id", "practice_id", "user_id", "name", "token_hash", "created_at", "last_used_at",
          "revoked_at", "expires_at"},
         "id"},
        {"totp_secrets",
         {"user_id", "practice_id", "secret", "confirmed_at", "last_step", "created_at"},
         "user_id"},
        {"recovery_codes", {"id", "practice_id", "user_id", "code_hash", "used_at"}, "id"},
        {"passkeys",
         {"id", "practice_id", "user_id", "credential_id", "public_key", "algorithm", "sign_count",
          "name", "created_at", "last_used_at"},
         "id"},
        {"webauthn_challenges",
         {"challenge_hash", "purpose", "user_id", "expires_at"},
         "challenge_hash"},
        {"invites",
         {"id", "practice_id", "client_id", "email", "token_hash", "created_by", "created_at",
          "expires_at", "used_at"},
         "id"},
        {"login_throttle",
         {"throttle_key", "failures", "window_start", "blocked_until"},
         "throttle_key"},
        {"cases",
         {"id", "practice_id", "kind", "name", "created_by", "created_at", "updated_at"},
         "id"},
        {"case_members", {"practice_id", "case_id", "client_id"}, "case_id, client_id"},
        {"case_team", {"practice_id", "case_id", "user_id"}, "case_id, user_id"},
        {"resources",
         {"id", "practice_id", "client_id", "case_id", "title", "description", "category", "source",
          "strength_code", "stabilising", "evidence", "visible_to_client", "therapist_note",
          "status", "created_by", "created_by_role", "created_at", "updated_at", "archived_at"},
         "id"},
        {"resource_ratings",
         {"id", "practice_id", "resource_id", "availability", "activation", "rated_at", "rated_by",
          "rated_by_role", "created_at"},
         "id"},
        {"goals",
         {"id", "practice_id", "client_id", "kind", "title", "description", "status", "created_by",
          "created_at", "updated_at", "status_changed_at"},
         "id"},
        {"goal_resources", {"practice_id", "goal_id", "resource_id"}, "goal_id, resource_id"},
        {"scale_ratings",
         {"id", "practice_id", "goal_id", "value", "rated_at", "rated_by", "rated_by_role",
          "created_at"},
         "id"},
        {"coping_cards",
         {"client_id", "practice_id", "content", "updated_by", "updated_at"},
         "client_id"},
        {"practice_instruments",
         {"practice_id", "instrument_id", "enabled", "acknowledged_by", "acknowledged_at"},
         "practice_id, instrument_id"},
        {"measure_assignments",
         {"id", "practice_id", "client_id", "instrument_id", "every_weeks", "next_due_at", "note",
          "active", "created_by", "created_at", "every_sessions", "sessions_since"},
         "id"},
        {"responses",
         {"id", "practice_id", "client_id", "instrument_id", "version", "answers", "scores",
          "total", "assignment_id", "submitted_by", "submitted_by_role", "created_at"},
         "id"},
        {"questionnaire_links",
         {"token_hash", "practice_id", "client_id", "assignment_id", "instrument_id", "created_by",
          "created_at", "expires_at", "used_at"},
         "token_hash"},
        {"practice_exercises", {"id", "practice_id", "content", "created_by", "created_at"}, "id"},
        {"exercise_assignments",
         {"id", "practice_id", "client_id", "exercise_id", "schedule", "starts_on", "note",
          "status", "pauses", "ended_on", "created_by", "created_at", "updated_at"},
         "id"},
        {"journal_entries",
         {"id", "practice_id", "client_id", "idempotency_key", "kind", "body", "mood",
          "strength_codes", "resource_id", "assignment_id", "shared", "entry_date", "deleted",
          "created_at", "updated_at"},
         "id"},
        {"calendar_feeds",
         {"secret_hash", "practice_id", "client_id", "created_by", "created_at"},
         "secret_hash"},
        {"journal_settings",
         {"practice_id", "shared_by_default", "show_private_dates", "time_zone"},
         "practice_id"},
        {"client_preferences", {"client_id", "practice_id", "milestones"}, "client_id"},
        {"appointments",
         {"id", "practice_id", "client_id", "case_id", "therapist_id", "starts_at", "duration_min",
          "modality", "status", "created_by", "created_at", "updated_at"},
         "id"},
        {"appointment_attendance",
         {"practice_id", "appointment_id", "client_id", "status"},
         "appointment_id, client_id"},
        {"notes",
         {"id", "practice_id", "appointment_id", "template", "fields", "scales", "resource_ids",
          "assignment_ids", "status", "author_id", "signed_at", "signed_by", "cosigned_at",
          "cosigned_by", "created_at", "updated_at"},
         "id"},
        {"note_addenda", {"id", "practice_id", "note_id", "body", "author_id", "created_at"}, "id"},
        {"practice_settings",
         {"practice_id", "review_promise", "alert_escalation_hours", "crisis", "updated_by",
          "updated_at"},
         "practice_id"},
        {"alerts",
         {"id", "practice_id", "client_id", "kind", "response_id", "entry_id", "instrument_id",
          "item", "value", "message", "created_at", "acknowledged_at", "acknowledged_by",
          "ack_action", "ack_note"},
         "id"},
        {"audit_events",
         {"chain", "seq", "practice_id", "at", "actor_id", "actor_role", "action", "object_type",
          "object_id", "outcome", "ip", "prev_hash", "hash", "hash_version"},
         "chain, seq"},
        {"audit_heads", {"chain", "seq", "hash"}, "chain"},
    };
    return all;
}

using CopiedRow = std::vector<std::pair<std::string, soci::indicator>>;

// Reads a table as text (CAST works the same on both databases), in primary-key order. Text keys
// are compared byte-wise on both sides (COLLATE "C" on PostgreSQL), so the order - and therefore
// the checksum - is the same.
std::vector<CopiedRow> read_table(soci::session& sql, Dialect dialect, const TableSpec& t) {
    std::string select;
    for (const char* c : t.columns) {
        if (!select.empty())
            select += ", ";
        select += std::string("CAST(") + c + " AS TEXT)";
    }
    std::string order;
    std::string keys = t.order_by;
    size_t start = 0;
    while (start < keys.size()) {
        size_t end = keys.find(',', start);
        if (end == std::string::npos)
            end = keys.size();
        std::string key = keys.substr(start, end - start);
        key.erase(0, key.find_first_not_of(' '));
        if (!order.empty())
            order += ", ";
        // Qualified: PostgreSQL would otherwise sort by the output column of the same name, which
        // is the text cast ("10" before "2").
        order += std::string(t.name) + "." + key +
                 (dialect == Dialect::postgres && key != "seq" ? " COLLATE \"C\"" : "");
        start = end + 1;
    }
    std::vector<CopiedRow> rows;
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT " + select + " FROM " + t.name + " ORDER BY " + order);
    for (const soci::row& r : rs) {
        CopiedRow row;
        for (std::size_t i = 0; i < r.size(); ++i) {
            soci::indicator ind = r.get_indicator(i);
            row.emplace_back(ind == soci::i_null ? std::string() : r.get<std::string>(i), ind);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string checksum(const std::vector<CopiedRow>& rows) {
    // Length-prefixed fields with a NULL marker: no two different tables serialise alike.
    std::string canonical;
    for (const CopiedRow& row : rows) {
        for (const auto& [value, ind] : row) {
            if (ind == soci::i_null) {
                canonical += "N;";
            } else {
                canonical += std::to_string(value.size()) + ":" + value + ";";
            }
        }
        canonical += "\n";
    }
    return crypto::sha256_hex(canonical);
}

std::vector<TableReport> checksums_in(soci::session& sql, Dialect dialect) {
    std::vector<TableReport> reports;
    for (const TableSpec& t : tables()) {
        auto rows = read_table(sql, dialect, t);
        reports.push_back({t.name, static_cast<long long>(rows.size()), checksum(rows)});
    }
    return reports;
}

}  // namespace

Result<std::vector<TableReport>> table_checksums(Database& db) {
    std::vector<TableReport> reports;
    TRY(db.with_session([&](soci::session& sql) -> Result<void> {
        reports = checksums_in(sql, db.dialect());
        return {};
    }));
    return reports;
}

Result<CopyReport> copy_database(Database& from, Database& to, bool replace) {
    CopyReport report;
    auto source = TRY(table_checksums(from));
    auto target = TRY(table_checksums(to));
    long long target_rows = 0;
    bool identical = true;
    for (size_t i = 0; i < source.size(); ++i) {
        target_rows += target[i].rows;
        identical = identical && source[i].rows == target[i].rows &&
                    source[i].checksum == target[i].checksum;
    }
    if (target_rows > 0 && identical) {
        report.tables = source;
        report.already_identical = true;
        return report;
    }
    if (target_rows > 0 && !replace) {
        return Error::conflict("target_not_empty",
                               "The target database already holds other data (" +
                                   std::to_string(target_rows) +
                                   " rows). Pass --force to replace it.");
    }

    std::vector<std::vector<CopiedRow>> data;
    TRY(from.with_session([&](soci::session& sql) -> Result<void> {
        for (const TableSpec& t : tables())
            data.push_back(read_table(sql, from.dialect(), t));
        return {};
    }));
    TRY(to.transact([&](soci::session& sql) -> Result<void> {
        for (auto t = tables().rbegin(); t != tables().rend(); ++t) {
            sql << std::string("DELETE FROM ") + t->name;
        }
        for (size_t ti = 0; ti < tables().size(); ++ti) {
            const TableSpec& t = tables()[ti];
            const std::vector<CopiedRow>& rows = data[ti];
            if (rows.empty())
                continue;
            // Every value travels as text; each database converts it to the column's type.
            std::vector<std::vector<std::string>> columns(t.columns.size());
            std::vector<std::vector<soci::indicator>> indicators(t.columns.size());
            for (const CopiedRow& row : rows) {
                for (size_t c = 0; c < row.size(); ++c) {
                    columns[c].push_back(row[c].first);
                    indicators[c].push_back(row[c].second);
                }
            }
            std::string names, values;
            for (size_t c = 0; c < t.columns.size(); ++c) {
                names += std::string(c ? ", " : "") + t.columns[c];
                values += std::string(c ? ", " : "") + ":v" + std::to_string(c);
            }
            soci::statement st(sql);
            for (size_t c = 0; c < t.columns.size(); ++c) {
                st.exchange(soci::use(columns[c], indicators[c]));
            }
            st.alloc();
            st.prepare(std::string("INSERT INTO ") + t.name + " (" + names + ") VALUES (" + values +
                       ")");
            st.define_and_bind();
            st.execute(true);
        }
        // Verified inside the transaction: a copy that does not match is rolled back whole.
        report.tables = checksums_in(sql, to.dialect());
        for (size_t i = 0; i < source.size(); ++i) {
            if (report.tables[i].rows != source[i].rows ||
                report.tables[i].checksum != source[i].checksum) {
                return Error::internal_error("verification failed for table " + source[i].table +
                                             "; nothing was written");
            }
        }
        return {};
    }));
    return report;
}

}  // namespace trove::storage
