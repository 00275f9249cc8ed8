#pragma once
// The exercise library: between-session exercises (three good things, a gratitude letter, a safe
// place, ...) as data. Trove ships one JSON file per exercise in `exercises/` (see
// exercises/README.md); a practice adds its own through the API. Both go through parse_exercise, so
// one set of rules decides what a valid exercise is.

#include <array>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"

namespace trove::journal {

//! One publication behind an exercise.
struct Evidence {
    std::string citation;  // a full reference, APA style
    std::string doi;       // "10.xxxx/...", without https://doi.org/; empty when there is none
};

//! The words of an exercise in one language: every field a person reads.
struct ExerciseText {
    std::string title, summary, purpose, caution;
    std::vector<std::string> instructions, prompts;
};

//! The languages an exercise is written in besides English, the original: every shipped exercise
//! has all of them; a practice's own exercise may have some or none.
inline constexpr std::array<std::string_view, 2> kExerciseLanguages = {"pl", "de"};

struct Exercise {
    std::string id, title, summary, purpose;
    std::vector<std::string> instructions, prompts;
    int duration_minutes = 0;
    std::string journal_kind;  // see is_journal_kind
    std::vector<std::string>
        suitable_for;     // adults, young_people, children, couples, families, groups
    std::string caution;  // empty when there is none
    std::vector<Evidence> evidence;
    //! The same words in other languages, by language code ("pl", "de"): each has every text
    //! field the English has (and no other), with as many instructions and prompts.
    std::map<std::string, ExerciseText, std::less<>> translations;
};

//! The exercise as read in `language`: its texts in that language when it is written in it,
//! otherwise unchanged (English). `translations` is left out of the copy.
Exercise in_language(const Exercise& exercise, std::string_view language);

//! The language in_language(exercise, language) gives: `language` or "en".
std::string_view served_language(const Exercise& exercise, std::string_view language);

//! True for the six kinds of journal entry an exercise can feed: success, gratitude, strength_use,
//! exception, resource, free.
bool is_journal_kind(std::string_view kind);

//! Checks one exercise, from a shipped file or a practice's request, and returns it.
//!
//! `source` names where the JSON came from: a file name, which every error message starts with, or
//! "request", which adds nothing. With `require_id` the `id` field must be present; without it an
//! `id` is optional (checked when given), since a practice's exercise gets its id from Trove and a
//! client may echo back one it read. Every refusal is Error::invalid with `field` set to the
//! offending field ("title", "instructions[2]", "evidence[0].doi") and a message that names it.
//! Limits: title 1-120 characters on one line, summary <= 300, purpose <= 2000, caution <= 1000,
//! 1-20 instructions of 1-1000, 0-20 prompts of 1-300, duration 1-240 whole minutes, suitable_for
//! from the fixed list without repeats, <= 10 evidence entries with a citation of 1-1000 characters
//! and an optional DOI. Characters are Unicode code points. Unknown keys and wrong types are
//! refused; null counts as absent.
Result<Exercise> parse_exercise(const nlohmann::json& j, std::string_view source, bool require_id);

//! The same field names parse_exercise reads; optional fields (summary, purpose, prompts,
//! suitable_for, caution, evidence, doi, and id when empty) are left out when empty.
nlohmann::json to_json(const Exercise& exercise);

//! Every `*.json` in `folder`, parsed with require_id, sorted by id; each must be written in every
//! language of kExerciseLanguages (a missing language or a missing field of one stops the load,
//! naming file and field, e.g. "translations.de.purpose"). The first problem stops the
//! load: an unreadable or malformed file, two files with the same id (both named), or an id that
//! differs from its file name. Other files (README.md) are ignored.
Result<std::vector<Exercise>> load_exercise_library(const std::string& folder);

//! Where the shipped exercise files are: $TROVE_EXERCISES, else the first existing `exercises/` in
//! the working directory, beside the binary or in one of its parent folders, or
//! `../share/trove/exercises` beside the binary; "exercises" when none exists.
std::string find_exercises_folder();

}  // namespace trove::journal
