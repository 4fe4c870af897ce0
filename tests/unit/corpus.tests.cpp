// Loading the dossier: the bundled manifest, dates, and every kind of bad input as a message
// that names the file and the line or field, with the good documents still loaded.
#include <catch2/catch.hpp>

#include <string>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/corpus/files.h"
#include "core/corpus/html.h"
#include "core/corpus/input.h"
#include "core/corpus/manifest.h"
#include "core/corpus/plain.h"
#include "support.h"

using namespace vigie::corpus;

namespace {

const std::string kRoot = VIGIE_SOURCE_DIR;
const std::string kFixtures = kRoot + "/tests/data/manifests/";

bool has_warning(const Corpus& c, const std::string& needle) {
    for (const auto& w : c.warnings)
        if (w.message.find(needle) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("manifest: the bundled dossier loads whole", "[corpus]") {
    auto corpus = load_input(kRoot + "/assets/corpus");
    REQUIRE(corpus.ok());
    CHECK(corpus->warnings.empty());
    REQUIRE(corpus->documents.size() == 5);
    CHECK_FALSE(corpus->title.empty());

    const Document& reuters = corpus->documents[3];
    CHECK(reuters.id == "003_d7716fe0f2a8dcd5");
    CHECK(reuters.source == "Reuters");
    CHECK(reuters.date.iso() == "2018-04-27");
    CHECK(reuters.title == "Opération européenne contre le réseau de propagande de Daech");
    CHECK(corpus->documents[0].date.precision() == DatePrecision::month);

    SECTION("the text is the article: its ranges of the original file, without the page furniture") {
        for (const Document& d : corpus->documents) {
            CAPTURE(d.id);
            auto original = read_file(kRoot + "/assets/corpus/" + d.file);
            REQUIRE(original.ok());
            REQUIRE_FALSE(d.article.empty());
            std::string joined;
            for (const ByteRange& r : d.article) joined += (joined.empty() ? "" : "\n\n") + original->substr(r.begin, r.end - r.begin);
            CHECK(d.text == joined);
            for (const char* furniture : {"Publicité", "Menu", "Lisez l'article", "Soyez le premier", "Temps de lecture",
                                          "Photo d'archives", "Photo d'illustration", "Article modifié", " date 20",
                                          "Bureau de Bruxelles", "Grand Angle", "2m Radio"})
                CHECK(d.text.find(furniture) == std::string::npos);
            CHECK_FALSE(d.summary.empty());
            for (const ByteRange& r : d.article) CHECK(d.text.compare(*d.text_offset(r.begin), r.end - r.begin, original.value(), r.begin, r.end - r.begin) == 0);
        }
    }
}

TEST_CASE("manifest: the operations and meetings the articles report, each claim citing its sentence", "[corpus]") {
    auto corpus = load_input(kRoot + "/assets/corpus");
    REQUIRE(corpus.ok());
    CHECK(corpus->warnings.empty());
    std::vector<std::string> ids;
    for (const Operation& o : corpus->operations) ids.push_back(o.id + " " + o.from.iso() + ".." + o.to.iso());
    CHECK(ids == std::vector<std::string>{"amaq-2016-08 2016-08..2016-08", "amaq-2017-06 2017-06..2017-06",
                                          "malines-2017-10 2017-10-04..2017-10-04", "amaq-2018-04 2018-04-25..2018-04-26",
                                          "amaq-2019-11 2019-11-21..2019-11-24"});
    auto participants = [&](const std::string& id, Role role) {
        std::vector<std::string> out;
        for (const Operation& o : corpus->operations)
            if (o.id == id)
                for (const Participation& p : o.participants)
                    if (p.role == role) out.push_back(p.country);
        std::sort(out.begin(), out.end());
        return out;
    };
    using Codes = std::vector<std::string>;
    CHECK(participants("amaq-2018-04", Role::lead) == Codes{"BEL"});
    CHECK(participants("amaq-2018-04", Role::participant) == Codes{"BEL", "BGR", "CAN", "FRA", "GBR", "NLD", "ROU", "USA"});
    CHECK(participants("amaq-2018-04", Role::seizure) == Codes{"BGR", "CAN", "FRA", "NLD", "ROU", "USA"});
    CHECK(participants("amaq-2019-11", Role::lead) == Codes{"BEL"});
    CHECK(participants("amaq-2019-11", Role::arrest) == Codes{"ESP"});
    CHECK(participants("malines-2017-10", Role::meeting_member) == Codes{"BEL", "ESP", "FRA", "MAR"});
    CHECK(participants("amaq-2017-06", Role::lead) == Codes{"ESP"});
    CHECK(participants("amaq-2017-06", Role::support) == Codes{"USA"});
    // The documents citing a participation carry its country (for facets and pays:).
    CHECK(corpus->documents[4].countries == Codes{"BEL", "FRA", "ESP", "MAR"});
    CHECK(corpus->documents[0].countries.empty());
    // Mentioned is not taking part: the Netherlands host Europol's press conference in 2019,
    // Iraq and Syria are where fighters return from, Germany where an attack was claimed.
    CHECK(participants("amaq-2019-11", Role::participant).empty());
    for (const Operation& o : corpus->operations)
        for (const Participation& p : o.participants) CHECK((p.country != "IRQ" && p.country != "SYR" && p.country != "DEU"));

    // Every citation is a whole sentence of the article, found at its place in the shown text.
    for (const Operation& o : corpus->operations)
        for (const Participation& p : o.participants)
            for (const Citation& c : p.citations) {
                CAPTURE(o.id, p.country, c.quote);
                auto doc = std::find_if(corpus->documents.begin(), corpus->documents.end(), [&](const Document& d) { return d.id == c.document; });
                REQUIRE(doc != corpus->documents.end());
                CHECK(doc->text.substr(c.text.begin, c.text.end - c.text.begin) == c.quote);
                const char last = c.quote.back();
                CHECK((last == '.' || last == '"'));
                CHECK((c.text.begin == 0 || doc->text.compare(c.text.begin - 1, 1, " ") == 0 || doc->text[c.text.begin - 1] == '\n' ||
                       doc->text[c.text.begin - 1] == '.'));
            }
}

TEST_CASE("manifest: wrong curated data is a message naming the field, the rest still loads", "[corpus][bad-input]") {
    auto corpus = load_manifest(kFixtures + "curated-errors.json");
    REQUIRE(corpus.ok());
    REQUIRE(corpus->documents.size() == 1);
    CHECK(corpus->documents[0].text == "Texte valide.\n");  // bad article range: whole file kept
    CHECK(has_warning(corpus.value(), "documents[0]: article[0]: [5, 999] is not an ordered range inside the 14-byte file, whole file kept"));
    CHECK(has_warning(corpus.value(), "operations[0].participants[0].citations[0]: the quote is not the text at [0, 5] of good"));
    CHECK(has_warning(corpus.value(), "operations[0].participants[0]: no valid citation, participation left out"));
    CHECK(has_warning(corpus.value(), "operations[0].participants[1].role: unknown role 'hero'"));
    CHECK(has_warning(corpus.value(), "operations[0].participants[2].country: expected an ISO 3166 alpha-3 code, got 'Belgique'"));
    CHECK(has_warning(corpus.value(), "operations[0].participants[3].citations[0]: no document 'absent'"));
    CHECK(has_warning(corpus.value(), "operations[1]: needs an 'id' and a 'kind'"));
    CHECK(has_warning(corpus.value(), "operations[2].date: 'from' and 'to' must be ISO 8601 dates"));
    REQUIRE(corpus->operations.size() == 1);
    REQUIRE(corpus->operations[0].participants.size() == 1);  // the one with a good citation
    CHECK(corpus->operations[0].participants[0].citations[0].quote == "Texte");
}

TEST_CASE("manifest: bad documents are skipped with a message naming file and field", "[corpus][bad-input]") {
    auto corpus = load_manifest(kFixtures + "mixed.json");
    REQUIRE(corpus.ok());
    REQUIRE(corpus->documents.size() == 1);
    CHECK(corpus->documents[0].id == "good");
    CHECK(corpus->documents[0].text == "Texte valide.\n");
    CHECK(corpus->warnings.size() == 7);
    CHECK(has_warning(corpus.value(), "mixed.json: documents[1]: "));
    CHECK(has_warning(corpus.value(), "nope.txt: cannot open"));
    CHECK(has_warning(corpus.value(), "bad-utf8.txt:2: invalid UTF-8"));
    CHECK(has_warning(corpus.value(), "documents[3]: duplicate id 'good'"));
    CHECK(has_warning(corpus.value(), "documents[4]: field 'id' is required"));
    CHECK(has_warning(corpus.value(), "documents[5].date: not an ISO 8601 date: '2019-13-01'"));
    CHECK(has_warning(corpus.value(), "documents[6]: field 'title' must be a string"));
    CHECK(has_warning(corpus.value(), "documents[7]: expected an object"));
}

TEST_CASE("manifest: unusable manifests are errors naming file and line", "[corpus][bad-input]") {
    SECTION("syntax error") {
        auto r = load_manifest(kFixtures + "syntax-error.json");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("syntax-error.json:4:") != std::string::npos);
    }
    SECTION("documents is not an array") {
        auto r = load_manifest(kFixtures + "no-array.json");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("no-array.json: field 'documents' must be an array") != std::string::npos);
    }
    SECTION("missing file") {
        auto r = load_input(kFixtures + "absent.json");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("absent.json") != std::string::npos);
    }
    SECTION("directory with nothing to load") {
        const std::string empty = vigie::testing::scratch_dir("vigie-empty-dir").string();
        std::filesystem::create_directories(empty);
        auto none = load_input(empty);
        REQUIRE_FALSE(none.ok());
        CHECK(none.error().message.find("no .txt, .md, .html, .json or .jsonl file") != std::string::npos);
    }
    SECTION("empty and non-JSON text") {
        CHECK_FALSE(parse_manifest("", "empty.json", "").ok());
        CHECK_FALSE(parse_manifest("\x89PNG\r\n\x1a\n", "image.json", "").ok());
        CHECK_FALSE(parse_manifest("[1, 2]", "array.json", "").ok());
    }
}

