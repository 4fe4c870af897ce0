// [SECTION] Index
//  - Lifecycle: load, fonts, theme
//  - Results: the search behind the panels
//  - Frame: header and search field, panes and splitters (wide) or tabs (narrow), keyboard
//  - Links and preferences: URL fragment, local storage
//  - Test hook
#include "app/app.h"

#include <imgui.h>
#include <imgui_internal.h>  // RenderTextEllipsis, ClearActiveID
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "app/url.h"

namespace vigie::app {

constexpr double kNoticeSeconds = 8;  // how long the import notice stays

// [SECTION] Lifecycle ---------------------------------------------------------------------------

void App::load(const std::string& dossier_path, const std::string& strings_path, const std::string& map_path) {
    auto strings = Strings::load(strings_path);
    if (!strings) { error_ = strings.error().message; return; }
    strings_ = std::move(strings).value();
    map_path_ = map_path;
    auto loaded = Dossier::load(dossier_path, map_path);
    if (!loaded) { error_ = loaded.error().message; return; }
    dossier_ = std::move(loaded).value();
    name_untitled();
}

void App::name_untitled() {
    if (dossier_->corpus.title.empty() || dossier_->corpus.title.front() == '/')
        dossier_->corpus.title = strings_->get(state_.lang, "import.title");
}

void App::import_dir(const std::string& dir) {
    if (!strings_) return;
    auto loaded = Dossier::load(dir, map_path_);
    if (!loaded) {
        state_.notice = strings_->get(state_.lang, "import.failed", {{"a", loaded.error().message}});
    } else if (loaded.value()->corpus.documents.empty()) {
        state_.notice = strings_->get(state_.lang, "import.empty");
    } else {
        dossier_ = std::move(loaded).value();
        name_untitled();
        const std::size_t n = dossier_->corpus.documents.size(), skipped = dossier_->corpus.warnings.size();
        state_.notice = strings_->get(state_.lang, skipped ? "import.done.warnings" : "import.done",
                                      {{"n", std::to_string(n)}, {"w", std::to_string(skipped)}});
        // A new dossier: a fresh view of it (the query stays, it may well apply).
        state_.filters = {};
        state_.open = state_.hit = -1;
        state_.map_view = {};
        state_.map_framed_for.clear();
        state_.selection = {0, 0};
        results_ = {};
    }
    state_.notice_at = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0;
}

bool App::set_scale(float dpr, const char* font_dir) {
    if (!build_fonts(theme_, dpr, font_dir)) {
        error_ = std::string("fonts missing in ") + font_dir;
        return false;
    }
    apply_style(theme_, state_.theme == ThemeChoice::dark || (state_.theme == ThemeChoice::system && state_.system_dark));
    return true;
}

void App::set_system_dark(bool dark) {
    state_.system_dark = dark;
    const bool want = state_.theme == ThemeChoice::dark || (state_.theme == ThemeChoice::system && dark);
    if (want != theme_.dark && theme_.ui) apply_style(theme_, want);
}

bool App::animating() const {  // the "copied" label and the import notice go away by themselves
    return settle_ > 0 || ImGui::GetTime() - state_.copied_at < 2.5 || ImGui::GetTime() - state_.notice_at < kNoticeSeconds;
}

std::string App::signature() const {
    return fragment() + '|' + std::to_string(static_cast<int>(state_.tab)) + std::to_string(theme_.dark) + prefs() +  // prefs: layout, language
           std::to_string(state_.facet_open[0]) + std::to_string(state_.facet_open[1]) + std::to_string(static_cast<int>(state_.map_mode));
}

// [SECTION] Results -----------------------------------------------------------------------------

void App::refresh_results() {
    Results& r = results_;
    const bool changed = !r.valid || r.query != state_.query || !(r.filters == state_.filters) || r.sort != state_.sort;
    if (changed) {
        index::SearchOptions o;
        o.limit = 10000;  // the list is virtualised; snippets are made for the rows on screen
        o.typing = true;
        o.snippets = false;
        o.newest_first = state_.sort == Sort::date;
        o.filters.countries = state_.filters.countries;
        o.filters.sources = state_.filters.sources;
        o.filters.year_from = state_.filters.year_from;
        o.filters.year_to = state_.filters.year_to;
        const int op = dossier_->find_operation(state_.filters.operation);
        if (op >= 0) o.only = &dossier_->operations[static_cast<std::size_t>(op)].docs;
        const auto t0 = std::chrono::steady_clock::now();
        r.found = dossier_->searcher().search(state_.query, o);
        r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        r.query = state_.query;
        r.filters = state_.filters;
        r.sort = state_.sort;
        r.valid = true;
        r.passages.clear();
        r.row_fits.clear();
        r.operation_counts.assign(dossier_->operations.size(), 0);
        for (const index::Hit& h : r.found.hits)
            for (std::size_t k : dossier_->views[h.doc].operations) ++r.operation_counts[k];
        state_.cursor = r.found.hits.empty() ? -1 : 0;
        state_.results_to_top = true;
    }
    if (r.reader_doc != state_.open || r.reader_query != state_.query || changed) {
        r.reader_doc = state_.open;
        r.reader_query = state_.query;
        r.reader_hits.clear();
        if (state_.open >= 0) {
            // Words matched next to each other ("parquet fédéral") are one hit to step to.
            const std::string& text = dossier_->corpus.documents[static_cast<std::size_t>(state_.open)].text;
            for (auto [b, e] : dossier_->searcher().highlights(state_.query, static_cast<std::uint32_t>(state_.open), true)) {
                const bool joins = !r.reader_hits.empty() && b >= r.reader_hits.back().second &&
                                   text.find_first_not_of(" \u00A0'", r.reader_hits.back().second) >= b;
                if (joins) r.reader_hits.back().second = e;
                else r.reader_hits.emplace_back(b, e);
            }
        }
        const int n = static_cast<int>(r.reader_hits.size());
        state_.hit = n == 0 ? -1 : std::clamp(state_.hit, 0, n - 1);
    }
}

// [SECTION] Frame -------------------------------------------------------------------------------

namespace {

// A draggable bar between two panes; returns how far it moved this frame (framebuffer pixels).
float splitter(const char* id, ImVec2 pos, ImVec2 size, bool vertical, const Theme& t, AppState& st) {
    ImGui::SetCursorScreenPos(pos);
    ImGui::InvisibleButton(id, size);
    st.boxes.push_back({id, pos.x, pos.y, size.x, size.y});
    const bool active = ImGui::IsItemActive(), hovered = ImGui::IsItemHovered();
    if (hovered || active) ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 col = active || hovered ? t.c.accent : t.c.rule;
    if (vertical) dl->AddLine(ImVec2(pos.x + size.x / 2, pos.y), ImVec2(pos.x + size.x / 2, pos.y + size.y), col, t.px(active || hovered ? 2 : 1));
    else dl->AddLine(ImVec2(pos.x, pos.y + size.y / 2), ImVec2(pos.x + size.x, pos.y + size.y / 2), col, t.px(active || hovered ? 2 : 1));
    if (!active) return 0;
    return vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
}

// A square icon button drawn by hand (the fonts carry text, not icons), with its tooltip.
bool icon_button(Ui& ui, const char* id, ImVec2 pos, float size, const std::string& tip, void (*draw)(ImDrawList*, ImVec2, float, ImU32)) {
    ImGui::SetCursorScreenPos(pos);
    const bool pressed = ImGui::InvisibleButton(id, ImVec2(size, size));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (hovered) dl->AddRectFilled(pos, ImVec2(pos.x + size, pos.y + size), IM_COL32(255, 255, 255, 30), ui.theme.px(6));
    draw(dl, ImVec2(pos.x + size / 2, pos.y + size / 2), size, ui.theme.c.header_text);
    ui.tooltip(tip);
    ui.box(std::string("button:") + id, pos, ImVec2(pos.x + size, pos.y + size));
    return pressed;
}

void draw_theme_icon(ImDrawList* dl, ImVec2 c, float size, ImU32 col) {  // a half-filled disc
    const float r = size * 0.26f;
    dl->AddCircle(c, r, col, 24, size * 0.06f);
    dl->PathArcTo(c, r, -IM_PI / 2, IM_PI / 2, 16);
    dl->PathFillConvex(col);
}

void draw_import_icon(ImDrawList* dl, ImVec2 c, float size, ImU32 col) {  // an arrow into a tray
    const float s = size * 0.22f, w = size * 0.06f;
    dl->AddLine(ImVec2(c.x, c.y - s), ImVec2(c.x, c.y + s * 0.35f), col, w);
    dl->AddLine(ImVec2(c.x - s * 0.45f, c.y - s * 0.1f), ImVec2(c.x, c.y + s * 0.4f), col, w);
    dl->AddLine(ImVec2(c.x + s * 0.45f, c.y - s * 0.1f), ImVec2(c.x, c.y + s * 0.4f), col, w);
    const ImVec2 tray[4] = {{c.x - s, c.y + s * 0.2f}, {c.x - s, c.y + s}, {c.x + s, c.y + s}, {c.x + s, c.y + s * 0.2f}};
    dl->AddPolyline(tray, 4, col, 0, w);
}

}  // namespace

float App::draw_header(Ui& ui, float width) {
    const Theme& t = theme_;
    const float height = t.px(56);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(width, height), t.c.header);
    const bool narrow = width < t.px(800);
    ImGui::PushFont(t.heading);
    const float brand_w = ImGui::CalcTextSize("Vigie").x;
    dl->AddText(ImVec2(t.px(narrow ? 14 : 20), (height - ImGui::GetFontSize()) / 2), t.c.header_text, "Vigie");
    ImGui::PopFont();

