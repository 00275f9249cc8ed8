// One's own account against a real server: changing the password, an authenticator app whose
// codes come from Debian's oathtool (an implementation nobody here wrote), single-use recovery
// codes, signing out elsewhere, the practice's rule that staff need a second factor, and API
// tokens that expire and belong to therapists' and supervisors' scripts only.
#include <array>
#include <cstdio>
#include <ctime>
#include <set>

#include <gtest/gtest.h>

#include "shared_world.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

namespace {

// The code oathtool computes for `secret` (base32) at `offset_seconds` from now.
std::string oathtool_code(const std::string& secret, int offset_seconds = 0) {
    const std::time_t at = std::time(nullptr) + offset_seconds;
    const std::string command =
        "oathtool --totp -b --now=\"@" + std::to_string(at) + "\" " + secret + " 2>&1";
    std::FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return "";
    std::array<char, 128> buffer{};
    std::string out;
    while (std::fgets(buffer.data(), buffer.size(), pipe))
        out += buffer.data();
    ::pclose(pipe);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
        out.pop_back();
    return out;
}

}  // namespace

class AccountSecurity : public SharedWorldSuite {
protected:
    // A therapist of practice b of their own, so each test changes only its own account.
    static std::string new_staff(const std::string& role = "therapist") {
        static int counter = 0;
        Client admin = signed_in(world->b, "admin");
        std::string email = "own" + std::to_string(++counter) + "-" + role + "@b.test";
        auto r = admin.post(
            "/api/v1/users",
            {{"email", email}, {"name", "Own " + role}, {"role", role}, {"password", kPassword}});
        EXPECT_EQ(r.status, 201) << r.body;
        return email;
    }

    // Sets up an authenticator for the signed-in `c`; returns the secret and the recovery codes.
    static std::pair<std::string, std::vector<std::string>> enable_totp(Client& c) {
        auto begun = c.post("/api/v1/me/totp", json::object());
        EXPECT_EQ(begun.status, 200) << begun.body;
        std::string secret = begun.json().value("secret", "");
        auto confirmed = c.post("/api/v1/me/totp/confirm", {{"code", oathtool_code(secret)}});
        EXPECT_EQ(confirmed.status, 200) << confirmed.body;
        return {secret, confirmed.json().value("recovery_codes", std::vector<std::string>{})};
    }
};

