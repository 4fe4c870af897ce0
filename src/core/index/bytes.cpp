#include "core/index/bytes.h"

namespace vigie::index {

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
