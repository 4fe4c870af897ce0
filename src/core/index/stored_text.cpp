#include "core/index/stored_text.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include "core/index/bytes.h"
#include "core/index/format.h"

#define ZDICT_STATIC_LINKING_ONLY    // fastCover with fixed parameters (no search: fast, one thread)
#define LZ4_HC_STATIC_LINKING_ONLY   // a dictionary attached to each body's stream, not loaded again
#include <lz4.h>
#include <lz4hc.h>
#include <zdict.h>

namespace vigie::index {

namespace {

using format::kBodyChunk;

// LZ4 HC decodes a 3 kB article in ~3 µs natively and can stop at a prefix; zstd, a third
// smaller on the synthetic corpus but as small on French prose, took 3 times as long, which a
// search paid for each of its snippets. Level 3: 3 % larger than level 4, 50 % faster.
constexpr int kLevel = 3;
constexpr std::size_t kDictionaryMax = 64 << 10;  // LZ4's window: the most a dictionary can serve
constexpr std::size_t kMinSample = 64 << 10;      // below (a handful of articles), no dictionary
constexpr std::size_t kKeptText = 1 << 20;        // room for a body kept after a read (Prefixed)

struct StreamFree { void operator()(LZ4_streamHC_t* s) const { LZ4_freeStreamHC(s); } };

// A body's record: its decoded size; the compressed size of each chunk but the last (none for a
// body of one chunk); the chunks' LZ4 blocks. False if the sizes are cut off or do not fit.
struct Record {
    std::uint32_t size = 0, chunks = 0;
    const std::uint8_t* sizes = nullptr;  // chunks − 1 varints
    const std::uint8_t* blocks = nullptr;
    const std::uint8_t* end = nullptr;
};
bool record(const std::uint8_t* p, const std::uint8_t* end, Record& r) {
    if (!read_varint(p, end, r.size)) return false;
    r.chunks = r.size == 0 ? 0 : static_cast<std::uint32_t>((std::uint64_t(r.size) + kBodyChunk - 1) / kBodyChunk);
    r.sizes = p;
    for (std::uint32_t k = 1; k < r.chunks; ++k) {
        std::uint32_t n = 0;
        if (!read_varint(p, end, n)) return false;
    }
    r.blocks = p;
    r.end = end;
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
    std::string blocks, chunk_sizes;  // a body's, before its record is written
    Sections out;

    // One chunk into `blocks`, compressed on its own against the dictionary; its size, 0 if it failed.
    std::size_t compress_chunk(std::string_view chunk) {
        const std::size_t at = blocks.size();
        blocks.resize(at + static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(chunk.size()))));
        LZ4_resetStreamHC_fast(stream.get(), kLevel);
        if (dict_stream) LZ4_attach_HC_dictionary(stream.get(), dict_stream.get());
        const int n = LZ4_compress_HC_continue(stream.get(), chunk.data(), blocks.data() + at, static_cast<int>(chunk.size()),
                                               static_cast<int>(blocks.size() - at));
        blocks.resize(at + static_cast<std::size_t>(std::max(n, 0)));
        return static_cast<std::size_t>(std::max(n, 0));
    }

