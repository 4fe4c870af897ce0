// The result list: count and time, sort, messages (typo fixed, partial matches), then one row
// per hit (date, outlet, countries, title, snippet with the matched words highlighted). The list
// is virtualised (ImGuiListClipper): rows have one height and only those on screen are drawn, so
// 10,000 hits scroll as smoothly as 5; their snippets are made when they first show.
#include <imgui.h>
#include <imgui_internal.h>  // RenderTextEllipsis

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/panels.h"
#include "app/text_view.h"

namespace vigie::app {

namespace {

// What a row shows below the title: the snippet, or, with no words to match, the summary or the opening.
std::pair<std::string, std::vector<Mark>> row_text(Ui& ui, std::uint32_t doc) {
    std::vector<Mark> marks;
    if (!ui.results.query.empty()) {
        const index::Hit& h = ui.passage(doc);
        if (!h.snippet.empty()) {
            for (auto [b, e] : h.highlights) marks.push_back({b, e, ui.theme.c.hit});
            return {h.snippet, marks};
        }
    }
    const corpus::Document& d = ui.dossier.corpus.documents[doc];
    if (!d.summary.empty()) return {d.summary, marks};
    std::string opening = d.text.substr(0, 400);
    for (char& c : opening) if (c == '\n') c = ' ';
    return {opening, marks};
}

void draw_row(Ui& ui, std::size_t i, const index::Hit& hit, float width, float height) {
    const Theme& t = ui.theme;
    AppState& st = ui.state;
    const corpus::Document& doc = ui.dossier.corpus.documents[hit.doc];
    const DocumentView& view = ui.dossier.views[hit.doc];
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::InvisibleButton("row", ImVec2(width, height))) ui.open(static_cast<int>(hit.doc));
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    const bool open = st.open == static_cast<int>(hit.doc);
    const bool cursor = st.cursor == static_cast<int>(i);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (open || hovered || cursor)
        dl->AddRectFilled(p, ImVec2(p.x + width, p.y + height - t.px(1)), open ? t.c.row_selected : t.c.row_hover, t.px(4));
    if (cursor) dl->AddRectFilled(p, ImVec2(p.x + t.px(3), p.y + height - t.px(1)), t.c.accent);
    dl->AddLine(ImVec2(p.x + t.px(12), p.y + height - t.px(1)), ImVec2(p.x + width - t.px(12), p.y + height - t.px(1)), t.c.rule);
    st.rows.push_back({doc.id, p.x, p.y, width, height});
    st.row_marks.emplace_back();
    st.visible_hits.push_back(doc.id);

    const float x = p.x + t.px(14), text_w = width - t.px(28);
    float y = p.y + t.px(10);
    // Date · outlet, then the countries as small chips while they fit.
    std::string meta = ui.date(doc.date);
    if (!view.outlet.empty()) meta += (meta.empty() ? "" : "  ·  ") + view.outlet;
    dl->AddText(t.small, t.small->FontSize, ImVec2(x, y), t.c.muted, meta.c_str());
    float cx = meta.empty() ? x : x + t.small->CalcTextSizeA(t.small->FontSize, 1e9f, 0, meta.c_str()).x + t.px(10);
    for (const std::string& iso : view.countries) {
        const std::string name = ui.country_name(iso);
        const float w = t.small->CalcTextSizeA(t.small->FontSize, 1e9f, 0, name.c_str()).x + t.px(12);
        if (cx + w > x + text_w) break;
        dl->AddRectFilled(ImVec2(cx, y - t.px(1)), ImVec2(cx + w, y + t.small->FontSize + t.px(2)), t.c.chip, t.px(8));
        dl->AddText(t.small, t.small->FontSize, ImVec2(cx + t.px(6), y), t.c.chip_text, name.c_str());
        cx += w + t.px(4);
    }
    y += t.small->FontSize + t.px(8);

