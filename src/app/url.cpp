#include "app/url.h"

#include <charconv>
#include <vector>

namespace vigie::app {

namespace {

std::string encode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '_' || c == '.' || c == '~' || c == ':';
        if (plain) out += static_cast<char>(c);
        else { out += '%'; out += kHex[c >> 4]; out += kHex[c & 15]; }
    }
    return out;
}

std::string decode(std::string_view s) {
    auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else out += s[i] == '+' ? ' ' : s[i];
    }
    return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    while (!s.empty()) {
        const std::size_t at = s.find(sep);
        out.push_back(s.substr(0, at));
        if (at == std::string_view::npos) break;
        s.remove_prefix(at + 1);
    }
    return out;
}

int number(std::string_view s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() ? v : -1;
}

}  // namespace

std::string to_fragment(const View& v) {
    std::vector<std::string> parts;
    if (!v.query.empty()) parts.push_back("q=" + encode(v.query));
    auto list = [](const std::vector<std::string>& items) {
        std::string out;
        for (const auto& i : items) out += (out.empty() ? "" : ",") + encode(i);
        return out;
    };
    if (!v.filters.countries.empty()) parts.push_back("pays=" + list(v.filters.countries));
    if (v.filters.year_from || v.filters.year_to) {
        std::string y = v.filters.year_from ? std::to_string(v.filters.year_from) : "";
        if (v.filters.year_to != v.filters.year_from) y += ".." + (v.filters.year_to ? std::to_string(v.filters.year_to) : "");
        parts.push_back("annee=" + y);
    }
    if (!v.filters.sources.empty()) parts.push_back("source=" + list(v.filters.sources));
    if (!v.filters.operation.empty()) parts.push_back("op=" + encode(v.filters.operation));
    if (v.sort == Sort::date) parts.push_back("tri=date");
    if (!v.doc.empty()) parts.push_back("doc=" + encode(v.doc));
    if (!v.doc.empty() && v.hit >= 0) parts.push_back("hit=" + std::to_string(v.hit + 1));
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "&") + p;
    return out;
}

View from_fragment(std::string_view f) {
    View v;
    if (!f.empty() && f.front() == '#') f.remove_prefix(1);
    for (std::string_view pair : split(f, '&')) {
        const std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view key = pair.substr(0, eq), value = pair.substr(eq + 1);
        auto list = [&] {
            std::vector<std::string> out;
            for (std::string_view item : split(value, ','))
                if (!item.empty()) out.push_back(decode(item));
            return out;
        };
        if (key == "q") v.query = decode(value);
        else if (key == "pays") v.filters.countries = list();
        else if (key == "source") v.filters.sources = list();
        else if (key == "op") v.filters.operation = decode(value);
        else if (key == "tri") v.sort = value == "date" ? Sort::date : Sort::relevance;
        else if (key == "doc") v.doc = decode(value);
        else if (key == "hit") v.hit = number(value) > 0 ? number(value) - 1 : -1;
        else if (key == "annee") {
            const std::size_t dots = value.find("..");
            const int from = number(value.substr(0, dots));
            const int to = dots == std::string_view::npos ? from : number(value.substr(dots + 2));
            v.filters.year_from = from > 0 ? from : 0;
            v.filters.year_to = to > 0 ? to : 0;
        }
    }
    if (v.doc.empty()) v.hit = -1;
    return v;
}

}  // namespace vigie::app
