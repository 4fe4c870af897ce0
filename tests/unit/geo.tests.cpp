// Country mentions: the gazetteer data, the hard cases of extraction (articles and elisions,
// demonyms, capitals, regions, English, ambiguity, ’ vs ', invisible characters), bad
// gazetteer data as messages naming file and field, and the five seed articles as a reader sees them.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/corpus/files.h"
#include "core/geo/country.h"
#include "core/geo/extract.h"
#include "core/corpus/input.h"
#include "core/geo/gazetteer.h"
#include "core/text/analyzer.h"
#include "support.h"

using namespace vigie::geo;
using vigie::text::Analyzer;
using vigie::testing::analyzer;

namespace {

using vigie::testing::kRoot;
const std::string kGazetteer = kRoot + "/assets/gazetteer/countries.json";

const Gazetteer& gazetteer() {
    static Gazetteer g = [] {
        auto r = Gazetteer::load(kGazetteer, analyzer());
        if (!r) FAIL(r.error().message);
        return std::move(r).value();
    }();
    return g;
}

char mark(MentionKind k) {
    switch (k) {
        case MentionKind::name: return ':';
        case MentionKind::demonym: return '~';
        case MentionKind::city: return '@';
        case MentionKind::region: return '#';
    }
    return '?';
}

// Every mention in text order as ISO3 + kind mark + the text its byte range covers:
// "BEL:Belgique" (name), "BEL~belge" (demonym), "BEL@Bruxelles" (city), "BEL#Flandre" (region).
std::string render(const std::string& text) {
    std::map<std::uint32_t, std::string> by_begin;
    for (const CountryMentions& c : extract_countries(analyzer(), gazetteer(), text)) {
        CHECK(c.count == c.mentions.size());
        for (const Mention& m : c.mentions) {
            REQUIRE(m.end <= text.size());
            CHECK(m.surface == text.substr(m.begin, m.end - m.begin));
            by_begin[m.begin] = c.iso3 + mark(m.kind) + m.surface;
        }
    }
    std::string out;
    for (const auto& [begin, s] : by_begin) out += (out.empty() ? "" : " ") + s;
    return out;
}

const char* kMinimalCountry = R"({"iso3": "BEL", "iso2": "BE", "status": "un_member",
    "fr": [{"name": "Belgique", "article": "la", "gender": "f"}], "en": ["Belgium"]})";

// A gazetteer file around the given countries (and extra top-level fields), for the error paths.
std::string gazetteer_json(const std::string& countries, const std::string& extra = "") {
    return R"({"format": "vigie-gazetteer", "version": 1, "countries": [)" + countries + "]" + extra + "}";
}

std::string parse_error(const std::string& json) {
    auto r = Gazetteer::parse(json, "countries.json", analyzer());
    if (r.ok()) return "(parsed)";
    return r.error().message;
}

}  // namespace

// [SECTION] The data ----------------------------------------------------------------------------

