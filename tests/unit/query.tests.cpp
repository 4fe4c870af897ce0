// The query language's syntax: every construct, and malformed input repaired with a message.
#include <catch2/catch.hpp>

#include <string>

#include "core/index/query.h"

using vigie::index::parse_query;
using vigie::index::ParsedQuery;
using vigie::index::QueryPart;
using vigie::index::Language;
using vigie::index::Message;
using vigie::index::MessageId;

namespace {

// "+[a] -[\"b c\"] +[x|y*] ~title:[t] years:2018..2019 countries:BE sources:Reuters !2"
std::string render(const ParsedQuery& q) {
    std::string out;
    for (const auto& c : q.clauses) {
        out += c.negated ? "-[" : "+[";
        for (std::size_t i = 0; i < c.any.size(); ++i) {
            const QueryPart& p = c.any[i];
            if (i) out += "|";
            if (p.title_only) out += "title:";
            out += p.kind == QueryPart::Kind::phrase ? "\"" + p.text + "\"" : p.text;
            if (p.prefix) out += "*";
        }
        out += "] ";
    }
    for (const auto& y : q.filters.years) out += "years:" + std::to_string(y.from) + ".." + std::to_string(y.to) + " ";
    for (const auto& c : q.filters.countries) out += "country:" + c + " ";
    for (const auto& s : q.filters.sources) out += "source:" + s + " ";
    if (!q.messages.empty()) out += "!" + std::to_string(q.messages.size());
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

TEST_CASE("query: the language of DESIGN.md §5", "[query]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"opération Belgique", "+[opération Belgique]"},
        {"26 000 contenus", "+[26 000 contenus]"},
        {"\"agence de presse\" Amaq", "+[\"agence de presse\"] +[Amaq]"},
        {"opération -Amaq", "+[opération] -[Amaq]"},
        {"-\"État islamique\" propagande", "-[\"État islamique\"] +[propagande]"},
        {"Canada OR Maroc opération", "+[Canada|Maroc] +[opération]"},
        {"Canada OU \"Pays-Bas\"", "+[Canada|\"Pays-Bas\"]"},
        {"terr*", "+[terr*]"},
        {"pays:BE country:BEL pays:Belgique", "country:BE country:BEL country:Belgique"},
        {"année:2019 propagande", "+[propagande] years:2019..2019"},
        {"annee:2018..2019", "years:2018..2019"},
        {"year:2018-2019", "years:2018..2019"},
        {"year:..2018", "years:0..2018"},
        {"source:Reuters", "source:Reuters"},
        {"titre:Amaq", "+[title:Amaq]"},
        {"titre:\"agence de presse\" EI", "+[title:\"agence de presse\"] +[EI]"},
        {"TITRE:amaq", "+[title:amaq]"},
        // said twice: kept once (each would be matched again)
        {"e* OR e* OR e* le", "+[e*] +[le]"},
        {"e* OR é* OR e* le", "+[e*|é*] +[le]"},
        {"terr* terr* -Amaq -Amaq", "+[terr*] -[Amaq]"},
        {"\"le de\" OR \"le de\" \"le de\" titre:\"le de\"", "+[\"le de\"] +[title:\"le de\"]"},
        {"Canada OR Maroc Maroc OR Canada", "+[Canada|Maroc] +[Maroc|Canada]"},
        // malformed: a message and a best effort
        {"\"agence de presse", "+[\"agence de presse\"] !1"},
        {"- Amaq", "+[Amaq] !1"},
        {"foo:bar baz", "+[foo bar baz] !1"},
        {"year:deux", "!1"},
        {"year:2020..2018", "years:2018..2020 !1"},  // read the right way round, said so
        // values of one field join, with or without OR; OR beside a filter joins nothing else
        {"année:2019 OR année:2018", "years:2019..2019 years:2018..2018"},
        {"année:2019 année:2018", "years:2019..2019 years:2018..2018"},
        {"pays:FR OR pays:ES Amaq", "+[Amaq] country:FR country:ES"},
        {"source:RTBF OU source:Reuters", "source:RTBF source:Reuters"},
        {"Amaq OR pays:BE", "+[Amaq] country:BE !1"},
        {"pays:BE OR Amaq", "+[Amaq] country:BE !1"},
        {"pays:BE OR", "country:BE !1"},
        {"pays:MAR OR année:2023", "years:2023..2023 country:MAR !1"},  // two fields: both apply
        // AND is a space, NOT a minus; a note said twice is said once
        {"amaq AND europol", "+[amaq europol]"},
        {"amaq NOT europol", "+[amaq] -[europol]"},
        {"NOT \"État islamique\" propagande", "-[\"État islamique\"] +[propagande]"},
        {"OR OR OR amaq", "+[amaq] !1"},
        // a phrase ending in a prefix: the phrase, its last word a prefix that must follow the others
        {"\"agence de pres*\"", "+[\"agence de pres\"*]"},
        {"\"agence de pres*", "+[\"agence de pres\"*] !1"},  // its quote not closed: the same, said so
        {"\"terr* ", "+[terr*] !1"},
        // a colon that names no field: text, no note
        {"12:00 Bruxelles", "+[12:00 Bruxelles]"},
        {"https://amaq.example/fr", "+[https://amaq.example/fr]"},
        {"OR Amaq OR", "+[Amaq] !2"},
        {"pays: Amaq", "+[Amaq] !1"},
        {"-pays:BEL Amaq", "+[Amaq] !1"},
        {"\"\" Amaq", "+[Amaq]"},
        {"a\x01" "b\tc\x7f", "+[a b c] !1"},
        {"a\tb\nc", "+[a b c]"},  // a tab or a line break is a space: no note
        {"", ""},
        {"   ", ""},
        {"*", ""},
    }));
    CAPTURE(input);
    CHECK(render(parse_query(input)) == expected);
}

