#include "test_server.hpp"

#include "core/crypto.hpp"

#include <soci/soci.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <functional>
#include <stdexcept>

namespace trove::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

nlohmann::json HttpResult::json() const {
    return nlohmann::json::parse(body, nullptr, false);
}

std::string HttpResult::error_code() const {
    auto j = json();
    if (j.is_object() && j.contains("error"))
        return j["error"].value("code", "");
    return "";
}

std::string send_raw(unsigned short port, const std::string& bytes) {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    stream.expires_after(std::chrono::seconds(5));
    std::string out;
    bool done = false;
    asio::async_write(stream, asio::buffer(bytes), [](beast::error_code, std::size_t) {});
    std::array<char, 4096> chunk{};
    std::function<void(beast::error_code, std::size_t)> on_read = [&](beast::error_code ec,
                                                                      std::size_t n) {
        out.append(chunk.data(), n);
        if (ec) {
            done = true;
            return;
        }
        stream.async_read_some(asio::buffer(chunk), on_read);
    };
    stream.async_read_some(asio::buffer(chunk), on_read);
    ioc.run();
    (void)done;
    return out;
}

HttpResult send(unsigned short port, const std::string& method, const std::string& raw_target,
                const std::string& body, const std::map<std::string, std::string>& headers) {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), raw_target, 11);
    if (req.method() == bhttp::verb::unknown)
        req.method_string(method);
    req.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers)
        req.set(k, v);
    req.body() = body;
    if (!body.empty() || method == "POST" || method == "PATCH")
        req.prepare_payload();
    // A server may answer (413) and close before a large body is fully written; read the answer
    // anyway, as a browser would.
    beast::error_code write_error;
    bhttp::write(stream, req, write_error);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    beast::error_code read_error;
    bhttp::read(stream, buffer, parser, read_error);
    if (read_error) {
        throw std::runtime_error("no response: " + read_error.message() +
                                 (write_error ? " (write: " + write_error.message() + ")" : ""));
    }
    auto& res = parser.get();
    HttpResult out;
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    for (const auto& field : res) {
        std::string name(field.name_string());
        for (char& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value(field.value());
        if (name == "set-cookie")
            out.set_cookies.push_back(value);
        out.headers[name] = value;
    }
    beast::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    return out;
}

HttpResult Client::login(const std::string& email, const std::string& password,
                         const nlohmann::json& extra) {
    nlohmann::json body = extra;
    body["email"] = email;
    body["password"] = password;
    HttpResult r = send(m_port, "POST", "/api/v1/auth/login", body.dump(),
                        {{"Content-Type", "application/json"}});
    if (r.status == 200) {
        for (const std::string& c : r.set_cookies) {
            if (c.rfind("trove_session=", 0) == 0)
                m_cookie = c.substr(0, c.find(';'));
        }
        m_csrf = r.json()["csrf_token"].get<std::string>();
    }
    return r;
}

HttpResult Client::request(const std::string& method, const std::string& target,
                           const std::string& body, bool with_csrf) const {
    std::map<std::string, std::string> headers;
    if (!m_cookie.empty())
        headers["Cookie"] = m_cookie;
    if (!m_bearer.empty())
        headers["Authorization"] = "Bearer " + m_bearer;
    if (with_csrf && !m_csrf.empty())
        headers["X-CSRF-Token"] = m_csrf;
    if (!body.empty())
        headers["Content-Type"] = "application/json";
    return send(m_port, method, target, body, headers);
}

HttpResult Client::get(const std::string& target) const {
    return request("GET", target, "");
}
HttpResult Client::post(const std::string& target, const nlohmann::json& body) const {
    return request("POST", target, body.dump());
}
HttpResult Client::patch(const std::string& target, const nlohmann::json& body) const {
    return request("PATCH", target, body.dump());
}
HttpResult Client::del(const std::string& target) const {
    return request("DELETE", target, "");
}

TempDir::TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "trove-test-XXXXXX").string();
    if (!mkdtemp(templ.data()))
        throw std::runtime_error("mkdtemp failed");
    m_path = templ;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

bool testing_postgres() {
    const char* backend = std::getenv("TROVE_TEST_BACKEND");
    return backend && std::string(backend) == "postgres";
}

