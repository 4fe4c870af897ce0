// Fonts, colours and sizes of the page. Everything is in framebuffer pixels: sizes are
// multiplied by the device pixel ratio so text is rasterised at the screen's real resolution.
#pragma once

#include <imgui.h>

namespace vigie::app {

struct Theme {
    float scale = 1.0f;            // device pixel ratio the fonts were built for
    ImFont* ui = nullptr;          // Noto Sans, interface text
    ImFont* ui_bold = nullptr;     // Noto Sans Bold, list titles and labels
    ImFont* heading = nullptr;     // Noto Sans Bold, large: the reader's headline
    ImFont* body = nullptr;        // Noto Serif, article text
    ImFont* body_italic = nullptr; // Noto Serif Italic, summaries and notes
    ImU32 text_muted = 0;          // dates, outlets, counts
    ImU32 accent = 0;              // selection and links
    ImU32 rule = 0;                // separators

    float px(float css) const { return css * scale; }  // CSS pixels → framebuffer pixels
};

// (Re)builds the font atlas and style for a device pixel ratio; false if a font file is missing.
bool build_theme(Theme& theme, float device_pixel_ratio, const char* font_dir);

}  // namespace vigie::app
