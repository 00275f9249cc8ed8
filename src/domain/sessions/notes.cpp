// Session notes: their rows, reading them, and writing drafts with their links.
#include "domain/sessions/sessions.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/ids.hpp"
#include "domain/sessions/note_content.hpp"
#include "domain/sessions/sessions_rows.hpp"

namespace trove::sessions {

namespace {

using nlohmann::json;

constexpr const char* kNotes = "notes";

//! A list of ids as stored: a JSON array of strings.
Result<std::vector<std::string>> stored_ids(const std::string& text, const char* column,
                                            const std::string& note_id) {
    json j = json::parse(text, nullptr, false);
    if (!j.is_array())
        return storage::undecodable(kNotes, column, note_id);
    std::vector<std::string> out;
    for (const json& x : j) {
        if (!x.is_string())
            return storage::undecodable(kNotes, column, note_id);
        out.push_back(x.get<std::string>());
    }
    return out;
}

//! The note as stored, its sealed parts opened. A template field not written reads as "" and a
//! missing risk group as unassessed (notes written before risk was asked); anything else that does
//! not fit the template is corrupt.
Result<Note> open_note(storage::Reader& reader, vault::Vault& vault, const detail::NoteRecord& r,
                       std::optional<std::string> client_id, std::optional<std::string> case_id,
                       const std::vector<detail::AddendumRecord>& addenda) {
    Note n;
    n.id = r.id;
    n.practice_id = r.practice_id;
    n.session_id = r.appointment_id;
    n.client_id = std::move(client_id);
    n.case_id = std::move(case_id);
    n.template_name = r.template_name;
    const auto& names = template_fields(r.template_name);
    if (names.empty())
        return storage::undecodable(kNotes, "template", r.id);
    json stored = json::parse(TRY(vault.open(reader, r.practice_id, r.fields)), nullptr, false);
    if (!stored.is_object())
        return storage::undecodable(kNotes, "fields", r.id);
    n.fields = json::object();
    for (const std::string& name : names) {
        if (stored.contains(name) && !stored[name].is_string())
            return storage::undecodable(kNotes, "fields", r.id);
        n.fields[name] = stored.contains(name) ? stored[name] : "";
    }
    n.fields["risk"] = detail::empty_risk();
    if (stored.contains("risk")) {
        auto risk = detail::parse_risk(stored["risk"]);
        if (!risk)
            return storage::undecodable(kNotes, "fields", r.id);
        n.fields["risk"] = std::move(risk).value();
    }
    json scales = json::parse(TRY(vault.open(reader, r.practice_id, r.scales)), nullptr, false);
    if (!scales.is_array())
        return storage::undecodable(kNotes, "scales", r.id);
    for (const json& s : scales) {
        if (!s.is_object() || !s.contains("label") || !s["label"].is_string() ||
            !s.contains("value") || !s["value"].is_number_integer()) {
            return storage::undecodable(kNotes, "scales", r.id);
        }
        n.scales.push_back({s["label"].get<std::string>(), s["value"].get<int>()});
    }
    n.resource_ids = TRY(stored_ids(r.resource_ids, "resource_ids", r.id));
    n.assignment_ids = TRY(stored_ids(r.assignment_ids, "assignment_ids", r.id));
    n.status = r.status;
    n.author_id = r.author_id;
    n.signed_at = r.signed_at;
    n.signed_by = r.signed_by;
    n.cosigned_at = r.cosigned_at;
    n.cosigned_by = r.cosigned_by;
    n.created_at = r.created_at;
    n.updated_at = r.updated_at;
    for (const detail::AddendumRecord& a : addenda) {
        n.addenda.push_back(
            {a.id, TRY(vault.open(reader, r.practice_id, a.body)), a.author_id, a.created_at});
    }
    return n;
}

//! The notes selected by `where` (on `notes n`), oldest first, with their addenda: one query for
//! the notes and one for the addenda of all of them.
Result<std::vector<Note>> load_notes(storage::Reader& reader, vault::Vault& vault,
                                     const std::string& where, const storage::Params& params) {
    const auto& table = detail::notes();
    struct Loaded {
        detail::NoteRecord record;
        std::optional<std::string> client_id, case_id;
    };
    std::vector<Loaded> loaded;
    TRY(reader.each("SELECT " + table.select_list("n") +
                        ", a.client_id, a.case_id FROM notes n JOIN appointments a ON a.id = "
                        "n.appointment_id " +
                        where + " ORDER BY n.created_at, n.id",
                    params, [&](const storage::Row& row) -> Result<void> {
                        loaded.push_back({TRY(table.decode(row)), row.optional_text(table.width()),
                                          row.optional_text(table.width() + 1)});
                        return {};
                    }));
    std::map<std::string, std::vector<detail::AddendumRecord>> addenda;
    if (!loaded.empty()) {
        storage::Params ids;
        for (const Loaded& l : loaded)
            ids.push_back(l.record.id);
        for (auto& a : TRY(detail::note_addenda().select(reader,
                                                         "WHERE note_id IN (" +
                                                             storage::placeholders(ids.size()) +
                                                             ") ORDER BY created_at, id",
                                                         ids))) {
            addenda[a.note_id].push_back(std::move(a));
        }
    }
    std::vector<Note> out;
    out.reserve(loaded.size());
    for (Loaded& l : loaded) {
        out.push_back(TRY(open_note(reader, vault, l.record, std::move(l.client_id),
                                    std::move(l.case_id), addenda[l.record.id])));
    }
    return out;
}

}  // namespace

Result<std::optional<Note>> SessionService::load_note(const std::string& note_id) {
    std::optional<Note> found;
    if (!looks_like_id(note_id))
        return found;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto notes = TRY(load_notes(reader, m_vault, "WHERE n.id = ?", {note_id}));
        if (!notes.empty())
            found = std::move(notes.front());
        return {};
    }));
    return found;
}

