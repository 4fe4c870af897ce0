#include "core/corpus/plain.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>
#include <system_error>

#include "core/corpus/files.h"
#include "core/corpus/html.h"
#include "core/corpus/json.h"
#include "core/corpus/jsonl.h"

namespace vigie::corpus {

namespace {

namespace fs = std::filesystem;

enum class Kind { text, markdown, html, json, jsonl, other };

Kind kind_of(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (ext == ".txt") return Kind::text;
    if (ext == ".md" || ext == ".markdown") return Kind::markdown;
    if (ext == ".html" || ext == ".htm") return Kind::html;
    if (ext == ".json") return Kind::json;
    if (ext == ".jsonl") return Kind::jsonl;
    return Kind::other;
}

// NUL bytes, or many control characters, in the first 8 kB: not text.
bool looks_binary(std::string_view s) {
    const std::string_view head = s.substr(0, 8192);
    std::size_t controls = 0;
    for (char ch : head) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) return true;
        controls += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
    }
    return controls * 10 > head.size();
}

std::string unix_lines(std::string s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string trimmed(std::string_view s) {
    const std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

std::size_t word_count(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) n += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return n;
}

// At most `limit` bytes, cut after a word and marked "…".
std::string shortened(std::string line, std::size_t limit) {
    if (line.size() <= limit) return line;
    std::size_t cut = line.rfind(' ', limit);
    if (cut == std::string::npos || cut < limit / 2) {
        cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // a character boundary
    }
    return line.substr(0, cut) + " …";
}

// "date 2023-05 Le profil…": the line some scrapers put first. Returns the date and skips it.
std::optional<Date> leading_date(std::string_view& text) {
    const std::string_view t = text.substr(std::min(text.find_first_not_of(" \t\r\n"), text.size()));
    if (t.compare(0, 5, "date ") != 0) return std::nullopt;
    const std::size_t end = t.find_first_of(" \t\r\n", 5);
    auto date = Date::parse(t.substr(5, end == std::string_view::npos ? std::string_view::npos : end - 5));
    if (date) text = end == std::string_view::npos ? std::string_view() : t.substr(end);
    return date;
}

// Lines of page furniture that scraped articles open with.
bool is_furniture(const std::string& line) {
    static constexpr std::array<std::string_view, 14> kFurniture = {
        "Publicité", "PUBLICITÉ", "Menu", "MENU", "Accueil", "Rechercher", "Partager", "Newsletter", "Grand Angle",
        "Lire aussi", "À lire aussi", "Abonnez-vous", "Se connecter", "Mon compte"};
    return std::find(kFurniture.begin(), kFurniture.end(), line) != kFurniture.end();
}

// The title of a plain text: a Markdown "# " heading, else the first line of two words or more
// among the first five that is no page furniture ("Publicité", "Menu" open scraped pages),
// else the first line; a paragraph is cut to its start.
std::string first_line_title(std::string_view text, bool markdown) {
    std::string first;
    int seen = 0;
    for (std::size_t at = 0; at < text.size() && seen < 5;) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        std::string line = trimmed(text.substr(at, end - at));
        at = end + 1;
        if (line.empty()) continue;
        ++seen;
        if (markdown) {
            std::size_t hashes = line.find_first_not_of('#');
            if (hashes != std::string::npos && hashes > 0 && hashes <= 6 && line[hashes] == ' ')
                return shortened(trimmed(line.substr(hashes)), 300);
        }
        if (first.empty()) first = line;
        if (word_count(line) >= 2 && !is_furniture(line)) return shortened(line, 160);
    }
    return shortened(first, 160);
}