    // Right: language and theme.
    const float button = t.px(34);
    float right = width - t.px(narrow ? 8 : 14) - button;
    if (icon_button(ui, "theme", ImVec2(right, (height - button) / 2), button,
                    ui.tr(theme_.dark ? "theme.tooltip.light" : "theme.tooltip.dark"), draw_theme_icon)) {
        state_.theme = theme_.dark ? ThemeChoice::light : ThemeChoice::dark;
        apply_style(theme_, !theme_.dark);
    }
    right -= button + t.px(4);
    // The platform opens its file picker from the click event itself (screen_box("button:import")):
    // browsers open one only within the user's gesture, and a frame may come too late.
    icon_button(ui, "import", ImVec2(right, (height - button) / 2), button, ui.tr("import.tooltip"), draw_import_icon);
    right -= button + t.px(4);
    {
        ImGui::SetCursorScreenPos(ImVec2(right, (height - button) / 2));
        const bool pressed = ImGui::InvisibleButton("lang", ImVec2(button, button));
        if (ImGui::IsItemHovered()) dl->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), IM_COL32(255, 255, 255, 30), t.px(6));
        ImGui::PushFont(t.ui_bold);
        const std::string& label = ui.tr("lang.toggle");
        const ImVec2 ls = ImGui::CalcTextSize(label.c_str());
        dl->AddText(ImVec2(right + (button - ls.x) / 2, (height - ls.y) / 2), t.c.header_text, label.c_str());
        ImGui::PopFont();
        ui.tooltip(ui.tr("lang.tooltip"));
        ui.box("button:lang", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (pressed) {
            state_.lang = state_.lang == Lang::fr ? Lang::en : Lang::fr;
        }
    }

    // The search field takes the middle.
    const float x0 = t.px(narrow ? 24 : 44) + brand_w;
    const float x1 = right - t.px(narrow ? 8 : 16);
    const float field_h = t.px(38);
    const float field_w = std::min(x1 - x0, t.px(720));
    ImGui::SetCursorScreenPos(ImVec2(x0, (height - field_h) / 2));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(t.px(14), (field_h - ImGui::GetFontSize()) / 2));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, field_h / 2);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, t.c.field);
    ImGui::PushStyleColor(ImGuiCol_Text, t.c.field_text);
    ImGui::SetNextItemWidth(field_w);
    if (state_.focus_search) {
        ImGui::SetKeyboardFocusHere();
        state_.focus_search = false;
    }
    // Text typed waits for a frame with no key press and no Ctrl held: ImGui applies characters
    // before keys within a frame (so "Ctrl+A then type" arriving together would select what was
    // just typed), and ignores characters while Ctrl is down (a paste lands before Ctrl is up).
    const ImGuiIO& io = ImGui::GetIO();
    bool key_pressed = io.KeyCtrl || io.KeySuper;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) key_pressed |= ImGui::IsKeyPressed(ImGui::GetKeyIndex(k), false);
    if (search_active_ && !pending_text_.empty() && !key_pressed) {
        ImGui::GetIO().AddInputCharactersUTF8(pending_text_.c_str());
        pending_text_.clear();
    }
    const bool escape = search_active_ && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
    const bool enter = search_active_ && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)));
    ImGui::InputTextWithHint("##search", ui.tr("search.hint").c_str(), &state_.query);
    search_active_ = ImGui::IsItemActive();
    ui.box("search", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar(2);
    if (escape) {  // Esc clears and keeps the field ready for the next query
        state_.query.clear();
        state_.focus_search = true;
    }
    if (enter && state_.cursor >= 0 && state_.cursor < static_cast<int>(results_.found.hits.size())) {
        ui.open(static_cast<int>(results_.found.hits[static_cast<std::size_t>(state_.cursor)].doc));
        ImGui::ClearActiveID();
        search_active_ = false;
    }
    if (!state_.query.empty()) {  // a clear button inside the field's right end
        const float s = field_h - t.px(12);
        const ImVec2 p(x0 + field_w - s - t.px(6), (height - s) / 2);
        ImGui::SetCursorScreenPos(p);
        if (ImGui::InvisibleButton("clear", ImVec2(s, s))) {
            state_.query.clear();
            state_.focus_search = true;
        }
        const bool hovered = ImGui::IsItemHovered();
        ImGui::PushFont(t.ui);
        const ImVec2 xs = ImGui::CalcTextSize("\u00D7");
        dl->AddText(ImVec2(p.x + (s - xs.x) / 2, p.y + (s - xs.y) / 2), hovered ? t.c.accent : t.c.muted, "\u00D7");
        ImGui::PopFont();
        ui.tooltip(ui.tr("search.clear"));
        ui.box("button:clear", p, ImVec2(p.x + s, p.y + s));
    }
    return height;
}

