#include "core/index/search.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/index/bytes.h"
#include "core/index/format.h"
#include "core/index/scoring.h"
#include "core/geo/gazetteer.h"
#include "core/text/analyzer.h"
#include "core/text/distance.h"
#include "core/text/fold.h"
#include "core/text/utf8.h"

namespace vigie::index {

// [SECTION] Index
//  - Parameters
//  - Terms: query words → groups of forms with weights
//  - Matchers: term, phrase, any (OR), all (AND) over postings
//  - Plan: the query as matchers, filters
//  - Collect: total, facets, top-k, relaxed matching
//  - Rerank: proximity
//  - Snippets and highlights
//  - JSON

// [SECTION] Parameters ------------------------------------------------------------------------

namespace {

using namespace scoring;  // BM25F's parameters (scoring.h)
// How a form matched the word typed: the exact form first, then accents, stemming, prefix, typos.
constexpr float kExact = 1.0f, kFolded = 0.92f, kStemmed = 0.8f, kPrefix = 0.6f, kTypo1 = 0.45f, kTypo2 = 0.3f;
constexpr float kStopword = 0.3f;         // function words count, a little (they matter in phrases)
// The word as typed (its exact or accent-folded forms) is also scored as a field of its own with
// its own idf, the way search engines add an unstemmed copy of a field, weighted as the stemmed
// one (Elasticsearch's most_fields): a rare inflection (`assurâmes`) then ranks the documents
// that hold it above the thousands that hold its stem. At 0.5, the bench's pages tier had 87 %
// of a rare word's documents in its top 10 and 70 % of AND queries their source document
// (1.0: 90 % and 72 %; the 100k tier's typos, the same first hit as the word meant: 45 → 51 %).
constexpr double kLiteral = 1.0;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::size_t kMaxExpansions = 64;  // prefix expansions kept, most frequent first
constexpr std::size_t kRerankDepth = 64;    // candidates whose proximity is measured
// Proximity (Tao & Zhai, "An Exploration of Proximity Measures in Information Retrieval",
// SIGIR 2007): the tightest window holding every query word raises the score by up to 30%.
constexpr double kProximity = 0.3;

using scoring::is_stopword;

std::string lower_folded(std::string_view s) {
    std::string out = text::fold_accents(s);
    for (char& c : out) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::size_t char_count(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// Whether the letter typed (tc, folded tcf) is read as the form's (fc, folded fcf): the same, or
// an accent the typed letter did not have (a letter typed without its accent takes any), or the
// first letter's accent missing from the text (capitals: "Etat" for "état").
bool same_as_typed(std::string_view tc, std::string_view tcf, std::string_view fc, std::string_view fcf, bool first) {
    if (tc == fc) return true;
    return tcf == tc ? fcf == tc : first && fc == tcf;
}

// Whether a form that folds as the word typed keeps the accents typed: "évité" typed, "évite"
// does not (another word: it counts as the word's other forms do); "evite" and, for "etudié",
// "étudié" do (a letter typed without its accent takes any). The first letter's accent may be
// missing from the text, as on capitals ("Etat" for "état"). Forms whose letters do not pair one
// to one with the word's (a ligature) are taken as they fold.
bool keeps_accents_typed(std::string_view typed, std::string_view form) {
    bool first = true;
    for (std::size_t i = 0, j = 0; i < typed.size() && j < form.size(); first = false) {
        const std::size_t a = i, b = j;
        if (text::next_code_point(typed, i) == text::next_code_point(form, j)) continue;
        const std::string_view tc = typed.substr(a, i - a), fc = form.substr(b, j - b);
        if (same_as_typed(tc, text::fold_accents(tc), fc, text::fold_accents(fc), first)) continue;
        return char_count(typed) != char_count(form);
    }
    return true;
}

// A word letter by letter (code points), each also accent-folded.
struct Letters {
    std::vector<std::string_view> written;
    std::vector<std::string> folded;
    explicit Letters(std::string_view s) {
        for (std::size_t i = 0; i < s.size();) {
            const std::size_t at = i;
            text::next_code_point(s, i);
            written.push_back(s.substr(at, i - at));
            folded.push_back(text::fold_accents(written.back()));
        }
    }
};

// The edits between the word typed and a form, letter by letter, a letter read as typed by
// same_as_typed: at most limit + 1. A near word's forms at its folded distance keep the accents
// typed.
int typed_distance(const Letters& typed, const Letters& form, int limit) {
    return text::osa(typed.written.size(), form.written.size(), limit, [&](std::size_t i, std::size_t j) {
        return same_as_typed(typed.written[i], typed.folded[i], form.written[j], form.folded[j], i == 0 && j == 0);
    });
}

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

// [SECTION] Terms -----------------------------------------------------------------------------

struct Group {
    std::vector<std::pair<std::uint32_t, float>> forms;  // form id, weight
    std::vector<char> literal;  // by form: the word as typed (for a typo, a near word), accents aside
    double idf = 0, idf_literal = 0;
    bool title_only = false;
    std::string label;  // the word as analyzed
    std::optional<std::uint32_t> stem;  // set when forms are this stem's, in order, and no other
};

// A word's score in one document from tf, Σ weight × normalised frequency over its forms, and
// literal, the same over the forms as typed.
double word_score(const Group& g, double tf, double literal) {
    double s = g.idf * saturate(tf);
    if (literal > 0) s += kLiteral * g.idf_literal * saturate(literal);
    return s;
}

// Which of a word's forms are the word as typed.
enum class Literal { none, all, some };

// BM25F over a word's forms in document d from their sums per field (tf = title weight × Σ form
// weight × tf_title + body weight × Σ form weight × tf_body), and literal the same over the forms
// as typed. Each Σ is exact (float weights, small integer frequencies), so every way of reading
// the forms (each one, merged postings, a window, a summary) gives the same bits.
struct FieldScore { double tf, literal, score; };
// Per-field sums into one, each times its field's weight in document d.
double weighted_tf(const Index& ix, const Group& g, std::uint32_t d, double title, double body) {
    const double title_w = ix.title_weight(d);
    const double body_w = g.title_only ? 0 : ix.body_weight(d);
    return title_w * title + body_w * body;
}
FieldScore field_score(const Index& ix, const Group& g, Literal which, std::uint32_t d, double title, double body,
                       double title_literal, double body_literal) {
    const double tf = weighted_tf(ix, g, d, title, body);
    const double literal = which == Literal::all    ? tf
                           : which == Literal::some ? weighted_tf(ix, g, d, title_literal, body_literal)
                                                    : 0;
    return {tf, literal, word_score(g, tf, literal)};
}

struct Occurrence {
    std::uint32_t position;
    std::uint32_t unit;  // which top-level clause it belongs to
    bool minor = false;  // of a stopword typed as a word of its own ("de" of agence de propagande)
    bool literal = false;  // of a form as typed (éditer, not édition, for "éditer")
    // How telling its word is: its idf in thousandths (a phrase, its words' sum), so that a
    // snippet prefers the window of "attentats" to that of the words "d" begins while typing.
    std::uint32_t weight = 0;
};

// Keeps, of body occurrences sorted by position, each one that is no minor and each minor one in
// a run of consecutive positions that holds one that is not ("agence de propagande", "l'agence
// de presse"), a run ending where a sentence does (ends_after(p): one ends between positions p
// and p + 1, "des attentats». «De son côté").
template <typename EndsAfter>
void keep_runs(std::vector<Occurrence>& out, EndsAfter ends_after) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < out.size();) {
        std::size_t j = i + 1;  // [i, j): a run of occurrences at the same or the next position
        bool major = !out[i].minor;
        for (; j < out.size() && (out[j].position == out[j - 1].position ||
                                  (out[j].position == out[j - 1].position + 1 && !ends_after(out[j - 1].position)));
             ++j)
            major |= !out[j].minor;
        for (; i < j; ++i)
            if (major || !out[i].minor) out[kept++] = out[i];
    }
    out.resize(kept);
}

// Where a sentence ends between two words, from the text between them: . ! ? … or a line break
// ("attentats». «De", "fin.\nLe"), not a comma, colon or quote alone.
bool sentence_ends(std::string_view between) {
    return between.find_first_of(".!?\n") != std::string_view::npos || between.find("\u2026") != std::string_view::npos;
}

// keep_runs again on occurrences salient_in_body kept, now that the words of `text` are known
// (Analyzer::places, in position order): runs cut where a sentence ends between two of them.
// Unchanged when none is major (a document that matched stopwords only). ends: a buffer.
void keep_runs_in_sentences(std::vector<Occurrence>& occ, std::string_view text, const std::vector<text::Analyzer::Place>& words,
                            std::vector<std::uint32_t>& ends) {
    if (std::all_of(occ.begin(), occ.end(), [](const Occurrence& o) { return o.minor; })) return;
    ends.clear();  // the positions after which a sentence ends, rising
    for (std::size_t k = 1; k < words.size(); ++k)
        if (words[k].position == words[k - 1].position + 1 && words[k - 1].end <= words[k].begin &&
            sentence_ends(text.substr(words[k - 1].end, words[k].begin - words[k - 1].end)))
            ends.push_back(words[k - 1].position);
    keep_runs(occ, [&](std::uint32_t p) { return std::binary_search(ends.begin(), ends.end(), p); });
}

// Of a document's occurrences, those in its body (positions from the body's start, sorted) worth
// showing, into out: a stopword typed on its own counts in a snippet and is highlighted only
// beside another word of the query (keep_runs), not wherever the text says "de"; all of them when
// the document matched stopwords only (its title included). Sentence ends are not known here:
// the snippet and the reader cut the runs at them once they have the text (keep_runs_in_sentences).
void salient_in_body(const std::vector<Occurrence>& all, std::uint32_t body_start, std::vector<Occurrence>& out) {
    out.clear();
    for (const Occurrence& o : all)
        if (o.position >= body_start) out.push_back({o.position - body_start, o.unit, o.minor, o.literal, o.weight});
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.position < b.position; });
    if (std::all_of(all.begin(), all.end(), [](const Occurrence& o) { return o.minor; })) return;
    keep_runs(out, [](std::uint32_t) { return false; });
}

class Resolver {
public:
    Resolver(const Index& ix, const text::Analyzer& an, const geo::Gazetteer* gaz, std::vector<Message>& messages)
        : ix_(ix), an_(an), gaz_(gaz), messages_(messages) {}

    // Memoised: a query is planned more than once (relaxed pass, rerank), each word resolved once.
    // Whether a word with no form of its own is matched with a typo: not in an exclusion, where
    // "-europl" would leave out europe and europol, every article the near words have.
    void allow_typos(bool allow) { typos_ = allow; }

