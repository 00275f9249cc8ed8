// Languages over HTTP (issue 15): each account's own language (GET/PATCH /api/v1/me), the
// practice's default for new accounts (practice settings), and the calendar feed written in the
// client's language from the server catalogue. Runs on SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "app/demo.hpp"
#include "shared_world.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

class LanguagesApi : public SharedWorldSuite {
protected:
    static std::string locale_of(const Client& c) {
        auto me = c.get("/api/v1/me");
        EXPECT_EQ(me.status, 200) << me.body;
        return me.json()["user"].value("locale", "");
    }
    //! The path of a new calendar feed of the client, made by `by`.
    static std::string feed_path(const Client& by, const std::string& client_id) {
        auto made = by.post("/api/v1/clients/" + client_id + "/calendar-feed", json::object());
        EXPECT_EQ(made.status, 201) << made.body;
        std::string url = made.json().value("url", "");
        auto at = url.find("/calendar/");
        return at == std::string::npos ? std::string() : url.substr(at);
    }
    //! The .ics with its folded lines unfolded (RFC 5545: CRLF followed by one space).
    static std::string unfolded_feed(const std::string& path) {
        Client nobody(server->port());
        auto ics = nobody.get(path);
        EXPECT_EQ(ics.status, 200) << ics.body;
        std::string out = ics.body;
        for (size_t at = out.find("\r\n "); at != std::string::npos; at = out.find("\r\n ", at))
            out.erase(at, 3);
        return out;
    }
    //! A weekly "three good things" three times a week and a video appointment for the client.
    static void plan_for(const Client& therapist, const std::string& client_id) {
        auto a = therapist.post("/api/v1/clients/" + client_id + "/assignments",
                                {{"exercise_id", "three-good-things"},
                                 {"schedule", {{"frequency", "weekly"}, {"times", 3}}}});
        ASSERT_EQ(a.status, 201) << a.body;
        auto s = therapist.post("/api/v1/sessions", {{"client_id", client_id},
                                                     {"starts_at", "2031-03-04T08:30:00Z"},
                                                     {"duration_min", 50},
                                                     {"modality", "video"}});
        ASSERT_EQ(s.status, 201) << s.body;
    }
};

