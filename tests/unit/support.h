// What several test files share: one French analyzer for the whole run, and the source root.
#pragma once

#include <string>

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

}  // namespace vigie::testing