    // written: the word as the query writes it (its case tells "Sucre" the city from "sucre").
    const Group& resolve(const text::Token& t, std::string_view written, bool prefix, bool title_only) {
        // A place the gazetteer names by this one word, written as that name is (a word, not a
        // prefix): its countries.
        std::vector<std::uint16_t> place;
        if (gaz_ && !prefix && t.kind == text::TokenKind::word) place = gaz_->places_named(geo::word_key(t.exact), &written);
        std::string key = t.exact + (prefix ? "\x01p" : "\x01") + (title_only ? "t" : "") + (typos_ ? "" : "n") + (place.empty() ? "" : "P") + "\x01" + t.term;
        auto it = memo_.find(key);
        if (it == memo_.end()) it = memo_.emplace(std::move(key), compute(t, prefix, title_only, place)).first;
        return it->second;
    }

private:
    Group compute(const text::Token& t, bool prefix, bool title_only, const std::vector<std::uint16_t>& place) {
        Group g;
        g.label = t.exact;
        g.title_only = title_only;
        const std::string folded = text::fold_accents(t.exact);
        std::unordered_map<std::uint32_t, std::size_t> where;  // form → its place in g.forms
        auto add = [&](std::uint32_t form, float w, bool literal) {
            const auto [it, added] = where.emplace(form, g.forms.size());
            if (!added) {
                g.forms[it->second].second = std::max(g.forms[it->second].second, w);
                g.literal[it->second] |= literal;
                return;
            }
            g.forms.emplace_back(form, w);
            g.literal.push_back(literal);
        };
        // The word's stem, and the stems its term leads to (STEM_ALIASES): Snowball stems
        // "securite" apart from "sécurité" (securit, secur) and "élus" from "élu", and accents and
        // plurals never matter (DESIGN.md §5). For a word typed without accents (one typed is
        // kept), whose term is no stem, or spelt as no text of the corpus, and only to a stem of
        // more postings than the word's own: a bare spelling that is a word of its own ("pot",
        // not "pôté") keeps its stem alone, and that stem's summary.
        std::vector<std::uint32_t> stems;
        // The form as typed, if the corpus writes it.
        const std::optional<std::uint32_t> typed_form = [&]() -> std::optional<std::uint32_t> {
            const auto entry = ix_.find_folded(folded);
            if (!entry) return std::nullopt;
            auto [ids, n] = ix_.forms_of_folded(*entry);
            for (std::uint32_t k = 0; k < n; ++k)
                if (ix_.form_text(load_u32(ids + 4 * k)) == t.exact) return load_u32(ids + 4 * k);
            return std::nullopt;
        }();
        auto own = ix_.find_stem(t.term);
        // A name the corpus keeps apart from its Snowball stem (IndexBuilder::split_names:
        // "Louis", not "louer") is a stem of its own, named by its spelling without accents.
        if (typed_form && t.term != folded && t.kind == text::TokenKind::word && ix_.stem_text(ix_.form_stem(*typed_form)) == folded)
            own = ix_.form_stem(*typed_form);
        // A singular the corpus only has in the plural (euro: euros), which Snowball keeps apart.
        if (!own && !prefix && t.kind == text::TokenKind::word)
            for (const char* end : {"s", "x"})
                if (!own) own = ix_.find_stem(an_.term_of(t.exact + end));
        if (own) stems.push_back(*own);
        // Typed as no text writes it ("sécurite"): its accents are no choice to keep.
        if (folded == t.exact || !ix_.find_stem(t.term) || !typed_form) {
            auto postings_of = [&](std::uint32_t stem) {
                std::uint64_t n = 0;
                for (auto [a, b] = ix_.forms_of_stem(stem); a < b; ++a) n += ix_.form_df(a);
                return n;
            };
            const std::uint64_t mine = own ? postings_of(*own) : 0;
            auto [aliases, n_aliases] = ix_.stem_aliases(t.term);
            for (std::uint32_t k = 0; k < n_aliases; ++k)
                if (const std::uint32_t stem = load_u32(aliases + 4 * k); postings_of(stem) > mine) stems.push_back(stem);
        }
        // A place typed as its name takes, of its stem's other forms, only itself with an ending
        // (s, x, e, es) and its country's words: Snowball gives Mali the stem of mal, Gaza that
        // of gaz, Italie that of italique (IndexBuilder::split_names parts them when the corpus
        // writes the place with its capital; this holds when it does not, or not at all).
        bool left_out = false;
        auto same_place = [&](std::string_view form) {
            const std::string f = text::fold_accents(form);
            if (f.size() >= folded.size() && f.compare(0, folded.size(), folded) == 0) {
                const std::string_view end = std::string_view(f).substr(folded.size());
                if (end.empty() || end == "s" || end == "x" || end == "e" || end == "es") return true;
            }
            const std::vector<std::uint16_t> named = gaz_->places_named(geo::word_key(form));
            return std::any_of(named.begin(), named.end(), [&](std::uint16_t c) { return std::count(place.begin(), place.end(), c) > 0; });
        };
        for (std::uint32_t stem : stems) {
            auto [a, b] = ix_.forms_of_stem(stem);
            for (std::uint32_t f = a; f < b; ++f) {
                const std::string_view form = ix_.form_text(f);
                const bool exact = form == t.exact;
                if (!place.empty() && !exact && !same_place(form)) {
                    left_out = true;
                    continue;
                }
                const bool as_typed = exact || (text::fold_accents(form) == folded && keeps_accents_typed(t.exact, form));
                add(f, exact ? kExact : as_typed ? kFolded : kStemmed, as_typed);
            }
        }
        // Its forms and no other (a typo search runs only when there are none).
        if (!prefix && stems.size() == 1 && !left_out) g.stem = stems[0];
        if (prefix) {
            auto [a, b] = ix_.folded_prefix(folded);
            std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;  // (df, folded entry)
            for (std::uint32_t e = a; e < b; ++e) {
                auto [ids, n] = ix_.forms_of_folded(e);
                std::uint64_t df = 0;
                for (std::uint32_t k = 0; k < n; ++k) df += ix_.form_df(load_u32(ids + 4 * k));
                entries.emplace_back(df, e);
            }
            if (entries.size() > kMaxExpansions) {
                std::partial_sort(entries.begin(), entries.begin() + kMaxExpansions, entries.end(),
                                  [](auto& x, auto& y) { return x.first > y.first || (x.first == y.first && x.second < y.second); });
                entries.resize(kMaxExpansions);
                std::sort(entries.begin(), entries.end(), [](auto& x, auto& y) { return x.second < y.second; });
            }
            for (auto [df, e] : entries) {
                auto [ids, n] = ix_.forms_of_folded(e);
                for (std::uint32_t k = 0; k < n; ++k) add(load_u32(ids + 4 * k), kPrefix, false);
            }
        }
        // A prefix too, when nothing starts with it and it is long enough to be a whole word
        // already, with its typo ("propagnde" finds propagande while it is typed, not only after
        // a space; "russi", Russie half typed in a dossier without it, finds nothing, not aussi).
        // (A place the dossier does not name is no typo: "Italie" is not "italic".)
        if (g.forms.empty() && typos_ && place.empty() && t.kind == text::TokenKind::word && char_count(folded) >= (prefix ? 7u : 5u)) {
            const int edits = char_count(folded) >= 9 ? 2 : 1;
            std::vector<std::pair<std::uint32_t, int>> near;
            // Two typos: the first letter is taken as typed (Lucene's prefixLength), which keeps
            // the walk to one branch of the dictionary; one typo may be anywhere, the first
            // letter included ("rpopagande").
            ix_.fuzzy(folded, edits, near, edits == 2 ? 1 : 0);
            if (edits == 2) {
                std::vector<std::pair<std::uint32_t, int>> one;
                ix_.fuzzy(folded, 1, one);
                for (const auto& e : one)
                    if (std::none_of(near.begin(), near.end(), [&](const auto& x) { return x.first == e.first; })) near.push_back(e);
                std::sort(near.begin(), near.end());  // in dictionary order again
            }
            std::string shown;
            const Letters typed(t.exact);
            const bool accents = folded != t.exact;  // with none typed, every form keeps them
            // Whether form f of a near word d edits away keeps the accents typed.
            auto keeps_typed = [&](std::uint32_t f, int d) { return !accents || typed_distance(typed, Letters(ix_.form_text(f)), d) <= d; };
            // Each near word is scored as if it had been typed (its own forms as typed, the rest of
            // its word as stemmed), times a typo weight. It brings the forms of its word within
            // one more edit of what was typed (its plural, its feminine), not its whole family:
            // "pazées" is near payées, parées, pavées…, and every form of payer, parer and paver
            // is most of a corpus. The stems are taken each with the near words that reach it:
            // a stem's forms are folded and measured once, however many near words it has (a
            // typo is often near several forms of one verb).
            std::vector<std::tuple<std::uint32_t, std::uint32_t, int>> reach;  // (stem, near word, distance)
            for (auto [e, d] : near) {
                auto [ids, n] = ix_.forms_of_folded(e);
                for (std::uint32_t k = 0; k < n; ++k) reach.emplace_back(ix_.form_stem(load_u32(ids + 4 * k)), e, d);
                if (shown.size() < 60) {
                    // The near word as written: of its forms, one that keeps the accents typed,
                    // then the most frequent ("vérhfié": vérifié, not verifie or vérifie).
                    std::string_view as_written = ix_.folded_text(e);
                    std::pair<bool, std::uint32_t> best{false, 0};
                    for (std::uint32_t k = 0; k < n; ++k) {
                        const std::uint32_t f = load_u32(ids + 4 * k);
                        if (const std::pair<bool, std::uint32_t> rank{keeps_typed(f, d), ix_.form_df(f)}; rank > best) {
                            best = rank;
                            as_written = ix_.form_text(f);
                        }
                    }
                    shown += (shown.empty() ? "" : ", ") + std::string(as_written);
                }
            }
            std::sort(reach.begin(), reach.end());
            reach.erase(std::unique(reach.begin(), reach.end()), reach.end());
            for (std::size_t r = 0; r < reach.size();) {
                const std::uint32_t stem = std::get<0>(reach[r]);
                std::size_t r_end = r;
                while (r_end < reach.size() && std::get<0>(reach[r_end]) == stem) ++r_end;
                auto [a, b] = ix_.forms_of_stem(stem);
                for (std::uint32_t f = a; f < b; ++f) {
                    const std::string form = text::fold_accents(ix_.form_text(f));
                    int apart = -1;  // from what was typed, folded: measured when first needed
                    for (std::size_t q = r; q < r_end; ++q) {
                        const std::uint32_t e = std::get<1>(reach[q]);
                        const int d = std::get<2>(reach[q]);
                        const float typo = d <= 1 ? kTypo1 : kTypo2;
                        // The near word's forms that keep the accents typed count as typed; the
                        // others as the rest of its word ("fedhrions" typed with "é" takes
                        // fédérions before faderions).
                        if (form == ix_.folded_text(e)) {
                            const bool kept = keeps_typed(f, d);
                            add(f, kept ? typo : typo * kStemmed, kept);
                            continue;
                        }
                        if (apart < 0) apart = text::osa_distance(folded, form, edits + 1);
                        if (apart <= edits + 1) add(f, typo * kStemmed, false);
                    }
                }
                r = r_end;
            }
            if (!near.empty()) messages_.push_back({MessageId::typo, {t.exact, shown}});
        }
        if (is_stopword(t.exact))
            for (auto& [f, w] : g.forms) w *= kStopword;
        double df = 0, df_literal = 0;
        for (std::size_t i = 0; i < g.forms.size(); ++i) {
            df += ix_.form_df(g.forms[i].first);
            if (g.literal[i]) df_literal += ix_.form_df(g.forms[i].first);
        }
        const double n = ix_.doc_count();
        auto idf = [n](double d) {  // BM25's idf, never negative
            d = std::min(d, n);
            return std::log(1.0 + (n - d + 0.5) / (d + 0.5));
        };
        g.idf = idf(df);
        if (df_literal > 0) g.idf_literal = idf(df_literal);
        return g;
    }

    const Index& ix_;
    const text::Analyzer& an_;
    const geo::Gazetteer* gaz_;
    std::vector<Message>& messages_;
    std::map<std::string, Group> memo_;
    bool typos_ = true;
};

// [SECTION] Matchers --------------------------------------------------------------------------

// Bulk reading: postings read a window of kWindow documents at a time, the window's documents
// as bits (word k / 64, bit k % 64 for the document base + k).
constexpr std::uint32_t kWindow = 4096;
// f(k) for every bit k >= from set in a window's bits, in order.
template <typename F>
void each_bit(const std::uint64_t* bits, std::uint32_t from, F&& f) {
    for (std::uint32_t word = from / 64; word < kWindow / 64; ++word) {
        std::uint64_t b = bits[word];
        if (word == from / 64) b &= ~std::uint64_t(0) << (from % 64);
        for (; b; b &= b - 1) f(word * 64 + static_cast<std::uint32_t>(__builtin_ctzll(b)));
    }
}
// The first bit k >= from set in a window's bits, kWindow if none.
inline std::uint32_t first_bit(const std::uint64_t* bits, std::uint32_t from) {
    for (std::uint32_t word = from / 64; word < kWindow / 64; ++word) {
        std::uint64_t b = bits[word];
        if (word == from / 64) b &= ~std::uint64_t(0) << (from % 64);
        if (b) return word * 64 + static_cast<std::uint32_t>(__builtin_ctzll(b));
    }
    return kWindow;
}

// Reads the records (Index::Hot) of the documents that each(touch) hands to touch, in a loop of
// loads alone, before they are scored and counted: on a large index these loads miss the cache,
// and there the misses overlap instead of each one waiting behind the work on the document
// before (wasm has no prefetch instruction).
template <typename Each>
void warm_records(const Index& ix, Each&& each) {
    double sum = 0;
    each([&](std::uint32_t d) { sum += ix.title_weight(d); });
    [[maybe_unused]] thread_local volatile double kept;  // the loads' use, so that they stay
    kept = sum;
}

class Matcher {
public:
    virtual ~Matcher() = default;
    virtual std::uint32_t doc() const = 0;
    virtual void advance(std::uint32_t target) = 0;  // to the first match >= target
    virtual double score(std::string* why) = 0;       // at doc()
    virtual void occurrences(std::uint32_t unit, std::vector<Occurrence>& out) = 0;  // at doc()
    virtual void scan_all() {}  // the caller will visit every match: read postings in bulk if that is faster
    virtual class TermMatcher* as_term() { return nullptr; }
};

// What leapfrog walks: matchers held by pointer, or cursors held by value.
template <typename T> T& walker(T* m) { return *m; }
template <typename T> T& walker(std::unique_ptr<T>& m) { return *m; }
inline PostingCursor& walker(PostingCursor& c) { return c; }

// Leapfrog: advances every matcher or cursor from d until they all sit on the same document,
// and returns it (kNoDoc when one runs out). The AND of AllMatcher, phrases (their pairs'
// documents, then their words) and the collector's required units.
template <typename Matchers>
std::uint32_t leapfrog(Matchers& matchers, std::uint32_t d) {
    for (bool moved = true; moved && d != kNoDoc;) {
        moved = false;
        for (auto& m : matchers) {
            walker(m).advance(d);
            if (walker(m).doc() != d) { d = walker(m).doc(); moved = true; }
        }
    }
    return d;
}

