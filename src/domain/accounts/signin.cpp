// Signing in: passwords (throttled), cookie sessions with their in-memory cache, API tokens.
#include <algorithm>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "domain/accounts/account_store.hpp"
#include "domain/accounts/accounts.hpp"

namespace trove::accounts {

using store::clean_name;
using store::with_object;

namespace {

// Refreshing last_seen on every request would turn every read into a write; a minute of slack in
// the idle timeout costs nothing.
constexpr TimeMs kLastSeenResolutionMs = 60 * 1000;

// The session lookup runs on every request that misses the in-memory cache (always, on a shared
// PostgreSQL database): one statement, cached per connection by its text.
// It also says whether the practice requires a second factor the person has not set up.
const std::string kSessionLookup =
    "SELECT s.user_id, s.practice_id, s.csrf_token, s.last_seen_at, s.expires_at, u.role, "
    "u.active, u.client_id, p.staff_second_factor, (SELECT COUNT(*) FROM totp_secrets t WHERE "
    "t.user_id = u.id AND t.confirmed_at IS NOT NULL) + (SELECT COUNT(*) FROM passkeys k WHERE "
    "k.user_id = u.id) FROM sessions s JOIN users u ON u.id = s.user_id JOIN practices p ON p.id "
    "= u.practice_id WHERE s.token_hash = ?";

Error invalid_credentials() {
    return Error{ErrorCode::unauthenticated,
                 "invalid_credentials",
                 "The email address or password is not right.",
                 {},
                 {},
                 0};
}

// "1 second", "40 seconds", "2 minutes": how long to wait, as a person would say it.
std::string wait_text(int seconds) {
    if (seconds < 90)
        return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
    int minutes = (seconds + 59) / 60;
    return std::to_string(minutes) + " minutes";
}

Error too_many_attempts(TimeMs wait) {
    int seconds = static_cast<int>((wait + 999) / 1000);
    return Error{ErrorCode::too_many_requests,
                 "too_many_attempts",
                 "Too many sign-in attempts. Please wait " + wait_text(seconds) + " and try again.",
                 {},
                 {},
                 seconds};
}

Error session_ended() {
    return Error::unauthenticated("Your session has ended. Please sign in again.");
}

}  // namespace

Result<LoginResult> AccountService::login(const std::string& email_input,
                                          const std::string& password, const std::string& ip,
                                          const SecondFactor& second) {
    const TimeMs now = now_ms();
    auto email = normalize_email(email_input);
    // An unusable email is just another failed sign-in; it gets no separate message.
    std::string key = email.ok() ? email.value() : std::string("invalid");

    // Throttling slows guessing without letting a stranger lock a person out: a block of this
    // account from this address stops a sign-in before the password is looked at, unless a second
    // factor comes with it; blocks of the address (others failing from the same network) or of
    // the account (failures from many places) only refuse wrong passwords, so the right password
    // still gets through (throttle.hpp).
    const ThrottleWaits waits = TRY(m_throttle.waits(key, ip, now));
    const bool offers_second_factor = second.totp || second.recovery_code;
    if (waits.pair > 0 && !offers_second_factor)
        return too_many_attempts(waits.pair);

    std::optional<store::UserRecord> found;
    if (email.ok()) {
        TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
            found = TRY(store::users().select_one(r, "WHERE email = ?", {email.value()}));
            return {};
        }));
    }
    const std::string stored_hash = found ? found->password_hash.value_or("") : "";
    // Always run one Argon2 verification, so the response time does not reveal whether the email
    // exists or the account is inactive.
    const std::string& hash = !stored_hash.empty() ? stored_hash : crypto::dummy_password_hash();
    bool password_ok = crypto::verify_password(password, hash) && !stored_hash.empty();
    bool allowed = password_ok && found->active;

    AuditEvent e;
    e.at = now;
    e.ip = ip;
    e.action = "auth.login";
    e.object_type = "user";
    if (found) {
        e.practice_id = found->practice_id;
        e.actor_id = found->id;
        e.actor_role = std::string(to_string(found->role));
        e.object_id = found->id;
    }
    if (!allowed) {
        TRY(m_throttle.record_failure(key, ip, now));
        e.outcome = Outcome::denied;
        TRY(m_db.write([&](storage::Tx& tx) { return m_audit.append_in(tx, {e}); }));
        if (waits.longest() > 0)
            return too_many_attempts(waits.longest());
        return invalid_credentials();
    }
    // The password matched; with a second factor on, it must come too (its code is used up in
    // this transaction, so a code works once even across instances).
    bool second_checked = false;
    auto second_ok = m_db.write([&](storage::Tx& tx) -> Result<void> {
        second_checked = TRY(check_second_factor(tx, found->id, found->practice_id, second, now));
        return {};
    });
    // Past a block of this account from this address only with a second factor it really has.
    if (second_ok.ok() && !second_checked && waits.pair > 0)
        return too_many_attempts(waits.pair);
    if (!second_ok.ok()) {
        const Error& error = second_ok.error();
        if (error.public_code != "invalid_second_factor" &&
            error.public_code != "second_factor_required")
            return error;
        if (error.public_code == "invalid_second_factor")
            TRY(m_throttle.record_failure(key, ip, now));
        e.outcome = Outcome::denied;
        e.action = "auth.login_second_factor";
        TRY(m_db.write([&](storage::Tx& tx) { return m_audit.append_in(tx, {e}); }));
        if (error.public_code == "invalid_second_factor" && waits.longest() > 0)
            return too_many_attempts(waits.longest());
        return error;
    }
    TRY(m_throttle.record_success(key, ip));

    std::optional<std::string> rehash;
    if (crypto::password_needs_rehash(stored_hash))
        rehash = crypto::hash_password(password);
    return start_session(found->id, found->practice_id, ip, now, e,
                         [&](storage::Tx& tx) -> Result<void> {
                             if (rehash) {
                                 TRY(tx.exec("UPDATE users SET password_hash = ? WHERE id = ?",
                                             {*rehash, found->id}));
                             }
                             return {};
                         });
}

