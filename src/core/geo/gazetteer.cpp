#include "core/geo/gazetteer.h"

#include "core/data.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "core/corpus/files.h"
#include "core/corpus/json.h"
#include "core/geo/casing.h"
#include "core/text/fold.h"

// [SECTION] Index
// - Word keys and enum names
// - GazetteerBuilder: JSON fields → Country (every field checked, messages name file and field)
// - GazetteerBuilder: names → Phrase (through the Analyzer), collisions refused
// - Gazetteer: parse, load, lookups

namespace vigie::geo {

using nlohmann::json;

// [SECTION] Word keys and enum names ----------------------------------------------------------

std::string word_key(std::string_view exact) {
    std::string key = text::fold_accents(exact);
    // "Jordan’s king": the analyzer keeps the possessive inside the word (exact has ' for ’).
    if (key.size() > 2 && key.compare(key.size() - 2, 2, "'s") == 0) key.resize(key.size() - 2);
    return key;
}

std::vector<const text::Token*> name_words(const std::vector<text::Token>& tokens) {
    std::vector<const text::Token*> out;
    out.reserve(tokens.size());
    std::uint32_t whole_until = 0;  // the end of a joined word taken whole: its parts are skipped
    for (const text::Token& t : tokens) {
        if (t.kind == text::TokenKind::compound) {
            if (t.exact.find_first_of("._@") == std::string::npos) continue;  // hyphens: its parts follow
            out.push_back(&t);
            whole_until = t.end;
        } else if (t.begin >= whole_until) {
            out.push_back(&t);
        }
    }
    return out;
}

std::string_view to_string(MentionKind k) {
    switch (k) {
        case MentionKind::name: return "name";
        case MentionKind::demonym: return "demonym";
        case MentionKind::city: return "city";
        case MentionKind::region: return "region";
    }
    return "?";
}

namespace {

// Words that stay lowercase inside names or carry no weight there: "La Haye" is matched on
// "Haye" being capitalised, so that "la réunion" is not "La Réunion".
bool is_function_word(const std::string& key) {
    static const std::array<std::string_view, 30> kWords = {
        "la", "le", "les", "l", "de", "du", "des", "d", "et", "en", "au", "aux", "sur", "sous", "the",
        "of", "and", "el", "al", "ad", "as", "ez", "es", "da", "do", "dos", "das", "di", "del", "y"};
    return std::find(kWords.begin(), kWords.end(), key) != kWords.end();
}

bool parse_kind(std::string_view s, MentionKind& out) {
    if (s == "name") out = MentionKind::name;
    else if (s == "demonym") out = MentionKind::demonym;
    else if (s == "city") out = MentionKind::city;
    else if (s == "region") out = MentionKind::region;
    else return false;
    return true;
}

bool parse_status(std::string_view s, CountryStatus& out) {
    if (s == "un_member") out = CountryStatus::un_member;
    else if (s == "observer") out = CountryStatus::observer;
    else if (s == "partially_recognised") out = CountryStatus::partially_recognised;
    else if (s == "territory") out = CountryStatus::territory;
    else return false;
    return true;
}

bool is_upper_ascii(const std::string& s, std::size_t n) {
    if (s.size() != n) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

// [SECTION] GazetteerBuilder: JSON fields → Country ------------------------------------------

class GazetteerBuilder {
public:
    GazetteerBuilder(std::string_view file, const text::Analyzer& analyzer) : file_(file), analyzer_(analyzer) {}

    Result<Gazetteer> build(const json& root);

private:
    std::string file_;
    const text::Analyzer& analyzer_;
    Gazetteer g_;
    std::string error_;  // the first problem; building stops there
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_words_;  // joined keys → phrases
    std::vector<bool> superseded_;                                           // per phrase: replaced by an "ambiguous" entry

    bool fail(const std::string& path, const std::string& what) {
        if (error_.empty()) error_ = file_ + ": " + path + ": " + what;
        return false;
    }

    // Typed field access that never throws: a missing optional field is an empty value.
    const json* field(const json& obj, const char* key, const std::string& path, bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) fail(path + "." + key, "missing (required)");
            return nullptr;
        }
        return &*it;
    }
    bool string_field(const json& obj, const char* key, const std::string& path, bool required, std::string& out) {
        const json* v = field(obj, key, path, required);
        if (!v) return error_.empty();
        if (!v->is_string()) return fail(path + "." + key, std::string("expected a string, got ") + v->type_name());
        out = v->get<std::string>();
        return true;
    }
    bool string_list(const json& obj, const char* key, const std::string& path, bool required, std::vector<std::string>& out) {
        const json* v = field(obj, key, path, required);
        if (!v) return error_.empty();
        std::string p = path + "." + key;
        if (!v->is_array()) return fail(p, std::string("expected an array of strings, got ") + v->type_name());
        if (required && v->empty()) return fail(p, "must not be empty");
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json& e = (*v)[i];
            if (!e.is_string()) return fail(p + "[" + std::to_string(i) + "]", std::string("expected a string, got ") + e.type_name());
            out.push_back(e.get<std::string>());
            if (out.back().empty()) return fail(p + "[" + std::to_string(i) + "]", "empty name");
        }
        return true;
    }
    bool only_fields(const json& obj, const std::string& path, std::initializer_list<std::string_view> known) {
        for (auto it = obj.begin(); it != obj.end(); ++it)
            if (std::find(known.begin(), known.end(), it.key()) == known.end())
                return fail(path, "unknown field " + in_quotes(it.key()));
        return true;
    }

