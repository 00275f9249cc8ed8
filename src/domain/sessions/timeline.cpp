// The client's timeline: sessions, ratings, questionnaire scores and journal entries, newest first.
#include "domain/sessions/sessions.hpp"

#include <algorithm>

#include "domain/sessions/sessions_rows.hpp"

namespace trove::sessions {

Result<std::vector<TimelineItem>> SessionService::timeline(RequestContext& ctx,
                                                           const std::string& client_id,
                                                           const std::string& limit_text) {
    Owner owner{client_id, std::nullopt};
    TRY(authorize(ctx, policy::Action::session_read, owner, "client", client_id));
    int limit = TRY(detail::parse_limit(limit_text));
    std::vector<TimelineItem> items;

    // The client's couple, family or group sessions too - those of cases whose sessions this
    // reader may see (a case has its own team, which need not be the client's care team).
    std::vector<std::string> case_ids;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        case_ids = TRY(cases::cases_of_member_in(reader, client_id));
        return {};
    }));
    storage::Params visible_cases;
    for (const std::string& case_id : case_ids) {
        policy::ClientFacts f = TRY(facts(ctx.actor, Owner{std::nullopt, case_id}));
        if (policy::decide(ctx.actor, policy::Action::session_read, "", f) ==
            policy::Decision::allow)
            visible_cases.push_back(case_id);
    }
    // All of them in one query, the newest `limit`: the client's own first among sessions at the
    // same time, then each case's in the order of its id, as the sort below keeps them.
    std::string where = "WHERE a.practice_id = ? AND (a.client_id = ?";
    storage::Params params = {ctx.actor.practice_id, client_id};
    if (!visible_cases.empty()) {
        where += " OR a.case_id IN (" + storage::placeholders(visible_cases.size()) + ")";
        params.insert(params.end(), visible_cases.begin(), visible_cases.end());
    }
    where += ") ORDER BY a.starts_at DESC, a.case_id IS NOT NULL, a.case_id, a.id DESC LIMIT ?";
    params.push_back(limit);
    std::vector<Session> sessions;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        sessions = TRY(detail::select_sessions(reader, where, params));
        return {};
    }));
    for (Session& s : TRY(complete(std::move(sessions), ctx.actor)))
        items.push_back({s.starts_at, std::move(s)});

    // Everything else comes from its own service, with that service's rules on what this reader
    // may see (resources hidden from the client, alerts, private journal entries).
    resources::ResourceQuery all;
    all.status = "all";
    const auto owner_of_ratings = resources::Owner::client(client_id);
    std::vector<resources::Resource> rated;
    for (auto& r : TRY(m_resources.list(ctx, owner_of_ratings, all))) {
        if (r.latest_rating)  // never rated: nothing happened on the timeline
            rated.push_back(std::move(r));
    }
    auto ratings = TRY(m_resources.ratings_of_listed(ctx, owner_of_ratings, rated));
    for (const auto& r : rated) {
        for (const auto& rating : ratings[r.id]) {
            items.push_back({rating.rated_at,
                             RatingItem{r.id, r.title, rating.activation, rating.availability}});
        }
    }
    for (const auto& response : TRY(m_measures.list(ctx, client_id, ""))) {
        ScoreItem score{response.id, response.instrument_id, response.total, std::nullopt};
        const nlohmann::json& scored = response.scored;
        if (scored.is_object() && scored.contains("scores") && scored["scores"].is_object() &&
            scored["scores"].contains("total") && scored["scores"]["total"].is_object()) {
            const nlohmann::json& total = scored["scores"]["total"];
            if (total.contains("band") && total["band"].is_string())
                score.severity = total["band"].get<std::string>();
        }
        items.push_back({response.created_at, std::move(score)});
    }
    journal::EntryQuery query;
    query.limit = detail::kMaxLimit;
    journal::EntryList entries = TRY(m_journal.entries(ctx, client_id, query));
    for (auto& e : entries.entries) {
        items.push_back({e.created_at, JournalItem{e.id, e.kind, std::move(e.text),
                                                   journal::format_date(e.entry_date), e.mood}});
    }

    std::stable_sort(items.begin(), items.end(),
                     [](const TimelineItem& a, const TimelineItem& b) { return a.at > b.at; });
    if (items.size() > static_cast<std::size_t>(limit))
        items.resize(static_cast<std::size_t>(limit));
    ctx.audit("timeline.read", "client", client_id);
    return items;
}

}  // namespace trove::sessions