// Adds the documents of one file to the corpus; problems become warnings.
void add_file(const std::string& path, const std::string& name, const std::string& id, Corpus& corpus) {
    const Kind kind = kind_of(path);
    auto bytes = read_file(path, kind == Kind::jsonl ? std::size_t(1) << 30 : kMaxArticleBytes);
    if (!bytes) {
        corpus.warnings.push_back({bytes.error().message + ", skipped"});
        return;
    }
    std::string_view raw = bytes.value();
    if (raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
    if (trimmed(raw).empty()) {
        corpus.warnings.push_back({name + ": empty, skipped"});
        return;
    }
    if (looks_binary(raw)) {
        corpus.warnings.push_back({name + ": not text (binary content), skipped"});
        return;
    }
    if (kind == Kind::jsonl) {
        Corpus part = parse_jsonl(raw, name);
        for (auto& w : part.warnings) corpus.warnings.push_back(std::move(w));
        for (auto& d : part.documents) corpus.documents.push_back(std::move(d));
        return;
    }
    if (kind == Kind::json) {
        auto parsed = parse_json(raw, name);
        if (!parsed) {
            corpus.warnings.push_back({parsed.error().message + ", skipped"});
            return;
        }
        nlohmann::json& j = parsed.value();
        const bool many = j.is_array();
        for (std::size_t i = 0; i < (many ? j.size() : 1); ++i) {
            Document d;
            std::string problem, note;
            const std::string at = name + (many ? "[" + std::to_string(i) + "]" : "");
            if (!document_from_json(many ? j[i] : j, d, problem, note)) {
                corpus.warnings.push_back({at + ": " + problem + ", skipped"});
                continue;
            }
            if (!note.empty()) corpus.warnings.push_back({at + ": " + note});
            if (d.id.empty()) d.id = many ? id + "-" + std::to_string(i + 1) : id;
            d.file = name;
            corpus.documents.push_back(std::move(d));
        }
        return;
    }
    Document d;
    d.id = id;
    d.file = name;
    std::string content = unix_lines(repaired_utf8(raw, name, corpus.warnings));
    if (kind == Kind::html) {
        HtmlText page = html_to_text(content);
        if (trimmed(page.text).empty()) {
            corpus.warnings.push_back({name + ": no text in this page, skipped"});
            return;
        }
        d.title = page.title.empty() ? first_line_title(page.text, false) : page.title;
        d.text = std::move(page.text);
    } else {
        std::string_view rest = content;
        if (auto date = leading_date(rest)) d.date = *date;
        d.title = first_line_title(rest, kind == Kind::markdown);
        d.text = std::move(content);
    }
    corpus.documents.push_back(std::move(d));
}

std::string without_extension(const std::string& relative) {
    const fs::path p(relative);
    return (p.parent_path() / p.stem()).generic_string();
}

}  // namespace

Result<std::vector<std::string>> article_files(const std::string& dir) {
    std::error_code ec;
    std::vector<std::string> files;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) return Error{dir + ": cannot read this directory (" + ec.message() + ")"};
    for (; it != end; it.increment(ec)) {
        if (ec) return Error{dir + ": cannot read this directory (" + ec.message() + ")"};
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {  // hidden files and folders (.git, .DS_Store)
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && kind_of(name) != Kind::other) files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

Result<Corpus> load_directory(const std::string& dir) {
    auto files = article_files(dir);
    if (!files) return files.error();
    if (files->empty()) return Error{dir + ": no .txt, .md, .html, .json or .jsonl file in this directory"};
    Corpus corpus;
    for (const std::string& path : files.value()) {
        const std::string relative = fs::path(path).lexically_relative(dir).generic_string();
        add_file(path, path, without_extension(relative), corpus);
    }
    TakenIds().drop_repeats(corpus);
    return corpus;
}

Result<Corpus> load_file(const std::string& path) {
    if (kind_of(path) == Kind::other) return Error{path + ": not a .txt, .md, .html, .json or .jsonl file"};
    Corpus corpus;
    add_file(path, path, fs::path(path).stem().string(), corpus);
    TakenIds().drop_repeats(corpus);
    return corpus;
}

}  // namespace vigie::corpus
