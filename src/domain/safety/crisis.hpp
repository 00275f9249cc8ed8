#pragma once
// A practice's crisis resources: the calm text and the numbers a client in distress sees wherever
// they give a risk signal (a critical questionnaire answer, a very low mood, their safety plan).
// Pure: checking, defaults, and the stored form. Trove never calls anyone itself; these are the
// numbers a person can call.

#include <string>
#include <vector>

#include "core/result.hpp"

namespace trove::safety {

struct CrisisContact {
    std::string label;  // "TelefonSeelsorge"
    std::string phone;  // tel: link on a phone; may be empty when `sms` or `url` is given
    std::string sms;
    std::string url;    // https:// only
    std::string hours;  // "24 hours, every day"
};

struct CrisisResources {
    std::string text;
    std::vector<CrisisContact> contacts;
};

//! What a new practice starts with: a neutral text and the EU emergency number 112.
CrisisResources default_crisis_resources();

//! Trims and checks: text 1..2000 characters, 1..12 contacts each with a label and at least one
//! way to reach it, at least one contact with a phone number, phone and SMS numbers made of digits,
//! spaces, '+', '-', '/', '(' and ')', web addresses http(s) only. 400 naming the field
//! (`text`, `contacts`, `contacts[2].phone`).
Result<CrisisResources> validate(const CrisisResources& input);

//! The stored form (JSON text) and back. A stored value that does not read is an error, never
//! an empty list of numbers.
std::string to_stored(const CrisisResources& crisis);
Result<CrisisResources> from_stored(const std::string& text);

}  // namespace trove::safety
