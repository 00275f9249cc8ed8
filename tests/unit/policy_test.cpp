#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

#include "domain/policy/policy.hpp"

using namespace trove;
using trove::policy::Action;
using trove::policy::ClientFacts;
using trove::policy::ClientScope;
using trove::policy::decide;
using trove::policy::Decision;

namespace {

constexpr const char* kPractice = "practice-1";
constexpr const char* kOtherPractice = "practice-2";
constexpr const char* kOwnClientId = "client-self";  // the record a client-role actor belongs to
constexpr const char* kOtherClientId = "client-other";

constexpr std::array kRoles = {Role::admin, Role::therapist, Role::supervisor, Role::client};
constexpr std::array kClientActions = {Action::client_read, Action::client_update,
                                       Action::client_invite};

Actor actor(Role role, bool via_api_token = false) {
    Actor a;
    a.user_id = "user-1";
    a.practice_id = kPractice;
    a.role = role;
    a.client_id = role == Role::client ? kOwnClientId : "";
    a.via_api_token = via_api_token;
    return a;
}

ClientFacts facts(bool on_care_team = false, bool supervises_care_team = false,
                  const char* practice = kPractice) {
    return ClientFacts{true, practice, on_care_team, supervises_care_team};
}

// How the target client relates to the actor.
enum class Relation {
    care_team,       // the actor is one of the client's therapists
    supervising,     // the actor supervises one of the client's therapists
    self,            // the target is the actor's own client record
    unrelated,       // same practice, no tie
    other_practice,  // every tie, but the record is in another practice
    missing,         // no such record
};

Decision decide_on(Role role, Action action, Relation relation) {
    switch (relation) {
        case Relation::care_team:
            return decide(actor(role), action, kOtherClientId, facts(true, false));
        case Relation::supervising:
            return decide(actor(role), action, kOtherClientId, facts(false, true));
        case Relation::self:
            return decide(actor(role), action, kOwnClientId, facts());
        case Relation::unrelated:
            return decide(actor(role), action, kOtherClientId, facts());
        case Relation::other_practice:
            return decide(actor(role), action, kOwnClientId, facts(true, true, kOtherPractice));
        case Relation::missing:
            return decide(actor(role), action, kOtherClientId, ClientFacts{});
    }
    return Decision::allow;  // unreachable; would fail every expectation
}

const char* name(Decision d) {
    switch (d) {
        case Decision::allow:
            return "allow";
        case Decision::forbidden:
            return "forbidden";
        case Decision::not_found:
            return "not_found";
    }
    return "?";
}

}  // namespace

// ---- the full matrix for actions on one client ------------------------------------------------

TEST(policy, matches_the_access_matrix_for_every_role_action_and_relationship) {
    constexpr Decision A = Decision::allow;
    constexpr Decision F = Decision::forbidden;
    constexpr Decision N = Decision::not_found;
    struct Row {
        Role role;
        Relation relation;
        Decision read, update, invite;
    };
    // Worked out from policy.hpp: not_found when the actor has no business knowing the record
    // exists, forbidden when they may see it exists but their role may not do this.
    const Row rows[] = {
        {Role::therapist, Relation::care_team, A, A, A},
        {Role::therapist, Relation::supervising, N, N, N},
        {Role::therapist, Relation::self, N, N, N},
        {Role::therapist, Relation::unrelated, N, N, N},
        {Role::therapist, Relation::other_practice, N, N, N},
        {Role::therapist, Relation::missing, N, N, N},

        {Role::supervisor, Relation::care_team, N, N, N},
        {Role::supervisor, Relation::supervising, A, F, F},
        {Role::supervisor, Relation::self, N, N, N},
        {Role::supervisor, Relation::unrelated, N, N, N},
        {Role::supervisor, Relation::other_practice, N, N, N},
        {Role::supervisor, Relation::missing, N, N, N},

        {Role::admin, Relation::care_team, F, F, F},
        {Role::admin, Relation::supervising, F, F, F},
        {Role::admin, Relation::self, F, F, F},
        {Role::admin, Relation::unrelated, F, F, F},
        {Role::admin, Relation::other_practice, N, N, N},
        {Role::admin, Relation::missing, N, N, N},

        {Role::client, Relation::care_team, N, N, N},
        {Role::client, Relation::supervising, N, N, N},
        {Role::client, Relation::self, A, F, F},
        {Role::client, Relation::unrelated, N, N, N},
        {Role::client, Relation::other_practice, N, N, N},
        {Role::client, Relation::missing, N, N, N},
    };
    for (const Row& row : rows) {
        const std::array<Decision, 3> want = {row.read, row.update, row.invite};
        for (size_t i = 0; i < kClientActions.size(); ++i) {
            Decision got = decide_on(row.role, kClientActions[i], row.relation);
            EXPECT_EQ(got, want[i]) << "role " << to_string(row.role) << ", action "
                                    << policy::audit_name(kClientActions[i]) << ", relation "
                                    << static_cast<int>(row.relation) << ": got " << name(got)
                                    << ", want " << name(want[i]);
        }
    }
}

