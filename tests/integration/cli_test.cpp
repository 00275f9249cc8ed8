// The `trove` binary as an operator uses it: admin commands, audit verification against a tampered
// database, and a clean exit on SIGTERM while serving.

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/ids.hpp"
#include "domain/vault/vault.hpp"
#include "test_server.hpp"

using namespace trove::testing;

namespace {

struct CommandRun {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs the binary with arguments, feeding `input` to stdin.
CommandRun run_trove(const std::vector<std::string>& args, const std::string& input = "") {
    TempDir io;
    std::string in_path = io.path() + "/in", out_path = io.path() + "/out",
                err_path = io.path() + "/err";
    std::ofstream(in_path) << input;
    std::string command = std::string(TROVE_BINARY);
    for (const auto& a : args)
        command += " '" + a + "'";
    command += " <" + in_path + " >" + out_path + " 2>" + err_path;
    int status = std::system(command.c_str());
    CommandRun r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream out(out_path), err(err_path);
    r.out.assign(std::istreambuf_iterator<char>(out), {});
    r.err.assign(std::istreambuf_iterator<char>(err), {});
    return r;
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.pop_back();
    return s;
}

void exec_sql(const std::string& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(handle);
}

}  // namespace

class Cli : public ::testing::Test {
protected:
    TempDir dir;
    std::string db = dir.path() + "/trove.db";

    //! Creates therapist logins through the CLI (each appends an audit event).
    void add_therapists(const std::string& practice_id, const std::vector<std::string>& emails) {
        for (const std::string& email : emails) {
            CommandRun r = run_trove({"admin", "create-user", "--db", db, "--practice", practice_id,
                                      "--email", email, "--role", "therapist", "--password-stdin"},
                                     "a sound passphrase here\n");
            ASSERT_EQ(r.exit_code, 0) << r.err;
        }
    }

