// The exercise library: shipped exercises and the practice's own.
#include "domain/journal/journal.hpp"

#include <soci/soci.h>

#include "core/ids.hpp"

namespace trove::journal {

namespace {

using nlohmann::json;

//! A practice's own exercise as stored: the fields checked like a request's, the id the row's (a
//! ULID, which the file-name rule for shipped ids would refuse).
Result<Exercise> stored_exercise(const std::string& id, const std::string& content) {
    json j = json::parse(content, nullptr, false);
    if (!j.is_object())
        return Error::internal_error("stored exercise " + id + " is not a JSON object");
    j.erase("id");
    auto parsed = parse_exercise(j, "stored", false);
    if (!parsed)
        return Error::internal_error("stored exercise " + id + ": " + parsed.error().message);
    parsed->id = id;
    return std::move(parsed).value();
}

}  // namespace

Result<std::optional<Exercise>> JournalService::find_exercise(const std::string& practice_id,
                                                              const std::string& id) {
    for (const Exercise& e : m_library) {
        if (e.id == id)
            return std::optional<Exercise>(e);
    }
    std::optional<Exercise> found;
    if (!looks_like_id(id))
        return found;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string content;
        sql << "SELECT content FROM practice_exercises WHERE id = :id AND practice_id = :p",
            soci::into(content), soci::use(id), soci::use(practice_id);
        if (sql.got_data())
            found = TRY(stored_exercise(id, content));
        return {};
    }));
    return found;
}

Result<std::vector<Exercise>> JournalService::exercises(RequestContext& ctx) {
    if (policy::decide(ctx.actor, policy::Action::exercise_read) != policy::Decision::allow)
        return Error::forbidden();
    std::vector<Exercise> out = m_library;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        std::string id, content;
        soci::statement st =
            (sql.prepare << "SELECT id, content FROM practice_exercises WHERE "
                            "practice_id = :p ORDER BY created_at, id",
             soci::into(id), soci::into(content), soci::use(ctx.actor.practice_id));
        st.execute();
        while (st.fetch())
            out.push_back(TRY(stored_exercise(id, content)));
        return {};
    }));
    return out;
}

Result<Exercise> JournalService::exercise(RequestContext& ctx, const std::string& id) {
    if (policy::decide(ctx.actor, policy::Action::exercise_read) != policy::Decision::allow)
        return Error::forbidden();
    auto found = TRY(find_exercise(ctx.actor.practice_id, id));
    if (!found)
        return Error::not_found("exercise");
    return *found;
}

Result<Exercise> JournalService::create_exercise(RequestContext& ctx, const json& body) {
    policy::Decision d =
        ctx.actor.role == Role::client
            ? policy::decide(ctx.actor, policy::Action::exercise_create, ctx.actor.client_id,
                             TRY(m_clients.facts(ctx.actor, ctx.actor.client_id)))
            : policy::decide(ctx.actor, policy::Action::exercise_create);
    if (d != policy::Decision::allow) {
        ctx.audit("exercise.create", "exercise", "", Outcome::denied);
        return Error::forbidden("Only a therapist may add exercises to the library.");
    }
    json fields = body;
    if (fields.is_object())
        fields.erase("id");  // the library gives the id
    Exercise ex = TRY(parse_exercise(fields, "request", false));
    ex.id = new_id();
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        json stored = to_json(ex);
        stored.erase("id");
        std::string content = stored.dump(), now = to_rfc3339(now_ms());
        sql << "INSERT INTO practice_exercises (id, practice_id, content, created_by, created_at) "
               "VALUES (:id, :p, :c, :b, :t)",
            soci::use(ex.id), soci::use(ctx.actor.practice_id), soci::use(content),
            soci::use(ctx.actor.user_id), soci::use(now);
        return m_audit.append_in(sql, {ctx.event("exercise.create", "exercise", ex.id)});
    }));
    return ex;
}

}  // namespace trove::journal
