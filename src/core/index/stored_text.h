// The documents' body text as the .vidx stores it (format.h BODIES): each body LZ4 blocks of
// kBodyChunk bytes, each compressed with a dictionary that zstd's trainer learns from the
// corpus's first bodies, so that a body decodes on its own (the reader) and a passage with the
// chunk that holds it (a snippet), and the text takes a third of its size on French prose. LZ4
// and zstd stay behind this file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace vigie::index {

// Bodies in, in document order; their records and the dictionary out. Deterministic: the same
// bodies give the same bytes, native and wasm.
class BodyWriter {
public:
    // The dictionary is trained once `sample_bytes` of bodies are in (or at finish(), on those
    // there are if they are enough); the bodies before are kept raw until then.
    explicit BodyWriter(std::size_t sample_bytes);
    BodyWriter(BodyWriter&&) noexcept;
    ~BodyWriter();

    void add(std::string_view body);
    struct Sections {
        std::string dictionary;              // none: the records need none
        std::string records;                 // one after the other (an empty body has none)
        std::vector<std::uint64_t> ends;     // where each body's record ends in `records`
        std::uint64_t raw_bytes = 0;         // the bodies' bytes before compression
    };
    Sections finish() &&;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Reads the records back.
class BodyReader {
public:
    BodyReader();
    BodyReader(BodyReader&&) noexcept;
    BodyReader& operator=(BodyReader&&) noexcept;
    ~BodyReader();

    // Checks that each record's size is whole and its block not empty; an error names what is wrong.
    static Result<BodyReader> open(std::string_view dictionary, std::string_view records,
                                   const std::uint8_t* ends, std::uint32_t docs);
    // The body of document d into out, or only its first `prefix` bytes (LZ4 decodes in order:
    // a prefix stops early); false (out empty) if its record does not decode.
    bool read(std::uint32_t d, std::string& out, std::size_t prefix = std::size_t(-1)) const;
    // The same, decoded into this thread's buffer and seen there (no copy): valid until the next
    // read or view on this thread. nullopt if its record does not decode.
    std::optional<std::string_view> view(std::uint32_t d, std::size_t prefix = std::size_t(-1)) const;
    // Bytes [from, to) of the body (to cut at its end) and some before: the text from the start
    // of the chunk that holds `from` (format.h kBodyChunk), decoded from there: a passage deep in
    // a long body does not decode what is before it. Valid as view's.
    struct Part {
        std::string_view text;
        std::size_t at = 0;  // where text begins in the body
    };
    std::optional<Part> view(std::uint32_t d, std::size_t from, std::size_t to) const;
    std::uint64_t raw_bytes() const { return raw_bytes_; }  // the bodies' bytes, decoded

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::uint64_t raw_bytes_ = 0;
};

}  // namespace vigie::index
