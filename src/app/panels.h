// The page's panels. Each is handed the model and the state every frame (imgui_club style):
// it draws, records what it showed in AppState, and never owns data.
#pragma once

#include "app/app_state.h"
#include "app/dossier.h"
#include "app/theme.h"

namespace vigie::app {

void draw_documents(const Dossier& dossier, AppState& state, const Theme& theme);  // the article list
void draw_reader(const Dossier& dossier, AppState& state, const Theme& theme);     // the open article

}  // namespace vigie::app
