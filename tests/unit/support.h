// What several test files share: one French analyzer for the whole run, and the source root.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

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
