// Index: a read-only view over a .vidx blob (format.h). Opening validates the header, the
// checksum and every section's bounds; lookups then read the bytes in place.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/corpus/document.h"
#include "core/index/bytes.h"
#include "core/index/format.h"
#include "core/index/stored_text.h"
#include "core/result.h"

namespace vigie::index {

constexpr std::uint32_t kNoDoc = 0xFFFFFFFFu;

// Walks one form's postings in doc order, reading the packed blocks (format.h) in place: a
// step decodes one posting's gap and frequencies; positions are decoded only when asked for.
class PostingCursor {
public:
    PostingCursor() = default;
    PostingCursor(const std::uint8_t* postings, std::uint64_t size, std::uint32_t df);  // size: the list's bytes

    std::uint32_t doc() const { return doc_; }  // kNoDoc when exhausted
    std::uint32_t tf_title() const { if (!read_) read_frequencies(); return tf_title_; }
    std::uint32_t tf_body() const { if (!read_) read_frequencies(); return tf_body_; }
    std::uint32_t df() const { return df_; }
    void next();                          // to the next posting
    // f(doc, tf_title, tf_body) for each posting from this one to the first with doc >= end,
    // where it stops: a window of postings read in bulk without a call per posting.
    template <typename F>
    void each_before(std::uint64_t end, F&& f);
    // f(doc, ordinal) for the same postings, the documents alone (ordinal: the posting's rank in
    // the list, for frequencies_at): an AND reads the frequencies of the few documents it keeps.
    template <typename F>
    void each_doc_before(std::uint64_t end, F&& f);
    // The frequencies of the list's posting of rank ordinal, read in place.
    void frequencies_at(std::uint32_t ordinal, std::uint32_t& tf_title, std::uint32_t& tf_body) const {
        const std::uint32_t block = ordinal / format::kBlock, i = ordinal % format::kBlock;
        const std::uint8_t* p = blocks_ + (block ? load_u32(skip_ + 8 * block + 4) : 0);
        const std::uint64_t n = std::min(format::kBlock, df_ - block * format::kBlock);
        const unsigned w_gap = p[0], w_body = p[1], w_title = p[2];
        tf_body = get_bits(p + 4, n * w_gap + std::uint64_t(i) * w_body, w_body);
        tf_title = w_title ? get_bits(p + 4, n * (w_gap + w_body) + std::uint64_t(i) * w_title, w_title) : 0;
    }
    void advance(std::uint32_t target);   // to the first posting with doc >= target
    // The current posting's positions, sorted (none if its block is too short for them: a blob
    // made by hand; Index::open does not add up the frequencies).
    void positions(std::vector<std::uint32_t>& out) const;

private:
    void enter(std::uint32_t block);  // to the block's first posting
    template <bool frequencies, typename F>
    void walk_before(std::uint64_t end, F& f);  // each_before, each_doc_before
    void read_frequencies() const {   // of the posting i_ of the block
        read_ = true;
        tf_body_ = get_bits(bits_, body_from() + std::uint64_t(i_) * w_body_, w_body_);
        tf_title_ = w_title_ ? get_bits(bits_, title_from() + std::uint64_t(i_) * w_title_, w_title_) : 0;
    }
    // Where the block's fields begin in its bits: n_ gaps, n_ body frequencies, n_ title
    // frequencies, then the positions.
    std::uint64_t body_from() const { return std::uint64_t(n_) * w_gap_; }
    std::uint64_t title_from() const { return body_from() + std::uint64_t(n_) * w_body_; }
    std::uint64_t positions_from() const { return title_from() + std::uint64_t(n_) * w_title_; }
    const std::uint8_t* skip_ = nullptr;    // {last doc, offset} per block, null if one block
    const std::uint8_t* blocks_ = nullptr;  // the first block
    const std::uint8_t* bits_ = nullptr;    // the current block's packed values
    const std::uint8_t* end_ = nullptr;     // the list's end
    std::uint64_t block_bits_ = 0;          // bits from bits_ to the block's end
    std::uint32_t df_ = 0, block_ = 0, n_ = 0, i_ = 0, doc_ = kNoDoc;
    // Read when asked for: advance() passes postings whose frequencies nobody wants (an AND).
    mutable std::uint32_t tf_title_ = 0, tf_body_ = 0;
    mutable bool read_ = false;
    // Index in the block of the first position of posting position_of_ (brought up to i_ when
    // positions are asked for: most postings a cursor passes, it never reads the positions of).
    mutable std::uint32_t position_ = 0, position_of_ = 0;
    std::uint8_t w_gap_ = 0, w_body_ = 0, w_title_ = 0, w_position_ = 0;  // bit widths
};

template <typename F>
void PostingCursor::each_before(std::uint64_t end, F&& f) {
    walk_before<true>(end, f);
}

template <typename F>
void PostingCursor::each_doc_before(std::uint64_t end, F&& f) {
    walk_before<false>(end, f);
}

template <bool frequencies, typename F>
void PostingCursor::walk_before(std::uint64_t end, F& f) {
    while (doc_ != kNoDoc && doc_ < end) {
        // The block's fields in locals, read once: f may write anywhere, this cursor included.
        const std::uint8_t* const bits = bits_;
        const unsigned w_gap = w_gap_, w_body = w_body_, w_title = w_title_;
        const std::uint32_t n = n_, first = block_ * format::kBlock;
        std::uint32_t doc = doc_, i = i_;
        std::uint64_t gap = std::uint64_t(i) * w_gap, body = body_from() + std::uint64_t(i) * w_body,
                      title = title_from() + std::uint64_t(i) * w_title;
        for (;;) {
            if constexpr (frequencies) f(doc, w_title ? get_bits(bits, title, w_title) : 0u, get_bits(bits, body, w_body));
            else f(doc, first + i);
            if (i + 1 == n) break;
            ++i;
            gap += w_gap;
            if constexpr (frequencies) {
                body += w_body;
                title += w_title;
            }
            doc += 1 + get_bits(bits, gap, w_gap);
            if (doc >= end) break;
        }
        doc_ = doc;
        i_ = i;
        read_ = false;
        if (doc >= end) return;
        next();  // the block's last posting, read: on to the next block (or the end)
    }
}

struct DocView {
    std::string_view id, title, url, source;
    std::string text;  // the body, decoded (Index::doc without it: empty)
    corpus::Date date;
    std::uint32_t title_tokens = 0, body_tokens = 0, body_start = 0;
    std::vector<std::string_view> countries;
};

// The document back as the corpus type, to rebuild an index with more documents.
corpus::Document to_document(const DocView& view);

// A frequent stem's summary (format.h STEM_SUMMARIES): what a one-word query needs without
// visiting each of its documents.
struct StemSummary {
    struct Listed { std::uint32_t doc, first, count; };  // its forms: tfs[first, first + count)
    struct FormTf { std::uint32_t form, tf_title, tf_body; };  // form: an index into the stem's forms
    std::uint32_t docs = 0;      // documents holding any form of the stem
    float rest = 0;              // no unlisted document's G (format.h) is above it
    std::vector<Listed> listed;  // the documents with the highest G, by document
    std::vector<FormTf> tfs;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> years, sources, countries;  // (year or id, documents)
};

struct IndexStats {
    std::uint32_t documents = 0, stems = 0, forms = 0, folded = 0;
    std::uint64_t postings_bytes = 0, dictionary_bytes = 0, summary_bytes = 0, total_bytes = 0;
    std::uint64_t text_bytes = 0;      // the stored text as stored: fields_bytes + the bodies' records and dictionary
    std::uint64_t fields_bytes = 0;    // the documents' ids, titles and urls
    std::uint64_t body_raw_bytes = 0;  // the bodies, decoded
    std::uint64_t merged_bytes = 0;  // frequent stems' postings merged (no positions)
    std::uint64_t pair_bytes = 0;    // frequent stems' pairs' documents
    std::uint64_t title_tokens = 0, body_tokens = 0;
};

class Index {
public:
    // Takes the blob; an error names what is wrong ("truncated", "checksum mismatch", …).
    static Result<Index> open(std::string bytes, std::string_view name = "index");
    // The same from a buffer the caller filled (no zero-filling first: a saved 100k index is
    // hundreds of megabytes).
    static Result<Index> open(std::unique_ptr<char[]> bytes, std::size_t size, std::string_view name = "index");
    // The same from the blob in parts, joined in order (IndexBuilder::finish_parts: each section
    // as it was built, never copied into one buffer); each section must lie within one part.
    static Result<Index> open(std::vector<std::string> parts, std::string_view name = "index");