void App::draw_tabs(Ui& ui, float width, float y) {
    const Theme& t = theme_;
    const float h = t.px(42);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, y), ImVec2(width, y + h), t.c.panel);
    dl->AddLine(ImVec2(0, y + h - 1), ImVec2(width, y + h - 1), t.c.rule);
    const std::pair<Tab, const char*> tabs[] = {{Tab::results, "tab.results"}, {Tab::reader, "tab.reader"},
                                                {Tab::map, "tab.map"}, {Tab::filters, "tab.filters"},
                                                {Tab::timeline, "tab.timeline"}};
    const float w = width / 5;
    for (int i = 0; i < 5; ++i) {
        const ImVec2 p(w * static_cast<float>(i), y);
        ImGui::SetCursorScreenPos(p);
        ImGui::PushID(i);
        if (ImGui::InvisibleButton("tab", ImVec2(w, h))) state_.tab = tabs[i].first;
        ImGui::PopID();
        const bool on = state_.tab == tabs[i].first;
        std::string label = ui.tr(tabs[i].second);
        if (tabs[i].first == Tab::results) label += " " + std::to_string(results_.found.total);
        ImGui::PushFont(on ? t.ui_bold : t.ui);
        const ImVec2 ls = ImGui::CalcTextSize(label.c_str());
        dl->AddText(ImVec2(p.x + (w - ls.x) / 2, y + (h - ls.y) / 2), on ? t.c.accent : t.c.muted, label.c_str());
        ImGui::PopFont();
        if (on) dl->AddRectFilled(ImVec2(p.x + t.px(10), y + h - t.px(3)), ImVec2(p.x + w - t.px(10), y + h), t.c.accent);
        ui.box(std::string("tab:") + (tabs[i].second + std::string_view("tab.").size()), p, ImVec2(p.x + w, y + h));
    }
}

