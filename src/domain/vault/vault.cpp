#include "domain/vault/vault.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "storage/table.hpp"

namespace trove::vault {

namespace {

constexpr std::string_view kSealedPrefix = "tv1.";
constexpr std::string_view kWrappedPrefix = "kw1.";
constexpr size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

// Raised whenever sealed_columns() gains a table or column: the next start encrypts what that
// column holds in plaintext from before.
constexpr int kSealedColumnsVersion = 4;

static_assert(kKeyBytes == 32);

std::string aead_encrypt(std::string_view plaintext, const std::string& key, std::string_view ad) {
    std::string out(kNonceBytes + plaintext.size() + kTagBytes, '\0');
    auto* bytes = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(bytes, kNonceBytes);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        bytes + kNonceBytes, &written, reinterpret_cast<const unsigned char*>(plaintext.data()),
        plaintext.size(), reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
        bytes, reinterpret_cast<const unsigned char*>(key.data()));
    out.resize(kNonceBytes + written);
    return out;
}

bool aead_decrypt(std::string_view sealed, const std::string& key, std::string_view ad,
                  std::string& out) {
    if (sealed.size() < kNonceBytes + kTagBytes)
        return false;
    out.assign(sealed.size() - kNonceBytes - kTagBytes, '\0');
    unsigned long long written = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(sealed.data());
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(out.data()), &written, nullptr, bytes + kNonceBytes,
            sealed.size() - kNonceBytes, reinterpret_cast<const unsigned char*>(ad.data()),
            ad.size(), bytes, reinterpret_cast<const unsigned char*>(key.data())) != 0) {
        sodium_memzero(out.data(), out.size());
        out.clear();
        return false;
    }
    out.resize(written);
    return true;
}

std::string wrap_ad(const std::string& practice_id) {
    return "trove data key for practice " + practice_id;
}

std::string wrap(const std::string& data_key, const MasterKey& master,
                 const std::string& practice_id) {
    return std::string(kWrappedPrefix) +
           crypto::base64url_encode(aead_encrypt(data_key, master.bytes(), wrap_ad(practice_id)));
}

bool unwrap(const std::string& wrapped, const MasterKey& master, const std::string& practice_id,
            std::string& data_key) {
    if (wrapped.rfind(kWrappedPrefix, 0) != 0)
        return false;
    std::string raw;
    if (!crypto::base64url_decode(std::string_view(wrapped).substr(kWrappedPrefix.size()), raw))
        return false;
    return aead_decrypt(raw, master.bytes(), wrap_ad(practice_id), data_key) &&
           data_key.size() == kKeyBytes;
}

bool file_exists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

std::string pending_rotation_path(const std::string& key_path) {
    return key_path + ".new";
}

Error key_error(std::string message) {
    return Error::invalid("master_key", std::move(message));
}

struct KeyringFacts {
    bool schema_has_keyring = false;
    std::optional<std::string> fingerprint;  // keyring_state's, when the row exists
    std::optional<std::string> sample_practice, sample_wrapped;
    bool encrypted_data() const { return fingerprint.has_value() || sample_practice.has_value(); }
};

Result<KeyringFacts> read_keyring_facts(storage::Database& db) {
    KeyringFacts facts;
    // A new database has no tables at all yet: the schema version is asked for only if the
    // migrations table exists.
    bool migrated = false;
    TRY(db.read([&](storage::Reader& r) -> Result<void> {
        migrated = TRY(r.exists(r.dialect() == storage::Dialect::sqlite
                                    ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                                      "'schema_migrations'"
                                    : "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() "
                                      "AND tablename = 'schema_migrations'"));
        if (!migrated)
            return {};
        auto version = TRY(r.integer("SELECT MAX(version) FROM schema_migrations"));
        if (!version || *version < 5)
            return {};
        facts.schema_has_keyring = true;
        facts.fingerprint =
            TRY(r.text("SELECT master_fingerprint FROM keyring_state WHERE id = 1"));
        return r.each(
            "SELECT practice_id, wrapped_key FROM practice_keys ORDER BY practice_id LIMIT 1", {},
            [&](const storage::Row& row) -> Result<void> {
                facts.sample_practice = row.text(0);
                facts.sample_wrapped = row.text(1);
                return {};
            });
    }));
    return facts;
}

