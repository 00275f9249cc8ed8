#include "domain/accounts/account_store.hpp"

#include <algorithm>

#include "i18n/locales.hpp"

namespace trove::accounts::store {

namespace {

constexpr size_t kMaxNameLength = 200;

bool valid_utf8_text(std::string_view s) {
    // Control characters have no place in names; the JSON layer has already rejected bad UTF-8.
    return std::none_of(s.begin(), s.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// A language stored as its code; anything but a supported one does not decode.
template <typename Record>
storage::Column<Record> locale_column(const char* name, std::string Record::*field) {
    return storage::custom_column<Record>(
        name, [field](const Record& r) { return storage::Param(r.*field); },
        [field](const storage::Row& row, int index, Record& r) {
            std::string value = row.text(index);
            if (!i18n::is_supported(value))
                return false;
            r.*field = std::move(value);
            return true;
        });
}

}  // namespace

const storage::Table<PracticeRecord>& practices() {
    static const storage::Table<PracticeRecord> table{
        "practices",
        {storage::column("id", &PracticeRecord::id), storage::column("name", &PracticeRecord::name),
         storage::time_column("created_at", &PracticeRecord::created_at),
         storage::column("personal", &PracticeRecord::personal),
         locale_column("default_locale", &PracticeRecord::default_locale),
         storage::custom_column<PracticeRecord>(
             "staff_second_factor",
             [](const PracticeRecord& r) { return storage::Param(r.staff_second_factor); },
             [](const storage::Row& row, int index, PracticeRecord& r) {
                 std::string value = row.text(index);
                 if (value != "optional" && value != "required")
                     return false;
                 r.staff_second_factor = std::move(value);
                 return true;
             })}};
    return table;
}

const storage::Table<UserRecord>& users() {
    static const storage::Table<UserRecord> table{
        "users",
        {storage::column("id", &UserRecord::id),
         storage::column("practice_id", &UserRecord::practice_id),
         storage::column("email", &UserRecord::email), storage::column("name", &UserRecord::name),
         storage::custom_column<UserRecord>(
             "role", [](const UserRecord& r) { return storage::Param(to_string(r.role)); },
             [](const storage::Row& row, int index, UserRecord& r) {
                 auto role = parse_role(row.text(index));
                 if (!role)
                     return false;
                 r.role = *role;
                 return true;
             }),
         storage::column("password_hash", &UserRecord::password_hash),
         storage::column("active", &UserRecord::active),
         storage::column("client_id", &UserRecord::client_id),
         storage::time_column("created_at", &UserRecord::created_at),
         storage::time_column("updated_at", &UserRecord::updated_at),
         locale_column("locale", &UserRecord::locale)}};
    return table;
}

const storage::Table<SupervisionRecord>& supervision() {
    static const storage::Table<SupervisionRecord> table{
        "supervision",
        {storage::column("practice_id", &SupervisionRecord::practice_id),
         storage::column("supervisor_id", &SupervisionRecord::supervisor_id),
         storage::column("therapist_id", &SupervisionRecord::therapist_id)}};
    return table;
}

const storage::Table<SessionRecord>& sessions() {
    static const storage::Table<SessionRecord> table{
        "sessions",
        {storage::column("token_hash", &SessionRecord::token_hash),
         storage::column("practice_id", &SessionRecord::practice_id),
         storage::column("user_id", &SessionRecord::user_id),
         storage::column("csrf_token", &SessionRecord::csrf_token),
         storage::time_column("created_at", &SessionRecord::created_at),
         storage::time_column("last_seen_at", &SessionRecord::last_seen_at),
         storage::time_column("expires_at", &SessionRecord::expires_at),
         storage::column("ip", &SessionRecord::ip)}};
    return table;
}

const storage::Table<ApiTokenRecord>& api_tokens() {
    static const storage::Table<ApiTokenRecord> table{
        "api_tokens",
        {storage::column("id", &ApiTokenRecord::id),
         storage::column("practice_id", &ApiTokenRecord::practice_id),
         storage::column("user_id", &ApiTokenRecord::user_id),
         storage::column("name", &ApiTokenRecord::name),
         storage::column("token_hash", &ApiTokenRecord::token_hash),
         storage::time_column("created_at", &ApiTokenRecord::created_at),
         storage::time_column("last_used_at", &ApiTokenRecord::last_used_at),
         storage::time_column("revoked_at", &ApiTokenRecord::revoked_at),
         storage::time_column("expires_at", &ApiTokenRecord::expires_at)}};
    return table;
}

TimeMs token_expiry(const ApiTokenRecord& token) {
    return token.expires_at.value_or(token.created_at + 90LL * 24 * 60 * 60 * 1000);
}

const storage::Table<TotpRecord>& totp_secrets() {
    static const storage::Table<TotpRecord> table{
        "totp_secrets",
        {storage::column("user_id", &TotpRecord::user_id),
         storage::column("practice_id", &TotpRecord::practice_id),
         storage::column("secret", &TotpRecord::secret),
         storage::time_column("confirmed_at", &TotpRecord::confirmed_at),
         storage::column("last_step", &TotpRecord::last_step),
         storage::time_column("created_at", &TotpRecord::created_at)}};
    return table;
}

const storage::Table<PasskeyRecord>& passkeys() {
    static const storage::Table<PasskeyRecord> table{
        "passkeys",
        {storage::column("id", &PasskeyRecord::id),
         storage::column("practice_id", &PasskeyRecord::practice_id),
         storage::column("user_id", &PasskeyRecord::user_id),
         storage::column("credential_id", &PasskeyRecord::credential_id),
         storage::column("public_key", &PasskeyRecord::public_key),
         storage::column("algorithm", &PasskeyRecord::algorithm),
         storage::column("sign_count", &PasskeyRecord::sign_count),
         storage::column("name", &PasskeyRecord::name),
         storage::time_column("created_at", &PasskeyRecord::created_at),
         storage::time_column("last_used_at", &PasskeyRecord::last_used_at)}};
    return table;
}

const storage::Table<RecoveryCodeRecord>& recovery_codes() {
    static const storage::Table<RecoveryCodeRecord> table{
        "recovery_codes",
        {storage::column("id", &RecoveryCodeRecord::id),
         storage::column("practice_id", &RecoveryCodeRecord::practice_id),
         storage::column("user_id", &RecoveryCodeRecord::user_id),
         storage::column("code_hash", &RecoveryCodeRecord::code_hash),
         storage::time_column("used_at", &RecoveryCodeRecord::used_at)}};
    return table;
}

const storage::Table<InviteRecord>& invites() {
    static const storage::Table<InviteRecord> table{
        "invites",
        {storage::column("id", &InviteRecord::id),
         storage::column("practice_id", &InviteRecord::practice_id),
         storage::column("client_id", &InviteRecord::client_id),
         storage::column("email", &InviteRecord::email),
         storage::column("token_hash", &InviteRecord::token_hash),
         storage::column("created_by", &InviteRecord::created_by),
         storage::time_column("created_at", &InviteRecord::created_at),
         storage::time_column("expires_at", &InviteRecord::expires_at),
         storage::time_column("used_at", &InviteRecord::used_at)}};
    return table;
}

User to_user(UserRecord rec) {
    User u;
    u.id = std::move(rec.id);
    u.practice_id = std::move(rec.practice_id);
    u.email = std::move(rec.email);
    u.name = std::move(rec.name);
    u.role = rec.role;
    u.active = rec.active;
    u.client_id = rec.client_id.value_or("");
    u.locale = std::move(rec.locale);
    u.created_at = rec.created_at;
    return u;
}

Result<std::string> clean_name(std::string_view name) {
    std::string trimmed(name);
    trimmed.erase(0, trimmed.find_first_not_of(" \t"));
    trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
    if (trimmed.empty())
        return Error::invalid("name", "Enter a name.");
    if (trimmed.size() > kMaxNameLength || !valid_utf8_text(trimmed)) {
        return Error::invalid("name", "Enter a name of at most 200 characters.");
    }
    return trimmed;
}

AuditEvent with_object(AuditEvent e, std::string action, std::string type, std::string id) {
    e.action = std::move(action);
    e.object_type = std::move(type);
    e.object_id = std::move(id);
    return e;
}

Result<std::optional<User>> load_user(storage::Reader& reader, std::string_view column,
                                      const std::string& value) {
    auto rec = TRY(users().select_one(reader, "WHERE " + std::string(column) + " = ?", {value}));
    if (!rec)
        return std::optional<User>();
    User u = to_user(std::move(*rec));
    u.totp_enabled = TRY(reader.exists(
        "SELECT 1 FROM totp_secrets WHERE user_id = ? AND confirmed_at IS NOT NULL", {u.id}));
    TRY(reader.each("SELECT COUNT(*) FROM passkeys WHERE user_id = ?", {u.id},
                    [&](const storage::Row& row) -> Result<void> {
                        u.passkeys = static_cast<int>(row.integer(0).value_or(0));
                        return {};
                    }));
    // Both directions in one query; a row ordered by (supervisor, therapist) keeps each list
    // sorted by the other party's id.
    TRY(
        reader.each("SELECT supervisor_id, therapist_id FROM supervision WHERE therapist_id = ? OR "
                    "supervisor_id = ? ORDER BY supervisor_id, therapist_id",
                    {u.id, u.id}, [&](const storage::Row& row) -> Result<void> {
                        std::string supervisor = row.text(0), therapist = row.text(1);
                        if (therapist == u.id)
                            u.supervisor_ids.push_back(supervisor);
                        if (supervisor == u.id)
                            u.supervisee_ids.push_back(therapist);
                        return {};
                    }));
    return std::optional<User>(std::move(u));
}

Result<bool> email_taken(storage::Reader& reader, const std::string& email) {
    return reader.exists("SELECT 1 FROM users WHERE email = ?", {email});
}

Error email_taken_error() {
    return Error::conflict("email_taken", "An account with this email address already exists.",
                           "email");
}

Result<bool> client_has_login(storage::Reader& reader, const std::string& client_id) {
    return reader.exists("SELECT 1 FROM users WHERE client_id = ?", {client_id});
}

Result<void> insert_user(storage::Tx& tx, const NewUser& user, const std::string& id,
                         const std::string& password_hash, TimeMs now) {
    UserRecord rec;
    rec.id = id;
    rec.practice_id = user.practice_id;
    rec.email = user.email;
    rec.name = user.name;
    rec.role = user.role;
    rec.password_hash = password_hash;
    rec.active = true;
    if (!user.client_id.empty())
        rec.client_id = user.client_id;
    rec.created_at = now;
    rec.updated_at = now;
    // Every way an account is made (an admin, an invite, the demo, the command line) comes here,
    // so every new account starts in the practice's language.
    auto practice = TRY(practices().select_one(tx, "WHERE id = ?", {user.practice_id}));
    if (!practice)
        return Error::not_found("practice");
    rec.locale = practice->default_locale;
    return users().insert(tx, rec);
}

Result<std::string> checked_locale(const std::string& locale, const char* field) {
    if (!i18n::is_supported(locale))
        return Error::invalid(field, std::string(i18n::kLocaleHint));
    return locale;
}

}  // namespace trove::accounts::store
