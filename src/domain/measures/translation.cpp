// A questionnaire in the reader's language: the validated translation's wording put in place of
// the original's (same linkIds, same answer values), and for FHIR exchange every shipped
// translation carried on each text with the standard translation extension, so a receiving
// system has them all without asking again.
#include <string>

#include "domain/measures/instrument.hpp"

namespace trove::measures {

namespace {

using nlohmann::json;

constexpr const char* kTranslation = "http://hl7.org/fhir/StructureDefinition/translation";

json translation_extension(const std::string& language, const std::string& content) {
    return {{"url", kTranslation},
            {"extension",
             {{{"url", "lang"}, {"valueCode", language}},
              {{"url", "content"}, {"valueString", content}}}}};
}

// Adds one translation of the primitive `field` of `element` to its `_field` extension element.
void add_translation(json& element, const std::string& field, const std::string& language,
                     const std::string& content) {
    if (content.empty() || !element.contains(field))
        return;
    json& shadow = element["_" + field];
    if (!shadow.is_object())
        shadow = json::object();
    shadow["extension"].push_back(translation_extension(language, content));
}

int answer_value(const json& option) {
    const json& coding = option.value("valueCoding", json::object());
    return std::stoi(coding.value("code", "0"));  // checked by parse_instrument
}

}  // namespace

json localized_questionnaire(const Instrument& ins, const std::string& language) {
    json q = ins.questionnaire;
    const Translation* tr = ins.translation(language);
    q["language"] = tr ? tr->language : "en";
    if (!tr)
        return q;
    q["title"] = tr->title;
    if (tr->description.empty())
        q.erase("description");
    else
        q["description"] = tr->description;
    if (q.contains("copyright"))
        q["copyright"] = tr->copyright;
    for (json& item : q["item"]) {
        item["text"] = tr->items.at(item.value("linkId", ""));
        for (json& option : item["answerOption"])
            option["valueCoding"]["display"] = tr->answers.at(answer_value(option));
    }
    return q;
}

json fhir_questionnaire(const Instrument& ins, const std::string& language) {
    json q = localized_questionnaire(ins, language);
    // Every shipped translation, and the English original when the text is not English.
    std::vector<const Translation*> others;
    for (const auto& [code, tr] : ins.translations)
        others.push_back(&tr);
    const bool english_served = q["language"] == "en";
    const json& original = ins.questionnaire;
    auto add_all = [&](json& element, const std::string& field,
                       const std::string& (*pick)(const Translation&), const std::string& english) {
        if (!english_served)
            add_translation(element, field, "en", english);
        for (const Translation* tr : others)
            add_translation(element, field, tr->language, pick(*tr));
    };
    add_all(
        q, "title", [](const Translation& t) -> const std::string& { return t.title; },
        original.value("title", ""));
    add_all(
        q, "description", [](const Translation& t) -> const std::string& { return t.description; },
        original.value("description", ""));
    add_all(
        q, "copyright", [](const Translation& t) -> const std::string& { return t.copyright; },
        original.value("copyright", ""));
    for (std::size_t i = 0; i < q["item"].size(); ++i) {
        json& item = q["item"][i];
        const json& english_item = original["item"][i];
        const std::string link_id = item.value("linkId", "");
        if (!english_served)
            add_translation(item, "text", "en", english_item.value("text", ""));
        for (const Translation* tr : others)
            add_translation(item, "text", tr->language, tr->items.at(link_id));
        for (std::size_t k = 0; k < item["answerOption"].size(); ++k) {
            json& coding = item["answerOption"][k]["valueCoding"];
            const json& english_coding = english_item["answerOption"][k]["valueCoding"];
            const int value = answer_value(item["answerOption"][k]);
            if (!english_served)
                add_translation(coding, "display", "en", english_coding.value("display", ""));
            for (const Translation* tr : others)
                add_translation(coding, "display", tr->language, tr->answers.at(value));
        }
    }
    return q;
}

}  // namespace trove::measures
