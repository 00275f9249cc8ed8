#pragma once
// One entry of the audit trail: who did what to which record, when, from where, with what outcome.
// Ids only, never clinical content.

#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"

namespace trove {

enum class Outcome { allowed, denied };

struct AuditEvent {
    std::string practice_id;  // empty for events outside any practice (e.g. unknown login email)
    std::string actor_id;
    std::string actor_role;
    std::string action;  // "client.read", "auth.login", ...
    std::string object_type;
    std::string object_id;
    Outcome outcome = Outcome::allowed;
    std::string ip;
    TimeMs at = 0;
};

//! The audit identity of work Trove does itself: command-line tools, the demo seed, start-up.
inline AuditEvent system_event(std::string ip = "local") {
    AuditEvent e;
    e.actor_role = "system";
    e.ip = std::move(ip);
    e.at = now_ms();
    return e;
}

//! The request's view of who acts and where from, plus the read-audit events that the HTTP layer
//! commits (grouped with other requests') before the response leaves.
struct RequestContext {
    Actor actor;
    std::string ip;
    std::vector<AuditEvent> pending_audit;

    //! Records an access by this actor for group-committed auditing.
    void audit(std::string action, std::string object_type, std::string object_id,
               Outcome outcome = Outcome::allowed) {
        pending_audit.push_back(
            event(std::move(action), std::move(object_type), std::move(object_id), outcome));
    }

    AuditEvent event(std::string action, std::string object_type, std::string object_id,
                     Outcome outcome = Outcome::allowed) const {
        return AuditEvent{actor.practice_id,
                          actor.user_id,
                          std::string(to_string(actor.role)),
                          std::move(action),
                          std::move(object_type),
                          std::move(object_id),
                          outcome,
                          ip,
                          now_ms()};
    }
};

}  // namespace trove