    bool read_country(const json& c, const std::string& path, Country& out);
    bool read_french_name(const json& n, const std::string& path, FrenchName& out);
    bool add_country_phrases(std::uint16_t index, const std::string& path);
    bool read_ambiguous(const json& a, const std::string& path);

    bool add_phrase(const std::string& source, std::vector<Reading> readings, const std::string& path, bool needs_support = false,
                    bool language_form = false, bool combining_form = false);
    std::string describe(const Phrase& p) const;
};

bool GazetteerBuilder::read_french_name(const json& n, const std::string& path, FrenchName& out) {
    if (!n.is_object()) return fail(path, std::string("expected an object {name, article, gender}, got ") + n.type_name());
    if (!only_fields(n, path, {"name", "article", "gender", "locative"})) return false;
    std::string article, gender;
    if (!string_field(n, "name", path, true, out.name) || !string_field(n, "article", path, true, article) ||
        !string_field(n, "gender", path, true, gender) || !string_field(n, "locative", path, false, out.locative))
        return false;
    if (out.name.empty()) return fail(path + ".name", "empty name");
    if (article == "le") out.article = Article::le;
    else if (article == "la") out.article = Article::la;
    else if (article == "l'" || article == "l\u2019") out.article = Article::elided;
    else if (article == "les") out.article = Article::les;
    else if (article.empty()) out.article = Article::none;
    else return fail(path + ".article", "expected one of \"le\", \"la\", \"l'\", \"les\", \"\", got " + in_quotes(article));
    if (gender == "m") out.gender = Gender::masculine;
    else if (gender == "f") out.gender = Gender::feminine;
    else return fail(path + ".gender", "expected \"m\" or \"f\", got " + in_quotes(gender));
    // The article must agree with the gender, or "en/au" and the UI's agreements go wrong.
    if ((out.article == Article::le && out.gender != Gender::masculine) || (out.article == Article::la && out.gender != Gender::feminine))
        return fail(path + ".gender", "does not agree with the article " + in_quotes(article));
    return true;
}

