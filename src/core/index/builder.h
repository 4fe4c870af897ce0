// IndexBuilder: analyzes documents into a positional inverted index and writes the .vidx blob
// (format.h). Single-threaded; memory is the postings being built plus the documents' text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/corpus/document.h"
#include "core/index/format.h"
#include "core/result.h"

namespace vigie::text { class Analyzer; }
namespace vigie::geo { class Gazetteer; }

namespace vigie::index {

// What a build may be told beside its documents (tests lower it to reach what big corpora do).
struct BuildOptions {
    std::uint32_t pair_min_postings = format::kPairMinPostings;  // a stem's postings for its pairs (format.h)
};

// Usage:
//   IndexBuilder b(analyzer, &gazetteer);           // gazetteer: optional, tags countries
//   for (const auto& d : corpus.documents) b.add(d);
//   std::string vidx = std::move(b).finish();      // then Index::open(std::move(vidx))
class IndexBuilder {
public:
    // With a gazetteer, each document's countries are those it names (title and text) plus any
    // it came with; without, only the latter.
    explicit IndexBuilder(const text::Analyzer& analyzer, const geo::Gazetteer* gazetteer = nullptr, BuildOptions options = {});
    IndexBuilder(IndexBuilder&&) noexcept;
    ~IndexBuilder();

    void add(const corpus::Document& doc);
    void add(corpus::Document&& doc);  // the same, its text kept instead of copied
    std::size_t size() const;           // documents added
    Result<std::string> finish() &&;    // the .vidx bytes; fails only past the format's limits

private:
    void add(const corpus::Document& doc, corpus::Document* owned);  // owned: &doc, whose strings may be moved
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Builds and opens an index over documents in one call.
Result<class Index> build_index(const std::vector<corpus::Document>& docs, const text::Analyzer& analyzer,
                                const geo::Gazetteer* gazetteer = nullptr, BuildOptions options = {});

}  // namespace vigie::index
