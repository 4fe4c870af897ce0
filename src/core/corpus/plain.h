// Documents from plain files (DESIGN.md §4.2): a directory of .txt, .md, .html, .htm, .json and
// .jsonl files, or one such file. What a journalist has on disk, loaded without preparation.
#pragma once

#include <string>
#include <vector>

#include "core/corpus/document.h"
#include "core/result.h"

namespace vigie::corpus {

// Usage:
//   auto corpus = load_directory("mes-articles");   // recursive, sorted, hidden files skipped
//   for (const Error& w : corpus->warnings) report(w.message);   // "a/b.txt:12: invalid UTF-8 …"
// A document's id is its path relative to the directory without the extension; its title the
// HTML <title> (or first <h1>), a Markdown "# " heading, or the first non-empty line. A file
// that is empty, binary, over kMaxArticleBytes or unreadable is skipped with a warning;
// invalid UTF-8 is repaired (U+FFFD) with a warning naming line and column; a BOM is dropped
// and CRLF line ends become LF. Fails only when the directory holds no such file at all.
Result<Corpus> load_directory(const std::string& dir);

// One file of those kinds; id: its name without the extension.
Result<Corpus> load_file(const std::string& path);

// The files load_directory reads, sorted: those of the kinds above in dir and its folders,
// hidden ones (and hidden folders) left out. Empty when there are none.
Result<std::vector<std::string>> article_files(const std::string& dir);

}  // namespace vigie::corpus
