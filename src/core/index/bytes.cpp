#include "core/index/bytes.h"

namespace vigie::index {

namespace {

// kPlanes.mask[w][b]: the bits b, b + w, b + 2w… of the fields of width w that fit in 56 bits.
struct Planes {
    std::uint64_t mask[33][32] = {};
    constexpr Planes() {
        for (unsigned w = 1; w <= 32; ++w)
            for (unsigned f = 0; (f + 1) * w <= 56; ++f)
                for (unsigned b = 0; b < w; ++b) mask[w][b] |= std::uint64_t(1) << (f * w + b);
    }
};
constexpr Planes kPlanes;

}  // namespace

// On x86-64 (native builds), a copy with the POPCNT instruction where the processor has it (the
// baseline has none: each popcount is then a library call, most of the time of opening a large
// index); wasm has its own popcount instruction.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("popcnt", "default")))
#endif
std::uint64_t sum_bits_wide(const std::uint8_t* p, std::uint64_t bit, std::uint32_t n, unsigned width) {
    std::uint64_t sum = 0;
    const unsigned per = 56 / width;  // fields read in one 8-byte load, whatever bit % 8 is
    auto add = [&](std::uint64_t chunk) {
        for (unsigned b = 0; b < width; ++b) sum += std::uint64_t(__builtin_popcountll(chunk & kPlanes.mask[width][b])) << b;
    };
    for (; n >= per; n -= per, bit += std::uint64_t(per) * width) add(load_u64(p + bit / 8) >> (bit % 8));
    if (n) add((load_u64(p + bit / 8) >> (bit % 8)) & ((std::uint64_t(1) << (n * width)) - 1));  // the rest: n * width < 56
    return sum;
}

std::uint64_t checksum64(const std::uint8_t* data, std::size_t size) {
    // Fletcher's two running sums (modulo 2^64) over 8-byte words, in four interleaved lanes:
    // the first adds the words, the second the first's successive values, so that a changed,
    // missing or moved word changes it. Two additions per word, which a 500 MB index needs.
    std::uint64_t a[4] = {0x243F6A8885A308D3ull ^ size, 0, 0, 0}, b[4] = {};
    std::size_t i = 0;
    for (; i + 32 <= size; i += 32)
        for (int k = 0; k < 4; ++k) {
            a[k] += load_u64(data + i + 8 * k);
            b[k] += a[k];
        }
    for (; i < size; ++i) {
        a[0] += data[i];
        b[0] += a[0];
    }
    std::uint64_t h = 0;
    for (int k = 0; k < 4; ++k) {  // each sum through a multiply-xorshift mixer, into h
        for (std::uint64_t v : {a[k], b[k]}) {
            h = (h ^ v) * 0x9E3779B97F4A7C15ull;  // 2^64 / golden ratio
            h ^= h >> 32;
        }
    }
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 33);
}

}  // namespace vigie::index