TEST_CASE("dates: ISO 8601 at day, month or year precision", "[corpus]") {
    auto [text, iso, precision] = GENERATE(table<std::string, std::string, DatePrecision>({
        {"2019-11-25", "2019-11-25", DatePrecision::day},
        {"2019-11-25T12:00", "2019-11-25", DatePrecision::day},
        {"2019-11", "2019-11", DatePrecision::month},
        {"2018", "2018", DatePrecision::year},
        {"2020-02-29", "2020-02-29", DatePrecision::day},
    }));
    auto d = Date::parse(text);
    REQUIRE(d.has_value());
    CHECK(d->iso() == iso);
    CHECK(d->precision() == precision);
}

TEST_CASE("dates: written the French way", "[corpus]") {
    CHECK(Date::parse("2019-11-25")->french() == "25 novembre 2019");
    CHECK(Date::parse("2017-10-01")->french() == "1er octobre 2017");
    CHECK(Date::parse("2016-08")->french() == "août 2016");
    CHECK(Date::parse("2018")->french() == "2018");
    CHECK(Date().french().empty());
}

TEST_CASE("dates: malformed dates are refused", "[corpus][bad-input]") {
    auto text = GENERATE(as<std::string>{}, "", "19", "2019-1", "2019-13", "2019-02-30", "2019-02-29", "2019/11/25",
                         "2019-11-25T25:00", "2019-11-25Tnoon", "abcd");
    CAPTURE(text);
    CHECK_FALSE(Date::parse(text).has_value());
}

