#include "core/index/stored_text.h"

#include <algorithm>

#include "core/index/bytes.h"

#define ZSTD_STATIC_LINKING_ONLY  // magicless frames (the format is the .vidx's, not a file's)
#define ZDICT_STATIC_LINKING_ONLY  // fastCover with fixed parameters (no search: fast, one thread)
#include <zdict.h>
#include <zstd.h>

namespace vigie::index {

namespace {

constexpr int kLevel = 3;                         // zstd's default: ~100 MB/s in wasm, a third of French prose
constexpr std::size_t kDictionaryMax = 64 << 10;  // beyond, little gain on 3 kB articles
constexpr std::size_t kMinSample = 64 << 10;      // below (a handful of articles), no dictionary

struct CctxFree { void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); } };
struct CdictFree { void operator()(ZSTD_CDict* c) const { ZSTD_freeCDict(c); } };
struct DctxFree { void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); } };
struct DdictFree { void operator()(ZSTD_DDict* c) const { ZSTD_freeDDict(c); } };

// A frame's decoded size from its header, or nothing if the header is not whole or says none.
bool frame_size(const std::uint8_t* p, std::size_t n, std::uint64_t& out) {
    ZSTD_frameHeader h;
    if (ZSTD_getFrameHeader_advanced(&h, p, n, ZSTD_f_zstd1_magicless) != 0 || h.frameType != ZSTD_frame ||
        h.frameContentSize == ZSTD_CONTENTSIZE_UNKNOWN || h.frameContentSize == ZSTD_CONTENTSIZE_ERROR)
        return false;
    out = h.frameContentSize;
    return true;
}

}  // namespace

// [SECTION] Writer ------------------------------------------------------------------------------

struct BodyWriter::Impl {
    std::size_t sample_bytes;
    bool trained = false;
    std::string pending;                   // raw bodies waiting for the dictionary
    std::vector<std::size_t> pending_sizes;
    std::unique_ptr<ZSTD_CCtx, CctxFree> cctx{ZSTD_createCCtx()};
    std::unique_ptr<ZSTD_CDict, CdictFree> cdict;
    std::string scratch;
    Sections out;

    void compress(std::string_view body) {
        if (!body.empty()) {
            scratch.resize(ZSTD_compressBound(body.size()));
            const std::size_t n = ZSTD_compress2(cctx.get(), scratch.data(), scratch.size(), body.data(), body.size());
            // Cannot fail with a bound-sized buffer and valid parameters; were it to, the body
            // would read back empty rather than garbled.
            if (!ZSTD_isError(n)) out.frames.append(scratch.data(), n);
        }
        out.ends.push_back(out.frames.size());
        out.raw_bytes += body.size();
    }

    // The dictionary from the bodies so far (if they are enough), then those bodies compressed.
    void train() {
        trained = true;
        if (pending.size() >= kMinSample) {
            std::vector<std::size_t> sizes;  // fastCover wants no empty sample
            std::string samples;
            samples.reserve(pending.size());
            std::size_t at = 0;
            for (std::size_t n : pending_sizes) {
                if (n) { samples.append(pending, at, n); sizes.push_back(n); }
                at += n;
            }
            std::string dict(std::min(kDictionaryMax, samples.size() / 16), '\0');
            ZDICT_fastCover_params_t p{};
            p.k = 200;  // segment size; d, f, accel: zstd's defaults for fastCover
            p.d = 8;
            p.f = 20;
            p.accel = 1;
            p.zParams.compressionLevel = kLevel;
            const std::size_t n = ZDICT_trainFromBuffer_fastCover(dict.data(), dict.size(), samples.data(), sizes.data(),
                                                                  static_cast<unsigned>(sizes.size()), p);
            if (!ZDICT_isError(n)) {
                dict.resize(n);
                out.dictionary = std::move(dict);
                cdict.reset(ZSTD_createCDict(out.dictionary.data(), out.dictionary.size(), kLevel));
            }
        }
        ZSTD_CCtx* c = cctx.get();
        ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, kLevel);
        ZSTD_CCtx_setParameter(c, ZSTD_c_format, ZSTD_f_zstd1_magicless);
        ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 1);
        ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 0);  // the .vidx has its own
        ZSTD_CCtx_setParameter(c, ZSTD_c_dictIDFlag, 0);    // one dictionary per index
        if (cdict) ZSTD_CCtx_refCDict(c, cdict.get());
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

