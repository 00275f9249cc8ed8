// Access to sessions and notes: the policy decided on the session's client or case.
#include "domain/sessions/sessions.hpp"

#include <algorithm>

#include "domain/accounts/accounts.hpp"

namespace trove::sessions {

namespace {

Error denial_error(policy::Decision d, const char* what) {
    return d == policy::Decision::not_found ? Error::not_found(what)
                                            : Error::forbidden("You may not do that here.");
}

}  // namespace

Result<policy::ClientFacts> SessionService::facts(const Actor& actor, const Owner& owner) {
    if (owner.case_id)
        return m_cases.facts(actor, *owner.case_id);
    return m_clients.facts(actor, owner.client_id.value_or(""));
}

Result<policy::ClientFacts> SessionService::authorize(RequestContext& ctx, policy::Action action,
                                                      const Owner& owner, const char* object_type,
                                                      const std::string& object_id,
                                                      const policy::ClientFacts* note_facts) {
    policy::ClientFacts f = TRY(facts(ctx.actor, owner));
    if (note_facts) {
        f.is_author = note_facts->is_author;
        f.supervises_author = note_facts->supervises_author;
    }
    // A case is decided as a whole (membership stands in for "self"); a client by their id.
    policy::Decision d = policy::decide(ctx.actor, action, owner.client_id.value_or(""), f);
    if (d != policy::Decision::allow) {
        ctx.audit(policy::audit_name(action), object_type, object_id, Outcome::denied);
        return denial_error(d, std::string_view(object_type) == "note" ? "note" : "session");
    }
    return f;
}

Result<bool> SessionService::supervises(const std::string& supervisor_id,
                                        const std::string& therapist_id) {
    // Who supervises whom is asked of the clients module: this module may not name accounts'
    // tables.
    std::vector<std::string> supervisees;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        supervisees = TRY(reader.texts(accounts::supervisees_subquery("?"), {supervisor_id}));
        return {};
    }));
    return std::find(supervisees.begin(), supervisees.end(), therapist_id) != supervisees.end();
}

}  // namespace trove::sessions