bool GazetteerBuilder::read_country(const json& c, const std::string& path, Country& out) {
    if (!c.is_object()) return fail(path, std::string("expected an object, got ") + c.type_name());
    if (!only_fields(c, path, {"iso3", "iso2", "status", "fr", "en", "fr_demonyms", "en_demonyms", "fr_combining", "cities", "regions"}))
        return false;
    std::string status;
    if (!string_field(c, "iso3", path, true, out.iso3)) return false;
    if (!is_upper_ascii(out.iso3, 3)) return fail(path + ".iso3", "expected three capital letters (ISO 3166-1 alpha-3), got " + in_quotes(out.iso3));
    if (!string_field(c, "iso2", path, true, out.iso2)) return false;
    if (!is_upper_ascii(out.iso2, 2)) return fail(path + ".iso2", "expected two capital letters (ISO 3166-1 alpha-2), got " + in_quotes(out.iso2));
    if (!string_field(c, "status", path, true, status)) return false;
    if (!parse_status(status, out.status))
        return fail(path + ".status", "expected un_member, observer, partially_recognised or territory, got " + in_quotes(status));

    const json* fr = field(c, "fr", path, true);
    if (!fr) return false;
    if (!fr->is_array() || fr->empty()) return fail(path + ".fr", "expected a non-empty array of {name, article, gender}");
    for (std::size_t i = 0; i < fr->size(); ++i) {
        FrenchName n;
        if (!read_french_name((*fr)[i], path + ".fr[" + std::to_string(i) + "]", n)) return false;
        out.french.push_back(std::move(n));
    }
    if (!string_list(c, "en", path, true, out.english) || !string_list(c, "en_demonyms", path, false, out.english_demonyms) ||
        !string_list(c, "fr_combining", path, false, out.combining_forms) || !string_list(c, "cities", path, false, out.cities) ||
        !string_list(c, "regions", path, false, out.regions))
        return false;

    if (const json* d = field(c, "fr_demonyms", path, false)) {
        std::string p = path + ".fr_demonyms";
        if (!d->is_array()) return fail(p, std::string("expected an array of [m. sg, f. sg, m. pl, f. pl], got ") + d->type_name());
        for (std::size_t i = 0; i < d->size(); ++i) {
            const json& forms = (*d)[i];
            std::string pi = p + "[" + std::to_string(i) + "]";
            if (!forms.is_array() || forms.size() != 4) return fail(pi, "expected the four forms [m. sg, f. sg, m. pl, f. pl]");
            std::array<std::string, 4> four;
            for (std::size_t k = 0; k < 4; ++k) {
                if (!forms[k].is_string() || forms[k].get<std::string>().empty())
                    return fail(pi + "[" + std::to_string(k) + "]", "expected a non-empty string");
                four[k] = forms[k].get<std::string>();
            }
            out.french_demonyms.push_back(std::move(four));
        }
    }
    return true;
}

// [SECTION] GazetteerBuilder: names → Phrase ----------------------------------------------

std::string GazetteerBuilder::describe(const Phrase& p) const {
    if (p.readings.empty()) return "not_countries";
    std::string out = p.needs_support ? "ambiguous " : "";
    for (std::size_t i = 0; i < p.readings.size(); ++i)
        out += (i ? "/" : "") + g_.countries_[p.readings[i].country].iso3 + " (" + std::string(to_string(p.readings[i].kind)) + ")";
    return out;
}

