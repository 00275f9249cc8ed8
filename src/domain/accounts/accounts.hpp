#pragma once
// Practices, user accounts, supervision, sign-in (sessions and API tokens) and portal invites.
// Every write appends its audit event in the same transaction; reads of user data are audited by
// the caller's RequestContext.

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "domain/accounts/throttle.hpp"
#include "domain/accounts/webauthn.hpp"
#include "domain/audit/audit_log.hpp"
#include "storage/database.hpp"

namespace trove::vault {
class Vault;
}

namespace trove::accounts {

struct Practice {
    std::string id;
    std::string name;
    bool personal = false;              // personal mode: one person using Trove on their own
    std::string default_locale = "en";  // the language new accounts start with
    //! "required": admins, therapists and supervisors must have a second factor; "optional".
    std::string staff_second_factor = "optional";
};

struct User {
    std::string id;
    std::string practice_id;
    std::string email;
    std::string name;
    Role role = Role::client;
    bool active = true;
    std::string client_id;      // empty unless a client's portal login
    std::string locale = "en";  // the account's language: one of i18n::kLocales
    bool totp_enabled = false;  // an authenticator app confirmed as a second factor
    int passkeys = 0;           // registered passkeys (each counts as both factors)
    std::vector<std::string> supervisor_ids;
    std::vector<std::string> supervisee_ids;
    TimeMs created_at = 0;
};

struct NewUser {
    std::string practice_id;
    std::string email;
    std::string name;
    Role role = Role::therapist;
    std::string password;
    std::string client_id;
};

//! What an account leaves behind when it is deactivated, asked of the modules that own caseloads
//! inside the deactivation's transaction: it refuses (409 has_caseload) or hands everything over to
//! `reassign_to`, returning the audit events of the handover.
using DeactivationHook = std::function<Result<std::vector<AuditEvent>>(
    storage::Tx& tx, const std::string& user_id, const std::optional<std::string>& reassign_to)>;

//! Whether `client_id` is a client record of the practice, asked of the clients module inside
//! the caller's transaction. The clients module sits above accounts (its care teams are made of
//! accounts), so accounts is told how to ask (the app passes clients::client_in_practice_in).
using ClientRecordCheck = std::function<Result<bool>(
    storage::Reader& reader, const std::string& practice_id, const std::string& client_id)>;

struct UserPatch {
    std::optional<std::string> name;
    std::optional<bool> active;
    std::optional<std::string> reassign_to;  // an active therapist who takes over the caseload
    DeactivationHook on_deactivate;
    std::optional<std::string> password;
    std::optional<std::vector<std::string>> supervisor_ids;
    std::optional<std::vector<std::string>> supervisee_ids;
    std::optional<std::string> locale;  // one of i18n::kLocales, else 400 on `locale`
};

struct SessionTimeouts {
    TimeMs idle_ms = 30LL * 60 * 1000;           // signed out after 30 minutes without a request
    TimeMs absolute_ms = 12LL * 60 * 60 * 1000;  // and after 12 hours in any case
    // How long a validated session may be served from memory. Revocations made through this
    // process (logout, deactivation, password reset) take effect at once; those made by another
    // process on the same database (a CLI tool, another instance) within this many milliseconds.
    TimeMs cache_ms = 2000;
};

struct LoginResult {
    User user;
    std::string session_token;  // goes into the cookie; only its hash is stored
    std::string csrf_token;
};

struct SessionInfo {
    Actor actor;
    std::string csrf_token;
    //! The practice requires a second factor and this staff member has none yet: the session may
    //! only set one up.
    bool second_factor_setup_required = false;
};

//! What a sign-in offers besides the password (at most one of the two is used).
struct SecondFactor {
    std::optional<std::string> totp;           // the authenticator app's current code
    std::optional<std::string> recovery_code;  // one of the ten single-use codes
};

//! A registered passkey (WebAuthn credential) as its owner sees it.
struct Passkey {
    std::string id;
    std::string name;
    TimeMs created_at = 0;
    std::optional<TimeMs> last_used_at;
};

//! What the browser needs to create a passkey: a fresh single-use challenge (base64url), the
//! account's user handle (base64url of its id) and the credentials it already has.
struct PasskeyRegistration {
    std::string challenge;
    std::string user_handle;
    std::string user_name;
    std::string display_name;
    std::vector<std::string> existing_credential_ids;
};

//! A passkey assertion as the browser sends it (all binary fields base64url).
struct PasskeyAssertion {
    std::string credential_id;
    std::string client_data_json;
    std::string authenticator_data;
    std::string signature;
};

//! An authenticator set-up in progress: the secret as base32 text and as an otpauth:// URL.
struct TotpSetup {
    std::string secret;
    std::string otpauth_url;
};

struct ApiToken {
    std::string id;
    std::string name;
    TimeMs created_at = 0;
    std::optional<TimeMs> last_used_at;
    TimeMs expires_at = 0;
    std::string secret;  // only when just created
};

constexpr int kDefaultTokenDays = 90;
constexpr int kMaxTokenDays = 365;

struct Invite {
    std::string token;  // only ever returned at creation
    TimeMs expires_at = 0;
};

//! Lower-cases and trims; returns an error for anything that is not plausibly an address.
Result<std::string> normalize_email(std::string_view email);

class AccountService {
public:
    //! `client_exists` answers create_user's check that a client login's record is in the
    //! practice. `vault` seals authenticator secrets.
    AccountService(storage::Database& db, audit::AuditLog& audit, vault::Vault& vault,
                   ClientRecordCheck client_exists, SessionTimeouts timeouts = {});