// ---- the same rules, one sentence each ----------------------------------------------------------

TEST(policy, a_therapist_on_the_care_team_may_read_update_and_invite) {
    for (Action action : kClientActions)
        EXPECT_EQ(decide_on(Role::therapist, action, Relation::care_team), Decision::allow);
}

TEST(policy, a_therapist_outside_the_care_team_learns_nothing_about_the_client) {
    for (Action action : kClientActions)
        EXPECT_EQ(decide_on(Role::therapist, action, Relation::unrelated), Decision::not_found);
}

TEST(policy, a_supervisor_may_read_a_client_of_a_supervised_therapist) {
    EXPECT_EQ(decide_on(Role::supervisor, Action::client_read, Relation::supervising),
              Decision::allow);
}

TEST(policy, a_supervisor_may_not_update_or_invite_a_client_they_can_read) {
    EXPECT_EQ(decide_on(Role::supervisor, Action::client_update, Relation::supervising),
              Decision::forbidden);
    EXPECT_EQ(decide_on(Role::supervisor, Action::client_invite, Relation::supervising),
              Decision::forbidden);
}

TEST(policy, a_supervisor_learns_nothing_about_clients_outside_their_supervisees_caseloads) {
    for (Action action : kClientActions)
        EXPECT_EQ(decide_on(Role::supervisor, action, Relation::unrelated), Decision::not_found);
}

TEST(policy, an_admin_never_opens_clinical_records_of_their_own_practice) {
    for (Action action : kClientActions) {
        EXPECT_EQ(decide_on(Role::admin, action, Relation::unrelated), Decision::forbidden);
        // Even facts that would let a clinician in do not let an admin in.
        EXPECT_EQ(decide_on(Role::admin, action, Relation::care_team), Decision::forbidden);
        EXPECT_EQ(decide_on(Role::admin, action, Relation::supervising), Decision::forbidden);
    }
}

TEST(policy, a_client_may_read_their_own_record) {
    EXPECT_EQ(decide_on(Role::client, Action::client_read, Relation::self), Decision::allow);
}

TEST(policy, a_client_may_not_update_or_invite_their_own_record) {
    EXPECT_EQ(decide_on(Role::client, Action::client_update, Relation::self), Decision::forbidden);
    EXPECT_EQ(decide_on(Role::client, Action::client_invite, Relation::self), Decision::forbidden);
}

TEST(policy, a_client_reading_another_client_learns_nothing) {
    EXPECT_EQ(decide_on(Role::client, Action::client_read, Relation::unrelated),
              Decision::not_found);
}

TEST(policy, a_client_login_gains_nothing_from_care_team_facts) {
    for (Action action : kClientActions) {
        EXPECT_EQ(decide_on(Role::client, action, Relation::care_team), Decision::not_found);
        EXPECT_EQ(decide_on(Role::client, action, Relation::supervising), Decision::not_found);
    }
}

TEST(policy, a_client_login_without_a_client_record_is_never_anyone_self) {
    Actor a = actor(Role::client);
    a.client_id.clear();
    EXPECT_EQ(decide(a, Action::client_read, "", facts()), Decision::not_found);
}

TEST(policy, only_client_logins_count_as_the_record_itself) {
    // A staff member whose user happens to carry the same client id is still unrelated.
    for (Role role : {Role::therapist, Role::supervisor}) {
        Actor a = actor(role);
        a.client_id = kOwnClientId;
        EXPECT_EQ(decide(a, Action::client_read, kOwnClientId, facts()), Decision::not_found);
    }
}

TEST(policy, a_record_in_another_practice_does_not_exist_for_anyone) {
    for (Role role : kRoles) {
        for (Action action : kClientActions) {
            EXPECT_EQ(decide_on(role, action, Relation::other_practice), Decision::not_found)
                << to_string(role) << " " << policy::audit_name(action);
        }
    }
}

TEST(policy, a_missing_record_is_not_found_for_every_role) {
    for (Role role : kRoles) {
        for (Action action : kClientActions) {
            EXPECT_EQ(decide_on(role, action, Relation::missing), Decision::not_found)
                << to_string(role) << " " << policy::audit_name(action);
        }
    }
}

// ---- actions without a single client as target ------------------------------------------------

TEST(policy, therapists_and_supervisors_may_list_clients_but_admins_and_clients_may_not) {
    EXPECT_EQ(decide(actor(Role::therapist), Action::client_list), Decision::allow);
    EXPECT_EQ(decide(actor(Role::supervisor), Action::client_list), Decision::allow);
    EXPECT_EQ(decide(actor(Role::admin), Action::client_list), Decision::forbidden);
    EXPECT_EQ(decide(actor(Role::client), Action::client_list), Decision::forbidden);
}

TEST(policy, only_therapists_may_create_clients) {
    EXPECT_EQ(decide(actor(Role::therapist), Action::client_create), Decision::allow);
    EXPECT_EQ(decide(actor(Role::supervisor), Action::client_create), Decision::forbidden);
    EXPECT_EQ(decide(actor(Role::admin), Action::client_create), Decision::forbidden);
    EXPECT_EQ(decide(actor(Role::client), Action::client_create), Decision::forbidden);
}

