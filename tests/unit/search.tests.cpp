// The French behaviour suite: what a journalist expects of a French search engine, checked
// through the whole pipeline (analyzer → index → query → ranking → snippets → facets).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/corpus/jsonl.h"
#include "core/geo/gazetteer.h"
#include "core/index/builder.h"
#include "core/index/index.h"
#include "core/index/search.h"
#include "core/text/analyzer.h"
#include "support.h"

using namespace vigie;
using vigie::testing::analyzer;

namespace {

bool same_facets(const std::vector<index::FacetCount>& a, const std::vector<index::FacetCount>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].value != b[i].value || a[i].count != b[i].count) return false;
    return true;
}

// The same question with every form read one by one (SearchOptions::merged = false): the same
// total, hits, scores to the bit and facets (checked); whether the merged search was summarised.
bool summarised_as_unmerged(const index::Searcher& s, const std::string& q, std::size_t limit) {
    CAPTURE(q, limit);
    index::SearchOptions o;
    o.limit = limit;
    o.snippets = false;
    const auto merged = s.search(q, o);
    o.merged = false;
    const auto unmerged = s.search(q, o);
    CHECK_FALSE(unmerged.summarised);
    CHECK(merged.total == unmerged.total);
    REQUIRE(merged.hits.size() == unmerged.hits.size());
    for (std::size_t i = 0; i < unmerged.hits.size(); ++i) {
        CHECK(merged.hits[i].doc == unmerged.hits[i].doc);
        CHECK(merged.hits[i].score == unmerged.hits[i].score);  // to the bit
    }
    CHECK(same_facets(merged.years, unmerged.years));
    CHECK(same_facets(merged.sources, unmerged.sources));
    CHECK(same_facets(merged.countries, unmerged.countries));
    return merged.summarised;
}

corpus::Document doc(std::string id, std::string title, std::string text, std::string date = "",
                     std::string source = "", std::vector<std::string> countries = {}) {
    corpus::Document d;
    d.id = std::move(id);
    d.title = std::move(title);
    d.text = std::move(text);
    if (!date.empty()) d.date = *corpus::Date::parse(date);
    d.source = std::move(source);
    d.countries = std::move(countries);
    return d;
}

const index::Index& fixture() {
    static index::Index ix = [] {
        std::vector<corpus::Document> docs = {
            doc("economie", "Conjoncture", "L’économie belge a progressé au deuxième trimestre.", "2019-05", "Le Soir", {"BEL"}),
            doc("economies", "Zone euro", "Les économies européennes ralentissent nettement.", "2018-02", "Reuters"),
            doc("ete", "Saison", "Cet été, les opérations ont été menées à Bruxelles.", "2019-08", "RTBF", {"BEL"}),
            doc("agence", "Amaq", "L'agence de presse Amaq a été fermée par la police.", "2019-11", "RTBF", {"BEL", "ESP"}),
            doc("presse", "Kiosque", "La presse de l'agence régionale a fermé ses portes.", "2017-03", "Le Soir"),
            doc("nombre-point", "Bilan", "Plus de 26.000 contenus ont été supprimés.", "2019-11", "Reuters", {"BEL"}),
            doc("nombre-espace", "Chiffres", "Au total, 26 000 éléments ont été retirés du réseau.", "2019-11", "AFP"),
            doc("us-trait", "Serveurs", "Des serveurs saisis aux États-Unis et au Canada.", "2018-04", "Reuters", {"USA", "CAN"}),
            doc("us-espace", "Alliés", "Les Etats Unis ont participé avec le Royaume Uni.", "2018-04", "AFP", {"USA", "GBR"}),
            doc("mener", "Enquête", "L’enquête est menée par la police judiciaire fédérale.", "2020-01", "Le Soir", {"BEL"}),
            doc("propagande", "Réseaux", "La propagande terroriste circule encore en ligne.", "2021-06", "AFP"),
            doc("resume-accent", "Dossier", "Le résumé complet de l'affaire reste confidentiel.", "2022-01", "AFP"),
            doc("resume-plain", "Dossier", "Le resume complet de l'affaire reste confidentiel.", "2022-01", "AFP"),
            doc("titre", "Malines accueille les procureurs", "Une réunion a eu lieu en Belgique, près de Bruxelles.", "2017-10", "Yabiladi", {"BEL", "MAR"}),
            doc("corps", "Réunion", "Une réunion des procureurs a eu lieu à Malines, en Belgique, près de Bruxelles.", "2017-10", "Yabiladi", {"BEL"}),
        };
        auto built = index::build_index(docs, analyzer());
        REQUIRE(built.ok());
        return std::move(built).value();
    }();
    return ix;
}

index::SearchResult run(const std::string& q, bool typing = false) {
    index::SearchOptions o;
    o.limit = 20;
    o.typing = typing;
    return index::Searcher(fixture(), analyzer()).search(q, o);
}

std::vector<std::string> ids(const index::SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.emplace_back(fixture().doc(h.doc).id);
    return out;
}

std::vector<std::string> sorted_ids(const std::string& q) {
    auto v = ids(run(q));
    std::sort(v.begin(), v.end());
    return v;
}

using Ids = std::vector<std::string>;

Ids sorted_ids_typing(const std::string& q) {
    auto v = ids(run(q, true));
    std::sort(v.begin(), v.end());
    return v;
}

// The gazetteer compiled in, as the CLI and the page build with it.
const geo::Gazetteer& builtin_gazetteer() {
    static const geo::Gazetteer g = [] {
        auto r = geo::Gazetteer::builtin(analyzer());
        REQUIRE(r.ok());
        return std::move(r).value();
    }();
    return g;
}

// A small index of its own, for the cases the shared fixture does not hold; built and searched
// with a gazetteer when given one.
struct Corpus {
    const geo::Gazetteer* gazetteer;
    index::Index index;
    explicit Corpus(const std::vector<corpus::Document>& docs, const geo::Gazetteer* g = nullptr) : gazetteer(g), index(build(docs, g)) {}
    static index::Index build(const std::vector<corpus::Document>& docs, const geo::Gazetteer* g) {
        auto built = index::build_index(docs, analyzer(), g);
        REQUIRE(built.ok());
        return std::move(built).value();
    }
    index::Searcher searcher() const { return index::Searcher(index, analyzer(), gazetteer); }
    Ids found(const std::string& q) const {  // the ids of the hits, sorted
        Ids out;
        for (const auto& h : searcher().search(q, {}).hits) out.emplace_back(index.doc(h.doc).id);
        std::sort(out.begin(), out.end());
        return out;
    }
};

}  // namespace

TEST_CASE("french: accents, case, elisions, plurals and verb forms never matter", "[search][french]") {
    auto [query, expected] = GENERATE(table<std::string, Ids>({
        {"economie", {"economie", "economies"}},
        {"économie", {"economie", "economies"}},
        {"ÉCONOMIES", {"economie", "economies"}},
        {"l’économie", {"economie", "economies"}},
        {"l'economie", {"economie", "economies"}},
        {"menée", {"ete", "mener"}},
        {"mener", {"ete", "mener"}},
        {"progresser", {"economie"}},
        // a real word, never dropped as a stopword: "summer" and the participle of "a été"
        {"ete", {"agence", "ete", "nombre-espace", "nombre-point"}},
        {"été", {"agence", "ete", "nombre-espace", "nombre-point"}},
    }));
    CAPTURE(query);
    CHECK(sorted_ids(query) == expected);
}

TEST_CASE("french: plurals Snowball keeps apart still match their singulars", "[search][french]") {
    const Corpus c({doc("amis", "", "Des amis fidèles.", "", ""), doc("ami", "", "Un ami fidèle.", "", ""),
                    doc("euros", "", "Dix euros la page.", "", ""), doc("euro", "", "Un euro la page.", "", ""),
                    doc("elus", "", "Les élus du conseil.", "", ""), doc("detenus", "", "Trois détenus libérés.", "", ""),
                    doc("jeux", "", "Les jeux en ligne.", "", ""), doc("jeu", "", "Le jeu en ligne.", "", ""),
                    doc("heureuse", "", "Une issue heureuse.", "", ""), doc("heureux", "", "Un dénouement heureux.", "", ""),
                    doc("mois", "", "Trois mois plus tard.", "", ""), doc("moi", "", "Et moi aussi.", "", ""),
                    doc("mais", "", "Il a voulu, mais trop tard.", "", ""), doc("mai", "", "Le 3 mai dernier.", "", "")});
    for (const char* q : {"ami", "amis"}) CHECK(c.found(q) == Ids{"ami", "amis"});
    for (const char* q : {"euro", "euros"}) CHECK(c.found(q) == Ids{"euro", "euros"});
    CHECK(c.found("élu") == Ids{"elus"});
    CHECK(c.found("detenu") == Ids{"detenus"});
    for (const char* q : {"jeu", "jeux"}) CHECK(c.found(q) == Ids{"jeu", "jeux"});
    for (const char* q : {"heureux", "heureuses"}) CHECK(c.found(q) == Ids{"heureuse", "heureux"});
    // a singular the corpus has only in the plural
    CHECK(Corpus({doc("e", "", "Trois euros.", "", "")}).found("euro") == Ids{"e"});
    // pris has no singular "pri": it stays with prise, apart from prier
    const Corpus p({doc("pris", "", "Il a pris la route.", "", ""), doc("prise", "", "Une prise de guerre.", "", ""),
                    doc("prie", "", "Il prie chaque soir.", "", "")});
    CHECK(p.found("pris") == Ids{"pris", "prise"});
    CHECK(p.found("prie") == Ids{"prie"});
    // words whose singular would be another word stay apart
    CHECK(c.found("mois") == Ids{"mois"});
    CHECK(c.found("moi") == Ids{"moi"});
    CHECK(c.found("mai") == Ids{"mai"});
    CHECK(c.found("mais") == Ids{"mais"});
}

