// What several test files share: one French analyzer for the whole run, the source root, and
// hand-made .vidx damage.
#pragma once

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "core/index/bytes.h"
#include "core/index/format.h"
#include "core/index/index.h"
#include "core/text/analyzer.h"

namespace vigie::testing {

inline const std::string kRoot = VIGIE_SOURCE_DIR;

inline const text::Analyzer& analyzer() {
    static text::Analyzer a = [] {
        auto r = text::Analyzer::create();
        REQUIRE(r.ok());
        return std::move(r).value();
    }();
    return a;
}

// A directory of the temporary one for a test's files, named for this run (two suites running
// at once, a tree's and a clone's, would otherwise write and delete each other's).
inline std::filesystem::path scratch_dir(const std::string& name) {
    static const std::string run = std::to_string(std::random_device{}());
    return std::filesystem::temp_directory_path() / (name + "-" + run);
}

// A .vidx blob changed by hand, with its checksum made right again: what passes the checksum
// and must still be checked (a blob made on purpose).
inline std::string resealed(std::string b) {
    const std::size_t body = index::format::kHeaderBytes + index::format::kSectionEntryBytes * index::format::kSectionCount;
    const std::uint64_t sum = index::checksum64(reinterpret_cast<const std::uint8_t*>(b.data()) + body, b.size() - body);
    for (int i = 0; i < 8; ++i) b[16 + i] = static_cast<char>((sum >> (8 * i)) & 0xFF);
    return b;
}

// An index's bytes, its parts joined.
inline std::string joined(const index::Index& ix) {
    std::string out;
    for (std::string_view p : ix.parts()) out += p;
    return out;
}

// Where section id starts in a .vidx blob, and its size (0 if it has none).
inline std::size_t section_field(const std::string& blob, index::format::Section id, std::size_t field) {
    for (std::uint32_t i = 0; i < index::format::kSectionCount; ++i) {
        const auto* e = reinterpret_cast<const std::uint8_t*>(blob.data()) + index::format::kHeaderBytes + index::format::kSectionEntryBytes * i;
        if (index::load_u32(e) == static_cast<std::uint32_t>(id)) return static_cast<std::size_t>(index::load_u64(e + field));
    }
    return 0;
}
inline std::size_t section_at(const std::string& blob, index::format::Section id) { return section_field(blob, id, 8); }
inline std::size_t section_size(const std::string& blob, index::format::Section id) { return section_field(blob, id, 16); }

// Hostile text, the same on every run and build: pieces that stress a parser, mixed with random
// bytes (one in `byte_odds`), up to `max_pieces` of them. Xorshift64.
class HostileText {
public:
    HostileText(std::uint64_t seed, std::vector<std::string> pieces) : state_(seed), pieces_(std::move(pieces)) {}
    std::string next(std::size_t max_pieces, std::uint64_t byte_odds) {
        std::string out;
        const std::size_t n = random() % max_pieces;
        for (std::size_t k = 0; k < n; ++k) {
            if (random() % byte_odds == 0) out += static_cast<char>(random() % 256);
            else out += pieces_[random() % pieces_.size()];
        }
        return out;
    }

private:
    std::uint64_t random() {
        state_ ^= state_ << 13;
        state_ ^= state_ >> 7;
        state_ ^= state_ << 17;
        return state_;
    }
    std::uint64_t state_;
    std::vector<std::string> pieces_;
};

}  // namespace vigie::testing