bool GazetteerBuilder::add_phrase(const std::string& source, std::vector<Reading> readings, const std::string& path,
                                  bool needs_support, bool language_form, bool combining_form) {
    Phrase p;
    p.source = source;
    p.readings = std::move(readings);
    p.needs_support = needs_support;
    p.language_form = language_form;
    p.combining_form = combining_form;
    bool blocks = p.readings.empty();
    const std::vector<text::Token> tokens = analyzer_.analyze(source, text::Analyzer::Terms::later);  // names are matched unstemmed
    for (const text::Token* word : name_words(tokens)) {  // as in the text
        const text::Token& t = *word;
        std::string key = word_key(t.exact);
        std::string_view surface = std::string_view(source).substr(t.begin, t.end - t.begin);
        WordCase wc = WordCase::any;
        // Phrases that are known not to be countries block in any case; demonyms are lowercase in French.
        if (!blocks && !is_function_word(key)) {
            if (is_all_caps(surface)) wc = WordCase::all_caps;
            else if (starts_with_capital(surface)) wc = WordCase::capitalised;
        }
        p.words.push_back(std::move(key));
        p.cases.push_back(wc);
    }
    if (p.words.empty()) return fail(path, in_quotes(source) + " has no word in it");

    std::string joined;
    for (const std::string& w : p.words) joined += w + '\x1f';
    std::vector<std::uint32_t>& same = by_words_[joined];
    for (std::uint32_t other : same) {
        const Phrase& o = g_.phrases_[other];
        bool o_blocks = o.readings.empty();
        if (superseded_[other]) continue;
        // "ambiguous" takes a country's own name over ("Congo" of COG becomes COG or COD):
        // the countries keep their full list of names, the matcher the right reading.
        if (needs_support && !o_blocks && !o.needs_support &&
            std::any_of(p.readings.begin(), p.readings.end(), [&](const Reading& r) { return r.country == o.readings.front().country; })) {
            superseded_[other] = true;
            continue;
        }
        // The same words may stand for one thing only; an ambiguity has to be declared as such.
        if (blocks || o_blocks || needs_support || o.needs_support || o.readings.front().country != p.readings.front().country)
            return fail(path, in_quotes(source) + " is also " + in_quotes(o.source) + " of " + describe(o) +
                                  "; list it once (under \"ambiguous\" if it can mean several countries)");
        // Same country: the first listing wins (names before regions, cities, demonyms) unless
        // its case rule differs, as for "Argentine" (the name) and "argentine" (the adjective).
        if (o.cases == p.cases) return true;
    }
    same.push_back(static_cast<std::uint32_t>(g_.phrases_.size()));
    g_.phrases_.push_back(std::move(p));
    superseded_.push_back(false);
    return true;
}

bool GazetteerBuilder::add_country_phrases(std::uint16_t index, const std::string& path) {
    const Country& c = g_.countries_[index];
    auto one = [&](MentionKind k) { return std::vector<Reading>{Reading{index, k}}; };
    for (std::size_t i = 0; i < c.french.size(); ++i)
        if (!add_phrase(c.french[i].name, one(MentionKind::name), path + ".fr[" + std::to_string(i) + "].name")) return false;
    for (std::size_t i = 0; i < c.english.size(); ++i)
        if (!add_phrase(c.english[i], one(MentionKind::name), path + ".en[" + std::to_string(i) + "]")) return false;
    for (std::size_t i = 0; i < c.regions.size(); ++i)
        if (!add_phrase(c.regions[i], one(MentionKind::region), path + ".regions[" + std::to_string(i) + "]")) return false;
    for (std::size_t i = 0; i < c.cities.size(); ++i)
        if (!add_phrase(c.cities[i], one(MentionKind::city), path + ".cities[" + std::to_string(i) + "]")) return false;
    for (std::size_t i = 0; i < c.french_demonyms.size(); ++i)
        for (std::size_t k = 0; k < 4; ++k)
            if (!add_phrase(c.french_demonyms[i][k], one(MentionKind::demonym),
                            path + ".fr_demonyms[" + std::to_string(i) + "][" + std::to_string(k) + "]", false, k == 0))
                return false;
    for (std::size_t i = 0; i < c.english_demonyms.size(); ++i)
        if (!add_phrase(c.english_demonyms[i], one(MentionKind::demonym), path + ".en_demonyms[" + std::to_string(i) + "]")) return false;
    for (std::size_t i = 0; i < c.combining_forms.size(); ++i)
        if (!add_phrase(c.combining_forms[i], one(MentionKind::demonym), path + ".fr_combining[" + std::to_string(i) + "]", false,
                        false, true))
            return false;
    return true;
}

