// The journal itself: entries written, read, changed, deleted, and turned into evidence.
#include "domain/journal/journal.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

#include "core/ids.hpp"
#include "domain/journal/journal_rows.hpp"
#include "domain/resources/catalogue.hpp"
#include "domain/resources/text.hpp"
#include "storage/table.hpp"

namespace trove::journal {

namespace {

// The entry, if it exists for this reader: a private entry does not exist for anyone but its
// client (not found, never forbidden, so nobody learns it is there).
Result<std::optional<Entry>> existing_for(const Actor& actor, std::optional<Entry> found) {
    if (!found || (!found->shared && !policy::sees_private_journal(actor, found->client_id)))
        return Error::not_found("journal entry");
    return found;
}

constexpr std::size_t kMaxEntryText = 5000;
constexpr int kMaxListLimit = 500;

using nlohmann::json;

bool valid_idempotency_key(const std::string& key) {
    if (key.empty() || key.size() > 100)
        return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.' || c == ':';
    });
}

// The entry text is stored sealed (encryption at rest) and opened here.
Result<Entry> to_entry(storage::Reader& reader, vault::Vault& vault, const detail::EntryRecord& r) {
    constexpr const char* kTable = "journal_entries";
    Entry e;
    e.id = r.id;
    e.client_id = r.client_id;
    e.kind = r.kind;
    e.text = TRY(vault.open(reader, r.practice_id, r.body));
    e.mood = r.mood;
    json codes = json::parse(r.strength_codes, nullptr, false);
    if (!codes.is_array())
        return storage::undecodable(kTable, "strength_codes", r.id);
    for (const json& c : codes) {
        if (!c.is_string())
            return storage::undecodable(kTable, "strength_codes", r.id);
        e.strength_codes.push_back(c.get<std::string>());
    }
    e.resource_id = r.resource_id;
    e.assignment_id = r.assignment_id;
    e.shared = r.shared;
    e.entry_date = TRY(detail::stored_date(r.entry_date, kTable, "entry_date", r.id));
    e.created_at = r.created_at;
    e.updated_at = r.updated_at;
    return e;
}

//! The stored form of the entry's fields a write changes; the body sealed.
Result<detail::EntryRecord> to_record(storage::Tx& tx, vault::Vault& vault,
                                      const std::string& practice_id, const Entry& e) {
    detail::EntryRecord r;
    r.id = e.id;
    r.practice_id = practice_id;
    r.client_id = e.client_id;
    r.kind = e.kind;
    r.body = TRY(vault.seal(tx, practice_id, e.text));
    r.mood = e.mood;
    r.strength_codes = json(e.strength_codes).dump();
    r.resource_id = e.resource_id;
    r.assignment_id = e.assignment_id;
    r.shared = e.shared;
    r.entry_date = format_date(e.entry_date);
    r.created_at = e.created_at;
    r.updated_at = e.updated_at;
    return r;
}

//! Checks and normalises the entry fields present in `in` onto `e`. Pure apart from `today`.
Result<void> apply_entry_fields(Entry& e, const EntryInput& in, Date today) {
    if (in.kind) {
        if (!is_journal_kind(*in.kind)) {
            return Error::invalid("kind",
                                  "The kind must be success, gratitude, strength_use, exception, "
                                  "resource or free.");
        }
        e.kind = *in.kind;
    }
    if (in.text)
        e.text = TRY(resources::clean_text("text", *in.text, kMaxEntryText));
    if (in.mood) {
        if (*in.mood && (**in.mood < 0 || **in.mood > 10))
            return Error::invalid("mood", "The mood is a number from 0 to 10.");
        e.mood = *in.mood;
    }
    if (in.strength_codes) {
        std::vector<std::string> codes;
        for (const std::string& c : *in.strength_codes) {
            if (!resources::is_strength(c))
                return Error::invalid("strength_codes", "Unknown strength: " + c + ".");
            if (std::find(codes.begin(), codes.end(), c) == codes.end())
                codes.push_back(c);
        }
        e.strength_codes = std::move(codes);
    }
    if (in.shared)
        e.shared = *in.shared;
    if (in.entry_date) {
        auto d = parse_date(*in.entry_date);
        if (!d)
            return Error::invalid("entry_date", "The date must look like 2026-11-29.");
        // One day of slack: the phone may be a time zone ahead of the practice.
        if (*d > today + std::chrono::days(1))
            return Error::invalid("entry_date", "The date must not be in the future.");
        if (*d < Date{std::chrono::year{2000} / 1 / 1})
            return Error::invalid("entry_date", "That date is too far in the past.");
        e.entry_date = *d;
    }
    if (e.text.empty() && !e.mood)
        return Error::invalid("text", "Write a few words or choose a mood.");
    return {};
}

}  // namespace

