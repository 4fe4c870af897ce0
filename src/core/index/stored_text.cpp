#include "core/index/stored_text.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include "core/index/bytes.h"

#define ZDICT_STATIC_LINKING_ONLY    // fastCover with fixed parameters (no search: fast, one thread)
#define LZ4_HC_STATIC_LINKING_ONLY   // a dictionary attached to each body's stream, not loaded again
#include <lz4.h>
#include <lz4hc.h>
#include <zdict.h>

namespace vigie::index {

namespace {

// LZ4 HC decodes a 3 kB article in ~3 µs natively and can stop at a prefix; zstd, a third
// smaller on the synthetic corpus but as small on French prose, took 3 times as long, which a
// search paid for each of its snippets. Level 3: 3 % larger than level 4, 50 % faster.
constexpr int kLevel = 3;
constexpr std::size_t kDictionaryMax = 64 << 10;  // LZ4's window: the most a dictionary can serve
constexpr std::size_t kMinSample = 64 << 10;      // below (a handful of articles), no dictionary
constexpr std::size_t kKeptText = 1 << 20;        // room for a body kept after a read (Prefixed)

struct StreamFree { void operator()(LZ4_streamHC_t* s) const { LZ4_freeStreamHC(s); } };

// A body's record: varint decoded size, then its LZ4 block. False if the size is cut off.
bool record(const std::uint8_t* p, const std::uint8_t* end, std::uint32_t& size, const std::uint8_t*& block) {
    if (!read_varint(p, end, size)) return false;
    block = p;
    return true;
}

}  // namespace

// [SECTION] Writer ------------------------------------------------------------------------------

struct BodyWriter::Impl {
    std::size_t sample_bytes;
    bool trained = false;
    std::string pending;                   // raw bodies waiting for the dictionary
    std::vector<std::size_t> pending_sizes;
    std::unique_ptr<LZ4_streamHC_t, StreamFree> stream{LZ4_createStreamHC()}, dict_stream;
    std::string scratch;
    Sections out;

    void compress(std::string_view body) {
        if (!body.empty() && body.size() <= LZ4_MAX_INPUT_SIZE) {
            put_varint(out.records, body.size());
            scratch.resize(static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(body.size()))));
            LZ4_resetStreamHC_fast(stream.get(), kLevel);
            if (dict_stream) LZ4_attach_HC_dictionary(stream.get(), dict_stream.get());
            const int n = LZ4_compress_HC_continue(stream.get(), body.data(), scratch.data(), static_cast<int>(body.size()),
                                                   static_cast<int>(scratch.size()));
            // Cannot fail into a bound-sized buffer; were it to, the body would read back empty.
            if (n > 0) {
                out.records.append(scratch.data(), static_cast<std::size_t>(n));
                out.raw_bytes += body.size();
            } else {
                out.records.resize(out.ends.empty() ? 0 : out.ends.back());
            }
        }
        out.ends.push_back(out.records.size());
    }

    // The dictionary from the bodies so far (if they are enough), then those bodies compressed.
    void train() {
        trained = true;
        if (pending.size() >= kMinSample) {
            // The samples are the pending bodies as they lie, the empty ones (no bytes) left out
            // of their sizes: fastCover wants no empty sample.
            std::vector<std::size_t> sizes;
            for (std::size_t n : pending_sizes)
                if (n) sizes.push_back(n);
            std::string dict(std::min(kDictionaryMax, pending.size() / 16), '\0');
            ZDICT_fastCover_params_t p{};
            p.k = 200;  // segment size; d, f, accel: zstd's defaults for fastCover
            p.d = 8;
            p.f = 20;
            p.accel = 1;
            p.zParams.compressionLevel = 3;
            const std::size_t n = ZDICT_trainFromBuffer_fastCover(dict.data(), dict.size(), pending.data(), sizes.data(),
                                                                  static_cast<unsigned>(sizes.size()), p);
            // The segments it chose, the most useful last (nearest the text), without the
            // header and entropy tables that zstd would read.
            const std::size_t header = ZDICT_isError(n) ? n : ZDICT_getDictHeaderSize(dict.data(), n);
            if (!ZDICT_isError(header) && header < n) {
                out.dictionary = dict.substr(header, n - header);
                dict_stream.reset(LZ4_createStreamHC());
                LZ4_resetStreamHC_fast(dict_stream.get(), kLevel);
                LZ4_loadDictHC(dict_stream.get(), out.dictionary.data(), static_cast<int>(out.dictionary.size()));
            }
        }
        std::size_t at = 0;
        for (std::size_t n : pending_sizes) {
            compress(std::string_view(pending).substr(at, n));
            at += n;
        }
        std::string().swap(pending);
        std::vector<std::size_t>().swap(pending_sizes);
    }
};

BodyWriter::BodyWriter(std::size_t sample_bytes) : impl_(std::make_unique<Impl>()) { impl_->sample_bytes = sample_bytes; }
BodyWriter::BodyWriter(BodyWriter&&) noexcept = default;
BodyWriter::~BodyWriter() = default;

void BodyWriter::add(std::string_view body) {
    Impl& im = *impl_;
    if (im.trained) return im.compress(body);
    im.pending.append(body);
    im.pending_sizes.push_back(body.size());
    if (im.pending.size() >= im.sample_bytes) im.train();
}

