// Passkeys (WebAuthn Level 2): registering one from a signed-in session, listing and removing
// them, and signing in with one. The checks themselves are in webauthn.cpp; here are the
// single-use challenges, the stored credentials and their signature counters.
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "domain/accounts/account_store.hpp"
#include "domain/accounts/accounts.hpp"

namespace trove::accounts {

using store::with_object;

namespace {

constexpr TimeMs kChallengeMs = 5 * 60 * 1000;
constexpr std::size_t kMaxPasskeysPerAccount = 20;

Error invalid_passkey() {
    return Error{ErrorCode::unauthenticated,
                 "invalid_passkey",
                 "That passkey could not sign you in. Try again, or sign in with your password.",
                 {},
                 {},
                 0};
}

std::string decode(const std::string& text) {
    std::string out;
    if (!crypto::base64url_decode(text, out))
        return {};
    return out;
}

// Stores a fresh challenge for `purpose` (and `user_id`, when registering); clears expired ones.
Result<std::string> new_challenge(storage::Database& db, const std::string& purpose,
                                  const std::string& user_id) {
    const std::string challenge = crypto::random_token();
    const TimeMs now = now_ms();
    TRY(db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(tx.exec("DELETE FROM webauthn_challenges WHERE expires_at < ?", {to_rfc3339(now)}));
        TRY(
            tx.exec("INSERT INTO webauthn_challenges (challenge_hash, purpose, user_id, "
                    "expires_at) VALUES (?, ?, ?, ?)",
                    {crypto::sha256_hex(challenge), purpose,
                     user_id.empty() ? storage::Param() : storage::Param(user_id),
                     to_rfc3339(now + kChallengeMs)}));
        return {};
    }));
    return challenge;
}

// Uses up a challenge inside `tx`: true when it existed for this purpose (and user) and had not
// expired.
Result<bool> take_challenge(storage::Tx& tx, const std::string& challenge,
                            const std::string& purpose, const std::string& user_id, TimeMs now) {
    if (challenge.empty())
        return false;
    auto changed = TRY(tx.exec(
        user_id.empty()
            ? "DELETE FROM webauthn_challenges WHERE challenge_hash = ? AND purpose = ? AND "
              "expires_at >= ? AND user_id IS NULL"
            : "DELETE FROM webauthn_challenges WHERE challenge_hash = ? AND purpose = ? AND "
              "expires_at >= ? AND user_id = ?",
        user_id.empty()
            ? storage::Params{crypto::sha256_hex(challenge), purpose, to_rfc3339(now)}
            : storage::Params{crypto::sha256_hex(challenge), purpose, to_rfc3339(now), user_id}));
    return changed == 1;
}

}  // namespace

Result<PasskeyRegistration> AccountService::begin_passkey_registration(const Actor& actor) {
    PasskeyRegistration out;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        auto user = TRY(store::users().select_one(r, "WHERE id = ?", {actor.user_id}));
        if (!user)
            return Error::not_found("user");
        out.user_name = user->email;
        out.display_name = user->name;
        for (auto& key :
             TRY(store::passkeys().select(r, "WHERE user_id = ? ORDER BY id", {actor.user_id})))
            out.existing_credential_ids.push_back(std::move(key.credential_id));
        return {};
    }));
    if (out.existing_credential_ids.size() >= kMaxPasskeysPerAccount) {
        return Error::conflict("too_many_passkeys",
                               "This account already has 20 passkeys. Remove one first.");
    }
    out.user_handle = crypto::base64url_encode(actor.user_id);
    out.challenge = TRY(new_challenge(m_db, "register", actor.user_id));
    return out;
}

Result<Passkey> AccountService::register_passkey(const Actor& actor,
                                                 const webauthn::RelyingParty& rp,
                                                 const std::string& client_data_json,
                                                 const std::string& attestation_object,
                                                 const std::string& name, const AuditEvent& by) {
    Passkey key;
    key.name = TRY(store::clean_name(name.empty() ? std::string("Passkey") : name));
    const std::string client_data = decode(client_data_json);
    const std::string attestation = decode(attestation_object);
    if (client_data.empty() || attestation.empty())
        return Error::invalid("response", "The passkey's answer is incomplete.");
    webauthn::ClientData data = TRY(webauthn::parse_client_data(client_data));
    webauthn::AuthenticatorData auth = TRY(webauthn::parse_attestation_object(attestation));
    TRY(webauthn::check_authenticator_data(auth, rp));
    webauthn::PublicKey public_key = TRY(webauthn::public_key_from_cose(auth.public_key));
    const TimeMs now = now_ms();
    key.id = new_id();
    key.created_at = now;
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        if (!TRY(take_challenge(tx, data.challenge, "register", actor.user_id, now))) {
            return Error::invalid("response",
                                  "This passkey request has expired or was already used. Start "
                                  "again.");
        }
        TRY(webauthn::check_client_data(data, "webauthn.create", data.challenge, rp));
        const std::string credential_id = crypto::base64url_encode(auth.credential_id);
        if (TRY(tx.exists("SELECT 1 FROM passkeys WHERE credential_id = ?", {credential_id}))) {
            return Error::conflict("passkey_exists", "This passkey is already registered.",
                                   "response");
        }
        store::PasskeyRecord rec;
        rec.id = key.id;
        rec.practice_id = actor.practice_id;
        rec.user_id = actor.user_id;
        rec.credential_id = credential_id;
        rec.public_key = crypto::base64url_encode(public_key.spki_der);
        rec.algorithm = public_key.algorithm;
        rec.sign_count = auth.sign_count;
        rec.name = key.name;
        rec.created_at = now;
        TRY(store::passkeys().insert(tx, rec));
        return m_audit.append_in(tx, {with_object(by, "user.passkey_add", "passkey", key.id)});
    }));
    forget_sessions_of(actor.user_id);  // a session waiting for a second factor may go on
    return key;
}