    // The title (two lines at most), then the snippet in the lines left.
    const float lh = std::round(t.ui->FontSize * 1.4f);
    const std::string& title = view.title;
    const auto title_lines = wrap_text(t.ui_bold, t.ui_bold->FontSize, title, text_w);
    const std::size_t title_n = std::min<std::size_t>(title_lines.size(), 2);
    draw_wrapped(dl, t.ui_bold, t.ui_bold->FontSize, ImVec2(x, y), lh, title, title_lines, {}, open ? t.c.accent : t.c.text, 2, text_w);
    y += lh * static_cast<float>(title_n);
    auto [text, marks] = row_text(ui, hit.doc);
    // A snippet whose matches lie past the lines left is shown from later on, so that they show.
    const std::size_t max_lines = 4 - title_n;
    Results::RowFit& fit = ui.results.row_fits[hit.doc];
    if (fit.width != text_w || fit.lines != max_lines) fit = {text_w, max_lines, fit_marks(t.ui, t.ui->FontSize, text, marks, text_w, max_lines)};
    show_from(text, marks, fit.from);
    const auto lines = wrap_text(t.ui, t.ui->FontSize, text, text_w);
    draw_wrapped(dl, t.ui, t.ui->FontSize, ImVec2(x, y), lh, text, lines, marks, t.c.muted, max_lines, text_w);
    const std::uint32_t end = shown_end(t.ui, t.ui->FontSize, text, lines, max_lines, text_w);
    for (const Mark& m : marks)
        if (m.end <= end) st.row_marks.back().push_back(text.substr(m.begin, m.end - m.begin));
}

}  // namespace

