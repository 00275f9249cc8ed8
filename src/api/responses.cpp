#include "api/responses.hpp"

#include "domain/resources/catalogue.hpp"

namespace trove::api {

nlohmann::json to_json(const accounts::User& user) {
    return {{"id", user.id},
            {"email", user.email},
            {"name", user.name},
            {"role", std::string(to_string(user.role))},
            {"active", user.active},
            {"client_id",
             user.client_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(user.client_id)},
            {"supervisor_ids", user.supervisor_ids},
            {"supervisee_ids", user.supervisee_ids},
            {"locale", user.locale},
            {"totp_enabled", user.totp_enabled},
            {"passkeys", user.passkeys},
            {"created_at", to_rfc3339(user.created_at)}};
}

nlohmann::json to_json(const clients::Client& client) {
    return {{"id", client.id},
            {"display_name", client.display_name},
            {"birth_year",
             client.birth_year ? nlohmann::json(*client.birth_year) : nlohmann::json(nullptr)},
            {"contexts", client.contexts},
            {"status", std::string(clients::to_string(client.status))},
            {"therapist_ids", client.therapist_ids},
            {"has_portal_account", client.has_portal_account},
            {"created_at", to_rfc3339(client.created_at)},
            {"updated_at", to_rfc3339(client.updated_at)}};
}

nlohmann::json to_json(const AuditEvent& e, long long seq) {
    auto or_null = [](const std::string& s) {
        return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
    };
    return {{"id", (e.practice_id.empty() ? std::string("system") : e.practice_id) + ":" +
                       std::to_string(seq)},
            {"seq", seq},
            {"at", to_rfc3339(e.at)},
            {"actor_id", or_null(e.actor_id)},
            {"actor_role", or_null(e.actor_role)},
            {"action", e.action},
            {"object_type", or_null(e.object_type)},
            {"object_id", or_null(e.object_id)},
            {"outcome", e.outcome == Outcome::allowed ? "allowed" : "denied"},
            {"ip", or_null(e.ip)}};
}

namespace {

nlohmann::json text_or_null(const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

nlohmann::json time_or_null(const std::optional<TimeMs>& t) {
    return t ? nlohmann::json(to_rfc3339(*t)) : nlohmann::json(nullptr);
}

nlohmann::json rating_summary(const std::optional<resources::Rating>& r) {
    if (!r)
        return nullptr;
    return {{"availability", r->availability},
            {"activation", r->activation},
            {"rated_at", to_rfc3339(r->rated_at)},
            {"rated_by_role", r->rated_by_role}};
}

}  // namespace

nlohmann::json to_json(const resources::Resource& r) {
    nlohmann::json j = {
        {"id", r.id},
        {"client_id", text_or_null(r.client_id)},
        {"case_id", text_or_null(r.case_id)},
        {"title", r.title},
        {"description", r.description},
        {"category", r.category},
        {"source", r.source},
        {"strength_code", r.strength_code ? nlohmann::json(*r.strength_code) : nlohmann::json()},
        {"stabilising", r.stabilising},
        {"evidence", r.evidence},
        {"visible_to_client", r.visible_to_client},
        {"status", r.status},
        {"created_by_role", r.created_by_role},
        {"latest_rating", rating_summary(r.latest_rating)},
        {"created_at", to_rfc3339(r.created_at)},
        {"updated_at", to_rfc3339(r.updated_at)},
        {"archived_at", time_or_null(r.archived_at)}};
    // Absent, not empty, for those who may not see it: the client's view has no such field.
    if (r.therapist_note)
        j["therapist_note"] = *r.therapist_note;
    return j;
}

nlohmann::json to_json(const resources::Rating& r) {
    return {{"id", r.id},
            {"resource_id", r.resource_id},
            {"availability", r.availability},
            {"activation", r.activation},
            {"rated_at", to_rfc3339(r.rated_at)},
            {"rated_by_role", r.rated_by_role}};
}

nlohmann::json to_json(const resources::ResourceMap& map) {
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& e : map.entries) {
        nlohmann::json j = to_json(e.resource);
        j["rating"] = rating_summary(e.rating);
        nlohmann::json trend = nlohmann::json::array();
        for (const auto& t : e.trend) {
            trend.push_back({{"availability", t.availability},
                             {"activation", t.activation},
                             {"rated_at", to_rfc3339(t.rated_at)}});
        }
        j["trend"] = std::move(trend);
        entries.push_back(std::move(j));
    }
    nlohmann::json categories = nlohmann::json::array();
    for (const auto& c : resources::categories())
        categories.push_back(c.code);
    return {{"at", to_rfc3339(map.at)},
            {"first_rating_at", time_or_null(map.first_rating_at)},
            {"last_rating_at", time_or_null(map.last_rating_at)},
            {"categories", std::move(categories)},
            {"resources", std::move(entries)}};
}

nlohmann::json to_json(const resources::ScaleRating& r) {
    return {{"id", r.id},
            {"value", r.value},
            {"rated_at", to_rfc3339(r.rated_at)},
            {"rated_by_role", r.rated_by_role}};
}

nlohmann::json to_json(const resources::Goal& g) {
    nlohmann::json latest = nullptr;
    if (g.latest_rating) {
        latest = {{"value", g.latest_rating->value},
                  {"rated_at", to_rfc3339(g.latest_rating->rated_at)},
                  {"rated_by_role", g.latest_rating->rated_by_role}};
    }
    nlohmann::json j = {{"id", g.id},
                        {"client_id", g.client_id},
                        {"title", g.title},
                        {"description", g.description},
                        {"status", g.status},
                        {"latest_rating", latest},
                        {"created_at", to_rfc3339(g.created_at)},
                        {"updated_at", to_rfc3339(g.updated_at)}};
    if (g.kind == resources::GoalKind::goal)
        j["resource_ids"] = g.resource_ids;
    return j;
}

nlohmann::json to_json(const resources::CopingCard& card) {
    nlohmann::json contacts = nlohmann::json::array();
    for (const auto& c : card.contacts)
        contacts.push_back({{"name", c.name}, {"phone", c.phone}, {"note", c.note}});
    nlohmann::json stabilising = nlohmann::json::array();
    for (const auto& r : card.stabilising_resources)
        stabilising.push_back(to_json(r));
    return {{"contacts", std::move(contacts)},
            {"calming_steps", card.calming_steps},
            {"reasons", card.reasons},
            {"stabilising_resources", std::move(stabilising)},
            {"updated_at", time_or_null(card.updated_at)}};
}

nlohmann::json to_json(const cases::Case& c) {
    return {{"id", c.id},
            {"kind", c.kind},
            {"name", c.name},
            {"member_ids", c.member_ids},
            {"therapist_ids", c.therapist_ids},
            {"created_at", to_rfc3339(c.created_at)},
            {"updated_at", to_rfc3339(c.updated_at)}};
}

http::Response json_response(int status, const nlohmann::json& body) {
    http::Response r;
    r.status = status;
    r.body = body.dump();
    return r;
}

http::Response no_content() {
    http::Response r;
    r.status = 204;
    r.content_type = "application/json";
    return r;
}

nlohmann::json page_json(nlohmann::json items, const std::optional<std::string>& next_cursor) {
    return {{"items", std::move(items)},
            {"next_cursor", next_cursor ? nlohmann::json(*next_cursor) : nlohmann::json(nullptr)}};
}

Result<int> limit_param(const http::Request& request) {
    bool found = false;
    std::string text = request.query_param("limit", &found);
    if (!found)
        return 50;
    int value = 0;
    try {
        size_t used = 0;
        value = std::stoi(text, &used);
        if (used != text.size())
            throw std::invalid_argument("limit");
    } catch (const std::exception&) {
        return Error::invalid("limit", "limit must be a whole number from 1 to 200.");
    }
    if (value < 1 || value > 200)
        return Error::invalid("limit", "limit must be a whole number from 1 to 200.");
    return value;
}

}  // namespace trove::api
