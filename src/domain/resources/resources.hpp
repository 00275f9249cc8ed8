#pragma once
// The resource map: a client's (or a case's collective) resources, their availability/activation
// ratings over time, the map as it stood on any date, goals and problems with scaling ratings, the
// balance between them, and the coping card. Every access goes through the policy module: the care
// team writes, supervisors read, the client reads what is shared with them, rates and proposes.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/cases/cases.hpp"
#include "domain/clients/clients.hpp"
#include "domain/policy/policy.hpp"
#include "domain/vault/vault.hpp"
#include "storage/database.hpp"

namespace trove::resources {

//! Whose record it is: a client, or a case (couple, family, group).
struct Owner {
    enum class Kind { client, case_ } kind = Kind::client;
    std::string id;
    static Owner client(std::string id) { return {Kind::client, std::move(id)}; }
    static Owner case_of(std::string id) { return {Kind::case_, std::move(id)}; }
};

struct Rating {
    std::string id;
    std::string resource_id;
    int availability = 0;
    int activation = 0;
    TimeMs rated_at = 0;
    std::string rated_by_role;
};

struct Resource {
    std::string id;
    std::string practice_id;
    std::string client_id;  // exactly one of client_id / case_id is set
    std::string case_id;
    std::string title;
    std::string description;
    std::string category;
    std::string source;
    std::optional<std::string> strength_code;
    bool stabilising = false;
    std::string evidence;
    bool visible_to_client = true;
    std::optional<std::string> therapist_note;  // absent for readers who may not see it
    std::string status;                         // proposed, active, archived
    std::string created_by_role;
    TimeMs created_at = 0;
    TimeMs updated_at = 0;
    std::optional<TimeMs> archived_at;
    std::optional<Rating> latest_rating;
};

struct ResourceFields {
    std::optional<std::string> title, description, category, source;
    std::optional<std::optional<std::string>> strength_code;  // inner nullopt: clear it
    std::optional<bool> stabilising;
    std::optional<std::string> evidence;
    std::optional<bool> visible_to_client;
    std::optional<std::string> therapist_note;
    std::optional<std::string> status;
};

struct ResourceQuery {
    std::string status;    // active, proposed, archived, all; empty = active and proposed
    std::string category;  // optional filter
    std::string text;      // case-insensitive substring of title, description or evidence
};

struct RatingInput {
    std::optional<int> availability, activation;
    std::optional<std::string> rated_at;  // RFC 3339; default now
};

struct MapEntry {
    Resource resource;
    std::optional<Rating> rating;  // latest at or before the map's time
    std::vector<Rating> trend;     // up to kTrendLength, oldest first
};

struct ResourceMap {
    TimeMs at = 0;
    std::optional<TimeMs> first_rating_at, last_rating_at;
    std::vector<MapEntry> entries;
};

constexpr std::size_t kTrendLength = 12;

//! Checks and normalises resource fields. `creating` requires title and category. Pure.
Result<ResourceFields> validate(const ResourceFields& fields, bool creating);

//! Checks a rating's values and time (0-10 each; a time not in the future). Pure.
Result<std::pair<std::pair<int, int>, TimeMs>> validate_rating(const RatingInput& input,
                                                               TimeMs now);

class ResourceService {
public:
    ResourceService(storage::Database& db, audit::AuditLog& audit, vault::Vault& vault,
                    clients::ClientService& clients, cases::CaseService& cases)
        : m_db(db), m_audit(audit), m_vault(vault), m_clients(clients), m_cases(cases) {}

    //! The practice keys' holder: every service on the resource map seals its free text with it.
    vault::Vault& vault() { return m_vault; }

    Result<std::vector<Resource>> list(RequestContext& ctx, const Owner& owner,
                                       const ResourceQuery& query);
    Result<Resource> create(RequestContext& ctx, const Owner& owner, const ResourceFields& fields);
    Result<Resource> get(RequestContext& ctx, const std::string& resource_id);
    Result<Resource> update(RequestContext& ctx, const std::string& resource_id,
                            const ResourceFields& fields);
    Result<Resource> archive(RequestContext& ctx, const std::string& resource_id);

    Result<std::vector<Rating>> ratings(RequestContext& ctx, const std::string& resource_id);
    //! The ratings of resources this reader was given by list() for `owner` (so what they may
    //! see is already decided), oldest first per resource, read with one query; audited like
    //! ratings() for each resource that has any.
    Result<std::map<std::string, std::vector<Rating>>> ratings_of_listed(
        RequestContext& ctx, const Owner& owner, const std::vector<Resource>& listed);
    Result<Rating> rate(RequestContext& ctx, const std::string& resource_id,
                        const RatingInput& input);

    //! The map as it stood at `at`: resources that existed then and were not yet archived, each
    //! with its latest rating at or before `at` and its trend up to then.
    Result<ResourceMap> map(RequestContext& ctx, const Owner& owner, TimeMs at);

    //! Asks the policy whether the actor may do `action` on the owner's records; audits a denial.
    Result<void> authorize(RequestContext& ctx, policy::Action action, const Owner& owner);

    //! Offers resources suggested by an assessment (e.g. signature strengths from IPIP-VIA-R) to
    //! the care team, inside the caller's transaction: `assessment`-sourced, status `proposed`,
    //! skipping strengths the client already has (proposed or active). Returns the new ids.
    struct Offer {
        std::string title, description, category;
        std::optional<std::string> strength_code;
    };
    Result<std::vector<std::string>> offer_in(storage::Tx& tx, const std::string& practice_id,
                                              const std::string& client_id,
                                              const std::string& created_by,
                                              const std::string& created_by_role,
                                              const std::vector<Offer>& offers);

    //! Appends `text` to the resource's evidence inside the caller's transaction (a blank line
    //! between it and what is there). Refuses (400 naming resource_id) when the evidence would
    //! exceed the length a resource's evidence may have. No access check, no audit event: the
    //! caller decides and records why.
    Result<void> append_evidence_in(storage::Tx& tx, const std::string& resource_id,
                                    const std::string& text);

    //! Loads resources of `owner` with the given ids, for goal links (no access check).
    Result<std::vector<Resource>> load_many(const std::vector<std::string>& ids);

private:
    struct Located {
        Resource resource;
        Owner owner;
    };
    //! Loads a resource and decides `action` on it for the actor (hidden ones are not found for
    //! a client).
    Result<Located> locate(RequestContext& ctx, policy::Action action,
                           const std::string& resource_id);
    Result<std::optional<Resource>> load(const std::string& resource_id);

    storage::Database& m_db;
    audit::AuditLog& m_audit;
    vault::Vault& m_vault;
    clients::ClientService& m_clients;
    cases::CaseService& m_cases;
};

//! Prepares a resource for the actor's eyes: drops what only the care team may see.
void redact_for(const Actor& actor, Resource& resource);

//! True when `actor` may see this resource at all (clients see only shared ones).
bool visible_to(const Actor& actor, const Resource& resource);

}  // namespace trove::resources
