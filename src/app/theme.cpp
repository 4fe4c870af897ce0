#include "app/theme.h"

#include <cstdio>
#include <string>

namespace vigie::app {

namespace {

// Glyphs the page draws: Latin-1, Latin Extended-A, typographic punctuation, €, ™, minus.
// Must match the subset the build cuts out of the fonts (src/app/CMakeLists.txt); Noto Sans
// and Serif have no arrows, triangles or check marks: the page draws those as shapes.
const ImWchar kGlyphs[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x0192, 0x0192, 0x02C6, 0x02C6, 0x02DC, 0x02DC,
                           0x2009, 0x200B, 0x2010, 0x2027, 0x202F, 0x202F, 0x2030, 0x203A, 0x20AC, 0x20AC,
                           0x2122, 0x2122, 0x2212, 0x2212, 0};

ImFont* load(const char* dir, const char* file, float size_px) {
    const std::string path = std::string(dir) + "/" + file;
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    std::snprintf(cfg.Name, sizeof cfg.Name, "%s %.0fpx", file, size_px);
    if (std::FILE* f = std::fopen(path.c_str(), "rb")) std::fclose(f);
    else return nullptr;
    return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), size_px, &cfg, kGlyphs);
}

ImVec4 rgb(unsigned hex, float a = 1.0f) {
    return ImVec4(((hex >> 16) & 0xFF) / 255.0f, ((hex >> 8) & 0xFF) / 255.0f, (hex & 0xFF) / 255.0f, a);
}
ImU32 u32(unsigned hex, float a = 1.0f) { return ImGui::ColorConvertFloat4ToU32(rgb(hex, a)); }

}  // namespace

bool build_fonts(Theme& t, float dpr, const char* font_dir) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    t.scale = dpr;
    t.ui = load(font_dir, "NotoSans-Regular.ttf", t.px(15));
    t.small = load(font_dir, "NotoSans-Regular.ttf", t.px(13));
    t.ui_bold = load(font_dir, "NotoSans-Bold.ttf", t.px(15));
    t.heading = load(font_dir, "NotoSans-Bold.ttf", t.px(25));
    t.body = load(font_dir, "NotoSerif-Regular.ttf", t.px(18));
    t.body_italic = load(font_dir, "NotoSerif-Italic.ttf", t.px(16));
    if (!t.ui || !t.small || !t.ui_bold || !t.heading || !t.body || !t.body_italic) return false;
    io.Fonts->Build();
    io.FontDefault = t.ui;
    apply_style(t, t.dark);
    return true;
}

void apply_style(Theme& t, bool dark) {
    t.dark = dark;
    Palette& p = t.c;
    if (!dark) {
        p = {u32(0xFBFAF7), u32(0xF3F1EC), u32(0x1E2A3A), u32(0xFFFFFF), u32(0xB4BECA),
             u32(0x1E1E1C), u32(0x6B6A66), u32(0x1F5FBF), u32(0xE2E0DA),
             u32(0xFFE27A, 0.85f), u32(0xFFA630), u32(0xB9D3F7),
             u32(0xE3EAF4), u32(0x1E3A66), u32(0xEDEAE3), u32(0xE3EAF4),
             u32(0xFFFFFF), u32(0x1E1E1C),
             u32(0x1F5FBF), u32(0xB9B6AE), u32(0xB3261E), u32(0x1F5FBF, 0.16f)};
    } else {
        p = {u32(0x15181C), u32(0x1B1F24), u32(0x0E1318), u32(0xF2F2F2), u32(0x8C96A3),
             u32(0xE4E2DD), u32(0x9C9A94), u32(0x82B1FF), u32(0x2E333A),
             u32(0xB8912A, 0.55f), u32(0xD9822B, 0.9f), u32(0x2D4B78),
             u32(0x25303E), u32(0xC9DBF7), u32(0x22272D), u32(0x25303E),
             u32(0x262B31), u32(0xECEAE5),
             u32(0x82B1FF), u32(0x4A4F57), u32(0xF2817A), u32(0x82B1FF, 0.18f)};
    }
    ImGuiStyle style;  // fresh, then scaled once: ScaleAllSizes is not idempotent
    if (dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(0, 0);
    style.FramePadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(10, 6);
    style.ScrollbarSize = 12;
    style.ScrollbarRounding = 6;
    style.FrameRounding = 6;
    style.ChildRounding = 0;
    style.PopupRounding = 6;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.PopupBorderSize = 1;
    style.SelectableTextAlign = ImVec2(0, 0);
    ImVec4* c = style.Colors;
    auto f4 = [](ImU32 col) { return ImGui::ColorConvertU32ToFloat4(col); };
    const ImVec4 page = f4(p.page);
    c[ImGuiCol_WindowBg] = page;
    c[ImGuiCol_ChildBg] = ImVec4(page.x, page.y, page.z, 0);
    c[ImGuiCol_PopupBg] = dark ? rgb(0x262B31) : rgb(0xFFFFFF);
    c[ImGuiCol_Text] = f4(p.text);
    c[ImGuiCol_TextDisabled] = f4(p.muted);
    c[ImGuiCol_FrameBg] = f4(p.field);
    c[ImGuiCol_Button] = c[ImGuiCol_Header] = c[ImGuiCol_HeaderActive] = f4(p.chip);
    c[ImGuiCol_ButtonHovered] = c[ImGuiCol_HeaderHovered] = f4(p.row_hover);
    c[ImGuiCol_ButtonActive] = f4(p.row_selected);
    c[ImGuiCol_Separator] = c[ImGuiCol_Border] = f4(p.rule);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = dark ? rgb(0x4A4F57) : rgb(0xC9C6BE);
    c[ImGuiCol_NavHighlight] = f4(p.accent);
    c[ImGuiCol_TextSelectedBg] = f4(p.selection);
    style.ScaleAllSizes(t.scale);
    ImGui::GetStyle() = style;
}

}  // namespace vigie::app
