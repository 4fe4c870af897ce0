#include "core/text/fold.h"

#include <algorithm>
#include <array>

#include "core/text/utf8.h"

namespace vigie::text {

namespace {

struct FoldRange {
    char32_t first, last;  // inclusive code point range
    const char* base;      // what every letter of the range folds to
};

// Unicode charts "Latin-1 Supplement" and "Latin Extended-A"; × ÷ þ Þ are left alone.
constexpr FoldRange kFolds[] = {
    {0x00C0, 0x00C5, "a"}, {0x00C6, 0x00C6, "ae"}, {0x00C7, 0x00C7, "c"}, {0x00C8, 0x00CB, "e"},
    {0x00CC, 0x00CF, "i"}, {0x00D0, 0x00D0, "d"},  {0x00D1, 0x00D1, "n"}, {0x00D2, 0x00D6, "o"},
    {0x00D8, 0x00D8, "o"}, {0x00D9, 0x00DC, "u"},  {0x00DD, 0x00DD, "y"}, {0x00DF, 0x00DF, "ss"},
    {0x00E0, 0x00E5, "a"}, {0x00E6, 0x00E6, "ae"}, {0x00E7, 0x00E7, "c"}, {0x00E8, 0x00EB, "e"},
    {0x00EC, 0x00EF, "i"}, {0x00F0, 0x00F0, "d"},  {0x00F1, 0x00F1, "n"}, {0x00F2, 0x00F6, "o"},
    {0x00F8, 0x00F8, "o"}, {0x00F9, 0x00FC, "u"},  {0x00FD, 0x00FD, "y"}, {0x00FF, 0x00FF, "y"},
    {0x0100, 0x0105, "a"}, {0x0106, 0x010D, "c"},  {0x010E, 0x0111, "d"}, {0x0112, 0x011B, "e"},
    {0x011C, 0x0123, "g"}, {0x0124, 0x0127, "h"},  {0x0128, 0x0131, "i"}, {0x0132, 0x0133, "ij"},
    {0x0134, 0x0135, "j"}, {0x0136, 0x0138, "k"},  {0x0139, 0x0142, "l"}, {0x0143, 0x014B, "n"},
    {0x014C, 0x0151, "o"}, {0x0152, 0x0153, "oe"}, {0x0154, 0x0159, "r"}, {0x015A, 0x0161, "s"},
    {0x0162, 0x0167, "t"}, {0x0168, 0x0173, "u"},  {0x0174, 0x0175, "w"}, {0x0176, 0x0178, "y"},
    {0x0179, 0x017E, "z"}, {0x017F, 0x017F, "s"},
};

constexpr char32_t kFirstFold = 0x00C0, kLastFold = 0x017F;
constexpr std::array<const char*, kLastFold - kFirstFold + 1> fold_table() {
    std::array<const char*, kLastFold - kFirstFold + 1> t{};
    for (const FoldRange& r : kFolds)
        for (char32_t cp = r.first; cp <= r.last; ++cp) t[cp - kFirstFold] = r.base;
    return t;
}

const char* fold_of(char32_t cp) {
    static constexpr auto table = fold_table();
    return cp < kFirstFold || cp > kLastFold ? nullptr : table[cp - kFirstFold];
}

}  // namespace

std::string fold_accents(std::string_view s) {
    // Never longer than s: what folds is two bytes of UTF-8 and becomes one or two letters.
    std::string out(s.size(), '\0');
    char* o = out.data();
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            *o++ = s[i++];
            continue;
        }
        const std::size_t start = i;
        const char* base = fold_of(next_code_point(s, i));
        if (base) while (*base) *o++ = *base++;
        else o = std::copy(s.data() + start, s.data() + i, o);
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
    return out;
}

}  // namespace vigie::text
