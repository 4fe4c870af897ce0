// The French analyzer: text in, tokens out, each token keeping its byte range in the original.
// An ordered list of small named stages (after charabia): segment (ICU word break, fr) →
// casefold (NFKC_Casefold) → elision split → number grouping → stem (Snowball French) → fold.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace vigie::text {

enum class TokenKind : std::uint8_t {
    word,      // letters (any script)
    number,    // digits; thousands groups joined ("26.000", "26 000" → "26000")
    compound,  // hyphenated parts joined ("États-Unis" → "etats-unis"); shares its first part's position
    character, // one character of a script written without spaces (Chinese, Japanese, Thai…)
};

struct Token {
    std::string term;         // index key: casefolded, stemmed, accents folded ("operation" → "oper")
    std::string exact;        // casefolded surface form, accents kept ("opération")
    std::uint32_t begin = 0;  // byte range [begin, end) in the analyzed text
    std::uint32_t end = 0;
    std::uint32_t position = 0;  // word position, for phrases and proximity
    TokenKind kind = TokenKind::word;
};

// Usage:
//   auto analyzer = Analyzer::create();           // once; loads ICU data and the stemmer
//   if (!analyzer) report(analyzer.error());
//   for (const Token& t : analyzer->analyze(text)) index(t.term, t.position, t.begin, t.end);
class Analyzer {
public:
    static Result<Analyzer> create();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;
    ~Analyzer();

    // Not thread-safe: one Analyzer per thread. Invalid UTF-8 reads as U+FFFD, offsets stay exact.
    // Terms::later leaves the term of words empty, for a caller that stems each distinct form
    // once with term_of() (the indexer); numbers and compounds get their term anyway.
    enum class Terms : std::uint8_t { now, later };
    std::vector<Token> analyze(std::string_view text, Terms terms = Terms::now) const;
    // The same into out (cleared: a buffer the caller keeps, whose memory is reused).
    void analyze(std::string_view text, Terms terms, std::vector<Token>& out) const;
    // The words' byte ranges and positions only, into out (cleared: a buffer the caller keeps):
    // the same words at the same positions as analyze() (compounds aside), with no token built.
    // What snippets and highlights need.
    struct Place { std::uint32_t begin, end, position; };
    void places(std::string_view text, std::vector<Place>& out) const;
    // The segmentation stage alone: each word's byte range and whether ICU calls it a number.
    // icu_only: without the fast path for Latin text (the tests check that the two agree).
    struct Segment {
        std::uint32_t begin, end;
        bool number;
        bool operator==(const Segment& o) const { return begin == o.begin && end == o.end && number == o.number; }
    };
    std::vector<Segment> word_segments(std::string_view text, bool icu_only = false) const;
    // The term of a word token's exact form: stemmed and folded (Latin script), else as is.
    std::string term_of(const std::string& exact) const;

private:
    struct Impl;
    explicit Analyzer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The contractions that French writes with an apostrophe (l’, d’, qu’, jusqu’…), lowercase ASCII.
bool is_elision_prefix(std::string_view lowercase_ascii);

}  // namespace vigie::text
