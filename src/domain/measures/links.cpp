// One-time questionnaire links: the client answers without logging in; the link is spent in the
// transaction that stores the response.
#include "domain/measures/measure_store.hpp"
#include "domain/measures/measures.hpp"

namespace trove::measures {

namespace {

bool usable(const store::LinkRecord& link) {
    return !link.used_at && link.expires_at > now_ms();
}

}  // namespace

Result<MeasureService::OpenLink> MeasureService::open_link(const std::string& token) {
    if (token.empty() || token.size() > 128)
        return store::invalid_link();
    OpenLink out;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto link = TRY(store::find_link(reader, token));
        if (link && usable(*link)) {
            out.instrument = find(link->instrument_id);
            out.expires_at = link->expires_at;
            out.practice_id = link->practice_id;
            out.client_id = link->client_id;
        }
        return {};
    }));
    if (!out.instrument)
        return store::invalid_link();
    return out;
}

Result<MeasureService::LinkSubmission> MeasureService::submit_by_link(const std::string& token,
                                                                      const Answers& answers,
                                                                      const std::string& ip) {
    if (token.empty() || token.size() > 128)
        return store::invalid_link();
    std::optional<store::LinkRecord> link;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        link = TRY(store::find_link(reader, token));
        return {};
    }));
    const Instrument* ins = link && usable(*link) ? find(link->instrument_id) : nullptr;
    if (!ins)
        return store::invalid_link();
    AuditEvent event = system_event(ip);
    event.practice_id = link->practice_id;
    event.actor_role = "client_link";
    event.action = "response.create";
    event.object_type = "response";
    // The link is spent in the same transaction that stores the response: two submissions of one
    // link store one response.
    Stored stored =
        TRY(store(link->practice_id, link->client_id, *ins, answers, link->created_by, "client",
                  link->assignment_id.value_or(""), event, [&](storage::Tx& tx) -> Result<void> {
                      auto spent =
                          TRY(tx.exec("UPDATE questionnaire_links SET used_at = ? WHERE "
                                      "token_hash = ? AND used_at IS NULL",
                                      {to_rfc3339(now_ms()), link->token_hash}));
                      if (spent != 1)
                          return store::invalid_link();
                      return {};
                  }));
    return LinkSubmission{stored.critical, link->practice_id};
}

}  // namespace trove::measures
