#include "cli/commands.h"

#include <cstdio>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/corpus/input.h"
#include "core/text/analyzer.h"

namespace vigie::cli {

namespace {

using nlohmann::json;

constexpr const char* kUsage =
    "usage: vigie <command> [options]\n"
    "\n"
    "commands:\n"
    "  extract INPUT [--json]   documents of INPUT with their metadata and analyzed token counts\n"
    "  analyze [TEXT] [--json]  the analyzer's tokens for TEXT (or standard input)\n"
    "\n"
    "INPUT is a manifest.json or a directory holding one.\n";

struct Args {
    std::vector<std::string> positional;
    bool json = false;
    std::string unknown;  // first unknown option, if any
};

Args parse_args(int argc, char** argv, int first) {
    Args a;
    for (int i = first; i < argc; ++i) {
        std::string s = argv[i];
        if (s == "--json") a.json = true;
        else if (s.size() > 1 && s[0] == '-' && a.unknown.empty()) a.unknown = s;
        else a.positional.push_back(std::move(s));
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

int extract(const Args& args) {
    if (args.positional.size() != 1) return usage_error("extract takes one INPUT");
    auto corpus = corpus::load_input(args.positional[0]);
    if (!corpus) { std::fprintf(stderr, "vigie: %s\n", corpus.error().message.c_str()); return 1; }
    for (const Error& w : corpus->warnings) std::fprintf(stderr, "vigie: warning: %s\n", w.message.c_str());
    auto analyzer = make_analyzer();
    if (!analyzer) return 1;
    for (const corpus::Document& d : corpus->documents) {
        const auto tokens = analyzer->analyze(d.text);
        std::size_t words = 0;
        for (const auto& t : tokens) words += t.kind != text::TokenKind::compound;
        if (args.json) {
            json o = {{"id", d.id}, {"title", d.title}, {"date", d.date.iso()}, {"source", d.source},
                      {"lang", d.lang}, {"bytes", d.text.size()}, {"tokens", words}};
            std::printf("%s\n", dump(o).c_str());
        } else {
            std::printf("%-22s %-10s %6zu tokens  %s\n", d.id.c_str(), d.date.iso().c_str(), words, d.title.c_str());
        }
    }
    return corpus->documents.empty() ? 1 : 0;
}

int analyze(const Args& args) {
    std::string input;
    if (args.positional.empty()) input.assign(std::istreambuf_iterator<char>(std::cin), {});
    for (std::size_t i = 0; i < args.positional.size(); ++i) input += (i ? " " : "") + args.positional[i];
    auto analyzer = make_analyzer();
    if (!analyzer) return 1;
    static constexpr const char* kKinds[] = {"word", "number", "compound"};
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
    Args args = parse_args(argc, argv, 2);
    if (!args.unknown.empty()) return usage_error("unknown option " + args.unknown);
    if (command == "extract") return extract(args);
    if (command == "analyze") return analyze(args);
    return usage_error("unknown command '" + command + "'");
}

}  // namespace vigie::cli