BodyWriter::Sections BodyWriter::finish() && {
    Impl& im = *impl_;
    if (!im.trained) im.train();
    // The records grew by doubling: their slack would stay in the index's memory.
    if (im.out.records.capacity() > im.out.records.size() + im.out.records.size() / 8) im.out.records.shrink_to_fit();
    return std::move(im.out);
}

// [SECTION] Reader ------------------------------------------------------------------------------

struct BodyReader::Impl {
    std::uint64_t id = 0;  // which reader's dictionary a thread's Prefixed buffer holds
    std::string_view dictionary, records;
    const std::uint8_t* ends = nullptr;  // u64 × (docs + 1), the first 0
    std::uint32_t docs = 0;
    // Where document d's record lies in `records`: [begin, end).
    std::pair<std::uint64_t, std::uint64_t> span(std::uint32_t d) const {
        return {load_u64(ends + 8 * std::size_t(d)), load_u64(ends + 8 * (std::size_t(d) + 1))};
    }
};

namespace {

std::atomic<std::uint64_t> next_reader_id{1};

// LZ4 reads a match that reaches into the dictionary with a call to memmove when the dictionary
// lies elsewhere (in wasm, a call into libc's memcpy per match: 8 % of a query's time on the
// pages tier); with the dictionary right before the text, it copies such a match inline as any
// other. A buffer per thread: the dictionary of the reader that read last, then room for the text
// (BodyReader::view shows the text there).
struct Prefixed {
    std::uint64_t reader = 0;
    std::string buffer;
};
thread_local Prefixed prefixed;

}  // namespace

BodyReader::BodyReader() = default;
BodyReader::BodyReader(BodyReader&&) noexcept = default;
BodyReader& BodyReader::operator=(BodyReader&&) noexcept = default;
BodyReader::~BodyReader() = default;

Result<BodyReader> BodyReader::open(std::string_view dictionary, std::string_view records, const std::uint8_t* ends,
                                    std::uint32_t docs) {
    BodyReader r;
    r.impl_ = std::make_unique<Impl>();
    Impl& im = *r.impl_;
    im.id = next_reader_id++;
    if (dictionary.size() > kDictionaryMax) return Error{"document bodies: dictionary"};
    im.dictionary = dictionary;
    im.records = records;
    im.ends = ends;
    im.docs = docs;
    if (load_u64(ends) != 0) return Error{"document bodies: offsets"};
    const auto* base = reinterpret_cast<const std::uint8_t*>(records.data());
    for (std::uint32_t d = 0; d < docs; ++d) {
        const auto [b, e] = im.span(d);
        if (e < b || e > records.size()) return Error{"document bodies: offsets"};
        std::uint32_t n = 0;
        const std::uint8_t* block = nullptr;
        // A block decodes to at most 255 times its size (a length byte stands for 255 bytes at
        // most): a larger size is made up, and reading would ask for that much memory.
        if (e > b && (!record(base + b, base + e, n, block) || n == 0 || block == base + e ||
                      n > 255 * std::uint64_t(base + e - block) + 16))
            return Error{"document bodies: record of document " + std::to_string(d)};
        r.raw_bytes_ += n;
    }
    return r;
}

bool BodyReader::read(std::uint32_t d, std::string& out, std::size_t prefix) const {
    const std::optional<std::string_view> text = view(d, prefix);
    if (text) out.assign(*text);
    else out.clear();
    return text.has_value();
}

std::optional<std::string_view> BodyReader::view(std::uint32_t d, std::size_t prefix) const {
    const Impl& im = *impl_;
    if (d >= im.docs) return std::nullopt;
    const auto [b, e] = im.span(d);
    if (e == b) return std::string_view();
    const auto* base = reinterpret_cast<const std::uint8_t*>(im.records.data());
    std::uint32_t n = 0;
    const std::uint8_t* block = nullptr;
    if (!record(base + b, base + e, n, block)) return std::nullopt;
    const int want = static_cast<int>(std::min<std::size_t>(n, prefix));
    const auto size = static_cast<int>(base + e - block);
    const auto* source = reinterpret_cast<const char*>(block);
    const std::size_t dict = im.dictionary.size();
    std::string& buffer = prefixed.buffer;
    if (prefixed.reader != im.id) {
        buffer.assign(im.dictionary);
        prefixed.reader = im.id;
    }
    if (buffer.capacity() > dict + kKeptText) {  // the room a huge body took, at the read before
        buffer.resize(dict);
        buffer.shrink_to_fit();
    }
    if (buffer.size() < dict + static_cast<std::size_t>(want)) buffer.resize(dict + static_cast<std::size_t>(want));  // zeroed once
    char* text = buffer.data() + dict;
    // LZ4 1.9 stops writing at the target.
    const int got = dict ? LZ4_decompress_safe_partial_usingDict(source, text, size, want, want, text - dict, static_cast<int>(dict))
                         : LZ4_decompress_safe_partial(source, text, size, want, want);
    if (got != want) return std::nullopt;
    return std::string_view(text, static_cast<std::size_t>(want));
}

}  // namespace vigie::index
