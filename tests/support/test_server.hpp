#pragma once
// A real Trove (App: SQLite file, HTTP server on an ephemeral port) for integration tests, a small
// HTTP client built on Boost.Beast, and a seeded world of two practices with every role.

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"

namespace trove::testing {

struct HttpResult {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names; last value wins
    std::vector<std::string> set_cookies;

    nlohmann::json json() const;
    std::string error_code() const;
};

//! Writes `bytes` as they are over a fresh connection and returns everything the server sends back
//! until it closes the connection (or 5 seconds pass): for framing tests a client library would
//! refuse to write.
std::string send_raw(unsigned short port, const std::string& bytes);

//! Sends one request over a fresh connection; `raw_target` is sent as is.
HttpResult send(unsigned short port, const std::string& method, const std::string& raw_target,
                const std::string& body = "",
                const std::map<std::string, std::string>& headers = {});

//! A browser-like client: keeps the session cookie and CSRF token after login().
class Client {
public:
    explicit Client(unsigned short port) : m_port(port) {}
    //! `extra`: more fields of the sign-in body (a second factor: "totp" or "recovery_code").
    HttpResult login(const std::string& email, const std::string& password,
                     const nlohmann::json& extra = nlohmann::json::object());
    HttpResult get(const std::string& target) const;
    HttpResult post(const std::string& target, const nlohmann::json& body) const;
    HttpResult patch(const std::string& target, const nlohmann::json& body) const;
    HttpResult del(const std::string& target) const;
    HttpResult request(const std::string& method, const std::string& target,
                       const std::string& body, bool with_csrf = true) const;

    const std::string& session_cookie() const { return m_cookie; }
    const std::string& csrf() const { return m_csrf; }
    void set_bearer(std::string token) { m_bearer = std::move(token); }

private:
    unsigned short m_port;
    std::string m_cookie;
    std::string m_csrf;
    std::string m_bearer;
};

//! A fresh temporary folder, removed on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

//! True when the suite runs on PostgreSQL.
bool testing_postgres();

//! The database the suite runs against: a fresh SQLite file, or - when TROVE_TEST_BACKEND is
//! "postgres" - a fresh database on the server named by TROVE_TEST_PG_URL (dropped afterwards).
class TestDatabase {
public:
    TestDatabase() : TestDatabase(testing_postgres()) {}
    explicit TestDatabase(bool postgres);
    ~TestDatabase();
    const std::string& url() const { return m_url; }
    //! The master key file of this database (inside its temporary folder, never shared).
    std::string master_key_file() const { return m_dir.path() + "/master.key"; }
    bool is_postgres() const { return !m_pg_name.empty(); }

private:
    TempDir m_dir;
    std::string m_url;
    std::string m_admin_url;
    std::string m_pg_name;
};

class TestServer {
public:
    TestServer();
    //! Another instance on `db_url` (multi-instance tests: pass the first one's master key file).
    explicit TestServer(const std::string& db_url, const std::string& master_key_file = "");
    ~TestServer();
    unsigned short port() const { return m_app->port(); }
    app::App& app() { return *m_app; }
    const std::string& db_path() const { return m_db_path; }
    const std::string& master_key_file() const { return m_master_key_file; }
    void stop();

private:
    void start(const std::string& db_url, const std::string& master_key_file);
    std::unique_ptr<TestDatabase> m_database;  // owned by the first instance only
    std::string m_db_path;
    std::string m_master_key_file;
    std::unique_ptr<app::App> m_app;
    std::thread m_thread;
    bool m_stopped = false;
};

constexpr const char* kPassword = "a long test passphrase";

//! Two practices, each with an admin, two therapists, a supervisor of the first therapist, and
//! clients: one in each therapist's caseload, the first with a portal login.
struct World {
    struct Practice {
        std::string id;
        std::string admin, therapist, therapist2, supervisor, client_user;  // user ids
        std::string client,
            client2,  // client record ids (client: therapist's, client2: therapist2's)
            client3;  // another of therapist's clients, in a couple's case with `client`
        // The client's records on the resource map, made by `therapist`: a shared resource, one
        // not shared with the client (with a therapist note), one to archive, a goal linking
        // `resource`, a problem; and the couple's case of client and client3.
        std::string resource, hidden_resource, spare_resource, goal, problem, case_id;
        // A PHQ-9 of `client` administered by `therapist`, item 9 above 0, and its open alert.
        std::string response, alert;
        // A shared journal entry of `client` with mood 1 raised this open low_mood alert.
        std::string low_mood_alert;
        // Between sessions: a daily "three-good-things" assignment of `client`, a shared journal
        // entry of the client and a spare one to delete.
        std::string assignment, entry, spare_entry;
        // Sessions: a session of `client` with `therapist` on 2026-12-01 09:00 UTC, and three of
        // its notes by `therapist`: a draft, a draft to sign, and a signed one.
        std::string session, note, note_to_sign, signed_note;
        //! Emails are stored lower-cased, so the practice id is too.
        std::string email(const std::string& who) const {
            std::string domain = id;
            for (char& c : domain)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return who + "@" + domain + ".test";
        }
    };
    Practice a, b;
};

World seed_world(app::App& app);

//! The value of a set-up step that must succeed; throws (failing the test) with the error
//! otherwise.
template <class T>
T must(Result<T> r, const char* what) {
    if (!r.ok())
        throw std::runtime_error(std::string(what) + ": " + r.error().message + " " +
                                 r.error().internal);
    return std::move(r).value();
}

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

//! A new client record of `therapist_id` with its own portal login (password kPassword), so that
//! a test starts from nothing: named "<label> client N", signing in as "<label>N@<practice>".
struct PortalClient {
    std::string client_id, user_id, email;
};
PortalClient new_portal_client(app::App& app, const World::Practice& practice,
                               const std::string& therapist_id, const std::string& label);

//! The therapist's text on the seeded hidden resource; a client must never see it.
constexpr const char* kSecretNote = "Therapist-only observation: seeded secret";

}  // namespace trove::testing