// [SECTION] Plain files ---------------------------------------------------------------------

TEST_CASE("html: the article's text, without the page around it", "[corpus][html]") {
    auto [html, title, text] = GENERATE(table<std::string, std::string, std::string>({
        {"<html><head><title>Le titre</title></head><body><p>Un.</p><p>Deux.</p></body></html>", "Le titre", "Un.\n\nDeux."},
        {"<h1>Titre  <em>h1</em></h1><p>Texte</p>", "Titre h1", "Titre h1\n\nTexte"},
        {"<p>a<br>b<br/>c</p>", "", "a\n\nb\n\nc"},
        {"<p>inter<b>pel</b>ler</p>", "", "interpeller"},
        {"<script>document.write('<p>non</p>')</script><p>oui</p>", "", "oui"},
        {"<STYLE>p{}</STYLE><P>Majuscules</P>", "", "Majuscules"},
        {"<nav><ul><li>Menu</li></ul></nav><p>Corps</p><footer>Pied</footer>", "", "Corps"},
        {"<header>Site</header><article><header><h2>Chapeau</h2></header><p>Corps</p></article>", "", "Chapeau\n\nCorps"},
        {"<aside>Lire aussi</aside><form><input><button>OK</button></form><p>Reste</p>", "", "Reste"},
        {"<p>l&rsquo;agence &laquo;&nbsp;Amaq&nbsp;&raquo; &#233;t&#xE9; &amp; co</p>", "", "l’agence «\u00A0Amaq\u00A0» été & co"},
        {"<p>AT&T, 3 < 5, &unknown; &#0; &#x110000;</p>", "", "AT&T, 3 < 5, &unknown; \uFFFD \uFFFD"},
        {"<!-- <p>commentaire</p> --><p>vu</p><!-- jamais fermé", "", "vu"},
        {"<p title=\"a > b\">attribut</p>", "", "attribut"},
        {"<p>pas fermé <b", "", "pas fermé <b"},
        {"", "", ""},
    }));
    CAPTURE(html);
    const HtmlText page = html_to_text(html);
    CHECK(page.title == title);
    CHECK(page.text == text);
}

