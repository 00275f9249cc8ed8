// Encryption at rest, end to end: what a stolen database file or dump shows (no clinical text),
// what a wrong or missing master key does (refuses, changes nothing), key rotation while serving,
// and the one-time sealing of text stored before encryption existed.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "domain/vault/vault.hpp"
#include "test_server.hpp"

using namespace trove;
using namespace trove::testing;
using nlohmann::json;

namespace {

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Everything the database holds as a thief would get it: the SQLite file with its write-ahead
// log, or a plain pg_dump.
std::string raw_storage(const std::string& db_url) {
    if (db_url.rfind("postgres", 0) == 0) {
        std::string command = "pg_dump --no-owner '" + db_url + "'";
        FILE* pipe = popen(command.c_str(), "r");
        EXPECT_NE(pipe, nullptr);
        std::string out;
        char buffer[65536];
        size_t n = 0;
        while (pipe && (n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
            out.append(buffer, n);
        EXPECT_EQ(pipe ? pclose(pipe) : -1, 0) << "pg_dump failed";
        EXPECT_NE(out.find("CREATE TABLE public.journal_entries"), std::string::npos)
            << "the dump is not a dump";
        return out;
    }
    return read_bytes(db_url) + read_bytes(db_url + "-wal");
}

Client signed_in(TestServer& server, const World::Practice& p, const std::string& who) {
    Client c(server.port());
    auto r = c.login(p.email(who), kPassword);
    EXPECT_EQ(r.status, 200) << r.body;
    return c;
}

// A unique phrase per run, so a match can only come from what this test wrote.
std::string phrase(const std::string& what) {
    return what + " " + crypto::random_base64url(6) + " by the willow pond";
}

}  // namespace

TEST(Encryption, a_database_file_or_dump_reveals_no_clinical_text) {
    TestServer server;
    World world = seed_world(server.app());
    Client anna = signed_in(server, world.a, "therapist");
    Client client = signed_in(server, world.a, "client");
    const std::string& client_id = world.a.client;

    const std::string title = phrase("Resource title"), description = phrase("Description"),
                      evidence = phrase("Evidence"), note = phrase("Therapist note"),
                      goal = phrase("Goal"), problem = phrase("Problem text"),
                      entry = phrase("Journal entry"), card = phrase("Calming step"),
                      homework = phrase("Assignment note"), exception = phrase("Exception"),
                      scale = phrase("Scale label"), addendum = phrase("Addendum"),
                      risk_plan = phrase("Risk plan"), ack_note = phrase("Acknowledgement"),
                      warning = phrase("Warning sign");
    auto r = anna.post("/api/v1/clients/" + client_id + "/resources", {{"title", title},
                                                                       {"category", "social"},
                                                                       {"description", description},
                                                                       {"evidence", evidence},
                                                                       {"therapist_note", note}});
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string resource_id = r.json()["id"];
    r = anna.post("/api/v1/clients/" + client_id + "/goals",
                  {{"title", goal}, {"description", goal + " described"}});
    ASSERT_EQ(r.status, 201) << r.body;
    r = anna.post("/api/v1/clients/" + client_id + "/problems", {{"title", problem}});
    ASSERT_EQ(r.status, 201) << r.body;
    r = anna.post("/api/v1/clients/" + client_id + "/assignments",
                  {{"exercise_id", "three-good-things"},
                   {"schedule", {{"frequency", "daily"}}},
                   {"note", homework}});
    ASSERT_EQ(r.status, 201) << r.body;
    r = client.post("/api/v1/clients/" + client_id + "/journal",
                    {{"kind", "success"}, {"text", entry}, {"shared", true}});
    ASSERT_EQ(r.status, 201) << r.body;
    r = anna.post(
        "/api/v1/sessions",
        {{"client_id", client_id}, {"starts_at", "2026-11-20T09:00:00Z"}, {"duration_min", 50}});
    ASSERT_EQ(r.status, 201) << r.body;
    r = anna.post(
        "/api/v1/sessions/" + r.json()["id"].get<std::string>() + "/notes",
        {{"template", "resource"},
         {"fields",
          {{"exceptions", exception},
           {"risk", {{"to_self", "moderate"}, {"to_others", "none"}, {"plan", risk_plan}}}}},
         {"scales", {{{"label", scale}, {"value", 6}}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string note_id = r.json()["id"];
    ASSERT_EQ(anna.post("/api/v1/notes/" + note_id + "/sign", json::object()).status, 200);
    r = anna.post("/api/v1/notes/" + note_id + "/addenda", {{"text", addendum}});
    ASSERT_EQ(r.status, 201) << r.body;
    r = anna.get("/api/v1/notes/" + note_id);
    EXPECT_EQ(r.json()["fields"]["exceptions"], exception);
    EXPECT_EQ(r.json()["addenda"][0]["text"], addendum);
    r = client.request("PUT", "/api/v1/clients/" + client_id + "/coping-card",
                       json{{"calming_steps", {card}}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    r = client.request("PUT", "/api/v1/clients/" + client_id + "/safety-plan",
                       json{{"warning_signs", {warning}}, {"calming_steps", {card}}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    r = anna.post("/api/v1/alerts/" + world.a.alert + "/ack",
                  {{"action", "contacted_client"}, {"note", ack_note}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["acknowledged"]["note"], ack_note);

    // The people who may read it read it in the clear, and search still finds it.
    r = anna.get("/api/v1/resources/" + resource_id);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["description"], description);
    EXPECT_EQ(r.json()["therapist_note"], note);
    auto found = anna.get("/api/v1/clients/" + client_id + "/resources?q=WILLOW");
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_GE(found.json()["items"].size(), 1u);
    found = client.get("/api/v1/clients/" + client_id + "/journal?q=willow%20pond");
    ASSERT_EQ(found.status, 200);
    ASSERT_EQ(found.json()["items"].size(), 1u) << found.body;
    EXPECT_EQ(found.json()["items"][0]["text"], entry);

    const std::string db_url = server.db_path();
    server.stop();
    const std::string raw = raw_storage(db_url);
    ASSERT_GT(raw.size(), 10000u);
    for (const std::string& secret :
         {title, description, evidence, note, goal, problem, entry, card, homework, exception,
          scale, addendum, risk_plan, ack_note, warning}) {
        EXPECT_EQ(raw.find(secret), std::string::npos) << "plaintext in storage: " << secret;
    }
    EXPECT_EQ(raw.find("willow pond"), std::string::npos);
    EXPECT_EQ(raw.find(kSecretNote), std::string::npos) << "the seeded therapist note";
    // What is stored is ciphertext in the vault's format, not merely something else.
    EXPECT_NE(raw.find("tv1."), std::string::npos);
}

TEST(Encryption, a_wrong_or_missing_master_key_refuses_to_start_and_changes_nothing) {
    TestDatabase database;
    const std::string key_file = database.master_key_file();
    World world;
    {
        TestServer first(database.url(), key_file);
        world = seed_world(first.app());
        first.stop();
    }
    ASSERT_TRUE(std::filesystem::exists(key_file)) << "the first start creates the key file";
    EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

    const std::string before = database.is_postgres() ? "" : raw_storage(database.url());
    TempDir elsewhere;
    const std::string wrong_key = elsewhere.path() + "/wrong.key";
    ASSERT_TRUE(vault::write_master_key_file(wrong_key, vault::MasterKey::generate()).ok());

    app::AppOptions options;
    options.db_url = database.url();
    options.server.host = "127.0.0.1";
    options.server.port = 0;
    options.master_key_file = wrong_key;
    auto refused = app::App::create(options);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, "master_key");
    EXPECT_NE(refused.error().message.find("does not open"), std::string::npos)
        << refused.error().message;

    options.master_key_file = elsewhere.path() + "/missing.key";
    refused = app::App::create(options);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().field, "master_key");
    EXPECT_NE(refused.error().message.find("does not exist"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(options.master_key_file))
        << "a new key must never be made for a database that already holds encrypted data";

    if (!database.is_postgres()) {
        EXPECT_TRUE(raw_storage(database.url()) == before) << "the refused starts wrote something";
    }

    // The right key still opens everything.
    TestServer again(database.url(), key_file);
    Client anna = signed_in(again, world.a, "therapist");
    auto r = anna.get("/api/v1/resources/" + world.a.hidden_resource);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["therapist_note"], kSecretNote);
}

TEST(Encryption, rotating_the_master_key_while_serving_keeps_everything_readable) {
    TestDatabase database;
    const std::string key_file = database.master_key_file();
    const std::string secret = phrase("Before the rotation");
    const std::string later = phrase("After the rotation");
    std::string resource_id, client_id, second_practice;
    World world;
    {
        TestServer server(database.url(), key_file);
        world = seed_world(server.app());
        client_id = world.a.client;
        Client anna = signed_in(server, world.a, "therapist");
        auto r = anna.post("/api/v1/clients/" + client_id + "/resources",
                           {{"title", "Choir"}, {"category", "social"}, {"description", secret}});
        ASSERT_EQ(r.status, 201) << r.body;
        resource_id = r.json()["id"];
        const std::string old_key = read_bytes(key_file);

        auto rotated = vault::Vault::rotate_master_key(server.app().db(), key_file);
        ASSERT_TRUE(rotated.ok()) << rotated.error().message;
        EXPECT_EQ(*rotated, 2) << "both practices' data keys";
        EXPECT_NE(read_bytes(key_file), old_key);
        EXPECT_FALSE(std::filesystem::exists(key_file + ".new"));

        // The running server reads and writes on, and a practice created after the rotation gets
        // a data key wrapped with the new master key.
        r = anna.get("/api/v1/resources/" + resource_id);
        ASSERT_EQ(r.status, 200);
        EXPECT_EQ(r.json()["description"], secret);
        r = anna.patch("/api/v1/resources/" + resource_id, {{"evidence", later}});
        ASSERT_EQ(r.status, 200) << r.body;
        auto practice =
            server.app().accounts().create_practice("Praxis after rotation", system_event("test"));
        ASSERT_TRUE(practice.ok());
        second_practice = practice->id;
        auto sealed = server.app().db().write([&](storage::Tx& tx) -> Result<void> {
            std::string v = TRY(server.app().vault().seal(tx, second_practice, later));
            EXPECT_EQ(v.rfind("tv1.", 0), 0u);
            return {};
        });
        ASSERT_TRUE(sealed.ok());
        server.stop();

        // The old key file no longer opens the database.
        TempDir old_dir;
        std::ofstream(old_dir.path() + "/old.key") << old_key;
        app::AppOptions options;
        options.db_url = database.url();
        options.master_key_file = old_dir.path() + "/old.key";
        auto refused = app::App::create(options);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().field, "master_key");
    }
    // A restart with the new key reads what was written before and after the rotation.
    TestServer restarted(database.url(), key_file);
    Client anna = signed_in(restarted, world.a, "therapist");
    auto r = anna.get("/api/v1/resources/" + resource_id);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["description"], secret);
    EXPECT_EQ(r.json()["evidence"], later);
    auto opened = restarted.app().db().write([&](storage::Tx& tx) -> Result<void> {
        std::string v = TRY(restarted.app().vault().seal(tx, second_practice, later));
        EXPECT_EQ(TRY(restarted.app().vault().open(tx, second_practice, v)), later);
        return {};
    });
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().internal);
}

TEST(Encryption, a_sealed_value_opens_only_for_its_practice_and_only_untouched) {
    TestServer server;
    World world = seed_world(server.app());
    auto& vault = server.app().vault();
    auto checked = server.app().db().write([&](storage::Tx& sql) -> Result<void> {
        std::string sealed = TRY(vault.seal(sql, world.a.id, "Gardening with grandmother"));
        EXPECT_EQ(TRY(vault.open(sql, world.a.id, sealed)), "Gardening with grandmother");
        // Two seals of the same text differ (random nonce): equal texts are not recognisable.
        EXPECT_NE(TRY(vault.seal(sql, world.a.id, "Gardening with grandmother")), sealed);
        // Copied into another practice's row, it does not open.
        EXPECT_FALSE(vault.open(sql, world.b.id, sealed).ok());
        // One changed character anywhere in the ciphertext: refused, never half-read.
        std::string tampered = sealed;
        char& c = tampered[tampered.size() / 2];
        c = c == 'A' ? 'B' : 'A';
        EXPECT_FALSE(vault.open(sql, world.a.id, tampered).ok());
        EXPECT_FALSE(vault.open(sql, world.a.id, "tv1.not*base64").ok());
        // The empty text stays empty; text from before encryption passes through.
        EXPECT_EQ(TRY(vault.seal(sql, world.a.id, "")), "");
        EXPECT_EQ(TRY(vault.open(sql, world.a.id, "written before encryption")),
                  "written before encryption");
        return {};
    });
    EXPECT_TRUE(checked.ok());
}

TEST(Encryption, text_stored_before_encryption_is_sealed_at_the_next_start) {
    TestDatabase database;
    const std::string key_file = database.master_key_file();
    std::string resource_id;
    World world;
    {
        TestServer server(database.url(), key_file);
        world = seed_world(server.app());
        resource_id = world.a.resource;
        // As a database from before encryption holds it: plaintext, and a keyring that has not
        // yet sealed its columns.
        auto reset = server.app().db().write([&](storage::Tx& tx) -> Result<void> {
            TRY(
                tx.exec("UPDATE resources SET description = 'Sings in the choir on Thursdays' "
                        "WHERE id = ?",
                        {resource_id}));
            TRY(tx.exec("UPDATE keyring_state SET sealed_columns_version = 0"));
            return {};
        });
        ASSERT_TRUE(reset.ok());
        server.stop();
    }
    TestServer restarted(database.url(), key_file);
    std::string stored;
    auto read = restarted.app().db().read([&](storage::Reader& r) -> Result<void> {
        stored = TRY(r.text("SELECT description FROM resources WHERE id = ?", {resource_id}))
                     .value_or("");
        return {};
    });
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(stored.rfind("tv1.", 0), 0u) << "still plaintext: " << stored;
    Client anna = signed_in(restarted, world.a, "therapist");
    auto r = anna.get("/api/v1/resources/" + resource_id);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["description"], "Sings in the choir on Thursdays");
    if (!database.is_postgres()) {
        restarted.stop();
        EXPECT_EQ(raw_storage(database.url()).find("Sings in the choir"), std::string::npos)
            << "the old plaintext lingers in the file or its log";
    }
}

TEST(Encryption, the_master_key_path_follows_the_flag_the_environment_and_the_database) {
    EXPECT_EQ(vault::master_key_path("/etc/trove/key", "./data/trove.db"), "/etc/trove/key");
    ::unsetenv("TROVE_MASTER_KEY_FILE");
    EXPECT_EQ(vault::master_key_path("", "/var/lib/trove/trove.db"), "/var/lib/trove/master.key");
    EXPECT_EQ(vault::master_key_path("", "sqlite:/srv/t.db"), "/srv/master.key");
    EXPECT_EQ(vault::master_key_path("", "trove.db"), "master.key");
    EXPECT_EQ(vault::master_key_path("", "postgresql://trove@db/trove"), "./data/master.key");
    ::setenv("TROVE_MASTER_KEY_FILE", "/run/secrets/trove", 1);
    EXPECT_EQ(vault::master_key_path("", "./data/trove.db"), "/run/secrets/trove");
    EXPECT_EQ(vault::master_key_path("/flag/wins", "./data/trove.db"), "/flag/wins");
    ::unsetenv("TROVE_MASTER_KEY_FILE");

    EXPECT_FALSE(vault::MasterKey::parse("").ok());
    EXPECT_FALSE(vault::MasterKey::parse("too-short").ok());
    EXPECT_FALSE(vault::MasterKey::parse(std::string(43, '*')).ok());
    auto key = vault::MasterKey::generate();
    auto parsed = vault::MasterKey::parse("  " + key.to_file_text() + "\n");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->fingerprint(), key.fingerprint());
    EXPECT_NE(vault::MasterKey::generate().fingerprint(), key.fingerprint());
    EXPECT_EQ(key.to_file_text().find(key.fingerprint()), std::string::npos);
}