void App::keyboard(Ui& ui) {
    ImGuiIO& io = ImGui::GetIO();
    const auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
    const bool other_input = ImGui::GetActiveID() != 0 && !search_active_;
    // Ctrl+K or Ctrl+F: to the search field ('/' and letters typed elsewhere come through type()).
    if (io.KeyCtrl && ((keys.k >= 0 && ImGui::IsKeyPressed(keys.k)) || (keys.f >= 0 && ImGui::IsKeyPressed(keys.f))))
        state_.focus_search = true;
    if (!search_active_ && !other_input && pressed(ImGuiKey_Escape)) state_.focus_search = true;

    // Results: ↑/↓ move the cursor (also while typing), Enter opens (handled by the field when it has focus).
    const int n = static_cast<int>(results_.found.hits.size());
    if (!other_input && n > 0) {
        int move = 0;
        if (pressed(ImGuiKey_DownArrow)) move = 1;
        if (pressed(ImGuiKey_UpArrow)) move = -1;
        if (pressed(ImGuiKey_PageDown)) move = 8;
        if (pressed(ImGuiKey_PageUp)) move = -8;
        if (move) {
            state_.cursor = std::clamp(state_.cursor + move, 0, n - 1);
            state_.scroll_to_cursor = true;
        }
    }
    // Reader: Enter / Shift+Enter, F3 / Shift+F3 step through the hits.
    const int hits = static_cast<int>(results_.reader_hits.size());
    if (!search_active_ && !other_input && state_.open >= 0 && hits > 0) {
        int step = 0;
        if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) step = io.KeyShift ? -1 : 1;
        if (keys.f3 >= 0 && ImGui::IsKeyPressed(keys.f3)) step = io.KeyShift ? -1 : 1;
        if (step) ui.step_hit(step);
    }
    // Ctrl+C copies the reader's selection.
    if (!search_active_ && !other_input && io.KeyCtrl && pressed(ImGuiKey_C) && state_.open >= 0 &&
        state_.selection.second > state_.selection.first) {
        const std::string& text = dossier_->corpus.documents[static_cast<std::size_t>(state_.open)].text;
        ui.copy(text.substr(state_.selection.first, state_.selection.second - state_.selection.first));
    }
}

