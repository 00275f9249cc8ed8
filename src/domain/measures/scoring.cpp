#include "domain/measures/scoring.hpp"

#include <algorithm>
#include <cmath>

namespace trove::measures {

namespace {

constexpr double kReliableZ = 1.96;

// One sum/mean scale: reversed values, the missing-item rule, the transform.
ScaleScore score_items(const Instrument& ins, const Scale& scale, const Answers& answers) {
    ScaleScore out;
    out.id = scale.id;
    double sum = 0;
    int answered = 0;
    for (const std::string& id : scale.items) {
        auto it = answers.find(id);
        if (it == answers.end() || !it->second) {
            ++out.missing;
            continue;
        }
        int v = *it->second;
        if (ins.reverse_items.count(id))
            v = ins.response_min + ins.response_max - v;
        sum += v;
        ++answered;
    }
    if (out.missing > scale.max_missing || answered == 0) {
        out.why = std::to_string(out.missing) + " of " + std::to_string(scale.items.size()) +
                  " items unanswered; this scale allows at most " +
                  std::to_string(scale.max_missing) + ".";
        return out;
    }
    // Each missing item takes the mean of the answered ones (PHQ-9: NHS rule; GSE: MEAN.7).
    const double mean = sum / answered;
    double value = scale.method == Scale::Method::mean ? mean : mean * scale.items.size();
    out.value = value * scale.multiply;
    out.prorated = out.missing > 0;
    return out;
}

}  // namespace

std::optional<std::string> band_of(const Scale& scale, double value) {
    std::optional<std::string> found;
    for (const Band& b : scale.bands) {
        if (b.min_exclusive ? value > b.min : value >= b.min)
            found = b.label;
    }
    return found;
}

std::optional<Percentile> percentile_of(const Scale& scale, double value) {
    // Floating-point slack only: a prorated sum that is 35 on paper may come out as
    // 34.999999999999996. It is far too small to bridge a real gap such as 34.5.
    constexpr double kSlack = 1e-9;
    for (const Norm& n : scale.norms) {
        if (n.percentiles.empty())
            continue;
        for (const PercentileBand& p : n.percentiles) {
            if (value >= p.min - kSlack && value <= p.max + kSlack)
                return Percentile{p.from, p.to, n.label};
        }
        return std::nullopt;  // the first table decides; a value between its ranges gets none
    }
    return std::nullopt;
}

const ScaleScore* Scored::scale(const std::string& id) const {
    for (const ScaleScore& s : scales)
        if (s.id == id)
            return &s;
    return nullptr;
}

const ScaleScore* Scored::total(const Instrument& instrument) const {
    return instrument.primary ? scale(*instrument.primary) : nullptr;
}

Result<Scored> score(const Instrument& ins, const Answers& answers) {
    for (const auto& [id, value] : answers) {
        if (!ins.item(id)) {
            return Error::invalid("answers", "'" + id + "' is not an item of " + ins.short_name +
                                                 " (items are 1 to " +
                                                 std::to_string(ins.items.size()) + ").");
        }
        if (value && (*value < ins.response_min || *value > ins.response_max)) {
            return Error::invalid("answers", "Item " + id + " of " + ins.short_name +
                                                 " takes values from " +
                                                 std::to_string(ins.response_min) + " to " +
                                                 std::to_string(ins.response_max) + ", not " +
                                                 std::to_string(*value) + ".");
        }
    }
    Scored out;
    out.instrument = ins.id;
    out.version = ins.version;
    for (const Item& item : ins.items) {
        auto it = answers.find(item.link_id);
        if (it == answers.end() || !it->second)
            ++out.missing;
    }
    for (const Scale& s : ins.scales) {
        if (s.method != Scale::Method::difference)
            out.scales.push_back(score_items(ins, s, answers));
        else
            out.scales.emplace_back().id = s.id;
    }
    // Difference scales after their operands.
    for (std::size_t i = 0; i < ins.scales.size(); ++i) {
        const Scale& s = ins.scales[i];
        if (s.method != Scale::Method::difference)
            continue;
        const ScaleScore* a = out.scale(s.operands.first);
        const ScaleScore* b = out.scale(s.operands.second);
        ScaleScore& d = out.scales[i];
        d.missing = a->missing + b->missing;
        if (a->value && b->value) {
            d.value = (*a->value - *b->value) * s.multiply;
            d.prorated = a->prorated || b->prorated;
        } else {
            d.why = "Needs both " + s.operands.first + " and " + s.operands.second + ".";
        }
    }
    for (std::size_t i = 0; i < ins.scales.size(); ++i) {
        const Scale& s = ins.scales[i];
        ScaleScore& sc = out.scales[i];
        if (!sc.value)
            continue;
        sc.band = band_of(s, *sc.value);
        sc.percentile = percentile_of(s, *sc.value);
        for (const Norm& n : s.norms) {
            if (n.t_scores && n.mean && n.sd) {
                sc.t_score = 50.0 + 10.0 * (*sc.value - *n.mean) / *n.sd;
                break;
            }
        }
    }
    if (const ScaleScore* total = out.total(ins))
        out.prorated = total->prorated;
    for (const AlertRule& rule : ins.alerts) {
        auto it = answers.find(rule.item);
        if (it != answers.end() && it->second && *it->second > rule.above)
            out.alerts.push_back({rule.item, *it->second, rule.message});
    }
    if (ins.ranked) {
        std::vector<const ScaleScore*> scored;
        for (const ScaleScore& s : out.scales)
            if (s.value)
                scored.push_back(&s);
        std::stable_sort(
            scored.begin(), scored.end(),
            [](const ScaleScore* a, const ScaleScore* b) { return *a->value > *b->value; });
        for (const ScaleScore* s : scored)
            out.ranking.push_back(s->id);
    }
    return out;
}

double standard_error_of_difference(double sd, double reliability) {
    return sd * std::sqrt(2.0) * std::sqrt(1.0 - reliability);
}

std::optional<ChangeNorm> change_norm(const Scale& scale) {
    for (const Norm& n : scale.norms) {
        if (n.sd && n.reliability) {
            return ChangeNorm{
                *n.sd, *n.reliability,
                n.sample.empty() ? n.citation : n.sample + " (" + n.reliability_type + ")"};
        }
    }
    return std::nullopt;
}

std::optional<Change> reliable_change(const Instrument& ins, const Scale& scale, double baseline,
                                      double now, std::optional<ChangeNorm> override_norm) {
    std::optional<ChangeNorm> norm = override_norm ? override_norm : change_norm(scale);
    if (!norm || norm->sd <= 0 || norm->reliability <= 0 || norm->reliability >= 1)
        return std::nullopt;
    Change c;
    c.difference = now - baseline;
    c.sediff = standard_error_of_difference(norm->sd, norm->reliability);
    c.rci = c.difference / c.sediff;
    c.norm_source = norm->source;
    if (std::fabs(c.rci) <= kReliableZ) {
        c.reliable = "no_reliable_change";
    } else {
        bool better = ins.higher_is_better ? c.rci > 0 : c.rci < 0;
        c.reliable = better ? "improved" : "deteriorated";
    }
    // A published cut-off comes first; criterion c from clinical and functional distributions
    // only when there is none (the distributions are often less certain than the cut-off).
    if (scale.cutoff) {
        c.criterion = scale.cutoff;
    } else if (scale.clinical) {
        const Clinical& k = *scale.clinical;
        c.criterion = (k.clinical_sd * k.functional_mean + k.functional_sd * k.clinical_mean) /
                      (k.clinical_sd + k.functional_sd);
    }
    if (c.criterion) {
        bool crossed = (baseline < *c.criterion) != (now < *c.criterion);
        c.clinically_significant = crossed && c.reliable != "no_reliable_change";
    }
    return c;
}

nlohmann::json to_json(const Instrument& ins, const Scored& scored) {
    nlohmann::json scores = nlohmann::json::object();
    auto one = [&](const ScaleScore& s) {
        const Scale* def = ins.scale(s.id);
        nlohmann::json j = {{"value", s.value ? nlohmann::json(*s.value) : nlohmann::json()},
                            {"label", def ? def->label : s.id},
                            {"missing", s.missing},
                            {"prorated", s.prorated}};
        if (def && !def->bands.empty())
            j["band"] = s.band ? nlohmann::json(*s.band) : nlohmann::json();
        if (s.t_score)
            j["t_score"] = *s.t_score;
        if (s.percentile) {
            j["percentile"] = {{"from", s.percentile->from},
                               {"to", s.percentile->to},
                               {"norm", s.percentile->norm}};
        }
        if (!s.value)
            j["why"] = s.why;
        return j;
    };
    for (const ScaleScore& s : scored.scales)
        scores[s.id] = one(s);
    if (ins.primary && *ins.primary != "total")
        scores["total"] = one(*scored.scale(*ins.primary));
    nlohmann::json alerts = nlohmann::json::array();
    for (const AlertHit& a : scored.alerts)
        alerts.push_back({{"item", a.item}, {"value", a.value}, {"message", a.message}});
    nlohmann::json out = {{"instrument", scored.instrument}, {"version", scored.version},
                          {"scores", std::move(scores)},     {"missing", scored.missing},
                          {"prorated", scored.prorated},     {"alerts", std::move(alerts)}};
    if (ins.ranked)
        out["ranking"] = scored.ranking;
    return out;
}

nlohmann::json to_json(const Change& c) {
    nlohmann::json j = {{"difference", c.difference},
                        {"rci", c.rci},
                        {"sediff", c.sediff},
                        {"reliable", c.reliable},
                        {"norm", c.norm_source}};
    if (c.criterion) {
        j["criterion"] = *c.criterion;
        j["clinically_significant"] = c.clinically_significant.value_or(false);
    }
    return j;
}

}  // namespace trove::measures
