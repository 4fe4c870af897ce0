#include "app/dossier.h"

#include "core/corpus/input.h"
#include "core/text/analyzer.h"

namespace vigie::app {

namespace {

std::vector<std::pair<std::size_t, std::size_t>> split_paragraphs(const std::string& text) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos) end = text.size();
        std::size_t b = begin, e = end;
        while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r')) ++b;
        while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
        if (e > b) out.emplace_back(b, e);
        begin = end + 1;
    }
    return out;
}

}  // namespace

Result<Dossier> Dossier::load(const std::string& path) {
    auto corpus = corpus::load_input(path);
    if (!corpus) return corpus.error();
    auto analyzer = text::Analyzer::create();
    if (!analyzer) return analyzer.error();
    Dossier d;
    d.corpus = std::move(corpus).value();
    for (const corpus::Document& doc : d.corpus.documents) {
        DocumentView v;
        v.paragraphs = split_paragraphs(doc.text);
        for (const text::Token& t : analyzer->analyze(doc.text)) v.tokens += t.kind != text::TokenKind::compound;
        v.date_fr = doc.date.french();
        v.outlet = doc.source.empty() ? doc.source_note : doc.source;
        d.views.push_back(std::move(v));
    }
    return d;
}

}  // namespace vigie::app
