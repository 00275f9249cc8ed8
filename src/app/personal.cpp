#include "app/personal.hpp"

#include "core/crypto.hpp"

namespace trove::app {

Result<PersonalLogin> ensure_personal(App& app, const std::string& email,
                                      const std::string& password) {
    accounts::AccountService& accounts = app.accounts();
    if (auto practice = TRY(accounts.find_personal_practice())) {
        PersonalLogin login;
        for (const auto& u : TRY(accounts.list_users(practice->id))) {
            if (u.role != Role::client)
                continue;
            login.email = u.email;
            if (!password.empty()) {
                accounts::UserPatch patch;
                patch.password = password;
                TRY(accounts.update_user(practice->id, u.id, patch, system_event()));
                login.password = password;
            }
        }
        return login;
    }
    accounts::Practice practice =
        TRY(accounts.create_practice("My Trove", system_event(), /*personal=*/true));
    clients::Client me = TRY(app.clients().create_self_guided(practice.id, "Me", system_event()));
    accounts::NewUser user;
    user.practice_id = practice.id;
    user.email = email;
    user.name = "Me";
    user.role = Role::client;
    // Without a chosen password, a random first one, shown once on the terminal that started Trove.
    user.password = password.empty() ? crypto::random_token().substr(0, 20) : password;
    user.client_id = me.id;
    TRY(accounts.create_user(user, system_event()));
    return PersonalLogin{email, user.password};
}

}  // namespace trove::app
