#include "domain/accounts/accounts.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "domain/accounts/password_policy.hpp"
#include "storage/table.hpp"

namespace trove::accounts {

namespace {

constexpr TimeMs kInviteLifetimeMs = 72LL * 60 * 60 * 1000;
// Refreshing last_seen on every request would turn every read into a write; a minute of slack in
// the idle timeout costs nothing.
constexpr TimeMs kLastSeenResolutionMs = 60 * 1000;
constexpr size_t kMaxNameLength = 200;

// The session lookup runs on every request that misses the in-memory cache (always, on a shared
// PostgreSQL database), so it is prepared once per connection.
struct SessionLookup {
    std::string token_hash, user_id, practice_id, csrf_token, last_seen, expires, role, client_id;
    int active = 0;
    soci::indicator client_ind = soci::i_null;
    soci::statement st;
    explicit SessionLookup(soci::session& sql)
        : st((sql.prepare << "SELECT s.user_id, s.practice_id, s.csrf_token, s.last_seen_at, "
                             "s.expires_at, u.role, u.active, u.client_id FROM sessions s JOIN "
                             "users u ON u.id = s.user_id WHERE s.token_hash = :h",
              soci::into(user_id), soci::into(practice_id), soci::into(csrf_token),
              soci::into(last_seen), soci::into(expires), soci::into(role), soci::into(active),
              soci::into(client_id, client_ind), soci::use(token_hash))) {}
};

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

bool valid_utf8_text(std::string_view s) {
    // Control characters have no place in names; the JSON layer has already rejected bad UTF-8.
    return std::none_of(s.begin(), s.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
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

struct UserRow {
    std::string id, practice_id, email, name, role, client_id, created_at;
    int active = 1;
    soci::indicator client_ind = soci::i_null;
};

Result<User> to_user(const UserRow& row) {
    User u;
    u.id = row.id;
    u.practice_id = row.practice_id;
    u.email = row.email;
    u.name = row.name;
    auto role = parse_role(row.role);
    if (!role)
        return storage::undecodable("users", "role", row.id);
    u.role = *role;
    u.active = row.active != 0;
    u.client_id = row.client_ind == soci::i_ok ? row.client_id : "";
    u.created_at = TRY(storage::stored_time(row.created_at, "users", "created_at", row.id));
    return u;
}

constexpr const char* kUserColumns =
    "id, practice_id, email, name, role, active, client_id, created_at FROM users";

// Loads one user by a unique column, with supervision links.
Result<std::optional<User>> load_user(soci::session& sql, const std::string& column,
                                      const std::string& value) {
    UserRow row;
    sql << std::string("SELECT ") + kUserColumns + " WHERE " + column + " = :v", soci::into(row.id),
        soci::into(row.practice_id), soci::into(row.email), soci::into(row.name),
        soci::into(row.role), soci::into(row.active), soci::into(row.client_id, row.client_ind),
        soci::into(row.created_at), soci::use(value);
    if (!sql.got_data())
        return std::optional<User>();
    User u = TRY(to_user(row));
    soci::rowset<std::string> supervisors =
        (sql.prepare << "SELECT supervisor_id FROM supervision WHERE therapist_id = :id ORDER BY "
                        "supervisor_id",
         soci::use(u.id));
    u.supervisor_ids.assign(supervisors.begin(), supervisors.end());
    soci::rowset<std::string> supervisees =
        (sql.prepare << "SELECT therapist_id FROM supervision WHERE supervisor_id = :id ORDER BY "
                        "therapist_id",
         soci::use(u.id));
    u.supervisee_ids.assign(supervisees.begin(), supervisees.end());
    return std::optional<User>(std::move(u));
}

bool email_taken(soci::session& sql, const std::string& email) {
    int count = 0;
    sql << "SELECT COUNT(*) FROM users WHERE email = :e", soci::into(count), soci::use(email);
    return count > 0;
}

Error email_taken_error() {
    return Error::conflict("email_taken", "An account with this email address already exists.",
                           "email");
}

// Inserts a validated user; the caller's transaction also carries the audit event.
void insert_user(soci::session& sql, const NewUser& user, const std::string& id,
                 const std::string& password_hash, const std::string& now) {
    soci::indicator client_ind = user.client_id.empty() ? soci::i_null : soci::i_ok;
    std::string role(to_string(user.role));
    int active = 1;
    sql << "INSERT INTO users (id, practice_id, email, name, role, password_hash, active, "
           "client_id, created_at, updated_at) VALUES (:id, :p, :e, :n, :r, :h, :a, :c, :t, :u)",
        soci::use(id), soci::use(user.practice_id), soci::use(user.email), soci::use(user.name),
        soci::use(role), soci::use(password_hash), soci::use(active),
        soci::use(user.client_id, client_ind), soci::use(now), soci::use(now);
}

void revoke_everything(soci::session& sql, const std::string& user_id, const std::string& now) {
    sql << "DELETE FROM sessions WHERE user_id = :u", soci::use(user_id);
    sql << "UPDATE api_tokens SET revoked_at = :t WHERE user_id = :u AND revoked_at IS NULL",
        soci::use(now), soci::use(user_id);
}

AuditEvent with_object(AuditEvent e, std::string action, std::string type, std::string id) {
    e.action = std::move(action);
    e.object_type = std::move(type);
    e.object_id = std::move(id);
    return e;
}

// Checks that every id names a user of `role` in the practice.
Result<void> check_role_ids(soci::session& sql, const std::string& practice_id,
                            const std::vector<std::string>& ids, Role role,
                            const std::string& field) {
    for (const std::string& id : ids) {
        std::string found_role;
        sql << "SELECT role FROM users WHERE id = :id AND practice_id = :p", soci::into(found_role),
            soci::use(id), soci::use(practice_id);
        if (!sql.got_data() || found_role != to_string(role)) {
            return Error::invalid(field, "Every entry must be the id of a " +
                                             std::string(to_string(role)) + " in this practice.");
        }
    }
    return {};
}

}  // namespace

Result<std::string> normalize_email(std::string_view email) {
    std::string e(email);
    e.erase(0, e.find_first_not_of(" \t"));
    e.erase(e.find_last_not_of(" \t") + 1);
    std::transform(e.begin(), e.end(), e.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    size_t at = e.find('@');
    bool plausible = !e.empty() && e.size() <= 254 && at != std::string::npos && at > 0 &&
                     at == e.rfind('@') && at + 1 < e.size() &&
                     e.find('.', at) != std::string::npos && e.back() != '.' &&
                     std::none_of(e.begin(), e.end(), [](unsigned char c) {
                         return c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' ||
                                c == ',' || c == ';';
                     });
    if (!plausible)
        return Error::invalid("email", "Enter an email address like name@example.org.");
    return e;
}

AccountService::AccountService(storage::Database& db, audit::AuditLog& audit,
                               SessionTimeouts timeouts)
    : m_db(db), m_audit(audit), m_timeouts(timeouts), m_throttle(db) {}

Result<Practice> AccountService::create_practice(const std::string& name, const AuditEvent& by,
                                                 bool personal) {
    Practice p;
    p.name = TRY(clean_name(name));
    p.id = new_id();
    p.personal = personal;
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        int flag = personal;
        sql << "INSERT INTO practices (id, name, created_at, personal) VALUES (:id, :n, :t, :p)",
            soci::use(p.id), soci::use(p.name), soci::use(now), soci::use(flag);
        AuditEvent e = with_object(by, "practice.create", "practice", p.id);
        e.practice_id = p.id;
        return m_audit.append_in(sql, {e});
    }));
    return p;
}

Result<std::optional<Practice>> AccountService::find_personal_practice() {
    std::optional<Practice> found;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        Practice p;
        sql << "SELECT id, name FROM practices WHERE personal = 1 ORDER BY created_at",
            soci::into(p.id), soci::into(p.name);
        if (sql.got_data()) {
            p.personal = true;
            found = p;
        }
        return {};
    }));
    return found;
}