TEST_CASE("gazetteer: the curated country table loads whole", "[geo][gazetteer]") {
    const Gazetteer& g = gazetteer();
    std::size_t members = 0;
    std::set<std::string> iso3;
    for (const Country& c : g.countries()) {
        if (c.status == CountryStatus::un_member) ++members;
        iso3.insert(c.iso3);
        CHECK_FALSE(c.french.empty());
        CHECK_FALSE(c.english.empty());
    }
    CHECK(members == 193);
    CHECK(iso3.size() == g.countries().size());

    SECTION("the countries the French press names most are all there, with the disputed ones") {
        for (const char* code :
             {"FRA", "BEL", "NLD", "LUX", "DEU", "GBR", "IRL", "ESP", "PRT", "ITA", "CHE", "AUT", "MCO", "AND", "LIE", "SMR",
              "VAT", "MLT", "DNK", "SWE", "NOR", "FIN", "ISL", "EST", "LVA", "LTU", "POL", "CZE", "SVK", "HUN", "SVN", "HRV",
              "BIH", "SRB", "MNE", "XKX", "ALB", "MKD", "GRC", "CYP", "ROU", "BGR", "MDA", "UKR", "BLR", "RUS", "TUR", "GEO",
              "ARM", "AZE", "MAR", "DZA", "TUN", "LBY", "EGY", "MRT", "ESH", "SYR", "IRQ", "LBN", "JOR", "ISR", "PSE", "SAU",
              "YEM", "OMN", "ARE", "QAT", "KWT", "BHR", "IRN", "AFG", "PAK", "USA", "CAN", "MEX", "TWN", "CHN", "SDN", "MLI"})
            CHECK(iso3.count(code) == 1);
        CHECK(g.find_code("XKX")->status == CountryStatus::partially_recognised);
        CHECK(g.find_code("PSE")->status == CountryStatus::observer);
        CHECK(g.find_code("VAT")->status == CountryStatus::observer);
    }

    SECTION("codes and names lead back to their country, in any case and with or without accents") {
        auto code_of = [&](const char* s) {
            const Country* c = g.find(analyzer(), s);
            return c ? c->iso3 : std::string("-");
        };
        CHECK(code_of("BE") == "BEL");
        CHECK(code_of("bel") == "BEL");
        CHECK(code_of("Belgique") == "BEL");
        CHECK(code_of("belgique") == "BEL");
        CHECK(code_of("belge") == "BEL");
        CHECK(code_of("Pays-Bas") == "NLD");
        CHECK(code_of("PAYS BAS") == "NLD");
        CHECK(code_of("etats unis") == "USA");
        CHECK(code_of("Bruxelles") == "BEL");
        CHECK(code_of("îles Canaries") == "ESP");
        CHECK(code_of("Kosovo") == "XKX");
        CHECK(code_of("Congo") == "-");  // ambiguous: COG or COD
        CHECK(code_of("Europe") == "-");
        CHECK(code_of("") == "-");
    }

    SECTION("every usual French and English name finds its own country, except the declared ambiguities") {
        const std::set<std::string> ambiguous = {"Congo", "Maurice", "Dominique", "Salvador", "Grenade", "Georgia"};
        for (const Country& c : g.countries())
            for (const std::string& name : {c.french_name(), c.english.front()}) {
                if (ambiguous.count(name)) continue;
                const Country* found = g.find(analyzer(), name);
                INFO(c.iso3 << " " << name);
                REQUIRE(found != nullptr);
                CHECK(found->iso3 == c.iso3);
            }
    }
}

TEST_CASE("gazetteer: the compiled-in copy is the file", "[geo][gazetteer]") {
    auto builtin = Gazetteer::builtin(analyzer());
    REQUIRE(builtin.ok());
    CHECK(builtin->countries().size() == gazetteer().countries().size());
    CHECK(builtin->phrases().size() == gazetteer().phrases().size());
    CHECK(builtin->find(analyzer(), "Pays-Bas")->iso3 == "NLD");
}

TEST_CASE("gazetteer: French names carry their article and gender", "[geo][gazetteer]") {
    auto [code, with, in] = GENERATE(table<std::string, std::string, std::string>({
        {"BEL", "la Belgique", "en Belgique"},
        {"MAR", "le Maroc", "au Maroc"},
        {"NLD", "les Pays-Bas", "aux Pays-Bas"},
        {"USA", "les États-Unis", "aux États-Unis"},
        {"ESP", "l\u2019Espagne", "en Espagne"},
        {"IRQ", "l\u2019Irak", "en Irak"},          // masculine, but elided: "en"
        {"AFG", "l\u2019Afghanistan", "en Afghanistan"},
        {"SYR", "la Syrie", "en Syrie"},
        {"ISR", "Israël", "en Israël"},            // no article, and the exception to "à"
        {"CUB", "Cuba", "à Cuba"},
        {"OMN", "Oman", "à Oman"},
        {"PHL", "les Philippines", "aux Philippines"},
    }));
    const Country* c = gazetteer().find_code(code);
    REQUIRE(c != nullptr);
    CHECK(with_article(c->french.front()) == with);
    CHECK(locative(c->french.front()) == in);
}

// [SECTION] Extraction ------------------------------------------------------------------------

