#include "domain/audit/audit_log.hpp"

#include <soci/soci.h>
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

// Appends `events` (all of one chain) after the chain's head, inside an open transaction.
void append_chain(soci::session& sql, storage::Dialect dialect, const std::string& chain,
                  const std::vector<const AuditEvent*>& events) {
    long long seq = 0;
    std::string hash = kGenesisHash;
    soci::indicator ind = soci::i_null;
    if (dialect == storage::Dialect::postgres) {
        // Several instances append to one chain: serialise them per chain for this transaction.
        // (SQLite's BEGIN IMMEDIATE already admits one writer at a time.) A row lock alone would
        // not cover a chain's very first event, whose head row does not exist yet.
        sql << "SELECT pg_advisory_xact_lock(727002, hashtext(:c))", soci::use(chain);
    }
    sql << "SELECT seq, hash FROM audit_heads WHERE chain = :c", soci::into(seq, ind),
        soci::into(hash), soci::use(chain);
    if (ind == soci::i_null) {
        seq = 0;
        hash = kGenesisHash;
    }
    // One prepared statement executed for the whole batch (SOCI bulk binding with vectors): the
    // group commit's cost grows with the rows, not with statement preparation.
    const size_t n = events.size();
    std::vector<std::string> chains(n, chain), practices(n), ats(n), actors(n), roles(n),
        actions(n), object_types(n), object_ids(n), outcomes(n), ips(n), prevs(n), hashes(n);
    std::vector<long long> seqs(n);
    std::vector<soci::indicator> practice_inds(n);
    for (size_t i = 0; i < n; ++i) {
        const AuditEvent& e = *events[i];
        seqs[i] = ++seq;
        prevs[i] = hash;
        hash = event_hash(hash, chain, seq, e);
        hashes[i] = hash;
        practices[i] = e.practice_id;
        practice_inds[i] = e.practice_id.empty() ? soci::i_null : soci::i_ok;
        ats[i] = to_rfc3339(e.at);
        actors[i] = e.actor_id;
        roles[i] = e.actor_role;
        actions[i] = e.action;
        object_types[i] = e.object_type;
        object_ids[i] = e.object_id;
        outcomes[i] = std::string(outcome_text(e.outcome));
        ips[i] = e.ip;
    }
    sql << "INSERT INTO audit_events (chain, seq, practice_id, at, actor_id, actor_role, action, "
           "object_type, object_id, outcome, ip, prev_hash, hash) VALUES (:chain, :seq, :practice, "
           ":at, :actor, :role, :action, :otype, :oid, :outcome, :ip, :prev, :hash)",
        soci::use(chains), soci::use(seqs), soci::use(practices, practice_inds), soci::use(ats),
        soci::use(actors), soci::use(roles), soci::use(actions), soci::use(object_types),
        soci::use(object_ids), soci::use(outcomes), soci::use(ips), soci::use(prevs),
        soci::use(hashes);
    sql << "INSERT INTO audit_heads (chain, seq, hash) VALUES (:c, :s, :h) "
           "ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        soci::use(chain), soci::use(seq), soci::use(hash);
}

void append_grouped(soci::session& sql, storage::Dialect dialect,
                    const std::vector<const AuditEvent*>& events) {
    std::map<std::string, std::vector<const AuditEvent*>> by_chain;
    for (const AuditEvent* e : events)
        by_chain[chain_of(*e)].push_back(e);
    for (const auto& [chain, list] : by_chain)
        append_chain(sql, dialect, chain, list);
}

}  // namespace

std::string event_hash(const std::string& prev_hash, const std::string& chain, long long seq,
                       const AuditEvent& e) {
    // Unit separators keep field boundaries unambiguous ("ab"+"c" differs from "a"+"bc").
    std::string canonical;
    canonical.reserve(256);
    for (const std::string& part :
         {prev_hash, chain, std::to_string(seq), e.practice_id, to_rfc3339(e.at), e.actor_id,
          e.actor_role, e.action, e.object_type, e.object_id, std::string(outcome_text(e.outcome)),
          e.ip}) {
        canonical += part;
        canonical += '\x1f';
    }
    return crypto::sha256_hex(canonical);
}

AuditLog::AuditLog(storage::Database& db) : m_db(db), m_writer([this] { writer_loop(); }) {}

AuditLog::~AuditLog() {
    stop();
}