bool opens(const KeyringFacts& facts, const MasterKey& key) {
    if (facts.fingerprint && *facts.fingerprint != key.fingerprint())
        return false;
    if (facts.sample_practice) {
        std::string data_key;
        bool ok = unwrap(*facts.sample_wrapped, key, *facts.sample_practice, data_key);
        sodium_memzero(data_key.data(), data_key.size());
        return ok;
    }
    return true;
}

}  // namespace

// ---- master key ------------------------------------------------------------------------------

MasterKey MasterKey::generate() {
    crypto::init();
    MasterKey key;
    key.m_bytes.assign(kKeyBytes, '\0');
    randombytes_buf(key.m_bytes.data(), kKeyBytes);
    return key;
}

Result<MasterKey> MasterKey::parse(std::string_view text) {
    std::string trimmed;
    for (char c : text) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            trimmed.push_back(c);
    }
    MasterKey key;
    if (!crypto::base64url_decode(trimmed, key.m_bytes) || key.m_bytes.size() != kKeyBytes) {
        return key_error(
            "The master key file does not hold a Trove master key (43 base64url "
            "characters for 32 random bytes).");
    }
    return key;
}

std::string MasterKey::fingerprint() const {
    // A keyed hash of a fixed label: identifies the key, and reveals nothing that would help
    // to find it.
    static constexpr std::string_view label = "trove master key fingerprint v1";
    unsigned char out[16];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(label.data()),
                       label.size(), reinterpret_cast<const unsigned char*>(m_bytes.data()),
                       m_bytes.size());
    char hex[sizeof out * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return std::string(hex, sizeof out * 2);
}

std::string MasterKey::to_file_text() const {
    return crypto::base64url_encode(m_bytes) + "\n";
}

std::string master_key_path(const std::string& explicit_path, const std::string& db_url) {
    if (!explicit_path.empty())
        return explicit_path;
    if (const char* env = std::getenv("TROVE_MASTER_KEY_FILE"); env && *env)
        return env;
    bool postgres = db_url.rfind("postgresql://", 0) == 0 || db_url.rfind("postgres://", 0) == 0;
    if (postgres)
        return "./data/master.key";
    std::string path = db_url.rfind("sqlite:", 0) == 0 ? db_url.substr(7) : db_url;
    if (path == ":memory:")
        return "./data/master.key";
    auto parent = std::filesystem::path(path).parent_path();
    return (parent.empty() ? std::filesystem::path("master.key") : parent / "master.key").string();
}

Result<MasterKey> read_master_key_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return key_error("Cannot read the master key file " + path + ".");
    // A key others on the machine can read is a key that may already be copied: refuse to start
    // rather than warn into a log nobody reads.
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        return key_error("The master key file " + path +
                         " can be read by other users of this machine (mode " + mode +
                         "). Make it readable by Trove's user alone: chmod 600 " + path);
    }
    std::stringstream text;
    text << in.rdbuf();
    auto key = MasterKey::parse(text.str());
    if (!key.ok())
        return key_error(key.error().message + " (" + path + ")");
    return key;
}

Result<void> write_master_key_file(const std::string& path, const MasterKey& key) {
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty())
        std::filesystem::create_directories(parent, ec);
    std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return key_error("Cannot write the master key file " + path + ": " + std::strerror(errno) +
                         ".");
    }
    ::fchmod(fd, 0600);  // whatever the umask
    std::string text = key.to_file_text();
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
              ::fsync(fd) == 0;
    ::close(fd);
    sodium_memzero(text.data(), text.size());
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        return key_error("Cannot write the master key file " + path + ": " + std::strerror(errno) +
                         ".");
    }
    // The rename is durable only once the folder is synced.
    int dir = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

const std::vector<SealedColumns>& sealed_columns() {
    static const std::vector<SealedColumns> all = {
        {"resources", "id", "practice_id", {"title", "description", "evidence", "therapist_note"}},
        {"goals", "id", "practice_id", {"title", "description"}},
        {"coping_cards", "client_id", "practice_id", {"content"}},
        {"measure_assignments", "id", "practice_id", {"note"}},
        {"exercise_assignments", "id", "practice_id", {"note"}},
        {"journal_entries", "id", "practice_id", {"body"}},
        {"notes", "id", "practice_id", {"fields", "scales"}},
        {"note_addenda", "id", "practice_id", {"body"}},
        {"alerts", "id", "practice_id", {"ack_note"}},
        {"totp_secrets", "user_id", "practice_id", {"secret"}},
    };
    return all;
}

// ---- the vault -------------------------------------------------------------------------------

