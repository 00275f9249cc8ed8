#pragma once
// `trove score`: scores one administration of a shipped instrument from the command line, with the
// same engine and JSON shape as the API. Exit 0 with the JSON on stdout (also when missing items
// leave the total unscored), exit 2 with a one-line error for invalid input.

#include <optional>
#include <string>

namespace trove::app {

struct ScoreFlags {
    std::string instrument;                    // positional ID
    std::optional<std::string> answers;        // "v1,v2,..." (empty value = missing item)
    std::optional<std::string> response_file;  // a FHIR R4 QuestionnaireResponse
    std::optional<double> baseline;
    std::optional<double> norm_sd;
    std::optional<double> norm_r;
    std::string instruments_folder;  // empty: find the shipped folder
};

int run_score(const ScoreFlags& flags);

}  // namespace trove::app
