#include "core/index/builder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/geo/extract.h"
#include "core/index/bytes.h"
#include "core/index/format.h"
#include "core/index/index.h"
#include "core/index/scoring.h"
#include "core/index/stored_text.h"
#include "core/text/analyzer.h"
#include "core/text/fold.h"

namespace vigie::index {

namespace {

using namespace format;

struct FormPostings {
    // While building, varints (compact, appended to): per posting the doc gap, tf_body << 1 |
    // has_title, [tf_title]; and the positions, first absolute then deltas. finish() packs them.
    std::vector<std::uint8_t> docs, positions;
    std::uint32_t df = 0, last_doc = 0;

    // The doc stream's entry for the next document (ascending); its positions are the caller's.
    void add_posting(std::uint32_t doc, std::uint32_t tf_title, std::uint32_t tf_body) {
        put_varint(docs, df == 0 ? doc : doc - last_doc - 1);
        put_varint(docs, std::uint64_t(tf_body) << 1 | (tf_title > 0));
        if (tf_title) put_varint(docs, tf_title);
        last_doc = doc;
        ++df;
    }
    // add_posting's entry read back at p (advanced past it): the gap to the document before (the
    // first: the document itself, the gap being from kNoDoc + 1), tf_title, tf_body.
    struct Entry { std::uint32_t gap, tf_title, tf_body; };
    static Entry read_posting(const std::uint8_t*& p) {
        const std::uint32_t gap = read_varint(p), v = read_varint(p);
        return {gap, (v & 1) ? read_varint(p) : 0, v >> 1};
    }
};

void set_u32(std::string& out, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
void set_u64(std::string& out, std::size_t at, std::uint64_t v) {
    set_u32(out, at, static_cast<std::uint32_t>(v));
    set_u32(out, at + 4, static_cast<std::uint32_t>(v >> 32));
}

// How many postings the forms of stem s hold (`order` lists the forms by stem, `first_form`
// where each stem's begin): what decides a summary and a place among the paired stems.
std::uint64_t stem_postings(const std::vector<FormPostings>& forms, const std::vector<std::uint32_t>& order,
                            const std::vector<std::uint32_t>& first_form, std::uint32_t s) {
    std::uint64_t postings = 0;
    for (std::uint32_t i = first_form[s]; i < first_form[s + 1]; ++i) postings += forms[order[i]].df;
    return postings;
}

// A document's strings kept in DOC_TEXT as they are, in order (the body goes to BODIES, compressed).
std::array<const std::string*, 3> stored_fields(const corpus::Document& d) { return {&d.id, &d.title, &d.url}; }

// Where the part of text that begins at from ends: about `size` bytes on, just before a letter
// that a space or line break precedes, where no stage of the analyzer joins anything across (a
// word, a compound, an elision or a number "26 000" never spans such a break); the end of the
// text when it is shorter, or when it has no such break (then it is analyzed whole).
std::size_t body_part(std::string_view text, std::size_t from, std::size_t size) {
    if (text.size() - from <= size + size / 2) return text.size();
    auto breaks = [&](std::size_t k) {
        return (text[k - 1] == ' ' || text[k - 1] == '\n') && std::isalpha(static_cast<unsigned char>(text[k]));
    };
    for (std::size_t k = from + size; k < text.size(); ++k)
        if (breaks(k)) return k;
    for (std::size_t k = from + size; k > from + 1; --k)
        if (breaks(k - 1)) return k - 1;
    return text.size();
}

// One form's postings in the .vidx layout (format.h): a skip table when there is more than one
// block, then blocks of kBlock postings, each field bit-packed at its widest value in the block.
// Without positions (a stem's merged postings), their width is 0 and f.positions is not read.
void pack_postings(const FormPostings& f, std::string& out, std::vector<std::uint32_t>& positions, bool with_positions = true) {
    const std::uint8_t* d = f.docs.data();
    const std::uint8_t* p = f.positions.data();
    const std::uint32_t blocks = (f.df + kBlock - 1) / kBlock;
    const std::size_t skip = out.size();
    if (blocks > 1) out.append(std::size_t(8) * blocks, '\0');
    const std::size_t first = out.size();
    std::uint32_t gap[kBlock], tf_body[kBlock], tf_title[kBlock];
    std::uint32_t doc = kNoDoc;  // the gap convention makes the first gap the first doc
    for (std::uint32_t b = 0; b < blocks; ++b) {
        const std::uint32_t n = std::min(kBlock, f.df - b * kBlock);
        unsigned w_gap = 0, w_body = 0, w_title = 0, w_pos = 0;
        positions.clear();
        for (std::uint32_t i = 0; i < n; ++i) {
            const FormPostings::Entry e = FormPostings::read_posting(d);
            gap[i] = e.gap;
            tf_body[i] = e.tf_body;
            tf_title[i] = e.tf_title;
            doc += 1 + gap[i];
            if (with_positions)
                for (std::uint32_t k = 0; k < tf_body[i] + tf_title[i]; ++k) positions.push_back(read_varint(p));
            w_gap = std::max(w_gap, bit_width(gap[i]));
            w_body = std::max(w_body, bit_width(tf_body[i]));
            w_title = std::max(w_title, bit_width(tf_title[i]));
        }
        for (std::uint32_t v : positions) w_pos = std::max(w_pos, bit_width(v));
        if (blocks > 1) {
            set_u32(out, skip + 8 * b, doc);
            set_u32(out, skip + 8 * b + 4, static_cast<std::uint32_t>(out.size() - first));
        }
        for (unsigned w : {w_gap, w_body, w_title, w_pos}) out += static_cast<char>(w);
        const std::uint64_t n_bits = std::uint64_t(n) * (w_gap + w_body + w_title) + std::uint64_t(positions.size()) * w_pos;
        const std::size_t at = out.size();
        out.resize(at + (n_bits + 7) / 8);
        BitWriter bits{out.data() + at};
        for (std::uint32_t i = 0; i < n; ++i) bits.put(gap[i], w_gap);
        for (std::uint32_t i = 0; i < n; ++i) bits.put(tf_body[i], w_body);
        for (std::uint32_t i = 0; i < n; ++i) bits.put(tf_title[i], w_title);
        for (std::uint32_t v : positions) bits.put(v, w_pos);
        bits.flush();
    }
}

struct DocMeta {
    std::uint32_t title_tokens = 0, body_tokens = 0, body_start = 0;
    corpus::Date date;
    std::uint16_t source = kNoSource;
    std::vector<std::uint16_t> countries;
    std::string checkpoints;
};

// For each frequent stem, what a query can read instead of merging its forms (format.h):
// summaries, what a one-word query needs without visiting its documents (how many there are,
// their facets, the kSummaryListed documents with the highest BM25F-normalised frequency G and
// a bound on every other's G); and, for a stem of several forms, their postings merged (its
// documents, frequencies summed, no positions). `order` lists the forms by stem, `first_form`
// where each stem's begin; the forms' doc streams are still varints.
struct StemSections { std::string summaries, merged; };
StemSections stem_sections(const std::vector<FormPostings>& forms, const std::vector<std::uint32_t>& order,
                           const std::vector<std::uint32_t>& first_form, const std::vector<DocMeta>& docs,
                           std::uint64_t title_tokens, std::uint64_t body_tokens) {
    const auto n_docs = static_cast<std::uint32_t>(docs.size());
    // Each document's field weights as Index::open computes them, so that G here is, to the bit,
    // G when searching.
    const float avg_title = scoring::average_length(title_tokens, n_docs), avg_body = scoring::average_length(body_tokens, n_docs);
    std::vector<double> title_w(n_docs), body_w(n_docs);
    for (std::uint32_t d = 0; d < n_docs; ++d) {
        title_w[d] = scoring::title_weight(docs[d].title_tokens, avg_title);
        body_w[d] = scoring::body_weight(docs[d].body_tokens, avg_body);
    }
    // The stems summarised, and how many of them have several forms, known first: each
    // section's table is sized before its records and filled in place as they are written (not
    // joined with them after, a copy of the whole section).
    std::vector<std::uint32_t> summarised;
    std::uint32_t merged_count = 0;
    for (std::uint32_t s = 0; s + 1 < first_form.size(); ++s) {
        if (stem_postings(forms, order, first_form, s) < kSummaryMinDocs) continue;
        summarised.push_back(s);
        if (first_form[s + 1] - first_form[s] >= 2) ++merged_count;
    }
    StemSections out;
    std::string& records = out.summaries;
    for (double v : {scoring::kTitleWeight, scoring::kTitleB, scoring::kBodyWeight, scoring::kBodyB})
        put_f32(records, static_cast<float>(v));
    put_u32(records, static_cast<std::uint32_t>(summarised.size()));
    const std::size_t entries_at = records.size();
    records.resize(entries_at + 8 * summarised.size());
    const std::size_t records_at = records.size();
    std::string& merged = out.merged;
    put_u32(merged, merged_count);
    std::size_t merged_entry = merged.size();
    merged.resize(merged_entry + 16 * std::size_t(merged_count));
    const std::size_t merged_at = merged.size();
    FormPostings stream;  // a stem's merged postings as varints, as pack_postings reads them
    std::vector<std::uint32_t> scratch;
    std::vector<std::uint32_t> tf_title(n_docs), tf_body(n_docs), touched;
    std::vector<std::pair<double, std::uint32_t>> by_g;
    std::vector<std::uint32_t> slot(n_docs, 0);  // 1 + a listed document's rank in the list
    struct FormTf { std::uint32_t form, tf_title, tf_body; };
    std::vector<std::vector<FormTf>> per_doc;
    // A facet's counts by value (a year, a source or a country id: all below 65536), the values
    // seen listed: counted in an array, written in rising order, the array cleared after.
    struct Tally {
        std::vector<std::uint32_t> count = std::vector<std::uint32_t>(65536, 0), seen;
        void add(std::uint32_t v) { if (count[v]++ == 0) seen.push_back(v); }
        void write(std::string& out) {
            std::sort(seen.begin(), seen.end());
            put_varint(out, seen.size());
            for (std::uint32_t v : seen) {
                put_varint(out, v);
                put_varint(out, count[v]);
                count[v] = 0;
            }
            seen.clear();
        }
    };
    Tally years, sources, countries;
    // Each document's facets in flat arrays, read for every posting of every summarised stem:
    // not through its DocMeta and the vector of its countries (two cache misses a posting).
    std::vector<std::uint16_t> doc_year(n_docs), doc_source(n_docs), doc_country;
    std::vector<std::uint32_t> country_from(n_docs + 1, 0);
    for (std::uint32_t d = 0; d < n_docs; ++d) {
        doc_year[d] = static_cast<std::uint16_t>(std::clamp(docs[d].date.year, 0, 65535));
        doc_source[d] = docs[d].source;
        doc_country.insert(doc_country.end(), docs[d].countries.begin(), docs[d].countries.end());
        country_from[d + 1] = static_cast<std::uint32_t>(doc_country.size());
    }
    std::vector<std::uint64_t> present((n_docs + 63) / 64, 0);  // the stem's documents, to list them in order
    // f(form, doc, tf_title, tf_body) for every posting of the stem's forms (form: from its first).
    auto for_each_posting = [&](std::uint32_t stem, auto&& f) {
        for (std::uint32_t i = first_form[stem]; i < first_form[stem + 1]; ++i) {
            const FormPostings& form = forms[order[i]];
            const std::uint8_t* p = form.docs.data();
            std::uint32_t doc = kNoDoc;
            for (std::uint32_t k = 0; k < form.df; ++k) {
                const FormPostings::Entry e = FormPostings::read_posting(p);
                doc += 1 + e.gap;
                f(i - first_form[stem], doc, e.tf_title, e.tf_body);
            }
        }
    };
    for (std::size_t k = 0; k < summarised.size(); ++k) {
        const std::uint32_t s = summarised[k];
        for_each_posting(s, [&](std::uint32_t, std::uint32_t doc, std::uint32_t title, std::uint32_t body) {
            std::uint64_t& bits = present[doc / 64];
            if (!(bits & std::uint64_t(1) << (doc % 64))) {
                bits |= std::uint64_t(1) << (doc % 64);
                tf_title[doc] = tf_body[doc] = 0;
            }
            tf_title[doc] += title;
            tf_body[doc] += body;
        });
        // In document order (the forms' lists interleave), from the bits: no sort.
        touched.clear();
        for (std::size_t w = 0; w < present.size(); ++w)
            for (std::uint64_t bits = present[w]; bits; bits &= bits - 1)
                touched.push_back(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))));
        std::fill(present.begin(), present.end(), 0);
        if (first_form[s + 1] - first_form[s] >= 2) {
            stream.docs.clear();
            stream.df = 0;
            for (std::uint32_t d : touched) stream.add_posting(d, tf_title[d], tf_body[d]);
            set_u32(merged, merged_entry, s);
            set_u32(merged, merged_entry + 4, stream.df);
            set_u64(merged, merged_entry + 8, merged.size() - merged_at);
            merged_entry += 16;
            pack_postings(stream, merged, scratch, false);
        }
        by_g.clear();
        for (std::uint32_t d : touched) by_g.emplace_back(title_w[d] * tf_title[d] + body_w[d] * tf_body[d], d);
        const std::size_t listed = std::min<std::size_t>(kSummaryListed, by_g.size());
        std::nth_element(by_g.begin(), by_g.begin() + static_cast<std::ptrdiff_t>(listed), by_g.end(),
                         [](auto& a, auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
        double rest = 0;
        for (std::size_t i = listed; i < by_g.size(); ++i) rest = std::max(rest, by_g[i].first);
        std::sort(by_g.begin(), by_g.begin() + static_cast<std::ptrdiff_t>(listed), [](auto& a, auto& b) { return a.second < b.second; });

        // The listed documents' frequencies form by form (a second read of the stem's forms).
        for (std::size_t i = 0; i < listed; ++i) slot[by_g[i].second] = static_cast<std::uint32_t>(i + 1);
        for (auto& l : per_doc) l.clear();
        per_doc.resize(listed);
        for_each_posting(s, [&](std::uint32_t form, std::uint32_t doc, std::uint32_t title, std::uint32_t body) {
            if (slot[doc]) per_doc[slot[doc] - 1].push_back({form, title, body});
        });
        for (std::size_t i = 0; i < listed; ++i) slot[by_g[i].second] = 0;

        set_u32(records, entries_at + 8 * k, s);
        set_u32(records, entries_at + 8 * k + 4, static_cast<std::uint32_t>(records.size() - records_at));
        // Rounded up: no unlisted document's G is above it.
        put_f32(records, rest > 0 ? std::nextafter(static_cast<float>(rest), INFINITY) : 0.0f);
        put_varint(records, touched.size());
        put_varint(records, listed);
        std::uint32_t prev = 0;
        for (std::size_t i = 0; i < listed; ++i) {
            const std::uint32_t d = by_g[i].second;
            put_varint(records, i == 0 ? d : d - prev);
            put_varint(records, per_doc[i].size());
            for (const auto& [form, title, body] : per_doc[i]) {
                put_varint(records, form);
                put_varint(records, title);
                put_varint(records, body);
            }
            prev = d;
        }
        for (std::uint32_t d : touched) {
            if (doc_year[d]) years.add(doc_year[d]);
            if (doc_source[d] != kNoSource) sources.add(doc_source[d]);
            for (std::uint32_t c = country_from[d]; c < country_from[d + 1]; ++c) countries.add(doc_country[c]);
        }
        for (Tally* facet : {&years, &sources, &countries}) facet->write(records);
    }
    out.merged.append(8, '\0');  // get_bits reads whole words
    return out;
}

// PAIR_POSTINGS (format.h): for the most frequent stems, the documents where a form of one
// follows a form of another. The forms' streams hold positions by form; the documents' word
// sequences are rebuilt a slice of documents at a time, the listed stems' tokens only, into
// one cell per position (a list: a compound shares its first part's position).
Result<std::string> pair_section(const std::vector<FormPostings>& forms, const std::vector<std::uint32_t>& order,
                                 const std::vector<std::uint32_t>& first_form, const std::vector<DocMeta>& docs,
                                 std::uint32_t min_postings) {
    const auto n_stems = static_cast<std::uint32_t>(first_form.size() - 1);
    std::vector<std::pair<std::uint64_t, std::uint32_t>> frequent;  // postings, stem
    for (std::uint32_t s = 0; s < n_stems; ++s)
        if (const std::uint64_t postings = stem_postings(forms, order, first_form, s); postings >= min_postings)
            frequent.emplace_back(postings, s);
    // The most postings first, then the first stem: the kPairStems listed, ranked (the pairs of
    // the highest ranks are met the most often: their slots below stay in cache).
    std::sort(frequent.begin(), frequent.end(), [](auto& a, auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    if (frequent.size() > kPairStems) frequent.resize(kPairStems);
    const auto n = static_cast<std::uint32_t>(frequent.size());
    std::vector<std::uint32_t> listed, rank(n);  // stem ids, rising; their ranks
    for (auto [postings, s] : frequent) listed.push_back(s);
    std::sort(listed.begin(), listed.end());
    for (std::uint32_t r = 0; r < n; ++r)
        rank[static_cast<std::uint32_t>(std::lower_bound(listed.begin(), listed.end(), frequent[r].second) - listed.begin())] = r;

    // A cursor per form of a listed stem over its doc and position streams, on its next posting.
    struct Reader { const std::uint8_t *docs, *positions; std::uint32_t left, doc, count, rank; };
    std::vector<Reader> readers;
    for (std::uint32_t k = 0; k < n; ++k)
        for (std::uint32_t i = first_form[listed[k]]; i < first_form[listed[k] + 1]; ++i) {
            const FormPostings& f = forms[order[i]];
            readers.push_back({f.docs.data(), f.positions.data(), f.df, kNoDoc, 0, rank[k]});
        }
    auto peek = [](Reader& r) {
        const FormPostings::Entry e = FormPostings::read_posting(r.docs);
        r.doc += 1 + e.gap;
        r.count = e.tf_title + e.tf_body;
        --r.left;
    };
    for (Reader& r : readers) peek(r);  // every form has a posting

    struct Slot { std::uint32_t pair, last; };  // 1 + the pair's index, 1 + the last document it was seen in
    std::vector<Slot> slot(std::size_t(n) * n, Slot{0, 0});
    std::uint32_t pairs = 0;
    // The pairs seen in each document d, seen[seen_from[d]] to seen[seen_from[d + 1]]: four bytes
    // a sighting (there are tens of millions in a large corpus), not eight with its document.
    std::vector<std::uint32_t> seen;
    std::vector<std::size_t> seen_from(docs.size() + 1, 0);
    std::vector<std::uint32_t> cell;                         // per position of the slice: 1 + its first node
    struct Node { std::uint32_t rank, next; };
    std::vector<Node> nodes;
    std::vector<std::uint64_t> start;  // per document of the slice, its first cell
    constexpr std::uint64_t kSliceCells = std::uint64_t(1) << 18;  // a megabyte of cells: cached
    const auto n_docs = static_cast<std::uint32_t>(docs.size());
    for (std::uint32_t a = 0, b = 0; n && a < n_docs; a = b) {  // (no stem listed: no pair)
        start.assign(1, 0);
        for (b = a; b < n_docs && (b == a || start.back() < kSliceCells); ++b)
            start.push_back(start.back() + docs[b].body_start + docs[b].body_tokens);
        cell.assign(start.back(), 0);
        nodes.clear();
        for (Reader& r : readers)
            while (r.doc < b) {
                const std::uint64_t at = start[r.doc - a];
                std::uint32_t position = 0;
                for (std::uint32_t k = 0; k < r.count; ++k) {
                    position += static_cast<std::uint32_t>(read_varint(r.positions));
                    if (at + position >= start[r.doc - a + 1]) continue;  // (no position is past its document)
                    nodes.push_back({r.rank, cell[at + position]});
                    cell[at + position] = static_cast<std::uint32_t>(nodes.size());
                }
                if (r.left == 0) { r.doc = kNoDoc; break; }
                peek(r);
            }
        for (std::uint32_t d = a; d < b; ++d) {
            for (std::uint64_t c = start[d - a]; c + 1 < start[d - a + 1]; ++c)
                for (std::uint32_t x = cell[c]; x; x = nodes[x - 1].next)
                    for (std::uint32_t y = cell[c + 1]; y; y = nodes[y - 1].next) {
                        Slot& p = slot[std::size_t(nodes[x - 1].rank) * n + nodes[y - 1].rank];
                        if (!p.pair) p.pair = ++pairs;
                        if (p.last != d + 1) {
                            p.last = d + 1;
                            seen.push_back(p.pair - 1);
                        }
                    }
            seen_from[d + 1] = seen.size();
        }
    }

    // Each pair's documents together (a counting sort: they stay rising), then packed.
    std::vector<std::uint32_t> first(std::size_t(pairs) + 1, 0), by_pair(seen.size());
    for (std::uint32_t p : seen) ++first[p + 1];
    std::partial_sum(first.begin(), first.end(), first.begin());
    for (std::uint32_t d = 0; d < n_docs; ++d)
        for (std::size_t k = seen_from[d]; k < seen_from[d + 1]; ++k) by_pair[first[seen[k]]++] = d;  // first[p] ends at the next pair's start
    std::vector<std::uint32_t>().swap(seen);
    std::string head, postings;
    put_u32(head, n);
    put_u32(head, pairs);
    for (std::uint32_t s : listed) put_u32(head, s);
    std::vector<std::uint32_t> scratch;
    FormPostings stream;
    for (std::uint32_t i = 0; i < n; ++i)
        for (std::uint32_t j = 0; j < n; ++j)
            if (const std::uint32_t p = slot[std::size_t(rank[i]) * n + rank[j]].pair) {
                if (postings.size() > 0xFFFFFFFFu) return Error{"index: pair postings past 4 GiB"};
                stream.docs.clear();
                stream.df = 0;
                for (std::uint32_t k = p == 1 ? 0 : first[p - 2]; k < first[p - 1]; ++k) stream.add_posting(by_pair[k], 0, 0);
                put_u32(head, i);
                put_u32(head, j);
                put_u32(head, stream.df);
                put_u32(head, static_cast<std::uint32_t>(postings.size()));
                pack_postings(stream, postings, scratch, false);
            }
    postings.append(8, '\0');  // get_bits reads whole words
    return head + postings;
}

void put_string_table(std::string& out, const std::vector<std::string_view>& strings) {
    put_u32(out, static_cast<std::uint32_t>(strings.size()));
    std::uint32_t at = 0;
    for (auto s : strings) { put_u32(out, at); at += static_cast<std::uint32_t>(s.size()); }
    put_u32(out, at);
    for (auto s : strings) out.append(s);
}

}  // namespace

struct IndexBuilder::Impl {
    const text::Analyzer& analyzer;
    const geo::Gazetteer* gazetteer;
    BuildOptions options;
    // Per form id. What every token touches is kept together, one record per form (a cache line
    // in wasm32): its exact form (the lookup compares it), the per-document grouping state and
    // the gazetteer's view of it. Postings are touched once per document, stems at finish().
    struct FormKey {
        std::string exact;
        std::uint32_t seen_in = 0;  // 1 + the last document it occurred in
        std::uint32_t local = 0;    // its index among that document's forms
        geo::WordInfo gazetteer;    // with a gazetteer
        // Its occurrences inside a sentence (not the first word of one, not in capitals):
        // written with a capital, written without (count_case, split_names).
        std::uint32_t capital = 0, small = 0;
    };
    std::vector<FormKey> keys;
    std::vector<FormPostings> forms;
    std::vector<std::string> terms;  // the stems
    // Form ids by exact form, open addressing: tag (the hash's high half, never 0) << 32 |
    // id + 1, 0 when empty; half full at most. One probe touches one array, not a chain of
    // nodes: this lookup runs once per token.
    std::vector<std::uint64_t> form_slots = std::vector<std::uint64_t>(std::size_t(1) << 16, 0);
    std::vector<DocMeta> docs;
    // The id, title and url of every document, one after the other: the DOC_TEXT section as it
    // is built (reserve() sizes it once when the caller knows the corpus), handed to the index as
    // it is, never copied again.
    std::string text;
    std::vector<std::uint64_t> text_ends;  // where each of those ends in it
    BodyWriter bodies;                     // the bodies, compressed as they come
    std::map<std::string, std::uint16_t> sources, countries;
    std::vector<Error> warnings;          // warnings(): what a document could not keep
    std::uint32_t sources_dropped = 0;    // documents whose source did not fit (kNoSource)
    std::uint64_t title_tokens = 0, body_tokens = 0;
    // Per document, reused: (form, position) in text order, then grouped by form with a counting
    // sort (positions stay in order within a form).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> occurrences;
    std::vector<std::uint32_t> doc_forms, starts, grouped;
    std::vector<std::uint32_t> ids;  // forms_of's: the form of each token of a field
    std::vector<const geo::WordInfo*> token_info;    // per token of a field, reused
    std::vector<text::Token> title_tokens_buffer, body_tokens_buffer;  // the analyzer's, reused

    Impl(const text::Analyzer& a, const geo::Gazetteer* g, BuildOptions o)
        : analyzer(a), gazetteer(g), options(o), bodies(o.dictionary_sample) {}

    void join_spellings(std::vector<std::pair<std::string, std::string>>& moved);
    void split_names();
    std::vector<char> joined;  // by form: join_spellings moved it (a plural, a spelling without accents)
    // The form whose exact form is `exact`, through the form table itself; kNoForm if none.
    static constexpr std::uint32_t kNoForm = ~0u;
    std::uint32_t form_named(std::string_view exact) const {
        const std::uint64_t slot = form_slots[slot_of(hash_of(exact), exact)];
        return slot ? static_cast<std::uint32_t>(slot) - 1 : kNoForm;
    }
    // For each word of a field (its forms in ids, forms_of's), whether it is written with a
    // capital inside a sentence: what tells a name ("Louis") from the verb Snowball stems it
    // with ("louer"). The first word of a sentence or a field, and a word in capitals, say nothing.
    void count_case(std::string_view field, const std::vector<text::Token>& tokens) {
        for (std::size_t k = 0; k < tokens.size(); ++k) {
            const text::Token& t = tokens[k];
            if (t.kind != text::TokenKind::word || t.end - t.begin < 2) continue;
            const int first = letter_case(field, t.begin);
            if (first == 0 || letter_case(field, t.begin + (static_cast<unsigned char>(field[t.begin]) < 0x80 ? 1 : 2)) > 0) continue;
            // Back over spaces and opening marks (« “ ‘, a no-break space, an accented word: any
            // byte past ASCII) to what comes before: the start of the field or a sentence's end?
            std::size_t i = t.begin;
            bool first_word = true;
            while (i > 0) {
                const auto c = static_cast<unsigned char>(field[i - 1]);
                if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(') {
                    --i;
                } else if (i >= 3 && field.substr(i - 3, 3) == "\u2026") {  // …
                    break;
                } else if (c >= 0x80) {
                    --i;
                } else {
                    first_word = std::string_view(".!?:\n").find(static_cast<char>(c)) != std::string_view::npos;
                    break;
                }
            }
            if (first_word) continue;
            FormKey& key = keys[ids[k]];
            ++(first > 0 ? key.capital : key.small);
        }
    }
    // 1 for a capital letter at byte i (ASCII or Latin-1's À–Þ), −1 for a small one, 0 otherwise.
    static int letter_case(std::string_view text, std::size_t i) {
        if (i >= text.size()) return 0;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 'A' && c <= 'Z') return 1;
        if (c >= 'a' && c <= 'z') return -1;
        if (c == 0xC3 && i + 1 < text.size()) {
            const auto d = static_cast<unsigned char>(text[i + 1]);
            if (d >= 0x80 && d <= 0x9E && d != 0x97) return 1;
            if (d >= 0x9F && d <= 0xBF && d != 0xB7) return -1;
        }
        return 0;
    }

    // The form of t, whose exact form hashes to h (hash_of), inserted when new. Tokens come
    // without their term (Terms::later): each distinct form is stemmed once, here. Numbers and
    // compounds carry theirs; a word's exact form never equals a number's or a compound's
    // (digits, hyphen), so the exact form alone names the form.
    std::uint32_t form_of(const text::Token& t, std::uint64_t h) {
        std::size_t i = slot_of(h, t.exact);
        if (form_slots[i]) return static_cast<std::uint32_t>(form_slots[i]) - 1;
        const auto id = static_cast<std::uint32_t>(forms.size());
        keys.push_back({t.exact, 0, 0, gazetteer ? gazetteer->word_info(t.exact) : geo::WordInfo{}});
        forms.emplace_back();
        forms.back().docs.reserve(16);  // a vector grows from one byte by doubling: skip the first steps
        forms.back().positions.reserve(16);
        terms.push_back(t.term.empty() ? analyzer.term_of(t.exact) : t.term);
        form_slots[i] = tag_of(h) << 32 | (id + 1);
        if (2 * forms.size() > form_slots.size()) {  // rehash into twice the slots
            const std::vector<std::uint64_t> previous = std::move(form_slots);
            form_slots.assign(previous.size() * 2, 0);
            for (std::uint64_t slot : previous)
                if (slot) {
                    const auto& exact = keys[static_cast<std::uint32_t>(slot) - 1].exact;
                    form_slots[slot_of(hash_of(exact), exact)] = slot;
                }
        }
        return id;
    }
    // The forms of a field's tokens into ids, in bulk: the first slot of every token is read
    // before any is looked at, then the form each names is compared, so that the cache misses
    // of the tokens (a rare word's slot and record) overlap instead of following one another.
    // A token whose first slot does not hold its form (a collision, a new form) goes through
    // form_of, which inserts. (An id read before an insert or a rehash still names its form.)
    std::vector<std::uint64_t> hashes, firsts;
    void forms_of(const std::vector<text::Token>& tokens) {  // into ids
        const std::size_t n = tokens.size(), mask = form_slots.size() - 1;
        hashes.resize(n);
        firsts.resize(n);
        ids.resize(n);
        for (std::size_t k = 0; k < n; ++k) hashes[k] = hash_of(tokens[k].exact);
        for (std::size_t k = 0; k < n; ++k) firsts[k] = form_slots[hashes[k] & mask];
        constexpr std::uint32_t kUnknown = 0xFFFFFFFFu;
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint64_t slot = firsts[k];
            const auto id = static_cast<std::uint32_t>(slot) - 1;
            ids[k] = slot && (slot >> 32) == tag_of(hashes[k]) && keys[id].exact == tokens[k].exact ? id : kUnknown;
        }
        for (std::size_t k = 0; k < n; ++k)
            if (ids[k] == kUnknown) ids[k] = form_of(tokens[k], hashes[k]);
    }
    static std::uint64_t hash_of(std::string_view exact) { return std::hash<std::string_view>{}(exact); }
    static std::uint64_t tag_of(std::uint64_t h) { return (h >> 32) | 1; }
    // The slot holding exact, or the empty one where it would go.
    std::size_t slot_of(std::uint64_t h, std::string_view exact) const {
        const std::size_t mask = form_slots.size() - 1;
        const std::uint64_t tag = tag_of(h);
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            const std::uint64_t slot = form_slots[i];
            if (!slot || ((slot >> 32) == tag && keys[static_cast<std::uint32_t>(slot) - 1].exact == exact)) return i;
        }
    }