TEST_CASE("french: a word typed without its accents finds what Snowball stems apart", "[search][french]") {
    // Snowball stems sécurité as secur but securite as securit: the index keeps the link.
    const Corpus c({doc("accent", "", "La sécurité des données.", "", ""), doc("accents", "", "Les sécurités multiples.", "", ""),
                    doc("nu", "", "La securite sans accent.", "", ""), doc("activite", "", "Une activité intense.", "", "")});
    for (const char* q : {"securite", "securites", "SECURITE", "sécurité", "sécurités", "sécurite"}) {
        CAPTURE(q);
        CHECK(c.found(q) == Ids{"accent", "accents", "nu"});
    }
    // Mis-accented, and its term another word's (Securities: securit): the accented word too.
    const Corpus en({doc("fr", "", "La sécurité des données."), doc("fr2", "", "Une sécurité renforcée."),
                     doc("en", "", "Securities and bonds.")});
    CHECK(en.found("sécurite") == Ids{"en", "fr", "fr2"});
    // A dossier where some texts lost their accents (capitals, wire copy): both spellings find
    // both, but not where the bare spelling is a commoner word of its own (des is not dès).
    const Corpus mixed({doc("a1", "", "Le procès des autorités a eu lieu."), doc("a2", "", "LE PROCES DES AUTORITES"),
                        doc("a3", "", "Proces et autorites, des semaines plus tard."), doc("a4", "", "Dès lundi, les autorités ont parlé."),
                        doc("a5", "", "Des témoins, des experts et des avocats.")});
    for (const char* q : {"procès", "proces", "PROCÈS"}) CHECK(mixed.found(q) == Ids{"a1", "a2", "a3"});
    for (const char* q : {"autorités", "autorites"}) CHECK(mixed.found(q) == Ids{"a1", "a2", "a3", "a4"});
    CHECK(mixed.found("dès") == Ids{"a4"});
    const auto r = index::Searcher(c.index, analyzer()).search("activite", {});
    REQUIRE(r.hits.size() == 1);
    CHECK(r.messages.empty());  // found as written, not as a typo: a folded match, below the exact one
    const float exact = index::Searcher(c.index, analyzer()).search("activité", {}).hits.at(0).score;
    CHECK(r.hits[0].score < exact);
    CHECK(r.hits[0].score > 0.9f * exact);
}

TEST_CASE("french: a name Snowball stems with a common word is kept apart, as the corpus writes it", "[search][french]") {
    // Snowball stems Louis and louer alike (lou); the corpus writes Louis with a capital inside
    // its sentences, so it is a name. Nouns of nationality, capitals without accents, menu
    // items, a country's name and a sentence's first word stay with their stems. Built as the
    // CLI and the page build, with the gazetteer.
    const Corpus c({
        doc("roi", "Note", "Le roi Louis XIV a régné longtemps. On dit que Louis aimait Versailles."),
        doc("juge", "Note", "Selon Jean-Louis Bruguière, le juge, la menace persiste."),
        doc("loue", "Note", "On loue un appartement. Ils louent des voitures."),
        doc("louer", "Note", "Louer une maison coûte cher. Loue-t-on encore ?"),
        doc("brit", "Note", "Les Britanniques ont voté. Selon les Britanniques interrogés, rien ne change."),
        doc("brit2", "Note", "Le gouvernement britannique hésite."),
        doc("etat", "Note", "Selon l'Etat islamique, la propagande continue. Pour l'Etat belge, non."),
        doc("etat2", "Note", "Un état des lieux."),
        doc("menu", "Note", "Cliquez sur Désaturer pour retirer les couleurs, puis sur Désaturer encore."),
        doc("menu2", "Note", "La désaturation retire les couleurs."),
        doc("denis", "Note", "Selon Denis Robert, rien. Pour Denis, non. Avec Denis, oui."),
        doc("deni", "Note", "Un déni de justice, qu'on dénie encore."),
        doc("wiki", "Note", "Selon Wikipédia, rien. Sur Wikipédia, non. Pour Wikipédia, oui."),
        doc("wiki2", "Note", "Selon Wikipedia, rien. Sur Wikipedia, non. Pour Wikipedia, oui."),
        doc("helene", "Note", "Selon Hélène Martin, rien. Pour Hélène, non. Avec Hélène, oui."),
        doc("helene2", "Note", "Une dépêche sans accents cite Helene Martin."),
        doc("russie", "Note", "Selon la Russie, rien. Pour la Russie, non. Avec la Russie, oui."),
        doc("russe", "Note", "Les forces russes avancent."),
        doc("mali", "Note", "Selon le Mali, rien. Pour le Mali, non. Au Mali, les soldats."),
        doc("mal", "Note", "Le mal est fait. Il a du mal à dormir."),
        doc("crimee", "Note", "Selon la Crimée, rien. Pour la Crimée, non. Avec la Crimée, oui. Sans la Crimee."),
        doc("crime", "Note", "Un crime atroce. Les crimes de guerre."),
        doc("rennes", "Note", "Selon Rennes, rien. Pour Rennes, non. Avec Rennes, oui."),
        doc("renne", "Note", "Un renne dans la neige."),
        doc("france", "Note", "Selon la France, rien. Pour la France, non. Avec la France, oui."),
        doc("francais", "Note", "Le gouvernement français parle."),
        doc("kurdes", "Note", "Selon les Kurdes, rien. Pour les Kurdes, non. Avec les Kurdes, oui."),
        doc("kurde", "Note", "Un village kurde."),
        doc("amerique", "Note", "Selon l'Amérique, rien. Pour l'Amérique, non. Avec l'Amérique, oui."),
        doc("amer", "Note", "Un goût amer."),
        doc("seine", "Note", "Selon la Seine, rien. Sur la Seine, non. Avec la Seine, oui."),
        doc("sein", "Note", "Au sein de l'Union, un débat."),
        doc("gaza", "Note", "Les habitants de Gaza attendent."),
        doc("gaz", "Note", "Le prix du gaz monte."),
    }, &builtin_gazetteer());
    CHECK(c.found("Louis") == Ids{"juge", "roi"});
    CHECK(c.found("louis") == Ids{"juge", "roi"});
    CHECK(c.found("Luois") == Ids{"juge", "roi"});  // a typo finds the name
    CHECK(c.found("louer") == Ids{"loue", "louer"});
    CHECK(c.found("britannique") == Ids{"brit", "brit2"});
    CHECK(c.found("Britanniques") == Ids{"brit", "brit2"});
    CHECK(c.found("état") == Ids{"etat", "etat2"});
    CHECK(c.found("etat") == Ids{"etat", "etat2"});
    CHECK(c.found("désaturation") == Ids{"menu", "menu2"});
    CHECK(c.found("Denis") == Ids{"denis"});
    CHECK(c.found("déni") == Ids{"deni"});
    // A name's spellings with and without accents stay one.
    CHECK(c.found("wikipedia") == Ids{"wiki", "wiki2"});
    CHECK(c.found("Wikipédia") == Ids{"wiki", "wiki2"});
    // ...though only one of them is written often enough to tell a name.
    CHECK(c.found("Hélène") == Ids{"helene", "helene2"});
    CHECK(c.found("Helene") == Ids{"helene", "helene2"});
    // A country's name stays with its adjective, and so does a people's.
    CHECK(c.found("Russie") == Ids{"russe", "russie"});
    CHECK(c.found("France") == Ids{"francais", "france"});
    CHECK(c.found("kurde") == Ids{"kurde", "kurdes"});
    // A place the gazetteer names is kept apart from a common word, whatever its ending; its
    // spelling without accents goes with it.
    CHECK(c.found("Mali") == Ids{"mali"});
    CHECK(c.found("mal") == Ids{"mal"});
    CHECK(c.found("Crimée") == Ids{"crimee"});
    CHECK(c.found("crimee") == Ids{"crimee"});
    CHECK(c.found("crimes") == Ids{"crime"});
    CHECK(c.found("Rennes") == Ids{"rennes"});
    CHECK(c.found("renne") == Ids{"renne"});
    CHECK(c.found("Gaza") == Ids{"gaza"});  // once is enough for a place
    CHECK(c.found("gaz") == Ids{"gaz"});
    // So is the first word of a longer name, as other names are: Amérique (latine), Seine(-Saint-Denis).
    CHECK(c.found("Amérique") == Ids{"amerique"});
    CHECK(c.found("amer") == Ids{"amer"});
    CHECK(c.found("Seine") == Ids{"seine"});
    CHECK(c.found("sein") == Ids{"sein"});
}

TEST_CASE("index: a body analyzed a part at a time gives the index of the body analyzed whole", "[index][search]") {
    // The builder analyzes a long body in parts (BuildOptions::analyze_part, a megabyte) so that
    // the analyzer's memory is a part's. Cut every 40 bytes here: numbers with spaces, compounds,
    // elisions, line breaks, names with a capital and countries must come out the same.
    std::string text;
    for (int k = 0; text.size() < 6000; ++k)
        text += "Selon Louis, l’opération menée aux États-Unis et en Belgique a saisi 26 000 fichiers (n° " + std::to_string(k) +
                ").\nLa propagande d'Amaq recule ; Louis le confirme.\n\n";
    const std::vector<corpus::Document> docs = {doc("long", "Rapport", text), doc("court", "Note", "Louis vit en Belgique.")};
    auto build = [&](std::size_t part) {
        index::BuildOptions o;
        o.analyze_part = part;
        index::IndexBuilder b(analyzer(), &builtin_gazetteer(), o);
        for (const auto& d : docs) b.add(d);
        auto bytes = std::move(b).finish();
        REQUIRE(bytes.ok());
        return std::move(bytes).value();
    };
    const std::string whole = build(std::size_t(1) << 20), parts = build(40);
    CHECK(parts == whole);
    auto ix = index::Index::open(parts);
    REQUIRE(ix.ok());
    const auto r = index::Searcher(ix.value(), analyzer(), &builtin_gazetteer()).search("\"26 000 fichiers\" pays:US", {});
    REQUIRE(r.hits.size() == 1);
    CHECK(ix->doc(r.hits[0].doc).id == "long");
    CHECK(r.hits[0].snippet.find("26 000 fichiers") != std::string::npos);
}

TEST_CASE("french: a place the dossier does not name finds no common word of its stem", "[search][french]") {
    // Snowball stems Mali with mal, Gaza with gaz, Italie with italique, Crimée with crime; none
    // of these places is in the dossier, so the builder cannot part them: search does, for a
    // word written as the place's name is (with its capital).
    const Corpus c({
        doc("mal", "Note", "Le mal est fait."),
        doc("gaz", "Note", "Le prix du gaz monte."),
        doc("italique", "Note", "Le texte en italique."),
        doc("crime", "Note", "Un crime a été commis."),
        doc("franc", "Note", "Le franc CFA reste en usage."),
        doc("grenades", "Note", "Des grenades ont été lancées."),
        doc("russe", "Note", "Les forces russes avancent."),
        doc("tri", "Note", "Le tri sélectif des déchets."),
    }, &builtin_gazetteer());
    for (const char* place : {"Mali", "Gaza", "Italie", "Crimée", "Trier"}) {
        CAPTURE(place);
        const auto r = c.searcher().search(place, {});
        CHECK(r.total == 0);
        CHECK(r.messages.empty());  // no typo either: "Italie" is not "italique" misspelt
    }
    CHECK(c.found("mal") == Ids{"mal"});
    CHECK(c.found("gaz") == Ids{"gaz"});
    CHECK(c.found("France") == Ids{});
    // Its own endings and its country's words still count.
    CHECK(c.found("Grenade") == Ids{"grenades"});
    CHECK(c.found("Russie") == Ids{"russe"});
    // Written in lowercase it is the common word, whose stem is Snowball's: trier finds tri.
    CHECK(c.found("trier") == Ids{"tri"});
    CHECK(c.found("mali") == Ids{"mal"});
    // Without a gazetteer, Snowball's stems as they are.
    CHECK(Corpus({doc("mal", "Note", "Le mal est fait.")}).found("Mali") == Ids{"mal"});
}