TestDatabase::TestDatabase(bool postgres) {
    if (!postgres) {
        m_url = m_dir.path() + "/trove.db";
        return;
    }
    const char* admin = std::getenv("TROVE_TEST_PG_URL");
    if (!admin || !*admin) {
        throw std::runtime_error(
            "TROVE_TEST_BACKEND=postgres needs TROVE_TEST_PG_URL (make test sets both)");
    }
    m_admin_url = admin;
    m_pg_name = "trove_test_" + crypto::random_base64url(9);
    for (char& c : m_pg_name)
        c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    auto admin_db = storage::Database::open({m_admin_url, 1, false});
    if (!admin_db.ok())
        throw std::runtime_error("cannot reach the test PostgreSQL: " + admin_db.error().internal);
    auto created = (*admin_db)->with_session([&](soci::session& sql) -> Result<void> {
        sql << "CREATE DATABASE " + m_pg_name;
        return {};
    });
    if (!created.ok())
        throw std::runtime_error("CREATE DATABASE failed: " + created.error().internal);
    m_url = m_admin_url.substr(0, m_admin_url.rfind('/') + 1) + m_pg_name;
}

TestDatabase::~TestDatabase() {
    if (m_pg_name.empty())
        return;
    auto admin_db = storage::Database::open({m_admin_url, 1, false});
    if (!admin_db.ok())
        return;
    (void)(*admin_db)->with_session([&](soci::session& sql) -> Result<void> {
        sql << "DROP DATABASE IF EXISTS " + m_pg_name + " WITH (FORCE)";
        return {};
    });
}

TestServer::TestServer() : m_database(std::make_unique<TestDatabase>()) {
    start(m_database->url(), m_database->master_key_file());
}

TestServer::TestServer(const std::string& db_url, const std::string& master_key_file) {
    start(db_url, master_key_file);
}

void TestServer::start(const std::string& db_url, const std::string& master_key_file) {
    m_db_path = db_url;
    m_master_key_file = master_key_file;
    app::AppOptions options;
    options.db_url = m_db_path;
    options.master_key_file = master_key_file;
    options.server.host = "127.0.0.1";
    options.server.port = 0;
    options.server.threads = 2;
    options.server.log_requests = false;
    options.api.public_url = "http://127.0.0.1:0";
    auto created = app::App::create(options);
    if (!created.ok())
        throw std::runtime_error("cannot start Trove: " + created.error().message);
    m_app = std::move(created).value();
    m_thread = std::thread([this] { m_app->run(); });
}

void TestServer::stop() {
    if (m_stopped)
        return;
    m_stopped = true;
    m_app->stop();
    if (m_thread.joinable())
        m_thread.join();
}

TestServer::~TestServer() {
    stop();
}

