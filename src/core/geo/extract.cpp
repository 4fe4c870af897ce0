#include "core/geo/extract.h"

#include <algorithm>
#include <array>

#include "core/geo/casing.h"
#include "core/text/utf8.h"

// [SECTION] Index
// - Words: the analyzer's tokens without compounds, keyed for the gazetteer
// - Gaps: what may stand between the words of a name, or between a name and a given name
// - Rules: case, combining forms, given names, languages
// - extract_countries: longest match, then ambiguous names resolved by the other mentions

namespace vigie::geo {

namespace {

// [SECTION] Words -----------------------------------------------------------------------------

struct Word {
    std::string_view key;  // word_key(exact), in the caller's WordInfo
    const std::vector<std::uint32_t>* starts;  // the phrases the key may start
    std::uint32_t begin;   // byte range in the text, possessive excluded
    std::uint32_t end;
    bool possessive;       // "Jordan’s": a place owning something, not a person's first name
};

std::vector<Word> words_of(std::string_view text, const std::vector<text::Token>& tokens, const std::vector<const WordInfo*>& info) {
    std::vector<Word> words;
    words.reserve(tokens.size());
    for (const text::Token* word : name_words(tokens)) {
        // "Guinée-Bissau", "Guinée Bissau" and "Flandre-Orientale" agree with the gazetteer.
        const text::Token& t = *word;
        const WordInfo& wi = *info[static_cast<std::size_t>(word - tokens.data())];
        Word w{wi.key, wi.starts, t.begin, t.end, false};
        if (t.exact.size() > 2 && t.exact.compare(t.exact.size() - 2, 2, "'s") == 0) {
            w.possessive = true;
            std::string_view s = text.substr(t.begin, t.end - t.begin);
            std::size_t cut = s[s.size() - 2] == '\'' ? 2 : 4;  // "'s" or "’s" (’ is three bytes)
            w.end = t.end - static_cast<std::uint32_t>(cut);
        }
        words.push_back(w);
    }
    return words;
}

// [SECTION] Gaps ------------------------------------------------------------------------------

bool is_space(char32_t c) { return c == U' ' || c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x2007; }
bool is_hyphen(char32_t c) { return c == U'-' || c == 0x2010 || c == 0x2011; }
bool is_apostrophe(char32_t c) { return c == U'\'' || c == 0x2019; }
bool is_invisible(char32_t c) { return c == 0xAD || c == 0x200B || c == 0x2060; }

// Between two words of one name: spaces, line breaks, hyphens, and an elided article the
// analyzer dropped ("Côte d’Ivoire"). Any punctuation ends the name: "Flandre. Orientale…".
bool joins_name(std::string_view text, std::uint32_t from, std::uint32_t to) {
    for (std::size_t i = from; i < to;) {
        char32_t c = text::next_code_point(text, i);
        bool letter = (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
        if (!(is_space(c) || c == U'\n' || c == U'\r' || c == U'\t' || is_hyphen(c) || is_apostrophe(c) || is_invisible(c) || letter))
            return false;
    }
    return true;
}

// Between a given name and a surname: spaces only (a hyphen too for "Marie-France").
bool adjacent(std::string_view text, std::uint32_t from, std::uint32_t to, bool hyphen_too) {
    if (from >= to) return false;
    for (std::size_t i = from; i < to;) {
        char32_t c = text::next_code_point(text, i);
        if (!(is_space(c) || (hyphen_too && is_hyphen(c)))) return false;
    }
    return true;
}

// Exactly one hyphen: "franco-belge".
bool hyphen_between(std::string_view text, std::uint32_t from, std::uint32_t to) {
    std::size_t i = from;
    if (from >= to) return false;
    char32_t c = text::next_code_point(text, i);
    return is_hyphen(c) && i == to;
}

// [SECTION] Rules -----------------------------------------------------------------------------

std::string_view surface(std::string_view text, const Word& w) { return text.substr(w.begin, w.end - w.begin); }

std::size_t letters(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) text::next_code_point(s, i);
    return n;
}

// Proper nouns need their capital: "Paris" the city and not "paris" the bets, "Vienne" and
// not "qu’il vienne". At least one capitalised word of the name must be capitalised in the
// text ("Etats-unis" passes, "la Haye" passes on "Haye"); all-caps words must stay all caps. A
// capitalised word of three letters or fewer written in capitals is an acronym ("NIS", the
// network service or the EU directive, is not Niš), though a longer one is a headline's or a
// dateline's ("BRUXELLES/PARIS").
bool case_matches(std::string_view text, const Phrase& p, const std::vector<Word>& words, std::size_t at) {
    bool wants_capital = false, has_capital = false;
    for (std::size_t k = 0; k < p.words.size(); ++k) {
        std::string_view s = surface(text, words[at + k]);
        switch (p.cases[k]) {
            case WordCase::any: break;
            case WordCase::all_caps:
                if (!is_all_caps(s)) return false;
                wants_capital = has_capital = true;
                break;
            case WordCase::capitalised:
                wants_capital = true;
                if (is_all_caps(s) && letters(s) <= 3) return false;
                if (starts_with_capital(s)) has_capital = true;
                break;
        }
    }
    return !wants_capital || has_capital;
}

// Particles inside a person's name: "Dominique de Villepin", "Jordan Van Dyke".
bool is_name_particle(std::string_view key) {
    static const std::array<std::string_view, 16> kParticles = {"de", "du", "des", "van", "von", "der", "den", "da",
                                                                 "di", "dos", "ben", "bin", "ibn", "al", "el", "abou"};
    return std::find(kParticles.begin(), kParticles.end(), key) != kParticles.end();
}

bool is_capitalised_word(std::string_view text, const Word& w) { return starts_with_capital(surface(text, w)); }

// "Anatole France", "Pierre Maroc", "Michael Jordan", "Marie-France": a capitalised given name
// right before the name makes it a surname.
bool after_given_name(std::string_view text, const Gazetteer& g, const std::vector<Word>& words, std::size_t at) {
    if (at == 0) return false;
    const Word& prev = words[at - 1];
    return adjacent(text, prev.end, words[at].begin, true) && is_capitalised_word(text, prev) && g.is_given_name(std::string(prev.key));
}

// "Jordan Bardella", "Chad Smith", "Dominique de Villepin", "Florence Parly": a name that is
// also a given name, followed by a capitalised word (maybe after a particle), is a person.
bool before_surname(std::string_view text, const std::vector<Word>& words, std::size_t last) {
    if (words[last].possessive || last + 1 >= words.size()) return false;
    std::size_t next = last + 1;
    if (!adjacent(text, words[last].end, words[next].begin, false)) return false;
    if (is_name_particle(words[next].key) && !is_capitalised_word(text, words[next])) {
        if (next + 1 >= words.size() || !adjacent(text, words[next].end, words[next + 1].begin, false)) return false;
        ++next;
    }
    return is_capitalised_word(text, words[next]);
}

// "en français", "parle anglais": the masculine singular demonym names the language there.
bool names_a_language(std::string_view text, const std::vector<Word>& words, std::size_t at) {
    static const std::array<std::string_view, 9> kBefore = {"en", "parle", "parlent", "parlait", "parlant",
                                                             "parler", "parlé", "parles", "parlons"};
    if (at == 0 || !adjacent(text, words[at - 1].end, words[at].begin, false)) return false;
    return std::find(kBefore.begin(), kBefore.end(), words[at - 1].key) != kBefore.end();
}

bool accepts(std::string_view text, const Gazetteer& g, const Phrase& p, const std::vector<Word>& words, std::size_t at) {
    std::size_t n = p.words.size();
    if (at + n > words.size()) return false;
    for (std::size_t k = 0; k < n; ++k)
        if (words[at + k].key != p.words[k]) return false;
    for (std::size_t k = 1; k < n; ++k)
        if (!joins_name(text, words[at + k - 1].end, words[at + k].begin)) return false;
    if (p.readings.empty()) return true;  // a known non-country ("État islamique") matches in any case
    if (!case_matches(text, p, words, at)) return false;
    std::size_t last = at + n - 1;
    if (p.combining_form) return last + 1 < words.size() && hyphen_between(text, words[last].end, words[last + 1].begin);
    // A name that is also a given name, before a surname, is a person: "Florence Parly", and the
    // demonyms too: "Romain Doumenc".
    if (p.given_name && before_surname(text, words, last)) return false;
    if (p.readings.front().kind == MentionKind::demonym) return !(p.language_form && names_a_language(text, words, at));
    if (after_given_name(text, g, words, at)) return false;
    return true;
}

struct Match {
    std::uint32_t phrase;
    std::uint32_t begin, end;
};

}  // namespace

// [SECTION] extract_countries -----------------------------------------------------------------

std::vector<CountryMentions> extract_countries(const text::Analyzer& analyzer, const Gazetteer& gazetteer, std::string_view text) {
    return extract_countries(gazetteer, text, analyzer.analyze(text, text::Analyzer::Terms::later));
}

std::vector<CountryMentions> extract_countries(const Gazetteer& g, std::string_view text, const std::vector<text::Token>& tokens) {
    std::vector<WordInfo> info;
    info.reserve(tokens.size());
    for (const text::Token& t : tokens) info.push_back(g.word_info(t.exact));
    std::vector<const WordInfo*> pointers;
    pointers.reserve(info.size());
    for (const WordInfo& w : info) pointers.push_back(&w);
    return extract_countries(g, text, tokens, pointers);
}

std::vector<CountryMentions> extract_countries(const Gazetteer& g, std::string_view text, const std::vector<text::Token>& tokens,
                                               const std::vector<const WordInfo*>& info) {
    std::vector<Word> words = words_of(text, tokens, info);

    // Longest match left to right: "Guinée équatoriale" before "Guinée", "Nouvelle-Zélande"
    // before "Zélande", "Union européenne" (not a country) before nothing at all.
    std::vector<Match> matches;
    for (std::size_t i = 0; i < words.size();) {
        const std::vector<std::uint32_t>* ids = words[i].starts;
        std::size_t taken = 0;
        if (ids)
            for (std::uint32_t id : *ids) {
                const Phrase& p = g.phrases()[id];
                if (!accepts(text, g, p, words, i)) continue;
                taken = p.words.size();
                if (!p.readings.empty()) matches.push_back({id, words[i].begin, words[i + taken - 1].end});
                break;
            }
        i += taken ? taken : 1;
    }

    // An ambiguous name ("Congo", "Georgia", "Hollande") counts only for the one country among
    // its readings that the text also names unambiguously.
    const std::size_t n_countries = g.countries().size();
    std::vector<std::vector<Mention>> per_country(n_countries);
    std::vector<bool> supported(n_countries, false);
    for (const Match& m : matches) {
        const Phrase& p = g.phrases()[m.phrase];
        if (!p.needs_support) supported[p.readings.front().country] = true;
    }
    for (const Match& m : matches) {
        const Phrase& p = g.phrases()[m.phrase];
        const Reading* chosen = nullptr;
        if (!p.needs_support) {
            chosen = &p.readings.front();
        } else {
            for (const Reading& r : p.readings)
                if (supported[r.country]) {
                    if (chosen) { chosen = nullptr; break; }  // two readings supported: still ambiguous
                    chosen = &r;
                }
        }
        if (!chosen) continue;
        per_country[chosen->country].push_back(
            Mention{std::string(text.substr(m.begin, m.end - m.begin)), m.begin, m.end, chosen->kind});
    }

    std::vector<CountryMentions> out;
    for (std::size_t c = 0; c < n_countries; ++c) {
        if (per_country[c].empty()) continue;
        CountryMentions cm;
        cm.iso3 = g.countries()[c].iso3;
        cm.count = static_cast<std::uint32_t>(per_country[c].size());
        cm.mentions = std::move(per_country[c]);
        out.push_back(std::move(cm));
    }
    std::sort(out.begin(), out.end(), [](const CountryMentions& a, const CountryMentions& b) {
        if (a.count != b.count) return a.count > b.count;
        return a.mentions.front().begin < b.mentions.front().begin;
    });
    return out;
}

}  // namespace vigie::geo
