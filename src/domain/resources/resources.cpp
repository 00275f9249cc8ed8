#include "domain/resources/resources.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "core/ids.hpp"
#include "domain/resources/catalogue.hpp"
#include "domain/resources/text.hpp"
#include "storage/table.hpp"

namespace trove::resources {

namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxText = 4000;
// Later than any stored time: "the latest rating" without a bound.
constexpr const char* kEndOfTime = "9999-12-31T23:59:59.999Z";

bool is_source(const std::string& s) {
    return s == "client" || s == "therapist" || s == "assessment";
}

bool is_status(const std::string& s) {
    return s == "proposed" || s == "active" || s == "archived";
}

const char* owner_column(const Owner& owner) {
    return owner.kind == Owner::Kind::client ? "client_id" : "case_id";
}

const char* owner_type(const Owner& owner) {
    return owner.kind == Owner::Kind::client ? "client" : "case";
}

struct ResourceRow {
    std::string id, practice_id, client_id, case_id, title, description, category, source,
        strength_code, evidence, therapist_note, status, created_by_role, created_at, updated_at,
        archived_at;
    soci::indicator client_ind = soci::i_null, case_ind = soci::i_null, strength_ind = soci::i_null,
                    archived_ind = soci::i_null;
    int stabilising = 0, visible = 1;
};

constexpr const char* kResourceColumns =
    "id, practice_id, client_id, case_id, title, description, category, source, strength_code, "
    "stabilising, evidence, visible_to_client, therapist_note, status, created_by_role, "
    "created_at, updated_at, archived_at";

void bind_row(soci::statement& st, ResourceRow& r) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.practice_id));
    st.exchange(soci::into(r.client_id, r.client_ind));
    st.exchange(soci::into(r.case_id, r.case_ind));
    st.exchange(soci::into(r.title));
    st.exchange(soci::into(r.description));
    st.exchange(soci::into(r.category));
    st.exchange(soci::into(r.source));
    st.exchange(soci::into(r.strength_code, r.strength_ind));
    st.exchange(soci::into(r.stabilising));
    st.exchange(soci::into(r.evidence));
    st.exchange(soci::into(r.visible));
    st.exchange(soci::into(r.therapist_note));
    st.exchange(soci::into(r.status));
    st.exchange(soci::into(r.created_by_role));
    st.exchange(soci::into(r.created_at));
    st.exchange(soci::into(r.updated_at));
    st.exchange(soci::into(r.archived_at, r.archived_ind));
}

// The row's free text is stored sealed (encryption at rest); it is opened here, on the way out.
Result<Resource> to_resource(soci::session& sql, vault::Vault& vault, const ResourceRow& r) {
    Resource out;
    out.id = r.id;
    out.practice_id = r.practice_id;
    if (r.client_ind == soci::i_ok)
        out.client_id = r.client_id;
    if (r.case_ind == soci::i_ok)
        out.case_id = r.case_id;
    out.title = TRY(vault.open(sql, r.practice_id, r.title));
    out.description = TRY(vault.open(sql, r.practice_id, r.description));
    out.category = r.category;
    out.source = r.source;
    if (r.strength_ind == soci::i_ok)
        out.strength_code = r.strength_code;
    out.stabilising = r.stabilising != 0;
    out.evidence = TRY(vault.open(sql, r.practice_id, r.evidence));
    out.visible_to_client = r.visible != 0;
    out.therapist_note = TRY(vault.open(sql, r.practice_id, r.therapist_note));
    out.status = r.status;
    out.created_by_role = r.created_by_role;
    out.created_at = TRY(storage::stored_time(r.created_at, "resources", "created_at", r.id));
    out.updated_at = TRY(storage::stored_time(r.updated_at, "resources", "updated_at", r.id));
    if (r.archived_ind == soci::i_ok)
        out.archived_at =
            TRY(storage::stored_time(r.archived_at, "resources", "archived_at", r.id));
    return out;
}

