// Signing a note: the risk check first, signature and co-signature, then addenda only.
#include "domain/sessions/sessions.hpp"

#include <soci/soci.h>

#include "core/ids.hpp"
#include "domain/resources/text.hpp"
#include "domain/sessions/note_content.hpp"

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
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        if (session->case_id) {
            // A case session: every member it was held for.
            std::string member;
            soci::statement st = (sql.prepare << "SELECT client_id FROM appointment_attendance "
                                                 "WHERE appointment_id = :a",
                                  soci::into(member), soci::use(session->id));
            st.execute(false);
            while (st.fetch())
                people.push_back(member);
        }
        alerted = TRY(m_alerts.had_open_risk_in(sql, people, from, to));
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
        TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
            soci::statement st =
                (sql.prepare << "UPDATE notes SET status = 'signed', signed_at = :t, signed_by = "
                                ":u, updated_at = :t2 WHERE id = :id AND status = 'draft'",
                 soci::use(now), soci::use(ctx.actor.user_id), soci::use(now), soci::use(n.id));
            st.execute(true);
            if (st.get_affected_rows() != 1)
                return Error::conflict("note_signed", "You have already signed this note.");
            return m_audit.append_in(sql, {ctx.event("note.sign", "note", n.id)});
        }));
    } else {
        if (n.status != "signed") {
            return Error::conflict("note_not_signed",
                                   "The author has not signed this note yet; co-sign it after "
                                   "they have.");
        }
        if (n.cosigned_by)
            return Error::conflict("note_cosigned", "This note is already co-signed.");
        TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
            soci::statement st =
                (sql.prepare << "UPDATE notes SET cosigned_at = :t, cosigned_by = :u, updated_at "
                                "= :t2 WHERE id = :id AND status = 'signed' AND cosigned_by IS "
                                "NULL",
                 soci::use(now), soci::use(ctx.actor.user_id), soci::use(now), soci::use(n.id));
            st.execute(true);
            if (st.get_affected_rows() != 1)
                return Error::conflict("note_cosigned", "This note is already co-signed.");
            return m_audit.append_in(sql, {ctx.event("note.cosign", "note", n.id)});
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string sealed = TRY(m_vault.seal(sql, n.practice_id, clean));
        std::string now = to_rfc3339(now_ms());
        sql << "INSERT INTO note_addenda (id, practice_id, note_id, body, author_id, created_at) "
               "VALUES (:id, :p, :n, :b, :a, :t)",
            soci::use(id), soci::use(n.practice_id), soci::use(n.id), soci::use(sealed),
            soci::use(ctx.actor.user_id), soci::use(now);
        sql << "UPDATE notes SET updated_at = :t WHERE id = :id", soci::use(now), soci::use(n.id);
        return m_audit.append_in(sql, {ctx.event("note.addendum", "note", n.id)});
    }));
    auto updated = TRY(load_note(n.id));
    if (!updated)
        return Error::internal_error("note " + n.id + " vanished after its addendum");
    return std::move(*updated);
}

}  // namespace trove::sessions