Vault::Vault(storage::Database& db, MasterKey key, std::string key_path)
    : m_db(db), m_key_path(std::move(key_path)), m_master(std::move(key)) {}

Result<MasterKey> Vault::unlock(storage::Database& db, const std::string& key_path) {
    crypto::init();
    KeyringFacts facts = TRY(read_keyring_facts(db));
    std::string pending = pending_rotation_path(key_path);

    // A rotation that committed but did not get to rename its new key file into place.
    auto finish_rotation = [&]() -> Result<std::optional<MasterKey>> {
        if (!file_exists(pending))
            return std::optional<MasterKey>{};
        auto fresh = read_master_key_file(pending);
        if (!fresh.ok() || !opens(facts, *fresh))
            return std::optional<MasterKey>{};
        if (::rename(pending.c_str(), key_path.c_str()) != 0) {
            return key_error("Cannot complete the interrupted key rotation: rename " + pending +
                             " to " + key_path + " failed: " + std::strerror(errno) + ".");
        }
        spdlog::warn("completed an interrupted master key rotation ({} is now the key file)",
                     key_path);
        return std::optional<MasterKey>{std::move(*fresh)};
    };

    if (!file_exists(key_path)) {
        if (facts.encrypted_data()) {
            if (auto done = TRY(finish_rotation()); done)
                return std::move(*done);
            return key_error("The master key file " + key_path +
                             " does not exist, but this database holds encrypted data. Restore "
                             "the key file from your backup, or name it with --master-key-file "
                             "or TROVE_MASTER_KEY_FILE. Nothing was changed.");
        }
        MasterKey key = MasterKey::generate();
        TRY(write_master_key_file(key_path, key));
        spdlog::info(
            "created a new master key file {} (mode 0600): back it up apart from the "
            "database; without it the clinical text cannot be read",
            key_path);
        return key;
    }
    MasterKey key = TRY(read_master_key_file(key_path));
    if (opens(facts, key))
        return key;
    if (auto done = TRY(finish_rotation()); done)
        return std::move(*done);
    return key_error("The master key in " + key_path +
                     " does not open this database's encrypted data: it is not the key the data "
                     "was encrypted with. Use the right key file (--master-key-file or "
                     "TROVE_MASTER_KEY_FILE). Nothing was changed.");
}

Result<std::unique_ptr<Vault>> Vault::open_store(storage::Database& db, MasterKey key,
                                                 const std::string& key_path) {
    crypto::init();
    std::unique_ptr<Vault> vault(new Vault(db, std::move(key), key_path));
    TRY(vault->prepare());
    return vault;
}

Result<void> Vault::prepare() {
    int migrated = 0;
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        std::string fp = m_master.fingerprint();
        bool found = false;
        std::int64_t version = 0;
        std::string stored_fp;
        TRY(tx.each(
            "SELECT master_fingerprint, sealed_columns_version FROM keyring_state WHERE id = 1", {},
            [&](const storage::Row& row) -> Result<void> {
                found = true;
                stored_fp = row.text(0);
                auto v = row.integer(1);
                if (!v)
                    return storage::undecodable("keyring_state", "sealed_columns_version", "1");
                version = *v;
                return {};
            }));
        if (!found) {
            TRY(tx.exec(
                "INSERT INTO keyring_state (id, master_fingerprint, sealed_columns_version, "
                "updated_at) VALUES (1, ?, 0, ?)",
                {fp, now}));
        } else if (stored_fp != fp) {
            return key_error("The master key does not match this database's keyring.");
        }

        // Practices are the accounts store's; the vault keeps a key for each of them.
        for (const auto& practice_id :
             TRY(tx.texts("SELECT p.id FROM practices p LEFT JOIN practice_keys k ON "
                          "k.practice_id = p.id WHERE k.practice_id IS NULL")))
            TRY(create_practice_key(tx, practice_id));

        if (version >= kSealedColumnsVersion)
            return {};
        // Text written before encryption existed: sealed once, in this transaction.
        for (const auto& t : sealed_columns()) {
            std::string select = "SELECT " + t.key_column + ", " + t.practice_column;
            for (const auto& c : t.columns)
                select += ", " + c;
            select += " FROM " + t.table;
            struct Pending {
                std::string key, practice, column, value;
            };
            std::vector<Pending> updates;
            TRY(tx.each(select, {}, [&](const storage::Row& row) -> Result<void> {
                for (size_t i = 0; i < t.columns.size(); ++i) {
                    const int index = static_cast<int>(i) + 2;
                    if (row.is_null(index))
                        continue;
                    std::string value = row.text(index);
                    if (value.empty() || value.rfind(kSealedPrefix, 0) == 0)
                        continue;
                    updates.push_back({row.text(0), row.text(1), t.columns[i], std::move(value)});
                }
                return {};
            }));
            for (Pending& u : updates) {
                std::string sealed = TRY(seal(tx, u.practice, u.value));
                sodium_memzero(u.value.data(), u.value.size());
                TRY(tx.exec("UPDATE " + t.table + " SET " + u.column + " = ? WHERE " +
                                t.key_column + " = ?",
                            {sealed, u.key}));
                ++migrated;
            }
        }
        TRY(
            tx.exec("UPDATE keyring_state SET sealed_columns_version = ?, updated_at = ? WHERE "
                    "id = 1",
                    {kSealedColumnsVersion, now}));
        return {};
    }));
    if (migrated > 0) {
        spdlog::info("encrypted {} clinical text values stored before encryption at rest",
                     migrated);
        if (m_db.dialect() == storage::Dialect::sqlite) {
            // The old plaintext pages must not linger in the write-ahead log.
            TRY(m_db.checkpoint());
        }
    }
    return {};
}

