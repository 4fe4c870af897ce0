// The query language (DESIGN.md §5), syntax only: words, "phrases", -exclusions, a OR b,
// prefix*, field filters. Never fails: what cannot be parsed becomes a message and a best
// effort. The Searcher turns the parts into terms with the analyzer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/index/message.h"

namespace vigie::index {

struct QueryPart {
    enum class Kind : unsigned char { text, phrase };
    Kind kind = Kind::text;
    std::string text;         // as typed (a run of plain words, or the phrase inside its quotes)
    bool prefix = false;      // word* : the last word is a prefix (of a phrase too: "agence de pres*")
    bool title_only = false;  // titre:… / title:…
};

// Matches when any of its parts matches (one part unless joined by OR).
struct QueryClause {
    std::vector<QueryPart> any;
    bool negated = false;  // -word, -"phrase": results must not match
};

// Values of one field join: a document passes with any of them (a field said twice, or with
// OR between, as "année:2018 OR année:2019"); the fields intersect.
struct QueryFilters {
    struct Years { int from = 0, to = 0; };  // 0 = open
    std::vector<std::string> countries;  // pays: / country: values as typed (BE, BEL, Belgique)
    int country_typed = -1;              // typing: the index in countries of a value still typed
    std::vector<Years> years;            // année: / year: 2019 or 2018..2019
    int year_from = 0, year_to = 0;      // every document's year within (the page's range); 0 = open
    std::vector<std::string> sources;    // source: values
    bool empty() const { return countries.empty() && years.empty() && !year_from && !year_to && sources.empty(); }
};

struct ParsedQuery {
    std::vector<QueryClause> clauses;
    QueryFilters filters;
    std::vector<Message> messages;  // for the user: what was repaired or ignored
};

// typing: search-as-you-type; the last word, if not followed by a space, is also a prefix.
ParsedQuery parse_query(std::string_view query, bool typing = false);

}  // namespace vigie::index
