#include "domain/safety/safety_plan.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "domain/resources/text.hpp"
#include "storage/table.hpp"

namespace trove::safety {

namespace {

constexpr std::size_t kMaxLines = 20;
constexpr std::size_t kMaxReasons = 10;
constexpr std::size_t kMaxLine = 300;

nlohmann::json contacts_json(const std::vector<Contact>& contacts) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : contacts)
        out.push_back({{"name", c.name}, {"phone", c.phone}, {"note", c.note}});
    return out;
}

Result<std::vector<Contact>> contacts_from(const nlohmann::json& j, const char* key) {
    std::vector<Contact> out;
    if (!j.contains(key))
        return out;
    if (!j[key].is_array())
        return Error::internal_error(std::string("coping_cards.content.") + key + " is no list");
    for (const auto& c : j[key]) {
        if (!c.is_object())
            return Error::internal_error(std::string("coping_cards.content.") + key +
                                         " holds a non-object");
        out.push_back({c.value("name", ""), c.value("phone", ""), c.value("note", "")});
    }
    return out;
}

Result<std::vector<std::string>> lines_from(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    if (!j.contains(key))
        return out;
    if (!j[key].is_array())
        return Error::internal_error(std::string("coping_cards.content.") + key + " is no list");
    for (const auto& line : j[key]) {
        if (!line.is_string())
            return Error::internal_error(std::string("coping_cards.content.") + key +
                                         " holds a non-string");
        out.push_back(line.get<std::string>());
    }
    return out;
}

}  // namespace

Result<SafetyPlan> validate(const SafetyPlan& plan) {
    SafetyPlan out;
    out.warning_signs = TRY(resources::clean_lines("warning_signs", plan.warning_signs, kMaxLines));
    out.calming_steps = TRY(resources::clean_lines("calming_steps", plan.calming_steps, kMaxLines));
    out.distractions = TRY(
        resources::clean_lines("places_and_people_for_distraction", plan.distractions, kMaxLines));
    out.people_to_ask = TRY(resources::clean_contacts("people_to_ask", plan.people_to_ask));
    out.professionals = TRY(resources::clean_contacts("professionals", plan.professionals));
    out.making_safe = TRY(resources::clean_lines("making_safe", plan.making_safe, kMaxLines));
    for (const Reason& r : plan.reasons) {
        if (!r.resource_id.empty()) {
            if (r.resource_id.size() > 64)
                return Error::invalid("reasons", "That resource is not on this map.");
            out.reasons.push_back({"", r.resource_id, ""});
            continue;
        }
        std::string clean = TRY(resources::clean_text("reasons", r.text, kMaxLine));
        if (!clean.empty())
            out.reasons.push_back({clean, "", ""});
    }
    if (out.reasons.size() > kMaxReasons)
        return Error::invalid("reasons", "At most 10 reasons, please.");
    return out;
}

std::string to_stored(const SafetyPlan& plan) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const Reason& r : plan.reasons) {
        if (!r.resource_id.empty())
            reasons.push_back({{"resource_id", r.resource_id}});
        else
            reasons.push_back({{"text", r.text}});
    }
    return nlohmann::json{{"version", 2},
                          {"warning_signs", plan.warning_signs},
                          {"calming_steps", plan.calming_steps},
                          {"places_and_people_for_distraction", plan.distractions},
                          {"people_to_ask", contacts_json(plan.people_to_ask)},
                          {"professionals", contacts_json(plan.professionals)},
                          {"making_safe", plan.making_safe},
                          {"reasons", reasons}}
        .dump();
}

Result<SafetyPlan> plan_from_stored(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object())
        return Error::internal_error("coping_cards.content does not decode");
    SafetyPlan plan;
    plan.calming_steps = TRY(lines_from(j, "calming_steps"));
    if (!j.contains("version")) {
        // A coping card from before the plan: its contacts are the people to ask.
        plan.people_to_ask = TRY(contacts_from(j, "contacts"));
        for (std::string& r : TRY(lines_from(j, "reasons")))
            plan.reasons.push_back({std::move(r), "", ""});
        return plan;
    }
    plan.warning_signs = TRY(lines_from(j, "warning_signs"));
    plan.distractions = TRY(lines_from(j, "places_and_people_for_distraction"));
    plan.people_to_ask = TRY(contacts_from(j, "people_to_ask"));
    plan.professionals = TRY(contacts_from(j, "professionals"));
    plan.making_safe = TRY(lines_from(j, "making_safe"));
    if (j.contains("reasons")) {
        if (!j["reasons"].is_array())
            return Error::internal_error("coping_cards.content.reasons is no list");
        for (const auto& r : j["reasons"]) {
            if (!r.is_object())
                return Error::internal_error("coping_cards.content.reasons holds a non-object");
            plan.reasons.push_back({r.value("text", ""), r.value("resource_id", ""), ""});
        }
    }
    return plan;
}

