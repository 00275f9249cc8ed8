#pragma once
// Cases: a couple, a family or a group seen together. A case has members (clients) and its own care
// team (therapists); it owns collective resources beside each member's individual ones. Notes and
// group sessions attach to cases later.

#include <optional>
#include <string>
#include <vector>

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/policy/policy.hpp"
#include "storage/database.hpp"
#include "storage/sql.hpp"

namespace trove::cases {

struct Case {
    std::string id;
    std::string practice_id;
    std::string kind;  // couple, family, group
    std::string name;
    std::vector<std::string> member_ids;
    std::vector<std::string> therapist_ids;
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
};

struct CaseFields {
    std::optional<std::string> kind;
    std::optional<std::string> name;
    std::optional<std::vector<std::string>> member_ids;
    std::optional<std::vector<std::string>> therapist_ids;
};

// --- what other modules ask of the case tables, inside their own transaction -----------------

//! The case's members (client ids, in id order).
Result<std::vector<std::string>> members_in(storage::Reader& reader, const std::string& case_id);
//! The cases the client is a member of (in id order).
Result<std::vector<std::string>> cases_of_member_in(storage::Reader& reader,
                                                    const std::string& client_id);
//! True when the client is a member of the case.
Result<bool> is_member_in(storage::Reader& reader, const std::string& case_id,
                          const std::string& client_id);
//! "SELECT case_id ..." of the cases the client bound as `client_param` is a member of.
std::string member_cases_subquery(const std::string& client_param = "?");
//! "SELECT case_id ..." of the cases whose team the user bound as `user_param` is on
//! (`own_caseload`), or whose team has a therapist that user supervises
//! (`supervisees_caseloads`). Empty for no scope.
std::string team_cases_subquery(policy::ClientScope scope, const std::string& user_param = "?");

class CaseService {
public:
    CaseService(storage::Database& db, audit::AuditLog& audit) : m_db(db), m_audit(audit) {}

    //! The cases the actor works on (therapist), supervises (supervisor) or belongs to (client).
    Result<std::vector<Case>> list(RequestContext& ctx);
    Result<Case> create(RequestContext& ctx, const CaseFields& fields);
    Result<Case> get(RequestContext& ctx, const std::string& case_id);
    Result<Case> update(RequestContext& ctx, const std::string& case_id, const CaseFields& fields);

    //! Policy facts about one case as seen by `actor` (for modules that act on a case's records).
    Result<policy::ClientFacts> facts(const Actor& actor, const std::string& case_id);
    Result<void> authorize(RequestContext& ctx, policy::Action action, const std::string& case_id);

    //! Inside the caller's transaction: the cases whose team `user_id` is on.
    Result<std::vector<std::string>> cases_of_in(storage::Reader& reader,
                                                 const std::string& user_id);
    //! Inside the caller's transaction: `to` takes `from`'s place on every case team.
    Result<void> hand_over_in(storage::Tx& tx, const std::string& from, const std::string& to);

private:
    Result<Case> load(const std::string& case_id);

    storage::Database& m_db;
    audit::AuditLog& m_audit;
};

}  // namespace trove::cases
