#include "domain/measures/instrument.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace trove::measures {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kOrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

// Reads fields of one JSON object, turning every problem into "<file>: <path>: <what>".
class Reader {
public:
    Reader(std::string file, std::string path) : m_file(std::move(file)), m_path(std::move(path)) {}

    Error error(const std::string& field, const std::string& what) const {
        std::string where = m_path.empty() ? field : field.empty() ? m_path : m_path + "." + field;
        return Error::invalid("instrument",
                              m_file + ": " + (where.empty() ? "" : where + ": ") + what);
    }
    Reader at(const std::string& field) const {
        return Reader(m_file, m_path.empty() ? field : m_path + "." + field);
    }

    Result<const json*> member(const json& obj, const std::string& field, bool required) const {
        if (!obj.is_object())
            return error("", "must be an object");
        auto it = obj.find(field);
        if (it == obj.end() || it->is_null()) {
            if (required)
                return error(field, "is missing");
            return static_cast<const json*>(nullptr);
        }
        return &*it;
    }
    Result<std::string> text(const json& obj, const std::string& field,
                             bool required = true) const {
        const json* v = TRY(member(obj, field, required));
        if (!v)
            return std::string();
        if (!v->is_string() || (required && v->get_ref<const std::string&>().empty()))
            return error(field, "must be non-empty text");
        return v->get<std::string>();
    }
    Result<std::optional<double>> number(const json& obj, const std::string& field,
                                         bool required = false) const {
        const json* v = TRY(member(obj, field, required));
        if (!v)
            return std::optional<double>{};
        if (!v->is_number())
            return error(field, "must be a number");
        return std::optional<double>{v->get<double>()};
    }
    Result<bool> flag(const json& obj, const std::string& field, bool fallback) const {
        const json* v = TRY(member(obj, field, false));
        if (!v)
            return fallback;
        if (!v->is_boolean())
            return error(field, "must be true or false");
        return v->get<bool>();
    }
    Result<std::vector<std::string>> texts(const json& obj, const std::string& field,
                                           bool required) const {
        const json* v = TRY(member(obj, field, required));
        std::vector<std::string> out;
        if (!v)
            return out;
        if (!v->is_array())
            return error(field, "must be a list of text");
        for (const json& x : *v) {
            if (!x.is_string())
                return error(field, "must be a list of text");
            out.push_back(x.get<std::string>());
        }
        return out;
    }

private:
    std::string m_file, m_path;
};

// A published percentile table: bands ascending by score, not overlapping (both ends are
// inclusive), inside the scale's range, with percentiles that rise with the score.
Result<std::vector<PercentileBand>> parse_percentiles(
    const Reader& r, const json& list, const std::optional<std::pair<double, double>>& range) {
    if (!list.is_array() || list.empty())
        return r.error("percentiles", "must be a non-empty list");
    if (!range)
        return r.error("percentiles", "needs the scale's `range`");
    std::vector<PercentileBand> out;
    for (size_t i = 0; i < list.size(); ++i) {
        Reader pr = r.at("percentiles[" + std::to_string(i) + "]");
        const json& j = list[i];
        PercentileBand p;
        p.min = *TRY(pr.number(j, "min", true));
        p.max = *TRY(pr.number(j, "max", true));
        p.from = *TRY(pr.number(j, "from", true));
        p.to = *TRY(pr.number(j, "to", true));
        if (p.max < p.min)
            return pr.error("max", "must not be below min");
        if (p.min < range->first)
            return pr.error("min", "must not lie below the scale's range");
        if (p.max > range->second)
            return pr.error("max", "must not lie above the scale's range");
        if (p.from < 0 || p.from > 100)
            return pr.error("from", "must lie between 0 and 100");
        if (p.to < p.from || p.to > 100)
            return pr.error("to", "must lie between from and 100");
        if (!out.empty()) {
            if (p.min <= out.back().max)
                return pr.error("min",
                                "must lie above the previous band's max (ascending, "
                                "not overlapping)");
            if (p.from < out.back().to)
                return pr.error("from", "must not lie below the previous band's to");
        }
        out.push_back(p);
    }
    return out;
}

