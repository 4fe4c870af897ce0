// The .vidx layout: one little-endian blob, identical native and wasm, read in place (no
// per-term objects on load). Versioned and checksummed. Layout (all offsets in bytes):
//
//   header      "VIDX" u32 version u32 flags u32 section_count u64 checksum(after table) u64 size
//   table       section_count × {u32 id, u32 0, u64 offset, u64 size}, sections 8-byte aligned
//   META        u32 docs, stems, forms, folded, sources, countries; u64 title_tokens, body_tokens
//   DOCS        docs × DocRecord (32 bytes, below)
//   DOC_TEXT    bytes: per doc id, title, url, one after the other
//   DOC_OFFSETS u64 offsets[docs×3+1] into DOC_TEXT: where each of those begins, then the end;
//               then u64 ends[docs+1] into BODIES: 0, then where each document's frame ends
//   BODIES      per doc its body text (stored_text.h): varint decoded size n, varint compressed
//               size of each chunk but the last, then the chunks: the body cut every kBodyChunk
//               bytes, each one LZ4 block (HC level 3) with BODY_DICTIONARY before it; nothing
//               for an empty body
//   BODY_DICTIONARY at most 64 kB of text the blocks refer to: the segments zstd's trainer
//               (fastCover, k 200, d 8) picks from the first kDictionarySample bytes of bodies,
//               without zstd's header; empty when there were too few to learn from
//   CHECKPOINTS per doc: varints: byte offset (delta) of body positions 0, 8, 16, …
//   SOURCES     string table; COUNTRIES string table (iso3) + DOC_COUNTRIES u16 ids
//   STEMS       string table (terms, sorted) + u32 first_form[stems+1]
//   FORMS       string table (exact forms, grouped by stem) + forms × {u64 postings, u32 df, u32 stem}
//   FOLDED      string table (accent-folded forms, sorted) + u32 first[folded+1] into FOLDED_FORMS
//   FOLDED_FORMS u32 form ids
//   STEM_SUMMARIES for each stem whose forms hold >= kSummaryMinDocs postings, what a one-word
//               query with no filter would otherwise visit every document for (search.cpp):
//               f32 title weight, title b, body weight, body b (scoring.h, when written);
//               u32 count, count × {u32 stem (rising), u32 offset from the first record}; then
//               per stem: f32 rest, then varints: documents (holding any form), listed n,
//               n × {doc (the first absolute, then the gap), forms k, k × {form (from the stem's
//               first), tf_title, tf_body}}, years n × {year, documents}, sources n × {id,
//               documents}, countries n × {id, documents}. The listed documents are the
//               kSummaryListed with the highest G = title weight × tf_title + body weight ×
//               tf_body, the frequencies summed over the stem's forms (BM25F's normalised
//               frequency, every form counted once); every other document's G is at most rest.
//   STEM_POSTINGS for each stem of several forms that has a summary, its forms' postings merged:
//               u32 count, count × {u32 stem (rising), u32 documents, u64 offset}, then each
//               stem's postings as a form's (below), tf_title and tf_body summed over its forms,
//               no positions (width 0); then 8 bytes of padding.
//   PAIR_POSTINGS for each pair of frequent stems (the kPairStems whose forms hold the most
//               postings, at least IndexBuilder's pair_min_postings) where a form of the second
//               follows a form of the first somewhere (the next position), the documents where it
//               does: a phrase's candidates before its positions are read. u32 stems n, u32 pairs
//               m, n × u32 stem (rising), m × {u32 first, u32 second (indices in the stems,
//               rising as a pair), u32 documents, u32 offset}, then each pair's documents as a
//               form's postings (below) with no frequencies or positions (width 0); then 8 bytes
//               of padding. Two listed stems with no entry never follow each other.
//   STEM_ALIASES the stems a term leads to besides its own, where Snowball stems one word's
//               spellings apart: a string table of keys (terms, sorted) + u32 first[keys+1]
//               into u32 stem ids (rising per key). For each form with accents whose bare
//               spelling's term differs from its stem, that term keys the stem (sécurité:
//               securit → secur); for each form the builder moved to another stem (a plural to
//               its singular's, a spelling without accents to its accented twin's), its own
//               term keys the new stem (elus → elu, proce → proces).
//   POSTINGS    per form: [skip table if df > 128] blocks of 128 postings (the last one shorter);
//               then 8 bytes of padding (get_bits reads whole words)
//
// String table: u32 count, u32 offsets[count+1] (relative to the blob after them), bytes.
// Skip table: per block {u32 last doc, u32 offset of the block from the first block}.
// Block: u8 widths of doc gaps, tf_body, tf_title, positions; then bit-packed (bytes.h BitWriter,
//   each field at its widest value in the block): n doc gaps (doc − previous doc − 1, the
//   previous of the form's first being −1), n tf_body, n tf_title, then every posting's
//   tf_title + tf_body positions, first absolute then deltas; padded to a byte.
// Positions: title tokens from 0, body tokens from body_start (title length + a gap, so that
// no phrase spans the two fields).
#pragma once

#include <cstddef>
#include <cstdint>

namespace vigie::index::format {

constexpr char kMagic[4] = {'V', 'I', 'D', 'X'};
constexpr std::uint32_t kVersion = 8;  // 2: bit-packed postings blocks; 3: stem summaries and postings, checkpoints every 8; 4: pair postings, Fletcher checksum; 5: text offsets apart from the text; 6: bodies compressed; 7: long bodies in chunks; 8: plurals and bare spellings joined to their stems, stem aliases
constexpr std::uint32_t kHeaderBytes = 32;
constexpr std::uint32_t kSectionEntryBytes = 24;
constexpr std::uint32_t kBlock = 128;          // postings per skip block
constexpr std::uint32_t kCheckpointEvery = 8;  // body positions between byte-offset checkpoints
constexpr std::size_t kBodyChunk = 4 << 10;     // bytes of a body compressed as one block
constexpr std::uint32_t kFieldGap = 8;         // positions between title and body
constexpr std::uint32_t kDocRecordBytes = 32;
constexpr std::uint16_t kNoSource = 0xFFFF;
constexpr std::uint32_t kSummaryMinDocs = 1024;  // postings of a stem's forms for a summary
constexpr std::uint32_t kSummaryListed = 512;    // documents a summary lists
constexpr std::uint32_t kPairMinPostings = 8192;  // postings of a stem's forms for its pairs to be listed
constexpr std::uint32_t kPairStems = 2048;        // stems whose pairs are listed, at most
constexpr std::size_t kDictionarySample = 4 << 20;  // bodies' bytes the text dictionary is trained on

enum class Section : std::uint32_t {
    meta = 1, docs, doc_text, checkpoints, sources, countries, doc_countries, stems, forms, folded,
    folded_forms, postings, stem_summaries, stem_postings, pair_postings, doc_offsets, bodies, body_dictionary,
    stem_aliases,
};
constexpr std::uint32_t kSectionCount = 19;

// DocRecord: u32 title_tokens, u32 body_tokens, u32 body_start, u16 year, u8 month, u8 day,
//            u16 source, u16 country_count, u32 countries (first index in DOC_COUNTRIES),
//            u32 checkpoints (offset in CHECKPOINTS), u32 reserved.

}  // namespace vigie::index::format