// Resources matching `where` (one bound text parameter), oldest first.
Result<std::vector<Resource>> select_resources(soci::session& sql, vault::Vault& vault,
                                               const std::string& where, std::string param) {
    std::vector<Resource> out;
    ResourceRow row;
    soci::statement st(sql);
    bind_row(st, row);
    st.exchange(soci::use(param));
    st.alloc();
    st.prepare(std::string("SELECT ") + kResourceColumns + " FROM resources WHERE " + where +
               " ORDER BY created_at, id");
    st.define_and_bind();
    st.execute(false);
    while (st.fetch())
        out.push_back(TRY(to_resource(sql, vault, row)));
    return out;
}

// The last `per_resource` ratings of each of `owner`'s resources at or before `at`, oldest first.
// One query for the whole map, without ORDER BY: SQLite walks each resource's ratings through the
// (resource_id, rated_at, id) index, and sorting 10,000 rows (200 resources x 50 ratings) in SQL
// cost 20 times the query itself (a window function to keep only the last 12, 10 times). The order
// is made certain in C++ below.
struct RatingsStatement {
    Rating row;
    std::string rated_at, owner_id, at;
    soci::statement st;
    RatingsStatement(soci::session& sql, const std::string& column)
        : st((sql.prepare << "SELECT rr.id, rr.resource_id, rr.availability, rr.activation, "
                             "rr.rated_at, rr.rated_by_role FROM resource_ratings rr JOIN "
                             "resources r ON r.id = rr.resource_id WHERE r." +
                                 column + " = :o AND rr.rated_at <= :at",
              soci::into(row.id), soci::into(row.resource_id), soci::into(row.availability),
              soci::into(row.activation), soci::into(rated_at), soci::into(row.rated_by_role),
              soci::use(owner_id), soci::use(at))) {}
};

Result<std::map<std::string, std::vector<Rating>>> select_ratings(storage::Database& db,
                                                                  const Owner& owner,
                                                                  const std::string& at,
                                                                  int per_resource) {
    std::map<std::string, std::vector<Rating>> out;
    TRY(db.with_connection([&](storage::Connection& conn) -> Result<void> {
        const std::string column = owner_column(owner);
        auto& q = conn.prepared<RatingsStatement>("resources.ratings." + column, column);
        q.owner_id = owner.id;
        q.at = at;
        q.st.execute(false);
        std::optional<Error> undecoded;
        while (q.st.fetch()) {
            Rating r = q.row;
            auto at = storage::stored_time(q.rated_at, "resource_ratings", "rated_at", r.id);
            if (!at.ok()) {
                undecoded = at.error();
                break;
            }
            r.rated_at = at.value();
            out[r.resource_id].push_back(std::move(r));
        }
        conn.finish(q.st);
        if (undecoded)
            return *undecoded;
        return {};
    }));
    for (auto& [id, ratings] : out) {
        std::sort(ratings.begin(), ratings.end(), [](const Rating& a, const Rating& b) {
            return a.rated_at != b.rated_at ? a.rated_at < b.rated_at : a.id < b.id;
        });
        if (ratings.size() > static_cast<std::size_t>(per_resource))
            ratings.erase(ratings.begin(), ratings.end() - per_resource);
    }
    return out;
}

Result<std::vector<Rating>> ratings_of(soci::session& sql, const std::string& resource_id) {
    std::vector<Rating> out;
    Rating row;
    std::string rated_at;
    soci::statement st =
        (sql.prepare << "SELECT id, resource_id, availability, activation, rated_at, rated_by_role "
                        "FROM resource_ratings WHERE resource_id = :r ORDER BY rated_at, id",
         soci::into(row.id), soci::into(row.resource_id), soci::into(row.availability),
         soci::into(row.activation), soci::into(rated_at), soci::into(row.rated_by_role),
         soci::use(resource_id));
    st.execute(false);
    while (st.fetch()) {
        Rating r = row;
        r.rated_at = TRY(storage::stored_time(rated_at, "resource_ratings", "rated_at", r.id));
        out.push_back(std::move(r));
    }
    return out;
}

Error denial_error(policy::Decision d, const char* what) {
    return d == policy::Decision::not_found
               ? Error::not_found(what)
               : Error::forbidden("Your role may not do that with these records.");
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
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        auto rows = TRY(select_resources(sql, m_vault, "id = :id", resource_id));
        if (!rows.empty()) {
            found = std::move(rows.front());
            auto ratings = TRY(ratings_of(sql, resource_id));
            if (!ratings.empty())
                found->latest_rating = ratings.back();
        }
        return {};
    }));
    return found;
}