Result<Norm> parse_norm(const Reader& r, const json& j,
                        const std::optional<std::pair<double, double>>& range) {
    Norm n;
    n.label = TRY(r.text(j, "label", false));
    n.mean = TRY(r.number(j, "mean"));
    n.sd = TRY(r.number(j, "sd"));
    n.reliability = TRY(r.number(j, "reliability"));
    if (n.sd && *n.sd <= 0)
        return r.error("sd", "must be above 0");
    if (n.reliability && (*n.reliability <= 0 || *n.reliability >= 1))
        return r.error("reliability", "must lie between 0 and 1");
    if (n.reliability) {
        n.reliability_type = TRY(r.text(j, "reliability_type"));
        if (n.reliability_type != "test-retest" && n.reliability_type != "alpha")
            return r.error("reliability_type", "must be test-retest or alpha");
    }
    n.sample = TRY(r.text(j, "sample", false));
    n.citation = TRY(r.text(j, "citation"));
    n.verified = TRY(r.flag(j, "verified", false));
    n.t_scores = TRY(r.flag(j, "t_scores", false));
    if (n.t_scores && (!n.mean || !n.sd))
        return r.error("t_scores", "needs mean and sd");
    if (const json* list = TRY(r.member(j, "percentiles", false))) {
        n.percentiles = TRY(parse_percentiles(r, *list, range));
        // The label names the sample next to the percentile ("... (adult web sample)").
        if (n.label.empty())
            return r.error("label", "is needed with percentiles");
    }
    return n;
}

Result<void> parse_interpretation(const Reader& r, const json& j, Scale& s);

Result<Scale> parse_scale(const Reader& r, const json& j, const Instrument& ins) {
    Scale s;
    s.id = TRY(r.text(j, "id"));
    s.label = TRY(r.text(j, "label"));
    if (const json* diff = TRY(r.member(j, "difference", false))) {
        if (!diff->is_array() || diff->size() != 2 || !(*diff)[0].is_string() ||
            !(*diff)[1].is_string()) {
            return r.error("difference", "must name two scales");
        }
        s.method = Scale::Method::difference;
        s.operands = {(*diff)[0].get<std::string>(), (*diff)[1].get<std::string>()};
    } else {
        std::string method = TRY(r.text(j, "method"));
        if (method == "sum")
            s.method = Scale::Method::sum;
        else if (method == "mean")
            s.method = Scale::Method::mean;
        else
            return r.error("method", "must be sum or mean (or give `difference`)");
        s.items = TRY(r.texts(j, "items", true));
        if (s.items.empty())
            return r.error("items", "must list at least one item");
        std::set<std::string> seen;
        for (const std::string& id : s.items) {
            if (!ins.item(id))
                return r.error("items", "names item '" + id + "', which the questionnaire lacks");
            if (!seen.insert(id).second)
                return r.error("items", "lists item '" + id + "' twice");
        }
    }
    s.multiply = TRY(r.number(j, "multiply")).value_or(1.0);
    if (s.multiply <= 0)
        return r.error("multiply", "must be above 0");
    auto max_missing = TRY(r.number(j, "max_missing")).value_or(0);
    if (max_missing < 0 || max_missing != static_cast<int>(max_missing) ||
        max_missing >= static_cast<double>(std::max<size_t>(1, s.items.size()))) {
        if (s.method != Scale::Method::difference || max_missing != 0)
            return r.error("max_missing", "must be a whole number below the number of items");
    }
    s.max_missing = static_cast<int>(max_missing);
    if (const json* range = TRY(r.member(j, "range", false))) {
        if (!range->is_array() || range->size() != 2 || !(*range)[0].is_number() ||
            !(*range)[1].is_number() || (*range)[0].get<double>() > (*range)[1].get<double>()) {
            return r.error("range", "must be [lowest, highest]");
        }
        s.range = std::make_pair((*range)[0].get<double>(), (*range)[1].get<double>());
    }
    s.loinc = TRY(r.text(j, "loinc", false));
    TRY(parse_interpretation(r, j, s));
    return s;
}