    // --- practices and users -------------------------------------------------------------
    //! `by` is the audit record of who asked (an admin, or the command line).
    //! `personal`: a practice of one person using Trove on their own (trove serve --personal).
    Result<Practice> create_practice(const std::string& name, const AuditEvent& by,
                                     bool personal = false);
    //! The personal-mode practice, if this database has one.
    Result<std::optional<Practice>> find_personal_practice();
    Result<Practice> get_practice(const std::string& practice_id);
    Result<User> create_user(const NewUser& user, const AuditEvent& by);
    Result<std::vector<User>> list_users(const std::string& practice_id);
    //! Users of the practice only; another practice's id answers not_found.
    Result<User> get_user(const std::string& practice_id, const std::string& user_id);
    //! Any practice's user with this email (for command-line tools and seeding; not for the API).
    Result<std::optional<User>> find_user_by_email(const std::string& email);
    Result<User> update_user(const std::string& practice_id, const std::string& user_id,
                             const UserPatch& patch, const AuditEvent& by);

    // --- languages ----------------------------------------------------------------------
    //! Sets the language new accounts of the practice start with, inside the caller's
    //! transaction (which carries the audit event). 400 on `default_locale` unless one of
    //! i18n::kLocales.
    Result<void> set_default_locale_in(storage::Tx& tx, const std::string& practice_id,
                                       const std::string& locale);
    //! The language to write to a client in: their portal login's, else the practice's default.
    Result<std::string> client_locale(const std::string& practice_id, const std::string& client_id);

    // --- signing in ---------------------------------------------------------------------
    //! With a second factor on, the password alone answers 401 `second_factor_required`; a wrong
    //! or already used code 401 `invalid_second_factor` (throttled like a wrong password).
    Result<LoginResult> login(const std::string& email, const std::string& password,
                              const std::string& ip, const SecondFactor& second = {});
    Result<SessionInfo> authenticate_session(const std::string& token);
    Result<Actor> authenticate_api_token(const std::string& token);
    Result<void> logout(const std::string& token, const AuditEvent& by);

    //! `days`: 1 to kMaxTokenDays (400 on `expires_in_days` otherwise).
    Result<ApiToken> create_api_token(const Actor& actor, const std::string& name, int days,
                                      const AuditEvent& by);
    Result<std::vector<ApiToken>> list_api_tokens(const Actor& actor);
    Result<void> revoke_api_token(const Actor& actor, const std::string& token_id,
                                  const AuditEvent& by);

    // --- one's own account: password, second factors, sessions ----------------------------
    //! 401 `invalid_credentials` when `current` is wrong, 400 on `new` when weak. Ends every other
    //! session of the account (`keep_session`: the caller's session token, may be empty) and
    //! revokes its API tokens.
    Result<void> change_password(const Actor& actor, const std::string& current,
                                 const std::string& next, const std::string& keep_session,
                                 const AuditEvent& by);
    //! Signs out every session of the account except `keep_session`.
    Result<void> end_other_sessions(const Actor& actor, const std::string& keep_session,
                                    const AuditEvent& by);
    //! A new authenticator secret, pending until confirmed (replaces a pending one); 409
    //! `totp_active` while one is confirmed.
    Result<TotpSetup> begin_totp(const Actor& actor, const AuditEvent& by);
    //! Activates the pending secret with its first code; returns ten new recovery codes.
    Result<std::vector<std::string>> confirm_totp(const Actor& actor, const std::string& code,
                                                  const AuditEvent& by);
    //! Turns the authenticator off, given a current code (or a recovery code).
    Result<void> disable_totp(const Actor& actor, const std::string& code, const AuditEvent& by);
    //! Sets the practice's rule inside the caller's transaction: "required" or "optional"
    //! (400 on `staff_second_factor` otherwise).
    Result<void> set_staff_second_factor_in(storage::Tx& tx, const std::string& practice_id,
                                            const std::string& rule);

