// One's own account: changing the password, authenticator-app codes with single-use recovery
// codes, signing out other sessions, and the practice's rule that staff need a second factor.
#include <algorithm>
#include <cctype>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "domain/accounts/account_store.hpp"
#include "domain/accounts/accounts.hpp"
#include "domain/accounts/password_policy.hpp"
#include "domain/accounts/totp.hpp"
#include "domain/vault/vault.hpp"

namespace trove::accounts {

using store::with_object;

namespace {

constexpr int kRecoveryCodes = 10;
constexpr const char* kIssuer = "Trove";

Error invalid_second_factor_field() {
    return Error{ErrorCode::invalid_input,
                 "invalid_second_factor",
                 "That code is not right. Enter the code your authenticator app shows now.",
                 "code",
                 {},
                 0};
}

// Recovery codes are typed by hand from paper: case, spaces and dashes do not matter.
std::string normalize_recovery_code(std::string_view code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ')
            continue;
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

// 12 base32 characters (60 random bits) in groups of four: "ABCD-EFGH-JKLM".
std::string new_recovery_code() {
    std::string text = totp::base32_encode(crypto::random_bytes(8)).substr(0, 12);
    return text.substr(0, 4) + "-" + text.substr(4, 4) + "-" + text.substr(8, 4);
}

std::string recovery_hash(std::string_view code) {
    return crypto::sha256_hex("trove-recovery:" + normalize_recovery_code(code));
}

bool is_staff(Role role) {
    return role == Role::admin || role == Role::therapist || role == Role::supervisor;
}

}  // namespace

namespace store {
bool second_factor_setup_required(Role role, const std::string& practice_rule,
                                  bool has_second_factor) {
    return practice_rule == "required" && is_staff(role) && !has_second_factor;
}
}  // namespace store

Result<bool> AccountService::check_second_factor(storage::Tx& tx, const std::string& user_id,
                                                 const std::string& practice_id,
                                                 const SecondFactor& second, TimeMs now) {
    auto totp_row = TRY(store::totp_secrets().select_one(
        tx, "WHERE user_id = ? AND confirmed_at IS NOT NULL", {user_id}));
    if (!totp_row)
        return false;
    const Error invalid{ErrorCode::unauthenticated,
                        "invalid_second_factor",
                        "That code is not right, or it was already used. Enter the code your "
                        "authenticator app shows now, or one of your recovery codes.",
                        {},
                        {},
                        0};
    if (second.totp) {
        const std::string text = TRY(m_vault.open(tx, practice_id, totp_row->secret));
        auto secret = totp::base32_decode(text);
        if (!secret)
            return storage::undecodable("totp_secrets", "secret", user_id);
        auto step = totp::match(*secret, *second.totp, now, totp_row->last_step);
        if (!step)
            return invalid;
        // Conditional on the step still being newer: two sign-ins racing with one code cannot
        // both succeed.
        auto changed =
            TRY(tx.exec("UPDATE totp_secrets SET last_step = ? WHERE user_id = ? AND last_step < ?",
                        {*step, user_id, *step}));
        if (changed != 1)
            return invalid;
        return true;
    }
    if (second.recovery_code) {
        auto changed =
            TRY(tx.exec("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND "
                        "code_hash = ? AND used_at IS NULL",
                        {to_rfc3339(now), user_id, recovery_hash(*second.recovery_code)}));
        if (changed != 1)
            return invalid;
        return true;
    }
    return Error{ErrorCode::unauthenticated,
                 "second_factor_required",
                 "Enter the code from your authenticator app to finish signing in.",
                 {},
                 {},
                 0};
}

Result<void> AccountService::change_password(const Actor& actor, const std::string& current,
                                             const std::string& next,
                                             const std::string& keep_session,
                                             const AuditEvent& by) {
    std::optional<store::UserRecord> user;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        user = TRY(store::users().select_one(r, "WHERE id = ?", {actor.user_id}));
        return {};
    }));
    if (!user || !user->password_hash || !crypto::verify_password(current, *user->password_hash)) {
        // Verify even without a hash, so timing says nothing.
        if (!user || !user->password_hash)
            crypto::verify_password(current, crypto::dummy_password_hash());
        return Error{ErrorCode::unauthenticated,
                     "invalid_credentials",
                     "Your current password is not right.",
                     {},
                     {},
                     0};
    }
    if (auto weak = check_password(next, user->email); !weak.ok()) {
        Error e = weak.error();
        e.field = "new";
        return e;
    }
    const std::string hash = crypto::hash_password(next);
    const std::string now = to_rfc3339(now_ms());
    const std::string keep = keep_session.empty() ? "" : crypto::sha256_hex(keep_session);
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(tx.exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                    {hash, now, actor.user_id}));
        // Whoever knew the old password is signed out everywhere else, and scripts must be given
        // new tokens.
        TRY(tx.exec("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
                    {actor.user_id, keep}));
        TRY(tx.exec("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                    {now, actor.user_id}));
        return m_audit.append_in(tx,
                                 {with_object(by, "user.password_change", "user", actor.user_id)});
    }));
    forget_sessions_of(actor.user_id);
    return {};
}

