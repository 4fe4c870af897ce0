// The page as a whole: owns the model (Dossier), the UI state and the theme; draws one frame
// at a time; answers the test hook. Knows nothing of the browser (platform_web.cpp does).
#pragma once

#include <optional>
#include <string>

#include "app/app_state.h"
#include "app/dossier.h"
#include "app/theme.h"

namespace vigie::app {

// Usage (from a platform file):
//   App app; app.load("/data/corpus");  app.set_scale(dpr, "/data/fonts");
//   every frame: ImGui new frame → app.frame(w, h) → render;  app.state_json() for window.vigie
class App {
public:
    void load(const std::string& dossier_path);
    bool set_scale(float device_pixel_ratio, const char* font_dir);  // rebuilds fonts and style
    void frame(float width, float height);                          // framebuffer pixels

    bool has_dossier() const { return dossier_.has_value(); }
    const std::string& error() const { return error_; }
    std::string state_json() const;  // DESIGN.md §4.5, in CSS pixels

private:
    float draw_header(float width);  // returns its height

    std::optional<Dossier> dossier_;
    std::string error_;
    AppState state_;
    Theme theme_;
};

}  // namespace vigie::app