TEST(policy, only_admins_may_manage_users_and_read_the_audit_trail) {
    for (Action action :
         {Action::user_list, Action::user_create, Action::user_update, Action::audit_read}) {
        for (Role role : kRoles) {
            Decision want = role == Role::admin ? Decision::allow : Decision::forbidden;
            EXPECT_EQ(decide(actor(role), action), want)
                << to_string(role) << " " << policy::audit_name(action);
        }
    }
}

TEST(policy, therapists_and_supervisors_manage_tokens_from_a_session_admins_and_clients_not) {
    EXPECT_EQ(decide(actor(Role::therapist), Action::token_manage), Decision::allow);
    EXPECT_EQ(decide(actor(Role::supervisor), Action::token_manage), Decision::allow);
    EXPECT_EQ(decide(actor(Role::admin), Action::token_manage), Decision::forbidden);
    EXPECT_EQ(decide(actor(Role::client), Action::token_manage), Decision::forbidden);
}

TEST(policy, an_api_token_may_not_manage_tokens) {
    for (Role role : kRoles) {
        EXPECT_EQ(decide(actor(role, /*via_api_token=*/true), Action::token_manage),
                  Decision::forbidden)
            << to_string(role);
    }
}

TEST(policy, client_actions_asked_without_a_target_are_refused) {
    for (Role role : kRoles) {
        for (Action action : kClientActions) {
            EXPECT_EQ(decide(actor(role), action), Decision::forbidden)
                << to_string(role) << " " << policy::audit_name(action);
        }
    }
}

TEST(policy, a_targetless_action_asked_with_a_target_follows_the_role_rules) {
    EXPECT_EQ(decide(actor(Role::admin), Action::user_list, kOtherClientId, facts()),
              Decision::allow);
    EXPECT_EQ(decide(actor(Role::therapist), Action::user_list, kOtherClientId, facts(true)),
              Decision::forbidden);
    EXPECT_EQ(decide(actor(Role::therapist), Action::client_create, kOtherClientId, facts()),
              Decision::allow);
}

TEST(policy, each_role_sees_the_client_list_scope_of_its_caseload) {
    EXPECT_EQ(policy::client_list_scope(actor(Role::therapist)), ClientScope::own_caseload);
    EXPECT_EQ(policy::client_list_scope(actor(Role::supervisor)),
              ClientScope::supervisees_caseloads);
    EXPECT_EQ(policy::client_list_scope(actor(Role::admin)), ClientScope::none);
    EXPECT_EQ(policy::client_list_scope(actor(Role::client)), ClientScope::none);
}

TEST(policy, audit_names_are_the_stable_dotted_names_stored_in_the_trail) {
    EXPECT_STREQ(policy::audit_name(Action::client_list), "client.list");
    EXPECT_STREQ(policy::audit_name(Action::client_create), "client.create");
    EXPECT_STREQ(policy::audit_name(Action::client_read), "client.read");
    EXPECT_STREQ(policy::audit_name(Action::client_update), "client.update");
    EXPECT_STREQ(policy::audit_name(Action::client_invite), "client.invite");
    EXPECT_STREQ(policy::audit_name(Action::user_list), "user.list");
    EXPECT_STREQ(policy::audit_name(Action::user_create), "user.create");
    EXPECT_STREQ(policy::audit_name(Action::user_update), "user.update");
    EXPECT_STREQ(policy::audit_name(Action::audit_read), "audit.read");
    EXPECT_STREQ(policy::audit_name(Action::token_manage), "token.manage");
}

// ---- the resource map and cases: record and case actions ---------------------------------------

namespace {

// Who may read: the care team's therapists, their supervisors and the client themself.
constexpr std::array kReadActions = {Action::record_read, Action::case_read};
// Who may change: only a therapist on the care team.
constexpr std::array kWriteActions = {Action::record_write, Action::case_update};
// The client's own voice: the care team and the client, never a supervisor or admin.
constexpr std::array kContributeActions = {Action::rating_write, Action::resource_propose,
                                           Action::coping_card_write};

// A case in this practice of which the actor (if a client) is a member; the actor's own client id
// is not the one asked about.
ClientFacts member_of_case(const char* practice = kPractice) {
    ClientFacts f = facts(false, false, practice);
    f.actor_is_member = true;
    return f;
}

constexpr const char* kCaseId = "case-1";

}  // namespace