Result<std::vector<Resource>> ResourceService::load_many(const std::vector<std::string>& ids) {
    std::vector<Resource> out;
    for (const std::string& id : ids) {
        auto r = TRY(load(id));
        if (r)
            out.push_back(std::move(*r));
    }
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

    std::vector<Resource> all;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        all = TRY(
            select_resources(sql, m_vault, std::string(owner_column(owner)) + " = :o", owner.id));
        return {};
    }));
    auto ratings = TRY(select_ratings(m_db, owner, kEndOfTime, 1));
    std::vector<Resource> out;
    for (Resource& r : all) {
        bool status_ok =
            status.empty() ? r.status != "archived" : status == "all" || r.status == status;
        if (!status_ok || !visible_to(ctx.actor, r))
            continue;
        if (!query.category.empty() && r.category != query.category)
            continue;
        redact_for(ctx.actor, r);
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string now = to_rfc3339(now_ms());
        std::string client_id = owner.kind == Owner::Kind::client ? owner.id : "";
        std::string case_id = owner.kind == Owner::Kind::case_ ? owner.id : "";
        soci::indicator client_ind = client_id.empty() ? soci::i_null : soci::i_ok;
        soci::indicator case_ind = case_id.empty() ? soci::i_null : soci::i_ok;
        std::string strength =
            fields.strength_code && *fields.strength_code ? **fields.strength_code : "";
        soci::indicator strength_ind = strength.empty() ? soci::i_null : soci::i_ok;
        int stabilising = fields.stabilising.value_or(false) ? 1 : 0;
        int visible = fields.visible_to_client.value_or(true) ? 1 : 0;
        const std::string& practice = ctx.actor.practice_id;
        std::string title = TRY(m_vault.seal(sql, practice, *fields.title));
        std::string description = TRY(m_vault.seal(sql, practice, fields.description.value_or("")));
        std::string evidence = TRY(m_vault.seal(sql, practice, fields.evidence.value_or("")));
        std::string note = TRY(m_vault.seal(sql, practice, fields.therapist_note.value_or("")));
        std::string source = fields.source.value_or("therapist");
        std::string role(to_string(ctx.actor.role));
        sql << "INSERT INTO resources (id, practice_id, client_id, case_id, title, description, "
               "category, source, strength_code, stabilising, evidence, visible_to_client, "
               "therapist_note, status, created_by, created_by_role, created_at, updated_at) "
               "VALUES (:id, :p, :cl, :ca, :t, :d, :cat, :src, :sc, :st, :ev, :vis, :note, "
               ":status, "
               ":by, :role, :c, :u)",
            soci::use(id), soci::use(ctx.actor.practice_id), soci::use(client_id, client_ind),
            soci::use(case_id, case_ind), soci::use(title), soci::use(description),
            soci::use(*fields.category), soci::use(source), soci::use(strength, strength_ind),
            soci::use(stabilising), soci::use(evidence), soci::use(visible), soci::use(note),
            soci::use(*fields.status), soci::use(ctx.actor.user_id), soci::use(role),
            soci::use(now), soci::use(now);
        return m_audit.append_in(
            sql, {ctx.event(from_client ? "resource.propose" : "resource.create", "resource", id)});
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
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        const std::string now = to_rfc3339(now_ms());
        auto set_text = [&](const char* column, const std::optional<std::string>& value) {
            if (value) {
                sql << std::string("UPDATE resources SET ") + column + " = :v WHERE id = :id",
                    soci::use(*value), soci::use(resource_id);
            }
        };
        auto set_sealed = [&](const char* column,
                              const std::optional<std::string>& value) -> Result<void> {
            if (value)
                set_text(column, TRY(m_vault.seal(sql, ctx.actor.practice_id, *value)));
            return {};
        };
        auto set_flag = [&](const char* column, const std::optional<bool>& value) {
            if (value) {
                int v = *value ? 1 : 0;
                sql << std::string("UPDATE resources SET ") + column + " = :v WHERE id = :id",
                    soci::use(v), soci::use(resource_id);
            }
        };
        TRY(set_sealed("title", fields.title));
        TRY(set_sealed("description", fields.description));
        set_text("category", fields.category);
        set_text("source", fields.source);
        TRY(set_sealed("evidence", fields.evidence));
        TRY(set_sealed("therapist_note", fields.therapist_note));
        set_flag("stabilising", fields.stabilising);
        set_flag("visible_to_client", fields.visible_to_client);
        if (fields.strength_code) {
            std::string code = fields.strength_code->value_or("");
            soci::indicator ind = code.empty() ? soci::i_null : soci::i_ok;
            sql << "UPDATE resources SET strength_code = :v WHERE id = :id", soci::use(code, ind),
                soci::use(resource_id);
        }
        if (fields.status) {
            set_text("status", fields.status);
            if (*fields.status == "archived") {
                sql << "UPDATE resources SET archived_at = :t WHERE id = :id AND archived_at IS "
                       "NULL",
                    soci::use(now), soci::use(resource_id);
            } else {
                sql << "UPDATE resources SET archived_at = NULL WHERE id = :id",
                    soci::use(resource_id);
            }
        }
        sql << "UPDATE resources SET updated_at = :t WHERE id = :id", soci::use(now),
            soci::use(resource_id);
        return m_audit.append_in(sql, {ctx.event("resource.update", "resource", resource_id)});
    }));
    std::optional<Resource> updated = TRY(load(resource_id));
    redact_for(ctx.actor, *updated);
    return *updated;
}