bool GazetteerBuilder::read_ambiguous(const json& a, const std::string& path) {
    if (!a.is_object()) return fail(path, std::string("expected an object {name, readings}, got ") + a.type_name());
    if (!only_fields(a, path, {"name", "readings"})) return false;
    std::string name;
    if (!string_field(a, "name", path, true, name)) return false;
    const json* rs = field(a, "readings", path, true);
    if (!rs) return false;
    if (!rs->is_array() || rs->empty()) return fail(path + ".readings", "expected a non-empty array of {iso3, kind}");
    std::vector<Reading> readings;
    for (std::size_t i = 0; i < rs->size(); ++i) {
        const json& r = (*rs)[i];
        std::string pr = path + ".readings[" + std::to_string(i) + "]";
        if (!r.is_object()) return fail(pr, std::string("expected an object {iso3, kind}, got ") + r.type_name());
        std::string iso3, kind;
        if (!only_fields(r, pr, {"iso3", "kind"}) || !string_field(r, "iso3", pr, true, iso3) || !string_field(r, "kind", pr, true, kind))
            return false;
        auto it = g_.by_code_.find(iso3);
        if (iso3.size() != 3 || it == g_.by_code_.end()) return fail(pr + ".iso3", "no country " + in_quotes(iso3) + " in \"countries\"");
        Reading reading{it->second, MentionKind::name};
        if (!parse_kind(kind, reading.kind)) return fail(pr + ".kind", "expected name, demonym, city or region, got " + in_quotes(kind));
        readings.push_back(reading);
    }
    return add_phrase(name, std::move(readings), path + ".name", true);
}

Result<Gazetteer> GazetteerBuilder::build(const json& root) {
    if (!root.is_object()) return Error{file_ + ": expected a JSON object at the top level"};
    if (!only_fields(root, "top level", {"format", "version", "countries", "ambiguous", "not_countries", "given_names"}))
        return Error{error_};
    std::string format;
    if (!string_field(root, "format", "top level", true, format)) return Error{error_};
    if (format != "vigie-gazetteer") return Error{file_ + ": format: expected \"vigie-gazetteer\", got " + in_quotes(format)};

    const json* countries = field(root, "countries", "top level", true);
    if (!countries) return Error{error_};
    if (!countries->is_array() || countries->empty()) return Error{file_ + ": countries: expected a non-empty array"};
    if (countries->size() > 0xFFFF) return Error{file_ + ": countries: too many entries"};
    for (std::size_t i = 0; i < countries->size(); ++i) {
        std::string path = "countries[" + std::to_string(i) + "]";
        Country c;
        if (!read_country((*countries)[i], path, c)) return Error{error_};
        auto index = static_cast<std::uint16_t>(g_.countries_.size());
        for (const std::string* code : {&c.iso3, &c.iso2})
            if (!g_.by_code_.emplace(*code, index).second)
                return Error{file_ + ": " + path + (code == &c.iso3 ? ".iso3" : ".iso2") + ": duplicate code " + in_quotes(*code)};
        g_.countries_.push_back(std::move(c));
    }
    // Names only once every country is known, so a collision can name both sides.
    for (std::size_t i = 0; i < g_.countries_.size(); ++i)
        if (!add_country_phrases(static_cast<std::uint16_t>(i), "countries[" + std::to_string(i) + "] (" + g_.countries_[i].iso3 + ")"))
            return Error{error_};

    if (const json* amb = field(root, "ambiguous", "top level", false)) {
        if (!amb->is_array()) return Error{file_ + ": ambiguous: expected an array"};
        for (std::size_t i = 0; i < amb->size(); ++i)
            if (!read_ambiguous((*amb)[i], "ambiguous[" + std::to_string(i) + "]")) return Error{error_};
    }
    std::vector<std::string> list;
    if (!string_list(root, "not_countries", "top level", false, list)) return Error{error_};
    for (std::size_t i = 0; i < list.size(); ++i)
        if (!add_phrase(list[i], {}, "not_countries[" + std::to_string(i) + "]")) return Error{error_};
    list.clear();
    if (!string_list(root, "given_names", "top level", false, list)) return Error{error_};
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::vector<std::string> keys;
        const std::vector<text::Token> tokens = analyzer_.analyze(list[i], text::Analyzer::Terms::later);
        for (const text::Token* t : name_words(tokens)) keys.push_back(word_key(t->exact));
        if (keys.size() != 1) return Error{file_ + ": given_names[" + std::to_string(i) + "]: " + in_quotes(list[i]) + " is not one word"};
        g_.given_names_.insert(keys.front());
    }

    std::vector<Phrase> kept;
    kept.reserve(g_.phrases_.size());
    for (std::size_t i = 0; i < g_.phrases_.size(); ++i)
        if (!superseded_[i]) kept.push_back(std::move(g_.phrases_[i]));
    g_.phrases_ = std::move(kept);
    for (std::uint32_t i = 0; i < g_.phrases_.size(); ++i) {
        Phrase& p = g_.phrases_[i];
        p.given_name = !p.readings.empty() && p.words.size() == 1 && g_.given_names_.count(p.words.front()) > 0;
        g_.by_first_word_[p.words.front()].push_back(i);
    }
    // Longest first; among equals, the order of the file (names, regions, cities, demonyms).
    for (auto& [word, ids] : g_.by_first_word_)
        std::stable_sort(ids.begin(), ids.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return g_.phrases_[a].words.size() > g_.phrases_[b].words.size(); });
    return std::move(g_);
}

