#include "domain/audit/audit_log.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>
#include <map>

#include "core/crypto.hpp"
#include "storage/table.hpp"

namespace trove::audit {

namespace {

const std::string kGenesisHash(64, '0');
constexpr const char* kSystemChain = "system";
constexpr size_t kMaxBatchEvents = 2000;

std::string chain_of(const AuditEvent& e) {
    return e.practice_id.empty() ? kSystemChain : e.practice_id;
}

std::string_view outcome_text(Outcome o) {
    return o == Outcome::allowed ? "allowed" : "denied";
}

// Rows inserted per INSERT statement: a batch of audit events costs a few statements, not one
// per event (which on PostgreSQL would be one round trip each).
constexpr size_t kRowsPerInsert = 50;
constexpr int kEventColumns = 14;

const std::string& insert_sql(size_t rows) {
    // One text per row count, so each stays a cached prepared statement.
    static const std::vector<std::string> texts = [] {
        std::vector<std::string> out(kRowsPerInsert + 1);
        for (size_t n = 1; n <= kRowsPerInsert; ++n) {
            std::string sql =
                "INSERT INTO audit_events (chain, seq, practice_id, at, actor_id, actor_role, "
                "action, object_type, object_id, outcome, ip, prev_hash, hash, hash_version) "
                "VALUES ";
            for (size_t i = 0; i < n; ++i)
                sql += std::string(i ? ", (" : "(") + storage::placeholders(kEventColumns) + ")";
            out[n] = std::move(sql);
        }
        return out;
    }();
    return texts[rows];
}

// Appends `events` (all of one chain) after the chain's head, inside an open transaction.
Result<void> append_chain(storage::Tx& tx, const std::string& chain,
                          const std::vector<const AuditEvent*>& events) {
    if (tx.dialect() == storage::Dialect::postgres) {
        // Several instances append to one chain: serialise them per chain for this transaction.
        // (On SQLite there is one writer.) A row lock alone would not cover a chain's very first
        // event, whose head row does not exist yet.
        TRY(tx.exec("SELECT pg_advisory_xact_lock(727002, hashtext(?))", {chain}));
    }
    long long seq = 0;
    std::string hash = kGenesisHash;
    TRY(tx.each("SELECT seq, hash FROM audit_heads WHERE chain = ?", {chain},
                [&](const storage::Row& row) -> Result<void> {
                    auto stored = row.integer(0);
                    if (!stored)
                        return storage::undecodable("audit_heads", "seq", chain);
                    seq = *stored;
                    hash = row.text(1);
                    return {};
                }));
    storage::Params params;
    params.reserve(kRowsPerInsert * kEventColumns);
    size_t rows = 0;
    auto flush = [&]() -> Result<void> {
        if (rows == 0)
            return {};
        TRY(tx.exec(insert_sql(rows), params));
        params.clear();
        rows = 0;
        return {};
    };
    for (const AuditEvent* event : events) {
        const AuditEvent& e = *event;
        const std::string prev = hash;
        hash = event_hash(prev, chain, ++seq, e, kCurrentHashVersion);
        params.insert(
            params.end(),
            {chain, seq, e.practice_id.empty() ? storage::Param() : e.practice_id, to_rfc3339(e.at),
             e.actor_id, e.actor_role, e.action, e.object_type, e.object_id,
             outcome_text(e.outcome), e.ip, prev, hash, kCurrentHashVersion});
        if (++rows == kRowsPerInsert)
            TRY(flush());
    }
    TRY(flush());
    TRY(
        tx.exec("INSERT INTO audit_heads (chain, seq, hash) VALUES (?, ?, ?) "
                "ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                {chain, seq, hash}));
    return {};
}

Result<void> append_grouped(storage::Tx& tx, const std::vector<const AuditEvent*>& events) {
    std::map<std::string, std::vector<const AuditEvent*>> by_chain;
    for (const AuditEvent* e : events)
        by_chain[chain_of(*e)].push_back(e);
    for (const auto& [chain, list] : by_chain)
        TRY(append_chain(tx, chain, list));
    return {};
}

}  // namespace

std::string event_hash(const std::string& prev_hash, const std::string& chain, long long seq,
                       const AuditEvent& e, int version) {
    const std::string parts[] = {prev_hash,
                                 chain,
                                 std::to_string(seq),
                                 e.practice_id,
                                 to_rfc3339(e.at),
                                 e.actor_id,
                                 e.actor_role,
                                 e.action,
                                 e.object_type,
                                 e.object_id,
                                 std::string(outcome_text(e.outcome)),
                                 e.ip};
    std::string canonical;
    canonical.reserve(320);
    if (version >= 2) {
        // Each field as its byte length, ':', the bytes: no content can move a boundary. The
        // version leads, so a hash of one rule never verifies under another.
        canonical = "trove-audit-v2;";
        for (const std::string& part : parts) {
            canonical += std::to_string(part.size());
            canonical += ':';
            canonical += part;
        }
        return crypto::sha256_hex(canonical);
    }
    // Version 1 (events written before): fields joined by a unit separator, which a field could
    // itself contain. Kept only to verify those events.
    for (const std::string& part : parts) {
        canonical += part;
        canonical += '\x1f';
    }
    return crypto::sha256_hex(canonical);
}

AuditLog::AuditLog(storage::Database& db) : m_db(db), m_writer([this] { writer_loop(); }) {}

AuditLog::~AuditLog() {
    stop();
}

Result<void> AuditLog::append_in(storage::Tx& tx, const std::vector<AuditEvent>& events) {
    std::vector<const AuditEvent*> pointers;
    pointers.reserve(events.size());
    for (const AuditEvent& e : events)
        pointers.push_back(&e);
    return append_grouped(tx, pointers);
}

void AuditLog::submit(std::vector<AuditEvent> events, Completion done) {
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_queue.push_back({std::move(events), std::move(done)});
            m_wake.notify_one();
            return;
        }
    }
    // After stop() nothing is accepted: the caller learns the events were not written.
    if (done)
        done(false);
}

void AuditLog::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_writer.joinable())
        m_writer.join();
}

