#include "core/text/analyzer.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/text/casefold.h"
#include "core/text/fold.h"
#include "core/text/utf8.h"

namespace vigie::text {

// [SECTION] Stage helpers ---------------------------------------------------------------------

bool is_elision_prefix(std::string_view p) {
    static constexpr std::array<std::string_view, 13> kPrefixes = {
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
    return std::find(kPrefixes.begin(), kPrefixes.end(), p) != kPrefixes.end();
}

namespace {

// ' and ’, and what stands for them in some texts: ‘ (a left quote typed for ’), ʼ (the
// modifier letter apostrophe) and ＇ (full width), which ICU keeps inside a word as it does ’;
// ` ´ and ′ (a prime), where it cuts (a lone l before one is then dropped, as before ’).
bool is_apostrophe(char16_t c) {
    return c == u'\'' || c == u'\u2019' || c == u'\u2018' || c == u'\u02BC' || c == u'\uFF07' || c == u'`' ||
           c == u'\u00B4' || c == u'\u2032';
}
bool is_hyphen(char16_t c) { return c == u'-' || c == u'\u2010' || c == u'\u2011'; }
bool is_group_space(char16_t c) { return c == u' ' || c == u'\u00A0' || c == u'\u202F'; }
bool is_ascii_digit(char16_t c) { return c >= u'0' && c <= u'9'; }

bool all_digits(std::u16string_view u) {
    for (char16_t c : u)
        if (!is_ascii_digit(c)) return false;
    return !u.empty();
}

// Whether u, lowercased, is an elision prefix (is_elision_prefix): ASCII letters only, without
// building a string.
bool is_elision_prefix(std::u16string_view u) {
    char lower[8];
    if (u.empty() || u.size() > sizeof lower) return false;
    for (std::size_t k = 0; k < u.size(); ++k) {
        char16_t c = u[k];
        if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
        if (c < u'a' || c > u'z') return false;
        lower[k] = static_cast<char>(c);
    }
    return text::is_elision_prefix(std::string_view(lower, u.size()));
}

// "26.000", "26 000", "1.234.567" → digits only; anything else (a decimal "3,5") unchanged.
std::string join_thousands(const std::string& s) {
    std::size_t first_sep = s.find_first_not_of("0123456789");
    if (first_sep == std::string::npos || first_sep == 0 || first_sep > 3) return s;
    std::string digits;
    std::size_t i = 0, group = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= '0' && c <= '9') { digits += s[i++]; ++group; continue; }
        if (i != first_sep && group != 3) return s;
        if (c != '.' && c != ' ') return s;  // NFKC_Casefold made NBSP and NNBSP plain spaces
        i += 1;
        group = 0;
    }
    return group == 3 ? digits : s;
}

bool is_latin(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
        if (next_code_point(s, i) >= 0x0250) return false;
    }
    return true;
}

// Scripts written without spaces between words, which ICU segments with dictionaries. The
// wasm build leaves those dictionaries out (megabytes), so words of these scripts are cut into
// characters in both builds (a base character and its marks): the same terms natively and in
// the browser, and a query word of such characters is searched as their phrase.
bool is_unspaced_script(UChar32 c) {
    if (c < 0x0E00) return false;  // Latin, Greek, Cyrillic, Arabic… (Thai is the first)
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
        case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA: case USCRIPT_KATAKANA_OR_HIRAGANA:
        case USCRIPT_THAI: case USCRIPT_LAO: case USCRIPT_KHMER: case USCRIPT_MYANMAR:
            return true;
        default:
            return false;
    }
}

// Continues the character before it: a combining mark, or the kana length mark "ー".
bool continues_character(UChar32 c) {
    return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0 || c == 0x30FC || c == 0xFF70;
}

