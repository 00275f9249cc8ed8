// Chart series with the reliable-change corridor, and reliable deteriorations in a caseload.
#include <map>

#include "domain/clients/clients.hpp"
#include "domain/measures/measure_store.hpp"
#include "domain/measures/measures.hpp"
#include "domain/measures/words.hpp"

namespace trove::measures {

Result<Series> MeasureService::series(RequestContext& ctx, const std::string& client_id,
                                      const std::string& instrument_id) {
    TRY(m_resources.authorize(ctx, policy::Action::record_read,
                              resources::Owner::client(client_id)));
    const Instrument* ins = find(instrument_id);
    if (!ins)
        return Error::not_found("instrument");
    Series out;
    out.instrument = ins;
    if (!ins->primary)
        return Error::invalid("instrument", ins->short_name + " has no total to chart.");
    out.scale = ins->scale(*ins->primary);
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        for (const store::ResponseRecord& r : TRY(store::responses().select(
                 reader,
                 "WHERE client_id = ? AND instrument_id = ? AND total IS NOT NULL ORDER BY "
                 "created_at, id",
                 {client_id, ins->id})))
            out.points.push_back({r.id, r.created_at, *r.total, band_of(*out.scale, *r.total)});
        return {};
    }));
    if (auto norm = change_norm(*out.scale))
        out.sediff = standard_error_of_difference(norm->sd, norm->reliability);
    if (!out.points.empty())
        out.baseline = out.points.front().value;
    out.enabled = TRY(enabled(ctx.actor.practice_id, *ins));
    ctx.audit("response.series", "client", client_id);
    return out;
}

Result<std::vector<Deterioration>> MeasureService::deteriorations(RequestContext& ctx,
                                                                  const std::string& language) {
    const Words words(m_catalogue, language);
    const policy::ClientScope scope = policy::client_list_scope(ctx.actor);
    if (scope == policy::ClientScope::none) {
        ctx.audit("alert.list", "client", "", Outcome::denied);
        return Error::forbidden("Your role has no caseload.");
    }
    const std::string caseload = clients::caseload_subquery(scope, "?");
    std::vector<Deterioration> out;
    std::vector<StoredResponse> responses;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        responses = TRY(store::select_responses(
            reader, "total IS NOT NULL AND practice_id = ? AND client_id IN (" + caseload + ")",
            {ctx.actor.practice_id, ctx.actor.user_id}));
        return {};
    }));
    // Reliable deterioration: the latest administration of an instrument against the first.
    std::map<std::pair<std::string, std::string>,
             std::pair<const StoredResponse*, const StoredResponse*>>
        span;
    for (const StoredResponse& r : responses) {
        auto& [first, last] = span[{r.client_id, r.instrument_id}];
        if (!first)
            first = &r;
        last = &r;
    }
    for (const auto& [key, pair] : span) {
        const auto& [first, last] = pair;
        const Instrument* ins = find(key.second);
        if (!ins || !ins->primary || first == last)
            continue;
        auto change =
            reliable_change(*ins, *ins->scale(*ins->primary), *first->total, *last->total);
        if (change && change->reliable == "deteriorated") {
            out.push_back(
                {key.first, last->id, ins->id, words.deterioration(*ins), last->created_at});
        }
    }
    return out;
}

}  // namespace trove::measures