TEST_CASE("plain files: a directory of articles in every format", "[corpus][plain]") {
    auto corpus = load_input(kRoot + "/tests/data/plain");
    REQUIRE(corpus.ok());
    std::vector<std::string> ids;
    for (const auto& d : corpus->documents) ids.push_back(d.id);
    CHECK(ids == std::vector<std::string>{"article", "bad-utf8", "crlf", "dated", "depeche-1", "docs-1", "docs-3", "ligne-1",
                                          "ligne-2", "ligne-3", "ligne-4", "ligne-5", "ligne-6", "ligne-8", "ligne-9",
                                          "ligne-10", "note", "page", "scraped", "sub/nested"});
    auto doc = [&](const std::string& id) -> const Document& {
        return *std::find_if(corpus->documents.begin(), corpus->documents.end(), [&](const Document& d) { return d.id == id; });
    };
    CHECK(doc("article").title == "Europol démantèle un réseau de propagande");
    CHECK(doc("note").title == "Réunion à Malines");
    CHECK(doc("page").title == "Amaq : l’agence réduite au silence");
    CHECK(doc("page").text.find("Accueil") == std::string::npos);   // navigation
    CHECK(doc("page").text.find("pas du texte") == std::string::npos);  // script
    CHECK(doc("page").text.find("Mentions légales") == std::string::npos);  // footer
    CHECK(doc("page").text.find("Amaq réduite au silence") == 0);   // the article's own header stays
    CHECK(doc("depeche-1").date.iso() == "2019-11");
    CHECK(doc("crlf").text == "Titre Windows\n\nUne ligne.\nUne autre.\n");  // BOM dropped, LF only
    CHECK(doc("crlf").title == "Titre Windows");
    CHECK(doc("bad-utf8").text == "Titre correct\nligne deux\nici un octet \uFFFD invalide\n");
    CHECK(doc("sub/nested").title == "Article rangé");
    // Scraped pages: furniture lines before the headline, a "date" line some scrapers write first.
    CHECK(doc("scraped").title == "Une opération contre Amaq en Belgique");
    CHECK(doc("dated").date.iso() == "2019-11");
    CHECK(doc("dated").title.rfind("La propagande terroriste en ligne enrayée", 0) == 0);  // a paragraph, cut
    CHECK(doc("dated").title.size() <= 165);
    CHECK(doc("dated").title.compare(doc("dated").title.size() - 4, 4, " …") == 0);
    // Every problem names its file, and its line or item.
    CHECK(has_warning(corpus.value(), "bad-utf8.txt:3: invalid UTF-8 at column 14"));
    CHECK(has_warning(corpus.value(), "lines.jsonl:7: not JSON"));
    CHECK(has_warning(corpus.value(), "docs.json[1]: field 'text' is missing or empty"));
    CHECK(has_warning(corpus.value(), "docs.json[2]: field 'date' is not an ISO 8601 date: '2019-13', date left out"));
    CHECK(doc("docs-3").date.precision() == DatePrecision::unknown);  // kept, without its date
    CHECK(has_warning(corpus.value(), "empty.txt: empty, skipped"));
    CHECK(corpus->warnings.size() == 5);  // .hidden.txt and photo.png are not articles: no warning
}

