// The browser glue: main(), the GLFW window on the page's canvas, device-pixel-ratio aware
// sizing, the frame loop (which draws only when something happened), the URL fragment and the
// history, local storage, the clipboard, the system's colour scheme, and the test hook
// window.vigie (DESIGN.md §4.5). The only file of the app that knows about Emscripten; CMake
// picks it for the web build.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <sys/stat.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "app/app.h"

namespace {

struct Web {
    GLFWwindow* window = nullptr;
    vigie::app::App app;
    float dpr = 0;              // device pixel ratio the fonts are built for
    bool announced = false;     // window.vigie.ready set
    std::string fragment;       // what the URL says now
    std::string prefs;          // what local storage holds now
    int fb_w = 0, fb_h = 0;
};
Web* g_web = nullptr;  // the one page; the test hook reaches it from JS

// ImGui 1.86 reads key state once a frame, so a key pressed and released between two frames
// (a quick tap, a test's keyboard.press) would be missed: presses are latched until a frame saw them.
bool g_down[GLFW_KEY_LAST + 1], g_pressed[GLFW_KEY_LAST + 1];

void key_callback(GLFWwindow*, int key, int, int action, int) {  // runs before ImGui's (it chains)
    if (key < 0 || key > GLFW_KEY_LAST) return;
    if (action == GLFW_PRESS) g_down[key] = g_pressed[key] = true;
    if (action == GLFW_RELEASE) g_down[key] = false;
}

void latch_keys() {
    ImGuiIO& io = ImGui::GetIO();
    for (int k = 0; k <= GLFW_KEY_LAST && k < IM_ARRAYSIZE(io.KeysDown); ++k) {
        io.KeysDown[k] = g_down[k] || g_pressed[k];
        g_pressed[k] = false;
    }
    auto down = [&](int a, int b) { return io.KeysDown[a] || io.KeysDown[b]; };
    io.KeyCtrl = down(GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL);
    io.KeyShift = down(GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT);
    io.KeyAlt = down(GLFW_KEY_LEFT_ALT, GLFW_KEY_RIGHT_ALT);
    io.KeySuper = down(GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER);
}

constexpr const char* kFonts = "/data/fonts";
constexpr const char* kDossier = "/data/corpus";
constexpr const char* kBuiltDossier = "/dossier";  // a site made by `vigie build` (loader.js writes it)
constexpr const char* kStrings = "/data/ui/strings.json";
constexpr const char* kMap = "/data/map/world.vmap";

void fail(const std::string& message) {
    EM_ASM({ if (window.vigieFail) window.vigieFail(UTF8ToString($0)); }, message.c_str());
}

std::string take_js_string(char* s) {  // a string malloc'ed by JS (stringToNewUTF8)
    std::string out = s ? s : "";
    std::free(s);
    return out;
}

// Keeps the canvas backing store at CSS size × devicePixelRatio, so text is crisp on HiDPI
// screens, and rebuilds fonts when the ratio changes (a window dragged to another screen, zoom).
// True when something changed.
bool fit_canvas(Web& web) {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    const int w = static_cast<int>(std::lround(css_w * dpr)), h = static_cast<int>(std::lround(css_h * dpr));
    int cur_w = 0, cur_h = 0;
    glfwGetWindowSize(web.window, &cur_w, &cur_h);
    bool changed = false;
    // Not glfwSetWindowSize: Emscripten's version requests fullscreen whenever the size equals
    // the screen's (a maximised or F11 window), which browsers refuse without a user gesture.
    // Browser.setCanvasSize is what it calls otherwise, and it notifies GLFW of the new size.
    if (w > 0 && h > 0 && (w != cur_w || h != cur_h)) {
        EM_ASM({ Browser.setCanvasSize($0, $1); }, w, h);
        changed = true;
    }
    if (dpr != web.dpr) {
        web.dpr = dpr;
        if (web.app.set_scale(dpr, kFonts)) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        changed = true;
    }
    return changed;
}

// The URL follows the view: opening an article or changing a filter is a step in the history
// (back returns to the previous view); typing and stepping through hits replace the entry.
void sync_url(Web& web) {
    const std::string f = web.app.fragment();
    if (f == web.fragment) return;
    auto key = [](const std::string& frag) {  // the parts that make a history step
        std::string out;
        std::size_t at = 0;
        while (at <= frag.size()) {
            std::size_t end = frag.find('&', at);
            if (end == std::string::npos) end = frag.size();
            const std::string part = frag.substr(at, end - at);
            if (part.rfind("q=", 0) != 0 && part.rfind("hit=", 0) != 0) out += part + "&";
            at = end + 1;
        }
        return out;
    };
    const bool push = key(f) != key(web.fragment);
    web.fragment = f;
    EM_ASM({
        const url = location.pathname + location.search + (UTF8ToString($0) ? "#" + UTF8ToString($0) : "");
        if ($1) history.pushState(null, "", url); else history.replaceState(null, "", url);
    }, f.c_str(), push ? 1 : 0);
}

void save_prefs(Web& web) {
    const std::string p = web.app.prefs();
    if (p == web.prefs) return;
    web.prefs = p;
    EM_ASM({ try { localStorage.setItem("vigie.prefs", UTF8ToString($0)); } catch (e) {} }, p.c_str());
}

void frame(void* arg) {
    Web& web = *static_cast<Web*>(arg);
    // Draw only when something happened: input, a resize, a link, or an animation. An idle page
    // costs no GPU work and almost no CPU.
    int wake = EM_ASM_INT({ const w = Module.vigieWake | 0; Module.vigieWake = Math.max(0, w - 1); return w; });
    if (EM_ASM_INT({ const c = Module.vigieLinked | 0; Module.vigieLinked = 0; return c; })) {
        web.app.apply_fragment(take_js_string(reinterpret_cast<char*>(EM_ASM_INT({ return stringToNewUTF8(location.hash); }))));
        web.fragment = web.app.fragment();
        wake = 3;
    }
    if (fit_canvas(web)) wake = 3;
    if (!wake && web.announced && !web.app.animating()) return;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    latch_keys();
    ImGui::NewFrame();
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    web.app.frame(size.x, size.y);
    ImGui::Render();
    glfwGetFramebufferSize(web.window, &web.fb_w, &web.fb_h);
    glViewport(0, 0, web.fb_w, web.fb_h);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (web.app.has_dossier()) {
        sync_url(web);
        save_prefs(web);
        const vigie::app::ScreenBox b = web.app.screen_box("search");
        EM_ASM({ Module.vigieSearchField($0, $1, $2, $3, $4); }, b.x, b.y, b.w, b.h, web.app.search_active() ? 1 : 0);
        const vigie::app::ScreenBox i = web.app.screen_box("button:import");
        EM_ASM({ Module.vigieImportBox = Array.of($0, $1, $2, $3); }, i.x, i.y, i.w, i.h);
    }
    if (!web.announced) {
        web.announced = true;
        if (web.app.has_dossier()) EM_ASM({ if (window.vigie) { window.vigie.ready = true; window.vigie.readyAt = performance.now(); } });
        else fail(web.app.error());
    }
}

// Emscripten 3.1.6's GLFW hands over the browser's deltaY as is: pixels (or lines), with the
// sign of "scroll down". ImGui wants notches, positive up.
void scroll_callback(GLFWwindow*, double x, double y) {
    const double unit = EM_ASM_DOUBLE({ return Module.vigieWheelUnit || 100; });  // platform_web.js
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheelH -= static_cast<float>(x / unit);
    io.MouseWheel -= static_cast<float>(y / unit);
}

void set_clipboard(void*, const char* text) {
    EM_ASM({
        const t = UTF8ToString($0);
        window.vigie && (window.vigie.clipboard = t);
        if (navigator.clipboard) navigator.clipboard.writeText(t).catch(() => {});
    }, text);
}
// Pasting comes from the browser's paste event (vigie_paste), which has the system clipboard;
// ImGui's own Ctrl+V must then insert nothing, or the text would come twice.
const char* get_clipboard(void*) { return ""; }

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE const char* vigie_state_json() {
    static std::string json;
    json = g_web ? g_web->app.state_json() : "{}";
    return json.c_str();
}

extern "C" EMSCRIPTEN_KEEPALIVE void vigie_type(const char* text) {
    if (g_web) g_web->app.type(text);
}

// Files picked in the page's file input, written by platform_web.js into `dir`.
extern "C" EMSCRIPTEN_KEEPALIVE void vigie_import_dir(const char* dir) {
    if (g_web) g_web->app.import_dir(dir);
}

// Files dropped on the canvas: Emscripten's GLFW wrote them under /.glfw_dropped_files; they are
// moved into a directory of their own, so that one drop is one dossier.
void drop_callback(GLFWwindow*, int count, const char** paths) {
    static int drops = 0;
    const std::string dir = "/import-drop-" + std::to_string(++drops);
    EM_ASM({ FS.mkdir(UTF8ToString($0)); }, dir.c_str());
    for (int i = 0; i < count; ++i) {
        const std::string from = paths[i], to = dir + from.substr(from.rfind('/'));
        EM_ASM({ try { FS.rename(UTF8ToString($0), UTF8ToString($1)); } catch (e) {} }, from.c_str(), to.c_str());
    }
    if (g_web) g_web->app.import_dir(dir);
}

extern "C" EMSCRIPTEN_KEEPALIVE void vigie_pinch(float ratio, float x, float y) {  // CSS pixels
    if (g_web) g_web->app.pinch(ratio, x * g_web->dpr, y * g_web->dpr);
}

extern "C" EMSCRIPTEN_KEEPALIVE void vigie_focus_search() {
    if (g_web) g_web->app.focus_search();
}

extern "C" EMSCRIPTEN_KEEPALIVE void vigie_set_dark(int dark) {
    if (g_web) g_web->app.set_system_dark(dark != 0);
}

int main() {
    static Web web;
    g_web = &web;
    if (!glfwInit()) { fail("GLFW could not start."); return 1; }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    web.window = glfwCreateWindow(1280, 800, "Vigie", nullptr, nullptr);
    if (!web.window) { fail("WebGL 2 n’est pas disponible dans ce navigateur."); return 1; }
    glfwMakeContextCurrent(web.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is kept in local storage (App::prefs), not a file
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would mean drawing while idle
    glfwSetKeyCallback(web.window, key_callback);  // ImGui's callback chains to it
    ImGui_ImplGlfw_InitForOpenGL(web.window, true);
    glfwSetScrollCallback(web.window, scroll_callback);  // instead of the backend's
    glfwSetDropCallback(web.window, drop_callback);
    io.SetClipboardTextFn = set_clipboard;  // after the backend, which sets GLFW's (a no-op on the web)
    io.GetClipboardTextFn = get_clipboard;
    // Text comes from the page's hidden text field (input events: accents, dead keys, IME,
    // phone keyboards), not from GLFW's keypress characters, which miss all of those.
    glfwSetCharCallback(web.window, nullptr);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    web.app.keys = {GLFW_KEY_K, GLFW_KEY_F, GLFW_KEY_F3};

    EM_ASM({ Module.vigieInstall(); });  // platform_web.js

    struct stat built {};
    web.app.load(stat(kBuiltDossier, &built) == 0 ? kBuiltDossier : kDossier, kStrings, kMap);
    web.prefs = take_js_string(reinterpret_cast<char*>(EM_ASM_INT({
        try { const p = localStorage.getItem("vigie.prefs"); return p ? stringToNewUTF8(p) : 0; } catch (e) { return 0; }
    })));
    web.app.apply_prefs(web.prefs);
    web.app.apply_fragment(take_js_string(reinterpret_cast<char*>(EM_ASM_INT({ return stringToNewUTF8(location.hash); }))));
    web.fragment = web.app.fragment();
    emscripten_set_main_loop_arg(frame, &web, 0, true);
    return 0;
}
