// Country mentions in a text: the gazetteer's phrases matched longest first on the analyzer's
// tokens, with the hard cases ruled on explicitly (a capital for proper nouns, "Anatole France",
// "Jordan Bardella", "en français", ambiguous names needing another mention of their country).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/geo/gazetteer.h"
#include "core/text/analyzer.h"

namespace vigie::geo {

struct Mention {
    std::string surface;                   // as written: "Belgique", "belge", "îles Canaries", "États-Unis"
    std::uint32_t begin = 0;               // byte range [begin, end) in the text
    std::uint32_t end = 0;
    MentionKind kind = MentionKind::name;
};

struct CountryMentions {
    std::string iso3;                      // "BEL"
    std::uint32_t count = 0;               // mentions.size()
    std::vector<Mention> mentions;         // in text order
};

// Usage:
//   for (const CountryMentions& c : extract_countries(analyzer, gazetteer, doc.text))
//       facet(c.iso3, c.count);
// Countries come most mentioned first, then by first mention. Costs one analysis of the text
// plus a hash lookup per word.
std::vector<CountryMentions> extract_countries(const text::Analyzer& analyzer, const Gazetteer& gazetteer, std::string_view text);

// The same on tokens the caller already has (the indexer analyzes every document anyway).
// tokens must be analyzer.analyze(text).
std::vector<CountryMentions> extract_countries(const Gazetteer& gazetteer, std::string_view text, const std::vector<text::Token>& tokens);
// And with each token's gazetteer.word_info (info[i] for tokens[i]), for a caller that keeps them
// per form: then no word is looked up.
std::vector<CountryMentions> extract_countries(const Gazetteer& gazetteer, std::string_view text, const std::vector<text::Token>& tokens,
                                               const std::vector<const WordInfo*>& info);

}  // namespace vigie::geo
