#pragma once
// The languages Trove speaks. One list, used by the accounts (a user's `locale`, a practice's
// `default_locale`), by the server catalogue (one file per language) and by the API's checks.

#include <array>
#include <string_view>

namespace trove::i18n {

//! Every supported language as its BCP 47 code; English first (the fallback).
inline constexpr std::array<std::string_view, 3> kLocales = {"en", "pl", "de"};

//! The language of an account or practice that has not chosen one.
inline constexpr std::string_view kDefaultLocale = "en";

//! True for exactly the codes in kLocales ("pl", not "PL" or "pl-PL").
constexpr bool is_supported(std::string_view locale) {
    for (std::string_view l : kLocales) {
        if (l == locale)
            return true;
    }
    return false;
}

//! The sentence an API error uses when a locale is not one of kLocales.
inline constexpr std::string_view kLocaleHint = "Choose one of the languages en, pl or de.";

}  // namespace trove::i18n
