// The gazetteer compiled into the program (from assets/gazetteer/countries.json at build time),
// so the CLI, the JS API and the page find countries without a file to locate or download.
#pragma once

#include <string_view>

namespace vigie::geo {

std::string_view builtin_gazetteer_json();

}  // namespace vigie::geo