void draw_results(Ui& ui) {
    const Theme& t = ui.theme;
    AppState& st = ui.state;
    const index::SearchResult& r = ui.results.found;
    const float pad = t.px(14);
    const float width = ImGui::GetWindowContentRegionMax().x;

    // Count, time and sort.
    ImGui::SetCursorPos(ImVec2(pad, t.px(12)));
    ImGui::PushFont(t.ui_bold);
    const std::string count = ui.count(r.total);
    ImGui::TextUnformatted(count.c_str());
    ImGui::PopFont();
    ImGui::SameLine(0, t.px(8));
    char took[32];
    std::snprintf(took, sizeof took, "%.1f", ui.results.took_ms);
    std::string took_s = took;
    if (st.lang == Lang::fr) std::replace(took_s.begin(), took_s.end(), '.', ',');
    ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
    ImGui::TextUnformatted(ui.tr("results.took", {{"a", took_s}}).c_str());
    ImGui::PopStyleColor();
    {
        const std::string rel = ui.tr("results.sort.relevance"), date = ui.tr("results.sort.date");
        const float w = ImGui::CalcTextSize(rel.c_str()).x + ImGui::CalcTextSize(date.c_str()).x + t.px(36);
        ImGui::SameLine(std::max(width - w - pad, ImGui::GetCursorPosX() + t.px(8)));
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - t.px(5));
        if (link_button(ui, "button:sort-relevance", rel, ui.tr("results.sort.tooltip"), st.sort == Sort::relevance))
            st.sort = Sort::relevance;
        ImGui::SameLine(0, t.px(4));
        if (link_button(ui, "button:sort-date", date, ui.tr("results.sort.tooltip"), st.sort == Sort::date))
            st.sort = Sort::date;
    }
    // On one column the active filters show here (the filters are a tab away).
    if (st.narrow && !st.filters.empty()) {
        ImGui::SetCursorPosX(pad);
        draw_chips(ui, width - 2 * pad);
    }
    // What the engine repaired or relaxed, on one line that is always there (the list must not
    // jump while typing); the whole text in a tooltip.
    {
        std::string line;
        if (!ui.results.query.empty())
            for (const index::Message& m : r.messages) line += (line.empty() ? "" : "  ") + m.text(engine_language(st.lang));
        ImGui::SetCursorPosX(pad);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::PushFont(t.body_italic);
        const float h = ImGui::GetFontSize() + t.px(4);
        ImGui::InvisibleButton("messages", ImVec2(std::max(width - 2 * pad, 1.0f), h));
        ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
        ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), p, ImVec2(p.x + width - 2 * pad, p.y + h), p.x + width - 2 * pad,
                                  p.x + width - 2 * pad, line.c_str(), nullptr, nullptr);
        ImGui::PopStyleColor();
        ImGui::PopFont();
        if (!line.empty()) ui.tooltip(line);
    }

    if (r.hits.empty()) {  // say why, and what to try
        ImGui::SetCursorPosX(pad);
        ImGui::PushTextWrapPos(width - pad);
        ImGui::PushFont(t.body);
        const std::size_t end = st.query.find_last_not_of(' ');  // as typed, without the space still being typed
        const std::string typed = st.query.substr(0, end == std::string::npos ? 0 : end + 1);
        ImGui::TextUnformatted((typed.empty() ? ui.tr("results.empty.filters") : ui.tr("results.empty", {{"a", typed}})).c_str());
        ImGui::PopFont();
        ImGui::PopTextWrapPos();
        ImGui::Dummy(ImVec2(0, t.px(4)));
        ImGui::SetCursorPosX(pad);
        ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
        ImGui::TextUnformatted(ui.tr("results.try").c_str());
        ImGui::PopStyleColor();
        for (const std::string& c : std::vector<std::string>(st.filters.countries)) {
            ImGui::SetCursorPosX(pad);
            if (link_button(ui, "try:pays:" + c, "\u203A " + ui.tr("results.try.drop", {{"a", ui.country_name(c)}}), "")) ui.toggle_country(c);
        }
        if (st.filters.year_from || st.filters.year_to) {
            ImGui::SetCursorPosX(pad);
            if (link_button(ui, "try:annee", "\u203A " + ui.tr("results.try.drop", {{"a", std::to_string(st.filters.year_from)}}), "")) ui.set_years(0, 0);
        }
        for (const std::string& s : std::vector<std::string>(st.filters.sources)) {
            ImGui::SetCursorPosX(pad);
            if (link_button(ui, "try:source:" + s, "\u203A " + ui.tr("results.try.drop", {{"a", s}}), "")) ui.toggle_source(s);
        }
        if (!st.filters.operation.empty()) {
            ImGui::SetCursorPosX(pad);
            if (link_button(ui, "try:op", "\u203A " + ui.tr("results.try.drop", {{"a", st.filters.operation}}), "")) ui.toggle_operation(st.filters.operation);
        }
        if (!st.query.empty()) {
            ImGui::SetCursorPosX(pad + t.px(8));  // in line with the links' text
            ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
            ImGui::TextUnformatted(("\u203A " + ui.tr("results.try.shorter")).c_str());
            ImGui::PopStyleColor();
            ImGui::SetCursorPosX(pad);
            if (link_button(ui, "try:clear", "\u203A " + ui.tr("results.try.clear"), "")) {
                st.query.clear();
                st.focus_search = true;
            }
        }
        return;
    }

    // The list.
    const float lh = std::round(t.ui->FontSize * 1.4f);
    const float row_h = t.px(10) + t.small->FontSize + t.px(8) + 4 * lh + t.px(12);
    ImGui::SetCursorPosX(t.px(6));
    ImGui::BeginChild("list", ImVec2(width - t.px(6), 0), false, ImGuiWindowFlags_NoSavedSettings);
    if (st.results_to_top) {
        ImGui::SetScrollY(0);
        st.results_to_top = false;
    }
    if (st.scroll_to_cursor && st.cursor >= 0) {
        const float y = row_h * static_cast<float>(st.cursor), view = ImGui::GetWindowHeight();
        if (y < ImGui::GetScrollY()) ImGui::SetScrollY(y);
        else if (y + row_h > ImGui::GetScrollY() + view) ImGui::SetScrollY(y + row_h - view);
        st.scroll_to_cursor = false;
    }
    const float row_w = ImGui::GetWindowContentRegionMax().x - t.px(6);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(r.hits.size()), row_h);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
            draw_row(ui, static_cast<std::size_t>(i), r.hits[static_cast<std::size_t>(i)], row_w, row_h);
    clipper.End();
    if (r.hits.size() < r.total) {  // the list stops at SearchOptions::limit; say so
        ImGui::SetCursorPosX(t.px(14));
        ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
        ImGui::PushTextWrapPos(row_w - t.px(14));
        ImGui::TextUnformatted(ui.tr("results.capped", {{"n", std::to_string(r.hits.size())}, {"total", std::to_string(r.total)}}).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::Dummy(ImVec2(0, t.px(12)));
    }
    ImGui::EndChild();
}

}  // namespace vigie::app
