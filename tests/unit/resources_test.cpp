#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "domain/resources/resources.hpp"

using namespace trove;
using namespace trove::resources;

namespace {

std::string repeat(const std::string& piece, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += piece;
    return out;
}

const std::string kE = "\xC3\xA9";  // é, two bytes

TimeMs at(const char* text) {
    std::optional<TimeMs> t = parse_rfc3339(text);
    EXPECT_TRUE(t.has_value()) << text;
    return t.value_or(0);
}

// The least a new resource needs.
ResourceFields minimal() {
    ResourceFields f;
    f.title = "Morning walk";
    f.category = "body";
    return f;
}

// The field a validation error names, or "" when validation passed.
std::string refused_field(const ResourceFields& fields, bool creating) {
    auto r = validate(fields, creating);
    return r.ok() ? "" : r.error().field;
}

Actor actor(Role role) {
    Actor a;
    a.user_id = "user-1";
    a.practice_id = "practice-1";
    a.role = role;
    a.client_id = role == Role::client ? "client-1" : "";
    return a;
}

Resource resource(bool visible_to_client) {
    Resource r;
    r.id = "res-1";
    r.client_id = "client-1";
    r.title = "Grandmother's garden";
    r.description = "Where I spent summers.";
    r.category = "material";
    r.visible_to_client = visible_to_client;
    r.therapist_note = "Links to attachment; use in imagery work.";
    r.status = "active";
    return r;
}

}  // namespace

// ---- validate(ResourceFields) -------------------------------------------------------------------

TEST(resource_fields, a_new_resource_needs_a_title) {
    ResourceFields f;
    f.category = "skill";
    EXPECT_EQ(refused_field(f, true), "title");
}

TEST(resource_fields, a_new_resource_needs_a_category) {
    ResourceFields f;
    f.title = "Plays the guitar";
    EXPECT_EQ(refused_field(f, true), "category");
}

TEST(resource_fields, a_new_resource_with_title_and_category_passes_with_the_title_trimmed) {
    ResourceFields f = minimal();
    f.title = "   Morning walk \t";
    auto r = validate(f, true);
    ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
    EXPECT_EQ(r.value().title, "Morning walk");
    EXPECT_EQ(r.value().category, "body");
}

TEST(resource_fields, an_update_may_leave_every_field_out) {
    auto r = validate(ResourceFields{}, false);
    ASSERT_TRUE(r.ok()) << r.error().field;
    EXPECT_FALSE(r.value().title.has_value());
    EXPECT_FALSE(r.value().category.has_value());
}

TEST(resource_fields, a_blank_or_overlong_title_is_refused_on_create_and_update) {
    for (bool creating : {true, false}) {
        ResourceFields blank = minimal();
        blank.title = "   ";
        EXPECT_EQ(refused_field(blank, creating), "title");

        ResourceFields longest = minimal();
        longest.title = repeat(kE, 200);
        EXPECT_EQ(refused_field(longest, creating), "");

        ResourceFields too_long = minimal();
        too_long.title = repeat(kE, 201);
        EXPECT_EQ(refused_field(too_long, creating), "title");

        ResourceFields two_lines = minimal();
        two_lines.title = "Morning\nwalk";
        EXPECT_EQ(refused_field(two_lines, creating), "title");
    }
}

TEST(resource_fields, every_one_of_the_eight_categories_is_accepted) {
    for (const char* category :
         {"strength", "skill", "social", "body", "material", "meaning", "interest", "success"}) {
        ResourceFields f = minimal();
        f.category = category;
        EXPECT_EQ(refused_field(f, true), "") << category;
    }
}

TEST(resource_fields, an_unknown_category_is_refused) {
    for (const char* category : {"Strength", "strengths", "hobby", ""}) {
        ResourceFields f = minimal();
        f.category = category;
        EXPECT_EQ(refused_field(f, true), "category") << "'" << category << "'";
        ResourceFields update;
        update.category = category;
        EXPECT_EQ(refused_field(update, false), "category") << "'" << category << "'";
    }
}

TEST(resource_fields, the_source_is_client_therapist_or_assessment) {
    for (const char* source : {"client", "therapist", "assessment"}) {
        ResourceFields f = minimal();
        f.source = source;
        EXPECT_EQ(refused_field(f, true), "") << source;
    }
    for (const char* source : {"patient", "Client", ""}) {
        ResourceFields f = minimal();
        f.source = source;
        EXPECT_EQ(refused_field(f, true), "source") << "'" << source << "'";
    }
}

