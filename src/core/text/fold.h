// Accent folding, the last stage of the analyzer: Latin letters with diacritics map to their
// base letters (é→e, ç→c, œ→oe), so "Etat" finds "État". Other scripts pass through unchanged.
#pragma once

#include <string>
#include <string_view>

namespace vigie::text {

// Folds Latin-1 Supplement and Latin Extended-A letters to lowercase ASCII; other text is
// copied as is. Input and output are UTF-8.
std::string fold_accents(std::string_view utf8);

}  // namespace vigie::text
