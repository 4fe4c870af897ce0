#include "core/text/casefold.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <array>

namespace vigie::text {

namespace {

// The characters casefold_fast takes, ASCII: what each becomes, 0 for one it does not take.
constexpr std::array<char, 128> ascii_folds() {
    std::array<char, 128> t{};
    for (char c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = t[static_cast<std::size_t>(c - 'a' + 'A')] = c;
    for (char c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = c;
    for (char c : {'\'', '.', ',', '_'}) t[static_cast<std::size_t>(c)] = c;
    return t;
}
constexpr std::array<char, 128> kAscii = ascii_folds();

// Beyond ASCII: ’, and the Latin-1 letters (× ÷ and ß aside).
bool is_latin1_letter(char16_t c) { return c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xDF && c != 0xF7; }

}  // namespace

bool casefold_fast_applies(std::u16string_view s) {
    for (char16_t c : s)
        if (c < 0x80 ? !kAscii[c] : !(c == u'\u2019' || is_latin1_letter(c))) return false;
    return true;
}

bool casefold_fast(std::u16string_view s, std::string& out) {
    // One pass that checks and writes, into a buffer on the stack for a word (two bytes per
    // unit at most), appended at once: a byte at a time through std::string costs a call per
    // byte in libc++.
    char stack[128];
    std::string heap;
    char* const begin = s.size() <= sizeof stack / 2 ? stack : (heap.resize(2 * s.size()), heap.data());
    char* o = begin;
    for (char16_t c : s) {
        if (c < 0x80) {
            if (!(*o++ = kAscii[c])) return false;
        } else if (c == u'\u2019') {
            *o++ = '\'';  // the analyzer normalises the typographic apostrophe; so does its ICU path
        } else if (is_latin1_letter(c)) {  // lowercase, two bytes of UTF-8
            const char16_t lower = c <= 0xDE ? static_cast<char16_t>(c + 0x20) : c;
            *o++ = static_cast<char>(0xC0 | (lower >> 6));
            *o++ = static_cast<char>(0x80 | (lower & 0x3F));
        } else {
            return false;
        }
    }
    out.append(begin, static_cast<std::size_t>(o - begin));
    return true;
}

bool casefold_icu(std::u16string_view s, std::string& out) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) return false;
    const icu::UnicodeString in(false, s.data(), static_cast<int32_t>(s.size()));  // read-only alias
    icu::UnicodeString folded;
    nfkc_cf->normalize(in, folded, status);
    if (U_FAILURE(status)) return false;
    folded.toUTF8String(out);
    return true;
}

}  // namespace vigie::text