void AuditLog::writer_loop() {
    for (;;) {
        std::vector<Pending> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty() && m_stopping)
                return;
            size_t count = 0;
            // Take whatever has queued while the previous batch committed: that is the group.
            while (!m_queue.empty() && count < kMaxBatchEvents) {
                count += m_queue.front().events.size();
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        std::vector<const AuditEvent*> events;
        for (const Pending& p : batch) {
            for (const AuditEvent& e : p.events)
                events.push_back(&e);
        }
        auto result =
            m_db.write([&](storage::Tx& tx) -> Result<void> { return append_grouped(tx, events); });
        if (!result.ok()) {
            spdlog::error("audit: group commit of {} events failed: {}", events.size(),
                          result.error().internal);
        }
        for (Pending& p : batch) {
            if (p.done)
                p.done(result.ok());
        }
    }
}

Result<AuditPage> AuditLog::list(const AuditQuery& query) {
    AuditPage page;
    int limit = std::clamp(query.limit, 1, 200);
    long long before_seq = -1;
    if (!query.cursor.empty()) {
        try {
            size_t used = 0;
            before_seq = std::stoll(query.cursor, &used);
            if (used != query.cursor.size() || before_seq < 0)
                throw std::invalid_argument("cursor");
        } catch (const std::exception&) {
            return Error::invalid("cursor", "The cursor is not one Trove handed out.");
        }
    }
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        // Every filter is always bound; an empty filter switches itself off.
        const long long before =
            before_seq >= 0 ? before_seq : std::numeric_limits<long long>::max();
        return reader.each(
            "SELECT seq, at, actor_id, actor_role, action, object_type, object_id, outcome, ip "
            "FROM audit_events WHERE chain = ? AND (? = 1 OR actor_id = ?) AND (? = 1 OR action = "
            "?) AND seq < ? ORDER BY seq DESC LIMIT ?",
            {query.practice_id, query.actor_id.empty(), query.actor_id, query.action.empty(),
             query.action, before, limit + 1},
            [&](const storage::Row& r) -> Result<void> {
                AuditRecord rec;
                rec.chain = query.practice_id;
                auto seq = r.integer(0);
                if (!seq)
                    return storage::undecodable("audit_events", "seq", query.practice_id);
                rec.seq = *seq;
                rec.event.practice_id = query.practice_id;
                rec.event.at = TRY(
                    storage::stored_time(r.text(1), "audit_events", "at", std::to_string(*seq)));
                rec.event.actor_id = r.text(2);
                rec.event.actor_role = r.text(3);
                rec.event.action = r.text(4);
                rec.event.object_type = r.text(5);
                rec.event.object_id = r.text(6);
                rec.event.outcome = r.text(7) == "denied" ? Outcome::denied : Outcome::allowed;
                rec.event.ip = r.text(8);
                page.items.push_back(std::move(rec));
                return {};
            });
    }));
    if (static_cast<int>(page.items.size()) > limit) {
        page.items.resize(static_cast<size_t>(limit));
        page.next_cursor = std::to_string(page.items.back().seq);
    }
    return page;
}