TEST_CASE("french: phrases keep their order, stopwords included", "[search][french]") {
    CHECK(sorted_ids("\"agence de presse\"") == Ids{"agence"});
    CHECK(sorted_ids("\"presse de l'agence\"") == Ids{"presse"});
    CHECK(sorted_ids("agence presse") == Ids{"agence", "presse"});  // words: any order
    CHECK(sorted_ids("\"police judiciaire\"") == Ids{"mener"});
    CHECK(sorted_ids("\"judiciaire police\"").empty());
}

TEST_CASE("french: numbers and hyphenated compounds", "[search][french]") {
    for (const char* q : {"26000", "26.000", "26 000", "\"26 000 éléments\""}) {
        CAPTURE(q);
        const Ids expect = std::string(q).find("éléments") != std::string::npos ? Ids{"nombre-espace"}
                                                                                  : Ids{"nombre-espace", "nombre-point"};
        CHECK(sorted_ids(q) == expect);
    }
    for (const char* q : {"États-Unis", "Etats-Unis", "etats unis", "\"États Unis\""}) {
        CAPTURE(q);
        CHECK(sorted_ids(q) == Ids{"us-espace", "us-trait"});
    }
    CHECK(sorted_ids("Royaume-Uni") == Ids{"us-espace"});
    // The written compound ranks above the same words without the hyphen (us-espace also has
    // Royaume Uni, another form of unis: two documents alike but for the hyphen).
    std::vector<corpus::Document> pair{doc("espace", "Serveurs", "Des serveurs aux Etats Unis.", "2018-04", "AFP", {}),
                                       doc("trait", "Serveurs", "Des serveurs aux États-Unis.", "2018-04", "AFP", {})};
    auto built = index::build_index(pair, analyzer());
    REQUIRE(built.ok());
    const auto r = index::Searcher(built.value(), analyzer()).search("États-Unis", {});
    REQUIRE(r.hits.size() == 2);
    CHECK(built->doc(r.hits[0].doc).id == "trait");
}

TEST_CASE("french: typos in long words are forgiven, ranked below exact matches", "[search][french]") {
    auto r = run("propagnde");
    CHECK(ids(r) == Ids{"propagande"});
    REQUIRE(r.messages.size() == 1);
    CHECK_THAT(r.messages[0].text(), Catch::Contains("propagande"));
    CHECK(ids(run("porpagande")) == Ids{"propagande"});   // swapped letters
    CHECK(ids(run("terroristte")) == Ids{"propagande"});  // 9+ letters: two typos allowed
    CHECK(ids(run("xropagande")) == Ids{"propagande"});   // …and one may be the first letter
    CHECK(ids(run("rpopagande")) == Ids{"propagande"});
    CHECK(ids(run("polisse")).empty());                   // a short word: no guessing
}

TEST_CASE("french: a typo finds the near word and its plural, not every form of its verb", "[search][french]") {
    std::vector<corpus::Document> docs = {
        doc("payees", "Factures", "Les factures payées hier."),
        doc("payee", "Facture", "La facture payée hier."),
        doc("payons", "Achats", "Nous payons comptant."),
        doc("payerions", "Achats", "Nous payerions plus tard."),
    };
    CHECK(Corpus(docs).found("pazées") == Ids{"payee", "payees"});
    // The message names the near words as the texts write them, accents and all.
    const Corpus said(docs);
    const auto told = index::Searcher(said.index, analyzer()).search("pazées", {});
    REQUIRE(told.messages.size() == 1);
    CHECK_THAT(told.messages[0].text(), Catch::Contains("payées") && !Catch::Contains("payees"));

    // The near word ranks as if typed: its own form before the rest of its word.
    docs = {doc("centrale", "Énergie", "La centrale nucléaire."), doc("central", "Réseau", "Le central, le central, le central.")};
    for (int i = 0; i < 8; ++i) docs.push_back(doc("autre" + std::to_string(i), "Note", "Rien à signaler."));
    const Corpus c(docs);
    const auto r = index::Searcher(c.index, analyzer()).search("cenprale", {});
    REQUIRE(r.hits.size() == 2);
    CHECK(c.index.doc(r.hits[0].doc).id == "centrale");
}

TEST_CASE("addresses, hosts and identifiers are found whole and by their parts", "[search]") {
    std::vector<corpus::Document> docs = {
        doc("mail", "Contact", "Écrire à presse@amaq-news.org ou voir www.lemonde.fr."),
        doc("code", "Manuel", "La fonction lio_listio(3) et le drapeau O_RDONLY."),
        doc("us", "Alliés", "Les U.S. ont saisi les serveurs."),
        doc("autre", "Bruit", "Le monde de la presse et les news."),
    };
    const Corpus c(docs);
    auto found = [&](const std::string& q) { return c.found(q); };
    CHECK(found("amaq") == Ids{"mail"});
    CHECK(found("presse@amaq-news.org") == Ids{"mail"});
    CHECK(found("lemonde") == Ids{"mail"});
    CHECK(found("www.lemonde.fr") == Ids{"mail"});
    CHECK(found("\"lemonde fr\"") == Ids{"mail"});
    CHECK(found("listio") == Ids{"code"});
    CHECK(found("lio_listio") == Ids{"code"});
    CHECK(found("rdonly") == Ids{"code"});
    CHECK(found("U.S.") == Ids{"us"});
    // The highlight covers the part that matched.
    const auto r = index::Searcher(c.index, analyzer()).search("lemonde", {});
    REQUIRE(r.hits.size() == 1);
    REQUIRE(r.hits[0].highlights.size() == 1);
    const auto [b, e] = r.hits[0].highlights[0];
    CHECK(r.hits[0].snippet.substr(b, e - b) == "lemonde");
}

TEST_CASE("a word of a script without spaces is found as its characters in a row", "[search]") {
    std::vector<corpus::Document> docs = {doc("tokyo", "会議", "東京の会議で合意した。"),
                                          doc("kyoto", "旅行", "京都東部を訪れた。")};
    auto built = index::build_index(docs, analyzer());
    REQUIRE(built.ok());
    index::SearchOptions o;
    auto found = [&](const std::string& q) {
        Ids out;
        for (const auto& h : index::Searcher(built.value(), analyzer()).search(q, o).hits) out.emplace_back(built->doc(h.doc).id);
        return out;
    };
    CHECK(found("東京") == Ids{"tokyo"});  // both documents have 東 and 京; one has them together
    CHECK(found("京都") == Ids{"kyoto"});
    CHECK(found("東") == Ids{"kyoto", "tokyo"});
}

TEST_CASE("countries: named in the text become facets, and pays: takes codes and names", "[search][geo]") {
    const Corpus c({
        doc("malines", "Réunion", "Les procureurs se sont réunis à Malines avec leurs collègues marocains."),
        doc("espagne", "Arrestations", "Les autorités espagnoles ont arrêté deux hommes."),
        doc("paris", "Sport", "Les paris sportifs en ligne progressent.", "", "", {"FRA"}),  // curated, not "paris"
        doc("rien", "Météo", "Il pleut sur la côte."),
    }, &builtin_gazetteer());
    const index::Searcher searcher = c.searcher();
    for (const char* q : {"pays:BEL", "pays:BE", "pays:Belgique", "country:belgium", "pays:belge", "pays:Bruxelles"}) {
        CAPTURE(q);
        CHECK(c.found(q) == Ids{"malines"});
    }
    CHECK(c.found("pays:Maroc") == Ids{"malines"});
    CHECK(c.found("pays:ES") == Ids{"espagne"});
    CHECK(c.found("pays:France") == Ids{"paris"});
    const auto r = searcher.search("pays:Atlantide", {});
    REQUIRE(r.messages.size() == 1);
    CHECK_THAT(r.messages[0].text(), Catch::Contains("inconnu"));
    CHECK(r.messages[0].text(index::Language::en) == "Unknown country “Atlantide”: ignored.");
    CHECK(r.total == 4);  // a best effort: no country filter rather than an empty list
    CHECK(c.found("pays:Atlantide pays:ES") == Ids{"espagne"});  // the known one still filters
    CHECK(c.found("pays:Espa") == c.found(""));                  // not a name: ignored, with the note
    // While typing, a country being typed is a prefix of its name, French or English.
    auto typing = [&](const std::string& q) {
        index::SearchOptions o;
        o.typing = true;
        Ids out;
        const auto r = searcher.search(q, o);
        for (const auto& h : r.hits) out.emplace_back(c.index.doc(h.doc).id);
        std::sort(out.begin(), out.end());
        return std::pair{out, r.messages.size()};
    };
    CHECK(typing("pays:Espa") == std::pair{Ids{"espagne"}, std::size_t(0)});
    CHECK(typing("pays:spa") == std::pair{Ids{"espagne"}, std::size_t(0)});  // Spain
    CHECK(typing("pays:Espa ").second == 1);  // typed to its end: not a name
    CHECK(typing("pays:M") == std::pair{Ids{"malines"}, std::size_t(0)});  // Maroc
    const auto all = searcher.search("", {});
    std::vector<std::string> facet;
    for (const auto& f : all.countries) facet.push_back(f.value + "=" + std::to_string(f.count));
    std::sort(facet.begin(), facet.end());
    CHECK(facet == std::vector<std::string>{"BEL=1", "ESP=1", "FRA=1", "MAR=1"});
}

TEST_CASE("french: the exact accented form ranks above a folded one", "[search][french]") {
    CHECK(ids(run("résumé")) == Ids{"resume-accent", "resume-plain"});
    CHECK(ids(run("resume")) == Ids{"resume-plain", "resume-accent"});
}