Result<LoginResult> AccountService::start_session(
    const std::string& user_id, const std::string& practice_id, const std::string& ip, TimeMs now,
    const AuditEvent& event, const std::function<Result<void>(storage::Tx&)>& also) {
    LoginResult result;
    result.session_token = crypto::random_token();
    result.csrf_token = crypto::random_token();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        store::SessionRecord session{crypto::sha256_hex(result.session_token),
                                     practice_id,
                                     user_id,
                                     result.csrf_token,
                                     now,
                                     now,
                                     now + m_timeouts.absolute_ms,
                                     ip};
        TRY(store::sessions().insert(tx, session));
        if (also)
            TRY(also(tx));
        return m_audit.append_in(tx, {event});
    }));
    result.user = TRY(get_user(practice_id, user_id));
    return result;
}

Result<SessionInfo> AccountService::authenticate_session(const std::string& token) {
    if (token.empty() || token.size() > 128)
        return session_ended();
    const TimeMs now = now_ms();
    SessionInfo info;
    std::string token_hash = crypto::sha256_hex(token);
    {
        std::lock_guard lock(m_cache_mutex);
        auto it = m_session_cache.find(token_hash);
        if (it != m_session_cache.end()) {
            const CachedSession& c = it->second;
            bool fresh = now - c.cached_at < m_timeouts.cache_ms && now < c.expires_at &&
                         now - c.last_seen < m_timeouts.idle_ms &&
                         now - c.last_seen <= kLastSeenResolutionMs;
            if (fresh)
                return c.info;
            m_session_cache.erase(it);
        }
    }
    bool refresh = false, ended = false;
    TimeMs expires_at = 0, last_seen_at = 0;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        bool found = false, active = false;
        TRY(r.each(kSessionLookup, {token_hash}, [&](const storage::Row& row) -> Result<void> {
            if (found)
                return {};
            found = true;
            // Sessions are keyed by the token's hash; the hash is what names the row in an error.
            const std::string id = token_hash.substr(0, 12);
            info.actor.user_id = row.text(0);
            info.actor.practice_id = row.text(1);
            info.csrf_token = row.text(2);
            auto flag = row.integer(6);
            if (!flag)
                return storage::undecodable("users", "active", info.actor.user_id);
            active = *flag != 0;
            if (!active)
                return {};
            TimeMs seen = TRY(storage::stored_time(row.text(3), "sessions", "last_seen_at", id));
            expires_at = TRY(storage::stored_time(row.text(4), "sessions", "expires_at", id));
            if (expires_at <= now || seen + m_timeouts.idle_ms <= now) {
                ended = true;
                return {};
            }
            refresh = now - seen > kLastSeenResolutionMs;
            last_seen_at = refresh ? now : seen;
            auto role = parse_role(row.text(5));
            if (!role)
                return storage::undecodable("users", "role", info.actor.user_id);
            info.actor.role = *role;
            if (auto client_id = row.optional_text(7))
                info.actor.client_id = *client_id;
            info.second_factor_setup_required = store::second_factor_setup_required(
                info.actor.role, row.text(8), row.integer(9).value_or(0) > 0);
            return {};
        }));
        if (!found || !active)
            return session_ended();
        return {};
    }));
    if (ended) {
        TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
            TRY(tx.exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash}));
            return {};
        }));
        return session_ended();
    }
    if (refresh) {
        TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
            TRY(tx.exec("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?",
                        {to_rfc3339(now), token_hash}));
            return {};
        }));
    }
    if (m_timeouts.cache_ms > 0) {
        std::lock_guard lock(m_cache_mutex);
        // A bound on memory: a flood of distinct tokens only ever costs a cache reset.
        if (m_session_cache.size() > 100000)
            m_session_cache.clear();
        m_session_cache[token_hash] = CachedSession{info, expires_at, last_seen_at, now};
    }
    return info;
}

