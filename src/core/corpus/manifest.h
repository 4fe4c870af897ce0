// The bundled dossier format: manifest.json lists the documents with their metadata and the
// files holding their original text. Schema: assets/corpus/manifest.schema.json.
#pragma once

#include <string>
#include <string_view>

#include "core/corpus/document.h"
#include "core/result.h"

namespace vigie::corpus {

// Loads manifest.json and every document file it names (relative to the manifest).
// A manifest that is not valid JSON or has no "documents" array is an error; a document with a
// bad field or an unreadable file is skipped with a warning naming the file and field.
Result<Corpus> load_manifest(const std::string& path);

// Same, from manifest text already in memory; files are read relative to base_dir.
Result<Corpus> parse_manifest(std::string_view json_text, std::string_view name, const std::string& base_dir);

}  // namespace vigie::corpus