TEST_CASE("french: an accent typed is kept; a letter typed without one takes any", "[search][french]") {
    // "évite" (avoids) is another form of "évité" (avoided): found, but scored as the word's
    // other forms are, not as the word typed. Typed without accents, both are the word typed.
    const Corpus c({doc("evite", "", "Il évite la question."), doc("eviter", "", "Il éviter la question."),
                    doc("evite-participe", "", "Il évité la question.")});
    auto scores = [](const Corpus& in, const std::string& q) {
        std::map<std::string, double> out;
        for (const auto& h : index::Searcher(in.index, analyzer()).search(q, {}).hits) out[std::string(in.index.doc(h.doc).id)] = h.score;
        REQUIRE(out.size() == 3);
        return out;
    };
    auto s = scores(c, "évité");
    CHECK(s["evite-participe"] > s["evite"]);
    CHECK(s["evite"] == s["eviter"]);
    s = scores(c, "evité");  // the first accent left out: "évité" is as typed, "évite" is not
    CHECK(s["evite-participe"] > s["evite"]);
    CHECK(s["evite"] == s["eviter"]);
    s = scores(c, "evite");
    CHECK(s["evite"] == s["evite-participe"]);
    CHECK(s["evite"] > s["eviter"]);
    // Capitals often lose their accent in print: "Etat" is "état" as typed.
    const Corpus caps({doc("etat-sans", "", "Il sert l’Etat."), doc("etat", "", "Il sert l’État."), doc("etats", "", "Il sert États.")});
    const auto e = scores(caps, "état");
    CHECK(e.at("etat") > e.at("etat-sans"));  // the exact form first
    CHECK(e.at("etat-sans") > e.at("etats"));
}

TEST_CASE("french: a typo keeps the accents typed", "[search][french]") {
    // "acctblé" is one edit from "accable" folded: "accablé" and "accable" both fold to it, but
    // only "accablé" keeps the "é" typed (the near word's other form counts as its other forms).
    // Typed without the accent, both are as typed, and the shorter page that says it twice leads.
    const Corpus c({doc("accable-present", "", "accable accable"), doc("accable-participe", "", "Il était accablé par la nouvelle du jour."),
                    doc("accabler", "", "accabler")});
    auto first = [&](const std::string& q) {
        const auto r = index::Searcher(c.index, analyzer()).search(q, {});
        REQUIRE(r.hits.size() == 3);
        REQUIRE(r.messages.size() == 1);
        CHECK(r.messages[0].text().find("accabl") != std::string::npos);
        return std::string(c.index.doc(r.hits[0].doc).id);
    };
    CHECK(first("acctblé") == "accable-participe");
    // The message names the form that keeps the accent typed.
    CHECK_THAT(index::Searcher(c.index, analyzer()).search("acctblé", {}).messages.at(0).text(), Catch::Contains("accablé"));
    CHECK(first("acctble") == "accable-present");
}

TEST_CASE("ranking: a rare form as typed comes before the common forms of its word", "[search]") {
    // 40 documents say "assuré", one in its title; two say the rare "assurâmes" once in the text.
    std::vector<corpus::Document> docs;
    for (int i = 0; i < 40; ++i)
        docs.push_back(doc("assure" + std::to_string(i), i == 0 ? "Assuré" : "Note", "Le contrat est assuré, dit-on."));
    docs.push_back(doc("rare1", "Note", "Nous assurâmes la liaison ce jour-là, puis la route."));
    docs.push_back(doc("rare2", "Note", "Nous nous assurâmes de tout."));
    const Corpus c(docs);
    const auto r = index::Searcher(c.index, analyzer()).search("assurâmes", {});
    CHECK(r.total == 42);  // the stem still finds every form
    REQUIRE(r.hits.size() >= 3);
    CHECK(std::set<std::string_view>{c.index.doc(r.hits[0].doc).id, c.index.doc(r.hits[1].doc).id} ==
          std::set<std::string_view>{"rare1", "rare2"});
    CHECK(c.index.doc(r.hits[2].doc).id == "assure0");
}

TEST_CASE("ranking: a phrase counts its own occurrences, not its words' elsewhere", "[search]") {
    // Same length: "scattered" says the phrase once and its words often apart; "twice" says the
    // phrase twice. Scored on every occurrence of its words, "scattered" came first.
    std::vector<corpus::Document> docs;
    docs.push_back(doc("scattered", "Note", "L'agence de presse publie. Une agence, une autre agence, la presse, la presse encore, une agence."));
    docs.push_back(doc("twice", "Note", "L'agence de presse publie. Le bureau, puis le soir, enfin l'agence de presse revient ici, voilà."));
    for (int i = 0; i < 10; ++i) docs.push_back(doc("other" + std::to_string(i), "Note", "Une agence de voyages, sans rien d'autre."));
    const Corpus c(docs);
    const index::Searcher s(c.index, analyzer());
    const auto phrase = s.search("\"agence de presse\"", {});
    REQUIRE(phrase.hits.size() == 2);
    CHECK(c.index.doc(phrase.hits[0].doc).id == "twice");
    // As words, the scattered document has more of them.
    const auto words = s.search("agence presse", {});
    REQUIRE(words.hits.size() >= 2);
    CHECK(c.index.doc(words.hits[0].doc).id == "scattered");
    // --explain counts the phrase's occurrences.
    index::SearchOptions o;
    o.explain = true;
    const auto explained = s.search("\"agence de presse\"", o);
    REQUIRE(!explained.hits.empty());
    CHECK(explained.hits[0].explanation.find("phrase (2 fois)") != std::string::npos);
    CHECK(explained.hits[0].explanation.find("agence ×1.000: titre 0, texte 2") != std::string::npos);
}

TEST_CASE("ranking: a word in the title counts more than in the text", "[search]") {
    CHECK(ids(run("procureurs")) == Ids{"titre", "corps"});
}

TEST_CASE("query language: exclusion, OR, prefix, filters", "[search]") {
    CHECK(sorted_ids("police -Amaq") == Ids{"mener"});
    CHECK(sorted_ids("Canada OR Malines") == Ids{"corps", "titre", "us-trait"});
    CHECK(sorted_ids("propag*") == Ids{"propagande"});
    CHECK(sorted_ids("contenu* 26000") == Ids{"nombre-point"});
    CHECK(sorted_ids("été année:2019") == Ids{"agence", "ete", "nombre-espace", "nombre-point"});
    CHECK(sorted_ids("été année:2017..2018").empty());
    CHECK(sorted_ids("année:2017..2018 réunion") == Ids{"corps", "titre"});
    CHECK(sorted_ids("supprimés source:reuters") == Ids{"nombre-point"});
    CHECK(sorted_ids("source:\"le soir\" police") == Ids{"mener"});
    CHECK(sorted_ids("pays:BEL 26000") == Ids{"nombre-point"});
    CHECK(sorted_ids("pays:can serveurs") == Ids{"us-trait"});
    CHECK(sorted_ids("titre:Malines") == Ids{"titre"});
    CHECK(sorted_ids("titre:police").empty());
    // a field's values join, with OR or without; an unknown source is ignored, said so
    CHECK(sorted_ids("année:2017 OR année:2020") == Ids{"corps", "mener", "presse", "titre"});
    CHECK(sorted_ids("année:2017 année:2020") == Ids{"corps", "mener", "presse", "titre"});
    CHECK(sorted_ids("police année:2019 OR année:2020") == Ids{"agence", "mener"});
    CHECK(sorted_ids("police année:2020..2019") == Ids{"agence", "mener"});
    const auto unknown = run("police source:Inconnue");
    CHECK(unknown.total == 2);
    REQUIRE(unknown.messages.size() == 1);
    CHECK(unknown.messages[0].id == index::MessageId::unknown_source);
}

TEST_CASE("query language: an excluded word is taken as written, never with a typo", "[search]") {
    CHECK(sorted_ids("police") == Ids{"agence", "mener"});
    CHECK(sorted_ids("police -judiciaire") == Ids{"agence"});
    CHECK(sorted_ids("police -judiciare") == Ids{"agence", "mener"});  // near judiciaire: not left out
    CHECK(sorted_ids("police NOT judiciaire") == Ids{"agence"});
    CHECK(sorted_ids("police AND judiciaire") == Ids{"mener"});
}

TEST_CASE("query language: a word said twice counts once", "[search][bad-input]") {
    const auto once = run("police fédérale");
    for (const char* q : {"police police fédérale police", "police fédérale fédérale"}) {
        const auto twice = run(q);
        REQUIRE(twice.hits.size() == once.hits.size());
        for (std::size_t i = 0; i < once.hits.size(); ++i) {
            CHECK(twice.hits[i].doc == once.hits[i].doc);
            CHECK(twice.hits[i].score == once.hits[i].score);
        }
    }
    std::string many;
    for (int i = 0; i < 340; ++i) many += "la ";
    CHECK(run(many).total == run("la").total);
}

TEST_CASE("explain: the first line is the score shown, and the lines below say how it is made", "[search]") {
    index::SearchOptions o;
    o.limit = 20;
    o.explain = true;
    const index::Searcher s(fixture(), analyzer());
    auto first_score = [](const index::Hit& h) { return std::stod(h.explanation.substr(std::string("score ").size())); };
    const auto near = s.search("police judiciaire", o);
    REQUIRE_FALSE(near.hits.empty());
    for (const auto& h : near.hits) CHECK(first_score(h) == Approx(h.score).epsilon(1e-3));
    CHECK_THAT(near.hits[0].explanation, Catch::Contains("proximité : fenêtre de 2 mots"));
    const auto either = s.search("Canada OR Malines", o);  // the better alternative counts, said so
    for (const auto& h : either.hits) CHECK(first_score(h) == Approx(h.score).epsilon(1e-3));
    const auto partial = s.search("police xylophone", o);
    REQUIRE(partial.relaxed);
    REQUIRE_FALSE(partial.hits.empty());
    for (const auto& h : partial.hits) {
        CHECK(first_score(h) == Approx(h.score).epsilon(1e-3));
        CHECK_THAT(h.explanation, Catch::Contains("partiel : 1 mots sur 2") && Catch::Contains("× 0.250"));
    }
}

TEST_CASE("browsing: no words lists every document that passes the filters, newest first", "[search]") {
    auto all = run("");
    CHECK(all.total == 15);
    CHECK(ids(all).front() == "resume-accent");
    auto r = run("année:2018");
    CHECK(r.total == 3);
    CHECK(sorted_ids("-police année:2019") == Ids{"economie", "ete", "nombre-espace", "nombre-point"});
}

