// The journal itself: entries written, read, changed, deleted, and turned into evidence.
#include "domain/journal/journal.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "core/ids.hpp"
#include "domain/journal/journal_rows.hpp"
#include "domain/resources/catalogue.hpp"
#include "domain/resources/text.hpp"
#include "storage/table.hpp"

namespace trove::journal {

namespace {

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

struct EntryRow {
    std::string id, practice_id, client_id, kind, body, strength_codes, resource_id, assignment_id,
        entry_date, created_at, updated_at;
    int mood = 0, shared = 0;
    soci::indicator mood_ind = soci::i_null, resource_ind = soci::i_null,
                    assignment_ind = soci::i_null;
};

constexpr const char* kEntryColumns =
    "id, practice_id, client_id, kind, body, mood, strength_codes, resource_id, assignment_id, "
    "shared, entry_date, created_at, updated_at";

void bind(soci::statement& st, EntryRow& r) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.practice_id));
    st.exchange(soci::into(r.client_id));
    st.exchange(soci::into(r.kind));
    st.exchange(soci::into(r.body));
    st.exchange(soci::into(r.mood, r.mood_ind));
    st.exchange(soci::into(r.strength_codes));
    st.exchange(soci::into(r.resource_id, r.resource_ind));
    st.exchange(soci::into(r.assignment_id, r.assignment_ind));
    st.exchange(soci::into(r.shared));
    st.exchange(soci::into(r.entry_date));
    st.exchange(soci::into(r.created_at));
    st.exchange(soci::into(r.updated_at));
}

// The entry text is stored sealed (encryption at rest) and opened here.
Result<Entry> to_entry(soci::session& sql, vault::Vault& vault, const EntryRow& r) {
    constexpr const char* kTable = "journal_entries";
    Entry e;
    e.id = r.id;
    e.client_id = r.client_id;
    e.kind = r.kind;
    e.text = TRY(vault.open(sql, r.practice_id, r.body));
    if (r.mood_ind == soci::i_ok)
        e.mood = r.mood;
    json codes = json::parse(r.strength_codes, nullptr, false);
    if (!codes.is_array())
        return storage::undecodable(kTable, "strength_codes", r.id);
    for (const json& c : codes) {
        if (!c.is_string())
            return storage::undecodable(kTable, "strength_codes", r.id);
        e.strength_codes.push_back(c.get<std::string>());
    }
    if (r.resource_ind == soci::i_ok)
        e.resource_id = r.resource_id;
    if (r.assignment_ind == soci::i_ok)
        e.assignment_id = r.assignment_id;
    e.shared = r.shared != 0;
    e.entry_date = TRY(detail::stored_date(r.entry_date, kTable, "entry_date", r.id));
    e.created_at = TRY(storage::stored_time(r.created_at, kTable, "created_at", r.id));
    e.updated_at = TRY(storage::stored_time(r.updated_at, kTable, "updated_at", r.id));
    return e;
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
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        EntryRow row;
        soci::statement st(sql);
        bind(st, row);
        st.exchange(soci::use(client_id));
        st.alloc();
        st.prepare(std::string("SELECT ") + kEntryColumns +
                   " FROM journal_entries WHERE client_id = :c AND deleted = 0 ORDER BY "
                   "entry_date DESC, created_at DESC, id DESC");
        st.define_and_bind();
        st.execute();
        while (st.fetch())
            out.push_back(TRY(to_entry(sql, m_resources.vault(), row)));
        return {};
    }));
    return out;
}

