// Little-endian byte encoding for the .vidx format: fixed-width loads/stores, LEB128 varints,
// and the 64-bit checksum. Same bytes on x86 and wasm32.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::index {

// Each writes its bytes with one append (a byte at a time costs a capacity check per byte).
inline void put_u32(std::string& out, std::uint32_t v) {
    const char b[4] = {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16), static_cast<char>(v >> 24)};
    out.append(b, 4);
}
inline void put_u64(std::string& out, std::uint64_t v) {
    put_u32(out, static_cast<std::uint32_t>(v));
    put_u32(out, static_cast<std::uint32_t>(v >> 32));
}
inline void put_u16(std::string& out, std::uint16_t v) {
    const char b[2] = {static_cast<char>(v), static_cast<char>(v >> 8)};
    out.append(b, 2);
}
inline void put_f32(std::string& out, float v) {
    std::uint32_t bits;
    std::memcpy(&bits, &v, 4);
    put_u32(out, bits);
}
inline void put_varint(std::string& out, std::uint64_t v) {
    if (v < 0x80) {  // most deltas and frequencies
        out += static_cast<char>(v);
        return;
    }
    char b[10];
    std::size_t n = 0;
    while (v >= 0x80) {
        b[n++] = static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    b[n++] = static_cast<char>(v);
    out.append(b, n);
}

// The same into a byte vector, whose push_back inlines (std::string's does not in libc++, where
// it is compiled in the library): the indexer's postings streams.
inline void put_varint(std::vector<std::uint8_t>& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<std::uint8_t>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(v));
}

inline std::uint32_t load_u32(const std::uint8_t* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}
inline std::uint64_t load_u64(const std::uint8_t* p) { return load_u32(p) | std::uint64_t(load_u32(p + 4)) << 32; }
inline float load_f32(const std::uint8_t* p) {
    const std::uint32_t bits = load_u32(p);
    float v;
    std::memcpy(&v, &bits, 4);
    return v;
}
inline std::uint16_t load_u16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | p[1] << 8); }

// Decodes a varint at p (which the caller keeps inside its stream) and advances p.
inline std::uint32_t read_varint(const std::uint8_t*& p) {
    std::uint32_t v = *p & 0x7F;
    if (!(*p++ & 0x80)) return v;
    for (int shift = 7; shift < 35; shift += 7) {
        v |= std::uint32_t(*p & 0x7F) << shift;
        if (!(*p++ & 0x80)) break;
    }
    return v;
}
// The same for bytes that may be damaged: false, and nothing read past end, when the varint
// is cut off or longer than 32 bits allow.
inline bool read_varint(const std::uint8_t*& p, const std::uint8_t* end, std::uint32_t& v) {
    v = 0;
    for (int shift = 0; p < end && shift < 35; shift += 7) {
        v |= std::uint32_t(*p & 0x7F) << shift;
        if (!(*p++ & 0x80)) return true;
    }
    return false;
}

// Bit packing (the postings' blocks): values of a fixed width, least significant bit first.
inline unsigned bit_width(std::uint32_t v) { return v ? 32u - static_cast<unsigned>(__builtin_clz(v)) : 0u; }
// Writes from p on, into bytes the caller has sized: ceil(bits / 8) for the values put.
struct BitWriter {
    char* p;
    std::uint64_t pending = 0;  // bits not yet a whole byte, fewer than 8
    unsigned count = 0;
    void put(std::uint32_t v, unsigned width) {  // width <= 32; v < 2^width
        pending |= std::uint64_t(v) << count;
        for (count += width; count >= 8; count -= 8, pending >>= 8) *p++ = static_cast<char>(pending & 0xFF);
    }
    void flush() {  // to a byte boundary
        if (count) *p++ = static_cast<char>(pending & 0xFF);
        pending = 0;
        count = 0;
    }
};
// The width-bit value (width <= 32) at bit offset `bit` from p. Reads 8 bytes from p + bit / 8:
// the postings section ends with 8 bytes of padding so that the last value can be read so.
inline std::uint32_t get_bits(const std::uint8_t* p, std::uint64_t bit, unsigned width) {
    return static_cast<std::uint32_t>((load_u64(p + bit / 8) >> (bit % 8)) & ((std::uint64_t(1) << width) - 1));
}

// Σ of n consecutive width-bit fields from bit (the same reads as get_bits, 8 bytes past the
// last field at most). Several narrow fields: a popcount per bit plane of each 56-bit chunk
// instead of a read per field (sum_bits_wide, width <= 8; past 8 bits, its planes cost more
// than the reads).
std::uint64_t sum_bits_wide(const std::uint8_t* p, std::uint64_t bit, std::uint32_t n, unsigned width);
inline std::uint64_t sum_bits(const std::uint8_t* p, std::uint64_t bit, std::uint32_t n, unsigned width) {
    if (width == 0) return 0;
    if (n >= 4 && width <= 8) return sum_bits_wide(p, bit, n, width);
    std::uint64_t sum = 0;
    for (; n > 0; --n, bit += width) sum += get_bits(p, bit, width);
    return sum;
}

// A fast 64-bit checksum over whole words (not cryptographic: it catches truncation and
// corruption of a saved index, at several GB/s so loading stays quick).
std::uint64_t checksum64(const std::uint8_t* data, std::size_t size);
// The same over bytes given in parts (an index held as several buffers), size their total:
// the same value as checksum64 over the parts joined.
class Checksum64 {
public:
    explicit Checksum64(std::uint64_t size);
    void update(const std::uint8_t* data, std::size_t size);
    std::uint64_t value() const;

private:
    std::uint64_t a_[4], b_[4] = {};
    std::uint8_t pending_[32];  // a chunk's first bytes, until the next part completes it
    std::size_t held_ = 0;
};

}  // namespace vigie::index
