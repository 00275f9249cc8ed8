// Access to a client's journal: the check every part of JournalService starts with.
#include "domain/journal/journal.hpp"

namespace trove::journal {

namespace {

Error denial_error(policy::Decision d, const char* what) {
    return d == policy::Decision::not_found ? Error::not_found(what)
                                            : Error::forbidden("You may not do that here.");
}

}  // namespace

Result<policy::ClientFacts> JournalService::authorize(RequestContext& ctx, policy::Action action,
                                                      const std::string& client_id) {
    policy::ClientFacts facts = TRY(m_clients.facts(ctx.actor, client_id));
    policy::Decision d = policy::decide(ctx.actor, action, client_id, facts);
    if (d != policy::Decision::allow) {
        ctx.audit(policy::audit_name(action), "client", client_id, Outcome::denied);
        return denial_error(d, "client");
    }
    return facts;
}

}  // namespace trove::journal
