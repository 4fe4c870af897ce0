// The map: every country filled and outlined from the world map asset (core/geo/map.h), drawn
// by hand with ImDrawList. Two modes: the countries that took part in the selected operation (or
// all operations), coloured by role, apart from those merely mentioned; or how many documents
// of the current results name each country. Drag to pan, wheel or +/− to zoom; hover for the
// facts, click to filter; a side list gives each supporting sentence and opens it in the reader.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/panels.h"
#include "app/text_view.h"

namespace vigie::app {

namespace {

using corpus::Role;

ImU32 role_color(Role r, bool dark) {
    switch (r) {
        case Role::lead: return dark ? IM_COL32(0xE0, 0x5A, 0x4E, 0xFF) : IM_COL32(0xB3, 0x26, 0x1E, 0xFF);
        case Role::participant: return dark ? IM_COL32(0xF2, 0x9B, 0x4B, 0xFF) : IM_COL32(0xE8, 0x7B, 0x1E, 0xFF);
        case Role::seizure: return dark ? IM_COL32(0xE8, 0xC2, 0x4A, 0xFF) : IM_COL32(0xD9, 0xA4, 0x1A, 0xFF);
        case Role::support: case Role::coordination: return dark ? IM_COL32(0xA9, 0x8B, 0xE0, 0xFF) : IM_COL32(0x6E, 0x4B, 0xB5, 0xFF);
        case Role::arrest: return dark ? IM_COL32(0x5B, 0xA3, 0xE0, 0xFF) : IM_COL32(0x1F, 0x6F, 0xB8, 0xFF);
        case Role::meeting_member: case Role::host: return dark ? IM_COL32(0x4F, 0xC1, 0xA8, 0xFF) : IM_COL32(0x1E, 0x8C, 0x74, 0xFF);
    }
    return IM_COL32(0x88, 0x88, 0x88, 0xFF);
}

// The legend's groups: roles that share a colour share a line.
const Role kLegendRoles[] = {Role::lead, Role::participant, Role::seizure, Role::support, Role::arrest, Role::meeting_member};

ImU32 mix(ImU32 a, ImU32 b, float t) {
    const ImVec4 x = ImGui::ColorConvertU32ToFloat4(a), y = ImGui::ColorConvertU32ToFloat4(b);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, 1));
}

struct MapColors {
    ImU32 sea, land, mentioned, border, label, halo;
};

MapColors map_colors(const Theme& t) {
    if (t.dark) return {IM_COL32(0x1A, 0x22, 0x2C, 0xFF), IM_COL32(0x3A, 0x3F, 0x46, 0xFF), IM_COL32(0x56, 0x6A, 0x80, 0xFF),
                        IM_COL32(0x15, 0x18, 0x1C, 0xFF), IM_COL32(0xF0, 0xF0, 0xF0, 0xFF), IM_COL32(0x10, 0x12, 0x15, 0xC0)};
    return {IM_COL32(0xDD, 0xE8, 0xF0, 0xFF), IM_COL32(0xEE, 0xEC, 0xE6, 0xFF), IM_COL32(0xBF, 0xCB, 0xD8, 0xFF),
            IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), IM_COL32(0x1E, 0x1E, 0x1C, 0xFF), IM_COL32(0xFF, 0xFF, 0xFF, 0xC8)};
}

MapView frame_world(const geo::WorldMap& m, ImVec2 size) {
    MapView v;
    v.cx = (m.min_x() + m.max_x()) / 2;
    v.cy = (m.min_y() + m.max_y()) / 2;
    v.zoom = std::min(size.x / (m.max_x() - m.min_x()), size.y / (m.max_y() - m.min_y()));
    return v;
}