Result<void> Vault::reload_master_key(const std::string& wanted_fingerprint) {
    std::lock_guard lock(m_master_mutex);
    if (m_master.fingerprint() == wanted_fingerprint)
        return {};
    if (m_key_path.empty())
        return key_error(
            "The database's keys were re-wrapped with a master key this process "
            "does not have.");
    for (const auto& path : {m_key_path, pending_rotation_path(m_key_path)}) {
        if (!file_exists(path))
            continue;
        auto key = read_master_key_file(path);
        if (key.ok() && key->fingerprint() == wanted_fingerprint) {
            m_master = std::move(*key);
            spdlog::info("master key re-read from {} after a rotation", path);
            return {};
        }
    }
    return key_error("The database's keys are wrapped with a master key that is not in " +
                     m_key_path + ".");
}

Result<void> Vault::create_practice_key(storage::Tx& tx, const std::string& practice_id) {
    // Read the keyring's current master key fingerprint first: after a rotation committed, a
    // new key must be wrapped with the new master key, never the one this process started with.
    if (auto current_fp = TRY(tx.text("SELECT master_fingerprint FROM keyring_state WHERE id = 1")))
        TRY(reload_master_key(*current_fp));
    std::string data_key(kKeyBytes, '\0');
    randombytes_buf(data_key.data(), kKeyBytes);
    std::string wrapped, fp;
    {
        std::lock_guard lock(m_master_mutex);
        wrapped = wrap(data_key, m_master, practice_id);
        fp = m_master.fingerprint();
    }
    sodium_memzero(data_key.data(), data_key.size());
    std::string now = to_rfc3339(now_ms());
    TRY(
        tx.exec("INSERT INTO practice_keys (practice_id, wrapped_key, master_fingerprint, "
                "created_at, rewrapped_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (practice_id) DO "
                "NOTHING",
                {practice_id, wrapped, fp, now, now}));
    return {};
}

Result<std::string> Vault::data_key(storage::Reader& reader, const std::string& practice_id,
                                    storage::Tx* create_in) {
    {
        std::shared_lock lock(m_keys_mutex);
        auto it = m_keys.find(practice_id);
        if (it != m_keys.end())
            return it->second;
    }
    std::optional<std::pair<std::string, std::string>> stored;
    auto lookup = [&]() -> Result<void> {
        return reader.each(
            "SELECT wrapped_key, master_fingerprint FROM practice_keys WHERE practice_id = ?",
            {practice_id}, [&](const storage::Row& row) -> Result<void> {
                stored.emplace(row.text(0), row.text(1));
                return {};
            });
    };
    TRY(lookup());
    if (!stored && create_in) {
        TRY(create_practice_key(*create_in, practice_id));
        TRY(lookup());
    }
    if (!stored)
        return Error::internal_error("vault: no data key for practice " + practice_id);
    const auto& [wrapped, fp] = *stored;
    TRY(reload_master_key(fp));
    std::string key;
    bool ok = false;
    {
        std::lock_guard lock(m_master_mutex);
        ok = unwrap(wrapped, m_master, practice_id, key);
    }
    if (!ok)
        return Error::internal_error("vault: the data key of practice " + practice_id +
                                     " does not unwrap");
    std::unique_lock lock(m_keys_mutex);
    return m_keys.emplace(practice_id, std::move(key)).first->second;
}

