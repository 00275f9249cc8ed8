#pragma once
// Encryption at rest of free-text clinical fields. Each practice has its own random data key; the
// data keys are stored wrapped (encrypted) by one master key that lives outside the database, in a
// key file. A database file or dump alone therefore reveals no clinical text. All cryptography is
// libsodium's: XChaCha20-Poly1305 (IETF AEAD) with a random 192-bit nonce per value, the practice
// id as associated data (a value copied into another practice's row does not open).
//
// Stored form of a sealed value: "tv1." + base64url(nonce || ciphertext || tag). The empty string
// is stored as the empty string. A value without the prefix is legacy plaintext from before
// encryption; Vault::open_store encrypts all of those once (see sealed_columns()).
//
// Services call seal()/open() with the storage::Tx or Reader they are already using, so a data key
// that is not yet cached is read inside the caller's transaction, never from a second pooled
// connection.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "storage/database.hpp"

namespace trove::vault {

//! 32 random bytes. The key file holds them as 43 base64url characters and a newline.
class MasterKey {
public:
    static MasterKey generate();
    //! Parses the key file's text; an error names what is wrong (never echoes the text).
    static Result<MasterKey> parse(std::string_view text);
    //! A keyed hash that identifies the key without revealing it (stored beside wrapped keys).
    std::string fingerprint() const;
    std::string to_file_text() const;
    const std::string& bytes() const { return m_bytes; }

private:
    std::string m_bytes;
};

//! Where the master key file is: `explicit_path` (--master-key-file) if set, else the environment
//! variable TROVE_MASTER_KEY_FILE, else master.key beside a SQLite database file, else
//! ./data/master.key (PostgreSQL).
std::string master_key_path(const std::string& explicit_path, const std::string& db_url);

Result<MasterKey> read_master_key_file(const std::string& path);
//! Writes atomically (temporary file + rename) with mode 0600.
Result<void> write_master_key_file(const std::string& path, const MasterKey& key);

//! One table's encrypted text columns (used for the one-time encryption of legacy plaintext,
//! and by tests that look for plaintext in raw storage).
struct SealedColumns {
    std::string table;
    std::string key_column;       // the primary key
    std::string practice_column;  // usually "practice_id"
    std::vector<std::string> columns;
};
const std::vector<SealedColumns>& sealed_columns();

//! Every practice's id, read in the caller's transaction. The practices are the accounts module's,
//! which sits above the vault, so the vault is told how to ask (app::open_store passes
//! accounts::practice_ids_in).
using PracticeIds = std::function<Result<std::vector<std::string>>(storage::Reader&)>;

class Vault {
public:
    //! Step one of opening a database, before its migrations run: finds the master key for `db`
    //! in `key_path` and checks it.
    //! - no encrypted data yet and no key file: creates the key file (mode 0600);
    //! - the key does not open the existing data, or the file is missing while encrypted data
    //!   exists: Error{invalid, field "master_key"} with a sentence for the operator; nothing in
    //!   the database or on disk has been changed;
    //! - a rotation interrupted between its commit and the key file's rename is completed.
    static Result<MasterKey> unlock(storage::Database& db, const std::string& key_path);

    //! Step two, after migrations: makes sure every practice (as `practices` lists them) has a
    //! data key and encrypts legacy plaintext (once). `key_path` empty: the key lives in memory
    //! only (tests, benchmarks).
    static Result<std::unique_ptr<Vault>> open_store(storage::Database& db, MasterKey key,
                                                     const std::string& key_path,
                                                     const PracticeIds& practices);

    //! Encrypts `plaintext` under the practice's data key.
    Result<std::string> seal(storage::Tx& tx, const std::string& practice_id,
                             std::string_view plaintext);
    //! Decrypts a stored value (legacy plaintext passes through). A value that does not open
    //! (tampered, or sealed for another practice) is Error{internal}: never shown half-read.
    Result<std::string> open(storage::Reader& reader, const std::string& practice_id,
                             std::string_view stored);
    //! Re-wraps every data key under a new master key and replaces the key file; running servers
    //! keep working (their data keys are cached; a key read later is unwrapped with the new master
    //! key, which they re-read from the file when the stored fingerprint changes).
    //! Returns how many data keys were re-wrapped.
    static Result<int> rotate_master_key(storage::Database& db, const std::string& key_path);

    //! When false (benchmarks only), seal() stores plaintext: measures encryption's overhead.
    void set_enabled_for_benchmark(bool enabled) { m_enabled = enabled; }

private:
    Vault(storage::Database& db, MasterKey key, std::string key_path);
    //! The practice's data key; made in `create_in` when the practice has none yet (reads pass
    //! nullptr: nothing can have been sealed without a key).
    Result<std::string> data_key(storage::Reader& reader, const std::string& practice_id,
                                 storage::Tx* create_in);
    //! Makes a practice's data key in the caller's transaction (at start for practices without
    //! one, or at the first seal for a practice created since), wrapped with the current master
    //! key.
    Result<void> create_practice_key(storage::Tx& tx, const std::string& practice_id);
    Result<void> reload_master_key(const std::string& wanted_fingerprint);
    Result<void> prepare(const PracticeIds& practices);

    storage::Database& m_db;
    std::string m_key_path;  // empty: in-memory key
    std::mutex m_master_mutex;
    MasterKey m_master;
    std::shared_mutex m_keys_mutex;
    std::map<std::string, std::string> m_keys;  // practice id -> data key (32 bytes)
    bool m_enabled = true;
};

}  // namespace trove::vault
