// The browser glue: main(), the GLFW window on the page's canvas, device-pixel-ratio aware
// sizing, the frame loop, and the test hook window.vigie (DESIGN.md §4.5). The only file of the
// app that knows about Emscripten; CMake picks it for the web build.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cmath>
#include <string>

#include "app/app.h"

namespace {

struct Web {
    GLFWwindow* window = nullptr;
    vigie::app::App app;
    float dpr = 0;            // device pixel ratio the fonts are built for
    bool announced = false;   // window.vigie.ready set
};
Web* g_web = nullptr;  // the one page; the test hook reaches it from JS

constexpr const char* kFonts = "/data/fonts";
constexpr const char* kDossier = "/data/corpus";

void fail(const std::string& message) {
    EM_ASM({ if (window.vigieFail) window.vigieFail(UTF8ToString($0)); }, message.c_str());
}

// Keeps the canvas backing store at CSS size × devicePixelRatio, so text is crisp on HiDPI
// screens, and rebuilds fonts when the ratio changes (a window dragged to another screen, zoom).
void fit_canvas(Web& web) {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    const int w = static_cast<int>(std::lround(css_w * dpr)), h = static_cast<int>(std::lround(css_h * dpr));
    int cur_w = 0, cur_h = 0;
    glfwGetWindowSize(web.window, &cur_w, &cur_h);
    // Not glfwSetWindowSize: Emscripten's version requests fullscreen whenever the size equals
    // the screen's (a maximised or F11 window), which browsers refuse without a user gesture.
    // Browser.setCanvasSize is what it calls otherwise, and it notifies GLFW of the new size.
    if (w > 0 && h > 0 && (w != cur_w || h != cur_h)) EM_ASM({ Browser.setCanvasSize($0, $1); }, w, h);
    if (dpr != web.dpr) {
        web.dpr = dpr;
        if (web.app.set_scale(dpr, kFonts)) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    }
}

void frame(void* arg) {
    Web& web = *static_cast<Web*>(arg);
    fit_canvas(web);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    web.app.frame(size.x, size.y);
    ImGui::Render();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(web.window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(0.984f, 0.980f, 0.969f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!web.announced) {
        web.announced = true;
        if (web.app.has_dossier()) EM_ASM({ if (window.vigie) window.vigie.ready = true; });
        else fail(web.app.error());
    }
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE const char* vigie_state_json() {
    static std::string json;
    json = g_web ? g_web->app.state_json() : "{}";
    return json.c_str();
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
    io.IniFilename = nullptr;  // layout persistence goes through the page's storage, not a file
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(web.window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");

    web.app.load(kDossier);
    emscripten_set_main_loop_arg(frame, &web, 0, true);
    return 0;
}
