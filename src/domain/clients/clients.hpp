#pragma once
// Clients: the people in care, and each one's care team. Every access is decided by the policy
// module; reads are audited through the RequestContext, writes in their own transaction.

#include <optional>
#include <string>
#include <vector>

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/policy/policy.hpp"
#include "storage/database.hpp"
#include "storage/sql.hpp"

namespace trove::clients {

enum class Status { active, paused, closed };

//! The contexts Trove serves; a client has at least one.
const std::vector<std::string>& known_contexts();

std::string_view to_string(Status status);
std::optional<Status> parse_status(std::string_view text);

struct Client {
    std::string id;
    std::string practice_id;
    std::string display_name;
    std::optional<int> birth_year;
    std::vector<std::string> contexts;
    Status status = Status::active;
    std::vector<std::string> therapist_ids;
    bool has_portal_account = false;
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
};

//! Fields a create or update may set; absent fields keep their value (or default on create).
struct ClientFields {
    std::optional<std::string> display_name;
    std::optional<std::optional<int>> birth_year;  // outer: given; inner: null clears it
    std::optional<std::vector<std::string>> contexts;
    std::optional<std::string> status;
    std::optional<std::vector<std::string>> therapist_ids;
};

struct ClientQuery {
    std::string status;  // filter, optional
    std::string text;    // case-insensitive substring of the display name, optional
    int limit = 50;
    std::string cursor;
};

struct ClientPage {
    std::vector<Client> items;
    std::optional<std::string> next_cursor;
};

//! Inside a transaction: every id is an active therapist of the practice (a client's or a case's
//! care team); otherwise 400 on `therapist_ids`.
Result<void> check_therapists(storage::Reader& reader, const std::string& practice_id,
                              const std::vector<std::string>& ids);

//! Inside a transaction: true when every one of `client_ids` is a client of the practice whose
//! care team `user_id` is on (e.g. the members of a case a therapist opens).
Result<bool> on_caseload(storage::Reader& reader, const std::string& practice_id,
                         const std::string& user_id, const std::vector<std::string>& client_ids);

//! "SELECT client_id ..." of the clients in `scope` for the user bound as `user_param`: the care
//! teams the user is on, or those of the therapists the user supervises (supervision is asked of
//! accounts::supervisees_subquery). The clients module owns care_team, so other modules ask it for
//! this subquery. Empty for no scope.
//! Code on storage::Reader passes "?" (SOCI code names its parameter, e.g. ":u").
std::string caseload_subquery(policy::ClientScope scope, const std::string& user_param = ":u");

//! Inside a transaction: true when `client_id` is a client record of the practice (what accounts
//! asks before linking a portal login to it: accounts::ClientRecordCheck).
Result<bool> client_in_practice_in(storage::Reader& reader, const std::string& practice_id,
                                   const std::string& client_id);

//! Inside a transaction: whether the client's milestones were switched on or off; none when it
//! was never set (the journal's default then applies).
Result<std::optional<bool>> milestones_in(storage::Reader& reader, const std::string& client_id);
//! Inside the caller's transaction (which carries the audit event): switches them on or off.
Result<void> set_milestones_in(storage::Tx& tx, const std::string& practice_id,
                               const std::string& client_id, bool enabled);

//! Checks and normalises fields (trimming, de-duplicating contexts). Pure.
Result<ClientFields> validate(const ClientFields& fields, bool creating);

class ClientService {
public:
    ClientService(storage::Database& db, audit::AuditLog& audit) : m_db(db), m_audit(audit) {}

    Result<ClientPage> list(RequestContext& ctx, const ClientQuery& query);
    //! The one client record of a personal-mode practice: made by Trove itself, with no care
    //! team (the person is their own therapist; see policy::ClientFacts::self_guided).
    Result<Client> create_self_guided(const std::string& practice_id,
                                      const std::string& display_name, const AuditEvent& by);
    Result<Client> create(RequestContext& ctx, const ClientFields& fields);
    Result<Client> get(RequestContext& ctx, const std::string& client_id);
    Result<Client> update(RequestContext& ctx, const std::string& client_id,
                          const ClientFields& fields);

    //! Asks the policy whether ctx.actor may do `action` to the client; audits a denial. Used by
    //! other modules' handlers (e.g. portal invites) that act on a client.
    Result<void> authorize(RequestContext& ctx, policy::Action action,
                           const std::string& client_id);

    //! Policy facts about one client as seen by `actor` (for modules acting on a client's records).
    Result<policy::ClientFacts> facts(const Actor& actor, const std::string& client_id);

    //! Inside the caller's transaction: the clients whose care team `user_id` is on.
    Result<std::vector<std::string>> caseload_in(storage::Reader& reader,
                                                 const std::string& user_id);
    //! Inside the caller's transaction: `to` takes `from`'s place on every care team.
    Result<void> hand_over_in(storage::Tx& tx, const std::string& from, const std::string& to);

private:
    Result<Client> load(const std::string& client_id);

    storage::Database& m_db;
    audit::AuditLog& m_audit;
};

}  // namespace trove::clients
