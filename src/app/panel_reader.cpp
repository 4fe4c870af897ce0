// The reader: the open article as a readable column (~70 characters a line), its outlet, date,
// countries and operations above, every hit highlighted, the current one stronger; a toolbar
// steps through the hits and copies a citation; the mouse selects a passage to copy.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "app/panels.h"
#include "app/text_view.h"

namespace vigie::app {

namespace {

// The sentence around [b, e): back to the previous sentence end, on to the next.
std::pair<std::uint32_t, std::uint32_t> sentence(const std::string& text, std::uint32_t b, std::uint32_t e) {
    auto is_end = [](char c) { return c == '.' || c == '!' || c == '?' || c == '\n'; };
    std::uint32_t s = b;
    while (s > 0 && !(is_end(text[s - 1]) && (s == text.size() || text[s] == ' ' || text[s] == '\n'))) --s;
    while (s < b && (text[s] == ' ' || text[s] == '\n')) ++s;
    std::uint32_t t = e;
    while (t < text.size() && !is_end(text[t])) ++t;
    if (t < text.size() && text[t] != '\n') ++t;
    return {s, t};
}

std::string citation(Ui& ui, int open) {
    const corpus::Document& doc = ui.dossier.corpus.documents[static_cast<std::size_t>(open)];
    const AppState& st = ui.state;
    std::string passage;
    if (st.selection.second > st.selection.first) passage = doc.text.substr(st.selection.first, st.selection.second - st.selection.first);
    else if (!ui.results.reader_hits.empty()) {
        const auto [b, e] = ui.results.reader_hits[static_cast<std::size_t>(std::max(st.hit, 0))];
        const auto [s, t] = sentence(doc.text, b, e);
        passage = doc.text.substr(s, t - s);
    } else if (!ui.dossier.views[static_cast<std::size_t>(open)].paragraphs.empty()) {
        const auto [b, e] = ui.dossier.views[static_cast<std::size_t>(open)].paragraphs.front();
        passage = doc.text.substr(b, e - b);
    }
    for (char& c : passage) if (c == '\n') c = ' ';
    const bool fr = st.lang == Lang::fr;
    std::string out = fr ? "« " + passage + " »" : "\u201C" + passage + "\u201D";
    out += "\n\u2014 " + ui.dossier.views[static_cast<std::size_t>(open)].title;
    const std::string& outlet = ui.dossier.views[static_cast<std::size_t>(open)].outlet;
    if (!outlet.empty()) out += ", " + outlet;
    const std::string when = ui.date(doc.date);
    if (!when.empty()) out += ", " + when;
    if (!doc.url.empty()) out += ", " + doc.url;
    return out;
}

struct ShownLine {
    TextLine line;
    float x, y;  // screen position of its start
};

}  // namespace

void draw_reader(Ui& ui) {
    const Theme& t = ui.theme;
    AppState& st = ui.state;
    const float avail = ImGui::GetWindowContentRegionMax().x;
    if (st.open < 0 || st.open >= static_cast<int>(ui.dossier.corpus.documents.size())) {
        const std::string& hint = ui.tr("reader.pick");
        ImGui::PushFont(t.body_italic);
        const ImVec2 size = ImGui::CalcTextSize(hint.c_str());
        ImGui::SetCursorPos(ImVec2(std::max(t.px(24), (avail - size.x) / 2), t.px(80)));
        ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
        ImGui::TextUnformatted(hint.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        return;
    }
    const auto open = static_cast<std::size_t>(st.open);
    const corpus::Document& doc = ui.dossier.corpus.documents[open];
    const DocumentView& view = ui.dossier.views[open];
    const auto& hits = ui.results.reader_hits;
    const int n_hits = static_cast<int>(hits.size());

    // Toolbar: back (one column), hits, citation.
    const float bar_h = t.px(46);
    ImDrawList* pdl = ImGui::GetWindowDrawList();
    const ImVec2 wp = ImGui::GetWindowPos();
    pdl->AddLine(ImVec2(wp.x, wp.y + bar_h - 1), ImVec2(wp.x + avail, wp.y + bar_h - 1), t.c.rule);
    ImGui::SetCursorPos(ImVec2(t.px(12), t.px(8)));
    if (st.narrow) {
        if (link_button(ui, "button:back", ui.tr("reader.back"), "")) st.tab = Tab::results;
        ImGui::SameLine(0, t.px(8));
    }
    if (link_button(ui, "button:prev-hit", "\u2039", ui.tr("reader.prev"))) ui.step_hit(-1);
    ImGui::SameLine(0, t.px(2));
    ImGui::SetCursorPosY(t.px(13));
    ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
    const std::string where = n_hits ? ui.tr("reader.hit", {{"a", std::to_string(st.hit + 1)}, {"b", std::to_string(n_hits)}})
                                     : ui.tr("reader.no_hit");
    ImGui::TextUnformatted(where.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine(0, t.px(2));
    ImGui::SetCursorPosY(t.px(8));
    if (link_button(ui, "button:next-hit", "\u203A", ui.tr("reader.next"))) ui.step_hit(1);
    {
        // After a copy the button says so for a moment, instead of its name.
        const bool copied = ImGui::GetTime() - st.copied_at < 2.5;
        const std::string& cite = ui.tr(copied ? "reader.copied" : "reader.cite");
        const float w = ImGui::CalcTextSize(cite.c_str()).x + t.px(16);
        ImGui::SameLine(std::max(ImGui::GetCursorPosX() + t.px(8), avail - w - t.px(12)));
        if (link_button(ui, "button:cite", cite, copied ? "" : ui.tr("reader.cite.tooltip"), copied)) ui.copy(citation(ui, st.open));
    }

    // The article, in its own scrolling region.
    ImGui::SetCursorPos(ImVec2(0, bar_h));
    ImGui::BeginChild("article", ImVec2(avail, 0), false, ImGuiWindowFlags_NoSavedSettings);
    const bool to_top = st.reader_to_top;  // the scroll this frame's positions will have
    if (to_top) {
        ImGui::SetScrollY(0);
        st.reader_to_top = false;
    }
    const float width = ImGui::GetWindowContentRegionMax().x;
    ImGui::PushFont(t.body);
    const float measure = ImGui::CalcTextSize("n").x * 68;  // a comfortable line length
    ImGui::PopFont();
    const float margin = t.px(st.narrow ? 18 : 32);
    const float column = std::min(measure, width - 2 * margin);
    const float left = std::max(margin, std::floor((width - column) / 2));

    ImGui::SetCursorPos(ImVec2(left, t.px(22)));
    ImGui::PushTextWrapPos(left + column);
    ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
    std::string meta = view.outlet;
    const std::string when = ui.date(doc.date);
    if (!when.empty()) meta += (meta.empty() ? "" : "  ·  ") + when;
    meta += (meta.empty() ? "" : "  ·  ") + ui.tr("reader.words", {{"n", std::to_string(view.words)}});
    ImGui::TextUnformatted(meta.c_str());
    ImGui::PopStyleColor();
    ImGui::SetCursorPosX(left);
    ImGui::PushFont(t.heading);
    ImGui::TextUnformatted(view.title.c_str());
    ImGui::PopFont();
    ImGui::PopTextWrapPos();

    // Countries and operations: chips that filter the results.
    if (!view.countries.empty() || !view.operations.empty()) {
        ImGui::Dummy(ImVec2(0, t.px(2)));
        ImGui::SetCursorPosX(left);
        ChipRow row(column);
        for (const std::string& iso : view.countries) {
            const std::string name = ui.country_name(iso);
            if (row.add(ui, "reader:pays:" + iso, name, false, ui.tr("filters.add.tooltip", {{"a", name}}))) ui.toggle_country(iso);
        }
        for (std::size_t o : view.operations) {
            const auto& op = ui.dossier.corpus.operations[o];
            if (row.add(ui, "reader:op:" + op.id, ui.operation_label(o), false, op.name + "\n" + op.dates_as_written)) ui.toggle_operation(op.id);
        }
    }
    if (!doc.summary.empty()) {
        ImGui::Dummy(ImVec2(0, t.px(4)));
        ImGui::SetCursorPosX(left);
        ImGui::PushTextWrapPos(left + column);
        ImGui::PushFont(t.body_italic);
        ImGui::PushStyleColor(ImGuiCol_Text, t.c.muted);
        ImGui::TextUnformatted(doc.summary.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::PopTextWrapPos();
    }
    const ImVec2 rule_at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddLine(ImVec2(ImGui::GetWindowPos().x + left, rule_at.y + t.px(8)),
                ImVec2(ImGui::GetWindowPos().x + left + column, rule_at.y + t.px(8)), t.c.rule, t.px(1));
    ImGui::Dummy(ImVec2(0, t.px(18)));

    // The text: paragraphs, marks beneath (selection, hits, the current hit).
    std::vector<Mark> marks;
    if (st.selection.second > st.selection.first) marks.push_back({st.selection.first, st.selection.second, t.c.selection});
    for (int i = 0; i < n_hits; ++i)
        marks.push_back({hits[static_cast<std::size_t>(i)].first, hits[static_cast<std::size_t>(i)].second, i == st.hit ? t.c.hit_current : t.c.hit});
    ImFont* font = t.body;
    const float size = font->FontSize, lh = std::round(size * 1.55f);
    const std::string_view text = doc.text;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float x = ImGui::GetWindowPos().x + left;
    float y = origin.y;
    float hit_y = -1, byte_y = -1;  // where the current hit and a requested byte are
    std::vector<ShownLine> shown;
    const float clip_top = ImGui::GetWindowPos().y, clip_bottom = clip_top + ImGui::GetWindowHeight();
    for (const auto& [b, e] : view.paragraphs) {
        auto lines = wrap_text(font, size, text.substr(b, e - b), column);
        for (TextLine& l : lines) { l.begin += static_cast<std::uint32_t>(b); l.end += static_cast<std::uint32_t>(b); }
        if (st.hit >= 0 && st.hit < n_hits) {
            const std::uint32_t hb = hits[static_cast<std::size_t>(st.hit)].first;
            for (std::size_t k = 0; k < lines.size(); ++k)
                if (hb >= lines[k].begin && hb < lines[k].end + 1) hit_y = y + lh * static_cast<float>(k);
        }
        if (st.scroll_to_byte >= static_cast<std::int64_t>(b) && st.scroll_to_byte <= static_cast<std::int64_t>(e))
            for (std::size_t k = 0; k < lines.size(); ++k)
                if (st.scroll_to_byte >= lines[k].begin) byte_y = y + lh * static_cast<float>(k);
        const float block = lh * static_cast<float>(lines.size());
        if (y + block >= clip_top && y <= clip_bottom) {
            draw_wrapped(dl, font, size, ImVec2(x, y), lh, text, lines, marks, ImGui::GetColorU32(ImGuiCol_Text));
            for (std::size_t k = 0; k < lines.size(); ++k) shown.push_back({lines[k], x, y + lh * static_cast<float>(k)});
        }
        y += block + t.px(12);
    }
    // Mouse selection over the text (the space the paragraphs took).
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("text", ImVec2(std::max(column, 1.0f) + (x - ImGui::GetWindowPos().x), std::max(y - origin.y, 1.0f)));
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    auto byte_under = [&](ImVec2 m) -> std::optional<std::uint32_t> {
        if (shown.empty()) return std::nullopt;
        const ShownLine* best = &shown.front();
        for (const ShownLine& s : shown) if (m.y >= s.y) best = &s;
        if (m.y > best->y + lh) return best->line.end;
        return byte_at(font, size, text, best->line, m.x - best->x);
    };
    if (ImGui::IsItemActivated()) {
        if (auto b = byte_under(ImGui::GetIO().MousePos)) {
            st.selection_anchor = *b;
            st.selection = {*b, *b};
            st.selecting = true;
        }
    }
    if (st.selecting && ImGui::IsItemActive()) {
        if (auto b = byte_under(ImGui::GetIO().MousePos))
            st.selection = {std::min(st.selection_anchor, *b), std::max(st.selection_anchor, *b)};
    }
    if (st.selecting && !ImGui::IsItemActive()) st.selecting = false;
    ui.box("reader:text", origin, ImVec2(x + column, y));
    ImGui::Dummy(ImVec2(0, t.px(40)));
    if (st.scroll_to_byte >= 0 && byte_y >= 0) {  // a citation from the map: in view, a third down
        const float content_y = byte_y - ImGui::GetWindowPos().y + ImGui::GetScrollY();
        ImGui::SetScrollY(std::max(0.0f, content_y - ImGui::GetWindowHeight() * 0.3f));
        st.scroll_to_byte = -1;
    }
    if (st.scroll_to_hit && hit_y >= 0) {
        // A hit already in view stays where it is (the article's head is not cut to show a hit
        // in its first lines); another comes a third down.
        const float content_y = hit_y - ImGui::GetWindowPos().y + ImGui::GetScrollY();
        const float top = to_top ? 0.0f : ImGui::GetScrollY(), margin = lh;
        if (content_y < top + margin || content_y + lh > top + ImGui::GetWindowHeight() - margin)
            ImGui::SetScrollY(std::max(0.0f, content_y - ImGui::GetWindowHeight() * 0.3f));
        st.scroll_to_hit = false;
    } else if (st.scroll_to_hit && n_hits == 0) st.scroll_to_hit = false;
    if (!st.selecting && st.selection.second > st.selection.first) {  // where the selection is, for the test hook
        for (const ShownLine& l : shown)
            if (st.selection.first >= l.line.begin && st.selection.first <= l.line.end) {
                ui.box("reader:selection", ImVec2(l.x, l.y), ImVec2(l.x + column, l.y + lh));
                break;
            }
    }
    st.reader_scroll = ImGui::GetScrollY();
    if (hit_y >= 0) ui.box("reader:hit", ImVec2(x, hit_y), ImVec2(x + column, hit_y + lh));
    ImGui::EndChild();
}

}  // namespace vigie::app
