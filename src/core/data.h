// Curated data compiled into the program at build time (assets/gazetteer/*.json through
// data.cpp.in), so the CLI, the JS API and the page need no file to locate or download.
#pragma once

#include <string_view>

namespace vigie::data {

std::string_view gazetteer_json();  // assets/gazetteer/countries.json
std::string_view entities_json();   // assets/gazetteer/entities.json

}  // namespace vigie::data