class TermMatcher final : public Matcher {
public:
    // merged: read a frequent word's merged postings (format.h STEM_POSTINGS) when it has them.
    TermMatcher(const Index& ix, Group g, bool merged) : ix_(ix), group_(std::move(g)) {
        cursors_.reserve(group_.forms.size());
        for (auto [f, w] : group_.forms) cursors_.push_back(ix_.postings(f));
        const auto literal = std::count(group_.literal.begin(), group_.literal.end(), 1);
        literal_ = literal == 0 ? Literal::none : std::size_t(literal) == cursors_.size() ? Literal::all : Literal::some;
        if (merged && group_.stem && !group_.title_only && uniform_stemmed_weight() && ix_.stem_postings(*group_.stem, merged_)) {
            merged_mode_ = true;
            for (std::uint32_t i = 0; i < cursors_.size(); ++i) {
                if (group_.literal[i]) literal_cursors_.push_back(i);
                by_df_.push_back(i);
            }
            std::stable_sort(by_df_.begin(), by_df_.end(), [&](auto a, auto b) { return cursors_[a].df() > cursors_[b].df(); });
            doc_ = merged_.doc();
            return;
        }
        for (std::uint32_t i = 0; i < cursors_.size(); ++i)
            if (cursors_[i].doc() != kNoDoc) heap_.push_back(i);
        std::make_heap(heap_.begin(), heap_.end(), later_);
        settle();
    }
    TermMatcher(const TermMatcher&) = delete;  // later_ points at cursors_
    TermMatcher& operator=(const TermMatcher&) = delete;
    std::uint32_t doc() const override { return doc_; }
    void advance(std::uint32_t target) override {
        if (doc_ >= target) return;
        if (bulk_) return bulk_advance(target);
        if (merged_mode_) {
            merged_.advance(target);
            doc_ = merged_.doc();
            return;
        }
        move_to(target);
        settle();
    }
    // A word with several forms, every match visited (a one-word query, an OR): the forms are
    // read a window of documents at a time into per-document sums (Lucene's BooleanScorer) —
    // a few array operations per posting instead of the heap's log. (Merged postings are
    // already one list.)
    void scan_all() override {
        if (cursors_.size() < 2 || bulk_) return;
        bulk_ = true;
        window_.reset(new Window);  // not value-initialised: fill() clears what it reads
        const std::uint32_t from = doc_;
        doc_ = kNoDoc;
        if (from != kNoDoc) fill(from);
    }
    // The AND of frequent words (and_in_windows): a window of the word's documents at a time,
    // [base, base + kWindow), read whole; false if it has none. window_score() scores them.
    // With merged postings, the window holds the documents alone, and window_score() reads the
    // frequencies of those it is asked for: an AND keeps few of a frequent word's documents.
    bool window_at(std::uint32_t base) {
        if (!window_) window_.reset(new Window);
        bulk_ = true;
        lazy_ = merged_mode_;
        return load_window(base);
    }
    const std::uint64_t* window_bits() const { return window_->present; }
    // The word's score at d, a document of the window, from the window's sums (combine()), or
    // (lazy_) from its frequencies read there, summed as load_window sums them.
    double window_score(std::uint32_t d, std::string* why) {
        const Window& w = *window_;
        const std::uint32_t k = d - base_;
        if (lazy_) {
            std::uint32_t tf_title = 0, tf_body = 0;
            merged_.frequencies_at(w.ordinal[k], tf_title, tf_body);
            const double stemmed = stemmed_weight_;
            double title = stemmed * tf_title, body = stemmed * tf_body, title_literal = 0, body_literal = 0;
            for (std::size_t j = 0; j < literal_cursors_.size(); ++j) {
                const WindowDocs& lw = literal_windows_[j];
                if (!(lw.present[k / 64] >> (k % 64) & 1)) continue;
                const std::uint32_t i = literal_cursors_[j];
                std::uint32_t lt = 0, lb = 0;
                cursors_[i].frequencies_at(lw.ordinal[k], lt, lb);
                const double weight = group_.forms[i].second, extra = weight - stemmed;
                title += extra * lt;
                body += extra * lb;
                title_literal += weight * lt;
                body_literal += weight * lb;
            }
            if (literal_ != Literal::some) return combine(d, title, body, 0, 0, why);
            return combine(d, title, body, title_literal, body_literal, why);
        }
        if (literal_ != Literal::some) return combine(d, w.title[k], w.body[k], 0, 0, why);
        return combine(d, w.title[k], w.body[k], w.title_literal[k], w.body_literal[k], why);
    }
    // The first document >= target any form holds (kNoDoc when none): the cursors brought there.
    std::uint32_t next_doc(std::uint32_t target) {
        if (merged_mode_) {
            merged_.advance(target);
            return merged_.doc();
        }
        std::uint32_t first = kNoDoc;
        for (PostingCursor& c : cursors_) {
            c.advance(target);
            first = std::min(first, c.doc());
        }
        return first;
    }
    // How many postings reading every document takes.
    std::uint64_t postings() const {
        if (merged_mode_) return merged_.df();
        std::uint64_t n = 0;
        for (const PostingCursor& c : cursors_) n += c.df();
        return n;
    }
    // BM25F at doc(): the forms' sums per field (combine()), from the window, the merged
    // postings or each form's cursor.
    // A word's frequencies per field summed over its forms at their weights, and over its forms
    // as typed on their own (combine()'s input).
    struct Sums { double title = 0, body = 0, title_literal = 0, body_literal = 0; };
    // Form i's frequencies into sums, said when asked (--explain).
    void add_form(std::uint32_t i, std::uint32_t tf_title, std::uint32_t tf_body, Sums& sums, std::string* why) const {
        const double w = group_.forms[i].second;
        sums.title += w * tf_title;
        sums.body += w * tf_body;
        if (group_.literal[i]) {
            sums.title_literal += w * tf_title;
            sums.body_literal += w * tf_body;
        }
        if (why) *why += "    " + std::string(ix_.form_text(group_.forms[i].first)) + " ×" + fmt(w) + ": titre " +
                         std::to_string(tf_title) + ", texte " + std::to_string(tf_body) + "\n";
    }
    double score(std::string* why) override {
        if (bulk_) return window_score(doc_, why);
        const std::uint32_t d = doc_;
        Sums sums;
        if (merged_mode_ && !why) {
            // The merged sums, minus the forms as typed read from their own postings.
            std::uint32_t raw_title = 0, raw_body = 0;
            for (std::uint32_t i : literal_cursors_) {
                PostingCursor& c = cursors_[i];
                c.advance(d);
                if (c.doc() != d) continue;
                raw_title += c.tf_title();
                raw_body += c.tf_body();
                sums.title_literal += double(group_.forms[i].second) * c.tf_title();
                sums.body_literal += double(group_.forms[i].second) * c.tf_body();
            }
            sums.title = stemmed_weight_ * double(merged_.tf_title() - raw_title) + sums.title_literal;
            sums.body = stemmed_weight_ * double(merged_.tf_body() - raw_body) + sums.body_literal;
        } else {
            each_form_here([&](std::uint32_t i) { add_form(i, cursors_[i].tf_title(), cursors_[i].tf_body(), sums, why); });
        }
        return combine(d, sums.title, sums.body, sums.title_literal, sums.body_literal, why);
    }
    // Each minor where a stopword typed on its own is written as a stopword (not where "la"
    // typed as a prefix finds "lancée").
    void occurrences(std::uint32_t unit, std::vector<Occurrence>& out) override {
        load_positions();
        const bool stopword = is_stopword(group_.label);
        const std::uint32_t w = weight();
        for (std::size_t k = 0; k < positions_.size(); ++k) {
            const std::uint32_t i = position_forms_[k];
            out.push_back({positions_[k], unit, stopword && is_stopword(ix_.form_text(group_.forms[i].first)), group_.literal[i] != 0, w});
        }
    }
    const std::vector<std::uint32_t>& positions() { load_positions(); return positions_; }
    std::uint32_t weight() const { return static_cast<std::uint32_t>(std::lround(std::max(0.0, group_.idf) * 1000)); }
    TermMatcher* as_term() override { return this; }
    // The word's score at doc_ counting only its occurrences at `at` (sorted positions of
    // doc_): a phrase's words scored on the phrase's occurrences, not on every one of theirs,
    // each at the weight of the form written there.
    double score_at(const std::vector<std::uint32_t>& at, std::string* why) {
        load_positions();
        const std::uint32_t body_start = ix_.doc_body_start(doc_);
        counts_.assign(2 * group_.forms.size(), 0);  // per form: in the title, in the body
        std::size_t k = 0;
        for (std::uint32_t p : at) {
            while (k < positions_.size() && positions_[k] < p) ++k;
            if (k < positions_.size() && positions_[k] == p) ++counts_[2 * position_forms_[k] + (p >= body_start)];
        }
        Sums sums;
        for (std::uint32_t i = 0; i < group_.forms.size(); ++i)
            if (counts_[2 * i] + counts_[2 * i + 1]) add_form(i, counts_[2 * i], counts_[2 * i + 1], sums, why);
        return combine(doc_, sums.title, sums.body, sums.title_literal, sums.body_literal, why);
    }
    const Group& group() const { return group_; }
    // f(doc, score) for every match from doc() on, in order: a one-word query's loop without
    // a virtual call or a leapfrog per document. floor: the score a match must reach to be of
    // use (Collector::floor, which f may raise); in bulk, a match that cannot is given
    // -infinity, its score not computed.
    template <typename F>
    void visit_all(const double& floor, F&& f) {
        if (!bulk_) {
            for (; doc_ != kNoDoc; advance(doc_ + 1)) f(doc_, score(nullptr));
            return;
        }
        // Bulk: each window's documents straight from its bits (their records read first).
        double seen = -kInfinity, least = 0;
        while (doc_ != kNoDoc) {
            warm_records(ix_, [&](auto&& touch) { each_bit(window_->present, doc_ - base_, [&](std::uint32_t k) { touch(base_ + k); }); });
            each_bit(window_->present, doc_ - base_, [&](std::uint32_t k) {
                doc_ = base_ + k;
                if (floor != seen) {
                    seen = floor;
                    least = least_tf(floor);
                }
                if (least > 0 && !lazy_ && weighted_tf(ix_, group_, doc_, window_->title[k], window_->body[k]) < least)
                    f(doc_, -kInfinity);
                else
                    f(doc_, window_score(doc_, nullptr));
            });
            const std::uint64_t end = std::uint64_t(base_) + kWindow;
            if (end >= kNoDoc) doc_ = kNoDoc;
            else fill(static_cast<std::uint32_t>(end));
        }
    }

private:
    // The least tf (weighted_tf) a document needs for its score to pass floor, from the bound
    // score <= (idf + kLiteral × idf_literal) × saturate(tf) (the forms as typed being some of
    // the forms): saturate inverted, a little lower for rounding; 0 when any tf may.
    double least_tf(double floor) const {
        const double most = group_.idf + (literal_ == Literal::none ? 0 : kLiteral * group_.idf_literal);
        if (!(floor > 0) || !(most > 0)) return 0;
        const double q = floor / most;
        if (q >= scoring::kK1 + 1) return kInfinity;
        return q * scoring::kK1 / (scoring::kK1 + 1 - q) * (1 - 1e-9);
    }
    // The word's score at d from its forms' sums per field (field_score), said when asked.
    double combine(std::uint32_t d, double title, double body, double title_literal, double body_literal,
                   std::string* why) const {
        const FieldScore f = field_score(ix_, group_, literal_, d, title, body, title_literal, body_literal);
        if (why) {
            // saturation: BM25's tf (k1 + 1) / (tf + k1), the tf shown being weighted and normalised
            *why += "  " + group_.label + " = idf " + fmt(group_.idf) + " × saturation(tf " + fmt(f.tf) + ")";
            if (f.literal > 0)
                *why += " + tel quel " + fmt(kLiteral) + " × idf " + fmt(group_.idf_literal) + " × saturation(tf " + fmt(f.literal) + ")";
            *why += " → " + fmt(f.score) + "\n";
        }
        return f.score;
    }
    // The forms' cursors sit in a min-heap on their current document: a word with dozens of
    // forms (a verb's conjugation, a prefix) costs a log per posting, not a scan of every form.
    struct Later {
        const std::vector<PostingCursor>* cursors;
        bool operator()(std::uint32_t a, std::uint32_t b) const { return (*cursors)[a].doc() > (*cursors)[b].doc(); }
    };
    // Bulk mode: the window [base_, base_ + kWindow) holding doc_, its documents as bits.
    struct WindowDocs {
        std::uint64_t present[kWindow / 64];
        std::uint32_t ordinal[kWindow];  // lazy_: the posting's rank in its list, for documents present
    };
    struct Window : WindowDocs {
        double title[kWindow], body[kWindow];  // Σ weight × tf per field, for documents present
        double title_literal[kWindow], body_literal[kWindow];  // the same over literal forms (Literal::some)
    };
    // lazy_: the documents of list c in the window, and their postings' ranks, into out.
    void window_docs(PostingCursor& c, WindowDocs& out) {
        std::fill(std::begin(out.present), std::end(out.present), 0);
        c.advance(base_);
        c.each_doc_before(std::uint64_t(base_) + kWindow, [&](std::uint32_t d, std::uint32_t ordinal) {
            const std::uint32_t k = d - base_;
            out.present[k / 64] |= std::uint64_t(1) << (k % 64);
            out.ordinal[k] = ordinal;
        });
    }
    // Reads every form's postings in the window starting at the first document >= target.
    void fill(std::uint32_t target) {
        for (;;) {
            const std::uint32_t first = next_doc(target);
            doc_ = kNoDoc;
            if (first == kNoDoc || load_window(first)) return;
            const std::uint64_t end = std::uint64_t(first) + kWindow;
            if (end >= kNoDoc) return;
            target = static_cast<std::uint32_t>(end);  // a title-only word with no title hit in the window
        }
    }
    // Reads every form's postings in [base, base + kWindow) (none before base is left) into the
    // window, doc_ its first document: false if there is none.
    bool load_window(std::uint32_t base) {
        Window& w = *window_;
        base_ = base;
        if (lazy_) {
            window_docs(merged_, w);
            literal_windows_.resize(literal_cursors_.size());
            for (std::size_t j = 0; j < literal_cursors_.size(); ++j) window_docs(cursors_[literal_cursors_[j]], literal_windows_[j]);
            return next_present(0);
        }
        const std::uint64_t end = std::uint64_t(base_) + kWindow;
        std::fill(std::begin(w.present), std::end(w.present), 0);
        const bool split = literal_ == Literal::some;
        if (merged_mode_) {
            // Every form at the stemmed weight, then the forms as typed corrected to theirs
            // (exact sums: the same bits as adding each form's own).
            const double stemmed = stemmed_weight_;
            merged_.advance(base_);
            merged_.each_before(end, [&](std::uint32_t d, std::uint32_t tf_title, std::uint32_t tf_body) {
                const std::uint32_t k = d - base_;
                w.present[k / 64] |= std::uint64_t(1) << (k % 64);
                w.title[k] = stemmed * tf_title;
                w.body[k] = stemmed * tf_body;
                if (split) w.title_literal[k] = w.body_literal[k] = 0;
            });
            for (std::uint32_t i : literal_cursors_) {
                PostingCursor& c = cursors_[i];
                const double weight = group_.forms[i].second, extra = weight - stemmed;
                c.advance(base_);
                c.each_before(end, [&](std::uint32_t d, std::uint32_t tf_title, std::uint32_t tf_body) {
                    const std::uint32_t k = d - base_;
                    w.title[k] += extra * tf_title;
                    w.body[k] += extra * tf_body;
                    if (split) {
                        w.title_literal[k] += weight * tf_title;
                        w.body_literal[k] += weight * tf_body;
                    }
                });
            }
            return next_present(0);
        }
        for (std::size_t i = 0; i < cursors_.size(); ++i) {
            PostingCursor& c = cursors_[i];
            const double weight = group_.forms[i].second;
            const bool title_only = group_.title_only, literal = split && group_.literal[i];
            c.advance(base_);
            c.each_before(end, [&](std::uint32_t d, std::uint32_t tf_title, std::uint32_t tf_body) {
                if (title_only && tf_title == 0) return;
                const std::uint32_t k = d - base_;
                std::uint64_t& bits = w.present[k / 64];
                const std::uint64_t bit = std::uint64_t(1) << (k % 64);
                if (!(bits & bit)) {
                    bits |= bit;
                    w.title[k] = w.body[k] = 0;
                    if (split) w.title_literal[k] = w.body_literal[k] = 0;
                }
                w.title[k] += weight * tf_title;
                w.body[k] += weight * tf_body;
                if (literal) {
                    w.title_literal[k] += weight * tf_title;
                    w.body_literal[k] += weight * tf_body;
                }
            });
        }
        return next_present(0);
    }
    // doc_ = the first document present in the window at or after offset k; false if none.
    bool next_present(std::uint32_t k) {
        const std::uint32_t at = first_bit(window_->present, k);
        if (at == kWindow) return false;
        doc_ = base_ + at;
        return true;
    }
    void bulk_advance(std::uint32_t target) {  // target > doc_ >= base_
        const std::uint64_t end = std::uint64_t(base_) + kWindow;
        if (target < end) {
            if (next_present(target - base_)) return;
            if (end >= kNoDoc) { doc_ = kNoDoc; return; }
            target = static_cast<std::uint32_t>(end);
        }
        fill(target);
    }
    void move_to(std::uint32_t target) {
        if (heap_.size() == 1) {  // one form left: no heap to keep
            PostingCursor& c = cursors_[heap_.front()];
            c.advance(target);
            if (c.doc() == kNoDoc) heap_.clear();
            doc_ = heap_.empty() ? kNoDoc : c.doc();
            return;
        }
        while (!heap_.empty() && cursors_[heap_.front()].doc() < target) {
            std::pop_heap(heap_.begin(), heap_.end(), later_);
            cursors_[heap_.back()].advance(target);
            if (cursors_[heap_.back()].doc() == kNoDoc) heap_.pop_back();
            else std::push_heap(heap_.begin(), heap_.end(), later_);
        }
        doc_ = heap_.empty() ? kNoDoc : cursors_[heap_.front()].doc();
    }
    // Calls f(i) for every form i in doc_: from the heap, or (merged postings) each form's
    // cursor brought to doc_.
    template <typename F>
    void each_form_here(F&& f) {
        if (!merged_mode_) return for_each_here(f);
        const auto n = static_cast<std::uint32_t>(cursors_.size());
        for (std::uint32_t i = 0; i < n; ++i) {
            PostingCursor& c = cursors_[i];
            if (c.doc() < doc_) c.advance(doc_);  // most forms are already past doc_: no call
            if (c.doc() == doc_) f(i);
        }
    }
    // Every form but those as typed has one weight (kStemmed, times kStopword for a stopword):
    // what the merged sums rely on. Sets stemmed_weight_.
    bool uniform_stemmed_weight() {
        for (std::size_t i = 0; i < group_.forms.size(); ++i) {
            if (group_.literal[i]) continue;
            if (stemmed_weight_ >= 0 && group_.forms[i].second != stemmed_weight_) return false;
            stemmed_weight_ = group_.forms[i].second;
        }
        if (stemmed_weight_ < 0) stemmed_weight_ = 0;  // every form as typed
        return true;
    }
    // Calls f(i) for every cursor i on doc_: the heap's top and its descendants on that document.
    template <typename F>
    void for_each_here(F&& f) {
        if (heap_.empty() || cursors_[heap_.front()].doc() != doc_) return;
        stack_.assign(1, 0);
        while (!stack_.empty()) {
            const std::size_t at = stack_.back();
            stack_.pop_back();
            f(heap_[at]);
            for (std::size_t child : {2 * at + 1, 2 * at + 2})
                if (child < heap_.size() && cursors_[heap_[child]].doc() == doc_) stack_.push_back(child);
        }
    }
    void settle() {
        doc_ = heap_.empty() ? kNoDoc : cursors_[heap_.front()].doc();
        while (group_.title_only && doc_ != kNoDoc) {
            bool in_title = false;
            for_each_here([&](std::uint32_t i) { in_title |= cursors_[i].tf_title() > 0; });
            if (in_title) return;
            move_to(doc_ + 1);
        }
    }
    // positions_: the word's positions in doc_, rising, each once; position_forms_: which form
    // is written at each.
    void load_positions() {
        if (positions_doc_ == doc_) return;
        positions_doc_ = doc_;
        tagged_.clear();
        const std::uint32_t body_start = ix_.doc_body_start(doc_);
        auto add = [&](PostingCursor& c, std::uint32_t i) {
            c.positions(buffer_);
            for (std::uint32_t p : buffer_)
                if (!group_.title_only || p < body_start) tagged_.push_back(std::uint64_t(p) << 32 | i);
        };
        if (bulk_) {  // the window's cursors are past doc_: fresh ones (callers rarely ask)
            for (std::uint32_t i = 0; i < group_.forms.size(); ++i) {
                PostingCursor c = ix_.postings(group_.forms[i].first);
                c.advance(doc_);
                if (c.doc() == doc_) add(c, i);
            }
        } else if (merged_mode_) {
            // The forms most frequent first, until the merged postings' count of occurrences is
            // reached: the rare forms' cursors are mostly left alone.
            const std::uint32_t want = merged_.tf_title() + merged_.tf_body();
            for (std::uint32_t i : by_df_) {
                if (tagged_.size() >= want) break;
                PostingCursor& c = cursors_[i];
                if (c.doc() < doc_) c.advance(doc_);
                if (c.doc() == doc_) add(c, i);
            }
        } else {
            each_form_here([&](std::uint32_t i) { add(cursors_[i], i); });
        }
        std::sort(tagged_.begin(), tagged_.end());
        positions_.clear();
        position_forms_.clear();
        for (std::uint64_t t : tagged_) {
            const auto p = static_cast<std::uint32_t>(t >> 32);
            if (!positions_.empty() && positions_.back() == p) continue;
            positions_.push_back(p);
            position_forms_.push_back(static_cast<std::uint32_t>(t));
        }
    }

