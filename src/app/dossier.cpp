#include "app/dossier.h"

#include <algorithm>

#include "core/corpus/input.h"
#include "core/index/builder.h"

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

Result<std::unique_ptr<Dossier>> Dossier::load(const std::string& path, const std::string& map_path) {
    auto corpus = corpus::load_input(path);
    if (!corpus) return corpus.error();
    auto analyzer = text::Analyzer::create();
    if (!analyzer) return analyzer.error();
    auto d = std::make_unique<Dossier>();
    d->corpus = std::move(corpus).value();
    d->analyzer_ = std::move(analyzer).value();
    auto gazetteer = geo::Gazetteer::builtin(*d->analyzer_);
    if (!gazetteer) return gazetteer.error();
    d->gazetteer_ = std::move(gazetteer).value();
    auto built = index::build_index(d->corpus.documents, *d->analyzer_, &*d->gazetteer_);
    if (!built) return built.error();
    d->index_ = std::move(built).value();
    d->searcher_ = std::make_unique<index::Searcher>(*d->index_, *d->analyzer_, &*d->gazetteer_);

    const auto& docs = d->corpus.documents;
    for (std::uint32_t i = 0; i < docs.size(); ++i) {
        DocumentView v;
        v.paragraphs = split_paragraphs(docs[i].text);
        const index::DocView indexed = d->index_->doc(i, false);
        v.words = indexed.body_tokens;
        for (std::string_view c : indexed.countries) v.countries.emplace_back(c);
        v.title = docs[i].title.empty() ? docs[i].id : docs[i].title;
        v.outlet = docs[i].source.empty() ? docs[i].source_note : docs[i].source;
        d->views.push_back(std::move(v));
    }
    // Which articles report each operation: those its dates or its participants cite.
    for (std::size_t o = 0; o < d->corpus.operations.size(); ++o) {
        const corpus::Operation& op = d->corpus.operations[o];
        OperationView ov;
        ov.docs.assign(docs.size(), 0);
        auto mark = [&](const corpus::Citation& c) {
            const int at = d->find_document(c.document);
            if (at < 0 || ov.docs[static_cast<std::size_t>(at)]) return;
            ov.docs[static_cast<std::size_t>(at)] = 1;
            d->views[static_cast<std::size_t>(at)].operations.push_back(o);
        };
        if (op.dates_source) mark(*op.dates_source);
        for (const auto& p : op.participants)
            for (const auto& c : p.citations) mark(c);
        d->operations.push_back(std::move(ov));
    }
    for (const DocumentView& v : d->views) d->countries.insert(d->countries.end(), v.countries.begin(), v.countries.end());
    for (const corpus::Operation& op : d->corpus.operations)
        for (const auto& p : op.participants) d->countries.push_back(p.country);
    std::sort(d->countries.begin(), d->countries.end());
    d->countries.erase(std::unique(d->countries.begin(), d->countries.end()), d->countries.end());
    if (!map_path.empty()) {
        auto map = geo::WorldMap::load(map_path);
        if (map) d->map = std::move(map).value();
        else d->map_error = map.error().message;
    }
    return d;
}

std::vector<CountryRole> Dossier::roles(const std::string& iso3, int operation) const {
    std::vector<CountryRole> out;
    for (std::size_t o = 0; o < corpus.operations.size(); ++o) {
        if (operation >= 0 && static_cast<int>(o) != operation) continue;
        for (const auto& p : corpus.operations[o].participants)
            if (p.country == iso3) out.push_back({o, &p});
    }
    std::stable_sort(out.begin(), out.end(), [](const CountryRole& a, const CountryRole& b) {
        return static_cast<int>(a.participation->role) < static_cast<int>(b.participation->role);
    });
    return out;
}

int Dossier::find_document(std::string_view id) const {
    for (std::size_t i = 0; i < corpus.documents.size(); ++i)
        if (corpus.documents[i].id == id) return static_cast<int>(i);
    return -1;
}

int Dossier::find_operation(std::string_view id) const {
    for (std::size_t i = 0; i < corpus.operations.size(); ++i)
        if (corpus.operations[i].id == id) return static_cast<int>(i);
    return -1;
}

}  // namespace vigie::app
