#include "cli/site.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "core/corpus/files.h"
#include "core/corpus/input.h"
#include "core/corpus/plain.h"

namespace vigie::cli {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A path as a URL path: each byte outside RFC 3986's unreserved set percent-encoded, '/' kept
// ("Mon article #3.txt" is fetched and cached as Mon%20article%20%233.txt).
std::string url_path(std::string_view path) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
            c == '~' || c == '/')
            out += ch;
        else
            out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
    return out;
}

// FNV-1a, 64 bits: the new version of the site's files, the same on every platform.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = 14695981039346656037ULL) {
    for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return h;
}

// The files of the dossier at input, as (source, path under dossier/): a directory's corpus
// files; for a manifest, the corpus files of its folder (what it names lies there) and the
// manifest itself as manifest.json (how a folder says it is a dossier); one other file alone.
Result<std::vector<std::pair<fs::path, std::string>>> dossier_files(const std::string& input) {
    std::vector<std::pair<fs::path, std::string>> out;
    std::error_code ec;
    fs::path in(input);
    if (fs::is_directory(in, ec) && fs::is_regular_file(in / "manifest.json", ec)) in /= "manifest.json";
    auto tree = [&](const fs::path& dir) -> Result<bool> {  // the files the loader reads there, the only ones copied
        auto files = corpus::article_files(dir.string());
        if (!files) return files.error();
        for (const std::string& f : files.value()) out.emplace_back(f, fs::path(f).lexically_relative(dir).generic_string());
        return true;
    };
    auto sorted = [&] {  // the same lists, in the same order, whatever the file system's order
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        return out;
    };
    if (fs::is_directory(in, ec)) {
        if (auto r = tree(in); !r) return r.error();
        return sorted();
    }
    bool manifest = false;
    if (in.extension() == ".json") {
        auto text = corpus::read_file(in.string());
        if (!text) return text.error();
        const json j = json::parse(text.value(), nullptr, false);
        manifest = j.is_object() && j.contains("documents");
        // What it names must lie in its folder, the one copied.
        if (manifest && j["documents"].is_array())
            for (std::size_t i = 0; i < j["documents"].size(); ++i) {
                const json& d = j["documents"][i];
                if (!d.is_object() || !d.contains("file") || !d["file"].is_string()) continue;  // the loader says why
                const fs::path file = fs::path(d["file"].get<std::string>()).lexically_normal();
                if (file.is_absolute() || (!file.empty() && *file.begin() == ".."))
                    return Error{in.string() + ": documents[" + std::to_string(i) + "].file '" + d["file"].get<std::string>() +
                                 "' lies outside the dossier's folder, which is what the site copies"};
            }
    }
    if (!manifest) {
        out.emplace_back(in, in.filename().string());
        return out;
    }
    // Its folder, whose files it names (a folder holding a manifest.json is that dossier).
    const fs::path dir = in.has_parent_path() ? in.parent_path() : fs::path(".");
    if (auto r = tree(dir); !r) return r.error();
    const fs::path self = fs::weakly_canonical(in, ec);
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const auto& f) { return f.second == "manifest.json" || fs::weakly_canonical(f.first, ec) == self; }),
              out.end());
    out.emplace_back(in, "manifest.json");
    return sorted();
}

// The line of `text` that starts (after its indent) with `head`, and the JSON value after it,
// up to the ';' that ends the line.
struct Found { std::size_t begin, end; json value; };
Result<Found> json_after(const std::string& text, std::string_view head, const std::string& file) {
    const std::size_t at = text.find(head);
    const std::size_t stop = at == std::string::npos ? at : text.find(";\n", at);
    if (stop == std::string::npos) return Error{file + ": not the loader or service worker of a Vigie site (no '" + std::string(head) + "')"};
    const std::size_t begin = at + head.size();
    json value = json::parse(text.substr(begin, stop - begin), nullptr, false);
    if (value.is_discarded()) return Error{file + ": '" + std::string(head) + "' is not followed by JSON"};
    return Found{begin, stop, std::move(value)};
}

bool write_text(const fs::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    return static_cast<bool>(f.flush());
}

}  // namespace

std::string default_site_dir() {
    if (const char* env = std::getenv("VIGIE_SITE"); env && *env) return env;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);  // Linux; else the fallback
    if (!ec) {
        const fs::path next = self.parent_path().parent_path() / "site";
        if (fs::exists(next / "loader.js", ec)) return next.string();
    }
    return "build/site";
}

