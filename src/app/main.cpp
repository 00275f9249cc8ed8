// trove: the single binary. Subcommands: serve, admin (create-practice, create-user, audit-verify,
// migrate-db).

#include <signal.h>
#include <spdlog/async.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "app/personal.hpp"
#include "app/score_command.hpp"
#include "core/crypto.hpp"
#include "storage/copy.hpp"

namespace fs = std::filesystem;
using namespace trove;

namespace {

void setup_logging(const std::string& level) {
    // Asynchronous so that the request log never makes an I/O thread wait on the terminal.
    spdlog::init_thread_pool(16384, 1);
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    auto logger = std::make_shared<spdlog::async_logger>(
        "trove", sink, spdlog::thread_pool(), spdlog::async_overflow_policy::overrun_oldest);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(level));
    spdlog::flush_on(spdlog::level::warn);
}

int fail(const Error& e) {
    std::cerr << "trove: " << e.message;
    if (!e.internal.empty())
        std::cerr << " (" << e.internal << ")";
    std::cerr << std::endl;
    // A master key that does not open the data is its own exit status (the deployment contract).
    return e.field == "master_key" ? 1 : 2;
}

// The built web app: beside the source tree when run from a checkout (build/<preset>/trove), or
// installed under share/.
std::string find_web_root() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    std::vector<fs::path> candidates = {fs::path("web/dist")};
    if (!ec) {
        candidates.push_back(exe.parent_path() / "../../web/dist");
        candidates.push_back(exe.parent_path() / "../share/trove/web");
    }
    for (const auto& c : candidates) {
        if (fs::exists(c / "index.html", ec))
            return fs::weakly_canonical(c, ec).string();
    }
    return "";
}

bool parse_listen(const std::string& listen, std::string& host, unsigned short& port) {
    size_t colon = listen.rfind(':');
    if (colon == std::string::npos)
        return false;
    host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    try {
        size_t used = 0;
        int p = std::stoi(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1 || p < 0 || p > 65535)
            return false;
        port = static_cast<unsigned short>(p);
    } catch (const std::exception&) {
        return false;
    }
    return !host.empty();
}

struct ServeFlags {
    std::string listen = "127.0.0.1:8080";
    std::string db = "./data/trove.db";
    bool demo = false;
    bool personal = false;
    std::string personal_email = "me@trove.local";
    std::string web_root;
    std::string public_url;
    int threads = 0;
    bool secure_cookies = false;
    bool quiet = false;
    int db_wait_seconds = 30;
    std::string master_key_file;
    std::string own_instruments;
    std::vector<std::string> trusted_proxies;
    std::size_t max_connections = 0;
};

// Blocks SIGINT and SIGTERM in the calling thread and every thread it starts later, so that only
// the watcher thread in serve() receives them (via sigwait).
sigset_t block_shutdown_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

