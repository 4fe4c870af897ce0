// Letter case of a surface form, without ICU (which only src/core/text may use): proper nouns
// are told from common words by their capital ("Paris" the city, "paris" the bets).
#pragma once

#include <string_view>

namespace vigie::geo {

// True when the first letter is a capital ("Belgique", "États", "ÎLES"). Latin, Greek and
// Cyrillic are known; other scripts have no case and answer false.
bool starts_with_capital(std::string_view utf8);

// True when there are at least two letters and none of them is lowercase ("USA", "U.S", "RDC").
bool is_all_caps(std::string_view utf8);

}  // namespace vigie::geo
