// JSON Lines corpora (DESIGN.md §4.2): one object per line with "text" (required) and optional
// "id", "title", "date" (ISO 8601, month or year precision allowed), "source", "url", "lang".
#pragma once

#include <string_view>

#include "core/corpus/document.h"

namespace vigie::corpus {

// Bad lines (not JSON, no text, wrong types, bad date, invalid UTF-8) are skipped with a warning
// "<name>:<line>: …"; the others load. A line without an id gets "<stem of name>-<line>".
Corpus parse_jsonl(std::string_view text, std::string_view name);

}  // namespace vigie::corpus
