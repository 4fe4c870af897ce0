#include "core/geo/casing.h"

#include "core/text/utf8.h"

namespace vigie::geo {

namespace {

enum class LetterCase { none, upper, lower };

// Unicode charts Basic Latin, Latin-1 Supplement, Latin Extended-A/B (the part Romanian and
// Turkish use), Greek and Cyrillic: enough for every name a French or English article spells.
LetterCase letter_case(char32_t c) {
    if (c >= U'A' && c <= U'Z') return LetterCase::upper;
    if (c >= U'a' && c <= U'z') return LetterCase::lower;
    if (c < 0xC0) return LetterCase::none;
    if (c <= 0xDE) return c == 0xD7 ? LetterCase::none : LetterCase::upper;
    if (c <= 0xFF) return c == 0xF7 ? LetterCase::none : LetterCase::lower;
    if (c <= 0x137) return c % 2 == 0 ? LetterCase::upper : LetterCase::lower;
    if (c == 0x138) return LetterCase::lower;
    if (c <= 0x148) return c % 2 == 1 ? LetterCase::upper : LetterCase::lower;
    if (c == 0x149) return LetterCase::lower;
    if (c <= 0x177) return c % 2 == 0 ? LetterCase::upper : LetterCase::lower;
    if (c == 0x178) return LetterCase::upper;
    if (c <= 0x17E) return c % 2 == 1 ? LetterCase::upper : LetterCase::lower;
    if (c == 0x17F) return LetterCase::lower;
    if (c >= 0x200 && c <= 0x21F) return c % 2 == 0 ? LetterCase::upper : LetterCase::lower;  // Ș ș Ț ț
    if (c == 0x386 || (c >= 0x388 && c <= 0x38F) || (c >= 0x391 && c <= 0x3AB)) return LetterCase::upper;
    if (c >= 0x3AC && c <= 0x3CE) return LetterCase::lower;
    if (c >= 0x400 && c <= 0x42F) return LetterCase::upper;
    if (c >= 0x430 && c <= 0x45F) return LetterCase::lower;
    return LetterCase::none;
}

}  // namespace

bool starts_with_capital(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        LetterCase lc = letter_case(text::next_code_point(s, i));
        if (lc != LetterCase::none) return lc == LetterCase::upper;
    }
    return false;
}

bool is_all_caps(std::string_view s) {
    int letters = 0;
    for (std::size_t i = 0; i < s.size();) {
        LetterCase lc = letter_case(text::next_code_point(s, i));
        if (lc == LetterCase::lower) return false;
        if (lc == LetterCase::upper) ++letters;
    }
    return letters >= 2;
}

}  // namespace vigie::geo
