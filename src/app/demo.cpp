#include "app/demo.hpp"

#include <tuple>

namespace trove::app {

namespace {

struct DemoClient {
    const char* name;
    int birth_year;
    std::vector<std::string> contexts;
    const char* status;
};

struct DemoResource {
    const char* title;
    const char* category;
    const char* strength_code;  // or nullptr
    bool stabilising;
    bool visible_to_client;
    const char* evidence;
    const char* therapist_note;
    std::vector<std::pair<int, int>> ratings;  // availability, activation per session
};

constexpr TimeMs kDay = 24LL * 3600 * 1000;

// A client's resources, each rated at the last sessions of `sessions` (resources found later in
// therapy have fewer ratings: they start at a later session). The new resources' ids, in order.
Result<std::vector<std::string>> add_rated_resources(App& app, RequestContext& ctx,
                                                     const std::string& client,
                                                     const std::vector<DemoResource>& list,
                                                     const std::vector<TimeMs>& sessions) {
    std::vector<std::string> ids;
    for (const DemoResource& d : list) {
        resources::ResourceFields f;
        f.title = d.title;
        f.category = d.category;
        if (d.strength_code)
            f.strength_code = std::optional<std::string>(d.strength_code);
        f.stabilising = d.stabilising;
        f.visible_to_client = d.visible_to_client;
        f.evidence = d.evidence;
        f.therapist_note = d.therapist_note;
        resources::Resource r =
            TRY(app.resources().create(ctx, resources::Owner::client(client), f));
        ids.push_back(r.id);
        const std::size_t first = sessions.size() - d.ratings.size();
        for (std::size_t i = 0; i < d.ratings.size(); ++i) {
            resources::RatingInput in;
            in.availability = d.ratings[i].first;
            in.activation = d.ratings[i].second;
            in.rated_at = to_rfc3339(sessions[first + i]);
            TRY(app.resources().rate(ctx, r.id, in));
        }
    }
    return ids;
}

struct DemoScale {
    resources::GoalKind kind;
    const char* title;
    std::vector<std::string> resource_ids;  // a goal's linked resources
    std::vector<int> values;                // one per session, the last sessions
};

// A goal or a problem, scaled at the last sessions of `sessions`.
Result<void> add_scaled(App& app, RequestContext& ctx, const std::string& client,
                        const std::vector<TimeMs>& sessions, DemoScale scale) {
    resources::GoalFields f;
    f.title = scale.title;
    if (scale.kind == resources::GoalKind::goal)
        f.resource_ids = std::move(scale.resource_ids);
    resources::Goal g = TRY(app.goals().create(ctx, scale.kind, client, f));
    const std::size_t first = sessions.size() - scale.values.size();
    for (std::size_t i = 0; i < scale.values.size(); ++i) {
        resources::ScaleInput in;
        in.value = scale.values[i];
        in.rated_at = to_rfc3339(sessions[first + i]);
        TRY(app.goals().rate(ctx, scale.kind, g.id, in));
    }
    return {};
}

// Five sessions, two weeks apart, the last one a week ago.
std::vector<TimeMs> session_times() {
    TimeMs now = now_ms();
    return {now - 63 * kDay, now - 49 * kDay, now - 35 * kDay, now - 21 * kDay, now - 7 * kDay};
}

Result<void> seed_resource_map(App& app, const RequestContext& anna, const std::string& mia) {
    RequestContext ctx = anna;
    const auto sessions = session_times();
    const std::vector<DemoResource> list = {
        {"Sister Lena",
         "social",
         nullptr,
         true,
         true,
         "Stayed on the phone with me the night after the accident.",
         "",
         {{5, 3}, {6, 4}, {7, 5}, {8, 7}, {8, 8}}},
        {"Walks by the river",
         "body",
         nullptr,
         true,
         true,
         "After a walk the evening is calmer and I sleep better.",
         "",
         {{4, 2}, {5, 3}, {6, 5}, {7, 6}, {7, 7}}},
        {"Perseverance",
         "strength",
         "perseverance",
         false,
         true,
         "Finished the nursing degree while working nights.",
         "",
         {{6, 4}, {6, 4}, {7, 5}, {7, 6}, {8, 6}}},
        {"Passed the nursing exam despite panic",
         "success",
         nullptr,
         false,
         true,
         "Used slow breathing in the exam room and kept going.",
         "",
         {{3, 2}, {5, 4}, {6, 5}, {6, 6}, {7, 6}}},
        {"Grandmother's garden (safe place)",
         "material",
         nullptr,
         true,
         true,
         "Imagining the bench under the apple tree helps when memories come up.",
         "",
         {{2, 1}, {4, 3}, {5, 4}, {6, 5}, {7, 6}}},
        {"Drawing", "interest", nullptr, false, true, "", "", {{2, 1}, {2, 1}, {3, 2}, {4, 4}}},
        {"Cooking for friends", "skill", nullptr, false, true, "", "", {{5, 2}, {5, 3}, {6, 4}}},
        {"Humour",
         "strength",
         "humor",
         false,
         false,
         "",
         "Jokes when she feels safe in the room; not named with her yet.",
         {{5, 3}, {6, 4}, {6, 5}}},
    };
    const std::vector<std::string> ids = TRY(add_rated_resources(app, ctx, mia, list, sessions));
    auto scaled = [&](resources::GoalKind kind, const char* title, std::vector<std::string> links,
                      std::vector<int> values) {
        return add_scaled(app, ctx, mia, sessions,
                          {kind, title, std::move(links), std::move(values)});
    };
    TRY(scaled(resources::GoalKind::goal, "Sleep through most nights", {ids[1], ids[4]},
               {2, 3, 4, 6, 7}));
    TRY(scaled(resources::GoalKind::goal, "Go back to work part-time", {ids[2], ids[3]},
               {1, 2, 3, 3, 5}));
    TRY(scaled(resources::GoalKind::problem, "Nightmares", {}, {8, 8, 7, 5, 4}));
    TRY(scaled(resources::GoalKind::problem, "Panic on crowded trains", {}, {7, 7, 6, 6, 5}));

    // Mia's safety plan, built from her resources; its last reasons are resources on her map.
    safety::SafetyPlan plan;
    plan.warning_signs = {"I stop answering Lena's messages.",
                          "Nightmares two nights in a row, then I avoid going to bed.",
                          "The thought that everyone would be better off without me."};
    plan.calming_steps = {
        "Feet on the floor; name five things I can see.", "Breathe out longer than in, ten times.",
        "Go to the bench under the apple tree in my mind.", "Walk to the river if I can."};
    plan.distractions = {"The bakery café on Lindenstraße", "Cooking for friends",
                         "Drawing at the kitchen table with music on"};
    plan.people_to_ask = {{"Lena (sister)", "+49 170 0000000", "Any time, also at night"},
                          {"Jana (friend)", "+49 151 0000000", "After 6 pm"}};
    plan.professionals = {{"Anna Berg (therapist)", "+49 30 0000000", "Weekdays 9-17"},
                          {"Dr. Roth (GP)", "+49 30 1111111", ""}};
    plan.making_safe = {"The sleeping tablets stay with Lena.",
                        "On a bad evening I go for a walk instead of staying alone."};
    plan.reasons = {{"Lena and the kids", "", ""}, {"I have got through this before.", "", ""}};
    plan.reasons.push_back({"", ids[0], ""});  // Sister Lena
    plan.reasons.push_back({"", ids[3], ""});  // the nursing exam she passed despite panic
    TRY(app.safety_plans().put(ctx, mia, plan));

    // Questionnaires at each session: PHQ-9 falling from moderately severe to mild, SWLS rising;
    // the last PHQ-9 has item 9 at 1, so the caseload shows an alert to acknowledge.
    const std::vector<std::vector<int>> phq9 = {{2, 2, 2, 1, 2, 3, 2, 1, 0},
                                                {2, 2, 2, 1, 2, 2, 2, 1, 0},
                                                {1, 2, 1, 1, 2, 2, 1, 1, 0},
                                                {1, 1, 1, 1, 1, 1, 1, 0, 0},
                                                {1, 1, 0, 1, 1, 1, 0, 0, 1}};
    const std::vector<std::vector<int>> swls = {
        {2, 3, 2, 3, 2}, {3, 3, 3, 3, 2}, {3, 4, 3, 4, 3}, {4, 4, 4, 4, 3}, {4, 5, 4, 5, 4}};
    auto answers = [](const std::vector<int>& values) {
        measures::Answers a;
        for (std::size_t i = 0; i < values.size(); ++i)
            a[std::to_string(i + 1)] = values[i];
        return a;
    };
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        TRY(app.measures().submit(ctx, mia, "phq9", answers(phq9[i]), sessions[i]));
        TRY(app.measures().submit(ctx, mia, "swls", answers(swls[i]), sessions[i]));
    }
    return {};
}

// Three weeks between sessions: a daily resource diary and a strength exercise twice a week, with
// Mia's entries (most shared, two private) and her mood rising.
Result<void> seed_journal(App& app, const RequestContext& anna, const accounts::User& mia_login,
                          const std::string& mia) {
    RequestContext therapist = anna;
    journal::JournalService& journal = app.journal();
    const journal::Date today = TRY(journal.today(anna.actor.practice_id));
    auto day = [&](int days_ago) {
        return journal::format_date(today - std::chrono::days(days_ago));
    };
    journal::AssignmentInput diary;
    diary.exercise_id = "resource-diary";
    diary.schedule = nlohmann::json{{"frequency", "daily"}};
    diary.starts_on = day(20);
    diary.note = "A few lines in the evening: what helped today?";
    journal::Assignment a1 = TRY(journal.assign(therapist, mia, diary));
    journal::AssignmentInput strength;
    strength.exercise_id = "signature-strength-new-way";
    strength.schedule = nlohmann::json{{"frequency", "weekly"}, {"times", 2}};
    strength.starts_on = day(20);
    strength.note = "Perseverance and love of learning - try one in a new way.";
    journal::Assignment a2 = TRY(journal.assign(therapist, mia, strength));

    RequestContext client;
    client.actor = {mia_login.id, anna.actor.practice_id, Role::client, mia, false, ""};
    client.ip = "local";
    struct DemoEntry {
        int days_ago;
        const char* kind;
        const char* text;
        int mood;
        bool shared;
        bool diary;  // done for the resource diary, else for the strength exercise
        std::vector<std::string> strengths;
    };
    const std::vector<DemoEntry> entries = {
        {20,
         "resource",
         "Called Lena after work. Her voice alone calmed me down.",
         4,
         true,
         true,
         {}},
        {19, "resource", "Walk by the river before dinner, even in the rain.", 4, true, true, {}},
        {18, "free", "Hard day. Did not want to write.", 3, false, true, {}},
        {16,
         "strength_use",
         "Learned three new chords on the guitar instead of scrolling.",
         5,
         true,
         false,
         {"love_of_learning"}},
        {15, "resource", "Cooked for Jana and Tim. Laughed a lot.", 6, true, true, {"kindness"}},
        {14,
         "success",
         "Went to the team meeting and said what I thought.",
         6,
         true,
         true,
         {"bravery"}},
        {12,
         "resource",
         "River walk again. Noticed the herons.",
         6,
         true,
         true,
         {"appreciation_of_beauty"}},
        {11,
         "strength_use",
         "Kept going with the application letter although I wanted to stop.",
         6,
         true,
         false,
         {"perseverance"}},
        {10, "resource", "Slept better after the walk.", 7, true, true, {}},
        {9,
         "gratitude",
         "Grateful that Lena checks in every Sunday.",
         7,
         false,
         true,
         {"gratitude"}},
        {8, "resource", "Drew for half an hour. Time flew.", 7, true, true, {"creativity"}},
        {7,
         "success",
         "Handled the call with my landlord calmly.",
         7,
         true,
         true,
         {"self_regulation"}},
        {5,
         "strength_use",
         "Read a chapter about birds and told Tim about it.",
         8,
         true,
         false,
         {"love_of_learning"}},
        {4, "resource", "Breathing steps from my card helped on the tram.", 7, true, true, {}},
        {3, "resource", "Walk with Lena. We planned a weekend trip.", 8, true, true, {"love"}},
        {2, "success", "Finished the application and sent it.", 8, true, true, {"perseverance"}},
        {1, "resource", "Evening on the balcony with tea. Calm.", 8, true, true, {}},
    };
    for (const DemoEntry& d : entries) {
        journal::EntryInput in;
        in.kind = d.kind;
        in.text = d.text;
        in.mood = std::optional<int>(d.mood);
        in.shared = d.shared;
        in.entry_date = day(d.days_ago);
        in.strength_codes = d.strengths;
        in.assignment_id = std::optional<std::string>(d.diary ? a1.id : a2.id);
        TRY(journal.write(client, mia, in));
    }
    return {};
}

// The Polish-speaking corner of the demo: Marta Nowak, a therapist who works in Polish, and her
// client Zofia L. (portal login, language pl) with a resource map, three weeks of journal entries
// and four signed session notes, all written in Polish; so the Polish experience can be seen on
// the first day. Added to a demo made before it, too.
Result<void> seed_polish(App& app, const std::string& practice_id) {
    accounts::AccountService& accounts = app.accounts();
    auto user = [&](const char* email, const char* name, Role role,
                    std::string client_id = "") -> Result<accounts::User> {
        accounts::NewUser u;
        u.practice_id = practice_id;
        u.email = email;
        u.name = name;
        u.role = role;
        u.password = kDemoPassword;
        u.client_id = std::move(client_id);
        accounts::User made = TRY(accounts.create_user(u, system_event()));
        accounts::UserPatch polish;
        polish.locale = "pl";
        return accounts.update_user(practice_id, made.id, polish, system_event());
    };
    accounts::User marta = TRY(user("marta@demo.trove", "Marta Nowak", Role::therapist));
    RequestContext ctx;
    ctx.actor = {marta.id, practice_id, Role::therapist, "", false, ""};
    ctx.ip = "local";
    std::vector<clients::Client> caseload;
    for (const DemoClient& d : {DemoClient{"Zofia L.", 1991, {"individual", "trauma"}, "active"},
                                DemoClient{"Piotr K.", 1983, {"individual"}, "active"}}) {
        clients::ClientFields f;
        f.display_name = d.name;
        f.birth_year = std::optional<int>(d.birth_year);
        f.contexts = d.contexts;
        f.status = d.status;
        caseload.push_back(TRY(app.clients().create(ctx, f)));
    }
    const std::string zofia = caseload.front().id;
    // Portal logins are named after their email: the admin's account list names no client.
    accounts::User login = TRY(user("zofia@demo.trove", "zofia", Role::client, zofia));

    // Her map: what she can draw on, rated at each of four sessions (the newest a week ago).
    const TimeMs now = now_ms();
    const std::vector<TimeMs> sessions = {now - 42 * kDay, now - 28 * kDay, now - 14 * kDay,
                                          now - 7 * kDay};
    const std::vector<DemoResource> list = {
        {"Siostra Ania",
         "social",
         nullptr,
         true,
         true,
         "Przyjechała w nocy po tamtym telefonie i została do rana.",
         "",
         {{5, 3}, {6, 5}, {7, 6}, {8, 7}}},
        {"Bieganie nad Wisłą",
         "body",
         nullptr,
         true,
         true,
         "Po dwudziestu minutach biegu w głowie robi się ciszej.",
         "",
         {{3, 2}, {4, 3}, {6, 5}, {7, 6}}},
        {"Wytrwałość",
         "strength",
         "perseverance",
         false,
         true,
         "Skończyła studia, pracując na pół etatu w księgarni.",
         "",
         {{6, 4}, {6, 5}, {7, 5}, {7, 6}}},
        {"Działka babci (bezpieczne miejsce)",
         "material",
         nullptr,
         true,
         true,
         "Ławka pod jabłonią i zapach skoszonej trawy - do tego obrazu wraca, gdy przychodzą "
         "wspomnienia.",
         "",
         {{2, 1}, {4, 3}, {5, 4}, {6, 5}}},
        {"Zdane prawo jazdy mimo lęku",
         "success",
         nullptr,
         false,
         true,
         "Przed egzaminem oddychała spokojnie i po prostu jechała dalej.",
         "",
         {{4, 3}, {5, 4}, {6, 5}}},
        {"Gra na pianinie", "interest", nullptr, false, true, "", "", {{2, 1}, {3, 2}, {4, 4}}},
        {"Poczucie humoru",
         "strength",
         "humor",
         false,
         false,
         "",
         "Żartuje, gdy czuje się w gabinecie bezpiecznie; jeszcze nienazwane wspólnie.",
         {{5, 3}, {6, 4}}},
    };
    const std::vector<std::string> ids = TRY(add_rated_resources(app, ctx, zofia, list, sessions));
    auto scaled = [&](resources::GoalKind kind, const char* title, std::vector<std::string> links,
                      std::vector<int> values) {
        return add_scaled(app, ctx, zofia, sessions,
                          {kind, title, std::move(links), std::move(values)});
    };
    TRY(scaled(resources::GoalKind::goal, "Przesypiać większość nocy", {ids[1], ids[3]},
               {3, 4, 5, 6}));
    TRY(scaled(resources::GoalKind::goal, "Znów jeździć samochodem do pracy", {ids[2], ids[4]},
               {1, 2, 3, 4}));
    TRY(scaled(resources::GoalKind::problem, "Koszmary senne", {}, {8, 7, 6, 5}));
    TRY(scaled(resources::GoalKind::problem, "Lęk w zatłoczonym tramwaju", {}, {7, 7, 6, 5}));

    // Between sessions: a daily resource diary, and her entries (most shared, one private).
    journal::JournalService& journal = app.journal();
    const journal::Date today = TRY(journal.today(practice_id));
    auto day = [&](int days_ago) {
        return journal::format_date(today - std::chrono::days(days_ago));
    };
    journal::AssignmentInput diary;
    diary.exercise_id = "resource-diary";
    diary.schedule = nlohmann::json{{"frequency", "daily"}};
    diary.starts_on = day(20);
    diary.note = "Kilka zdań wieczorem: co mi dziś pomogło?";
    journal::Assignment assignment = TRY(journal.assign(ctx, zofia, diary));
    RequestContext client;
    client.actor = {login.id, practice_id, Role::client, zofia, false, ""};
    client.ip = "local";
    struct DemoEntry {
        int days_ago;
        const char* kind;
        const char* text;
        int mood;
        bool shared;
        std::vector<std::string> strengths;
    };
    const std::vector<DemoEntry> entries = {
        {19, "resource", "Telefon do Ani po pracy. Sam jej głos mnie uspokoił.", 4, true, {}},
        {17, "free", "Ciężki dzień. Nie mam siły pisać.", 3, false, {}},
        {15,
         "success",
         "Na zebraniu powiedziałam, co myślę, i nikt się nie obruszył.",
         5,
         true,
         {"bravery"}},
        {13,
         "resource",
         "Bieganie nad Wisłą mimo deszczu. Potem spokojny wieczór.",
         6,
         true,
         {"self_regulation"}},
        {11,
         "gratitude",
         "Wdzięczność za sąsiadkę, która przyniosła zupę.",
         6,
         true,
         {"gratitude"}},
        {9, "resource", "Pół godziny przy pianinie. Czas płynął inaczej.", 7, true, {"creativity"}},
        {7,
         "success",
         "Krótka jazda samochodem z Anią, na parking pod blokiem i z powrotem.",
         7,
         true,
         {"perseverance"}},
        {5, "resource", "W tramwaju ćwiczenie oddechowe z mojej karty. Pomogło.", 7, true, {}},
        {3,
         "success",
         "Przespana noc, pierwsza od dawna. Rano kawa na balkonie.",
         8,
         true,
         {"appreciation_of_beauty"}},
        {1, "resource", "Spacer z Anią po działce. Jabłonie już kwitną.", 8, true, {"love"}},
    };
    for (const DemoEntry& d : entries) {
        journal::EntryInput in;
        in.kind = d.kind;
        in.text = d.text;
        in.mood = std::optional<int>(d.mood);
        in.shared = d.shared;
        in.entry_date = day(d.days_ago);
        in.strength_codes = d.strengths;
        in.assignment_id = std::optional<std::string>(assignment.id);
        TRY(journal.write(client, zofia, in));
    }

    // Four sessions with signed resource-oriented notes, and the next one in a week.
    auto& appointments = app.sessions();
    auto at_ten = [](TimeMs t) { return t - t % kDay + 10 * 3600 * 1000; };
    auto schedule = [&](TimeMs when, const char* modality,
                        bool attended) -> Result<sessions::Session> {
        sessions::SessionInput in;
        in.client_id = zofia;
        in.starts_at = to_rfc3339(when);
        in.duration_min = 50;
        in.modality = modality;
        sessions::Session made = TRY(appointments.create(ctx, in));
        if (attended) {
            sessions::SessionInput change;
            change.status = "attended";
            made = TRY(appointments.update(ctx, made.id, change));
        }
        return made;
    };
    struct DemoNote {
        const char* exceptions;
        const char* coping;
        int confidence;
        const char* resources_observed;
        const char* homework;
        const char* next_steps;
    };
    const std::vector<DemoNote> notes = {
        {"Dwie noce bez koszmarów po wieczornej rozmowie z siostrą.",
         "Gdy narastał lęk, zadzwoniła do Ani i wyszła na krótki spacer.", 3,
         "Siostra Ania; bieganie.",
         "Codziennie zapisać jedną chwilę, która poszła choć trochę lepiej.",
         "Zacząć mapę zasobów: kto i co już pomaga."},
        {"Przejechała dwa przystanki tramwajem w godzinach szczytu.",
         "Liczyła oddechy i przywołała obraz działki babci.", 4,
         "Bezpieczne miejsce (działka babci); wytrwałość.",
         "Ćwiczyć bezpieczne miejsce rano i wieczorem, po pięć minut.",
         "Przyjrzeć się, co umożliwiło jazdę tramwajem."},
        {"Cztery dni bez nawrotu wspomnień w drodze do pracy.",
         "Sama zaplanowała bieganie przed trudnym spotkaniem w pracy.", 5,
         "Bieganie nad Wisłą; gra na pianinie jako odpoczynek.",
         "Dziennik zasobów: zaznaczać, kiedy bezpieczne miejsce pomogło.",
         "Skalować lęk przed jazdą samochodem i znaleźć najmniejszy następny krok."},
        {"Krótka jazda samochodem z siostrą jako pasażerką - bez przerywania.",
         "Spacer przed, telefon po - jej własny plan.", 6,
         "Siostra Ania; zdane prawo jazdy jako wcześniejszy sukces.",
         "Prowadzić dziennik zasobów; jedna krótka jazda z Anią.",
         "Na kolejnej sesji omówić powrót do pracy na pół etatu."},
    };
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        sessions::Session s =
            TRY(schedule(at_ten(sessions[i]), i == 2 ? "video" : "in_person", true));
        sessions::NoteInput in;
        in.template_name = "resource";
        in.fields = nlohmann::json{
            {"exceptions", notes[i].exceptions},
            {"coping", notes[i].coping},
            {"scaling",
             "Na ile, w skali 0-10, jest pewna, że poradzi sobie sama z trudnym "
             "wieczorem?"},
            {"resources_observed", notes[i].resources_observed},
            {"interventions", "Pytania o wyjątki i skalowanie; praca z mapą zasobów."},
            {"homework", notes[i].homework},
            {"next_steps", notes[i].next_steps},
            {"risk", {{"to_self", "none"}, {"to_others", "none"}, {"plan", ""}}}};
        in.scales = nlohmann::json::array({{{"label", "Pewność"}, {"value", notes[i].confidence}}});
        sessions::Note note = TRY(appointments.create_note(ctx, s.id, in));
        TRY(appointments.sign(ctx, note.id));
    }
    TRY(schedule(at_ten(now + 7 * kDay), "in_person", false));
    return {};
}

}  // namespace