Result<void> AuditLog::append_in(soci::session& sql, const std::vector<AuditEvent>& events) {
    std::vector<const AuditEvent*> pointers;
    pointers.reserve(events.size());
    for (const AuditEvent& e : events)
        pointers.push_back(&e);
    append_grouped(sql, m_db.dialect(), pointers);
    return {};
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
        auto result = m_db.transact([&](soci::session& sql) -> Result<void> {
            append_grouped(sql, m_db.dialect(), events);
            return {};
        });
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
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        // Every filter is always bound (each name once, as PostgreSQL's positional rewrite needs);
        // an empty filter switches itself off.
        int fetch = limit + 1;
        int no_actor = query.actor_id.empty() ? 1 : 0;
        int no_action = query.action.empty() ? 1 : 0;
        long long before = before_seq >= 0 ? before_seq : std::numeric_limits<long long>::max();
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT seq, at, actor_id, actor_role, action, object_type, object_id, "
                            "outcome, ip FROM audit_events WHERE chain = :chain AND (:no_actor = 1 "
                            "OR actor_id = :actor) AND (:no_action = 1 OR action = :action) AND "
                            "seq < :before ORDER BY seq DESC LIMIT :lim",
             soci::use(query.practice_id), soci::use(no_actor), soci::use(query.actor_id),
             soci::use(no_action), soci::use(query.action), soci::use(before), soci::use(fetch));
        for (const soci::row& r : rows) {
            AuditRecord rec;
            rec.chain = query.practice_id;
            rec.seq = r.get<long long>(0);
            rec.event.practice_id = query.practice_id;
            rec.event.at = TRY(storage::stored_time(r.get<std::string>(1), "audit_events", "at",
                                                    std::to_string(rec.seq)));
            rec.event.actor_id = r.get<std::string>(2, "");
            rec.event.actor_role = r.get<std::string>(3, "");
            rec.event.action = r.get<std::string>(4, "");
            rec.event.object_type = r.get<std::string>(5, "");
            rec.event.object_id = r.get<std::string>(6, "");
            rec.event.outcome =
                r.get<std::string>(7, "") == "denied" ? Outcome::denied : Outcome::allowed;
            rec.event.ip = r.get<std::string>(8, "");
            page.items.push_back(std::move(rec));
        }
        return {};
    }));
    if (static_cast<int>(page.items.size()) > limit) {
        page.items.resize(static_cast<size_t>(limit));
        page.next_cursor = std::to_string(page.items.back().seq);
    }
    return page;
}

Result<VerifyReport> AuditLog::verify() {
    VerifyReport report;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::map<std::string, std::pair<long long, std::string>> heads;
        {
            soci::rowset<soci::row> rows =
                (sql.prepare << "SELECT chain, seq, hash FROM audit_heads");
            for (const soci::row& r : rows) {
                heads[r.get<std::string>(0)] = {r.get<long long>(1), r.get<std::string>(2)};
            }
        }
        std::vector<std::string> chains;
        {
            soci::rowset<std::string> rows =
                (sql.prepare << "SELECT DISTINCT chain FROM audit_events ORDER BY chain");
            for (const std::string& c : rows) {
                chains.push_back(c);
                if (!heads.count(c)) {
                    report.intact = false;
                    report.first_problem =
                        "chain " + c + ": events exist but the chain head is missing";
                    return {};
                }
            }
        }
        for (const auto& [chain, head] : heads) {
            long long expected_seq = 1;
            std::string prev = kGenesisHash;
            soci::rowset<soci::row> rows =
                (sql.prepare << "SELECT seq, practice_id, at, actor_id, actor_role, action, "
                                "object_type, object_id, outcome, ip, prev_hash, hash FROM "
                                "audit_events WHERE chain = :c ORDER BY seq",
                 soci::use(chain));
            for (const soci::row& r : rows) {
                long long seq = r.get<long long>(0);
                std::string where = "chain " + chain + ", event " + std::to_string(seq);
                if (seq != expected_seq) {
                    report.intact = false;
                    report.first_problem =
                        "chain " + chain + ", event " + std::to_string(expected_seq) +
                        ": missing (removed); the next event found is " + std::to_string(seq);
                    return {};
                }
                AuditEvent e;
                e.practice_id = r.get<std::string>(1, "");
                std::string at_text = r.get<std::string>(2, "");
                auto at = parse_rfc3339(at_text);
                e.at = at.value_or(0);
                e.actor_id = r.get<std::string>(3, "");
                e.actor_role = r.get<std::string>(4, "");
                e.action = r.get<std::string>(5, "");
                e.object_type = r.get<std::string>(6, "");
                e.object_id = r.get<std::string>(7, "");
                std::string outcome = r.get<std::string>(8, "");
                e.outcome = outcome == "denied" ? Outcome::denied : Outcome::allowed;
                e.ip = r.get<std::string>(9, "");
                std::string stored_prev = r.get<std::string>(10, "");
                std::string stored_hash = r.get<std::string>(11, "");
                bool fields_canonical = at.has_value() && to_rfc3339(*at) == at_text &&
                                        (outcome == "allowed" || outcome == "denied");
                if (stored_prev != prev) {
                    report.intact = false;
                    report.first_problem = where + ": does not follow the previous event (altered)";
                    return {};
                }
                if (!fields_canonical || event_hash(prev, chain, seq, e) != stored_hash) {
                    report.intact = false;
                    report.first_problem = where + ": content does not match its hash (altered)";
                    return {};
                }
                prev = stored_hash;
                ++expected_seq;
                ++report.events_checked;
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
