// Reading input files as values: a missing or unreadable file is a message, not an exception.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace vigie::corpus {

// Whole file as bytes. Refuses files over max_bytes with a message (huge inputs are user error).
Result<std::string> read_file(const std::string& path, std::size_t max_bytes = std::size_t(1) << 30);

// "dir/sub/name.ext" → "dir/sub"; "name.ext" → "".
std::string parent_dir(std::string_view path);

// Joins a relative path to a directory ("" stays relative); absolute paths are kept as is.
std::string join_path(std::string_view dir, std::string_view relative);

}  // namespace vigie::corpus
