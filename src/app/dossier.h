// The page's model: the loaded corpus, its index and searcher, and what the views need
// precomputed (paragraphs, operations per article). Built once from the core; panels only read it.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/corpus/document.h"
#include "core/geo/gazetteer.h"
#include "core/geo/map.h"
#include "core/index/index.h"
#include "core/index/search.h"
#include "core/result.h"
#include "core/text/analyzer.h"

namespace vigie::app {

struct DocumentView {
    std::vector<std::pair<std::size_t, std::size_t>> paragraphs;  // byte ranges of non-empty lines
    std::size_t words = 0;                                        // analyzed words
    std::string title;                                            // the title, or the id when it has none
    std::string outlet;                                           // source, or the note when unknown
    std::vector<std::string> countries;                           // ISO alpha-3, as the index tagged them
    std::vector<std::size_t> operations;                          // indices into corpus.operations it reports
};

struct OperationView {
    std::vector<char> docs;   // per document: non-zero if it reports the operation (SearchOptions::only)
};

// A country's part in the dossier's operations: each participation, strongest role first.
struct CountryRole {
    std::size_t operation = 0;     // index into corpus.operations
    const corpus::Participation* participation = nullptr;
};

class Dossier {
public:
    // Loads a manifest, a directory or a JSONL file (DESIGN.md §4.2) and indexes it; then the
    // world map (a missing or damaged map is map_error, not a failure: the rest works).
    static Result<std::unique_ptr<Dossier>> load(const std::string& path, const std::string& map_path = "");

    std::optional<geo::WorldMap> map;
    std::string map_error;
    std::vector<std::string> countries;  // ISO alpha-3 of every country the dossier names or curates
    std::vector<CountryRole> roles(const std::string& iso3, int operation = -1) const;  // -1: every operation

    corpus::Corpus corpus;
    std::vector<DocumentView> views;        // parallel to corpus.documents (and the index's documents)
    std::vector<OperationView> operations;  // parallel to corpus.operations

    const index::Index& index() const { return *index_; }
    const index::Searcher& searcher() const { return *searcher_; }
    const geo::Country* country(std::string_view iso3) const { return gazetteer_->find_code(iso3); }
    int find_document(std::string_view id) const;  // -1 if none
    int find_operation(std::string_view id) const;

private:
    std::optional<text::Analyzer> analyzer_;
    std::optional<geo::Gazetteer> gazetteer_;
    std::optional<index::Index> index_;
    std::unique_ptr<index::Searcher> searcher_;  // holds references to the three above
};

}  // namespace vigie::app
