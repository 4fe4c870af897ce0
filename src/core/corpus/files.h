// Reading input files as values: a missing or unreadable file is a message, not an exception;
// bytes that are not UTF-8 are repaired, with a warning, not refused.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace vigie::corpus {

// Whole file as bytes. Refuses files over max_bytes with a message (huge inputs are user error).
Result<std::string> read_file(const std::string& path, std::size_t max_bytes = std::size_t(1) << 30);

// s with each invalid UTF-8 sequence made U+FFFD; the first is reported in warnings as
// "<name>:<line>: invalid UTF-8 at column <c>, replaced with U+FFFD", lines counted from
// first_line (a JSON Lines line is repaired alone, and named by its line in the file).
std::string repaired_utf8(std::string_view s, const std::string& name, std::vector<Error>& warnings,
                          std::size_t first_line = 1);

// "dir/sub/name.ext" → "dir/sub"; "name.ext" → "".
std::string parent_dir(std::string_view path);

// Joins a relative path to a directory ("" stays relative); absolute paths are kept as is.
std::string join_path(std::string_view dir, std::string_view relative);

}  // namespace vigie::corpus
