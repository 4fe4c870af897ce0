// JSON Lines corpora (DESIGN.md §4.2): one object per line with "text" (required) and optional
// "id", "title", "date" (ISO 8601, month or year precision allowed), "source", "url", "lang".
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/corpus/document.h"

namespace vigie::corpus {

// Bad lines (not JSON, no text, wrong types) are skipped with a warning "<name>:<line>: …"; the
// others load, each with file "<name>:<line>". Invalid UTF-8 is repaired (U+FFFD) and a bad date
// left out, each with a warning. A line without an id gets "<id_stem>-<line>", id_stem being the
// stem of name unless given.
Corpus parse_jsonl(std::string_view text, std::string_view name, std::string_view id_stem = {});

// One document object (a JSONL line, a .json file): false with a problem naming the field; true
// with a note naming the field when one was left out and the document kept (a bad date).
// Its strings are moved into doc (a text is not copied once more).
bool document_from_json(nlohmann::json& object, Document& doc, std::string& problem, std::string& note);

}  // namespace vigie::corpus