TEST(policy, record_and_case_actions_match_the_access_matrix) {
    constexpr Decision A = Decision::allow;
    constexpr Decision F = Decision::forbidden;
    constexpr Decision N = Decision::not_found;
    struct Row {
        Role role;
        Relation relation;
        Decision read, write, contribute;
    };
    // Readers: team therapist, supervisor of the team, the client; an admin learns the record
    // exists but may not open it. Writers: the team therapist only. Contributors (ratings,
    // proposals, coping card): the team therapist and the client.
    const Row rows[] = {
        {Role::therapist, Relation::care_team, A, A, A},
        {Role::therapist, Relation::supervising, N, N, N},
        {Role::therapist, Relation::self, N, N, N},
        {Role::therapist, Relation::unrelated, N, N, N},
        {Role::therapist, Relation::other_practice, N, N, N},
        {Role::therapist, Relation::missing, N, N, N},

        {Role::supervisor, Relation::care_team, N, N, N},
        {Role::supervisor, Relation::supervising, A, F, F},
        {Role::supervisor, Relation::self, N, N, N},
        {Role::supervisor, Relation::unrelated, N, N, N},
        {Role::supervisor, Relation::other_practice, N, N, N},
        {Role::supervisor, Relation::missing, N, N, N},

        {Role::admin, Relation::care_team, F, F, F},
        {Role::admin, Relation::supervising, F, F, F},
        {Role::admin, Relation::self, F, F, F},
        {Role::admin, Relation::unrelated, F, F, F},
        {Role::admin, Relation::other_practice, N, N, N},
        {Role::admin, Relation::missing, N, N, N},

        {Role::client, Relation::care_team, N, N, N},
        {Role::client, Relation::supervising, N, N, N},
        {Role::client, Relation::self, A, F, A},
        {Role::client, Relation::unrelated, N, N, N},
        {Role::client, Relation::other_practice, N, N, N},
        {Role::client, Relation::missing, N, N, N},
    };
    int checked = 0;
    for (const Row& row : rows) {
        auto check = [&](Action action, Decision want) {
            Decision got = decide_on(row.role, action, row.relation);
            EXPECT_EQ(got, want) << "role " << to_string(row.role) << ", action "
                                 << policy::audit_name(action) << ", relation "
                                 << static_cast<int>(row.relation) << ": got " << name(got)
                                 << ", want " << name(want);
            ++checked;
        };
        for (Action action : kReadActions)
            check(action, row.read);
        for (Action action : kWriteActions)
            check(action, row.write);
        for (Action action : kContributeActions)
            check(action, row.contribute);
    }
    EXPECT_EQ(checked, 24 * 7);
}

TEST(policy, a_supervisor_reads_the_map_but_neither_writes_rates_proposes_nor_edits_the_card) {
    EXPECT_EQ(decide_on(Role::supervisor, Action::record_read, Relation::supervising),
              Decision::allow);
    EXPECT_EQ(decide_on(Role::supervisor, Action::case_read, Relation::supervising),
              Decision::allow);
    for (Action action : {Action::record_write, Action::case_update, Action::rating_write,
                          Action::resource_propose, Action::coping_card_write}) {
        EXPECT_EQ(decide_on(Role::supervisor, action, Relation::supervising), Decision::forbidden)
            << policy::audit_name(action);
    }
}

TEST(policy, a_client_rates_proposes_and_edits_their_coping_card_but_does_not_write_the_map) {
    for (Action action : kContributeActions) {
        EXPECT_EQ(decide_on(Role::client, action, Relation::self), Decision::allow)
            << policy::audit_name(action);
    }
    EXPECT_EQ(decide_on(Role::client, Action::record_write, Relation::self), Decision::forbidden);
    EXPECT_EQ(decide_on(Role::client, Action::case_update, Relation::self), Decision::forbidden);
}

TEST(policy, an_admin_may_not_read_or_change_any_map_or_case_of_their_practice) {
    for (Relation relation : {Relation::care_team, Relation::supervising, Relation::unrelated}) {
        for (Action action :
             {Action::record_read, Action::case_read, Action::record_write, Action::case_update,
              Action::rating_write, Action::resource_propose, Action::coping_card_write}) {
            EXPECT_EQ(decide_on(Role::admin, action, relation), Decision::forbidden)
                << policy::audit_name(action) << " relation " << static_cast<int>(relation);
        }
    }
}

TEST(policy, record_and_case_actions_in_another_practice_or_on_nothing_are_not_found) {
    for (Role role : kRoles) {
        for (Action action :
             {Action::record_read, Action::case_read, Action::record_write, Action::case_update,
              Action::rating_write, Action::resource_propose, Action::coping_card_write}) {
            EXPECT_EQ(decide_on(role, action, Relation::other_practice), Decision::not_found)
                << to_string(role) << " " << policy::audit_name(action);
            EXPECT_EQ(decide_on(role, action, Relation::missing), Decision::not_found)
                << to_string(role) << " " << policy::audit_name(action);
        }
    }
}

TEST(policy, a_client_member_of_a_case_reads_and_rates_it_but_does_not_change_it) {
    // The actor's own client id is "client-self"; the case has its own id.
    const Actor member = actor(Role::client);
    EXPECT_EQ(decide(member, Action::case_read, kCaseId, member_of_case()), Decision::allow);
    EXPECT_EQ(decide(member, Action::record_read, kCaseId, member_of_case()), Decision::allow);
    EXPECT_EQ(decide(member, Action::rating_write, kCaseId, member_of_case()), Decision::allow);
    EXPECT_EQ(decide(member, Action::case_update, kCaseId, member_of_case()), Decision::forbidden);
    EXPECT_EQ(decide(member, Action::record_write, kCaseId, member_of_case()), Decision::forbidden);
}