// Mia's five past sessions with signed resource-oriented notes (the last with an addendum), the
// next one next week, and a week of Anna's calendar; a stabilisation group of three of Anna's
// clients with a collective map, a past group session with attendance and the next one.
Result<void> seed_sessions(App& app, const RequestContext& anna, const std::string& mia,
                           const std::string& lukas, const std::string& noah) {
    RequestContext ctx = anna;
    auto& sessions = app.sessions();
    // On the hour, at 09:00 UTC (10:00 in Berlin in winter).
    auto at_nine = [](TimeMs t) { return t - t % kDay + 9 * 3600 * 1000; };
    auto schedule = [&](std::optional<std::string> client, std::optional<std::string> case_id,
                        TimeMs when, const char* modality,
                        const char* status) -> Result<sessions::Session> {
        sessions::SessionInput in;
        in.client_id = std::move(client);
        in.case_id = std::move(case_id);
        in.starts_at = to_rfc3339(when);
        in.duration_min = case_id ? 90 : 50;
        in.modality = modality;
        sessions::Session made = TRY(sessions.create(ctx, in));
        if (std::string_view(status) != "scheduled") {
            sessions::SessionInput change;
            change.status = status;
            made = TRY(sessions.update(ctx, made.id, change));
        }
        return made;
    };
    struct DemoNote {
        const char* exceptions;
        const char* coping;
        int confidence;
        const char* homework;
        const char* next_steps;
        // Every note assesses risk: the last session's PHQ-9 raised an item-9 alert.
        nlohmann::json risk = {{"to_self", "none"}, {"to_others", "none"}, {"plan", ""}};
    };
    const std::vector<DemoNote> notes = {
        {"Slept through two nights after calling Lena.", "Called her sister when the panic came.",
         3, "Write down one moment a day that went a little better.",
         "Build the map: who and what helps already."},
        {"Went to the supermarket alone once; stayed for ten minutes.",
         "Counted breaths, thought of the river path.", 4, "Walk by the river twice this week.",
         "Look at what made the supermarket visit possible."},
        {"No flashback on the way to work on four days.", "Used the safe-place image in the tram.",
         5, "Resource diary: note every time the safe place helped.",
         "Practise the safe place at the start of the session."},
        {"Told a colleague about the accident without freezing.",
         "Reminded herself how she finished the degree: one night at a time.", 6,
         "Signature strength in a new way: perseverance, twice.",
         "Scale the fear of driving; find the smallest next step."},
        {"Sat in the passenger seat for a short drive with Lena.",
         "Walk before, call after - her own plan.",
         7,
         "Keep the resource diary; one short drive with Lena.",
         "Review the PHQ-9 together.",
         {{"to_self", "low"},
          {"to_others", "none"},
          {"plan",
           "Passive thoughts on one evening (PHQ-9 item 9), no plan or intent. Safety plan "
           "reviewed together; Lena and the TelefonSeelsorge numbers are on her phone."}}},
    };
    const auto times = session_times();
    std::string last_note;
    for (size_t i = 0; i < times.size(); ++i) {
        sessions::Session s = TRY(schedule(mia, std::nullopt, at_nine(times[i]),
                                           i == 2 ? "video" : "in_person", "attended"));
        sessions::NoteInput in;
        in.template_name = "resource";
        in.fields = nlohmann::json{{"exceptions", notes[i].exceptions},
                                   {"coping", notes[i].coping},
                                   {"scaling",
                                    "How confident, 0-10, that she can handle a hard "
                                    "evening on her own?"},
                                   {"resources_observed", "Sister Lena; walks by the river."},
                                   {"interventions", "Solution-focused questions; resource map."},
                                   {"homework", notes[i].homework},
                                   {"next_steps", notes[i].next_steps},
                                   {"risk", notes[i].risk}};
        in.scales =
            nlohmann::json::array({{{"label", "Confidence"}, {"value", notes[i].confidence}}});
        sessions::Note note = TRY(sessions.create_note(ctx, s.id, in));
        TRY(sessions.sign(ctx, note.id));
        last_note = note.id;
    }
    TRY(sessions.add_addendum(ctx, last_note,
                              "Mia called on Thursday: the short drive went well; she wants to "
                              "try the motorway next."));
    const TimeMs now = now_ms();
    TRY(schedule(mia, std::nullopt, at_nine(now + 7 * kDay), "in_person", "scheduled"));
    TRY(schedule(lukas, std::nullopt, at_nine(now + kDay) + 6 * 3600 * 1000, "in_person",
                 "scheduled"));
    TRY(schedule(noah, std::nullopt, at_nine(now + 2 * kDay) + 2 * 3600 * 1000, "phone",
                 "scheduled"));

    cases::CaseFields group;
    group.kind = "group";
    group.name = "Stabilisation group (Tuesdays)";
    group.member_ids = std::vector<std::string>{mia, lukas, noah};
    cases::Case made = TRY(app.cases().create(ctx, group));
    for (auto [title, category, description] :
         {std::tuple{"Breathing together", "skill",
                     "Four counts in, six out - the group practises it at the start."},
          std::tuple{"Knowing we are not alone", "social",
                     "Everyone has had a night like that; nobody has to explain."}}) {
        resources::ResourceFields f;
        f.title = title;
        f.category = category;
        f.description = description;
        f.visible_to_client = true;
        TRY(app.resources().create(ctx, resources::Owner::case_of(made.id), f));
    }
    sessions::Session past = TRY(schedule(
        std::nullopt, made.id, at_nine(now - 5 * kDay) + 7 * 3600 * 1000, "in_person", "attended"));
    sessions::SessionInput attendance;
    attendance.attendance =
        std::vector<sessions::Attendance>{{mia, "attended"}, {lukas, "attended"}, {noah, "absent"}};
    TRY(sessions.update(ctx, past.id, attendance));
    TRY(schedule(std::nullopt, made.id, at_nine(now + 2 * kDay) + 7 * 3600 * 1000, "in_person",
                 "scheduled"));
    return {};
}

