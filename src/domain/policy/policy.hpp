#pragma once
// The one place that decides who may do what. Handlers ask; nothing else grants access.
//
// decide() is a pure function of the actor, the action and the facts about the target (which
// practice it belongs to, whether the actor is on the client's care team or supervises someone who
// is, whether it is the actor's own record). ClientFacts are loaded by the caller's repository in a
// single query; the rules themselves never touch the database, so they are tested exhaustively.
//
// Denials come in two kinds: `not_found` when the actor has no business knowing the record exists
// (another practice, a client outside the caseload), `forbidden` when the actor can see that the
// thing exists but their role may not do this (a supervisor editing, an admin opening a client).

#include <string>

#include "core/actor.hpp"

namespace trove::policy {

enum class Action {
    client_list,
    client_create,
    client_read,
    client_update,
    client_invite,
    // On a client's or case's resource map, goals, problems and coping card.
    record_read,        // read the map, resources, ratings, goals, problems, coping card
    record_write,       // create or change resources, goals, problems (the care team only)
    resource_propose,   // suggest a resource (the client; the care team simply creates one)
    rating_write,       // rate a resource, goal or problem (care team and the client)
    coping_card_write,  // the client's own contacts and calming steps (care team and the client)
    case_create,
    case_read,
    case_update,
    response_submit,    // fill in a questionnaire (care team in session, the client)
    instrument_manage,  // enable an instrument for the practice, acknowledging its licence
    // Between sessions.
    exercise_read,            // the exercise library (no clinical content: every signed-in role)
    exercise_create,          // a practice's own exercise (therapists; a person in personal mode)
    assignment_write,         // assign, pause or end an exercise (the care team; personal mode)
    journal_write,            // write, change or delete journal entries (only the client)
    preferences_write,        // the client's own choices, such as milestones on or off
    calendar_feed_manage,     // create or revoke the secret calendar feed (client or care team)
    journal_settings_manage,  // the practice's journal defaults (admins)
    // Safety.
    practice_settings_manage,  // crisis contacts, review promise, escalation time (admins)
    alert_acknowledge,         // record what was done about a risk alert (care team, supervisors)
    // Appointments ("sessions") and their notes. The target is the session's client or case.
    session_list,   // the sessions the actor may see, across clients and cases (not admins)
    session_read,   // an appointment's time, status and attendance (readers of the record)
    session_write,  // schedule or change an appointment (the care team; personal mode)
    note_read,      // session notes (the care team and its supervisors; never a client)
    note_write,     // write a new note or an addendum (the care team; personal mode)
    note_edit,      // change a draft note (its author, still on the team)
    note_sign,      // sign a draft note (its author)
    note_cosign,    // co-sign a signed note (a supervisor of the author, or another team therapist)
    user_list,
    user_create,
    user_update,
    audit_read,
    token_manage,
};

enum class Decision { allow, forbidden, not_found };

//! Facts about one client record as seen from one actor.
struct ClientFacts {
    bool exists = false;
    std::string practice_id;
    bool on_care_team = false;          // actor is one of the client's therapists
    bool supervises_care_team = false;  // actor supervises one of the client's therapists
    bool actor_is_member = false;       // the actor is a client who is a member of this case
    bool self_guided = false;  // personal mode: the client is their own therapist, no care team
    // When the target is a note (note_edit, note_sign, note_cosign):
    bool is_author = false;          // the actor wrote the note
    bool supervises_author = false;  // the actor supervises the note's author
};

//! Whose clients a list request may show.
enum class ClientScope { none, own_caseload, supervisees_caseloads };

//! Decides an action that has no single client as its target (lists, user and audit admin).
Decision decide(const Actor& actor, Action action);

//! Decides an action on one client record.
Decision decide(const Actor& actor, Action action, const std::string& client_id,
                const ClientFacts& facts);

ClientScope client_list_scope(const Actor& actor);

//! Whether the actor may see what the care team keeps to itself: therapist notes on a resource and
//! resources not shared with the client. Everyone who may read a record but the client may.
bool sees_therapist_only(const Actor& actor);

//! Whether the actor may see the client's private journal entries: only the client themselves.
//! Everyone else on the team sees shared entries only (and, if the practice allows, the dates on
//! which private entries exist).
bool sees_private_journal(const Actor& actor, const std::string& client_id);

//! Stable action names for the audit trail ("client.read").
const char* audit_name(Action action);

}  // namespace trove::policy