Result<Resource> ResourceService::archive(RequestContext& ctx, const std::string& resource_id) {
    TRY(locate(ctx, policy::Action::record_write, resource_id));
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        const std::string now = to_rfc3339(now_ms());
        sql << "UPDATE resources SET status = 'archived', archived_at = :t, updated_at = :u WHERE "
               "id = :id AND archived_at IS NULL",
            soci::use(now), soci::use(now), soci::use(resource_id);
        return m_audit.append_in(sql, {ctx.event("resource.archive", "resource", resource_id)});
    }));
    std::optional<Resource> archived = TRY(load(resource_id));
    redact_for(ctx.actor, *archived);
    return *archived;
}

Result<std::vector<Rating>> ResourceService::ratings(RequestContext& ctx,
                                                     const std::string& resource_id) {
    TRY(locate(ctx, policy::Action::record_read, resource_id));
    std::vector<Rating> out;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        out = TRY(ratings_of(sql, resource_id));
        return {};
    }));
    ctx.audit("resource.ratings.read", "resource", resource_id);
    return out;
}

Result<Rating> ResourceService::rate(RequestContext& ctx, const std::string& resource_id,
                                     const RatingInput& input) {
    Located found = TRY(locate(ctx, policy::Action::rating_write, resource_id));
    auto [values, at] = TRY(validate_rating(input, now_ms()));
    if (found.resource.status == "archived") {
        return Error::conflict("archived", "This resource is archived; restore it to rate it.");
    }
    Rating rating;
    rating.id = new_id();
    rating.resource_id = resource_id;
    rating.availability = values.first;
    rating.activation = values.second;
    rating.rated_at = at;
    rating.rated_by_role = ctx.actor.role == Role::client ? "client" : "therapist";
    TRY(m_db.transact([&](soci::session& sql) -> Result<void> {
        std::string rated_at = to_rfc3339(at), now = to_rfc3339(now_ms());
        sql << "INSERT INTO resource_ratings (id, practice_id, resource_id, availability, "
               "activation, rated_at, rated_by, rated_by_role, created_at) VALUES (:id, :p, :r, "
               ":a, :b, :t, :by, :role, :c)",
            soci::use(rating.id), soci::use(ctx.actor.practice_id), soci::use(resource_id),
            soci::use(rating.availability), soci::use(rating.activation), soci::use(rated_at),
            soci::use(ctx.actor.user_id), soci::use(rating.rated_by_role), soci::use(now);
        return m_audit.append_in(sql, {ctx.event("resource.rate", "resource", resource_id)});
    }));
    return rating;
}

