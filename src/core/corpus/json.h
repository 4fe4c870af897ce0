// JSON parsing for the loaders: a parse error becomes a value naming file, line and column.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/result.h"

namespace vigie::corpus {

// Parses text as JSON without exceptions; on error: "<name>:<line>:<column>: <what>".
Result<nlohmann::json> parse_json(std::string_view text, std::string_view name);

}  // namespace vigie::corpus