void AccountService::forget_sessions_of(const std::string& user_id) {
    std::lock_guard lock(m_cache_mutex);
    std::erase_if(m_session_cache,
                  [&](const auto& entry) { return entry.second.info.actor.user_id == user_id; });
}

Result<Actor> AccountService::authenticate_api_token(const std::string& token) {
    if (token.empty() || token.size() > 128)
        return Error::unauthenticated("That API token is not valid.");
    Actor actor;
    actor.via_api_token = true;
    std::string token_hash = crypto::sha256_hex(token);
    const TimeMs now = now_ms();
    bool refresh = false, expired = false, setup_required = false;
    std::string token_id;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        bool found = false, active = false;
        TRY(r.each(
            "SELECT t.id, t.user_id, t.practice_id, t.last_used_at, u.role, u.active, "
            "u.client_id, t.created_at, t.expires_at, p.staff_second_factor, (SELECT COUNT(*) "
            "FROM totp_secrets s WHERE s.user_id = u.id AND s.confirmed_at IS NOT NULL) + "
            "(SELECT COUNT(*) FROM passkeys k WHERE k.user_id = u.id) FROM api_tokens t JOIN "
            "users u ON u.id = t.user_id JOIN practices p ON p.id = u.practice_id WHERE "
            "t.token_hash = ? AND t.revoked_at IS NULL",
            {token_hash}, [&](const storage::Row& row) -> Result<void> {
                if (found)
                    return {};
                found = true;
                token_id = row.text(0);
                actor.user_id = row.text(1);
                actor.practice_id = row.text(2);
                auto flag = row.integer(5);
                if (!flag)
                    return storage::undecodable("users", "active", actor.user_id);
                active = *flag != 0;
                if (!active)
                    return {};
                auto role = parse_role(row.text(4));
                if (!role)
                    return storage::undecodable("users", "role", actor.user_id);
                actor.role = *role;
                if (auto client_id = row.optional_text(6))
                    actor.client_id = *client_id;
                auto used =
                    TRY(storage::stored_time(row, 3, "api_tokens", "last_used_at", token_id));
                refresh = !used || now - *used > kLastSeenResolutionMs;
                store::ApiTokenRecord times;
                times.created_at =
                    TRY(storage::stored_time(row.text(7), "api_tokens", "created_at", token_id));
                times.expires_at =
                    TRY(storage::stored_time(row, 8, "api_tokens", "expires_at", token_id));
                expired = store::token_expiry(times) <= now;
                setup_required = store::second_factor_setup_required(
                    actor.role, row.text(9), row.integer(10).value_or(0) > 0);
                return {};
            }));
        if (!found || !active)
            return Error::unauthenticated("That API token is not valid or was revoked.");
        if (expired)
            return Error::unauthenticated("That API token has expired. Make a new one.");
        // Tokens are for therapists' and supervisors' scripts; any made by others before that
        // rule no longer work.
        if (actor.role != Role::therapist && actor.role != Role::supervisor)
            return Error::unauthenticated("That API token is not valid or was revoked.");
        if (setup_required) {
            return Error{ErrorCode::forbidden,
                         "second_factor_setup_required",
                         "Your practice requires a second factor. Sign in to Trove in a browser "
                         "and set one up first.",
                         {},
                         {},
                         0};
        }
        return {};
    }));
    if (refresh) {
        TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
            TRY(tx.exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
                        {to_rfc3339(now), token_id}));
            return {};
        }));
    }
    return actor;
}

