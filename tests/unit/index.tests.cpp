// The .vidx index: deterministic bytes, validation of damaged blobs, block-skipping postings
// against a linear walk, prefix ranges and the typo search of the dictionary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/index/builder.h"
#include "core/index/bytes.h"
#include "core/index/format.h"
#include "core/index/index.h"
#include "core/index/search.h"
#include "core/text/analyzer.h"
#include "support.h"

using namespace vigie;
using vigie::testing::analyzer;

namespace {

corpus::Document doc(std::string id, std::string title, std::string text) {
    corpus::Document d;
    d.id = std::move(id);
    d.title = std::move(title);
    d.text = std::move(text);
    return d;
}

std::string build_bytes(const std::vector<corpus::Document>& docs) {
    index::IndexBuilder b(analyzer());
    for (const auto& d : docs) b.add(d);
    auto bytes = std::move(b).finish();
    REQUIRE(bytes.ok());
    return std::move(bytes).value();
}

// The index of docs, with a body dictionary learnt from their first `sample` bytes of text.
index::Index with_dictionary(const std::vector<corpus::Document>& docs, std::size_t sample) {
    index::BuildOptions o;
    o.dictionary_sample = sample;
    index::IndexBuilder b(analyzer(), nullptr, o);
    for (const auto& d : docs) b.add(d);
    auto bytes = std::move(b).finish();
    REQUIRE(bytes.ok());
    CHECK(vigie::testing::section_size(bytes.value(), index::format::Section::body_dictionary) > 0);
    auto ix = index::Index::open(bytes.value());
    REQUIRE(ix.ok());
    return std::move(ix).value();
}

std::vector<corpus::Document> sample() {
    return {doc("a", "L’opération Amaq", "Une opération européenne contre la propagande terroriste."),
            doc("b", "Le territoire", "La terre et le territoire ; le terrorisme recule."),
            doc("c", "Propagande", "Les États-Unis et le Canada ont participé à l’opération.")};
}

}  // namespace

TEST_CASE("index: documents handed over or copied, room reserved or not, give the same bytes", "[index]") {
    std::vector<corpus::Document> docs = sample();
    for (int i = 0; i < 60; ++i) {
        std::string text;
        for (int k = 0; k <= i % 7; ++k) text += "Le parquet fédéral belge mène l’opération numéro " + std::to_string(i * 10 + k) + ". ";
        while (text.size() < std::size_t(300 + 90 * i)) text += "La propagande d’Amaq recule en Europe. ";
        docs.push_back(doc("d" + std::to_string(i), "Titre " + std::to_string(i), text));
        docs.back().url = "https://example.org/" + std::to_string(i);
    }
    const std::string copied = build_bytes(docs);
    auto handed_over = [&](std::size_t reserve_docs, std::size_t reserve_bytes) {
        index::IndexBuilder b(analyzer());
        b.reserve(reserve_docs, reserve_bytes);
        std::vector<corpus::Document> handed = docs;
        for (auto& d : handed) {
            b.add(std::move(d));
            b.reserve(1, 10);  // more room asked as it goes: the same bytes
        }
        auto bytes = std::move(b).finish();
        REQUIRE(bytes.ok());
        return std::move(bytes).value();
    };
    CHECK(handed_over(0, 0) == copied);
    CHECK(handed_over(3, 100) == copied);
    CHECK(handed_over(docs.size(), 1 << 20) == copied);

    // In parts (what the CLI and the JS API open, never joined in memory): the same bytes
    // joined, the same documents; the index says so and gives its parts back to be written.
    index::IndexBuilder b(analyzer());
    b.reserve(docs);
    for (const auto& d : docs) b.add(d);
    auto parts = std::move(b).finish_parts();
    REQUIRE(parts.ok());
    CHECK(parts->size() > 10);
    std::string joined;
    for (const std::string& p : parts.value()) joined += p;
    CHECK(joined == copied);
    auto ix = index::Index::open(std::move(parts).value());
    REQUIRE(ix.ok());
    CHECK(vigie::testing::joined(ix.value()) == copied);
    CHECK(ix->stats().total_bytes == copied.size());
    CHECK(ix->doc(62).text == docs[62].text);
    CHECK(ix->doc(62).url == "https://example.org/59");
    CHECK(ix->stats().fields_bytes == ix->doc(62).url.data() + ix->doc(62).url.size() - ix->doc(0).id.data());
}

