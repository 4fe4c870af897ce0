#include "core/corpus/input.h"

#include <sys/stat.h>

#include "core/corpus/files.h"
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
    return load_manifest(path);
}

}  // namespace vigie::corpus
