// Loading the dossier: the bundled manifest, dates, and every kind of bad input as a message
// that names the file and the line or field, with the good documents still loaded.
#include <catch2/catch.hpp>

#include <string>

#include "core/corpus/files.h"
#include "core/corpus/input.h"
#include "core/corpus/manifest.h"

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

    SECTION("texts are the seed files byte for byte") {
        for (const Document& d : corpus->documents) {
            auto original = read_file(kRoot + "/assets/corpus/" + d.file);
            REQUIRE(original.ok());
            CHECK(d.text == original.value());
        }
    }
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
    SECTION("directory without a manifest") {
        auto r = load_input(kRoot + "/tests/unit");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("no manifest.json") != std::string::npos);
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