TEST_F(LanguagesApi, an_account_reads_and_changes_its_own_language) {
    PortalClient p = new_portal_client(server->app(), world->a, world->a.therapist, "Lang");
    Client me = signed_in_as(p.email);
    EXPECT_EQ(locale_of(me), "en");

    auto changed = me.patch("/api/v1/me", {{"locale", "pl"}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.json()["user"]["locale"], "pl");
    EXPECT_EQ(locale_of(me), "pl");
    // Remembered with the account, not the session.
    EXPECT_EQ(locale_of(signed_in_as(p.email)), "pl");
    // Every role chooses its own; nobody else's changes.
    Client anna = signed_in(world->a, "therapist");
    ASSERT_EQ(anna.patch("/api/v1/me", {{"locale", "de"}}).status, 200);
    EXPECT_EQ(locale_of(anna), "de");
    EXPECT_EQ(locale_of(me), "pl");
    ASSERT_EQ(anna.patch("/api/v1/me", {{"locale", "en"}}).status, 200);

    // The admin's account list shows each account's language.
    Client admin = signed_in(world->a, "admin");
    auto users = admin.get("/api/v1/users");
    ASSERT_EQ(users.status, 200) << users.body;
    bool found = false;
    const json items = users.json()["items"];
    for (const json& u : items) {
        if (u["id"] == p.user_id) {
            found = true;
            EXPECT_EQ(u["locale"], "pl");
        }
    }
    EXPECT_TRUE(found) << users.body;

    // Audited like every change of an account: who changed which account.
    auto events = admin.get("/api/v1/audit?limit=200&action=user.update&actor_id=" + p.user_id);
    ASSERT_EQ(events.status, 200) << events.body;
    ASSERT_FALSE(events.json()["items"].empty()) << events.body;
    EXPECT_EQ(events.json()["items"][0]["object_id"], p.user_id);
}

TEST_F(LanguagesApi, a_language_trove_does_not_speak_is_refused_naming_locale) {
    PortalClient p = new_portal_client(server->app(), world->a, world->a.therapist, "Lang");
    Client me = signed_in_as(p.email);
    for (const json& bad : {json("fr"), json("PL"), json("pl-PL"), json(""), json(" en"), json(3),
                            json(nullptr), json::array({"pl"})}) {
        auto r = me.patch("/api/v1/me", {{"locale", bad}});
        EXPECT_EQ(r.status, 400) << bad.dump() << " " << r.body;
        EXPECT_EQ(r.json()["error"]["field"], "locale") << r.body;
        EXPECT_FALSE(r.json()["error"].value("code", "").empty()) << r.body;
    }
    auto unknown = me.patch("/api/v1/me", {{"locale", "pl"}, {"role", "admin"}});
    EXPECT_EQ(unknown.status, 400) << unknown.body;
    EXPECT_EQ(unknown.json()["error"]["field"], "role");
    auto not_json = me.request("PATCH", "/api/v1/me", "{\"locale\": ");
    EXPECT_EQ(not_json.status, 400) << not_json.body;
    EXPECT_EQ(locale_of(me), "en") << "nothing changed";
    Client nobody(server->port());
    EXPECT_EQ(nobody.patch("/api/v1/me", {{"locale", "pl"}}).status, 401);
}

TEST_F(LanguagesApi, new_accounts_take_the_practices_default_language) {
    // Practice B is this test's own: its default is changed here and put back at the end.
    Client admin = signed_in(world->b, "admin");
    auto settings = admin.get("/api/v1/practice-settings");
    ASSERT_EQ(settings.status, 200) << settings.body;
    EXPECT_EQ(settings.json()["default_locale"], "en");
    EXPECT_EQ(
        signed_in(world->b, "therapist").get("/api/v1/me").json()["practice"]["default_locale"],
        "en");

    // Only the admin sets it; a bad value is refused naming the field and changes nothing (not
    // even the valid field beside it).
    Client ben = signed_in(world->b, "therapist");
    EXPECT_EQ(ben.patch("/api/v1/practice-settings", {{"default_locale", "pl"}}).status, 403);
    for (const json& bad : {json("xx"), json("PL"), json(1), json(nullptr)}) {
        auto r = admin.patch("/api/v1/practice-settings",
                             {{"default_locale", bad}, {"alert_escalation_hours", 5}});
        EXPECT_EQ(r.status, 400) << bad.dump() << " " << r.body;
        EXPECT_EQ(r.json()["error"]["field"], "default_locale") << r.body;
    }
    settings = admin.get("/api/v1/practice-settings");
    EXPECT_EQ(settings.json()["default_locale"], "en");
    EXPECT_EQ(settings.json()["alert_escalation_hours"], 24);

    auto set = admin.patch("/api/v1/practice-settings", {{"default_locale", "pl"}});
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(set.json()["default_locale"], "pl");
    EXPECT_EQ(set.json()["alert_escalation_hours"], 24) << "the other settings stay";
    EXPECT_EQ(admin.get("/api/v1/practice-settings").json()["default_locale"], "pl");
    auto audit = admin.get("/api/v1/audit?limit=20&action=practice_settings.update");
    ASSERT_EQ(audit.status, 200);
    EXPECT_FALSE(audit.json()["items"].empty());

    // Existing accounts keep theirs; every way of making one starts in Polish.
    EXPECT_EQ(locale_of(ben), "en");
    auto made = admin.post("/api/v1/users", {{"email", "nowa.terapeutka@b.test"},
                                             {"name", "Nowa"},
                                             {"role", "therapist"},
                                             {"password", "a long enough passphrase"}});
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(made.json()["locale"], "pl");
    auto supervisor = admin.post("/api/v1/users", {{"email", "superwizja@b.test"},
                                                   {"name", "Superwizja"},
                                                   {"role", "supervisor"},
                                                   {"password", "a long enough passphrase"}});
    ASSERT_EQ(supervisor.status, 201) << supervisor.body;
    EXPECT_EQ(supervisor.json()["locale"], "pl");

    auto client = ben.post("/api/v1/clients", {{"display_name", "Invited client"}});
    ASSERT_EQ(client.status, 201) << client.body;
    const std::string client_id = client.json()["id"];
    auto invite = ben.post("/api/v1/clients/" + client_id + "/invite", json::object());
    ASSERT_EQ(invite.status, 201) << invite.body;
    auto accepted = send(server->port(), "POST", "/api/v1/auth/accept-invite",
                         json{{"token", invite.json()["token"]},
                              {"password", "my own portal passphrase"},
                              {"email", "zaproszona@b.test"}}
                             .dump(),
                         {{"Content-Type", "application/json"}});
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.json()["user"]["locale"], "pl");

    PortalClient direct = new_portal_client(server->app(), world->b, world->b.therapist, "Pl");
    EXPECT_EQ(locale_of(signed_in_as(direct.email)), "pl");

    ASSERT_EQ(admin.patch("/api/v1/practice-settings", {{"default_locale", "en"}}).status, 200);
    PortalClient later = new_portal_client(server->app(), world->b, world->b.therapist, "En");
    EXPECT_EQ(locale_of(signed_in_as(later.email)), "en");
    // Another practice's default is its own.
    EXPECT_EQ(
        signed_in(world->a, "admin").get("/api/v1/practice-settings").json()["default_locale"],
        "en");
}

