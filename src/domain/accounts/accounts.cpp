// Practices and user accounts, with supervision links. Signing in is in signin.cpp, portal invites
// in invites.cpp; the tables are described in account_store.cpp.
#include "domain/accounts/accounts.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "domain/accounts/account_store.hpp"
#include "domain/accounts/password_policy.hpp"

namespace trove::accounts {

using store::clean_name;
using store::with_object;

namespace {

Result<void> revoke_everything(storage::Tx& tx, const std::string& user_id,
                               const std::string& now) {
    TRY(tx.exec("DELETE FROM sessions WHERE user_id = ?", {user_id}));
    TRY(tx.exec("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                {now, user_id}));
    return {};
}

// Checks that every id names a user of `role` in the practice.
Result<void> check_role_ids(storage::Reader& reader, const std::string& practice_id,
                            const std::vector<std::string>& ids, Role role,
                            const std::string& field) {
    for (const std::string& id : ids) {
        auto found_role = TRY(reader.text("SELECT role FROM users WHERE id = ? AND practice_id = ?",
                                          {id, practice_id}));
        if (!found_role || *found_role != to_string(role)) {
            return Error::invalid(field, "Every entry must be the id of a " +
                                             std::string(to_string(role)) + " in this practice.");
        }
    }
    return {};
}

// Replaces the user's supervision links on one side (as the therapist, or as the supervisor).
Result<void> replace_links(storage::Tx& tx, const std::string& practice_id,
                           const std::string& user_id, const std::vector<std::string>& ids,
                           bool as_therapist) {
    std::set<std::string> unique(ids.begin(), ids.end());
    TRY(tx.exec(as_therapist ? "DELETE FROM supervision WHERE therapist_id = ?"
                             : "DELETE FROM supervision WHERE supervisor_id = ?",
                {user_id}));
    for (const std::string& other : unique) {
        store::SupervisionRecord link{practice_id, as_therapist ? other : user_id,
                                      as_therapist ? user_id : other};
        TRY(store::supervision().insert(tx, link));
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

AccountService::AccountService(storage::Database& db, audit::AuditLog& audit, vault::Vault& vault,
                               SessionTimeouts timeouts)
    : m_db(db), m_audit(audit), m_vault(vault), m_timeouts(timeouts), m_throttle(db) {}

Result<Practice> AccountService::create_practice(const std::string& name, const AuditEvent& by,
                                                 bool personal) {
    Practice p;
    p.name = TRY(clean_name(name));
    p.id = new_id();
    p.personal = personal;
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        store::PracticeRecord rec{p.id, p.name, now_ms(), personal};
        TRY(store::practices().insert(tx, rec));
        AuditEvent e = with_object(by, "practice.create", "practice", p.id);
        e.practice_id = p.id;
        return m_audit.append_in(tx, {e});
    }));
    return p;
}

Result<std::optional<Practice>> AccountService::find_personal_practice() {
    std::optional<Practice> found;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        auto rec = TRY(store::practices().select_one(r, "WHERE personal = 1 ORDER BY created_at"));
        if (rec)
            found = Practice{rec->id, rec->name, true, rec->default_locale};
        return {};
    }));
    return found;
}

Result<Practice> AccountService::get_practice(const std::string& practice_id) {
    Practice p;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        auto rec = TRY(store::practices().select_one(r, "WHERE id = ?", {practice_id}));
        if (!rec)
            return Error::not_found("practice");
        p = Practice{rec->id, rec->name, rec->personal, rec->default_locale,
                     rec->staff_second_factor};
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
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        if (!TRY(tx.exists("SELECT 1 FROM practices WHERE id = ?", {user.practice_id})))
            return Error::invalid("practice", "That practice does not exist.");
        if (TRY(store::email_taken(tx, user.email)))
            return store::email_taken_error();
        if (!user.client_id.empty()) {
            // The clients module may not be asked from here (it sits beside accounts, not below),
            // so the one existence check reads its table directly.
            if (!TRY(tx.exists("SELECT 1 FROM clients WHERE id = ? AND practice_id = ?",
                               {user.client_id, user.practice_id}))) {
                return Error::invalid("client_id",
                                      "That client record does not exist in this practice.");
            }
            if (TRY(store::client_has_login(tx, user.client_id))) {
                return Error::conflict("conflict", "This client already has a portal account.",
                                       "client_id");
            }
        }
        TRY(store::insert_user(tx, user, id, hash, now_ms()));
        AuditEvent e = with_object(by, "user.create", "user", id);
        e.practice_id = user.practice_id;
        return m_audit.append_in(tx, {e});
    }));
    return get_user(user.practice_id, id);
}