    std::uint32_t doc_count() const { return docs_; }
    DocView doc(std::uint32_t d, bool with_text = true) const;
    std::string_view doc_id(std::uint32_t d) const { return doc_field(d, 0); }  // doc(d).id, nothing else read
    // Document d's body text into out (a buffer the caller reuses), or only its first `prefix`
    // bytes (all of it if it is shorter); false, out empty, if its stored record does not decode.
    bool body(std::uint32_t d, std::string& out, std::size_t prefix = std::size_t(-1)) const { return bodies_.read(d, out, prefix); }
    // Bytes [from, to) of the body and the rest of their chunk before them, without a copy: valid
    // until the next body read on this thread (BodyReader::view).
    std::optional<BodyReader::Part> body_part(std::uint32_t d, std::size_t from, std::size_t to) const {
        return bodies_.view(d, from, to);
    }
    std::uint32_t source_count() const { return sources_.count; }
    std::string_view source_name(std::uint32_t s) const { return sources_.get(s); }
    // Per document, inline: facets count them for every match (from hot_, not the records).
    std::uint16_t doc_source(std::uint32_t d) const { return hot_[d].source; }
    int doc_year(std::uint32_t d) const { return hot_[d].year; }
    std::uint32_t doc_date_key(std::uint32_t d) const;  // yyyymmdd (0 where unknown): sorts by date
    std::uint32_t country_count() const { return countries_.count; }
    std::string_view country_code(std::uint32_t c) const { return countries_.get(c); }
    std::pair<const std::uint8_t*, std::uint32_t> doc_countries(std::uint32_t d) const {  // u16 ids
        return {doc_countries_ + 2 * std::size_t(hot_[d].countries_first), hot_[d].countries};
    }
    // What one occurrence in each field of the document is worth in BM25F (scoring.h: its
    // weight, normalised by the field's length over its average), computed once at open.
    double title_weight(std::uint32_t d) const { return hot_[d].title_weight; }
    double body_weight(std::uint32_t d) const { return hot_[d].body_weight; }
    float avg_title_tokens() const { return avg_title_; }
    float avg_body_tokens() const { return avg_body_; }
    std::uint32_t doc_title_tokens(std::uint32_t d) const;
    std::uint32_t doc_body_tokens(std::uint32_t d) const;
    std::uint32_t doc_body_start(std::uint32_t d) const;

