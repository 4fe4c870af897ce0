#include "core/corpus/manifest.h"

#include <algorithm>
#include <set>

#include "core/corpus/files.h"
#include "core/corpus/json.h"
#include "core/text/utf8.h"

namespace vigie::corpus {

namespace {

using nlohmann::json;

// Reads an optional string field; a present field of another type is reported, not coerced.
bool string_field(const json& obj, const char* key, std::string& out, std::string& problem) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return true;
    if (!it->is_string()) { problem = std::string("field '") + key + "' must be a string"; return false; }
    out = it->get<std::string>();
    return true;
}

// "article": [[begin, end], …] in the original file: sorted, apart, inside it, on character
// boundaries. The text becomes those ranges joined by a blank line.
bool read_article(const json& d, Document& doc, const std::string& original, std::string& problem) {
    auto it = d.find("article");
    if (it == d.end() || it->is_null()) return true;
    if (!it->is_array() || it->empty()) { problem = "field 'article' must be a non-empty array of [begin, end]"; return false; }
    auto boundary = [&](std::size_t at) { return at == original.size() || (static_cast<unsigned char>(original[at]) & 0xC0) != 0x80; };
    std::uint32_t previous_end = 0;
    for (std::size_t k = 0; k < it->size(); ++k) {
        const json& r = (*it)[k];
        const std::string at = "article[" + std::to_string(k) + "]";
        if (!r.is_array() || r.size() != 2 || !r[0].is_number_unsigned() || !r[1].is_number_unsigned()) {
            problem = at + ": expected [begin, end]";
            return false;
        }
        const auto b = r[0].get<std::uint64_t>(), e = r[1].get<std::uint64_t>();
        if (b >= e || e > original.size() || b < previous_end) {
            problem = at + ": [" + std::to_string(b) + ", " + std::to_string(e) + "] is not an ordered range inside the " +
                      std::to_string(original.size()) + "-byte file";
            return false;
        }
        if (!boundary(b) || !boundary(e)) { problem = at + ": cuts a UTF-8 character"; return false; }
        doc.article.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
        previous_end = static_cast<std::uint32_t>(e);
    }
    std::string text;
    for (const ByteRange& r : doc.article) {
        if (!text.empty()) text += "\n\n";
        text.append(original, r.begin, r.end - r.begin);
    }
    doc.text = std::move(text);
    return true;
}

// A citation: {"document", "begin", "end", "quote"}, the quote being exactly those bytes of the
// document's original file and inside its article.
bool read_citation(const json& c, const Corpus& corpus, const std::vector<std::string>& originals, Citation& out,
                   std::string& problem) {
    if (!c.is_object()) { problem = "expected an object"; return false; }
    if (!string_field(c, "document", out.document, problem) || !string_field(c, "quote", out.quote, problem)) return false;
    auto b = c.find("begin"), e = c.find("end");
    if (b == c.end() || e == c.end() || !b->is_number_unsigned() || !e->is_number_unsigned()) {
        problem = "fields 'begin' and 'end' must be byte offsets";
        return false;
    }
    std::size_t doc = 0;
    while (doc < corpus.documents.size() && corpus.documents[doc].id != out.document) ++doc;
    if (doc == corpus.documents.size()) { problem = "no document '" + out.document + "'"; return false; }
    const std::string& original = originals[doc];
    const auto begin = b->get<std::uint64_t>(), end = e->get<std::uint64_t>();
    if (begin >= end || end > original.size()) { problem = "range outside " + out.document; return false; }
    if (original.compare(begin, end - begin, out.quote) != 0) {
        problem = "the quote is not the text at [" + std::to_string(begin) + ", " + std::to_string(end) + "] of " + out.document;
        return false;
    }
    out.original = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
    const Document& d = corpus.documents[doc];
    if (d.article.empty()) {
        out.text = out.original;
    } else {
        const auto tb = d.text_offset(out.original.begin), te = d.text_offset(out.original.end);
        if (!tb || !te || *te - *tb != end - begin) { problem = "the quote is not inside the article of " + out.document; return false; }
        out.text = {*tb, *te};
    }
    return true;
}

void read_operations(const json& root, const std::string& where, const std::vector<std::string>& originals, Corpus& corpus) {
    auto ops = root.find("operations");
    if (ops == root.end() || ops->is_null()) return;
    if (!ops->is_array()) { corpus.warnings.push_back({where + ": field 'operations' must be an array"}); return; }
    std::string problem;
    for (std::size_t i = 0; i < ops->size(); ++i) {
        const json& o = (*ops)[i];
        const std::string at = where + ": operations[" + std::to_string(i) + "]";
        if (!o.is_object()) { corpus.warnings.push_back({at + ": expected an object"}); continue; }
        Operation op;
        if (!(string_field(o, "id", op.id, problem) && string_field(o, "kind", op.kind, problem) &&
              string_field(o, "name", op.name, problem) && string_field(o, "summary", op.summary, problem))) {
            corpus.warnings.push_back({at + ": " + problem});
            continue;
        }
        if (op.id.empty() || (op.kind != "operation" && op.kind != "meeting")) {
            corpus.warnings.push_back({at + ": needs an 'id' and a 'kind' of \"operation\" or \"meeting\""});
            continue;
        }
        if (auto date = o.find("date"); date != o.end() && date->is_object()) {
            std::string from, to;
            if (!(string_field(*date, "from", from, problem) && string_field(*date, "to", to, problem) &&
                  string_field(*date, "as_written", op.dates_as_written, problem))) {
                corpus.warnings.push_back({at + ".date: " + problem});
                continue;
            }
            auto f = Date::parse(from), t = Date::parse(to.empty() ? from : to);
            if (!f || !t) { corpus.warnings.push_back({at + ".date: 'from' and 'to' must be ISO 8601 dates"}); continue; }
            op.from = *f;
            op.to = *t;
            if (auto src = date->find("source"); src != date->end()) {
                Citation c;
                if (!read_citation(*src, corpus, originals, c, problem)) { corpus.warnings.push_back({at + ".date.source: " + problem}); continue; }
                op.dates_source = std::move(c);
            }
        }
        auto parts = o.find("participants");
        if (parts != o.end() && parts->is_array())
            for (std::size_t p = 0; p < parts->size(); ++p) {
                const json& pj = (*parts)[p];
                const std::string pat = at + ".participants[" + std::to_string(p) + "]";
                Participation part;
                std::string role;
                if (!pj.is_object() || !string_field(pj, "country", part.country, problem) || !string_field(pj, "role", role, problem)) {
                    corpus.warnings.push_back({pat + ": " + (pj.is_object() ? problem : "expected an object")});
                    continue;
                }
                const bool code = part.country.size() == 3 &&
                                  std::all_of(part.country.begin(), part.country.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
                if (!code) { corpus.warnings.push_back({pat + ".country: expected an ISO 3166 alpha-3 code, got '" + part.country + "'"}); continue; }
                auto r = parse_role(role);
                if (!r) { corpus.warnings.push_back({pat + ".role: unknown role '" + role + "'"}); continue; }
                part.role = *r;
                auto cites = pj.find("citations");
                if (cites != pj.end() && cites->is_array())
                    for (std::size_t k = 0; k < cites->size(); ++k) {
                        Citation c;
                        if (read_citation((*cites)[k], corpus, originals, c, problem)) part.citations.push_back(std::move(c));
                        else corpus.warnings.push_back({pat + ".citations[" + std::to_string(k) + "]: " + problem});
                    }
                if (part.citations.empty()) { corpus.warnings.push_back({pat + ": no valid citation, participation left out"}); continue; }
                op.participants.push_back(std::move(part));
            }
        corpus.operations.push_back(std::move(op));
    }
}

}  // namespace

Result<Corpus> parse_manifest(std::string_view json_text, std::string_view name, const std::string& base_dir) {
    auto parsed = parse_json(json_text, name);
    if (!parsed) return parsed.error();
    const json& root = parsed.value();
    const std::string where(name);
    if (!root.is_object()) return Error{where + ": expected a JSON object at the top"};
    auto docs = root.find("documents");
    if (docs == root.end() || !docs->is_array()) return Error{where + ": field 'documents' must be an array"};

    Corpus corpus;
    std::string problem;
    if (!string_field(root, "title", corpus.title, problem)) corpus.warnings.push_back({where + ": " + problem});

    std::set<std::string> seen;
    std::vector<std::string> originals;  // each loaded document's file, byte for byte (citations point into it)
    for (std::size_t i = 0; i < docs->size(); ++i) {
        const json& d = (*docs)[i];
        const std::string field = where + ": documents[" + std::to_string(i) + "]";
        if (!d.is_object()) { corpus.warnings.push_back({field + ": expected an object"}); continue; }
        Document doc;
        std::string date;
        bool ok = string_field(d, "id", doc.id, problem) && string_field(d, "file", doc.file, problem) &&
                  string_field(d, "summary", doc.summary, problem) &&
                  string_field(d, "title", doc.title, problem) && string_field(d, "date", date, problem) &&
                  string_field(d, "source", doc.source, problem) &&
                  string_field(d, "source_note", doc.source_note, problem) &&
                  string_field(d, "lang", doc.lang, problem) && string_field(d, "url", doc.url, problem);
        if (!ok) { corpus.warnings.push_back({field + ": " + problem}); continue; }
        if (doc.id.empty()) { corpus.warnings.push_back({field + ": field 'id' is required"}); continue; }
        if (!seen.insert(doc.id).second) { corpus.warnings.push_back({field + ": duplicate id '" + doc.id + "'"}); continue; }
        if (doc.file.empty()) { corpus.warnings.push_back({field + ": field 'file' is required"}); continue; }
        if (!date.empty()) {
            auto parsed_date = Date::parse(date);
            if (!parsed_date) { corpus.warnings.push_back({field + ".date: not an ISO 8601 date: '" + date + "'"}); continue; }
            doc.date = *parsed_date;
        }
        const std::string path = join_path(base_dir, doc.file);
        auto text = read_file(path);
        if (!text) { corpus.warnings.push_back({field + ": " + text.error().message}); continue; }
        if (auto bad = text::find_invalid_utf8(text.value())) {
            corpus.warnings.push_back({path + ":" + std::to_string(text::line_of(text.value(), *bad)) +
                                       ": invalid UTF-8 at byte " + std::to_string(*bad) + ", document skipped"});
            continue;
        }
        doc.text = text.value();
        if (!read_article(d, doc, text.value(), problem)) {
            corpus.warnings.push_back({field + ": " + problem + ", whole file kept"});
            doc.article.clear();
        }
        originals.push_back(std::move(text).value());
        corpus.documents.push_back(std::move(doc));
    }
    read_operations(root, where, originals, corpus);
    // A document citing a country's participation concerns that country (facets, pays:), even
    // where it names it only through a demonym the extractor might miss.
    for (const Operation& op : corpus.operations)
        for (const Participation& p : op.participants)
            for (const Citation& c : p.citations)
                for (Document& d : corpus.documents)
                    if (d.id == c.document && std::find(d.countries.begin(), d.countries.end(), p.country) == d.countries.end())
                        d.countries.push_back(p.country);
    return corpus;
}

Result<Corpus> load_manifest(const std::string& path) {
    auto text = read_file(path, std::size_t(64) << 20);
    if (!text) return text.error();
    return parse_manifest(text.value(), path, parent_dir(path));
}

}  // namespace vigie::corpus