// Frames the dossier: the middle 70% (by documents) of its countries' label points, so a few
// far mentions (Canada, Afghanistan) do not pull the view off the countries that matter.
MapView frame_dossier(Ui& ui, ImVec2 size) {
    const geo::WorldMap& m = *ui.dossier.map;
    std::vector<std::pair<float, float>> xs, ys;  // value, weight
    float total = 0;
    for (const std::string& iso : ui.dossier.countries) {
        const geo::MapCountry* c = m.find(iso);
        if (!c) continue;
        float w = 0;
        for (const DocumentView& v : ui.dossier.views) w += std::count(v.countries.begin(), v.countries.end(), iso) ? 1.0f : 0.0f;
        w = std::max(w, 0.5f);
        xs.push_back({c->label_x, w});
        ys.push_back({c->label_y, w});
        total += w;
    }
    if (xs.empty()) return frame_world(m, size);  // nothing to frame
    auto quantile = [&](std::vector<std::pair<float, float>> vals, float q) {
        std::sort(vals.begin(), vals.end());
        float acc = 0;
        for (auto [value, w] : vals) {
            acc += w;
            if (acc >= q * total) return value;
        }
        return vals.back().first;
    };
    const float x0 = quantile(xs, 0.15f), x1 = quantile(xs, 0.85f), y0 = quantile(ys, 0.15f), y1 = quantile(ys, 0.85f);
    const float w = std::max(x1 - x0, 0.12f) * 1.6f, h = std::max(y1 - y0, 0.10f) * 1.6f;
    MapView v;
    v.cx = (x0 + x1) / 2;
    v.cy = (y0 + y1) / 2;
    v.zoom = std::min(size.x / w, size.y / h);
    return v;
}

// Frames an operation's participants, all of them (the April 2018 one spans Canada to Romania).
MapView frame_operation(Ui& ui, std::size_t op, ImVec2 size) {
    const geo::WorldMap& m = *ui.dossier.map;
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (const auto& p : ui.dossier.corpus.operations[op].participants)
        if (const geo::MapCountry* c = m.find(p.country)) {
            x0 = std::min(x0, c->label_x); x1 = std::max(x1, c->label_x);
            y0 = std::min(y0, c->label_y); y1 = std::max(y1, c->label_y);
        }
    if (x0 > x1) return frame_dossier(ui, size);
    MapView v;
    const float w = std::max(x1 - x0, 0.12f) * 1.3f, h = std::max(y1 - y0, 0.10f) * 1.5f;
    v.cx = (x0 + x1) / 2;
    v.cy = (y0 + y1) / 2;
    v.zoom = std::min(size.x / w, size.y / h);
    return v;
}

}  // namespace

