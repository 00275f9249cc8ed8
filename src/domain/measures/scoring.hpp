#pragma once
// The one scoring engine: answers -> reversed items -> scale sums/means (with the instrument's
// missing-item rule) -> transform -> bands, T-scores, percentiles, alerts; and reliable change
// against an earlier score (Jacobson & Truax 1991). Pure functions of an Instrument and numbers;
// values are kept unrounded, rounding is for display only.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/measures/instrument.hpp"

namespace trove::measures {

//! Raw answers by linkId; nullopt (or an absent linkId) is a missing item.
using Answers = std::map<std::string, std::optional<int>>;

//! Where a score lies in a norm sample's published percentile table.
struct Percentile {
    double from = 0, to = 0;
    std::string norm;  // the norm's label
};

struct ScaleScore {
    std::string id;
    std::optional<double> value;  // nullopt: unscored (see `why`)
    std::optional<std::string> band;
    std::optional<double> t_score;
    std::optional<Percentile> percentile;
    int missing = 0;
    bool prorated = false;
    std::string why;  // why it is unscored
};

struct AlertHit {
    std::string item;
    int value = 0;
    std::string message;
};

struct Scored {
    std::string instrument, version;
    std::vector<ScaleScore> scales;  // in file order
    int missing = 0;                 // unanswered items of the questionnaire
    bool prorated = false;           // the primary score was prorated
    std::vector<AlertHit> alerts;
    std::vector<std::string> ranking;  // ranked instruments: scale ids, highest first

    const ScaleScore* scale(const std::string& id) const;
    //! The primary ("total") score, if the instrument has one.
    const ScaleScore* total(const Instrument& instrument) const;
};

//! The band a value falls in: the last whose lower bound it reaches (compared unrounded).
std::optional<std::string> band_of(const Scale& scale, double value);

//! The percentile band of the first norm with a percentile table whose [min, max] holds the
//! unrounded value; nullopt when no norm has a table or the value lies between its ranges (a
//! prorated 34.5 between 6-34 and 35-37 gets none rather than a guessed neighbour).
std::optional<Percentile> percentile_of(const Scale& scale, double value);

//! Scores answers. Unknown items or values outside the answer range are an error (400 / exit 2);
//! missing items beyond the rule leave scales unscored, which is not an error.
Result<Scored> score(const Instrument& instrument, const Answers& answers);

struct ChangeNorm {
    double sd = 0;
    double reliability = 0;
    std::string source;  // which norm, for the reader
};

struct Change {
    double difference = 0;  // now - baseline
    double sediff = 0;
    double rci = 0;
    std::string reliable;                        // improved, deteriorated, no_reliable_change
    std::optional<double> criterion;             // clinical cut-off used, if any
    std::optional<bool> clinically_significant;  // crossed the criterion with reliable change
    std::string norm_source;
};

//! The norm the instrument's scale offers for reliable change (first with sd and reliability).
std::optional<ChangeNorm> change_norm(const Scale& scale);

//! Reliable change from `baseline` to `now` on `scale`; nullopt when no norm gives an SD (Trove
//! then shows no RCI rather than an invented one).
std::optional<Change> reliable_change(const Instrument& instrument, const Scale& scale,
                                      double baseline, double now,
                                      std::optional<ChangeNorm> override_norm = std::nullopt);

//! Jacobson-Truax: SEdiff = SD * sqrt(2) * sqrt(1 - r).
double standard_error_of_difference(double sd, double reliability);

//! The JSON shape shared by `trove score` and the API:
//! {"instrument","version","scores":{"total":{"value","band",...},...},"missing","prorated","alerts",...}
//! A scale carries "t_score" and "percentile": {"from","to","norm"} only when its norms give them.
nlohmann::json to_json(const Instrument& instrument, const Scored& scored);
nlohmann::json to_json(const Change& change);

}  // namespace trove::measures
