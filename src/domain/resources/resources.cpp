#include "domain/resources/resources.hpp"

#include "core/ids.hpp"
#include "domain/resources/catalogue.hpp"
#include "domain/resources/resource_store.hpp"
#include "domain/resources/text.hpp"

namespace trove::resources {

namespace {

constexpr std::size_t kMaxTitle = 200;
// Description, evidence and therapist note; evidence appended from the journal is held to it too.
constexpr std::size_t kMaxText = 4000;
// Later than any stored time: "the latest rating" without a bound.
constexpr const char* kEndOfTime = "9999-12-31T23:59:59.999Z";

using store::owner_type;

bool is_source(const std::string& s) {
    return s == "client" || s == "therapist" || s == "assessment";
}

bool is_status(const std::string& s) {
    return s == "proposed" || s == "active" || s == "archived";
}

Error denial_error(policy::Decision d, const char* what) {
    return d == policy::Decision::not_found
               ? Error::not_found(what)
               : Error::forbidden("Your role may not do that with these records.");
}

// A resource with every text opened (the caller redacts for its reader) and its latest rating.
Result<std::optional<Resource>> load_in(storage::Reader& reader, vault::Vault& vault,
                                        const std::string& resource_id) {
    auto record = TRY(store::resources().select_one(reader, "WHERE id = ?", {resource_id}));
    if (!record)
        return std::optional<Resource>();
    Resource out = store::plain_fields(*record);
    TRY(store::open_texts(reader, vault, *record, true, out));
    auto latest = TRY(store::resource_ratings().select_one(
        reader, "WHERE resource_id = ? ORDER BY rated_at DESC, id DESC LIMIT 1", {resource_id}));
    if (latest)
        out.latest_rating = store::to_rating(*latest);
    return std::optional<Resource>(std::move(out));
}

}  // namespace

Result<ResourceFields> validate(const ResourceFields& in, bool creating) {
    ResourceFields out = in;
    if (creating && !in.title)
        return Error::invalid("title", "Give the resource a short title.");
    if (in.title)
        out.title = TRY(clean_title("title", *in.title, kMaxTitle));
    if (creating && !in.category)
        return Error::invalid("category", "Choose the resource's category.");
    if (in.category && !is_category(*in.category)) {
        return Error::invalid("category",
                              "The category must be one of strength, skill, social, body, "
                              "material, meaning, interest and success.");
    }
    if (in.source && !is_source(*in.source))
        return Error::invalid("source", "The source must be client, therapist or assessment.");
    if (in.strength_code && *in.strength_code && !is_strength(**in.strength_code)) {
        return Error::invalid("strength_code",
                              "That is not one of the 24 character strengths (see "
                              "/api/v1/strengths).");
    }
    if (in.status && !is_status(*in.status))
        return Error::invalid("status", "The status must be proposed, active or archived.");
    if (in.description)
        out.description = TRY(clean_text("description", *in.description, kMaxText));
    if (in.evidence)
        out.evidence = TRY(clean_text("evidence", *in.evidence, kMaxText));
    if (in.therapist_note)
        out.therapist_note = TRY(clean_text("therapist_note", *in.therapist_note, kMaxText));
    return out;
}

Result<std::pair<std::pair<int, int>, TimeMs>> validate_rating(const RatingInput& in, TimeMs now) {
    auto check = [](const char* field, const std::optional<int>& v) -> Result<int> {
        if (!v)
            return Error::invalid(field,
                                  std::string("Give ") + field + " as a number from 0 to 10.");
        if (*v < 0 || *v > 10)
            return Error::invalid(
                field,
                std::string(field == std::string("availability") ? "Availability" : "Activation") +
                    " must be between 0 and 10.");
        return *v;
    };
    int availability = TRY(check("availability", in.availability));
    int activation = TRY(check("activation", in.activation));
    TimeMs at = TRY(past_time("rated_at", in.rated_at, now));
    return std::make_pair(std::make_pair(availability, activation), at);
}

bool visible_to(const Actor& actor, const Resource& resource) {
    return policy::sees_therapist_only(actor) || resource.visible_to_client;
}

void redact_for(const Actor& actor, Resource& resource) {
    if (!policy::sees_therapist_only(actor))
        resource.therapist_note.reset();
}

Result<void> ResourceService::authorize(RequestContext& ctx, policy::Action action,
                                        const Owner& owner) {
    policy::ClientFacts facts = owner.kind == Owner::Kind::client
                                    ? TRY(m_clients.facts(ctx.actor, owner.id))
                                    : TRY(m_cases.facts(ctx.actor, owner.id));
    policy::Decision d = policy::decide(ctx.actor, action, owner.id, facts);
    if (d != policy::Decision::allow) {
        ctx.audit(policy::audit_name(action), owner_type(owner), owner.id, Outcome::denied);
        return denial_error(d, owner_type(owner));
    }
    return {};
}

Result<std::optional<Resource>> ResourceService::load(const std::string& resource_id) {
    std::optional<Resource> found;
    if (!looks_like_id(resource_id))
        return found;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        found = TRY(load_in(reader, m_vault, resource_id));
        return {};
    }));
    return found;
}