TEST(policy, the_same_client_outside_the_case_learns_nothing_about_it) {
    const Actor outsider = actor(Role::client);
    for (Action action : {Action::case_read, Action::record_read, Action::rating_write,
                          Action::case_update, Action::record_write}) {
        EXPECT_EQ(decide(outsider, action, kCaseId, facts()), Decision::not_found)
            << policy::audit_name(action);
    }
}

TEST(policy, case_membership_in_another_practice_opens_nothing) {
    const Actor member = actor(Role::client);
    for (Action action : {Action::case_read, Action::record_read, Action::rating_write}) {
        EXPECT_EQ(decide(member, action, kCaseId, member_of_case(kOtherPractice)),
                  Decision::not_found)
            << policy::audit_name(action);
    }
}

TEST(policy, case_membership_does_not_help_staff) {
    // Only a client can be a member; the flag on a staff actor's facts must not count.
    for (Role role : {Role::therapist, Role::supervisor}) {
        for (Action action : {Action::case_read, Action::record_read, Action::rating_write,
                              Action::case_update, Action::record_write}) {
            EXPECT_EQ(decide(actor(role), action, kCaseId, member_of_case()), Decision::not_found)
                << to_string(role) << " " << policy::audit_name(action);
        }
    }
    // An admin stays where an admin always is: may know the case exists, may not open it.
    for (Action action : {Action::case_read, Action::rating_write, Action::case_update}) {
        EXPECT_EQ(decide(actor(Role::admin), action, kCaseId, member_of_case()),
                  Decision::forbidden)
            << policy::audit_name(action);
    }
}

TEST(policy, only_therapists_may_create_cases) {
    EXPECT_EQ(decide(actor(Role::therapist), Action::case_create), Decision::allow);
    EXPECT_EQ(decide(actor(Role::supervisor), Action::case_create), Decision::forbidden);
    EXPECT_EQ(decide(actor(Role::admin), Action::case_create), Decision::forbidden);
    EXPECT_EQ(decide(actor(Role::client), Action::case_create), Decision::forbidden);
}

TEST(policy, record_and_case_actions_asked_without_a_target_are_refused) {
    for (Role role : kRoles) {
        for (Action action :
             {Action::record_read, Action::case_read, Action::record_write, Action::case_update,
              Action::rating_write, Action::resource_propose, Action::coping_card_write}) {
            EXPECT_EQ(decide(actor(role), action), Decision::forbidden)
                << to_string(role) << " " << policy::audit_name(action);
        }
    }
}

TEST(policy, only_the_care_team_and_its_supervisors_see_what_the_team_keeps_to_itself) {
    EXPECT_TRUE(policy::sees_therapist_only(actor(Role::therapist)));
    EXPECT_TRUE(policy::sees_therapist_only(actor(Role::supervisor)));
    EXPECT_FALSE(policy::sees_therapist_only(actor(Role::client)));
    EXPECT_FALSE(policy::sees_therapist_only(actor(Role::admin)));
}

TEST(policy, every_action_has_its_own_dotted_audit_name) {
    const Action all[] = {
        Action::client_list,
        Action::client_create,
        Action::client_read,
        Action::client_update,
        Action::client_invite,
        Action::record_read,
        Action::record_write,
        Action::resource_propose,
        Action::rating_write,
        Action::coping_card_write,
        Action::case_create,
        Action::case_read,
        Action::case_update,
        Action::user_list,
        Action::user_create,
        Action::user_update,
        Action::audit_read,
        Action::token_manage,
        Action::response_submit,
        Action::instrument_manage,
        Action::exercise_read,
        Action::exercise_create,
        Action::assignment_write,
        Action::journal_write,
        Action::preferences_write,
        Action::calendar_feed_manage,
        Action::journal_settings_manage,
        Action::session_list,
        Action::session_read,
        Action::session_write,
        Action::note_read,
        Action::note_write,
        Action::note_edit,
        Action::note_sign,
        Action::note_cosign,
    };
    std::set<std::string> seen;
    for (Action action : all) {
        const std::string audit = policy::audit_name(action);
        EXPECT_NE(audit, "unknown") << static_cast<int>(action);
        EXPECT_NE(audit.find('.'), std::string::npos) << audit;
        EXPECT_TRUE(seen.insert(audit).second) << "duplicate audit name " << audit;
    }
    EXPECT_EQ(seen.size(), std::size(all));
}

// --- between sessions ------------------------------------------------------------------------