Result<void> AccountService::logout(const std::string& token, const AuditEvent& by) {
    std::string token_hash = crypto::sha256_hex(token);
    {
        std::lock_guard lock(m_cache_mutex);
        m_session_cache.erase(token_hash);
    }
    return m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(tx.exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash}));
        return m_audit.append_in(tx, {with_object(by, "auth.logout", "user", by.actor_id)});
    });
}

Result<ApiToken> AccountService::create_api_token(const Actor& actor, const std::string& name,
                                                  int days, const AuditEvent& by) {
    if (days < 1 || days > kMaxTokenDays) {
        return Error::invalid("expires_in_days", "A token lasts from 1 to " +
                                                     std::to_string(kMaxTokenDays) + " days.");
    }
    ApiToken token;
    token.name = TRY(clean_name(name));
    token.id = new_id();
    token.secret = "trove_" + crypto::random_token();
    token.created_at = now_ms();
    token.expires_at = token.created_at + days * 24LL * 60 * 60 * 1000;
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        store::ApiTokenRecord rec;
        rec.id = token.id;
        rec.practice_id = actor.practice_id;
        rec.user_id = actor.user_id;
        rec.name = token.name;
        rec.token_hash = crypto::sha256_hex(token.secret);
        rec.created_at = token.created_at;
        rec.expires_at = token.expires_at;
        TRY(store::api_tokens().insert(tx, rec));
        return m_audit.append_in(tx, {with_object(by, "token.create", "api_token", token.id)});
    }));
    return token;
}

Result<std::vector<ApiToken>> AccountService::list_api_tokens(const Actor& actor) {
    std::vector<ApiToken> tokens;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        auto records = TRY(store::api_tokens().select(
            r, "WHERE user_id = ? AND revoked_at IS NULL ORDER BY id", {actor.user_id}));
        for (store::ApiTokenRecord& rec : records) {
            ApiToken t;
            t.id = std::move(rec.id);
            t.name = std::move(rec.name);
            t.created_at = rec.created_at;
            t.last_used_at = rec.last_used_at;
            t.expires_at = store::token_expiry(rec);
            tokens.push_back(std::move(t));
        }
        return {};
    }));
    return tokens;
}

Result<void> AccountService::revoke_api_token(const Actor& actor, const std::string& token_id,
                                              const AuditEvent& by) {
    return m_db.write([&](storage::Tx& tx) -> Result<void> {
        auto changed =
            TRY(tx.exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND "
                        "user_id = ? AND revoked_at IS NULL",
                        {to_rfc3339(now_ms()), token_id, actor.user_id}));
        if (changed == 0)
            return Error::not_found("API token");
        return m_audit.append_in(tx, {with_object(by, "token.revoke", "api_token", token_id)});
    });
}

}  // namespace trove::accounts