Result<std::vector<Resource>> ResourceService::load_many(const std::vector<std::string>& ids) {
    std::vector<Resource> out;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        for (const std::string& id : ids) {
            if (!looks_like_id(id))
                continue;
            auto r = TRY(load_in(reader, m_vault, id));
            if (r)
                out.push_back(std::move(*r));
        }
        return {};
    }));
    return out;
}

Result<ResourceService::Located> ResourceService::locate(RequestContext& ctx, policy::Action action,
                                                         const std::string& resource_id) {
    std::optional<Resource> resource = TRY(load(resource_id));
    if (!resource || resource->practice_id != ctx.actor.practice_id) {
        ctx.audit(policy::audit_name(action), "resource", resource_id, Outcome::denied);
        return Error::not_found("resource");
    }
    Owner owner = resource->client_id.empty() ? Owner::case_of(resource->case_id)
                                              : Owner::client(resource->client_id);
    TRY(authorize(ctx, action, owner));
    if (!visible_to(ctx.actor, *resource)) {
        // Not shared with the client: for them it does not exist.
        ctx.audit(policy::audit_name(action), "resource", resource_id, Outcome::denied);
        return Error::not_found("resource");
    }
    redact_for(ctx.actor, *resource);
    return Located{std::move(*resource), owner};
}

Result<std::vector<Resource>> ResourceService::list(RequestContext& ctx, const Owner& owner,
                                                    const ResourceQuery& query) {
    TRY(authorize(ctx, policy::Action::record_read, owner));
    const std::string& status = query.status;
    if (!status.empty() && status != "all" && !is_status(status))
        return Error::invalid("status", "The status must be active, proposed, archived or all.");
    if (!query.category.empty() && !is_category(query.category))
        return Error::invalid("category", "Unknown category.");
    if (query.text.size() > kMaxTitle)
        return Error::invalid("q", "The search text is too long.");

    std::vector<Resource> out;
    const bool with_note = policy::sees_therapist_only(ctx.actor);
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto records = TRY(store::owned_by(reader, owner));
        auto ratings = TRY(store::latest_ratings(reader, owner, kEndOfTime, 1));
        for (const store::ResourceRecord& record : records) {
            Resource r = store::plain_fields(record);
            bool status_ok =
                status.empty() ? r.status != "archived" : status == "all" || r.status == status;
            if (!status_ok || !visible_to(ctx.actor, r))
                continue;
            if (!query.category.empty() && r.category != query.category)
                continue;
            // Opened only for resources the reader gets; the note only for those who may see it.
            TRY(store::open_texts(reader, m_vault, record, with_note, r));
            if (!query.text.empty() && !contains_folded(r.title, query.text) &&
                !contains_folded(r.description, query.text) &&
                !contains_folded(r.evidence, query.text) &&
                !(r.therapist_note && contains_folded(*r.therapist_note, query.text))) {
                continue;
            }
            auto it = ratings.find(r.id);
            if (it != ratings.end() && !it->second.empty())
                r.latest_rating = it->second.back();
            out.push_back(std::move(r));
        }
        return {};
    }));
    ctx.audit("resource.list", owner_type(owner), owner.id);
    return out;
}