    const Index& ix_;
    Group group_;
    std::vector<PostingCursor> cursors_;
    std::vector<std::uint32_t> heap_;  // indices into cursors_ of those not exhausted
    Later later_{&cursors_};
    std::vector<std::size_t> stack_;
    std::uint32_t doc_ = kNoDoc, positions_doc_ = kNoDoc;
    std::vector<std::uint32_t> positions_, position_forms_, buffer_, counts_;
    std::vector<std::uint64_t> tagged_;  // load_positions: position << 32 | form
    Literal literal_;
    bool bulk_ = false;
    bool lazy_ = false;  // window_at with merged postings: the window holds no sums (window_score)
    bool merged_mode_ = false;  // reading merged_, the stem's merged postings, instead of the heap
    PostingCursor merged_;
    std::vector<std::uint32_t> literal_cursors_;  // merged mode: the forms as typed
    std::vector<std::uint32_t> by_df_;            // merged mode: the forms, most frequent first
    float stemmed_weight_ = -1;
    std::uint32_t base_ = 0;
    std::unique_ptr<Window> window_;
    std::vector<WindowDocs> literal_windows_;  // lazy_: the forms as typed, by literal_cursors_
};

// Words at fixed relative positions: "agence de presse" (positions are word positions, so the
// stopword in the middle must be there too).
class PhraseMatcher final : public Matcher {
public:
    // from: the first document it may match (a plan for a few known documents starts there
    // instead of at the first match in the whole index).
    // pairs: documents where two of its words follow each other (Index::adjacent_postings), a
    // superset of its own, often far smaller than the set holding every word.
    PhraseMatcher(std::vector<std::unique_ptr<TermMatcher>> terms, std::vector<std::uint32_t> offsets, std::uint32_t from,
                  std::vector<PostingCursor> pairs = {})
        : terms_(std::move(terms)), offsets_(std::move(offsets)), pairs_(std::move(pairs)) { find(from); }
    std::uint32_t doc() const override { return doc_; }
    void advance(std::uint32_t target) override { if (doc_ < target) find(target); }
    // Each word on the phrase's occurrences only (its tf the phrase's frequency, its forms'
    // weights as written there), as Lucene scores a phrase's frequency with its words' idf: a
    // document that says "agence de presse" three times ranks above one that says it once,
    // whatever else it says "de".
    double score(std::string* why) override {
        if (why) *why += "  phrase (" + std::to_string(starts_.size()) + " fois) :\n";
        double s = 0;
        for (std::size_t i = 0; i < terms_.size(); ++i) {
            at_.clear();
            for (std::uint32_t p : starts_) at_.push_back(p + offsets_[i]);
            s += terms_[i]->score_at(at_, why);
        }
        return s;
    }
    void occurrences(std::uint32_t unit, std::vector<Occurrence>& out) override {
        std::uint32_t weight = 0;
        for (const auto& t : terms_) weight += t->weight();
        for (std::uint32_t p : starts_)
            for (std::uint32_t off : offsets_) out.push_back({p + off, unit, false, false, weight});
    }

private:
    void find(std::uint32_t target) {
        for (;;) {
            // A document where the pairs follow each other, holding every word, then their
            // positions checked.
            const std::uint32_t d = leapfrog(pairs_, target);
            const std::uint32_t all = leapfrog(terms_, d);
            if (all != d) { target = all; continue; }
            doc_ = d;
            if (d == kNoDoc || verify()) return;
            target = d + 1;
        }
    }
    // The first word's positions, kept where each next word follows at its offset (a merge of
    // sorted lists); a word's positions are read only while some start is left.
    bool verify() {
        starts_ = terms_[0]->positions();
        for (std::size_t i = 1; i < terms_.size() && !starts_.empty(); ++i) {
            const std::vector<std::uint32_t>& ps = terms_[i]->positions();
            std::size_t kept = 0, k = 0;
            for (std::uint32_t p : starts_) {
                const std::uint32_t want = p + offsets_[i];
                while (k < ps.size() && ps[k] < want) ++k;
                if (k < ps.size() && ps[k] == want) starts_[kept++] = p;
            }
            starts_.resize(kept);
        }
        return !starts_.empty();
    }

    std::vector<std::unique_ptr<TermMatcher>> terms_;
    std::vector<std::uint32_t> offsets_;
    std::vector<std::uint32_t> starts_, at_;
    std::vector<PostingCursor> pairs_;
    std::uint32_t doc_ = kNoDoc;
};

// Any of its children (a OR b; a compound or its parts).
class AnyMatcher final : public Matcher {
public:
    explicit AnyMatcher(std::vector<std::unique_ptr<Matcher>> children) : children_(std::move(children)) { settle(); }
    std::uint32_t doc() const override { return doc_; }
    void advance(std::uint32_t target) override {
        if (doc_ >= target) return;
        for (auto& c : children_) c->advance(target);
        settle();
    }
    double score(std::string* why) override {
        double s = 0;
        std::size_t here = 0;
        for (auto& c : children_)
            if (c->doc() == doc_) {
                s = std::max(s, c->score(why));
                ++here;
            }
        if (why && here > 1) *why += "  OR : la meilleure, " + fmt(s) + "\n";
        return s;
    }
    void occurrences(std::uint32_t unit, std::vector<Occurrence>& out) override {
        for (auto& c : children_) if (c->doc() == doc_) c->occurrences(unit, out);
    }
    void scan_all() override {
        for (auto& c : children_) c->scan_all();
        settle();
    }

private:
    void settle() {
        doc_ = kNoDoc;
        for (auto& c : children_) doc_ = std::min(doc_, c->doc());
    }
    std::vector<std::unique_ptr<Matcher>> children_;
    std::uint32_t doc_ = kNoDoc;
};

