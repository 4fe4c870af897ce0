#include "app/theme.h"

#include <cstdio>
#include <string>

namespace vigie::app {

namespace {

// Glyphs the page draws: Latin-1, Latin Extended-A, typographic punctuation, €, a few symbols.
// Must match the subset the build cuts out of the fonts (src/app/CMakeLists.txt).
const ImWchar kGlyphs[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x0192, 0x0192, 0x02C6, 0x02C6, 0x02DC, 0x02DC,
                           0x2009, 0x200B, 0x2010, 0x2027, 0x202F, 0x202F, 0x2030, 0x203A, 0x20AC, 0x20AC,
                           0x2122, 0x2122, 0x2190, 0x2193, 0x2212, 0x2212, 0x25B8, 0x25B8, 0x25BE, 0x25BE,
                           0x2713, 0x2713, 0x2715, 0x2715, 0};

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

}  // namespace

bool build_theme(Theme& t, float dpr, const char* font_dir) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    t.scale = dpr;
    t.ui = load(font_dir, "NotoSans-Regular.ttf", t.px(15));
    t.ui_bold = load(font_dir, "NotoSans-Bold.ttf", t.px(15));
    t.heading = load(font_dir, "NotoSans-Bold.ttf", t.px(25));
    t.body = load(font_dir, "NotoSerif-Regular.ttf", t.px(18));
    t.body_italic = load(font_dir, "NotoSerif-Italic.ttf", t.px(16));
    if (!t.ui || !t.ui_bold || !t.heading || !t.body || !t.body_italic) return false;
    io.Fonts->Build();
    io.FontDefault = t.ui;

    ImGuiStyle style;  // fresh, then scaled once: ScaleAllSizes is not idempotent
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(0, 0);
    style.FramePadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(10, 6);
    style.ScrollbarSize = 12;
    style.ScrollbarRounding = 6;
    style.FrameRounding = 6;
    style.ChildRounding = 0;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.SelectableTextAlign = ImVec2(0, 0);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = rgb(0xFBFAF7);
    c[ImGuiCol_ChildBg] = rgb(0xFBFAF7, 0);
    c[ImGuiCol_Text] = rgb(0x1E1E1C);
    c[ImGuiCol_TextDisabled] = rgb(0x6B6A66);
    c[ImGuiCol_Header] = rgb(0xD9E5F7);
    c[ImGuiCol_HeaderHovered] = rgb(0xE8ECF2);
    c[ImGuiCol_HeaderActive] = rgb(0xCCDBF2);
    c[ImGuiCol_Separator] = rgb(0xE2E0DA);
    c[ImGuiCol_ScrollbarBg] = rgb(0xFBFAF7, 0);
    c[ImGuiCol_ScrollbarGrab] = rgb(0xC9C6BE);
    c[ImGuiCol_NavHighlight] = rgb(0x1F5FBF);
    style.ScaleAllSizes(dpr);
    ImGui::GetStyle() = style;

    t.text_muted = ImGui::GetColorU32(rgb(0x6B6A66));
    t.accent = ImGui::GetColorU32(rgb(0x1F5FBF));
    t.rule = ImGui::GetColorU32(rgb(0xE2E0DA));
    return true;
}

}  // namespace vigie::app
