// Facts the articles state: dates normalised to ISO 8601 with their precision, resolved with
// the article's own date where the text needs it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/corpus/html.h"
#include "core/corpus/input.h"
#include "core/facts/dates.h"
#include "core/facts/entities.h"
#include "core/geo/gazetteer.h"
#include "support.h"

using namespace vigie;
using vigie::testing::analyzer;

namespace {

// "surface=from[..to][~]" for each date found; "~" when the article's date was needed.
std::string render(const std::string& text, const std::string& article_date) {
    const corpus::Date article = article_date.empty() ? corpus::Date{} : *corpus::Date::parse(article_date);
    std::string out;
    for (const facts::DateMention& m : facts::extract_dates(analyzer(), text, article)) {
        if (!out.empty()) out += " | ";
        out += m.surface + "=" + m.from.iso();
        if (m.to.iso() != m.from.iso()) out += ".." + m.to.iso();
        if (m.inferred) out += "~";
        CHECK(text.substr(m.range.begin, m.range.end - m.range.begin) == m.surface);
    }
    return out;
}

}  // namespace

TEST_CASE("dates: French forms to ISO 8601 at their precision", "[facts][dates]") {
    auto [text, article, expected] = GENERATE(table<std::string, std::string, std::string>({
        {"frappée le 22 mars 2016 par un double attentat", "", "22 mars 2016=2016-03-22"},
        {"une première action en août 2016, puis une deuxième en juin 2017", "", "août 2016=2016-08 | juin 2017=2017-06"},
        {"Le 1er janvier 2020, tout change.", "", "1er janvier 2020=2020-01-01"},
        {"Article modifié le 2017/10/04 à 16h33", "", "2017/10/04=2017-10-04"},
        {"publié le 04/10/2017", "", "04/10/2017=2017-10-04"},
        {"Depuis décembre 2017, la propagande", "", "décembre 2017=2017-12"},
        {"dès 2015 et en 2018", "", "2015=2015 | 2018=2018"},
        {"qui s'est déroulée entre le 21 et le 24 novembre, a permis", "2019-11", "entre le 21 et le 24 novembre=2019-11-21..2019-11-24~"},
        {"du 3 au 5 mai 2021", "", "du 3 au 5 mai 2021=2021-05-03..2021-05-05"},
        {"s’est terminée ce dimanche 24 novembre.", "2019-11-25", "dimanche 24 novembre=2019-11-24~"},
        {"se sont réunis ce mercredi à Malines", "2017-10-04", "ce mercredi=2017-10-04~"},
        {"menée mercredi et jeudi, a annoncé vendredi", "2018-04-27", "mercredi=2018-04-25~ | jeudi=2018-04-26~ | vendredi=2018-04-27~"},
        {"au sommet tenu en juin dernier", "2017-10-04", "juin dernier=2017-06~"},
        {"le 24 décembre", "2020-01-10", "24 décembre=2019-12-24~"},  // a month ago, not next December
        {"hier et avant-hier", "2019-11-25", "hier=2019-11-24~ | avant-hier=2019-11-23~"},
        // what needs the article's date is left out without it; numbers that are not dates stay out
        {"ce mercredi, le 24 novembre", "", ""},
        {"32 morts, 26.000 contenus, 12 États membres, 100 personnes", "", ""},
        {"le 31 février 2019 et le 2019/13/01", "", ""},
        {"en Mars, la planète", "2019-05", ""},
    }));
    CAPTURE(text, article);
    CHECK(render(text, article) == expected);
}

TEST_CASE("dates: the seed articles", "[facts][dates][seeds]") {
    auto corpus = corpus::load_input(testing::kRoot + "/assets/corpus");
    REQUIRE(corpus.ok());
    auto dates = [&](std::size_t i) {
        std::string out;
        for (const auto& m : facts::extract_dates(analyzer(), corpus->documents[i].text, corpus->documents[i].date))
            out += (out.empty() ? "" : " ") + m.from.iso() + (m.to.iso() != m.from.iso() ? ".." + m.to.iso() : "");
        return out;
    };
    CHECK(dates(2) == "2019-11-21..2019-11-24 2018-04 2016-03-22");
    CHECK(dates(3) == "2018-04-25 2018-04-26 2018-04-27 2016-08 2017-06 2018-04-25 2018-04-26 2015 2017-12");
    CHECK(dates(4) == "2017-10-04 2017-06 2017-06");  // "ce mercredi", "en juin", "en juin dernier"
}

// [SECTION] Entities ------------------------------------------------------------------------

namespace {

const facts::EntityList& entities() {
    static facts::EntityList list = [] {
        auto l = facts::EntityList::builtin(analyzer());
        REQUIRE(l.ok());
        return std::move(l).value();
    }();
    return list;
}

const geo::Gazetteer& places() {
    static geo::Gazetteer g = [] {
        auto r = geo::Gazetteer::builtin(analyzer());
        REQUIRE(r.ok());
        return std::move(r).value();
    }();
    return g;
}

// "id×count" in the extractor's order.
std::string render_entities(const std::string& text) {
    std::string out;
    for (const auto& e : facts::extract_entities(analyzer(), entities(), text, &places())) {
        out += (out.empty() ? "" : " ") + e.id + "×" + std::to_string(e.mentions.size());
        for (const auto& m : e.mentions) CHECK(text.substr(m.range.begin, m.range.end - m.range.begin) == m.surface);
    }
    return out;
}

}  // namespace

