// The audit chain's hash rule: version 2 hashes length-prefixed fields, so text moved from one
// field into the next (a denied request's path id may hold any byte, a unit separator included)
// changes the hash; version 1, kept only to verify old events, did not notice.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "domain/audit/audit_log.hpp"

using namespace trove;
using namespace trove::audit;

namespace {
AuditEvent denied_read(std::string object_type, std::string object_id) {
    AuditEvent e;
    e.practice_id = "01PRACTICE";
    e.at = 1700000000000;
    e.actor_id = "01ACTOR";
    e.actor_role = "therapist";
    e.action = "client.read";
    e.object_type = std::move(object_type);
    e.object_id = std::move(object_id);
    e.outcome = Outcome::denied;
    e.ip = "192.0.2.7";
    return e;
}
}  // namespace

TEST(audit_hash, text_shifted_across_a_separator_fooled_version_1_but_not_version_2) {
    crypto::init();
    // A denied request's path id "a<US>b" of type "client", against type "client<US>a" and id "b".
    const AuditEvent original = denied_read("client", std::string("a\x1f") + "b");
    const AuditEvent shifted = denied_read(std::string("client\x1f") + "a", "b");
    const std::string prev(64, '0');
    EXPECT_EQ(event_hash(prev, "01PRACTICE", 5, original, 1),
              event_hash(prev, "01PRACTICE", 5, shifted, 1))
        << "the weakness version 2 fixes";
    EXPECT_NE(event_hash(prev, "01PRACTICE", 5, original, 2),
              event_hash(prev, "01PRACTICE", 5, shifted, 2));
}

TEST(audit_hash, versions_never_share_a_hash_and_new_events_use_version_2) {
    crypto::init();
    const AuditEvent e = denied_read("client", "01CLIENT");
    const std::string prev(64, '0');
    EXPECT_NE(event_hash(prev, "c", 1, e, 1), event_hash(prev, "c", 1, e, 2));
    EXPECT_EQ(event_hash(prev, "c", 1, e), event_hash(prev, "c", 1, e, 2));
    EXPECT_EQ(kCurrentHashVersion, 2);
}