// [SECTION] Gazetteer -------------------------------------------------------------------------

Result<Gazetteer> Gazetteer::parse(std::string_view json_text, std::string_view file_name, const text::Analyzer& analyzer) {
    auto root = corpus::parse_json(json_text, file_name);
    if (!root) return root.error();
    return GazetteerBuilder(file_name, analyzer).build(root.value());
}

Result<Gazetteer> Gazetteer::builtin(const text::Analyzer& analyzer) {
    return parse(data::gazetteer_json(), "assets/gazetteer/countries.json", analyzer);
}

Result<Gazetteer> Gazetteer::load(const std::string& path, const text::Analyzer& analyzer) {
    auto bytes = corpus::read_file(path, std::size_t(16) << 20);
    if (!bytes) return bytes.error();
    return parse(bytes.value(), path, analyzer);
}

const Country* Gazetteer::find_code(std::string_view code) const {
    if (code.size() != 2 && code.size() != 3) return nullptr;
    std::string upper(code);
    for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    auto it = by_code_.find(upper);
    return it == by_code_.end() ? nullptr : &countries_[it->second];
}

const Country* Gazetteer::find(const text::Analyzer& analyzer, std::string_view code_or_name) const {
    if (const Country* c = find_code(code_or_name)) return c;
    std::vector<std::string> words;
    const std::vector<text::Token> tokens = analyzer.analyze(code_or_name, text::Analyzer::Terms::later);
    for (const text::Token* t : name_words(tokens)) words.push_back(word_key(t->exact));
    if (words.empty()) return nullptr;
    if (const auto* ids = starting_with(words.front()))
        for (std::uint32_t id : *ids) {
            const Phrase& p = phrases_[id];
            if (p.words == words && p.readings.size() == 1 && !p.needs_support) return &countries_[p.readings.front().country];
        }
    return nullptr;
}

const std::vector<std::uint32_t>* Gazetteer::starting_with(const std::string& word) const {
    auto it = by_first_word_.find(word);
    return it == by_first_word_.end() ? nullptr : &it->second;
}

std::vector<std::uint16_t> Gazetteer::places_named(const std::string& key, const std::string_view* written) const {
    std::vector<std::uint16_t> out;
    if (const auto* ids = starting_with(key))
        for (std::uint32_t id : *ids) {
            const Phrase& p = phrases_[id];
            if (p.words.size() != 1) continue;
            if (written && ((p.cases[0] == WordCase::capitalised && !starts_with_capital(*written)) ||
                            (p.cases[0] == WordCase::all_caps && !is_all_caps(*written))))
                continue;
            for (const Reading& r : p.readings) out.push_back(r.country);
        }
    return out;
}

}  // namespace vigie::geo
