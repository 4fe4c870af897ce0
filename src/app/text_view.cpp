#include "app/text_view.h"

#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <string>

namespace vigie::app {

namespace {

std::uint32_t next_char(std::string_view text, std::uint32_t at) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, text.data() + at, text.data() + text.size());
    return at + static_cast<std::uint32_t>(std::max(n, 1));
}

float width_of(ImFont* font, float size, const char* b, const char* e) {
    return font->CalcTextSizeA(size, FLT_MAX, 0, b, e).x;
}

// Where the last line shown ends when lines after it are left out: short of the room "…" takes.
std::uint32_t cut_end(ImFont* font, float size, std::string_view text, TextLine line, float width) {
    const float avail = (width > 0 ? width : width_of(font, size, text.data() + line.begin, text.data() + line.end)) -
                        width_of(font, size, "\u2026", nullptr);
    std::uint32_t e = line.begin;
    while (e < line.end) {
        const std::uint32_t n = next_char(text, e);
        if (width_of(font, size, text.data() + line.begin, text.data() + n) > avail) break;
        e = n;
    }
    while (e > line.begin && text[e - 1] == ' ') --e;
    return e;
}

// How many marks (shifted by `shift` bytes) draw_wrapped shows whole.
std::size_t marks_seen(ImFont* font, float size, std::string_view text, const std::vector<Mark>& marks, std::int64_t shift,
                       float width, std::size_t max_lines) {
    const std::uint32_t end = shown_end(font, size, text, wrap_text(font, size, text, width), max_lines, width);
    return static_cast<std::size_t>(std::count_if(marks.begin(), marks.end(), [&](const Mark& m) {
        return std::int64_t(m.begin) + shift >= 0 && std::int64_t(m.end) + shift <= std::int64_t(end);
    }));
}

}  // namespace

std::uint32_t shown_end(ImFont* font, float size, std::string_view text, const std::vector<TextLine>& lines,
                        std::size_t max_lines, float width) {
    const std::size_t shown = std::min(lines.size(), max_lines);
    if (shown == 0) return 0;
    return shown < lines.size() ? cut_end(font, size, text, lines[shown - 1], width) : lines[shown - 1].end;
}

void show_from(std::string& text, std::vector<Mark>& marks, std::uint32_t from) {
    if (from == 0) return;
    const auto shift = static_cast<std::uint32_t>(kLeadingCut.size());
    text = std::string(kLeadingCut) + text.substr(from);
    std::size_t kept = 0;
    for (Mark m : marks)
        if (m.begin >= from) marks[kept++] = {m.begin - from + shift, m.end - from + shift, m.color};
    marks.resize(kept);
}

std::uint32_t fit_marks(ImFont* font, float size, std::string_view text, const std::vector<Mark>& marks, float width,
                        std::size_t max_lines) {
    if (marks.empty()) return 0;
    const std::size_t from_start = marks_seen(font, size, text, marks, 0, width, max_lines);
    if (from_start == marks.size()) return 0;
    std::size_t best = from_start;
    std::string shown;
    // Each word's start up to the last mark's; of those that show the most, the middle one, so
    // that the marks come with words on both sides.
    std::vector<std::uint32_t> best_at;  // none: no start shows more than the text's own
    for (std::uint32_t at = 1; at <= marks.back().begin; ++at) {
        if (text[at - 1] != ' ' || text[at] == ' ') continue;
        shown.assign(kLeadingCut);  // as show_from shows it, marks shifted alike
        shown.append(text.substr(at));
        const std::size_t seen = marks_seen(font, size, shown, marks, std::int64_t(kLeadingCut.size()) - at, width, max_lines);
        if (seen > best) {
            best = seen;
            best_at.clear();
        }
        if (seen == best && best > from_start) best_at.push_back(at);
    }
    return best_at.empty() ? 0 : best_at[best_at.size() / 2];
}

std::vector<TextLine> wrap_text(ImFont* font, float size, std::string_view text, float width) {
    std::vector<TextLine> lines;
    const char* const base = text.data();
    const char* s = base;
    const char* const end = base + text.size();
    const float scale = size / font->FontSize;
    while (s < end) {
        const char* e = font->CalcWordWrapPositionA(scale, s, end, std::max(width, 1.0f));
        if (e <= s) e = base + next_char(text, static_cast<std::uint32_t>(s - base));  // a glyph wider than the line
        const char* t = e;
        while (t > s && (t[-1] == ' ' || t[-1] == '\n')) --t;
        lines.push_back({static_cast<std::uint32_t>(s - base), static_cast<std::uint32_t>(t - base)});
        s = e;
        while (s < end && (*s == ' ' || *s == '\n')) ++s;
    }
    return lines;
}

float x_of(ImFont* font, float size, std::string_view text, TextLine line, std::uint32_t byte) {
    byte = std::clamp(byte, line.begin, line.end);
    return width_of(font, size, text.data() + line.begin, text.data() + byte);
}

std::uint32_t byte_at(ImFont* font, float size, std::string_view text, TextLine line, float x) {
    float at = 0;
    for (std::uint32_t b = line.begin; b < line.end;) {
        const std::uint32_t n = next_char(text, b);
        const float w = width_of(font, size, text.data() + b, text.data() + n);
        if (x < at + w / 2) return b;
        at += w;
        b = n;
    }
    return line.end;
}

void draw_wrapped(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, float line_h, std::string_view text,
                  const std::vector<TextLine>& lines, const std::vector<Mark>& marks, ImU32 color,
                  std::size_t max_lines, float width) {
    const std::size_t shown = std::min(lines.size(), max_lines);
    const float pad_y = (line_h - size) / 2;
    const float clip_top = dl->GetClipRectMin().y, clip_bottom = dl->GetClipRectMax().y;
    for (std::size_t i = 0; i < shown; ++i) {
        TextLine line = lines[i];
        const float y = pos.y + line_h * static_cast<float>(i);
        if (y > clip_bottom || y + line_h < clip_top) continue;  // off screen
        const bool cut = i + 1 == shown && shown < lines.size();
        float ellipsis_x = -1;
        if (cut) {  // room for "…" at the end of the last line shown
            line.end = cut_end(font, size, text, line, width);
            ellipsis_x = pos.x + x_of(font, size, text, line, line.end);
        }
        for (const Mark& m : marks) {
            if (m.end <= line.begin || m.begin >= line.end) continue;
            const float x0 = pos.x + x_of(font, size, text, line, std::max(m.begin, line.begin));
            const float x1 = pos.x + x_of(font, size, text, line, std::min(m.end, line.end));
            dl->AddRectFilled(ImVec2(x0 - 1, y + pad_y * 0.4f), ImVec2(x1 + 1, y + line_h - pad_y * 0.4f), m.color, size * 0.15f);
        }
        dl->AddText(font, size, ImVec2(pos.x, y + pad_y), color, text.data() + line.begin, text.data() + line.end);
        if (ellipsis_x >= 0) dl->AddText(font, size, ImVec2(ellipsis_x, y + pad_y), color, "\u2026");
    }
}

}  // namespace vigie::app