Result<std::size_t> build_site(const std::string& input, const std::string& out_dir, const std::string& site_dir) {
    // The dossier first: a bad input leaves nothing behind.
    auto original = corpus::load_input(input);
    if (!original) return original.error();
    if (original->documents.empty()) return Error{input + ": no document could be loaded"};
    std::error_code ec;
    const fs::path site(site_dir), out(out_dir);
    // Inside a folder it reads, the site would be read as articles by the next build.
    const fs::path in_abs = fs::weakly_canonical(input, ec), out_abs = fs::weakly_canonical(out, ec);
    if (fs::is_directory(in_abs, ec) && out_abs.string().rfind(in_abs.string() + "/", 0) == 0)
        return Error{out_dir + ": lies inside " + input + ", whose files the site would then include: choose another DIR"};
    auto files = dossier_files(input);
    if (!files) return files.error();

    for (const char* name : {"index.html", "loader.js", "sw.js", "vigie_app.js", "vigie_app.wasm", "vigie_app.data"})
        if (!fs::is_regular_file(site / name, ec))
            return Error{site_dir + ": not a built Vigie site (no " + name + "; build it first, or give --site DIR)"};
    if (fs::exists(out, ec) && fs::equivalent(out, site, ec)) return Error{out_dir + ": is the site it would copy"};
    auto loader = corpus::read_file((site / "loader.js").string());
    if (!loader) return loader.error();
    auto sw = corpus::read_file((site / "sw.js").string());
    if (!sw) return sw.error();
    auto sizes = json_after(loader.value(), "const FILES = ", site_dir + "/loader.js");
    if (!sizes) return sizes.error();
    auto version = json_after(sw.value(), "const VERSION = ", site_dir + "/sw.js");
    if (!version) return version.error();
    auto list = json_after(sw.value(), "const FILES = ", site_dir + "/sw.js");
    if (!list) return list.error();
    if (!sizes->value.is_object() || !version->value.is_string() || !list->value.is_array())
        return Error{site_dir + ": its loader.js or sw.js lists are not what a Vigie site has"};

    // The site's files, then the dossier's (a folder left by an earlier build is replaced).
    fs::create_directories(out, ec);
    if (ec) return Error{out_dir + ": cannot create (" + ec.message() + ")"};
    for (const fs::directory_entry& e : fs::directory_iterator(site, ec))
        if (e.is_regular_file() && !fs::copy_file(e.path(), out / e.path().filename(), fs::copy_options::overwrite_existing, ec))
            return Error{(out / e.path().filename()).string() + ": cannot write (" + ec.message() + ")"};
    if (ec) return Error{site_dir + ": cannot read (" + ec.message() + ")"};
    fs::remove_all(out / "dossier", ec);
    json file_sizes = json::object(), cached = json::array();
    for (const auto& [key, value] : sizes->value.items())
        if (key.rfind("dossier/", 0) != 0) file_sizes[key] = value;
    for (const json& f : list->value)
        if (!f.is_string() || f.get<std::string>().rfind("dossier/", 0) != 0) cached.push_back(f);
    std::uint64_t hash = fnv1a(version->value.get<std::string>());
    for (const auto& [from, relative] : files.value()) {
        // Read once: written to the site, measured and hashed.
        auto bytes = corpus::read_file(from.string());
        if (!bytes) return bytes.error();
        const fs::path to = out / "dossier" / fs::path(relative);
        fs::create_directories(to.parent_path(), ec);
        if (ec || !write_text(to, bytes.value())) return Error{to.string() + ": cannot write"};
        const std::string url = url_path("dossier/" + relative);
        file_sizes[url] = bytes->size();
        cached.push_back(url);
        hash = fnv1a(bytes.value(), fnv1a(url, hash));
    }

    // The copy must open as the input did.
    auto copy = corpus::load_input((out / "dossier").string());
    if (!copy || copy->documents.size() != original->documents.size())
        return Error{input + ": its copy in " + (out / "dossier").string() + " opens " +
                     (copy ? std::to_string(copy->documents.size()) : std::string("none")) + " of its " +
                     std::to_string(original->documents.size()) + " documents"};

    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    std::string new_loader = loader.value(), new_sw = sw.value();
    new_loader.replace(sizes->begin, sizes->end - sizes->begin, file_sizes.dump());
    // The later of the two first, so that the earlier one's offsets still hold.
    const bool list_first = list->begin < version->begin;
    const Found& later = list_first ? version.value() : list.value();
    const Found& earlier = list_first ? list.value() : version.value();
    new_sw.replace(later.begin, later.end - later.begin, list_first ? json(hex).dump() : cached.dump());
    new_sw.replace(earlier.begin, earlier.end - earlier.begin, list_first ? cached.dump() : json(hex).dump());
    if (!write_text(out / "loader.js", new_loader)) return Error{(out / "loader.js").string() + ": cannot write"};
    if (!write_text(out / "sw.js", new_sw)) return Error{(out / "sw.js").string() + ": cannot write"};
    return original->documents.size();
}

}  // namespace vigie::cli