TEST_CASE("index: bodies are stored compressed, with a dictionary once there are enough, and read back as written", "[index]") {
    // 300 articles of ~1.5 kB in a vocabulary of 200 words: what a dictionary learns from.
    std::vector<corpus::Document> docs;
    std::uint64_t state = 42;
    auto next = [&] { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state; };
    std::vector<std::string> words;
    for (int w = 0; w < 200; ++w) words.push_back(std::string("mot") + char('a' + w % 26) + char('a' + w / 26) + (w % 3 ? "é" : "s"));
    for (int i = 0; i < 300; ++i) {
        std::string text = i == 7 ? "" : "L’enquête du parquet fédéral belge, ";  // one empty body
        while (i != 7 && text.size() < 1500) text += words[next() % words.size()] + (next() % 9 ? " " : ". ");
        docs.push_back(doc("d" + std::to_string(i), "Titre " + std::to_string(i), text));
    }
    std::uint64_t raw = 0;
    for (const auto& d : docs) raw += d.text.size();
    auto check = [&](index::BuildOptions o, bool dictionary) {
        index::IndexBuilder b(analyzer(), nullptr, o);
        for (const auto& d : docs) b.add(d);
        auto bytes = std::move(b).finish();
        REQUIRE(bytes.ok());
        auto ix = index::Index::open(bytes.value());
        REQUIRE(ix.ok());
        const index::IndexStats st = ix->stats();
        CHECK(st.body_raw_bytes == raw);
        CHECK(st.text_bytes - st.fields_bytes < raw / 2);
        CHECK((vigie::testing::section_size(bytes.value(), index::format::Section::body_dictionary) > 0) == dictionary);
        std::string body;
        for (std::uint32_t d = 0; d < docs.size(); ++d) {
            REQUIRE(ix->body(d, body));
            REQUIRE(body == docs[d].text);
            REQUIRE(ix->doc(d).text == docs[d].text);
            for (std::size_t prefix : {std::size_t(0), std::size_t(1), std::size_t(100), std::size_t(900), docs[d].text.size() + 1}) {
                REQUIRE(ix->body(d, body, prefix));  // a prefix: decoding stops early
                REQUIRE(body == docs[d].text.substr(0, prefix));
            }
        }
        CHECK(ix->doc(7, false).text.empty());
        CHECK_FALSE(ix->body(300, body));
        return std::move(bytes).value();
    };
    index::BuildOptions early;
    early.dictionary_sample = 100 << 10;  // trained after ~70 articles, the rest compressed as they come
    const std::string trained_early = check(early, true);
    const std::string trained_at_end = check({}, true);  // 450 kB < 4 MB: trained at finish() on all of them
    CHECK(trained_early != trained_at_end);
    // Two indexes with different dictionaries read in turn: each read finds its own dictionary
    // before its text (stored_text.cpp keeps one there per thread, the last reader's).
    auto first = index::Index::open(trained_early), second = index::Index::open(trained_at_end);
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    std::string body;
    for (std::uint32_t d : {3u, 150u, 299u}) {
        REQUIRE(first->body(d, body));
        CHECK(body == docs[d].text);
        REQUIRE(second->body(d, body));
        CHECK(body == docs[d].text);
        REQUIRE(first->body(d, body, 900));
        CHECK(body == docs[d].text.substr(0, 900));
    }
    index::BuildOptions none;
    none.dictionary_sample = 1 << 10;  // trained on the first article alone: too little, no dictionary
    const std::string plain = check(none, false);
    CHECK(plain.size() > trained_at_end.size());
    // Three short articles: no dictionary, each body still a frame of its own.
    auto small = index::Index::open(build_bytes(sample()));
    REQUIRE(small.ok());
    CHECK(small->doc(2).text == sample()[2].text);
}

TEST_CASE("index: a body of more than a megabyte reads back, and so do the others after it", "[index]") {
    // stored_text.cpp decodes after a copy of the dictionary and gives back the room a huge body
    // took: the dictionary must still be there for the next body.
    std::vector<corpus::Document> docs;
    for (int i = 0; i < 80; ++i) {
        std::string text;
        for (int k = 0; text.size() < 1500; ++k) text += "mot" + std::to_string((i * 7 + k * 13) % 97) + (k % 11 ? " " : ". ");
        docs.push_back(doc("d" + std::to_string(i), "Titre", text));
    }
    std::string huge;
    while (huge.size() < (1200 << 10)) huge += "Un très long rapport, page " + std::to_string(huge.size() % 9973) + ". ";
    docs.push_back(doc("huge", "Rapport", huge));
    const auto ix = std::optional(with_dictionary(docs, 100 << 10));  // learnt from the first articles
    std::string body;
    for (std::uint32_t d : {80u, 3u, 80u, 79u}) {
        REQUIRE(ix->body(d, body));
        CHECK(body == docs[d].text);
    }
    REQUIRE(ix->body(80, body, 5000));
    CHECK(body == huge.substr(0, 5000));
    // Seen in place (a snippet's read): the same text, in turn after the huge body and after a
    // short one, and a prefix; out of range, nothing.
    for (std::uint32_t d : {80u, 3u, 79u, 80u}) {
        const auto seen = ix->body_part(d, 0, std::size_t(-1));
        REQUIRE(seen);
        CHECK(seen->at == 0);
        CHECK(seen->text == docs[d].text);
    }
    const auto start = ix->body_part(3, 0, 40);
    REQUIRE(start);
    CHECK(start->text == docs[3].text.substr(0, 40));
    CHECK_FALSE(ix->body_part(81, 0, std::size_t(-1)));
}