// Bands, norms, clinical distributions and cut-off: what a validation study gives for a scale
// (the original's, or a translation's own).
Result<void> parse_interpretation(const Reader& r, const json& j, Scale& s) {
    if (const json* bands = TRY(r.member(j, "bands", false))) {
        if (!bands->is_array())
            return r.error("bands", "must be a list");
        s.bands.clear();
        for (size_t i = 0; i < bands->size(); ++i) {
            Reader br = r.at("bands[" + std::to_string(i) + "]");
            Band b;
            b.min = *TRY(br.number((*bands)[i], "min", true));
            b.min_exclusive = TRY(br.flag((*bands)[i], "min_exclusive", false));
            b.label = TRY(br.text((*bands)[i], "label"));
            if (!s.bands.empty() && b.min < s.bands.back().min)
                return br.error("min", "bands must be in ascending order");
            s.bands.push_back(std::move(b));
        }
    }
    if (const json* norms = TRY(r.member(j, "norms", false))) {
        if (!norms->is_array())
            return r.error("norms", "must be a list");
        s.norms.clear();
        for (size_t i = 0; i < norms->size(); ++i)
            s.norms.push_back(
                TRY(parse_norm(r.at("norms[" + std::to_string(i) + "]"), (*norms)[i], s.range)));
    }
    if (const json* c = TRY(r.member(j, "clinical", false))) {
        Reader cr = r.at("clinical");
        Clinical cl;
        cl.clinical_mean = *TRY(cr.number(*c, "clinical_mean", true));
        cl.clinical_sd = *TRY(cr.number(*c, "clinical_sd", true));
        cl.functional_mean = *TRY(cr.number(*c, "functional_mean", true));
        cl.functional_sd = *TRY(cr.number(*c, "functional_sd", true));
        if (cl.clinical_sd <= 0 || cl.functional_sd <= 0)
            return cr.error("", "standard deviations must be above 0");
        cl.citation = TRY(cr.text(*c, "citation"));
        cl.verified = TRY(cr.flag(*c, "verified", false));
        s.clinical = cl;
    }
    if (auto cutoff = TRY(r.number(j, "cutoff")))
        s.cutoff = cutoff;
    return {};
}

// The answer options every item offers must be exactly response_min..response_max.
Result<void> check_options(const Reader& r, const json& item, int lo, int hi) {
    const json* options = TRY(r.member(item, "answerOption", true));
    if (!options->is_array())
        return r.error("answerOption", "must be a list");
    std::vector<int> values;
    for (size_t i = 0; i < options->size(); ++i) {
        Reader o = r.at("answerOption[" + std::to_string(i) + "]");
        const json& opt = (*options)[i];
        const json* coding = TRY(o.member(opt, "valueCoding", true));
        std::string code = TRY(o.at("valueCoding").text(*coding, "code"));
        TRY(o.at("valueCoding").text(*coding, "display"));
        int value = 0;
        try {
            size_t used = 0;
            value = std::stoi(code, &used);
            if (used != code.size())
                throw std::invalid_argument(code);
        } catch (const std::exception&) {
            return o.error("valueCoding.code", "must be the raw value as a whole number");
        }
        bool ordinal_ok = false;
        if (const json* ext = TRY(o.member(opt, "extension", false)); ext && ext->is_array()) {
            for (const json& e : *ext) {
                if (e.is_object() && e.value("url", "") == kOrdinalValue &&
                    e.contains("valueDecimal") && e["valueDecimal"].is_number() &&
                    e["valueDecimal"].get<double>() == value) {
                    ordinal_ok = true;
                }
            }
        }
        if (!ordinal_ok)
            return o.error("extension", "needs the ordinalValue extension equal to the code");
        values.push_back(value);
    }
    std::vector<int> expected;
    for (int v = lo; v <= hi; ++v)
        expected.push_back(v);
    std::sort(values.begin(), values.end());
    if (values != expected) {
        return r.error("answerOption", "must offer exactly the values " + std::to_string(lo) +
                                           ".." + std::to_string(hi));
    }
    return {};
}