TEST_CASE("query: typing makes the word being typed a prefix", "[query]") {
    CHECK(render(parse_query("propagande terr", true)) == "+[propagande] +[terr*]");
    CHECK(render(parse_query("terr", true)) == "+[terr*]");
    CHECK(render(parse_query("terr ", true)) == "+[terr]");
    CHECK(render(parse_query("\"agence de\"", true)) == "+[\"agence de\"]");
    CHECK(render(parse_query("-amaq", true)) == "-[amaq]");
    // a phrase not closed yet: its words so far, and the one being typed as a prefix, no note
    CHECK(render(parse_query("\"agence de pre", true)) == "+[\"agence de pre\"*]");
    CHECK(render(parse_query("\"pre", true)) == "+[pre*]");
    CHECK(render(parse_query("\"agence de pre*", true)) == "+[\"agence de pre\"*]");
    CHECK(render(parse_query("\"agence de ", true)) == "+[\"agence de \"]");
    CHECK(render(parse_query("\"agence de pre", false)) == "+[\"agence de pre\"] !1");
    // a number being typed in groups is one prefix; a year being typed is no mistake yet
    CHECK(render(parse_query("7 500", true)) == "+[7500*]");
    CHECK(render(parse_query("saisie 26 0", true)) == "+[saisie] +[260*]");
    CHECK(render(parse_query("ligne 26", true)) == "+[ligne] +[26*]");
    CHECK(render(parse_query("Amaq 2019", true)) == "+[Amaq] +[2019*]");
    CHECK(render(parse_query("amaq année:201", true)) == "+[amaq*]");
    CHECK(render(parse_query("année:201 amaq", true)) == "+[amaq*] !1");
    // a country being typed
    CHECK(parse_query("amaq pays:Esp", true).filters.country_typed == 0);
    CHECK(parse_query("pays:BE pays:Esp", true).filters.country_typed == 1);
    CHECK(parse_query("pays:Esp amaq", true).filters.country_typed == -1);
    CHECK(parse_query("pays:Esp ", true).filters.country_typed == -1);
    CHECK(parse_query("pays:Esp", false).filters.country_typed == -1);
}

TEST_CASE("query: very long input is cut between words, or at a character boundary", "[query][bad-input]") {
    std::string q;
    while (q.size() < 10000) q += "opération ";
    const ParsedQuery p = parse_query(q);
    REQUIRE(p.clauses.size() == 1);
    CHECK(p.clauses[0].any[0].text.size() <= 1024);
    CHECK(p.clauses[0].any[0].text.substr(p.clauses[0].any[0].text.size() - 11) == " opération");  // no word cut short
    REQUIRE(p.messages.size() == 2);  // cut at 1,024 bytes, then at 32 words
    CHECK(p.messages[0].id == MessageId::truncated);
    CHECK(p.messages[1].id == MessageId::too_many_words);
    std::string accents(5000, 'x');
    for (int i = 0; i < 3000; ++i) accents += "é";
    CHECK(parse_query(accents).clauses[0].any[0].text.size() <= 1024);
}

TEST_CASE("query: at most 32 words, the first ones, said so", "[query][bad-input]") {
    std::string words, prefixes;
    for (int i = 0; i < 40; ++i) words += "mot" + std::to_string(i) + " ";
    ParsedQuery p = parse_query(words);
    REQUIRE(p.clauses.size() == 1);
    CHECK(p.clauses[0].any[0].text.substr(p.clauses[0].any[0].text.rfind(' ') + 1) == "mot31");
    REQUIRE(p.messages.size() == 1);
    CHECK(p.messages[0].id == MessageId::too_many_words);
    for (int i = 0; i < 250; ++i) prefixes += "ab" + std::string(1, char('a' + i % 26)) + std::to_string(i) + "* ";
    p = parse_query(prefixes);
    CHECK(p.clauses.size() == 32);
    CHECK(p.clauses.back().any[0].prefix);
    // exactly 32: nothing cut, no note; a phrase over the limit is cut inside
    std::string exact;
    for (int i = 0; i < 32; ++i) exact += "w" + std::to_string(i) + " ";
    CHECK(parse_query(exact).messages.empty());
    CHECK(render(parse_query(exact.substr(0, exact.size() - 4) + "\"a b c\"")) .find("\"a\"") != std::string::npos);
}

TEST_CASE("query: every note is written in French and in English, with its arguments", "[query]") {
    for (int i = 0; i <= static_cast<int>(MessageId::too_many_words); ++i) {
        const Message m{static_cast<MessageId>(i), {"ARG0", "ARG1"}};
        const std::string fr = m.text(), en = m.text(Language::en);
        CAPTURE(i, fr, en);
        CHECK_FALSE(fr.empty());
        CHECK_FALSE(en.empty());
        CHECK(fr != en);
        CHECK((fr.find("ARG0") != std::string::npos) == (en.find("ARG0") != std::string::npos));
        CHECK((fr.find("ARG1") != std::string::npos) == (en.find("ARG1") != std::string::npos));
    }
    // What the user typed is quoted as typed, braces included.
    CHECK(Message{MessageId::unknown_field, {"{1}"}}.text() == "Champ inconnu « {1} » : cherché comme texte.");
    const ParsedQuery p = parse_query("pays: \"agence");
    REQUIRE(p.messages.size() == 2);
    CHECK(p.messages[0].text() == "Filtre « pays: » sans valeur ignoré.");
    CHECK(p.messages[1].text(Language::en) == "Unclosed quote: the phrase runs to the end of the query.");
}
