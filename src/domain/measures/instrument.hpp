#pragma once
// Validated questionnaires as data: one JSON file per instrument (a FHIR R4 Questionnaire plus a
// `trove` block with the scoring key, norms, bands, alerts and licence; see docs/instruments.md).
// This module reads and checks those files; scoring.hpp scores answers against them. No instrument
// has code of its own.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace trove::measures {

struct Band {
    double min = 0;
    bool min_exclusive = false;
    std::string label;
};

//! A published percentile band: a raw score in [min, max] (both inclusive) lies between the
//! `from`-th and the `to`-th percentile of the norm sample.
struct PercentileBand {
    double min = 0, max = 0;
    double from = 0, to = 0;
};

//! A reference sample for reliable change, T-scores and percentiles.
struct Norm {
    std::string label;
    std::optional<double> mean, sd, reliability;
    std::string reliability_type;  // test-retest or alpha
    std::string sample, citation;
    bool verified = false;
    bool t_scores = false;
    //! Published percentile table, ascending and non-overlapping within the scale's range; empty
    //! when the source gives none (Trove never derives percentiles from a mean and SD).
    std::vector<PercentileBand> percentiles;
};

//! Clinical and functional distributions for the Jacobson-Truax criterion c.
struct Clinical {
    double clinical_mean = 0, clinical_sd = 0, functional_mean = 0, functional_sd = 0;
    std::string citation;
    bool verified = false;
};

struct Scale {
    enum class Method { sum, mean, difference };
    std::string id, label;
    Method method = Method::sum;
    std::vector<std::string> items;                // sum / mean
    std::pair<std::string, std::string> operands;  // difference: first - second
    double multiply = 1;
    int max_missing = 0;
    std::optional<std::pair<double, double>> range;
    std::string loinc;
    std::vector<Band> bands;
    std::vector<Norm> norms;
    std::optional<Clinical> clinical;
    std::optional<double> cutoff;
};

struct AlertRule {
    std::string item;
    int above = 0;
    std::string message;
};

struct Licence {
    std::string status;  // free, free_cite, free_credit, non_commercial, confirm
    bool default_enabled = true;
    std::string text, url;
};

struct Item {
    std::string link_id;
    std::string text;
};

//! A published, validated translation of the questionnaire into one language. Only the wording
//! changes: items keep their linkIds and answer values, so the one engine scores a translated
//! administration exactly as the original. `scales` holds what the language's own validation
//! study gives (norms, bands, cut-off) for the scales it names; a scale it does not name keeps the
//! original's, and `norms_note` says so in words (a translation never inherits silently).
struct Translation {
    std::string language;  // "pl", "de"
    std::string title, description, copyright;
    std::map<std::string, std::string> items;  // linkId -> item text
    std::map<int, std::string> answers;        // raw value -> answer label
    std::string source, source_url;            // the official version the wording is from
    Licence licence;
    std::string norms_note;
    std::vector<Scale> scales;  // per-language overrides: id, bands, norms, cutoff

    const Scale* scale(const std::string& id) const;
};

//! The languages a validated translation may be given in (English is the original).
inline const std::vector<std::string>& translation_languages() {
    static const std::vector<std::string> languages = {"pl", "de"};
    return languages;
}

struct Instrument {
    std::string id, version, title, short_name, construct, url, citation;
    bool higher_is_better = true;
    int response_min = 0, response_max = 0;
    std::set<std::string> reverse_items;
    std::vector<Item> items;
    std::vector<Scale> scales;
    std::optional<std::string> primary;  // the scale reported as "total"; none when ranked
    std::vector<AlertRule> alerts;
    bool ranked = false;
    Licence licence;
    nlohmann::json questionnaire;  // the FHIR R4 Questionnaire, without the `trove` block
    std::map<std::string, Translation> translations;  // by language; none for most instruments

    const Scale* scale(const std::string& id) const;
    const Item* item(const std::string& link_id) const;
    //! The translation into `language`, or nullptr (English is the original, never a translation).
    const Translation* translation(const std::string& language) const;
    //! `language` when a validated translation into it ships, else "en".
    std::string served_language(const std::string& language) const;
    //! The scale as scored in `language`: the translation's own norms, bands and cut-off where its
    //! validation study gives them, else the original's.
    const Scale* scale_in(const std::string& id, const std::string& language) const;
};

//! The questionnaire in `language` (or English when no validated translation into it ships):
//! title, description, copyright, item texts and answer labels replaced, and the FHIR `language`
//! element set to the language served.
nlohmann::json localized_questionnaire(const Instrument& instrument, const std::string& language);

//! localized_questionnaire plus every shipped translation of each text on its primitive's
//! extension element (`_title`, `_description`, `_copyright`, `item[]._text`,
//! `answerOption[].valueCoding._display`) with the standard FHIR translation extension
//! (http://hl7.org/fhir/StructureDefinition/translation: `lang` + `content`). When the served
//! language is not English, the English original is carried the same way.
nlohmann::json fhir_questionnaire(const Instrument& instrument, const std::string& language);

//! Parses and checks one instrument file; errors name the file and the field.
Result<Instrument> parse_instrument(const std::string& file_name, const std::string& text);

//! Every `*.json` under `folder`, sorted by id; the first bad file stops the load.
Result<std::vector<Instrument>> load_instruments(const std::string& folder);

//! Where the shipped instrument files are: $TROVE_INSTRUMENTS, else `instruments/` beside the
//! binary's parent folders or the working directory (the first that exists).
std::string find_instruments_folder();

}  // namespace trove::measures