// All of its children (several words inside one OR alternative).
class AllMatcher final : public Matcher {
public:
    AllMatcher(std::vector<std::unique_ptr<Matcher>> children, std::uint32_t from) : children_(std::move(children)) { find(from); }
    std::uint32_t doc() const override { return doc_; }
    void advance(std::uint32_t target) override { if (doc_ < target) find(target); }
    double score(std::string* why) override {
        double s = 0;
        for (auto& c : children_) s += c->score(why);
        return s;
    }
    void occurrences(std::uint32_t unit, std::vector<Occurrence>& out) override {
        for (auto& c : children_) c->occurrences(unit, out);
    }

private:
    void find(std::uint32_t d) { doc_ = leapfrog(children_, d); }
    std::vector<std::unique_ptr<Matcher>> children_;
    std::uint32_t doc_ = kNoDoc;
};

// [SECTION] Plan ------------------------------------------------------------------------------

struct Plan {
    std::vector<std::unique_ptr<Matcher>> required;  // one per unit (top-level clause or word)
    std::vector<std::unique_ptr<Matcher>> excluded;
    std::vector<std::string> unit_labels;
    bool impossible = false;  // a required word matches nothing at all
    // Filters
    bool filter_years = false;
    int year_from = 0, year_to = 0;
    std::vector<QueryFilters::Years> years;  // the query's own: any of them (and the range above)
    std::vector<char> source_ok, country_ok;  // by id; empty = no filter
    const std::vector<char>* only = nullptr;  // SearchOptions::only
    bool merged = true;                       // SearchOptions::merged

    bool accepts(const Index& ix, std::uint32_t d) const {
        if (only && (d >= only->size() || !(*only)[d])) return false;
        if (filter_years) {
            const int y = ix.doc_year(d);
            if (y == 0 || (year_from && y < year_from) || (year_to && y > year_to)) return false;
            if (!years.empty() && std::none_of(years.begin(), years.end(), [y](const QueryFilters::Years& r) {
                    return (!r.from || y >= r.from) && (!r.to || y <= r.to);
                }))
                return false;
        }
        if (!source_ok.empty()) {
            const std::uint16_t s = ix.doc_source(d);
            if (s == format::kNoSource || !source_ok[s]) return false;
        }
        if (!country_ok.empty()) {
            auto [ids, n] = ix.doc_countries(d);
            bool any = false;
            for (std::uint32_t i = 0; i < n && !any; ++i) any = country_ok[ids[2 * i] | ids[2 * i + 1] << 8];
            if (!any) return false;
        }
        return true;
    }
};

class Planner {
public:
    Planner(const Index& ix, const text::Analyzer& an, const geo::Gazetteer* gaz, std::vector<Message>& messages)
        : ix_(ix), an_(an), gaz_(gaz), messages_(messages), resolver_(ix, an, gaz, messages) {}
    // Plans again (relaxed pass, rerank): fresh cursors, the same words, no repeated messages.
    // from: the first document the plan will be asked about.
    Plan replan(const ParsedQuery& q, std::uint32_t from = 0) {
        std::vector<Message> said;
        std::swap(said, messages_);
        Plan p = plan(q, from);
        std::swap(said, messages_);
        return p;
    }

    Plan plan(const ParsedQuery& q, std::uint32_t from = 0) {
        from_ = from;
        Plan p;
        p.only = only_;
        p.merged = merged_;
        for (const QueryClause& clause : q.clauses) {
            // A lone run of plain words is one unit per word, so that every word is required.
            if (!clause.negated && clause.any.size() == 1 && clause.any[0].kind == QueryPart::Kind::text) {
                for (auto& [m, label] : words(clause.any[0])) {
                    p.required.push_back(std::move(m));
                    p.unit_labels.push_back(label);
                }
                continue;
            }
            std::vector<std::unique_ptr<Matcher>> alternatives;
            std::string label;
            resolver_.allow_typos(!clause.negated);
            for (const QueryPart& part : clause.any) {
                auto m = part.kind == QueryPart::Kind::phrase ? phrase(part) : all_words(part);
                if (m) alternatives.push_back(std::move(m));
                label += (label.empty() ? "" : " OR ") + part.text;
            }
            resolver_.allow_typos(true);
            if (alternatives.empty()) continue;
            auto m = alternatives.size() == 1 ? std::move(alternatives[0]) : std::make_unique<AnyMatcher>(std::move(alternatives));
            if (clause.negated) p.excluded.push_back(std::move(m));
            else {
                p.required.push_back(std::move(m));
                p.unit_labels.push_back(label);
            }
        }
        for (auto& m : p.required) p.impossible |= m->doc() == kNoDoc;

        const QueryFilters& f = q.filters;
        if (f.year_from || f.year_to || !f.years.empty()) {
            p.filter_years = true;
            p.year_from = f.year_from;
            p.year_to = f.year_to;
            p.years = f.years;
        }
        if (!f.sources.empty()) {
            p.source_ok.assign(ix_.source_count() + 1, 0);
            bool found = false;
            for (std::uint32_t s = 0; s < ix_.source_count(); ++s)
                for (const std::string& want : f.sources)
                    if (lower_folded(ix_.source_name(s)).find(lower_folded(want)) != std::string::npos) p.source_ok[s] = found = true;
            if (!found) {  // a best effort: every source rather than none
                messages_.push_back({MessageId::unknown_source, {f.sources[0]}});
                p.source_ok.clear();
            }
        }
        if (!f.countries.empty()) {
            p.country_ok.assign(ix_.country_count() + 1, 0);
            bool any_country = false;  // a value naming a country, in this dossier or not
            for (std::size_t k = 0; k < f.countries.size(); ++k) {
                const std::string& want = f.countries[k];
                bool found = false;
                const std::string folded_want = lower_folded(want);
                std::string up = folded_want;
                for (char& c : up) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
                const geo::Country* known = gaz_ ? gaz_->find(an_, want) : nullptr;
                if (known) up = known->iso3;
                for (std::uint32_t c = 0; c < ix_.country_count(); ++c)
                    if (ix_.country_code(c) == up) p.country_ok[c] = found = true;
                // Still being typed: the dossier's countries whose name, French or English, starts so.
                if (!found && !known && gaz_ && static_cast<int>(k) == f.country_typed) {
                    auto starts = [&](std::string_view name) { return lower_folded(name).rfind(folded_want, 0) == 0; };
                    for (std::uint32_t c = 0; c < ix_.country_count(); ++c)
                        if (const geo::Country* named = gaz_->find_code(ix_.country_code(c))) {
                            bool match = std::any_of(named->english.begin(), named->english.end(), starts);
                            for (const auto& fr : named->french) match |= starts(fr.name);
                            if (match) p.country_ok[c] = found = true;
                        }
                    if (found) { any_country = true; continue; }
                }
                if (!found && gaz_ && !known) messages_.push_back({MessageId::unknown_country, {want}});
                else if (!found) messages_.push_back({MessageId::absent_country, {want}});
                any_country |= found || known || !gaz_;
            }
            // Nothing but names of no country ("pays:XX", "pays:Espa" half typed): ignored, a best
            // effort. A real country absent from the dossier filters everything out, as asked.
            if (!any_country) p.country_ok.clear();
        }
        return p;
    }

private:
    std::vector<text::Token> tokens(const std::string& s) { return an_.analyze(s); }
    static std::string_view written(const QueryPart& part, const text::Token& t) {  // the word as typed
        return std::string_view(part.text).substr(t.begin, t.end - t.begin);
    }
    std::unique_ptr<TermMatcher> term(const Group& g) { return std::make_unique<TermMatcher>(ix_, g, merged_); }

    // Each word of a text part: a term, or for a compound the compound or its parts in a row.
    std::vector<std::pair<std::unique_ptr<Matcher>, std::string>> words(const QueryPart& part) {
        std::vector<std::pair<std::unique_ptr<Matcher>, std::string>> out;
        const auto toks = tokens(part.text);
        if (toks.empty()) {
            messages_.push_back({MessageId::no_words, {part.text}});
            return out;
        }
        std::size_t last_word = toks.size();
        for (std::size_t i = 0; i < toks.size(); ++i)
            if (toks[i].kind != text::TokenKind::compound) last_word = i;
        for (std::size_t i = 0; i < toks.size();) {
            const text::Token& t = toks[i];
            if (t.kind == text::TokenKind::compound) {
                std::size_t j = i + 1;
                std::vector<std::unique_ptr<TermMatcher>> parts;
                std::vector<std::uint32_t> offsets;
                // Typing the last word: its last part is a prefix, and so is the compound.
                bool typing = false;
                while (j < toks.size() && toks[j].kind != text::TokenKind::compound && toks[j].begin < t.end) {
                    const bool prefix = part.prefix && j == last_word;
                    typing |= prefix;
                    parts.push_back(term(resolver_.resolve(toks[j], written(part, toks[j]), prefix, part.title_only)));
                    offsets.push_back(toks[j].position - t.position);
                    ++j;
                }
                std::vector<std::unique_ptr<Matcher>> alt;
                alt.push_back(term(resolver_.resolve(t, written(part, t), typing, part.title_only)));
                alt.push_back(std::make_unique<PhraseMatcher>(std::move(parts), std::move(offsets), from_));
                out.emplace_back(std::make_unique<AnyMatcher>(std::move(alt)), t.exact);
                i = j;
                continue;
            }
            if (t.kind == text::TokenKind::character) {  // a word of Chinese, Japanese, Thai…: its characters in a row
                std::size_t j = i + 1;
                while (j < toks.size() && toks[j].kind == text::TokenKind::character && toks[j].begin == toks[j - 1].end) ++j;
                if (j > i + 1) {
                    std::vector<std::unique_ptr<TermMatcher>> chars;
                    std::vector<std::uint32_t> offsets;
                    std::string label;
                    for (std::size_t k = i; k < j; ++k) {
                        chars.push_back(term(resolver_.resolve(toks[k], written(part, toks[k]), false, part.title_only)));
                        offsets.push_back(toks[k].position - t.position);
                        label += toks[k].exact;
                    }
                    out.emplace_back(std::make_unique<PhraseMatcher>(std::move(chars), std::move(offsets), from_), label);
                    i = j;
                    continue;
                }
            }
            // A word said twice in a run ("fichier fichier", 340 × "la") is one word: each copy
            // would be matched, and weigh, again.
            const bool prefix = part.prefix && i == last_word;
            const std::string label = prefix ? t.exact + "*" : t.exact;
            if (std::none_of(out.begin(), out.end(), [&](const auto& w) { return w.second == label; }))
                out.emplace_back(term(resolver_.resolve(t, written(part, t), prefix, part.title_only)), label);
            ++i;
        }
        return out;
    }

    std::unique_ptr<Matcher> all_words(const QueryPart& part) {
        auto ws = words(part);
        if (ws.empty()) return nullptr;
        if (ws.size() == 1) return std::move(ws[0].first);
        std::vector<std::unique_ptr<Matcher>> ms;
        for (auto& w : ws) ms.push_back(std::move(w.first));
        return std::make_unique<AllMatcher>(std::move(ms), from_);
    }

    std::unique_ptr<Matcher> phrase(const QueryPart& part) {
        std::vector<std::unique_ptr<TermMatcher>> terms;
        std::vector<std::uint32_t> offsets;
        const auto toks = tokens(part.text);
        std::uint32_t first = 0;
        std::size_t last = toks.size();  // the last word: a prefix when the phrase ends in one
        while (last > 0 && toks[last - 1].kind == text::TokenKind::compound) --last;
        for (std::size_t i = 0; i < toks.size(); ++i) {
            const text::Token& t = toks[i];
            if (t.kind == text::TokenKind::compound) continue;  // its parts follow, in order
            if (terms.empty()) first = t.position;
            terms.push_back(term(resolver_.resolve(t, written(part, t), part.prefix && i + 1 == last, part.title_only)));
            offsets.push_back(t.position - first);
        }
        if (terms.empty()) {
            messages_.push_back({MessageId::empty_phrase, {part.text}});
            return nullptr;
        }
        if (terms.size() == 1) return std::move(terms[0]);
        // Neighbours that are whole stems: their pair's documents, where the index lists them.
        std::vector<PostingCursor> pairs;
        for (std::size_t i = 0; merged_ && i + 1 < terms.size(); ++i) {
            const auto &a = terms[i]->group().stem, &b = terms[i + 1]->group().stem;
            PostingCursor p;
            if (a && b && offsets[i + 1] == offsets[i] + 1 && ix_.adjacent_postings(*a, *b, p)) pairs.push_back(p);
        }
        return std::make_unique<PhraseMatcher>(std::move(terms), std::move(offsets), from_, std::move(pairs));
    }

public:
    const std::vector<char>* only_ = nullptr;  // given to every plan
    bool merged_ = true;                       // SearchOptions::merged

private:
    const Index& ix_;
    const text::Analyzer& an_;
    const geo::Gazetteer* gaz_;
    std::vector<Message>& messages_;
    Resolver resolver_;
    std::uint32_t from_ = 0;  // the plan being made starts there (plan())
};

// [SECTION] Collect ---------------------------------------------------------------------------

struct Candidate {
    double score;
    std::uint32_t doc;
    std::uint32_t matched_units;
    std::uint32_t date = 0;  // Index::doc_date_key, when ordering by date
};
bool better(const Candidate& a, const Candidate& b) { return a.score > b.score || (a.score == b.score && a.doc < b.doc); }

// The order hits are shown in: by relevance, or newest first (undated last) then relevance.
struct Order {
    bool by_date = false;
    bool operator()(const Candidate& a, const Candidate& b) const {
        if (by_date && a.date != b.date) return a.date > b.date;
        return better(a, b);
    }
};

