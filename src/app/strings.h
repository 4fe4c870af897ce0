// The page's words, in French and English, from one table (assets/ui/strings.json). Panels ask
// for a key; a missing key shows itself, so a gap is visible, never a crash.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/corpus/document.h"
#include "core/index/message.h"
#include "core/result.h"

namespace vigie::app {

enum class Lang { fr, en };
// The language the engine's messages (index::Message) are written in for the page.
inline index::Language engine_language(Lang lang) { return lang == Lang::en ? index::Language::en : index::Language::fr; }

// Usage:
//   auto s = Strings::load("/data/ui/strings.json");
//   s->get(Lang::fr, "results.count", {{"n", "12"}})  → "12 articles"
class Strings {
public:
    static Result<Strings> load(const std::string& path);
    static Result<Strings> parse(std::string_view json, std::string_view name);

    const std::string& get(Lang lang, const std::string& key) const;
    std::string get(Lang lang, const std::string& key, std::initializer_list<std::pair<const char*, std::string>> args) const;
    std::string date(Lang lang, const corpus::Date& date) const;  // "25 novembre 2019" / "25 November 2019"

private:
    std::map<std::string, std::string> fr_, en_;
    std::string months_fr_[12], months_en_[12];
};

}  // namespace vigie::app