    // --- passkeys (WebAuthn Level 2) ----------------------------------------------------------
    //! A challenge for creating a passkey (5 minutes, single use).
    Result<PasskeyRegistration> begin_passkey_registration(const Actor& actor);
    //! Checks the attestation (`client_data_json`, `attestation_object`: base64url) and stores
    //! the credential. 400 on `response` when anything does not check out.
    Result<Passkey> register_passkey(const Actor& actor, const webauthn::RelyingParty& rp,
                                     const std::string& client_data_json,
                                     const std::string& attestation_object, const std::string& name,
                                     const AuditEvent& by);
    Result<std::vector<Passkey>> list_passkeys(const Actor& actor);
    Result<void> delete_passkey(const Actor& actor, const std::string& id, const AuditEvent& by);
    //! A challenge for signing in with a passkey (5 minutes, single use).
    Result<std::string> begin_passkey_login();
    //! Signs in with a passkey: both factors at once. 401 `invalid_passkey` when it does not check
    //! out (throttled like a wrong password).
    Result<LoginResult> login_with_passkey(const webauthn::RelyingParty& rp,
                                           const PasskeyAssertion& assertion,
                                           const std::string& ip);

    // --- password resets: the practice sends a link, the person chooses the password ---------
    //! A one-time link (24 hours) for the user to choose a new password. The old password,
    //! sessions and API tokens stop working at once; older links of the user are retired.
    Result<Invite> create_password_reset(const std::string& practice_id, const std::string& user_id,
                                         const AuditEvent& by);
    //! Sets the password chosen through a reset link (400 on `token` when unknown, used or
    //! expired; on `password` when weak).
    Result<User> complete_password_reset(const std::string& token, const std::string& password,
                                         const std::string& ip);

    // --- portal invites -----------------------------------------------------------------
    //! The caller has checked (through the policy) that the actor may invite this client.
    Result<Invite> create_invite(const Actor& actor, const std::string& client_id,
                                 const std::string& email, const AuditEvent& by);
    //! `email` may be empty when the invite named one; otherwise it must match it.
    Result<User> accept_invite(const std::string& token, const std::string& password,
                               const std::string& email, const std::string& ip);

    const SessionTimeouts& timeouts() const { return m_timeouts; }

private:
    struct CachedSession {
        SessionInfo info;
        TimeMs expires_at = 0;
        TimeMs last_seen = 0;
        TimeMs cached_at = 0;
    };
    void forget_sessions_of(const std::string& user_id);

    std::mutex m_cache_mutex;
    std::unordered_map<std::string, CachedSession> m_session_cache;  // by token hash

    //! A new session for the user, with `event` (and `also`) in the same transaction.
    Result<LoginResult> start_session(const std::string& user_id, const std::string& practice_id,
                                      const std::string& ip, TimeMs now, const AuditEvent& event,
                                      const std::function<Result<void>(storage::Tx&)>& also = {});
    //! Checks the second factor of a user whose password matched, inside the sign-in's
    //! transaction, and marks the code used: true when one was checked and passed, false when the
    //! account has none (401 `second_factor_required` / `invalid_second_factor` otherwise).
    Result<bool> check_second_factor(storage::Tx& tx, const std::string& user_id,
                                     const std::string& practice_id, const SecondFactor& second,
                                     TimeMs now);

    storage::Database& m_db;
    audit::AuditLog& m_audit;
    vault::Vault& m_vault;
    SessionTimeouts m_timeouts;
    LoginThrottle m_throttle;
    ClientRecordCheck m_client_exists;
};

// --- what the modules above accounts ask of its tables, inside their own transaction ----------
// The SQL fragments let a module's one query filter or show by an account's data without naming
// the accounts store's tables.

//! Every practice's id (the vault keeps a data key for each).
Result<std::vector<std::string>> practice_ids_in(storage::Reader& reader);
//! True when `user_id` is an active therapist of the practice.
Result<bool> is_active_therapist_in(storage::Reader& reader, const std::string& practice_id,
                                    const std::string& user_id);
//! SQL selecting (one column) the ids of the therapists the user `user_param` supervises.
std::string supervisees_subquery(const std::string& user_param = "?");
//! SQL of 1 when a portal login is linked to the client record `client_column`, else 0.
std::string has_portal_login_sql(const std::string& client_column);
//! SQL of the personal-mode flag (0/1) of the practice `practice_column`.
std::string practice_personal_sql(const std::string& practice_column);
//! SQL of the name of the user `user_column` (NULL when there is none).
std::string user_name_sql(const std::string& user_column);

}  // namespace trove::accounts