    void store_text(const std::string& s) {
        text += s;
        text_ends.push_back(text.size());
    }

    std::uint16_t intern(std::map<std::string, std::uint16_t>& table, const std::string& s) {
        auto [it, fresh] = table.try_emplace(s, static_cast<std::uint16_t>(table.size()));
        (void)fresh;
        return it->second;
    }
};

IndexBuilder::IndexBuilder(const text::Analyzer& analyzer, const geo::Gazetteer* gazetteer, BuildOptions options)
    : impl_(std::make_unique<Impl>(analyzer, gazetteer, options)) {}
IndexBuilder::IndexBuilder(IndexBuilder&&) noexcept = default;
IndexBuilder::~IndexBuilder() = default;
std::size_t IndexBuilder::size() const { return impl_->docs.size(); }

std::vector<Error> IndexBuilder::warnings() const {
    std::vector<Error> out = impl_->warnings;
    if (impl_->sources_dropped > 1)
        out.push_back({"sources not kept: " + std::to_string(impl_->sources_dropped) + " documents in all"});
    return out;
}

void IndexBuilder::reserve(std::size_t documents, std::size_t text_bytes) {
    // Exactly what is asked the first time (the whole corpus, most often); by half again at least
    // after, so that a caller reserving input by input does not copy the text each time.
    auto grow = [](auto& v, std::size_t need) {
        if (need > v.capacity()) v.reserve(std::max(need, v.capacity() + v.capacity() / 2));
    };
    Impl& im = *impl_;
    grow(im.text, im.text.size() + text_bytes);
    grow(im.text_ends, im.text_ends.size() + 3 * documents);
    grow(im.docs, im.docs.size() + documents);
}