int serve(const ServeFlags& flags, sigset_t signals) {
    app::AppOptions options;
    options.db_url = flags.db;
    options.master_key_file = flags.master_key_file;
    if (!parse_listen(flags.listen, options.server.host, options.server.port)) {
        std::cerr << "trove: --listen must look like 127.0.0.1:8080" << std::endl;
        return 2;
    }
    options.server.threads = flags.threads;
    options.server.trusted_proxies = flags.trusted_proxies;
    options.server.max_connections = flags.max_connections;
    options.own_instruments = flags.own_instruments;
    options.server.log_requests = !flags.quiet;
    options.web_root = flags.web_root.empty() ? find_web_root() : flags.web_root;
    options.api.secure_cookies = flags.secure_cookies;
    // Links handed out (invites) need an address a person can open; by default, where we listen.
    options.api.public_url = flags.public_url.empty() ? "http://" + flags.listen : flags.public_url;
    while (!options.api.public_url.empty() && options.api.public_url.back() == '/')
        options.api.public_url.pop_back();

    // In a deployment the database server may start after Trove (a reboot, a failover): wait for
    // it a while, retrying with backoff, instead of exiting at once and relying on a restart loop.
    auto created = app::App::create(options);
    const auto wait_until =
        std::chrono::steady_clock::now() + std::chrono::seconds(flags.db_wait_seconds);
    std::chrono::milliseconds backoff(250);
    const bool server_database = flags.db.rfind("postgres", 0) == 0;
    while (!created.ok() && server_database && created.error().code == ErrorCode::unavailable &&
           std::chrono::steady_clock::now() + backoff < wait_until) {
        spdlog::warn("database not reachable yet; retrying in {} ms", backoff.count());
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        created = app::App::create(options);
    }
    if (!created.ok())
        return fail(created.error());
    auto& app = *created.value();
    std::string url = "http://" + options.server.host + ":" + std::to_string(app.port());

    if (flags.personal) {
        const char* chosen = std::getenv("TROVE_PERSONAL_PASSWORD");
        auto login = app::ensure_personal(app, flags.personal_email, chosen ? chosen : "");
        if (!login.ok())
            return fail(login.error());
        std::cout << "\nPersonal mode: your own Trove, no therapist.\n  Sign in as "
                  << login->email;
        if (!login->password.empty() && !chosen)
            std::cout << " with the password " << login->password << " (shown only now)";
        std::cout << "\n  Forgot it? Start again with TROVE_PERSONAL_PASSWORD=... set.\n\n";
    }
    if (flags.demo) {
        auto logins = app::seed_demo(app);
        if (!logins.ok())
            return fail(logins.error());
        std::cout << "\nDemo practice \"Praxis Lindenhof (demo)\" - every login's password is "
                  << app::kDemoPassword << "\n";
        for (const auto& l : logins.value()) {
            std::cout << "  " << l.email
                      << std::string(20 - std::min<size_t>(19, l.email.size()), ' ') << l.what
                      << "\n";
        }
        std::cout << "\n";
    }
    spdlog::info("instruments: {} questionnaires loaded", app.instruments().size());
    std::cout << "Trove listening on " << url << std::endl;

    std::thread watcher([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        spdlog::info("received signal {}; finishing requests in flight", sig);
        app.stop();
    });
    app.run();
    // run() returned: either a signal arrived (watcher done) or nothing else stops it.
    if (watcher.joinable())
        watcher.join();
    spdlog::info("stopped cleanly");
    spdlog::shutdown();
    return 0;
}