void App::frame(float width, float height) {
    const StopWatch timer(frame_ms_);  // the frame's CPU time, whichever way it returns
    ++frames;
    state_.rows.clear();
    state_.row_marks.clear();
    state_.boxes.clear();
    state_.visible_hits.clear();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    ImGui::Begin("Vigie", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    const Theme& t = theme_;

    if (!dossier_ || !strings_) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(ImVec2(0, 0), ImVec2(width, t.px(56)), t.c.header);
        ImGui::SetCursorPos(ImVec2(t.px(32), t.px(88)));
        ImGui::PushTextWrapPos(width - t.px(32));
        ImGui::PushFont(t.ui_bold);
        ImGui::TextUnformatted(strings_ ? strings_->get(state_.lang, "error.title").c_str() : "Le dossier n’a pas pu être ouvert.");
        ImGui::PopFont();
        ImGui::SetCursorPosX(t.px(32));
        ImGui::TextUnformatted(error_.c_str());
        ImGui::PopTextWrapPos();
        ImGui::End();
        return;
    }

    refresh_results();
    const std::string before = signature();
    Ui ui{*dossier_, state_, theme_, *strings_, results_};
    keyboard(ui);
    const float top = draw_header(ui, width);
    refresh_results();  // the field may have changed the query: the panels draw what it finds now

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool narrow = width < t.px(800);
    state_.narrow = narrow;
    auto pane = [&](const char* id, ImVec2 pos, ImVec2 size, ImU32 bg, void (*draw)(Ui&)) {
        if (size.x < 1 || size.y < 1) return;
        dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), bg);
        ImGui::SetCursorScreenPos(pos);
        ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoSavedSettings);
        draw(ui);
        ImGui::EndChild();
    };

    if (narrow) {
        draw_tabs(ui, width, top);
        const float y = top + t.px(42);
        const ImVec2 pos(0, y), size(width, height - y);
        switch (state_.tab) {
            case Tab::results: pane("results", pos, size, t.c.page, draw_results); break;
            case Tab::reader: pane("reader", pos, size, t.c.page, draw_reader); break;
            case Tab::filters: pane("filters", pos, size, t.c.panel, draw_filters); break;
            case Tab::timeline: pane("timeline", pos, size, t.c.panel, draw_timeline); break;
            case Tab::map: pane("map", pos, size, t.c.panel, draw_map); break;
        }
    } else {
        Layout& L = state_.layout;
        const float bar = t.px(7);
        const float band_h = std::clamp(t.px(L.timeline_h), t.px(120), std::max(t.px(120), (height - top) * 0.6f));
        const float main_h = height - top - band_h - bar;
        const float filters_w = std::clamp(t.px(L.filters_w), t.px(170), width * 0.3f);
        const float rest = width - filters_w - 2 * bar;
        const float results_w = std::floor(std::clamp(L.results_frac, 0.25f, 0.7f) * rest);
        const float reader_x = filters_w + bar + results_w + bar;
        const float band_y = top + main_h + bar;
        const float map_w = std::floor(std::clamp(L.map_frac, 0.25f, 0.8f) * (width - bar));

        pane("filters", ImVec2(0, top), ImVec2(filters_w, main_h), t.c.panel, draw_filters);
        pane("results", ImVec2(filters_w + bar, top), ImVec2(results_w, main_h), t.c.page, draw_results);
        pane("reader", ImVec2(reader_x, top), ImVec2(width - reader_x, main_h), t.c.page, draw_reader);
        pane("map", ImVec2(0, band_y), ImVec2(map_w, band_h), t.c.panel, draw_map);
        pane("timeline", ImVec2(map_w + bar, band_y), ImVec2(width - map_w - bar, band_h), t.c.panel, draw_timeline);

        if (float d = splitter("split-filters", ImVec2(filters_w, top), ImVec2(bar, main_h), true, t, state_))
            L.filters_w = std::clamp(L.filters_w + d / t.scale, 170.0f, width * 0.3f / t.scale);
        if (float d = splitter("split-results", ImVec2(filters_w + bar + results_w, top), ImVec2(bar, main_h), true, t, state_))
            L.results_frac = std::clamp(L.results_frac + d / rest, 0.25f, 0.7f);
        if (float d = splitter("split-timeline", ImVec2(0, top + main_h), ImVec2(width, bar), false, t, state_))
            L.timeline_h = std::clamp(L.timeline_h - d / t.scale, 120.0f, (height - top) * 0.6f / t.scale);
        if (float d = splitter("split-map", ImVec2(map_w, band_y), ImVec2(bar, band_h), true, t, state_))
            L.map_frac = std::clamp(L.map_frac + d / (width - bar), 0.25f, 0.8f);
    }
    if (!state_.notice.empty() && ImGui::GetTime() - state_.notice_at < kNoticeSeconds) {  // the import's outcome
        ImDrawList* fg = ImGui::GetForegroundDrawList();
        ImGui::PushFont(t.ui);
        const float wrap = std::min(width - t.px(40), t.px(560));
        const ImVec2 ts = ImGui::CalcTextSize(state_.notice.c_str(), nullptr, false, wrap);
        const ImVec2 p((width - ts.x) / 2, height - ts.y - t.px(40));
        fg->AddRectFilled(ImVec2(p.x - t.px(14), p.y - t.px(10)), ImVec2(p.x + ts.x + t.px(14), p.y + ts.y + t.px(10)),
                          IM_COL32(0x1E, 0x2A, 0x3A, 0xF0), t.px(8));
        fg->AddText(t.ui, t.ui->FontSize, p, IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), state_.notice.c_str(), nullptr, wrap);
        ImGui::PopFont();
    }
    ImGui::End();
    refresh_results();  // a click may have changed the filters: what the test hook reports stays consistent
    // ImGui sizes and scrolls windows from the previous frame's content: after a change, a few
    // more frames let the layout settle before the page goes idle.
    if (signature() != before) settle_ = 3;
    else if (settle_ > 0) --settle_;
}