struct Collector {
    std::size_t depth;
    Order order;
    std::vector<Candidate> heap;  // the worst of the best at the front
    // The score a match must reach to come in (ordered by relevance, once the heap is full;
    // infinite when no hit is asked for): a visit may skip scoring a match that cannot.
    double floor = depth == 0 ? kInfinity : -kInfinity;
    void add(const Candidate& c) {
        if (c.score >= floor) insert(c);  // below it, out whatever its document
    }
    void insert(const Candidate& c) {
        if (heap.size() < depth) {
            heap.push_back(c);
            std::push_heap(heap.begin(), heap.end(), order);
        } else if (order(c, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), order);
            heap.back() = c;
            std::push_heap(heap.begin(), heap.end(), order);
        } else {
            return;
        }
        if (heap.size() == depth && !order.by_date) floor = heap.front().score;
    }
};

struct Facets {
    static constexpr int kFirstYear = 1800, kYears = 400;  // counted in an array; others in a map
    std::vector<std::uint32_t> recent = std::vector<std::uint32_t>(kYears, 0);
    std::map<int, std::uint32_t> years;
    std::vector<std::uint32_t> sources, countries;
    void add_year(int y, std::uint32_t n) {
        if (y >= kFirstYear && y < kFirstYear + kYears) recent[static_cast<std::size_t>(y - kFirstYear)] += n;
        else years[y] += n;
    }
    void count(const Index& ix, std::uint32_t d) {
        if (int y = ix.doc_year(d)) add_year(y, 1);
        if (std::uint16_t s = ix.doc_source(d); s != format::kNoSource) ++sources[s];
        auto [ids, n] = ix.doc_countries(d);
        for (std::uint32_t i = 0; i < n; ++i) ++countries[ids[2 * i] | ids[2 * i + 1] << 8];
    }
};

// A one-word query on a frequent stem, with no filter: the total, the facets and the top k from
// the stem's summary (format.h) instead of a visit of each of its documents (with no hit asked
// for, the summary's counts alone). The word's score in
// a document depends on G (every form's frequency, BM25F-normalised) and on the frequencies of
// its forms as typed (literal): those are read for the listed documents (the summary's highest
// G, with their frequencies), and read whole where they are rare, which brings their documents
// in too. Any other document scores at most what G <= rest allows: when the k-th best score is
// above that bound, the top k is the one a full visit finds (Fagin's threshold algorithm), score
// for score, since each is computed as TermMatcher::score computes it. Otherwise false (top may
// hold candidates, total and facets are untouched), and the caller visits every document.
constexpr std::uint32_t kReadWhole = 4096;  // a literal form with at most this many documents is read whole
bool collect_summary(const Index& ix, const Group& g, Collector& top, Facets& facets, std::uint64_t& total) {
    if (!g.stem || g.title_only) return false;
    // Every document of the stem is a match: the summary's counts are the total and the facets.
    auto count_all = [&](const StemSummary& sum) {
        total += sum.docs;
        for (auto [y, n] : sum.years) facets.add_year(int(y), n);
        for (auto [id, n] : sum.sources) facets.sources[id] += n;
        for (auto [id, n] : sum.countries) facets.countries[id] += n;
    };
    StemSummary sum;
    if (top.depth == 0) {  // no hit asked for: no score
        if (!ix.summary(*g.stem, sum)) return false;
        count_all(sum);
        return true;
    }
    if (top.depth > format::kSummaryListed / 4 || top.order.by_date) return false;
    const float* fw = ix.summary_weights();
    if (fw[0] != float(kTitleWeight) || fw[1] != float(kTitleB) || fw[2] != float(kBodyWeight) || fw[3] != float(kBodyB)) return false;
    if (!ix.summary(*g.stem, sum)) return false;
    const std::size_t forms = g.forms.size();
    // The largest weights of the forms a document outside the candidates may hold.
    float w_other = 0, w_big_literal = 0;
    std::vector<std::size_t> literal;  // indices of the forms as typed
    bool big_literal = false;
    for (std::size_t i = 0; i < forms; ++i) {
        const float w = g.forms[i].second;
        if (!g.literal[i]) {
            w_other = std::max(w_other, w);
        } else {
            literal.push_back(i);
            if (ix.form_df(g.forms[i].first) > kReadWhole) {
                big_literal = true;
                w_other = std::max(w_other, w);
                w_big_literal = std::max(w_big_literal, w);
            }
        }
    }
    const Literal which = literal.empty() ? Literal::none : literal.size() < forms ? Literal::some : Literal::all;

    // A document's score from its frequencies form by form, as TermMatcher::score makes it (the
    // same sums, so the same bits).
    auto score = [&](std::uint32_t d, const StemSummary::FormTf* tfs, std::size_t n) {
        double t = 0, b = 0, lt = 0, lb = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const double w = g.forms[tfs[k].form].second;
            t += w * tfs[k].tf_title;
            b += w * tfs[k].tf_body;
            if (g.literal[tfs[k].form]) {
                lt += w * tfs[k].tf_title;
                lb += w * tfs[k].tf_body;
            }
        }
        return field_score(ix, g, which, d, t, b, lt, lb).score;
    };
    for (const StemSummary::Listed& l : sum.listed) top.add({score(l.doc, sum.tfs.data() + l.first, l.count), l.doc, 1, 0});
    // The documents of rare forms as typed that are not listed: scored in full (every form
    // read at each), best bound first, while the bound can still beat the k-th best.
    const double slack = 1 + 1e-9;  // bounds computed in another order than scores: rounding aside
    auto bound = [&](double tf, double lit) { return slack * word_score(g, tf, lit); };
    struct Known { std::uint32_t doc; double wx, x; };  // Σ weight × x and Σ x over the rare forms as typed
    std::vector<Known> known;
    std::size_t read_whole = 0;
    for (std::size_t i : literal) {
        if (ix.form_df(g.forms[i].first) > kReadWhole) continue;
        ++read_whole;
        const auto before = static_cast<std::ptrdiff_t>(known.size());
        const double weight = g.forms[i].second;
        ix.postings(g.forms[i].first).each_before(kNoDoc, [&](std::uint32_t d, std::uint32_t tf_title, std::uint32_t tf_body) {
            const double x = ix.title_weight(d) * tf_title + ix.body_weight(d) * tf_body;
            known.push_back({d, weight * x, x});
        });
        // Each form's documents rise: merged with the forms' before, in document order.
        std::inplace_merge(known.begin(), known.begin() + before, known.end(),
                           [](const Known& a, const Known& b) { return a.doc < b.doc; });
    }
    if (read_whole > 1) {  // one entry per document
        std::size_t out = 0;
        for (std::size_t i = 0; i < known.size(); ++i) {
            if (out && known[out - 1].doc == known[i].doc) {
                known[out - 1].wx += known[i].wx;
                known[out - 1].x += known[i].x;
            } else {
                known[out++] = known[i];
            }
        }
        known.resize(out);
    }
    std::vector<std::pair<double, std::uint32_t>> extra;  // (bound, doc)
    {
        std::size_t k = 0;
        for (const Known& v : known) {
            while (k < sum.listed.size() && sum.listed[k].doc < v.doc) ++k;
            if (k < sum.listed.size() && sum.listed[k].doc == v.doc) continue;
            const double rest = std::max(0.0, double(sum.rest) - v.x);
            extra.emplace_back(bound(v.wx + w_other * rest, v.wx + w_big_literal * rest), v.doc);
        }
    }
    auto full = [&]() { return top.heap.size() == top.depth; };
    if (full())  // most cannot beat the listed documents' k-th: only the others are sorted
        extra.erase(std::remove_if(extra.begin(), extra.end(), [&](auto& e) { return e.first < top.heap.front().score; }), extra.end());
    std::sort(extra.begin(), extra.end(), [](auto& a, auto& b) { return a.first > b.first; });
    std::vector<StemSummary::FormTf> tfs;
    for (auto [ub, d] : extra) {
        if (full() && ub < top.heap.front().score) break;
        tfs.clear();
        for (std::uint32_t i = 0; i < forms; ++i) {
            PostingCursor c = ix.postings(g.forms[i].first);
            c.advance(d);
            if (c.doc() == d) tfs.push_back({i, c.tf_title(), c.tf_body()});
        }
        top.add({score(d, tfs.data(), tfs.size()), d, 1, 0});
    }
    // Every other document: no rare form as typed, G <= rest.
    const bool listed_all = sum.listed.size() == sum.docs;
    if (!listed_all) {
        const double rest = sum.rest;
        if (!full() || top.heap.front().score <= bound(w_other * rest, big_literal ? w_big_literal * rest : 0)) return false;
    }
    count_all(sum);
    return true;
}

bool excluded(Plan& p, std::uint32_t d) {
    for (auto& m : p.excluded) {
        m->advance(d);
        if (m->doc() == d) return true;
    }
    return false;
}

// An AND of frequent words of like frequency (the least frequent with kWindowsFrom postings or
// more, the most frequent at most 8 times as many): a leapfrog would stop at most of their
// documents. Reading each word a window of documents at a time and intersecting the windows'
// bits costs a few operations per posting and per 64 documents instead, with no branch that
// depends on the documents; a leapfrog's step decodes the gaps up to its target and advances
// the forms as typed (100,000 articles: 6 times as many postings, 0.72 → 0.51 ms natively).
// Past 8 times, the leapfrog's skips win.
constexpr std::uint64_t kWindowsFrom = 4096;  // postings of the least frequent word, at least
bool windows_pay(const std::vector<TermMatcher*>& words) {
    if (words.size() < 2) return false;
    std::uint64_t least = UINT64_MAX, most = 0;
    for (const TermMatcher* w : words) {
        least = std::min(least, w->postings());
        most = std::max(most, w->postings());
    }
    return least >= kWindowsFrom && most <= 8 * least;
}

// take(d, score, units) for every document holding all the words, in order, scored as the
// leapfrog scores them (the same sum in the same order).
template <typename Take>
void and_in_windows(const Index& ix, const std::vector<TermMatcher*>& words, Take&& take) {
    const auto units = static_cast<std::uint32_t>(words.size());
    std::uint64_t both[kWindow / 64];
    std::vector<std::uint32_t> docs(kWindow);
    for (std::uint64_t base = 0; base < kNoDoc; base += kWindow) {
        // On to the first window every word has a document in or after.
        for (TermMatcher* w : words) {
            const std::uint32_t d = w->next_doc(static_cast<std::uint32_t>(base));
            if (d == kNoDoc) return;
            base = std::max<std::uint64_t>(base, d / kWindow * kWindow);
        }
        bool any = true;
        for (std::size_t i = 0; i < words.size() && any; ++i) {
            any = words[i]->window_at(static_cast<std::uint32_t>(base));
            const std::uint64_t* bits = words[i]->window_bits();
            for (std::uint32_t k = 0; k < kWindow / 64; ++k) both[k] = i ? both[k] & bits[k] : bits[k];
        }
        if (!any) continue;
        std::uint32_t n = 0;
        each_bit(both, 0, [&](std::uint32_t k) { docs[n++] = static_cast<std::uint32_t>(base + k); });
        warm_records(ix, [&](auto&& touch) { for (std::uint32_t i = 0; i < n; ++i) touch(docs[i]); });
        for (std::uint32_t i = 0; i < n; ++i) {
            const std::uint32_t d = docs[i];
            double s = 0;
            for (TermMatcher* w : words) s += w->window_score(d, nullptr);
            take(d, s, units);
        }
    }
}

// Every document matching all required units; or, relaxed, any of them, ranked by how many.
// summarised: set when a word's summary answered (collect_summary).
void collect(const Index& ix, Plan& p, bool relaxed, Collector& top, Facets& facets, std::uint64_t& total, bool& summarised) {
    const std::uint32_t n = ix.doc_count();
    const auto units = static_cast<std::uint32_t>(p.required.size());
    auto take = [&](std::uint32_t d, double score, std::uint32_t matched) {
        if (!p.accepts(ix, d) || excluded(p, d)) return;
        ++total;
        facets.count(ix, d);
        top.add({score, d, matched, top.order.by_date ? ix.doc_date_key(d) : 0});
    };
    if (p.required.empty()) {  // browsing: every document (newest first: Collector::order)
        for (std::uint32_t d = 0; d < n; ++d) take(d, 0.0, 0);
        return;
    }
    TermMatcher* word = !relaxed && units == 1 ? p.required[0]->as_term() : nullptr;
    const bool unfiltered = p.excluded.empty() && !p.filter_years && p.source_ok.empty() && p.country_ok.empty() && !p.only;
    if (word && unfiltered && p.merged) {
        if (collect_summary(ix, word->group(), top, facets, total)) {
            summarised = true;
            return;
        }
        // Its candidates: the visit below finds them again. The floor they raised stays: the
        // k-th best of some matches is at most the k-th best of all.
        top.heap.clear();
    }
    // One unit, or any of them: every match is visited.
    if (relaxed || units == 1)
        for (auto& m : p.required) m->scan_all();
    if (word) return word->visit_all(top.floor, [&](std::uint32_t d, double s) { take(d, s, 1); });
    if (!relaxed) {
        // Words only (the usual AND): the same walk with direct calls (TermMatcher is final).
        std::vector<TermMatcher*> words;
        for (auto& m : p.required)
            if (TermMatcher* t = m->as_term()) words.push_back(t);
        auto walk = [&](auto& matchers) {
            for (std::uint32_t d = 0;; ++d) {
                d = leapfrog(matchers, d);
                if (d == kNoDoc) return;
                double s = 0;
                for (auto& m : matchers) s += m->score(nullptr);
                take(d, s, units);
            }
        };
        if (words.size() < p.required.size()) walk(p.required);
        else if (p.merged && windows_pay(words)) and_in_windows(ix, words, take);
        else walk(words);
        return;
    }
    for (;;) {
        std::uint32_t d = kNoDoc;
        for (auto& m : p.required) d = std::min(d, m->doc());
        if (d == kNoDoc) return;
        double s = 0;
        std::uint32_t matched = 0;
        for (auto& m : p.required)
            if (m->doc() == d) { s += m->score(nullptr); ++matched; }
        const double coord = double(matched) / units;
        take(d, s * coord * coord, matched);
        for (auto& m : p.required) m->advance(d + 1);
    }
}