TEST_F(LanguagesApi, a_polish_speaking_client_gets_a_polish_calendar_feed) {
    PortalClient p = new_portal_client(server->app(), world->a, world->a.therapist, "Kalendarz");
    Client me = signed_in_as(p.email);
    ASSERT_EQ(me.patch("/api/v1/me", {{"locale", "pl"}}).status, 200);
    Client anna = signed_in(world->a, "therapist");
    plan_for(anna, p.client_id);
    const std::string title =
        anna.get("/api/v1/exercises/three-good-things?lang=pl").json()["title"];
    ASSERT_NE(title, anna.get("/api/v1/exercises/three-good-things").json()["title"]);

    const std::string feed = unfolded_feed(feed_path(me, p.client_id));
    EXPECT_TRUE(contains(feed, "SUMMARY:" + title + " (3 razy w tym tygodniu)\r\n")) << feed;
    EXPECT_TRUE(contains(feed, "DESCRIPTION:Twoje ćwiczenie w Trove.\r\n")) << feed;
    EXPECT_TRUE(contains(feed, "SUMMARY:Spotkanie (rozmowa wideo)\r\n")) << feed;
    // The date in Polish, the time where the practice is (UTC unless it says otherwise).
    EXPECT_TRUE(contains(feed, "wtorek\\, 4 marca 2031\\, godz. 08:30")) << feed;
    EXPECT_TRUE(contains(feed, "DTSTART:20310304T083000Z\r\n")) << feed;
    EXPECT_FALSE(contains(feed, "Appointment")) << feed;
    EXPECT_FALSE(contains(feed, "Your exercise")) << feed;

    // Changing the language changes the next read of the same feed.
    ASSERT_EQ(me.patch("/api/v1/me", {{"locale", "de"}}).status, 200);
    const std::string german = unfolded_feed(feed_path(me, p.client_id));
    EXPECT_TRUE(contains(german, "SUMMARY:Termin (Videogespräch)\r\n")) << german;
    EXPECT_TRUE(contains(german, "DESCRIPTION:Ihre Übung in Trove.\r\n")) << german;
    EXPECT_TRUE(contains(german, "Dienstag\\, 4. März 2031 um 08:30 Uhr")) << german;
}

TEST_F(LanguagesApi, a_client_without_a_login_gets_the_feed_in_the_practices_language) {
    Client admin = signed_in(world->b, "admin");
    ASSERT_EQ(admin.patch("/api/v1/practice-settings", {{"default_locale", "de"}}).status, 200);
    Client ben = signed_in(world->b, "therapist");
    auto client = ben.post("/api/v1/clients", {{"display_name", "Ohne Login"}});
    ASSERT_EQ(client.status, 201) << client.body;
    const std::string client_id = client.json()["id"];
    plan_for(ben, client_id);
    const std::string feed = unfolded_feed(feed_path(ben, client_id));
    ASSERT_EQ(admin.patch("/api/v1/practice-settings", {{"default_locale", "en"}}).status, 200);
    EXPECT_TRUE(contains(feed, "(3-mal diese Woche)\r\n")) << feed;
    EXPECT_TRUE(contains(feed, "SUMMARY:Termin (Videogespräch)\r\n")) << feed;
}