Result<std::vector<Entry>> JournalService::load_entries(const std::string& client_id) {
    std::vector<Entry> out;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        for (const auto& stored : TRY(detail::journal_entries().select(
                 reader,
                 "WHERE client_id = ? AND deleted = 0 ORDER BY entry_date DESC, created_at DESC, "
                 "id DESC",
                 {client_id}))) {
            out.push_back(TRY(to_entry(reader, m_resources.vault(), stored)));
        }
        return {};
    }));
    return out;
}

Result<std::optional<Entry>> JournalService::load_entry(const std::string& id,
                                                        std::string& practice_id) {
    std::optional<Entry> found;
    if (!looks_like_id(id))
        return found;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto stored =
            TRY(detail::journal_entries().select_one(reader, "WHERE id = ? AND deleted = 0", {id}));
        if (stored) {
            found = TRY(to_entry(reader, m_resources.vault(), *stored));
            practice_id = stored->practice_id;
        }
        return {};
    }));
    return found;
}

Result<EntryList> JournalService::entries(RequestContext& ctx, const std::string& client_id,
                                          const EntryQuery& query) {
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::record_read, client_id));
    if (!query.kind.empty() && !is_journal_kind(query.kind))
        return Error::invalid("kind", "Unknown kind of entry.");
    if (query.text.size() > 200)
        return Error::invalid("q", "The search text is too long.");
    if (query.limit < 1 || query.limit > kMaxListLimit)
        return Error::invalid("limit", "The limit must lie between 1 and 500.");
    const bool own = policy::sees_private_journal(ctx.actor, client_id);
    EntryList out;
    std::set<Date> private_dates;
    for (Entry& e : TRY(load_entries(client_id))) {
        if (!own && !e.shared) {
            private_dates.insert(e.entry_date);
            continue;
        }
        if (!query.kind.empty() && e.kind != query.kind)
            continue;
        if (query.from && e.entry_date < *query.from)
            continue;
        if (query.to && e.entry_date > *query.to)
            continue;
        if (!query.text.empty() && !resources::contains_folded(e.text, query.text))
            continue;
        if (static_cast<int>(out.entries.size()) < query.limit)
            out.entries.push_back(std::move(e));
    }
    if (!own && TRY(settings_of(facts.practice_id)).show_private_dates)
        out.private_entry_dates = std::vector<Date>(private_dates.rbegin(), private_dates.rend());
    ctx.audit("journal.list", "client", client_id);
    return out;
}

Result<Entry> JournalService::check_links(RequestContext& ctx, const std::string& client_id,
                                          Entry e) {
    if (e.resource_id) {
        auto r = m_resources.get(ctx, *e.resource_id);
        if (!r || r->client_id != client_id || r->status == "archived")
            return Error::invalid("resource_id", "Link one of your current resources.");
    }
    if (e.assignment_id) {
        auto a = TRY(load_assignment(*e.assignment_id));
        if (!a || a->client_id != client_id)
            return Error::invalid("assignment_id", "There is no such exercise for you.");
    }
    return e;
}

