// Administrations: scored by the one engine, stored with the instrument version that scored them,
// with the alerts their critical answers raise and the reliable change against earlier ones.
#include <algorithm>
#include <map>

#include "core/ids.hpp"
#include "domain/measures/measure_store.hpp"
#include "domain/measures/measures.hpp"
#include "domain/measures/words.hpp"
#include "domain/resources/catalogue.hpp"

namespace trove::measures {

namespace {

constexpr std::size_t kSignatureStrengths = 5;

nlohmann::json answers_json(const Instrument& ins, const Answers& answers) {
    nlohmann::json j = nlohmann::json::object();
    for (const Item& item : ins.items) {
        auto it = answers.find(item.link_id);
        j[item.link_id] =
            it != answers.end() && it->second ? nlohmann::json(*it->second) : nlohmann::json();
    }
    return j;
}

std::optional<std::string> unless_empty(const std::string& text) {
    if (text.empty())
        return std::nullopt;
    return text;
}

}  // namespace

Result<MeasureService::Stored> MeasureService::store(
    const std::string& practice_id, const std::string& client_id, const Instrument& ins,
    const Answers& answers, const std::string& submitted_by, const std::string& role,
    const std::string& assignment_id, const AuditEvent& event,
    const std::function<Result<void>(storage::Tx&)>& extra, std::optional<TimeMs> taken_at) {
    Scored scored = TRY(score(ins, answers));
    const std::string id = new_id();
    std::string client_language = "en";
    if (ins.ranked && m_locale_of)
        client_language = TRY(m_locale_of(practice_id, client_id));
    std::optional<double> total;
    if (const ScaleScore* t = scored.total(ins))
        total = t->value;
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(extra(tx));
        const TimeMs at = taken_at.value_or(now_ms());
        const std::string now = to_rfc3339(at);
        TRY(store::responses().insert(
            tx, {id, practice_id, client_id, ins.id, ins.version, answers_json(ins, answers).dump(),
                 to_json(ins, scored).dump(), total, unless_empty(assignment_id),
                 unless_empty(submitted_by), role, at}));
        for (const AlertHit& a : scored.alerts) {
            safety::NewAlert alert;
            alert.client_id = client_id;
            alert.kind = safety::kCriticalItem;
            alert.response_id = id;
            alert.instrument = ins.id;
            alert.item = a.item;
            alert.value = a.value;
            alert.message = a.message;
            TRY(m_alerts.raise_in(tx, practice_id, alert, at));
        }
        if (!assignment_id.empty()) {
            const auto& table = store::measure_assignments();
            if (auto a = TRY(table.select_one(tx, "WHERE id = ?", {assignment_id}))) {
                if (a->every_weeks) {
                    // A recurring assignment is next due N weeks after this administration.
                    a->next_due_at = now_ms() + *a->every_weeks * store::kWeek;
                    TRY(table.update(tx, *a, {"next_due_at"}, "WHERE id = ?", {assignment_id}));
                } else if (a->every_sessions) {
                    // Due again after the next N attended sessions (count_attended_session_in).
                    a->next_due_at.reset();
                    a->sessions_since = 0;
                    TRY(table.update(tx, *a, {"next_due_at", "sessions_since"}, "WHERE id = ?",
                                     {assignment_id}));
                } else {
                    a->active = false;
                    TRY(table.update(tx, *a, {"active"}, "WHERE id = ?", {assignment_id}));
                }
            }
        }
        std::vector<AuditEvent> events = {event};
        events.back().object_id = id;
        if (ins.ranked && !scored.ranking.empty()) {
            // The strengths profile: the top five are offered on the resource map, in the
            // client's language (stored as written: a resource's title is the client's to edit).
            const Words words(m_catalogue, client_language);
            std::vector<resources::ResourceService::Offer> offers;
            for (std::size_t i = 0; i < scored.ranking.size() && i < kSignatureStrengths; ++i) {
                const std::string& code = scored.ranking[i];
                std::string name = code;
                for (const auto& s : resources::strengths())
                    if (s.code == code)
                        name = words.strength_name(code, s.name);
                offers.push_back({name,
                                  words.signature_strength(ins, static_cast<int>(i + 1),
                                                           static_cast<int>(scored.ranking.size()),
                                                           now.substr(0, 10)),
                                  "strength", code});
            }
            auto offered =
                TRY(m_resources.offer_in(tx, practice_id, client_id, submitted_by, role, offers));
            for (const std::string& r : offered) {
                AuditEvent e = event;
                e.action = "resource.offer";
                e.object_type = "resource";
                e.object_id = r;
                events.push_back(e);
            }
        }
        return m_audit.append_in(tx, events);
    }));
    return Stored{id, !scored.alerts.empty()};
}

