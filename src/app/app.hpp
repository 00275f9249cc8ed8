#pragma once
// Wiring only: configuration -> storage -> audit -> services -> API -> HTTP server. The `trove`
// binary and the integration tests both build Trove through this one path.

#include <memory>
#include <string>

#include "api/api.hpp"
#include "core/result.hpp"
#include "domain/accounts/accounts.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/clients/clients.hpp"
#include "domain/measures/instrument.hpp"
#include "domain/measures/measures.hpp"
#include "domain/vault/vault.hpp"
#include "http/server.hpp"
#include "i18n/catalogue.hpp"
#include "storage/database.hpp"

namespace trove::app {

struct AppOptions {
    std::string db_url = "./data/trove.db";
    std::size_t db_pool_size = 8;
    http::ServerOptions server;
    api::ApiOptions api;
    std::string web_root;            // empty: API only
    std::string instruments_folder;  // empty: the shipped instruments/ folder
    std::string own_instruments;     // a practice's own instrument files, loaded after the shipped
    std::string exercises_folder;    // empty: the shipped exercises/ folder
    std::string locales_folder;      // empty: the shipped server catalogue (locales/server/)
    std::string master_key_file;     // empty: see vault::master_key_path
};

class App {
public:
    static Result<std::unique_ptr<App>> create(const AppOptions& options);
    ~App();

    unsigned short port() const { return m_server->port(); }
    //! Serves until stop(); then flushes the audit trail.
    void run();
    void stop() { m_server->stop(); }

    storage::Database& db() { return *m_db; }
    vault::Vault& vault() { return *m_vault; }
    audit::AuditLog& audit() { return *m_audit; }
    accounts::AccountService& accounts() { return *m_accounts; }
    clients::ClientService& clients() { return *m_clients; }
    cases::CaseService& cases() { return *m_cases; }
    resources::ResourceService& resources() { return *m_resources; }
    resources::GoalService& goals() { return *m_goals; }
    safety::SettingsService& settings() { return *m_settings; }
    safety::AlertService& alerts() { return *m_alerts; }
    safety::SafetyPlanService& safety_plans() { return *m_safety_plans; }
    api::Api& api() { return *m_api; }
    const std::vector<measures::Instrument>& instruments() const { return m_instruments; }
    measures::MeasureService& measures() { return *m_measures; }
    journal::JournalService& journal() { return *m_journal; }
    sessions::SessionService& sessions() { return *m_sessions; }
    //! The server's words for people, in every language (loaded and checked at start).
    const i18n::Catalogue& catalogue() const { return *m_catalogue; }

private:
    App() = default;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<vault::Vault> m_vault;
    std::unique_ptr<audit::AuditLog> m_audit;
    std::unique_ptr<accounts::AccountService> m_accounts;
    std::unique_ptr<clients::ClientService> m_clients;
    std::unique_ptr<cases::CaseService> m_cases;
    std::unique_ptr<resources::ResourceService> m_resources;
    std::unique_ptr<resources::GoalService> m_goals;
    std::unique_ptr<safety::SettingsService> m_settings;
    std::unique_ptr<safety::AlertService> m_alerts;
    std::unique_ptr<safety::SafetyPlanService> m_safety_plans;
    std::vector<measures::Instrument> m_instruments;
    std::unique_ptr<measures::MeasureService> m_measures;
    std::unique_ptr<i18n::Catalogue> m_catalogue;
    std::unique_ptr<journal::JournalService> m_journal;
    std::unique_ptr<sessions::SessionService> m_sessions;
    std::unique_ptr<api::Api> m_api;
    std::unique_ptr<http::Server> m_server;
};

//! Opens a database the way every command does: checks (or creates) the master key before the
//! migrations run, then migrates and opens the keyring. A key that does not open the data is
//! Error{invalid, field "master_key"} and nothing has been written.
struct OpenedStore {
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<vault::Vault> vault;
};
Result<OpenedStore> open_store(const std::string& db_url, std::size_t pool_size,
                               const std::string& master_key_file);

//! Opens the database (migrating it) with the services needed by command-line tools.
struct Tools {
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<vault::Vault> vault;
    std::unique_ptr<audit::AuditLog> audit;
    std::unique_ptr<accounts::AccountService> accounts;
    std::unique_ptr<clients::ClientService> clients;
};
Result<Tools> open_tools(const std::string& db_url, const std::string& master_key_file);

}  // namespace trove::app
