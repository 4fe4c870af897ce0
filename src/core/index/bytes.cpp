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
    if (per >= 2) {
        for (; n >= per; n -= per, bit += std::uint64_t(per) * width) {
            const std::uint64_t chunk = load_u64(p + bit / 8) >> (bit % 8);
            for (unsigned b = 0; b < width; ++b)
                sum += std::uint64_t(__builtin_popcountll(chunk & kPlanes.mask[width][b])) << b;
        }
    }
    for (; n > 0; --n, bit += width) sum += get_bits(p, bit, width);
    return sum;
}

std::uint64_t checksum64(const std::uint8_t* data, std::size_t size) {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;  // 2^64 / golden ratio
    std::uint64_t a = 0x243F6A8885A308D3ull ^ size, b = 0x13198A2E03707344ull;
    std::size_t i = 0;
    for (; i + 16 <= size; i += 16) {
        a = (a ^ load_u64(data + i)) * kMul;
        b = (b ^ load_u64(data + i + 8)) * kMul;
        a ^= a >> 29;
        b ^= b >> 31;
    }
    for (; i < size; ++i) a = (a ^ data[i]) * kMul;
    std::uint64_t h = a ^ (b * kMul) ^ (b >> 27);
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 33);
}

}  // namespace vigie::index