namespace {

World::Practice seed_practice(app::App& app, const std::string& name) {
    auto& accounts = app.accounts();
    World::Practice p;
    p.id = must(accounts.create_practice(name, system_event("test")), "practice").id;
    auto user = [&](const std::string& who, Role role, const std::string& client = "") {
        accounts::NewUser u{p.id, p.email(who), who, role, kPassword, client};
        return must(accounts.create_user(u, system_event("test")), "user").id;
    };
    p.admin = user("admin", Role::admin);
    p.therapist = user("therapist", Role::therapist);
    p.therapist2 = user("therapist2", Role::therapist);
    p.supervisor = user("supervisor", Role::supervisor);
    accounts::UserPatch patch;
    patch.supervisee_ids = std::vector<std::string>{p.therapist};
    must(accounts.update_user(p.id, p.supervisor, patch, system_event("test")), "supervision");
    auto client_of = [&](const std::string& therapist, const std::string& name) {
        RequestContext ctx;
        ctx.actor = {therapist, p.id, Role::therapist, "", false, ""};
        clients::ClientFields f;
        f.display_name = name;
        return must(app.clients().create(ctx, f), "client").id;
    };
    p.client = client_of(p.therapist, "Client One of " + name);
    p.client2 = client_of(p.therapist2, "Client Two of " + name);
    p.client3 = client_of(p.therapist, "Client Three of " + name);
    p.client_user = user("client", Role::client, p.client);

    RequestContext ctx;
    ctx.actor = {p.therapist, p.id, Role::therapist, "", false, ""};
    auto resource = [&](const std::string& title, bool visible, const std::string& note) {
        resources::ResourceFields f;
        f.title = title;
        f.category = "social";
        f.visible_to_client = visible;
        f.therapist_note = note;
        return must(app.resources().create(ctx, resources::Owner::client(p.client), f), "resource")
            .id;
    };
    p.resource = resource("Sister Lena", true, "");
    p.hidden_resource = resource("Hidden resource", false, kSecretNote);
    p.spare_resource = resource("Spare resource", true, "");
    resources::GoalFields goal;
    goal.title = "Sleep through the night";
    goal.resource_ids = std::vector<std::string>{p.resource};
    p.goal = must(app.goals().create(ctx, resources::GoalKind::goal, p.client, goal), "goal").id;
    resources::GoalFields problem;
    problem.title = "Nightmares";
    p.problem =
        must(app.goals().create(ctx, resources::GoalKind::problem, p.client, problem), "problem")
            .id;
    cases::CaseFields c;
    c.kind = "couple";
    c.name = "Couple of " + name;
    c.member_ids = std::vector<std::string>{p.client, p.client3};
    p.case_id = must(app.cases().create(ctx, c), "case").id;
    measures::Answers phq9 = {{"1", 1}, {"2", 1}, {"3", 0}, {"4", 2}, {"5", 0},
                              {"6", 1}, {"7", 0}, {"8", 0}, {"9", 1}};
    auto response = must(app.measures().submit(ctx, p.client, "phq9", phq9), "response");
    p.response = response.id;
    p.alert = response.alerts.at(0).id;
    journal::AssignmentInput daily;
    daily.exercise_id = "three-good-things";
    daily.schedule = nlohmann::json{{"frequency", "daily"}};
    p.assignment = must(app.journal().assign(ctx, p.client, daily), "assignment").id;
    RequestContext as_client;
    as_client.actor = {p.client_user, p.id, Role::client, p.client, false, ""};
    auto entry = [&](const std::string& text) {
        journal::EntryInput in;
        in.kind = "success";
        in.text = text;
        in.shared = true;
        return must(app.journal().write(as_client, p.client, in), "journal entry").entry.id;
    };
    p.entry = entry("Spoke up in the meeting");
    p.spare_entry = entry("A spare entry to delete");
    {
        // A shared entry with a very low mood: the care team's open low_mood alert.
        journal::EntryInput low;
        low.kind = "free";
        low.text = "A heavy day";
        low.mood = std::optional<int>(1);
        low.shared = true;
        must(app.journal().write(as_client, p.client, low), "low mood entry");
        for (const auto& a :
             must(app.alerts().list(ctx, safety::AlertStatus::open, now_ms()), "alerts"))
            if (a.kind == safety::kLowMood && a.client_id == p.client)
                p.low_mood_alert = a.id;
    }
    sessions::SessionInput session;
    session.client_id = p.client;
    session.starts_at = "2026-12-01T09:00:00Z";
    session.duration_min = 50;
    p.session = must(app.sessions().create(ctx, session), "session").id;
    auto note = [&](const std::string& text) {
        sessions::NoteInput in;
        in.template_name = "resource";
        // The client has an open critical alert (the seeded PHQ-9), so a note is signed only
        // with its risk assessed.
        in.fields =
            nlohmann::json{{"exceptions", text},
                           {"risk", {{"to_self", "low"}, {"to_others", "none"}, {"plan", ""}}}};
        return must(app.sessions().create_note(ctx, p.session, in), "note").id;
    };
    p.note = note("Slept well twice this week");
    p.note_to_sign = note("A note to sign");
    p.signed_note = note("A signed note");
    must(app.sessions().sign(ctx, p.signed_note), "sign");
    return p;
}

}  // namespace

PortalClient new_portal_client(app::App& app, const World::Practice& p,
                               const std::string& therapist_id, const std::string& label) {
    static std::atomic<int> counter = 0;
    const int n = ++counter;
    RequestContext ctx;
    ctx.actor = {therapist_id, p.id, Role::therapist, "", false, ""};
    clients::ClientFields f;
    f.display_name = label + " client " + std::to_string(n);
    PortalClient out;
    out.client_id = must(app.clients().create(ctx, f), "client").id;
    std::string local = label;
    for (char& c : local)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.email = p.email(local + std::to_string(n));
    accounts::NewUser u{p.id, out.email, label + " client", Role::client, kPassword, out.client_id};
    out.user_id = must(app.accounts().create_user(u, system_event("test")), "user").id;
    return out;
}

World seed_world(app::App& app) {
    World w;
    w.a = seed_practice(app, "Practice A");
    w.b = seed_practice(app, "Practice B");
    return w;
}

}  // namespace trove::testing
