// One entry point for every corpus input the CLI and the page accept (DESIGN.md §4.2).
#pragma once

#include <string>

#include "core/corpus/document.h"
#include "core/result.h"

namespace vigie::corpus {

// path: a manifest.json, a directory holding one, or a .jsonl file.
Result<Corpus> load_input(const std::string& path);

}  // namespace vigie::corpus
