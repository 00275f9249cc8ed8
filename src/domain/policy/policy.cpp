#include "domain/policy/policy.hpp"

namespace trove::policy {

Decision decide(const Actor& actor, Action action) {
    switch (action) {
        case Action::client_list:
            return client_list_scope(actor) == ClientScope::none ? Decision::forbidden
                                                                 : Decision::allow;
        case Action::client_create:
        case Action::case_create:
            return actor.role == Role::therapist ? Decision::allow : Decision::forbidden;
        case Action::exercise_read:
            return Decision::allow;
        case Action::session_list:
            // Each role's list is scoped to what it may read (see SessionService::list).
            return actor.role == Role::admin ? Decision::forbidden : Decision::allow;
        case Action::exercise_create:
            // A person in personal mode asks with their own client record as the target.
            return actor.role == Role::therapist ? Decision::allow : Decision::forbidden;
        case Action::instrument_manage:
        case Action::journal_settings_manage:
        case Action::practice_settings_manage:
        case Action::user_list:
        case Action::user_create:
        case Action::user_update:
        case Action::audit_read:
            return actor.role == Role::admin ? Decision::allow : Decision::forbidden;
        case Action::token_manage:
            // Tokens are for therapists' and supervisors' scripts (an admin's or a client's token
            // would be a standing key to accounts or to one person's record). A token cannot mint
            // or list further tokens: a leaked script token stays contained.
            if (actor.via_api_token)
                return Decision::forbidden;
            return actor.role == Role::therapist || actor.role == Role::supervisor
                       ? Decision::allow
                       : Decision::forbidden;
        case Action::client_read:
        case Action::client_update:
        case Action::client_invite:
        case Action::record_read:
        case Action::record_write:
        case Action::resource_propose:
        case Action::rating_write:
        case Action::coping_card_write:
        case Action::case_read:
        case Action::case_update:
        case Action::response_submit:
        case Action::assignment_write:
        case Action::journal_write:
        case Action::preferences_write:
        case Action::calendar_feed_manage:
        case Action::session_read:
        case Action::session_write:
        case Action::note_read:
        case Action::note_write:
        case Action::note_edit:
        case Action::note_sign:
        case Action::note_cosign:
        case Action::alert_acknowledge:
            // These need a target; asking without one is a programming error, so refuse.
            return Decision::forbidden;
    }
    return Decision::forbidden;
}

Decision decide(const Actor& actor, Action action, const std::string& client_id,
                const ClientFacts& facts) {
    if (!facts.exists || facts.practice_id != actor.practice_id)
        return Decision::not_found;

    const bool is_self =
        actor.role == Role::client &&
        ((!actor.client_id.empty() && actor.client_id == client_id) || facts.actor_is_member);
    const bool team_therapist = actor.role == Role::therapist && facts.on_care_team;
    const bool team_supervisor = actor.role == Role::supervisor && facts.supervises_care_team;
    // In personal mode the person does what a therapist would do for their own records.
    const bool own_therapist = is_self && facts.self_guided;
    switch (action) {
        case Action::journal_write:
        case Action::preferences_write:
            // The journal and the client's own choices are theirs alone; the team only reads.
            if (is_self)
                return Decision::allow;
            if (team_therapist || team_supervisor || actor.role == Role::admin)
                return Decision::forbidden;
            return Decision::not_found;
        case Action::calendar_feed_manage:
            if (team_therapist || is_self)
                return Decision::allow;
            if (team_supervisor || actor.role == Role::admin)
                return Decision::forbidden;
            return Decision::not_found;
        case Action::instrument_manage:
            // In personal mode the person reads and accepts a questionnaire's licence for
            // themselves; in a practice it stays the administrator's.
            if (own_therapist)
                return Decision::allow;
            return decide(actor, action);
        case Action::assignment_write:
        case Action::exercise_create:
            if (team_therapist || own_therapist ||
                (action == Action::exercise_create && actor.role == Role::therapist)) {
                return Decision::allow;
            }
            if (is_self || team_supervisor || actor.role == Role::admin)
                return Decision::forbidden;
            return Decision::not_found;
        case Action::rating_write:
        case Action::resource_propose:
        case Action::coping_card_write:
        case Action::response_submit:
            // Self-ratings and suggestions are the client's own voice; supervisors only read.
            if (team_therapist || is_self)
                return Decision::allow;
            if (team_supervisor || actor.role == Role::admin)
                return Decision::forbidden;
            return Decision::not_found;
        case Action::session_write:
            if (team_therapist || own_therapist)
                return Decision::allow;
            if (is_self || team_supervisor || actor.role == Role::admin)
                return Decision::forbidden;
            return Decision::not_found;
        case Action::note_read:
            // Notes are the clinician's record: a client never learns they exist (in personal
            // mode the person is the clinician and reads their own).
            if (team_therapist || team_supervisor || own_therapist)
                return Decision::allow;
            if (actor.role == Role::admin)
                return Decision::forbidden;  // no clinical content
            return Decision::not_found;
        case Action::note_write:
            if (team_therapist || own_therapist)
                return Decision::allow;
            if (team_supervisor || actor.role == Role::admin)
                return Decision::forbidden;
            return Decision::not_found;
        case Action::note_edit:
        case Action::note_sign:
            // A draft is its author's until they sign it.
            if ((team_therapist || own_therapist) && facts.is_author)
                return Decision::allow;
            if (team_therapist || team_supervisor || own_therapist || actor.role == Role::admin)
                return Decision::forbidden;
            return Decision::not_found;
        case Action::note_cosign:
            // A second signature is someone else's: the author's supervisor, or a colleague on
            // the team. Supervisors otherwise only read.
            if ((team_supervisor && facts.supervises_author) ||
                (team_therapist && !facts.is_author)) {
                return Decision::allow;
            }
            if (team_therapist || team_supervisor || own_therapist || actor.role == Role::admin)
                return Decision::forbidden;
            return Decision::not_found;
        case Action::alert_acknowledge:
            // An alert is handled by whoever answers for the client: a therapist on the care team,
            // or the supervisor of one (an escalated alert lands with them). Never the client.
            if (team_therapist || team_supervisor)
                return Decision::allow;
            if (actor.role == Role::admin || is_self)
                return Decision::forbidden;
            return Decision::not_found;
        case Action::client_read:
        case Action::record_read:
        case Action::case_read:
        case Action::session_read:
            if (is_self)
                return Decision::allow;
            if (actor.role == Role::therapist && facts.on_care_team)
                return Decision::allow;
            if (actor.role == Role::supervisor && facts.supervises_care_team)
                return Decision::allow;
            if (actor.role == Role::admin)
                return Decision::forbidden;  // no clinical content
            return Decision::not_found;
        case Action::client_update:
        case Action::client_invite:
        case Action::record_write:
        case Action::case_update:
            if ((actor.role == Role::therapist && facts.on_care_team) ||
                (own_therapist && action == Action::record_write)) {
                return Decision::allow;
            }
            // Those who may read it learn they may not change it; everyone else learns nothing.
            if (is_self || (actor.role == Role::supervisor && facts.supervises_care_team) ||
                actor.role == Role::admin) {
                return Decision::forbidden;
            }
            return Decision::not_found;
        default:
            return decide(actor, action);
    }
}

ClientScope client_list_scope(const Actor& actor) {
    switch (actor.role) {
        case Role::therapist:
            return ClientScope::own_caseload;
        case Role::supervisor:
            return ClientScope::supervisees_caseloads;
        case Role::admin:
        case Role::client:
            return ClientScope::none;
    }
    return ClientScope::none;
}

bool sees_therapist_only(const Actor& actor) {
    return actor.role == Role::therapist || actor.role == Role::supervisor;
}

bool sees_private_journal(const Actor& actor, const std::string& client_id) {
    return actor.role == Role::client && !actor.client_id.empty() && actor.client_id == client_id;
}

const char* audit_name(Action action) {
    switch (action) {
        case Action::client_list:
            return "client.list";
        case Action::client_create:
            return "client.create";
        case Action::client_read:
            return "client.read";
        case Action::client_update:
            return "client.update";
        case Action::client_invite:
            return "client.invite";
        case Action::user_list:
            return "user.list";
        case Action::user_create:
            return "user.create";
        case Action::user_update:
            return "user.update";
        case Action::audit_read:
            return "audit.read";
        case Action::token_manage:
            return "token.manage";
        case Action::record_read:
            return "record.read";
        case Action::record_write:
            return "record.write";
        case Action::resource_propose:
            return "resource.propose";
        case Action::rating_write:
            return "rating.create";
        case Action::coping_card_write:
            return "coping_card.update";
        case Action::case_create:
            return "case.create";
        case Action::case_read:
            return "case.read";
        case Action::case_update:
            return "case.update";
        case Action::response_submit:
            return "response.create";
        case Action::instrument_manage:
            return "instrument.update";
        case Action::exercise_read:
            return "exercise.read";
        case Action::exercise_create:
            return "exercise.create";
        case Action::assignment_write:
            return "assignment.write";
        case Action::journal_write:
            return "journal.write";
        case Action::preferences_write:
            return "preferences.update";
        case Action::calendar_feed_manage:
            return "calendar_feed.update";
        case Action::journal_settings_manage:
            return "journal_settings.update";
        case Action::practice_settings_manage:
            return "practice_settings.update";
        case Action::alert_acknowledge:
            return "alert.acknowledge";
        case Action::session_list:
            return "session.list";
        case Action::session_read:
            return "session.read";
        case Action::session_write:
            return "session.write";
        case Action::note_read:
            return "note.read";
        case Action::note_write:
            return "note.write";
        case Action::note_edit:
            return "note.update";
        case Action::note_sign:
            return "note.sign";
        case Action::note_cosign:
            return "note.cosign";
    }
    return "unknown";
}

}  // namespace trove::policy