TEST_CASE("search as you type: the last word is a prefix", "[search]") {
    CHECK(ids(run("propa", true)) == Ids{"propagande"});
    CHECK(ids(run("réseau propa", true)) == Ids{"propagande"});
    CHECK(run("propa", false).total == 0);
    // A word typed whole with its typo: nothing starts with it, so it is forgiven as it is typed.
    CHECK(ids(run("propagnde", true)) == Ids{"propagande"});
    CHECK(ids(run("réseau porpagande", true)) == Ids{"propagande"});
    CHECK(run("zyxwvu", true).total == 0);
    {
        // A short word nothing starts with is more likely half typed than mistyped: "russi"
        // (Russie, absent) is no typo for réussi or aussi while typed, only once whole.
        const Corpus c({doc("aussi", "Note", "Il vient aussi."), doc("reussi", "Note", "Il a réussi.")});
        index::SearchOptions typing;
        typing.typing = true;
        CHECK(index::Searcher(c.index, analyzer()).search("russi", typing).total == 0);
        CHECK(c.found("russi") == Ids{"aussi", "reussi"});
    }
    // A phrase being typed: its words so far as a phrase, the last one a prefix that must follow
    // the others, as in a phrase closed with a * ("mise en pag*": not "la mise en scène… page").
    CHECK(ids(run("\"agence de pre", true)) == Ids{"agence"});
    {
        const Corpus c({doc("adj", "Note", "La mise en page du rapport."), doc("far", "Note", "La mise en scène. Une page blanche."),
                        doc("none", "Note", "Une mise à jour.")});
        CHECK(c.found("\"mise en pag*\"") == Ids{"adj"});
        CHECK(c.found("\"mise en pag*") == Ids{"adj"});
        CHECK(c.found("\"mise en scè*\"") == Ids{"far"});
        index::SearchOptions typing;
        typing.typing = true;
        CHECK(index::Searcher(c.index, analyzer()).search("\"mise en pa", typing).total == 1);
    }
    // A compound being typed: its last part is a prefix, and so is the compound itself.
    CHECK(sorted_ids_typing("États-Un") == Ids{"us-espace", "us-trait"});  // as it is typed, or as two words
    const Corpus c({doc("mail", "Contact", "Voir www.lemonde.fr.")});
    index::SearchOptions typing;
    typing.typing = true;
    CHECK(index::Searcher(c.index, analyzer()).search("www.lemon", typing).total == 1);
    CHECK(index::Searcher(c.index, analyzer()).search("www.lemon", {}).total == 0);
}

TEST_CASE("when no article has every word, the best partial matches, said so", "[search]") {
    auto r = run("propagande zyxwvutsrq");
    CHECK(r.relaxed);
    CHECK(ids(r) == Ids{"propagande"});
    CHECK_FALSE(r.messages.empty());
    // No article has any of the words: no result, nothing relaxed.
    auto none = run("zyxwvutsrq qwertzuiop");
    CHECK(none.total == 0);
    CHECK_FALSE(none.relaxed);
}

TEST_CASE("facets count the whole result set", "[search]") {
    auto r = run("été");  // "a été", "cet été": 4 documents, 2 occurrences in "ete"
    auto count = [](const std::vector<index::FacetCount>& v, const std::string& value) {
        for (const auto& f : v) if (f.value == value) return f.count;
        return 0u;
    };
    CHECK(r.total == 4);
    CHECK(ids(r).front() == "ete");
    CHECK(count(r.years, "2019") == 4);
    CHECK(count(r.sources, "Reuters") == 1);
    CHECK(count(r.sources, "RTBF") == 2);
    CHECK(count(r.countries, "BEL") == 3);
    CHECK(count(r.countries, "ESP") == 1);
    // Most documents first; a tie, by name.
    std::vector<std::string> sources;
    for (const auto& f : r.sources) sources.push_back(f.value);
    CHECK(sources == std::vector<std::string>{"RTBF", "AFP", "Reuters"});
}

TEST_CASE("snippets: a passage around the matches, highlights on the matched words", "[search]") {
    auto r = run("\"agence de presse\" Amaq");
    REQUIRE(r.hits.size() == 1);
    const auto& h = r.hits[0];
    std::vector<std::string> marked;
    for (auto [b, e] : h.highlights) marked.push_back(h.snippet.substr(b, e - b));
    CHECK(marked == std::vector<std::string>{"agence", "de", "presse", "Amaq"});
    CHECK(h.snippet.find("L'agence de presse Amaq") != std::string::npos);
    auto more = run("Bruxelles");
    for (const auto& hit : more.hits)
        for (auto [b, e] : hit.highlights) CHECK(hit.snippet.substr(b, e - b) == "Bruxelles");
}

TEST_CASE("snippets: of two windows with as many of the query's words, the one whose word is rarer", "[search]") {
    std::string filler;
    for (int i = 0; i < 6; ++i) filler += "Le groupe publiait ses messages sur Telegram chaque soir. ";
    // "police" in every document, three times in a row here; "attentats" once, far from them.
    const Corpus c({doc("a", "", "La police, la police et encore la police. " + filler + "Il a parlé des attentats ce soir-là.", "", ""),
                    doc("b", "", "La police a dormi dans le dossier.", "", ""), doc("c", "", "Une police douce des débats.", "", "")});
    const auto r = c.searcher().search("police attentats", {});
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].snippet.find("des attentats ce soir") != std::string::npos);
    // While typing, the words a letter begins are in every document: "attentat" is shown, not the
    // run of d-words of the first sentence.
    const Corpus typed({doc("a", "", "Des dossiers du domaine des données. " + filler + "Un attentat a eu lieu.", "", ""),
                        doc("b", "", "Un dossier de deux documents.", "", ""), doc("c", "", "Du débat des députés.", "", "")});
    index::SearchOptions typing;
    typing.typing = true;
    const auto t = typed.searcher().search("attentats d", typing);
    REQUIRE(t.hits.size() == 1);
    CHECK(t.hits[0].snippet.find("Un attentat a eu lieu") != std::string::npos);
}

TEST_CASE("snippets: a stopword typed shows beside the query's other words only, which come in their order first", "[search]") {
    std::string filler;
    for (int i = 0; i < 4; ++i) filler += "Le groupe diffusait ses messages sur Telegram chaque soir depuis Raqqa. ";
    const std::string text = "L'agence européenne a parlé de la presse, de vidéos de propagande et de comptes. " + filler +
                             "Amaq, l'agence de propagande du groupe, a cessé.";
    const Corpus c({doc("amaq", "Réseau", text, "", "")});
    const index::Searcher s = c.searcher();
    auto marked = [](const std::string& in, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& ranges) {
        std::vector<std::string> out;
        for (auto [b, e] : ranges) out.push_back(in.substr(b, e - b));
        return out;
    };
    // The first passage has every word and more of them; the second has them as typed.
    const auto r = s.search("agence de propagande", {});
    REQUIRE(r.hits.size() == 1);
    const index::Hit& h = r.hits[0];
    CHECK(h.snippet.find("l'agence de propagande du groupe") != std::string::npos);
    CHECK(marked(h.snippet, h.highlights) == std::vector<std::string>{"agence", "de", "propagande"});
    // The reader: "de" beside agence or propagande, not in "parlé de la presse" or "de comptes".
    CHECK(marked(text, s.highlights("agence de propagande", 0)) ==
          std::vector<std::string>{"agence", "de", "propagande", "agence", "de", "propagande"});
    // Nothing but stopwords asked: every one of them.
    CHECK(s.highlights("de", 0).size() == 5);
    const auto only = s.search("de", {});
    REQUIRE(only.hits.size() == 1);
    for (const std::string& w : marked(only.hits[0].snippet, only.hits[0].highlights)) CHECK(w == "de");
    CHECK(only.hits[0].highlights.size() >= 4);
    // The query's other word in the title only: none of the text's "de".
    const Corpus titled({doc("t", "Agence", "Le rapport de la police. Le chef de la brigade.", "", "")});
    const auto t = titled.searcher().search("agence de", {});
    REQUIRE(t.hits.size() == 1);
    CHECK(t.hits[0].highlights.empty());
    CHECK(titled.searcher().highlights("agence de", 0).empty());
    // The words that are no stopwords first: "mise … forme", not "mise en" (filler between, so
    // that no window holds all three).
    const Corpus layout({doc("l", "", "Les paramètres de mise en page. " + filler + "La date mise à jour sous forme de champ.", "", "")});
    const auto m = layout.searcher().search("mise en forme", {});
    REQUIRE(m.hits.size() == 1);
    CHECK(marked(m.hits[0].snippet, m.hits[0].highlights) == std::vector<std::string>{"mise", "forme"});
    // A window counts only what its snippet shows: "agence propagande" side by side, not the
    // lone propagande 25 words before them.
    std::string text2 = "agence un deux trois propagande ";
    for (int i = 0; i < 85; ++i) text2 += "mot ";
    text2 += "propagande ";
    for (int i = 0; i < 24; ++i) text2 += "mot ";
    text2 += "agence propagande fin";
    for (int i = 0; i < 30; ++i) text2 += " mot";  // a full window after them
    const Corpus ends({doc("e", "", text2 + ".", "", "")});
    const auto e = ends.searcher().search("agence propagande", {});
    REQUIRE(e.hits.size() == 1);
    CHECK(e.hits[0].snippet.find("agence propagande fin") != std::string::npos);
    CHECK(marked(e.hits[0].snippet, e.hits[0].highlights) == std::vector<std::string>{"agence", "propagande"});
    // Typed as a prefix, a stopword's longer words are words: "la" finds "lancée", shown alone.
    index::SearchOptions typing;
    typing.typing = true;
    const Corpus launched({doc("p", "", "Le parquet a été saisi. L'opération a été lancée sous la direction du juge.", "", "")});
    const auto p = launched.searcher().search("parquet la", typing);
    REQUIRE(p.hits.size() == 1);
    CHECK(marked(p.hits[0].snippet, p.hits[0].highlights) == std::vector<std::string>{"parquet", "lancée"});
    // Beside another word of the query within a sentence only: not "De" after « attentats». »,
    // nor "de" after a line break or an ellipsis; a comma does not end a sentence.
    const std::string told = "Les attentats de Paris. Il a parlé sur les «attentats». De son côté, le juge a évoqué les attentats\n"
                             "de la veille, les attentats… de Bruxelles et les attentats, de Londres.";
    const Corpus attacks({doc("a", "", told, "", "")});
    const std::vector<std::string> shown{"attentats", "de", "attentats", "attentats", "attentats", "attentats", "de"};
    const auto a = attacks.searcher().search("attentats de", {});
    REQUIRE(a.hits.size() == 1);
    const std::string& sn = a.hits[0].snippet;  // a window of it: each "de" shown follows "attentats "
    CHECK(sn.find("». De") != std::string::npos);
    for (auto [b, e] : a.hits[0].highlights)
        if (sn.substr(b, e - b) != "attentats") CHECK(sn.substr(b > 10 ? b - 10 : 0, e - (b > 10 ? b - 10 : 0)) == "attentats de");
    CHECK(marked(told, attacks.searcher().highlights("attentats de", 0)) == shown);
}

