// All mutable UI state in one place (DESIGN.md §1). Panels read the model and this, and change
// only this; the screen boxes they record feed the test hook.
#pragma once

#include <string>
#include <vector>

namespace vigie::app {

struct ScreenBox {
    std::string id;  // what is there (a document id)
    float x = 0, y = 0, w = 0, h = 0;  // framebuffer pixels
};

struct AppState {
    int selected = -1;             // index of the open document, -1 for none
    bool reader_to_top = false;    // scroll the reader up on the next frame (new document)
    float list_fraction = 0.36f;   // width of the document list, as a fraction of the window

    std::vector<ScreenBox> rows;   // visible document rows as last drawn
};

}  // namespace vigie::app
