#pragma once
// Internal to the resources module: how its tables are stored, shared by the files that read and
// write them. Free text (title, description, evidence, therapist note, goal texts) is kept sealed
// in the records here and opened only on the way out, and only for what is shown.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/resources/goals.hpp"
#include "domain/resources/resources.hpp"
#include "storage/table.hpp"

namespace trove::resources::store {

//! A row of `resources` as stored: the four free texts are sealed.
struct ResourceRecord {
    std::string id, practice_id;
    std::optional<std::string> client_id, case_id;
    std::string title, description, category, source;
    std::optional<std::string> strength_code;
    bool stabilising = false;
    std::string evidence;
    bool visible_to_client = true;
    std::string therapist_note, status, created_by, created_by_role;
    TimeMs created_at = 0, updated_at = 0;
    std::optional<TimeMs> archived_at;
};

struct RatingRecord {
    std::string id, practice_id, resource_id;
    int availability = 0, activation = 0;
    TimeMs rated_at = 0;
    std::string rated_by, rated_by_role;
    TimeMs created_at = 0;
};

struct GoalRecord {
    std::string id, practice_id, client_id;
    GoalKind kind = GoalKind::goal;
    std::string title, description, status, created_by;
    TimeMs created_at = 0, updated_at = 0, status_changed_at = 0;
};

struct GoalLinkRecord {
    std::string practice_id, goal_id, resource_id;
};

struct ScaleRatingRecord {
    std::string id, practice_id, goal_id;
    int value = 0;
    TimeMs rated_at = 0;
    std::string rated_by, rated_by_role;
    TimeMs created_at = 0;
};

const storage::Table<ResourceRecord>& resources();
const storage::Table<RatingRecord>& resource_ratings();
const storage::Table<GoalRecord>& goals();
const storage::Table<GoalLinkRecord>& goal_resources();
const storage::Table<ScaleRatingRecord>& scale_ratings();

std::optional<GoalKind> parse_kind(const std::string& text);

//! "client_id" or "case_id".
const char* owner_column(const Owner& owner);
//! The owner's kind as audit events and errors name it: "client" or "case".
const char* owner_type(const Owner& owner);

//! The resource's fields that are not sealed; the sealed ones are left empty (see open_texts).
Resource plain_fields(const ResourceRecord& record);

//! Opens the sealed texts into `out`; the therapist note only when `with_note` (otherwise it is
//! left absent, as redact_for would leave it).
Result<void> open_texts(storage::Reader& reader, vault::Vault& vault, const ResourceRecord& record,
                        bool with_note, Resource& out);

Rating to_rating(const RatingRecord& record);
Rating to_rating(RatingRecord&& record);

//! The owner's resources, oldest first, as stored.
Result<std::vector<ResourceRecord>> owned_by(storage::Reader& reader, const Owner& owner);

//! All ratings of one resource, oldest first.
Result<std::vector<Rating>> ratings_of(storage::Reader& reader, const std::string& resource_id);

//! The last `per_resource` ratings at or before `at` (RFC 3339) of each of the owner's resources,
//! oldest first, by resource id.
Result<std::map<std::string, std::vector<Rating>>> latest_ratings(storage::Reader& reader,
                                                                  const Owner& owner,
                                                                  const std::string& at,
                                                                  std::size_t per_resource);

}  // namespace trove::resources::store
