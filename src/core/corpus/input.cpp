#include "core/corpus/input.h"

#include <sys/stat.h>

#include "core/corpus/files.h"
#include "core/corpus/json.h"
#include "core/corpus/manifest.h"
#include "core/corpus/plain.h"

namespace vigie::corpus {

Result<Corpus> load_input(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return Error{path + ": no such file or directory"};
    if (S_ISDIR(st.st_mode)) {
        const std::string manifest = join_path(path, "manifest.json");
        if (::stat(manifest.c_str(), &st) == 0) return load_manifest(manifest);
        return load_directory(path);
    }
    // A .json file is a dossier manifest when it lists documents, else one article (or an array).
    if (path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0) {
        auto text = read_file(path, kMaxArticleBytes);
        if (!text) return text.error();
        auto json = parse_json(text.value(), path);
        if (!json) return json.error();
        if (json->is_object() && json->contains("documents")) return load_manifest(path);
    }
    return load_file(path);
}

}  // namespace vigie::corpus