TEST_CASE("plain files: huge, binary and clashing files (and huge JSON lines) are skipped with a message", "[corpus][plain][bad-input]") {
    const std::filesystem::path dir = vigie::testing::scratch_dir("vigie-bad-inputs");
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "b");
    std::ofstream(dir / "good.txt") << "Bon article\n\nDu texte.\n";
    std::ofstream(dir / "b" / "good.md") << "# Homonyme\n";  // id b/good: no clash
    std::ofstream(dir / "good.json") << R"({"text": "même id que good.txt"})";
    std::ofstream(dir / "binary.txt", std::ios::binary) << std::string("PK\x03\x04\0\0\x14\0", 8) << std::string(100, '\x01');
    {
        std::ofstream big(dir / "big.txt", std::ios::binary);
        const std::string line(1023, 'a');
        for (int i = 0; i < 50 * 1024; ++i) big << line << '\n';  // 50 MiB
    }
    {
        // One line of JSON Lines holding a document over 16 MiB: that line alone is skipped.
        std::ofstream lines(dir / "big.jsonl", std::ios::binary);
        lines << R"({"id": "court-1", "text": "Un article."})" << '\n';
        lines << R"({"id": "long", "text": ")";
        for (int i = 0; i < 17 * 1024 * 256; ++i) lines << "a b ";  // 17 MiB
        lines << "\"}\n" << R"({"id": "court-3", "text": "Un autre."})" << '\n';
        lines << R"({"id": "court-1", "text": "Le même id."})" << '\n';
    }
    auto corpus = load_input(dir.string());
    REQUIRE(corpus.ok());
    std::vector<std::string> ids;
    for (const auto& d : corpus->documents) ids.push_back(d.id);
    CHECK(ids == std::vector<std::string>{"b/good", "court-1", "court-3", "good"});
    CHECK(has_warning(corpus.value(), "big.txt: larger than 16 MiB"));
    CHECK(has_warning(corpus.value(), "big.jsonl:2: fields 'title' and 'text' hold 17.0 MiB, more than the 16 MiB a document may hold"));
    CHECK(has_warning(corpus.value(), "binary.txt: not text"));
    CHECK(has_warning(corpus.value(), "good.txt: id 'good' already used by"));
    CHECK(has_warning(corpus.value(), "big.jsonl:4: id 'court-1' already used by "));  // lines named
    CHECK(has_warning(corpus.value(), "big.jsonl:1, skipped"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("JSON Lines: invalid UTF-8 is repaired and a bad date left out, the line still loads", "[corpus][plain][bad-input]") {
    const std::filesystem::path dir = vigie::testing::scratch_dir("vigie-jsonl-repairs");
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "bad.jsonl").string();
    std::ofstream(path, std::ios::binary) << R"({"id": "d1", "text": "Texte sain."})" << '\n'
                                          << R"({"id": "d2", "text": "caf)" << '\xE9' << R"( belge"})" << '\n'  // Latin-1 é
                                          << R"({"id": "d3", "text": "Daté de travers.", "date": "2019-13-45"})" << '\n'
                                          << R"({"id": "d4", "text": "Une année en nombre.", "date": 2019})" << '\n';
    auto corpus = load_input(path);
    REQUIRE(corpus.ok());
    std::vector<std::string> ids;
    for (const auto& d : corpus->documents) ids.push_back(d.id);
    CHECK(ids == std::vector<std::string>{"d1", "d2", "d3", "d4"});
    REQUIRE(corpus->documents.size() == 4);
    CHECK(corpus->documents[3].date.year == 2019);  // a year written as a number
    CHECK(corpus->documents[1].text == "caf\uFFFD belge");
    CHECK(corpus->documents[2].date.precision() == DatePrecision::unknown);
    CHECK(corpus->documents[2].text == "Daté de travers.");
    std::vector<std::string> warnings;
    for (const auto& w : corpus->warnings) warnings.push_back(w.message);
    CHECK(warnings == std::vector<std::string>{
                          path + ":2: invalid UTF-8 at column 26, replaced with U+FFFD",
                          path + ":3: field 'date' is not an ISO 8601 date: '2019-13-45', date left out"});
    std::filesystem::remove_all(dir);
}

TEST_CASE("ids: one id given by two inputs is loaded once, the later document skipped with a message", "[corpus][bad-input]") {
    const std::filesystem::path dir = vigie::testing::scratch_dir("vigie-taken-ids");
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "folder");
    const std::string c1 = (dir / "c1.jsonl").string(), c2 = (dir / "c2.jsonl").string();
    std::ofstream(c1) << R"({"id": "d1", "text": "Premier."})" << '\n' << R"({"id": "d2", "text": "Deuxième."})" << '\n';
    std::ofstream(c2) << R"({"id": "d3", "text": "Troisième."})" << '\n' << R"({"id": "d2", "text": "Autre d2."})" << '\n';
    std::ofstream(dir / "folder" / "d1.txt") << "Un fichier nommé d1.\n";
    TakenIds taken;
    std::vector<std::string> ids, warnings;
    for (const std::string& input : {c1, c2, c1, (dir / "folder").string()}) {
        auto corpus = load_input(input);
        REQUIRE(corpus.ok());
        taken.drop_repeats(corpus.value());
        for (const auto& d : corpus->documents) ids.push_back(d.id + " " + d.text);
        for (const auto& w : corpus->warnings) warnings.push_back(w.message);
    }
    CHECK(ids == std::vector<std::string>{"d1 Premier.", "d2 Deuxième.", "d3 Troisième."});  // the first wins
    CHECK(warnings == std::vector<std::string>{
                          c2 + ":2: id 'd2' already used by " + c1 + ":2, skipped",
                          c1 + ":1: id 'd1' already used by " + c1 + ":1, skipped",  // the same file twice
                          c1 + ":2: id 'd2' already used by " + c1 + ":2, skipped",
                          (dir / "folder" / "d1.txt").string() + ": id 'd1' already used by " + c1 + ":1, skipped"});
    std::filesystem::remove_all(dir);
}