TEST(resource_fields, a_strength_code_must_be_one_of_the_24) {
    ResourceFields known = minimal();
    known.category = "strength";
    known.strength_code = std::optional<std::string>("perseverance");
    auto r = validate(known, true);
    ASSERT_TRUE(r.ok()) << r.error().field;
    ASSERT_TRUE(r.value().strength_code.has_value());
    EXPECT_EQ(*r.value().strength_code, std::optional<std::string>("perseverance"));

    for (const char* code : {"humour", "Perseverance", "wisdom", ""}) {
        ResourceFields unknown = minimal();
        unknown.strength_code = std::optional<std::string>(code);
        EXPECT_EQ(refused_field(unknown, true), "strength_code") << "'" << code << "'";
    }
}

TEST(resource_fields, a_null_strength_code_clears_it_and_is_kept_as_null) {
    ResourceFields f;
    f.strength_code = std::optional<std::string>();  // present, null
    auto r = validate(f, false);
    ASSERT_TRUE(r.ok()) << r.error().field;
    ASSERT_TRUE(r.value().strength_code.has_value());    // still "change it"
    EXPECT_FALSE(r.value().strength_code->has_value());  // ... to nothing
}

TEST(resource_fields, the_status_is_proposed_active_or_archived) {
    for (const char* status : {"proposed", "active", "archived"}) {
        ResourceFields f;
        f.status = status;
        EXPECT_EQ(refused_field(f, false), "") << status;
    }
    for (const char* status : {"deleted", "Active", "all", ""}) {
        ResourceFields f;
        f.status = status;
        EXPECT_EQ(refused_field(f, false), "status") << "'" << status << "'";
    }
}

TEST(resource_fields, long_texts_may_have_4000_characters_and_no_more) {
    const std::string at_limit = repeat(kE, 4000);  // 8000 bytes
    const std::string over = repeat(kE, 4001);

    ResourceFields ok = minimal();
    ok.description = at_limit;
    ok.evidence = at_limit;
    ok.therapist_note = at_limit;
    EXPECT_EQ(refused_field(ok, true), "");

    ResourceFields long_description = minimal();
    long_description.description = over;
    EXPECT_EQ(refused_field(long_description, true), "description");

    ResourceFields long_evidence = minimal();
    long_evidence.evidence = over;
    EXPECT_EQ(refused_field(long_evidence, true), "evidence");

    ResourceFields long_note = minimal();
    long_note.therapist_note = over;
    EXPECT_EQ(refused_field(long_note, true), "therapist_note");
}

TEST(resource_fields, long_texts_keep_line_breaks_and_are_trimmed) {
    ResourceFields f = minimal();
    f.description = "  Summers there.\nThe smell of tomatoes.  ";
    f.evidence = "\tSaid so in session 3. ";
    auto r = validate(f, true);
    ASSERT_TRUE(r.ok()) << r.error().field;
    EXPECT_EQ(r.value().description, "Summers there.\nThe smell of tomatoes.");
    EXPECT_EQ(r.value().evidence, "Said so in session 3.");
}

TEST(resource_fields, control_characters_in_long_texts_are_refused_naming_the_field) {
    ResourceFields f = minimal();
    f.therapist_note = "note\x01";
    EXPECT_EQ(refused_field(f, true), "therapist_note");
}

// ---- validate_rating ----------------------------------------------------------------------------

namespace {

RatingInput rating(std::optional<int> availability, std::optional<int> activation) {
    RatingInput in;
    in.availability = availability;
    in.activation = activation;
    return in;
}

}  // namespace

TEST(rating, both_values_from_0_to_10_pass_and_come_back_in_order) {
    const TimeMs now = at("2026-03-10T12:00:00Z");
    auto r = validate_rating(rating(3, 7), now);
    ASSERT_TRUE(r.ok()) << r.error().field;
    EXPECT_EQ(r.value().first.first, 3);   // availability
    EXPECT_EQ(r.value().first.second, 7);  // activation
    EXPECT_EQ(r.value().second, now);      // no time given: now

    const std::pair<int, int> edges[] = {{0, 0}, {10, 10}, {0, 10}, {10, 0}};
    for (auto [availability, activation] : edges) {
        auto edge = validate_rating(rating(availability, activation), now);
        ASSERT_TRUE(edge.ok()) << availability << "/" << activation;
        EXPECT_EQ(edge.value().first, std::make_pair(availability, activation));
    }
}