Result<std::vector<DemoLogin>> seed_demo(App& app) {
    accounts::AccountService& accounts = app.accounts();
    clients::ClientService& clients = app.clients();
    const std::vector<DemoLogin> logins = {
        {"admin", "admin@demo.trove",
         "practice admin: accounts and audit log, no clinical content"},
        {"therapist", "anna@demo.trove",
         "therapist Anna Berg (caseload of 5, supervised by Clara)"},
        {"therapist", "ben@demo.trove", "therapist Ben Okafor (caseload of 4)"},
        {"supervisor", "clara@demo.trove", "supervisor Clara Weiss (reads Anna's caseload)"},
        {"client", "mia@demo.trove", "client portal of Mia K. (Anna's client)"},
        {"client", "jonas@demo.trove", "client portal of Jonas R. (Ben's client)"},
        {"therapist", "marta@demo.trove",
         "therapist Marta Nowak, in Polish (caseload of 2, notes in Polish)"},
        {"client", "zofia@demo.trove", "client portal of Zofia L., in Polish (Marta's client)"},
    };
    // Emails are unique across Trove, so the demo admin's tells whether the demo exists; a demo
    // made before the Polish part gets it now.
    if (auto admin = TRY(accounts.find_user_by_email("admin@demo.trove"))) {
        if (!TRY(accounts.find_user_by_email("marta@demo.trove")))
            TRY(seed_polish(app, admin->practice_id));
        return logins;
    }

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
    // The demo practice is in Germany: its crisis resources are Germany's.
    safety::CrisisResources crisis;
    crisis.text =
        "If you are in danger or cannot keep yourself safe, call 112 now. If you need someone to "
        "talk to, the TelefonSeelsorge listens day and night, free and anonymous. You do not have "
        "to wait for your next appointment. Trove is not an emergency service: nobody watches it "
        "around the clock.";
    crisis.contacts = {
        {"Emergency services (police, ambulance)", "112", "", "", "24 hours, every day"},
        {"TelefonSeelsorge", "0800 111 0 111", "", "https://online.telefonseelsorge.de",
         "24 hours, free and anonymous"},
        {"TelefonSeelsorge (second line)", "0800 111 0 222", "", "", "24 hours, free"},
        {"Nummer gegen Kummer (children and young people)", "116 111", "", "",
         "Monday to Saturday, 14-20"}};
    TRY(app.settings().set_crisis_for(practice.id, crisis, system_event()));
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
        ctx.actor = {therapist.id, practice.id, Role::therapist, "", false, ""};
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
    accounts::User mia_login =
        TRY(user("mia@demo.trove", "mia", Role::client, anna_clients.front().id));
    RequestContext as_anna;
    as_anna.actor = {anna.id, practice.id, Role::therapist, "", false, ""};
    as_anna.ip = "local";
    TRY(seed_resource_map(app, as_anna, anna_clients.front().id));
    TRY(seed_journal(app, as_anna, mia_login, anna_clients.front().id));
    TRY(seed_sessions(app, as_anna, anna_clients[0].id, anna_clients[1].id, anna_clients[4].id));
    TRY(user("jonas@demo.trove", "jonas", Role::client, ben_clients.front().id));
    TRY(seed_polish(app, practice.id));
    return logins;
}

}  // namespace trove::app