TEST_CASE("page options: chips add filters, a document mask, newest first, lazy passages", "[search]") {
    const index::Searcher s(fixture(), analyzer());
    index::SearchOptions o;
    o.limit = 20;
    auto sorted = [](const index::SearchResult& r) { auto v = ids(r); std::sort(v.begin(), v.end()); return v; };

    SECTION("chips join the query's filters: years intersect, countries add up") {
        o.filters.year_from = 2019;
        CHECK(sorted(s.search("été", o)) == Ids{"agence", "ete", "nombre-espace", "nombre-point"});
        o.filters.year_to = 2019;
        CHECK(s.search("été année:2017..2018", o).total == 0);  // 2019 ∩ 2017–2018 is empty
        o.filters = {};
        o.filters.countries = {"USA"};
        CHECK(sorted(s.search("pays:BEL été", o)) == Ids{"agence", "ete", "nombre-point"});
        o.filters.sources = {"AFP"};
        CHECK(sorted(s.search("", o)) == Ids{"us-espace"});
    }
    SECTION("only: a mask of the documents that may match, counted in total and facets") {
        std::vector<char> mask(fixture().doc_count(), 0);
        for (std::uint32_t d = 0; d < fixture().doc_count(); ++d) mask[d] = fixture().doc(d).id.substr(0, 3) == "nom";
        o.only = &mask;
        auto r = s.search("été", o);
        CHECK(sorted(r) == Ids{"nombre-espace", "nombre-point"});
        CHECK(r.total == 2);
        REQUIRE(r.years.size() == 1);
        CHECK(r.years[0].count == 2);
        std::vector<char> short_mask(2, 1);  // shorter than the index: the rest may not match
        o.only = &short_mask;
        CHECK(s.search("", o).total == 2);
    }
    SECTION("newest first: by date, undated last, relevance among equals; deep hits get snippets") {
        o.newest_first = true;
        auto r = s.search("été", o);
        REQUIRE(r.hits.size() == 4);  // 2019-11 ×3 by relevance, then 2019-08
        for (std::size_t i = 0; i + 1 < 3; ++i) CHECK(r.hits[i].score >= r.hits[i + 1].score);
        CHECK(ids(r).back() == "ete");
        for (const auto& h : r.hits) CHECK_FALSE(h.highlights.empty());
        o.newest_first = false;
        CHECK(ids(s.search("été", o)).front() == "ete");
    }
    SECTION("passage: the snippet search() makes, for one document") {
        for (const std::string q : {"\"agence de presse\" Amaq", "été Bruxelles", "propa", "agence de presse", "de", "la police de",
                                    "de l'EI", "police de la", "agence OR de", "police -de"}) {
            o.typing = q == "propa";
            for (const auto& h : s.search(q, o).hits) {
                const index::Hit p = s.passage(q, h.doc, o);
                CHECK(p.snippet == h.snippet);
                CHECK(p.highlights == h.highlights);
            }
        }
        CHECK(s.passage("été", 9999, o).snippet.empty());  // out of range: nothing, no crash
    }
}

// A word with several forms, visited in full (one word, an OR), is read in bulk a window of
// 4,096 documents at a time; joined with another word it is merged form by form. Both ways
// must find the same documents with the same scores.
TEST_CASE("a many-form word over thousands of documents: bulk and merged reading agree", "[search]") {
    static const char* kForms[] = {"chante", "chantait", "chanteront", "chantés", "chanté"};
    std::vector<corpus::Document> docs;
    std::set<std::string> with_word, with_title;
    for (int i = 0; i < 10000; ++i) {
        std::string text = "Rien à signaler ce jour-là.";
        if (i % 5 == 2)
            for (int k = 0; k <= i % 3; ++k) text += std::string(" Le chœur ") + kForms[(i * 7 + k) % 5] + " encore.";
        const bool titled = i % 50 == 0 || i == 4096 || i == 8191;  // window edges too
        const std::string id = "d" + std::to_string(i);
        docs.push_back(doc(id, titled ? "Il a chanté" : "Note " + std::to_string(i), text));
        if (i % 5 == 2 || titled) with_word.insert(id);
        if (titled) with_title.insert(id);
    }
    auto built = index::build_index(docs, analyzer());
    REQUIRE(built.ok());
    const index::Index& ix = built.value();
    const index::Searcher s(ix, analyzer());
    index::SearchOptions all;
    all.limit = docs.size();
    all.snippets = false;
    auto found = [&](const index::SearchResult& r) {
        std::set<std::string> out;
        for (const auto& h : r.hits) out.emplace(ix.doc(h.doc).id);
        return out;
    };

    const auto word = s.search("chanter", all);
    CHECK(word.total == with_word.size());
    CHECK(found(word) == with_word);
    const auto title = s.search("titre:chanter", all);
    CHECK(title.total == with_title.size());
    CHECK(found(title) == with_title);
    CHECK(s.search("chanter OR xylophone", all).total == with_word.size());
    CHECK(s.search("chanter rien", all).total == with_word.size());  // merged: an AND

    // The collected scores (bulk) are the ones explain finds walking the forms one by one, with
    // no form as typed (chanter), some (chanté, chante) and all (chœur, one form).
    index::SearchOptions why = all;
    why.explain = true;
    for (const char* q : {"chanter", "chanté", "chœur"}) {
        const auto r = s.search(q, why);
        CHECK(r.total == (q == std::string("chœur") ? docs.size() / 5 : with_word.size()));
        for (const auto& h : r.hits) {
            const std::string& e = h.explanation;
            const auto arrow = e.rfind("→ ");
            REQUIRE(arrow != std::string::npos);
            CHECK(std::stod(e.substr(arrow + 4)) == Approx(h.score).epsilon(1e-3));
        }
    }
}

TEST_CASE("a top k is the head of the whole ranking: a visit skips only what cannot come in", "[search]") {
    // Many forms of several words under one prefix, in texts of every length, some in titles,
    // some typed with an accent: the scores spread, and ties (the same text) are many.
    static const char* kForms[] = {"chante", "chanté", "chantait", "chanson", "chansons", "chance", "chances", "chantier", "chanvre"};
    std::vector<corpus::Document> docs;
    std::uint32_t seed = 12345;
    auto next = [&](std::uint32_t n) { seed = seed * 1664525u + 1013904223u; return (seed >> 8) % n; };
    for (int i = 0; i < 6000; ++i) {
        std::string text;
        const std::uint32_t words = 3 + next(60), hits = next(4);
        for (std::uint32_t k = 0; k < words; ++k) text += k % 7 == 3 && k / 7 < hits ? std::string(kForms[next(9)]) + " " : "rien ";
        const std::string title = next(20) == 0 ? std::string("Une ") + kForms[next(9)] : "Note";
        docs.push_back(doc("d" + std::to_string(i), title, text, std::to_string(2000 + int(next(20))) + "-01", next(2) ? "AFP" : "RTBF"));
    }
    auto built = index::build_index(docs, analyzer());
    REQUIRE(built.ok());
    const index::Index& ix = built.value();
    const index::Searcher s(ix, analyzer());
    // One word, filtered or not, or several (no hit asked for, k = 0: the same total and facets).
    for (const char* q : {"chan*", "chanté*", "chanter", "chansons", "chan* année:2005..2012", "titre:chan*", "chanter rien",
                          "\"rien chanson\"", "chanson OR chance"}) {
        CAPTURE(q);
        index::SearchOptions o;
        o.snippets = false;
        o.limit = docs.size();
        const auto all = s.search(q, o);
        REQUIRE(all.total > 100);
        REQUIRE(all.hits.size() == all.total);
        for (std::size_t k : {0, 1, 2, 5, 10, 37}) {
            CAPTURE(k);
            o.limit = k;
            const auto top = s.search(q, o);
            CHECK(top.total == all.total);
            CHECK(same_facets(top.years, all.years));
            CHECK(same_facets(top.sources, all.sources));
            REQUIRE(top.hits.size() == k);
            for (std::size_t i = 0; i < k; ++i) {
                CHECK(top.hits[i].doc == all.hits[i].doc);
                CHECK(top.hits[i].score == all.hits[i].score);
            }
        }
    }
}