void draw_map(Ui& ui) {
    const Theme& t = ui.theme;
    AppState& st = ui.state;
    const StopWatch timer(st.map_ms);  // the pane's CPU time (issue #6 budget: 2 ms)
    const float pad = t.px(14);
    const float width = ImGui::GetWindowContentRegionMax().x;
    const float height = ImGui::GetWindowContentRegionMax().y;
    st.map_boxes.clear();
    st.map_roles.clear();
    st.map_counts.clear();
    st.map_points.clear();

    ImGui::SetCursorPos(ImVec2(pad, t.px(8)));
    ImGui::PushFont(t.ui_bold);
    ImGui::TextUnformatted(ui.tr("map.title").c_str());
    ImGui::PopFont();
    if (!ui.dossier.map) {
        ImGui::SetCursorPosX(pad);
        ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
        ImGui::PushTextWrapPos(width - pad);
        ImGui::TextUnformatted(ui.tr("map.missing", {{"a", ui.dossier.map_error}}).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        return;
    }
    const geo::WorldMap& m = *ui.dossier.map;
    const int op = ui.dossier.find_operation(st.filters.operation);

    // Toolbar: mode, zoom, framing.
    ImGui::SameLine(0, t.px(10));
    ImGui::SetCursorPosY(t.px(4));
    if (link_button(ui, "button:map-participation", ui.tr("map.mode.participation"), ui.tr("map.mode.participation.tooltip"),
                    st.map_mode == MapMode::participation))
        st.map_mode = MapMode::participation;
    ImGui::SameLine(0, t.px(4));
    if (link_button(ui, "button:map-mentions", ui.tr("map.mode.mentions"), ui.tr("map.mode.mentions.tooltip"), st.map_mode == MapMode::mentions))
        st.map_mode = MapMode::mentions;

    // The canvas.
    const ImVec2 wp = ImGui::GetWindowPos();
    const bool side = !st.filters.countries.empty() && width > t.px(520);  // the passages list, beside the map
    const float side_w = side ? std::floor(width * 0.38f) : 0;
    const ImVec2 p0(wp.x + pad, wp.y + t.px(38));
    const ImVec2 size(width - 2 * pad - side_w - (side ? t.px(10) : 0), std::max(height - t.px(38) - t.px(10), t.px(60)));
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    MapView& view = st.map_view;
    if (view.zoom <= 0 || st.map_framed_for != st.filters.operation) {  // a new operation: its participants in view
        view = op >= 0 ? frame_operation(ui, static_cast<std::size_t>(op), size) : frame_dossier(ui, size);
        st.map_framed_for = st.filters.operation;
    }

    // Zoom and framing: buttons in the canvas's top right corner, submitted before the canvas so
    // they take the clicks there, drawn after the map so they stay on top.
    struct Control { ImVec2 a, b; std::string label; bool hovered; };
    std::vector<Control> controls;
    {
        auto zoom_by = [&](float f) { view.zoom = std::clamp(view.zoom * f, 20.0f, 200000.0f); };
        const std::string dossier = ui.tr("map.dossier"), world = ui.tr("map.world");
        const float h = t.px(26), gap = t.px(4);
        float x = p1.x - t.px(8);
        auto control = [&](const char* id, const std::string& label, const std::string& tip) {
            const float w = std::max(h, ImGui::CalcTextSize(label.c_str()).x + t.px(14));
            x -= w;
            const ImVec2 a(x, p0.y + t.px(8)), b(x + w, p0.y + t.px(8) + h);
            x -= gap;
            ImGui::SetCursorScreenPos(a);
            const bool pressed = ImGui::InvisibleButton(id, ImVec2(w, h));
            controls.push_back({a, b, label, ImGui::IsItemHovered()});
            ui.tooltip(tip);
            ui.box(std::string("button:") + id, a, b);
            return pressed;
        };
        if (control("map-world", world, ui.tr("map.world.tooltip"))) view = frame_world(m, size);
        if (control("map-dossier", dossier, ui.tr("map.dossier.tooltip"))) view = frame_dossier(ui, size);
        if (control("map-zoom-in", "+", ui.tr("map.zoom_in"))) zoom_by(1.5f);
        if (control("map-zoom-out", "\u2013", ui.tr("map.zoom_out"))) zoom_by(1 / 1.5f);
    }

    // Drag pans, the wheel zooms about the mouse; a click without a drag picks a country.
    ImGui::SetCursorScreenPos(p0);
    ImGui::InvisibleButton("map", size);
    const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
    const bool released = ImGui::IsItemDeactivated();
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 mid(p0.x + size.x / 2, p0.y + size.y / 2);
    if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, t.px(3))) {
        view.cx -= io.MouseDelta.x / view.zoom;
        view.cy -= io.MouseDelta.y / view.zoom;
        ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
    }
    auto zoom_about = [&](float factor, ImVec2 at) {  // the world point under `at` stays there
        const float wx = view.cx + (at.x - mid.x) / view.zoom, wy = view.cy + (at.y - mid.y) / view.zoom;
        view.zoom = std::clamp(view.zoom * factor, 20.0f, 200000.0f);
        view.cx = wx - (at.x - mid.x) / view.zoom;
        view.cy = wy - (at.y - mid.y) / view.zoom;
    };
    if (hovered && io.MouseWheel != 0) zoom_about(std::pow(1.25f, io.MouseWheel), io.MousePos);
    if (st.pinch != 1 && st.pinch_at.x >= p0.x && st.pinch_at.x <= p1.x && st.pinch_at.y >= p0.y && st.pinch_at.y <= p1.y)
        zoom_about(st.pinch, ImVec2(st.pinch_at.x, st.pinch_at.y));
    st.pinch = 1;
    auto to_screen = [&](float x, float y) { return ImVec2(mid.x + (x - view.cx) * view.zoom, mid.y + (y - view.cy) * view.zoom); };

    // What each country is in this mode.
    const MapColors pal = map_colors(t);
    const auto& facet = ui.results.found.countries;
    std::uint32_t max_count = 1;
    for (const auto& f : facet) max_count = std::max(max_count, f.count);
    auto count_of = [&](const std::string& iso) { return facet_count(facet, iso); };
    // Each dossier country's strongest role in the operation(s) shown, looked up once a frame.
    std::vector<const corpus::Participation*> strongest(ui.dossier.countries.size(), nullptr);
    if (st.map_mode == MapMode::participation)
        for (std::size_t i = 0; i < strongest.size(); ++i) {
            const auto roles = ui.dossier.roles(ui.dossier.countries[i], op);
            if (!roles.empty()) strongest[i] = roles.front().participation;
        }
    auto dossier_index = [&](const std::string& iso) -> int {
        auto it = std::lower_bound(ui.dossier.countries.begin(), ui.dossier.countries.end(), iso);
        return it != ui.dossier.countries.end() && *it == iso ? static_cast<int>(it - ui.dossier.countries.begin()) : -1;
    };
    auto fill_of = [&](const geo::MapCountry& c, int in_dossier, std::string* role_out) -> ImU32 {
        if (in_dossier < 0) return pal.land;
        if (st.map_mode == MapMode::participation) {
            if (const corpus::Participation* p = strongest[static_cast<std::size_t>(in_dossier)]) {
                if (role_out) *role_out = std::string(corpus::to_string(p->role));
                return role_color(p->role, t.dark);
            }
            return pal.mentioned;
        }
        const std::uint32_t n = count_of(c.iso3);
        if (!n) return pal.land;
        const float f = 0.25f + 0.75f * std::sqrt(static_cast<float>(n) / static_cast<float>(max_count));
        return mix(pal.land, t.dark ? IM_COL32(0x82, 0xB1, 0xFF, 0xFF) : IM_COL32(0x1F, 0x4F, 0x99, 0xFF), f);
    };

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(p0, p1, true);
    dl->AddRectFilled(p0, p1, pal.sea, t.px(6));
    const auto& vx = m.vertices();
    const auto& ix = m.indices();
    const ImVec2 white_uv = ImGui::GetFontTexUvWhitePixel();
    struct Small { ImVec2 at; ImU32 color; const geo::MapCountry* c; };
    std::vector<Small> markers;
    const bool selected_any = !st.filters.countries.empty();
    const int open = st.open;
    const std::vector<std::string>* open_countries = open >= 0 ? &ui.dossier.views[static_cast<std::size_t>(open)].countries : nullptr;
    // Screen positions of the vertices of the countries in view, computed once for fills and borders.
    static std::vector<ImVec2> screen;  // reused from frame to frame
    screen.resize(vx.size() / 2);
    std::vector<const geo::MapCountry*> in_view;
    for (const geo::MapCountry& c : m.countries()) {
        const ImVec2 a = to_screen(c.min_x, c.min_y), b = to_screen(c.max_x, c.max_y);
        if (b.x < p0.x || a.x > p1.x || b.y < p0.y || a.y > p1.y) continue;  // off screen
        const int in_dossier = c.iso3.empty() ? -1 : dossier_index(c.iso3);
        std::string role;
        const ImU32 col = fill_of(c, in_dossier, &role);
        // Too small to see or to hit: a marker; a country with a role gets one up to 14 px, so
        // that Belgium leading an operation is not a speck under its own label.
        const float extent = std::max(b.x - a.x, b.y - a.y);
        if (in_dossier >= 0 && (extent < t.px(4) || (!role.empty() && extent < t.px(14))))
            markers.push_back({to_screen(c.label_x, c.label_y), col, &c});
        if (extent < t.px(4)) {
            if (extent < 0.5f) continue;
        }
        in_view.push_back(&c);
        for (std::uint32_t v = c.first_vertex; v < c.first_vertex + c.vertex_count; ++v)
            screen[v] = to_screen(vx[2 * v], vx[2 * v + 1]);
        // Triangles straight into the draw list.
        dl->PrimReserve(static_cast<int>(c.index_count), static_cast<int>(c.vertex_count));
        const ImDrawIdx base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
        for (std::uint32_t v = c.first_vertex; v < c.first_vertex + c.vertex_count; ++v) dl->PrimWriteVtx(screen[v], white_uv, col);
        for (std::uint32_t k = c.first_index; k < c.first_index + c.index_count; ++k)
            dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + (ix[k] - c.first_vertex)));
        if (in_dossier >= 0) {
            st.map_boxes.push_back({c.iso3, std::max(a.x, p0.x), std::max(a.y, p0.y), std::min(b.x, p1.x) - std::max(a.x, p0.x),
                                    std::min(b.y, p1.y) - std::max(a.y, p0.y)});
            st.map_roles.push_back(role);
            st.map_counts.push_back(count_of(c.iso3));
            // A visible point inside it, for the test hook: its label's, else the middle of its
            // largest triangle on screen (a sliver's middle may round outside it).
            ImVec2 point = to_screen(c.label_x, c.label_y);
            auto on_canvas = [&](ImVec2 q) { return q.x >= p0.x && q.x <= p1.x && q.y >= p0.y && q.y <= p1.y; };
            if (!on_canvas(point)) {
                float best = 0;
                for (std::uint32_t k = c.first_index; k < c.first_index + c.index_count; k += 3) {
                    const ImVec2 u = screen[ix[k]], v = screen[ix[k + 1]], w = screen[ix[k + 2]];
                    const ImVec2 q((u.x + v.x + w.x) / 3, (u.y + v.y + w.y) / 3);
                    const float area = std::fabs((v.x - u.x) * (w.y - u.y) - (w.x - u.x) * (v.y - u.y));
                    if (area > best && on_canvas(q)) { best = area; point = q; }
                }
            }
            st.map_points.push_back({point.x, point.y});
        }
    }
    // Borders: each ring as a thin line, skipping points closer than a pixel to the last drawn.
    const ImDrawListFlags flags = dl->Flags;
    dl->Flags &= ~ImDrawListFlags_AntiAliasedLines;
    std::vector<ImVec2> line;
    auto outline = [&](const geo::MapCountry& c, ImU32 col, float thickness) {
        for (std::uint32_t r = c.first_ring; r < c.first_ring + c.ring_count; ++r) {
            const auto [start, count] = m.rings()[r];
            line.clear();
            for (std::uint32_t v = start; v < start + count; ++v) {
                const ImVec2 s = screen[v];
                if (line.empty() || std::fabs(s.x - line.back().x) + std::fabs(s.y - line.back().y) >= t.px(1)) line.push_back(s);
            }
            if (line.size() >= 3) dl->AddPolyline(line.data(), static_cast<int>(line.size()), col, ImDrawFlags_Closed, thickness);
        }
    };
    for (const geo::MapCountry* c : in_view) {
        if ((c->max_x - c->min_x) * view.zoom >= t.px(2) || (c->max_y - c->min_y) * view.zoom >= t.px(2)) outline(*c, pal.border, t.px(1));
    }
    dl->Flags = flags;

    // Hover: the country under the mouse (markers first: they stand for small countries).
    const geo::MapCountry* hover = nullptr;
    if (hovered) {
        for (const Small& s : markers)
            if (std::hypot(io.MousePos.x - s.at.x, io.MousePos.y - s.at.y) < t.px(8)) hover = s.c;
        if (!hover) hover = m.hit(view.cx + (io.MousePos.x - mid.x) / view.zoom, view.cy + (io.MousePos.y - mid.y) / view.zoom);
        if (hover && hover->iso3.empty()) hover = nullptr;
    }
    st.map_hover = hover ? hover->iso3 : "";
    // Emphasis: the open article's countries, the filtered ones, the hovered one.
    for (const geo::MapCountry* cp : in_view) {
        const geo::MapCountry& c = *cp;
        if (c.iso3.empty()) continue;
        const bool filtered = selected_any && std::count(st.filters.countries.begin(), st.filters.countries.end(), c.iso3);
        const bool of_article = open_countries && std::count(open_countries->begin(), open_countries->end(), c.iso3);
        if (&c == hover || filtered) outline(c, t.c.accent, t.px(2.5f));
        else if (of_article) outline(c, t.dark ? IM_COL32(0xF0, 0xF0, 0xF0, 0xFF) : IM_COL32(0x1E, 0x1E, 0x1C, 0xFF), t.px(1.5f));
    }
    for (const Small& s : markers) {
        dl->AddCircleFilled(s.at, t.px(4.5f), s.color, 16);
        dl->AddCircle(s.at, t.px(4.5f), pal.border, 16, t.px(1.5f));
        st.map_boxes.push_back({s.c->iso3, s.at.x - t.px(6), s.at.y - t.px(6), t.px(12), t.px(12)});
        std::string role;
        fill_of(*s.c, dossier_index(s.c->iso3), &role);
        st.map_roles.push_back(role);
        st.map_counts.push_back(count_of(s.c->iso3));
        st.map_points.push_back({s.at.x, s.at.y});
    }

    // Labels: the dossier's countries, the most important first (a role, then documents); one
    // that would overlap a label already placed is left out.
    ImGui::PushFont(t.small);
    std::vector<std::size_t> order(st.map_boxes.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const bool ra = !st.map_roles[a].empty(), rb = !st.map_roles[b].empty();
        return ra != rb ? ra : st.map_counts[a] > st.map_counts[b];
    });
    std::vector<ImVec4> placed;
    for (std::size_t i : order) {
        const ScreenBox& b = st.map_boxes[i];
        const geo::MapCountry* c = m.find(b.id);
        const std::string name = ui.country_name(b.id);
        const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
        const ImVec2 at = to_screen(c->label_x, c->label_y);
        const ImVec2 pos(at.x - ts.x / 2, at.y - ts.y / 2 + (b.w < t.px(14) ? t.px(12) : 0));
        const ImVec4 r(pos.x - t.px(2), pos.y, pos.x + ts.x + t.px(2), pos.y + ts.y);
        if (r.x < p0.x || r.z > p1.x || r.y < p0.y || r.w > p1.y) continue;
        if (std::any_of(placed.begin(), placed.end(), [&](const ImVec4& o) { return r.x < o.z && o.x < r.z && r.y < o.w && o.y < r.w; }))
            continue;
        placed.push_back(r);
        for (const ImVec2 d : {ImVec2(-1, 0), ImVec2(1, 0), ImVec2(0, -1), ImVec2(0, 1)})
            dl->AddText(ImVec2(pos.x + d.x * t.px(1), pos.y + d.y * t.px(1)), pal.halo, name.c_str());
        dl->AddText(pos, pal.label, name.c_str());
    }
    ImGui::PopFont();

    // Legend, bottom left.
    {
        ImGui::PushFont(t.small);
        std::vector<std::pair<ImU32, std::string>> rows;
        if (st.map_mode == MapMode::participation) {  // the roles on the map, then "mentioned"
            for (Role r : kLegendRoles) {
                const ImU32 col = role_color(r, t.dark);
                bool shown = false;
                for (const std::string& role : st.map_roles)
                    if (!role.empty()) shown |= role_color(*corpus::parse_role(role), t.dark) == col;
                if (shown) rows.push_back({col, ui.tr("role." + std::string(corpus::to_string(r)))});
            }
            rows.push_back({pal.mentioned, ui.tr("map.mentioned")});
        } else {
            rows.push_back({mix(pal.land, t.dark ? IM_COL32(0x82, 0xB1, 0xFF, 0xFF) : IM_COL32(0x1F, 0x4F, 0x99, 0xFF), 1.0f),
                            ui.tr("map.legend.max", {{"n", std::to_string(max_count)}})});
            rows.push_back({mix(pal.land, t.dark ? IM_COL32(0x82, 0xB1, 0xFF, 0xFF) : IM_COL32(0x1F, 0x4F, 0x99, 0xFF), 0.25f),
                            ui.tr("map.legend.one")});
        }
        // One row along the bottom when it fits (it hides least of the map), else a column.
        const float lh = ImGui::GetFontSize() + t.px(4), swatch = t.px(12), gap = t.px(14);
        float row_w = t.px(8), lw = 0;
        for (auto& r : rows) {
            const float w = ImGui::CalcTextSize(r.second.c_str()).x;
            row_w += swatch + t.px(6) + w + gap;
            lw = std::max(lw, w);
        }
        const bool one_row = row_w <= size.x - t.px(16);
        const ImVec2 l0 = one_row ? ImVec2(p0.x + t.px(8), p1.y - t.px(8) - lh - t.px(6))
                                  : ImVec2(p0.x + t.px(8), p1.y - t.px(8) - lh * static_cast<float>(rows.size()) - t.px(8));
        const ImVec2 l1 = one_row ? ImVec2(l0.x + row_w - gap + t.px(8), p1.y - t.px(8)) : ImVec2(l0.x + lw + t.px(34), p1.y - t.px(8));
        dl->AddRectFilled(l0, l1, t.dark ? IM_COL32(0x15, 0x18, 0x1C, 0xD8) : IM_COL32(0xFF, 0xFF, 0xFF, 0xE0), t.px(5));
        float x = l0.x + t.px(8);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const float y = one_row ? l0.y + t.px(3) : l0.y + t.px(4) + lh * static_cast<float>(i);
            if (!one_row) x = l0.x + t.px(8);
            dl->AddRectFilled(ImVec2(x, y + t.px(3)), ImVec2(x + swatch, y + lh - t.px(3)), rows[i].first, t.px(2));
            dl->AddText(ImVec2(x + swatch + t.px(6), y + t.px(1)), t.c.text, rows[i].second.c_str());
            x += swatch + t.px(6) + ImGui::CalcTextSize(rows[i].second.c_str()).x + gap;
        }
        ImGui::PopFont();
        ui.box("map:legend", l0, l1);
    }
    for (const Control& c : controls) {
        dl->AddRectFilled(c.a, c.b, c.hovered ? t.c.row_selected : (t.dark ? IM_COL32(0x26, 0x2B, 0x31, 0xF0) : IM_COL32(0xFF, 0xFF, 0xFF, 0xF0)), t.px(5));
        dl->AddRect(c.a, c.b, t.c.rule, t.px(5));
        const ImVec2 ts = ImGui::CalcTextSize(c.label.c_str());
        dl->AddText(ImVec2((c.a.x + c.b.x - ts.x) / 2, (c.a.y + c.b.y - ts.y) / 2), t.c.text, c.label.c_str());
    }
    dl->PopClipRect();
    ui.box("map:canvas", p0, p1);

    // Tooltip: name, documents, roles, the first supporting sentence.
    if (hover && !active) {
        std::string tip = ui.country_name(hover->iso3) + "\n" + ui.count(count_of(hover->iso3));
        const auto roles = ui.dossier.roles(hover->iso3, op);
        for (const CountryRole& r : roles)
            tip += "\n" + ui.tr("role." + std::string(corpus::to_string(r.participation->role))) + " \u2014 " + ui.operation_label(r.operation);
        if (!roles.empty() && !roles.front().participation->citations.empty())
            tip += "\n\n\u00AB " + roles.front().participation->citations.front().quote + " \u00BB";
        else if (roles.empty()) tip += "\n" + ui.tr("map.no_role");
        ui.show_tooltip(tip);
    }
    if (released && !ImGui::IsMouseDragging(ImGuiMouseButton_Left, t.px(3)) && io.MouseDragMaxDistanceSqr[0] < t.px(3) * t.px(3) && hover)
        ui.toggle_country(hover->iso3);

    // The passages behind the filtered country's roles.
    if (side) {
        const std::string& iso = st.filters.countries.front();
        ImGui::SetCursorScreenPos(ImVec2(p1.x + t.px(10), p0.y));
        ImGui::BeginChild("passages", ImVec2(side_w, size.y), false, ImGuiWindowFlags_NoSavedSettings);
        ImGui::PushFont(t.ui_bold);
        ImGui::TextUnformatted(ui.country_name(iso).c_str());
        ImGui::PopFont();
        const auto roles = ui.dossier.roles(iso, op);
        if (roles.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
            ImGui::PushTextWrapPos(side_w - t.px(8));
            ImGui::TextUnformatted(ui.tr("map.no_role").c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
        }
        int n = 0;
        for (const CountryRole& r : roles)
            for (const corpus::Citation& cite : r.participation->citations) {
                const std::string head = ui.tr("role." + std::string(corpus::to_string(r.participation->role))) + " \u00B7 " + ui.operation_label(r.operation);
                const float w = side_w - t.px(12);
                const auto lines = wrap_text(t.ui, t.ui->FontSize, cite.quote, w - t.px(12));
                const float lh = std::round(t.ui->FontSize * 1.35f);
                const std::size_t shown = std::min<std::size_t>(lines.size(), 3);
                const float h = t.px(8) + t.small->FontSize + t.px(4) + lh * static_cast<float>(shown) + t.px(8);
                const ImVec2 p = ImGui::GetCursorScreenPos();
                ImGui::PushID(n++);
                const bool clicked = ImGui::InvisibleButton("passage", ImVec2(w, h));
                ImGui::PopID();
                ImDrawList* pl = ImGui::GetWindowDrawList();
                if (ImGui::IsItemHovered()) pl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), t.c.row_hover, t.px(4));
                pl->AddRectFilled(ImVec2(p.x, p.y + t.px(6)), ImVec2(p.x + t.px(3), p.y + h - t.px(6)), role_color(r.participation->role, t.dark));
                pl->AddText(t.small, t.small->FontSize, ImVec2(p.x + t.px(10), p.y + t.px(8)), t.c.muted, head.c_str());
                draw_wrapped(pl, t.ui, t.ui->FontSize, ImVec2(p.x + t.px(10), p.y + t.px(12) + t.small->FontSize), lh, cite.quote, lines, {},
                             t.c.text, shown, w - t.px(12));
                if (ImGui::IsItemVisible()) ui.box("passage:" + std::to_string(n), p, ImVec2(p.x + w, p.y + h));
                ui.tooltip(ui.tr("map.passage.tooltip"));
                if (clicked) {
                    const int doc = ui.dossier.find_document(cite.document);
                    if (doc >= 0) ui.open_at(doc, cite.text.begin, cite.text.end);
                }
            }
        ImGui::EndChild();
    }
}

}  // namespace vigie::app
