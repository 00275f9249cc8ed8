// Safety routes: the practice's crisis resources and settings, risk alerts and their
// acknowledgement, and the client's safety plan.

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/json_body.hpp"
#include "api/responses.hpp"
#include "i18n/locales.hpp"

namespace trove::api {

namespace {

using nlohmann::json;

json crisis_json(const safety::CrisisResources& crisis) {
    json contacts = json::array();
    for (const auto& c : crisis.contacts) {
        json j = {{"label", c.label}};
        // Absent rather than empty: a client shows exactly the ways a contact can be reached.
        if (!c.phone.empty())
            j["phone"] = c.phone;
        if (!c.sms.empty())
            j["sms"] = c.sms;
        if (!c.url.empty())
            j["url"] = c.url;
        if (!c.hours.empty())
            j["hours"] = c.hours;
        contacts.push_back(std::move(j));
    }
    return {{"text", crisis.text}, {"contacts", std::move(contacts)}};
}

Result<json> settings_json(Services& services, const Exchange& ex,
                           const safety::PracticeSettings& s) {
    accounts::Practice practice = TRY(services.accounts.get_practice(ex.ctx.actor.practice_id));
    return json{{"review_promise", s.review_promise},
                {"alert_escalation_hours", s.alert_escalation_hours},
                {"default_locale", practice.default_locale},
                {"staff_second_factor", practice.staff_second_factor}};
}

json time_or_null_json(const std::optional<TimeMs>& t) {
    return t ? json(to_rfc3339(*t)) : json();
}

json alert_json(const safety::Alert& a) {
    json j = {{"id", a.id},
              {"kind", a.kind},
              {"client_id", a.client_id},
              {"message", a.message},
              {"created_at", to_rfc3339(a.created_at)},
              {"status", a.acknowledged ? "acknowledged" : "open"},
              {"acknowledged", json()},
              {"escalated_at", time_or_null_json(a.escalated_at)}};
    if (!a.response_id.empty())
        j["response_id"] = a.response_id;
    if (!a.entry_id.empty())
        j["entry_id"] = a.entry_id;
    if (!a.instrument.empty())
        j["instrument"] = a.instrument;
    if (!a.item.empty())
        j["item"] = a.item;
    if (a.value)
        j["value"] = *a.value;
    if (a.acknowledged) {
        const auto& k = *a.acknowledged;
        json ack = {{"by", k.by},
                    {"by_name", k.by_name},
                    {"at", to_rfc3339(k.at)},
                    {"action", k.action.empty() ? json() : json(k.action)}};
        if (!k.note.empty())
            ack["note"] = k.note;
        j["acknowledged"] = std::move(ack);
    }
    return j;
}

json contacts_json(const std::vector<safety::Contact>& contacts) {
    json out = json::array();
    for (const auto& c : contacts) {
        json j = {{"name", c.name}, {"phone", c.phone}};
        if (!c.note.empty())
            j["note"] = c.note;
        out.push_back(std::move(j));
    }
    return out;
}

json plan_json(const safety::SafetyPlan& p) {
    json reasons = json::array();
    for (const auto& r : p.reasons) {
        if (r.resource_id.empty())
            reasons.push_back(r.text);
        else
            reasons.push_back({{"resource_id", r.resource_id}, {"title", r.title}});
    }
    json stabilising = json::array();
    for (const auto& r : p.stabilising_resources)
        stabilising.push_back(to_json(r));
    return {{"warning_signs", p.warning_signs},
            {"calming_steps", p.calming_steps},
            {"places_and_people_for_distraction", p.distractions},
            {"people_to_ask", contacts_json(p.people_to_ask)},
            {"professionals", contacts_json(p.professionals)},
            {"making_safe", p.making_safe},
            {"reasons", std::move(reasons)},
            {"stabilising_resources", std::move(stabilising)},
            {"crisis", crisis_json(p.crisis)},
            {"updated_at", time_or_null_json(p.updated_at)}};
}

Result<safety::CrisisResources> read_crisis(const http::Request& request) {
    JsonBody body = TRY(JsonBody::parse(request, {"text", "contacts"}));
    safety::CrisisResources crisis;
    crisis.text =
        TRY(body.required_string("text", "Write a few calm words for a person in crisis."));
    auto contacts =
        TRY(body.optional_object_array("contacts", {"label", "phone", "sms", "url", "hours"}, 12));
    if (!contacts)
        return Error::invalid("contacts", "List the crisis contacts, at least one with a phone.");
    for (const JsonBody& c : *contacts) {
        safety::CrisisContact contact;
        contact.label = TRY(c.optional_string("label")).value_or("");
        contact.phone = TRY(c.optional_string("phone")).value_or("");
        contact.sms = TRY(c.optional_string("sms")).value_or("");
        contact.url = TRY(c.optional_string("url")).value_or("");
        contact.hours = TRY(c.optional_string("hours")).value_or("");
        crisis.contacts.push_back(std::move(contact));
    }
    return crisis;
}

Result<std::vector<safety::Contact>> read_contacts(const JsonBody& body, const std::string& name) {
    std::vector<safety::Contact> out;
    auto list = TRY(body.optional_object_array(name, {"name", "phone", "note"}, 10));
    for (const JsonBody& c : list.value_or(std::vector<JsonBody>{})) {
        safety::Contact contact;
        contact.name = TRY(c.optional_string("name")).value_or("");
        contact.phone = TRY(c.optional_string("phone")).value_or("");
        contact.note = TRY(c.optional_string("note")).value_or("");
        out.push_back(std::move(contact));
    }
    return out;
}

Result<std::vector<std::string>> read_lines(const JsonBody& body, const std::string& name) {
    return TRY(body.optional_string_array(name, 1200)).value_or(std::vector<std::string>{});
}

Result<safety::SafetyPlan> read_plan(const http::Request& request) {
    JsonBody body = TRY(JsonBody::parse(
        request, {"warning_signs", "calming_steps", "places_and_people_for_distraction",
                  "people_to_ask", "professionals", "making_safe", "reasons"}));
    safety::SafetyPlan plan;
    plan.warning_signs = TRY(read_lines(body, "warning_signs"));
    plan.calming_steps = TRY(read_lines(body, "calming_steps"));
    plan.distractions = TRY(read_lines(body, "places_and_people_for_distraction"));
    plan.people_to_ask = TRY(read_contacts(body, "people_to_ask"));
    plan.professionals = TRY(read_contacts(body, "professionals"));
    plan.making_safe = TRY(read_lines(body, "making_safe"));
    if (body.has("reasons")) {
        const json& reasons = body.json()["reasons"];
        const char* shape = "Each reason is your own words, or {\"resource_id\"} of a resource.";
        if (!reasons.is_array() || reasons.size() > 50)
            return Error::invalid("reasons", shape);
        for (const json& r : reasons) {
            if (r.is_string()) {
                plan.reasons.push_back({r.get<std::string>(), "", ""});
            } else if (r.is_object() && r.size() == 1 && r.contains("resource_id") &&
                       r["resource_id"].is_string()) {
                plan.reasons.push_back({"", r["resource_id"].get<std::string>(), ""});
            } else {
                return Error::invalid("reasons", shape);
            }
        }
    }
    return plan;
}

}  // namespace

Result<std::pair<std::string, std::string>> read_alert_acknowledgement(
    const http::Request& request) {
    JsonBody body = TRY(JsonBody::parse(request, {"action", "note"}));
    std::string action =
        TRY(body.required_string("action",
                                 "Say what was done: contacted_client, safety_plan_reviewed, "
                                 "discussed_in_session, emergency_services or no_action_needed."));
    std::string note = TRY(body.optional_string("note")).value_or("");
    return std::make_pair(action, note);
}

Result<void> add_crisis(nlohmann::json& body, Services& services, const std::string& practice_id) {
    body["crisis"] = crisis_json(TRY(services.settings.crisis(practice_id)));
    body["review_promise"] = TRY(services.settings.get(practice_id)).review_promise;
    return {};
}

void add_safety_routes(ApiRouter& router, Services& services) {
    router.add("GET", "/api/v1/crisis",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto crisis = TRY(services.settings.crisis(ex.ctx.actor.practice_id));
                    return json_response(200, crisis_json(crisis));
                }});
    router.add("PUT", "/api/v1/crisis",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    TRY(services.settings.authorize_manage(ex.ctx, "crisis_resources.update"));
                    auto input = TRY(read_crisis(ex.request));
                    auto saved = TRY(services.settings.set_crisis(ex.ctx, input));
                    return json_response(200, crisis_json(saved));
                }});
    router.add("GET", "/api/v1/practice-settings",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto s = TRY(services.settings.get(ex.ctx.actor.practice_id));
                    return json_response(200, TRY(settings_json(services, ex, s)));
                }});
    router.add(
        "PATCH", "/api/v1/practice-settings",
        {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
             TRY(services.settings.authorize_manage(ex.ctx, "practice_settings.update"));
             JsonBody body =
                 TRY(JsonBody::parse(ex.request, {"review_promise", "alert_escalation_hours",
                                                  "default_locale", "staff_second_factor"}));
             safety::SettingsPatch patch;
             patch.review_promise = TRY(body.optional_string("review_promise"));
             patch.alert_escalation_hours = TRY(body.optional_int("alert_escalation_hours"));
             auto locale = TRY(body.optional_string("default_locale"));
             if (locale && !i18n::is_supported(*locale))
                 return Error::invalid("default_locale", std::string(i18n::kLocaleHint));
             auto second_factor = TRY(body.optional_string("staff_second_factor"));
             if (second_factor && *second_factor != "required" && *second_factor != "optional")
                 return Error::invalid("staff_second_factor", "Choose required or optional.");
             // The default language and the staff's second-factor rule are the accounts' (new
             // accounts start with the language; sign-in enforces the rule); both are stored in
             // the settings' transaction, so the patch lands whole.
             safety::SettingsService::AlsoIn also_in;
             if (locale || second_factor) {
                 also_in = [&services, &ex, &locale,
                            &second_factor](storage::Tx& tx) -> Result<void> {
                     if (locale) {
                         TRY(services.accounts.set_default_locale_in(tx, ex.ctx.actor.practice_id,
                                                                     *locale));
                     }
                     if (second_factor) {
                         TRY(services.accounts.set_staff_second_factor_in(
                             tx, ex.ctx.actor.practice_id, *second_factor));
                     }
                     return {};
                 };
             }
             auto s = TRY(services.settings.update(ex.ctx, patch, also_in));
             return json_response(200, TRY(settings_json(services, ex, s)));
         }});

    router.add("GET", "/api/v1/alerts",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    std::string status_text = ex.request.query_param("status");
                    safety::AlertStatus status = safety::AlertStatus::open;
                    if (status_text == "acknowledged")
                        status = safety::AlertStatus::acknowledged;
                    else if (status_text == "all")
                        status = safety::AlertStatus::all;
                    else if (!status_text.empty() && status_text != "open")
                        return Error::invalid("status", "Status is open, acknowledged or all.");
                    const TimeMs now = now_ms();
                    auto alerts = TRY(services.alerts.list(ex.ctx, status, now));
                    json items = json::array();
                    int escalated = 0;
                    for (const auto& a : alerts) {
                        escalated += a.escalated_at && !a.acknowledged ? 1 : 0;
                        items.push_back(alert_json(a));
                    }
                    if (status != safety::AlertStatus::acknowledged) {
                        // Reliable deteriorations are computed from the scores and have no
                        // lifecycle.
                        for (const auto& d : TRY(services.measures.deteriorations(ex.ctx))) {
                            items.push_back({{"id", "deterioration-" + d.response_id},
                                             {"kind", "reliable_deterioration"},
                                             {"client_id", d.client_id},
                                             {"response_id", d.response_id},
                                             {"instrument", d.instrument},
                                             {"message", d.message},
                                             {"created_at", to_rfc3339(d.created_at)},
                                             {"status", "open"},
                                             {"acknowledged", json()},
                                             {"escalated_at", json()}});
                        }
                    }
                    return json_response(
                        200, {{"items", std::move(items)}, {"escalated_count", escalated}});
                }});
    router.add("GET", "/api/v1/alerts/escalations",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    int count = TRY(services.alerts.escalated_count(ex.ctx, now_ms()));
                    return json_response(200, {{"count", count}});
                }});
    router.add("POST", "/api/v1/alerts/{id}/ack",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    if (ex.param("id").rfind("deterioration-", 0) == 0) {
                        return Error::conflict(
                            "not_acknowledgeable",
                            "A reliable deterioration is not acknowledged: it stays while the "
                            "scores show it. Look at it with the client in the next session.");
                    }
                    auto [action, note] = TRY(read_alert_acknowledgement(ex.request));
                    auto a = TRY(services.alerts.acknowledge(ex.ctx, ex.param("id"), action, note));
                    return json_response(200, alert_json(a));
                }});

    router.add("GET", "/api/v1/clients/{id}/safety-plan",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto plan = TRY(services.safety_plans.get(ex.ctx, ex.param("id")));
                    return json_response(200, plan_json(plan));
                }});
    router.add("PUT", "/api/v1/clients/{id}/safety-plan",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    TRY(services.resources.authorize(ex.ctx, policy::Action::coping_card_write,
                                                     resources::Owner::client(ex.param("id"))));
                    auto plan = TRY(read_plan(ex.request));
                    auto saved = TRY(services.safety_plans.put(ex.ctx, ex.param("id"), plan));
                    return json_response(200, plan_json(saved));
                }});
}

}  // namespace trove::api