Result<std::vector<User>> AccountService::list_users(const std::string& practice_id) {
    std::vector<User> users;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        std::map<std::string, size_t> index;
        auto records = TRY(store::users().select(r, "WHERE practice_id = ? ORDER BY role, name, id",
                                                 {practice_id}));
        users.reserve(records.size());
        for (store::UserRecord& rec : records) {
            User u = store::to_user(std::move(rec));
            index[u.id] = users.size();
            users.push_back(std::move(u));
        }
        TRY(
            r.each("SELECT user_id FROM totp_secrets WHERE practice_id = ? AND confirmed_at IS "
                   "NOT NULL",
                   {practice_id}, [&](const storage::Row& row) -> Result<void> {
                       if (auto it = index.find(row.text(0)); it != index.end())
                           users[it->second].totp_enabled = true;
                       return {};
                   }));
        return r.each(
            "SELECT supervisor_id, therapist_id FROM supervision WHERE practice_id = ? "
            "ORDER BY supervisor_id, therapist_id",
            {practice_id}, [&](const storage::Row& row) -> Result<void> {
                std::string supervisor = row.text(0), therapist = row.text(1);
                if (auto it = index.find(therapist); it != index.end())
                    users[it->second].supervisor_ids.push_back(supervisor);
                if (auto it = index.find(supervisor); it != index.end())
                    users[it->second].supervisee_ids.push_back(therapist);
                return {};
            });
    }));
    return users;
}

Result<User> AccountService::get_user(const std::string& practice_id, const std::string& user_id) {
    std::optional<User> user;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        user = TRY(store::load_user(r, "id", user_id));
        return {};
    }));
    if (!user || user->practice_id != practice_id)
        return Error::not_found("user");
    return *user;
}

Result<std::optional<User>> AccountService::find_user_by_email(const std::string& email_input) {
    std::string email = TRY(normalize_email(email_input));
    std::optional<User> user;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        user = TRY(store::load_user(r, "email", email));
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
    if (patch.locale)
        TRY(store::checked_locale(*patch.locale, "locale"));
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
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        std::vector<AuditEvent> handover;
        if (deactivating && patch.on_deactivate)
            handover = TRY(patch.on_deactivate(tx, user_id, patch.reassign_to));
        std::string now = to_rfc3339(now_ms());
        if (name) {
            TRY(tx.exec("UPDATE users SET name = ?, updated_at = ? WHERE id = ?",
                        {*name, now, user_id}));
        }
        if (patch.locale) {
            TRY(tx.exec("UPDATE users SET locale = ?, updated_at = ? WHERE id = ?",
                        {*patch.locale, now, user_id}));
        }
        if (patch.active) {
            TRY(tx.exec("UPDATE users SET active = ?, updated_at = ? WHERE id = ?",
                        {*patch.active, now, user_id}));
            if (!*patch.active)
                TRY(revoke_everything(tx, user_id, now));
        }
        if (hash) {
            TRY(tx.exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                        {*hash, now, user_id}));
            // A reset password ends every session that knew the old one, and every API token.
            TRY(revoke_everything(tx, user_id, now));
        }
        if (patch.supervisor_ids) {
            TRY(check_role_ids(tx, practice_id, *patch.supervisor_ids, Role::supervisor,
                               "supervisor_ids"));
            TRY(replace_links(tx, practice_id, user_id, *patch.supervisor_ids, true));
        }
        if (patch.supervisee_ids) {
            TRY(check_role_ids(tx, practice_id, *patch.supervisee_ids, Role::therapist,
                               "supervisee_ids"));
            TRY(replace_links(tx, practice_id, user_id, *patch.supervisee_ids, false));
        }
        std::vector<AuditEvent> events{with_object(by, "user.update", "user", user_id)};
        if (hash)
            events.push_back(with_object(by, "user.password_reset", "user", user_id));
        if (patch.active && !*patch.active) {
            events.push_back(with_object(by, "user.deactivate", "user", user_id));
        }
        events.insert(events.end(), handover.begin(), handover.end());
        return m_audit.append_in(tx, events);
    }));
    if (hash || patch.active)
        forget_sessions_of(user_id);
    return get_user(practice_id, user_id);
}

Result<void> AccountService::set_default_locale_in(storage::Tx& tx, const std::string& practice_id,
                                                   const std::string& locale) {
    TRY(store::checked_locale(locale, "default_locale"));
    auto changed =
        TRY(tx.exec("UPDATE practices SET default_locale = ? WHERE id = ?", {locale, practice_id}));
    if (changed == 0)
        return Error::not_found("practice");
    return {};
}

Result<std::string> AccountService::client_locale(const std::string& practice_id,
                                                  const std::string& client_id) {
    std::string locale;
    TRY(m_db.read([&](storage::Reader& r) -> Result<void> {
        // A client without a portal login still gets the practice's language.
        auto login = TRY(store::users().select_one(r, "WHERE client_id = ? AND practice_id = ?",
                                                   {client_id, practice_id}));
        if (login) {
            locale = login->locale;
            return {};
        }
        auto practice = TRY(store::practices().select_one(r, "WHERE id = ?", {practice_id}));
        if (!practice)
            return Error::not_found("practice");
        locale = practice->default_locale;
        return {};
    }));
    return locale;
}

}  // namespace trove::accounts