    // Byte offsets in the doc's body of body positions k·8 (format::kCheckpointEvery), the
    // checkpoints: a snippet needs two of them, first <= last, around its passage. `count` is how
    // many the doc has (one per 8 body positions); each offset is set if checkpoint it exists
    // (last may be past the end: the passage runs to the end of the body). False if the doc's
    // list is cut off (only in a damaged blob); the caller, which decodes the body, checks that
    // the offsets lie within it.
    struct Checkpoints {
        std::uint32_t count = 0;
        std::optional<std::uint32_t> first, last;
    };
    bool checkpoints(std::uint32_t d, std::uint32_t first, std::uint32_t last, Checkpoints& out) const;

    // Dictionary.
    std::optional<std::uint32_t> find_stem(std::string_view term) const;
    std::pair<std::uint32_t, std::uint32_t> forms_of_stem(std::uint32_t stem) const;  // [first, last)
    std::string_view stem_text(std::uint32_t stem) const { return stems_.get(stem); }
    std::string_view form_text(std::uint32_t form) const { return forms_.get(form); }
    std::uint32_t form_df(std::uint32_t form) const;
    std::uint32_t form_stem(std::uint32_t form) const;
    PostingCursor postings(std::uint32_t form) const;

    // Accent-folded forms: exact lookup, prefix range [first, last), and their forms.
    std::optional<std::uint32_t> find_folded(std::string_view folded) const;
    std::pair<std::uint32_t, std::uint32_t> folded_prefix(std::string_view prefix) const;
    std::string_view folded_text(std::uint32_t f) const { return folded_.get(f); }
    std::pair<const std::uint8_t*, std::uint32_t> forms_of_folded(std::uint32_t f) const;  // u32 ids