void IndexBuilder::reserve(const std::vector<corpus::Document>& documents) {
    std::size_t text = 0;
    for (const corpus::Document& d : documents)
        for (const std::string* field : stored_fields(d)) text += field->size();
    reserve(documents.size(), text);
}

void IndexBuilder::add(corpus::Document&& doc) {
    const corpus::Document own = std::move(doc);  // freed on return: the text is copied below
    add(own);
}

void IndexBuilder::add(const corpus::Document& doc) {
    Impl& im = *impl_;
    const auto doc_id = static_cast<std::uint32_t>(im.docs.size());
    DocMeta meta;
    for (const std::string* field : stored_fields(doc)) im.store_text(*field);
    im.bodies.add(doc.text);
    const std::string_view title_text = doc.title, body_text = doc.text;
    meta.date = doc.date;
    if (!doc.source.empty()) {
        if (im.sources.size() < kNoSource || im.sources.count(doc.source)) meta.source = im.intern(im.sources, doc.source);
        else if (im.sources_dropped++ == 0)
            im.warnings.push_back({doc.file + ": document '" + doc.id + "': source '" + doc.source + "' not kept: an index holds " +
                                   std::to_string(kNoSource) + " sources at most"});
    }
    for (const std::string& c : doc.countries) meta.countries.push_back(im.intern(im.countries, c));

    auto& occ = im.occurrences;
    occ.clear();
    std::uint32_t title_len = 0;
    const std::vector<text::Token>& title = im.title_tokens_buffer;
    im.analyzer.analyze(title_text, text::Analyzer::Terms::later, im.title_tokens_buffer);
    im.forms_of(title);
    im.count_case(title_text, title);
    for (std::size_t k = 0; k < title.size(); ++k) {
        occ.emplace_back(im.ids[k], title[k].position);
        title_len = title[k].position + 1;
    }
    meta.title_tokens = title_len;
    meta.body_start = title_len + kFieldGap;
    auto& info = im.token_info;  // the gazetteer's view of each word, known per form (forms_of)
    if (im.gazetteer) {
        info.clear();
        for (std::size_t i = 0; i < title.size(); ++i) info.push_back(&im.keys[occ[i].first].gazetteer);
        for (const auto& c : geo::extract_countries(*im.gazetteer, title_text, title, info)) meta.countries.push_back(im.intern(im.countries, c.iso3));
    }
    // The body a part at a time (body_part: one for all but the longest), so that the analyzer's
    // buffers, some bytes per byte and tens per word, stay those of a part.
    std::uint32_t body_len = 0, last_offset = 0, next_checkpoint = 0;
    std::vector<text::Token>& body = im.body_tokens_buffer;
    // The body's countries over its parts: (mentions, first mention) by ISO code, interned in
    // extract_countries' order (most mentioned, then first named) as for a body analyzed whole.
    std::map<std::string, std::pair<std::uint32_t, std::uint32_t>> named;
    for (std::size_t from = 0; from < body_text.size();) {
        const std::size_t to = body_part(body_text, from, im.options.analyze_part);
        im.analyzer.analyze(body_text.substr(from, to - from), text::Analyzer::Terms::later, body);
        for (text::Token& t : body) {  // as if the body had been analyzed whole
            t.begin += static_cast<std::uint32_t>(from);
            t.end += static_cast<std::uint32_t>(from);
            t.position += body_len;
        }
        from = to;
        im.forms_of(body);
        im.count_case(body_text, body);
        for (std::size_t k = 0; k < body.size(); ++k) {
            const text::Token& t = body[k];
            occ.emplace_back(im.ids[k], meta.body_start + t.position);
            if (t.kind != text::TokenKind::compound && t.position == next_checkpoint) {
                put_varint(meta.checkpoints, t.begin - last_offset);
                last_offset = t.begin;
                next_checkpoint += kCheckpointEvery;
            }
        }
        if (!body.empty()) body_len = body.back().position + 1;  // a compound's parts come after it
        if (im.gazetteer) {
            info.clear();
            for (std::size_t k = 0; k < body.size(); ++k) info.push_back(&im.keys[im.ids[k]].gazetteer);
            for (const auto& c : geo::extract_countries(*im.gazetteer, body_text, body, info))
                named.try_emplace(c.iso3, 0, c.mentions.front().begin).first->second.first += c.count;
        }
    }
    std::vector<std::pair<std::string, std::pair<std::uint32_t, std::uint32_t>>> ranked(named.begin(), named.end());
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.second.first != b.second.first ? a.second.first > b.second.first : a.second.second < b.second.second;
    });
    for (const auto& [iso3, seen] : ranked) meta.countries.push_back(im.intern(im.countries, iso3));
    std::sort(meta.countries.begin(), meta.countries.end());
    meta.countries.erase(std::unique(meta.countries.begin(), meta.countries.end()), meta.countries.end());
    meta.body_tokens = body_len;
    im.title_tokens += title_len;
    im.body_tokens += body_len;

    // Occurrences grouped by form → one posting each.
    im.doc_forms.clear();
    im.starts.clear();
    for (const auto& [form, position] : occ) {
        Impl::FormKey& key = im.keys[form];
        if (key.seen_in != doc_id + 1) {
            key.seen_in = doc_id + 1;
            key.local = static_cast<std::uint32_t>(im.doc_forms.size());
            im.doc_forms.push_back(form);
            im.starts.push_back(0);
        }
        ++im.starts[key.local];
    }
    std::uint32_t sum = 0;
    for (std::uint32_t& st : im.starts) { const std::uint32_t n = st; st = sum; sum += n; }
    im.starts.push_back(sum);
    im.grouped.resize(occ.size());
    for (const auto& [form, position] : occ) im.grouped[im.starts[im.keys[form].local]++] = position;
    // starts[k] now ends form k's run; it begins where form k - 1's ends.
    for (std::size_t k = 0; k < im.doc_forms.size(); ++k) {
        const std::size_t i = k == 0 ? 0 : im.starts[k - 1], j = im.starts[k];
        FormPostings& f = im.forms[im.doc_forms[k]];
        const std::uint32_t* pos = im.grouped.data();
        std::uint32_t tf_title = 0;
        for (std::size_t m = i; m < j && pos[m] < meta.body_start; ++m) ++tf_title;
        const auto tf_body = static_cast<std::uint32_t>(j - i) - tf_title;
        f.add_posting(doc_id, tf_title, tf_body);
        std::uint32_t prev = 0;
        for (std::size_t m = i; m < j; ++m) {
            put_varint(f.positions, pos[m] - prev);
            prev = pos[m];
        }
    }
    im.docs.push_back(std::move(meta));
}