Result<Practice> AccountService::get_practice(const std::string& practice_id) {
    Practice p;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        int personal = 0;
        sql << "SELECT id, name, personal FROM practices WHERE id = :id", soci::into(p.id),
            soci::into(p.name), soci::into(personal), soci::use(practice_id);
        if (!sql.got_data())
            return Error::not_found("practice");
        p.personal = personal != 0;
        return {};
    }));
    return p;
}

Result<User> AccountService::create_user(const NewUser& input, const AuditEvent& by) {
    NewUser user = input;
    user.email = TRY(normalize_email(input.email));
    user.name = TRY(clean_name(input.name));
    TRY(check_password(user.password, user.email));
    if (user.role == Role::client && user.client_id.empty()) {
        return Error::invalid("client_id",
                              "A client login must name the client record it belongs to.");
    }
    if (user.role != Role::client && !user.client_id.empty()) {
        return Error::invalid("client_id", "Only a client login can be linked to a client record.");
    }
    // Hash outside the transaction: Argon2 takes tens of milliseconds and must not hold the lock.
    std::string hash = crypto::hash_password(user.password);
    std::string id = new_id();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        int practices = 0;
        sql << "SELECT COUNT(*) FROM practices WHERE id = :p", soci::into(practices),
            soci::use(user.practice_id);
        if (practices == 0)
            return Error::invalid("practice", "That practice does not exist.");
        if (email_taken(sql, user.email))
            return email_taken_error();
        if (!user.client_id.empty()) {
            int clients = 0;
            sql << "SELECT COUNT(*) FROM clients WHERE id = :c AND practice_id = :p",
                soci::into(clients), soci::use(user.client_id), soci::use(user.practice_id);
            if (clients == 0) {
                return Error::invalid("client_id",
                                      "That client record does not exist in this practice.");
            }
            int logins = 0;
            sql << "SELECT COUNT(*) FROM users WHERE client_id = :c", soci::into(logins),
                soci::use(user.client_id);
            if (logins > 0) {
                return Error::conflict("conflict", "This client already has a portal account.",
                                       "client_id");
            }
        }
        insert_user(sql, user, id, hash, to_rfc3339(now_ms()));
        AuditEvent e = with_object(by, "user.create", "user", id);
        e.practice_id = user.practice_id;
        return m_audit.append_in(sql, {e});
    }));
    return get_user(user.practice_id, id);
}

