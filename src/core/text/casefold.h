// Casefolding of one word: NFKC_Casefold through ICU, with a table-driven fast path for the
// ASCII and Latin-1 letters that make up nearly all French text (tests prove both agree).
#pragma once

#include <string>
#include <string_view>

namespace vigie::text {

// Appends the casefold of s (UTF-16) to out as UTF-8 and returns true, when every unit of s
// is ASCII alphanumeric, an apostrophe, '.', ',', '_' or a Latin-1 letter other than ß;
// otherwise leaves out unchanged and returns false.
bool casefold_fast(std::u16string_view s, std::string& out);
// Whether casefold_fast takes s (then its casefold is never empty when s is not).
bool casefold_fast_applies(std::u16string_view s);

// NFKC_Casefold of s (UTF-16) appended to out as UTF-8; false if ICU fails.
bool casefold_icu(std::u16string_view s, std::string& out);

}  // namespace vigie::text
