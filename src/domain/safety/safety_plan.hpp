#pragma once
// The client's safety plan (Stanley & Brown's Safety Planning Intervention, in resource-focused
// words): warning signs, what I can do myself, places and people that distract me, people I can ask
// for help, professionals, making my surroundings safe, and my reasons — which can be resources on
// the client's map. It grew out of the coping card (trauma work), which is now a view of the same
// plan: its contacts are the people to ask. The client and the care team both write it; the
// practice's crisis numbers are always shown with it, even when it is empty.

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/resources/coping_card.hpp"
#include "domain/resources/resources.hpp"
#include "domain/safety/crisis.hpp"
#include "domain/safety/settings.hpp"
#include "storage/database.hpp"

namespace trove::safety {

using Contact = resources::CopingContact;

struct Reason {
    std::string text;         // the client's own words, or
    std::string resource_id;  // a resource on their map
    std::string title;        // (read) the linked resource's title
};

struct SafetyPlan {
    std::vector<std::string> warning_signs;
    std::vector<std::string> calming_steps;
    std::vector<std::string> distractions;  // places_and_people_for_distraction
    std::vector<Contact> people_to_ask;
    std::vector<Contact> professionals;
    std::vector<std::string> making_safe;
    std::vector<Reason> reasons;
    // Read only:
    std::vector<resources::Resource> stabilising_resources;
    CrisisResources crisis;
    std::optional<TimeMs> updated_at;
};

//! Checks and trims every list (blank lines dropped; at most 20 lines of 300 characters, 10
//! contacts per list, 10 reasons). Pure; 400 naming the list.
Result<SafetyPlan> validate(const SafetyPlan& plan);

//! The stored JSON and back; a coping card stored before the plan existed reads as a plan.
std::string to_stored(const SafetyPlan& plan);
Result<SafetyPlan> plan_from_stored(const std::string& text);

class SafetyPlanService {
public:
    SafetyPlanService(storage::Database& db, audit::AuditLog& audit,
                      resources::ResourceService& resources, SettingsService& settings)
        : m_db(db), m_audit(audit), m_resources(resources), m_settings(settings) {}

    Result<SafetyPlan> get(RequestContext& ctx, const std::string& client_id);
    Result<SafetyPlan> put(RequestContext& ctx, const std::string& client_id,
                           const SafetyPlan& plan);

    //! The coping card view: contacts are the people to ask; reasons are the written ones.
    Result<resources::CopingCard> card(RequestContext& ctx, const std::string& client_id);
    Result<resources::CopingCard> put_card(RequestContext& ctx, const std::string& client_id,
                                           const resources::CopingCard& card);

private:
    Result<std::optional<SafetyPlan>> load_in(storage::Reader& reader,
                                              const std::string& client_id);
    Result<void> store(RequestContext& ctx, const std::string& client_id, const SafetyPlan& plan,
                       const char* action);

    storage::Database& m_db;
    audit::AuditLog& m_audit;
    resources::ResourceService& m_resources;
    SettingsService& m_settings;
};

}  // namespace trove::safety