const std::set<std::string>& licence_statuses() {
    static const std::set<std::string> statuses = {"free", "free_cite", "free_credit",
                                                   "non_commercial", "confirm"};
    return statuses;
}

Result<Licence> parse_licence(const Reader& lr, const json& licence) {
    Licence l;
    l.status = TRY(lr.text(licence, "status"));
    if (!licence_statuses().count(l.status))
        return lr.error("status",
                        "must be free, free_cite, free_credit, non_commercial or confirm");
    l.default_enabled = TRY(lr.flag(licence, "default_enabled", true));
    l.text = TRY(lr.text(licence, "text"));
    l.url = TRY(lr.text(licence, "url", false));
    return l;
}

// One validated translation: every item and every answer value in the language, the texts the
// original has (title always; description and copyright where the original has them), where the
// wording comes from and under which licence, and what its own validation study gives.
Result<Translation> parse_translation(const Reader& r, const json& j, const std::string& language,
                                      const Instrument& ins, const json& doc) {
    if (!j.is_object())
        return r.error("", "must be an object");
    static const std::set<std::string> known = {"title",   "description", "copyright",
                                                "items",   "answers",     "source",
                                                "licence", "norms_note",  "scales"};
    for (const auto& [key, value] : j.items()) {
        if (!known.count(key))
            return r.error(key, "is not a field of a translation");
    }
    Translation tr;
    tr.language = language;
    tr.title = TRY(r.text(j, "title"));
    // A published version without its own instruction (the German GSE prints none) has no
    // description; the original's is then left out rather than shown in another language.
    tr.description = TRY(r.text(j, "description", false));
    tr.copyright = TRY(r.text(j, "copyright", doc.contains("copyright")));

    const json* items = TRY(r.member(j, "items", true));
    if (!items->is_object())
        return r.error("items", "must map every linkId to its text");
    for (const Item& item : ins.items) {
        tr.items[item.link_id] = TRY(r.at("items").text(*items, item.link_id));
    }
    if (items->size() != ins.items.size()) {
        for (const auto& [link_id, text] : items->items()) {
            if (!ins.item(link_id))
                return r.at("items").error(link_id, "is not an item of the questionnaire");
        }
    }
    const json* answers = TRY(r.member(j, "answers", true));
    if (!answers->is_object())
        return r.error("answers", "must map every answer value to its label");
    for (int v = ins.response_min; v <= ins.response_max; ++v)
        tr.answers[v] = TRY(r.at("answers").text(*answers, std::to_string(v)));
    if (answers->size() != tr.answers.size())
        return r.error("answers", "must give exactly the values " +
                                      std::to_string(ins.response_min) + ".." +
                                      std::to_string(ins.response_max));

    const json* source = TRY(r.member(j, "source", true));
    tr.source = TRY(r.at("source").text(*source, "citation"));
    tr.source_url = TRY(r.at("source").text(*source, "url", false));
    tr.licence = TRY(parse_licence(r.at("licence"), *TRY(r.member(j, "licence", true))));
    tr.norms_note = TRY(r.text(j, "norms_note"));
    if (const json* scales = TRY(r.member(j, "scales", false))) {
        if (!scales->is_object())
            return r.error("scales", "must map scale ids to what the study gives");
        for (const auto& [id, given] : scales->items()) {
            const Scale* original = ins.scale(id);
            if (!original)
                return r.at("scales").error(id, "is not a scale of the instrument");
            Reader sr = r.at("scales").at(id);
            if (!given.is_object())
                return sr.error("", "must be an object");
            for (const auto& [key, value] : given.items()) {
                if (key != "bands" && key != "norms" && key != "clinical" && key != "cutoff")
                    return sr.error(key,
                                    "only bands, norms, clinical and cutoff differ by language");
            }
            Scale s = *original;
            TRY(parse_interpretation(sr, given, s));
            tr.scales.push_back(std::move(s));
        }
    }
    return tr;
}

}  // namespace

