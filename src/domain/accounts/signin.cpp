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
const std::string kSessionLookup =
    "SELECT s.user_id, s.practice_id, s.csrf_token, s.last_seen_at, s.expires_at, u.role, "
    "u.active, u.client_id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?";

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

Error session_ended() {
    return Error::unauthenticated("Your session has ended. Please sign in again.");
}

}  // namespace

Result<LoginResult> AccountService::login(const std::string& email_input,
                                          const std::string& password, const std::string& ip) {
    const TimeMs now = now_ms();
    auto email = normalize_email(email_input);
    // An unusable email is just another failed sign-in; it gets no separate message.
    std::string key = email.ok() ? email.value() : std::string("invalid");

    TimeMs wait = TRY(m_throttle.wait_ms(key, ip, now));
    if (wait > 0) {
        int seconds = static_cast<int>((wait + 999) / 1000);
        return Error{
            ErrorCode::too_many_requests,
            "too_many_attempts",
            "Too many sign-in attempts. Please wait " + wait_text(seconds) + " and try again.",
            {},
            {},
            seconds};
    }

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
        return invalid_credentials();
    }
    TRY(m_throttle.record_success(key, ip));

    LoginResult result;
    result.session_token = crypto::random_token();
    result.csrf_token = crypto::random_token();
    std::optional<std::string> rehash;
    if (crypto::password_needs_rehash(stored_hash))
        rehash = crypto::hash_password(password);
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        store::SessionRecord session{crypto::sha256_hex(result.session_token),
                                     found->practice_id,
                                     found->id,
                                     result.csrf_token,
                                     now,
                                     now,
                                     now + m_timeouts.absolute_ms,
                                     ip};
        TRY(store::sessions().insert(tx, session));
        if (rehash) {
            TRY(tx.exec("UPDATE users SET password_hash = ? WHERE id = ?", {*rehash, found->id}));
        }
        return m_audit.append_in(tx, {e});
    }));
    result.user = TRY(get_user(found->practice_id, found->id));
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
    bool refresh = false;
    std::string token_id;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        bool found = false, active = false;
        TRY(r.each(
            "SELECT t.id, t.user_id, t.practice_id, t.last_used_at, u.role, u.active, "
            "u.client_id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE "
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
                return {};
            }));
        if (!found || !active)
            return Error::unauthenticated("That API token is not valid or was revoked.");
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
                                                  const AuditEvent& by) {
    ApiToken token;
    token.name = TRY(clean_name(name));
    token.id = new_id();
    token.secret = "trove_" + crypto::random_token();
    token.created_at = now_ms();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        store::ApiTokenRecord rec;
        rec.id = token.id;
        rec.practice_id = actor.practice_id;
        rec.user_id = actor.user_id;
        rec.name = token.name;
        rec.token_hash = crypto::sha256_hex(token.secret);
        rec.created_at = token.created_at;
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