TEST_F(AccountSecurity, codes_from_oathtool_turn_the_authenticator_on_and_sign_in_once_each) {
    const std::string email = new_staff();
    Client c = signed_in_as(email);
    auto begun = c.post("/api/v1/me/totp", json::object());
    ASSERT_EQ(begun.status, 200) << begun.body;
    const std::string secret = begun.json()["secret"];
    EXPECT_EQ(secret.size(), 32u) << "160 bits in base32";
    const std::string url = begun.json()["otpauth_url"];
    EXPECT_EQ(url.rfind("otpauth://totp/", 0), 0u) << url;
    EXPECT_NE(url.find("secret=" + secret), std::string::npos) << url;
    ASSERT_EQ(oathtool_code(secret).size(), 6u) << "oathtool missing? " << oathtool_code(secret);

    // Not active until confirmed: the password alone still signs in.
    EXPECT_EQ(Client(port()).login(email, kPassword).status, 200);
    EXPECT_EQ(c.post("/api/v1/me/totp/confirm", {{"code", "000000x"}}).status, 400);
    auto confirmed = c.post("/api/v1/me/totp/confirm", {{"code", oathtool_code(secret)}});
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    auto codes = confirmed.json()["recovery_codes"];
    ASSERT_EQ(codes.size(), 10u);
    EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10u);
    EXPECT_TRUE(c.get("/api/v1/me").json()["user"]["totp_enabled"].get<bool>());
    EXPECT_EQ(c.post("/api/v1/me/totp", json::object()).error_code(), "totp_active");

    // The password alone is no longer enough.
    auto alone = Client(port()).login(email, kPassword);
    EXPECT_EQ(alone.status, 401);
    EXPECT_EQ(alone.error_code(), "second_factor_required");
    // The next step's code (the confirming code's step is used up).
    const std::string next = oathtool_code(secret, 30);
    Client second(port());
    auto ok = second.login(email, kPassword, {{"totp", next}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(second.get("/api/v1/clients").status, 200);
    auto reused = Client(port()).login(email, kPassword, {{"totp", next}});
    EXPECT_EQ(reused.status, 401);
    EXPECT_EQ(reused.error_code(), "invalid_second_factor");
    auto wrong_password = Client(port()).login(email, "not the password", {{"totp", next}});
    EXPECT_EQ(wrong_password.error_code(), "invalid_credentials");

    // A recovery code works once; dashes and case do not matter.
    std::string recovery = codes[0];
    std::string typed;
    for (char ch : recovery)
        if (ch != '-')
            typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    EXPECT_EQ(Client(port()).login(email, kPassword, {{"recovery_code", typed}}).status, 200);
    EXPECT_EQ(Client(port()).login(email, kPassword, {{"recovery_code", recovery}}).error_code(),
              "invalid_second_factor");

    // Turning it off needs a current code.
    EXPECT_EQ(c.request("DELETE", "/api/v1/me/totp", json{{"code", "123"}}.dump()).status, 400);
    // (The codes of this step and the next are used up; a recovery code turns it off as well.)
    EXPECT_EQ(c.request("DELETE", "/api/v1/me/totp", json{{"code", codes[1]}}.dump()).status, 204);
    EXPECT_FALSE(c.get("/api/v1/me").json()["user"]["totp_enabled"].get<bool>());
    EXPECT_EQ(Client(port()).login(email, kPassword).status, 200);
}

TEST_F(AccountSecurity, wrong_second_factors_are_throttled_like_passwords) {
    const std::string email = new_staff();
    Client c = signed_in_as(email);
    enable_totp(c);
    int last = 0;
    for (int i = 0; i < 12 && last != 429; ++i)
        last = Client(port()).login(email, kPassword, {{"totp", "abcdef"}}).status;
    EXPECT_EQ(last, 429);
}

TEST_F(AccountSecurity, changing_the_password_ends_other_sessions_and_revokes_tokens) {
    const std::string email = new_staff();
    Client c = signed_in_as(email);
    Client elsewhere = signed_in_as(email);
    auto token = c.post("/api/v1/tokens", {{"name", "export"}});
    ASSERT_EQ(token.status, 201);
    Client script(port());
    script.set_bearer(token.json()["token"]);
    ASSERT_EQ(script.get("/api/v1/clients").status, 200);

    auto wrong = c.post("/api/v1/me/password", {{"current", "not it"}, {"new", "x"}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.error_code(), "invalid_credentials");
    auto weak = c.post("/api/v1/me/password", {{"current", kPassword}, {"new", "short"}});
    EXPECT_EQ(weak.status, 400);
    EXPECT_EQ(weak.json()["error"]["field"], "new");
    const std::string fresh = "a completely new passphrase";
    ASSERT_EQ(c.post("/api/v1/me/password", {{"current", kPassword}, {"new", fresh}}).status, 204);

    EXPECT_EQ(c.get("/api/v1/clients").status, 200) << "this session goes on";
    EXPECT_EQ(elsewhere.get("/api/v1/clients").status, 401);
    EXPECT_EQ(script.get("/api/v1/clients").status, 401);
    EXPECT_EQ(Client(port()).login(email, kPassword).status, 401);
    EXPECT_EQ(Client(port()).login(email, fresh).status, 200);
}

TEST_F(AccountSecurity, signing_out_everywhere_else_keeps_this_session) {
    const std::string email = new_staff();
    Client c = signed_in_as(email);
    Client elsewhere = signed_in_as(email);
    EXPECT_EQ(c.del("/api/v1/me/sessions").status, 204);
    EXPECT_EQ(c.get("/api/v1/me").status, 200);
    EXPECT_EQ(elsewhere.get("/api/v1/me").status, 401);
}

TEST_F(AccountSecurity,
       tokens_expire_after_the_days_asked_and_only_therapists_and_supervisors_have_them) {
    Client therapist = signed_in(world->b, "therapist");
    auto standard = therapist.post("/api/v1/tokens", {{"name", "ninety"}});
    ASSERT_EQ(standard.status, 201) << standard.body;
    auto days_between = [](const json& token) {
        auto created = parse_rfc3339(token["created_at"].get<std::string>()).value();
        auto expires = parse_rfc3339(token["expires_at"].get<std::string>()).value();
        return (expires - created) / (24LL * 60 * 60 * 1000);
    };
    EXPECT_EQ(days_between(standard.json()), 90);
    auto week = therapist.post("/api/v1/tokens", {{"name", "week"}, {"expires_in_days", 7}});
    ASSERT_EQ(week.status, 201);
    EXPECT_EQ(days_between(week.json()), 7);
    for (int days : {0, 366, -1}) {
        auto r = therapist.post("/api/v1/tokens", {{"name", "bad"}, {"expires_in_days", days}});
        EXPECT_EQ(r.status, 400) << days;
        EXPECT_EQ(r.json()["error"]["field"], "expires_in_days");
    }
    bool listed = false;
    const json tokens = therapist.get("/api/v1/tokens").json();
    for (const auto& t : tokens["items"])
        listed |= t["id"] == week.json()["id"] && t["expires_at"] == week.json()["expires_at"];
    EXPECT_TRUE(listed);
    EXPECT_EQ(signed_in(world->b, "supervisor").post("/api/v1/tokens", {{"name", "s"}}).status,
              201);
    EXPECT_EQ(signed_in(world->b, "admin").post("/api/v1/tokens", {{"name", "a"}}).status, 403);
    EXPECT_EQ(signed_in(world->b, "client").post("/api/v1/tokens", {{"name", "c"}}).status, 403);
}

TEST_F(AccountSecurity, an_admin_password_reset_and_deactivation_revoke_tokens) {
    const std::string email = new_staff();
    Client c = signed_in_as(email);
    auto token = c.post("/api/v1/tokens", {{"name", "export"}});
    ASSERT_EQ(token.status, 201);
    Client script(port());
    script.set_bearer(token.json()["token"]);
    ASSERT_EQ(script.get("/api/v1/clients").status, 200);
    const std::string id = c.get("/api/v1/me").json()["user"]["id"];
    Client admin = signed_in(world->b, "admin");
    ASSERT_EQ(admin.post("/api/v1/users/" + id + "/password-reset", json::object()).status, 201);
    EXPECT_EQ(script.get("/api/v1/clients").status, 401);
}

TEST_F(AccountSecurity, a_practice_that_requires_a_second_factor_lets_staff_only_set_one_up) {
    // An admin of its own, with an authenticator, makes the rule (the suite's admin would be held
    // to it too, and other tests sign in as that admin).
    const std::string admin_email = new_staff("admin");
    const std::string email = new_staff();
    Client admin = signed_in_as(admin_email);
    enable_totp(admin);

    auto bad = admin.patch("/api/v1/practice-settings", {{"staff_second_factor", "sometimes"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.json()["error"]["field"], "staff_second_factor");
    EXPECT_EQ(signed_in(world->b, "therapist")
                  .patch("/api/v1/practice-settings", {{"staff_second_factor", "optional"}})
                  .status,
              403);

    auto rule = admin.patch("/api/v1/practice-settings", {{"staff_second_factor", "required"}});
    ASSERT_EQ(rule.status, 200) << rule.body;
    EXPECT_EQ(rule.json()["staff_second_factor"], "required");
    EXPECT_EQ(admin.get("/api/v1/users").status, 200) << "the admin has a second factor";

    Client c = signed_in_as(email);
    auto me = c.get("/api/v1/me");
    ASSERT_EQ(me.status, 200);
    EXPECT_TRUE(me.json()["second_factor_setup_required"].get<bool>());
    auto blocked = c.get("/api/v1/clients");
    EXPECT_EQ(blocked.status, 403);
    EXPECT_EQ(blocked.error_code(), "second_factor_setup_required");
    // A client is not staff: the rule does not apply.
    Client client = signed_in(world->b, "client");
    EXPECT_FALSE(client.get("/api/v1/me").json()["second_factor_setup_required"].get<bool>());

    enable_totp(c);
    EXPECT_FALSE(c.get("/api/v1/me").json()["second_factor_setup_required"].get<bool>());
    EXPECT_EQ(c.get("/api/v1/clients").status, 200);
    bool listed = false;
    const json users = admin.get("/api/v1/users").json();
    for (const auto& u : users["items"])
        listed |= u["email"] == email && u["totp_enabled"].get<bool>();
    EXPECT_TRUE(listed) << "the admin sees who has a second factor";

    ASSERT_EQ(
        admin.patch("/api/v1/practice-settings", {{"staff_second_factor", "optional"}}).status,
        200);
    EXPECT_EQ(admin.get("/api/v1/practice-settings").json()["staff_second_factor"], "optional");
}

TEST_F(AccountSecurity, failures_from_one_address_do_not_keep_out_someone_with_the_right_password) {
    const std::string email = new_staff();
    // Thirty failures on other accounts from this address (every test client is 127.0.0.1).
    int last = 0;
    for (int i = 0; i < 32; ++i) {
        last = Client(port())
                   .login("stranger" + std::to_string(i) + "@b.test", "not the password")
                   .status;
    }
    EXPECT_EQ(last, 429) << "the address is blocked for wrong passwords";
    EXPECT_EQ(Client(port()).login(email, "not the password").status, 429);
    EXPECT_EQ(Client(port()).login(email, kPassword).status, 200)
        << "the right password still gets through";
}

TEST_F(AccountSecurity, a_blocked_account_and_address_pair_lets_a_second_factor_through) {
    const std::string email = new_staff();
    Client c = signed_in_as(email);
    const std::string secret = enable_totp(c).first;
    for (int i = 0; i < 6; ++i)
        Client(port()).login(email, "not the password");
    // Wrong codes offered with the right password get past the block and lengthen it (8 s).
    for (int i = 0; i < 3; ++i)
        Client(port()).login(email, kPassword, {{"totp", "abcdef"}});
    auto alone = Client(port()).login(email, kPassword);
    EXPECT_EQ(alone.status, 429) << "the pair is blocked: " << alone.body;
    auto with_code = Client(port()).login(email, kPassword, {{"totp", oathtool_code(secret, 30)}});
    EXPECT_EQ(with_code.status, 200) << with_code.body;
}
