// The exercise library: shipped exercises and the practice's own.
#include "domain/journal/journal.hpp"

#include "core/ids.hpp"
#include "domain/journal/journal_rows.hpp"

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
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto stored = TRY(detail::practice_exercises().select_one(
            reader, "WHERE id = ? AND practice_id = ?", {id, practice_id}));
        if (stored)
            found = TRY(stored_exercise(stored->id, stored->content));
        return {};
    }));
    return found;
}

Result<std::vector<Exercise>> JournalService::exercises(RequestContext& ctx) {
    if (policy::decide(ctx.actor, policy::Action::exercise_read) != policy::Decision::allow)
        return Error::forbidden();
    std::vector<Exercise> out = m_library;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        for (const auto& stored : TRY(detail::practice_exercises().select(
                 reader, "WHERE practice_id = ? ORDER BY created_at, id",
                 {ctx.actor.practice_id}))) {
            out.push_back(TRY(stored_exercise(stored.id, stored.content)));
        }
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
    json stored = to_json(ex);
    stored.erase("id");
    detail::ExerciseRecord record{ex.id, ctx.actor.practice_id, stored.dump(), ctx.actor.user_id,
                                  now_ms()};
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        TRY(detail::practice_exercises().insert(tx, record));
        return m_audit.append_in(tx, {ctx.event("exercise.create", "exercise", ex.id)});
    }));
    return ex;
}

}  // namespace trove::journal