Result<std::string> IndexBuilder::finish() && {
    auto parts = std::move(*this).finish_parts();
    if (!parts) return parts.error();
    std::size_t size = 0;
    for (const std::string& p : parts.value()) size += p.size();
    std::string out;
    out.reserve(size);
    for (std::string& p : parts.value()) {
        out += p;
        std::string().swap(p);
    }
    return out;
}

namespace {

// Whether a form ends as a plural Snowball keeps (an s after i, o, u; an x after eu, ou), the
// few frequent words whose singular is another word aside.
bool kept_plural(std::string_view exact) {
    static constexpr std::string_view kNot[] = {"mais", "mois", "fois", "paris", "plus", "sous"};
    if (exact.size() < 4 || std::find(std::begin(kNot), std::end(kNot), exact) != std::end(kNot)) return false;
    const char last = exact.back(), before = exact[exact.size() - 2];
    return (last == 's' && (before == 'i' || before == 'o' || before == 'u')) ||
           (last == 'x' && before == 'u' && (exact[exact.size() - 3] == 'e' || exact[exact.size() - 3] == 'o'));
}

// Sorted (key, value) pairs as a string table's keys, each key once, and where each key's values
// begin in values (one more at the end): the FOLDED and STEM_ALIASES layout. Keys are views
// into pairs.
struct Grouped {
    std::vector<std::string_view> keys;
    std::vector<std::uint32_t> first, values;
};
Grouped grouped(const std::vector<std::pair<std::string, std::uint32_t>>& pairs) {
    Grouped g;
    for (const auto& [key, value] : pairs) {
        if (g.keys.empty() || g.keys.back() != key) {
            g.keys.push_back(key);
            g.first.push_back(static_cast<std::uint32_t>(g.values.size()));
        }
        g.values.push_back(value);
    }
    g.first.push_back(static_cast<std::uint32_t>(g.values.size()));
    return g;
}

// Whether a word ends as French verbs and derived nouns do (an infinitive, -ation, -ité,
// -ment…): written with a capital, it is more likely a menu item or an institution ("cliquez
// sur Désaturer", "la Libération") than a name, and stays with its stem.
bool common_word_ending(std::string_view folded) {
    static constexpr std::string_view kEndings[] = {
        "er", "ir", "ion", "ions", "ite", "ites", "ence", "ences", "ance", "ances", "ment", "ments",
        "ive", "ives", "eur", "eurs", "euse", "euses", "isme", "ismes", "iste", "istes", "able", "ables",
        "ible", "ibles", "ique", "iques", "age", "ages", "ure", "ures", "ee", "ees",
    };
    for (std::string_view end : kEndings)
        if (folded.size() >= end.size() + 3 && folded.substr(folded.size() - end.size()) == end) return true;
    return false;
}

}  // namespace

