#include "core/index/index.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

#include "core/index/bytes.h"
#include "core/index/format.h"
#include "core/index/scoring.h"

namespace vigie::index {

using namespace format;

// [SECTION] PostingCursor ---------------------------------------------------------------------

PostingCursor::PostingCursor(const std::uint8_t* p, std::uint64_t size, std::uint32_t df) : end_(p + size), df_(df) {
    if (df == 0) return;
    if (df > kBlock) {
        skip_ = p;
        p += 8 * ((df + kBlock - 1) / kBlock);
    }
    blocks_ = p;
    enter(0);
}

void PostingCursor::enter(std::uint32_t block) {
    block_ = block;
    const std::uint8_t* p = blocks_ + (block ? load_u32(skip_ + 8 * block + 4) : 0);
    doc_ = block ? load_u32(skip_ + 8 * (block - 1)) : kNoDoc;  // + 1 + the first gap
    w_gap_ = p[0];
    w_body_ = p[1];
    w_title_ = p[2];
    w_position_ = p[3];
    bits_ = p + 4;
    n_ = std::min(kBlock, df_ - block * kBlock);
    const std::uint8_t* block_end = block_ + 1 < (df_ + kBlock - 1) / kBlock ? blocks_ + load_u32(skip_ + 8 * (block + 1) + 4) : end_;
    block_bits_ = 8 * std::uint64_t(block_end - bits_);
    i_ = 0;
    position_ = 0;
    position_of_ = 0;
    doc_ += 1 + get_bits(bits_, 0, w_gap_);
    read_ = false;
}

void PostingCursor::next() {
    if (doc_ == kNoDoc) return;
    if (i_ + 1 < n_) {
        ++i_;
        doc_ += 1 + get_bits(bits_, std::uint64_t(i_) * w_gap_, w_gap_);
        read_ = false;
    } else if ((block_ + 1) * kBlock < df_) {
        enter(block_ + 1);
    } else {
        doc_ = kNoDoc;
    }
}

void PostingCursor::advance(std::uint32_t target) {
    if (doc_ >= target) return;  // also when exhausted (kNoDoc)
    if (skip_ && load_u32(skip_ + 8 * block_) < target) {
        // Past this block: to the first later block whose last doc reaches target.
        const std::uint32_t blocks = (df_ + kBlock - 1) / kBlock;
        std::uint32_t b = block_ + 1;
        while (b < blocks && load_u32(skip_ + 8 * b) < target) ++b;
        if (b == blocks) { doc_ = kNoDoc; return; }
        enter(b);
        if (doc_ >= target) return;
    }
    // In the block: the documents alone, then the frequencies of the one it stops at.
    std::uint32_t doc = doc_, i = i_;
    while (doc < target && i + 1 < n_) doc += 1 + get_bits(bits_, std::uint64_t(++i) * w_gap_, w_gap_);
    doc_ = doc;
    i_ = i;
    read_ = false;
    while (doc_ < target) next();  // the block ran out (a list with no skip table)
}

void PostingCursor::positions(std::vector<std::uint32_t>& out) const {
    out.clear();
    if (doc_ == kNoDoc) return;
    // Where the current posting's positions begin: after the block's earlier postings'.
    if (position_of_ != i_) {
        const std::uint32_t from = position_of_, n = i_ - position_of_;  // i_ only rises within a block
        position_ += static_cast<std::uint32_t>(sum_bits(bits_, body_from() + std::uint64_t(from) * w_body_, n, w_body_) +
                                                sum_bits(bits_, title_from() + std::uint64_t(from) * w_title_, n, w_title_));
        position_of_ = i_;
    }
    const std::uint64_t at = positions_from();
    std::uint32_t p = 0;
    const std::uint32_t n = tf_body() + tf_title();
    if (at + (std::uint64_t(position_) + n) * w_position_ > block_bits_) return;
    for (std::uint32_t k = position_; k < position_ + n; ++k) {
        p += get_bits(bits_, at + std::uint64_t(k) * w_position_, w_position_);  // the first absolute, then deltas
        out.push_back(p);
    }
}

namespace {

// count u32s from p, none above max and none below the one before it: the lists they bound lie
// in order inside what they index.
bool rising(const std::uint8_t* p, std::uint32_t count, std::uint32_t max) {
    for (std::uint32_t i = 0; i < count; ++i)
        if (load_u32(p + 4 * std::size_t(i)) > max || (i && load_u32(p + 4 * std::size_t(i)) < load_u32(p + 4 * std::size_t(i - 1))))
            return false;
    return true;
}

// A pair entry's (first, second) as one rising key.
std::uint64_t pair_key(const std::uint8_t* e) { return std::uint64_t(load_u32(e)) << 32 | load_u32(e + 4); }

// One form's packed postings (format.h) in size bytes: widths of at most 32 bits, documents
// rising and below docs, skip entries that agree with the blocks, each block's documents and
// frequencies inside the form's bytes and before the next block. A blob with a valid checksum
// can still be made by hand; after this, reads stay inside. The frequencies are not added up
// (that was most of opening a large index): PostingCursor::positions() reads a posting's
// positions only if they end inside its block.
bool valid_postings(const std::uint8_t* p, std::uint64_t size, std::uint32_t df, std::uint32_t docs) {
    const std::uint32_t blocks = (df + kBlock - 1) / kBlock;
    const std::uint64_t skip = blocks > 1 ? 8 * std::uint64_t(blocks) : 0;
    if (skip > size) return false;
    const std::uint8_t* first = p + skip;
    const std::uint64_t avail = size - skip;
    std::uint64_t at = 0, next = 0, least = 0;  // the block's offset; where the next may start; the smallest document allowed next
    for (std::uint32_t b = 0; b < blocks; ++b) {
        if (blocks > 1) {
            at = load_u32(p + 8 * std::uint64_t(b) + 4);
            if (b == 0 ? at != 0 : at < next) return false;
        }
        if (at + 4 > avail) return false;
        const std::uint8_t* h = first + at;
        const unsigned w_gap = h[0], w_body = h[1], w_title = h[2], w_position = h[3];
        if (w_gap > 32 || w_body > 32 || w_title > 32 || w_position > 32) return false;
        const std::uint32_t n = std::min(kBlock, df - b * kBlock);
        const std::uint64_t head_bits = std::uint64_t(n) * (w_gap + w_body + w_title);
        next = at + 4 + (head_bits + 7) / 8;
        if (next > avail) return false;
        // Documents rise by gap + 1, so the block's last one below docs means all of them are.
        least += sum_bits(h + 4, 0, n, w_gap) + n;
        if (least > docs) return false;
        if (blocks > 1 && load_u32(p + 8 * std::uint64_t(b)) != least - 1) return false;
    }
    return true;
}

}  // namespace

// [SECTION] Opening and validation -----------------------------------------------------------

std::string_view Index::StringTable::get(std::uint32_t i) const {
    const std::uint32_t b = load_u32(offsets + 4 * i), e = load_u32(offsets + 4 * (i + 1));
    return std::string_view(blob + b, e - b);
}

std::uint32_t Index::StringTable::lower_bound(std::string_view key) const {
    std::uint32_t lo = 0, hi = count;
    while (lo < hi) {
        std::uint32_t mid = lo + (hi - lo) / 2;
        if (get(mid) < key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

bool Index::StringTable::sorted() const {
    for (std::uint32_t i = 1; i < count; ++i)
        if (!(get(i - 1) < get(i))) return false;
    return true;
}

bool Index::read_table(const std::uint8_t* p, std::size_t size, StringTable& t, std::size_t& used) {
    if (size < 8) return false;
    t.count = load_u32(p);
    const std::size_t head = 4 + 4 * (std::size_t(t.count) + 1);
    if (t.count > size / 4 || head > size) return false;
    t.offsets = p + 4;
    t.blob = reinterpret_cast<const char*>(p + head);
    std::uint32_t prev = 0;
    for (std::uint32_t i = 0; i <= t.count; ++i) {
        std::uint32_t o = load_u32(t.offsets + 4 * i);
        if (o < prev || o > size - head) return false;  // not head + o: it wraps where size_t is 32 bits (wasm)
        prev = o;
    }
    used = head + prev;
    return true;
}

Result<Index> Index::open(std::string bytes, std::string_view name) {
    auto owned = std::make_shared<const std::string>(std::move(bytes));
    const std::string_view view(*owned);
    return open_shared(std::move(owned), {view}, name);
}

Result<Index> Index::open(std::unique_ptr<char[]> bytes, std::size_t size, std::string_view name) {
    const std::string_view view(bytes.get(), size);
    return open_shared(std::shared_ptr<const char[]>(std::move(bytes)), {view}, name);
}

Result<Index> Index::open(std::vector<std::string> parts, std::string_view name) {
    auto owned = std::make_shared<const std::vector<std::string>>(std::move(parts));
    std::vector<std::string_view> views(owned->begin(), owned->end());
    return open_shared(std::move(owned), std::move(views), name);
}

std::size_t Index::size_bytes() const {
    std::size_t n = 0;
    for (std::string_view p : parts_) n += p.size();
    return n;
}

Result<Index> Index::open_shared(std::shared_ptr<const void> owner, std::vector<std::string_view> parts, std::string_view name) {
    const std::string where(name);
    auto bad = [&](const std::string& what) { return Error{where + ": not a valid Vigie index (" + what + ")"}; };
    Index ix;
    std::uint64_t total = 0;
    for (std::string_view p : parts) total += p.size();
    if (parts.empty() || total > std::numeric_limits<std::size_t>::max()) return bad("no VIDX header");
    const std::string_view b = parts.front();  // the header and the section table, in the first part
    const auto* base = reinterpret_cast<const std::uint8_t*>(b.data());
    if (b.size() < kHeaderBytes || b.compare(0, 4, kMagic, 4) != 0) return bad("no VIDX header");
    if (load_u32(base + 4) != kVersion)
        return bad("format version " + std::to_string(load_u32(base + 4)) + ", this build reads " +
                   std::to_string(kVersion));
    const std::uint32_t n_sections = load_u32(base + 12);
    if (load_u64(base + 24) != total)
        return bad("truncated: " + std::to_string(total) + " of " + std::to_string(load_u64(base + 24)) + " bytes");
    const std::size_t table_end = kHeaderBytes + std::size_t(kSectionEntryBytes) * n_sections;
    if (n_sections != kSectionCount || table_end > b.size()) return bad("section table");
    Checksum64 sum(total - table_end);
    sum.update(base + table_end, b.size() - table_end);
    for (std::size_t i = 1; i < parts.size(); ++i) sum.update(reinterpret_cast<const std::uint8_t*>(parts[i].data()), parts[i].size());
    if (sum.value() != load_u64(base + 16)) return bad("checksum mismatch");

    const std::uint8_t* sec[kSectionCount + 1] = {};
    std::size_t len[kSectionCount + 1] = {};
    for (std::uint32_t i = 0; i < n_sections; ++i) {
        const std::uint8_t* e = base + kHeaderBytes + kSectionEntryBytes * i;
        const std::uint32_t id = load_u32(e);
        const std::uint64_t off = load_u64(e + 8), size = load_u64(e + 16);
        if (id == 0 || id > kSectionCount || sec[id] || off > total || size > total - off) return bad("section " + std::to_string(id));
        std::uint64_t at = 0;  // where the part holding the section begins
        for (std::string_view p : parts) {
            if (off - at < p.size() || (size == 0 && off - at == p.size())) {
                if (size > p.size() - (off - at)) return bad("section " + std::to_string(id) + " across two parts");
                sec[id] = reinterpret_cast<const std::uint8_t*>(p.data()) + (off - at);
                break;
            }
            at += p.size();
        }
        if (!sec[id]) return bad("section " + std::to_string(id));
        len[id] = static_cast<std::size_t>(size);
    }
    auto S = [](Section s) { return static_cast<std::uint32_t>(s); };

    if (len[S(Section::meta)] < 40) return bad("meta");
    const std::uint8_t* meta = sec[S(Section::meta)];
    ix.docs_ = load_u32(meta);
    const std::uint32_t n_stems = load_u32(meta + 4), n_forms = load_u32(meta + 8), n_folded = load_u32(meta + 12);
    ix.title_tokens_ = load_u64(meta + 24);
    ix.body_tokens_ = load_u64(meta + 32);
    if (len[S(Section::docs)] != std::uint64_t(ix.docs_) * kDocRecordBytes) return bad("document table");
    ix.doc_records_ = sec[S(Section::docs)];

    if (len[S(Section::doc_offsets)] != (std::uint64_t(ix.docs_) * 4 + 2) * 8) return bad("document text offsets");
    ix.doc_text_ = sec[S(Section::doc_text)];
    ix.doc_offsets_ = sec[S(Section::doc_offsets)];
    std::uint64_t prev = 0;
    for (std::size_t i = 0; i <= std::size_t(ix.docs_) * 3; ++i) {
        std::uint64_t o = load_u64(ix.doc_offsets_ + 8 * i);
        if (o < prev || o > len[S(Section::doc_text)]) return bad("document text offsets");
        prev = o;
    }
    auto as_view = [&](Section s) { return std::string_view(reinterpret_cast<const char*>(sec[S(s)]), len[S(s)]); };
    auto bodies = BodyReader::open(as_view(Section::body_dictionary), as_view(Section::bodies),
                                   ix.doc_offsets_ + 8 * (std::size_t(ix.docs_) * 3 + 1), ix.docs_);
    if (!bodies) return bad(bodies.error().message);
    ix.bodies_ = std::move(bodies).value();
    ix.body_section_bytes_ = len[S(Section::bodies)] + len[S(Section::body_dictionary)];
    ix.checkpoints_ = sec[S(Section::checkpoints)];
    ix.checkpoints_size_ = len[S(Section::checkpoints)];
    ix.doc_countries_ = sec[S(Section::doc_countries)];

    std::size_t used = 0;
    if (!read_table(sec[S(Section::sources)], len[S(Section::sources)], ix.sources_, used)) return bad("sources");
    if (!read_table(sec[S(Section::countries)], len[S(Section::countries)], ix.countries_, used)) return bad("countries");
    for (std::uint32_t d = 0; d < ix.docs_; ++d) {
        const std::uint8_t* r = ix.doc_records_ + kDocRecordBytes * d;
        const std::uint16_t source = load_u16(r + 16);
        if (source != kNoSource && source >= ix.sources_.count) return bad("document source");
        if ((std::size_t(load_u32(r + 20)) + load_u16(r + 18)) * 2 > len[S(Section::doc_countries)])
            return bad("document countries");
        if (load_u32(r + 24) > ix.checkpoints_size_) return bad("document checkpoints");
    }
    for (std::size_t i = 0; i + 1 < len[S(Section::doc_countries)]; i += 2)
        if (load_u16(ix.doc_countries_ + i) >= ix.countries_.count) return bad("country ids");

    if (!read_table(sec[S(Section::stems)], len[S(Section::stems)], ix.stems_, used) || ix.stems_.count != n_stems ||
        len[S(Section::stems)] < used + 4 * (std::uint64_t(n_stems) + 1))
        return bad("stems");
    ix.first_form_ = sec[S(Section::stems)] + used;
    if (!ix.stems_.sorted()) return bad("stems");  // a word's stem is looked up by bisection
    if (!rising(ix.first_form_, n_stems + 1, n_forms)) return bad("stem forms");

    if (!read_table(sec[S(Section::forms)], len[S(Section::forms)], ix.forms_, used) || ix.forms_.count != n_forms)
        return bad("forms");
    used = (used + 7) & ~std::size_t(7);
    if (len[S(Section::forms)] < used + 16 * std::uint64_t(n_forms)) return bad("form records");
    ix.form_records_ = sec[S(Section::forms)] + used;
    ix.postings_ = sec[S(Section::postings)];
    ix.postings_size_ = len[S(Section::postings)];
    // Each form's postings lie in form order, up to the next form's (the last up to the padding).
    if (ix.postings_size_ < 8) return bad("postings");
    for (std::uint32_t f = 0; f < n_forms; ++f) {
        const std::uint8_t* r = ix.form_records_ + 16 * f;
        const std::uint32_t df = load_u32(r + 8);
        if (df == 0 || df > ix.docs_ || load_u32(r + 12) >= n_stems) return bad("form " + std::to_string(f));
        const auto [begin, end] = ix.postings_range(f);
        if (end < begin || end > ix.postings_size_ - 8 || !valid_postings(ix.postings_ + begin, end - begin, df, ix.docs_))
            return bad("postings of form " + std::to_string(f));
    }

    if (!read_table(sec[S(Section::folded)], len[S(Section::folded)], ix.folded_, used) || ix.folded_.count != n_folded ||
        len[S(Section::folded)] < used + 4 * (std::uint64_t(n_folded) + 1))
        return bad("folded forms");
    ix.folded_first_ = sec[S(Section::folded)] + used;
    if (!ix.folded_.sorted()) return bad("folded forms");  // prefix ranges and the typo walk rely on it
    ix.folded_starts_.assign(65537, ix.folded_.count);
    for (std::uint32_t i = 0, key = 0; i < ix.folded_.count; ++i) {
        const std::string_view t = ix.folded_.get(i);
        const std::uint32_t at = t.empty() ? 0 : 256u * static_cast<unsigned char>(t[0]) + (t.size() > 1 ? static_cast<unsigned char>(t[1]) : 0u);
        for (; key <= at; ++key) ix.folded_starts_[key] = i;
    }
    if (len[S(Section::folded_forms)] != 4 * std::uint64_t(n_forms) || load_u32(ix.folded_first_ + 4 * n_folded) != n_forms ||
        !rising(ix.folded_first_, n_folded + 1, n_forms))
        return bad("folded form lists");
    ix.folded_forms_ = sec[S(Section::folded_forms)];
    for (std::uint32_t i = 0; i < n_forms; ++i)
        if (load_u32(ix.folded_forms_ + 4 * i) >= n_forms) return bad("folded form ids");

    {
        const std::uint8_t* p = sec[S(Section::stem_aliases)];
        const std::size_t size = len[S(Section::stem_aliases)];
        if (!read_table(p, size, ix.alias_keys_, used) || !ix.alias_keys_.sorted() || size < used + 4 * (std::uint64_t(ix.alias_keys_.count) + 1))
            return bad("stem aliases");
        ix.alias_first_ = p + used;
        const std::uint32_t n = load_u32(ix.alias_first_ + 4 * std::size_t(ix.alias_keys_.count));
        if (size != used + 4 * (std::uint64_t(ix.alias_keys_.count) + 1) + 4 * std::uint64_t(n) ||
            !rising(ix.alias_first_, ix.alias_keys_.count + 1, n))
            return bad("stem aliases");
        ix.alias_stems_ = ix.alias_first_ + 4 * (std::size_t(ix.alias_keys_.count) + 1);
        for (std::uint32_t i = 0; i < n; ++i)
            if (load_u32(ix.alias_stems_ + 4 * std::size_t(i)) >= n_stems) return bad("stem aliases");
    }

    {
        const std::uint8_t* p = sec[S(Section::stem_summaries)];
        const std::size_t size = len[S(Section::stem_summaries)];
        if (size < 20) return bad("stem summaries");
        for (int i = 0; i < 4; ++i) ix.summary_weights_[i] = load_f32(p + 4 * i);
        ix.summary_count_ = load_u32(p + 16);
        if (ix.summary_count_ > n_stems || 20 + 8 * std::uint64_t(ix.summary_count_) > size) return bad("stem summaries");
        ix.summary_entries_ = p + 20;
        ix.summary_records_ = p + 20 + 8 * std::size_t(ix.summary_count_);
        ix.summary_records_size_ = size - 20 - 8 * std::size_t(ix.summary_count_);
        // The table only: a record is read, and checked, when a query asks for it (summary()),
        // which takes a damaged one for none. Reading them all here was a sixth of opening.
        for (std::uint32_t i = 0; i < ix.summary_count_; ++i) {
            const std::uint8_t* e = ix.summary_entries_ + 8 * i;
            const std::uint32_t stem = load_u32(e);
            const auto [at, end] = ix.summary_range(i);
            if (stem >= n_stems || (i && stem <= load_u32(e - 8)) || at > end || end > ix.summary_records_size_)
                return bad("summary of stem " + std::to_string(stem));
        }
    }

    {
        const std::uint8_t* p = sec[S(Section::stem_postings)];
        const std::size_t size = len[S(Section::stem_postings)];
        if (size < 12) return bad("stem postings");
        ix.merged_count_ = load_u32(p);
        ix.merged_size_ = size;
        const std::uint64_t head = 4 + 16 * std::uint64_t(ix.merged_count_);
        if (ix.merged_count_ > n_stems || head + 8 > size) return bad("stem postings");
        ix.merged_entries_ = p + 4;
        ix.merged_postings_ = p + head;
        const std::uint64_t avail = ix.merged_range(ix.merged_count_).first;  // the padding after the last
        for (std::uint32_t i = 0; i < ix.merged_count_; ++i) {
            const std::uint8_t* e = ix.merged_entries_ + 16 * i;
            const std::uint32_t stem = load_u32(e), df = load_u32(e + 4);
            const auto [begin, end] = ix.merged_range(i);
            if (stem >= n_stems || (i && stem <= load_u32(e - 16)) || df == 0 || df > ix.docs_ || begin > end || end > avail ||
                !valid_postings(ix.merged_postings_ + begin, end - begin, df, ix.docs_))
                return bad("merged postings of stem " + std::to_string(stem));
        }
    }

    {
        // The table only: a pair's documents are checked when a phrase reads them.
        const std::uint8_t* p = sec[S(Section::pair_postings)];
        const std::size_t size = len[S(Section::pair_postings)];
        if (size < 16) return bad("pair postings");
        ix.pair_stem_count_ = load_u32(p);
        ix.pair_count_ = load_u32(p + 4);
        const std::uint64_t head = 8 + 4 * std::uint64_t(ix.pair_stem_count_) + 16 * std::uint64_t(ix.pair_count_);
        if (ix.pair_stem_count_ > n_stems || ix.pair_count_ > size / 16 || head + 8 > size) return bad("pair postings");
        ix.pair_stems_ = p + 8;
        ix.pair_entries_ = ix.pair_stems_ + 4 * std::size_t(ix.pair_stem_count_);
        ix.pair_postings_ = p + head;
        ix.pair_postings_size_ = size - head - 8;
        for (std::uint32_t i = 0; i < ix.pair_stem_count_; ++i)
            if (load_u32(ix.pair_stems_ + 4 * i) >= n_stems || (i && load_u32(ix.pair_stems_ + 4 * i) <= load_u32(ix.pair_stems_ + 4 * i - 4)))
                return bad("pair postings' stems");
        for (std::uint32_t i = 0; i < ix.pair_count_; ++i) {
            const std::uint8_t* e = ix.pair_entries_ + 16 * std::size_t(i);
            const std::uint64_t key = pair_key(e), df = load_u32(e + 8);
            const auto [begin, end] = ix.pair_range(i);
            if (load_u32(e) >= ix.pair_stem_count_ || load_u32(e + 4) >= ix.pair_stem_count_ || (i && key <= pair_key(e - 16)) ||
                df == 0 || df > ix.docs_ || begin > end || end > ix.pair_postings_size_)
                return bad("pair postings, pair " + std::to_string(i));
        }
    }

    ix.avg_title_ = scoring::average_length(ix.title_tokens_, ix.docs_);
    ix.avg_body_ = scoring::average_length(ix.body_tokens_, ix.docs_);
    ix.hot_.resize(ix.docs_);
    for (std::uint32_t d = 0; d < ix.docs_; ++d) {
        const std::uint8_t* r = ix.doc_records_ + format::kDocRecordBytes * d;
        ix.hot_[d] = {scoring::title_weight(ix.doc_title_tokens(d), ix.avg_title_),
                      scoring::body_weight(ix.doc_body_tokens(d), ix.avg_body_), load_u16(r + 12), load_u16(r + 16),
                      load_u16(r + 18), 0, load_u32(r + 20)};
    }
    ix.owner_ = std::move(owner);
    ix.parts_ = std::move(parts);
    return ix;
}

bool Index::read_summary(const std::uint8_t* p, const std::uint8_t* end, std::uint32_t forms, StemSummary& out) const {
    if (end - p < 4) return false;
    out.rest = load_f32(p);
    p += 4;
    if (!(out.rest >= 0 && out.rest <= 3.4e38f)) return false;  // NaN fails too
    std::uint32_t n = 0;
    if (!read_varint(p, end, out.docs) || out.docs > docs_ || !read_varint(p, end, n) || n > out.docs) return false;
    out.listed.resize(n);
    out.tfs.clear();
    std::uint64_t doc = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
        StemSummary::Listed& l = out.listed[i];
        std::uint32_t gap = 0;
        if (!read_varint(p, end, gap) || (i && gap == 0) || !read_varint(p, end, l.count) || l.count > forms) return false;
        doc += gap;
        if (doc >= docs_) return false;
        l.doc = static_cast<std::uint32_t>(doc);
        l.first = static_cast<std::uint32_t>(out.tfs.size());
        for (std::uint32_t k = 0; k < l.count; ++k) {
            StemSummary::FormTf t;
            if (!read_varint(p, end, t.form) || t.form >= forms || !read_varint(p, end, t.tf_title) || !read_varint(p, end, t.tf_body))
                return false;
            out.tfs.push_back(t);
        }
    }
    const std::uint32_t limits[3] = {0x10000, sources_.count, countries_.count};
    const std::array<std::vector<std::pair<std::uint32_t, std::uint32_t>>*, 3> facets = {&out.years, &out.sources, &out.countries};
    for (int k = 0; k < 3; ++k) {
        if (!read_varint(p, end, n) || n > limits[k]) return false;
        facets[k]->resize(n);
        for (auto& [value, count] : *facets[k])
            if (!read_varint(p, end, value) || value >= limits[k] || !read_varint(p, end, count) || count > out.docs) return false;
    }
    return p == end;
}

namespace {

// The entry (of `stride` bytes, starting with a u32 stem; rising) for stem, or null.
const std::uint8_t* find_entry(const std::uint8_t* entries, std::uint32_t count, std::size_t stride, std::uint32_t stem) {
    std::uint32_t lo = 0, hi = count;
    while (lo < hi) {
        const std::uint32_t mid = lo + (hi - lo) / 2;
        if (load_u32(entries + stride * mid) < stem) lo = mid + 1;
        else hi = mid;
    }
    return lo < count && load_u32(entries + stride * lo) == stem ? entries + stride * lo : nullptr;
}

}  // namespace

bool Index::summary(std::uint32_t stem, StemSummary& out) const {
    const std::uint8_t* e = find_entry(summary_entries_, summary_count_, 8, stem);
    if (!e) return false;
    const auto [begin, end] = summary_range(static_cast<std::uint32_t>((e - summary_entries_) / 8));
    return read_summary(summary_records_ + begin, summary_records_ + end, stem_forms(stem), out);
}

bool Index::stem_postings(std::uint32_t stem, PostingCursor& out) const {
    const std::uint8_t* e = find_entry(merged_entries_, merged_count_, 16, stem);
    if (!e) return false;
    const auto [begin, end] = merged_range(static_cast<std::uint32_t>((e - merged_entries_) / 16));
    out = PostingCursor(merged_postings_ + begin, end - begin, load_u32(e + 4));
    return true;
}

bool Index::adjacent_postings(std::uint32_t first, std::uint32_t second, PostingCursor& out) const {
    auto listed = [&](std::uint32_t stem) -> std::optional<std::uint32_t> {
        const std::uint8_t* e = find_entry(pair_stems_, pair_stem_count_, 4, stem);
        if (!e) return std::nullopt;
        return static_cast<std::uint32_t>((e - pair_stems_) / 4);
    };
    const auto a = listed(first), b = listed(second);
    if (!a || !b) return false;
    const std::uint64_t key = std::uint64_t(*a) << 32 | *b;
    std::uint32_t lo = 0, hi = pair_count_;
    while (lo < hi) {
        const std::uint32_t mid = lo + (hi - lo) / 2;
        if (pair_key(pair_entries_ + 16 * std::size_t(mid)) < key) lo = mid + 1;
        else hi = mid;
    }
    if (lo == pair_count_ || pair_key(pair_entries_ + 16 * std::size_t(lo)) != key) {
        out = PostingCursor();  // they never follow each other
        return true;
    }
    const auto [begin, end] = pair_range(lo);
    const std::uint32_t df = load_u32(pair_entries_ + 16 * std::size_t(lo) + 8);
    if (!valid_postings(pair_postings_ + begin, end - begin, df, docs_)) return false;
    out = PostingCursor(pair_postings_ + begin, end - begin, df);
    return true;
}

std::pair<std::uint64_t, std::uint64_t> Index::pair_range(std::uint32_t i) const {
    const std::uint8_t* e = pair_entries_ + 16 * std::size_t(i);
    return {load_u32(e + 12), i + 1 < pair_count_ ? load_u32(e + 28) : pair_postings_size_};
}

std::pair<std::uint64_t, std::uint64_t> Index::postings_range(std::uint32_t f) const {
    const std::uint8_t* r = form_records_ + 16 * f;
    return {load_u64(r), f + 1 < forms_.count ? load_u64(r + 16) : postings_size_ - 8};
}

std::pair<std::uint64_t, std::uint64_t> Index::summary_range(std::uint32_t i) const {
    const std::uint8_t* e = summary_entries_ + 8 * std::size_t(i);
    return {load_u32(e + 4), i + 1 < summary_count_ ? load_u32(e + 12) : summary_records_size_};
}

std::pair<std::uint64_t, std::uint64_t> Index::merged_range(std::uint32_t i) const {
    const std::uint64_t avail = merged_size_ - (4 + 16 * std::size_t(merged_count_)) - 8;  // 8: the padding
    if (i == merged_count_) return {avail, avail};
    const std::uint8_t* e = merged_entries_ + 16 * std::size_t(i);
    return {load_u64(e + 8), i + 1 < merged_count_ ? load_u64(e + 24) : avail};
}

// [SECTION] Documents -------------------------------------------------------------------------

std::string_view Index::doc_field(std::uint32_t d, std::uint32_t k) const {
    const std::size_t i = std::size_t(d) * 3 + k;
    const std::uint64_t b = load_u64(doc_offsets_ + 8 * i), e = load_u64(doc_offsets_ + 8 * (i + 1));
    return std::string_view(reinterpret_cast<const char*>(doc_text_) + b, e - b);
}

DocView Index::doc(std::uint32_t d, bool with_text) const {
    DocView v;
    v.id = doc_field(d, 0);
    v.title = doc_field(d, 1);
    v.url = doc_field(d, 2);
    if (with_text) body(d, v.text);
    const std::uint8_t* r = doc_records_ + kDocRecordBytes * d;
    v.title_tokens = load_u32(r);
    v.body_tokens = load_u32(r + 4);
    v.body_start = load_u32(r + 8);
    v.date.year = load_u16(r + 12);
    v.date.month = r[14];
    v.date.day = r[15];
    const std::uint16_t source = load_u16(r + 16);
    if (source != kNoSource) v.source = sources_.get(source);
    auto [ids, n] = doc_countries(d);
    for (std::uint32_t i = 0; i < n; ++i) v.countries.push_back(countries_.get(load_u16(ids + 2 * i)));
    return v;
}

corpus::Document to_document(const DocView& v) {
    corpus::Document d;
    d.id = v.id;
    d.title = v.title;
    d.text = v.text;
    d.url = v.url;
    d.source = v.source;
    d.date = v.date;
    for (auto c : v.countries) d.countries.emplace_back(c);
    return d;
}

std::uint32_t Index::doc_date_key(std::uint32_t d) const {
    const std::uint8_t* r = doc_records_ + kDocRecordBytes * d;
    return load_u16(r + 12) * 10000u + r[14] * 100u + r[15];
}
std::uint32_t Index::doc_title_tokens(std::uint32_t d) const { return load_u32(doc_records_ + kDocRecordBytes * d); }
std::uint32_t Index::doc_body_tokens(std::uint32_t d) const { return load_u32(doc_records_ + kDocRecordBytes * d + 4); }
std::uint32_t Index::doc_body_start(std::uint32_t d) const { return load_u32(doc_records_ + kDocRecordBytes * d + 8); }


bool Index::checkpoints(std::uint32_t d, std::uint32_t first, std::uint32_t last, Checkpoints& out) const {
    const std::uint32_t body = doc_body_tokens(d);
    out.count = body / kCheckpointEvery + (body % kCheckpointEvery != 0);
    out.first.reset();
    out.last.reset();
    const std::uint8_t* p = checkpoints_ + load_u32(doc_records_ + kDocRecordBytes * d + 24);
    const std::uint8_t* end = checkpoints_ + checkpoints_size_;
    const std::uint32_t stop = std::min(last, out.count - (out.count > 0));  // the last one read
    if (out.count == 0 || first > stop) return true;
    std::uint64_t at = 0;
    for (std::uint32_t k = 0; k <= stop;) {
        // Most gaps (8 words) take one byte: eight of them at once while none goes on (their sum
        // is the same in either byte order).
        if (k + 8 <= first && end - p >= 8) {
            std::uint64_t v;
            std::memcpy(&v, p, 8);
            if (!(v & 0x8080808080808080ull)) {
                const std::uint64_t pairs = (v & 0x00FF00FF00FF00FFull) + ((v >> 8) & 0x00FF00FF00FF00FFull);
                at += (pairs * 0x0001000100010001ull) >> 48;
                p += 8;
                k += 8;
                continue;
            }
        }
        std::uint32_t delta = 0;
        if (!read_varint(p, end, delta)) return false;
        at += delta;
        if (at > UINT32_MAX) return false;  // only a damaged blob
        if (k == first) out.first = static_cast<std::uint32_t>(at);
        if (k == last) out.last = static_cast<std::uint32_t>(at);
        ++k;
    }
    return true;
}

// [SECTION] Dictionary ------------------------------------------------------------------------

std::optional<std::uint32_t> Index::find_stem(std::string_view term) const {
    const std::uint32_t i = stems_.lower_bound(term);
    if (i < stems_.count && stems_.get(i) == term) return i;
    return std::nullopt;
}

std::pair<std::uint32_t, std::uint32_t> Index::forms_of_stem(std::uint32_t stem) const {
    return {load_u32(first_form_ + 4 * stem), load_u32(first_form_ + 4 * (stem + 1))};
}

std::uint32_t Index::form_df(std::uint32_t form) const { return load_u32(form_records_ + 16 * form + 8); }
std::uint32_t Index::form_stem(std::uint32_t form) const { return load_u32(form_records_ + 16 * form + 12); }

PostingCursor Index::postings(std::uint32_t form) const {
    const auto [begin, end] = postings_range(form);
    return PostingCursor(postings_ + begin, end - begin, load_u32(form_records_ + 16 * form + 8));
}

std::optional<std::uint32_t> Index::find_folded(std::string_view folded) const {
    const std::uint32_t i = folded_.lower_bound(folded);
    if (i < folded_.count && folded_.get(i) == folded) return i;
    return std::nullopt;
}

std::pair<std::uint32_t, std::uint32_t> Index::folded_prefix(std::string_view prefix) const {
    const std::uint32_t lo = folded_.lower_bound(prefix);
    std::uint32_t a = lo, b = folded_.count;
    while (a < b) {  // first entry not starting with prefix
        std::uint32_t mid = a + (b - a) / 2;
        if (folded_.get(mid).substr(0, prefix.size()) == prefix) a = mid + 1;
        else b = mid;
    }
    return {lo, a};
}

std::pair<const std::uint8_t*, std::uint32_t> Index::stem_aliases(std::string_view term) const {
    const std::uint32_t i = alias_keys_.lower_bound(term);
    if (i >= alias_keys_.count || alias_keys_.get(i) != term) return {nullptr, 0};
    const std::uint32_t b = load_u32(alias_first_ + 4 * std::size_t(i)), e = load_u32(alias_first_ + 4 * std::size_t(i + 1));
    return {alias_stems_ + 4 * std::size_t(b), e - b};
}

std::pair<const std::uint8_t*, std::uint32_t> Index::forms_of_folded(std::uint32_t f) const {
    const std::uint32_t b = load_u32(folded_first_ + 4 * f), e = load_u32(folded_first_ + 4 * (f + 1));
    return {folded_forms_ + 4 * std::size_t(b), e - b};
}

// Folded terms within k edits (Damerau: a swap of neighbours is one) of word, as (folded id,
// distance), in dictionary order. The sorted folded table is walked as a trie, one
// Levenshtein row per prefix; a prefix whose whole row is already k can only be completed by
// the rest of word as typed, so those completions are looked up instead of walked.
void Index::fuzzy(std::string_view word, int k, std::vector<std::pair<std::uint32_t, int>>& out,
                  std::size_t keep_prefix) const {
    static constexpr std::size_t kMaxNear = 64;  // the first in dictionary order
    struct Walk {
        const StringTable& terms;
        const std::vector<std::uint32_t>& starts;  // folded_starts_
        std::string_view word;
        int k;
        std::size_t keep_prefix;
        std::vector<std::pair<std::uint32_t, int>>& out;
        std::size_t n = word.size(), kk = static_cast<std::size_t>(k), max_len = n + kk;
        // rows[d] = edit distances between word[0..j) and the current prefix of length d.
        std::vector<std::vector<int>> rows = std::vector<std::vector<int>>(max_len + 2, std::vector<int>(n + 1));
        std::string prefix = {};
        std::vector<std::string_view> tails = {};
        std::vector<std::string> swapped = {};  // the tails made by a swap, which word does not hold as such
        std::vector<std::uint32_t> found = {};

        unsigned char at(std::uint32_t i, std::size_t depth) const { return static_cast<unsigned char>(terms.get(i)[depth]); }
        // End of the run of terms in [lo, hi) whose byte at depth is c (the first term's): from the
        // table of starts for the first two bytes; deeper, galloping from lo, since deep in the trie
        // runs are short and a plain binary search pays for the range.
        std::uint32_t run_end(std::uint32_t lo, std::uint32_t hi, std::size_t depth, unsigned char c) const {
            if (depth == 0) return starts[256 * (c + 1u)];
            if (depth == 1) return starts[256u * static_cast<unsigned char>(prefix[0]) + c + 1];
            std::uint32_t a = lo + 1, step = 1;
            while (a < hi && at(a, depth) <= c) {
                lo = a;
                a = step < hi - lo ? lo + step : hi;
                step *= 2;
            }
            std::uint32_t b = a;  // at(lo) <= c holds; the end is in (lo, b]
            a = lo + 1;
            while (a < b) {
                const std::uint32_t mid = a + (b - a) / 2;
                if (at(mid, depth) <= c) a = mid + 1;
                else b = mid;
            }
            return a;
        }
        // Terms in [lo, hi) (all sharing the prefix of length depth, whose row is k at best) within
        // k edits: the prefix + the rest of word from a cell at k, or + one letter that swaps with
        // the prefix's last (a swap reaches back a row, so it can still come in at k).
        void exact_tails(std::uint32_t lo, std::uint32_t hi, std::size_t depth) {
            const std::vector<int>& row = rows[depth];
            tails.clear();
            const std::size_t jlo = depth > kk ? depth - kk : 0, jhi = std::min(n, depth + kk);
            for (std::size_t j = jlo; j <= jhi && j < n; ++j)
                if (row[j] == k) tails.push_back(word.substr(j));
            std::size_t made = 0;
            if (swapped.size() < 2 * kk + 3) swapped.resize(2 * kk + 3);  // before any view into them is taken
            if (depth >= 1)
                for (std::size_t j = std::max<std::size_t>(2, depth + 1 > kk ? depth + 1 - kk : 0); j <= std::min(n, depth + 1 + kk); ++j)
                    if (word[j - 1] == prefix[depth - 1] && rows[depth - 1][j - 2] + 1 == k) {
                        std::string& t = swapped[made++];  // reused: no allocation once grown
                        t.assign(1, word[j - 2]);
                        t.append(word.substr(j));
                        tails.push_back(t);
                    }
            // Each tail looked up in the run (a tail met before is skipped), then the terms found
            // put out in dictionary order.
            found.clear();
            for (std::size_t t = 0; t < tails.size(); ++t) {
                const std::string_view tail = tails[t];
                if (std::find(tails.begin(), tails.begin() + static_cast<std::ptrdiff_t>(t), tail) != tails.begin() + static_cast<std::ptrdiff_t>(t))
                    continue;
                std::uint32_t a = lo, b = hi;
                if (depth == 1 && !tail.empty()) {  // the run of the prefix and the tail's first byte
                    const std::uint32_t key = 256u * static_cast<unsigned char>(prefix[0]) + static_cast<unsigned char>(tail[0]);
                    a = std::max(a, starts[key]);
                    b = std::min(b, starts[key + 1]);
                }
                while (a < b) {
                    const std::uint32_t mid = a + (b - a) / 2;
                    if (compare_tail(mid, depth, tail) < 0) a = mid + 1;
                    else b = mid;
                }
                if (a < hi && compare_tail(a, depth, tail) == 0) found.push_back(a);
            }
            std::sort(found.begin(), found.end());
            for (std::uint32_t id : found) {
                if (out.size() >= kMaxNear) return;
                out.emplace_back(id, k);
            }
        }
        // Term i past its first depth bytes against tail: <0, 0, >0 (terms of a run are at least
        // depth long).
        int compare_tail(std::uint32_t i, std::size_t depth, std::string_view tail) const {
            const std::string_view s = terms.get(i);
            const std::size_t rest = s.size() - depth, m = std::min(rest, tail.size());
            for (std::size_t x = 0; x < m; ++x) {
                const auto c = static_cast<unsigned char>(s[depth + x]), t = static_cast<unsigned char>(tail[x]);
                if (c != t) return c < t ? -1 : 1;
            }
            return rest < tail.size() ? -1 : rest > tail.size() ? 1 : 0;
        }
        void walk(std::uint32_t lo, std::uint32_t hi, std::size_t depth, int least) {
            const std::vector<int>& row = rows[depth];
            if (lo < hi && terms.get(lo).size() == depth) {  // the prefix itself is a term (sorts first)
                const bool in_band = depth <= n + kk && n <= depth + kk;
                if (in_band && row[n] <= k && out.size() < kMaxNear) out.emplace_back(lo, row[n]);
                ++lo;
            }
            if (depth >= max_len || lo >= hi) return;
            if (least == k && depth >= keep_prefix) return exact_tails(lo, hi, depth);
            while (lo < hi && out.size() < kMaxNear) {
                const unsigned char c = at(lo, depth);
                const std::uint32_t a = run_end(lo, hi, depth, c);
                if (depth < keep_prefix && depth < n && c != static_cast<unsigned char>(word[depth])) {  // skip this run
                    lo = a;
                    continue;
                }
                // Only the band |j − (depth + 1)| <= k can hold a distance <= k (Ukkonen): the
                // cells just outside it are set to k + 1, the rest never read.
                std::vector<int>& next = rows[depth + 1];
                const std::size_t d1 = depth + 1, jlo = d1 > kk ? d1 - kk : 0, jhi = std::min(n, d1 + kk);
                int best = k + 1;
                if (jlo == 0) best = next[0] = static_cast<int>(d1);
                else next[jlo - 1] = k + 1;
                for (std::size_t j = std::max<std::size_t>(jlo, 1); j <= jhi; ++j) {
                    int v = std::min({row[j] + 1, next[j - 1] + 1, row[j - 1] + (static_cast<unsigned char>(word[j - 1]) != c)});
                    if (depth >= 1 && j >= 2 && word[j - 1] == prefix[depth - 1] && static_cast<unsigned char>(word[j - 2]) == c)
                        v = std::min(v, rows[depth - 1][j - 2] + 1);
                    next[j] = std::min(v, k + 1);
                    best = std::min(best, next[j]);
                }
                if (jhi < n) next[jhi + 1] = k + 1;
                if (best <= k) {
                    prefix.push_back(static_cast<char>(c));
                    walk(lo, a, depth + 1, best);
                    prefix.pop_back();
                }
                lo = a;
            }
        }
    };
    Walk w{folded_, folded_starts_, word, k, keep_prefix, out};
    for (std::size_t j = 0; j <= w.n; ++j) w.rows[0][j] = static_cast<int>(j);
    w.walk(0, folded_.count, 0, 0);
}

IndexStats Index::stats() const {
    IndexStats s;
    s.documents = docs_;
    s.stems = stems_.count;
    s.forms = forms_.count;
    s.folded = folded_.count;
    s.postings_bytes = postings_size_;
    s.summary_bytes = 20 + 8 * std::uint64_t(summary_count_) + summary_records_size_;
    s.merged_bytes = merged_size_;
    s.pair_bytes = 16 + 4 * std::uint64_t(pair_stem_count_) + 16 * std::uint64_t(pair_count_) + pair_postings_size_;
    s.total_bytes = size_bytes();
    s.fields_bytes = load_u64(doc_offsets_ + 8 * (std::size_t(docs_) * 3));
    s.text_bytes = s.fields_bytes + body_section_bytes_;
    s.body_raw_bytes = bodies_.raw_bytes();
    s.dictionary_bytes = stems_.bytes() + forms_.bytes() + folded_.bytes() + 4 * (std::size_t(stems_.count) + 1) +
                         16 * std::size_t(forms_.count) + 4 * (std::size_t(folded_.count) + 1) + 4 * std::size_t(forms_.count);
    s.title_tokens = title_tokens_;
    s.body_tokens = body_tokens_;
    return s;
}

}  // namespace vigie::index
