// Trove's own words about a questionnaire, looked up in the server catalogue by keys derived from
// the instrument, with the instrument file's English where the catalogue has no key.
#include "domain/measures/words.hpp"

#include <cmath>
#include <cstdint>
#include <sstream>

#include "i18n/locales.hpp"

namespace trove::measures {

namespace {

// An id as a catalogue key part: lower-case letters, digits and '_' ("Self-kindness" ->
// "self_kindness").
std::string key_part(std::string_view id) {
    std::string out;
    out.reserve(id.size());
    for (char c : id) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (u >= 'A' && u <= 'Z')
            out.push_back(static_cast<char>(u - 'A' + 'a'));
        else if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '_')
            out.push_back(c);
        else
            out.push_back('_');
    }
    return out;
}

// A band's lower bound as a key part: 10 -> "10", 4.3 -> "4_3".
std::string number_part(double value) {
    if (std::floor(value) == value && std::fabs(value) < 1e15)
        return key_part(std::to_string(static_cast<std::int64_t>(value)));
    std::ostringstream out;
    out.precision(12);
    out << value;
    return key_part(out.str());
}

std::string prefix(const Instrument& ins) {
    return "measures." + key_part(ins.id) + ".";
}

std::string construct_key(const Instrument& ins) {
    return prefix(ins) + "construct";
}
std::string scale_key(const Instrument& ins, const Scale& s) {
    return prefix(ins) + "scale." + key_part(s.id);
}
std::string band_key(const Instrument& ins, const Scale& s, const Band& b) {
    return prefix(ins) + "band." + key_part(s.id) + "." + number_part(b.min);
}
std::string norm_key(const Instrument& ins, const Scale& s, std::size_t index) {
    return prefix(ins) + "norm." + key_part(s.id) + "." + std::to_string(index);
}
std::string alert_key(const Instrument& ins, const AlertRule& a) {
    return prefix(ins) + "alert." + key_part(a.item);
}
std::string licence_key(const Instrument& ins) {
    return prefix(ins) + "licence";
}

}  // namespace

std::vector<WordKey> word_keys(const Instrument& ins) {
    std::vector<WordKey> out;
    out.push_back({construct_key(ins), ins.construct});
    for (const Scale& s : ins.scales) {
        out.push_back({scale_key(ins, s), s.label});
        for (const Band& b : s.bands)
            out.push_back({band_key(ins, s, b), b.label});
        for (std::size_t i = 0; i < s.norms.size(); ++i)
            out.push_back({norm_key(ins, s, i), s.norms[i].label});
    }
    for (const AlertRule& a : ins.alerts)
        out.push_back({alert_key(ins, a), a.message});
    out.push_back({licence_key(ins), ins.licence.text});
    return out;
}

Words::Words(const i18n::Catalogue& catalogue, std::string language)
    : m_catalogue(catalogue),
      m_language(i18n::is_supported(language) ? std::move(language)
                                              : std::string(i18n::kDefaultLocale)) {}

std::string Words::word(const std::string& key, const std::string& english,
                        const i18n::Args& args) const {
    if (!m_catalogue.has(key))
        return english;
    return m_catalogue.text(m_language, key, args);
}

std::string Words::construct(const Instrument& ins) const {
    return word(construct_key(ins), ins.construct);
}

std::string Words::scale(const Instrument& ins, const Scale& s) const {
    return word(scale_key(ins, s), s.label);
}

std::string Words::band(const Instrument& ins, const Scale& s, const Band& b) const {
    return word(band_key(ins, s, b), b.label);
}

std::string Words::norm(const Instrument& ins, const Scale& s, std::size_t index) const {
    if (index >= s.norms.size())
        return "";
    return word(norm_key(ins, s, index), s.norms[index].label);
}

std::string Words::alert(const Instrument& ins, const AlertRule& rule) const {
    return word(alert_key(ins, rule), rule.message);
}

std::string Words::licence(const Instrument& ins) const {
    return word(licence_key(ins), ins.licence.text);
}