int migrate(const std::string& from_url, const std::string& to_url, bool force,
            const std::string& master_key_file) {
    crypto::init();
    // The source opens like every other command's database: its master key is checked (or made,
    // for a database with no encrypted data yet) before anything is read.
    auto source = app::open_store(from_url, 1, master_key_file);
    if (!source.ok())
        return fail(source.error());
    storage::Database& from = *source->db;
    auto to = storage::Database::open({to_url, 1, true});
    if (!to.ok())
        return fail(to.error());
    auto report = storage::copy_database(from, **to, force);
    if (!report.ok())
        return fail(report.error());
    for (const auto& t : report->tables) {
        std::cout << "  " << t.table << std::string(16 - std::min<size_t>(15, t.table.size()), ' ')
                  << t.rows << " rows  sha256 " << t.checksum.substr(0, 16) << "  verified\n";
    }
    std::cout << (report->already_identical
                      ? "The target already holds exactly this data; nothing was written."
                      : "Copied and verified: every table's row count and checksum match.")
              << std::endl;
    std::cout << "Clinical text was copied encrypted: start the target with the source's master "
                 "key file ("
              << vault::master_key_path(master_key_file, from_url) << ")." << std::endl;
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // A file that may not grow (a size limit set by the operator's ulimit or a quota) must fail
    // the write that hit it - answered 503 - not kill the server with SIGXFSZ.
    ::signal(SIGXFSZ, SIG_IGN);
    CLI::App cli{"Trove: a workbench for resource-focused psychotherapy"};
    cli.require_subcommand(1);
    // Options of the top level (--log-level) may also follow the subcommand.
    cli.fallthrough();
    std::string log_level = "info";
    cli.add_option("--log-level", log_level, "trace, debug, info, warn, error")
        ->capture_default_str();
    // Like --log-level, accepted after any subcommand that opens the database.
    std::string master_key_file;
    cli.add_option("--master-key-file", master_key_file,
                   "File with the master key (default: TROVE_MASTER_KEY_FILE, else master.key "
                   "beside the SQLite file, else ./data/master.key)");

    ServeFlags flags;
    auto* serve_cmd = cli.add_subcommand("serve", "Run the web server");
    serve_cmd->add_option("--listen", flags.listen, "HOST:PORT to listen on (port 0 picks one)")
        ->capture_default_str();
    serve_cmd->add_option("--db", flags.db, "SQLite file or postgresql:// URL")
        ->capture_default_str();
    serve_cmd->add_flag("--demo", flags.demo, "Create the demo practice and print its logins");
    serve_cmd->add_flag("--personal", flags.personal,
                        "Personal mode: Trove for one person, no therapist");
    serve_cmd
        ->add_option("--personal-email", flags.personal_email,
                     "Sign-in email of the personal-mode account")
        ->capture_default_str();
    serve_cmd->add_option("--web-root", flags.web_root, "Folder with the built web app");
    serve_cmd->add_option("--public-url", flags.public_url, "Base URL of links Trove hands out");
    serve_cmd->add_option("--threads", flags.threads, "I/O threads (0 = one per core)");
    serve_cmd->add_option("--trusted-proxy", flags.trusted_proxies,
                          "A reverse proxy (IP or CIDR) whose X-Forwarded-For and "
                          "X-Forwarded-Proto are believed; repeatable");
    serve_cmd->add_option("--max-connections", flags.max_connections,
                          "Open connections at most (0 = from the descriptor limit)");
    serve_cmd->add_flag("--secure-cookies", flags.secure_cookies,
                        "Mark cookies Secure (serve behind TLS)");
    serve_cmd->add_flag("--quiet", flags.quiet, "No request log lines");
    serve_cmd->add_option("--own-instruments", flags.own_instruments,
                          "Folder of the practice's own instrument files (checked at start)");
    serve_cmd
        ->add_option("--db-wait", flags.db_wait_seconds,
                     "Seconds to keep retrying an unreachable database at start (0 = fail at once)")
        ->capture_default_str()
        ->check(CLI::Range(0, 3600));

    auto* admin = cli.add_subcommand("admin", "Administration");
    admin->require_subcommand(1);
    std::string db = "./data/trove.db", name, practice, email, role, client, user_name;
    bool password_stdin = false;

    auto* create_practice =
        admin->add_subcommand("create-practice", "Create a practice; prints its id");
    create_practice->add_option("--db", db, "Database")->capture_default_str();
    create_practice->add_option("--name", name, "Practice name")->required();

    auto* create_user = admin->add_subcommand("create-user", "Create a login; prints its id");
    create_user->add_option("--db", db, "Database")->capture_default_str();
    create_user->add_option("--practice", practice, "Practice id")->required();
    create_user->add_option("--email", email, "Email address")->required();
    create_user->add_option("--role", role, "admin, therapist, supervisor or client")
        ->required()
        ->check(CLI::IsMember({"admin", "therapist", "supervisor", "client"}));
    create_user->add_option("--name", user_name, "Full name (default: from the email)");
    create_user->add_option("--client", client, "Client record a client login belongs to");
    create_user
        ->add_flag("--password-stdin", password_stdin, "Read the password from standard input")
        ->required();

    auto* audit_verify =
        admin->add_subcommand("audit-verify", "Check the audit trail's hash chains");
    audit_verify->add_option("--db", db, "Database")->capture_default_str();

    std::string migrate_from, migrate_to;
    bool migrate_force = false;
    auto* rotate_key = admin->add_subcommand(
        "rotate-key",
        "Re-wrap every practice's data key under a new master key and replace the key file "
        "(running servers keep working)");
    rotate_key->add_option("--db", db, "Database")->capture_default_str();

    auto* migrate_db = admin->add_subcommand(
        "migrate-db",
        "Copy everything to another database (e.g. SQLite to PostgreSQL) and verify it");
    migrate_db->add_option("--from", migrate_from, "Source database")->required();
    migrate_db->add_option("--to", migrate_to, "Target database")->required();
    migrate_db->add_flag("--force", migrate_force,
                         "Replace a target that already holds other data");

    app::ScoreFlags score_flags;
    auto* score_cmd = cli.add_subcommand(
        "score", "Score one administration of a questionnaire (prints JSON; exit 2 on bad input)");
    score_cmd->add_option("instrument", score_flags.instrument, "Instrument id, e.g. phq9");
    score_cmd->add_option("--answers", score_flags.answers,
                          "Raw answers in item order, comma separated; empty = missing");
    score_cmd->add_option("--response", score_flags.response_file,
                          "A FHIR R4 QuestionnaireResponse JSON file instead of --answers");
    score_cmd->add_option("--baseline", score_flags.baseline,
                          "An earlier total: adds reliable change (Jacobson-Truax)");
    score_cmd->add_option("--norm-sd", score_flags.norm_sd, "SD for the RCI (default: the file's)");
    score_cmd->add_option("--norm-r", score_flags.norm_r,
                          "Reliability for the RCI (default: the file's)");
    score_cmd->add_option("--instruments", score_flags.instruments_folder,
                          "Folder of instrument files (default: the shipped ones)");

    CLI11_PARSE(cli, argc, argv);
    try {
        if (score_cmd->parsed()) {
            spdlog::set_level(spdlog::level::warn);
            return app::run_score(score_flags);
        }
        if (serve_cmd->parsed()) {
            // Before any thread exists, including the logger's.
            sigset_t signals = block_shutdown_signals();
            setup_logging(log_level);
            flags.master_key_file = master_key_file;
            return serve(flags, signals);
        }
        if (migrate_db->parsed()) {
            spdlog::set_default_logger(spdlog::stderr_color_mt("trove"));
            spdlog::set_level(spdlog::level::warn);
            return migrate(migrate_from, migrate_to, migrate_force, master_key_file);
        }
        // Command-line tools log only problems: their stdout is the answer (an id).
        spdlog::set_level(spdlog::level::warn);
        spdlog::set_default_logger(spdlog::stderr_color_mt("trove"));
        spdlog::set_level(spdlog::level::from_str(log_level == "info" ? "warn" : log_level));

        if (rotate_key->parsed()) {
            auto store = app::open_store(db, 1, master_key_file);
            if (!store.ok())
                return fail(store.error());
            const std::string key_path = vault::master_key_path(master_key_file, db);
            auto rotated = vault::Vault::rotate_master_key(*store->db, key_path);
            if (!rotated.ok())
                return fail(rotated.error());
            // On the record, in the system chain: who rotated is whoever ran the command.
            audit::AuditLog audit(*store->db);
            AuditEvent rotation = system_event();
            rotation.action = "keyring.rotate";
            rotation.object_type = "keyring";
            rotation.object_id = "master";
            auto recorded =
                store->db->write([&](storage::Tx& tx) { return audit.append_in(tx, {rotation}); });
            audit.stop();
            if (!recorded.ok())
                return fail(recorded.error());
            std::cout << "Re-wrapped " << *rotated
                      << " practice data key(s) under a new master key; " << key_path
                      << " now holds it. Back up the new key file: the old one no "
                      << "longer opens this database." << std::endl;
            return 0;
        }
        auto tools_result = app::open_tools(db, master_key_file);
        if (!tools_result.ok())
            return fail(tools_result.error());
        app::Tools& tools = tools_result.value();

        if (create_practice->parsed()) {
            auto p = tools.accounts->create_practice(name, system_event());
            if (!p.ok())
                return fail(p.error());
            std::cout << p->id << std::endl;
            return 0;
        }
        if (create_user->parsed()) {
            std::string password;
            std::getline(std::cin, password);
            if (!password.empty() && password.back() == '\r')
                password.pop_back();
            accounts::NewUser u;
            u.practice_id = practice;
            u.email = email;
            u.name = user_name.empty() ? email.substr(0, email.find('@')) : user_name;
            u.role = *parse_role(role);
            u.password = password;
            u.client_id = client;
            auto created = tools.accounts->create_user(u, system_event());
            if (!created.ok())
                return fail(created.error());
            std::cout << created->id << std::endl;
            return 0;
        }
        if (audit_verify->parsed()) {
            auto report = tools.audit->verify();
            if (!report.ok())
                return fail(report.error());
            if (report->intact) {
                std::cout << "audit trail intact: " << report->events_checked << " events verified"
                          << std::endl;
                return 0;
            }
            std::cout << "audit trail BROKEN at " << report->first_problem << std::endl;
            return 1;
        }
    } catch (const std::exception& e) {
        std::cerr << "trove: " << e.what() << std::endl;
        return 2;
    }
    return 0;
}
