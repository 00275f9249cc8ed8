#pragma once
// The words Trove itself writes about a questionnaire, in the reader's language: its construct,
// scale, band and norm labels, alert messages and licence text, why a scale is unscored, and the
// reliable-deterioration message. They live in the server catalogue (locales/server/, keys
// `measures.<instrument id>.…`, see word_keys), not in the instrument files' `translations`: those
// hold the validated wording of the questionnaire itself, and these are not part of it. The
// English catalogue holds the instrument files' own English, byte for byte; a key the catalogue
// lacks reads the instrument file's word, so nothing is ever shown as a bare key.
//
//     measures::Words words(catalogue, "pl");
//     words.band(phq9, *phq9.scale("total"), phq9.scale("total")->bands[3]);  // "Umiarkowanie…"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/measures/instrument.hpp"
#include "i18n/catalogue.hpp"

namespace trove::measures {

//! One of an instrument's own words: its catalogue key and the instrument file's English.
struct WordKey {
    std::string key, english;
};

//! Every catalogue key of the instrument's own words, in file order, with the file's English:
//! `measures.<id>.construct`, `.scale.<scale>`, `.band.<scale>.<min>` (a decimal point written
//! `_`), `.norm.<scale>.<index>`, `.alert.<item>`, `.licence`. Ids are written as catalogue keys
//! (lower case; any other character `_`).
std::vector<WordKey> word_keys(const Instrument& instrument);

class Words {
public:
    //! Words in `language` (English when Trove does not speak it).
    Words(const i18n::Catalogue& catalogue, std::string language);

    const std::string& language() const { return m_language; }
    bool english() const { return m_language == "en"; }

    std::string construct(const Instrument& instrument) const;
    std::string scale(const Instrument& instrument, const Scale& scale) const;
    std::string band(const Instrument& instrument, const Scale& scale, const Band& band) const;
    std::string norm(const Instrument& instrument, const Scale& scale, std::size_t index) const;
    std::string alert(const Instrument& instrument, const AlertRule& rule) const;
    std::string licence(const Instrument& instrument) const;
    //! "3 of 9 items unanswered; this scale allows at most 1."
    std::string not_scored(int missing, int items, int max_missing) const;
    //! Why a difference scale is unscored, naming its two scales.
    std::string needs_both(const std::string& first, const std::string& second) const;
    //! "PHQ-9 shows a reliable deterioration since the first administration."
    std::string deterioration(const Instrument& instrument) const;
    //! A signature strength offered to the resource map: "Signature strength 1 of 24 in the
    //! IPIP-VIA-R of 2026-12-03."
    std::string signature_strength(const Instrument& instrument, int rank, int of,
                                   const std::string& date) const;
    //! A VIA strength's name (`resources.strength.<code>.name`); in English `name` as given
    //! (the resource catalogue's).
    std::string strength_name(const std::string& code, const std::string& name) const;

    //! Words stored in English with a response or alert, in the reader's language: the band,
    //! norm or alert of the instrument with that English text, else the stored text as it is (an
    //! older version's word that the instrument no longer has).
    std::string band_named(const Instrument& instrument, const Scale& scale,
                           const std::string& english) const;
    std::string norm_named(const Instrument& instrument, const Scale& scale,
                           const std::string& english) const;
    std::string alert_named(const Instrument& instrument, const std::string& item,
                            const std::string& english) const;

    //! A stored score (scoring's to_json) with its words in the reader's language: scale labels,
    //! bands, percentile norms, why a scale is unscored, alert messages. Numbers, ids and codes
    //! stay as stored; in English it comes back exactly as stored.
    nlohmann::json scored(const Instrument& instrument, nlohmann::json stored) const;

private:
    std::string word(const std::string& key, const std::string& english,
                     const i18n::Args& args = {}) const;

    const i18n::Catalogue& m_catalogue;
    std::string m_language;
};

}  // namespace trove::measures
