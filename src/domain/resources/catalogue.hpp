#pragma once
// The fixed vocabularies of the resource map: the eight categories, the 24 VIA character strengths
// (codes are a contract; names and one-line descriptions are our own words) and the questions of
// the guided resource interview. Data only; no I/O.

#include <string>
#include <string_view>
#include <vector>

namespace trove::resources {

struct Category {
    std::string code;   // "strength"
    std::string title;  // "Strengths"
};

struct Strength {
    std::string code;  // "perseverance"
    std::string name;  // "Perseverance"
    std::string virtue;
    std::string description;
};

struct InterviewSection {
    std::string category;
    std::string title;
    std::vector<std::string> questions;
};

const std::vector<Category>& categories();
const std::vector<Strength>& strengths();
const std::vector<InterviewSection>& interview();

bool is_category(std::string_view code);
bool is_strength(std::string_view code);

}  // namespace trove::resources
