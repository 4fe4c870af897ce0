#include "core/geo/map.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "core/corpus/files.h"
#include "core/index/bytes.h"

namespace vigie::geo {

using index::load_u16;
using index::load_u32;

namespace {

constexpr std::size_t kHeader = 48, kEntry = 32;

float load_f32(const std::uint8_t* p) {
    const std::uint32_t u = load_u32(p);
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

std::uint32_t fnv1a(const std::uint8_t* p, std::size_t n) {
    std::uint32_t h = 0x811c9dc5u;
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x01000193u;
    return h;
}

}  // namespace

std::pair<float, float> WorldMap::project(double lon, double lat) {
    constexpr double A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796;
    const double M = std::sqrt(3.0) / 2, pi = 3.14159265358979323846;
    const double l = lon * pi / 180, p = lat * pi / 180;
    const double t = std::asin(M * std::sin(p)), t2 = t * t, t6 = t2 * t2 * t2;
    const double x = l * std::cos(t) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)));
    const double y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    return {static_cast<float>(x), static_cast<float>(-y)};
}

Result<WorldMap> WorldMap::parse(std::string_view bytes, std::string_view name) {
    const std::string n(name);
    auto fail = [&](const std::string& what) { return Error{n + ": " + what}; };
    const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
    const std::size_t size = bytes.size();
    if (size < kHeader + 4) return fail("truncated (header)");
    if (std::memcmp(p, "VMAP", 4) != 0) return fail("not a Vigie map (no VMAP magic)");
    if (load_u32(p + 4) != 1) return fail("version " + std::to_string(load_u32(p + 4)) + " unsupported (1 expected)");
    if (load_u32(p + 8) != 1) return fail("projection " + std::to_string(load_u32(p + 8)) + " unknown (1 = Equal Earth)");
    const std::uint64_t nc = load_u32(p + 12), nv = load_u32(p + 16), ni = load_u32(p + 20), nr = load_u32(p + 24);
    const std::uint64_t need = kHeader + nc * kEntry + nv * 4 + ni * 2 + nr * 8 + 4;
    if (size < need) return fail("truncated (" + std::to_string(size) + " bytes, " + std::to_string(need) + " expected)");
    if (size > need) return fail("trailing bytes after the checksum");
    if (fnv1a(p, size - 4) != load_u32(p + size - 4)) return fail("checksum mismatch (damaged file)");
    if (ni % 3) return fail("indices: " + std::to_string(ni) + " is not a whole number of triangles");

    WorldMap m;
    for (int i = 0; i < 4; ++i) m.bounds_[i] = load_f32(p + 28 + 4 * i);
    if (!(m.bounds_[2] > m.bounds_[0] && m.bounds_[3] > m.bounds_[1])) return fail("bounds: empty");
    const float sx = (m.bounds_[2] - m.bounds_[0]) / 65535.0f, sy = (m.bounds_[3] - m.bounds_[1]) / 65535.0f;

    const std::uint8_t* v = p + kHeader + nc * kEntry;
    m.vertices_.resize(2 * nv);
    std::uint16_t x = 0, y = 0;
    for (std::uint64_t i = 0; i < nv; ++i) {
        x = static_cast<std::uint16_t>(x + load_u16(v + 4 * i));
        y = static_cast<std::uint16_t>(y + load_u16(v + 4 * i + 2));
        m.vertices_[2 * i] = m.bounds_[0] + x * sx;
        m.vertices_[2 * i + 1] = m.bounds_[1] + y * sy;
    }
    const std::uint8_t* ix = v + nv * 4;
    const std::uint8_t* rg = ix + ni * 2;
    m.rings_.resize(nr);
    for (std::uint64_t r = 0; r < nr; ++r) {
        const std::uint32_t start = load_u32(rg + 8 * r), count = load_u32(rg + 8 * r + 4);
        if (std::uint64_t(start) + count > nv) return fail("rings[" + std::to_string(r) + "]: past the vertices");
        m.rings_[r] = {start, count};
    }
    m.indices_.resize(ni);
    std::uint16_t prev = 0;
    for (std::uint64_t k = 0, e = 0; e < nc; ++e) {
        const std::uint8_t* c = p + kHeader + e * kEntry;
        MapCountry mc;
        if (c[0]) mc.iso3.assign(reinterpret_cast<const char*>(c), 3);
        mc.first_vertex = load_u32(c + 4);
        mc.vertex_count = load_u32(c + 8);
        mc.first_index = load_u32(c + 12);
        mc.index_count = load_u32(c + 16);
        mc.first_ring = load_u32(c + 20);
        mc.ring_count = load_u32(c + 24);
        const std::string field = "countries[" + std::to_string(e) + "] (" + (mc.iso3.empty() ? "no code" : mc.iso3) + ")";
        if (std::uint64_t(mc.first_vertex) + mc.vertex_count > nv) return fail(field + ": vertices out of range");
        if (std::uint64_t(mc.first_index) + mc.index_count > ni || mc.first_index != k || mc.index_count % 3)
            return fail(field + ": indices out of range");
        if (std::uint64_t(mc.first_ring) + mc.ring_count > nr) return fail(field + ": rings out of range");
        for (; k < std::uint64_t(mc.first_index) + mc.index_count; ++k) {
            prev = static_cast<std::uint16_t>(prev + load_u16(ix + 2 * k));
            if (prev >= mc.vertex_count) return fail(field + ": triangle corner past its vertices");
            m.indices_[k] = mc.first_vertex + prev;
        }
        mc.label_x = m.bounds_[0] + load_u16(c + 28) * sx;
        mc.label_y = m.bounds_[1] + load_u16(c + 30) * sy;
        mc.min_x = mc.min_y = std::numeric_limits<float>::max();
        mc.max_x = mc.max_y = std::numeric_limits<float>::lowest();
        for (std::uint32_t i = mc.first_vertex; i < mc.first_vertex + mc.vertex_count; ++i) {
            mc.min_x = std::min(mc.min_x, m.vertices_[2 * i]);
            mc.max_x = std::max(mc.max_x, m.vertices_[2 * i]);
            mc.min_y = std::min(mc.min_y, m.vertices_[2 * i + 1]);
            mc.max_y = std::max(mc.max_y, m.vertices_[2 * i + 1]);
        }
        m.countries_.push_back(std::move(mc));
    }
    return m;
}