    // The stems a term reaches across accents (format.h STEM_ALIASES): u32 stem ids, none when
    // it has no alias.
    std::pair<const std::uint8_t*, std::uint32_t> stem_aliases(std::string_view term) const;

    // Folded forms within max_edits of word (optimal string alignment distance: insertions,
    // deletions, substitutions, adjacent transpositions), found by walking the sorted folded
    // table as a trie and pruning branches already too far: no scan of every term.
    // keep_prefix: that many leading bytes must match exactly.
    void fuzzy(std::string_view word, int max_edits, std::vector<std::pair<std::uint32_t, int>>& out,
               std::size_t keep_prefix = 0) const;

    // The stem's summary, if it has one (its forms hold format::kSummaryMinDocs postings or
    // more); weights: the BM25F field weights its G was computed with (title weight, title b,
    // body weight, body b).
    bool summary(std::uint32_t stem, StemSummary& out) const;
    const float* summary_weights() const { return summary_weights_; }
    // The stem's forms' postings merged, if it has them (several forms and a summary): its
    // documents with tf_title and tf_body summed over its forms, no positions.
    bool stem_postings(std::uint32_t stem, PostingCursor& out) const;

    // The documents where a form of stem `second` follows one of stem `first` (the next
    // position), if the index lists pairs of those stems (format.h PAIR_POSTINGS: frequent
    // stems): true, out on them (none if they never follow each other); else false (or a damaged
    // list). No frequencies, no positions: a phrase's candidates.
    bool adjacent_postings(std::uint32_t first, std::uint32_t second, PostingCursor& out) const;

    IndexStats stats() const;
    // The .vidx bytes, in parts to be written one after the other (one part when loaded).
    const std::vector<std::string_view>& parts() const { return parts_; }
    std::size_t size_bytes() const;

private:
    struct StringTable {
        const std::uint8_t* offsets = nullptr;
        const char* blob = nullptr;
        std::uint32_t count = 0;
        std::string_view get(std::uint32_t i) const;
        std::size_t bytes() const { return 4 + 4 * (std::size_t(count) + 1) + (count ? load_end() : 0); }
        std::size_t load_end() const { auto last = get(count - 1); return std::size_t(last.data() + last.size() - blob); }
        std::uint32_t lower_bound(std::string_view key) const;
        bool sorted() const;  // each string once, in order: what lower_bound relies on
    };
    static bool read_table(const std::uint8_t* p, std::size_t size, StringTable& t, std::size_t& used);
    std::string_view doc_field(std::uint32_t d, std::uint32_t k) const;  // k: 0 id, 1 title, 2 url

