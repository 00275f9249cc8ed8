#include "storage/migrations.hpp"

namespace trove::storage {

namespace {

// Portable SQL: TEXT ids (ULIDs), TEXT RFC 3339 UTC times (sortable as text), INTEGER 0/1 booleans,
// BIGINT counters. Every tenant row carries practice_id.
constexpr const char* kInitialSchema = R"SQL(
CREATE TABLE practices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    display_name TEXT NOT NULL,
    birth_year INTEGER,
    contexts TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX clients_practice ON clients(practice_id, display_name, id);
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT,
    active INTEGER NOT NULL,
    client_id TEXT REFERENCES clients(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX users_practice ON users(practice_id, email);
CREATE UNIQUE INDEX users_client ON users(client_id);
CREATE TABLE supervision (
    practice_id TEXT NOT NULL REFERENCES practices(id),
    supervisor_id TEXT NOT NULL REFERENCES users(id),
    therapist_id TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (supervisor_id, therapist_id)
);
CREATE INDEX supervision_therapist ON supervision(therapist_id);
CREATE TABLE care_team (
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (client_id, user_id)
);
CREATE INDEX care_team_user ON care_team(user_id, client_id);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE TABLE login_throttle (
    throttle_key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start TEXT NOT NULL,
    blocked_until TEXT NOT NULL
);
CREATE TABLE audit_events (
    chain TEXT NOT NULL,
    seq BIGINT NOT NULL,
    practice_id TEXT,
    at TEXT NOT NULL,
    actor_id TEXT,
    actor_role TEXT,
    action TEXT NOT NULL,
    object_type TEXT,
    object_id TEXT,
    outcome TEXT NOT NULL,
    ip TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (chain, seq)
);
CREATE INDEX audit_events_time ON audit_events(practice_id, at);
CREATE TABLE audit_heads (
    chain TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
)
)SQL";

// The resource map: resources owned by a client or by a case (collective resources), their ratings,
// goals with their supporting resources, problems, scaling ratings of both, the coping card.
constexpr const char* kResourceMapSchema = R"SQL(
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX cases_practice ON cases(practice_id, name, id);
CREATE TABLE case_members (
    practice_id TEXT NOT NULL REFERENCES practices(id),
    case_id TEXT NOT NULL REFERENCES cases(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    PRIMARY KEY (case_id, client_id)
);
CREATE INDEX case_members_client ON case_members(client_id, case_id);
CREATE TABLE case_team (
    practice_id TEXT NOT NULL REFERENCES practices(id),
    case_id TEXT NOT NULL REFERENCES cases(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_team_user ON case_team(user_id, case_id);
CREATE TABLE resources (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT REFERENCES clients(id),
    case_id TEXT REFERENCES cases(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    source TEXT NOT NULL,
    strength_code TEXT,
    stabilising INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    visible_to_client INTEGER NOT NULL,
    therapist_note TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_by_role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    archived_at TEXT,
    CHECK ((client_id IS NULL) <> (case_id IS NULL))
);
CREATE INDEX resources_client ON resources(client_id, created_at);
CREATE INDEX resources_case ON resources(case_id, created_at);
CREATE TABLE resource_ratings (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    resource_id TEXT NOT NULL REFERENCES resources(id),
    availability INTEGER NOT NULL CHECK (availability BETWEEN 0 AND 10),
    activation INTEGER NOT NULL CHECK (activation BETWEEN 0 AND 10),
    rated_at TEXT NOT NULL,
    rated_by TEXT NOT NULL REFERENCES users(id),
    rated_by_role TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX resource_ratings_resource ON resource_ratings(resource_id, rated_at, id);
CREATE TABLE goals (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status_changed_at TEXT NOT NULL
);
CREATE INDEX goals_client ON goals(client_id, kind, created_at);
CREATE TABLE goal_resources (
    practice_id TEXT NOT NULL REFERENCES practices(id),
    goal_id TEXT NOT NULL REFERENCES goals(id),
    resource_id TEXT NOT NULL REFERENCES resources(id),
    PRIMARY KEY (goal_id, resource_id)
);
CREATE TABLE scale_ratings (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    goal_id TEXT NOT NULL REFERENCES goals(id),
    value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
    rated_at TEXT NOT NULL,
    rated_by TEXT NOT NULL REFERENCES users(id),
    rated_by_role TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX scale_ratings_goal ON scale_ratings(goal_id, rated_at, id);
CREATE TABLE coping_cards (
    client_id TEXT PRIMARY KEY REFERENCES clients(id),
    practice_id TEXT NOT NULL REFERENCES practices(id),
    content TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id),
    updated_at TEXT NOT NULL
)
)SQL";

// Questionnaires: which instruments a practice has enabled (and who acknowledged the licence),
// scored responses with the instrument version that scored them, critical-item alerts, assignments
// and one-time links.
constexpr const char* kMeasuresSchema = R"SQL(
CREATE TABLE practice_instruments (
    practice_id TEXT NOT NULL REFERENCES practices(id),
    instrument_id TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    acknowledged_by TEXT REFERENCES users(id),
    acknowledged_at TEXT,
    PRIMARY KEY (practice_id, instrument_id)
);
CREATE TABLE measure_assignments (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    instrument_id TEXT NOT NULL,
    every_weeks INTEGER,
    next_due_at TEXT NOT NULL,
    note TEXT NOT NULL,
    active INTEGER NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX measure_assignments_client ON measure_assignments(client_id, created_at);
CREATE TABLE responses (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    instrument_id TEXT NOT NULL,
    version TEXT NOT NULL,
    answers TEXT NOT NULL,
    scores TEXT NOT NULL,
    total DOUBLE PRECISION,
    assignment_id TEXT REFERENCES measure_assignments(id),
    submitted_by TEXT REFERENCES users(id),
    submitted_by_role TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX responses_client ON responses(client_id, instrument_id, created_at);
CREATE TABLE response_alerts (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    response_id TEXT NOT NULL REFERENCES responses(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    item TEXT NOT NULL,
    value INTEGER NOT NULL,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT REFERENCES users(id)
);
CREATE INDEX response_alerts_client ON response_alerts(client_id, acknowledged_at);
CREATE TABLE questionnaire_links (
    token_hash TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    assignment_id TEXT REFERENCES measure_assignments(id),
    instrument_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
)
)SQL";

// Between sessions: the practice's own exercises, exercise assignments with their schedules, the
// client's journal (one row per entry; a deleted entry keeps only its idempotency key), calendar
// feeds (only the secret's hash is stored), per-practice journal settings, per-client preferences,
// and personal mode (a practice of one person who is their own therapist).
constexpr const char* kBetweenSessionsSchema = R"SQL(
ALTER TABLE practices ADD COLUMN personal INTEGER NOT NULL DEFAULT 0;
CREATE TABLE practice_exercises (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    content TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX practice_exercises_practice ON practice_exercises(practice_id, created_at);
CREATE TABLE exercise_assignments (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    exercise_id TEXT NOT NULL,
    schedule TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    note TEXT NOT NULL,
    status TEXT NOT NULL,
    pauses TEXT NOT NULL,
    ended_on TEXT,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX exercise_assignments_client ON exercise_assignments(client_id, created_at);
CREATE TABLE journal_entries (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    idempotency_key TEXT,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    mood INTEGER,
    strength_codes TEXT NOT NULL,
    resource_id TEXT REFERENCES resources(id),
    assignment_id TEXT REFERENCES exercise_assignments(id),
    shared INTEGER NOT NULL,
    entry_date TEXT NOT NULL,
    deleted INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX journal_entries_client ON journal_entries(client_id, entry_date, created_at);
CREATE UNIQUE INDEX journal_entries_idempotency ON journal_entries(client_id, idempotency_key);
CREATE TABLE calendar_feeds (
    secret_hash TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT NOT NULL UNIQUE REFERENCES clients(id),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE TABLE journal_settings (
    practice_id TEXT PRIMARY KEY REFERENCES practices(id),
    shared_by_default INTEGER NOT NULL,
    show_private_dates INTEGER NOT NULL,
    time_zone TEXT NOT NULL
);
CREATE TABLE client_preferences (
    client_id TEXT PRIMARY KEY REFERENCES clients(id),
    practice_id TEXT NOT NULL REFERENCES practices(id),
    milestones INTEGER NOT NULL
)
)SQL";

// Encryption at rest: each practice's data key, wrapped by the master key (whose fingerprint is
// stored beside it), and one row that serialises key creation against master-key rotation.
constexpr const char* kKeyringSchema = R"SQL(
CREATE TABLE practice_keys (
    practice_id TEXT PRIMARY KEY REFERENCES practices(id),
    wrapped_key TEXT NOT NULL,
    master_fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL,
    rewrapped_at TEXT NOT NULL
);
CREATE TABLE keyring_state (
    id INTEGER PRIMARY KEY,
    master_fingerprint TEXT NOT NULL,
    sealed_columns_version INTEGER NOT NULL,
    updated_at TEXT NOT NULL
)
)SQL";

// Appointments ("sessions"; the table `sessions` holds logins) with a client or a case, attendance
// per case member, notes about them (fields and scales sealed by the vault) and their addenda.
constexpr const char* kSessionsSchema = R"SQL(
CREATE TABLE appointments (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT REFERENCES clients(id),
    case_id TEXT REFERENCES cases(id),
    therapist_id TEXT NOT NULL REFERENCES users(id),
    starts_at TEXT NOT NULL,
    duration_min INTEGER NOT NULL,
    modality TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((client_id IS NULL) <> (case_id IS NULL))
);
CREATE INDEX appointments_practice ON appointments(practice_id, starts_at);
CREATE INDEX appointments_client ON appointments(client_id, starts_at);
CREATE INDEX appointments_case ON appointments(case_id, starts_at);
CREATE TABLE appointment_attendance (
    practice_id TEXT NOT NULL REFERENCES practices(id),
    appointment_id TEXT NOT NULL REFERENCES appointments(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    status TEXT NOT NULL,
    PRIMARY KEY (appointment_id, client_id)
);
CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    appointment_id TEXT NOT NULL REFERENCES appointments(id),
    template TEXT NOT NULL,
    fields TEXT NOT NULL,
    scales TEXT NOT NULL,
    resource_ids TEXT NOT NULL,
    assignment_ids TEXT NOT NULL,
    status TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES users(id),
    signed_at TEXT,
    signed_by TEXT REFERENCES users(id),
    cosigned_at TEXT,
    cosigned_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX notes_appointment ON notes(appointment_id, created_at);
CREATE TABLE note_addenda (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    note_id TEXT NOT NULL REFERENCES notes(id),
    body TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX note_addenda_note ON note_addenda(note_id, created_at)
)SQL";

// A questionnaire that recurs every N attended sessions instead of every N weeks: the count of
// attended sessions since it was last filled in.
constexpr const char* kEverySessionsSchema = R"SQL(
ALTER TABLE measure_assignments ADD COLUMN every_sessions INTEGER;
ALTER TABLE measure_assignments ADD COLUMN sessions_since INTEGER NOT NULL DEFAULT 0
)SQL";

// Safety: the practice's settings (review promise, alert escalation, crisis contacts) and alerts
// with a lifecycle. Critical questionnaire answers move from response_alerts into `alerts`, which
// also holds low-mood alerts from shared journal entries; an acknowledgement records who, when,
// what was done (`ack_action`) and an optional note (sealed by the vault). Alerts acknowledged
// before actions were recorded keep a NULL action. An alert's message states what was reported and
// nothing about when to act: its age is shown beside it (a week-old "Please review today" misled).
constexpr const char* kSafetySchema = R"SQL(
CREATE TABLE practice_settings (
    practice_id TEXT PRIMARY KEY REFERENCES practices(id),
    review_promise TEXT NOT NULL,
    alert_escalation_hours INTEGER NOT NULL,
    crisis TEXT,
    updated_by TEXT REFERENCES users(id),
    updated_at TEXT NOT NULL
);
CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    client_id TEXT NOT NULL REFERENCES clients(id),
    kind TEXT NOT NULL,
    response_id TEXT REFERENCES responses(id),
    entry_id TEXT REFERENCES journal_entries(id),
    instrument_id TEXT,
    item TEXT,
    value INTEGER,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT REFERENCES users(id),
    ack_action TEXT,
    ack_note TEXT
);
CREATE INDEX alerts_client ON alerts(client_id, created_at);
CREATE INDEX alerts_practice_open ON alerts(practice_id, acknowledged_at, created_at);
CREATE INDEX alerts_response ON alerts(response_id);
INSERT INTO alerts (id, practice_id, client_id, kind, response_id, entry_id, instrument_id, item,
                    value, message, created_at, acknowledged_at, acknowledged_by, ack_action,
                    ack_note)
    SELECT a.id, a.practice_id, a.client_id, 'critical_item', a.response_id, NULL,
           r.instrument_id, a.item, a.value, a.message, a.created_at, a.acknowledged_at,
           a.acknowledged_by, NULL, NULL
    FROM response_alerts a JOIN responses r ON r.id = a.response_id;
DROP TABLE response_alerts;
UPDATE alerts SET message = REPLACE(message, ' Please review today.', '')
)SQL";

// Languages: every account has its own (`users.locale`), and a practice has the one its new
// accounts start with (`practices.default_locale`). Existing rows were English.
constexpr const char* kLocaleSchema = R"SQL(
ALTER TABLE practices ADD COLUMN default_locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en'
)SQL";

// Second factors and token hygiene: an authenticator secret per account (sealed by the vault; its
// last accepted time step, so a code works once), single-use recovery codes (stored as hashes),
// passkeys (WebAuthn credentials: the public key as DER, its algorithm, the signature counter) and
// the single-use challenges of passkey ceremonies (stored as hashes, 5 minutes),
// API tokens that expire (NULL for tokens made before: they expire 90 days after creation), and
// the practice's rule for staff. Audit events gain the version of the rule their hash was made by:
// version 2 hashes length-prefixed fields (version 1 joined them with a separator a field could
// contain); events from before stay version 1 and are verified by the old rule.
constexpr const char* kSecondFactorSchema = R"SQL(
CREATE TABLE totp_secrets (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    practice_id TEXT NOT NULL REFERENCES practices(id),
    secret TEXT NOT NULL,
    confirmed_at TEXT,
    last_step BIGINT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE recovery_codes (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id, code_hash);
CREATE TABLE passkeys (
    id TEXT PRIMARY KEY,
    practice_id TEXT NOT NULL REFERENCES practices(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    credential_id TEXT NOT NULL UNIQUE,
    public_key TEXT NOT NULL,
    algorithm INTEGER NOT NULL,
    sign_count BIGINT NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT
);
CREATE INDEX passkeys_user ON passkeys(user_id);
CREATE TABLE webauthn_challenges (
    challenge_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    user_id TEXT REFERENCES users(id),
    expires_at TEXT NOT NULL
);
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE practices ADD COLUMN staff_second_factor TEXT NOT NULL DEFAULT 'optional';
ALTER TABLE audit_events ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1
)SQL";

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = {
        {1, "practices, users, clients, care teams, sessions, tokens, invites, throttle, audit",
         kInitialSchema},
        {2, "resource map: cases, resources and ratings, goals and problems, coping cards",
         kResourceMapSchema},
        {3, "questionnaires: enabled instruments, responses, alerts, assignments, one-time links",
         kMeasuresSchema},
        {4, "between sessions: exercises, assignments, journal, calendar feeds, personal mode",
         kBetweenSessionsSchema},
        {5, "encryption at rest: per-practice data keys wrapped by the master key", kKeyringSchema},
        {6, "sessions: appointments, attendance, notes and addenda", kSessionsSchema},
        {7, "questionnaires due every N attended sessions", kEverySessionsSchema},
        {8, "safety: practice settings, crisis contacts, alerts with a lifecycle", kSafetySchema},
        {9, "languages: each account's locale, the practice's default for new accounts",
         kLocaleSchema},
        {10,
         "second factors: authenticator secrets, recovery codes, passkeys, expiring API tokens; "
         "audit hashes over length-prefixed fields",
         kSecondFactorSchema},
    };
    return all;
}

int latest_schema_version() {
    return migrations().back().version;
}

}  // namespace trove::storage
