// The filters pane: the active filters as removable chips, then facets (countries, years,
// outlets, operations) with counts over the current results; a click adds or removes a filter.
#include <imgui.h>
#include <imgui_internal.h>  // RenderTextEllipsis

#include <algorithm>
#include <cstdlib>

#include "app/panels.h"

namespace vigie::app {

namespace {

// One facet value: a full-width row, its label, its count on the right; selected rows carry a tick.
bool facet_row(Ui& ui, const std::string& id, const std::string& label, std::uint32_t count, bool selected,
               const std::string& tip) {
    const Theme& t = ui.theme;
    const float w = ImGui::GetContentRegionAvail().x - t.px(14);
    const float h = t.px(28);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(w, h));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (selected || hovered) dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), selected ? t.c.row_selected : t.c.row_hover, t.px(5));
    const std::string n = std::to_string(count);
    const float nw = ImGui::CalcTextSize(n.c_str()).x;
    const float ty = p.y + (h - ImGui::GetFontSize()) / 2;
    if (selected) {  // a tick, drawn (the interface font has none)
        const float s = t.px(10), cx = p.x + t.px(7), cy = p.y + h / 2;
        const ImVec2 tick[3] = {{cx, cy}, {cx + s * 0.35f, cy + s * 0.35f}, {cx + s, cy - s * 0.4f}};
        dl->AddPolyline(tick, 3, t.c.accent, 0, t.px(2));
    }
    const float lx = p.x + t.px(24);
    ImGui::RenderTextEllipsis(dl, ImVec2(lx, ty), ImVec2(p.x + w - nw - t.px(14), ty + h), p.x + w - nw - t.px(14),
                              p.x + w - nw - t.px(14), label.c_str(), nullptr, nullptr);
    dl->AddText(ImVec2(p.x + w - nw - t.px(8), ty), count ? t.c.muted : t.c.rule, n.c_str());
    ui.tooltip(tip);
    if (ImGui::IsItemVisible()) ui.box(id, p, ImVec2(p.x + w, p.y + h));
    return pressed;
}

// Past this many values a facet shows its most frequent and a link to the rest.
constexpr std::size_t kFacetShown = 6;

// "Show the N others" / "Show fewer", under a long facet.
void more_link(Ui& ui, const std::string& id, std::size_t total, bool& open) {
    if (total <= kFacetShown) return;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ui.theme.px(16));
    const std::string label = open ? ui.tr("filters.fewer") : ui.tr("filters.more", {{"n", std::to_string(total - kFacetShown)}});
    if (link_button(ui, "more:" + id, label, "")) open = !open;
}

void section(Ui& ui, const std::string& title) {
    const Theme& t = ui.theme;
    ImGui::Dummy(ImVec2(0, t.px(8)));
    ImGui::PushFont(t.ui_bold);
    ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

// A facet whose values are chosen one by one (countries, outlets): the selected first, then the
// most frequent; long lists cut at kFacetShown with a link to the rest.
template <class Name, class Toggle>
void list_facet(Ui& ui, const std::string& title, const std::string& key, std::vector<index::FacetCount> values,
                const std::vector<std::string>& selected, bool& all, Name name_of, Toggle toggle) {
    auto is_on = [&](const std::string& v) { return std::find(selected.begin(), selected.end(), v) != selected.end(); };
    for (const auto& v : selected)
        if (!facet_count(values, v)) values.push_back({v, 0});
    if (values.empty()) return;  // nothing to choose from: no heading either
    section(ui, title);
    std::stable_partition(values.begin(), values.end(), [&](const index::FacetCount& c) { return is_on(c.value); });
    for (std::size_t i = 0; i < values.size() && (all || i < kFacetShown || i < selected.size()); ++i) {
        const bool on = is_on(values[i].value);
        const std::string name = name_of(values[i].value);
        if (facet_row(ui, "facet:" + key + ":" + values[i].value, name, values[i].count, on,
                      ui.tr(on ? "filters.remove.tooltip" : "filters.add.tooltip", {{"a", name}})))
            toggle(values[i].value);
    }
    more_link(ui, key, values.size(), all);
}

}  // namespace