Result<Created> JournalService::write(RequestContext& ctx, const std::string& client_id,
                                      const EntryInput& in) {
    policy::ClientFacts facts = TRY(authorize(ctx, policy::Action::journal_write, client_id));
    if (in.idempotency_key && !valid_idempotency_key(*in.idempotency_key)) {
        return Error::invalid("idempotency_key",
                              "Use up to 100 letters, digits, '-', '_', '.' or ':'.");
    }
    JournalSettings settings = TRY(settings_of(facts.practice_id));
    Date today = TRY(local_date(now_ms(), settings.time_zone));
    Entry e;
    e.id = new_id();
    e.client_id = client_id;
    e.kind = "free";
    e.shared = settings.shared_by_default;
    e.entry_date = today;
    if (!in.kind)
        return Error::invalid("kind", "Say what kind of entry this is.");
    TRY(apply_entry_fields(e, in, today));
    if (in.resource_id && *in.resource_id)
        e.resource_id = **in.resource_id;
    if (in.assignment_id && *in.assignment_id)
        e.assignment_id = **in.assignment_id;

    // A replayed key returns what the first request stored, before anything that may have changed
    // since (a resource archived meanwhile) is checked again; the same key with another entry is a
    // client bug we report instead of silently dropping the second one.
    auto replay = [&]() -> Result<std::optional<Created>> {
        std::optional<Created> out;
        if (!in.idempotency_key)
            return out;
        std::string id;
        bool deleted = false;
        TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
            return reader.each(
                "SELECT id, deleted FROM journal_entries WHERE client_id = ? AND "
                "idempotency_key = ?",
                {client_id, *in.idempotency_key}, [&](const storage::Row& row) -> Result<void> {
                    auto flag = row.integer(1);
                    if (!flag)
                        return storage::undecodable("journal_entries", "deleted", row.text(0));
                    id = row.text(0);
                    deleted = *flag != 0;
                    return {};
                });
        }));
        if (id.empty())
            return out;
        if (deleted)
            return Error::conflict("entry_deleted", "This entry was written and then deleted.");
        std::string practice;
        auto stored = TRY(load_entry(id, practice));
        if (!stored)
            return out;
        const bool same =
            stored->text == e.text && stored->kind == e.kind && stored->mood == e.mood &&
            stored->shared == e.shared && stored->strength_codes == e.strength_codes &&
            stored->resource_id == e.resource_id && stored->assignment_id == e.assignment_id &&
            (!in.entry_date || stored->entry_date == e.entry_date);
        if (!same) {
            return Error::conflict("idempotency_key_reused",
                                   "This key was already used for a different entry.",
                                   "idempotency_key");
        }
        out = Created{*stored, true};
        return out;
    };
    if (auto earlier = TRY(replay()))
        return *earlier;
    e = TRY(check_links(ctx, client_id, std::move(e)));
    e.created_at = e.updated_at = now_ms();

    auto stored = m_db.write([&](storage::Tx& tx) -> Result<void> {
        detail::EntryRecord r = TRY(to_record(tx, m_resources.vault(), facts.practice_id, e));
        r.idempotency_key = in.idempotency_key;
        TRY(detail::journal_entries().insert(tx, r));
        if (is_low_mood_signal(e))
            TRY(raise_low_mood_in(tx, facts.practice_id, e));
        return m_audit.append_in(tx, {ctx.event("journal.create", "journal_entry", e.id)});
    });
    if (!stored) {
        // Two copies of the same queued entry raced: the unique key let one in.
        if (auto earlier = TRY(replay()))
            return *earlier;
        return std::move(stored).error();
    }
    return Created{e, false};
}

bool JournalService::is_low_mood_signal(const Entry& e) {
    // The client's privacy choice holds: a private entry never alerts anyone.
    return e.shared && e.mood && *e.mood <= safety::kLowMoodThreshold;
}

Result<void> JournalService::raise_low_mood_in(storage::Tx& tx, const std::string& practice_id,
                                               const Entry& e) {
    safety::NewAlert alert;
    alert.client_id = e.client_id;
    alert.kind = safety::kLowMood;
    alert.entry_id = e.id;
    alert.value = *e.mood;
    // Ids and the number only: the entry's words stay in the journal. Stored in English; the
    // API gives each reader the catalogue's words in their language (journal.low_mood_alert).
    alert.message = m_catalogue.text("en", "journal.low_mood_alert",
                                     {{"mood", static_cast<std::int64_t>(*e.mood)}});
    TRY(m_alerts.raise_in(tx, practice_id, alert, e.updated_at));
    return {};
}

