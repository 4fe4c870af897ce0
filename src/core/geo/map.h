// WorldMap: the page's world map (web/tools/build_map.mjs makes the asset from Natural Earth
// 1:50m): per country (ISO 3166 alpha-3) the triangles to fill and the rings to outline, in
// projected world coordinates (Equal Earth, unit scale, y down), plus hit testing and the
// projection itself for placing points.
//
// Asset, little-endian: header "VMAP" u32 version(1) u32 projection(1 = Equal Earth)
//   u32 countries u32 vertices u32 indices u32 rings f32 x0 y0 x1 y1 (world bounds) u32 reserved;
//   per country 32 bytes: char iso3[3] u8 0, u32 first_vertex vertex_count first_index index_count
//   first_ring ring_count, u16 label x y (quantised);
//   vertices: u16 x, y quantised to the bounds (0..65535), each the difference from the previous
//   vertex's (mod 2^16); indices: u16, relative to the country's first vertex, each the difference
//   from the previous index (mod 2^16); rings: u32 start (absolute vertex), u32 count;
//   u32 FNV-1a of everything before it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace vigie::geo {

struct MapCountry {
    std::string iso3;  // "" for land that belongs to no single country (Siachen Glacier)
    std::uint32_t first_vertex = 0, vertex_count = 0;
    std::uint32_t first_index = 0, index_count = 0;  // into WorldMap::indices(), 3 per triangle
    std::uint32_t first_ring = 0, ring_count = 0;    // into WorldMap::rings()
    float label_x = 0, label_y = 0;                  // where its name goes (world coordinates)
    float min_x = 0, min_y = 0, max_x = 0, max_y = 0;  // bounding box
};

// Usage:
//   auto map = WorldMap::load("/data/map/world.vmap");      // or parse(bytes, name)
//   if (!map) report(map.error());                         // "world.vmap: truncated (countries)"
//   auto [x, y] = WorldMap::project(4.35, 50.85);          // Brussels
//   const MapCountry* c = map->hit(x, y);                  // BEL
class WorldMap {
public:
    static Result<WorldMap> parse(std::string_view bytes, std::string_view name);
    static Result<WorldMap> load(const std::string& path);

    // Equal Earth (Šavrič, Patterson & Jenny, "The Equal Earth map projection", IJGIS 33(3),
    // 2019), unit scale, y down: what d3.geoEqualEarth().scale(1).translate([0, 0]) gives.
    static std::pair<float, float> project(double lon_degrees, double lat_degrees);

    const std::vector<MapCountry>& countries() const { return countries_; }
    const MapCountry* find(std::string_view iso3) const;  // nullptr if absent
    const std::vector<float>& vertices() const { return vertices_; }        // x, y, x, y, …
    const std::vector<std::uint32_t>& indices() const { return indices_; }  // absolute vertex numbers
    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& rings() const { return rings_; }  // [start, count)
    float min_x() const { return bounds_[0]; }
    float min_y() const { return bounds_[1]; }
    float max_x() const { return bounds_[2]; }
    float max_y() const { return bounds_[3]; }

    // The country drawn at (x, y), world coordinates: the smallest whose triangles hold the
    // point (an enclave before the country around it); nullptr over the sea.
    const MapCountry* hit(float x, float y) const;

private:
    std::vector<MapCountry> countries_;
    std::vector<float> vertices_;
    std::vector<std::uint32_t> indices_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> rings_;
    float bounds_[4] = {0, 0, 1, 1};
};

}  // namespace vigie::geo
