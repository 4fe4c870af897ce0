// All mutable UI state in one place (DESIGN.md §1). Panels read the model and this, and change
// only this; the screen boxes they record feed the test hook. What a link must reproduce
// (query, filters, sort, open article, hit) round-trips through the URL fragment (url.h).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "app/strings.h"

namespace vigie::app {

struct ScreenBox {
    std::string id;                     // what is there: a document id, "facet:pays:BEL", "button:next-hit"
    float x = 0, y = 0, w = 0, h = 0;   // framebuffer pixels
};

// The filters chosen with the mouse (chips); the query may carry its own (pays:, année:, …).
struct Filters {
    std::vector<std::string> countries;  // ISO alpha-3
    int year_from = 0, year_to = 0;      // 0 = open
    std::vector<std::string> sources;    // outlet names as the index has them
    std::string operation;               // an operation id, or empty

    bool empty() const { return countries.empty() && !year_from && !year_to && sources.empty() && operation.empty(); }
    bool operator==(const Filters& o) const {
        return countries == o.countries && year_from == o.year_from && year_to == o.year_to && sources == o.sources &&
               operation == o.operation;
    }
};

enum class Sort { relevance, date };
enum class Tab { results, reader, filters, timeline };  // the one column of a narrow window
enum class ThemeChoice { system, light, dark };

// Sizes of the panes, remembered across visits (the page's local storage).
struct Layout {
    float filters_w = 230;    // CSS pixels
    float results_frac = 0.42f;  // of what the filters leave
    float timeline_h = 150;   // CSS pixels
};

struct AppState {
    // What a link reproduces.
    std::string query;
    Filters filters;
    Sort sort = Sort::relevance;
    int open = -1;            // the article in the reader, -1 for none
    int hit = -1;             // the current hit in the reader, 0-based, -1 for none

    // The rest of the session.
    int cursor = -1;          // the result row the keyboard is on
    Tab tab = Tab::results;
    bool narrow = false;              // one column with tabs (a phone)
    bool facet_open[2] = {false, false};  // countries, outlets: every value shown, not the first few
    Lang lang = Lang::fr;
    ThemeChoice theme = ThemeChoice::system;
    bool system_dark = false;
    Layout layout;
    std::pair<std::uint32_t, std::uint32_t> selection{0, 0};  // reader: selected bytes of the open text
    std::uint32_t selection_anchor = 0;
    bool selecting = false;
    std::string copied;               // the last text put on the clipboard
    double copied_at = -100;          // ImGui time, for the "copied" notice

    // One-frame requests.
    bool focus_search = true;
    bool reader_to_top = false;
    bool scroll_to_hit = false;
    bool scroll_to_cursor = false;
    bool results_to_top = false;

    // Timeline brush while dragging (years, fractional).
    bool brushing = false;
    float brush_from = 0, brush_to = 0;

    // Recorded while drawing, for the test hook (framebuffer pixels).
    std::vector<ScreenBox> rows, boxes;
    std::vector<std::string> visible_hits;
};

}  // namespace vigie::app
