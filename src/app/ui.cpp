// What every panel may do: words, names, lazily made snippets, the actions on AppState, and
// the two small widgets the panels share (chips and text buttons).
#include <imgui.h>

#include <algorithm>

#include "app/panels.h"

namespace vigie::app {

std::string Ui::country_name(const std::string& iso3) const {
    const geo::Country* c = dossier.country(iso3);
    if (!c) return iso3;
    if (state.lang == Lang::en && !c->english.empty()) return c->english.front();
    return c->french_name();
}

std::string Ui::operation_label(std::size_t op) const {
    const corpus::Operation& o = dossier.corpus.operations[op];
    return tr(o.kind == "meeting" ? "op.meeting" : "op.operation") + " · " + date(corpus::Date{o.from.year, o.from.month, 0});
}

const index::Hit& Ui::passage(std::uint32_t doc) const {
    auto it = results.passages.find(doc);
    if (it != results.passages.end()) return it->second;
    index::SearchOptions o;
    o.typing = true;
    o.snippet_words = 30;
    return results.passages.emplace(doc, dossier.searcher().passage(results.query, doc, o)).first->second;
}

std::string Ui::count(std::uint64_t n) const {
    return n == 1 ? tr("results.count.one") : tr("results.count", {{"n", std::to_string(n)}});
}

void Ui::box(const std::string& id, ImVec2 min, ImVec2 max) const {
    const ImVec2 c0 = ImGui::GetWindowDrawList()->GetClipRectMin(), c1 = ImGui::GetWindowDrawList()->GetClipRectMax();
    min = ImVec2(std::max(min.x, c0.x), std::max(min.y, c0.y));
    max = ImVec2(std::min(max.x, c1.x), std::min(max.y, c1.y));
    if (max.x > min.x && max.y > min.y) state.boxes.push_back({id, min.x, min.y, max.x - min.x, max.y - min.y});
}

void Ui::tooltip(const std::string& text) const {
    if (ImGui::IsItemHovered() && !text.empty()) show_tooltip(text);
}

void Ui::show_tooltip(const std::string& text) const {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme.px(10), theme.px(7)));
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(theme.px(320));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
    ImGui::PopStyleVar();
}

void Ui::open(int doc) const {
    if (doc != state.open) {
        state.reader_to_top = true;
        state.selection = {0, 0};
    }
    state.open = doc;
    state.hit = 0;  // clamped (or -1) once the highlights are known
    state.scroll_to_hit = true;
    state.tab = Tab::reader;
    for (std::size_t i = 0; i < results.found.hits.size(); ++i)
        if (static_cast<int>(results.found.hits[i].doc) == doc) state.cursor = static_cast<int>(i);
}

void Ui::open_at(int doc, std::uint32_t begin, std::uint32_t end) const {
    open(doc);
    state.selection = {begin, end};
    state.scroll_to_byte = begin;
    state.scroll_to_hit = false;
}

void Ui::step_hit(int delta) const {
    const int n = static_cast<int>(results.reader_hits.size());
    if (!n) return;
    state.hit = ((state.hit < 0 ? (delta > 0 ? -1 : 0) : state.hit) + delta + n) % n;
    state.scroll_to_hit = true;
}

namespace {
void toggle(std::vector<std::string>& v, const std::string& x) {
    auto it = std::find(v.begin(), v.end(), x);
    if (it == v.end()) v.push_back(x);
    else v.erase(it);
}
}  // namespace

void Ui::toggle_country(const std::string& iso3) const { toggle(state.filters.countries, iso3); }
void Ui::toggle_source(const std::string& source) const { toggle(state.filters.sources, source); }
void Ui::toggle_year(int year) const {
    if (state.filters.year_from == year && state.filters.year_to == year) set_years(0, 0);
    else set_years(year, year);
}
void Ui::set_years(int from, int to) const {
    state.filters.year_from = from;
    state.filters.year_to = to;
}
void Ui::toggle_operation(const std::string& id) const {
    state.filters.operation = state.filters.operation == id ? std::string() : id;
}

void Ui::copy(const std::string& text) const {
    ImGui::SetClipboardText(text.c_str());
    state.copied = text;
    state.copied_at = ImGui::GetTime();
}

namespace {
std::string chip_text(const std::string& label, bool removable) { return removable ? label + "  \u00D7" : label; }
}  // namespace

bool chip(Ui& ui, const std::string& id, const std::string& label, bool removable, const std::string& tip) {
    const Theme& t = ui.theme;
    ImGui::PushFont(t.small);
    const std::string text = chip_text(label, removable);
    const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
    const ImVec2 size(ts.x + t.px(20), ts.y + t.px(8));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id.c_str(), size);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), hovered ? t.c.row_selected : t.c.chip, size.y / 2);
    dl->AddText(ImVec2(p.x + t.px(10), p.y + t.px(4)), t.c.chip_text, text.c_str());
    ImGui::PopFont();
    ui.tooltip(tip);
    if (ImGui::IsItemVisible()) ui.box(id, p, ImVec2(p.x + size.x, p.y + size.y));
    return pressed;
}

ChipRow::ChipRow(float width) : x0_(ImGui::GetCursorScreenPos().x), width_(width) {}

bool ChipRow::add(Ui& ui, const std::string& id, const std::string& label, bool removable, const std::string& tip) {
    const float gap = ui.theme.px(6);
    ImGui::PushFont(ui.theme.small);
    const float w = ImGui::CalcTextSize(chip_text(label, removable).c_str()).x + ui.theme.px(20);  // as chip() sizes it
    ImGui::PopFont();
    if (right_ >= 0 && right_ + gap + w <= x0_ + width_) ImGui::SameLine(0, gap);
    else ImGui::SetCursorScreenPos(ImVec2(x0_, ImGui::GetCursorScreenPos().y));
    const bool pressed = chip(ui, id, label, removable, tip);
    right_ = ImGui::GetItemRectMax().x;
    return pressed;
}

std::uint32_t facet_count(const std::vector<index::FacetCount>& facet, const std::string& value) {
    for (const auto& f : facet)
        if (f.value == value) return f.count;
    return 0;
}

bool link_button(Ui& ui, const std::string& id, const std::string& label, const std::string& tip, bool active) {
    const Theme& t = ui.theme;
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    const ImVec2 size(ts.x + t.px(16), ts.y + t.px(10));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(id.c_str());
    const bool pressed = ImGui::InvisibleButton("b", size);
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (active || hovered) dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), active ? t.c.row_selected : t.c.row_hover, t.px(6));
    dl->AddText(ImVec2(p.x + t.px(8), p.y + t.px(5)), active ? t.c.accent : (hovered ? t.c.text : t.c.muted), label.c_str());
    ui.tooltip(tip);
    if (ImGui::IsItemVisible()) ui.box(id, p, ImVec2(p.x + size.x, p.y + size.y));
    return pressed;
}

}  // namespace vigie::app
