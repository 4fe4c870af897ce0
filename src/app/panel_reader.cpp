// The reader: the open article set as a readable column (~70 characters a line), headline,
// outlet and date above the text.
#include <imgui.h>

#include <algorithm>

#include "app/panels.h"

namespace vigie::app {

void draw_reader(const Dossier& dossier, AppState& state, const Theme& theme) {
    const float avail = ImGui::GetWindowContentRegionMax().x;
    if (state.selected < 0 || state.selected >= static_cast<int>(dossier.corpus.documents.size())) {
        const char* hint = "Choisissez un article dans la liste pour le lire.";
        ImGui::PushFont(theme.body_italic);
        const ImVec2 size = ImGui::CalcTextSize(hint);
        ImGui::SetCursorPos(ImVec2(std::max(theme.px(24), (avail - size.x) / 2), theme.px(80)));
        ImGui::PushStyleColor(ImGuiCol_Text, theme.text_muted);
        ImGui::TextUnformatted(hint);
        ImGui::PopStyleColor();
        ImGui::PopFont();
        return;
    }
    if (state.reader_to_top) {
        ImGui::SetScrollY(0);
        state.reader_to_top = false;
    }
    const corpus::Document& doc = dossier.corpus.documents[static_cast<std::size_t>(state.selected)];
    const DocumentView& view = dossier.views[static_cast<std::size_t>(state.selected)];

    ImGui::PushFont(theme.body);
    const float measure = ImGui::CalcTextSize("n").x * 68;  // a comfortable line length
    ImGui::PopFont();
    const float margin = theme.px(32);
    const float column = std::min(measure, avail - 2 * margin);
    const float left = std::max(margin, (avail - column) / 2);

    ImGui::SetCursorPos(ImVec2(left, theme.px(28)));
    ImGui::PushTextWrapPos(left + column);

    ImGui::PushStyleColor(ImGuiCol_Text, theme.text_muted);
    std::string meta = view.outlet.empty() ? std::string() : view.outlet;
    if (!view.date_fr.empty()) meta += (meta.empty() ? "" : "  ·  ") + view.date_fr;
    ImGui::TextUnformatted(meta.c_str());
    ImGui::PopStyleColor();

    ImGui::SetCursorPosX(left);
    ImGui::PushFont(theme.heading);
    ImGui::TextUnformatted(doc.title.c_str());
    ImGui::PopFont();

    ImGui::SetCursorPosX(left);
    ImGui::PushStyleColor(ImGuiCol_Text, theme.text_muted);
    ImGui::Text("%zu mots", view.tokens);
    ImGui::PopStyleColor();

    const ImVec2 rule_at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(rule_at.x + left, rule_at.y + theme.px(6)),
                                        ImVec2(rule_at.x + left + column, rule_at.y + theme.px(6)), theme.rule,
                                        theme.px(1));
    ImGui::Dummy(ImVec2(0, theme.px(14)));

    ImGui::PushFont(theme.body);
    for (const auto& [b, e] : view.paragraphs) {
        ImGui::SetCursorPosX(left);
        ImGui::TextUnformatted(doc.text.data() + b, doc.text.data() + e);
        ImGui::Dummy(ImVec2(0, theme.px(8)));
    }
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, theme.px(40)));
}

}  // namespace vigie::app