Result<std::optional<SafetyPlan>> SafetyPlanService::load_in(storage::Reader& reader,
                                                             const std::string& client_id) {
    // The plan is kept by the resources store, as the coping card it began as.
    auto stored = TRY(resources::stored_card_in(reader, client_id));
    if (!stored)
        return std::optional<SafetyPlan>{};
    // Opened after the scan: a data key not yet cached is read on this connection.
    SafetyPlan plan = TRY(plan_from_stored(
        TRY(m_resources.vault().open(reader, stored->practice_id, stored->content))));
    plan.updated_at = stored->updated_at;
    return std::optional<SafetyPlan>(std::move(plan));
}

Result<SafetyPlan> SafetyPlanService::get(RequestContext& ctx, const std::string& client_id) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read,
                              resources::Owner::client(client_id)));
    SafetyPlan plan;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        if (auto stored = TRY(load_in(reader, client_id)))
            plan = std::move(*stored);
        return {};
    }));
    resources::ResourceQuery active;
    active.status = "active";
    // This list is part of the same read; its own audit event names the resources list. Linked
    // reasons show only resources this reader may see (a client: those shared with them).
    std::map<std::string, std::string> titles;
    for (resources::Resource& r :
         TRY(m_resources.list(ctx, resources::Owner::client(client_id), active))) {
        titles[r.id] = r.title;
        if (r.stabilising)
            plan.stabilising_resources.push_back(std::move(r));
    }
    std::vector<Reason> shown;
    for (Reason& r : plan.reasons) {
        if (r.resource_id.empty()) {
            shown.push_back(std::move(r));
        } else if (auto it = titles.find(r.resource_id); it != titles.end()) {
            r.title = it->second;
            shown.push_back(std::move(r));
        }
    }
    plan.reasons = std::move(shown);
    plan.crisis = TRY(m_settings.crisis(ctx.actor.practice_id));
    ctx.audit("safety_plan.read", "client", client_id);
    return plan;
}

Result<void> SafetyPlanService::store(RequestContext& ctx, const std::string& client_id,
                                      const SafetyPlan& plan, const char* action) {
    return m_db.write([&](storage::Tx& tx) -> Result<void> {
        std::string content =
            TRY(m_resources.vault().seal(tx, ctx.actor.practice_id, to_stored(plan)));
        TRY(resources::store_card_in(tx, client_id, ctx.actor.practice_id, content,
                                     ctx.actor.user_id, now_ms()));
        return m_audit.append_in(tx, {ctx.event(action, "client", client_id)});
    });
}

Result<SafetyPlan> SafetyPlanService::put(RequestContext& ctx, const std::string& client_id,
                                          const SafetyPlan& input) {
    TRY(m_resources.authorize(ctx, policy::Action::coping_card_write,
                              resources::Owner::client(client_id)));
    SafetyPlan plan = TRY(validate(input));
    bool links = false;
    for (const Reason& r : plan.reasons)
        links |= !r.resource_id.empty();
    if (links) {
        // A reason may link only a resource the writer can see on this client's map.
        std::map<std::string, bool> visible;
        resources::ResourceQuery active;
        active.status = "active";
        for (const resources::Resource& r :
             TRY(m_resources.list(ctx, resources::Owner::client(client_id), active)))
            visible[r.id] = true;
        for (const Reason& r : plan.reasons) {
            if (!r.resource_id.empty() && !visible.count(r.resource_id))
                return Error::invalid("reasons", "That resource is not on this client's map.");
        }
    }
    TRY(store(ctx, client_id, plan, "safety_plan.update"));
    return get(ctx, client_id);
}

Result<resources::CopingCard> SafetyPlanService::card(RequestContext& ctx,
                                                      const std::string& client_id) {
    SafetyPlan plan = TRY(get(ctx, client_id));
    resources::CopingCard card;
    card.contacts = std::move(plan.people_to_ask);
    card.calming_steps = std::move(plan.calming_steps);
    // Reasons linked to resources stay in the plan; the card edits only the written ones.
    for (Reason& r : plan.reasons)
        if (r.resource_id.empty())
            card.reasons.push_back(std::move(r.text));
    card.stabilising_resources = std::move(plan.stabilising_resources);
    card.updated_at = plan.updated_at;
    return card;
}

Result<resources::CopingCard> SafetyPlanService::put_card(RequestContext& ctx,
                                                          const std::string& client_id,
                                                          const resources::CopingCard& input) {
    TRY(m_resources.authorize(ctx, policy::Action::coping_card_write,
                              resources::Owner::client(client_id)));
    resources::CopingCard card = TRY(resources::validate(input));
    // The card covers part of the plan: the rest (and reasons linked to resources) stays.
    SafetyPlan plan;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        if (auto stored = TRY(load_in(reader, client_id)))
            plan = std::move(*stored);
        return {};
    }));
    plan.people_to_ask = card.contacts;
    plan.calming_steps = card.calming_steps;
    std::vector<Reason> reasons;
    for (const std::string& text : card.reasons)
        reasons.push_back({text, "", ""});
    for (Reason& r : plan.reasons)
        if (!r.resource_id.empty())
            reasons.push_back(std::move(r));
    plan.reasons = std::move(reasons);
    TRY(validate(plan));
    TRY(store(ctx, client_id, plan, "coping_card.update"));
    return this->card(ctx, client_id);
}

}  // namespace trove::safety