    static Result<Index> open_shared(std::shared_ptr<const void> owner, std::vector<std::string_view> parts, std::string_view name);
    std::shared_ptr<const void> owner_;  // holds the parts: shared, so views stay valid when the Index moves
    std::vector<std::string_view> parts_;
    std::uint32_t docs_ = 0;
    const std::uint8_t* doc_records_ = nullptr;
    const std::uint8_t* doc_text_ = nullptr;
    const std::uint8_t* doc_offsets_ = nullptr;  // u64 × (docs × 3 + 1)
    BodyReader bodies_;
    std::size_t body_section_bytes_ = 0;  // BODIES and BODY_DICTIONARY
    const std::uint8_t* checkpoints_ = nullptr;
    std::size_t checkpoints_size_ = 0;
    const std::uint8_t* doc_countries_ = nullptr;
    StringTable sources_, countries_, stems_, forms_, folded_, alias_keys_;
    const std::uint8_t* alias_first_ = nullptr;
    const std::uint8_t* alias_stems_ = nullptr;
    // Where the folded terms of each first two bytes begin, built at open: entry b0 * 256 + b1 is
    // the first term whose first two bytes (b1 = 0 for a one-byte term) are these or more; 65,537
    // entries. The typo walk (fuzzy) takes the first two levels of its trie from it, the widest.
    std::vector<std::uint32_t> folded_starts_;
    const std::uint8_t* first_form_ = nullptr;
    const std::uint8_t* form_records_ = nullptr;
    const std::uint8_t* folded_first_ = nullptr;
    const std::uint8_t* folded_forms_ = nullptr;
    const std::uint8_t* postings_ = nullptr;
    std::size_t postings_size_ = 0;
    std::uint64_t title_tokens_ = 0, body_tokens_ = 0;
    float avg_title_ = 1, avg_body_ = 1;
    // What a search reads of every matching document, side by side (its 32-byte record and two
    // weights elsewhere were two or three cache misses per match on a large index), at open.
    struct alignas(32) Hot {  // one cache line holds a record whole
        double title_weight, body_weight;  // scoring.h
        std::uint16_t year, source, countries, unused;
        std::uint32_t countries_first;  // in DOC_COUNTRIES
    };
    std::vector<Hot> hot_;
    float summary_weights_[4] = {};
    const std::uint8_t* summary_entries_ = nullptr;  // {u32 stem, u32 offset} each
    std::uint32_t summary_count_ = 0;
    const std::uint8_t* summary_records_ = nullptr;
    const std::uint8_t* merged_entries_ = nullptr;  // {u32 stem, u32 documents, u64 offset} each
    std::uint32_t merged_count_ = 0;
    const std::uint8_t* merged_postings_ = nullptr;
    std::size_t merged_size_ = 0;
    std::size_t summary_records_size_ = 0;
    const std::uint8_t* pair_stems_ = nullptr;    // u32 stem ids, rising
    const std::uint8_t* pair_entries_ = nullptr;  // {u32 first, u32 second, u32 documents, u32 offset} each
    const std::uint8_t* pair_postings_ = nullptr;
    std::uint32_t pair_stem_count_ = 0, pair_count_ = 0;
    std::size_t pair_postings_size_ = 0;  // without the padding
    // Where a form's postings, a summary record (by entry) or a stem's merged postings (by entry;
    // merged_count_: where the last ends) lie in their section: [begin, end), up to the next one's
    // start, the last up to the section's end (its padding excluded). Index::open checks them.
    std::pair<std::uint64_t, std::uint64_t> postings_range(std::uint32_t form) const;
    std::pair<std::uint64_t, std::uint64_t> summary_range(std::uint32_t entry) const;
    std::pair<std::uint64_t, std::uint64_t> merged_range(std::uint32_t entry) const;
    std::pair<std::uint64_t, std::uint64_t> pair_range(std::uint32_t entry) const;
    // Decodes one record in [p, end), checking every value against the index's counts.
    bool read_summary(const std::uint8_t* p, const std::uint8_t* end, std::uint32_t forms, StemSummary& out) const;
    std::uint32_t stem_forms(std::uint32_t stem) const { auto [a, b] = forms_of_stem(stem); return b - a; }
};

}  // namespace vigie::index