std::string Words::not_scored(int missing, int items, int max_missing) const {
    return word("measures.not_scored",
                std::to_string(missing) + " of " + std::to_string(items) +
                    " items unanswered; this scale allows at most " + std::to_string(max_missing) +
                    ".",
                {{"missing", std::int64_t{missing}},
                 {"items", std::int64_t{items}},
                 {"max", std::int64_t{max_missing}}});
}

std::string Words::needs_both(const std::string& first, const std::string& second) const {
    return word("measures.not_scored_difference", "Needs both " + first + " and " + second + ".",
                {{"first", first}, {"second", second}});
}

std::string Words::deterioration(const Instrument& ins) const {
    return word("measures.deterioration",
                ins.short_name + " shows a reliable deterioration since the first administration.",
                {{"short_name", ins.short_name}});
}

std::string Words::signature_strength(const Instrument& ins, int rank, int of,
                                      const std::string& date) const {
    return word("measures.signature_strength",
                "Signature strength " + std::to_string(rank) + " of " + std::to_string(of) +
                    " in the " + ins.short_name + " of " + date + ".",
                {{"rank", std::int64_t{rank}},
                 {"of", std::int64_t{of}},
                 {"short_name", ins.short_name},
                 {"date", date}});
}

std::string Words::strength_name(const std::string& code, const std::string& name) const {
    // English keeps the resource catalogue's own name, as offers always had it.
    if (english())
        return name;
    return word("resources.strength." + code + ".name", name);
}

std::string Words::band_named(const Instrument& ins, const Scale& s,
                              const std::string& english) const {
    for (const Band& b : s.bands) {
        if (b.label == english)
            return band(ins, s, b);
    }
    return english;
}

std::string Words::norm_named(const Instrument& ins, const Scale& s,
                              const std::string& english) const {
    for (std::size_t i = 0; i < s.norms.size(); ++i) {
        if (s.norms[i].label == english)
            return norm(ins, s, i);
    }
    return english;
}

std::string Words::alert_named(const Instrument& ins, const std::string& item,
                               const std::string& english) const {
    for (const AlertRule& a : ins.alerts) {
        if (a.item == item)
            return alert(ins, a);
    }
    return english;
}

nlohmann::json Words::scored(const Instrument& ins, nlohmann::json j) const {
    if (english() || !j.is_object())
        return j;
    if (j.contains("scores") && j["scores"].is_object()) {
        for (auto& entry : j["scores"].items()) {
            nlohmann::json& s = entry.value();
            const Scale* def = ins.scale(entry.key());
            if (!def && entry.key() == "total" && ins.primary)
                def = ins.scale(*ins.primary);
            if (!def || !s.is_object())
                continue;
            s["label"] = scale(ins, *def);
            if (s.contains("band") && s["band"].is_string())
                s["band"] = band_named(ins, *def, s["band"].get<std::string>());
            if (s.contains("percentile") && s["percentile"].is_object() &&
                s["percentile"].contains("norm") && s["percentile"]["norm"].is_string()) {
                s["percentile"]["norm"] =
                    norm_named(ins, *def, s["percentile"]["norm"].get<std::string>());
            }
            if (s.contains("why") && s["why"].is_string()) {
                if (def->method == Scale::Method::difference) {
                    const Scale* a = ins.scale(def->operands.first);
                    const Scale* b = ins.scale(def->operands.second);
                    s["why"] = needs_both(a ? scale(ins, *a) : def->operands.first,
                                          b ? scale(ins, *b) : def->operands.second);
                } else {
                    const int missing = s.value("missing", 0);
                    s["why"] =
                        not_scored(missing, static_cast<int>(def->items.size()), def->max_missing);
                }
            }
        }
    }
    if (j.contains("alerts") && j["alerts"].is_array()) {
        for (nlohmann::json& a : j["alerts"]) {
            if (a.is_object() && a.contains("message") && a["message"].is_string()) {
                a["message"] =
                    alert_named(ins, a.value("item", ""), a["message"].get<std::string>());
            }
        }
    }
    return j;
}

}  // namespace trove::measures
