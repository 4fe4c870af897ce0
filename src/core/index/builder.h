// IndexBuilder: analyzes documents into a positional inverted index and writes the .vidx blob
// (format.h). Single-threaded; memory is the postings being built plus the documents' text
// (the bodies compressed as they come).
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
    std::size_t dictionary_sample = format::kDictionarySample;   // bodies' bytes the text dictionary learns from
    std::size_t analyze_part = std::size_t(1) << 20;             // a longer body is analyzed this many bytes at a time
};

// Usage:
//   IndexBuilder b(analyzer, &gazetteer);           // gazetteer: optional, tags countries
//   for (const auto& d : corpus.documents) b.add(d);
//   auto index = Index::open(std::move(b).finish_parts().value());   // or finish(): the bytes
class IndexBuilder {
public:
    // With a gazetteer, each document's countries are those it names (title and text) plus any
    // it came with; without, only the latter.
    explicit IndexBuilder(const text::Analyzer& analyzer, const geo::Gazetteer* gazetteer = nullptr, BuildOptions options = {});
    IndexBuilder(IndexBuilder&&) noexcept;
    ~IndexBuilder();

    // Room for that many more documents and bytes of their id, title and url: a caller that
    // knows its corpus gets one buffer for them, with no copy as it grows.
    void reserve(std::size_t documents, std::size_t text_bytes);
    void reserve(const std::vector<corpus::Document>& documents);  // for those
    void add(const corpus::Document& doc);
    void add(corpus::Document&& doc);  // the same, the document's memory freed on return
    std::size_t size() const;           // documents added
    // What the documents added could not keep, each naming its document (a source past the
    // format's 65,535): read before finish().
    std::vector<Error> warnings() const;
    // The .vidx bytes; fails only past the format's limits.
    Result<std::string> finish() &&;
    // The same bytes in parts (the header and section table, then each section as it was built),
    // for Index::open: no copy into one buffer, which would need room for the whole index twice.
    Result<std::vector<std::string>> finish_parts() &&;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Builds and opens an index over documents in one call.
Result<class Index> build_index(const std::vector<corpus::Document>& docs, const text::Analyzer& analyzer,
                                const geo::Gazetteer* gazetteer = nullptr, BuildOptions options = {});

}  // namespace vigie::index