TEST_CASE("index: a long body is stored in chunks: a passage decodes from its chunk, whole reads are unchanged", "[index]") {
    constexpr std::size_t chunk = index::format::kBodyChunk;
    std::vector<corpus::Document> docs;
    for (int i = 0; i < 60; ++i) {  // enough text for a dictionary
        std::string text;
        for (int k = 0; text.size() < 1800; ++k) text += "phrase" + std::to_string((i * 5 + k * 3) % 89) + (k % 9 ? " " : ". ");
        docs.push_back(doc("d" + std::to_string(i), "Titre", text));
    }
    std::string longer;  // accents across the cuts: a chunk may end inside a character
    for (int k = 0; longer.size() < 5 * chunk + 123; ++k) longer += "L’été n°" + std::to_string(k) + " à Liège. ";
    docs.insert(docs.begin() + 30, doc("long", "Rapport", longer));
    docs.push_back(doc("exact", "Deux", std::string(2 * chunk, 'x')));  // exactly two chunks
    const auto ix = std::optional(with_dictionary(docs, 64 << 10));
    for (std::uint32_t d : {30u, 61u}) {
        const std::string& text = docs[d].text;
        std::string body;
        REQUIRE(ix->body(d, body));
        CHECK(body == text);
        for (std::size_t from : {std::size_t(0), std::size_t(1), chunk - 1, chunk, chunk + 7, 2 * chunk - 2, text.size() - 1, text.size()})
            for (std::size_t length : {std::size_t(0), std::size_t(1), std::size_t(40), chunk, 2 * chunk + 5, std::size_t(-1) / 2}) {
                const std::size_t to = from + length;
                const auto part = ix->body_part(d, from, to);
                REQUIRE(part);
                const std::size_t end = std::min(to, text.size());
                // From the start of from's chunk (not of the body) to the end asked for.
                CHECK(part->at == std::min(from, end) / chunk * chunk);
                CHECK(part->at + part->text.size() == end);
                CHECK(part->text == std::string_view(text).substr(part->at, end - part->at));
                // A short body between: the buffers hold the dictionary for the next read.
                const auto short_body = ix->body_part(3, 0, 20);
                REQUIRE(short_body);
                CHECK(short_body->text == std::string_view(docs[3].text).substr(0, 20));
            }
    }
    // A search whose passage lies deep in the long body has its snippet and highlight there.
    const auto r = index::Searcher(ix.value(), analyzer()).search("\"n°400 à\"", index::SearchOptions{});
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].doc == 30);
    std::vector<std::string> marked;
    for (auto [hb, he] : r.hits[0].highlights) marked.push_back(r.hits[0].snippet.substr(hb, he - hb));
    CHECK(marked == std::vector<std::string>{"n", "400", "à"});
    INFO(r.hits[0].snippet);
    CHECK(r.hits[0].snippet.find("Liège. L’été n°400 à Liège. L’été n°401") != std::string::npos);
}