UChar32 code_point_at(std::u16string_view u, int32_t& k) {
    UChar32 c = u[static_cast<std::size_t>(k++)];
    if (U16_IS_LEAD(c) && k < static_cast<int32_t>(u.size()) && U16_IS_TRAIL(u[static_cast<std::size_t>(k)]))
        c = U16_GET_SUPPLEMENTARY(c, u[static_cast<std::size_t>(k++)]);
    return c;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

// Word segmentation of Latin text without ICU. For text made only of Latin letters (ASCII,
// Latin-1, Latin Extended-A), ASCII digits, white space, the common punctuation of French prose
// and the symbols UAX #29 gives no word-break property (+ = < > * # & | \ { } $ ~ ^ ` § ° © × ÷ • → ⟨ ⟩),
// the segments ICU's word break iterator gives (UAX #29: letters and digits run together;
// . ' ’ join letters to letters and digits to digits, , ; digits to digits; anything else breaks)
// with ICU's rule status (a number when the segment ends in a digit). Any other character
// (U+202F too: UAX #29 joins it to words, as ExtendNumLet; _ and @ as well) is left to ICU with
// the text around it (Impl::segment). The tests check the two agree.
struct WordSpan { int32_t b, e; bool number; };
enum class Latin : std::uint8_t { other, letter, digit, mid, mid_number, gap };
constexpr std::size_t kLatinTable = 0x180;  // ASCII, Latin-1, Latin Extended-A
constexpr std::array<Latin, kLatinTable> latin_table() {
    std::array<Latin, kLatinTable> t{};
    for (char16_t c = u'a'; c <= u'z'; ++c) t[c] = t[c - u'a' + u'A'] = Latin::letter;
    for (char16_t c = u'0'; c <= u'9'; ++c) t[c] = Latin::digit;
    for (char16_t c = 0xC0; c < kLatinTable; ++c) t[c] = Latin::letter;
    t[0xD7] = t[0xF7] = Latin::gap;  // × ÷
    t[u'.'] = t[u'\''] = Latin::mid;
    t[u','] = t[u';'] = Latin::mid_number;
    for (char16_t c : std::u16string_view(u" \t\n\r\u00A0!?()[]\"\u00AB\u00BB-/%:+=<>*#&|\\{}$~^`\u00A7\u00B0\u00A9")) t[c] = Latin::gap;
    return t;
}
constexpr std::array<Latin, kLatinTable> kLatinClasses = latin_table();
Latin latin_class(char16_t c) {
    if (c < kLatinTable) return kLatinClasses[c];
    switch (c) {
        case u'\u2019': case u'\u2018': return Latin::mid;  // ICU's MidNumLet
        case u'\u2009': case u'\u201C': case u'\u201D': case u'\u2013': case u'\u2014': case u'\u2026':
        case u'\u2022': case u'\u2192': case u'\u27E8': case u'\u27E9':
            return Latin::gap;
        default: return Latin::other;
    }
}
// The fast path's segments of u[b, e) (classes: latin_class of each unit, none of them other),
// offsets in u. Joins look no further than e: where a range ends, a space or line break or the
// text's end follows.
void segment_latin(const std::vector<Latin>& classes, int32_t b, int32_t e, std::vector<WordSpan>& out) {
    auto word = [&](int32_t k) { return classes[k] == Latin::letter || classes[k] == Latin::digit; };
    for (int32_t i = b; i < e;) {
        if (!word(i)) { ++i; continue; }
        const int32_t first = i;
        for (;;) {
            if (i + 1 < e && word(i + 1)) { ++i; continue; }
            if (i + 2 < e && word(i + 2)) {
                const Latin before = classes[i], mid = classes[i + 1], after = classes[i + 2];
                if (before == after && (mid == Latin::mid || (mid == Latin::mid_number && before == Latin::digit))) {
                    i += 2;
                    continue;
                }
            }
            break;
        }
        out.push_back({first, i + 1, classes[i] == Latin::digit});
        ++i;
    }
}

}  // namespace

// [SECTION] Analyzer --------------------------------------------------------------------------

struct Analyzer::Impl {
    std::unique_ptr<icu::BreakIterator> words;  // ICU word break, French rules
    sb_stemmer* stemmer = nullptr;               // Snowball French, UTF-8
    // Terms by exact form: the vocabulary is Zipfian, so stemming each distinct word once
    // instead of each occurrence removes most of the analyzer's cost. Bounded; cleared when full.
    std::unordered_map<std::string, std::string> terms;
    static constexpr std::size_t kMaxCachedTerms = std::size_t(1) << 20;
    // Buffers reused across calls.
    std::u16string u16;
    std::vector<std::uint32_t> byte_at;
    std::vector<WordSpan> spans;
    std::vector<Latin> classes;
    std::vector<Token> tokens;  // analyze(): before compounds
    std::vector<int32_t> seg_begin, seg_end;
    std::vector<std::uint32_t> joined;