// [SECTION] Links and preferences ---------------------------------------------------------------

std::string App::fragment() const {
    View v;
    v.query = state_.query;
    v.filters = state_.filters;
    v.sort = state_.sort;
    if (dossier_ && state_.open >= 0) {
        v.doc = dossier_->corpus.documents[static_cast<std::size_t>(state_.open)].id;
        v.hit = state_.hit;
    }
    return to_fragment(v);
}

void App::apply_fragment(std::string_view f) {
    if (!dossier_) return;
    const View v = from_fragment(f);
    state_.focus_search = v.doc.empty();  // a link to an article opens it to read, not to type
    state_.query = v.query;
    state_.filters = v.filters;
    state_.sort = v.sort;
    const int doc = dossier_->find_document(v.doc);
    if (doc != state_.open) state_.reader_to_top = true;
    state_.open = doc;
    state_.hit = v.hit;
    state_.scroll_to_hit = v.hit >= 0;
    state_.selection = {0, 0};
    if (doc >= 0 && ImGui::GetCurrentContext() && ImGui::GetIO().DisplaySize.x < theme_.px(800)) state_.tab = Tab::reader;
    refresh_results();
    // The cursor on the open article, when the list has it.
    for (std::size_t i = 0; i < results_.found.hits.size(); ++i)
        if (static_cast<int>(results_.found.hits[i].doc) == doc) state_.cursor = static_cast<int>(i);
}

