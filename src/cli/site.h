// `vigie build INPUT -o DIR` (DESIGN.md §4.3): the static site for another dossier.
#pragma once

#include <string>

#include "core/result.h"

namespace vigie::cli {

// Usage:
//   auto r = build_site("articles/", "site/", "build/site");  // r: the documents the site opens
//
// Copies the built site (site_dir: index.html, loader.js, sw.js, vigie_app.*, …) into out_dir
// and the dossier's files (input: any corpus input, DESIGN.md §4.2) into out_dir/dossier/, then
// lists them in loader.js (the page fetches them and opens them instead of the dossier it
// bundles) and in sw.js (offline, under a new version). The copy is loaded back and must give
// as many documents as input. An error names the file or folder at fault.
Result<std::size_t> build_site(const std::string& input, const std::string& out_dir, const std::string& site_dir);

// Where the built site is when --site is not given: $VIGIE_SITE, else the site directory next
// to the program's own (build/native/vigie → build/site), else build/site.
std::string default_site_dir();

}  // namespace vigie::cli
