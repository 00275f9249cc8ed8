// The client's timeline: sessions, ratings, questionnaire scores and journal entries, newest first.
#include "domain/sessions/sessions.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <iterator>

#include "domain/sessions/sessions_rows.hpp"

namespace trove::sessions {

Result<std::vector<TimelineItem>> SessionService::timeline(RequestContext& ctx,
                                                           const std::string& client_id,
                                                           const std::string& limit_text) {
    Owner owner{client_id, std::nullopt};
    TRY(authorize(ctx, policy::Action::session_read, owner, "client", client_id));
    int limit = TRY(detail::parse_limit(limit_text));
    std::vector<TimelineItem> items;

    const std::string newest =
        " ORDER BY a.starts_at DESC, a.id DESC LIMIT " + std::to_string(limit);
    std::vector<Session> sessions;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        sessions = TRY(
            detail::select_sessions(sql, "WHERE a.client_id = :c AND a.practice_id = :p" + newest,
                                    {client_id, ctx.actor.practice_id}));
        return {};
    }));
    // The client's couple, family or group sessions too - those of cases whose sessions this
    // reader may see (a case has its own team, which need not be the client's care team).
    std::vector<std::string> case_ids;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        soci::rowset<std::string> rows =
            (sql.prepare
                 << "SELECT case_id FROM case_members WHERE client_id = :c ORDER BY case_id",
             soci::use(client_id));
        for (const auto& id : rows)
            case_ids.push_back(id);
        return {};
    }));
    for (const std::string& case_id : case_ids) {
        policy::ClientFacts f = TRY(facts(ctx.actor, Owner{std::nullopt, case_id}));
        if (policy::decide(ctx.actor, policy::Action::session_read, "", f) !=
            policy::Decision::allow)
            continue;
        TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
            auto of_case = TRY(
                detail::select_sessions(sql, "WHERE a.case_id = :k AND a.practice_id = :p" + newest,
                                        {case_id, ctx.actor.practice_id}));
            sessions.insert(sessions.end(), std::make_move_iterator(of_case.begin()),
                            std::make_move_iterator(of_case.end()));
            return {};
        }));
    }
    for (Session& s : TRY(complete(std::move(sessions), ctx.actor)))
        items.push_back({s.starts_at, std::move(s)});

    // Everything else comes from its own service, with that service's rules on what this reader
    // may see (resources hidden from the client, alerts, private journal entries).
    resources::ResourceQuery all;
    all.status = "all";
    for (const auto& r : TRY(m_resources.list(ctx, resources::Owner::client(client_id), all))) {
        if (!r.latest_rating)
            continue;  // never rated: nothing happened on the timeline
        for (const auto& rating : TRY(m_resources.ratings(ctx, r.id))) {
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