TEST_CASE("a frequent word: its summary and merged postings answer as reading each form does", "[search]") {
    // 5,000 documents of varied lengths, titles, dates, sources and countries. "porter" has
    // common forms and a rare one (portâmes, 3 documents); "xylophone" has one form; "les" is a
    // stopword in every document. portons (a stem of its own) and portxmes (no such stem: a
    // typo search) are rare; portames, typed without its accent, is porter's through its alias.
    static const char* kForms[] = {"porte", "portes", "portait", "porté", "portée", "portés"};
    static const char* kSources[] = {"AFP", "Reuters", "Le Soir", "RTBF", "Belga"};
    static const char* kCountries[] = {"BEL", "FRA", "ESP", "NLD", "DEU", "ITA", "USA"};
    std::vector<corpus::Document> docs;
    for (int i = 0; i < 5000; ++i) {
        std::string text = "Les nouvelles du jour.";
        for (int k = 0; k < i % 13; ++k) text += " Un paragraphe sans rapport, long de quelques mots.";
        if (i % 3 != 0)
            for (int k = 0; k <= (i * 7) % 4; ++k) text += std::string(" Il ") + kForms[(i + k * 5) % 6] + " les nouvelles.";
        if (i % 1250 == 7) text += " Nous portons le dossier.";
        if (i % 1700 == 11) text += " Nous portâmes plainte.";
        if (i % 2 == 0) text += " Le xylophone joue.";
        if (i % 10 == 0) text += " Encore le xylophone.";
        const std::string title = i % 17 == 0 ? "Il porte le xylophone" : i % 5 == 0 ? "Brève" : "Note " + std::to_string(i);
        docs.push_back(doc("d" + std::to_string(i), title, text, std::to_string(1990 + i % 25) + "-0" + std::to_string(1 + i % 9),
                           kSources[i % 5], {kCountries[i % 7], kCountries[(i / 7) % 7]}));
    }
    auto built = index::build_index(docs, analyzer());
    REQUIRE(built.ok());
    const index::Index& ix = built.value();
    const index::Searcher s(ix, analyzer());
    CHECK(ix.stats().summary_bytes > 100);
    CHECK(ix.stats().merged_bytes > 100);
    for (const char* q : {"porter", "porte", "PORTÉ", "portées", "portâmes", "portames", "xylophone", "les"})
        for (std::size_t limit : {1, 10, 50}) CHECK(summarised_as_unmerged(s, q, limit));
    // Only the count and the facets (limit 0): no hit, the total and facets of any other limit.
    for (const char* q : {"porter", "xylophone", "portâmes", "porte xylophone", "\"porte les nouvelles\"", "porte pays:BEL", ""}) {
        CAPTURE(q);
        index::SearchOptions o;
        o.limit = 0;
        const auto none = s.search(q, o);
        o.limit = 10;
        const auto ten = s.search(q, o);
        CHECK(none.hits.empty());
        CHECK(none.summarised == ten.summarised);  // a frequent word's counts come from its summary
        CHECK(none.total == ten.total);
        CHECK(same_facets(none.years, ten.years));
        CHECK(same_facets(none.sources, ten.sources));
        CHECK(same_facets(none.countries, ten.countries));
    }
    // Merged postings in an AND (of words in every document: read in windows), a phrase, an OR,
    // a filtered word, a relaxed match.
    for (const char* q : {"porte xylophone", "porter les nouvelles", "les nouvelles", "nouvelles du jour", "titre:note nouvelles",
                          "\"porte les nouvelles\"", "portées OR xylophone",
                          "porte année:1995..2005", "porte -xylophone", "porte pays:BEL", "portâmes xylophone",
                          "porte zzzinconnu"})
        CHECK_FALSE(summarised_as_unmerged(s, q, 20));
    // What the summary cannot answer is visited: a rare word, a filter, an exclusion, a prefix.
    {
        // 1,500 documents alike, searched by a form they do not hold (so none is read whole): the
        // 512 listed are no better than the others, the bound cannot be beaten, and the word is
        // visited, with the same answer.
        std::vector<corpus::Document> alike;
        for (int i = 0; i < 1500; ++i) alike.push_back(doc("z" + std::to_string(i), "Brève", "Le zéphyr souffle.", "2020-01", "AFP"));
        auto z = index::build_index(alike, analyzer());
        REQUIRE(z.ok());
        index::StemSummary zs;
        REQUIRE(z->summary(*z->find_stem(analyzer().analyze("zéphyr").at(0).term), zs));
        const index::Searcher zsearch(z.value(), analyzer());
        index::SearchOptions zo;
        zo.limit = 10;
        const auto visited = zsearch.search("zéphyrs", zo);
        CHECK_FALSE(visited.summarised);
        CHECK(visited.total == 1500);
        REQUIRE(visited.hits.size() == 10);
        for (std::size_t i = 0; i < 10; ++i) CHECK(z->doc(visited.hits[i].doc).id == "z" + std::to_string(i));  // ties: by document
        zo.merged = false;
        CHECK(zsearch.search("zéphyrs", zo).total == 1500);
        zo.merged = true;
        CHECK(zsearch.search("zéphyr", zo).summarised);
        // A damaged summary record (its bound not a number) still opens: opening checks the table,
        // a query reads the record, takes it for none and visits the word, with the same answer.
        std::string damaged = vigie::testing::joined(z.value());
        const std::size_t table = vigie::testing::section_at(damaged, index::format::Section::stem_summaries);
        const auto* t = reinterpret_cast<const std::uint8_t*>(damaged.data()) + table;
        const std::uint32_t summaries = index::load_u32(t + 16), stem = *z->find_stem(analyzer().analyze("zéphyr").at(0).term);
        std::size_t entry = 0;
        while (entry < summaries && index::load_u32(t + 20 + 8 * entry) != stem) ++entry;
        REQUIRE(entry < summaries);
        const std::size_t record = table + 20 + 8 * std::size_t(summaries) + index::load_u32(t + 20 + 8 * entry + 4);
        for (int i = 0; i < 4; ++i) damaged[record + i] = '\xFF';
        auto reopened = index::Index::open(vigie::testing::resealed(damaged));
        REQUIRE(reopened.ok());
        const auto fallback = index::Searcher(reopened.value(), analyzer()).search("zéphyr", zo);
        CHECK_FALSE(fallback.summarised);
        CHECK(fallback.total == 1500);
        REQUIRE(fallback.hits.size() == 10);
        CHECK(reopened->doc(fallback.hits[0].doc).id == "z0");
    }
    index::SearchOptions o;
    for (const char* q : {"portons", "portxmes", "porte année:2000", "porte -xylophone", "porte pays:BEL", "titre:porte"}) {
        CAPTURE(q);
        CHECK_FALSE(s.search(q, o).summarised);
    }
    o.typing = true;
    CHECK_FALSE(s.search("porte", o).summarised);
}

// An AND of two frequent words with merged postings is read in windows of documents alone, the
// frequencies (of the merged postings and of the forms as typed) read only for the documents in
// both: the same documents, scores to the bit and facets as reading every form one by one.
TEST_CASE("an AND of frequent words read in windows answers as reading each form does", "[search]") {
    static const char* kPorter[] = {"porte", "portes", "portait", "porté", "portée"};
    static const char* kChanter[] = {"chante", "chantait", "chanté", "chantés", "chanteront"};
    static const char* kCountries[] = {"BEL", "FRA", "NLD"};
    std::vector<corpus::Document> docs;
    for (int i = 0; i < 9000; ++i) {
        std::string text = "Les nouvelles du jour.";
        if (i % 7 != 0)
            for (int k = 0; k <= i % 3; ++k) text += std::string(" Il ") + kPorter[(i + k) % 5] + " le dossier.";
        if (i % 5 != 1)
            for (int k = 0; k <= i % 4; ++k) text += std::string(" Elle ") + kChanter[(i * 3 + k) % 5] + " encore.";
        for (int k = 0; k < i % 11; ++k) text += " Un paragraphe sans rapport.";
        const std::string title = i % 13 == 0 ? "Il porte et chante" : "Note " + std::to_string(i);
        docs.push_back(doc("d" + std::to_string(i), title, text, std::to_string(2000 + i % 20) + "-01", i % 2 ? "AFP" : "Belga",
                           {kCountries[i % 3]}));
    }
    auto built = index::build_index(docs, analyzer());
    REQUIRE(built.ok());
    REQUIRE(built->stats().merged_bytes > 0);
    const index::Searcher s(built.value(), analyzer());
    // No form as typed (porter, chanter), some (porte, chanté), accents aside (portee).
    for (const char* q : {"porter chanter", "porte chanté", "portee chantes", "chanteront portait", "porte chanté année:2005..2010"})
        for (std::size_t limit : {1, 10, 100}) {
            CHECK_FALSE(summarised_as_unmerged(s, q, limit));
            CHECK(s.search(q, {}).total > 1000);
        }
}

TEST_CASE("phrases of frequent words: their pairs' documents are the candidates, with the same answers", "[search]") {
    // 1,500 documents of words drawn from a small vocabulary (xorshift: the same on every run
    // and build), a verb in several forms, a compound and stopwords; the threshold lowered so
    // that the frequent stems' pairs are listed (format.h PAIR_POSTINGS).
    static const char* kWords[] = {"agence", "de", "presse", "la", "porte", "portait", "portes", "police",
                                   "États-Unis", "ferme", "Europol", "l’agence", "réseau", "zéphyr"};
    std::uint64_t state = 88172645463325252ull;
    auto random = [&] { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state; };
    std::vector<corpus::Document> docs;
    for (int i = 0; i < 1500; ++i) {
        std::string title = kWords[random() % 13], text;
        const int words = 3 + static_cast<int>(random() % 40);
        for (int k = 0; k < words; ++k) text += std::string(k ? " " : "") + kWords[random() % 13];  // zéphyr: in one document
        if (i == 700) text += " zéphyr presse";
        docs.push_back(doc("d" + std::to_string(i), title, text + ".", "20" + std::to_string(10 + i % 12), i % 2 ? "AFP" : "RTBF"));
    }
    index::BuildOptions options;
    options.pair_min_postings = 300;
    auto built = index::build_index(docs, analyzer(), nullptr, options);
    REQUIRE(built.ok());
    const index::Index& ix = built.value();
    const index::Searcher s(ix, analyzer());
    CHECK(ix.stats().pair_bytes > 1000);
    auto stem = [&](const char* w) { return *ix.find_stem(analyzer().analyze(w).at(0).term); };
    auto all = [](bool merged) {
        index::SearchOptions o;
        o.limit = 2000;
        o.snippets = false;
        o.merged = merged;  // false: no pairs, every candidate's positions read
        return o;
    };
    // Two listed stems: their pair's documents are exactly those of their phrase.
    for (auto [a, b] : {std::pair{"agence", "presse"}, {"presse", "agence"}, {"de", "la"}, {"porte", "presse"}, {"agence", "agence"}}) {
        CAPTURE(a, b);
        index::PostingCursor p;
        REQUIRE(ix.adjacent_postings(stem(a), stem(b), p));
        std::vector<std::uint32_t> pair_docs, phrase_docs;
        for (; p.doc() != index::kNoDoc; p.next()) pair_docs.push_back(p.doc());
        for (const auto& h : s.search("\"" + std::string(a) + " " + b + "\"", all(false)).hits) phrase_docs.push_back(h.doc);
        std::sort(phrase_docs.begin(), phrase_docs.end());
        CHECK(pair_docs == phrase_docs);
        CHECK_FALSE(pair_docs.empty());
    }
    // A rare stem is not listed: its phrase reads every candidate.
    index::PostingCursor none;
    CHECK_FALSE(ix.adjacent_postings(stem("zéphyr"), stem("presse"), none));

    // Phrases, with and without the pairs: the same documents, scores and facets.
    auto same = [&](const index::Index& index, const std::string& q) {
        CAPTURE(q);
        const index::Searcher searcher(index, analyzer());
        const auto with = searcher.search(q, all(true)), without = searcher.search(q, all(false));
        CHECK(with.total == without.total);
        REQUIRE(with.hits.size() == without.hits.size());
        for (std::size_t i = 0; i < with.hits.size(); ++i) {
            CHECK(with.hits[i].doc == without.hits[i].doc);
            CHECK(with.hits[i].score == without.hits[i].score);
        }
        REQUIRE(with.years.size() == without.years.size());
        for (std::size_t i = 0; i < with.years.size(); ++i) CHECK(with.years[i].count == without.years[i].count);
        return with.total;
    };
    std::size_t found = 0;
    for (const char* q : {"\"agence de presse\"", "\"la presse\"", "\"presse agence\"", "\"porte la presse\"", "\"portait de\"",
                          "\"États-Unis de la\"", "\"l’agence de\"", "\"agence presse\" police", "\"de la\" -europol",
                          "\"presse de\" OR \"zéphyr presse\"", "\"zéphyr presse\"", "titre:\"agence de\"", "\"police police police\"",
                          "\"europol réseau\" année:2015..2018"})
        found += same(ix, q);
    CHECK(found > 100);

    // A damaged pair list (a width past 32): that pair is not used, the phrase is still answered.
    std::string damaged = vigie::testing::joined(ix);
    const std::size_t at = vigie::testing::section_at(damaged, index::format::Section::pair_postings);
    const auto* t = reinterpret_cast<const std::uint8_t*>(damaged.data()) + at;
    const std::uint32_t listed = index::load_u32(t), pairs = index::load_u32(t + 4);
    REQUIRE(pairs > 0);
    for (std::uint32_t i = 0; i < pairs; ++i) {  // every list's first block: its gaps' width
        const std::size_t first = at + 8 + 4 * std::size_t(listed) + 16 * std::size_t(pairs) + index::load_u32(t + 8 + 4 * listed + 16 * i + 12);
        const bool skips = index::load_u32(t + 8 + 4 * listed + 16 * i + 8) > index::format::kBlock;
        damaged[first + (skips ? 8 * ((index::load_u32(t + 8 + 4 * listed + 16 * i + 8) + 127) / 128) : 0)] = 40;
    }
    auto reopened = index::Index::open(vigie::testing::resealed(damaged));
    REQUIRE(reopened.ok());
    index::PostingCursor p;
    CHECK_FALSE(reopened->adjacent_postings(stem("agence"), stem("presse"), p));
    for (const char* q : {"\"agence de presse\"", "\"porte la presse\""}) {
        const auto a = index::Searcher(reopened.value(), analyzer()).search(q, all(true));
        const auto b = s.search(q, all(true));
        CHECK(a.total == b.total);
        CHECK(a.total > 0);
    }
    // A pair table out of order is refused when opening.
    if (pairs >= 2) {
        std::string swapped = vigie::testing::joined(ix);
        const std::size_t e = at + 8 + 4 * std::size_t(listed);
        std::swap_ranges(swapped.begin() + static_cast<std::ptrdiff_t>(e), swapped.begin() + static_cast<std::ptrdiff_t>(e + 8),
                         swapped.begin() + static_cast<std::ptrdiff_t>(e + 16));
        auto refused = index::Index::open(vigie::testing::resealed(swapped));
        REQUIRE_FALSE(refused.ok());
        CHECK_THAT(refused.error().message, Catch::Contains("pair postings"));
    }
}

