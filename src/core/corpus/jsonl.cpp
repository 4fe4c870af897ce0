#include "core/corpus/jsonl.h"

#include <cstdio>

#include "core/corpus/files.h"
#include "core/corpus/json.h"
#include "core/text/utf8.h"

namespace vigie::corpus {

namespace {

std::string stem_of(std::string_view name) {
    std::size_t slash = name.rfind('/');
    std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
    std::size_t dot = base.rfind('.');
    return std::string(dot == std::string_view::npos || dot == 0 ? base : base.substr(0, dot));
}

}  // namespace

bool document_from_json(nlohmann::json& o, Document& d, std::string& problem, std::string& note) {
    if (!o.is_object()) { problem = "expected a JSON object"; return false; }
    std::string date;
    auto field = [&](const char* key, std::string& out) {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) return true;
        // An id or a year written as a number: 17, 2019.
        if (it->is_number_integer() && (std::string_view(key) == "id" || std::string_view(key) == "date")) {
            out = std::to_string(it->get<long long>());
            return true;
        }
        if (!it->is_string()) { problem = std::string("field '") + key + "' must be a string"; return false; }
        out = std::move(it->get_ref<std::string&>());
        return true;
    };
    if (!(field("text", d.text) && field("id", d.id) && field("title", d.title) && field("date", date) &&
          field("source", d.source) && field("url", d.url) && field("lang", d.lang)))
        return false;
    if (d.title.size() + d.text.size() > kMaxArticleBytes) {
        char mib[32];
        std::snprintf(mib, sizeof mib, "%.1f", double(d.title.size() + d.text.size()) / (1 << 20));
        problem = std::string("fields 'title' and 'text' hold ") + mib + " MiB, more than the " +
                  std::to_string(kMaxArticleBytes >> 20) + " MiB a document may hold";
        return false;
    }
    if (d.text.find_first_not_of(" \t\r\n") == std::string::npos) {
        problem = "field 'text' is missing or empty";
        return false;
    }
    // A date is metadata: the article is still worth finding without it.
    if (!date.empty()) {
        if (auto parsed_date = Date::parse(date)) d.date = *parsed_date;
        else note = "field 'date' is not an ISO 8601 date: '" + date + "', date left out";
    }
    return true;
}

Corpus parse_jsonl(std::string_view text, std::string_view name, std::string_view id_stem) {
    Corpus corpus;
    const std::string where(name), stem = id_stem.empty() ? stem_of(name) : std::string(id_stem);
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM is not content
    std::size_t line_no = 0;
    for (std::size_t begin = 0; begin < text.size();) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(begin, end - begin);
        begin = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        const std::string at = where + ":" + std::to_string(line_no);
        // Repaired as a .txt file is (the bytes JSON sees are then valid), not dropped whole.
        std::string repaired;
        if (text::find_invalid_utf8(line)) line = repaired = repaired_utf8(line, where, corpus.warnings, line_no);
        auto parsed = parse_json(line, at);
        if (!parsed) {
            // parse_json says "<at>:1:<column>: <what>" (one line parsed alone): keep column and what.
            const std::string m = parsed.error().message.substr(at.size());  // ":1:<column>: <what>"
            const std::size_t col = m.find(':', 1), what = m.find(": ", col == std::string::npos ? 0 : col + 1);
            corpus.warnings.push_back({at + ": not JSON at column " + m.substr(col + 1, what - col - 1) + " (" +
                                       m.substr(what + 2) + "), line skipped"});
            continue;
        }
        Document d;
        std::string problem, note;
        if (!document_from_json(parsed.value(), d, problem, note)) {
            corpus.warnings.push_back({at + ": " + problem + ", line skipped"});
            continue;
        }
        if (!note.empty()) corpus.warnings.push_back({at + ": " + note});
        if (d.id.empty()) d.id = stem + "-" + std::to_string(line_no);
        d.file = at;
        corpus.documents.push_back(std::move(d));
    }
    return corpus;
}

}  // namespace vigie::corpus
