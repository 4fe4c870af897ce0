// The page's model: the loaded corpus plus what the views need precomputed (paragraph ranges,
// token counts). Built once from the core; panels only read it.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/corpus/document.h"
#include "core/result.h"

namespace vigie::app {

struct DocumentView {
    std::vector<std::pair<std::size_t, std::size_t>> paragraphs;  // byte ranges of non-empty lines
    std::size_t tokens = 0;                                       // analyzed words
    std::string date_fr;                                          // "25 novembre 2019"
    std::string outlet;                                           // source, or the note when unknown
};

struct Dossier {
    corpus::Corpus corpus;
    std::vector<DocumentView> views;  // parallel to corpus.documents

    // Loads a manifest (or a directory holding one) and analyzes every document.
    static Result<Dossier> load(const std::string& path);
};

}  // namespace vigie::app
