// Edit distances between words: optimal string alignment (Levenshtein, plus a swap of
// neighbours as one edit), as the typo search scores its near words.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace vigie::text {

// Between sequences of m and n items, same(i, j) telling whether item i of the first is item j
// of the second: the distance, or limit + 1 when it is over limit. The dynamic programme, row by
// row, stopping when a whole row is over limit.
template <typename Same>
int osa(std::size_t m, std::size_t n, int limit, Same&& same) {
    if (std::abs(int(m) - int(n)) > limit) return limit + 1;
    std::vector<int> prev2(n + 1), prev(n + 1), row(n + 1);
    for (std::size_t j = 0; j <= n; ++j) prev[j] = int(j);
    for (std::size_t i = 1; i <= m; ++i) {
        row[0] = int(i);
        int least = row[0];
        for (std::size_t j = 1; j <= n; ++j) {
            row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + !same(i - 1, j - 1)});
            if (i > 1 && j > 1 && same(i - 1, j - 2) && same(i - 2, j - 1)) row[j] = std::min(row[j], prev2[j - 2] + 1);
            least = std::min(least, row[j]);
        }
        if (least > limit) return limit + 1;
        std::swap(prev2, prev);
        std::swap(prev, row);
    }
    return std::min(prev[n], limit + 1);
}

// Between two byte strings, the same value. A first string of up to 64 bytes goes through
// Hyyrö's bit-parallel algorithm (one machine word per column: "A bit-vector algorithm for
// computing Levenshtein and Damerau edit distances", Nordic Journal of Computing 10(1), 2003);
// a longer one through the dynamic programme.
int osa_distance(std::string_view a, std::string_view b, int limit);

}  // namespace vigie::text
