// UTF-8 helpers shared by the loaders and the analyzer: validation that reports where the
// input is broken (so a message can name the line), and byte offset -> line number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigie::text {

// Byte offset of the first ill-formed sequence (RFC 3629: no overlongs, surrogates or > U+10FFFF).
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

// 1-based line number of a byte offset; a line ends at '\n'.
std::size_t line_of(std::string_view s, std::size_t offset);

// Decodes the code point at s[i], advances i; returns U+FFFD for an ill-formed byte.
char32_t next_code_point(std::string_view s, std::size_t& i);

// Appends the character at s[i] to out and advances i: its bytes as they are, or U+FFFD for an
// ill-formed byte. A loop of these makes any bytes valid UTF-8.
void append_repaired(std::string& out, std::string_view s, std::size_t& i);

}  // namespace vigie::text