// Spellings Snowball stems apart that the corpus shows to be one word, each form moved to the
// other's stem (moved: (old term, new term), for the aliases):
// - a plural it keeps (amis, euros, élus, jeux) joins its singular when the corpus has the
//   singular as written (ami, euro, élu, jeu): "pris" has no "pri" and stays with "prise";
// - a spelling without accents (PROCES, securite, in capitals or stripped text) joins the
//   stem of its accented twin (procès, sécurité; of several, the most frequent form), a
//   function word aside ("des" is not "dès").
void IndexBuilder::Impl::join_spellings(std::vector<std::pair<std::string, std::string>>& moved) {
    const auto n = static_cast<std::uint32_t>(keys.size());
    joined.assign(n, 0);
    auto move = [&](std::uint32_t f, const std::string& term) {
        moved.emplace_back(terms[f], term);
        terms[f] = term;
        joined[f] = 1;
    };
    std::vector<std::pair<std::uint32_t, std::string>> plurals;
    for (std::uint32_t f = 0; f < n; ++f) {
        const std::string& e = keys[f].exact;
        if (!kept_plural(e) || e.find('-') != std::string::npos) continue;
        const std::string_view one = std::string_view(e).substr(0, e.size() - 1);
        std::size_t letters = 0;
        for (char c : one) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        const std::uint32_t single = letters >= 3 ? form_named(one) : kNoForm;
        if (single != kNoForm && terms[single] != terms[f]) plurals.emplace_back(f, terms[single]);
    }
    for (auto& [f, term] : plurals) move(f, term);

    // Each bare spelling's accented twin: of the forms that fold to it, the most frequent.
    std::unordered_map<std::uint32_t, std::uint32_t> twin_of;
    for (std::uint32_t f = 0; f < n; ++f) {
        const std::string& e = keys[f].exact;
        if (std::all_of(e.begin(), e.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }) ||
            e.find('-') != std::string::npos)
            continue;
        const std::string bare = text::fold_accents(e);
        const std::uint32_t b = bare != e && !scoring::is_stopword(bare) ? form_named(bare) : kNoForm;
        if (b == kNoForm) continue;
        const auto [it, added] = twin_of.emplace(b, f);
        if (!added && forms[f].df > forms[it->second].df) it->second = f;
    }
    for (const auto& [b, twin] : twin_of)
        if (terms[b] != terms[twin]) move(b, terms[twin]);
}