void draw_chips(Ui& ui, float wrap_width) {
    const Filters& f = ui.state.filters;
    ChipRow row(wrap_width);
    auto place = [&](const std::string& id, const std::string& label, auto on_remove) {
        if (row.add(ui, id, label, true, ui.tr("filters.chip.tooltip"))) on_remove();
    };
    // Copies: a chip's click changes the lists being walked.
    for (const std::string& c : std::vector<std::string>(f.countries))
        place("chip:pays:" + c, ui.country_name(c), [&] { ui.toggle_country(c); });
    if (f.year_from || f.year_to) {
        const std::string label = f.year_from == f.year_to ? std::to_string(f.year_from)
                                  : (f.year_from ? std::to_string(f.year_from) : "…") + "\u2013" + (f.year_to ? std::to_string(f.year_to) : "…");
        place("chip:annee", label, [&] { ui.set_years(0, 0); });
    }
    for (const std::string& s : std::vector<std::string>(f.sources)) place("chip:source:" + s, s, [&] { ui.toggle_source(s); });
    if (!f.operation.empty()) {
        const int op = ui.dossier.find_operation(f.operation);
        const std::string id = f.operation;
        place("chip:op", op >= 0 ? ui.operation_label(static_cast<std::size_t>(op)) : id, [&] { ui.toggle_operation(id); });
    }
}

void draw_filters(Ui& ui) {
    const Theme& t = ui.theme;
    const float pad = t.px(14);
    ImGui::SetCursorPos(ImVec2(pad, t.px(12)));
    ImGui::BeginGroup();
    const float w = ImGui::GetWindowContentRegionMax().x - 2 * pad;
    const Filters& f = ui.state.filters;
    const index::SearchResult& r = ui.results.found;

    ImGui::PushFont(t.small);  // the dossier's name above its filters
    ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextUnformatted(ui.dossier.corpus.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PushFont(t.ui_bold);
    ImGui::TextUnformatted(ui.tr("filters.title").c_str());
    ImGui::PopFont();
    if (!f.empty()) {
        ImGui::SameLine(w - ImGui::CalcTextSize(ui.tr("filters.clear_all").c_str()).x - t.px(16) + pad);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - t.px(5));
        if (link_button(ui, "button:clear-filters", ui.tr("filters.clear_all"), "")) {
            ui.state.filters = {};
        }
        ImGui::Dummy(ImVec2(0, t.px(2)));
        draw_chips(ui, w);
    }

    // Countries: those of the results, most frequent first, then any selected with no result.
    list_facet(ui, ui.tr("filters.countries"), "pays", r.countries, f.countries, ui.state.facet_open[0],
               [&](const std::string& iso) { return ui.country_name(iso); },
               [&](const std::string& iso) { ui.toggle_country(iso); });

    // Years, in order.
    std::vector<index::FacetCount> years = r.years;
    for (int y = f.year_from; y && y <= f.year_to && y - f.year_from < 50; ++y)
        if (!facet_count(years, std::to_string(y))) years.push_back({std::to_string(y), 0});
    if (!years.empty()) section(ui, ui.tr("filters.years"));
    std::sort(years.begin(), years.end(), [](auto& a, auto& b) { return a.value < b.value; });
    for (const auto& y : years) {
        const int year = std::atoi(y.value.c_str());
        const bool on = f.year_from && year >= f.year_from && (!f.year_to || year <= f.year_to);
        if (facet_row(ui, "facet:annee:" + y.value, y.value, y.count, on,
                      ui.tr(on ? "filters.remove.tooltip" : "filters.add.tooltip", {{"a", y.value}})))
            ui.toggle_year(year);
    }

    list_facet(ui, ui.tr("filters.sources"), "source", r.sources, f.sources, ui.state.facet_open[1], [](const std::string& s) { return s; },
               [&](const std::string& s) { ui.toggle_source(s); });

    if (!ui.dossier.corpus.operations.empty()) {
        section(ui, ui.tr("filters.operations"));
        std::vector<std::size_t> ops(ui.dossier.corpus.operations.size());
        for (std::size_t i = 0; i < ops.size(); ++i) ops[i] = i;
        const auto& all = ui.dossier.corpus.operations;
        std::sort(ops.begin(), ops.end(), [&](std::size_t a, std::size_t b) { return all[a].from.iso() < all[b].from.iso(); });
        for (std::size_t o : ops) {
            const bool on = f.operation == all[o].id;
            const std::string tip = all[o].name + "\n" + all[o].dates_as_written + (all[o].summary.empty() ? "" : "\n\n" + all[o].summary);
            if (facet_row(ui, "facet:op:" + all[o].id, ui.operation_label(o), ui.results.operation_counts[o], on, tip))
                ui.toggle_operation(all[o].id);
        }
    }
    ImGui::Dummy(ImVec2(0, t.px(16)));
    ImGui::EndGroup();
}

}  // namespace vigie::app
