#include "core/text/distance.h"

#include <array>
#include <cstdint>

namespace vigie::text {

int osa_distance(std::string_view a, std::string_view b, int limit) {
    const std::size_t m = a.size();
    if (std::abs(int(m) - int(b.size())) > limit) return limit + 1;
    if (m == 0) return std::min(int(b.size()), limit + 1);
    if (m > 64) return osa(m, b.size(), limit, [&](std::size_t i, std::size_t j) { return a[i] == b[j]; });
    // peq[c]: the positions of byte c in a, as bits. Column by column of the table, VP and VN
    // hold where a cell is one more or one less than the one above it; the last row's value is
    // followed in `score`. TR marks the cells a swap of neighbours reaches.
    std::array<std::uint64_t, 256> peq{};
    for (std::size_t i = 0; i < m; ++i) peq[static_cast<unsigned char>(a[i])] |= std::uint64_t(1) << i;
    const std::uint64_t last = std::uint64_t(1) << (m - 1);
    std::uint64_t vp = m == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << m) - 1, vn = 0, d0 = 0, pm_before = 0;
    int score = int(m);
    for (std::size_t j = 0; j < b.size(); ++j) {
        const std::uint64_t pm = peq[static_cast<unsigned char>(b[j])];
        const std::uint64_t tr = (((~d0) & pm) << 1) & pm_before;
        d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
        std::uint64_t hp = vn | ~(d0 | vp);
        std::uint64_t hn = d0 & vp;
        if (hp & last) ++score;
        else if (hn & last) --score;
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        pm_before = pm;
    }
    return std::min(score, limit + 1);
}

}  // namespace vigie::text
