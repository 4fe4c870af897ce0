// The French analyzer, stage by stage and as a whole. Tables keep the hard cases: ’ vs ',
// l’« agence, 26.000, États-Unis, œ, soft hyphen, zero-width space, non-Latin scripts.
#include <catch2/catch.hpp>

#include <string>

#include "core/text/analyzer.h"
#include "support.h"
#include "core/text/casefold.h"
#include "core/text/distance.h"
#include "core/text/fold.h"
#include "core/text/utf8.h"

using vigie::text::Analyzer;
using vigie::testing::analyzer;
using vigie::text::Token;
using vigie::text::TokenKind;

namespace {

// "term(surface)" per token, where surface is the original text the token's byte range covers;
// compounds are marked with '='. Checks offsets and terms in one readable string.
std::string render(const std::string& text) {
    std::string out;
    for (const Token& t : analyzer().analyze(text)) {
        if (!out.empty()) out += ' ';
        if (t.kind == TokenKind::compound) out += '=';
        out += t.term + "(" + text.substr(t.begin, t.end - t.begin) + ")";
    }
    return out;
}

}  // namespace

TEST_CASE("analyzer: French text to terms with original byte ranges", "[analyzer]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        // elision, with the typographic apostrophe (the norm in the press) and the ASCII one
        {"l’opération", "oper(opération)"},
        {"l'opération", "oper(opération)"},
        {"d’identifier et d'interpeller", "identifi(identifier) et(et) interpel(interpeller)"},
        {"Qu’il jusqu’à lorsqu’on", "il(il) a(à) on(on)"},
        {"aujourd’hui", "aujourd'hui(aujourd’hui)"},  // not an elision: one word, apostrophe normalised
        // what stands for an apostrophe in some texts: ‘ ʼ (inside ICU's word), ` ´ (outside)
        {"l‘arrestation lʼarrestation l`arrestation l´arrestation", "arrest(arrestation) arrest(arrestation) arrest(arrestation) arrest(arrestation)"},
        {"`code` a`b", "cod(code) a(a) b(b)"},  // a quote: nothing elided but an article
        {"l＇agence l′agence", "agenc(agence) agenc(agence)"},  // full width, prime
        {"l’« agence de presse »", "agenc(agence) de(de) press(presse)"},  // lone article before a quote
        // case and accents never matter; stopword-like real words are kept
        {"État Etat ETAT état", "etat(État) etat(Etat) etat(ETAT) etat(état)"},
        {"un été chaud", "un(un) ete(été) chaud(chaud)"},
        {"Europol EUROPOL", "europol(Europol) europol(EUROPOL)"},
        // plural and gender collapse under the stemmer
        {"canadien canadiennes", "canadien(canadien) canadien(canadiennes)"},
        {"opérations opération", "oper(opérations) oper(opération)"},
        // ligatures
        {"œuvre Œuvre", "oeuvr(œuvre) oeuvr(Œuvre)"},
        // numbers: thousands groups are one term however they are written
        {"26.000 éléments", "26000(26.000) element(éléments)"},
        {"26 000", "26000(26 000)"},
        {"26\u00A0000", "26000(26\u00A0000)"},
        {"26\u202F000", "26000(26\u202F000)"},
        {"26000", "26000(26000)"},
        {"3,5 millions", "3,5(3,5) million(millions)"},
        {"2017/10/04", "2017(2017) 10(10) 04(04)"},
        {"en 2019 000", "en(en) 2019(2019) 000(000)"},  // four digits cannot start a group
        // hyphenated compounds: the whole and its parts
        {"États-Unis", "=etats-unis(États-Unis) etat(États) unis(Unis)"},
        {"Royaume-Uni", "=royaume-uni(Royaume-Uni) royaum(Royaume) uni(Uni)"},
        {"a-t-il", "=a-t-il(a-t-il) a(a) t(t) il(il)"},
        {"pro - taliban", "pro(pro) taliban(taliban)"},  // a spaced dash joins nothing
        // invisible characters inside words
        {"terro\u00ADrisme", "terror(terro\u00ADrisme)"},      // soft hyphen
        {"pro\u200Bpagande", "propagand(pro\u200Bpagande)"},   // zero-width space
        // other scripts: casefolded, not stemmed by the French rules
        {"Москва", "москва(Москва)"},
        {"داعش", "داعش(داعش)"},
        {"Αθήνα", "αθήνα(Αθήνα)"},
        // scripts written without spaces: one term per character (with its marks), whatever
        // ICU's dictionaries would have cut, so the wasm build (without them) agrees
        {"かたかなとカタカナ", "か(か) た(た) か(か) な(な) と(と) カ(カ) タ(タ) カ(カ) ナ(ナ)"},
        {"東京の会議 vbKatakana", "東(東) 京(京) の(の) 会(会) 議(議) vbkatakan(vbKatakana)"},
        {"ラーメン", "ラー(ラー) メ(メ) ン(ン)"},
        {"ภาษาไทย", "ภ(ภ) า(า) ษ(ษ) า(า) ไ(ไ) ท(ท) ย(ย)"},
        {"กี่", "กี่(กี่)"},  // a base letter and its two marks
        // a sentence end without its space (scraped pages) splits; abbreviations, hosts, e-mail
        // addresses and identifiers are compounds of their parts
        {"Van Der Sypt.Le parquet", "van(Van) der(Der) sypt(Sypt) le(Le) parquet(parquet)"},
        {"U.S. et pic.twitter.com", "=u.s(U.S) u(U) s(S) et(et) =pic.twitter.com(pic.twitter.com) pic(pic) twitt(twitter) com(com)"},
        {"presse@amaq.org, lio_listio", "=presse@amaq.org(presse@amaq.org) press(presse) amaq(amaq) org(org) "
                                        "=lio_listio(lio_listio) lio(lio) listio(listio)"},
        {"__init__ ou _x", "init(init) ou(ou) x(x)"},
        // punctuation and emptiness
        {"", ""},
        {" … « » — ", ""},
    }));
    CAPTURE(input);
    CHECK(render(input) == expected);
}