TEST_CASE("highlights in the reader cover every occurrence in the text", "[search]") {
    const index::Searcher s(fixture(), analyzer());
    std::uint32_t d = 0;
    while (fixture().doc(d).id != "ete") ++d;
    const std::string text(fixture().doc(d).text);
    std::vector<std::string> marked;
    for (auto [b, e] : s.highlights("été Bruxelles", d)) marked.push_back(text.substr(b, e - b));
    CHECK(marked == std::vector<std::string>{"été", "été", "Bruxelles"});
}

TEST_CASE("malformed queries give a message and a best effort, never a crash", "[search][bad-input]") {
    std::string huge;
    while (huge.size() < 10000) huge += "propagande ";
    std::string controls = "propa\x01gande\x7f \x1b[31m";
    for (const std::string& q : {std::string("\"agence de presse"), std::string("-"), std::string("foo:bar"), huge, controls,
                                 std::string("\xff\xfe"), std::string("OR OR OR"), std::string("\"\"\"")}) {
        CAPTURE(q.substr(0, 40));
        auto r = run(q);
        CHECK(r.total <= 15);
    }
    CHECK(run("\"agence de presse").total == 1);
    CHECK_FALSE(run("\"agence de presse").messages.empty());
    CHECK(run(huge).total == 1);
}

TEST_CASE("random queries and JSON lines never crash", "[search][bad-input]") {
    testing::HostileText hostile(0x2545F4914F6CDD1Dull, {"\"", "-", " OR ", "*", "pays:", "année:", "..", "2019", "titre:",
                                                         "source:", "(", ")", "agence", "l’", "é", "\xC3", "\xFF", " ", "{",
                                                         "}", "\"text\":", ",", "\\u00e9", "\n", ".", "_", "@", "www.",
                                                         "États-Un", "presse@amaq"});
    for (int round = 0; round < 400; ++round) {
        const std::string q = hostile.next(24, 5);
        CAPTURE(round, q);
        const auto r = run(q, round % 2 == 1);
        CHECK(r.hits.size() <= 20);
        for (const auto& h : r.hits)
            for (auto [b, e] : h.highlights) CHECK((b < e && e <= h.snippet.size()));
        const corpus::Corpus c = corpus::parse_jsonl(q, "fuzz.jsonl");
        CHECK(c.documents.size() + c.warnings.size() <= q.size() + 1);
        if (round % 40 == 0) {  // hostile text indexed, then searched with its own words
            std::string text;
            for (int k = 0; k < 30; ++k) text += hostile.next(24, 5) + " ";
            const Corpus hc({doc("h", hostile.next(8, 3), text)});
            for (int k = 0; k < 5; ++k) {
                const std::string hq = hostile.next(12, 3);
                index::SearchOptions o;
                o.typing = k % 2 == 1;
                for (const auto& h : index::Searcher(hc.index, analyzer()).search(hq, o).hits)
                    for (auto [b, e] : h.highlights) CHECK((b < e && e <= h.snippet.size()));
            }
        }
    }
}

TEST_CASE("JSON: written in ASCII it is the same JSON value", "[search]") {
    // The JS API writes every character beyond ASCII as a \u escape; the CLI writes UTF-8.
    const Corpus c({doc("é-1", "Titre « accentué » \"cité\" \\ \x01 \xF0\x9F\x93\xB0 \xFF fin",
                        "L’agence Amaq diffusait 📰 des vidéos en ligne ; l’agence était suivie. Ωμέγα 東京 \xC3 et \t tab.",
                        "2019-11", "Le Soir à Bruxelles", {"BEL"})});
    const auto r = index::Searcher(c.index, analyzer()).search("agence", index::SearchOptions{});
    REQUIRE(r.hits.size() == 1);
    const std::string utf8 = index::to_json(r, c.index), ascii = index::to_json(r, c.index, true);
    CHECK(std::any_of(utf8.begin(), utf8.end(), [](char b) { return static_cast<unsigned char>(b) >= 0x80; }));
    CHECK(std::all_of(ascii.begin(), ascii.end(), [](char b) { return static_cast<unsigned char>(b) < 0x80; }));
    const auto a = nlohmann::json::parse(utf8), b = nlohmann::json::parse(ascii);
    CHECK(a == b);
    CHECK(b["hits"][0]["title"] == "Titre « accentué » \"cité\" \\ \x01 \xF0\x9F\x93\xB0 \xEF\xBF\xBD fin");
    CHECK(ascii.find("\\ud83d\\udcf0") != std::string::npos);  // 📰 as its surrogate pair
}

TEST_CASE("JSON: each character that needs an escape gets one wherever it lies; scores keep 4 decimals", "[search]") {
    // The writer takes eight plain bytes at a time: a special character at each place in and
    // across those groups, in the title and in the source, a facet's value, short or long
    // (UTF-8 and ASCII forms).
    std::vector<corpus::Document> docs;
    std::vector<std::string> titles, sources;
    for (std::string special : {"\"", "\\", "\x01", "\x1F", "\x7F", "é", "\xFF", " "})
        for (std::size_t at = 0; at < 20; ++at) {
            titles.push_back(std::string(at, 'a') + special + std::string(at % 9, 'b'));
            sources.push_back(titles.back() + std::string(at % 2 ? 60 : 0, 's'));
            docs.push_back(doc("t" + std::to_string(docs.size()), titles.back(), "agence", "", sources.back()));
        }
    auto repaired = [](std::string s) {
        if (const auto bad = s.find('\xFF'); bad != std::string::npos) s.replace(bad, 1, "\xEF\xBF\xBD");
        return s;
    };
    const Corpus c(docs);
    index::SearchOptions o;
    o.limit = docs.size();
    const auto r = index::Searcher(c.index, analyzer()).search("agence", o);
    REQUIRE(r.hits.size() == docs.size());
    for (bool ascii : {false, true}) {
        const auto json = nlohmann::json::parse(index::to_json(r, c.index, ascii));
        for (const auto& h : json["hits"]) {
            const std::size_t i = std::stoul(h["id"].get<std::string>().substr(1));
            CHECK(h["title"] == repaired(titles[i]));
        }
        std::multiset<std::string> got, want;
        for (const auto& f : json["facets"]["source"]) {
            got.insert(f["value"].get<std::string>());
            CHECK(f["count"] == 1);
        }
        for (const std::string& source : sources) want.insert(repaired(source));
        CHECK(got == want);
    }
    // Scores: as printf's %.4f shows them rounded to 4 decimals, trailing zeros dropped.
    index::SearchResult s;
    std::uint64_t state = 7;  // an LCG (Knuth's MMIX constants): the same scores on every run
    auto next = [&] { return (state = state * 6364136223846793005ull + 1442695040888963407ull) >> 40; };
    std::vector<float> scores = {0.f, 1.f, 0.5f, 2.00004f, 2.00006f, 10.f, 123.45f, 0.0001f, 0.00004f, 99999.9999f};
    for (int k = 0; k < 2000; ++k) scores.push_back(static_cast<float>(next() % 10'000'000) / 997.f);
    for (float v : scores) s.hits.push_back({0, v, "", {}, ""});
    const std::string text = index::to_json(s, c.index);
    REQUIRE(nlohmann::json::parse(text)["hits"].size() == scores.size());
    std::size_t at = 0;
    for (float v : scores) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.4f", std::round(double(v) * 1e4) / 1e4);
        std::string want = buf;
        while (want.back() == '0') want.pop_back();
        if (want.back() == '.') want.pop_back();
        at = text.find("\"score\":", at) + 8;
        CHECK(text.substr(at, text.find(',', at) - at) == want);
    }
}
