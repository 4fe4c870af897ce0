// Wrapped text with marks (hits, the current hit, a selection) drawn beneath it: ImGui's own
// wrapping (ImFont::CalcWordWrapPositionA) plus what highlighting and selection need, namely
// where a byte is on screen and which byte is under the mouse.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::app {

struct Mark {
    std::uint32_t begin = 0, end = 0;  // bytes of the text
    ImU32 color = 0;
};

struct TextLine {
    std::uint32_t begin = 0, end = 0;  // bytes of the text, without the spaces where it wrapped
};

// Usage:
//   auto lines = wrap_text(font, size, text, width);
//   draw_wrapped(dl, font, size, pos, line_h, text, lines, marks, color, /*max_lines=*/2);
std::vector<TextLine> wrap_text(ImFont* font, float size, std::string_view text, float width);

// Draws up to max_lines lines, line_h apart; when lines are left out the last one shown ends in "…".
void draw_wrapped(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, float line_h, std::string_view text,
                  const std::vector<TextLine>& lines, const std::vector<Mark>& marks, ImU32 color,
                  std::size_t max_lines = static_cast<std::size_t>(-1), float width = 0);

// Where the text draw_wrapped shows of `lines` ends (a byte): at the end of the last line shown,
// or, when lines are left out, short of the room its "…" takes.
std::uint32_t shown_end(ImFont* font, float size, std::string_view text, const std::vector<TextLine>& lines,
                        std::size_t max_lines, float width);

// The byte of a text to show it from (the first of a word, after "… ") for the most of its marks
// to be seen in max_lines lines of width: a snippet whose matches come after the lines a result
// row has. 0 when as many are seen from its start.
std::uint32_t fit_marks(ImFont* font, float size, std::string_view text, const std::vector<Mark>& marks, float width,
                        std::size_t max_lines);
// The text from byte `from` on (a word's start, fit_marks's answer) after kLeadingCut, its marks
// from there shifted to match; unchanged for 0.
constexpr std::string_view kLeadingCut = "\u2026 ";
void show_from(std::string& text, std::vector<Mark>& marks, std::uint32_t from);

float x_of(ImFont* font, float size, std::string_view text, TextLine line, std::uint32_t byte);  // from the line's start
std::uint32_t byte_at(ImFont* font, float size, std::string_view text, TextLine line, float x);  // nearest boundary

}  // namespace vigie::app
