// The timeline: the dossier's articles and the operations they report on one time axis. Articles
// in the current results are filled, the others hollow; dragging along the axis brushes a period
// (whole years, the engine's année: filter); hovering says what happened when; a click on an
// article opens it, on an operation filters by it.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "app/panels.h"

namespace vigie::app {

namespace {

float when(const corpus::Date& d) {  // fractional years; an unknown month sits mid-year
    if (d.month == 0) return static_cast<float>(d.year) + 0.5f;
    const float day = d.day ? static_cast<float>(d.day - 1) / 31.0f : 0.5f;
    return static_cast<float>(d.year) + (static_cast<float>(d.month - 1) + day) / 12.0f;
}

void diamond(ImDrawList* dl, ImVec2 c, float r, ImU32 col, bool filled) {
    const ImVec2 p[4] = {{c.x, c.y - r}, {c.x + r, c.y}, {c.x, c.y + r}, {c.x - r, c.y}};
    if (filled) dl->AddConvexPolyFilled(p, 4, col);
    else dl->AddPolyline(p, 4, col, ImDrawFlags_Closed, r * 0.3f);
}

}  // namespace

void draw_timeline(Ui& ui) {
    const Theme& t = ui.theme;
    AppState& st = ui.state;
    const auto& docs = ui.dossier.corpus.documents;
    const auto& ops = ui.dossier.corpus.operations;
    int y0 = 0, y1 = 0;
    for (const auto& d : docs)
        if (d.date.year) { y0 = y0 ? std::min(y0, d.date.year) : d.date.year; y1 = std::max(y1, d.date.year); }
    for (const auto& o : ops)
        if (o.from.year) { y0 = y0 ? std::min(y0, o.from.year) : o.from.year; y1 = std::max(y1, o.from.year); }
    const float pad = t.px(16);
    const float width = ImGui::GetWindowContentRegionMax().x;
    const float height = ImGui::GetWindowContentRegionMax().y;

    ImGui::SetCursorPos(ImVec2(pad, t.px(8)));
    ImGui::PushFont(t.ui_bold);
    ImGui::TextUnformatted(ui.tr("timeline.title").c_str());
    ImGui::PopFont();
    if (y0) {
        ImGui::SameLine(0, t.px(12));
        ImGui::PushFont(t.small);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + t.px(2));
        ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
        ImGui::TextUnformatted(ui.tr("timeline.hint").c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
    }
    if (st.filters.year_from || st.filters.year_to) {
        const std::string& label = ui.tr("timeline.clear");
        ImGui::SameLine(std::max(ImGui::GetCursorPosX() + t.px(8), width - ImGui::CalcTextSize(label.c_str()).x - t.px(16) - pad));
        ImGui::SetCursorPosY(t.px(4));
        if (link_button(ui, "button:timeline-clear", label, "")) ui.set_years(0, 0);
    }
    if (!y0) {  // a dossier without dates has no time axis
        ImGui::SetCursorPos(ImVec2(pad, t.px(40)));
        ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
        ImGui::TextUnformatted(ui.tr("timeline.none").c_str());
        ImGui::PopStyleColor();
        return;
    }
    y1 += 1;  // the axis ends where the last year does

    // Geometry: operations above, articles below, the axis with its years at the bottom.
    const ImVec2 wp = ImGui::GetWindowPos();
    const float top = wp.y + t.px(40), bottom = wp.y + std::max(height, t.px(90)) - t.px(28);
    const float x0 = wp.x + pad + t.px(8), x1 = wp.x + width - pad - t.px(8);
    auto x_of = [&](float year) { return x0 + (year - static_cast<float>(y0)) / static_cast<float>(y1 - y0) * (x1 - x0); };
    auto year_at = [&](float x) { return static_cast<float>(y0) + (x - x0) / (x1 - x0) * static_cast<float>(y1 - y0); };
    const float ops_y = top + t.px(10), docs_y = std::max(ops_y + t.px(26), (top + bottom) / 2 + t.px(8));
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // The plot is one button: drag = brush, click = the marker under the mouse.
    ImGui::SetCursorScreenPos(ImVec2(x0 - t.px(8), top - t.px(4)));
    ImGui::InvisibleButton("plot", ImVec2(x1 - x0 + t.px(16), bottom - top + t.px(24)));
    const bool plot_hovered = ImGui::IsItemHovered(), plot_active = ImGui::IsItemActive();
    const bool pressed = ImGui::IsItemActivated(), released = ImGui::IsItemDeactivated();
    ui.box("timeline:plot", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImVec2 mouse = ImGui::GetIO().MousePos;

    // The period filtered, then the one being brushed.
    if (st.filters.year_from || st.filters.year_to) {
        const float a = x_of(static_cast<float>(st.filters.year_from ? st.filters.year_from : y0));
        const float b = x_of(static_cast<float>(st.filters.year_to ? st.filters.year_to + 1 : y1));
        dl->AddRectFilled(ImVec2(std::max(a, x0), top - t.px(4)), ImVec2(std::min(b, x1), bottom), t.c.brush, t.px(4));
    }
    if (pressed) { st.brush_from = st.brush_to = year_at(mouse.x); st.brushing = false; }
    if (plot_active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, t.px(4))) {
        st.brushing = true;
        st.brush_to = year_at(mouse.x);
    }
    if (st.brushing) {
        const float a = x_of(std::floor(std::min(st.brush_from, st.brush_to)));
        const float b = x_of(std::floor(std::max(st.brush_from, st.brush_to)) + 1);
        dl->AddRectFilled(ImVec2(std::max(a, x0), top - t.px(4)), ImVec2(std::min(b, x1), bottom), t.c.brush, t.px(4));
        dl->AddRect(ImVec2(std::max(a, x0), top - t.px(4)), ImVec2(std::min(b, x1), bottom), t.c.accent, t.px(4));
    }

    // The axis: a line, a tick and a label per year.
    dl->AddLine(ImVec2(x0, bottom), ImVec2(x1, bottom), t.c.muted, t.px(1));
    ImGui::PushFont(t.small);
    for (int y = y0; y <= y1; ++y) {
        const float x = x_of(static_cast<float>(y));
        dl->AddLine(ImVec2(x, bottom), ImVec2(x, bottom + t.px(5)), t.c.muted, t.px(1));
        dl->AddLine(ImVec2(x, top - t.px(4)), ImVec2(x, bottom), t.c.rule, t.px(1));
        if (y < y1) {
            const std::string label = std::to_string(y);
            const float mid = (x + x_of(static_cast<float>(y + 1))) / 2;
            const float lw = ImGui::CalcTextSize(label.c_str()).x;
            dl->AddText(ImVec2(mid - lw / 2, bottom + t.px(6)), t.c.muted, label.c_str());
            ui.box("timeline:year:" + label, ImVec2(x, top), ImVec2(x_of(static_cast<float>(y + 1)), bottom));
        }
    }
    ImGui::PopFont();

    // Markers; the one nearest the mouse answers hover and click.
    std::string hover_text;
    float hover_d = t.px(10);
    int hover_doc = -1, hover_op = -1;
    auto consider = [&](ImVec2 c, const std::string& text, int doc, int op) {
        const float d = std::hypot(c.x - mouse.x, c.y - mouse.y);
        if (plot_hovered && d < hover_d) { hover_d = d; hover_text = text; hover_doc = doc; hover_op = op; }
    };
    const float r = t.px(5);
    for (std::size_t o = 0; o < ops.size(); ++o) {
        if (!ops[o].from.year) continue;
        const ImVec2 c(x_of(when(ops[o].from)), ops_y);
        const bool on = st.filters.operation == ops[o].id;
        diamond(dl, c, r * 1.4f, t.c.timeline_op, true);
        if (on) dl->AddCircle(c, r * 2.4f, t.c.timeline_op, 20, t.px(1.5f));
        ui.box("timeline:op:" + ops[o].id, ImVec2(c.x - r * 2, c.y - r * 2), ImVec2(c.x + r * 2, c.y + r * 2));
        consider(c, ui.date(ops[o].from) + " \u2014 " + ops[o].name + "\n" + ops[o].dates_as_written, -1, static_cast<int>(o));
    }
    std::vector<char> in_results(docs.size(), 0);
    for (const auto& h : ui.results.found.hits) in_results[h.doc] = 1;
    std::map<int, int> stacked;  // articles of the same month stack up
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const corpus::Date& d = docs[i].date;
        if (!d.year) continue;
        const int key = d.year * 12 + d.month;
        const ImVec2 c(x_of(when(d)), docs_y + static_cast<float>(stacked[key]++) * r * 2.6f);
        const bool open = st.open == static_cast<int>(i);
        if (in_results[i]) dl->AddCircleFilled(c, r, t.c.timeline_doc, 16);
        else dl->AddCircle(c, r, t.c.timeline_doc_dim, 16, t.px(1.5f));
        if (open) dl->AddCircle(c, r + t.px(3), t.c.accent, 20, t.px(1.5f));
        ui.box("timeline:doc:" + docs[i].id, ImVec2(c.x - r * 1.6f, c.y - r * 1.6f), ImVec2(c.x + r * 1.6f, c.y + r * 1.6f));
        consider(c, ui.date(d) + " \u2014 " + ui.dossier.views[i].title, static_cast<int>(i), -1);
    }
    // Legend, top right (where "whole period" goes when a period is filtered).
    if (!(st.filters.year_from || st.filters.year_to)) {
        ImGui::PushFont(t.small);
        const std::string ops_label = ui.tr("filters.operations"), docs_label = ui.count(ui.results.found.total);
        const float ow = ImGui::CalcTextSize(ops_label.c_str()).x, dw = ImGui::CalcTextSize(docs_label.c_str()).x;
        float lx = x1 - ow - dw - 2 * r - t.px(40);
        const float ly = wp.y + t.px(12), cy = ly + ImGui::GetFontSize() / 2;
        diamond(dl, ImVec2(lx + r, cy), r * 1.2f, t.c.timeline_op, true);
        dl->AddText(ImVec2(lx + 2 * r + t.px(6), ly), t.c.muted, ops_label.c_str());
        lx += 2 * r + t.px(6) + ow + t.px(16);
        dl->AddCircleFilled(ImVec2(lx + r, cy), r, t.c.timeline_doc, 16);
        dl->AddText(ImVec2(lx + 2 * r + t.px(6), ly), t.c.muted, docs_label.c_str());
        ImGui::PopFont();
    }

    if (!hover_text.empty() && !st.brushing) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ui.show_tooltip(hover_text);
    }
    if (released) {
        if (st.brushing) {
            const float a = std::min(st.brush_from, st.brush_to), b = std::max(st.brush_from, st.brush_to);
            ui.set_years(std::clamp(static_cast<int>(std::floor(a)), y0, y1 - 1), std::clamp(static_cast<int>(std::floor(b)), y0, y1 - 1));
            st.brushing = false;
        } else if (hover_doc >= 0) ui.open(hover_doc);
        else if (hover_op >= 0) ui.toggle_operation(ops[static_cast<std::size_t>(hover_op)].id);
    }
}

}  // namespace vigie::app