const Scale* Translation::scale(const std::string& id) const {
    for (const Scale& s : scales)
        if (s.id == id)
            return &s;
    return nullptr;
}

const Translation* Instrument::translation(const std::string& language) const {
    auto it = translations.find(language);
    return it == translations.end() ? nullptr : &it->second;
}

std::string Instrument::served_language(const std::string& language) const {
    return translation(language) ? language : "en";
}

const Scale* Instrument::scale_in(const std::string& id, const std::string& language) const {
    if (const Translation* tr = translation(language))
        if (const Scale* s = tr->scale(id))
            return s;
    return scale(id);
}

const Scale* Instrument::scale(const std::string& id) const {
    for (const Scale& s : scales)
        if (s.id == id)
            return &s;
    return nullptr;
}

const Item* Instrument::item(const std::string& link_id) const {
    for (const Item& i : items)
        if (i.link_id == link_id)
            return &i;
    return nullptr;
}

Result<Instrument> parse_instrument(const std::string& file_name, const std::string& text) {
    Reader r(file_name, "");
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return r.error("", "is not a JSON object");
    Instrument ins;
    if (TRY(r.text(doc, "resourceType")) != "Questionnaire")
        return r.error("resourceType", "must be Questionnaire");
    ins.id = TRY(r.text(doc, "id"));
    std::string stem = fs::path(file_name).stem().string();
    if (ins.id != stem)
        return r.error("id", "must equal the file name ('" + stem + "')");
    ins.url = TRY(r.text(doc, "url"));
    ins.version = TRY(r.text(doc, "version"));
    TRY(r.text(doc, "name"));
    ins.title = TRY(r.text(doc, "title"));
    if (TRY(r.text(doc, "status")) != "active")
        return r.error("status", "must be active");

    const json* trove = TRY(r.member(doc, "trove", true));
    Reader t = r.at("trove");
    ins.short_name = TRY(t.text(*trove, "short_name"));
    ins.construct = TRY(t.text(*trove, "construct", false));
    std::string better = TRY(t.text(*trove, "better"));
    if (better != "higher" && better != "lower")
        return t.error("better", "must be higher or lower");
    ins.higher_is_better = better == "higher";
    auto lo = TRY(t.number(*trove, "response_min", true));
    auto hi = TRY(t.number(*trove, "response_max", true));
    if (*lo != static_cast<int>(*lo) || *hi != static_cast<int>(*hi) || *lo >= *hi)
        return t.error("response_max", "response_min and response_max must be whole, min < max");
    ins.response_min = static_cast<int>(*lo);
    ins.response_max = static_cast<int>(*hi);

    const json* items = TRY(r.member(doc, "item", true));
    if (!items->is_array() || items->empty())
        return r.error("item", "must list the questions");
    for (size_t i = 0; i < items->size(); ++i) {
        Reader ir = r.at("item[" + std::to_string(i) + "]");
        const json& it = (*items)[i];
        Item item;
        item.link_id = TRY(ir.text(it, "linkId"));
        if (item.link_id != std::to_string(i + 1))
            return ir.error("linkId", "must be \"" + std::to_string(i + 1) + "\" (items in order)");
        item.text = TRY(ir.text(it, "text"));
        if (TRY(ir.text(it, "type")) != "choice")
            return ir.error("type", "must be choice");
        TRY(check_options(ir, it, ins.response_min, ins.response_max));
        ins.items.push_back(std::move(item));
    }
    for (const std::string& id : TRY(t.texts(*trove, "reverse_items", false))) {
        if (!ins.item(id))
            return t.error("reverse_items",
                           "names item '" + id + "', which the questionnaire lacks");
        ins.reverse_items.insert(id);
    }
    const json* scales = TRY(t.member(*trove, "scales", true));
    if (!scales->is_array() || scales->empty())
        return t.error("scales", "must list at least one scale");
    for (size_t i = 0; i < scales->size(); ++i) {
        Scale s = TRY(parse_scale(t.at("scales[" + std::to_string(i) + "]"), (*scales)[i], ins));
        if (ins.scale(s.id))
            return t.error("scales", "has two scales with the id '" + s.id + "'");
        ins.scales.push_back(std::move(s));
    }
    for (const Scale& s : ins.scales) {
        if (s.method == Scale::Method::difference) {
            for (const std::string& op : {s.operands.first, s.operands.second}) {
                const Scale* o = ins.scale(op);
                if (!o || o->method == Scale::Method::difference)
                    return t.error("scales", "difference scale '" + s.id + "' needs item scales");
            }
        }
    }
    ins.ranked = TRY(t.flag(*trove, "ranked", false));
    const json* primary = TRY(t.member(*trove, "primary", false));
    if (primary) {
        if (!primary->is_string() || !ins.scale(primary->get<std::string>()))
            return t.error("primary", "must name one of the scales");
        ins.primary = primary->get<std::string>();
    }
    if (!ins.primary && !ins.ranked)
        return t.error("primary", "is missing (only ranked instruments have no total)");
    if (const json* alerts = TRY(t.member(*trove, "alerts", false))) {
        if (!alerts->is_array())
            return t.error("alerts", "must be a list");
        for (size_t i = 0; i < alerts->size(); ++i) {
            Reader ar = t.at("alerts[" + std::to_string(i) + "]");
            AlertRule a;
            a.item = TRY(ar.text((*alerts)[i], "item"));
            if (!ins.item(a.item))
                return ar.error("item", "names an item the questionnaire lacks");
            a.above = static_cast<int>(*TRY(ar.number((*alerts)[i], "above", true)));
            a.message = TRY(ar.text((*alerts)[i], "message"));
            ins.alerts.push_back(std::move(a));
        }
    }
    ins.licence = TRY(parse_licence(t.at("licence"), *TRY(t.member(*trove, "licence", true))));
    ins.citation = TRY(t.text(*trove, "citation"));
    if (const json* translations = TRY(t.member(*trove, "translations", false))) {
        if (!translations->is_object())
            return t.error("translations", "must map languages to translations");
        const auto& allowed = translation_languages();
        for (const auto& [language, given] : translations->items()) {
            if (std::find(allowed.begin(), allowed.end(), language) == allowed.end())
                return t.at("translations")
                    .error(language, "is not a language Trove speaks (pl, de)");
            ins.translations[language] = TRY(
                parse_translation(t.at("translations").at(language), given, language, ins, doc));
        }
    }

    ins.questionnaire = doc;
    ins.questionnaire.erase("trove");
    return ins;
}

Result<std::vector<Instrument>> load_instruments(const std::string& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return Error::invalid("instrument", "no instrument folder at '" + folder + "'");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<Instrument> out;
    for (const fs::path& file : files) {
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        out.push_back(TRY(parse_instrument(file.filename().string(), text.str())));
    }
    return out;
}

std::string find_instruments_folder() {
    if (const char* env = std::getenv("TROVE_INSTRUMENTS"); env && *env)
        return env;
    std::error_code ec;
    std::vector<fs::path> candidates = {fs::path("instruments")};
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
             dir = dir.parent_path()) {
            candidates.push_back(dir / "instruments");
        }
        candidates.push_back(exe.parent_path() / "../share/trove/instruments");
    }
    for (const fs::path& c : candidates) {
        if (fs::is_directory(c, ec))
            return fs::weakly_canonical(c, ec).string();
    }
    return "instruments";
}

}  // namespace trove::measures
