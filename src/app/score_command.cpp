#include "app/score_command.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "domain/measures/scoring.hpp"

namespace trove::app {

namespace {

int invalid(const std::string& message) {
    std::cerr << "trove score: " << message << std::endl;
    return 2;
}

std::optional<const measures::Instrument*> find(const std::vector<measures::Instrument>& all,
                                                const std::string& id) {
    for (const auto& i : all)
        if (i.id == id)
            return &i;
    return std::nullopt;
}

// "2,1,,3" -> answers by position; an empty value is a missing item.
std::optional<measures::Answers> parse_answers(const std::string& text, std::size_t items,
                                               std::string& error) {
    std::vector<std::string> parts;
    std::string part;
    std::stringstream in(text);
    while (std::getline(in, part, ','))
        parts.push_back(part);
    if (!text.empty() && text.back() == ',')
        parts.emplace_back();
    if (parts.size() != items) {
        error = "expected " + std::to_string(items) + " answers, got " +
                std::to_string(parts.size()) + " (leave a value empty for a missing item)";
        return std::nullopt;
    }
    measures::Answers answers;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        std::string v = parts[i];
        v.erase(0, v.find_first_not_of(' '));
        v.erase(v.find_last_not_of(' ') + 1);
        std::string id = std::to_string(i + 1);
        if (v.empty()) {
            answers[id] = std::nullopt;
            continue;
        }
        try {
            std::size_t used = 0;
            int value = std::stoi(v, &used);
            if (used != v.size())
                throw std::invalid_argument(v);
            answers[id] = value;
        } catch (const std::exception&) {
            error = "answer " + id + " ('" + v + "') is not a whole number";
            return std::nullopt;
        }
    }
    return answers;
}

// A FHIR R4 QuestionnaireResponse: the questionnaire's canonical URL (or id) names the instrument;
// each item's answer is a valueCoding whose code is the raw value, or a valueInteger.
std::optional<std::pair<std::string, measures::Answers>> parse_response(const std::string& path,
                                                                        std::string& error) {
    std::ifstream file(path);
    if (!file) {
        error = "cannot read " + path;
        return std::nullopt;
    }
    std::stringstream text;
    text << file.rdbuf();
    nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, false);
    if (!doc.is_object() || doc.value("resourceType", "") != "QuestionnaireResponse") {
        error = path + " is not a FHIR QuestionnaireResponse";
        return std::nullopt;
    }
    std::string questionnaire = doc.value("questionnaire", "");
    std::string id = questionnaire.substr(questionnaire.find_last_of('/') + 1);
    id = id.substr(0, id.find('|'));
    measures::Answers answers;
    if (doc.contains("item") && !doc["item"].is_array()) {
        error = path + ": item must be a list";
        return std::nullopt;
    }
    for (const auto& item : doc.value("item", nlohmann::json::array())) {
        std::string link = item.is_object() ? item.value("linkId", "") : "";
        if (link.empty()) {
            error = path + ": an item has no linkId";
            return std::nullopt;
        }
        std::optional<int> value;
        const auto answer = item.value("answer", nlohmann::json::array());
        if (answer.is_array() && !answer.empty() && answer[0].is_object()) {
            const auto& a = answer[0];
            try {
                if (a.contains("valueInteger") && a["valueInteger"].is_number_integer())
                    value = a["valueInteger"].get<int>();
                else if (a.contains("valueCoding") && a["valueCoding"].is_object())
                    value = std::stoi(a["valueCoding"].value("code", ""));
            } catch (const std::exception&) {
                error = path + ": item " + link + " has an answer that is not a number";
                return std::nullopt;
            }
            if (!value) {
                error = path + ": item " + link + " needs valueInteger or valueCoding";
                return std::nullopt;
            }
        }
        answers[link] = value;
    }
    return std::make_pair(id, answers);
}

}  // namespace

int run_score(const ScoreFlags& flags) {
    std::string folder = flags.instruments_folder.empty() ? measures::find_instruments_folder()
                                                          : flags.instruments_folder;
    auto loaded = measures::load_instruments(folder);
    if (!loaded.ok())
        return invalid(loaded.error().message);
    const auto& all = loaded.value();

    std::string id = flags.instrument;
    measures::Answers answers;
    std::string error;
    if (flags.response_file) {
        auto parsed = parse_response(*flags.response_file, error);
        if (!parsed)
            return invalid(error);
        if (!id.empty() && id != parsed->first)
            return invalid("the response is for '" + parsed->first + "', not '" + id + "'");
        id = parsed->first;
        answers = parsed->second;
    }
    auto instrument = find(all, id);
    if (!instrument) {
        std::string known;
        for (const auto& i : all)
            known += (known.empty() ? "" : ", ") + i.id;
        return invalid("unknown instrument '" + id + "' (known: " + known + ")");
    }
    const measures::Instrument& ins = **instrument;
    if (!flags.response_file) {
        if (!flags.answers)
            return invalid("give --answers v1,v2,... or --response FILE");
        auto parsed = parse_answers(*flags.answers, ins.items.size(), error);
        if (!parsed)
            return invalid(error);
        answers = *parsed;
    }
    auto scored = measures::score(ins, answers);
    if (!scored.ok())
        return invalid(scored.error().message);
    nlohmann::json out = measures::to_json(ins, scored.value());
    if (flags.baseline) {
        if (!ins.primary)
            return invalid(ins.short_name + " has no total to compare with a baseline");
        const measures::ScaleScore* total = scored->total(ins);
        std::optional<measures::ChangeNorm> norm;
        if (flags.norm_sd || flags.norm_r) {
            if (!flags.norm_sd || !flags.norm_r)
                return invalid("give both --norm-sd and --norm-r");
            if (*flags.norm_sd <= 0 || *flags.norm_r <= 0 || *flags.norm_r >= 1)
                return invalid("--norm-sd must be above 0 and --norm-r between 0 and 1");
            norm = measures::ChangeNorm{*flags.norm_sd, *flags.norm_r, "given on the command line"};
        }
        if (total->value) {
            auto change = measures::reliable_change(ins, *ins.scale(*ins.primary), *flags.baseline,
                                                    *total->value, norm);
            out["change"] = change ? measures::to_json(*change) : nlohmann::json();
            if (!change)
                out["change_why"] = "No published SD and reliability for " + ins.short_name +
                                    "; give --norm-sd and --norm-r.";
        } else {
            out["change"] = nullptr;
            out["change_why"] = "The total is unscored.";
        }
    }
    std::cout << out.dump(2) << std::endl;
    return 0;
}

}  // namespace trove::app