Result<std::vector<User>> AccountService::list_users(const std::string& practice_id) {
    std::vector<User> users;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::map<std::string, size_t> index;
        soci::rowset<soci::row> rows =
            (sql.prepare << std::string("SELECT ") + kUserColumns +
                                " WHERE practice_id = :p ORDER BY role, name, id",
             soci::use(practice_id));
        for (const soci::row& r : rows) {
            UserRow row;
            row.id = r.get<std::string>(0);
            row.practice_id = r.get<std::string>(1);
            row.email = r.get<std::string>(2);
            row.name = r.get<std::string>(3);
            row.role = r.get<std::string>(4);
            row.active = r.get<int>(5, 0);
            row.client_ind = r.get_indicator(6);
            if (row.client_ind == soci::i_ok)
                row.client_id = r.get<std::string>(6);
            row.created_at = r.get<std::string>(7);
            index[row.id] = users.size();
            users.push_back(TRY(to_user(row)));
        }
        std::string supervisor, therapist;
        soci::statement links =
            (sql.prepare << "SELECT supervisor_id, therapist_id FROM supervision WHERE "
                            "practice_id = :p ORDER BY supervisor_id, therapist_id",
             soci::into(supervisor), soci::into(therapist), soci::use(practice_id));
        links.execute();
        while (links.fetch()) {
            if (auto it = index.find(therapist); it != index.end()) {
                users[it->second].supervisor_ids.push_back(supervisor);
            }
            if (auto it = index.find(supervisor); it != index.end()) {
                users[it->second].supervisee_ids.push_back(therapist);
            }
        }
        return {};
    }));
    return users;
}

Result<User> AccountService::get_user(const std::string& practice_id, const std::string& user_id) {
    std::optional<User> user;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        user = TRY(load_user(sql, "id", user_id));
        return {};
    }));
    if (!user || user->practice_id != practice_id)
        return Error::not_found("user");
    return *user;
}

Result<std::optional<User>> AccountService::find_user_by_email(const std::string& email_input) {
    std::string email = TRY(normalize_email(email_input));
    std::optional<User> user;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        user = TRY(load_user(sql, "email", email));
        return {};
    }));
    return user;
}