TEST_CASE("extract: countries in French sentences", "[geo][extract]") {
    // Marks: ':' name, '~' demonym, '@' city, '#' region.
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        // names with their articles and elisions, ’ and '
        {"en Belgique", "BEL:Belgique"},
        {"La Belgique a mené l'opération.", "BEL:Belgique"},
        {"aux États-Unis", "USA:États-Unis"},
        {"aux Etats-Unis", "USA:Etats-Unis"},
        {"des Pays-Bas", "NLD:Pays-Bas"},
        {"l\u2019Espagne et l'Espagne", "ESP:Espagne ESP:Espagne"},
        {"d\u2019Irak et d'Iraq", "IRQ:Irak IRQ:Iraq"},
        {"la Syrie et l\u2019Afghanistan", "SYR:Syrie AFG:Afghanistan"},
        {"le Maroc, la France", "MAR:Maroc FRA:France"},
        {"du Royaume-Uni, de Grande-Bretagne", "GBR:Royaume-Uni GBR:Grande-Bretagne"},
        {"en Côte d\u2019Ivoire", "CIV:Côte d\u2019Ivoire"},
        {"Israël et l\u2019État hébreu", "ISR:Israël ISR:État hébreu"},
        {"ÉTATS-UNIS", "USA:ÉTATS-UNIS"},
        {"Etats-unis", "USA:Etats-unis"},
        // demonyms and adjectives, all four forms
        {"le parquet fédéral belge", "BEL~belge"},
        {"les Belges et les policiers belges", "BEL~Belges BEL~belges"},
        {"espagnol espagnole espagnols espagnoles", "ESP~espagnol ESP~espagnole ESP~espagnols ESP~espagnoles"},
        {"canadien canadienne canadiens canadiennes", "CAN~canadien CAN~canadienne CAN~canadiens CAN~canadiennes"},
        {"américain américaine américains américaines", "USA~américain USA~américaine USA~américains USA~américaines"},
        {"la Turquie et l\u2019armée turque", "TUR:Turquie TUR~turque"},
        {"turc turque turcs turques, la Türkiye", "TUR~turc TUR~turque TUR~turcs TUR~turques TUR:Türkiye"},
        {"belge belges, Belge Belges", "BEL~belge BEL~belges BEL~Belge BEL~Belges"},
        {"dans l\u2019Hexagone", "FRA:Hexagone"},
        {"une enquête franco-belge", "FRA~franco BEL~belge"},
        {"le conflit israélo-palestinien", "ISR~israélo PSE~palestinien"},
        // capitals and major cities
        {"à Bruxelles, Anvers, Malines (Mechelen) et Liège", "BEL@Bruxelles BEL@Anvers BEL@Malines BEL@Mechelen BEL@Liège"},
        {"La Haye, Amsterdam et Rotterdam", "NLD@La Haye NLD@Amsterdam NLD@Rotterdam"},
        {"à la Haye", "NLD@la Haye"},
        {"Kaboul, Barcelone et Madrid", "AFG@Kaboul ESP@Barcelone ESP@Madrid"},
        {"Berlin, Paris, Londres, Washington", "DEU@Berlin FRA@Paris GBR@Londres USA@Washington"},
        {"Rabat et Casablanca", "MAR@Rabat MAR@Casablanca"},
        {"Bagdad, Damas, Raqqa et Mossoul", "IRQ@Bagdad SYR@Damas SYR@Raqqa IRQ@Mossoul"},
        {"au Caire", "EGY@Caire"},
        // regions
        {"en Flandre, en Flandre orientale, en Wallonie", "BEL#Flandre BEL#Flandre orientale BEL#Wallonie"},
        {"la police de Flandre-Orientale", "BEL#Flandre-Orientale"},
        {"aux îles Canaries, aux Canaries", "ESP#îles Canaries ESP#Canaries"},
        {"en Catalogne, en Bavière, en Écosse", "ESP#Catalogne DEU#Bavière GBR#Écosse"},
        {"en Belgique (Région flamande)", "BEL:Belgique BEL#Région flamande"},
        // longest match first
        {"en Guinée, en Guinée-Bissau, en Guinée équatoriale",
         "GIN:Guinée GNB:Guinée-Bissau GNQ:Guinée équatoriale"},
        {"Papouasie-Nouvelle-Guinée", "PNG:Papouasie-Nouvelle-Guinée"},
        {"en Nouvelle-Guinée", ""},
        {"en Bretagne et en Grande-Bretagne", "FRA#Bretagne GBR:Grande-Bretagne"},
        {"Nouvelle-Zélande et Zélande", "NZL:Nouvelle-Zélande NLD#Zélande"},
        {"Irlande et Irlande du Nord", "IRL:Irlande GBR#Irlande du Nord"},
        {"Soudan et Soudan du Sud", "SDN:Soudan SSD:Soudan du Sud"},
        {"Corée du Nord et Corée du Sud", "PRK:Corée du Nord KOR:Corée du Sud"},
        {"Nouvelle-Écosse et Écosse", "CAN#Nouvelle-Écosse GBR#Écosse"},
        {"Port-d\u2019Espagne", "TTO@Port-d\u2019Espagne"},
        {"la Flandre. Orientale", "BEL#Flandre"},  // punctuation ends a name
        {"sur www.belgium.be ou presse@france.fr, en Belgique", "BEL:Belgique"},  // hosts and addresses are not mentions
        // English
        {"Belgium, the Netherlands and the United States", "BEL:Belgium NLD:Netherlands USA:United States"},
        {"the UK and the U.S. agreed", "GBR:UK USA:U.S"},
        {"US troops", "USA:US"},
        {"Spain\u2019s police and Morocco's", "ESP:Spain MAR:Morocco"},
        {"Belgian and Spanish prosecutors", "BEL~Belgian ESP~Spanish"},
    }));
    CAPTURE(input);
    CHECK(render(input) == expected);
}