// [SECTION] Rerank ----------------------------------------------------------------------------

// Smallest span of positions holding one occurrence of each unit (a sweep over the merged,
// sorted occurrences); 0 if some unit is absent.
std::uint32_t min_cover(std::vector<Occurrence> occ, std::uint32_t units) {
    if (units < 2) return 0;
    std::sort(occ.begin(), occ.end(), [](auto& a, auto& b) { return a.position < b.position; });
    std::vector<std::uint32_t> in_window(units, 0);
    std::uint32_t covered = 0, best = 0;
    for (std::size_t lo = 0, hi = 0; hi < occ.size(); ++hi) {
        if (in_window[occ[hi].unit]++ == 0) ++covered;
        while (covered == units) {
            const std::uint32_t span = occ[hi].position - occ[lo].position + 1;
            if (best == 0 || span < best) best = span;
            if (--in_window[occ[lo].unit] == 0) --covered;
            ++lo;
        }
    }
    return best;
}

// [SECTION] Snippets --------------------------------------------------------------------------

struct SnippetMaker {
    const Index& ix;
    const text::Analyzer& an;
    std::size_t words;
    // The hit's body around its passage (Index::body_part): bytes [body_at, body_at + body.size()).
    std::string_view body{};
    std::size_t body_at = 0;
    // Kept across snippets: the passage's checkpoints; buffers for the occurrences in the body,
    // the passage's words, the sweep's count of each unit, where each byte lands in the snippet.
    Index::Checkpoints cps{};
    std::vector<Occurrence> occ{};
    std::vector<text::Analyzer::Place> toks{};
    std::vector<std::uint32_t> in_window{}, major_in_window{}, unit_weight{}, lands{}, led{}, ends{};

    // The body's words between body positions [from, to): their places (Analyzer::places), as
    // offsets in `body`. Only the chunks of the body that hold them are decoded (Index::body_part),
    // from a little before them to a little past them; false if those do not decode.
    bool body_words(std::uint32_t d, std::uint32_t from, std::uint32_t to, std::vector<text::Analyzer::Place>& out) {
        out.clear();
        const std::uint32_t last_cp = (to + format::kCheckpointEvery - 1) / format::kCheckpointEvery;
        const std::uint32_t first_cp = from / format::kCheckpointEvery;
        if (!ix.checkpoints(d, first_cp, last_cp, cps)) return true;  // a damaged index: no snippet
        if (cps.count == 0 || !cps.first) return true;                 // no body words: nothing to decode
        const bool to_end = !cps.last;
        // Before the passage's first word, make() reads an elided article and opening marks (32
        // bytes are more than it takes); past its last, closing punctuation: 4 marks of 3 bytes.
        constexpr std::size_t kBefore = 32;
        const std::size_t b = *cps.first;
        const auto part = ix.body_part(d, b > kBefore ? b - kBefore : 0, to_end ? std::size_t(-1) : std::size_t(*cps.last) + 16);
        if (!part) return false;
        body = part->text;
        body_at = part->at;
        const std::size_t end = body_at + body.size();
        const std::size_t e = to_end ? end : *cps.last;
        const auto base = static_cast<std::uint32_t>(first_cp * format::kCheckpointEvery);
        if (b > e || e > end || b < body_at) return true;  // a damaged index: no snippet rather than a wrong one
        const auto rel = static_cast<std::uint32_t>(b - body_at);
        an.places(body.substr(rel, e - b), out);
        std::size_t kept = 0;
        for (text::Analyzer::Place w : out) {
            w.position += base;
            if (w.position < from || w.position >= to) continue;
            out[kept++] = {w.begin + rel, w.end + rel, w.position};
        }
        out.resize(kept);
        return true;
    }

    void make(Hit& hit, const std::vector<Occurrence>& occurrences) {
        const DocView doc = ix.doc(hit.doc, false);
        salient_in_body(occurrences, doc.body_start, occ);  // body-relative
        // How many occurrences of the previous unit of the query are at the previous position:
        // the query's words in their order, as written ("agence de propagande").
        led.assign(occ.size(), 0);
        const bool several = std::any_of(occ.begin(), occ.end(), [](const Occurrence& o) { return o.unit > 0; });
        for (std::size_t k = 0, i = 0; several && k < occ.size(); ++k) {
            while (i < occ.size() && occ[i].position + 1 < occ[k].position) ++i;
            for (std::size_t a = i; a < k && occ[a].position + 1 == occ[k].position; ++a) led[k] += occ[a].unit + 1 == occ[k].unit;
        }
        const auto w = static_cast<std::uint32_t>(words);
        // The window from an occurrence to what the snippet shows of it (3 words of context
        // before, w in all) with the most distinct units other than stopwords, then the most
        // telling of them (the sum of their weights: "attentats" before the words "d" begins
        // while typing), then the most distinct units, then the most pairs of them side by side
        // in the query's order, then the most words as typed, then the most occurrences: a
        // two-pointer sweep over the sorted occurrences, counting each unit in the window.
        using Rank = std::tuple<std::uint32_t, std::uint64_t, std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t>;
        Rank best{};
        std::uint32_t best_start = 0;
        unit_weight.clear();  // a unit's weight: the most of its occurrences' (an OR's words differ)
        for (const Occurrence& o : occ) {
            if (o.unit >= unit_weight.size()) unit_weight.resize(o.unit + 1, 0);
            if (!o.minor) unit_weight[o.unit] = std::max(unit_weight[o.unit], o.weight);
        }
        in_window.assign(unit_weight.size(), 0);
        major_in_window.assign(unit_weight.size(), 0);
        std::uint32_t distinct = 0, distinct_major = 0, led_sum = 0, literal = 0;
        std::uint64_t weight = 0;
        for (std::size_t i = 0, j = 0; i < occ.size(); ++i) {
            for (; j < occ.size() && occ[j].position + 3 < occ[i].position + w; ++j) {
                const std::uint32_t u = occ[j].unit;
                if (in_window[u]++ == 0) ++distinct;
                if (!occ[j].minor && major_in_window[u]++ == 0) {
                    ++distinct_major;
                    weight += unit_weight[u];
                }
                led_sum += led[j];
                literal += occ[j].literal;
            }
            std::uint32_t ordered = led_sum;  // but the pairs led from before the window
            for (std::size_t k = i; k < j && occ[k].position == occ[i].position; ++k) ordered -= led[k];
            const Rank rank{distinct_major, weight, distinct, ordered, literal, static_cast<std::uint32_t>(j - i)};
            if (rank > best) {
                best = rank;
                best_start = occ[i].position;
            }
            const std::uint32_t u = occ[i].unit;
            if (--in_window[u] == 0) --distinct;
            if (!occ[i].minor && --major_in_window[u] == 0) {
                --distinct_major;
                weight -= unit_weight[u];
            }
            led_sum -= led[i];
            literal -= occ[i].literal;
        }
        std::uint32_t from = best_start > 3 ? best_start - 3 : 0;  // a little context before
        if (from + w > doc.body_tokens) from = doc.body_tokens > w ? doc.body_tokens - w : 0;  // a full window
        if (!body_words(hit.doc, from, from + w, toks) || toks.empty()) return;
        // Whole words as written: back over an elided article or an opening quote ("L'agence",
        // «Amaq), on over closing punctuation ("Amaq»," "belge.").
        const std::string_view tv = body;
        std::uint32_t b = toks.front().begin, e = toks.back().end;
        auto ends_with_any = [&](std::uint32_t at, std::initializer_list<std::string_view> marks) -> std::uint32_t {
            for (std::string_view m : marks)
                if (at >= m.size() && tv.substr(at - m.size(), m.size()) == m) return static_cast<std::uint32_t>(m.size());
            return 0;
        };
        auto starts_with_any = [&](std::uint32_t at, std::initializer_list<std::string_view> marks) -> std::uint32_t {
            for (std::string_view m : marks)
                if (tv.substr(at, m.size()) == m) return static_cast<std::uint32_t>(m.size());
            return 0;
        };
        if (std::uint32_t n = ends_with_any(b, {"'", "\u2019"}); n && b > n && std::isalpha(static_cast<unsigned char>(tv[b - n - 1]))) {
            b -= n + 1;
            if (b > 0 && std::isalpha(static_cast<unsigned char>(tv[b - 1]))) --b;  // qu', jusqu' are rarer: 1–2 letters
        }
        while (std::uint32_t n = ends_with_any(b, {"\"", "(", "\u00AB", "\u201C", "\u00AB\u00A0"})) b -= n;
        for (int k = 0; k < 4; ++k) {
            const std::uint32_t n = starts_with_any(e, {".", ",", ";", ":", "!", "?", "\"", ")", "\u00BB", "\u201D", "\u00A0\u00BB"});
            if (!n) break;
            e += n;
        }
        const bool cut_before = from > 0, cut_after = from + w < doc.body_tokens;
        // The passage with each run of white space (line breaks included) shown as one space;
        // lands[k] is where original byte b + k lands in the snippet, for the highlights.
        constexpr std::string_view kCut = "…";
        std::string& out = hit.snippet;
        out.resize(e - b + 2 * (kCut.size() + 1));  // the most it can take, cut to size below
        char* o0 = out.data();
        char* o = o0;
        if (cut_before) {
            o = std::copy(kCut.begin(), kCut.end(), o);
            *o++ = ' ';
        }
        lands.resize(e - b + 1);
        bool space = false;
        for (std::uint32_t k = b; k < e; ++k) {
            lands[k - b] = static_cast<std::uint32_t>(o - o0);
            const char c = tv[k];
            const bool is_space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
            if (!is_space) *o++ = c;
            else if (!space) *o++ = ' ';
            space = is_space;
        }
        lands[e - b] = static_cast<std::uint32_t>(o - o0);
        if (cut_after) {
            *o++ = ' ';
            o = std::copy(kCut.begin(), kCut.end(), o);
        }
        out.resize(static_cast<std::size_t>(o - o0));
        // A stopword beside the query's other words across a sentence end is not shown: runs
        // cut where the passage says a sentence ends.
        keep_runs_in_sentences(occ, tv, toks, ends);
        // Both in position order: a merge marks the tokens the query matched.
        auto match = occ.begin();
        for (const text::Analyzer::Place& t : toks) {
            while (match != occ.end() && match->position < t.position) ++match;
            if (match != occ.end() && match->position == t.position)
                hit.highlights.emplace_back(lands[t.begin - b], lands[t.end - b]);
        }
    }
};

}  // namespace

// [SECTION] Search ----------------------------------------------------------------------------

namespace {

// The page's chips join the query's own filters: years intersect, countries and sources add up.
void add_filters(QueryFilters& to, const QueryFilters& from) {
    to.years.insert(to.years.end(), from.years.begin(), from.years.end());
    if (from.year_from) to.year_from = std::max(to.year_from, from.year_from);
    if (from.year_to) to.year_to = to.year_to ? std::min(to.year_to, from.year_to) : from.year_to;
    to.countries.insert(to.countries.end(), from.countries.begin(), from.countries.end());
    to.sources.insert(to.sources.end(), from.sources.begin(), from.sources.end());
}

// Occurrences of each unit of the query in each document of docs (ascending), by index.
// A fresh plan (made only when there are documents: a plan finds its first match) starts at the
// first of them.
std::vector<std::vector<Occurrence>> occurrences_in(Planner& planner, const ParsedQuery& q, const std::vector<std::uint32_t>& docs,
                                                    std::vector<std::string>* why = nullptr) {
    std::vector<std::vector<Occurrence>> out(docs.size());
    if (docs.empty()) return out;
    Plan plan = planner.replan(q, docs.front());
    for (std::size_t i = 0; i < docs.size(); ++i)
        for (std::uint32_t u = 0; u < plan.required.size(); ++u) {
            Matcher& m = *plan.required[u];
            m.advance(docs[i]);
            if (m.doc() != docs[i]) continue;
            m.occurrences(u, out[i]);
            if (why) m.score(&(*why)[i]);
        }
    return out;
}

}  // namespace

