#include "core/text/utf8.h"

#include <algorithm>

namespace vigie::text {

namespace {

// Length of the well-formed sequence at s[i], or 0 if ill-formed (Unicode Table 3-7).
std::size_t sequence_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) -> unsigned { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0x100; };
    auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { unsigned b = byte(k); return b >= lo && b <= hi; };
    unsigned b0 = byte(0);
    if (b0 < 0x80) return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (b0 >= 0xE1 && b0 <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
    if (b0 == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (b0 >= 0xF1 && b0 <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = sequence_length(s, i);
        if (n == 0) return i;
        i += n;
    }
    return std::nullopt;
}

std::size_t line_of(std::string_view s, std::size_t offset) {
    offset = std::min(offset, s.size());
    return 1 + static_cast<std::size_t>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

void append_repaired(std::string& out, std::string_view s, std::size_t& i) {
    const std::size_t n = sequence_length(s, i);
    if (n == 0) {
        out += "\xEF\xBF\xBD";
        ++i;
        return;
    }
    out.append(s, i, n);
    i += n;
}

char32_t next_code_point(std::string_view s, std::size_t& i) {
    std::size_t n = sequence_length(s, i);
    if (n == 0) { ++i; return 0xFFFD; }
    auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
    char32_t cp = n == 1 ? b(0)
                : n == 2 ? ((b(0) & 0x1F) << 6) | (b(1) & 0x3F)
                : n == 3 ? ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F)
                         : ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    i += n;
    return cp;
}

}  // namespace vigie::text