    // Stage 0: UTF-8 → UTF-16 (u16) for ICU, remembering the byte offset of every UTF-16 unit
    // (byte_at, one more at the end) and its class for the fast path (classes; latin: none of
    // them other), in one pass.
    bool latin = false;
    void load(std::string_view text) {
        // At most one UTF-16 unit per byte (4 bytes of UTF-8 make 2 units): sized once, cut after.
        u16.resize(text.size());
        byte_at.resize(text.size() + 1);
        classes.resize(text.size());
        char16_t* u = u16.data();
        std::uint32_t* at = byte_at.data();
        Latin* cls = classes.data();
        bool other = false;
        std::size_t n = 0;
        for (std::size_t i = 0; i < text.size();) {
            // A run of ASCII, the most of French text: a unit, a class and an offset per byte.
            for (unsigned char c; i < text.size() && (c = static_cast<unsigned char>(text[i])) < 0x80; ++i, ++n) {
                u[n] = c;
                other |= (cls[n] = kLatinClasses[c]) == Latin::other;
                at[n] = static_cast<std::uint32_t>(i);
            }
            if (i == text.size()) break;
            const auto start = static_cast<std::uint32_t>(i);
            char32_t cp = next_code_point(text, i);
            // A zero-width space inside a word is a line-break hint (or a copy-paste artefact), not
            // a word boundary: read it as WORD JOINER, which word break ignores and casefold removes.
            if (cp == 0x200B) cp = 0x2060;
            if (cp > 0xFFFF) {
                u[n] = static_cast<char16_t>(0xD7C0 + (cp >> 10));
                cls[n] = Latin::other;
                other = true;
                at[n++] = start;
                cp = 0xDC00 | (cp & 0x3FF);
            }
            u[n] = static_cast<char16_t>(cp);
            other |= (cls[n] = latin_class(u[n])) == Latin::other;
            at[n++] = start;
        }
        at[n] = static_cast<std::uint32_t>(text.size());
        u16.resize(n);
        byte_at.resize(n + 1);
        classes.resize(n);
        latin = !other;
    }

    // Stage 1's word segments of u16 into spans: the Latin fast path (latin: for all of it), ICU
    // around what the fast path does not take, or ICU for all of it (icu_only).
    // UAX #29 always breaks after a space or line break that a letter, digit or the fast path's
    // punctuation follows (no rule joins them; only Extend, Format and ZWJ cling to a space, and
    // the fast path takes none of those). So a character the fast path does not take (an "@", a
    // Greek word) sends ICU the text between the nearest such breaks around it, not the whole text.
    bool segment(bool icu_only) {
        spans.clear();
        const auto n = static_cast<int32_t>(u16.size());
        if (icu_only) {
            latin = false;
            return icu_words(0, n);
        }
        if (latin) {
            segment_latin(classes, 0, n, spans);
            return true;
        }
        auto breaks_before = [&](int32_t k) {  // a break at k, whatever the rest of the text is
            return k == 0 || k == n || ((u16[k - 1] == u' ' || u16[k - 1] == u'\n') && classes[k] != Latin::other);
        };
        int32_t done = 0;  // segmented up to here
        for (int32_t k = 0; k < n; ++k) {
            if (classes[k] != Latin::other) continue;
            int32_t b = k, e = k + 1;
            while (b > done && !breaks_before(b)) --b;
            while (!breaks_before(e)) ++e;
            segment_latin(classes, done, b, spans);
            if (!icu_words(b, e)) return false;
            done = e;
            k = e - 1;
        }
        segment_latin(classes, done, n, spans);
        return true;
    }

    // ICU's word segments of u16[b, e) (letters, numbers, kana, ideographs: rule status >=
    // number), offsets in u16.
    bool icu_words(int32_t b, int32_t e) {
        UErrorCode status = U_ZERO_ERROR;
        UText ut = UTEXT_INITIALIZER;
        utext_openUChars(&ut, u16.data() + b, e - b, &status);
        icu::BreakIterator& bi = *words;
        bi.setText(&ut, status);
        if (U_FAILURE(status)) { utext_close(&ut); return false; }
        for (int32_t from = bi.first(), to = bi.next(); to != icu::BreakIterator::DONE; from = to, to = bi.next()) {
            const int32_t rule = bi.getRuleStatus();
            if (rule >= UBRK_WORD_NUMBER) spans.push_back({b + from, b + to, rule < UBRK_WORD_LETTER});  // not spaces, punctuation
        }
        bi.setText(icu::UnicodeString());  // drop the alias before the UText goes away
        utext_close(&ut);
        return true;
    }

