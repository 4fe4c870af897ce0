#include "core/index/bytes.h"

#include <algorithm>
#include <cstring>

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

Checksum64::Checksum64(std::uint64_t size) : a_{0x243F6A8885A308D3ull ^ size, 0, 0, 0} {}

void Checksum64::update(const std::uint8_t* data, std::size_t size) {
    // Fletcher's two running sums (modulo 2^64) over 8-byte words, in four interleaved lanes:
    // the first adds the words, the second the first's successive values, so that a changed,
    // missing or moved word changes it. Two additions per word, which a 500 MB index needs.
    if (held_) {  // complete the chunk a previous part left
        const std::size_t n = std::min(size, sizeof pending_ - held_);
        std::memcpy(pending_ + held_, data, n);
        held_ += n;
        data += n;
        size -= n;
        if (held_ < sizeof pending_) return;
        held_ = 0;
        update(pending_, sizeof pending_);
    }
    std::uint64_t a[4] = {a_[0], a_[1], a_[2], a_[3]}, b[4] = {b_[0], b_[1], b_[2], b_[3]};  // in locals: registers
    for (; size >= 32; data += 32, size -= 32)
        for (int k = 0; k < 4; ++k) {
            a[k] += load_u64(data + 8 * k);
            b[k] += a[k];
        }
    std::copy(a, a + 4, a_);
    std::copy(b, b + 4, b_);
    std::memcpy(pending_, data, size);
    held_ = size;
}

std::uint64_t Checksum64::value() const {
    std::uint64_t a[4], b[4];
    std::copy(a_, a_ + 4, a);
    std::copy(b_, b_ + 4, b);
    for (std::size_t i = 0; i < held_; ++i) {  // the last bytes short of a chunk, one by one
        a[0] += pending_[i];
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

std::uint64_t checksum64(const std::uint8_t* data, std::size_t size) {
    Checksum64 sum(size);
    sum.update(data, size);
    return sum.value();
}

}  // namespace vigie::index