Result<StoredResponse> MeasureService::submit(RequestContext& ctx, const std::string& client_id,
                                              const std::string& instrument_id,
                                              const Answers& answers,
                                              std::optional<TimeMs> taken_at) {
    TRY(m_resources.authorize(ctx, policy::Action::response_submit,
                              resources::Owner::client(client_id)));
    const Instrument* ins = find(instrument_id);
    if (!ins)
        return Error::invalid("instrument", "There is no questionnaire '" + instrument_id + "'.");
    if (!TRY(enabled(ctx.actor.practice_id, *ins))) {
        return Error::conflict("instrument_disabled",
                               ins->short_name +
                                   " is not enabled in this practice; an "
                                   "administrator can enable it after reading its "
                                   "licence.",
                               "instrument");
    }
    // A due assignment of this instrument is fulfilled by this response.
    std::string assignment_id;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto due = TRY(store::measure_assignments().select_one(
            reader,
            "WHERE client_id = ? AND instrument_id = ? AND active = 1 AND next_due_at <= ? ORDER "
            "BY next_due_at, id LIMIT 1",
            {client_id, ins->id, to_rfc3339(now_ms())}));
        if (due)
            assignment_id = due->id;
        return {};
    }));
    std::string role = ctx.actor.role == Role::client ? "client" : "therapist";
    // Answers are attributed to the login that sent them (the client, or a therapist
    // administering in session); offered signature strengths name the same user.
    const std::string& by = ctx.actor.user_id;
    std::string id = TRY(store(
                             ctx.actor.practice_id, client_id, *ins, answers, by, role,
                             assignment_id, ctx.event("response.create", "response", ""),
                             [](storage::Tx&) -> Result<void> { return {}; }, taken_at))
                         .id;
    StoredResponse r = *TRY(load(id));
    TRY(add_changes(r));
    return r;
}

Result<std::optional<StoredResponse>> MeasureService::load(const std::string& response_id) {
    std::optional<StoredResponse> found;
    if (!looks_like_id(response_id))
        return found;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto rows = TRY(store::select_responses(reader, "id = ?", {response_id}));
        if (!rows.empty()) {
            found = std::move(rows.front());
            found->alerts = TRY(m_alerts.of_response_in(reader, response_id));
        }
        return {};
    }));
    return found;
}

Result<void> MeasureService::add_changes(StoredResponse& r) {
    const Instrument* ins = find(r.instrument_id);
    if (!ins || !ins->primary || !r.total)
        return {};
    std::vector<StoredResponse> earlier;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        earlier = TRY(store::select_responses(reader, "client_id = ? AND instrument_id = ?",
                                              {r.client_id, r.instrument_id}));
        return {};
    }));
    const Scale& scale = *ins->scale(*ins->primary);
    const StoredResponse* first = nullptr;
    const StoredResponse* previous = nullptr;
    for (const StoredResponse& e : earlier) {
        if (e.id == r.id)
            break;
        if (!e.total)
            continue;
        if (!first)
            first = &e;
        previous = &e;
    }
    if (previous)
        r.change_from_previous = reliable_change(*ins, scale, *previous->total, *r.total);
    if (first)
        r.change_from_first = reliable_change(*ins, scale, *first->total, *r.total);
    return {};
}

Result<std::vector<StoredResponse>> MeasureService::list(RequestContext& ctx,
                                                         const std::string& client_id,
                                                         const std::string& instrument_filter) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read,
                              resources::Owner::client(client_id)));
    std::vector<StoredResponse> all;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        all = instrument_filter.empty()
                  ? TRY(store::select_responses(reader, "client_id = ?", {client_id}))
                  : TRY(store::select_responses(reader, "client_id = ? AND instrument_id = ?",
                                                {client_id, instrument_filter}));
        std::vector<std::string> ids;
        ids.reserve(all.size());
        for (const StoredResponse& r : all)
            ids.push_back(r.id);
        auto alerts = TRY(m_alerts.of_responses_in(reader, ids));
        for (StoredResponse& r : all)
            if (auto it = alerts.find(r.id); it != alerts.end())
                r.alerts = std::move(it->second);
        return {};
    }));
    // Changes against the previous and the first of the same instrument, in one pass.
    std::map<std::string, std::pair<const StoredResponse*, const StoredResponse*>> seen;
    for (StoredResponse& r : all) {
        const Instrument* ins = find(r.instrument_id);
        if (!ins || !ins->primary || !r.total)
            continue;
        auto& [first, previous] = seen[r.instrument_id];
        const Scale& scale = *ins->scale(*ins->primary);
        if (previous)
            r.change_from_previous = reliable_change(*ins, scale, *previous->total, *r.total);
        if (first)
            r.change_from_first = reliable_change(*ins, scale, *first->total, *r.total);
        if (!first)
            first = &r;
        previous = &r;
    }
    std::reverse(all.begin(), all.end());
    ctx.audit("response.list", "client", client_id);
    return all;
}

Result<StoredResponse> MeasureService::get(RequestContext& ctx, const std::string& response_id) {
    std::optional<StoredResponse> r = TRY(load(response_id));
    if (!r) {
        ctx.audit("response.read", "response", response_id, Outcome::denied);
        return Error::not_found("response");
    }
    TRY(m_resources.authorize(ctx, policy::Action::record_read,
                              resources::Owner::client(r->client_id)));
    TRY(add_changes(*r));
    ctx.audit("response.read", "response", response_id);
    return *r;
}

Result<StoredResponse> MeasureService::acknowledge(RequestContext& ctx,
                                                   const std::string& response_id,
                                                   const std::string& action,
                                                   const std::string& note) {
    std::optional<StoredResponse> r = TRY(load(response_id));
    if (!r) {
        ctx.audit("alert.acknowledge", "response", response_id, Outcome::denied);
        return Error::not_found("response");
    }
    TRY(m_alerts.acknowledge_response(ctx, r->client_id, response_id, action, note));
    StoredResponse out = *TRY(load(response_id));
    TRY(add_changes(out));
    return out;
}

}  // namespace trove::measures