Result<Resource> ResourceService::create(RequestContext& ctx, const Owner& owner,
                                         const ResourceFields& input) {
    bool from_client = ctx.actor.role == Role::client;
    if (from_client && owner.kind == Owner::Kind::client) {
        // In personal mode the person keeps their own map: what they add is simply theirs.
        from_client = !TRY(m_clients.facts(ctx.actor, owner.id)).self_guided;
    }
    TRY(authorize(
        ctx, from_client ? policy::Action::resource_propose : policy::Action::record_write, owner));
    ResourceFields fields = TRY(validate(input, true));
    if (from_client) {
        // A client's suggestion waits for the care team; what only the team decides stays theirs.
        if (fields.therapist_note || fields.visible_to_client || fields.status || fields.source) {
            const char* field = fields.therapist_note      ? "therapist_note"
                                : fields.visible_to_client ? "visible_to_client"
                                : fields.status            ? "status"
                                                           : "source";
            return Error::invalid(field, "That field is set by your therapist.");
        }
        fields.source = "client";
        fields.status = "proposed";
    } else {
        if (fields.status && *fields.status != "active")
            return Error::invalid("status", "A new resource starts active.");
        fields.status = "active";
        if (ctx.actor.role == Role::client && !fields.source)
            fields.source = "client";  // personal mode: the person found it themselves
    }
    const std::string id = new_id();
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        const std::string& practice = ctx.actor.practice_id;
        store::ResourceRecord r;
        r.id = id;
        r.practice_id = practice;
        if (owner.kind == Owner::Kind::client)
            r.client_id = owner.id;
        else
            r.case_id = owner.id;
        r.title = TRY(m_vault.seal(tx, practice, *fields.title));
        r.description = TRY(m_vault.seal(tx, practice, fields.description.value_or("")));
        r.category = *fields.category;
        r.source = fields.source.value_or("therapist");
        if (fields.strength_code && *fields.strength_code && !(*fields.strength_code)->empty())
            r.strength_code = **fields.strength_code;
        r.stabilising = fields.stabilising.value_or(false);
        r.evidence = TRY(m_vault.seal(tx, practice, fields.evidence.value_or("")));
        r.visible_to_client = fields.visible_to_client.value_or(true);
        r.therapist_note = TRY(m_vault.seal(tx, practice, fields.therapist_note.value_or("")));
        r.status = *fields.status;
        r.created_by = ctx.actor.user_id;
        r.created_by_role = std::string(to_string(ctx.actor.role));
        r.created_at = r.updated_at = now_ms();
        TRY(store::resources().insert(tx, r));
        return m_audit.append_in(
            tx, {ctx.event(from_client ? "resource.propose" : "resource.create", "resource", id)});
    }));
    std::optional<Resource> created = TRY(load(id));
    redact_for(ctx.actor, *created);
    return *created;
}

Result<Resource> ResourceService::get(RequestContext& ctx, const std::string& resource_id) {
    Located found = TRY(locate(ctx, policy::Action::record_read, resource_id));
    ctx.audit("resource.read", "resource", resource_id);
    return found.resource;
}

Result<Resource> ResourceService::update(RequestContext& ctx, const std::string& resource_id,
                                         const ResourceFields& input) {
    TRY(locate(ctx, policy::Action::record_write, resource_id));
    ResourceFields fields = TRY(validate(input, false));
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        const auto& table = store::resources();
        const std::string& practice = ctx.actor.practice_id;
        // One statement per given field, so a concurrent change to another field is kept.
        store::ResourceRecord r;
        r.updated_at = now_ms();
        auto set = [&](std::string_view column) -> Result<void> {
            TRY(table.update(tx, r, {column}, "WHERE id = ?", {resource_id}));
            return {};
        };
        auto set_sealed = [&](std::string_view column, std::string store::ResourceRecord::*field,
                              const std::optional<std::string>& value) -> Result<void> {
            if (!value)
                return {};
            r.*field = TRY(m_vault.seal(tx, practice, *value));
            return set(column);
        };
        TRY(set_sealed("title", &store::ResourceRecord::title, fields.title));
        TRY(set_sealed("description", &store::ResourceRecord::description, fields.description));
        if (fields.category) {
            r.category = *fields.category;
            TRY(set("category"));
        }
        if (fields.source) {
            r.source = *fields.source;
            TRY(set("source"));
        }
        TRY(set_sealed("evidence", &store::ResourceRecord::evidence, fields.evidence));
        TRY(set_sealed("therapist_note", &store::ResourceRecord::therapist_note,
                       fields.therapist_note));
        if (fields.stabilising) {
            r.stabilising = *fields.stabilising;
            TRY(set("stabilising"));
        }
        if (fields.visible_to_client) {
            r.visible_to_client = *fields.visible_to_client;
            TRY(set("visible_to_client"));
        }
        if (fields.strength_code) {
            if (*fields.strength_code && !(*fields.strength_code)->empty())
                r.strength_code = **fields.strength_code;
            TRY(set("strength_code"));
        }
        if (fields.status) {
            r.status = *fields.status;
            TRY(set("status"));
            if (*fields.status == "archived") {
                TRY(
                    tx.exec("UPDATE resources SET archived_at = ? WHERE id = ? AND archived_at IS "
                            "NULL",
                            {to_rfc3339(r.updated_at), resource_id}));
            } else {
                TRY(tx.exec("UPDATE resources SET archived_at = NULL WHERE id = ?", {resource_id}));
            }
        }
        TRY(set("updated_at"));
        return m_audit.append_in(tx, {ctx.event("resource.update", "resource", resource_id)});
    }));
    std::optional<Resource> updated = TRY(load(resource_id));
    redact_for(ctx.actor, *updated);
    return *updated;
}

