#pragma once
// `?lang=` on the routes that serve text to read (questionnaires, exercises): a well-formed
// language tag picks the language by its primary subtag ("pl", "pl-PL" and "PL" all mean Polish);
// a well-formed tag Trove does not speak ("fr", "pt-BR") gets English back, and the answer says so
// in its `language` field; a malformed value is 400 naming `lang`.

#include <cctype>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/message.hpp"
#include "i18n/locales.hpp"

namespace trove::api {

//! The requested language's primary subtag, lower-cased ("en" when `lang` is absent or empty).
//! Tags follow BCP 47's shape: 2-3 letters, then subtags of 1-8 letters or digits after '-'.
inline Result<std::string> requested_language(const http::Request& request) {
    bool found = false;
    std::string raw = request.query_param("lang", &found);
    if (!found || raw.empty())
        return std::string("en");
    // Split on '-': the first subtag is 2-3 ASCII letters, every further one 1-8 letters or digits.
    std::string primary;
    bool ok = true;
    std::size_t part = 0, length = 0;
    for (std::size_t i = 0; i <= raw.size() && ok; ++i) {
        if (i == raw.size() || raw[i] == '-') {
            ok = part == 0 ? length >= 2 && length <= 3 : length >= 1 && length <= 8;
            ++part;
            length = 0;
            continue;
        }
        const unsigned char c = static_cast<unsigned char>(raw[i]);
        ok = c < 128 && (part == 0 ? std::isalpha(c) != 0 : std::isalnum(c) != 0);
        if (part == 0)
            primary.push_back(static_cast<char>(std::tolower(c)));
        ++length;
    }
    if (!ok) {
        return Error::invalid("lang",
                              "Give a language tag such as en, pl or de; other languages get "
                              "English.");
    }
    return primary;
}

//! The language for the server's own words (the strengths, the interview): `?lang=`'s language
//! where Trove speaks it, else English; a malformed tag is the same 400 as above.
inline Result<std::string> catalogue_language(const http::Request& request) {
    std::string language = TRY(requested_language(request));
    return i18n::is_supported(language) ? language : std::string(i18n::kDefaultLocale);
}

}  // namespace trove::api