Result<User> AccountService::update_user(const std::string& practice_id, const std::string& user_id,
                                         const UserPatch& patch, const AuditEvent& by) {
    User current = TRY(get_user(practice_id, user_id));
    std::optional<std::string> name;
    if (patch.name)
        name = TRY(clean_name(*patch.name));
    std::optional<std::string> hash;
    if (patch.password) {
        TRY(check_password(*patch.password, current.email));
        hash = crypto::hash_password(*patch.password);
    }
    if (patch.active && !*patch.active && by.actor_id == user_id) {
        return Error::conflict("conflict", "You cannot deactivate your own account.", "active");
    }
    if (patch.supervisor_ids && current.role != Role::therapist) {
        return Error::invalid("supervisor_ids", "Only therapists have supervisors.");
    }
    if (patch.supervisee_ids && current.role != Role::supervisor) {
        return Error::invalid("supervisee_ids", "Only supervisors have supervisees.");
    }
    const bool deactivating = patch.active && !*patch.active && current.active;
    if (patch.reassign_to && !deactivating) {
        return Error::invalid("reassign_to",
                              "A caseload is handed over only when an account is deactivated.");
    }
    if (patch.reassign_to) {
        auto to = get_user(practice_id, *patch.reassign_to);
        if (!to || to->role != Role::therapist || !to->active || to->id == user_id) {
            return Error::invalid("reassign_to",
                                  "Choose another active therapist of this practice to take over.");
        }
    }
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::vector<AuditEvent> handover;
        if (deactivating && patch.on_deactivate)
            handover = TRY(patch.on_deactivate(sql, user_id, patch.reassign_to));
        std::string now = to_rfc3339(now_ms());
        if (name) {
            sql << "UPDATE users SET name = :n, updated_at = :t WHERE id = :id", soci::use(*name),
                soci::use(now), soci::use(user_id);
        }
        if (patch.active) {
            int active = *patch.active ? 1 : 0;
            sql << "UPDATE users SET active = :a, updated_at = :t WHERE id = :id",
                soci::use(active), soci::use(now), soci::use(user_id);
            if (!*patch.active)
                revoke_everything(sql, user_id, now);
        }
        if (hash) {
            sql << "UPDATE users SET password_hash = :h, updated_at = :t WHERE id = :id",
                soci::use(*hash), soci::use(now), soci::use(user_id);
            // A reset password ends every session that knew the old one.
            sql << "DELETE FROM sessions WHERE user_id = :u", soci::use(user_id);
        }
        auto replace_links = [&](const std::vector<std::string>& ids, bool as_therapist) {
            std::set<std::string> unique(ids.begin(), ids.end());
            if (as_therapist) {
                sql << "DELETE FROM supervision WHERE therapist_id = :u", soci::use(user_id);
            } else {
                sql << "DELETE FROM supervision WHERE supervisor_id = :u", soci::use(user_id);
            }
            for (const std::string& other : unique) {
                const std::string& supervisor = as_therapist ? other : user_id;
                const std::string& therapist = as_therapist ? user_id : other;
                sql << "INSERT INTO supervision (practice_id, supervisor_id, therapist_id) VALUES "
                       "(:p, :s, :t)",
                    soci::use(practice_id), soci::use(supervisor), soci::use(therapist);
            }
        };
        if (patch.supervisor_ids) {
            TRY(check_role_ids(sql, practice_id, *patch.supervisor_ids, Role::supervisor,
                               "supervisor_ids"));
            replace_links(*patch.supervisor_ids, true);
        }
        if (patch.supervisee_ids) {
            TRY(check_role_ids(sql, practice_id, *patch.supervisee_ids, Role::therapist,
                               "supervisee_ids"));
            replace_links(*patch.supervisee_ids, false);
        }
        std::vector<AuditEvent> events{with_object(by, "user.update", "user", user_id)};
        if (hash)
            events.push_back(with_object(by, "user.password_reset", "user", user_id));
        if (patch.active && !*patch.active) {
            events.push_back(with_object(by, "user.deactivate", "user", user_id));
        }
        events.insert(events.end(), handover.begin(), handover.end());
        return m_audit.append_in(sql, events);
    }));
    if (hash || patch.active)
        forget_sessions_of(user_id);
    return get_user(practice_id, user_id);
}

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

    struct Found {
        std::string id, practice_id, hash, role;
        int active = 0;
    };
    std::optional<Found> found;
    if (email.ok()) {
        TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
            Found f;
            soci::indicator hash_ind = soci::i_null;
            sql << "SELECT id, practice_id, password_hash, role, active FROM users WHERE email = "
                   ":e",
                soci::into(f.id), soci::into(f.practice_id), soci::into(f.hash, hash_ind),
                soci::into(f.role), soci::into(f.active), soci::use(email.value());
            if (sql.got_data()) {
                if (hash_ind != soci::i_ok)
                    f.hash.clear();
                found = f;
            }
            return {};
        }));
    }
    // Always run one Argon2 verification, so the response time does not reveal whether the email
    // exists or the account is inactive.
    const std::string& hash =
        found && !found->hash.empty() ? found->hash : crypto::dummy_password_hash();
    bool password_ok = crypto::verify_password(password, hash) && found && !found->hash.empty();
    bool allowed = password_ok && found->active != 0;

    AuditEvent e;
    e.at = now;
    e.ip = ip;
    e.action = "auth.login";
    e.object_type = "user";
    if (found) {
        e.practice_id = found->practice_id;
        e.actor_id = found->id;
        e.actor_role = found->role;
        e.object_id = found->id;
    }
    if (!allowed) {
        TRY(m_throttle.record_failure(key, ip, now));
        e.outcome = Outcome::denied;
        TRY(m_db.transact([&](soci::session& sql) { return m_audit.append_in(sql, {e}); }));
        return invalid_credentials();
    }
    TRY(m_throttle.record_success(key, ip));

    LoginResult result;
    result.session_token = crypto::random_token();
    result.csrf_token = crypto::random_token();
    std::optional<std::string> rehash;
    if (crypto::password_needs_rehash(found->hash))
        rehash = crypto::hash_password(password);
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string token_hash = crypto::sha256_hex(result.session_token);
        std::string created = to_rfc3339(now);
        std::string expires = to_rfc3339(now + m_timeouts.absolute_ms);
        sql << "INSERT INTO sessions (token_hash, practice_id, user_id, csrf_token, created_at, "
               "last_seen_at, expires_at, ip) VALUES (:h, :p, :u, :c, :t, :t2, :x, :ip)",
            soci::use(token_hash), soci::use(found->practice_id), soci::use(found->id),
            soci::use(result.csrf_token), soci::use(created), soci::use(created),
            soci::use(expires), soci::use(ip);
        if (rehash) {
            sql << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(*rehash),
                soci::use(found->id);
        }
        return m_audit.append_in(sql, {e});
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
    TRY(m_db.with_connection([&](storage::Connection& conn) -> Result<void> {
        auto& q = conn.prepared<SessionLookup>("accounts.session");
        q.token_hash = token_hash;
        bool found = q.st.execute(true);
        conn.finish(q.st);
        info.actor.user_id = q.user_id;
        info.actor.practice_id = q.practice_id;
        info.csrf_token = q.csrf_token;
        const std::string& last_seen = q.last_seen;
        const std::string& expires = q.expires;
        const std::string& role = q.role;
        const std::string& client_id = q.client_id;
        const int active = q.active;
        const soci::indicator client_ind = q.client_ind;
        if (!found || active == 0)
            return session_ended();
        // Sessions are keyed by the token's hash; the hash is what names the row in an error.
        const std::string row = token_hash.substr(0, 12);
        TimeMs seen = TRY(storage::stored_time(last_seen, "sessions", "last_seen_at", row));
        expires_at = TRY(storage::stored_time(expires, "sessions", "expires_at", row));
        if (expires_at <= now || seen + m_timeouts.idle_ms <= now) {
            ended = true;
            return {};
        }
        refresh = now - seen > kLastSeenResolutionMs;
        last_seen_at = refresh ? now : seen;
        auto parsed_role = parse_role(role);
        if (!parsed_role)
            return storage::undecodable("users", "role", info.actor.user_id);
        info.actor.role = *parsed_role;
        if (client_ind == soci::i_ok)
            info.actor.client_id = client_id;
        return {};
    }));
    if (ended) {
        TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
            sql << "DELETE FROM sessions WHERE token_hash = :h", soci::use(token_hash);
            return {};
        }));
        return session_ended();
    }
    if (refresh) {
        TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
            std::string seen = to_rfc3339(now);
            sql << "UPDATE sessions SET last_seen_at = :t WHERE token_hash = :h", soci::use(seen),
                soci::use(token_hash);
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
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string role, client_id, last_used;
        int active = 0;
        soci::indicator client_ind = soci::i_null, used_ind = soci::i_null;
        sql << "SELECT t.id, t.user_id, t.practice_id, t.last_used_at, u.role, u.active, "
               "u.client_id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash "
               "= :h AND t.revoked_at IS NULL",
            soci::into(token_id), soci::into(actor.user_id), soci::into(actor.practice_id),
            soci::into(last_used, used_ind), soci::into(role), soci::into(active),
            soci::into(client_id, client_ind), soci::use(token_hash);
        if (!sql.got_data() || active == 0) {
            return Error::unauthenticated("That API token is not valid or was revoked.");
        }
        auto parsed_role = parse_role(role);
        if (!parsed_role)
            return storage::undecodable("users", "role", actor.user_id);
        actor.role = *parsed_role;
        if (client_ind == soci::i_ok)
            actor.client_id = client_id;
        refresh =
            used_ind != soci::i_ok ||
            now - TRY(storage::stored_time(last_used, "api_tokens", "last_used_at", token_id)) >
                kLastSeenResolutionMs;
        return {};
    }));
    if (refresh) {
        TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
            std::string t = to_rfc3339(now);
            sql << "UPDATE api_tokens SET last_used_at = :t WHERE id = :id", soci::use(t),
                soci::use(token_id);
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
    return m_db.transact([&](soci::session& sql) -> Result<void> {
        sql << "DELETE FROM sessions WHERE token_hash = :h", soci::use(token_hash);
        return m_audit.append_in(sql, {with_object(by, "auth.logout", "user", by.actor_id)});
    });
}