TEST_CASE("extract: ambiguous words are ruled on explicitly", "[geo][extract][ambiguity]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        // "Amérique" is a continent, never the United States
        {"en Amérique et en Amérique latine", ""},
        {"l\u2019Amérique de Trump", ""},
        {"les pays latino-américains", ""},
        // a proper noun needs its capital: the city, not the bets; the country, not the verb
        {"Paris a voté", "FRA@Paris"},
        {"des paris risqués, les paris sportifs", ""},
        {"qu\u2019il vienne à Vienne", "AUT@Vienne"},
        {"il usa de son influence", ""},
        {"give us a break", ""},
        // a surname after a given name is a person
        {"Anatole France a écrit", ""},
        {"Pierre France et Pierre Maroc", ""},
        {"Marie-France Garaud", ""},
        {"la France et le Maroc", "FRA:France MAR:Maroc"},
        {"François Hollande", ""},
        {"Michael Jordan", ""},
        // a name that is also a given name, before a surname, is a person
        {"Jordan Bardella", ""},
        {"Chad Smith said", ""},
        {"Florence Parly", ""},
        {"Dominique de Villepin", ""},
        {"à Florence", "ITA@Florence"},
        {"Romain Doumenc a traduit la page", ""},  // a demonym that is a given name, too
        {"un Romain, des Romains", "ITA~Romain ITA~Romains"},
        // a short name in capitals is an acronym; a longer one, a headline's
        {"les machines NIS et la directive NIS", ""},
        {"à Niš, en Serbie", "SRB@Niš SRB:Serbie"},
        {"BRUXELLES (Reuters)", "BEL@BRUXELLES"},
        {"troops in Jordan and Chad.", "JOR:Jordan TCD:Chad"},
        {"Jordan\u2019s King Abdullah", "JOR:Jordan"},
        // Georgia the US state, Géorgie the country
        {"Atlanta, Georgia", "USA@Atlanta"},
        {"Tbilisi, Georgia", "GEO@Tbilisi GEO:Georgia"},
        {"la Géorgie et Tbilissi", "GEO:Géorgie GEO@Tbilissi"},
        {"dans l\u2019État de Géorgie", "USA#État de Géorgie"},
        // Niger and Nigeria, their demonyms, the river
        {"le Niger et le Nigeria", "NER:Niger NGA:Nigeria"},
        {"nigérien et nigérian", "NER~nigérien NGA~nigérian"},
        {"le fleuve Niger", ""},
        // names that need another mention of their country
        {"le Congo", ""},
        {"le Congo, dont Kinshasa est la capitale", "COD:Congo COD@Kinshasa"},
        {"Hollande a déclaré", ""},
        {"la Hollande et les Pays-Bas", "NLD#Hollande NLD:Pays-Bas"},
        {"Tripoli", ""},
        {"Tripoli, capitale de la Libye", "LBY@Tripoli LBY:Libye"},
        {"la Corée et Séoul", "KOR:Corée KOR@Séoul"},
        // a demonym in its masculine singular after "en" is a language
        {"traduit en français", ""},
        {"il parle anglais", ""},
        {"un juge français", "FRA~français"},
        // organisations, not countries; "Etat" alone is not a country
        {"l\u2019Union européenne", ""},
        {"Daech, l\u2019EI, l\u2019Etat islamique et l\u2019État islamique", ""},
        {"l\u2019État islamique en Irak et au Levant", ""},
        {"la Sûreté de l\u2019État, l'Etat et l'État", ""},
        {"12 États membres", ""},
        {"Air France et Radio France", ""},
    }));
    CAPTURE(input);
    CHECK(render(input) == expected);
}

