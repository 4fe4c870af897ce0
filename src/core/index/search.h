// Searcher: runs a query over an Index. The pipeline of DESIGN.md §6, each stage its own
// function: analyze (query terms) → postings (matchers) → score (BM25F) → collect (top-k,
// total, facets) → rerank (proximity) → snippet. Results can explain their score.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/index/index.h"
#include "core/index/query.h"

namespace vigie::text { class Analyzer; }
namespace vigie::geo { class Gazetteer; }

namespace vigie::index {

struct SearchOptions {
    std::size_t limit = 10;
    bool typing = false;       // search-as-you-type: the last word is also a prefix
    bool explain = false;      // fill Hit::explanation
    bool snippets = true;
    std::size_t snippet_words = 28;
    bool newest_first = false;  // order hits by date (undated last), relevance among equals
    QueryFilters filters;       // added to the query's own (a page's chips): years intersect, lists join
    const std::vector<char>* only = nullptr;  // per document, non-zero = may match (an operation's articles)
    // Frequent words read from their summaries and merged postings (format.h), an AND of them a
    // window of documents at a time, a phrase's candidates from its words' pairs; false: every
    // form read one by one and words joined document by document, which gives the same results
    // (what tests compare them with).
    bool merged = true;
};

struct Hit {
    std::uint32_t doc = 0;
    float score = 0;
    std::string snippet;                                       // a passage of the text, "…" where cut
    std::vector<std::pair<std::uint32_t, std::uint32_t>> highlights;  // byte ranges in snippet
    std::string explanation;                                   // why this score (explain mode)
};

struct FacetCount {
    std::string value;  // "2019", "Reuters", "BEL"
    std::uint32_t count = 0;
};

struct SearchResult {
    std::string query;
    std::uint64_t total = 0;        // every document that matches, not just the hits shown
    std::uint64_t took_us = 0;
    std::vector<Hit> hits;
    std::vector<Message> messages;  // repairs, typo corrections, relaxed matching
    bool relaxed = false;               // no document had every word: best partial matches
    bool summarised = false;  // total, facets and best hits from the word's summary (format.h), no visit of each match
    std::vector<FacetCount> years, sources, countries;  // over the whole result set, by count
};

// Usage:
//   Searcher s(index, analyzer);
//   SearchResult r = s.search("opération -Amaq année:2018..2019", {});
class Searcher {
public:
    // With a gazetteer, "pays:" also takes names and ISO alpha-2 codes ("Belgique", "belge", "BE").
    Searcher(const Index& index, const text::Analyzer& analyzer, const geo::Gazetteer* gazetteer = nullptr)
        : index_(index), analyzer_(analyzer), gazetteer_(gazetteer) {}
    SearchResult search(std::string_view query, const SearchOptions& options) const;

    // The snippet and its highlights for one document, as search() would make them: for a list
    // that shows thousands of hits and makes each row's snippet only when it scrolls into view.
    Hit passage(std::string_view query, std::uint32_t doc, const SearchOptions& options) const;

    // Byte ranges, in the document's text, of every occurrence of the query's terms (the
    // reader's highlights), in text order.
    // typing: the query as search-as-you-type reads it (the last word also a prefix).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> highlights(std::string_view query, std::uint32_t doc,
                                                                     bool typing = false) const;

private:
    const Index& index_;
    const text::Analyzer& analyzer_;
    const geo::Gazetteer* gazetteer_;
};

// The CLI and JS API shape (DESIGN.md §4.3): {"query","total","took_us","hits":[…],…}.
// ascii: every character beyond ASCII written as a \u escape (the same JSON value), which the
// JS API's TextDecoder reads several times faster than UTF-8 with accents in it.
std::string to_json(const SearchResult& result, const Index& index, bool ascii = false);

}  // namespace vigie::index