Result<std::optional<Entry>> JournalService::load_entry(const std::string& id,
                                                        std::string& practice_id) {
    std::optional<Entry> found;
    if (!looks_like_id(id))
        return found;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        EntryRow row;
        soci::statement st(sql);
        bind(st, row);
        st.exchange(soci::use(id));
        st.alloc();
        st.prepare(std::string("SELECT ") + kEntryColumns +
                   " FROM journal_entries WHERE id = :id AND deleted = 0");
        st.define_and_bind();
        if (st.execute(true)) {
            found = TRY(to_entry(sql, m_resources.vault(), row));
            practice_id = row.practice_id;
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
        int deleted = 0;
        TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
            sql << "SELECT id, deleted FROM journal_entries WHERE client_id = :c AND "
                   "idempotency_key = :k",
                soci::into(id), soci::into(deleted), soci::use(client_id),
                soci::use(*in.idempotency_key);
            if (!sql.got_data())
                id.clear();
            return {};
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

    soci::indicator key_ind = in.idempotency_key ? soci::i_ok : soci::i_null;
    std::string key = in.idempotency_key.value_or("");
    auto stored = m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string codes = json(e.strength_codes).dump(), date = format_date(e.entry_date),
                    now = to_rfc3339(e.created_at);
        int mood = e.mood.value_or(0), shared = e.shared;
        soci::indicator mood_ind = e.mood ? soci::i_ok : soci::i_null;
        std::string resource = e.resource_id.value_or(""),
                    assignment = e.assignment_id.value_or("");
        soci::indicator resource_ind = e.resource_id ? soci::i_ok : soci::i_null;
        soci::indicator assignment_ind = e.assignment_id ? soci::i_ok : soci::i_null;
        std::string body = TRY(m_resources.vault().seal(sql, facts.practice_id, e.text));
        sql << "INSERT INTO journal_entries (id, practice_id, client_id, idempotency_key, kind, "
               "body, mood, strength_codes, resource_id, assignment_id, shared, entry_date, "
               "deleted, created_at, updated_at) VALUES (:id, :p, :c, :k, :kind, :b, :m, :s, :r, "
               ":a, :sh, :d, 0, :t, :u)",
            soci::use(e.id), soci::use(facts.practice_id), soci::use(client_id),
            soci::use(key, key_ind), soci::use(e.kind), soci::use(body), soci::use(mood, mood_ind),
            soci::use(codes), soci::use(resource, resource_ind),
            soci::use(assignment, assignment_ind), soci::use(shared), soci::use(date),
            soci::use(now), soci::use(now);
        if (is_low_mood_signal(e))
            TRY(raise_low_mood_in(sql, facts.practice_id, e));
        return m_audit.append_in(sql, {ctx.event("journal.create", "journal_entry", e.id)});
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

Result<void> JournalService::raise_low_mood_in(soci::session& sql, const std::string& practice_id,
                                               const Entry& e) {
    safety::NewAlert alert;
    alert.client_id = e.client_id;
    alert.kind = safety::kLowMood;
    alert.entry_id = e.id;
    alert.value = *e.mood;
    // Ids and the number only: the entry's words stay in the journal.
    alert.message = "Mood " + std::to_string(*e.mood) + " of 10 in a shared journal entry.";
    TRY(m_alerts.raise_in(sql, practice_id, alert, e.updated_at));
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
    auto found = TRY(load_entry(id, practice));
    if (!found)
        return Error::not_found("journal entry");
    if (!found->shared && !policy::sees_private_journal(ctx.actor, found->client_id))
        return Error::not_found("journal entry");
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string codes = json(e.strength_codes).dump(), date = format_date(e.entry_date),
                    now = to_rfc3339(e.updated_at);
        int mood = e.mood.value_or(0), shared = e.shared;
        soci::indicator mood_ind = e.mood ? soci::i_ok : soci::i_null;
        std::string resource = e.resource_id.value_or(""),
                    assignment = e.assignment_id.value_or("");
        soci::indicator resource_ind = e.resource_id ? soci::i_ok : soci::i_null;
        soci::indicator assignment_ind = e.assignment_id ? soci::i_ok : soci::i_null;
        std::string body = TRY(m_resources.vault().seal(sql, practice, e.text));
        sql << "UPDATE journal_entries SET kind = :k, body = :b, mood = :m, strength_codes = :s, "
               "resource_id = :r, assignment_id = :a, shared = :sh, entry_date = :d, updated_at "
               "= :u WHERE id = :id",
            soci::use(e.kind), soci::use(body), soci::use(mood, mood_ind), soci::use(codes),
            soci::use(resource, resource_ind), soci::use(assignment, assignment_ind),
            soci::use(shared), soci::use(date), soci::use(now), soci::use(e.id);
        // An entry that becomes a shared low mood now (shared later, or its mood lowered) tells
        // the team once; one that already was did so when it became one.
        if (is_low_mood_signal(e) && !is_low_mood_signal(*found))
            TRY(raise_low_mood_in(sql, practice, e));
        return m_audit.append_in(sql, {ctx.event("journal.update", "journal_entry", e.id)});
    }));
    return e;
}

Result<void> JournalService::delete_entry(RequestContext& ctx, const std::string& id) {
    std::string practice;
    auto found = TRY(load_entry(id, practice));
    if (!found)
        return Error::not_found("journal entry");
    if (!found->shared && !policy::sees_private_journal(ctx.actor, found->client_id))
        return Error::not_found("journal entry");
    TRY(authorize(ctx, policy::Action::journal_write, found->client_id));
    // The text goes; the row stays so that a late retry of the same idempotency key cannot bring
    // the entry back.
    return m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        sql << "UPDATE journal_entries SET deleted = 1, body = '', mood = NULL, strength_codes = "
               "'[]', resource_id = NULL, assignment_id = NULL, updated_at = :u WHERE id = :id",
            soci::use(now), soci::use(id);
        return m_audit.append_in(sql, {ctx.event("journal.delete", "journal_entry", id)});
    });
}

Result<resources::Resource> JournalService::entry_to_evidence(RequestContext& ctx,
                                                              const std::string& entry_id,
                                                              const std::string& resource_id) {
    std::string practice;
    auto found = TRY(load_entry(entry_id, practice));
    if (!found)
        return Error::not_found("journal entry");
    if (!found->shared && !policy::sees_private_journal(ctx.actor, found->client_id))
        return Error::not_found("journal entry");
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
    std::string evidence = r->evidence;
    std::string line = format_date(found->entry_date) + ": " + found->text;
    evidence = evidence.empty() ? line : evidence + "\n\n" + line;
    if (resources::count_code_points(evidence) > 4000)
        return Error::invalid("resource_id", "This resource has no room for more evidence.");
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        std::string sealed = TRY(m_resources.vault().seal(sql, r->practice_id, evidence));
        sql << "UPDATE resources SET evidence = :e, updated_at = :u WHERE id = :id",
            soci::use(sealed), soci::use(now), soci::use(resource_id);
        return m_audit.append_in(sql, {ctx.event("journal.to_evidence", "resource", resource_id)});
    }));
    return m_resources.get(ctx, resource_id);
}

}  // namespace trove::journal
