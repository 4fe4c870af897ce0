// The view as a URL fragment, so a link opens the same view and back/forward work:
// #q=amaq%20europol&pays=BEL,FRA&annee=2018..2019&source=Reuters&op=amaq-2018-04&tri=date&doc=003_…&hit=2
// Values are percent-encoded (UTF-8); unknown keys and bad values are ignored.
#pragma once

#include <string>
#include <string_view>

#include "app/app_state.h"

namespace vigie::app {

struct View {
    std::string query;
    Filters filters;
    Sort sort = Sort::relevance;
    std::string doc;  // document id, empty for none
    int hit = -1;     // 0-based

    bool operator==(const View& o) const {
        return query == o.query && filters == o.filters && sort == o.sort && doc == o.doc && hit == o.hit;
    }
};

std::string to_fragment(const View& view);      // without the '#'
View from_fragment(std::string_view fragment);  // with or without the '#'

}  // namespace vigie::app
