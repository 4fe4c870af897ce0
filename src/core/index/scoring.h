// BM25F's field weighting, shared by the searcher (which scores) and the builder (which ranks
// each frequent stem's documents ahead of time, format.h STEM_SUMMARIES).
//
// BM25F (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
// Foundations and Trends in IR 3(4), 2009, §3.4): each field's term frequency is normalised by
// its own length, the fields are summed with weights, then saturated once with k1.
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string_view>

namespace vigie::index::scoring {

constexpr double kK1 = 1.2;
constexpr double kTitleWeight = 3.0, kTitleB = 0.5;
constexpr double kBodyWeight = 1.0, kBodyB = 0.75;

// A field's average length over the documents, at least 1: a float, the same one the builder
// (ranking summaries) and Index::open (scoring) compute, so that both get the same weights.
inline float average_length(std::uint64_t tokens, std::uint32_t docs) {
    return docs ? std::max(1.0f, float(tokens) / float(docs)) : 1.0f;
}

// What one occurrence in each field is worth in a document whose field has `tokens` words, the
// field's average being `average` (average_length): the one computation the builder and
// Index::open share, so that both get the same bits.
inline double title_weight(std::uint32_t tokens, float average) {
    return kTitleWeight / (1 - kTitleB + kTitleB * (float(tokens) / average));
}
inline double body_weight(std::uint32_t tokens, float average) {
    return kBodyWeight / (1 - kBodyB + kBodyB * (float(tokens) / average));
}
inline double saturate(double tf) { return tf * (kK1 + 1) / (kK1 + tf); }

// French (and a few English) function words, by exact form: the searcher weighs them less
// (never drops them: phrases need them); the builder never takes one for a word that lost its
// accents ("des" is not "dès").
inline bool is_stopword(std::string_view w) {
    static constexpr std::string_view kWords[] = {
        "a", "and", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "en", "est",
        "et", "il", "ils", "la", "le", "les", "leur", "lui", "mais", "ne", "ni", "nous", "of", "on", "ou", "par", "pas",
        "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "the", "un", "une", "vous", "y", "à"};
    return std::binary_search(std::begin(kWords), std::end(kWords), w);
}

}  // namespace vigie::index::scoring
