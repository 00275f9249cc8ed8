// Portal invites: a single-use link with which a client sets up their own login.
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "domain/accounts/account_store.hpp"
#include "domain/accounts/accounts.hpp"
#include "domain/accounts/password_policy.hpp"

namespace trove::accounts {

namespace {
constexpr TimeMs kInviteLifetimeMs = 72LL * 60 * 60 * 1000;
}  // namespace

Result<Invite> AccountService::create_invite(const Actor& actor, const std::string& client_id,
                                             const std::string& email_input, const AuditEvent& by) {
    // The email may be left for the client to give when accepting.
    std::string email;
    if (!email_input.empty())
        email = TRY(normalize_email(email_input));
    Invite invite;
    invite.token = crypto::random_token();
    const TimeMs now = now_ms();
    invite.expires_at = now + kInviteLifetimeMs;
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        if (TRY(store::client_has_login(tx, client_id))) {
            return Error::conflict("conflict", "This client already has a portal account.");
        }
        if (!email.empty() && TRY(store::email_taken(tx, email)))
            return store::email_taken_error();
        std::string now_text = to_rfc3339(now);
        // Only the newest link works: issuing a new one retires the older ones.
        TRY(
            tx.exec("UPDATE invites SET expires_at = ? WHERE client_id = ? AND used_at IS NULL AND "
                    "expires_at > ?",
                    {now_text, client_id, now_text}));
        store::InviteRecord rec;
        rec.id = new_id();
        rec.practice_id = actor.practice_id;
        rec.client_id = client_id;
        rec.email = email;
        rec.token_hash = crypto::sha256_hex(invite.token);
        rec.created_by = actor.user_id;
        rec.created_at = now;
        rec.expires_at = invite.expires_at;
        TRY(store::invites().insert(tx, rec));
        return m_audit.append_in(tx,
                                 {store::with_object(by, "client.invite", "client", client_id)});
    }));
    return invite;
}

Result<User> AccountService::accept_invite(const std::string& token, const std::string& password,
                                           const std::string& email_input, const std::string& ip) {
    const Error not_valid{ErrorCode::invalid_input,
                          "invalid_invite",
                          "This invitation link is not valid any more. Please ask your therapist "
                          "for a new one.",
                          "token",
                          {},
                          0};
    if (token.empty() || token.size() > 128)
        return not_valid;
    const TimeMs now = now_ms();
    std::string token_hash = crypto::sha256_hex(token);

    // No join on clients: invites.client_id is a foreign key (enforced on both databases), so the
    // invite's client exists, and the accounts module does not read the clients module's tables.
    store::InviteRecord invite;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        auto found = TRY(store::invites().select_one(r, "WHERE token_hash = ? AND used_at IS NULL",
                                                     {token_hash}));
        if (!found || found->expires_at <= now)
            return not_valid;
        invite = std::move(*found);
        return {};
    }));
    std::string email = invite.email;
    if (!email_input.empty()) {
        std::string given = TRY(normalize_email(email_input));
        if (!email.empty() && given != email) {
            return Error::invalid("email", "This invitation was made for another email address.");
        }
        email = given;
    }
    if (email.empty()) {
        return Error::invalid("email", "Enter the email address you will sign in with.");
    }
    TRY(check_password(password, email));
    std::string hash = crypto::hash_password(password);
    std::string user_id = new_id();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        // The guard on used_at makes the link single-use even when two requests race.
        auto claimed =
            TRY(tx.exec("UPDATE invites SET used_at = ? WHERE id = ? AND used_at IS NULL",
                        {to_rfc3339(now), invite.id}));
        if (claimed == 0)
            return not_valid;
        if (TRY(store::email_taken(tx, email)))
            return store::email_taken_error();
        if (TRY(store::client_has_login(tx, invite.client_id)))
            return not_valid;
        NewUser user;
        user.practice_id = invite.practice_id;
        user.email = email;
        // The login is named after its email, not the client's display name: practice admins
        // manage logins and must not learn who is in care from the account list.
        user.name = email.substr(0, email.find('@'));
        user.role = Role::client;
        user.client_id = invite.client_id;
        TRY(store::insert_user(tx, user, user_id, hash, now));
        AuditEvent e;
        e.practice_id = invite.practice_id;
        e.actor_id = user_id;
        e.actor_role = "client";
        e.action = "invite.accept";
        e.object_type = "user";
        e.object_id = user_id;
        e.ip = ip;
        e.at = now;
        return m_audit.append_in(tx, {e});
    }));
    return get_user(invite.practice_id, user_id);
}

}  // namespace trove::accounts
