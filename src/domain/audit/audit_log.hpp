#pragma once
// The append-only, hash-chained audit trail. Each practice has its own chain (events outside any
// practice use the "system" chain); every event's hash covers its fields and the previous event's
// hash, and audit_heads records each chain's last sequence number and hash, so editing, deleting or
// truncating events is detected by verify().
//
// Two ways in:
//  - append_in(): inside the caller's write transaction, so a change and its audit event are
//  durable
//    together (or not at all).
//  - submit(): group commit for reads. Events from many requests are written in one transaction by
//  a
//    single writer thread; each request's completion runs only after its events are durable.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/audit_event.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace trove::audit {

struct AuditRecord {
    std::string chain;
    long long seq = 0;
    AuditEvent event;
};

struct AuditPage {
    std::vector<AuditRecord> items;
    std::optional<std::string> next_cursor;
};

struct AuditQuery {
    std::string practice_id;
    std::string actor_id;  // optional filter
    std::string action;    // optional filter
    int limit = 50;
    std::string cursor;  // opaque, from a previous page
};

struct VerifyReport {
    bool intact = true;
    long long events_checked = 0;
    std::string first_problem;  // names the chain and sequence number of the first bad event
};

//! The rule new events are hashed by: 2 = length-prefixed fields (1 = separator-joined, for
//! events written before migration 10, verified but never written).
constexpr int kCurrentHashVersion = 2;

//! The hash of one event given the previous hash, by rule `version` (exposed for tests).
std::string event_hash(const std::string& prev_hash, const std::string& chain, long long seq,
                       const AuditEvent& e, int version = kCurrentHashVersion);

class AuditLog {
public:
    explicit AuditLog(storage::Database& db);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    //! Appends events within the caller's write transaction.
    Result<void> append_in(storage::Tx& tx, const std::vector<AuditEvent>& events);

    using Completion = std::function<void(bool durable)>;
    //! Queues events for the group-commit writer; `done` runs on the writer thread once they are
    //! committed (true) or the commit failed (false). Never blocks on the database.
    void submit(std::vector<AuditEvent> events, Completion done);

    //! Writes everything queued and stops the writer thread (called on shutdown).
    void stop();

    Result<AuditPage> list(const AuditQuery& query);
    Result<VerifyReport> verify();

private:
    struct Pending {
        std::vector<AuditEvent> events;
        Completion done;
    };
    void writer_loop();

    storage::Database& m_db;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    bool m_stopping = false;
    std::thread m_writer;
};

}  // namespace trove::audit