Result<ApiToken> AccountService::create_api_token(const Actor& actor, const std::string& name,
                                                  const AuditEvent& by) {
    ApiToken token;
    token.name = TRY(clean_name(name));
    token.id = new_id();
    token.secret = "trove_" + crypto::random_token();
    token.created_at = now_ms();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string hash = crypto::sha256_hex(token.secret);
        std::string at = to_rfc3339(token.created_at);
        sql << "INSERT INTO api_tokens (id, practice_id, user_id, name, token_hash, created_at) "
               "VALUES (:id, :p, :u, :n, :h, :t)",
            soci::use(token.id), soci::use(actor.practice_id), soci::use(actor.user_id),
            soci::use(token.name), soci::use(hash), soci::use(at);
        return m_audit.append_in(sql, {with_object(by, "token.create", "api_token", token.id)});
    }));
    return token;
}

Result<std::vector<ApiToken>> AccountService::list_api_tokens(const Actor& actor) {
    std::vector<ApiToken> tokens;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        ApiToken t;
        std::string created, used;
        soci::indicator used_ind = soci::i_null;
        soci::statement st = (sql.prepare << "SELECT id, name, created_at, last_used_at FROM "
                                             "api_tokens WHERE user_id = :u AND revoked_at IS "
                                             "NULL ORDER BY id",
                              soci::into(t.id), soci::into(t.name), soci::into(created),
                              soci::into(used, used_ind), soci::use(actor.user_id));
        st.execute();
        while (st.fetch()) {
            ApiToken copy = t;
            copy.created_at = TRY(storage::stored_time(created, "api_tokens", "created_at", t.id));
            if (used_ind == soci::i_ok)
                copy.last_used_at =
                    TRY(storage::stored_time(used, "api_tokens", "last_used_at", t.id));
            tokens.push_back(std::move(copy));
        }
        return {};
    }));
    return tokens;
}