    // Stage 1's words as pieces of u16, from spans (after load() and segment()): "26 000" style
    // thousands groups joined, scripts written without spaces cut into characters, a word ICU
    // keeps whole across '.', '_' or '@' cut into its parts (joined: their group number), a
    // lost sentence break split.
    struct Piece { int32_t b, e; bool number; bool character = false; std::uint32_t joined = 0; };
    std::vector<Piece> pieces;
    std::uint32_t group = 0;  // the last group of joined parts given a number
    void make_pieces() {
        pieces.clear();
        group = 0;
        for (WordSpan span : spans) add_pieces(span);
    }
    // One span's pieces, appended to pieces; a thousands group joins the last piece instead.
    void add_pieces(WordSpan span) {
        const std::u16string& u = u16;
        const std::u16string_view uv(u);
        // A word that ICU keeps whole across '.', '_' or '@' (www.lemonde.fr, lio_listio,
        // jrs@world.std.com, U.S) is also its parts: each a word, joined again as a compound below.
        auto push_joined = [](std::vector<Piece>& out, std::u16string_view w, int32_t b, int32_t e, std::uint32_t g) {
            auto joiner = [&](int32_t k) { return w[k] == u'.' || w[k] == u'_' || w[k] == u'@'; };
            std::size_t parts = 0, first = out.size();
            for (int32_t k = b; k < e;) {
                while (k < e && joiner(k)) ++k;
                const int32_t start = k;
                while (k < e && !joiner(k)) ++k;
                if (k > start) {
                    out.push_back({start, k, all_digits(w.substr(start, k - start)), false, g});
                    ++parts;
                }
            }
            if (parts == 1) out[first].joined = 0;
        };
        int32_t b = span.b;
        const int32_t e = span.e;
        const bool number = span.number;
        if (number && !pieces.empty()) {
            Piece& prev = pieces.back();
            bool next_group = prev.number && prev.e + 1 == b && is_group_space(u[prev.e]) && e - b == 3 &&
                              all_digits(uv.substr(b, 3));
            bool prev_head = all_digits(uv.substr(prev.b, prev.e - prev.b))
                                 ? prev.e - prev.b <= 3
                                 : prev.e - prev.b > 4 && is_group_space(u[prev.e - 4]);
            if (next_group && prev_head) { prev.e = e; return; }
        }
        if (number) {
            pieces.push_back({b, e, number});
            return;
        }
        bool unspaced = false;  // never so for the fast path's characters
        for (int32_t k = b; k < e && !unspaced && !latin;) unspaced = is_unspaced_script(code_point_at(uv, k));
        if (unspaced) {
            for (int32_t k = b; k < e;) {
                int32_t start = k;
                code_point_at(uv, k);
                for (int32_t next = k; next < e && continues_character(code_point_at(uv, next));) k = next;
                pieces.push_back({start, k, false, true});
            }
            return;
        }
        // "Sypt.Le parquet": a sentence end whose space was lost (scraped text), which ICU
        // reads as one word. A full stop between a lowercase and a capital letter splits it;
        // "U.S", "t.co" and "pic.twitter.com" stay whole.
        for (int32_t k = b + 1; k + 1 < e; ++k)
            if (u[k] == u'.' && u_islower(u[k - 1]) && u_isupper(u[k + 1])) {
                push_joined(pieces, uv, b, k, ++group);
                b = k + 1;
            }
        push_joined(pieces, uv, b, e, ++group);
    }