TEST_CASE("entities: the curated list under its names, candidates for the rest", "[facts][entities]") {
    auto [text, expected] = GENERATE(table<std::string, std::string>({
        {"Europol et Eurojust ont soutenu l’opération.", "europol×1 eurojust×1"},
        {"l’Etat islamique (EI), dit Daech ou Daesh", "etat-islamique×4"},
        {"l’OCAM (Organe d’analyse de la menace) et la Sûreté de l’État", "ocam×2 surete-etat-be×1"},
        {"selon Eric van der Sypt, puis M. Van Der Sypt.Le parquet fédéral", "van-der-sypt×2 parquet-federal-be×1"},
        {"la police judiciaire fédérale de Flandre orientale", "police-federale-be×1"},  // a region is no candidate
        {"Annelies Verlinden et Jean-Marc Dupont ont parlé.", "verlinden×1 ?jean marc dupont×1"},
        {"Selon Le Monde, le monde change à la Grand-Place de Bruxelles.", "le-monde×1 ?grand place de bruxelles×1"},
        {"UNE BRÈCHE. La Belgique et les Pays-Bas.", ""},  // a heading in capitals, countries
        {"le mot ei, une eurojust", ""},  // "EI" must stay in capitals, "Eurojust" keep its capital
    }));
    CAPTURE(text);
    CHECK(render_entities(text) == expected);
}

TEST_CASE("entities: the bad list is a message naming the field", "[facts][entities][bad-input]") {
    auto bad = [](const std::string& json) {
        auto r = facts::EntityList::parse(json, "entities.json", analyzer());
        REQUIRE_FALSE(r.ok());
        return r.error().message;
    };
    CHECK(bad("[]") == "entities.json: expected an object with an array 'entities'");
    CHECK(bad(R"({"entities": [{"id": "x", "name": "X", "kind": "alien", "aliases": ["X"]}]})") ==
          "entities.json: entities[0].kind: unknown kind 'alien'");
    CHECK(bad(R"({"entities": [{"id": "x", "name": "X", "kind": 7, "aliases": ["X"]}]})") ==
          "entities.json: entities[0].kind: unknown kind ''");
    CHECK(bad(R"({"entities": [{"id": "x", "name": "X", "kind": "person", "aliases": []}]})") ==
          "entities.json: entities[0].aliases: a non-empty array is required");
    CHECK(bad(R"({"entities": [{"id": "x", "name": "X", "kind": "person", "aliases": [" … "]}]})") ==
          "entities.json: entities[0].aliases[0]: no word in ' … '");
    CHECK(bad("{") .find("entities.json:1:") == 0);
}

TEST_CASE("entities: the persons quoted and the bodies acting in the seed articles", "[facts][entities][seeds]") {
    auto corpus = corpus::load_input(testing::kRoot + "/assets/corpus");
    REQUIRE(corpus.ok());
    auto ids = [&](std::size_t i) {
        std::vector<std::string> out;
        for (const auto& e : facts::extract_entities(analyzer(), entities(), corpus->documents[i].text, &places()))
            if (e.kind != facts::EntityKind::candidate) out.push_back(e.id);
        std::sort(out.begin(), out.end());
        return out;
    };
    using Ids = std::vector<std::string>;
    auto has_all = [](const Ids& got, const Ids& want) {
        for (const auto& w : want)
            if (std::find(got.begin(), got.end(), w) == got.end()) return false;
        return true;
    };
    CHECK(has_all(ids(0), {"qadery", "ocam", "surete-etat-be", "police-federale-be", "verlinden", "khosty", "talibans"}));
    CHECK(has_all(ids(1), {"europol", "eurojust", "amaq", "etat-islamique", "van-der-sypt", "de-bolle", "willocx"}));
    CHECK(has_all(ids(2), {"europol", "eurojust", "amaq", "etat-islamique", "van-der-sypt"}));
    CHECK(has_all(ids(3), {"europol", "amaq", "etat-islamique", "eu-iru", "guardia-civil", "wainwright", "julian-king"}));
    CHECK(has_all(ids(4), {"hassan-daki", "koen-geens", "ue", "el-pais", "telegram"}));
}

// [SECTION] Hostile input -------------------------------------------------------------------

TEST_CASE("facts and HTML: random bytes never crash, ranges stay inside the text", "[facts][bad-input]") {
    testing::HostileText hostile(0x9E3779B97F4A7C15ull, {"<p>", "</p>", "<script>", "&amp;", "&#x", ";", " 24 ", "novembre",
                                                         " 2019", "/", "Europol", " l’", "É", "\xC3", "\xFF", "\n", "<!--",
                                                         "-->", "Van Der", ".Le", " "});
    for (int round = 0; round < 300; ++round) {
        const std::string text = hostile.next(60, 4);
        CAPTURE(round, text);
        const corpus::HtmlText page = corpus::html_to_text(text);
        CHECK(page.text.size() <= text.size() * 4 + 16);
        for (const auto& m : facts::extract_dates(analyzer(), text, *corpus::Date::parse("2019-11-25")))
            CHECK((m.range.begin < m.range.end && m.range.end <= text.size()));
        for (const auto& e : facts::extract_entities(analyzer(), entities(), text, &places()))
            for (const auto& m : e.mentions) CHECK((m.range.begin < m.range.end && m.range.end <= text.size()));
    }
}