// A word written with a capital inside its sentences (9 times in 10, 3 times at least) whose
// stem Snowball shares with other forms is a name, kept apart under a stem of its own, named by
// its spelling without accents, its spellings in other accents with it (Hélène and Helene
// stay one): "Louis" is not "louer" (Snowball: lou), "Denis" not "déni". Not when the stem has
// it with an ending more or less (a noun of nationality: "les Kurdes", "kurde"), nor a
// compound, nor a word with the ending of a verb or a derived noun (common_word_ending), nor a
// spelling join_spellings gave another stem ("l'Etat" is "l'État", capitals losing accents).
// A place the gazetteer names by that one word is a name whatever its ending, and its capital
// once is enough (Crimée is not crime, Rennes not renne, Mali not mal, Gaza not gaz), unless
// another form of its stem names the same country: Russie stays with russe, France with
// français. So is the first word of a longer name of the gazetteer, written with its capital
// as other names are (Amérique, of Amérique latine, is not amer; Seine is not sein).
// Search reads a form whose stem is its own spelling without accents as a name (search.cpp).
void IndexBuilder::Impl::split_names() {
    // The countries each stem's forms name by themselves, as (form, country).
    std::unordered_map<std::string_view, std::vector<std::pair<std::uint32_t, std::uint16_t>>> places_of_stem;
    if (gazetteer)
        for (std::uint32_t f = 0; f < keys.size(); ++f)
            if (keys[f].gazetteer.starts)
                for (std::uint16_t country : gazetteer->places_named(keys[f].gazetteer.key)) places_of_stem[terms[f]].emplace_back(f, country);
    std::vector<std::pair<std::uint32_t, std::string>> names;  // (form, its spelling without accents)
    for (std::uint32_t f = 0; f < keys.size(); ++f) {
        const FormKey& k = keys[f];
        const std::uint32_t inside = k.capital + k.small;
        if (inside == 0 || k.capital * 10 < inside * 9 || joined[f] || k.exact.find('-') != std::string::npos) continue;
        bool place = false, same_country = false;
        if (const auto it = places_of_stem.find(terms[f]); it != places_of_stem.end())
            for (auto [g, country] : it->second)
                if (g == f) {
                    place = true;
                    for (auto [h, other] : it->second)  // another word: not a spelling of this one (Crimee)
                        same_country |= other == country && keys[h].gazetteer.key != k.gazetteer.key;
                }
        // A place needs its capital once (the gazetteer vouches for the name), another word 3 times.
        if (same_country || (!place && inside < 3)) continue;
        std::string folded = text::fold_accents(k.exact);
        if (terms[f] == folded) continue;
        // A place, or the first word of a longer name (Amérique of Amérique latine, Seine of
        // Seine-Saint-Denis), is a name whatever its ending.
        if (place || (k.gazetteer.starts && !k.gazetteer.starts->empty())) {
            names.emplace_back(f, std::move(folded));
            continue;
        }
        if (common_word_ending(folded)) continue;
        bool inflected = false;
        for (std::string_view end : {"s", "x", "e", "es"}) {
            const std::string_view e = k.exact;
            const std::uint32_t longer = form_named(k.exact + std::string(end));
            const std::uint32_t shorter = e.size() > end.size() + 2 && e.substr(e.size() - end.size()) == end
                                              ? form_named(e.substr(0, e.size() - end.size()))
                                              : kNoForm;
            for (std::uint32_t g : {longer, shorter}) inflected |= g != kNoForm && terms[g] == terms[f];
        }
        if (!inflected) names.emplace_back(f, std::move(folded));
    }
    if (names.empty()) return;
    // Only a stem of other forms is split (a name alone under its stem is apart already).
    std::unordered_map<std::string_view, std::uint32_t> forms_of;
    for (const auto& [f, name] : names) forms_of.emplace(terms[f], 0);
    for (const std::string& t : terms)
        if (auto it = forms_of.find(t); it != forms_of.end()) ++it->second;
    // Each with its spellings in other accents under the same stem (Hélène: Helene, in capitals
    // or a wire without accents), whether they are names by themselves or not.
    std::unordered_map<std::string_view, std::vector<std::string>> split;  // old term → names, folded
    for (auto& [f, name] : names)
        if (forms_of[terms[f]] >= 2) split[terms[f]].push_back(std::move(name));
    std::vector<std::pair<std::uint32_t, std::string>> moves;
    for (std::uint32_t g = 0; g < keys.size(); ++g) {
        const auto it = split.find(terms[g]);
        if (it == split.end()) continue;
        std::string folded = text::fold_accents(keys[g].exact);
        if (std::find(it->second.begin(), it->second.end(), folded) != it->second.end()) moves.emplace_back(g, std::move(folded));
    }
    for (auto& [g, name] : moves) terms[g] = std::move(name);
}