TEST_CASE("analyzer: positions count words; compounds share their first part's", "[analyzer]") {
    const auto tokens = analyzer().analyze("de l’État islamique aux États-Unis");
    std::string positions;
    for (const Token& t : tokens) positions += std::to_string(t.position) + (t.kind == TokenKind::compound ? "c " : " ");
    CHECK(positions == "0 1 2 3 4c 4 5 ");
}

TEST_CASE("analyzer: positions-only mode finds the same words at the same places", "[analyzer]") {
    // Snippets and highlights read positions with places(): any drift would misplace them.
    const std::string text =
        "L’ÉTAT d'urgence, aux États-Unis : 26 000 euros (26.000), l’« agence » Amaq. "
        "Sypt.Le parquet\u00A0; co\u00ADopé\u00AD ration, \u00AD seul, \u200B, ß, ǅ, Ωμέγα, 東京都, 123abc, jusqu’à qu'il, l’@x.";
    const auto later = analyzer().analyze(text, Analyzer::Terms::later);
    std::vector<Analyzer::Place> places{{1, 2, 3}};  // cleared first
    analyzer().places(text, places);
    std::string a, b;
    for (const Token& t : later)
        if (t.kind != TokenKind::compound) a += std::to_string(t.position) + ":" + text.substr(t.begin, t.end - t.begin) + " ";
    for (const Analyzer::Place& w : places) b += std::to_string(w.position) + ":" + text.substr(w.begin, w.end - w.begin) + " ";
    CHECK(b == a);
    CHECK(places.size() >= 25);

    // Each word's position and byte range, from analyze() (compounds aside) and from places().
    auto both = [&](const std::string& h) {
        std::string x, y;
        for (const Token& t : analyzer().analyze(h, Analyzer::Terms::later))
            if (t.kind != TokenKind::compound) x += std::to_string(t.position) + ":" + std::to_string(t.begin) + "-" + std::to_string(t.end) + " ";
        analyzer().places(h, places);
        for (const Analyzer::Place& w : places) {
            CHECK(w.begin < w.end);
            y += std::to_string(w.position) + ":" + std::to_string(w.begin) + "-" + std::to_string(w.end) + " ";
        }
        return std::pair(x, y);
    };

    // The same on hostile text: broken UTF-8, lone apostrophes, joiners, ignorables.
    vigie::testing::HostileText hostile(0x51A7E5C0FFEEull, {"l’", "l'", "@", ".", "_", "-", " ", "qu’", "É", "\xC3", "\xFF", "\u00AD",
                                                     "\u200B", "26 000", "www", "x", "Amaq", "«", "»", "東京", "'s"});
    for (int round = 0; round < 300; ++round) {
        const std::string h = hostile.next(30, 6);
        const auto [x, y] = both(h);
        CAPTURE(round, h);
        CHECK(y == x);
    }

    // Latin text, where places() takes most words without cutting them into pieces: elisions
    // before a word, a guillemet or nothing, thousands groups after a word or a number, joined
    // words, letters casefold_fast does not take (ß, Ĳ) and one that folds to nothing (soft hyphen).
    vigie::testing::HostileText latin(0x9E3779B97F4A7C15ull,
                                      {"l’", "L'", "qu’", "Jusqu'", "d’", "'", "’", " ", " ", "\u00A0", "\n", ".", ",", ";",
                                       "26", "000", " 000", "\u00A0000", "1", "12.34", "3,5", "ab", "Été", "ß", "Œuvre",
                                       "Ĳ", "s", "U.S", "Sypt.Le", "«", "»", "-", "x", "É", "\u00AD", "www.a.fr", "aujourd’hui", "2b"});
    for (int round = 0; round < 2000; ++round) {
        const std::string h = latin.next(40, 1000);
        const auto [x, y] = both(h);
        CAPTURE(round, h);
        CHECK(y == x);
    }
}

