#include "core/corpus/input.h"

#include <sys/stat.h>

#include "core/corpus/files.h"
#include "core/corpus/jsonl.h"
#include "core/corpus/manifest.h"

namespace vigie::corpus {

Result<Corpus> load_input(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return Error{path + ": no such file or directory"};
    if (S_ISDIR(st.st_mode)) {
        const std::string manifest = join_path(path, "manifest.json");
        if (::stat(manifest.c_str(), &st) == 0) return load_manifest(manifest);
        return Error{path + ": no manifest.json in this directory"};
    }
    if (path.size() > 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0) {
        auto text = read_file(path);
        if (!text) return text.error();
        return parse_jsonl(text.value(), path);
    }
    return load_manifest(path);
}

}  // namespace vigie::corpus
