#include "app/app.hpp"

#include "core/crypto.hpp"

namespace trove::app {

Result<OpenedStore> open_store(const std::string& db_url, std::size_t pool_size,
                               const std::string& master_key_file) {
    crypto::init();
    OpenedStore store;
    store.db = TRY(storage::Database::open({db_url, pool_size, false}));
    const std::string key_path = vault::master_key_path(master_key_file, db_url);
    auto master = TRY(vault::Vault::unlock(*store.db, key_path));
    TRY(store.db->migrate());
    store.vault = TRY(vault::Vault::open_store(*store.db, std::move(master), key_path,
                                               accounts::practice_ids_in));
    return store;
}

Result<Tools> open_tools(const std::string& db_url, const std::string& master_key_file) {
    crypto::init();
    Tools t;
    auto store = TRY(open_store(db_url, 2, master_key_file));
    t.db = std::move(store.db);
    t.vault = std::move(store.vault);
    t.audit = std::make_unique<audit::AuditLog>(*t.db);
    t.accounts = std::make_unique<accounts::AccountService>(*t.db, *t.audit, *t.vault,
                                                            clients::client_in_practice_in);
    t.clients = std::make_unique<clients::ClientService>(*t.db, *t.audit);
    return t;
}

Result<std::unique_ptr<App>> App::create(const AppOptions& options) {
    crypto::init();
    std::unique_ptr<App> app(new App());
    // A malformed instrument file stops the start, naming the file and the field.
    app->m_instruments = TRY(measures::load_instruments(options.instruments_folder.empty()
                                                            ? measures::find_instruments_folder()
                                                            : options.instruments_folder));
    if (!options.own_instruments.empty()) {
        // The practice's own questionnaires: checked exactly like the shipped ones, and never
        // allowed to replace one of them.
        for (auto& own : TRY(measures::load_instruments(options.own_instruments))) {
            for (const auto& shipped : app->m_instruments) {
                if (shipped.id == own.id) {
                    return Error::invalid("instrument", own.id + ".json in " +
                                                            options.own_instruments +
                                                            ": id: a shipped instrument already "
                                                            "has the id '" +
                                                            own.id + "'");
                }
            }
            app->m_instruments.push_back(std::move(own));
        }
    }
    // The exercise library, like the instruments, is checked whole before anything starts.
    auto library = TRY(journal::load_exercise_library(options.exercises_folder.empty()
                                                          ? journal::find_exercises_folder()
                                                          : options.exercises_folder));
    // So is the server catalogue: a key missing in one language stops the start, naming file
    // and key.
    app->m_catalogue = std::make_unique<i18n::Catalogue>(TRY(i18n::Catalogue::load(
        options.locales_folder.empty() ? i18n::find_catalogue_folder() : options.locales_folder)));
    auto store = TRY(open_store(options.db_url, options.db_pool_size, options.master_key_file));
    app->m_db = std::move(store.db);
    app->m_vault = std::move(store.vault);
    app->m_audit = std::make_unique<audit::AuditLog>(*app->m_db);
    accounts::SessionTimeouts timeouts;
    // Several instances may share a PostgreSQL database: a logout on one must end the session on
    // all of them at once, so sessions are not cached in memory there.
    if (app->m_db->dialect() == storage::Dialect::postgres)
        timeouts.cache_ms = 0;
    app->m_accounts = std::make_unique<accounts::AccountService>(
        *app->m_db, *app->m_audit, *app->m_vault, clients::client_in_practice_in, timeouts);
    app->m_clients = std::make_unique<clients::ClientService>(*app->m_db, *app->m_audit);
    app->m_cases = std::make_unique<cases::CaseService>(*app->m_db, *app->m_audit);
    app->m_resources = std::make_unique<resources::ResourceService>(
        *app->m_db, *app->m_audit, *app->m_vault, *app->m_clients, *app->m_cases);
    app->m_goals =
        std::make_unique<resources::GoalService>(*app->m_db, *app->m_audit, *app->m_resources);
    app->m_settings = std::make_unique<safety::SettingsService>(*app->m_db, *app->m_audit);
    app->m_alerts = std::make_unique<safety::AlertService>(*app->m_db, *app->m_audit,
                                                           *app->m_resources, *app->m_settings);
    app->m_safety_plans = std::make_unique<safety::SafetyPlanService>(
        *app->m_db, *app->m_audit, *app->m_resources, *app->m_settings);
    app->m_measures = std::make_unique<measures::MeasureService>(
        *app->m_db, *app->m_audit, *app->m_resources, *app->m_alerts, app->m_instruments,
        *app->m_catalogue);
    app->m_journal = std::make_unique<journal::JournalService>(
        *app->m_db, *app->m_audit, *app->m_clients, *app->m_resources, *app->m_alerts,
        std::move(library), *app->m_catalogue);
    app->m_sessions = std::make_unique<sessions::SessionService>(
        *app->m_db, *app->m_audit, *app->m_vault, *app->m_clients, *app->m_cases, *app->m_resources,
        *app->m_measures, *app->m_journal, *app->m_alerts);
    // The journal's calendar feed carries the client's appointments too; the journal cannot
    // depend on the sessions module (which reads the journal for its timeline), so it is told.
    app->m_journal->set_appointment_source(
        [sessions = app->m_sessions.get()](const std::string& client_id, TimeMs now) {
            return sessions->calendar_events(client_id, now);
        });
    // Its words are in the client's language, which the accounts module keeps.
    app->m_journal->set_locale_source(
        [accounts = app->m_accounts.get()](const std::string& practice_id,
                                           const std::string& client_id) {
            return accounts->client_locale(practice_id, client_id);
        });
    // So are the signature strengths offered to a client's resource map.
    app->m_measures->set_locale_source(
        [accounts = app->m_accounts.get()](const std::string& practice_id,
                                           const std::string& client_id) {
            return accounts->client_locale(practice_id, client_id);
        });
    app->m_api = std::make_unique<api::Api>(
        api::Services{*app->m_db, *app->m_audit, *app->m_accounts, *app->m_clients, *app->m_cases,
                      *app->m_resources, *app->m_goals, *app->m_measures, *app->m_journal,
                      *app->m_sessions, *app->m_settings, *app->m_alerts, *app->m_safety_plans,
                      *app->m_catalogue},
        options.api, http::StaticFiles::load(options.web_root));
    api::Api* api = app->m_api.get();
    app->m_server = TRY(
        http::Server::create(options.server, [api](http::Request request, http::Respond respond) {
            api->handle(std::move(request), std::move(respond));
        }));
    const std::string& url = app->m_api->options().public_url;
    if (url.size() > 2 && url.compare(url.size() - 2, 2, ":0") == 0) {
        app->m_api->set_public_url(url.substr(0, url.size() - 1) +
                                   std::to_string(app->m_server->port()));
    }
    return app;
}

App::~App() {
    if (m_audit)
        m_audit->stop();
}

void App::run() {
    m_server->run();
    m_audit->stop();
}

}  // namespace trove::app