Result<std::vector<Note>> SessionService::load_notes_of(const std::string& session_id) {
    std::vector<Note> out;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        out = TRY(load_notes(reader, m_vault, "WHERE n.appointment_id = ?", {session_id}));
        return {};
    }));
    return out;
}

Result<Note> SessionService::locate_note(RequestContext& ctx, policy::Action action,
                                         const std::string& note_id) {
    // Found only if it exists in the actor's practice and they may read notes there: a client,
    // another practice and an outsider all get the same 404.
    auto found = TRY(load_note(note_id));
    if (!found || found->practice_id != ctx.actor.practice_id) {
        ctx.audit(policy::audit_name(action), "note", note_id, Outcome::denied);
        return Error::not_found("note");
    }
    TRY(authorize(ctx, policy::Action::note_read, Owner{found->client_id, found->case_id}, "note",
                  note_id));
    if (action != policy::Action::note_read)
        TRY(authorize_note(ctx, action, *found));
    return std::move(*found);
}

Result<void> SessionService::authorize_note(RequestContext& ctx, policy::Action action,
                                            const Note& note) {
    policy::ClientFacts note_facts;
    note_facts.is_author = note.author_id == ctx.actor.user_id;
    if (action == policy::Action::note_cosign && ctx.actor.role == Role::supervisor)
        note_facts.supervises_author = TRY(supervises(ctx.actor.user_id, note.author_id));
    TRY(authorize(ctx, action, Owner{note.client_id, note.case_id}, "note", note.id, &note_facts));
    return {};
}

Result<void> SessionService::check_links(RequestContext& ctx, const Session& session,
                                         const NoteInput& in,
                                         const std::vector<std::string>& already_linked) {
    if (in.resource_ids && !in.resource_ids->empty()) {
        auto found = TRY(m_resources.load_many(*in.resource_ids));
        for (const std::string& id : *in.resource_ids) {
            auto it = std::find_if(found.begin(), found.end(),
                                   [&](const resources::Resource& r) { return r.id == id; });
            bool ok =
                it != found.end() && it->practice_id == session.practice_id &&
                (session.client_id ? it->client_id == *session.client_id
                                   : it->case_id == session.case_id.value_or("")) &&
                (it->status != "archived" || std::find(already_linked.begin(), already_linked.end(),
                                                       id) != already_linked.end());
            if (!ok) {
                return Error::invalid("resource_ids",
                                      session.client_id
                                          ? "Link resources from this client's resource map."
                                          : "Link resources from this case's resource map.");
            }
        }
    }
    if (in.assignment_ids && !in.assignment_ids->empty()) {
        std::vector<std::string> people;
        if (session.client_id) {
            people.push_back(*session.client_id);
        } else {
            people = TRY(m_cases.get(ctx, *session.case_id)).member_ids;
        }
        std::set<std::string> known;
        for (const std::string& person : people) {
            auto list = m_journal.assignments(ctx, person);
            if (!list) {
                // A member outside the actor's reach simply offers no assignments.
                if (list.error().code == ErrorCode::not_found ||
                    list.error().code == ErrorCode::forbidden) {
                    continue;
                }
                return std::move(list).error();
            }
            for (const auto& a : *list)
                known.insert(a.assignment.id);
        }
        for (const std::string& id : *in.assignment_ids) {
            if (!known.count(id)) {
                return Error::invalid("assignment_ids", "Link exercises assigned to this client.");
            }
        }
    }
    return {};
}

Result<std::vector<Note>> SessionService::notes(RequestContext& ctx,
                                                const std::string& session_id) {
    TRY(locate(ctx, policy::Action::note_read, session_id));
    auto out = TRY(load_notes_of(session_id));
    ctx.audit("note.list", "session", session_id);
    return out;
}

