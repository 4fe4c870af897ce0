// Fonts, colours and sizes of the page. Everything is in framebuffer pixels: sizes are
// multiplied by the device pixel ratio so text is rasterised at the screen's real resolution.
// Two palettes, light and dark; the page follows the system's unless the user picks one.
#pragma once

#include <imgui.h>

namespace vigie::app {

struct Palette {
    ImU32 page, panel, header, header_text, header_muted;  // backgrounds and the header's text
    ImU32 text, muted, accent, rule;                       // body text, dates/counts, links/selection, separators
    ImU32 hit, hit_current, selection;                     // highlighter marks in snippets and the reader
    ImU32 chip, chip_text, row_hover, row_selected;        // filter chips, list rows
    ImU32 field, field_text;                               // the search field
    ImU32 timeline_doc, timeline_doc_dim, timeline_op, brush;
};

struct Theme {
    float scale = 1.0f;            // device pixel ratio the fonts were built for
    bool dark = false;
    ImFont* small = nullptr;       // Noto Sans 13px: chips, counts, meta lines
    ImFont* ui = nullptr;          // Noto Sans 15px: interface text, snippets
    ImFont* ui_bold = nullptr;     // Noto Sans Bold 15px: result titles, labels
    ImFont* heading = nullptr;     // Noto Sans Bold 25px: the reader's headline
    ImFont* body = nullptr;        // Noto Serif 18px: article text
    ImFont* body_italic = nullptr; // Noto Serif Italic 16px: summaries and notes
    Palette c;

    float px(float css) const { return css * scale; }  // CSS pixels → framebuffer pixels
};

// (Re)builds the font atlas for a device pixel ratio; false if a font file is missing.
bool build_fonts(Theme& theme, float device_pixel_ratio, const char* font_dir);
// Sets the palette and ImGui's style for the theme's scale, light or dark.
void apply_style(Theme& theme, bool dark);

}  // namespace vigie::app
