#pragma once
// The coping card (trauma work): on one page, the client's stabilising resources, the people they
// can call, the calming steps that work for them and their reasons to get through a hard moment.
// The client and the care team both write it; it is the client's own card.

#include <optional>
#include <string>
#include <vector>

#include "domain/resources/resources.hpp"

namespace trove::resources {

struct CopingContact {
    std::string name;
    std::string phone;
    std::string note;
};

struct CopingCard {
    std::vector<CopingContact> contacts;
    std::vector<std::string> calming_steps;
    std::vector<std::string> reasons;
    std::vector<Resource> stabilising_resources;  // read-only: active resources flagged stabilising
    std::optional<TimeMs> updated_at;
};

//! Checks and trims a card's contacts, steps and reasons. Pure.
Result<CopingCard> validate(const CopingCard& card);

class CopingCardService {
public:
    CopingCardService(storage::Database& db, audit::AuditLog& audit, ResourceService& resources)
        : m_db(db), m_audit(audit), m_resources(resources) {}

    Result<CopingCard> get(RequestContext& ctx, const std::string& client_id);
    Result<CopingCard> put(RequestContext& ctx, const std::string& client_id,
                           const CopingCard& card);

private:
    storage::Database& m_db;
    audit::AuditLog& m_audit;
    ResourceService& m_resources;
};

}  // namespace trove::resources
