// A country as the gazetteer knows it: ISO 3166-1 codes, French names with their article and
// gender (what "en Belgique", "au Maroc", "aux Pays-Bas" need), English names, demonyms in their
// four French forms, and the cities and regions that stand for it in the press.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::geo {

enum class CountryStatus : std::uint8_t {
    un_member,             // one of the 193 UN member states
    observer,              // UN observer state (Palestine, the Holy See)
    partially_recognised,  // Kosovo, Taiwan
    territory,             // has an ISO code but no seat (Greenland, Hong Kong, Western Sahara…)
};

enum class Article : std::uint8_t {
    none,    // "Israël", "Cuba", "Chypre": no article in running text
    le,      // "le Maroc"
    la,      // "la Belgique"
    elided,  // "l’Espagne", "l’Irak": gender decides the agreement, not the article
    les,     // "les Pays-Bas", "les États-Unis"
};

enum class Gender : std::uint8_t { masculine, feminine };

struct FrenchName {
    std::string name;              // "Pays-Bas"
    Article article = Article::none;
    Gender gender = Gender::masculine;
    std::string locative;          // only where the rule gets it wrong: "en Israël", "à Oman"
};

struct Country {
    std::string iso3;                                       // "BEL" (Kosovo: the user-assigned "XKX")
    std::string iso2;                                       // "BE"
    CountryStatus status = CountryStatus::un_member;
    std::vector<FrenchName> french;                         // [0] is the usual name
    std::vector<std::string> english;                       // [0] is the usual name
    std::vector<std::array<std::string, 4>> french_demonyms;  // m. sg, f. sg, m. pl, f. pl
    std::vector<std::string> english_demonyms;              // "Belgian", "Belgians"
    std::vector<std::string> combining_forms;               // "franco" in "franco-belge"
    std::vector<std::string> cities;                        // capitals and major cities, any language
    std::vector<std::string> regions;                       // "Flandre orientale", "îles Canaries"

    const std::string& french_name() const { return french.front().name; }  // non-empty after loading
};

// "la Belgique", "l’Espagne", "le Maroc", "les Pays-Bas", "Israël" (typographic apostrophe).
std::string with_article(const FrenchName& n);

// Where something happens: "en Belgique", "en Irak", "au Maroc", "aux Pays-Bas", "à Cuba".
std::string locative(const FrenchName& n);

std::string_view to_string(CountryStatus s);

}  // namespace vigie::geo
