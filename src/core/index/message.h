// What the engine tells the user about a query (a repair, a typo corrected, a partial match):
// an id and its arguments, written out in French (the CLI, the JS API) or English (the page).
#pragma once

#include <string>
#include <vector>

namespace vigie::index {

enum class MessageId {
    truncated,         // {bytes}: the query was cut
    lone_minus,        // "-" alone
    open_quote_phrase, // a phrase without its closing quote
    leading_or,        // {word}: OR at the start
    open_quote_value,  // a filter value without its closing quote
    unknown_field,     // {field}: searched as text
    empty_filter,      // {field:}
    negated_filter,    // {filter}
    bad_year,          // {value}
    trailing_or,       // OR at the end
    typo,              // {word, near words}: matched with a typo
    unknown_source,    // {source}
    unknown_country,   // {country}
    absent_country,    // {country}: a country, but none of this dossier's
    no_words,          // {text}: nothing searchable in it
    empty_phrase,      // {text}
    partial,           // no document has every word
    reversed_years,    // {value}: read the other way round
    or_filter,         // OR between a filter and words
    control_characters,// replaced by spaces
    or_fields,         // OR between filters of different fields
    too_many_words,    // {count}: the words after it were left out
};

enum class Language { fr, en };

struct Message {
    MessageId id;
    std::vector<std::string> args;
    std::string text(Language language = Language::fr) const;
};

}  // namespace vigie::index