Result<ResourceMap> ResourceService::map(RequestContext& ctx, const Owner& owner, TimeMs at) {
    TRY(authorize(ctx, policy::Action::record_read, owner));
    std::vector<Resource> all;
    ResourceMap out;
    out.at = at;
    TRY(m_db.with_session([&](soci::session& sql) -> Result<void> {
        all = TRY(
            select_resources(sql, m_vault, std::string(owner_column(owner)) + " = :o", owner.id));
        std::string first, last;
        soci::indicator first_ind = soci::i_null, last_ind = soci::i_null;
        // The slider's range: for a client, only what they may see (the dates of ratings of a
        // hidden resource are not theirs to learn either).
        sql << "SELECT MIN(rr.rated_at), MAX(rr.rated_at) FROM resource_ratings rr JOIN resources "
               "r ON r.id = rr.resource_id WHERE r." +
                   std::string(owner_column(owner)) + " = :o" +
                   (policy::sees_therapist_only(ctx.actor) ? "" : " AND r.visible_to_client = 1"),
            soci::into(first, first_ind), soci::into(last, last_ind), soci::use(owner.id);
        if (first_ind == soci::i_ok)
            out.first_rating_at =
                TRY(storage::stored_time(first, "resource_ratings", "rated_at", "MIN"));
        if (last_ind == soci::i_ok)
            out.last_rating_at =
                TRY(storage::stored_time(last, "resource_ratings", "rated_at", "MAX"));
        return {};
    }));
    auto ratings = TRY(select_ratings(m_db, owner, to_rfc3339(at), static_cast<int>(kTrendLength)));
    for (Resource& r : all) {
        if (!visible_to(ctx.actor, r))
            continue;
        auto it = ratings.find(r.id);
        const bool rated_by_then = it != ratings.end() && !it->second.empty();
        // A rating may be dated back to the session it was taken in, before the record was typed
        // in: the resource existed then.
        const bool existed = r.created_at <= at || rated_by_then;
        const bool archived_by_then = r.archived_at && *r.archived_at <= at;
        if (!existed || archived_by_then)
            continue;
        redact_for(ctx.actor, r);
        MapEntry entry;
        if (rated_by_then) {
            const auto& history = it->second;
            entry.rating = history.back();
            r.latest_rating = history.back();
            entry.trend = history;
        }
        entry.resource = std::move(r);
        out.entries.push_back(std::move(entry));
    }
    ctx.audit("resource_map.read", owner_type(owner), owner.id);
    return out;
}

Result<std::vector<std::string>> ResourceService::offer_in(soci::session& sql,
                                                           const std::string& practice_id,
                                                           const std::string& client_id,
                                                           const std::string& created_by,
                                                           const std::string& created_by_role,
                                                           const std::vector<Offer>& offers) {
    std::vector<std::string> ids;
    const std::string now = to_rfc3339(now_ms());
    for (const Offer& o : offers) {
        if (o.strength_code) {
            int already = 0;
            sql << "SELECT COUNT(*) FROM resources WHERE client_id = :c AND strength_code = :s AND "
                   "status <> 'archived'",
                soci::into(already), soci::use(client_id), soci::use(*o.strength_code);
            if (already > 0)
                continue;
        }
        std::string id = new_id();
        std::string title = TRY(m_vault.seal(sql, practice_id, o.title));
        std::string description = TRY(m_vault.seal(sql, practice_id, o.description));
        std::string code = o.strength_code.value_or("");
        soci::indicator code_ind = code.empty() ? soci::i_null : soci::i_ok;
        sql << "INSERT INTO resources (id, practice_id, client_id, case_id, title, description, "
               "category, source, strength_code, stabilising, evidence, visible_to_client, "
               "therapist_note, status, created_by, created_by_role, created_at, updated_at) "
               "VALUES (:id, :p, :c, NULL, :t, :d, :cat, 'assessment', :sc, 0, '', 1, '', "
               "'proposed', :by, :role, :ca, :ua)",
            soci::use(id), soci::use(practice_id), soci::use(client_id), soci::use(title),
            soci::use(description), soci::use(o.category), soci::use(code, code_ind),
            soci::use(created_by), soci::use(created_by_role), soci::use(now), soci::use(now);
        ids.push_back(std::move(id));
    }
    return ids;
}

}  // namespace trove::resources
