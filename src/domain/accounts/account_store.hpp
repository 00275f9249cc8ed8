#pragma once
// Inside the accounts module: the tables it owns, described once, and the steps its service files
// (accounts.cpp, signin.cpp, invites.cpp) share. Not for other modules.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_event.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/accounts/accounts.hpp"
#include "storage/sql.hpp"
#include "storage/table.hpp"

namespace trove::accounts::store {

struct PracticeRecord {
    std::string id;
    std::string name;
    TimeMs created_at = 0;
    bool personal = false;
    std::string default_locale = "en";
    std::string staff_second_factor = "optional";  // or "required"
};

struct UserRecord {
    std::string id;
    std::string practice_id;
    std::string email;
    std::string name;
    Role role = Role::client;
    std::optional<std::string> password_hash;
    bool active = true;
    std::optional<std::string> client_id;
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
    std::string locale = "en";
};

struct SupervisionRecord {
    std::string practice_id;
    std::string supervisor_id;
    std::string therapist_id;
};

struct SessionRecord {
    std::string token_hash;
    std::string practice_id;
    std::string user_id;
    std::string csrf_token;
    TimeMs created_at = 0;
    TimeMs last_seen_at = 0;
    TimeMs expires_at = 0;
    std::string ip;
};

struct ApiTokenRecord {
    std::string id;
    std::string practice_id;
    std::string user_id;
    std::string name;
    std::string token_hash;
    TimeMs created_at = 0;
    std::optional<TimeMs> last_used_at;
    std::optional<TimeMs> revoked_at;
    std::optional<TimeMs> expires_at;  // NULL: made before tokens expired (see token_expiry())
};

//! An authenticator-app secret: pending until confirmed with a first code.
struct TotpRecord {
    std::string user_id;
    std::string practice_id;
    std::string secret;  // sealed by the vault: base32 text inside
    std::optional<TimeMs> confirmed_at;
    std::int64_t last_step = 0;  // the last time step whose code was accepted
    TimeMs created_at = 0;
};

struct RecoveryCodeRecord {
    std::string id;
    std::string practice_id;
    std::string user_id;
    std::string code_hash;
    std::optional<TimeMs> used_at;
};

struct InviteRecord {
    std::string id;
    std::string practice_id;
    std::string client_id;
    std::string email;
    std::string token_hash;
    std::string created_by;
    TimeMs created_at = 0;
    TimeMs expires_at = 0;
    std::optional<TimeMs> used_at;
};

const storage::Table<PracticeRecord>& practices();
const storage::Table<UserRecord>& users();
const storage::Table<SupervisionRecord>& supervision();
const storage::Table<SessionRecord>& sessions();
const storage::Table<ApiTokenRecord>& api_tokens();
const storage::Table<InviteRecord>& invites();
struct PasskeyRecord {
    std::string id;
    std::string practice_id;
    std::string user_id;
    std::string credential_id;  // base64url, as browsers send it
    std::string public_key;     // SubjectPublicKeyInfo DER, base64url
    int algorithm = 0;          // COSE: -7 ES256, -8 EdDSA, -257 RS256
    std::int64_t sign_count = 0;
    std::string name;
    TimeMs created_at = 0;
    std::optional<TimeMs> last_used_at;
};

const storage::Table<TotpRecord>& totp_secrets();
const storage::Table<PasskeyRecord>& passkeys();
const storage::Table<RecoveryCodeRecord>& recovery_codes();

//! When a token stops working: its own expiry, or 90 days after creation for older tokens.
TimeMs token_expiry(const ApiTokenRecord& token);

//! Trimmed, 1 to 200 characters, no control characters; else 400 on `name`.
Result<std::string> clean_name(std::string_view name);

//! `e` with its action and object set.
AuditEvent with_object(AuditEvent e, std::string action, std::string type, std::string id);

//! The account as the service hands it out (without supervision links).
User to_user(UserRecord rec);

//! One user by a unique column ("id" or "email"), with supervision links.
Result<std::optional<User>> load_user(storage::Reader& reader, std::string_view column,
                                      const std::string& value);

Result<bool> email_taken(storage::Reader& reader, const std::string& email);
Error email_taken_error();

//! True when a portal login is linked to the client record.
Result<bool> client_has_login(storage::Reader& reader, const std::string& client_id);

//! Inserts a validated user in its practice's default language; the caller's transaction also
//! carries the audit event. not_found when the practice does not exist.
Result<void> insert_user(storage::Tx& tx, const NewUser& user, const std::string& id,
                         const std::string& password_hash, TimeMs now);

//! Whether a staff member must set up a second factor before anything else: the practice's rule
//! is "required", the role is admin, therapist or supervisor, and they have none.
bool second_factor_setup_required(Role role, const std::string& practice_rule,
                                  bool has_second_factor);

//! A locale the API was given, checked: one of i18n::kLocales, else 400 on `field`.
Result<std::string> checked_locale(const std::string& locale, const char* field);

}  // namespace trove::accounts::store
