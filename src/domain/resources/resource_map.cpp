// Ratings of resources and the resource map as it stood on a date.
#include "core/ids.hpp"
#include "domain/resources/resource_store.hpp"
#include "domain/resources/resources.hpp"

#include <limits>

namespace trove::resources {

Result<std::vector<Rating>> ResourceService::ratings(RequestContext& ctx,
                                                     const std::string& resource_id) {
    TRY(locate(ctx, policy::Action::record_read, resource_id));
    std::vector<Rating> out;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        out = TRY(store::ratings_of(reader, resource_id));
        return {};
    }));
    ctx.audit("resource.ratings.read", "resource", resource_id);
    return out;
}

Result<std::map<std::string, std::vector<Rating>>> ResourceService::ratings_of_listed(
    RequestContext& ctx, const Owner& owner, const std::vector<Resource>& listed) {
    std::map<std::string, std::vector<Rating>> out;
    if (listed.empty())
        return out;
    std::map<std::string, std::vector<Rating>> all;
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        // Every rating up to the end of time, all of them per resource.
        all = TRY(store::latest_ratings(reader, owner, "9999-12-31T23:59:59.999Z",
                                        std::numeric_limits<std::size_t>::max()));
        return {};
    }));
    for (const Resource& r : listed) {
        auto it = all.find(r.id);
        if (it == all.end())
            continue;
        ctx.audit("resource.ratings.read", "resource", r.id);
        out.emplace(r.id, std::move(it->second));
    }
    return out;
}

Result<Rating> ResourceService::rate(RequestContext& ctx, const std::string& resource_id,
                                     const RatingInput& input) {
    Located found = TRY(locate(ctx, policy::Action::rating_write, resource_id));
    auto [values, at] = TRY(validate_rating(input, now_ms()));
    if (found.resource.status == "archived") {
        return Error::conflict("archived", "This resource is archived; restore it to rate it.");
    }
    store::RatingRecord r;
    r.id = new_id();
    r.practice_id = ctx.actor.practice_id;
    r.resource_id = resource_id;
    r.availability = values.first;
    r.activation = values.second;
    r.rated_at = at;
    r.rated_by = ctx.actor.user_id;
    r.rated_by_role = ctx.actor.role == Role::client ? "client" : "therapist";
    TRY(m_db.write([&](storage::Tx& tx) -> Result<void> {
        r.created_at = now_ms();
        TRY(store::resource_ratings().insert(tx, r));
        return m_audit.append_in(tx, {ctx.event("resource.rate", "resource", resource_id)});
    }));
    return store::to_rating(r);
}

namespace {

// The slider's range: for a client, only what they may see (the dates of ratings of a hidden
// resource are not theirs to learn either). Each resource's first and last rating come from two
// index seeks, not from a scan of all its ratings.
std::string range_sql(const Owner& owner, bool therapist_view) {
    return std::string(
               "SELECT MIN((SELECT MIN(x.rated_at) FROM resource_ratings x WHERE "
               "x.resource_id = r.id)), MAX((SELECT MAX(x.rated_at) FROM "
               "resource_ratings x WHERE x.resource_id = r.id)) FROM resources r WHERE r.") +
           store::owner_column(owner) + " = ?" +
           (therapist_view ? "" : " AND r.visible_to_client = 1");
}

}  // namespace

Result<ResourceMap> ResourceService::map(RequestContext& ctx, const Owner& owner, TimeMs at) {
    TRY(authorize(ctx, policy::Action::record_read, owner));
    const bool therapist_view = policy::sees_therapist_only(ctx.actor);
    ResourceMap out;
    out.at = at;
    // Resources, the range and the ratings from one snapshot, so they agree with each other.
    TRY(m_db.read([&](storage::Reader& reader) -> Result<void> {
        auto records = TRY(store::owned_by(reader, owner));
        TRY(reader.each(
            range_sql(owner, therapist_view), {owner.id},
            [&](const storage::Row& row) -> Result<void> {
                out.first_rating_at =
                    TRY(storage::stored_time(row, 0, "resource_ratings", "rated_at", "MIN"));
                out.last_rating_at =
                    TRY(storage::stored_time(row, 1, "resource_ratings", "rated_at", "MAX"));
                return {};
            }));
        auto ratings = TRY(store::latest_ratings(reader, owner, to_rfc3339(at), kTrendLength));
        for (const store::ResourceRecord& record : records) {
            Resource r = store::plain_fields(record);
            if (!visible_to(ctx.actor, r))
                continue;
            auto it = ratings.find(r.id);
            const bool rated_by_then = it != ratings.end() && !it->second.empty();
            // A rating may be dated back to the session it was taken in, before the record was
            // typed in: the resource existed then.
            const bool existed = r.created_at <= at || rated_by_then;
            const bool archived_by_then = r.archived_at && *r.archived_at <= at;
            if (!existed || archived_by_then)
                continue;
            // Only what is shown is decrypted; the note only for those who may see it.
            TRY(store::open_texts(reader, m_vault, record, therapist_view, r));
            MapEntry entry;
            if (rated_by_then) {
                std::vector<Rating>& history = it->second;
                entry.rating = history.back();
                r.latest_rating = history.back();
                entry.trend = std::move(history);
            }
            entry.resource = std::move(r);
            out.entries.push_back(std::move(entry));
        }
        return {};
    }));
    ctx.audit("resource_map.read", store::owner_type(owner), owner.id);
    return out;
}

}  // namespace trove::resources