SearchResult Searcher::search(std::string_view query, const SearchOptions& options) const {
    const auto t0 = std::chrono::steady_clock::now();
    SearchResult r;
    r.query = std::string(query);
    ParsedQuery parsed = parse_query(query, options.typing);
    add_filters(parsed.filters, options.filters);
    r.messages = std::move(parsed.messages);

    Planner planner(index_, analyzer_, gazetteer_, r.messages);
    planner.only_ = options.only;
    planner.merged_ = options.merged;
    Plan plan = planner.plan(parsed);
    const auto units = static_cast<std::uint32_t>(plan.required.size());
    // Proximity reranks the first kRerankDepth candidates of a query of several words (none
    // when no hit is asked for).
    Collector top{units >= 2 && options.limit ? std::max(options.limit, kRerankDepth) : options.limit, {options.newest_first || units == 0}, {}};
    Facets facets;
    facets.sources.assign(index_.source_count(), 0);
    facets.countries.assign(index_.country_count(), 0);
    if (!plan.impossible || units >= 2) {
        if (!plan.impossible) collect(index_, plan, false, top, facets, r.total, r.summarised);
        if (r.total == 0 && units >= 2) {
            // Nobody has every word: the documents with the most of them, said so.
            plan = planner.replan(parsed);
            collect(index_, plan, true, top, facets, r.total, r.summarised);
            r.relaxed = r.total > 0;  // partial matches found (none: simply no result)
            if (r.relaxed) r.messages.push_back({MessageId::partial, {}});
        }
    }

    // Rerank the most relevant candidates by proximity, walking their positions with a fresh plan.
    std::vector<Candidate> best = std::move(top.heap);
    std::sort(best.begin(), best.end(), better);
    const std::size_t head = units >= 2 && !r.relaxed ? std::min(best.size(), kRerankDepth) : 0;
    std::sort(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(head), [](auto& a, auto& b) { return a.doc < b.doc; });
    std::vector<std::uint32_t> head_docs;
    for (std::size_t i = 0; i < head; ++i) head_docs.push_back(best[i].doc);
    // --explain: each word's line, then what turned their sum into the score shown (proximity, a
    // partial match), under a first line with that score (written last).
    std::vector<std::string> why(options.explain ? head : 0);
    std::vector<std::vector<Occurrence>> occ = occurrences_in(planner, parsed, head_docs, options.explain ? &why : nullptr);
    for (std::size_t i = 0; i < head; ++i) {
        Candidate& c = best[i];
        if (c.matched_units < 2 || r.relaxed) continue;
        if (const std::uint32_t span = min_cover(occ[i], units)) {
            const double factor = 1 + kProximity * double(units - 1) / double(std::max(span - 1, units - 1));
            if (options.explain)
                why[i] += "  proximité : fenêtre de " + std::to_string(span) + " mots, " + fmt(c.score) + " × " + fmt(factor) + "\n";
            c.score *= factor;
        }
    }
    occ.resize(best.size());
    why.resize(options.explain ? best.size() : 0);
    std::vector<std::size_t> order(best.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return top.order(best[a], best[b]); });
    if (order.size() > options.limit) order.resize(options.limit);

    // Snippets need the occurrences of hits outside the reranked head too (date order, deep lists).
    std::vector<std::uint32_t> tail_docs;
    std::vector<std::size_t> tail;
    if (options.snippets || options.explain) {
        std::vector<std::size_t> shown(order);
        std::sort(shown.begin(), shown.end(), [&](std::size_t a, std::size_t b) { return best[a].doc < best[b].doc; });
        for (std::size_t i : shown)
            if (i >= head) { tail.push_back(i); tail_docs.push_back(best[i].doc); }
        std::vector<std::string> tail_why(options.explain ? tail.size() : 0);
        auto more = occurrences_in(planner, parsed, tail_docs, options.explain ? &tail_why : nullptr);
        for (std::size_t k = 0; k < tail.size(); ++k) {
            occ[tail[k]] = std::move(more[k]);
            if (options.explain) why[tail[k]] = std::move(tail_why[k]);
        }
    }

    SnippetMaker snippets{index_, analyzer_, options.snippet_words};
    for (std::size_t i : order) {
        Hit h;
        h.doc = best[i].doc;
        h.score = static_cast<float>(best[i].score);
        if (options.snippets) snippets.make(h, occ[i]);
        if (options.explain) {
            h.explanation = "score " + fmt(best[i].score) + (r.relaxed ? " (partiel)" : "") + "\n" + why[i];
            if (r.relaxed) {  // collect's coordination: the sum times (words present / words)²
                const double coord = double(best[i].matched_units) / units;
                h.explanation += "  partiel : " + std::to_string(best[i].matched_units) + " mots sur " + std::to_string(units) + ", " +
                                 fmt(best[i].score / (coord * coord)) + " × " + fmt(coord * coord) + "\n";
            }
        }
        r.hits.push_back(std::move(h));
    }

    for (int y = 0; y < Facets::kYears; ++y)
        if (facets.recent[static_cast<std::size_t>(y)]) facets.years[Facets::kFirstYear + y] = facets.recent[static_cast<std::size_t>(y)];
    for (auto [y, n] : facets.years) r.years.push_back({std::to_string(y), n});
    // Sources and countries by count, then name: ids sorted, each name copied once, in order.
    auto by_count = [](const std::vector<std::uint32_t>& counts, auto name, std::vector<FacetCount>& out) {
        std::vector<std::uint32_t> ids;
        for (std::uint32_t id = 0; id < counts.size(); ++id)
            if (counts[id]) ids.push_back(id);
        std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) {
            return counts[a] > counts[b] || (counts[a] == counts[b] && name(a) < name(b));
        });
        for (std::uint32_t id : ids) out.push_back({std::string(name(id)), counts[id]});
    };
    by_count(facets.sources, [&](std::uint32_t id) { return index_.source_name(id); }, r.sources);
    by_count(facets.countries, [&](std::uint32_t id) { return index_.country_code(id); }, r.countries);
    r.took_us = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count());
    return r;
}

namespace {

// Where the query's units occur in one document: what a lazy snippet and the reader's
// highlights both start from.
std::vector<Occurrence> occurrences_of(const Index& ix, const text::Analyzer& an, const geo::Gazetteer* gaz,
                                       std::string_view query, bool typing, std::uint32_t doc) {
    std::vector<Message> messages;
    Planner planner(ix, an, gaz, messages);
    return std::move(occurrences_in(planner, parse_query(query, typing), {doc})[0]);
}

}  // namespace

Hit Searcher::passage(std::string_view query, std::uint32_t doc, const SearchOptions& options) const {
    Hit h;
    h.doc = doc;
    if (doc >= index_.doc_count()) return h;
    const auto occ = occurrences_of(index_, analyzer_, gazetteer_, query, options.typing, doc);
    SnippetMaker{index_, analyzer_, options.snippet_words}.make(h, occ);
    return h;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> Searcher::highlights(std::string_view query, std::uint32_t doc,
                                                                           bool typing) const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    if (doc >= index_.doc_count()) return out;
    const DocView d = index_.doc(doc);
    std::vector<Occurrence> occ;
    salient_in_body(occurrences_of(index_, analyzer_, gazetteer_, query, typing, doc), d.body_start, occ);
    if (occ.empty()) return out;
    std::vector<text::Analyzer::Place> words;
    analyzer_.places(d.text, words);
    std::vector<std::uint32_t> ends;
    keep_runs_in_sentences(occ, d.text, words, ends);  // as the snippet's
    std::set<std::uint32_t> matched;
    for (const Occurrence& o : occ) matched.insert(o.position);
    for (const text::Analyzer::Place& w : words)
        if (matched.count(w.position)) out.emplace_back(w.begin, w.end);
    return out;
}

// [SECTION] JSON ------------------------------------------------------------------------------

namespace {

// The JSON text being written; ascii: every character beyond ASCII as \u escapes.
struct JsonOut {
    std::string& out;
    bool ascii;

    void escape(char32_t c) {  // \u and 4 hex digits
        static constexpr char kHex[] = "0123456789abcdef";
        const char e[6] = {'\\', 'u', kHex[(c >> 12) & 15], kHex[(c >> 8) & 15], kHex[(c >> 4) & 15], kHex[c & 15]};
        out.append(e, sizeof e);
    }

    // Where the run of bytes from i that need no escape ends (printable ASCII but " and \\):
    // eight bytes at a time while none of them does (the has-less and has-zero tests of Sean
    // Anderson's "Bit Twiddling Hacks": exact on whether any byte is one), then byte by byte.
    static std::size_t plain_end(std::string_view s, std::size_t i) {
        constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t x;
            std::memcpy(&x, s.data() + i, 8);
            const std::uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');
            if ((((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | x) & highs) break;
        }
        while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x20 && static_cast<unsigned char>(s[i]) < 0x80 && s[i] != '"' &&
               s[i] != '\\')
            ++i;
        return i;
    }

    // A string: quotes, backslashes and control characters escaped; bytes that are not UTF-8
    // become U+FFFD (the same policy as the rest of the output).
    void string(std::string_view s) {
        out += '"';
        for (std::size_t i = 0; i < s.size();) {
            if (const std::size_t plain = plain_end(s, i); plain > i) {  // one append
                out.append(s, i, plain - i);
                i = plain;
                continue;
            }
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (c >= 0x80) {
                if (!ascii) {
                    text::append_repaired(out, s, i);
                    continue;
                }
                const char32_t cp = text::next_code_point(s, i);
                if (cp < 0x10000) {
                    escape(cp);
                } else {  // a surrogate pair
                    escape(0xD800 + ((cp - 0x10000) >> 10));
                    escape(0xDC00 + ((cp - 0x10000) & 0x3FF));
                }
                continue;
            }
            ++i;
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default:
                    if (c < 0x20) escape(c);
                    else out += static_cast<char>(c);
            }
        }
        out += '"';
    }

    void key(const char* k) {
        out += '"';
        out += k;
        out += "\":";
    }

    // "key":"value", (a member followed by more).
    void field(const char* k, std::string_view value) {
        key(k);
        string(value);
        out += ',';
    }

    void number(std::uint64_t v) {
        char buf[24];
        out.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, v).ptr - buf));
    }

    // Scores with 4 decimals, trailing zeros dropped: the same text native and wasm. Written from
    // the score in ten-thousandths, an integer: what printf's %.4f would show of it.
    void score(double v) {
        const double r = std::round(v * 1e4);
        if (!(std::fabs(r) < 9e15)) {  // not a number, or past what an integer holds exactly: never met
            out += '0';
            return;
        }
        auto n = static_cast<std::int64_t>(r);
        if (n < 0) {
            out += '-';
            n = -n;
        }
        number(static_cast<std::uint64_t>(n / 10000));
        auto frac = static_cast<int>(n % 10000);
        if (frac == 0) return;
        char digits[5] = {'.', 0, 0, 0, 0};
        std::size_t len = 5;
        for (std::size_t k = 4; k >= 1; --k, frac /= 10) digits[k] = static_cast<char>('0' + frac % 10);
        while (digits[len - 1] == '0') --len;
        out.append(digits, len);
    }

    // Each entry with one append when its value needs no escape (a year, a code, most
    // sources): a hundred countries a query on a large dossier.
    void facets(const std::vector<FacetCount>& v) {
        static constexpr std::string_view kValue = "{\"value\":", kCount = ",\"count\":";
        out += '[';
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string_view value = v[i].value;
            char buf[128];  // ',' kValue '"' value (64 bytes at most) '"' kCount count '}'
            char* o = buf;
            if (i) *o++ = ',';
            o = std::copy(kValue.begin(), kValue.end(), o);
            if (value.size() <= 64 && plain_end(value, 0) == value.size()) {
                *o++ = '"';
                o = std::copy(value.begin(), value.end(), o);
                *o++ = '"';
            } else {
                out.append(buf, static_cast<std::size_t>(o - buf));
                string(value);
                o = buf;
            }
            o = std::copy(kCount.begin(), kCount.end(), o);
            o = std::to_chars(o, buf + sizeof buf - 1, v[i].count).ptr;
            *o++ = '}';
            out.append(buf, static_cast<std::size_t>(o - buf));
        }
        out += ']';
    }
};

}  // namespace

// Written directly rather than through a JSON DOM: it is on every search's path.
std::string to_json(const SearchResult& r, const Index& ix, bool ascii) {
    std::string out;
    JsonOut j{out, ascii};
    out.reserve(512 + r.hits.size() * 400);
    out += '{';
    j.key("query");
    j.string(r.query);
    out += ",\"total\":";
    j.number(r.total);
    out += ",\"took_us\":";
    j.number(r.took_us);
    out += ",\"hits\":[";
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
        const Hit& h = r.hits[i];
        const DocView d = ix.doc(h.doc, false);
        if (i) out += ',';
        out += '{';
        j.field("id", d.id);
        j.field("title", d.title);
        j.field("date", d.date.iso());
        j.field("source", d.source);
        j.key("score");
        j.score(h.score);
        out += ',';
        j.key("snippet");
        j.string(h.snippet);
        out += ",\"highlights\":[";
        for (std::size_t k = 0; k < h.highlights.size(); ++k) {
            out += k ? ",[" : "[";
            j.number(h.highlights[k].first);
            out += ',';
            j.number(h.highlights[k].second);
            out += ']';
        }
        out += ']';
        if (!d.countries.empty()) {
            out += ",\"countries\":[";
            for (std::size_t k = 0; k < d.countries.size(); ++k) {
                if (k) out += ',';
                j.string(d.countries[k]);
            }
            out += ']';
        }
        if (!h.explanation.empty()) {
            out += ',';
            j.key("explain");
            j.string(h.explanation);
        }
        out += '}';
    }
    out += "],\"relaxed\":";
    out += r.relaxed ? "true" : "false";
    out += ",\"messages\":[";
    for (std::size_t i = 0; i < r.messages.size(); ++i) {
        if (i) out += ',';
        j.string(r.messages[i].text());
    }
    out += "],\"facets\":{\"year\":";
    j.facets(r.years);
    out += ",\"source\":";
    j.facets(r.sources);
    out += ",\"country\":";
    j.facets(r.countries);
    out += "}}";
    return out;
}

}  // namespace vigie::index