    void compress(std::string_view body) {
        if (!body.empty() && body.size() <= LZ4_MAX_INPUT_SIZE) {
            blocks.clear();
            chunk_sizes.clear();
            bool failed = false;
            for (std::size_t at = 0; at < body.size(); at += kBodyChunk) {
                const std::size_t n = compress_chunk(body.substr(at, kBodyChunk));
                failed |= n == 0;
                if (at + kBodyChunk < body.size()) put_varint(chunk_sizes, n);  // the last one's is what remains
            }
            // Cannot fail into a bound-sized buffer; were it to, the body would read back empty.
            if (!failed) {
                put_varint(out.records, body.size());
                out.records += chunk_sizes;
                out.records += blocks;
                out.raw_bytes += body.size();
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
    std::uint64_t id = 0;  // which reader's dictionary a thread's Prefixed buffers hold
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
// other. Buffers per thread, each the dictionary of the reader that read last, then room: for
// the text (BodyReader::view shows it there) and for a chunk after the first (copied on).
struct Prefixed {
    std::uint64_t reader = 0;
    std::string text, chunk;
};
thread_local Prefixed prefixed;

// Decodes the first `want` bytes of a block of `size` bytes to `to`, right after the dictionary
// of `dict` bytes (or none).
bool decode(const std::uint8_t* block, std::size_t size, char* to, std::size_t want, std::size_t dict) {
    const auto* source = reinterpret_cast<const char*>(block);
    const int w = static_cast<int>(want), n = static_cast<int>(size);
    // LZ4 1.9 stops writing at the target.
    const int got = dict ? LZ4_decompress_safe_partial_usingDict(source, to, n, w, w, to - dict, static_cast<int>(dict))
                         : LZ4_decompress_safe_partial(source, to, n, w, w);
    return got == w;
}

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
        if (e == b) continue;
        Record rec;
        bool ok = record(base + b, base + e, rec) && rec.size > 0;
        // Each chunk's block holds something, and decodes to at most 255 times its size (a length
        // byte stands for 255 bytes at most): a larger size is made up, and reading would ask for
        // that much memory.
        const std::uint8_t* sizes = rec.sizes;
        std::uint64_t at = static_cast<std::uint64_t>(rec.blocks - base);
        for (std::uint32_t k = 0; ok && k < rec.chunks; ++k) {
            const std::uint64_t raw = std::min<std::uint64_t>(kBodyChunk, rec.size - std::uint64_t(k) * kBodyChunk);
            std::uint64_t n = e - at;  // the last chunk's: what remains
            if (k + 1 < rec.chunks) n = read_varint(sizes);
            ok = n > 0 && n <= e - at && raw <= 255 * n + 16;
            at += n;
        }
        if (!ok) return Error{"document bodies: record of document " + std::to_string(d)};
        r.raw_bytes_ += rec.size;
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
    const auto part = view(d, 0, prefix);
    if (!part) return std::nullopt;
    return part->text;
}

std::optional<BodyReader::Part> BodyReader::view(std::uint32_t d, std::size_t from, std::size_t to) const {
    const Impl& im = *impl_;
    if (d >= im.docs) return std::nullopt;
    const auto [b, e] = im.span(d);
    if (e == b) return Part{};
    const auto* base = reinterpret_cast<const std::uint8_t*>(im.records.data());
    Record rec;
    if (!record(base + b, base + e, rec)) return std::nullopt;
    to = std::min<std::size_t>(to, rec.size);
    from = std::min(from, to);
    const std::size_t first = from / kBodyChunk, last = to == 0 ? 0 : (to - 1) / kBodyChunk;
    const std::size_t start = first * kBodyChunk, want = to - start;
    const std::size_t dict = im.dictionary.size();
    if (prefixed.reader != im.id) {
        prefixed.text.assign(im.dictionary);
        prefixed.chunk.assign(im.dictionary);
        prefixed.reader = im.id;
    }
    std::string& buffer = prefixed.text;
    if (buffer.capacity() > dict + kKeptText) {  // the room a huge body took, at the read before
        buffer.resize(dict);
        buffer.shrink_to_fit();
    }
    if (buffer.size() < dict + want) buffer.resize(dict + want);  // zeroed once
    char* text = buffer.data() + dict;
    if (want == 0) return Part{std::string_view(text, 0), start};
    // The chunks before the first one wanted are skipped, their blocks unread.
    const std::uint8_t* sizes = rec.sizes;
    const std::uint8_t* block = rec.blocks;
    for (std::size_t k = 0; k <= last; ++k) {
        std::size_t n = static_cast<std::size_t>(rec.end - block);  // the last chunk's: what remains
        if (k + 1 < rec.chunks) n = read_varint(sizes);
        if (n > static_cast<std::size_t>(rec.end - block)) return std::nullopt;  // only a damaged blob (open checks)
        if (k >= first) {
            const std::size_t at = k * kBodyChunk - start;
            const std::size_t w = std::min(kBodyChunk, want - at);
            if (k == first) {
                if (!decode(block, n, text, w, dict)) return std::nullopt;
            } else {  // after the dictionary in its own buffer, then copied on
                if (prefixed.chunk.size() < dict + kBodyChunk) prefixed.chunk.resize(dict + kBodyChunk);
                char* to_chunk = prefixed.chunk.data() + dict;
                if (!decode(block, n, to_chunk, w, dict)) return std::nullopt;
                std::copy(to_chunk, to_chunk + w, text + at);
            }
        }
        block += n;
    }
    return Part{std::string_view(text, want), start};
}

}  // namespace vigie::index
