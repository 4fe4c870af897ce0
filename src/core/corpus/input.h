// One entry point for every corpus input the CLI and the page accept (DESIGN.md §4.2).
#pragma once

#include <string>

#include "core/corpus/document.h"
#include "core/result.h"

namespace vigie::corpus {

// path: a manifest.json or a directory holding one (the bundled dossier format: a .json object
// with "documents"); another directory (its .txt, .md, .html, .json and .jsonl files, see
// plain.h); or one such file.
Result<Corpus> load_input(const std::string& path);

}  // namespace vigie::corpus