TEST(policy, only_the_client_writes_their_journal_and_the_team_learns_it_may_not) {
    for (Action action : {Action::journal_write, Action::preferences_write}) {
        EXPECT_EQ(decide_on(Role::client, action, Relation::self), Decision::allow);
        EXPECT_EQ(decide_on(Role::therapist, action, Relation::care_team), Decision::forbidden);
        EXPECT_EQ(decide_on(Role::supervisor, action, Relation::supervising), Decision::forbidden);
        EXPECT_EQ(decide_on(Role::admin, action, Relation::unrelated), Decision::forbidden);
        EXPECT_EQ(decide_on(Role::therapist, action, Relation::unrelated), Decision::not_found);
        EXPECT_EQ(decide_on(Role::client, action, Relation::unrelated), Decision::not_found);
        EXPECT_EQ(decide_on(Role::client, action, Relation::other_practice), Decision::not_found);
    }
}

TEST(policy, private_journal_entries_are_for_their_client_alone) {
    EXPECT_TRUE(policy::sees_private_journal(actor(Role::client), kOwnClientId));
    EXPECT_FALSE(policy::sees_private_journal(actor(Role::client), kOtherClientId));
    for (Role role : {Role::therapist, Role::supervisor, Role::admin})
        EXPECT_FALSE(policy::sees_private_journal(actor(role), kOwnClientId)) << to_string(role);
    Actor no_record = actor(Role::client);
    no_record.client_id.clear();
    EXPECT_FALSE(policy::sees_private_journal(no_record, ""));
}

TEST(policy, the_care_team_assigns_exercises_and_both_sides_manage_the_calendar_feed) {
    EXPECT_EQ(decide_on(Role::therapist, Action::assignment_write, Relation::care_team),
              Decision::allow);
    EXPECT_EQ(decide_on(Role::client, Action::assignment_write, Relation::self),
              Decision::forbidden);
    EXPECT_EQ(decide_on(Role::supervisor, Action::assignment_write, Relation::supervising),
              Decision::forbidden);
    EXPECT_EQ(decide_on(Role::therapist, Action::assignment_write, Relation::unrelated),
              Decision::not_found);
    EXPECT_EQ(decide_on(Role::client, Action::calendar_feed_manage, Relation::self),
              Decision::allow);
    EXPECT_EQ(decide_on(Role::therapist, Action::calendar_feed_manage, Relation::care_team),
              Decision::allow);
    EXPECT_EQ(decide_on(Role::supervisor, Action::calendar_feed_manage, Relation::supervising),
              Decision::forbidden);
    EXPECT_EQ(decide(actor(Role::therapist), Action::exercise_create), Decision::allow);
    EXPECT_EQ(decide(actor(Role::client), Action::exercise_create), Decision::forbidden);
    EXPECT_EQ(decide(actor(Role::admin), Action::journal_settings_manage), Decision::allow);
    EXPECT_EQ(decide(actor(Role::therapist), Action::journal_settings_manage), Decision::forbidden);
    for (Role role : kRoles)
        EXPECT_EQ(decide(actor(role), Action::exercise_read), Decision::allow) << to_string(role);
}

TEST(policy, in_personal_mode_the_person_is_their_own_therapist_but_nobody_elses) {
    ClientFacts own = facts();
    own.self_guided = true;
    for (Action action : {Action::record_write, Action::assignment_write, Action::exercise_create})
        EXPECT_EQ(decide(actor(Role::client), action, kOwnClientId, own), Decision::allow)
            << policy::audit_name(action);
    // Not the client's own record: self_guided grants nothing.
    EXPECT_EQ(decide(actor(Role::client), Action::record_write, kOtherClientId, own),
              Decision::not_found);
    // Changing the client record itself (status, care team) stays a therapist's act.
    EXPECT_EQ(decide(actor(Role::client), Action::client_update, kOwnClientId, own),
              Decision::forbidden);
    EXPECT_EQ(decide(actor(Role::client), Action::instrument_manage, kOwnClientId, own),
              Decision::allow);
    EXPECT_EQ(decide(actor(Role::client), Action::instrument_manage, kOwnClientId, facts()),
              Decision::forbidden);
    // Without personal mode a client still only proposes.
    EXPECT_EQ(decide(actor(Role::client), Action::record_write, kOwnClientId, facts()),
              Decision::forbidden);
}

// --- sessions and notes ----------------------------------------------------------------------

namespace {

// Facts about a note on a client's record: the relation as above, plus authorship.
Decision decide_note(Role role, Action action, Relation relation, bool is_author,
                     bool supervises_author = false) {
    ClientFacts f;
    std::string client = kOtherClientId;
    switch (relation) {
        case Relation::care_team:
            f = facts(true, false);
            break;
        case Relation::supervising:
            f = facts(false, true);
            break;
        case Relation::self:
            f = facts();
            client = kOwnClientId;
            break;
        case Relation::unrelated:
            f = facts();
            break;
        case Relation::other_practice:
            f = facts(true, true, kOtherPractice);
            client = kOwnClientId;
            break;
        case Relation::missing:
            f = ClientFacts{};
            break;
    }
    f.is_author = is_author;
    f.supervises_author = supervises_author;
    return decide(actor(role), action, client, f);
}

}  // namespace