Result<Entry> JournalService::entry(RequestContext& ctx, const std::string& id) {
    std::string practice;
    auto found = TRY(load_entry(id, practice));
    if (!found)
        return Error::not_found("journal entry");
    TRY(authorize(ctx, policy::Action::record_read, found->client_id));
    if (!found->shared && !policy::sees_private_journal(ctx.actor, found->client_id)) {
        // A private entry does not exist for anyone but its author.
        ctx.audit("journal.read", "journal_entry", id, Outcome::denied);
        return Error::not_found("journal entry");
    }
    ctx.audit("journal.read", "journal_entry", id);
    return *found;
}

Result<Entry> JournalService::update_entry(RequestContext& ctx, const std::string& id,
                                           const EntryInput& in) {
    std::string practice;
    auto found = TRY(existing_for(ctx.actor, TRY(load_entry(id, practice))));
    TRY(authorize(ctx, policy::Action::journal_write, found->client_id));
    if (in.idempotency_key)
        return Error::invalid("idempotency_key", "An idempotency key is only for new entries.");
    Entry e = *found;
    Date today = TRY(this->today(practice));
    TRY(apply_entry_fields(e, in, today));
    if (in.resource_id)
        e.resource_id = *in.resource_id;
    if (in.assignment_id)
        e.assignment_id = *in.assignment_id;
    e = TRY(check_links(ctx, e.client_id, std::move(e)));
    e.updated_at = now_ms();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        detail::EntryRecord r = TRY(to_record(tx, m_resources.vault(), practice, e));
        TRY(detail::journal_entries().update(
            tx, r,
            {"kind", "body", "mood", "strength_codes", "resource_id", "assignment_id", "shared",
             "entry_date", "updated_at"},
            "WHERE id = ?", {e.id}));
        // An entry that becomes a shared low mood now (shared later, or its mood lowered) tells
        // the team once; one that already was did so when it became one.
        if (is_low_mood_signal(e) && !is_low_mood_signal(*found))
            TRY(raise_low_mood_in(tx, practice, e));
        return m_audit.append_in(tx, {ctx.event("journal.update", "journal_entry", e.id)});
    }));
    return e;
}

Result<void> JournalService::delete_entry(RequestContext& ctx, const std::string& id) {
    std::string practice;
    auto found = TRY(existing_for(ctx.actor, TRY(load_entry(id, practice))));
    TRY(authorize(ctx, policy::Action::journal_write, found->client_id));
    // The text goes; the row stays so that a late retry of the same idempotency key cannot bring
    // the entry back.
    return m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(
            tx.exec("UPDATE journal_entries SET deleted = 1, body = '', mood = NULL, "
                    "strength_codes = '[]', resource_id = NULL, assignment_id = NULL, updated_at = "
                    "? WHERE id = ?",
                    {to_rfc3339(now_ms()), id}));
        return m_audit.append_in(tx, {ctx.event("journal.delete", "journal_entry", id)});
    });
}

Result<resources::Resource> JournalService::entry_to_evidence(RequestContext& ctx,
                                                              const std::string& entry_id,
                                                              const std::string& resource_id) {
    std::string practice;
    auto found = TRY(existing_for(ctx.actor, TRY(load_entry(entry_id, practice))));
    if (!policy::sees_private_journal(ctx.actor, found->client_id)) {
        // Consent is the client's act: only they can turn their words into evidence.
        TRY(authorize(ctx, policy::Action::journal_write, found->client_id));
        return Error::forbidden("Only the client can do that.");
    }
    TRY(authorize(ctx, policy::Action::journal_write, found->client_id));
    if (found->text.empty())
        return Error::invalid("entry", "This entry has no text to add.");
    auto r = m_resources.get(ctx, resource_id);
    if (!r || r->client_id != found->client_id || r->status == "archived")
        return Error::invalid("resource_id", "Choose one of your current resources.");
    // The resources module appends (and refuses when the evidence would grow too long), inside
    // the transaction that records the client's consent.
    const std::string line = format_date(found->entry_date) + ": " + found->text;
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(m_resources.append_evidence_in(tx, resource_id, line));
        return m_audit.append_in(tx, {ctx.event("journal.to_evidence", "resource", resource_id)});
    }));
    return m_resources.get(ctx, resource_id);
}

}  // namespace trove::journal
