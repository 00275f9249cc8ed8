#pragma once
// The server's catalogue of words for people: every text the server writes for a person (the
// calendar feed's events today; e-mails and PDF reports later) is looked up here by key, in the
// reader's language, and formatted with ICU MessageFormat (plural and select by the language's
// rules, locale-aware numbers and dates). One JSON file per language in `locales/server/`, each a
// flat object of key -> ICU message pattern, with the same keys and the same arguments in every
// language; a file that breaks this stops the start, naming the file and the key.
//
//     auto catalogue = TRY(i18n::Catalogue::load(i18n::find_catalogue_folder()));
//     catalogue.text("pl", "journal.entry_count", {{"count", 5}});  // "5 wpisów"
//
// ICU stays inside catalogue.cpp: no ICU type appears here.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace trove::i18n {

//! An instant for `{name, date, …}` / `{name, time, …}` arguments.
struct Instant {
    TimeMs ms = 0;
};

//! One named argument of a message: a count or number, a text (for `select` or as is), or an
//! instant.
using Arg = std::variant<std::int64_t, double, std::string, Instant>;
using Args = std::vector<std::pair<std::string, Arg>>;

class Catalogue {
public:
    //! Reads and checks `<folder>/<locale>.json` for every locale in kLocales: each a JSON object
    //! of strings, each pattern valid ICU MessageFormat, every key in every file, each key using
    //! the same argument names in every language. Errors name the file and the key.
    static Result<Catalogue> load(const std::string& folder);
    //! The same checks on texts in memory, by locale ("en" -> the JSON text); for tests.
    static Result<Catalogue> from_texts(const std::map<std::string, std::string>& texts);

    //! The message `key` in `locale` (English when the locale is not supported) with `args`
    //! filled in; dates and times are shown in `time_zone` (an IANA name). An unknown key comes
    //! back as the key itself, so a mistake shows instead of vanishing (tests check the keys).
    std::string text(std::string_view locale, std::string_view key, const Args& args = {},
                     std::string_view time_zone = "UTC") const;

    //! Whether the catalogue has this key (in every language: load() checked that).
    bool has(std::string_view key) const;
    //! All keys, sorted.
    std::vector<std::string> keys() const;

private:
    struct Data;
    explicit Catalogue(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}
    std::shared_ptr<const Data> m_data;
};

//! Where the shipped catalogue is: $TROVE_LOCALES, else the first existing `locales/server/` in
//! the working directory or beside the binary (walking up), else `../share/trove/locales/server`
//! relative to the binary; "locales/server" when none exists.
std::string find_catalogue_folder();

}  // namespace trove::i18n