Result<std::vector<Passkey>> AccountService::list_passkeys(const Actor& actor) {
    std::vector<Passkey> out;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        for (auto& rec :
             TRY(store::passkeys().select(r, "WHERE user_id = ? ORDER BY id", {actor.user_id})))
            out.push_back({rec.id, rec.name, rec.created_at, rec.last_used_at});
        return {};
    }));
    return out;
}

Result<void> AccountService::delete_passkey(const Actor& actor, const std::string& id,
                                            const AuditEvent& by) {
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        auto changed =
            TRY(tx.exec("DELETE FROM passkeys WHERE id = ? AND user_id = ?", {id, actor.user_id}));
        if (changed == 0)
            return Error::not_found("passkey");
        return m_audit.append_in(tx, {with_object(by, "user.passkey_remove", "passkey", id)});
    }));
    forget_sessions_of(actor.user_id);
    return {};
}

Result<std::string> AccountService::begin_passkey_login() {
    return new_challenge(m_db, "login", "");
}

Result<LoginResult> AccountService::login_with_passkey(const webauthn::RelyingParty& rp,
                                                       const PasskeyAssertion& assertion,
                                                       const std::string& ip) {
    const TimeMs now = now_ms();
    // Failed passkey sign-ins from an address are counted together (there is no account to name
    // until the key is found) and back off like a password guessed from one place. A block of the
    // address by failed passwords does not stop a passkey: it is both factors at once.
    const std::string throttle_key = "passkey";
    const ThrottleWaits waits = TRY(m_throttle.waits(throttle_key, ip, now));
    if (waits.pair > 0) {
        const int seconds = static_cast<int>((waits.pair + 999) / 1000);
        return Error{ErrorCode::too_many_requests,
                     "too_many_attempts",
                     "Too many sign-in attempts. Please wait a little and try again.",
                     {},
                     {},
                     seconds};
    }
    std::optional<store::PasskeyRecord> key;
    std::optional<store::UserRecord> user;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        key = TRY(
            store::passkeys().select_one(r, "WHERE credential_id = ?", {assertion.credential_id}));
        if (key)
            user = TRY(store::users().select_one(r, "WHERE id = ?", {key->user_id}));
        return {};
    }));
    AuditEvent e;
    e.at = now;
    e.ip = ip;
    e.action = "auth.login_passkey";
    e.object_type = "user";
    if (user) {
        e.practice_id = user->practice_id;
        e.actor_id = user->id;
        e.actor_role = std::string(to_string(user->role));
        e.object_id = user->id;
    }
    auto refuse = [&]() -> Result<LoginResult> {
        TRY(m_throttle.record_failure(throttle_key, ip, now));
        e.outcome = Outcome::denied;
        TRY(m_db.write([&](storage::Tx& tx) { return m_audit.append_in(tx, {e}); }));
        return invalid_passkey();
    };
    if (!key || !user || !user->active)
        return refuse();
    const std::string client_data = decode(assertion.client_data_json);
    const std::string authenticator_data = decode(assertion.authenticator_data);
    const std::string signature = decode(assertion.signature);
    auto data = webauthn::parse_client_data(client_data);
    auto auth = webauthn::parse_authenticator_data(authenticator_data, false);
    if (!data.ok() || !auth.ok() || !webauthn::check_authenticator_data(*auth, rp).ok() ||
        !webauthn::check_client_data(*data, "webauthn.get", data->challenge, rp).ok())
        return refuse();
    webauthn::PublicKey public_key{key->algorithm, decode(key->public_key)};
    if (!webauthn::verify(public_key, authenticator_data + webauthn::sha256(client_data),
                          signature))
        return refuse();
    // A counter that does not move forward means a copy of the authenticator exists somewhere.
    if ((auth->sign_count != 0 || key->sign_count != 0) &&
        static_cast<std::int64_t>(auth->sign_count) <= key->sign_count)
        return refuse();
    bool challenge_ok = false;
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        challenge_ok = TRY(take_challenge(tx, data->challenge, "login", "", now));
        return {};
    }));
    if (!challenge_ok)
        return refuse();
    e.outcome = Outcome::allowed;
    return start_session(
        user->id, user->practice_id, ip, now, e, [&](storage::Tx& tx) -> Result<void> {
            TRY(
                tx.exec("UPDATE passkeys SET sign_count = ?, last_used_at = ? "
                        "WHERE id = ?",
                        {static_cast<std::int64_t>(auth->sign_count), to_rfc3339(now), key->id}));
            return {};
        });
}

}  // namespace trove::accounts