TEST_CASE("extract: hard characters keep names whole and offsets exact", "[geo][extract]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"Bel\u00ADgique", "BEL:Bel\u00ADgique"},                         // soft hyphen
        {"Bel\u200Bgique", "BEL:Bel\u200Bgique"},                         // zero-width space
        {"Flandre\u00A0orientale", "BEL#Flandre\u00A0orientale"},         // no-break space
        {"États\u2011Unis", "USA:États\u2011Unis"},                       // non-breaking hyphen
        {"Flandre\norientale", "BEL#Flandre\norientale"},                 // line break
        {"aux  Pays - Bas", "NLD:Pays - Bas"},
        {"Москва и Багдад", ""},                                          // other scripts: not in the table
        {"بغداد", ""},
        {"", ""},
        {"«Belgique»", "BEL:Belgique"},
    }));
    CAPTURE(input);
    CHECK(render(input) == expected);
}

TEST_CASE("extract: countries come most mentioned first, each with every mention", "[geo][extract]") {
    auto found = extract_countries(analyzer(), gazetteer(), "L’Espagne, la Belgique, Bruxelles et les Belges.");
    REQUIRE(found.size() == 2);
    CHECK(found[0].iso3 == "BEL");
    CHECK(found[0].count == 3);
    CHECK(found[0].mentions[0].kind == MentionKind::name);
    CHECK(found[0].mentions[1].kind == MentionKind::city);
    CHECK(found[0].mentions[2].kind == MentionKind::demonym);
    CHECK(found[1].iso3 == "ESP");
    CHECK(found[1].mentions[0].begin == 4);  // after "L’" (L + three bytes)

    SECTION("the same from tokens the caller already has") {
        std::string text = "L’Espagne, la Belgique, Bruxelles et les Belges.";
        auto again = extract_countries(gazetteer(), text, analyzer().analyze(text));
        REQUIRE(again.size() == 2);
        CHECK(again[0].count == 3);
    }
}

// [SECTION] Bad gazetteer data --------------------------------------------------------------

