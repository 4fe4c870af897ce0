// The list of the dossier's articles: date and outlet on one line, the headline below.
#include <imgui.h>

#include "app/panels.h"

namespace vigie::app {

void draw_documents(const Dossier& dossier, AppState& state, const Theme& theme) {
    const auto& docs = dossier.corpus.documents;
    const float pad = theme.px(16);
    ImGui::SetCursorPos(ImVec2(pad, theme.px(12)));
    ImGui::PushFont(theme.ui_bold);
    ImGui::TextUnformatted("Articles");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, theme.text_muted);
    ImGui::Text("%zu", docs.size());
    ImGui::PopStyleColor();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + theme.px(4));

    state.rows.clear();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float row_x = theme.px(8);
    const float width = ImGui::GetWindowContentRegionMax().x - row_x - theme.px(8);
    const float text_w = width - 2 * theme.px(10);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const corpus::Document& doc = docs[i];
        const DocumentView& view = dossier.views[i];
        ImGui::PushFont(theme.ui_bold);
        const ImVec2 title_size = ImGui::CalcTextSize(doc.title.c_str(), nullptr, false, text_w);
        ImGui::PopFont();
        const float line = ImGui::GetFontSize();
        const float height = theme.px(10) + line + theme.px(4) + title_size.y + theme.px(12);

        ImGui::SetCursorPosX(row_x);
        ImGui::PushID(static_cast<int>(i));
        const ImVec2 top_left = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##doc", state.selected == static_cast<int>(i), 0, ImVec2(width, height)) &&
            state.selected != static_cast<int>(i)) {
            state.selected = static_cast<int>(i);
            state.reader_to_top = true;
        }
        if (ImGui::IsItemVisible())
            state.rows.push_back({doc.id, top_left.x, top_left.y, width, height});
        if (state.selected == static_cast<int>(i))
            dl->AddRectFilled(top_left, ImVec2(top_left.x + theme.px(3), top_left.y + height), theme.accent);
        ImGui::PopID();

        const ImVec2 text_pos(top_left.x + theme.px(10), top_left.y + theme.px(10));
        std::string meta = view.date_fr;
        if (!view.outlet.empty()) meta += (meta.empty() ? "" : "  ·  ") + view.outlet;
        dl->AddText(text_pos, theme.text_muted, meta.c_str());
        dl->AddText(theme.ui_bold, theme.ui_bold->FontSize, ImVec2(text_pos.x, text_pos.y + line + theme.px(4)),
                    ImGui::GetColorU32(ImGuiCol_Text), doc.title.c_str(), nullptr, text_w);
        dl->AddLine(ImVec2(top_left.x + theme.px(10), top_left.y + height + theme.px(2)),
                    ImVec2(top_left.x + width - theme.px(10), top_left.y + height + theme.px(2)), theme.rule);
    }
    ImGui::Dummy(ImVec2(0, theme.px(12)));
}

}  // namespace vigie::app