TEST_CASE("analyzer: exact form keeps accents, term folds them", "[analyzer]") {
    const auto tokens = analyzer().analyze("Sûreté");
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].exact == "sûreté");
    CHECK(tokens[0].term == "suret");
}

TEST_CASE("analyzer: broken UTF-8 reads as U+FFFD, offsets stay exact", "[analyzer][bad-input]") {
    const std::string text = "abc \xC3 propagande \xFF\xFE fin";
    const auto tokens = analyzer().analyze(text);
    std::string surfaces;
    for (const Token& t : tokens) surfaces += text.substr(t.begin, t.end - t.begin) + "|";
    CHECK(surfaces == "abc|propagande|fin|");
}

TEST_CASE("analyzer: a seed sentence", "[analyzer]") {
    const std::string sentence =
        "Une opération européenne a été menée mercredi et jeudi contre le réseau de propagande en ligne "
        "de l'organisation Etat islamique dans plusieurs pays, dont la Belgique, la France et le Royaume-Uni.";
    CHECK(render(sentence) ==
          "une(Une) oper(opération) europeen(européenne) a(a) ete(été) men(menée) mercred(mercredi) et(et) "
          "jeud(jeudi) contr(contre) le(le) reseau(réseau) de(de) propagand(propagande) en(en) lign(ligne) "
          "de(de) organis(organisation) etat(Etat) islam(islamique) dan(dans) plusieur(plusieurs) pay(pays) "
          "dont(dont) la(la) belgiqu(Belgique) la(la) franc(France) et(et) le(le) =royaume-uni(Royaume-Uni) "
          "royaum(Royaume) uni(Uni)");
}

TEST_CASE("fold_accents: Latin diacritics to base letters, other scripts untouched", "[fold]") {
    using vigie::text::fold_accents;
    CHECK(fold_accents("àâäéèêëîïôöùûüÿçœæ") == "aaaeeeeiioouuuycoeae");
    CHECK(fold_accents("ÀÉÇŒ") == "aecoe");
    CHECK(fold_accents("łódź ŠKODA") == "lodz sKODA");
    CHECK(fold_accents("москва") == "москва");
    CHECK(fold_accents("×÷") == "×÷");
}

TEST_CASE("utf8: validation names the offending byte, line_of counts lines", "[utf8][bad-input]") {
    using vigie::text::find_invalid_utf8;
    using vigie::text::line_of;
    CHECK_FALSE(find_invalid_utf8("Sûreté de l’État 😀").has_value());
    CHECK(find_invalid_utf8("ok\n\xC3(") == std::optional<std::size_t>(3));
    CHECK(find_invalid_utf8("\xED\xA0\x80").has_value());  // a surrogate
    CHECK(find_invalid_utf8("\xC0\xAF").has_value());      // an overlong '/'
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80").has_value());  // above U+10FFFF
    CHECK(line_of("a\nb\nc", 4) == 3);
    CHECK(line_of("abc", 99) == 1);
}