TEST_CASE("gazetteer: bad data is a message naming the file and the field", "[geo][gazetteer][bad-input]") {
    SECTION("malformed JSON gives line and column") {
        std::string msg = parse_error("{\n  \"format\": \"vigie-gazetteer\",\n  \"countries\": [\n");
        CHECK_THAT(msg, Catch::StartsWith("countries.json:4:"));
    }
    SECTION("a country without iso3") {
        CHECK(parse_error(gazetteer_json(R"({"iso2": "BE", "status": "un_member", "fr": [], "en": []})")) ==
              "countries.json: countries[0].iso3: missing (required)");
    }
    SECTION("a wrong type") {
        CHECK(parse_error(gazetteer_json(R"({"iso3": 56, "iso2": "BE"})")) ==
              "countries.json: countries[0].iso3: expected a string, got number");
        CHECK(parse_error(gazetteer_json(R"({"iso3": "BEL", "iso2": "BE", "status": "un_member", "fr": "Belgique", "en": ["Belgium"]})")) ==
              "countries.json: countries[0].fr: expected a non-empty array of {name, article, gender}");
        CHECK(parse_error(gazetteer_json(
                  R"({"iso3": "BEL", "iso2": "BE", "status": "un_member", "fr": [{"name": "Belgique", "article": "la", "gender": "f"}], "en": ["Belgium", 3]})")) ==
              "countries.json: countries[0].en[1]: expected a string, got number");
        CHECK(parse_error(R"({"format": "vigie-gazetteer", "countries": {}})") == "countries.json: countries: expected a non-empty array");
        CHECK(parse_error("[]") == "countries.json: expected a JSON object at the top level");
    }
    SECTION("values out of their domain") {
        CHECK(parse_error(gazetteer_json(R"({"iso3": "Bel", "iso2": "BE"})")) ==
              "countries.json: countries[0].iso3: expected three capital letters (ISO 3166-1 alpha-3), got 'Bel'");
        CHECK_THAT(parse_error(gazetteer_json(
                       R"({"iso3": "BEL", "iso2": "BE", "status": "un_member", "fr": [{"name": "Belgique", "article": "lo", "gender": "f"}], "en": ["Belgium"]})")),
                   Catch::StartsWith("countries.json: countries[0].fr[0].article: expected one of"));
        CHECK(parse_error(gazetteer_json(
                  R"({"iso3": "BEL", "iso2": "BE", "status": "un_member", "fr": [{"name": "Belgique", "article": "le", "gender": "f"}], "en": ["Belgium"]})")) ==
              "countries.json: countries[0].fr[0].gender: does not agree with the article 'le'");
        CHECK(parse_error(gazetteer_json(
                  R"({"iso3": "BEL", "iso2": "BE", "status": "un_member", "fr": [{"name": "Belgique", "article": "la", "gender": "f"}], "en": ["Belgium"], "fr_demonyms": [["belge", "belges"]]})")) ==
              "countries.json: countries[0].fr_demonyms[0]: expected the four forms [m. sg, f. sg, m. pl, f. pl]");
        CHECK(parse_error(gazetteer_json(
                  R"({"iso3": "BEL", "iso2": "BE", "status": "un_member", "fr": [{"name": "Belgique", "article": "la", "gender": "f"}], "en": ["Belgium"], "citties": []})")) ==
              "countries.json: countries[0]: unknown field 'citties'");
        CHECK(parse_error(gazetteer_json(std::string(kMinimalCountry) + "," + kMinimalCountry)) ==
              "countries.json: countries[1].iso3: duplicate code 'BEL'");
    }
    SECTION("one name for two countries must be declared ambiguous") {
        std::string lby = R"({"iso3": "LBY", "iso2": "LY", "status": "un_member", "fr": [{"name": "Libye", "article": "la", "gender": "f"}], "en": ["Libya"], "cities": ["Tripoli"]})";
        std::string lbn = R"({"iso3": "LBN", "iso2": "LB", "status": "un_member", "fr": [{"name": "Liban", "article": "le", "gender": "m"}], "en": ["Lebanon"], "cities": ["Tripoli"]})";
        CHECK_THAT(parse_error(gazetteer_json(lby + "," + lbn)),
                   Catch::StartsWith("countries.json: countries[1] (LBN).cities[0]: 'Tripoli' is also 'Tripoli' of LBY (city)"));
        CHECK(parse_error(gazetteer_json(kMinimalCountry, R"(, "ambiguous": [{"name": "Flandre", "readings": [{"iso3": "XYZ", "kind": "region"}]}])")) ==
              "countries.json: ambiguous[0].readings[0].iso3: no country 'XYZ' in \"countries\"");
        CHECK(parse_error(gazetteer_json(kMinimalCountry, R"(, "given_names": ["Jean Pierre"])")) ==
              "countries.json: given_names[0]: 'Jean Pierre' is not one word");
    }
    SECTION("a file that cannot be read names its path; a bad file on disk names the file") {
        auto missing = Gazetteer::load(kRoot + "/tests/data/geo/nope.json", analyzer());
        REQUIRE_FALSE(missing.ok());
        CHECK_THAT(missing.error().message, Catch::Contains("nope.json"));
        auto bad = Gazetteer::load(kRoot + "/tests/data/geo/wrong-type.json", analyzer());
        REQUIRE_FALSE(bad.ok());
        CHECK_THAT(bad.error().message, Catch::EndsWith("wrong-type.json: countries[1].regions: expected an array of strings, got string"));
    }
    SECTION("a minimal table works") {
        auto g = Gazetteer::parse(gazetteer_json(kMinimalCountry), "countries.json", analyzer());
        REQUIRE(g.ok());
        auto found = extract_countries(analyzer(), g.value(), "la Belgique");
        REQUIRE(found.size() == 1);
        CHECK(found[0].iso3 == "BEL");
    }
}

// [SECTION] The seed articles -----------------------------------------------------------------