Result<void> AccountService::end_other_sessions(const Actor& actor, const std::string& keep_session,
                                                const AuditEvent& by) {
    const std::string keep = keep_session.empty() ? "" : crypto::sha256_hex(keep_session);
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(tx.exec("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
                    {actor.user_id, keep}));
        return m_audit.append_in(tx, {with_object(by, "user.sessions_end", "user", actor.user_id)});
    }));
    forget_sessions_of(actor.user_id);
    return {};
}

Result<TotpSetup> AccountService::begin_totp(const Actor& actor, const AuditEvent& by) {
    TotpSetup setup;
    setup.secret = totp::base32_encode(crypto::random_bytes(totp::kSecretBytes));
    const TimeMs now = now_ms();
    std::string email;
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        auto user = TRY(store::users().select_one(tx, "WHERE id = ?", {actor.user_id}));
        if (!user)
            return Error::not_found("user");
        email = user->email;
        auto existing =
            TRY(store::totp_secrets().select_one(tx, "WHERE user_id = ?", {actor.user_id}));
        if (existing && existing->confirmed_at) {
            return Error::conflict("totp_active",
                                   "An authenticator app is already set up. Turn it off first "
                                   "to set up another.");
        }
        TRY(tx.exec("DELETE FROM totp_secrets WHERE user_id = ?", {actor.user_id}));
        store::TotpRecord rec;
        rec.user_id = actor.user_id;
        rec.practice_id = actor.practice_id;
        rec.secret = TRY(m_vault.seal(tx, actor.practice_id, setup.secret));
        rec.last_step = 0;
        rec.created_at = now;
        TRY(store::totp_secrets().insert(tx, rec));
        return m_audit.append_in(tx, {with_object(by, "user.totp_begin", "user", actor.user_id)});
    }));
    setup.otpauth_url = totp::otpauth_url(kIssuer, email, setup.secret);
    return setup;
}

Result<std::vector<std::string>> AccountService::confirm_totp(const Actor& actor,
                                                              const std::string& code,
                                                              const AuditEvent& by) {
    const TimeMs now = now_ms();
    std::vector<std::string> codes;
    for (int i = 0; i < kRecoveryCodes; ++i)
        codes.push_back(new_recovery_code());
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        auto pending =
            TRY(store::totp_secrets().select_one(tx, "WHERE user_id = ?", {actor.user_id}));
        if (!pending || pending->confirmed_at) {
            return Error::conflict(
                pending ? "totp_active" : "totp_not_started",
                pending ? "An authenticator app is already set up."
                        : "Start setting up the authenticator app first: the code belongs to "
                          "the secret shown then.",
                "code");
        }
        const std::string text = TRY(m_vault.open(tx, actor.practice_id, pending->secret));
        auto secret = totp::base32_decode(text);
        if (!secret)
            return storage::undecodable("totp_secrets", "secret", actor.user_id);
        auto step = totp::match(*secret, code, now, pending->last_step);
        if (!step)
            return invalid_second_factor_field();
        TRY(tx.exec("UPDATE totp_secrets SET confirmed_at = ?, last_step = ? WHERE user_id = ?",
                    {to_rfc3339(now), *step, actor.user_id}));
        TRY(tx.exec("DELETE FROM recovery_codes WHERE user_id = ?", {actor.user_id}));
        for (const std::string& c : codes) {
            TRY(store::recovery_codes().insert(
                tx, {new_id(), actor.practice_id, actor.user_id, recovery_hash(c), std::nullopt}));
        }
        return m_audit.append_in(tx, {with_object(by, "user.totp_enable", "user", actor.user_id)});
    }));
    forget_sessions_of(actor.user_id);  // a session waiting for a second factor may go on
    return codes;
}

Result<void> AccountService::disable_totp(const Actor& actor, const std::string& code,
                                          const AuditEvent& by) {
    const TimeMs now = now_ms();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        auto active = TRY(store::totp_secrets().select_one(
            tx, "WHERE user_id = ? AND confirmed_at IS NOT NULL", {actor.user_id}));
        if (!active)
            return Error::not_found("authenticator");
        SecondFactor second;
        if (code.size() == totp::kDigits)
            second.totp = code;
        else
            second.recovery_code = code;
        if (!check_second_factor(tx, actor.user_id, actor.practice_id, second, now).ok())
            return invalid_second_factor_field();
        TRY(tx.exec("DELETE FROM totp_secrets WHERE user_id = ?", {actor.user_id}));
        TRY(tx.exec("DELETE FROM recovery_codes WHERE user_id = ?", {actor.user_id}));
        return m_audit.append_in(tx, {with_object(by, "user.totp_disable", "user", actor.user_id)});
    }));
    forget_sessions_of(actor.user_id);
    return {};
}

Result<void> AccountService::set_staff_second_factor_in(storage::Tx& tx,
                                                        const std::string& practice_id,
                                                        const std::string& rule) {
    if (rule != "required" && rule != "optional")
        return Error::invalid("staff_second_factor", "Choose required or optional.");
    auto changed = TRY(
        tx.exec("UPDATE practices SET staff_second_factor = ? WHERE id = ?", {rule, practice_id}));
    if (changed == 0)
        return Error::not_found("practice");
    std::lock_guard lock(m_cache_mutex);
    std::erase_if(m_session_cache, [&](const auto& entry) {
        return entry.second.info.actor.practice_id == practice_id;
    });
    return {};
}

}  // namespace trove::accounts
