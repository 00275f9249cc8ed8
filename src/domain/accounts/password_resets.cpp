// Password resets issued by the practice: the admin sends a one-time link and the person chooses
// the new password, so nobody at the practice ever knows it (an admin who could set passwords could
// sign in as a client and read their record). The audit trail records who reset it.
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "domain/accounts/account_store.hpp"
#include "domain/accounts/accounts.hpp"
#include "domain/accounts/password_policy.hpp"

namespace trove::accounts {

using store::with_object;

namespace {
constexpr TimeMs kResetLifetimeMs = 24LL * 60 * 60 * 1000;

Error reset_link_invalid() {
    return Error::invalid("token",
                          "This reset link has expired or was already used. Ask your practice "
                          "for a new one.");
}
}  // namespace

Result<Invite> AccountService::create_password_reset(const std::string& practice_id,
                                                     const std::string& user_id,
                                                     const AuditEvent& by) {
    Invite link;
    link.token = crypto::random_token();
    const TimeMs now = now_ms();
    link.expires_at = now + kResetLifetimeMs;
    const std::string now_text = to_rfc3339(now);
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        auto user = TRY(store::users().select_one(tx, "WHERE id = ? AND practice_id = ?",
                                                  {user_id, practice_id}));
        if (!user)
            return Error::not_found("user");
        // The old password stops working now: whoever knew it is locked out until the person
        // chooses a new one.
        TRY(tx.exec("UPDATE users SET password_hash = NULL, updated_at = ? WHERE id = ?",
                    {now_text, user_id}));
        TRY(tx.exec("DELETE FROM sessions WHERE user_id = ?", {user_id}));
        TRY(tx.exec("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                    {now_text, user_id}));
        TRY(tx.exec("UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                    {now_text, user_id}));
        TRY(
            tx.exec("INSERT INTO password_resets (id, practice_id, user_id, token_hash, "
                    "created_by, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                    "NULL)",
                    {new_id(), practice_id, user_id, crypto::sha256_hex(link.token),
                     by.actor_id.empty() ? std::string("cli") : by.actor_id, now_text,
                     to_rfc3339(link.expires_at)}));
        return m_audit.append_in(tx, {with_object(by, "user.password_reset", "user", user_id)});
    }));
    forget_sessions_of(user_id);
    return link;
}

Result<User> AccountService::complete_password_reset(const std::string& token,
                                                     const std::string& password,
                                                     const std::string& ip) {
    if (token.empty() || token.size() > 128)
        return reset_link_invalid();
    const TimeMs now = now_ms();
    const std::string token_hash = crypto::sha256_hex(token);
    std::string user_id, practice_id, email, role;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        TRY(r.each(
            "SELECT r.user_id, r.practice_id, r.expires_at, u.email, u.role FROM password_resets "
            "r JOIN users u ON u.id = r.user_id WHERE r.token_hash = ? AND r.used_at IS "
            "NULL AND u.active = ?",
            {token_hash, true}, [&](const storage::Row& row) -> Result<void> {
                TimeMs expires = TRY(storage::stored_time(row.text(2), "password_resets",
                                                          "expires_at", row.text(0)));
                if (expires <= now)
                    return {};
                user_id = row.text(0);
                practice_id = row.text(1);
                email = row.text(3);
                role = row.text(4);
                return {};
            }));
        return {};
    }));
    if (user_id.empty())
        return reset_link_invalid();
    TRY(check_password(password, email));
    const std::string hash = crypto::hash_password(password);
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        auto used =
            TRY(tx.exec("UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND "
                        "used_at IS NULL",
                        {to_rfc3339(now), token_hash}));
        if (used != 1)
            return reset_link_invalid();
        TRY(tx.exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                    {hash, to_rfc3339(now), user_id}));
        AuditEvent e;
        e.at = now;
        e.ip = ip;
        e.practice_id = practice_id;
        e.actor_id = user_id;
        e.actor_role = role;
        return m_audit.append_in(tx, {with_object(e, "user.password_set", "user", user_id)});
    }));
    return get_user(practice_id, user_id);
}

}  // namespace trove::accounts
