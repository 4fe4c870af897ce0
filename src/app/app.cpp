#include "app/app.h"

#include <imgui.h>
#include <imgui_internal.h>  // RenderTextEllipsis

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/panels.h"

namespace vigie::app {

// [SECTION] Lifecycle ---------------------------------------------------------------------------

void App::load(const std::string& dossier_path) {
    auto loaded = Dossier::load(dossier_path);
    if (loaded) dossier_ = std::move(loaded).value();
    else error_ = loaded.error().message;
}

bool App::set_scale(float dpr, const char* font_dir) {
    if (!build_theme(theme_, dpr, font_dir)) {
        error_ = std::string("fonts missing in ") + font_dir;
        return false;
    }
    return true;
}

// [SECTION] Frame -------------------------------------------------------------------------------

float App::draw_header(float width) {
    const Theme& t = theme_;
    const float height = t.px(52);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(width, height), IM_COL32(0x1E, 0x2A, 0x3A, 0xFF));
    ImGui::PushFont(t.heading);
    const float brand_y = (height - ImGui::GetFontSize()) / 2;
    dl->AddText(ImVec2(t.px(20), brand_y), IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), "Vigie");
    const float brand_w = ImGui::CalcTextSize("Vigie").x;
    ImGui::PopFont();
    if (dossier_) {
        ImGui::PushFont(t.ui);
        const std::string& title = dossier_->corpus.title;
        const float y = (height - ImGui::GetFontSize()) / 2;
        char count[64];
        std::snprintf(count, sizeof count, "%zu articles", dossier_->corpus.documents.size());
        const float cw = ImGui::CalcTextSize(count).x;
        const bool show_count = width > t.px(560);
        if (show_count) dl->AddText(ImVec2(width - cw - t.px(20), y), IM_COL32(0xB4, 0xBE, 0xCA, 0xFF), count);
        // The dossier's name takes what is left, cut with an ellipsis on narrow screens.
        const float x0 = t.px(36) + brand_w, x1 = width - t.px(20) - (show_count ? cw + t.px(24) : 0);
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0xD6, 0xDD, 0xE6, 0xFF));
        ImGui::RenderTextEllipsis(dl, ImVec2(x0, y), ImVec2(x1, height), x1, x1, title.c_str(), nullptr, nullptr);
        ImGui::PopStyleColor();
        ImGui::PopFont();
    }
    return height;
}

void App::frame(float width, float height) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    ImGui::Begin("Vigie", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    const float top = draw_header(width);
    const float body_h = height - top;
    const Theme& t = theme_;

    if (!dossier_) {
        ImGui::SetCursorPos(ImVec2(t.px(32), top + t.px(32)));
        ImGui::PushTextWrapPos(width - t.px(32));
        ImGui::PushFont(t.ui_bold);
        ImGui::TextUnformatted("Le dossier n’a pas pu être ouvert.");
        ImGui::PopFont();
        ImGui::SetCursorPosX(t.px(32));
        ImGui::TextUnformatted(error_.c_str());
        ImGui::PopTextWrapPos();
        ImGui::End();
        return;
    }

    // Wide: list | splitter | reader. Narrow (a phone): list above the reader.
    const bool narrow = width < t.px(720);
    const float splitter = t.px(6);
    ImVec2 list_size, reader_size;
    if (narrow) {
        list_size = ImVec2(width, std::floor(body_h * 0.4f));
        reader_size = ImVec2(width, body_h - list_size.y - splitter);
    } else {
        const float list_w = std::floor(std::clamp(state_.list_fraction, 0.2f, 0.6f) * width);
        list_size = ImVec2(list_w, body_h);
        reader_size = ImVec2(width - list_w - splitter, body_h);
    }

    ImGui::SetCursorPos(ImVec2(0, top));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0xF3, 0xF1, 0xEC, 0xFF));
    ImGui::BeginChild("documents", list_size);
    draw_documents(*dossier_, state_, theme_);
    ImGui::EndChild();
    ImGui::PopStyleColor();

    if (narrow) {
        ImGui::SetCursorPos(ImVec2(0, top + list_size.y));
        ImGui::GetWindowDrawList()->AddRectFilled(ImGui::GetCursorScreenPos(),
                                                  ImVec2(width, top + list_size.y + splitter), t.rule);
        ImGui::Dummy(ImVec2(width, splitter));
        ImGui::SetCursorPos(ImVec2(0, top + list_size.y + splitter));
    } else {
        ImGui::SetCursorPos(ImVec2(list_size.x, top));
        ImGui::InvisibleButton("splitter", ImVec2(splitter, body_h));
        const bool active = ImGui::IsItemActive();
        if (ImGui::IsItemHovered() || active) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
        if (active) state_.list_fraction += ImGui::GetIO().MouseDelta.x / width;
        const float x = list_size.x + splitter / 2;
        ImGui::GetWindowDrawList()->AddLine(ImVec2(x, top), ImVec2(x, height), active ? t.accent : t.rule, t.px(1));
        ImGui::SetCursorPos(ImVec2(list_size.x + splitter, top));
    }
    ImGui::BeginChild("reader", reader_size);
    draw_reader(*dossier_, state_, theme_);
    ImGui::EndChild();
    ImGui::End();
}

// [SECTION] Test hook ---------------------------------------------------------------------------

std::string App::state_json() const {
    using nlohmann::json;
    const float s = theme_.scale > 0 ? theme_.scale : 1.0f;
    json hits = json::array(), rows = json::object();
    std::string selected;
    if (dossier_) {
        for (const auto& d : dossier_->corpus.documents) hits.push_back(d.id);
        if (state_.selected >= 0) selected = dossier_->corpus.documents[static_cast<std::size_t>(state_.selected)].id;
    }
    for (const ScreenBox& b : state_.rows) rows[b.id] = {{"x", b.x / s}, {"y", b.y / s}, {"w", b.w / s}, {"h", b.h / s}};
    json out = {
        {"query", ""},
        {"total", hits.size()},
        {"hits", hits},
        {"selected", selected.empty() ? json(nullptr) : json(selected)},
        {"filters", json::array()},
        {"reader", {{"doc", selected.empty() ? json(nullptr) : json(selected)}, {"hit", nullptr}, {"hits", 0}}},
        {"map", json::object()},
        {"rows", rows},
        {"error", error_.empty() ? json(nullptr) : json(error_)},
        {"dpr", s},
    };
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace vigie::app