std::string App::prefs() const {
    const Layout& L = state_.layout;
    nlohmann::json j = {{"filters_w", L.filters_w}, {"results_frac", L.results_frac}, {"timeline_h", L.timeline_h},
                        {"map_frac", L.map_frac},
                        {"lang", state_.lang == Lang::fr ? "fr" : "en"},
                        {"theme", state_.theme == ThemeChoice::system ? "system" : state_.theme == ThemeChoice::dark ? "dark" : "light"}};
    return j.dump();
}

void App::apply_prefs(std::string_view text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return;
    auto number = [&](const char* k, float& out) { if (j.contains(k) && j[k].is_number()) out = j[k].get<float>(); };
    number("filters_w", state_.layout.filters_w);
    number("results_frac", state_.layout.results_frac);
    number("timeline_h", state_.layout.timeline_h);
    number("map_frac", state_.layout.map_frac);
    if (j.contains("lang") && j["lang"].is_string()) state_.lang = j["lang"] == "en" ? Lang::en : Lang::fr;
    if (j.contains("theme") && j["theme"].is_string())
        state_.theme = j["theme"] == "dark" ? ThemeChoice::dark : j["theme"] == "light" ? ThemeChoice::light : ThemeChoice::system;
    set_system_dark(state_.system_dark);
}

void App::type(std::string_view text) {
    std::string clean;
    for (char c : text) clean += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;  // one line
    pending_text_ += clean;
    if (!search_active_) state_.focus_search = true;
}

ScreenBox App::screen_box(std::string_view id) const {
    const float s = theme_.scale > 0 ? theme_.scale : 1.0f;
    for (const ScreenBox& b : state_.boxes)
        if (b.id == id) return {b.id, b.x / s, b.y / s, b.w / s, b.h / s};
    return {};
}

// [SECTION] Test hook ---------------------------------------------------------------------------