TEST(policy, session_and_note_actions_match_the_access_matrix) {
    constexpr Decision A = Decision::allow;
    constexpr Decision F = Decision::forbidden;
    constexpr Decision N = Decision::not_found;
    struct Row {
        Role role;
        Relation relation;
        Decision session_read, session_write, note_read, note_write;
    };
    // Sessions are read like the record (the client sees their own) and scheduled by the care team.
    // Notes are the clinicians' record: the care team writes, supervisors read, an admin learns
    // only that they may not, and a client learns nothing - not even that notes exist.
    const Row rows[] = {
        {Role::therapist, Relation::care_team, A, A, A, A},
        {Role::therapist, Relation::supervising, N, N, N, N},
        {Role::therapist, Relation::self, N, N, N, N},
        {Role::therapist, Relation::unrelated, N, N, N, N},
        {Role::therapist, Relation::other_practice, N, N, N, N},
        {Role::therapist, Relation::missing, N, N, N, N},

        {Role::supervisor, Relation::care_team, N, N, N, N},
        {Role::supervisor, Relation::supervising, A, F, A, F},
        {Role::supervisor, Relation::self, N, N, N, N},
        {Role::supervisor, Relation::unrelated, N, N, N, N},
        {Role::supervisor, Relation::other_practice, N, N, N, N},
        {Role::supervisor, Relation::missing, N, N, N, N},

        {Role::admin, Relation::care_team, F, F, F, F},
        {Role::admin, Relation::supervising, F, F, F, F},
        {Role::admin, Relation::self, F, F, F, F},
        {Role::admin, Relation::unrelated, F, F, F, F},
        {Role::admin, Relation::other_practice, N, N, N, N},
        {Role::admin, Relation::missing, N, N, N, N},

        {Role::client, Relation::care_team, N, N, N, N},
        {Role::client, Relation::supervising, N, N, N, N},
        {Role::client, Relation::self, A, F, N, N},
        {Role::client, Relation::unrelated, N, N, N, N},
        {Role::client, Relation::other_practice, N, N, N, N},
        {Role::client, Relation::missing, N, N, N, N},
    };
    int checked = 0;
    for (const Row& row : rows) {
        const std::pair<Action, Decision> wants[] = {{Action::session_read, row.session_read},
                                                     {Action::session_write, row.session_write},
                                                     {Action::note_read, row.note_read},
                                                     {Action::note_write, row.note_write}};
        for (const auto& [action, want] : wants) {
            Decision got = decide_on(row.role, action, row.relation);
            EXPECT_EQ(got, want) << "role " << to_string(row.role) << ", action "
                                 << policy::audit_name(action) << ", relation "
                                 << static_cast<int>(row.relation) << ": got " << name(got)
                                 << ", want " << name(want);
            ++checked;
        }
    }
    EXPECT_EQ(checked, 24 * 4);
}

TEST(policy, signing_and_editing_a_note_follow_its_authorship_for_every_role_and_relationship) {
    constexpr Decision A = Decision::allow;
    constexpr Decision F = Decision::forbidden;
    constexpr Decision N = Decision::not_found;
    struct Row {
        Role role;
        Relation relation;
        bool is_author, supervises_author;
        Decision edit, sign, cosign;
    };
    const Row rows[] = {
        // The author edits and signs their draft; a colleague on the team co-signs.
        {Role::therapist, Relation::care_team, true, false, A, A, F},
        {Role::therapist, Relation::care_team, false, false, F, F, A},
        // An author who left the team has no business with the note any more.
        {Role::therapist, Relation::unrelated, true, false, N, N, N},
        {Role::therapist, Relation::supervising, false, false, N, N, N},
        {Role::therapist, Relation::other_practice, true, false, N, N, N},
        {Role::therapist, Relation::missing, true, false, N, N, N},
        // The author's supervisor co-signs; a supervisor of someone else on the team only reads.
        {Role::supervisor, Relation::supervising, false, true, F, F, A},
        {Role::supervisor, Relation::supervising, false, false, F, F, F},
        {Role::supervisor, Relation::unrelated, false, true, N, N, N},
        {Role::supervisor, Relation::other_practice, false, true, N, N, N},
        // A client never touches a note, whatever the facts claim.
        {Role::client, Relation::self, true, false, N, N, N},
        {Role::client, Relation::self, false, true, N, N, N},
        {Role::client, Relation::unrelated, false, false, N, N, N},
        // An admin may learn that a note exists in their practice, never act on it.
        {Role::admin, Relation::unrelated, true, true, F, F, F},
        {Role::admin, Relation::other_practice, true, true, N, N, N},
        {Role::admin, Relation::missing, false, false, N, N, N},
    };
    for (const Row& row : rows) {
        const std::pair<Action, Decision> wants[] = {{Action::note_edit, row.edit},
                                                     {Action::note_sign, row.sign},
                                                     {Action::note_cosign, row.cosign}};
        for (const auto& [action, want] : wants) {
            Decision got =
                decide_note(row.role, action, row.relation, row.is_author, row.supervises_author);
            EXPECT_EQ(got, want) << "role " << to_string(row.role) << ", action "
                                 << policy::audit_name(action) << ", relation "
                                 << static_cast<int>(row.relation) << ", author " << row.is_author
                                 << ", supervises author " << row.supervises_author << ": got "
                                 << name(got) << ", want " << name(want);
        }
    }
}

