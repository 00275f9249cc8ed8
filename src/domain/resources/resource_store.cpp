#include "domain/resources/resource_store.hpp"

#include <algorithm>
#include <limits>

namespace trove::resources::store {

using storage::column;
using storage::time_column;

const storage::Table<ResourceRecord>& resources() {
    static const storage::Table<ResourceRecord> table{
        "resources",
        {column("id", &ResourceRecord::id), column("practice_id", &ResourceRecord::practice_id),
         column("client_id", &ResourceRecord::client_id),
         column("case_id", &ResourceRecord::case_id), column("title", &ResourceRecord::title),
         column("description", &ResourceRecord::description),
         column("category", &ResourceRecord::category), column("source", &ResourceRecord::source),
         column("strength_code", &ResourceRecord::strength_code),
         column("stabilising", &ResourceRecord::stabilising),
         column("evidence", &ResourceRecord::evidence),
         column("visible_to_client", &ResourceRecord::visible_to_client),
         column("therapist_note", &ResourceRecord::therapist_note),
         column("status", &ResourceRecord::status),
         column("created_by", &ResourceRecord::created_by),
         column("created_by_role", &ResourceRecord::created_by_role),
         time_column("created_at", &ResourceRecord::created_at),
         time_column("updated_at", &ResourceRecord::updated_at),
         time_column("archived_at", &ResourceRecord::archived_at)}};
    return table;
}

const storage::Table<RatingRecord>& resource_ratings() {
    static const storage::Table<RatingRecord> table{
        "resource_ratings",
        {column("id", &RatingRecord::id), column("practice_id", &RatingRecord::practice_id),
         column("resource_id", &RatingRecord::resource_id),
         column("availability", &RatingRecord::availability),
         column("activation", &RatingRecord::activation),
         time_column("rated_at", &RatingRecord::rated_at),
         column("rated_by", &RatingRecord::rated_by),
         column("rated_by_role", &RatingRecord::rated_by_role),
         time_column("created_at", &RatingRecord::created_at)}};
    return table;
}

std::optional<GoalKind> parse_kind(const std::string& text) {
    if (text == "goal")
        return GoalKind::goal;
    if (text == "problem")
        return GoalKind::problem;
    return std::nullopt;
}

const storage::Table<GoalRecord>& goals() {
    static const storage::Table<GoalRecord> table{
        "goals",
        {column("id", &GoalRecord::id), column("practice_id", &GoalRecord::practice_id),
         column("client_id", &GoalRecord::client_id),
         storage::custom_column<GoalRecord>(
             "kind", [](const GoalRecord& g) { return storage::Param(to_string(g.kind)); },
             [](const storage::Row& row, int index, GoalRecord& g) {
                 auto kind = parse_kind(row.text(index));
                 if (!kind)
                     return false;
                 g.kind = *kind;
                 return true;
             }),
         column("title", &GoalRecord::title), column("description", &GoalRecord::description),
         column("status", &GoalRecord::status), column("created_by", &GoalRecord::created_by),
         time_column("created_at", &GoalRecord::created_at),
         time_column("updated_at", &GoalRecord::updated_at),
         time_column("status_changed_at", &GoalRecord::status_changed_at)}};
    return table;
}

const storage::Table<GoalLinkRecord>& goal_resources() {
    static const storage::Table<GoalLinkRecord> table{
        "goal_resources",
        {column("practice_id", &GoalLinkRecord::practice_id),
         column("goal_id", &GoalLinkRecord::goal_id),
         column("resource_id", &GoalLinkRecord::resource_id)}};
    return table;
}

const storage::Table<ScaleRatingRecord>& scale_ratings() {
    static const storage::Table<ScaleRatingRecord> table{
        "scale_ratings",
        {column("id", &ScaleRatingRecord::id),
         column("practice_id", &ScaleRatingRecord::practice_id),
         column("goal_id", &ScaleRatingRecord::goal_id), column("value", &ScaleRatingRecord::value),
         time_column("rated_at", &ScaleRatingRecord::rated_at),
         column("rated_by", &ScaleRatingRecord::rated_by),
         column("rated_by_role", &ScaleRatingRecord::rated_by_role),
         time_column("created_at", &ScaleRatingRecord::created_at)}};
    return table;
}

const char* owner_column(const Owner& owner) {
    return owner.kind == Owner::Kind::client ? "client_id" : "case_id";
}

const char* owner_type(const Owner& owner) {
    return owner.kind == Owner::Kind::client ? "client" : "case";
}

Resource plain_fields(const ResourceRecord& r) {
    Resource out;
    out.id = r.id;
    out.practice_id = r.practice_id;
    out.client_id = r.client_id.value_or("");
    out.case_id = r.case_id.value_or("");
    out.category = r.category;
    out.source = r.source;
    out.strength_code = r.strength_code;
    out.stabilising = r.stabilising;
    out.visible_to_client = r.visible_to_client;
    out.status = r.status;
    out.created_by_role = r.created_by_role;
    out.created_at = r.created_at;
    out.updated_at = r.updated_at;
    out.archived_at = r.archived_at;
    return out;
}

Result<void> open_texts(storage::Reader& reader, vault::Vault& vault, const ResourceRecord& r,
                        bool with_note, Resource& out) {
    out.title = TRY(vault.open(reader, r.practice_id, r.title));
    out.description = TRY(vault.open(reader, r.practice_id, r.description));
    out.evidence = TRY(vault.open(reader, r.practice_id, r.evidence));
    if (with_note)
        out.therapist_note = TRY(vault.open(reader, r.practice_id, r.therapist_note));
    else
        out.therapist_note.reset();
    return {};
}

Rating to_rating(const RatingRecord& r) {
    return Rating{r.id, r.resource_id, r.availability, r.activation, r.rated_at, r.rated_by_role};
}

Rating to_rating(RatingRecord&& r) {
    return Rating{std::move(r.id), std::move(r.resource_id),  r.availability, r.activation,
                  r.rated_at,      std::move(r.rated_by_role)};
}

Result<std::vector<ResourceRecord>> owned_by(storage::Reader& reader, const Owner& owner) {
    static const std::string by_client = "WHERE client_id = ? ORDER BY created_at, id";
    static const std::string by_case = "WHERE case_id = ? ORDER BY created_at, id";
    return resources().select(reader, owner.kind == Owner::Kind::client ? by_client : by_case,
                              {owner.id});
}

Result<std::vector<Rating>> ratings_of(storage::Reader& reader, const std::string& resource_id) {
    std::vector<Rating> out;
    for (RatingRecord& r : TRY(resource_ratings().select(
             reader, "WHERE resource_id = ? ORDER BY rated_at, id", {resource_id})))
        out.push_back(to_rating(std::move(r)));
    return out;
}

namespace {

std::string owner_ratings_sql(const char* column) {
    return "SELECT " + resource_ratings().select_list("rr") +
           " FROM resource_ratings rr JOIN resources r ON r.id = rr.resource_id WHERE r." + column +
           " = ? AND rr.rated_at <= ?";
}

// The ratings a query returns, by resource, oldest first, at most the newest `keep` of each. Rows
// usually come grouped by resource (an index walk), so the last group is looked up once per run;
// the order within a group is made certain here rather than by ORDER BY (sorting 10,000 rows in
// SQLite cost 20 times the query itself).
Result<std::map<std::string, std::vector<Rating>>> ratings_by_resource(
    storage::Reader& reader, const std::string& sql, const storage::Params& params,
    std::size_t keep) {
    std::map<std::string, std::vector<Rating>> out;
    const auto& table = resource_ratings();
    std::vector<Rating>* group = nullptr;
    TRY(reader.each(sql, params, [&](const storage::Row& row) -> Result<void> {
        Rating r = to_rating(TRY(table.decode(row)));
        if (!group || group->front().resource_id != r.resource_id)
            group = &out[r.resource_id];
        group->push_back(std::move(r));
        return {};
    }));
    for (auto& [id, ratings] : out) {
        std::sort(ratings.begin(), ratings.end(), [](const Rating& a, const Rating& b) {
            return a.rated_at != b.rated_at ? a.rated_at < b.rated_at : a.id < b.id;
        });
        if (ratings.size() > keep)
            ratings.erase(ratings.begin(), ratings.end() - static_cast<std::ptrdiff_t>(keep));
    }
    return out;
}

}  // namespace

// The map and the list need only the last few ratings of each resource; reading all of them (50
// per resource, 10,000 for a large map) and decoding each was most of the map's time. Only the
// timeline asks for every rating.
Result<std::map<std::string, std::vector<Rating>>> latest_ratings(storage::Reader& reader,
                                                                  const Owner& owner,
                                                                  const std::string& at,
                                                                  std::size_t per_resource) {
    const bool by_client = owner.kind == Owner::Kind::client;
    if (per_resource == 0)
        return std::map<std::string, std::vector<Rating>>{};
    if (per_resource == std::numeric_limits<std::size_t>::max()) {
        static const std::string all_of_client = owner_ratings_sql("client_id");
        static const std::string all_of_case = owner_ratings_sql("case_id");
        return ratings_by_resource(reader, by_client ? all_of_client : all_of_case, {owner.id, at},
                                   per_resource);
    }
    const auto limit = static_cast<std::int64_t>(per_resource);
    if (reader.dialect() == storage::Dialect::postgres) {
        // Each resource's newest ratings through a LATERAL join with LIMIT.
        static const auto lateral = [](const char* column) {
            return "SELECT " + resource_ratings().select_list("rr") +
                   " FROM resources r CROSS JOIN LATERAL (SELECT * FROM resource_ratings x WHERE "
                   "x.resource_id = r.id AND x.rated_at <= ? ORDER BY x.rated_at DESC, x.id DESC "
                   "LIMIT ?) rr WHERE r." +
                   std::string(column) + " = ? ORDER BY rr.resource_id";
        };
        static const std::string of_client = lateral("client_id");
        static const std::string of_case = lateral("case_id");
        return ratings_by_resource(reader, by_client ? of_client : of_case, {at, limit, owner.id},
                                   per_resource);
    }
    // SQLite has no LATERAL. The index walk of each resource starts at its N-th newest rating:
    // SQLite evaluates the subquery once per resource, as the lower bound of the range it reads
    // from the (resource_id, rated_at, id) index. Ties on that timestamp may bring a rating or two
    // more; ratings_by_resource keeps the newest N.
    static const auto bounded = [](const char* column) {
        return "SELECT " + resource_ratings().select_list("rr") +
               " FROM resources r JOIN resource_ratings rr ON rr.resource_id = r.id WHERE r." +
               std::string(column) +
               " = ? AND rr.rated_at <= ? AND rr.rated_at >= COALESCE((SELECT x.rated_at FROM "
               "resource_ratings x WHERE x.resource_id = r.id AND x.rated_at <= ? ORDER BY "
               "x.rated_at DESC LIMIT 1 OFFSET ?), '')";
    };
    static const std::string of_client = bounded("client_id");
    static const std::string of_case = bounded("case_id");
    return ratings_by_resource(reader, by_client ? of_client : of_case,
                               {owner.id, at, at, limit - 1}, per_resource);
}

}  // namespace trove::resources::store
