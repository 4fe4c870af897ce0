// The world map asset: the real one (web/tools/build_map.mjs, made by the build) loads, places
// capitals in their countries, tells small neighbours apart; damaged assets are clear errors.
#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "core/geo/map.h"

using vigie::geo::WorldMap;

namespace {

const std::string& asset() {
    static const std::string bytes = [] {
        std::ifstream in(VIGIE_MAP_ASSET, std::ios::binary);
        REQUIRE(in);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }();
    return bytes;
}

const WorldMap& world() {
    static const WorldMap m = [] {
        auto r = WorldMap::parse(asset(), "world.vmap");
        INFO((r ? "" : r.error().message));
        REQUIRE(r.ok());
        return std::move(r).value();
    }();
    return m;
}

std::string at(double lon, double lat) {
    auto [x, y] = WorldMap::project(lon, lat);
    const vigie::geo::MapCountry* c = world().hit(x, y);
    return c ? c->iso3 : "sea";
}

void put_u32(std::string& s, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
void reseal(std::string& s) {  // a fresh checksum, so that a test reaches the check behind it
    std::uint32_t h = 0x811c9dc5u;
    for (std::size_t i = 0; i + 4 < s.size(); ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 0x01000193u;
    put_u32(s, s.size() - 4, h);
}

}  // namespace

TEST_CASE("map: the Natural Earth 1:50m countries, keyed by ISO alpha-3", "[map]") {
    const WorldMap& m = world();
    CHECK(m.countries().size() > 200);
    for (const char* iso : {"BEL", "NLD", "LUX", "MLT", "FRA", "ESP", "MAR", "BGR", "ROU", "GBR", "CAN", "USA", "XKX", "RUS", "FJI"})
        CHECK(m.find(iso) != nullptr);
    CHECK(m.find("ZZZ") == nullptr);
    CHECK(m.indices().size() % 3 == 0);
    for (const auto& c : m.countries()) {
        CHECK(c.min_x >= m.min_x() - 1e-3f);
        CHECK(c.max_x <= m.max_x() + 1e-3f);
    }
}

TEST_CASE("map: projection and hit testing put each capital in its country", "[map]") {
    CHECK(at(4.35, 50.85) == "BEL");   // Brussels
    CHECK(at(4.90, 52.37) == "NLD");   // Amsterdam
    CHECK(at(2.35, 48.86) == "FRA");   // Paris
    CHECK(at(6.13, 49.61) == "LUX");   // Luxembourg
    CHECK(at(14.51, 35.90) == "MLT");  // Valletta
    CHECK(at(-6.84, 34.02) == "MAR");  // Rabat
    CHECK(at(-3.70, 40.42) == "ESP");  // Madrid
    CHECK(at(26.10, 44.43) == "ROU");  // Bucharest
    CHECK(at(23.32, 42.70) == "BGR");  // Sofia
    CHECK(at(-75.70, 45.42) == "CAN"); // Ottawa
    CHECK(at(-77.04, 38.90) == "USA"); // Washington
    CHECK(at(27.48, -29.31) == "LSO"); // Maseru: an enclave before the country around it
    CHECK(at(12.45, 43.94) == "SMR");  // San Marino inside Italy
    CHECK(at(-30.0, 30.0) == "sea");   // the Atlantic
    CHECK(at(178.0, -17.8) == "FJI");  // across the antimeridian
    // The middle of Belgium's box is Belgium, not a neighbour.
    const auto* be = world().find("BEL");
    REQUIRE(be);
    const auto* hit = world().hit((be->min_x + be->max_x) / 2, (be->min_y + be->max_y) / 2);
    REQUIRE(hit);
    CHECK(hit->iso3 == "BEL");
    // Equal Earth's known values (d3.geoEqualEarth().scale(1)): the equator at ±180° and a pole.
    CHECK(WorldMap::project(180, 0).first == Approx(2.7066).epsilon(1e-3));
    CHECK(WorldMap::project(0, 90).second == Approx(-1.3173).epsilon(1e-3));
}

TEST_CASE("map: a damaged asset is an error naming what is wrong", "[map][bad-input]") {
    auto error = [](const std::string& bytes) {
        auto r = WorldMap::parse(bytes, "world.vmap");
        REQUIRE_FALSE(r.ok());
        return r.error().message;
    };
    CHECK_THAT(error(""), Catch::Contains("world.vmap: truncated (header)"));
    CHECK_THAT(error(std::string(100, 'x')), Catch::Contains("no VMAP magic"));
    std::string s = asset();
    CHECK_THAT(error(s.substr(0, s.size() / 2)), Catch::Contains("truncated"));
    CHECK_THAT(error(s + "x"), Catch::Contains("trailing bytes"));
    std::string v = s;
    put_u32(v, 4, 2);
    CHECK_THAT(error(v), Catch::Contains("version 2 unsupported"));
    std::string flipped = s;
    flipped[s.size() / 2] = static_cast<char>(flipped[s.size() / 2] ^ 0x40);
    CHECK_THAT(error(flipped), Catch::Contains("checksum mismatch"));
    std::string range = s;
    put_u32(range, 48 + 8, 0xFFFFFF);  // countries[0].vertex_count
    reseal(range);
    CHECK_THAT(error(range), Catch::Contains("countries[0]"));
    CHECK_THAT(error(range), Catch::Contains("vertices out of range"));
    CHECK_FALSE(WorldMap::load("/nonexistent/world.vmap").ok());
}
