#include "core/corpus/files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/text/utf8.h"

namespace vigie::corpus {

Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) return Error{path + ": cannot open (" + std::strerror(errno) + ")"};
    std::string out;
    // Reserve the size when the file can tell it (not a pipe), so the text is not copied as it grows.
    if (std::fseek(f.get(), 0, SEEK_END) == 0) {
        const long size = std::ftell(f.get());
        if (size > 0 && static_cast<unsigned long>(size) <= max_bytes) out.reserve(static_cast<std::size_t>(size));
        std::rewind(f.get());
    }
    char buf[1 << 16];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f.get())) > 0;) {
        if (out.size() + n > max_bytes)
            return Error{path + ": larger than " + std::to_string(max_bytes >> 20) + " MiB, not loaded"};
        out.append(buf, n);
    }
    if (std::ferror(f.get())) return Error{path + ": read error (is it a directory?)"};
    return out;
}

std::string repaired_utf8(std::string_view s, const std::string& name, std::vector<Error>& warnings,
                          std::size_t first_line) {
    auto bad = text::find_invalid_utf8(s);
    if (!bad) return std::string(s);
    const std::size_t line = first_line - 1 + text::line_of(s, *bad);
    const std::size_t line_start = s.rfind('\n', *bad == 0 ? 0 : *bad - 1);
    const std::size_t column = *bad - (line_start == std::string_view::npos || *bad == 0 ? 0 : line_start + 1) + 1;
    warnings.push_back({name + ":" + std::to_string(line) + ": invalid UTF-8 at column " + std::to_string(column) +
                        ", replaced with U+FFFD"});
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) text::append_repaired(out, s, i);
    return out;
}

std::string parent_dir(std::string_view path) {
    std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

std::string join_path(std::string_view dir, std::string_view relative) {
    if (dir.empty() || (!relative.empty() && relative.front() == '/')) return std::string(relative);
    std::string out(dir);
    if (out.back() != '/') out += '/';
    return out.append(relative);
}

}  // namespace vigie::corpus
