#include "app/demo.hpp"

namespace trove::app {

namespace {

struct DemoClient {
    const char* name;
    int birth_year;
    std::vector<std::string> contexts;
    const char* status;
};

}  // namespace

Result<std::vector<DemoLogin>> seed_demo(accounts::AccountService& accounts,
                                         clients::ClientService& clients) {
    const std::vector<DemoLogin> logins = {
        {"admin", "admin@demo.trove",
         "practice admin: accounts and audit log, no clinical content"},
        {"therapist", "anna@demo.trove",
         "therapist Anna Berg (caseload of 5, supervised by Clara)"},
        {"therapist", "ben@demo.trove", "therapist Ben Okafor (caseload of 4)"},
        {"supervisor", "clara@demo.trove", "supervisor Clara Weiss (reads Anna's caseload)"},
        {"client", "mia@demo.trove", "client portal of Mia K. (Anna's client)"},
        {"client", "jonas@demo.trove", "client portal of Jonas R. (Ben's client)"},
    };
    // Emails are unique across Trove, so the demo admin's tells whether the demo exists.
    if (TRY(accounts.find_user_by_email("admin@demo.trove")))
        return logins;

    accounts::Practice practice =
        TRY(accounts.create_practice("Praxis Lindenhof (demo)", system_event()));
    auto user = [&](const char* email, const char* name, Role role,
                    std::string client_id = "") -> Result<accounts::User> {
        accounts::NewUser u;
        u.practice_id = practice.id;
        u.email = email;
        u.name = name;
        u.role = role;
        u.password = kDemoPassword;
        u.client_id = std::move(client_id);
        return accounts.create_user(u, system_event());
    };
    TRY(user("admin@demo.trove", "Petra Admin", Role::admin));
    accounts::User anna = TRY(user("anna@demo.trove", "Anna Berg", Role::therapist));
    accounts::User ben = TRY(user("ben@demo.trove", "Ben Okafor", Role::therapist));
    accounts::User clara = TRY(user("clara@demo.trove", "Clara Weiss", Role::supervisor));
    accounts::UserPatch supervision;
    supervision.supervisee_ids = std::vector<std::string>{anna.id};
    TRY(accounts.update_user(practice.id, clara.id, supervision, system_event()));

    auto caseload =
        [&](const accounts::User& therapist,
            const std::vector<DemoClient>& list) -> Result<std::vector<clients::Client>> {
        RequestContext ctx;
        ctx.actor = {therapist.id, practice.id, Role::therapist, "", false};
        ctx.ip = "local";
        std::vector<clients::Client> created;
        for (const DemoClient& d : list) {
            clients::ClientFields f;
            f.display_name = d.name;
            f.birth_year = std::optional<int>(d.birth_year);
            f.contexts = d.contexts;
            f.status = d.status;
            created.push_back(TRY(clients.create(ctx, f)));
        }
        return created;
    };
    auto anna_clients = TRY(caseload(anna, {{"Mia K.", 1994, {"individual", "trauma"}, "active"},
                                            {"Lukas B.", 2009, {"youth"}, "active"},
                                            {"Sara & Tom H.", 1988, {"couple"}, "active"},
                                            {"Familie Demir", 1979, {"family"}, "active"},
                                            {"Noah P.", 1990, {"individual"}, "paused"}}));
    auto ben_clients = TRY(caseload(ben, {{"Jonas R.", 1985, {"individual"}, "active"},
                                          {"Elif S.", 2001, {"individual", "trauma"}, "active"},
                                          {"Wednesday group", 1980, {"group"}, "active"},
                                          {"Hannah W.", 1972, {"individual"}, "closed"}}));
    // Portal logins are named after their email: the admin's account list names no client.
    TRY(user("mia@demo.trove", "mia", Role::client, anna_clients.front().id));
    TRY(user("jonas@demo.trove", "jonas", Role::client, ben_clients.front().id));
    return logins;
}

}  // namespace trove::app