    // Stage 2, elision: "l’opération" → "opération". False if nothing is left of the piece (a
    // lone "l" before ’, as in "l’« agence").
    bool elide(Piece& s) const {
        int32_t apostrophe = -1;
        for (int32_t k = s.b; k < s.e; ++k)
            if (is_apostrophe(u16[k])) { apostrophe = k; break; }
        return elide(s, apostrophe);
    }
    // The same when the piece's first apostrophe is known (-1: none).
    bool elide(Piece& s, int32_t apostrophe) const {
        const std::u16string_view uv(u16);
        if (apostrophe > s.b && is_elision_prefix(uv.substr(s.b, apostrophe - s.b))) s.b = apostrophe + 1;
        else if (apostrophe < 0 && s.e < static_cast<int32_t>(uv.size()) && is_apostrophe(uv[s.e]) &&
                 is_elision_prefix(uv.substr(s.b, s.e - s.b)))
            return false;
        return s.b < s.e;
    }

    ~Impl() { if (stemmer) sb_stemmer_delete(stemmer); }

    const std::string& term_of(const std::string& exact) {
        auto it = terms.find(exact);
        if (it != terms.end()) return it->second;
        if (terms.size() >= kMaxCachedTerms) terms.clear();
        std::string term;
        if (is_latin(exact)) {
            const sb_symbol* out = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(exact.data()),
                                                   static_cast<int>(exact.size()));
            term = out ? fold_accents(std::string_view(reinterpret_cast<const char*>(out),
                                                       static_cast<std::size_t>(sb_stemmer_length(stemmer))))
                       : fold_accents(exact);  // null only on out-of-memory
        } else {
            term = exact;  // other scripts: casefolded, not stemmed by French rules
        }
        return terms.emplace(exact, std::move(term)).first->second;
    }
};

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;
Analyzer::~Analyzer() = default;

Result<Analyzer> Analyzer::create() {
    auto impl = std::make_unique<Impl>();
    UErrorCode status = U_ZERO_ERROR;
    // ICU's default locale is en_US_POSIX in wasm: always name French.
    impl->words.reset(icu::BreakIterator::createWordInstance(icu::Locale("fr"), status));
    if (U_FAILURE(status) || !impl->words)
        return Error{std::string("analyzer: ICU word break rules unavailable (") + u_errorName(status) + ")"};
    status = U_ZERO_ERROR;
    icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status))
        return Error{std::string("analyzer: ICU NFKC_Casefold data unavailable (") + u_errorName(status) + ")"};
    impl->stemmer = sb_stemmer_new("french", "UTF_8");
    if (!impl->stemmer) return Error{"analyzer: Snowball French stemmer unavailable"};
    return Analyzer(std::move(impl));
}

std::string Analyzer::term_of(const std::string& exact) const { return impl_->term_of(exact); }

std::vector<Analyzer::Segment> Analyzer::word_segments(std::string_view text, bool icu_only) const {
    Impl& im = *impl_;
    im.load(text);
    if (!im.segment(icu_only)) return {};
    std::vector<Segment> out;
    for (const WordSpan& w : im.spans)
        out.push_back({im.byte_at[static_cast<std::size_t>(w.b)], im.byte_at[static_cast<std::size_t>(w.e)], w.number});
    return out;
}

void Analyzer::places(std::string_view text, std::vector<Place>& out) const {
    out.clear();
    Impl& im = *impl_;
    im.load(text);
    if (!im.segment(false)) return;
    const std::u16string_view uv(im.u16);
    const std::uint32_t* at = im.byte_at.data();
    const Latin* cls = im.classes.data();
    std::uint32_t position = 0;
    // A piece that analyze() keeps: something left after elision, not casefolded to nothing
    // (casefold_fast never empties one).
    auto place = [&](Impl::Piece s) {
        if (!im.elide(s)) return;
        const std::u16string_view seg = uv.substr(s.b, s.e - s.b);
        if (!casefold_fast_applies(seg)) {
            std::string folded;
            if (!casefold_icu(seg, folded) || folded.empty()) return;
        }
        out.push_back({at[s.b], at[s.e], position++});
    };
    // The spans cut into pieces as make_pieces() cuts them. A plain word (Latin letters, digits and
    // apostrophes; not a number, so a letter among them) is one piece, which needs no Impl::Piece:
    // one pass finds its first apostrophe for the elision, and NFKC_Casefold never empties a
    // letter. Other spans' pieces wait in im.pieces until the next plain word or the end, since a
    // number may still join the last of them ("26 000").
    im.pieces.clear();
    im.group = 0;
    auto flush = [&] {
        for (Impl::Piece s : im.pieces) place(s);
        im.pieces.clear();
    };
    for (const WordSpan span : im.spans) {
        int32_t apostrophe = -1;
        bool plain = !span.number;
        for (int32_t k = span.b; k < span.e && plain; ++k) {
            const Latin l = cls[k];  // load()'s class: a letter or digit of the fast path's table
            if (l == Latin::letter || l == Latin::digit) continue;
            if (is_apostrophe(uv[k])) {
                if (apostrophe < 0) apostrophe = k;
            } else {
                plain = false;
            }
        }
        if (!plain) {
            im.add_pieces(span);
            continue;
        }
        flush();
        if (Impl::Piece s{span.b, span.e, false}; im.elide(s, apostrophe)) out.push_back({at[s.b], at[s.e], position++});
    }
    flush();
}

