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

struct ScreenPoint { float x = 0, y = 0; };  // framebuffer pixels (ImVec2 without ImGui's header)

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
enum class Tab { results, reader, filters, timeline, map };  // the one column of a narrow window
enum class MapMode { participation, mentions };  // roles in the operations, or documents naming each country
enum class ThemeChoice { system, light, dark };

// Sizes of the panes, remembered across visits (the page's local storage).
struct Layout {
    float filters_w = 230;    // CSS pixels
    float results_frac = 0.42f;  // of what the filters leave
    float timeline_h = 250;   // CSS pixels: the band with the map and the timeline
    float map_frac = 0.5f;    // of that band's width
};

// The map's view: the world point at the pane's centre and the scale; zoom 0 = frame the dossier.
struct MapView {
    float cx = 0, cy = 0;
    float zoom = 0;           // framebuffer pixels per world unit
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
    std::string notice;               // the last import's outcome, shown for a few seconds
    double notice_at = -100;
    double copied_at = -100;          // ImGui time of the copy: the button says "copied" for a moment

    // One-frame requests.
    bool focus_search = true;
    bool reader_to_top = false;
    bool scroll_to_hit = false;
    bool scroll_to_cursor = false;
    std::int64_t scroll_to_byte = -1;  // reader: bring this byte of the text into view (a citation)
    bool results_to_top = false;

    // The map.
    MapMode map_mode = MapMode::participation;
    MapView map_view;
    float pinch = 1;                  // zoom factor from two fingers since the last frame
    ScreenPoint pinch_at;              // their middle
    double map_ms = 0;                // CPU time of the map pane's last frame
    std::string map_framed_for;       // the operation the view was framed for ("" = the dossier)
    std::string map_hover;            // ISO alpha-3 under the mouse, for the tooltip and the test hook
    std::vector<ScreenBox> map_boxes; // dossier countries on screen (id = ISO alpha-3)
    std::vector<std::string> map_roles;  // parallel to map_boxes: strongest role shown, or ""
    std::vector<std::uint32_t> map_counts;  // parallel to map_boxes: documents of the results naming it
    std::vector<ScreenPoint> map_points;     // parallel to map_boxes: a point inside it (its label's), to click

    // Timeline brush while dragging (years, fractional).
    bool brushing = false;
    float brush_from = 0, brush_to = 0;

    // Recorded while drawing, for the test hook (framebuffer pixels).
    std::vector<ScreenBox> rows, boxes;
    std::vector<std::vector<std::string>> row_marks;  // parallel to rows: the marked words each shows
    float reader_scroll = 0;                          // how far the article is scrolled
    std::vector<std::string> visible_hits;
};

}  // namespace vigie::app
