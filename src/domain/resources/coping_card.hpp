#pragma once
// The coping card (trauma work): on one page, the client's stabilising resources, the people they
// can call, the calming steps that work for them and their reasons to get through a hard moment.
// It is now a view of the client's safety plan (domain/safety/safety_plan.hpp), which stores it;
// this header keeps the card's shape and its checks.

#include <optional>
#include <string>
#include <vector>

#include "domain/resources/resources.hpp"

namespace trove::resources {

struct CopingContact {
    std::string name;
    std::string phone;
    std::string note;
};

struct CopingCard {
    std::vector<CopingContact> contacts;
    std::vector<std::string> calming_steps;
    std::vector<std::string> reasons;
    std::vector<Resource> stabilising_resources;  // read-only: active resources flagged stabilising
    std::optional<TimeMs> updated_at;
};

//! The card as the resources store keeps it (coping_cards): the safety plan's content, sealed by
//! the vault, and when it was last changed.
struct StoredCard {
    std::string practice_id;
    std::string content;  // sealed
    TimeMs updated_at = 0;
};

//! Inside a transaction: the client's stored card, if one was ever stored.
Result<std::optional<StoredCard>> stored_card_in(storage::Reader& reader,
                                                 const std::string& client_id);
//! Inside the caller's transaction (which carries the audit event): stores the client's card
//! (sealed content), made on its first store.
Result<void> store_card_in(storage::Tx& tx, const std::string& client_id,
                           const std::string& practice_id, const std::string& sealed_content,
                           const std::string& updated_by, TimeMs updated_at);

//! Trimmed lines of at most 300 characters each, blank ones dropped; more than `max_lines` is 400
//! naming `field`. Pure; shared with the safety plan.
Result<std::vector<std::string>> clean_lines(const std::string& field,
                                             const std::vector<std::string>& lines,
                                             std::size_t max_lines);

//! At most 10 people, each with a name (one line), a phone number (one line) and a note. Pure;
//! errors name `field`.
Result<std::vector<CopingContact>> clean_contacts(const std::string& field,
                                                  const std::vector<CopingContact>& contacts);

//! Checks and trims a card's contacts, steps and reasons. Pure.
Result<CopingCard> validate(const CopingCard& card);

}  // namespace trove::resources