std::vector<Token> Analyzer::analyze(std::string_view text, Terms terms) const {
    std::vector<Token> out;
    analyze(text, terms, out);
    return out;
}

void Analyzer::analyze(std::string_view text, Terms terms, std::vector<Token>& out) const {
    out.clear();
    Impl& im = *impl_;
    im.load(text);
    const std::u16string& u = im.u16;
    const std::vector<std::uint32_t>& byte_at = im.byte_at;
    const std::u16string_view uv(u);

    if (!im.segment(false)) return;
    im.make_pieces();
    const std::vector<Impl::Piece>& segments = im.pieces;

    // Stages 2–5 per segment: elision, casefold, numbers, stem + fold.
    std::vector<Token>& tokens = im.tokens;
    tokens.clear();
    std::vector<int32_t>& seg_begin = im.seg_begin;  // UTF-16 range of each token's segment, for compounds
    std::vector<int32_t>& seg_end = im.seg_end;
    std::vector<std::uint32_t>& joined = im.joined;  // and its group of joined parts
    seg_begin.clear();
    seg_end.clear();
    joined.clear();
    std::uint32_t position = 0;
    for (Impl::Piece s : segments) {
        if (!im.elide(s)) continue;
        Token t;
        const std::u16string_view seg = uv.substr(s.b, s.e - s.b);
        if (!casefold_fast(seg, t.exact)) {
            if (!casefold_icu(seg, t.exact)) continue;
            for (const char* apostrophe : {"\u2019", "\u2018", "\u02BC", "\uFF07"}) replace_all(t.exact, apostrophe, "'");
        }
        if (t.exact.empty()) continue;  // only ignorables (a lone soft hyphen)
        t.begin = byte_at[static_cast<std::size_t>(s.b)];
        t.end = byte_at[static_cast<std::size_t>(s.e)];
        t.position = position++;
        if (s.character) t.kind = TokenKind::character;
        if (s.number) {
            t.kind = TokenKind::number;
            t.term = join_thousands(t.exact);
        } else if (terms == Terms::now) {
            t.term = im.term_of(t.exact);
        }
        tokens.push_back(std::move(t));
        seg_begin.push_back(s.b);
        seg_end.push_back(s.e);
        joined.push_back(s.joined);
    }

    // Compounds: parts joined by a single hyphen also index as one term at the first part's position.
    out.reserve(tokens.size() + tokens.size() / 16);
    for (std::size_t i = 0; i < tokens.size();) {
        std::size_t j = i;
        auto joins = [&](std::size_t k) {  // token k and k + 1 are parts of one compound
            return (seg_begin[k + 1] == seg_end[k] + 1 && is_hyphen(u[seg_end[k]])) || (joined[k] && joined[k] == joined[k + 1]);
        };
        while (j + 1 < tokens.size() && joins(j)) ++j;
        if (j > i) {
            Token c;
            c.kind = TokenKind::compound;
            c.begin = tokens[i].begin;
            c.end = tokens[j].end;
            c.position = tokens[i].position;
            for (std::size_t k = i; k <= j; ++k) {
                if (k > i) c.exact += is_hyphen(u[seg_end[k - 1]]) ? '-' : static_cast<char>(u[seg_end[k - 1]]);
                c.exact += tokens[k].exact;
            }
            c.term = fold_accents(c.exact);
            out.push_back(std::move(c));
        }
        for (std::size_t k = i; k <= j; ++k) out.push_back(std::move(tokens[k]));
        i = j + 1;
    }
}

}  // namespace vigie::text
