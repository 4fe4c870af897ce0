// The documents' body text as the .vidx stores it (format.h BODIES): each body one zstd frame,
// compressed with a dictionary trained on the corpus's first bodies, so that a body decodes on
// its own (a snippet, the reader) and the text takes a third of its size on French prose.
// zstd stays behind this file: no other part of the core sees it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace vigie::index {

// Bodies in, in document order; the frames and the dictionary out. Deterministic: the same
// bodies give the same bytes, native and wasm.
class BodyWriter {
public:
    // The dictionary is trained once `sample_bytes` of bodies are in (or at finish(), on those
    // there are if they are enough); the bodies before are kept raw until then.
    explicit BodyWriter(std::size_t sample_bytes);
    BodyWriter(BodyWriter&&) noexcept;
    ~BodyWriter();

    void add(std::string_view body);
    std::size_t size() const;  // bodies added
    struct Sections {
        std::string dictionary;              // none: the frames need none
        std::string frames;                  // one after the other (an empty body has none)
        std::vector<std::uint64_t> ends;     // where each body's frame ends in `frames`
        std::uint64_t raw_bytes = 0;         // the bodies' bytes before compression
    };
    Sections finish() &&;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Reads the frames back. Not safe to call from two threads at once (one decoding context).
class BodyReader {
public:
    BodyReader();
    BodyReader(BodyReader&&) noexcept;
    BodyReader& operator=(BodyReader&&) noexcept;
    ~BodyReader();

    // Checks that each frame's header is whole and says its size; an error names what is wrong.
    static Result<BodyReader> open(std::string_view dictionary, std::string_view frames,
                                   const std::uint8_t* ends, std::uint32_t docs);
    // The body of document d into out; false (out empty) if its frame does not decode.
    bool read(std::uint32_t d, std::string& out) const;
    std::uint64_t raw_bytes() const { return raw_bytes_; }  // the bodies' bytes, decoded

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::uint64_t raw_bytes_ = 0;
};

}  // namespace vigie::index