TEST(policy, a_case_member_sees_the_cases_sessions_but_never_its_notes) {
    const Actor member = actor(Role::client);
    EXPECT_EQ(decide(member, Action::session_read, kCaseId, member_of_case()), Decision::allow);
    EXPECT_EQ(decide(member, Action::session_write, kCaseId, member_of_case()),
              Decision::forbidden);
    for (Action action : {Action::note_read, Action::note_write, Action::note_edit,
                          Action::note_sign, Action::note_cosign}) {
        EXPECT_EQ(decide(member, action, kCaseId, member_of_case()), Decision::not_found)
            << policy::audit_name(action);
    }
    // Membership in another practice's case opens nothing.
    EXPECT_EQ(decide(member, Action::session_read, kCaseId, member_of_case(kOtherPractice)),
              Decision::not_found);
}

TEST(policy, in_personal_mode_the_person_keeps_their_own_sessions_and_notes) {
    ClientFacts own = facts();
    own.self_guided = true;
    own.is_author = true;
    const Actor me = actor(Role::client);
    for (Action action : {Action::session_read, Action::session_write, Action::note_read,
                          Action::note_write, Action::note_edit, Action::note_sign}) {
        EXPECT_EQ(decide(me, action, kOwnClientId, own), Decision::allow)
            << policy::audit_name(action);
    }
    // Nobody co-signs their own note.
    EXPECT_EQ(decide(me, Action::note_cosign, kOwnClientId, own), Decision::forbidden);
    // Not their own record: personal mode grants nothing.
    for (Action action : {Action::session_read, Action::session_write, Action::note_read,
                          Action::note_write, Action::note_sign}) {
        EXPECT_EQ(decide(me, action, kOtherClientId, own), Decision::not_found)
            << policy::audit_name(action);
    }
}

TEST(policy, everyone_but_an_admin_lists_the_sessions_they_may_see) {
    EXPECT_EQ(decide(actor(Role::therapist), Action::session_list), Decision::allow);
    EXPECT_EQ(decide(actor(Role::supervisor), Action::session_list), Decision::allow);
    EXPECT_EQ(decide(actor(Role::client), Action::session_list), Decision::allow);
    EXPECT_EQ(decide(actor(Role::admin), Action::session_list), Decision::forbidden);
}

TEST(policy, session_and_note_actions_asked_without_a_target_are_refused) {
    for (Role role : kRoles) {
        for (Action action :
             {Action::session_read, Action::session_write, Action::note_read, Action::note_write,
              Action::note_edit, Action::note_sign, Action::note_cosign}) {
            EXPECT_EQ(decide(actor(role), action), Decision::forbidden)
                << to_string(role) << " " << policy::audit_name(action);
        }
    }
}

TEST(policy, session_and_note_actions_have_stable_audit_names) {
    EXPECT_STREQ(policy::audit_name(Action::session_list), "session.list");
    EXPECT_STREQ(policy::audit_name(Action::session_read), "session.read");
    EXPECT_STREQ(policy::audit_name(Action::session_write), "session.write");
    EXPECT_STREQ(policy::audit_name(Action::note_read), "note.read");
    EXPECT_STREQ(policy::audit_name(Action::note_write), "note.write");
    EXPECT_STREQ(policy::audit_name(Action::note_edit), "note.update");
    EXPECT_STREQ(policy::audit_name(Action::note_sign), "note.sign");
    EXPECT_STREQ(policy::audit_name(Action::note_cosign), "note.cosign");
}

TEST(policy, an_alert_is_acknowledged_by_the_care_team_or_its_supervisor_never_the_client) {
    const auto ack = policy::Action::alert_acknowledge;
    EXPECT_EQ(decide_on(Role::therapist, ack, Relation::care_team), Decision::allow);
    EXPECT_EQ(decide_on(Role::supervisor, ack, Relation::supervising), Decision::allow);
    EXPECT_EQ(decide_on(Role::client, ack, Relation::self), Decision::forbidden);
    EXPECT_EQ(decide_on(Role::admin, ack, Relation::care_team), Decision::forbidden);
    EXPECT_EQ(decide_on(Role::therapist, ack, Relation::unrelated), Decision::not_found);
    EXPECT_EQ(decide_on(Role::supervisor, ack, Relation::other_practice), Decision::not_found);
}

TEST(policy, only_admins_keep_the_practice_settings_and_crisis_contacts) {
    for (Role role : {Role::therapist, Role::supervisor, Role::client}) {
        EXPECT_EQ(policy::decide(Actor{"u", "p", role, "", false, ""},
                                 policy::Action::practice_settings_manage),
                  Decision::forbidden);
    }
    EXPECT_EQ(policy::decide(Actor{"u", "p", Role::admin, "", false, ""},
                             policy::Action::practice_settings_manage),
              Decision::allow);
}
