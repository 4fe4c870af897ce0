// Facts the articles state: dates normalised to ISO 8601 with their precision, resolved with
// the article's own date where the text needs it.
#include <catch2/catch.hpp>

#include <string>

#include "core/corpus/input.h"
#include "core/facts/dates.h"
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
