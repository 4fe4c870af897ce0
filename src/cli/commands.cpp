#include "cli/commands.h"

#include <unistd.h>

#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/site.h"
#include "core/corpus/files.h"
#include "core/corpus/input.h"
#include "core/facts/dates.h"
#include "core/facts/entities.h"
#include "core/geo/extract.h"
#include "core/geo/gazetteer.h"
#include "core/index/builder.h"
#include "core/index/index.h"
#include "core/index/search.h"
#include "core/text/analyzer.h"

namespace vigie::cli {

namespace {

using nlohmann::json;

constexpr const char* kUsage =
    "usage: vigie <command> [options]\n"
    "\n"
    "commands:\n"
    "  index INPUT... -o OUT.vidx           build a search index\n"
    "  search SOURCE [QUERY] [--limit N] [--json] [--explain] [--typing]\n"
    "                                       search; without QUERY, one query per line on stdin,\n"
    "                                       one JSON object per line out\n"
    "  extract INPUT [--json]               documents of INPUT with metadata and token counts\n"
    "  analyze [TEXT] [--json]              the analyzer's tokens for TEXT (or standard input)\n"
    "  build INPUT -o DIR [--site SITE]     the static site (the page, offline) for that dossier;\n"
    "                                       SITE: the built site it starts from (build/site)\n"
    "\n"
    "After --, every argument is positional: vigie search SOURCE -- \"-taliban propagande\".\n"
    "INPUT is a dossier (manifest.json or its directory), a directory of .txt, .md, .html, .json\n"
    "and .jsonl files, or one such file; SOURCE is a .vidx or an INPUT.\n"
    "Query language: words, \"a phrase\", -exclude, a OR b, prefix*, pays:BEL, année:2018..2019,\n"
    "source:Reuters, titre:mot.\n";

struct Args {
    std::vector<std::string> positional;
    bool json = false, explain = false, typing = false;
    std::string output;       // -o
    std::string site;         // --site
    long limit = 10;          // --limit
    std::string problem;      // first unknown or malformed option, if any
};

// What a word that starts with '-' may be at this point of command's arguments instead of an
// option ("-amaq belgique": a query excluding amaq), which -- lets through; nullptr if nothing.
const char* free_text_at(const std::string& command, std::size_t positionals) {
    if (command == "search" && positionals == 1) return "query";  // after SOURCE
    if (command == "analyze") return "text";
    return nullptr;
}

// "--" ends the options: every argument after it is positional, even one starting with '-'.
Args parse_args(int argc, char** argv, int first, const std::string& command) {
    Args a;
    bool options = true;
    for (int i = first; i < argc; ++i) {
        std::string s = argv[i];
        if (options && s == "--") { options = false; continue; }
        if (!options) { a.positional.push_back(std::move(s)); continue; }
        auto value = [&]() -> std::string {
            if (i + 1 < argc) return argv[++i];
            if (a.problem.empty()) a.problem = s + " needs a value";
            return {};
        };
        if (s == "--json") a.json = true;
        else if (s == "--explain") a.explain = true;
        else if (s == "--typing") a.typing = true;
        else if (s == "-o" || s == "--output") a.output = value();
        else if (s == "--site") a.site = value();
        else if (s == "--limit" || s == "-n") {
            const std::string v = value();
            char* end = nullptr;
            a.limit = std::strtol(v.c_str(), &end, 10);
            if ((end == v.c_str() || *end || a.limit < 0 || a.limit > 100000) && a.problem.empty())
                a.problem = "--limit takes a number from 0 to 100000";
        } else if (s.size() > 1 && s[0] == '-') {
            if (!a.problem.empty()) continue;
            a.problem = "unknown option '" + s + "'";
            if (const char* what = free_text_at(command, a.positional.size()))
                a.problem += std::string(" (a ") + what + " that starts with '-': put -- before it)";
        } else a.positional.push_back(std::move(s));
    }
    return a;
}

int usage_error(const std::string& message) {
    std::fprintf(stderr, "vigie: %s\n\n%s", message.c_str(), kUsage);
    return 1;
}

// JSON text as UTF-8 (not \u escapes); bytes that are not UTF-8 become U+FFFD instead of throwing.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Result<text::Analyzer> make_analyzer() {
    auto analyzer = text::Analyzer::create();
    if (!analyzer) std::fprintf(stderr, "vigie: %s\n", analyzer.error().message.c_str());
    return analyzer;
}

// The compiled-in gazetteer; without it (it is tested, so never in practice) no country is tagged.
std::optional<geo::Gazetteer> make_gazetteer(const text::Analyzer& analyzer) {
    auto g = geo::Gazetteer::builtin(analyzer);
    if (!g) {
        std::fprintf(stderr, "vigie: warning: %s\n", g.error().message.c_str());
        return std::nullopt;
    }
    return std::move(g).value();
}

int extract(const Args& args) {
    if (args.positional.size() != 1) return usage_error("extract takes one INPUT");
    auto corpus = corpus::load_input(args.positional[0]);
    if (!corpus) { std::fprintf(stderr, "vigie: %s\n", corpus.error().message.c_str()); return 1; }
    for (const Error& w : corpus->warnings) std::fprintf(stderr, "vigie: warning: %s\n", w.message.c_str());
    auto analyzer = make_analyzer();
    if (!analyzer) return 1;
    const auto gazetteer = make_gazetteer(analyzer.value());
    auto entity_list = facts::EntityList::builtin(analyzer.value());
    if (!entity_list) std::fprintf(stderr, "vigie: warning: %s\n", entity_list.error().message.c_str());
    for (const corpus::Document& d : corpus->documents) {
        const auto tokens = analyzer->analyze(d.text, text::Analyzer::Terms::later);  // counted and matched unstemmed
        std::size_t words = 0;
        for (const auto& t : tokens) words += t.kind != text::TokenKind::compound;
        std::vector<geo::CountryMentions> countries;
        if (gazetteer) countries = geo::extract_countries(*gazetteer, d.text, tokens);
        if (args.json) {
            json cs = json::array();
            for (const auto& c : countries) {
                json mentions = json::array(), ranges = json::array();
                for (const auto& m : c.mentions) {
                    mentions.push_back(m.surface);
                    ranges.push_back({m.begin, m.end});
                }
                cs.push_back({{"iso3", c.iso3}, {"count", c.count}, {"mentions", mentions}, {"ranges", ranges}});
            }
            static constexpr const char* kPrecision[] = {"", "year", "month", "day"};
            json dates = json::array();
            for (const facts::DateMention& m : facts::extract_dates(d.text, tokens, d.date))
                dates.push_back({{"surface", m.surface}, {"from", m.from.iso()}, {"to", m.to.iso()},
                                 {"precision", kPrecision[static_cast<int>(m.from.precision())]},
                                 {"inferred", m.inferred}, {"range", {m.range.begin, m.range.end}}});
            json people = json::array();
            if (entity_list)
                for (const auto& e : facts::extract_entities(analyzer.value(), entity_list.value(), d.text, tokens,
                                                             gazetteer ? &*gazetteer : nullptr)) {
                    json mentions = json::array(), ranges = json::array();
                    for (const auto& m : e.mentions) {
                        mentions.push_back(m.surface);
                        ranges.push_back({m.range.begin, m.range.end});
                    }
                    people.push_back({{"id", e.id}, {"name", e.name}, {"kind", facts::to_string(e.kind)},
                                      {"count", e.mentions.size()}, {"mentions", mentions}, {"ranges", ranges}});
                }
            json o = {{"id", d.id}, {"title", d.title}, {"date", d.date.iso()},
                      {"date_precision", kPrecision[static_cast<int>(d.date.precision())]}, {"source", d.source},
                      {"lang", d.lang}, {"summary", d.summary}, {"bytes", d.text.size()}, {"tokens", words},
                      {"countries", cs}, {"dates", dates}, {"entities", people}};
            std::printf("%s\n", dump(o).c_str());
        } else {
            std::string cs;
            for (const auto& c : countries) cs += (cs.empty() ? "" : " ") + c.iso3 + "×" + std::to_string(c.count);
            std::printf("%-22s %-10s %6zu tokens  %s\n%22s countries: %s\n", d.id.c_str(), d.date.iso().c_str(), words,
                        d.title.c_str(), "", cs.empty() ? "—" : cs.c_str());
        }
    }
    return corpus->documents.empty() ? 1 : 0;
}

bool ends_with(const std::string& s, std::string_view tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Loads every INPUT into one corpus (ids must stay unique across inputs) and indexes it.
Result<index::Index> index_inputs(const std::vector<std::string>& inputs, const text::Analyzer& analyzer,
                                  const geo::Gazetteer* gazetteer) {
    index::IndexBuilder builder(analyzer, gazetteer);
    corpus::TakenIds taken;  // the same file given twice, or one article in two exports
    std::size_t loaded = 0;
    for (const std::string& input : inputs) {
        auto corpus = corpus::load_input(input);
        if (!corpus) return corpus.error();
        taken.drop_repeats(corpus.value());
        for (const Error& w : corpus->warnings) std::fprintf(stderr, "vigie: warning: %s\n", w.message.c_str());
        builder.reserve(corpus->documents);
        for (corpus::Document& d : corpus->documents) builder.add(std::move(d));
        loaded += corpus->documents.size();
    }
    if (loaded == 0) return Error{"no document could be loaded"};
    for (const Error& w : builder.warnings()) std::fprintf(stderr, "vigie: warning: %s\n", w.message.c_str());
    auto parts = std::move(builder).finish_parts();
    if (!parts) return parts.error();
    return index::Index::open(std::move(parts).value());
}

int build_index(const Args& args) {
    if (args.positional.empty()) return usage_error("index takes at least one INPUT");
    if (args.output.empty()) return usage_error("index needs -o OUT.vidx");
    auto analyzer = make_analyzer();
    if (!analyzer) return 1;
    const auto gazetteer = make_gazetteer(analyzer.value());
    auto ix = index_inputs(args.positional, analyzer.value(), gazetteer ? &*gazetteer : nullptr);
    if (!ix) { std::fprintf(stderr, "vigie: %s\n", ix.error().message.c_str()); return 1; }
    std::FILE* f = std::fopen(args.output.c_str(), "wb");
    bool written = f != nullptr;
    for (std::string_view part : ix->parts()) written = written && std::fwrite(part.data(), 1, part.size(), f) == part.size();
    if (f && std::fclose(f) != 0) written = false;
    if (!written) {
        std::fprintf(stderr, "vigie: %s: cannot write\n", args.output.c_str());
        return 1;
    }
    const index::IndexStats st = ix->stats();
    std::fprintf(stderr, "vigie: %u documents, %u terms, %u forms → %s (%llu bytes: postings %llu, dictionary %llu, summaries %llu, merged postings %llu, pairs %llu, stored text %llu, from %llu bytes of body text)\n",
                 st.documents, st.stems, st.forms, args.output.c_str(), (unsigned long long)st.total_bytes,
                 (unsigned long long)st.postings_bytes, (unsigned long long)st.dictionary_bytes,
                 (unsigned long long)st.summary_bytes, (unsigned long long)st.merged_bytes, (unsigned long long)st.pair_bytes,
                 (unsigned long long)st.text_bytes, (unsigned long long)st.body_raw_bytes);
    return 0;
}

int build_site_command(const Args& args) {
    if (args.positional.size() != 1) return usage_error("build takes one INPUT");
    if (args.output.empty()) return usage_error("build needs -o DIR");
    const std::string site = args.site.empty() ? default_site_dir() : args.site;
    auto built = build_site(args.positional[0], args.output, site);
    if (!built) { std::fprintf(stderr, "vigie: %s\n", built.error().message.c_str()); return 1; }
    std::fprintf(stderr, "vigie: %zu documents → %s (the site of %s; serve it as static files)\n", built.value(),
                 args.output.c_str(), site.c_str());
    return 0;
}

// Human-readable hit: the snippet with matches in bold on a terminal, in «» otherwise.
void print_hit(std::size_t rank, const index::Hit& h, const index::Index& ix, bool tty) {
    const index::DocView d = ix.doc(h.doc, false);
    std::printf("%2zu. %-22s %-10s %7.3f  %s\n", rank, std::string(d.id).c_str(), d.date.iso().c_str(), h.score,
                std::string(d.title).c_str());
    std::string s;
    std::size_t at = 0;
    for (auto [b, e] : h.highlights) {
        s += h.snippet.substr(at, b - at) + (tty ? "\033[1m" : "«") + h.snippet.substr(b, e - b) + (tty ? "\033[0m" : "»");
        at = e;
    }
    s += h.snippet.substr(at);
    std::printf("    %s\n", s.c_str());
    if (!h.explanation.empty()) std::printf("%s", h.explanation.c_str());
}

int search(const Args& args) {
    if (args.positional.empty() || args.positional.size() > 2) return usage_error("search takes SOURCE [QUERY]");
    auto analyzer = make_analyzer();
    if (!analyzer) return 1;
    const auto gazetteer = make_gazetteer(analyzer.value());
    const geo::Gazetteer* gaz = gazetteer ? &*gazetteer : nullptr;
    const std::string& source = args.positional[0];
    Result<index::Index> ix = Error{""};
    if (ends_with(source, ".vidx")) {
        auto bytes = corpus::read_file(source, SIZE_MAX);  // 4 GiB << 30 would overflow wasm32's size_t
        ix = bytes ? index::Index::open(std::move(bytes).value(), source) : Result<index::Index>(bytes.error());
    } else {
        ix = index_inputs({source}, analyzer.value(), gaz);
    }
    if (!ix) { std::fprintf(stderr, "vigie: %s\n", ix.error().message.c_str()); return 1; }
    index::Searcher searcher(ix.value(), analyzer.value(), gaz);
    index::SearchOptions options;
    options.limit = static_cast<std::size_t>(args.limit);
    options.explain = args.explain;
    options.typing = args.typing;
    auto run = [&](const std::string& q, bool as_json) {
        const index::SearchResult r = searcher.search(q, options);
        if (as_json) { std::printf("%s\n", index::to_json(r, ix.value()).c_str()); return; }
        for (const index::Message& m : r.messages) std::printf("note : %s\n", m.text().c_str());
        std::printf("%llu résultat%s (%.2f ms)\n", (unsigned long long)r.total, r.total > 1 ? "s" : "", static_cast<double>(r.took_us) / 1000.0);
        const bool tty = isatty(fileno(stdout));
        for (std::size_t i = 0; i < r.hits.size(); ++i) print_hit(i + 1, r.hits[i], ix.value(), tty);
    };
    if (args.positional.size() == 2) {
        run(args.positional[1], args.json);
        return 0;
    }
    std::string line;
    while (std::getline(std::cin, line)) run(line, true);  // batch mode: JSON lines
    return 0;
}

int analyze(const Args& args) {
    std::string input;
    if (args.positional.empty()) input.assign(std::istreambuf_iterator<char>(std::cin), {});
    for (std::size_t i = 0; i < args.positional.size(); ++i) input += (i ? " " : "") + args.positional[i];
    auto analyzer = make_analyzer();
    if (!analyzer) return 1;
    static constexpr const char* kKinds[] = {"word", "number", "compound", "character"};
    json out = json::array();
    for (const text::Token& t : analyzer->analyze(input)) {
        const char* kind = kKinds[static_cast<int>(t.kind)];
        if (args.json) {
            out.push_back({{"term", t.term}, {"exact", t.exact}, {"begin", t.begin}, {"end", t.end},
                           {"position", t.position}, {"kind", kind}});
        } else {
            std::printf("%4u  %5u-%-5u  %-9s %-24s %s\n", t.position, t.begin, t.end, kind, t.term.c_str(),
                        input.substr(t.begin, t.end - t.begin).c_str());
        }
    }
    if (args.json) std::printf("%s\n", dump(out).c_str());
    return 0;
}

}  // namespace

int run(int argc, char** argv) {
    if (argc < 2) return usage_error("missing command");
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") { std::printf("%s", kUsage); return 0; }
    Args args = parse_args(argc, argv, 2, command);
    if (!args.problem.empty()) return usage_error(args.problem);
    if (command == "index") return build_index(args);
    if (command == "search") return search(args);
    if (command == "extract") return extract(args);
    if (command == "analyze") return analyze(args);
    if (command == "build") return build_site_command(args);
    return usage_error("unknown command '" + command + "'");
}

}  // namespace vigie::cli