std::string App::state_json() const {
    using nlohmann::json;
    const float s = theme_.scale > 0 ? theme_.scale : 1.0f;
    auto box = [&](const ScreenBox& b) { return json{{"x", b.x / s}, {"y", b.y / s}, {"w", b.w / s}, {"h", b.h / s}}; };
    json out = {{"error", error_.empty() ? json(nullptr) : json(error_)}, {"dpr", s}, {"frames", frames}, {"frame_ms", frame_ms_}};
    if (!dossier_) return out.dump();
    const auto& docs = dossier_->corpus.documents;
    json rows = json::object(), boxes = json::object(), filters = json::array(), messages = json::array(), map = json::object();
    for (std::size_t i = 0; i < state_.map_boxes.size(); ++i) {
        json b = box(state_.map_boxes[i]);
        b["count"] = state_.map_counts[i];
        b["role"] = state_.map_roles[i].empty() ? json(nullptr) : json(state_.map_roles[i]);
        b["px"] = state_.map_points[i].x / s;  // a point inside the country, to click
        b["py"] = state_.map_points[i].y / s;
        map[state_.map_boxes[i].id] = b;
    }
    for (std::size_t i = 0; i < state_.rows.size(); ++i) {
        rows[state_.rows[i].id] = box(state_.rows[i]);
        rows[state_.rows[i].id]["marks"] = state_.row_marks[i];
    }
    for (const ScreenBox& b : state_.boxes) boxes[b.id] = box(b);
    for (const auto& c : state_.filters.countries) filters.push_back("pays:" + c);
    if (state_.filters.year_from || state_.filters.year_to)
        filters.push_back("annee:" + std::to_string(state_.filters.year_from) + ".." + std::to_string(state_.filters.year_to));
    for (const auto& src : state_.filters.sources) filters.push_back("source:" + src);
    if (!state_.filters.operation.empty()) filters.push_back("op:" + state_.filters.operation);
    for (const auto& m : results_.found.messages) messages.push_back(m.text(engine_language(state_.lang)));
    json all = json::array();
    for (std::size_t i = 0; i < results_.found.hits.size() && i < 100; ++i) all.push_back(docs[results_.found.hits[i].doc].id);
    const json open = state_.open >= 0 ? json(docs[static_cast<std::size_t>(state_.open)].id) : json(nullptr);
    const int cursor = state_.cursor;
    out.update({
        {"query", state_.query},
        {"total", results_.found.total},
        {"took_ms", results_.took_ms},
        {"hits", state_.visible_hits},
        {"results", all},
        {"cursor", cursor >= 0 && cursor < static_cast<int>(results_.found.hits.size()) ? json(docs[results_.found.hits[static_cast<std::size_t>(cursor)].doc].id) : json(nullptr)},
        {"selected", open},
        {"filters", filters},
        {"sort", state_.sort == Sort::date ? "date" : "relevance"},
        {"messages", messages},
        {"reader", {{"doc", open}, {"hit", state_.hit >= 0 ? json(state_.hit + 1) : json(nullptr)}, {"hits", results_.reader_hits.size()},
                    {"scroll", state_.reader_scroll / s}}},
        {"map", map},
        {"map_ms", state_.map_ms},
        {"map_zoom", state_.map_view.zoom / s},
        {"map_mode", state_.map_mode == MapMode::participation ? "participation" : "mentions"},
        {"map_hover", state_.map_hover.empty() ? json(nullptr) : json(state_.map_hover)},
        {"rows", rows},
        {"boxes", boxes},
        {"clipboard", state_.copied},
        {"fragment", fragment()},
        {"narrow", ImGui::GetCurrentContext() && ImGui::GetIO().DisplaySize.x < theme_.px(800)},
        {"tab", state_.tab == Tab::results ? "results" : state_.tab == Tab::reader ? "reader" : state_.tab == Tab::filters ? "filters"
                : state_.tab == Tab::map ? "map" : "timeline"},
        {"lang", state_.lang == Lang::fr ? "fr" : "en"},
        {"dark", theme_.dark},
        {"search_focused", search_active_},
        {"notice", state_.notice},
        {"dossier", dossier_->corpus.title},
    });
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace vigie::app