TEST_CASE("word segments: the fast path for Latin text agrees with ICU's word break", "[analyzer]") {
    // Every character the fast path takes, in the arrangements where UAX #29's rules differ:
    // letters and digits side by side, . ' ’ between letters or digits, , ; between digits,
    // doubled, at the ends; symbols with no word-break property; and characters it leaves to ICU
    // (· ‘ _ @ soft hyphen, Greek, kana, NUL).
    vigie::testing::HostileText latin(0x5E6E7A11ull, {"a", "Z", "é", "Œ", "ÿ", "ā", "ſ", "0", "7", ".", "'", "’", ",", ";", " ", "\u00A0",
                                                    "\u202F", "\u2009", "\n", "-", "–", "—", ":", "/", "%", "«", "»", "“", "”", "…",
                                                    "!", "?", "(", ")", "[", "]", "\"", "×", "÷", "+", "=", "<", ">", "*", "#",
                                                    "&", "|", "\\", "{", "}", "$", "~", "^", "`", "§", "°", "©", "•", "→", "⟨", "⟩"});
    vigie::testing::HostileText other(0xA11CE5ull, {"a", "0", ".", "'", " ", "·", "‘", "_", "@", "\u00AD", "Ω", "カ", "ª", "µ", "#", "&", "\u200B",
                                                   std::string(1, '\0')});
    // Latin text with those characters here and there: ICU gets the text around each, between
    // the nearest spaces or line breaks, and the rest takes the fast path. Marks and joiners that
    // cling to a space, scripts segmented by dictionary, emoji sequences.
    vigie::testing::HostileText mixed(0x3A11ED5ull, {"a", "é", "0", ".", "'", "’", ",", " ", " ", " ", "\n", "-", "«", "»", "…", "@",
                                                   "_", "·", "‘", "\u00AD", "\u0301", "\u200D", "\u2060", "\u202F", "Ω", "カ",
                                                   "ไทย", "中文", "😀", "🇧🇪", "ª"});
    for (int round = 0; round < 8000; ++round) {
        const std::string t = round % 4 == 3 ? other.next(24, 8) : round % 2 ? mixed.next(32, 1000000000) : latin.next(24, 1000000000);
        CAPTURE(round, t);
        CHECK(analyzer().word_segments(t) == analyzer().word_segments(t, true));
    }
    // French prose, the seeds' kind of text.
    const std::string prose = "L’agence Amaq, « organe » de l'EI, a été visée le 21/11/2019 : 26 000 contenus (26.000), "
                              "3,5 % ; A380, 2e, 12ab34, U.S., t.co/abc, aujourd’hui… Œuvre ſ ÿ.";
    CHECK(analyzer().word_segments(prose) == analyzer().word_segments(prose, true));
    CHECK(analyzer().word_segments(prose).size() >= 25);
}

TEST_CASE("casefold: the Latin-1 fast path agrees with ICU's NFKC_Casefold", "[casefold]") {
    using vigie::text::casefold_fast;
    using vigie::text::casefold_icu;
    int accepted = 0;
    for (char32_t c = 1; c <= 0x2FFF; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        const std::u16string one(1, static_cast<char16_t>(c));
        std::string fast, icu;
        if (!casefold_fast(one, fast)) continue;
        ++accepted;
        REQUIRE(casefold_icu(one, icu));
        if (icu == "\u2019") icu = "'";  // the analyzer normalises the apostrophe on both paths
        CAPTURE(static_cast<unsigned>(c));
        CHECK(fast == icu);
    }
    CHECK(accepted == 26 * 2 + 10 + 5 + 30 + 31);  // letters, digits, ' ’ . , _, À–Þ, à–ÿ
    std::string out = "keep";
    CHECK_FALSE(casefold_fast(u"Straße", out));
    CHECK(out == "keep");
}

TEST_CASE("distance: the bit-parallel OSA distance is the dynamic programme's", "[analyzer]") {
    // Known values: a swap is one edit; OSA does not edit a swapped pair again ("ca" → "abc": 3).
    CHECK(vigie::text::osa_distance("ab", "ba", 5) == 1);
    CHECK(vigie::text::osa_distance("ca", "abc", 5) == 3);
    CHECK(vigie::text::osa_distance("kitten", "sitting", 5) == 3);
    CHECK(vigie::text::osa_distance("", "abc", 5) == 3);
    CHECK(vigie::text::osa_distance("abc", "", 1) == 2);  // over the limit: limit + 1
    CHECK(vigie::text::osa_distance("payées", "pazées", 1) == 1);
    // Random words over small alphabets (swaps and repeats are common), of up to 70 bytes (past
    // the 64 of one machine word), at every limit from 0 to 6.
    std::uint64_t state = 5;  // an LCG: the same words on every run
    auto next = [&] { return (state = state * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
    auto word = [&](std::size_t longest, char letters) {
        std::string w(next() % (longest + 1), 'a');
        for (char& c : w) c = static_cast<char>('a' + next() % static_cast<std::uint64_t>(letters));
        return w;
    };
    for (int round = 0; round < 20000; ++round) {
        const std::size_t longest = round % 50 == 0 ? 70 : 12;
        const std::string a = word(longest, static_cast<char>(2 + round % 4));
        std::string b = round % 3 == 0 ? word(longest, static_cast<char>(2 + round % 4)) : a;
        for (int k = 0; k < round % 4 && !b.empty(); ++k) {  // a few edits of a
            const std::size_t at = next() % b.size();
            switch (next() % 4) {
                case 0: b.erase(at, 1); break;
                case 1: b.insert(at, 1, static_cast<char>('a' + next() % 3)); break;
                case 2: b[at] = static_cast<char>('a' + next() % 3); break;
                default: if (at + 1 < b.size()) std::swap(b[at], b[at + 1]);
            }
        }
        const int limit = round % 7;
        const int dp = vigie::text::osa(a.size(), b.size(), limit, [&](std::size_t i, std::size_t j) { return a[i] == b[j]; });
        INFO(a << " / " << b << " limit " << limit);
        REQUIRE(vigie::text::osa_distance(a, b, limit) == dp);
    }
}