TEST(rating, an_availability_outside_0_to_10_is_refused_naming_availability) {
    const TimeMs now = at("2026-03-10T12:00:00Z");
    for (int v : {-1, 11, 100}) {
        auto r = validate_rating(rating(v, 5), now);
        ASSERT_FALSE(r.ok()) << v;
        EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
        EXPECT_EQ(r.error().field, "availability") << v;
    }
}

TEST(rating, an_activation_outside_0_to_10_is_refused_naming_activation) {
    const TimeMs now = at("2026-03-10T12:00:00Z");
    for (int v : {-1, 11, -100}) {
        auto r = validate_rating(rating(5, v), now);
        ASSERT_FALSE(r.ok()) << v;
        EXPECT_EQ(r.error().field, "activation") << v;
    }
}

TEST(rating, a_missing_value_is_refused_naming_it) {
    const TimeMs now = at("2026-03-10T12:00:00Z");
    auto no_availability = validate_rating(rating(std::nullopt, 4), now);
    ASSERT_FALSE(no_availability.ok());
    EXPECT_EQ(no_availability.error().field, "availability");

    auto no_activation = validate_rating(rating(4, std::nullopt), now);
    ASSERT_FALSE(no_activation.ok());
    EXPECT_EQ(no_activation.error().field, "activation");

    EXPECT_FALSE(validate_rating(rating(std::nullopt, std::nullopt), now).ok());
}

TEST(rating, a_given_time_is_used_and_checked) {
    const TimeMs now = at("2026-03-10T12:00:00Z");
    RatingInput past = rating(2, 2);
    past.rated_at = "2026-03-01T09:00:00Z";
    auto r = validate_rating(past, now);
    ASSERT_TRUE(r.ok()) << r.error().field;
    EXPECT_EQ(r.value().second, now - (9 * 24 + 3) * 3600 * 1000LL);

    for (const char* bad : {"2026-03-11T12:00:00Z", "1999-06-01T00:00:00Z", "last week"}) {
        RatingInput in = rating(2, 2);
        in.rated_at = bad;
        auto refused = validate_rating(in, now);
        ASSERT_FALSE(refused.ok()) << bad;
        EXPECT_EQ(refused.error().field, "rated_at") << bad;
    }
}

// ---- visible_to and redact_for ------------------------------------------------------------------

TEST(redaction, a_client_loses_the_therapist_note_and_keeps_the_rest) {
    Resource r = resource(true);
    redact_for(actor(Role::client), r);
    EXPECT_FALSE(r.therapist_note.has_value());
    EXPECT_EQ(r.title, "Grandmother's garden");
    EXPECT_EQ(r.description, "Where I spent summers.");
}

TEST(redaction, therapists_and_supervisors_keep_the_therapist_note) {
    for (Role role : {Role::therapist, Role::supervisor}) {
        Resource r = resource(false);
        redact_for(actor(role), r);
        ASSERT_TRUE(r.therapist_note.has_value()) << to_string(role);
        EXPECT_EQ(*r.therapist_note, "Links to attachment; use in imagery work.");
    }
}

TEST(redaction, an_admin_never_gets_the_therapist_note) {
    Resource r = resource(true);
    redact_for(actor(Role::admin), r);
    EXPECT_FALSE(r.therapist_note.has_value());
}

TEST(redaction, a_client_sees_only_resources_shared_with_them) {
    EXPECT_TRUE(visible_to(actor(Role::client), resource(true)));
    EXPECT_FALSE(visible_to(actor(Role::client), resource(false)));
}

TEST(redaction, therapists_and_supervisors_see_shared_and_unshared_resources) {
    for (Role role : {Role::therapist, Role::supervisor}) {
        EXPECT_TRUE(visible_to(actor(role), resource(true))) << to_string(role);
        EXPECT_TRUE(visible_to(actor(role), resource(false))) << to_string(role);
    }
}