Result<void> AccountService::revoke_api_token(const Actor& actor, const std::string& token_id,
                                              const AuditEvent& by) {
    return m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        soci::statement st = (sql.prepare << "UPDATE api_tokens SET revoked_at = :t WHERE id = :id "
                                             "AND user_id = :u AND revoked_at IS NULL",
                              soci::use(now), soci::use(token_id), soci::use(actor.user_id));
        st.execute(true);
        if (st.get_affected_rows() == 0)
            return Error::not_found("API token");
        return m_audit.append_in(sql, {with_object(by, "token.revoke", "api_token", token_id)});
    });
}

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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        int logins = 0;
        sql << "SELECT COUNT(*) FROM users WHERE client_id = :c", soci::into(logins),
            soci::use(client_id);
        if (logins > 0) {
            return Error::conflict("conflict", "This client already has a portal account.");
        }
        if (!email.empty() && email_taken(sql, email))
            return email_taken_error();
        std::string now_text = to_rfc3339(now);
        // Only the newest link works: issuing a new one retires the older ones.
        sql << "UPDATE invites SET expires_at = :t WHERE client_id = :c AND used_at IS NULL AND "
               "expires_at > :t2",
            soci::use(now_text), soci::use(client_id), soci::use(now_text);
        std::string id = new_id();
        std::string hash = crypto::sha256_hex(invite.token);
        std::string expires = to_rfc3339(invite.expires_at);
        sql << "INSERT INTO invites (id, practice_id, client_id, email, token_hash, created_by, "
               "created_at, expires_at) VALUES (:id, :p, :c, :e, :h, :b, :t, :x)",
            soci::use(id), soci::use(actor.practice_id), soci::use(client_id), soci::use(email),
            soci::use(hash), soci::use(actor.user_id), soci::use(now_text), soci::use(expires);
        return m_audit.append_in(sql, {with_object(by, "client.invite", "client", client_id)});
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

    struct InviteRow {
        std::string id, practice_id, client_id, email, expires;
    } row;
    std::string display_name;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        sql << "SELECT i.id, i.practice_id, i.client_id, i.email, i.expires_at, c.display_name "
               "FROM invites i JOIN clients c ON c.id = i.client_id WHERE i.token_hash = :h AND "
               "i.used_at IS NULL",
            soci::into(row.id), soci::into(row.practice_id), soci::into(row.client_id),
            soci::into(row.email), soci::into(row.expires), soci::into(display_name),
            soci::use(token_hash);
        if (!sql.got_data())
            return not_valid;
        if (TRY(storage::stored_time(row.expires, "invites", "expires_at", row.id)) <= now)
            return not_valid;
        return {};
    }));
    if (!email_input.empty()) {
        std::string given = TRY(normalize_email(email_input));
        if (!row.email.empty() && given != row.email) {
            return Error::invalid("email", "This invitation was made for another email address.");
        }
        row.email = given;
    }
    if (row.email.empty()) {
        return Error::invalid("email", "Enter the email address you will sign in with.");
    }
    TRY(check_password(password, row.email));
    std::string hash = crypto::hash_password(password);
    std::string user_id = new_id();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now_text = to_rfc3339(now);
        // The guard on used_at makes the link single-use even when two requests race.
        soci::statement claim =
            (sql.prepare << "UPDATE invites SET used_at = :t WHERE id = :id AND "
                            "used_at IS NULL",
             soci::use(now_text), soci::use(row.id));
        claim.execute(true);
        if (claim.get_affected_rows() == 0)
            return not_valid;
        if (email_taken(sql, row.email))
            return email_taken_error();
        int logins = 0;
        sql << "SELECT COUNT(*) FROM users WHERE client_id = :c", soci::into(logins),
            soci::use(row.client_id);
        if (logins > 0)
            return not_valid;
        NewUser user;
        user.practice_id = row.practice_id;
        user.email = row.email;
        // The login is named after its email, not the client's display name: practice admins
        // manage logins and must not learn who is in care from the account list.
        user.name = row.email.substr(0, row.email.find('@'));
        user.role = Role::client;
        user.client_id = row.client_id;
        insert_user(sql, user, user_id, hash, now_text);
        AuditEvent e;
        e.practice_id = row.practice_id;
        e.actor_id = user_id;
        e.actor_role = "client";
        e.action = "invite.accept";
        e.object_type = "user";
        e.object_id = user_id;
        e.ip = ip;
        e.at = now;
        return m_audit.append_in(sql, {e});
    }));
    return get_user(row.practice_id, user_id);
}

}  // namespace trove::accounts