Result<std::vector<std::string>> IndexBuilder::finish_parts() && {
    Impl& im = *impl_;
    const auto n_docs = static_cast<std::uint32_t>(im.docs.size());
    BodyWriter::Sections bodies = std::move(im.bodies).finish();  // before the postings' peak
    std::vector<std::pair<std::string, std::string>> moved;
    im.join_spellings(moved);
    im.split_names();

    // Forms ordered by (stem, exact): a stem's forms are contiguous.
    std::vector<std::uint32_t> order(im.forms.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto& ta = im.terms[a];
        const auto& tb = im.terms[b];
        return ta != tb ? ta < tb : im.keys[a].exact < im.keys[b].exact;
    });
    std::vector<std::string_view> stems, exacts;
    std::vector<std::uint32_t> first_form, form_stem;
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        const std::string& term = im.terms[order[i]];
        if (stems.empty() || stems.back() != term) {
            stems.push_back(term);
            first_form.push_back(i);
        }
        exacts.push_back(im.keys[order[i]].exact);
        form_stem.push_back(static_cast<std::uint32_t>(stems.size() - 1));
    }
    first_form.push_back(static_cast<std::uint32_t>(order.size()));

    // Folded forms (accents removed, not stemmed) for prefix and typo lookups.
    std::vector<std::pair<std::string, std::uint32_t>> folded_pairs;
    folded_pairs.reserve(order.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) folded_pairs.emplace_back(text::fold_accents(exacts[i]), i);
    std::sort(folded_pairs.begin(), folded_pairs.end());
    const Grouped folded = grouped(folded_pairs);

    // Stem aliases (format.h STEM_ALIASES): the terms of the forms join_spellings moved, and
    // the bare spelling of each form with accents stemmed, each leading to the form's stem.
    std::vector<std::pair<std::string, std::uint32_t>> alias_pairs;  // (key, stem id)
    auto stem_id = [&](std::string_view term) {
        return static_cast<std::uint32_t>(std::lower_bound(stems.begin(), stems.end(), term) - stems.begin());
    };
    for (auto& [from, to] : moved)  // a form joined to another stem: its own term still leads there
        if (from != to) alias_pairs.emplace_back(std::move(from), stem_id(to));
    for (const auto& [bare, form] : folded_pairs) {
        const std::string_view exact = exacts[form];
        if (bare == exact || exact.find('-') != std::string_view::npos) continue;  // no accent; a compound
        std::string key = im.analyzer.term_of(bare);
        if (key != stems[form_stem[form]]) alias_pairs.emplace_back(std::move(key), form_stem[form]);
    }
    std::sort(alias_pairs.begin(), alias_pairs.end());
    alias_pairs.erase(std::unique(alias_pairs.begin(), alias_pairs.end()), alias_pairs.end());
    const Grouped aliases = grouped(alias_pairs);

    // Sections, each its own buffer, handed to the index as they are: the big ones (the
    // documents' text, the postings) are never copied into one blob.
    struct SectionBytes {
        Section id;
        std::string bytes;
    };
    std::vector<SectionBytes> sections;
    sections.reserve(kSectionCount);  // section() hands out references: no reallocation
    auto section = [&](Section id) -> std::string& { sections.push_back({id, {}}); return sections.back().bytes; };

    std::string& meta = section(Section::meta);
    for (std::size_t v : {std::size_t(n_docs), stems.size(), exacts.size(), folded.keys.size(), im.sources.size(), im.countries.size()})
        put_u32(meta, static_cast<std::uint32_t>(v));
    put_u64(meta, im.title_tokens);
    put_u64(meta, im.body_tokens);

    std::string& docs = section(Section::docs);
    std::string& checkpoints = section(Section::checkpoints);
    std::string& doc_countries = section(Section::doc_countries);
    std::uint32_t n_countries = 0;
    for (const DocMeta& d : im.docs) {
        put_u32(docs, d.title_tokens);
        put_u32(docs, d.body_tokens);
        put_u32(docs, d.body_start);
        put_u16(docs, static_cast<std::uint16_t>(std::clamp(d.date.year, 0, 65535)));
        docs += static_cast<char>(d.date.month);
        docs += static_cast<char>(d.date.day);
        put_u16(docs, d.source);
        put_u16(docs, static_cast<std::uint16_t>(d.countries.size()));
        put_u32(docs, n_countries);
        put_u32(docs, static_cast<std::uint32_t>(checkpoints.size()));
        put_u32(docs, 0);
        for (std::uint16_t c : d.countries) put_u16(doc_countries, c);
        n_countries += static_cast<std::uint32_t>(d.countries.size());
        checkpoints += d.checkpoints;
    }

    section(Section::doc_text) = std::move(im.text);
    std::string& doc_offsets = section(Section::doc_offsets);
    put_u64(doc_offsets, 0);
    for (std::uint64_t end : im.text_ends) put_u64(doc_offsets, end);
    put_u64(doc_offsets, 0);
    for (std::uint64_t end : bodies.ends) put_u64(doc_offsets, end);
    section(Section::bodies) = std::move(bodies.records);
    section(Section::body_dictionary) = std::move(bodies.dictionary);

    auto by_id = [](const std::map<std::string, std::uint16_t>& table) {
        std::vector<std::string_view> out(table.size());
        for (const auto& [s, id] : table) out[id] = s;
        return out;
    };
    put_string_table(section(Section::sources), by_id(im.sources));
    put_string_table(section(Section::countries), by_id(im.countries));

    std::string& stems_sec = section(Section::stems);
    put_string_table(stems_sec, stems);
    for (std::uint32_t v : first_form) put_u32(stems_sec, v);

    StemSections stem = stem_sections(im.forms, order, first_form, im.docs, im.title_tokens, im.body_tokens);
    auto pair_bytes = pair_section(im.forms, order, first_form, im.docs, im.options.pair_min_postings);
    if (!pair_bytes) return pair_bytes.error();
    std::string& forms_sec = section(Section::forms);
    put_string_table(forms_sec, exacts);
    // Each form's postings packed, the builder's streams freed as they are read.
    std::string postings;
    std::vector<std::uint64_t> form_offsets;
    std::vector<std::uint32_t> scratch;
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        FormPostings& f = im.forms[order[i]];
        form_offsets.push_back(postings.size());
        pack_postings(f, postings, scratch);
        std::vector<std::uint8_t>().swap(f.docs);
        std::vector<std::uint8_t>().swap(f.positions);
    }
    postings.append(8, '\0');
    while (forms_sec.size() % 8) forms_sec += '\0';
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        put_u64(forms_sec, form_offsets[i]);
        put_u32(forms_sec, im.forms[order[i]].df);
        put_u32(forms_sec, form_stem[i]);
    }

    std::string& folded_sec = section(Section::folded);
    put_string_table(folded_sec, folded.keys);
    for (std::uint32_t v : folded.first) put_u32(folded_sec, v);
    std::string& ff = section(Section::folded_forms);
    for (std::uint32_t v : folded.values) put_u32(ff, v);
    std::string& aliases_sec = section(Section::stem_aliases);
    put_string_table(aliases_sec, aliases.keys);
    for (std::uint32_t v : aliases.first) put_u32(aliases_sec, v);
    for (std::uint32_t v : aliases.values) put_u32(aliases_sec, v);
    section(Section::postings) = std::move(postings);
    section(Section::stem_summaries) = std::move(stem.summaries);
    section(Section::stem_postings) = std::move(stem.merged);
    section(Section::pair_postings) = std::move(pair_bytes).value();

    // Header and section table, then the sections, each 8-byte aligned (the padding before one
    // is a part of its own); the checksum covers everything after the table.
    std::uint64_t offset = kHeaderBytes + kSectionEntryBytes * sections.size();
    std::string table;
    std::vector<std::string> parts(1);
    for (SectionBytes& sec : sections) {
        if (offset % 8) {
            parts.emplace_back(8 - offset % 8, '\0');
            offset += 8 - offset % 8;
        }
        put_u32(table, static_cast<std::uint32_t>(sec.id));
        put_u32(table, 0);
        put_u64(table, offset);
        put_u64(table, sec.bytes.size());
        offset += sec.bytes.size();
        parts.push_back(std::move(sec.bytes));
    }
    if (offset > 0xFFFFFFFFull && sizeof(std::size_t) == 4)
        return Error{"index: larger than 4 GiB, which wasm32 cannot hold"};
    const std::size_t body = kHeaderBytes + kSectionEntryBytes * sections.size();
    Checksum64 sum(offset - body);
    for (std::size_t i = 1; i < parts.size(); ++i) sum.update(reinterpret_cast<const std::uint8_t*>(parts[i].data()), parts[i].size());
    std::string& head = parts.front();
    head.append(kMagic, 4);
    put_u32(head, kVersion);
    put_u32(head, 0);
    put_u32(head, static_cast<std::uint32_t>(sections.size()));
    put_u64(head, sum.value());
    put_u64(head, offset);
    head += table;
    return parts;
}

Result<Index> build_index(const std::vector<corpus::Document>& docs, const text::Analyzer& analyzer,
                          const geo::Gazetteer* gazetteer, BuildOptions options) {
    IndexBuilder builder(analyzer, gazetteer, options);
    builder.reserve(docs);
    for (const corpus::Document& d : docs) builder.add(d);
    auto parts = std::move(builder).finish_parts();
    if (!parts) return parts.error();
    return Index::open(std::move(parts).value());
}

}  // namespace vigie::index