TEST_CASE("extract: the seed articles, as a careful reader finds them", "[geo][extract][seeds]") {
    using Expected = std::map<std::string, std::vector<std::string>>;  // iso3 → surfaces in text order
    auto [file, expected] = GENERATE(table<std::string, Expected>({
        {"000_dd79424af6a55c74.txt",
         // "Europe" and "Amérique" are continents; "la Sûreté de l’État" is Belgian but names no country;
         // "Kabul Now" is an outlet: its name is no mention of the city.
         {{"AFG", {"Kaboul", "Afghanistan", "Kaboul", "Afghanistan", "Afghans"}},
          {"BEL", {"Bruxelles", "belge", "belge", "Bruxelles"}}}},
        {"001_eb2049a8a21f8b0e.txt",
         // "l’Etat Islamique", "EI", "UE", "hors d’état" are not countries.
         {{"BEL", {"Belgique", "Belgique", "belge", "Flandre orientale", "Belgique", "Flandre-Orientale", "Belgique"}},
          {"NLD", {"La Haye"}},
          {"ESP", {"Espagne", "îles Canaries", "Espagne"}}}},
        {"002_9d81120c4d4a292b.txt",
         // "Européens", "européens", "l’agence européenne" are not countries.
         {{"BEL", {"belge", "belge", "belge", "belge", "Belgique", "Bruxelles", "Flandre orientale"}},
          {"NLD", {"La Haye", "Pays-Bas"}},
          {"ESP", {"espagnole", "îles Canaries"}}}},
        {"003_d7716fe0f2a8dcd5.txt",
         // "Union européenne", "European Union", "Daech", "Etat islamique" are not countries.
         {{"BEL", {"Belgique", "BRUXELLES", "Belgique", "belge", "belge", "Belgique", "belge", "Bruxelles", "Bruxelles"}},
          {"FRA", {"France", "PARIS", "France", "France", "France", "Paris", "Trèbes"}},
          {"GBR", {"Royaume-Uni", "Royaume-Uni", "Royaume-Uni"}},
          {"NLD", {"La Haye", "Pays-Bas", "Pays-Bas", "Pays-Bas"}},
          {"CAN", {"canadiennes", "Canada", "Canada"}},
          {"USA", {"américaines", "États-Unis", "États-Unis", "Etats-Unis"}},
          {"BGR", {"Bulgarie", "Bulgarie"}},
          {"ROU", {"Roumanie", "Roumanie"}},
          {"ESP", {"espagnole", "Barcelone"}},
          {"DEU", {"Berlin"}}}},
        {"004_49b964d3a1148937.txt",
         // "le royaume" (Morocco) is not matched: a common noun; "El Pais" is a newspaper.
         {{"MAR", {"Maroc", "Maroc", "Maroc", "Maroc", "Maroc"}},
          {"BEL", {"Belgique", "Malines", "Belgique", "Malines", "Belgique", "Région flamande", "belge"}},
          {"ESP", {"Espagne", "Espagne", "espagnol"}},
          {"FRA", {"France", "France", "France"}},
          {"IRQ", {"Irak"}},
          {"SYR", {"Syrie"}}}},
    }));
    auto text = vigie::corpus::read_file(kRoot + "/assets/corpus/" + file);
    REQUIRE(text.ok());
    Expected got;
    for (const CountryMentions& c : extract_countries(analyzer(), gazetteer(), text.value()))
        for (const Mention& m : c.mentions) got[c.iso3].push_back(m.surface);
    CAPTURE(file);
    CHECK(got == expected);
}

TEST_CASE("extract: matching a 3 kB article takes well under a millisecond", "[geo][extract][perf]") {
    auto text = vigie::corpus::read_file(kRoot + "/assets/corpus/003_d7716fe0f2a8dcd5.txt");
    REQUIRE(text.ok());
    auto tokens = analyzer().analyze(text.value());
    constexpr int kRuns = 50;
    auto start = std::chrono::steady_clock::now();
    std::size_t found = 0;
    for (int i = 0; i < kRuns; ++i) found += extract_countries(gazetteer(), text.value(), tokens).size();
    auto us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / kRuns;
    CHECK(found == 10 * kRuns);
    CHECK(us < 1000.0);  // natively about 40 µs; the bound leaves room for wasm and slow machines
}

TEST_CASE("extract: every cited sentence of the dossier names the country it is cited for", "[geo][seeds]") {
    auto corpus = vigie::corpus::load_input(kRoot + "/assets/corpus");
    REQUIRE(corpus.ok());
    std::size_t checked = 0;
    for (const auto& op : corpus->operations)
        for (const auto& p : op.participants)
            for (const auto& c : p.citations) {
                CAPTURE(op.id, p.country, c.quote);
                bool named = false;
                for (const CountryMentions& m : extract_countries(analyzer(), gazetteer(), c.quote)) named |= m.iso3 == p.country;
                CHECK(named);
                ++checked;
            }
    CHECK(checked >= 24);
}
