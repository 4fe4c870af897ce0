// The gazetteer: assets/gazetteer/countries.json turned into phrases of folded words, keyed by
// their first word, that the extractor matches longest first against the analyzer's tokens.
// Names go through the same Analyzer as the text, so elisions and hyphens agree on both sides.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/geo/country.h"
#include "core/result.h"
#include "core/text/analyzer.h"

namespace vigie::geo {

enum class MentionKind : std::uint8_t {
    name,     // "Belgique", "Pays-Bas", "Belgium"
    demonym,  // "belge", "Espagnols", "franco-" (adjectives and nouns of nationality)
    city,     // "Bruxelles", "La Haye"
    region,   // "Flandre orientale", "îles Canaries"
};

std::string_view to_string(MentionKind k);

// How a word of a phrase must be written in the text for the phrase to count.
enum class WordCase : std::uint8_t {
    any,          // "belge", and function words of names ("La" Haye, "d’"Ivoire)
    capitalised,  // "Paris": at least one such word of the phrase must be capitalised in the text
    all_caps,     // "USA", "RDC": always, or "us" and "eau" would be countries
};

struct Reading {
    std::uint16_t country = 0;  // index into Gazetteer::countries()
    MentionKind kind = MentionKind::name;
};

// One name as the matcher sees it.
struct Phrase {
    std::vector<std::string> words;  // word keys (see word_key): {"pays", "bas"}
    std::vector<WordCase> cases;     // one per word
    std::vector<Reading> readings;   // empty: known not to be a country ("Union européenne")
    bool needs_support = false;      // ambiguous ("Congo", "Georgia"): counts only for a country the text names otherwise
    bool language_form = false;      // French m. sg. demonym: "en français" is the language
    bool combining_form = false;     // "franco": only before a hyphen, as in "franco-belge"
    bool given_name = false;         // also a given name ("Jordan", "Maurice"): not when a surname follows
    std::string source;              // as written in the data ("Pays-Bas"), for messages
};

// The key a word is matched on: the token's casefolded form with accents folded and an English
// possessive removed ("États" → "etats", "Jordan’s" → "jordan"). Never the stem: stemming
// conflates names ("Inde" and "indes", "Niger" and "nigérien" would collide).
std::string word_key(std::string_view exact);

// The tokens a name is matched on, in order: a hyphenated compound through its parts
// ("Guinée-Bissau" as "Guinée Bissau"), a word joined by '.', '_' or '@' whole ("U.S", and
// "www.belgium.be" is no mention of Belgium).
std::vector<const text::Token*> name_words(const std::vector<text::Token>& tokens);

// What the extractor needs of a word, which depends on its exact form alone: its key and the
// phrases it may start (Gazetteer::word_info). The indexer meets each form many times and
// asks once per form.
struct WordInfo {
    std::string key;                                     // word_key(exact)
    const std::vector<std::uint32_t>* starts = nullptr;  // Gazetteer::starting_with(key)
};

// Usage:
//   auto analyzer = text::Analyzer::create();
//   auto gaz = Gazetteer::load(root + "/assets/gazetteer/countries.json", *analyzer);
//   if (!gaz) report(gaz.error());                          // names the file and the field
//   const Country* be = gaz->find(*analyzer, "Belgique");    // also "BE", "bel", "belge"
class Gazetteer {
public:
    static Result<Gazetteer> parse(std::string_view json_text, std::string_view file_name, const text::Analyzer& analyzer);
    static Result<Gazetteer> load(const std::string& path, const text::Analyzer& analyzer);
    static Result<Gazetteer> builtin(const text::Analyzer& analyzer);  // the one compiled in

    const std::vector<Country>& countries() const { return countries_; }
    const Country* find_code(std::string_view iso2_or_iso3) const;  // case-insensitive
    // A code or any unambiguous name, demonym, city or region, in any case: what "pays:…" needs.
    const Country* find(const text::Analyzer& analyzer, std::string_view code_or_name) const;

    // For the extractor.
    const std::vector<Phrase>& phrases() const { return phrases_; }
    // Indices into phrases(), longest first; nullptr when no phrase starts with this word.
    const std::vector<std::uint32_t>* starting_with(const std::string& word) const;
    // The countries a word names by itself (a name of one word: a country, a region, a city, a
    // nationality), by its word_key. With the word as written, only the names it is written as
    // (WordCase): "Sucre" names Bolivia's capital, "sucre" nothing; "US", not "us".
    std::vector<std::uint16_t> places_named(const std::string& key, const std::string_view* written = nullptr) const;
    bool is_given_name(const std::string& word) const { return given_names_.count(word) > 0; }
    WordInfo word_info(std::string_view exact) const {
        WordInfo w{word_key(exact), nullptr};
        w.starts = starting_with(w.key);
        return w;
    }

private:
    std::vector<Country> countries_;
    std::vector<Phrase> phrases_;
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_first_word_;
    std::unordered_map<std::string, std::uint16_t> by_code_;  // uppercase ISO 3166 alpha-2 and alpha-3
    std::unordered_set<std::string> given_names_;             // word keys

    friend class GazetteerBuilder;
};

}  // namespace vigie::geo