Result<Note> SessionService::note(RequestContext& ctx, const std::string& note_id) {
    Note n = TRY(locate_note(ctx, policy::Action::note_read, note_id));
    ctx.audit("note.read", "note", note_id);
    return n;
}

Result<Note> SessionService::create_note(RequestContext& ctx, const std::string& session_id,
                                         const NoteInput& in) {
    Session session = TRY(locate(ctx, policy::Action::note_write, session_id));
    if (!in.template_name)
        return Error::invalid("template", "Choose a template: resource, soap or dap.");
    if (template_fields(*in.template_name).empty())
        return Error::invalid("template", "The template is resource, soap or dap.");
    json fields = json::object();
    if (in.fields)
        TRY(detail::apply_fields(*in.template_name, *in.fields, fields));
    std::vector<Scale> scales;
    if (in.scales)
        scales = TRY(detail::parse_scales(*in.scales));
    std::vector<std::string> resource_ids, assignment_ids;
    if (in.resource_ids)
        resource_ids = TRY(detail::clean_ids("resource_ids", *in.resource_ids));
    if (in.assignment_ids)
        assignment_ids = TRY(detail::clean_ids("assignment_ids", *in.assignment_ids));
    NoteInput links;
    links.resource_ids = resource_ids;
    links.assignment_ids = assignment_ids;
    TRY(check_links(ctx, session, links, {}));

    const std::string id = new_id();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        detail::NoteRecord r;
        r.id = id;
        r.practice_id = session.practice_id;
        r.appointment_id = session.id;
        r.template_name = *in.template_name;
        r.fields = TRY(m_vault.seal(tx, session.practice_id, fields.dump()));
        r.scales = TRY(m_vault.seal(tx, session.practice_id, detail::scales_json(scales).dump()));
        r.resource_ids = json(resource_ids).dump();
        r.assignment_ids = json(assignment_ids).dump();
        r.status = "draft";
        r.author_id = ctx.actor.user_id;
        r.created_at = r.updated_at = now_ms();
        TRY(detail::notes().insert(tx, r));
        return m_audit.append_in(tx, {ctx.event("note.create", "note", id)});
    }));
    auto created = TRY(load_note(id));
    if (!created)
        return Error::internal_error("note " + id + " vanished after its insert");
    return std::move(*created);
}

Result<Note> SessionService::update_note(RequestContext& ctx, const std::string& note_id,
                                         const NoteInput& in) {
    Note n = TRY(locate_note(ctx, policy::Action::note_edit, note_id));
    const Error signed_error = Error::conflict(
        "note_signed", "This note is signed and can no longer change; add an addendum instead.");
    if (n.status != "draft")
        return signed_error;
    if (in.template_name && *in.template_name != n.template_name) {
        return Error::invalid("template",
                              "A note's template cannot change; write a new note instead.");
    }
    json stored = json::object();
    for (const auto& [key, value] : n.fields.items()) {
        // The risk group is kept as a whole; texts only when written.
        if (!value.is_string() || !value.get<std::string>().empty())
            stored[key] = value;
    }
    if (in.fields)
        TRY(detail::apply_fields(n.template_name, *in.fields, stored));
    std::vector<Scale> scales = n.scales;
    if (in.scales)
        scales = TRY(detail::parse_scales(*in.scales));
    std::vector<std::string> resource_ids = n.resource_ids, assignment_ids = n.assignment_ids;
    NoteInput links;
    if (in.resource_ids)
        links.resource_ids = resource_ids =
            TRY(detail::clean_ids("resource_ids", *in.resource_ids));
    if (in.assignment_ids) {
        links.assignment_ids = assignment_ids =
            TRY(detail::clean_ids("assignment_ids", *in.assignment_ids));
    }
    auto session = TRY(load(n.session_id));
    if (!session)
        return Error::internal_error("note " + n.id + " has no session");
    TRY(check_links(ctx, *session, links, n.resource_ids));

    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        detail::NoteRecord r;
        r.fields = TRY(m_vault.seal(tx, n.practice_id, stored.dump()));
        r.scales = TRY(m_vault.seal(tx, n.practice_id, detail::scales_json(scales).dump()));
        r.resource_ids = json(resource_ids).dump();
        r.assignment_ids = json(assignment_ids).dump();
        r.updated_at = now_ms();
        // Only a draft changes: a signature that landed meanwhile wins and nothing is written.
        auto changed = TRY(detail::notes().update(
            tx, r, {"fields", "scales", "resource_ids", "assignment_ids", "updated_at"},
            "WHERE id = ? AND status = 'draft'", {n.id}));
        if (changed != 1)
            return signed_error;
        return m_audit.append_in(tx, {ctx.event("note.update", "note", n.id)});
    }));
    auto updated = TRY(load_note(n.id));
    if (!updated)
        return Error::internal_error("note " + n.id + " vanished after its update");
    return std::move(*updated);
}

}  // namespace trove::sessions