Result<VerifyReport> AuditLog::verify() {
    VerifyReport report;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        std::map<std::string, std::pair<long long, std::string>> heads;
        TRY(reader.each("SELECT chain, seq, hash FROM audit_heads", {},
                        [&](const storage::Row& r) -> Result<void> {
                            heads[r.text(0)] = {r.integer(1).value_or(-1), r.text(2)};
                            return {};
                        }));
        for (const std::string& c :
             TRY(reader.texts("SELECT DISTINCT chain FROM audit_events ORDER BY chain"))) {
            if (!heads.count(c)) {
                report.intact = false;
                report.first_problem =
                    "chain " + c + ": events exist but the chain head is missing";
                return {};
            }
        }
        for (const auto& [chain, head] : heads) {
            long long expected_seq = 1;
            std::string prev = kGenesisHash;
            // A broken chain stops the walk: the first problem is the one reported.
            bool broken = false;
            int chain_version = 1;
            TRY(reader.each(
                "SELECT seq, practice_id, at, actor_id, actor_role, action, object_type, "
                "object_id, outcome, ip, prev_hash, hash, hash_version FROM audit_events WHERE "
                "chain = ? ORDER BY seq",
                {chain}, [&](const storage::Row& r) -> Result<void> {
                    if (broken)
                        return {};
                    long long seq = r.integer(0).value_or(-1);
                    std::string where = "chain " + chain + ", event " + std::to_string(seq);
                    if (seq != expected_seq) {
                        broken = true;
                        report.first_problem =
                            "chain " + chain + ", event " + std::to_string(expected_seq) +
                            ": missing (removed); the next event found is " + std::to_string(seq);
                        return {};
                    }
                    AuditEvent e;
                    e.practice_id = r.text(1);
                    std::string at_text = r.text(2);
                    auto at = parse_rfc3339(at_text);
                    // A time that does not parse cannot match the hash: reported as altered.
                    e.at = at.value_or(0);
                    e.actor_id = r.text(3);
                    e.actor_role = r.text(4);
                    e.action = r.text(5);
                    e.object_type = r.text(6);
                    e.object_id = r.text(7);
                    std::string outcome = r.text(8);
                    e.outcome = outcome == "denied" ? Outcome::denied : Outcome::allowed;
                    e.ip = r.text(9);
                    std::string stored_prev = r.text(10);
                    std::string stored_hash = r.text(11);
                    const int version = static_cast<int>(r.integer(12).value_or(0));
                    // Versions only go up along a chain: an event cannot be passed off as one
                    // written under the older, weaker rule.
                    if (version < 1 || version > kCurrentHashVersion || version < chain_version) {
                        broken = true;
                        report.first_problem = where + ": hash version " + std::to_string(version) +
                                               " is not possible here (altered)";
                        return {};
                    }
                    chain_version = version;
                    bool fields_canonical = at.has_value() && to_rfc3339(*at) == at_text &&
                                            (outcome == "allowed" || outcome == "denied");
                    if (stored_prev != prev) {
                        broken = true;
                        report.first_problem =
                            where + ": does not follow the previous event (altered)";
                        return {};
                    }
                    if (!fields_canonical ||
                        event_hash(prev, chain, seq, e, version) != stored_hash) {
                        broken = true;
                        report.first_problem =
                            where + ": content does not match its hash (altered)";
                        return {};
                    }
                    prev = stored_hash;
                    ++expected_seq;
                    ++report.events_checked;
                    return {};
                }));
            if (broken) {
                report.intact = false;
                return {};
            }
            if (expected_seq - 1 != head.first || prev != head.second) {
                report.intact = false;
                report.first_problem = "chain " + chain + ", event " +
                                       std::to_string(expected_seq) +
                                       ": missing (removed); the chain head records " +
                                       std::to_string(head.first) + " events";
                return {};
            }
        }
        return {};
    }));
    return report;
}

}  // namespace trove::audit
