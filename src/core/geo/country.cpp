#include "core/geo/country.h"

namespace vigie::geo {

std::string with_article(const FrenchName& n) {
    switch (n.article) {
        case Article::le: return "le " + n.name;
        case Article::la: return "la " + n.name;
        case Article::elided: return "l\u2019" + n.name;
        case Article::les: return "les " + n.name;
        case Article::none: break;
    }
    return n.name;
}

std::string locative(const FrenchName& n) {
    if (!n.locative.empty()) return n.locative;
    switch (n.article) {
        // French uses "en" before feminine names and before any name that elides its article.
        case Article::la:
        case Article::elided: return "en " + n.name;
        case Article::le: return "au " + n.name;
        case Article::les: return "aux " + n.name;
        case Article::none: break;  // islands and city-states: "à Cuba", "à Singapour"
    }
    return "\u00E0 " + n.name;
}

std::string_view to_string(CountryStatus s) {
    switch (s) {
        case CountryStatus::un_member: return "un_member";
        case CountryStatus::observer: return "observer";
        case CountryStatus::partially_recognised: return "partially_recognised";
        case CountryStatus::territory: return "territory";
    }
    return "?";
}

}  // namespace vigie::geo