TEST_CASE("index: bodies and checkpoints damaged at random never read out of bounds", "[index][bad-input]") {
    // Chunked bodies (BODIES) and the checkpoints snippets start from (CHECKPOINTS), bytes
    // changed and the checksum fixed up: the index is refused with a reason, or it opens and
    // every read (a body, a part of one, a search with snippets) stays within the blob; a body
    // that does not decode reads back empty. Run under AddressSanitizer, any stray read shows.
    std::vector<corpus::Document> docs;
    for (int i = 0; i < 40; ++i) {
        std::string text;
        for (int k = 0; text.size() < (i % 7 == 0 ? 3 * index::format::kBodyChunk + 99 : 900u); ++k)
            text += "L’opération n°" + std::to_string(k) + " d’Europol contre Amaq. ";
        docs.push_back(doc("d" + std::to_string(i), "Opération", text));
    }
    const std::string good = build_bytes(docs);
    std::uint64_t state = 11;  // an LCG: the same damage on every run
    auto next = [&] { return (state = state * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
    int opened = 0;
    for (int round = 0; round < 300; ++round) {
        std::string bad = good;
        const auto section = round % 2 ? index::format::Section::bodies : index::format::Section::checkpoints;
        const std::size_t at = vigie::testing::section_at(good, section), size = vigie::testing::section_size(good, section);
        REQUIRE(size > 0);
        for (int k = 0; k < 1 + round % 4; ++k) bad[at + next() % size] = static_cast<char>(next());
        auto ix = index::Index::open(vigie::testing::resealed(bad));
        if (!ix) {
            CHECK_FALSE(ix.error().message.empty());
            continue;
        }
        ++opened;
        std::string body;
        for (std::uint32_t d = 0; d < ix->doc_count(); ++d) {
            if (!ix->body(d, body)) CHECK(body.empty());
            const std::size_t from = next() % (4 * index::format::kBodyChunk), to = from + next() % (2 * index::format::kBodyChunk);
            if (const auto part = ix->body_part(d, from, to)) CHECK(part->at <= from);
        }
        index::SearchOptions o;
        o.limit = 40;
        const auto r = index::Searcher(ix.value(), analyzer()).search("europol amaq", o);
        for (const auto& h : r.hits)
            for (auto [hb, he] : h.highlights) CHECK((hb < he && he <= h.snippet.size()));
    }
    CHECK(opened > 50);  // most damage is in the text, which open() does not decode
}

TEST_CASE("index: a blob in parts opens when each section lies in one part", "[index][bad-input]") {
    const std::string good = build_bytes(sample());
    std::vector<std::size_t> starts;  // every section's start, in order
    for (std::uint32_t id = 1; id <= index::format::kSectionCount; ++id)
        starts.push_back(vigie::testing::section_at(good, static_cast<index::format::Section>(id)));
    std::sort(starts.begin(), starts.end());
    auto split = [&](std::vector<std::size_t> cuts) {
        std::vector<std::string> parts;
        std::size_t at = 0;
        for (std::size_t c : cuts) {
            parts.push_back(good.substr(at, c - at));
            at = c;
        }
        parts.push_back(good.substr(at));
        return index::Index::open(std::move(parts), "parts.vidx");
    };
    auto at_sections = split(starts);
    REQUIRE(at_sections.ok());
    CHECK(at_sections->doc(2).title == "Propagande");
    CHECK(split({starts[0], starts[0], starts[0]}).ok());  // empty parts are nothing
    // Cut inside a section: refused (the builder never does it), with a reason.
    auto inside = split({starts[5] + 1});
    REQUIRE_FALSE(inside.ok());
    CHECK_THAT(inside.error().message, Catch::Contains("parts.vidx") && Catch::Contains("across two parts"));
    // Cut inside the header or the section table: no header.
    auto header = split({10});
    REQUIRE_FALSE(header.ok());
    CHECK_THAT(header.error().message, Catch::Contains("no VIDX header"));
    CHECK_FALSE(index::Index::open(std::vector<std::string>{}).ok());
}

TEST_CASE("index: the same documents give the same bytes, which open", "[index]") {
    const std::string a = build_bytes(sample()), b = build_bytes(sample());
    CHECK(a == b);
    auto ix = index::Index::open(a);
    REQUIRE(ix.ok());
    CHECK(ix->doc_count() == 3);
    CHECK(ix->doc(2).id == "c");
    CHECK(ix->doc(2).title == "Propagande");
    const auto st = ix->stats();
    CHECK(st.documents == 3);
    CHECK(st.total_bytes == a.size());
    CHECK(st.text_bytes > 100);

    // From a buffer the caller filled (the JS API's loadIndex), the same index; and it refuses
    // a damaged one the same way.
    auto buffer = [](const std::string& s) {
        std::unique_ptr<char[]> p(new char[s.size()]);
        std::copy(s.begin(), s.end(), p.get());
        return p;
    };
    auto from_buffer = index::Index::open(buffer(a), a.size());
    REQUIRE(from_buffer.ok());
    CHECK(vigie::testing::joined(from_buffer.value()) == a);
    CHECK(from_buffer->doc(2).title == "Propagande");
    auto cut = index::Index::open(buffer(a), a.size() - 1, "cut.vidx");
    REQUIRE_FALSE(cut.ok());
    CHECK_THAT(cut.error().message, Catch::Contains("cut.vidx") && Catch::Contains("truncated"));
}

TEST_CASE("index: past 65,535 sources a document keeps no source, and the builder says which", "[index][bad-input]") {
    index::IndexBuilder b(analyzer());
    const std::uint32_t n = index::format::kNoSource + 2;  // two documents too many
    for (std::uint32_t i = 0; i < n; ++i) {
        corpus::Document d = doc("d" + std::to_string(i), "", "mot");
        d.file = "many.jsonl";
        d.source = i + 1 == n ? "source 0" : "source " + std::to_string(i);  // the last: a source already kept
        b.add(d);
    }
    const std::vector<Error> w = b.warnings();
    REQUIRE(w.size() == 1);  // d65535 only: d65536's source is one the index holds
    CHECK_THAT(w[0].message, Catch::Contains("many.jsonl") && Catch::Contains("'d65535'") && Catch::Contains("'source 65535'") &&
                                 Catch::Contains("65535 sources at most"));
    auto bytes = std::move(b).finish();
    REQUIRE(bytes.ok());
    auto ix = index::Index::open(bytes.value());
    REQUIRE(ix.ok());
    CHECK(ix->doc(65534).source == "source 65534");
    CHECK(ix->doc(65535).source.empty());
    CHECK(ix->doc(65536).source == "source 0");

    index::IndexBuilder more(analyzer());
    for (std::uint32_t i = 0; i < n + 1; ++i) {
        corpus::Document d = doc("d" + std::to_string(i), "", "mot");
        d.source = "source " + std::to_string(i);
        more.add(d);
    }
    const std::vector<Error> counted = more.warnings();
    REQUIRE(counted.size() == 2);
    CHECK(counted[1].message == "sources not kept: 3 documents in all");

    index::IndexBuilder few(analyzer());
    few.add(doc("x", "", "mot"));
    CHECK(few.warnings().empty());
}

TEST_CASE("index: damaged blobs are refused with a reason", "[index][bad-input]") {
    const std::string good = build_bytes(sample());
    auto reason = [](std::string bytes) {
        auto r = index::Index::open(std::move(bytes), "saved.vidx");
        REQUIRE_FALSE(r.ok());
        return r.error().message;
    };
    std::string flipped = good;
    flipped[good.size() / 2] ^= 0x40;
    CHECK_THAT(reason(flipped), Catch::Contains("saved.vidx") && Catch::Contains("checksum mismatch"));
    CHECK_THAT(reason(good.substr(0, good.size() - 1)), Catch::Contains("truncated"));
    CHECK_THAT(reason(good.substr(0, 10)), Catch::Contains("no VIDX header"));
    CHECK_THAT(reason(""), Catch::Contains("no VIDX header"));
    CHECK_THAT(reason("PK\x03\x04 a zip file, not an index at all......"), Catch::Contains("no VIDX header"));
    std::string version = good;
    version[4] = 9;
    CHECK_THAT(reason(version), Catch::Contains("format version 9"));

    // Made by hand with the checksum fixed up: the postings are still checked, so that reads
    // stay inside the blob (a bit width past 32, documents past the last).
    using vigie::testing::resealed;
    auto section_at = [&](index::format::Section id) { return vigie::testing::section_at(good, id); };
    const std::size_t postings = section_at(index::format::Section::postings);
    REQUIRE(postings > 0);
    CHECK(index::Index::open(resealed(good)).ok());
    for (char width : {char(40), char(31)}) {
        std::string bad = good;
        bad[postings] = width;  // the first form's first block: its documents' gap width
        CHECK_THAT(reason(resealed(bad)), Catch::Contains("postings of form 0"));
    }
    // Positions too wide for their block: the blob opens (frequencies are not added up at
    // open), the postings still answer, and the posting has no positions instead of reading
    // past its block.
    {
        std::string wide = good;
        wide[postings + 3] = 32;  // the first form's first block: its positions' width
        auto opened = index::Index::open(resealed(wide));
        REQUIRE(opened.ok());
        index::PostingCursor c = opened->postings(0);
        REQUIRE(c.doc() != index::kNoDoc);
        std::vector<std::uint32_t> positions{7};
        c.positions(positions);
        CHECK(positions.empty());
        const std::string word(opened->form_text(0));
        index::SearchResult r;
        CHECK_NOTHROW(r = index::Searcher(opened.value(), analyzer()).search("\"" + word + " " + word + "\" " + word, index::SearchOptions{}));
        CHECK_NOTHROW(r = index::Searcher(opened.value(), analyzer()).search(word, index::SearchOptions{}));
        CHECK(r.total >= 1);
    }
    // A summary table that claims more stems than there are.
    std::string summaries = good;
    summaries[section_at(index::format::Section::stem_summaries) + 19] = 0x7F;
    CHECK_THAT(reason(resealed(summaries)), Catch::Contains("stem summaries"));
    std::string merged = good;
    merged[section_at(index::format::Section::stem_postings) + 3] = 0x7F;
    CHECK_THAT(reason(resealed(merged)), Catch::Contains("stem postings"));
    // Folded form lists that fall (one starts before the one ahead of it): refused, where a
    // typo or prefix lookup would have read far past FOLDED_FORMS.
    {
        std::string falling = good;
        const std::size_t at = section_at(index::format::Section::folded);
        auto u32_at = [&](std::size_t o) { return index::load_u32(reinterpret_cast<const std::uint8_t*>(falling.data()) + o); };
        const std::uint32_t count = u32_at(at);
        REQUIRE(count >= 4);
        const std::size_t first = at + 4 + 4 * (std::size_t(count) + 1) + u32_at(at + 4 + 4 * std::size_t(count));
        const std::size_t entry = first + 4 * (count / 2);
        REQUIRE(u32_at(entry - 4) > 0);
        for (int i = 0; i < 4; ++i) falling[entry + i] = 0;
        CHECK_THAT(reason(resealed(falling)), Catch::Contains("folded form lists"));
        // Folded forms out of order: the typo walk took a shorter form for one sharing its
        // prefix (and threw); refused too. The same for the stems.
        for (auto [id, what] : {std::pair{index::format::Section::folded, "folded forms"}, std::pair{index::format::Section::stems, "stems"}}) {
            std::string unsorted = good;
            const std::size_t table = section_at(id);
            const std::uint32_t n = index::load_u32(reinterpret_cast<const std::uint8_t*>(unsorted.data()) + table);
            REQUIRE(n >= 2);
            unsorted[table + 4 + 4 * (std::size_t(n) + 1)] = '\x7f';  // the first string's first byte: past every letter
            CHECK_THAT(reason(resealed(unsorted)), Catch::Contains(what));
        }
    }
    // Stem aliases naming a stem past the last, or keys out of order (looked up by bisection).
    {
        const std::string accented = build_bytes({doc("s", "Sécurité", "La sécurité et les activités, sécurités diverses.")});
        const std::size_t at = vigie::testing::section_at(accented, index::format::Section::stem_aliases);
        const std::size_t size = vigie::testing::section_size(accented, index::format::Section::stem_aliases);
        REQUIRE(index::load_u32(reinterpret_cast<const std::uint8_t*>(accented.data()) + at) >= 2);  // keys
        CHECK(index::Index::open(resealed(accented)).ok());
        std::string past = accented;
        for (int i = 0; i < 4; ++i) past[at + size - 4 + i] = '';
        CHECK_THAT(reason(resealed(past)), Catch::Contains("stem aliases"));
        std::string unsorted = accented;
        const std::uint32_t n = index::load_u32(reinterpret_cast<const std::uint8_t*>(unsorted.data()) + at);
        unsorted[at + 4 + 4 * (std::size_t(n) + 1)] = '';
        CHECK_THAT(reason(resealed(unsorted)), Catch::Contains("stem aliases"));
    }
    // A string table's last offset near 2^32: head + offset wrapped where size_t is 32 bits
    // (wasm), the table passed, and every search then read a string of almost 4 GiB.
    {
        std::vector<corpus::Document> sourced = sample();
        sourced[0].source = "Reuters";
        std::string wrapped = build_bytes(sourced);
        const std::size_t at = vigie::testing::section_at(wrapped, index::format::Section::sources);
        auto* b = reinterpret_cast<std::uint8_t*>(wrapped.data());
        const std::uint32_t count = index::load_u32(b + at);
        REQUIRE(count >= 1);
        const std::uint32_t head = 4 + 4 * (count + 1), last = index::load_u32(b + at + 4 + 4 * count);
        const std::uint32_t o = static_cast<std::uint32_t>(std::uint64_t(1) << 32) - head + last;  // head + o wraps to last
        for (int i = 0; i < 4; ++i) wrapped[at + 4 + 4 * count + i] = static_cast<char>((o >> (8 * i)) & 0xFF);
        CHECK_THAT(reason(resealed(wrapped)), Catch::Contains("sources"));
    }
    // Bodies: offsets that fall or pass the records, a record cut after its size, refused at
    // open; a record whose block is damaged opens, its document reads back empty and gets no
    // snippet, the others are untouched.
    {
        const std::size_t offsets = section_at(index::format::Section::doc_offsets);
        const std::size_t ends = offsets + 8 * (3 * 3 + 1);  // three documents' fields, then the body ends
        std::string falling = good;
        falling[ends + 8] = 0x7F;  // the first body ends past the second
        CHECK_THAT(reason(resealed(falling)), Catch::Contains("document bodies: offsets"));
        std::string cut = good;
        cut[ends + 8] = 1;  // the first record: its size, no block
        CHECK_THAT(reason(resealed(cut)), Catch::Contains("record of document 0"));
        // A chunk's compressed size past its record, or 0.
        {
            std::vector<corpus::Document> docs = sample();
            docs[1].text.clear();
            for (int k = 0; docs[1].text.size() < 2 * index::format::kBodyChunk; ++k) docs[1].text += "Europol " + std::to_string(k * 7919 % 10007) + ". ";
            const std::string chunked = build_bytes(docs);
            const std::size_t at = vigie::testing::section_at(chunked, index::format::Section::bodies) +
                                   index::load_u64(reinterpret_cast<const std::uint8_t*>(chunked.data()) +
                                                   vigie::testing::section_at(chunked, index::format::Section::doc_offsets) + 8 * (3 * 3 + 1) + 8);
            REQUIRE(index::Index::open(resealed(chunked)).ok());
            for (std::string_view size : {std::string_view("\xFF\x7F", 2), std::string_view("\x80\x00", 2)}) {
                std::string bad = chunked;  // the second record: its size (2 bytes), its first chunk's
                bad.replace(at + 2, 2, size);
                CHECK_THAT(reason(resealed(bad)), Catch::Contains("record of document 1"));
            }
        }
        std::string huge = good;  // a size of 2^28 over the first bytes of a block of a few dozen
        huge.replace(section_at(index::format::Section::bodies), 5, "\x80\x80\x80\x80\x01");
        CHECK_THAT(reason(resealed(huge)), Catch::Contains("record of document 0"));
        std::string garbled = good;
        const std::size_t records = section_at(index::format::Section::bodies);
        const auto first_end = index::load_u64(reinterpret_cast<const std::uint8_t*>(good.data()) + ends + 8);
        // Past the record's size (one byte): a block whose literal run overruns it.
        for (std::size_t i = records + 1; i < records + first_end; ++i) garbled[i] = '\xFF';
        auto opened = index::Index::open(resealed(garbled));
        REQUIRE(opened.ok());
        std::string body = "x";
        CHECK_FALSE(opened->body(0, body));
        CHECK(body.empty());
        CHECK_FALSE(opened->body(0, body, 4));
        CHECK(body.empty());
        CHECK(opened->doc(1).text == sample()[1].text);
        index::SearchResult r;
        CHECK_NOTHROW(r = index::Searcher(opened.value(), analyzer()).search("opération", index::SearchOptions{}));
        CHECK(r.total == 2);
        for (const index::Hit& h : r.hits) CHECK((h.doc == 0) == h.snippet.empty());
    }
    // A snippet checkpoint past the end of its text: the passage is dropped, nothing throws.
    std::string far = good;
    far[section_at(index::format::Section::checkpoints)] = 0x7F;
    auto opened = index::Index::open(resealed(far));
    REQUIRE(opened.ok());
    index::SearchResult r;
    CHECK_NOTHROW(r = index::Searcher(opened.value(), analyzer()).search("opération", index::SearchOptions{}));
    CHECK(r.total == 2);
}

TEST_CASE("postings: skips across blocks agree with a linear walk", "[index]") {
    // 1000 documents: "alpha" in every third, "gamma" in all, "omega" only in the last.
    std::vector<corpus::Document> docs;
    for (int d = 0; d < 1000; ++d) {
        std::string text = "gamma";
        if (d % 3 == 0) text += " alpha beta alpha";
        if (d == 999) text += " omega";
        docs.push_back(doc("d" + std::to_string(d), "", text));
    }
    auto ix = index::Index::open(build_bytes(docs));
    REQUIRE(ix.ok());
    auto form = [&](const char* w) {
        auto stem = ix->find_stem(analyzer().analyze(w).at(0).term);
        REQUIRE(stem.has_value());
        return ix->forms_of_stem(*stem).first;
    };
    const std::uint32_t alpha = form("alpha"), gamma = form("gamma"), omega = form("omega");
    CHECK(ix->form_df(alpha) == 334);
    CHECK(ix->form_df(gamma) == 1000);

    SECTION("next() visits every posting in order") {
        auto c = ix->postings(alpha);
        std::uint32_t expect = 0, n = 0;
        for (; c.doc() != index::kNoDoc; c.next(), expect += 3, ++n) REQUIRE(c.doc() == expect);
        CHECK(n == 334);
    }
    SECTION("advance() lands on the first posting at or after the target, with its positions") {
        const std::uint32_t body = ix->doc_body_start(0);
        for (std::uint32_t target : {0u, 1u, 2u, 3u, 383u, 384u, 385u, 500u, 767u, 998u, 999u}) {
            auto c = ix->postings(alpha);
            c.advance(target);
            REQUIRE(c.doc() == (target + 2) / 3 * 3);
            CHECK(c.tf_body() == 2);
            std::vector<std::uint32_t> pos;
            c.positions(pos);
            CHECK(pos == std::vector<std::uint32_t>{body + 1, body + 3});
        }
        auto c = ix->postings(alpha);
        c.advance(1000);
        CHECK(c.doc() == index::kNoDoc);
    }
    SECTION("interleaved advances and position reads on a long list") {
        auto c = ix->postings(gamma);
        std::vector<std::uint32_t> pos;
        for (std::uint32_t t = 0; t < 1000; t += 37) {
            c.advance(t);
            REQUIRE(c.doc() == t);
            if (t % 2) {
                c.positions(pos);
                CHECK(pos == std::vector<std::uint32_t>{ix->doc_body_start(t)});
            }
        }
        auto o = ix->postings(omega);
        CHECK(o.doc() == 999);
    }
}

TEST_CASE("postings: frequencies and positions survive packing, whatever their size", "[index]") {
    // "delta" at scattered positions (up to ~3,000 words in), 1–5 times, in some titles: blocks
    // whose fields need from 0 to 12 bits.
    std::vector<corpus::Document> docs;
    std::vector<std::vector<std::uint32_t>> where(700);  // body-relative positions, per doc
    std::vector<bool> titled(700);
    for (int d = 0; d < 700; ++d) {
        std::string text;
        std::uint32_t at = 0;
        for (int k = 0; k <= d % 5; ++k) {
            for (int f = 0; f < (d * 37 + k * 101) % 700; ++f, ++at) text += "mot ";
            text += "delta ";
            where[d].push_back(at++);
        }
        titled[d] = d % 7 == 0;
        docs.push_back(doc("d" + std::to_string(d), titled[d] ? "delta delta" : "", text));
    }
    auto ix = index::Index::open(build_bytes(docs));
    REQUIRE(ix.ok());
    auto stem = ix->find_stem(analyzer().analyze("delta").at(0).term);
    REQUIRE(stem.has_value());
    auto c = ix->postings(ix->forms_of_stem(*stem).first);
    std::vector<std::uint32_t> pos;
    for (std::uint32_t d = 0; d < 700; ++d, c.next()) {
        REQUIRE(c.doc() == d);
        CHECK(c.tf_title() == (titled[d] ? 2u : 0u));
        CHECK(c.tf_body() == where[d].size());
        c.positions(pos);
        std::vector<std::uint32_t> expect;
        if (titled[d]) expect = {0, 1};
        for (std::uint32_t p : where[d]) expect.push_back(ix->doc_body_start(d) + p);
        CHECK(pos == expect);
    }
    CHECK(c.doc() == index::kNoDoc);
}

TEST_CASE("bytes: sums of packed fields agree with reading them one by one", "[index]") {
    std::uint32_t seed = 11;
    auto random = [&] { return seed = seed * 1664525u + 1013904223u; };
    std::vector<std::uint8_t> bits(4096 + 8);
    for (auto& b : bits) b = static_cast<std::uint8_t>(random() >> 24);
    for (int round = 0; round < 2000; ++round) {
        const unsigned width = random() % 33;
        const std::uint32_t n = random() % 200;
        const std::uint64_t bit = random() % (4096 * 8 - std::uint64_t(n) * 32 - 1);
        std::uint64_t expect = 0;
        for (std::uint32_t i = 0; i < n; ++i) expect += width ? index::get_bits(bits.data(), bit + std::uint64_t(i) * width, width) : 0;
        CAPTURE(width, n, bit);
        CHECK(index::sum_bits(bits.data(), bit, n, width) == expect);
    }
}

TEST_CASE("bytes: the checksum changes with any flipped bit, swapped words or length", "[index]") {
    std::vector<std::uint8_t> data(1000);
    std::uint32_t seed = 7;
    for (auto& b : data) b = static_cast<std::uint8_t>((seed = seed * 1664525u + 1013904223u) >> 24);
    const std::uint64_t sum = index::checksum64(data.data(), data.size());
    CHECK(index::checksum64(data.data(), data.size()) == sum);
    for (std::size_t at = 0; at < data.size(); at += 37)
        for (int bit : {0, 3, 7}) {
            CAPTURE(at, bit);
            data[at] ^= static_cast<std::uint8_t>(1 << bit);
            CHECK(index::checksum64(data.data(), data.size()) != sum);
            data[at] ^= static_cast<std::uint8_t>(1 << bit);
        }
    for (std::size_t a : {0, 8, 32, 64}) {  // two words swapped, in one lane and across lanes
        CAPTURE(a);
        std::vector<std::uint8_t> swapped = data;
        std::swap_ranges(swapped.begin() + static_cast<std::ptrdiff_t>(a), swapped.begin() + static_cast<std::ptrdiff_t>(a + 8),
                         swapped.begin() + 256);
        CHECK(index::checksum64(swapped.data(), swapped.size()) != sum);
    }
    for (std::size_t cut : {0, 1, 7, 31, 32, 33, 500, 999, 1000}) {  // in two parts, three parts: the same
        CAPTURE(cut);
        index::Checksum64 two(data.size());
        two.update(data.data(), cut);
        two.update(data.data() + cut, data.size() - cut);
        CHECK(two.value() == sum);
        index::Checksum64 three(data.size());
        three.update(data.data(), cut / 2);
        three.update(data.data() + cut / 2, cut - cut / 2);
        three.update(data.data() + cut, data.size() - cut);
        CHECK(three.value() == sum);
    }
    CHECK(index::checksum64(data.data(), data.size() - 1) != sum);
    std::vector<std::uint8_t> longer = data;
    longer.push_back(0);
    CHECK(index::checksum64(longer.data(), longer.size()) != sum);
}

TEST_CASE("dictionary: prefixes and typos over folded forms", "[index]") {
    auto ix = index::Index::open(build_bytes(sample()));
    REQUIRE(ix.ok());
    auto folded_range = [&](const char* prefix) {
        std::vector<std::string> out;
        auto [a, b] = ix->folded_prefix(prefix);
        for (auto i = a; i < b; ++i) out.emplace_back(ix->folded_text(i));
        return out;
    };
    CHECK(folded_range("terr") == std::vector<std::string>{"terre", "territoire", "terrorisme", "terroriste"});
    CHECK(folded_range("operation") == std::vector<std::string>{"operation"});
    CHECK(folded_range("zzz").empty());

    auto near = [&](const char* word, int k) {
        std::vector<std::pair<std::uint32_t, int>> hits;
        ix->fuzzy(word, k, hits);
        std::string out;
        for (auto [f, d] : hits) out += std::string(ix->folded_text(f)) + "/" + std::to_string(d) + " ";
        return out;
    };
    CHECK(near("propagnde", 1) == "propagande/1 ");   // deletion
    CHECK(near("porpagande", 1) == "propagande/1 ");  // transposition
    CHECK(near("propagandes", 1) == "propagande/1 "); // insertion
    CHECK(near("terrorisne", 1) == "terrorisme/1 terroriste/1 ");
    CHECK(near("proqaganbe", 1).empty());
    CHECK(near("proqaganbe", 2) == "propagande/2 ");
}

TEST_CASE("dictionary: typo lookup finds exactly the terms within k edits", "[index]") {
    // A dense dictionary (words over 4 letters, so most have neighbours) against a brute force
    // over every term: restricted Damerau–Levenshtein (a swap of neighbours is one edit).
    auto distance = [](std::string_view a, std::string_view b) {
        std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
        for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = int(i);
        for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = int(j);
        for (std::size_t i = 1; i <= a.size(); ++i)
            for (std::size_t j = 1; j <= b.size(); ++j) {
                d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        return d[a.size()][b.size()];
    };
    // Letters of one and two bytes (я: D1 8F), so that runs of first and second bytes (the walk's
    // table of starts) hold both; and words of one and two letters.
    std::uint32_t seed = 7;
    auto random_word = [&](std::size_t min_len) {
        static const char* kLetters[] = {"a", "b", "c", "d", "\u044F"};
        seed = seed * 1664525u + 1013904223u;
        const std::size_t len = min_len + (seed >> 24) % 6;
        std::string w;
        for (std::size_t i = 0; i < len; ++i) {
            seed = seed * 1664525u + 1013904223u;
            w += kLetters[(seed >> 20) % 5];
        }
        return w;
    };
    std::string text = "b d я ab ba dя яя ";
    for (int i = 0; i < 3000; ++i) text += random_word(3) + " ";
    auto ix = index::Index::open(build_bytes({[&] {
        corpus::Document d;
        d.id = "mots";
        d.title = "Mots";
        d.text = text;
        return d;
    }()}));
    REQUIRE(ix.ok());
    const index::IndexStats st = ix->stats();
    for (int q = 0; q < 300; ++q) {
        const std::string word = random_word(4);
        for (int k : {1, 2})
            for (std::size_t keep : {std::size_t(0), std::size_t(1)}) {
                std::vector<std::pair<std::uint32_t, int>> got;
                ix->fuzzy(word, k, got, keep);
                std::vector<std::pair<std::uint32_t, int>> expect;
                for (std::uint32_t f = 0; f < st.folded; ++f) {
                    const std::string_view t = ix->folded_text(f);
                    const int e = distance(word, t);
                    if (e <= k && (keep == 0 || t.substr(0, 1) == std::string_view(word).substr(0, 1))) expect.emplace_back(f, e);
                }
                if (expect.size() > 64) expect.resize(64);  // the lookup stops at 64, in dictionary order
                INFO(word << " k=" << k << " keep=" << keep);
                CHECK(got == expect);
            }
    }
}