Result<Resource> ResourceService::archive(RequestContext& ctx, const std::string& resource_id) {
    TRY(locate(ctx, policy::Action::record_write, resource_id));
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        const std::string now = to_rfc3339(now_ms());
        TRY(
            tx.exec("UPDATE resources SET status = 'archived', archived_at = ?, updated_at = ? "
                    "WHERE id = ? AND archived_at IS NULL",
                    {now, now, resource_id}));
        return m_audit.append_in(tx, {ctx.event("resource.archive", "resource", resource_id)});
    }));
    std::optional<Resource> archived = TRY(load(resource_id));
    redact_for(ctx.actor, *archived);
    return *archived;
}

Result<void> ResourceService::append_evidence_in(storage::Tx& tx, const std::string& resource_id,
                                                 const std::string& text) {
    // Read and written in the caller's transaction; on PostgreSQL the row is locked as it is
    // read, so two appends at once queue instead of one overwriting the other.
    static const std::string lock_sql = "WHERE id = ? FOR UPDATE";
    const auto& table = store::resources();
    auto r = TRY(table.select_one(
        tx,
        tx.dialect() == storage::Dialect::postgres ? std::string_view(lock_sql) : "WHERE id = ?",
        {resource_id}));
    if (!r)
        return Error::not_found("resource");
    std::string evidence = TRY(m_vault.open(tx, r->practice_id, r->evidence));
    evidence = evidence.empty() ? text : evidence + "\n\n" + text;
    if (count_code_points(evidence) > kMaxText)
        return Error::invalid("resource_id", "This resource has no room for more evidence.");
    r->evidence = TRY(m_vault.seal(tx, r->practice_id, evidence));
    r->updated_at = now_ms();
    TRY(table.update(tx, *r, {"evidence", "updated_at"}, "WHERE id = ?", {resource_id}));
    return {};
}

Result<std::vector<std::string>> ResourceService::offer_in(storage::Tx& tx,
                                                           const std::string& practice_id,
                                                           const std::string& client_id,
                                                           const std::string& created_by,
                                                           const std::string& created_by_role,
                                                           const std::vector<Offer>& offers) {
    std::vector<std::string> ids;
    const TimeMs now = now_ms();
    for (const Offer& o : offers) {
        if (o.strength_code) {
            auto already =
                TRY(tx.count("SELECT COUNT(*) FROM resources WHERE client_id = ? AND "
                             "strength_code = ? AND status <> 'archived'",
                             {client_id, *o.strength_code}));
            if (already > 0)
                continue;
        }
        store::ResourceRecord r;
        r.id = new_id();
        r.practice_id = practice_id;
        r.client_id = client_id;
        r.title = TRY(m_vault.seal(tx, practice_id, o.title));
        r.description = TRY(m_vault.seal(tx, practice_id, o.description));
        r.category = o.category;
        r.source = "assessment";
        if (o.strength_code && !o.strength_code->empty())
            r.strength_code = *o.strength_code;
        r.status = "proposed";
        r.created_by = created_by;
        r.created_by_role = created_by_role;
        r.created_at = r.updated_at = now;
        TRY(store::resources().insert(tx, r));
        ids.push_back(r.id);
    }
    return ids;
}

}  // namespace trove::resources