Result<WorldMap> WorldMap::load(const std::string& path) {
    auto bytes = corpus::read_file(path);
    if (!bytes) return bytes.error();
    return parse(bytes.value(), path);
}

const MapCountry* WorldMap::find(std::string_view iso3) const {
    for (const MapCountry& c : countries_)
        if (c.iso3 == iso3) return &c;
    return nullptr;
}

const MapCountry* WorldMap::hit(float x, float y) const {
    const MapCountry* best = nullptr;
    float best_area = std::numeric_limits<float>::max();
    for (const MapCountry& c : countries_) {
        if (x < c.min_x || x > c.max_x || y < c.min_y || y > c.max_y) continue;
        const float area = (c.max_x - c.min_x) * (c.max_y - c.min_y);
        if (area >= best_area) continue;
        for (std::uint32_t k = c.first_index; k < c.first_index + c.index_count; k += 3) {
            const float* a = &vertices_[2 * indices_[k]];
            const float* b = &vertices_[2 * indices_[k + 1]];
            const float* d = &vertices_[2 * indices_[k + 2]];
            const float d1 = (x - b[0]) * (a[1] - b[1]) - (a[0] - b[0]) * (y - b[1]);
            const float d2 = (x - d[0]) * (b[1] - d[1]) - (b[0] - d[0]) * (y - d[1]);
            const float d3 = (x - a[0]) * (d[1] - a[1]) - (d[0] - a[0]) * (y - a[1]);
            const bool neg = d1 < 0 || d2 < 0 || d3 < 0, pos = d1 > 0 || d2 > 0 || d3 > 0;
            if (!(neg && pos)) {
                best = &c;
                best_area = area;
                break;
            }
        }
    }
    return best;
}

}  // namespace vigie::geo