TEST_F(LanguagesApi, a_one_time_link_speaks_the_clients_language_unless_the_page_asks) {
    PortalClient p = new_portal_client(server->app(), world->a, world->a.therapist, "Link");
    ASSERT_EQ(signed_in_as(p.email).patch("/api/v1/me", {{"locale", "pl"}}).status, 200);
    Client anna = signed_in(world->a, "therapist");
    auto assigned = anna.post("/api/v1/clients/" + p.client_id + "/measure-assignments",
                              {{"instrument", "phq9"}, {"link", true}});
    ASSERT_EQ(assigned.status, 201) << assigned.body;
    const std::string path =
        "/api/v1/questionnaire-links/" + assigned.json()["link"]["token"].get<std::string>();
    Client anonymous(server->port());

    json own = anonymous.get(path).json();
    EXPECT_EQ(own["preferred_language"], "pl");
    EXPECT_EQ(own["questionnaire"]["language"], "pl") << "no ?lang=: the client's language";
    EXPECT_EQ(own["instrument"]["title"], "Kwestionariusz Zdrowia Pacjenta-9 (PHQ-9)");

    json asked = anonymous.get(path + "?lang=de").json();
    EXPECT_EQ(asked["questionnaire"]["language"], "de") << "the page's choice wins";
    EXPECT_EQ(asked["preferred_language"], "pl");

    // A client without a login: the practice's language.
    Client admin = signed_in(world->b, "admin");
    ASSERT_EQ(admin.patch("/api/v1/practice-settings", {{"default_locale", "de"}}).status, 200);
    Client ben = signed_in(world->b, "therapist");
    const std::string offline =
        ben.post("/api/v1/clients", {{"display_name", "Ohne Login"}}).json()["id"];
    auto link = ben.post("/api/v1/clients/" + offline + "/measure-assignments",
                         {{"instrument", "gad7"}, {"link", true}});
    ASSERT_EQ(link.status, 201) << link.body;
    json german =
        anonymous
            .get("/api/v1/questionnaire-links/" + link.json()["link"]["token"].get<std::string>())
            .json();
    ASSERT_EQ(admin.patch("/api/v1/practice-settings", {{"default_locale", "en"}}).status, 200);
    EXPECT_EQ(german["preferred_language"], "de");
    EXPECT_EQ(german["questionnaire"]["language"], "de");
}

TEST_F(LanguagesApi, the_demo_has_a_polish_speaking_therapist_and_client) {
    auto logins = app::seed_demo(server->app());
    ASSERT_TRUE(logins.ok()) << logins.error().message << " " << logins.error().internal;
    auto again = app::seed_demo(server->app());
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again.value().size(), logins.value().size());
    std::vector<std::string> emails;
    for (const auto& l : logins.value())
        emails.push_back(l.email);
    for (const char* kept :
         {"admin@demo.trove", "anna@demo.trove", "ben@demo.trove", "clara@demo.trove",
          "mia@demo.trove", "jonas@demo.trove", "marta@demo.trove", "zofia@demo.trove"}) {
        EXPECT_NE(std::find(emails.begin(), emails.end(), kept), emails.end()) << kept;
    }

    Client marta(server->port());
    ASSERT_EQ(marta.login("marta@demo.trove", app::kDemoPassword).status, 200);
    EXPECT_EQ(locale_of(marta), "pl");
    Client zofia(server->port());
    ASSERT_EQ(zofia.login("zofia@demo.trove", app::kDemoPassword).status, 200);
    EXPECT_EQ(locale_of(zofia), "pl");
    Client mia(server->port());
    ASSERT_EQ(mia.login("mia@demo.trove", app::kDemoPassword).status, 200);
    EXPECT_EQ(locale_of(mia), "en");

    const std::string client_id = zofia.get("/api/v1/me").json()["user"]["client_id"];
    auto resources = zofia.get("/api/v1/clients/" + client_id + "/resources");
    ASSERT_EQ(resources.status, 200) << resources.body;
    EXPECT_TRUE(contains(resources.body, "Siostra Ania")) << resources.body;
    EXPECT_FALSE(contains(resources.body, "Poczucie humoru")) << "hidden from the client";
    auto journal = zofia.get("/api/v1/clients/" + client_id + "/journal");
    ASSERT_EQ(journal.status, 200) << journal.body;
    EXPECT_GE(journal.json()["items"].size(), 10u);
    EXPECT_TRUE(contains(journal.body, "Telefon do Ani po pracy")) << journal.body;

    auto sessions = marta.get("/api/v1/sessions?client_id=" + client_id);
    ASSERT_EQ(sessions.status, 200) << sessions.body;
    const json items = sessions.json()["items"];
    int with_signed_note = 0;
    for (const json& s : items) {
        auto notes = marta.get("/api/v1/sessions/" + s["id"].get<std::string>() + "/notes");
        ASSERT_EQ(notes.status, 200) << notes.body;
        const json note_items = notes.json()["items"];
        for (const json& n : note_items) {
            EXPECT_EQ(n["status"], "signed");
            with_signed_note += 1;
        }
        if (!notes.json()["items"].empty()) {
            EXPECT_TRUE(contains(notes.body, "zasobów")) << notes.body;
        }
    }
    EXPECT_EQ(with_signed_note, 4) << sessions.body;
}