    std::string practice() {
        CommandRun r =
            run_trove({"admin", "create-practice", "--db", db, "--name", "CLI Practice"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return trim(r.out);
    }
};

TEST_F(Cli, create_practice_prints_the_new_id_alone) {
    std::string id = practice();
    EXPECT_TRUE(trove::looks_like_id(id)) << "'" << id << "'";
}

TEST_F(Cli, create_user_reads_the_password_from_stdin_and_prints_the_id) {
    std::string p = practice();
    CommandRun r = run_trove(
        {"admin", "create-user", "--db", db, "--practice", p, "--email", "Therapist@Example.org",
         "--role", "therapist", "--name", "Tess", "--password-stdin"},
        "a sound passphrase here\n");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(trove::looks_like_id(trim(r.out))) << r.out;

    CommandRun weak = run_trove({"admin", "create-user", "--db", db, "--practice", p, "--email",
                                 "weak@example.org", "--role", "therapist", "--password-stdin"},
                                "password123\n");
    EXPECT_NE(weak.exit_code, 0);
    EXPECT_TRUE(weak.out.empty());
    EXPECT_NE(weak.err.find("password"), std::string::npos) << weak.err;

    CommandRun duplicate =
        run_trove({"admin", "create-user", "--db", db, "--practice", p, "--email",
                   "therapist@example.org", "--role", "admin", "--password-stdin"},
                  "another passphrase ok\n");
    EXPECT_NE(duplicate.exit_code, 0);
}

TEST_F(Cli, create_user_links_a_client_login_to_its_record) {
    std::string p = practice();
    CommandRun missing = run_trove(
        {"admin", "create-user", "--db", db, "--practice", p, "--email", "c@example.org", "--role",
         "client", "--client", "01ZZZZZZZZZZZZZZZZZZZZZZZZ", "--password-stdin"},
        "client passphrase ok\n");
    EXPECT_NE(missing.exit_code, 0) << "a client login must name an existing client record";
    EXPECT_NE(missing.err.find("client"), std::string::npos);
}

TEST_F(Cli, a_master_key_that_does_not_open_the_data_exits_1_and_rotate_key_replaces_it) {
    practice();  // the first command to open the database creates master.key beside it
    const std::string key = dir.path() + "/master.key";
    ASSERT_TRUE(std::filesystem::exists(key));
    std::ifstream old_in(key);
    const std::string old_key((std::istreambuf_iterator<char>(old_in)), {});

    TempDir other;
    const std::string wrong = other.path() + "/wrong.key";
    ASSERT_TRUE(
        trove::vault::write_master_key_file(wrong, trove::vault::MasterKey::generate()).ok());
    CommandRun refused =
        run_trove({"admin", "audit-verify", "--db", db, "--master-key-file", wrong});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("does not open"), std::string::npos) << refused.err;
    CommandRun serve = run_trove(
        {"serve", "--listen", "127.0.0.1:0", "--db", db, "--master-key-file", wrong, "--quiet"});
    EXPECT_EQ(serve.exit_code, 1) << serve.err;
    EXPECT_TRUE(serve.out.find("listening") == std::string::npos) << serve.out;

    CommandRun rotated = run_trove({"admin", "rotate-key", "--db", db});
    ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
    EXPECT_NE(rotated.out.find("Re-wrapped 1 practice data key"), std::string::npos) << rotated.out;
    std::ifstream new_in(key);
    const std::string new_key((std::istreambuf_iterator<char>(new_in)), {});
    EXPECT_NE(new_key, old_key);
    EXPECT_EQ(std::filesystem::status(key).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    EXPECT_EQ(run_trove({"admin", "audit-verify", "--db", db}).exit_code, 0);
    std::ofstream(other.path() + "/old.key") << old_key;
    std::filesystem::permissions(
        other.path() + "/old.key",
        std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    EXPECT_EQ(run_trove({"admin", "audit-verify", "--db", db, "--master-key-file",
                         other.path() + "/old.key"})
                  .exit_code,
              1)
        << "the key from before the rotation no longer opens the database";
}

TEST_F(Cli, a_master_key_others_can_read_stops_the_start_with_the_fix) {
    practice();
    const std::string key = dir.path() + "/master.key";
    std::filesystem::permissions(
        key, std::filesystem::perms::group_read | std::filesystem::perms::others_read,
        std::filesystem::perm_options::add);
    CommandRun serve = run_trove({"serve", "--listen", "127.0.0.1:0", "--db", db, "--quiet"});
    EXPECT_EQ(serve.exit_code, 1) << serve.err;
    EXPECT_NE(serve.err.find("chmod 600 " + key), std::string::npos) << serve.err;
    EXPECT_NE(serve.err.find("0644"), std::string::npos) << serve.err;
    std::filesystem::permissions(
        key, std::filesystem::perms::group_read | std::filesystem::perms::others_read,
        std::filesystem::perm_options::remove);
    EXPECT_EQ(run_trove({"admin", "audit-verify", "--db", db}).exit_code, 0);
}

TEST_F(Cli, audit_verify_passes_on_an_untouched_trail_and_names_an_altered_event) {
    add_therapists(practice(), {"a@example.org", "b@example.org", "c@example.org"});
    CommandRun ok = run_trove({"admin", "audit-verify", "--db", db});
    EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;

    exec_sql(db, "UPDATE audit_events SET action = 'user.read' WHERE seq = 2");
    CommandRun altered = run_trove({"admin", "audit-verify", "--db", db});
    EXPECT_EQ(altered.exit_code, 1);
    EXPECT_NE(altered.out.find("event 2"), std::string::npos) << altered.out;
}

TEST_F(Cli, audit_events_cannot_be_passed_off_as_written_under_the_old_hash_rule) {
    add_therapists(practice(), {"a@example.org"});
    exec_sql(db, "UPDATE audit_events SET hash_version = 1 WHERE seq = 2");
    CommandRun downgraded = run_trove({"admin", "audit-verify", "--db", db});
    EXPECT_EQ(downgraded.exit_code, 1) << downgraded.out;
    EXPECT_NE(downgraded.out.find("event 2"), std::string::npos) << downgraded.out;
}

TEST_F(Cli, audit_verify_detects_a_removed_event_in_the_middle_and_at_the_end) {
    add_therapists(practice(), {"a@example.org", "b@example.org", "c@example.org"});
    std::string copy = dir.path() + "/copy.db";
    std::filesystem::copy_file(db, copy);

    exec_sql(db, "DELETE FROM audit_events WHERE seq = 2");
    CommandRun middle = run_trove({"admin", "audit-verify", "--db", db});
    EXPECT_EQ(middle.exit_code, 1);
    EXPECT_NE(middle.out.find("event 2"), std::string::npos) << middle.out;

    exec_sql(copy, "DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)");
    CommandRun last = run_trove({"admin", "audit-verify", "--db", copy});
    EXPECT_EQ(last.exit_code, 1) << last.out;
    EXPECT_NE(last.out.find("event 4"), std::string::npos) << last.out;
}

TEST_F(Cli, serve_retries_an_unreachable_database_server_then_gives_up_with_a_clear_error) {
    // Nothing listens on port 1, so every attempt is refused at once.
    CommandRun r = run_trove({"serve", "--listen", "127.0.0.1:0", "--db",
                              "postgresql://trove@127.0.0.1:1/trove", "--db-wait", "1", "--quiet"});
    EXPECT_NE(r.exit_code, 0);
    std::string all = r.out + r.err;
    EXPECT_NE(all.find("retrying"), std::string::npos) << all;
    EXPECT_NE(all.find("127.0.0.1"), std::string::npos) << all;
    EXPECT_EQ(all.find("listening on"), std::string::npos) << all;
}

TEST_F(Cli, serve_answers_then_exits_zero_on_sigterm) {
    std::string out_path = dir.path() + "/serve.out";
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        FILE* out = std::freopen(out_path.c_str(), "w", stdout);
        (void)out;
        execl(TROVE_BINARY, TROVE_BINARY, "serve", "--listen", "127.0.0.1:0", "--db", db.c_str(),
              "--quiet", static_cast<char*>(nullptr));
        _exit(127);
    }
    unsigned short port = 0;
    for (int i = 0; i < 200 && port == 0; ++i) {
        usleep(50 * 1000);
        std::ifstream in(out_path);
        std::string text((std::istreambuf_iterator<char>(in)), {});
        std::smatch m;
        if (std::regex_search(text, m, std::regex("listening on http://127\\.0\\.0\\.1:(\\d+)"))) {
            port = static_cast<unsigned short>(std::stoi(m[1]));
        }
    }
    ASSERT_NE(port, 0) << "the server never said it was listening";
    EXPECT_EQ(send(port, "GET", "/readyz").status, 200);
    ASSERT_EQ(kill(pid, SIGTERM), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
}

// migrate-db: SQLite to SQLite always; SQLite to PostgreSQL and back when the suite has a server.
class MigrateDb : public Cli {
protected:
    void seed_source() {
        std::string p = practice();
        add_therapists(p, {"a@example.org", "b@example.org"});
        // One row in every table of the resource map, with text that must arrive unchanged.
        std::string u = "(SELECT id FROM users WHERE email = 'a@example.org')";
        std::string t = "'2026-11-01T10:00:00.000Z'";
        exec_sql(db,
                 "INSERT INTO clients VALUES ('c1', '" + p +
                     "', 'Mia', NULL, 'individual', "
                     "'active', " +
                     u + ", " + t + ", " + t +
                     ");"
                     "INSERT INTO clients VALUES ('c2', '" +
                     p +
                     "', 'Tom', 1990, 'couple', "
                     "'active', " +
                     u + ", " + t + ", " + t +
                     ");"
                     "INSERT INTO care_team VALUES ('" +
                     p + "', 'c1', " + u +
                     ");"
                     "INSERT INTO cases VALUES ('k1', '" +
                     p + "', 'couple', 'Mia & Tom', " + u + ", " + t + ", " + t +
                     ");"
                     "INSERT INTO case_members VALUES ('" +
                     p +
                     "', 'k1', 'c1');"
                     "INSERT INTO case_team VALUES ('" +
                     p + "', 'k1', " + u +
                     ");"
                     "INSERT INTO resources VALUES ('r1', '" +
                     p +
                     "', 'c1', NULL, 'Sister Lena', "
                     "'Line one\nline two, \u00e9', 'social', 'client', 'love', 1, 'Helped', 0, "
                     "'Note', 'active', " +
                     u + ", 'therapist', " + t + ", " + t +
                     ", NULL);"
                     "INSERT INTO resources VALUES ('r2', '" +
                     p +
                     "', NULL, 'k1', 'Sunday dinners', "
                     "'', 'social', 'therapist', NULL, 0, '', 1, '', 'archived', " +
                     u + ", 'therapist', " + t + ", " + t + ", " + t +
                     ");"
                     "INSERT INTO resource_ratings VALUES ('q1', '" +
                     p + "', 'r1', 7, 4, " + t + ", " + u + ", 'therapist', " + t +
                     ");"
                     "INSERT INTO goals VALUES ('g1', '" +
                     p +
                     "', 'c1', 'goal', 'Sleep', '', "
                     "'active', " +
                     u + ", " + t + ", " + t + ", " + t +
                     ");"
                     "INSERT INTO goal_resources VALUES ('" +
                     p +
                     "', 'g1', 'r1');"
                     "INSERT INTO scale_ratings VALUES ('s1', '" +
                     p + "', 'g1', 3, " + t + ", " + u + ", 'client', " + t +
                     ");"
                     "INSERT INTO coping_cards VALUES ('c1', '" +
                     p + "', '{\"reasons\":[\"x\"]}', " + u + ", " + t + ");");
    }
    void migrate_and_back(const std::string& target) {
        seed_source();
        CommandRun copied = run_trove({"admin", "migrate-db", "--from", db, "--to", target});
        ASSERT_EQ(copied.exit_code, 0) << copied.err;
        EXPECT_NE(copied.out.find("users           2 rows"), std::string::npos) << copied.out;
        EXPECT_NE(copied.out.find("verified"), std::string::npos);
        for (const char* table :
             {"resources", "resource_ratings", "goals", "goal_resources", "scale_ratings",
              "coping_cards", "cases", "case_members", "case_team"}) {
            EXPECT_NE(copied.out.find(std::string("  ") + table + " "), std::string::npos)
                << table << " was not copied:\n"
                << copied.out;
        }

        CommandRun again = run_trove({"admin", "migrate-db", "--from", db, "--to", target});
        EXPECT_EQ(again.exit_code, 0) << "re-running a finished migration is safe";
        EXPECT_NE(again.out.find("nothing was written"), std::string::npos) << again.out;

        // The copy holds the same ciphertext: it opens with the source's master key file (beside
        // a SQLite source; a PostgreSQL target would look in ./data otherwise), and with no other.
        const std::string key = dir.path() + "/master.key";
        CommandRun verified =
            run_trove({"admin", "audit-verify", "--db", target, "--master-key-file", key});
        EXPECT_EQ(verified.exit_code, 0) << verified.err;
        TempDir other;
        CommandRun keyless = run_trove(
            {"admin", "audit-verify", "--db", target, "--master-key-file", other.path() + "/k"});
        EXPECT_EQ(keyless.exit_code, 1) << keyless.err;
        EXPECT_NE(keyless.err.find("does not exist"), std::string::npos) << keyless.err;

        // New data in the source: the target now differs and is not overwritten without --force.
        ASSERT_EQ(run_trove({"admin", "create-practice", "--db", db, "--name", "Second"}).exit_code,
                  0);
        CommandRun refused = run_trove({"admin", "migrate-db", "--from", db, "--to", target});
        EXPECT_NE(refused.exit_code, 0);
        EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
        CommandRun forced =
            run_trove({"admin", "migrate-db", "--from", db, "--to", target, "--force"});
        EXPECT_EQ(forced.exit_code, 0) << forced.err;
        EXPECT_NE(forced.out.find("practices       2 rows"), std::string::npos) << forced.out;

        // And back again into a fresh SQLite file.
        std::string back = dir.path() + "/back.db";
        CommandRun returned = run_trove(
            {"admin", "migrate-db", "--from", target, "--to", back, "--master-key-file", key});
        EXPECT_EQ(returned.exit_code, 0) << returned.err;
        EXPECT_EQ(run_trove({"admin", "audit-verify", "--db", back}).exit_code, 0);
    }
};

TEST_F(MigrateDb, copies_every_table_of_the_schema) {
    practice();  // creates and migrates the database
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
    std::vector<std::string> tables;
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(handle,
                                 "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                                 "LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
                                 -1, &st, nullptr),
              SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_close(handle);
    ASSERT_GT(tables.size(), 10u);
    CommandRun copied =
        run_trove({"admin", "migrate-db", "--from", db, "--to", dir.path() + "/copy.db"});
    ASSERT_EQ(copied.exit_code, 0) << copied.err;
    for (const std::string& table : tables) {
        EXPECT_NE(copied.out.find("  " + table + " "), std::string::npos)
            << "migrate-db does not copy " << table << ":\n"
            << copied.out;
    }
}

TEST_F(MigrateDb, copies_sqlite_to_sqlite_verifies_and_refuses_to_overwrite_other_data) {
    migrate_and_back(dir.path() + "/target.db");
}

TEST_F(MigrateDb, copies_sqlite_to_postgresql_and_back) {
    const char* pg = std::getenv("TROVE_TEST_PG_URL");
    if (!pg || !*pg)
        GTEST_SKIP() << "needs the suite's PostgreSQL server (make test starts one)";
    TestDatabase target(true);
    migrate_and_back(target.url());
}

// `trove score`: the published keys, worked by hand, through the command line.
TEST_F(Cli, score_prints_the_total_band_and_alerts_as_json) {
    // PHQ-9: 1+0+2+1+0+3+1+0+1 = 9 -> "Mild"; item 9 = 1 alerts whatever the total.
    CommandRun r = run_trove({"score", "phq9", "--answers", "1,0,2,1,0,3,1,0,1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["instrument"], "phq9");
    EXPECT_FALSE(j["version"].get<std::string>().empty());
    EXPECT_DOUBLE_EQ(j["scores"]["total"]["value"].get<double>(), 9.0);
    EXPECT_EQ(j["scores"]["total"]["band"], "Mild");
    EXPECT_EQ(j["missing"], 0);
    EXPECT_EQ(j["prorated"], false);
    ASSERT_EQ(j["alerts"].size(), 1u);
    EXPECT_EQ(j["alerts"][0]["item"], "9");

    // Two missing: each takes the mean of the seven answered (7/7 = 1), total 9, prorated.
    CommandRun prorated = run_trove({"score", "phq9", "--answers", "1,,2,1,,3,1,0,1"});
    ASSERT_EQ(prorated.exit_code, 0) << prorated.err;
    auto p = nlohmann::json::parse(prorated.out);
    EXPECT_NEAR(p["scores"]["total"]["value"].get<double>(), 9.0 / 7.0 * 9.0, 1e-9);
    EXPECT_EQ(p["prorated"], true);
    EXPECT_EQ(p["missing"], 2);

    // Three missing: unscored, exit 0, and why.
    CommandRun unscored = run_trove({"score", "phq9", "--answers", "1,,,,0,3,1,0,0"});
    ASSERT_EQ(unscored.exit_code, 0) << unscored.err;
    auto u = nlohmann::json::parse(unscored.out);
    EXPECT_TRUE(u["scores"]["total"]["value"].is_null());
    EXPECT_FALSE(u["scores"]["total"]["why"].get<std::string>().empty());
}

TEST_F(Cli, score_adds_reliable_change_against_a_baseline) {
    // SWLS all 5s = 25 against a baseline of 14, SD 6.43, r .82: SEdiff = 6.43 * sqrt(2) *
    // sqrt(.18) = 3.858, RCI = 11 / 3.858 = 2.851 -> improved (higher is better).
    CommandRun r = run_trove({"score", "swls", "--answers", "5,5,5,5,5", "--baseline", "14",
                              "--norm-sd", "6.43", "--norm-r", "0.82"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_NEAR(j["change"]["sediff"].get<double>(), 3.858, 1e-3);
    EXPECT_NEAR(j["change"]["rci"].get<double>(), 2.8512, 1e-3);
    EXPECT_EQ(j["change"]["reliable"], "improved");
    // PHQ-9 up from 3 to 9 with SD 5.5 and r .84 (SEdiff 3.111): RCI 1.93, not reliable.
    CommandRun phq = run_trove({"score", "phq9", "--answers", "1,0,2,1,0,3,1,0,1", "--baseline",
                                "3", "--norm-sd", "5.5", "--norm-r", "0.84"});
    auto k = nlohmann::json::parse(phq.out);
    EXPECT_EQ(k["change"]["reliable"], "no_reliable_change");
}

TEST_F(Cli, score_reads_a_fhir_questionnaire_response) {
    std::string path = dir.path() + "/response.json";
    nlohmann::json items = nlohmann::json::array();
    for (int i = 1; i <= 7; ++i) {
        items.push_back({{"linkId", std::to_string(i)},
                         {"answer", {{{"valueCoding", {{"code", i % 2 ? "3" : "1"}}}}}}});
    }
    std::ofstream(path) << nlohmann::json{
        {"resourceType", "QuestionnaireResponse"},
        {"status", "completed"},
        {"questionnaire", "https://trove.health/fhir/Questionnaire/gad7"},
        {"item", items}}.dump();
    CommandRun r = run_trove({"score", "--response", path});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Items 1,3,5,7 = 3 and 2,4,6 = 1: 12 + 3 = 15 -> "Severe".
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["instrument"], "gad7");
    EXPECT_DOUBLE_EQ(j["scores"]["total"]["value"].get<double>(), 15.0);
    EXPECT_EQ(j["scores"]["total"]["band"], "Severe");
}

TEST_F(Cli, score_refuses_invalid_input_with_exit_2_and_one_line) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"score", "nope", "--answers", "1"},
             {"score", "phq9", "--answers", "1,2,3"},
             {"score", "phq9", "--answers", "1,0,2,1,0,3,1,0,4"},
             {"score", "phq9", "--answers", "1,0,2,1,0,3,1,0,x"},
             {"score", "swls", "--answers", "5,5,5,5,5", "--baseline", "14", "--norm-sd", "6"}}) {
        CommandRun r = run_trove(args);
        EXPECT_EQ(r.exit_code, 2) << args[1] << " " << (args.size() > 3 ? args[3] : "");
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
}

// A practice's own questionnaires: checked at start like the shipped ones.
TEST_F(Cli, serve_loads_the_practices_own_instruments_and_refuses_a_bad_one) {
    std::ifstream in(std::string(TROVE_SOURCE_DIR) + "/instruments/brs.json");
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json file = nlohmann::json::parse(text.str());
    std::string own = dir.path() + "/own";
    std::filesystem::create_directories(own);
    auto serve_briefly = [&](const std::string& folder) {
        std::string out = dir.path() + "/serve.log";
        std::string command = "timeout -s TERM 4 " + std::string(TROVE_BINARY) +
                              " serve --listen 127.0.0.1:0 --db " + db + " --own-instruments " +
                              folder + " >" + out + " 2>&1";
        int status = std::system(command.c_str());
        std::ifstream log(out);
        std::string all((std::istreambuf_iterator<char>(log)), {});
        return std::make_pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1, all);
    };

    file["id"] = "ourbrs";
    file["trove"]["short_name"] = "Our BRS";
    std::ofstream(own + "/ourbrs.json") << file.dump();
    auto [ok_code, ok_log] = serve_briefly(own);
    EXPECT_NE(ok_log.find("13 questionnaires loaded"), std::string::npos) << ok_log;
    EXPECT_NE(ok_log.find("listening on"), std::string::npos) << ok_log;

    file["trove"]["scales"][0]["method"] = "median";
    std::ofstream(own + "/ourbrs.json") << file.dump();
    auto [bad_code, bad_log] = serve_briefly(own);
    EXPECT_NE(bad_code, 0);
    EXPECT_NE(bad_log.find("ourbrs.json: trove.scales[0].method"), std::string::npos) << bad_log;
    EXPECT_EQ(bad_log.find("listening on"), std::string::npos);

    std::filesystem::remove(own + "/ourbrs.json");
    std::ofstream(own + "/brs.json") << text.str();
    auto [dup_code, dup_log] = serve_briefly(own);
    EXPECT_NE(dup_code, 0);
    EXPECT_NE(dup_log.find("already"), std::string::npos) << dup_log;
}
