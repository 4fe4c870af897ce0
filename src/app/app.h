// The page as a whole: owns the model (Dossier), the UI state, the current results, the words
// and the theme; draws one frame at a time; answers the test hook and the URL. Knows nothing of
// the browser (platform_web.cpp does).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/app_state.h"
#include "app/dossier.h"
#include "app/panels.h"
#include "app/strings.h"
#include "app/theme.h"

namespace vigie::app {

// Usage (from a platform file):
//   App app; app.load("/data/corpus", "/data/ui/strings.json", "/data/map/world.vmap");
//   app.set_scale(dpr, "/data/fonts");
//   app.apply_fragment(location.hash); app.apply_prefs(localStorage);
//   every frame with input: ImGui new frame → app.frame(w, h) → render; then fragment(), prefs()
class App {
public:
    void load(const std::string& dossier_path, const std::string& strings_path, const std::string& map_path);
    bool set_scale(float device_pixel_ratio, const char* font_dir);  // rebuilds fonts and style
    void set_system_dark(bool dark);
    void frame(float width, float height);                          // framebuffer pixels

    // The reader's own articles, written by the platform into a directory of the in-memory file
    // system (a folder picked or files dropped): any input of DESIGN.md §4.2. They replace the
    // dossier in this tab only; nothing leaves the page. A failure keeps the current dossier.
    void import_dir(const std::string& dir);

    bool has_dossier() const { return dossier_ != nullptr; }
    const std::string& error() const { return error_; }
    std::string state_json() const;  // DESIGN.md §4.5, in CSS pixels

    std::string fragment() const;               // the view as a URL fragment (url.h)
    void apply_fragment(std::string_view f);    // a link, back or forward
    std::string prefs() const;                  // layout, language, theme: JSON for local storage
    void apply_prefs(std::string_view json);    // ignores what it does not understand
    void type(std::string_view text);           // text typed or pasted: into the search field
    void focus_search() { state_.focus_search = true; }
    void pinch(float ratio, float x, float y) {  // two fingers spread by ratio about (x, y), framebuffer pixels
        state_.pinch *= ratio;
        state_.pinch_at = {x, y};
    }
    bool search_active() const { return search_active_; }
    ScreenBox screen_box(std::string_view id) const;  // a box of the test hook as last drawn, CSS pixels
    bool animating() const;                     // wants frames without input (notices fading)

    int frames = 0;  // frames drawn, for the idle check
    struct Keys { int k = -1, f = -1, f3 = -1; } keys;  // platform key indices (ImGui 1.86 names no letters but A C V X Y Z)

private:
    void name_untitled();  // a folder of articles (an import, a site made by `vigie build`): "Vos articles"
    float draw_header(Ui& ui, float width);  // returns its height
    void draw_tabs(Ui& ui, float width, float y);
    void keyboard(Ui& ui);
    void refresh_results();
    std::string signature() const;  // what a change of view changes (URL, tab, language, theme, layout)

    std::unique_ptr<Dossier> dossier_;
    std::string map_path_;
    std::optional<Strings> strings_;
    std::string error_;
    AppState state_;
    Results results_;
    Theme theme_;
    std::string pending_text_;  // typed or pasted, for the search field's next frame
    bool search_active_ = false;
    int settle_ = 0;  // frames still to draw after a change
    double frame_ms_ = 0;  // CPU time of the last frame(), for the page benchmark
};

}  // namespace vigie::app
