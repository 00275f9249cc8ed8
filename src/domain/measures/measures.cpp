// Which instruments a practice uses. Responses, charts, assignments and one-time links live in
// the files beside this one (responses.cpp, charts.cpp, assignments.cpp, links.cpp).
#include "domain/measures/measures.hpp"

#include <map>

#include "domain/measures/measure_store.hpp"

namespace trove::measures {

bool MeasureService::shows_alerts(const Actor& actor) {
    return policy::sees_therapist_only(actor);
}

const Instrument* MeasureService::find(const std::string& id) const {
    for (const Instrument& i : m_instruments)
        if (i.id == id)
            return &i;
    return nullptr;
}

Result<bool> MeasureService::enabled(const std::string& practice_id, const Instrument& ins) {
    bool result = ins.licence.default_enabled;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto stored = TRY(store::practice_instruments().select_one(
            reader, "WHERE practice_id = ? AND instrument_id = ?", {practice_id, ins.id}));
        if (stored)
            result = stored->enabled;
        return {};
    }));
    return result;
}

Result<std::vector<InstrumentSetting>> MeasureService::settings(const std::string& practice_id) {
    std::map<std::string, bool> stored;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        for (const store::InstrumentSettingRecord& r : TRY(store::practice_instruments().select(
                 reader, "WHERE practice_id = ?", {practice_id})))
            stored[r.instrument_id] = r.enabled;
        return {};
    }));
    std::vector<InstrumentSetting> out;
    for (const Instrument& i : m_instruments) {
        auto it = stored.find(i.id);
        out.push_back({&i, it != stored.end() ? it->second : i.licence.default_enabled});
    }
    return out;
}

Result<void> MeasureService::authorize_manage(RequestContext& ctx,
                                              const std::string& instrument_id) {
    if (ctx.actor.role == Role::client && !ctx.actor.client_id.empty()) {
        // Personal mode: the person decides for their own practice of one.
        if (m_resources.authorize(ctx, policy::Action::instrument_manage,
                                  resources::Owner::client(ctx.actor.client_id))) {
            return {};
        }
    } else if (policy::decide(ctx.actor, policy::Action::instrument_manage) ==
               policy::Decision::allow) {
        return {};
    }
    ctx.audit("instrument.update", "instrument", instrument_id, Outcome::denied);
    return Error::forbidden("Only a practice administrator enables questionnaires.");
}

Result<InstrumentSetting> MeasureService::set_enabled(RequestContext& ctx,
                                                      const std::string& instrument_id, bool on,
                                                      bool licence_acknowledged) {
    TRY(authorize_manage(ctx, instrument_id));
    const Instrument* ins = find(instrument_id);
    if (!ins)
        return Error::not_found("instrument");
    if (on && !licence_acknowledged) {
        return Error::invalid("licence_acknowledged",
                              "Read the licence of " + ins->short_name +
                                  " and confirm that this practice may use it.");
    }
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(tx.exec("DELETE FROM practice_instruments WHERE practice_id = ? AND instrument_id = ?",
                    {ctx.actor.practice_id, ins->id}));
        TRY(store::practice_instruments().insert(
            tx, {ctx.actor.practice_id, ins->id, on, ctx.actor.user_id, now_ms()}));
        return m_audit.append_in(tx, {ctx.event(on ? "instrument.enable" : "instrument.disable",
                                                "instrument", ins->id)});
    }));
    return InstrumentSetting{ins, on};
}

}  // namespace trove::measures
