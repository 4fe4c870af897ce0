#include "core/text/casefold.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace vigie::text {

bool casefold_fast_applies(std::u16string_view s) {
    for (char16_t c : s)
        if (!((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'\'' || c == u'.' ||
              c == u',' || c == u'_' || c == u'\u2019' || (c >= 0xC0 && c <= 0xDE && c != 0xD7 && c != 0xDF) ||
              (c >= 0xE0 && c <= 0xFF && c != 0xF7)))
            return false;
    return true;
}

bool casefold_fast(std::u16string_view s, std::string& out) {
    if (!casefold_fast_applies(s)) return false;
    for (char16_t c : s) {
        if (c >= u'A' && c <= u'Z') {
            out += static_cast<char>(c - u'A' + u'a');
        } else if (c == u'\u2019') {
            out += '\'';  // the analyzer normalises the typographic apostrophe; so does its ICU path
        } else if (c >= 0xC0) {  // a Latin-1 letter: lowercase, two bytes of UTF-8
            const char16_t lower = c <= 0xDE ? static_cast<char16_t>(c + 0x20) : c;
            out += static_cast<char>(0xC0 | (lower >> 6));
            out += static_cast<char>(0x80 | (lower & 0x3F));
        } else {
            out += static_cast<char>(c);
        }
    }
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