Result<std::string> Vault::seal(storage::Tx& tx, const std::string& practice_id,
                                std::string_view plaintext) {
    if (plaintext.empty() || !m_enabled)
        return std::string(plaintext);
    std::string key = TRY(data_key(tx, practice_id, &tx));
    std::string out = std::string(kSealedPrefix) +
                      crypto::base64url_encode(aead_encrypt(plaintext, key, practice_id));
    sodium_memzero(key.data(), key.size());
    return out;
}

Result<std::string> Vault::open(storage::Reader& reader, const std::string& practice_id,
                                std::string_view stored) {
    if (stored.rfind(kSealedPrefix, 0) != 0)
        return std::string(stored);  // empty, or legacy plaintext not yet sealed
    std::string raw;
    if (!crypto::base64url_decode(stored.substr(kSealedPrefix.size()), raw))
        return Error::internal_error("vault: a sealed value is not base64url");
    std::string key = TRY(data_key(reader, practice_id, nullptr));
    std::string out;
    bool ok = aead_decrypt(raw, key, practice_id, out);
    sodium_memzero(key.data(), key.size());
    if (!ok)
        return Error::internal_error("vault: a sealed value of practice " + practice_id +
                                     " does not open");
    return out;
}

Result<int> Vault::rotate_master_key(storage::Database& db, const std::string& key_path) {
    crypto::init();
    MasterKey old_key = TRY(read_master_key_file(key_path));
    KeyringFacts facts = TRY(read_keyring_facts(db));
    if (!opens(facts, old_key)) {
        return key_error("The master key in " + key_path +
                         " does not open this database's encrypted data; nothing was rotated.");
    }
    MasterKey new_key = MasterKey::generate();
    std::string pending = pending_rotation_path(key_path);
    TRY(write_master_key_file(pending, new_key));
    const std::string old_fp = old_key.fingerprint();
    const std::string new_fp = new_key.fingerprint();
    int rewrapped = 0;

    auto rewrap_all = [&](bool first_pass) -> Result<void> {
        return db.write([&](storage::Tx& tx) -> Result<void> {
            std::string now = to_rfc3339(now_ms());
            if (first_pass) {
                // Taking this row first orders the rotation against any practice key being
                // created concurrently (create_practice_key reads it).
                TRY(
                    tx.exec("UPDATE keyring_state SET master_fingerprint = ?, updated_at = ? "
                            "WHERE id = 1",
                            {new_fp, now}));
            }
            std::vector<std::pair<std::string, std::string>> keys;
            TRY(
                tx.each("SELECT practice_id, wrapped_key FROM practice_keys WHERE "
                        "master_fingerprint = ?",
                        {old_fp}, [&](const storage::Row& row) -> Result<void> {
                            keys.emplace_back(row.text(0), row.text(1));
                            return {};
                        }));
            for (const auto& [practice_id, wrapped] : keys) {
                std::string data_key;
                if (!unwrap(wrapped, old_key, practice_id, data_key)) {
                    return key_error("The data key of practice " + practice_id +
                                     " does not open with the current master key; nothing was "
                                     "rotated.");
                }
                std::string rewrapped_key = wrap(data_key, new_key, practice_id);
                sodium_memzero(data_key.data(), data_key.size());
                TRY(
                    tx.exec("UPDATE practice_keys SET wrapped_key = ?, master_fingerprint = ?, "
                            "rewrapped_at = ? WHERE practice_id = ?",
                            {rewrapped_key, new_fp, now, practice_id}));
                ++rewrapped;
            }
            return {};
        });
    };
    auto first = rewrap_all(true);
    if (!first.ok()) {
        ::unlink(pending.c_str());
        return first.error();
    }
    // A key created by a process that had not yet seen the new fingerprint.
    TRY(rewrap_all(false));
    if (::rename(pending.c_str(), key_path.c_str()) != 0) {
        return key_error("The keys were re-wrapped, but renaming " + pending + " to " + key_path +
                         " failed: " + std::strerror(errno) +
                         ". The next start completes it; keep both files until then.");
    }
    auto parent = std::filesystem::path(key_path).parent_path();
    int dir = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return rewrapped;
}

}  // namespace trove::vault
