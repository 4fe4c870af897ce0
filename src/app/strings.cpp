#include "app/strings.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/corpus/files.h"

namespace vigie::app {

Result<Strings> Strings::load(const std::string& path) {
    auto bytes = corpus::read_file(path);
    if (!bytes) return bytes.error();
    return parse(bytes.value(), path);
}

Result<Strings> Strings::parse(std::string_view text, std::string_view name) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Error{std::string(name) + ": not a JSON object"};
    Strings s;
    for (auto [lang, table, months] : {std::tuple{"fr", &s.fr_, s.months_fr_}, std::tuple{"en", &s.en_, s.months_en_}}) {
        if (!j.contains(lang) || !j[lang].is_object()) return Error{std::string(name) + ": field '" + lang + "' missing"};
        for (auto& [k, v] : j[lang].items()) {
            if (!v.is_string()) return Error{std::string(name) + ": field '" + lang + "." + k + "' is not a string"};
            (*table)[k] = v.get<std::string>();
        }
        std::istringstream words((*table)["months"]);
        for (int m = 0; m < 12; ++m)
            if (!(words >> months[m])) return Error{std::string(name) + ": field '" + lang + ".months' needs 12 names"};
    }
    return s;
}

const std::string& Strings::get(Lang lang, const std::string& key) const {
    const auto& table = lang == Lang::fr ? fr_ : en_;
    auto it = table.find(key);
    return it != table.end() ? it->second : key;
}

std::string Strings::get(Lang lang, const std::string& key,
                         std::initializer_list<std::pair<const char*, std::string>> args) const {
    std::string out = get(lang, key);
    for (const auto& [name, value] : args) {
        const std::string mark = std::string("{") + name + "}";
        for (std::size_t at = out.find(mark); at != std::string::npos; at = out.find(mark, at + value.size()))
            out.replace(at, mark.size(), value);
    }
    return out;
}

std::string Strings::date(Lang lang, const corpus::Date& d) const {
    const std::string* months = lang == Lang::fr ? months_fr_ : months_en_;
    switch (d.precision()) {
        case corpus::DatePrecision::unknown: return {};
        case corpus::DatePrecision::year: return std::to_string(d.year);
        case corpus::DatePrecision::month: return months[d.month - 1] + " " + std::to_string(d.year);
        case corpus::DatePrecision::day:
            if (lang == Lang::fr) return (d.day == 1 ? std::string("1er") : std::to_string(d.day)) + " " + months[d.month - 1] + " " + std::to_string(d.year);
            return std::to_string(d.day) + " " + months[d.month - 1] + " " + std::to_string(d.year);
    }
    return {};
}

}  // namespace vigie::app