namespace {

//! Sets an account's language for one test and puts English back afterwards, whatever happens.
struct LanguageFor {
    const Client& who;
    LanguageFor(const Client& c, const std::string& locale) : who(c) {
        EXPECT_EQ(who.patch("/api/v1/me", {{"locale", locale}}).status, 200);
    }
    ~LanguageFor() { who.patch("/api/v1/me", {{"locale", "en"}}); }
};

json phq9_answers(const std::vector<int>& values) {
    json a = json::object();
    for (size_t i = 0; i < values.size(); ++i)
        a[std::to_string(i + 1)] = values[i];
    return a;
}

const json* item_of_kind(const json& items, const std::string& kind, const std::string& key,
                         const std::string& value) {
    for (const json& i : items)
        if (i.value("kind", "") == kind && i.value(key, "") == value)
            return &i;
    return nullptr;
}

}  // namespace

TEST_F(LanguagesApi, a_polish_therapist_reads_trove_s_words_about_questionnaires_in_polish) {
    Client ben = signed_in(world->b, "therapist");
    const std::string client = fresh_client(ben, "Pomiar");
    const std::string responses = "/api/v1/clients/" + client + "/responses";
    // A first PHQ-9 of 0, then 3+3+3+3+3+3+2+0+1 = 21: "Severe", a reliable deterioration, and
    // item 9 above 0.
    ASSERT_EQ(ben.post(responses, {{"instrument", "phq9"},
                                   {"answers", phq9_answers({0, 0, 0, 0, 0, 0, 0, 0, 0})}})
                  .status,
              201);
    auto english = ben.post(responses, {{"instrument", "phq9"},
                                        {"answers", phq9_answers({3, 3, 3, 3, 3, 3, 2, 0, 1})}});
    ASSERT_EQ(english.status, 201) << english.body;
    const std::string id = english.json()["id"];
    EXPECT_EQ(english.json()["scores"]["total"]["band"], "Severe") << "English as before";
    EXPECT_EQ(english.json()["alerts"][0]["message"],
              "Thoughts of death or self-harm (item 9) were reported.");

    LanguageFor polish_reader(ben, "pl");
    // The account's language, with no ?lang=.
    json response = ben.get("/api/v1/responses/" + id).json();
    EXPECT_EQ(response["scores"]["total"]["band"], "Ciężkie");
    EXPECT_EQ(response["scores"]["total"]["label"], "Wynik ogólny");
    ASSERT_EQ(response["alerts"].size(), 1u);
    EXPECT_EQ(response["alerts"][0]["message"],
              "Zgłoszono myśli o śmierci lub o zrobieniu sobie krzywdy (pytanie 9).");
    EXPECT_EQ(response["alerts"][0]["item"], "9") << "ids and values stay";

    // The same numbers whichever language reads them: only words change.
    json in_english = ben.get("/api/v1/responses/" + id + "?lang=en").json();
    EXPECT_EQ(in_english["scores"]["total"]["band"], "Severe");
    EXPECT_EQ(in_english["scores"]["total"]["value"], response["scores"]["total"]["value"]);
    EXPECT_EQ(in_english["missing"], response["missing"]);
    EXPECT_EQ(in_english["prorated"], response["prorated"]);
    EXPECT_EQ(in_english["change"], response["change"]);
    json as_submitted = english.json();
    as_submitted.erase("crisis");  // shown with the critical answer when it was given
    as_submitted.erase("review_promise");
    EXPECT_EQ(in_english.dump(), as_submitted.dump()) << "?lang=en: the English, byte for byte";

    json list = ben.get(responses).json();
    ASSERT_EQ(list["items"].size(), 2u);
    EXPECT_EQ(list["items"][0]["scores"]["total"]["band"], "Ciężkie") << "newest first";
    EXPECT_EQ(list["items"][1]["scores"]["total"]["band"], "Minimalne");

    // The chart: bands, points and the instrument's construct.
    json chart = ben.get("/api/v1/clients/" + client + "/measures/phq9").json();
    ASSERT_EQ(chart["bands"].size(), 5u) << chart.dump();
    EXPECT_EQ(chart["bands"][3]["label"], "Umiarkowanie ciężkie");
    EXPECT_EQ(chart["bands"][3]["min"], 15) << "numbers stay";
    EXPECT_EQ(chart["points"][1]["band"], "Ciężkie");
    EXPECT_EQ(chart["instrument"]["construct"], "Objawy depresji");
    EXPECT_EQ(chart["instrument"]["short_name"], "PHQ-9");

    // ?lang= wins over the account's language.
    json german = ben.get("/api/v1/clients/" + client + "/measures/phq9?lang=de").json();
    EXPECT_EQ(german["bands"][3]["label"], "Ausgeprägt");
    EXPECT_EQ(german["points"][1]["band"], "Schwer");
    EXPECT_EQ(german["instrument"]["construct"], "Depressive Symptome");
    EXPECT_EQ(ben.get("/api/v1/responses/" + id + "?lang=de").json()["scores"]["total"]["band"],
              "Schwer");
    json in_english_chart = ben.get("/api/v1/clients/" + client + "/measures/phq9?lang=en").json();
    EXPECT_EQ(in_english_chart["bands"][3]["label"], "Moderately severe");
    EXPECT_EQ(in_english_chart["instrument"]["construct"], "Depression symptoms");

    // The instrument list: construct and licence.
    const json instruments = ben.get("/api/v1/instruments").json()["items"];
    bool listed = false;
    for (const json& i : instruments) {
        if (i["id"] != "phq9")
            continue;
        listed = true;
        EXPECT_EQ(i["construct"], "Objawy depresji");
        EXPECT_TRUE(contains(i["licence"]["text"], "Pfizer oświadcza")) << i.dump();
        EXPECT_EQ(i["licence"]["status"], "free") << "codes stay";
    }
    EXPECT_TRUE(listed);

    // The caseload's alerts: the critical answer, the deterioration and the low mood.
    json alerts = ben.get("/api/v1/alerts").json()["items"];
    const json* critical = item_of_kind(alerts, "critical_item", "response_id", id);
    ASSERT_NE(critical, nullptr) << alerts.dump();
    EXPECT_EQ((*critical)["message"],
              "Zgłoszono myśli o śmierci lub o zrobieniu sobie krzywdy (pytanie 9).");
    const json* worse = item_of_kind(alerts, "reliable_deterioration", "response_id", id);
    ASSERT_NE(worse, nullptr) << alerts.dump();
    EXPECT_EQ((*worse)["message"], "PHQ-9 wskazuje na rzetelne pogorszenie od pierwszego pomiaru.");
    const json* low = item_of_kind(alerts, "low_mood", "id", world->b.low_mood_alert);
    ASSERT_NE(low, nullptr) << alerts.dump();
    EXPECT_EQ((*low)["message"], "Nastrój 1 na 10 w udostępnionym wpisie w dzienniku.");
    json english_alerts = ben.get("/api/v1/alerts?lang=en").json()["items"];
    const json* english_worse =
        item_of_kind(english_alerts, "reliable_deterioration", "response_id", id);
    ASSERT_NE(english_worse, nullptr);
    EXPECT_EQ((*english_worse)["message"],
              "PHQ-9 shows a reliable deterioration since the first administration.");
    const json* english_low =
        item_of_kind(english_alerts, "low_mood", "id", world->b.low_mood_alert);
    ASSERT_NE(english_low, nullptr);
    EXPECT_EQ((*english_low)["message"], "Mood 1 of 10 in a shared journal entry.");
    const json german_alerts = ben.get("/api/v1/alerts?lang=de").json()["items"];
    const json* german_worse =
        item_of_kind(german_alerts, "reliable_deterioration", "response_id", id);
    ASSERT_NE(german_worse, nullptr);
    EXPECT_EQ((*german_worse)["message"],
              "PHQ-9 zeigt seit der ersten Erhebung eine reliable Verschlechterung.");

    // The timeline's score.
    json timeline = ben.get("/api/v1/clients/" + client + "/timeline").json()["items"];
    const json* score = item_of_kind(timeline, "score", "response_id", id);
    ASSERT_NE(score, nullptr) << timeline.dump();
    EXPECT_EQ((*score)["severity"], "Ciężkie");
}

