// A read-only FHIR R4 view of questionnaires and their results, for exchange with other systems:
// Questionnaire (the instrument file without Trove's scoring block), QuestionnaireResponse (the
// answers as coded), and score Observations (LOINC-coded where a code exists). Access is the same
// as for the JSON API.

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/language.hpp"
#include "api/responses.hpp"

namespace trove::api {

namespace {

constexpr const char* kFhirJson = "application/fhir+json";
constexpr const char* kTroveScores = "https://trove.health/fhir/CodeSystem/scores";

http::Response fhir_response(const nlohmann::json& body) {
    http::Response r = json_response(200, body);
    r.content_type = kFhirJson;
    return r;
}

// The answer option an item offers for a raw value (its coding, with the display text).
nlohmann::json coding_for(const measures::Instrument& ins, const std::string& link_id, int value) {
    for (const auto& item : ins.questionnaire.value("item", nlohmann::json::array())) {
        if (item.value("linkId", "") != link_id)
            continue;
        for (const auto& option : item.value("answerOption", nlohmann::json::array())) {
            const auto& coding = option.value("valueCoding", nlohmann::json::object());
            if (coding.value("code", "") == std::to_string(value))
                return coding;
        }
    }
    return {{"code", std::to_string(value)}};
}

nlohmann::json questionnaire_response(const measures::Instrument& ins,
                                      const measures::StoredResponse& r) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : ins.items) {
        nlohmann::json entry = {{"linkId", item.link_id}, {"text", item.text}};
        const auto& value = r.answers.is_object() ? r.answers.value(item.link_id, nlohmann::json())
                                                  : nlohmann::json();
        if (value.is_number_integer())
            entry["answer"] = {{{"valueCoding", coding_for(ins, item.link_id, value.get<int>())}}};
        items.push_back(std::move(entry));
    }
    return {{"resourceType", "QuestionnaireResponse"},
            {"id", r.id},
            {"questionnaire", ins.url + "|" + r.version},
            {"status", "completed"},
            {"subject", {{"reference", "Patient/" + r.client_id}}},
            {"authored", to_rfc3339(r.created_at)},
            {"item", std::move(items)}};
}

nlohmann::json observation(const measures::Instrument& ins, const measures::StoredResponse& r,
                           const std::string& scale_id, double value, const nlohmann::json& score) {
    const measures::Scale* scale = ins.scale(scale_id);
    nlohmann::json coding = nlohmann::json::array();
    const std::string text = ins.short_name + " " + (scale ? scale->label : scale_id);
    if (scale && !scale->loinc.empty())
        coding.push_back(
            {{"system", "http://loinc.org"}, {"code", scale->loinc}, {"display", text}});
    coding.push_back(
        {{"system", kTroveScores}, {"code", ins.id + "." + scale_id}, {"display", text}});
    nlohmann::json o = {
        {"resourceType", "Observation"},
        {"id", r.id + "-" + scale_id},
        {"status", "final"},
        {"category",
         {{{"coding",
            {{{"system", "http://terminology.hl7.org/CodeSystem/observation-category"},
              {"code", "survey"},
              {"display", "Survey"}}}}}}},
        {"code", {{"coding", std::move(coding)}, {"text", text}}},
        {"subject", {{"reference", "Patient/" + r.client_id}}},
        {"effectiveDateTime", to_rfc3339(r.created_at)},
        {"valueQuantity",
         {{"value", value},
          {"unit", "{score}"},
          {"system", "http://unitsofmeasure.org"},
          {"code", "{score}"}}},
        {"derivedFrom", {{{"reference", "QuestionnaireResponse/" + r.id}}}}};
    if (score.contains("band") && score["band"].is_string())
        o["interpretation"] = {{{"text", score["band"]}}};
    return o;
}

}  // namespace

void add_fhir_routes(ApiRouter& router, Services& services, const ApiOptions& options) {
    router.add("GET", "/fhir/Questionnaire/{id}",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    std::string language = TRY(requested_language(ex.request));
                    const measures::Instrument* i = services.measures.find(ex.param("id"));
                    if (!i)
                        return Error::not_found("instrument");
                    return fhir_response(measures::fhir_questionnaire(*i, language));
                }});
    router.add("GET", "/fhir/QuestionnaireResponse/{id}",
               {Access::signed_in, [&services](Exchange& ex) -> Result<http::Response> {
                    auto r = TRY(services.measures.get(ex.ctx, ex.param("id")));
                    const measures::Instrument* i = services.measures.find(r.instrument_id);
                    if (!i)
                        return Error::not_found("instrument");
                    return fhir_response(questionnaire_response(*i, r));
                }});
    router.add(
        "GET", "/fhir/Observation",
        {Access::signed_in, [&services, &options](Exchange& ex) -> Result<http::Response> {
             std::string subject = ex.request.query_param("subject");
             const std::string prefix = "Patient/";
             if (subject.rfind(prefix, 0) != 0 || subject.size() == prefix.size()) {
                 return Error::invalid("subject",
                                       "Search by subject, e.g. ?subject=Patient/<client id>.");
             }
             auto list = TRY(services.measures.list(ex.ctx, subject.substr(prefix.size()), ""));
             nlohmann::json entries = nlohmann::json::array();
             for (const auto& r : list) {
                 const measures::Instrument* ins = services.measures.find(r.instrument_id);
                 if (!ins || !r.scored.is_object() || !r.scored.contains("scores"))
                     continue;
                 for (const auto& scale : ins->scales) {
                     const auto& score = r.scored["scores"].value(scale.id, nlohmann::json());
                     if (!score.is_object() || !score["value"].is_number())
                         continue;
                     nlohmann::json o =
                         observation(*ins, r, scale.id, score["value"].get<double>(), score);
                     std::string id = o["id"];
                     entries.push_back({{"fullUrl", options.public_url + "/fhir/Observation/" + id},
                                        {"resource", std::move(o)},
                                        {"search", {{"mode", "match"}}}});
                 }
             }
             nlohmann::json bundle = {{"resourceType", "Bundle"},
                                      {"type", "searchset"},
                                      {"total", entries.size()},
                                      {"entry", std::move(entries)}};
             return fhir_response(bundle);
         }});
}

}  // namespace trove::api
