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

//! Checks and trims a card's contacts, steps and reasons. Pure.
Result<CopingCard> validate(const CopingCard& card);

}  // namespace trove::resources