TEST_F(LanguagesApi, enabling_an_instrument_answers_in_the_language_asked_for) {
    Client admin = signed_in(world->b, "admin");
    auto polish = admin.patch("/api/v1/instruments/gad7?lang=pl",
                              {{"enabled", true}, {"licence_acknowledged", true}});
    ASSERT_EQ(polish.status, 200) << polish.body;
    EXPECT_EQ(polish.json()["construct"], "Objawy lękowe");
    EXPECT_TRUE(contains(polish.json()["licence"]["text"], "Pfizer oświadcza")) << polish.body;
    EXPECT_EQ(polish.json()["enabled"], true);
    EXPECT_EQ(polish.json()["language"], "pl");
    auto english = admin.patch("/api/v1/instruments/gad7",
                               {{"enabled", true}, {"licence_acknowledged", true}});
    ASSERT_EQ(english.status, 200) << english.body;
    EXPECT_EQ(english.json()["construct"], "Anxiety symptoms");
    EXPECT_EQ(admin
                  .patch("/api/v1/instruments/gad7?lang=pl-",
                         {{"enabled", true}, {"licence_acknowledged", true}})
                  .status,
              400);
}

TEST_F(LanguagesApi, a_polish_speaking_clients_signature_strengths_are_offered_in_polish) {
    PortalClient p = new_portal_client(server->app(), world->b, world->b.therapist, "Mocne");
    ASSERT_EQ(signed_in_as(p.email).patch("/api/v1/me", {{"locale", "pl"}}).status, 200);
    Client ben = signed_in(world->b, "therapist");
    std::vector<int> values(96, 3);
    // Items 1-4 appreciation of beauty, 5-8 love, 9-12 teamwork, 13-16 curiosity, 17-20 fairness.
    for (int block = 0; block < 5; ++block) {
        values[block * 4 + 0] = 5;
        values[block * 4 + 1] = 5;
    }
    json answers = json::object();
    for (size_t i = 0; i < values.size(); ++i)
        answers[std::to_string(i + 1)] = values[i];
    auto r = ben.post("/api/v1/clients/" + p.client_id + "/responses",
                      {{"instrument", "ipipvia"}, {"answers", answers}});
    ASSERT_EQ(r.status, 201) << r.body;
    json offered =
        ben.get("/api/v1/clients/" + p.client_id + "/resources?status=proposed").json()["items"];
    ASSERT_EQ(offered.size(), 5u);
    std::set<std::string> titles;
    for (const json& res : offered) {
        titles.insert(res["title"].get<std::string>());
        EXPECT_TRUE(contains(res["description"], "Kluczowa mocna strona nr ")) << res.dump();
        EXPECT_TRUE(contains(res["description"], " z 24 w kwestionariuszu IPIP-VIA-R z "))
            << res.dump();
    }
    EXPECT_TRUE(titles.count("Ciekawość")) << json(titles).dump();
}

TEST(ServerCatalogue, a_malformed_catalogue_stops_the_start_naming_file_and_key) {
    TempDir dir;
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir.path() + "/" + name) << text;
    };
    write("en.json", R"({"calendar.x": "One", "calendar.y": "Two"})");
    write("pl.json", R"({"calendar.x": "Jeden"})");
    write("de.json", R"({"calendar.x": "Eins", "calendar.y": "Zwei"})");
    app::AppOptions options;
    options.db_url = dir.path() + "/trove.db";
    options.server.host = "127.0.0.1";
    options.server.port = 0;
    options.locales_folder = dir.path();
    auto app = app::App::create(options);
    ASSERT_FALSE(app.ok());
    EXPECT_NE(app.error().message.find("pl.json: calendar.y"), std::string::npos)
        << app.error().message;
    EXPECT_FALSE(std::filesystem::exists(options.db_url)) << "checked before the database";
}
