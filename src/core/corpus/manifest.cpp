#include "core/corpus/manifest.h"

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
    for (std::size_t i = 0; i < docs->size(); ++i) {
        const json& d = (*docs)[i];
        const std::string field = where + ": documents[" + std::to_string(i) + "]";
        if (!d.is_object()) { corpus.warnings.push_back({field + ": expected an object"}); continue; }
        Document doc;
        std::string date;
        bool ok = string_field(d, "id", doc.id, problem) && string_field(d, "file", doc.file, problem) &&
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
        doc.text = std::move(text).value();
        corpus.documents.push_back(std::move(doc));
    }
    return corpus;
}

Result<Corpus> load_manifest(const std::string& path) {
    auto text = read_file(path, std::size_t(64) << 20);
    if (!text) return text.error();
    return parse_manifest(text.value(), path, parent_dir(path));
}

}  // namespace vigie::corpus
