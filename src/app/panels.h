// The page's panels. Each is handed the model, the state and the current results every frame
// (imgui_club style): it draws, records what it showed in AppState, changes only AppState, and
// never owns data.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/app_state.h"
#include "app/dossier.h"
#include "app/strings.h"
#include "app/theme.h"
#include "core/index/search.h"

namespace vigie::app {

// What the current query and filters found; remade only when they change.
struct Results {
    std::string query;
    Filters filters;
    Sort sort = Sort::relevance;
    bool valid = false;
    index::SearchResult found;                   // every hit in order (snippets are made lazily)
    std::vector<std::uint32_t> operation_counts; // per operation: hits that report it
    double took_ms = 0;
    // The open article's highlights for the query (byte ranges of its text, in order).
    int reader_doc = -1;
    std::string reader_query;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> reader_hits;
    // Snippets made as rows scroll into view.
    mutable std::unordered_map<std::uint32_t, index::Hit> passages;
    // Where each row shows its snippet from (fit_marks) at a width and a number of lines.
    struct RowFit {
        float width = 0;
        std::size_t lines = 0;
        std::uint32_t from = 0;
    };
    mutable std::unordered_map<std::uint32_t, RowFit> row_fits;
};

// A panel's view of everything, plus the actions every panel may take.
struct Ui {
    const Dossier& dossier;
    AppState& state;
    const Theme& theme;
    const Strings& strings;
    const Results& results;

    const std::string& tr(const std::string& key) const { return strings.get(state.lang, key); }
    std::string tr(const std::string& key, std::initializer_list<std::pair<const char*, std::string>> args) const {
        return strings.get(state.lang, key, args);
    }
    std::string date(const corpus::Date& d) const { return strings.date(state.lang, d); }
    std::string country_name(const std::string& iso3) const;
    std::string operation_label(std::size_t op) const;  // "Amaq · avril 2018"
    const index::Hit& passage(std::uint32_t doc) const;
    std::string count(std::uint64_t n) const;  // "1 article", "12 articles"
    void box(const std::string& id, ImVec2 min, ImVec2 max) const;  // records what shows of it (clipped), for the test hook
    void tooltip(const std::string& text) const;       // on the last item, when hovered
    void show_tooltip(const std::string& text) const;  // now, by the mouse

    // Actions (new results scroll the list to the top by themselves: App::refresh_results).
    void open(int doc) const;  // the reader shows it, at its first hit
    void open_at(int doc, std::uint32_t begin, std::uint32_t end) const;  // …with those bytes selected and in view
    void step_hit(int delta) const;  // to the next (+1) or previous (-1) hit of the open article, wrapping around
    void toggle_country(const std::string& iso3) const;
    void toggle_source(const std::string& source) const;
    void toggle_year(int year) const;
    void set_years(int from, int to) const;
    void toggle_operation(const std::string& id) const;
    void copy(const std::string& text) const;
};

void draw_filters(Ui& ui);   // facets with counts, active chips
void draw_results(Ui& ui);   // the hit list
void draw_reader(Ui& ui);    // the open article
void draw_timeline(Ui& ui);  // documents and operations on a time axis, with a brush
void draw_map(Ui& ui);       // countries by role or by mentions; pan, zoom, hover, click
void draw_chips(Ui& ui, float wrap_width);  // the active filters as removable chips

// Small shared widgets.
bool chip(Ui& ui, const std::string& id, const std::string& label, bool removable, const std::string& tooltip);

// Chips left to right from the cursor, onto a new line when the next would pass `width`.
// Usage: ChipRow row(width); if (row.add(ui, id, label, removable, tip)) …
class ChipRow {
public:
    explicit ChipRow(float width);
    bool add(Ui& ui, const std::string& id, const std::string& label, bool removable, const std::string& tooltip);

private:
    float x0_, width_, right_ = -1;  // screen x: start, room; right edge of the last chip (-1: none yet)
};

// A facet value's count (0 when absent).
std::uint32_t facet_count(const std::vector<index::FacetCount>& facet, const std::string& value);

// Milliseconds from construction to destruction into `out`: a frame's or a pane's CPU time.
struct StopWatch {
    explicit StopWatch(double& out) : out_(out) {}
    ~StopWatch() { out_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0_).count(); }
    StopWatch(const StopWatch&) = delete;
    StopWatch& operator=(const StopWatch&) = delete;

private:
    double& out_;
    std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now();
};
bool link_button(Ui& ui, const std::string& id, const std::string& label, const std::string& tooltip, bool active = false);

}  // namespace vigie::app
