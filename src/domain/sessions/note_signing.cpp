// Signing a note: the risk check first, signature and co-signature, then addenda only.
#include "domain/sessions/sessions.hpp"

#include "core/ids.hpp"
#include "domain/resources/text.hpp"
#include "domain/sessions/note_content.hpp"
#include "domain/sessions/sessions_rows.hpp"

namespace trove::sessions {

Result<void> SessionService::require_risk_if_alerted(RequestContext& ctx, const Note& n) {
    auto session = TRY(load(n.session_id));
    if (!session)
        return Error::internal_error("note " + n.id + " has no session");
    std::vector<std::string> people;
    if (session->client_id)
        people.push_back(*session->client_id);
    const TimeMs from = session->starts_at;
    const TimeMs to = session->starts_at + static_cast<TimeMs>(session->duration_min) * 60 * 1000;
    bool alerted = false;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        if (session->case_id) {
            // A case session: every member it was held for.
            for (std::string& member :
                 TRY(reader.texts("SELECT client_id FROM appointment_attendance WHERE "
                                  "appointment_id = ?",
                                  {session->id})))
                people.push_back(std::move(member));
        }
        alerted = TRY(m_alerts.had_open_risk_in(reader, people, from, to));
        return {};
    }));
    if (alerted && !risk_filled(n.fields.value("risk", nlohmann::json::object()))) {
        ctx.audit("note.sign", "note", n.id, Outcome::denied);
        return Error::conflict("risk_required",
                               "This client had an open risk alert at the time of this session. "
                               "Assess risk to self and to others (and write a plan if either is "
                               "moderate or high) before signing.",
                               "fields.risk");
    }
    return {};
}

Result<Note> SessionService::sign(RequestContext& ctx, const std::string& note_id) {
    // The author signs; anyone else who signs co-signs.
    Note n = TRY(locate_note(ctx, policy::Action::note_read, note_id));
    const bool author = n.author_id == ctx.actor.user_id;
    TRY(authorize_note(ctx, author ? policy::Action::note_sign : policy::Action::note_cosign, n));
    const std::string now = to_rfc3339(now_ms());
    if (author) {
        if (n.status != "draft")
            return Error::conflict("note_signed", "You have already signed this note.");
        TRY(require_risk_if_alerted(ctx, n));
        TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
            auto changed = TRY(tx.exec(
                "UPDATE notes SET status = 'signed', signed_at = ?, signed_by = ?, updated_at = ? "
                "WHERE id = ? AND status = 'draft'",
                {now, ctx.actor.user_id, now, n.id}));
            if (changed != 1)
                return Error::conflict("note_signed", "You have already signed this note.");
            return m_audit.append_in(tx, {ctx.event("note.sign", "note", n.id)});
        }));
    } else {
        if (n.status != "signed") {
            return Error::conflict("note_not_signed",
                                   "The author has not signed this note yet; co-sign it after "
                                   "they have.");
        }
        if (n.cosigned_by)
            return Error::conflict("note_cosigned", "This note is already co-signed.");
        TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
            auto changed = TRY(tx.exec(
                "UPDATE notes SET cosigned_at = ?, cosigned_by = ?, updated_at = ? WHERE id = ? "
                "AND status = 'signed' AND cosigned_by IS NULL",
                {now, ctx.actor.user_id, now, n.id}));
            if (changed != 1)
                return Error::conflict("note_cosigned", "This note is already co-signed.");
            return m_audit.append_in(tx, {ctx.event("note.cosign", "note", n.id)});
        }));
    }
    auto updated = TRY(load_note(n.id));
    if (!updated)
        return Error::internal_error("note " + n.id + " vanished after its signature");
    return std::move(*updated);
}

Result<Note> SessionService::add_addendum(RequestContext& ctx, const std::string& note_id,
                                          const std::string& text) {
    Note n = TRY(locate_note(ctx, policy::Action::note_write, note_id));
    if (n.status != "signed") {
        return Error::conflict("note_draft", "This note is still a draft: edit the draft instead.");
    }
    std::string clean = TRY(detail::clean_note_text("text", text));
    if (resources::trim(clean).empty())
        return Error::invalid("text", "Write the addendum.");
    const std::string id = new_id();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        detail::AddendumRecord a{id,
                                 n.practice_id,
                                 n.id,
                                 TRY(m_vault.seal(tx, n.practice_id, clean)),
                                 ctx.actor.user_id,
                                 now_ms()};
        TRY(detail::note_addenda().insert(tx, a));
        TRY(tx.exec("UPDATE notes SET updated_at = ? WHERE id = ?",
                    {to_rfc3339(a.created_at), n.id}));
        return m_audit.append_in(tx, {ctx.event("note.addendum", "note", n.id)});
    }));
    auto updated = TRY(load_note(n.id));
    if (!updated)
        return Error::internal_error("note " + n.id + " vanished after its addendum");
    return std::move(*updated);
}

}  // namespace trove::sessions