std::size_t BodyWriter::size() const { return impl_->out.ends.size() + impl_->pending_sizes.size(); }

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
    // The frames grew by doubling: their slack would stay in the index's memory.
    if (im.out.frames.capacity() > im.out.frames.size() + im.out.frames.size() / 8) im.out.frames.shrink_to_fit();
    return std::move(im.out);
}

// [SECTION] Reader ------------------------------------------------------------------------------

struct BodyReader::Impl {
    std::string_view frames;
    const std::uint8_t* ends = nullptr;  // u64 × (docs + 1), the first 0
    std::uint32_t docs = 0;
    std::unique_ptr<ZSTD_DDict, DdictFree> ddict;
    std::unique_ptr<ZSTD_DCtx, DctxFree> dctx{ZSTD_createDCtx()};
};

BodyReader::BodyReader() = default;
BodyReader::BodyReader(BodyReader&&) noexcept = default;
BodyReader& BodyReader::operator=(BodyReader&&) noexcept = default;
BodyReader::~BodyReader() = default;

Result<BodyReader> BodyReader::open(std::string_view dictionary, std::string_view frames, const std::uint8_t* ends,
                                    std::uint32_t docs) {
    BodyReader r;
    r.impl_ = std::make_unique<Impl>();
    Impl& im = *r.impl_;
    im.frames = frames;
    im.ends = ends;
    im.docs = docs;
    if (!im.dctx) return Error{"document bodies: no memory to decode them"};
    if (!dictionary.empty()) {
        im.ddict.reset(ZSTD_createDDict_byReference(dictionary.data(), dictionary.size()));
        if (!im.ddict || ZSTD_isError(ZSTD_DCtx_refDDict(im.dctx.get(), im.ddict.get())))
            return Error{"document bodies: dictionary"};
    }
    ZSTD_DCtx_setParameter(im.dctx.get(), ZSTD_d_format, ZSTD_f_zstd1_magicless);
    if (load_u64(ends) != 0) return Error{"document bodies: offsets"};
    const auto* base = reinterpret_cast<const std::uint8_t*>(frames.data());
    for (std::uint32_t d = 0; d < docs; ++d) {
        const std::uint64_t b = load_u64(ends + 8 * std::size_t(d)), e = load_u64(ends + 8 * (std::size_t(d) + 1));
        if (e < b || e > frames.size()) return Error{"document bodies: offsets"};
        std::uint64_t n = 0;
        if (e > b && !frame_size(base + b, static_cast<std::size_t>(e - b), n))
            return Error{"document bodies: frame of document " + std::to_string(d)};
        r.raw_bytes_ += n;
    }
    return r;
}

bool BodyReader::read(std::uint32_t d, std::string& out) const {
    out.clear();
    const Impl& im = *impl_;
    if (d >= im.docs) return false;
    const std::uint64_t b = load_u64(im.ends + 8 * std::size_t(d)), e = load_u64(im.ends + 8 * (std::size_t(d) + 1));
    if (e == b) return true;
    const auto* p = reinterpret_cast<const std::uint8_t*>(im.frames.data()) + b;
    std::uint64_t n = 0;
    if (!frame_size(p, static_cast<std::size_t>(e - b), n)) return false;
    out.resize(static_cast<std::size_t>(n));
    const std::size_t got = ZSTD_decompressDCtx(im.dctx.get(), out.data(), out.size(), p, static_cast<std::size_t>(e - b));
    if (ZSTD_isError(got) || got != n) {
        out.clear();
        return false;
    }
    return true;
}

}  // namespace vigie::index
