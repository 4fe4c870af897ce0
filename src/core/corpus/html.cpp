#include "core/corpus/html.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

// [SECTION] Index
// - Names: tag sets and case-insensitive comparison
// - Character references
// - Paragraphs: whitespace collapsed, blocks separated
// - html_to_text: one pass over the markup

namespace vigie::corpus {

namespace {

// [SECTION] Names -----------------------------------------------------------------------------

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

template <std::size_t N>
bool one_of(const std::string& name, const std::array<std::string_view, N>& set) {
    return std::find(set.begin(), set.end(), name) != set.end();
}

// Content never meant as text: dropped whole.
constexpr std::array<std::string_view, 12> kDropped = {"script", "style", "noscript", "template", "svg", "nav",
                                                       "aside", "form", "button", "select", "iframe", "head"};
// Page furniture outside the article (inside <article> or <main> they hold its headline).
constexpr std::array<std::string_view, 2> kFurniture = {"header", "footer"};
// Raw text: their content is not markup ("<" in a script is not a tag).
constexpr std::array<std::string_view, 5> kRaw = {"script", "style", "textarea", "title", "xmp"};
// Elements that end a paragraph.
constexpr std::array<std::string_view, 37> kBlocks = {
    "address", "article", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li", "main", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "th", "thead", "tr", "ul"};

// [SECTION] Character references --------------------------------------------------------------

struct Entity {
    std::string_view name;
    char32_t code;
};
constexpr std::array<Entity, 72> kEntities = {{
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
    {"laquo", 0xAB}, {"raquo", 0xBB}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"sbquo", 0x201A}, {"bdquo", 0x201E}, {"hellip", 0x2026}, {"mdash", 0x2014},
    {"ndash", 0x2013}, {"shy", 0xAD}, {"eacute", 0xE9}, {"Eacute", 0xC9}, {"egrave", 0xE8},
    {"Egrave", 0xC8}, {"ecirc", 0xEA}, {"Ecirc", 0xCA}, {"euml", 0xEB}, {"Euml", 0xCB}, {"agrave", 0xE0},
    {"Agrave", 0xC0}, {"acirc", 0xE2}, {"Acirc", 0xC2}, {"auml", 0xE4}, {"Auml", 0xC4}, {"ccedil", 0xE7},
    {"Ccedil", 0xC7}, {"icirc", 0xEE}, {"Icirc", 0xCE}, {"iuml", 0xEF}, {"Iuml", 0xCF}, {"ocirc", 0xF4},
    {"Ocirc", 0xD4}, {"ouml", 0xF6}, {"Ouml", 0xD6}, {"ucirc", 0xFB}, {"Ucirc", 0xDB}, {"ugrave", 0xF9},
    {"Ugrave", 0xD9}, {"uuml", 0xFC}, {"Uuml", 0xDC}, {"yuml", 0xFF}, {"oelig", 0x153}, {"OElig", 0x152},
    {"aelig", 0xE6}, {"AElig", 0xC6}, {"aacute", 0xE1}, {"iacute", 0xED}, {"oacute", 0xF3},
    {"uacute", 0xFA}, {"ntilde", 0xF1}, {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122}, {"deg", 0xB0},
    {"euro", 0x20AC}, {"times", 0xD7}, {"middot", 0xB7}, {"bull", 0x2022}, {"thinsp", 0x2009},
    {"ensp", 0x2002}, {"emsp", 0x2003}, {"zwnj", 0x200C}, {"zwj", 0x200D}, {"nnbsp", 0x202F},
}};

void append_utf8(std::string& out, char32_t c) {
    if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) c = 0xFFFD;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// At s[i] == '&': appends the character a reference names and returns its length, or 0 when it
// is not a reference ("AT&T", "&unknown;"), which then stays as written.
std::size_t decode_reference(std::string_view s, std::size_t i, std::string& out) {
    const std::size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12 || semi == i + 1) return 0;
    const std::string_view body = s.substr(i + 1, semi - i - 1);
    if (body[0] == '#') {
        const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        const std::string_view digits = body.substr(hex ? 2 : 1);
        if (digits.empty()) return 0;
        char32_t c = 0;
        for (char d : digits) {
            int v = d >= '0' && d <= '9' ? d - '0' : hex && lower(d) >= 'a' && lower(d) <= 'f' ? lower(d) - 'a' + 10 : -1;
            if (v < 0) return 0;
            c = std::min<char32_t>(c * (hex ? 16 : 10) + static_cast<char32_t>(v), 0x110000);
        }
        append_utf8(out, c);
        return semi - i + 1;
    }
    for (const Entity& e : kEntities)
        if (e.name == body) {
            append_utf8(out, e.code);
            return semi - i + 1;
        }
    return 0;
}

// Text with its references decoded.
std::string decoded(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = s[i] == '&' ? decode_reference(s, i, out) : 0;
        if (n) { i += n; continue; }
        out += s[i++];
    }
    return out;
}

// [SECTION] Paragraphs ------------------------------------------------------------------------

// Collapses runs of HTML whitespace into one space and trims.
std::string collapsed(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (is_space(c)) { space = !out.empty(); continue; }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

struct Paragraphs {
    std::string text, current;
    void flush() {
        std::string p = collapsed(current);
        current.clear();
        if (p.empty()) return;
        if (!text.empty()) text += "\n\n";
        text += p;
    }
};

// [SECTION] Tags ------------------------------------------------------------------------------

struct Tag {
    std::string name;      // lowercase
    bool closing = false;  // </p>
    std::size_t end = 0;   // just past '>'
};

// At s[i] == '<': the tag there, or false when this '<' is just text ("a < b").
bool read_tag(std::string_view s, std::size_t i, Tag& tag) {
    std::size_t j = i + 1;
    tag.closing = j < s.size() && s[j] == '/';
    if (tag.closing) ++j;
    if (j >= s.size() || !is_alpha(s[j])) return false;
    tag.name.clear();
    while (j < s.size() && is_name_char(s[j])) tag.name += lower(s[j++]);
    char quote = 0;  // '>' inside a quoted attribute value does not end the tag
    for (; j < s.size(); ++j) {
        if (quote) { if (s[j] == quote) quote = 0; }
        else if (s[j] == '"' || s[j] == '\'') quote = s[j];
        else if (s[j] == '>') { tag.end = j + 1; return true; }
    }
    return false;  // never closed: the rest is text
}

// Where the raw text of <name> ends: at "</name" in any case, or the end of the input.
std::size_t raw_text_end(std::string_view s, std::size_t from, const std::string& name) {
    for (std::size_t k = s.find("</", from); k != std::string_view::npos; k = s.find("</", k + 2)) {
        bool same = k + 2 + name.size() <= s.size();
        for (std::size_t c = 0; same && c < name.size(); ++c) same = lower(s[k + 2 + c]) == name[c];
        if (same) return k;
    }
    return s.size();
}

}  // namespace

// [SECTION] html_to_text ----------------------------------------------------------------------

HtmlText html_to_text(std::string_view s) {
    HtmlText out;
    Paragraphs body;
    std::vector<std::string> dropping;  // open dropped elements, innermost last
    int in_article = 0;                 // <article> / <main> depth: their header is the headline
    int in_h1 = 0;
    std::string h1;
    Tag tag;
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '<') {
            if (s.compare(i, 4, "<!--") == 0) {  // comment
                const std::size_t end = s.find("-->", i + 4);
                i = end == std::string_view::npos ? s.size() : end + 3;
                continue;
            }
            if (i + 1 < s.size() && (s[i + 1] == '!' || s[i + 1] == '?')) {  // doctype, processing instruction
                const std::size_t end = s.find('>', i);
                i = end == std::string_view::npos ? s.size() : end + 1;
                continue;
            }
            if (read_tag(s, i, tag)) {
                i = tag.end;
                const bool self_closing = s[tag.end - 2] == '/';
                if (!tag.closing && one_of(tag.name, kRaw)) {
                    const std::size_t end = raw_text_end(s, i, tag.name);
                    if (tag.name == "title" && out.title.empty()) out.title = collapsed(decoded(s.substr(i, end - i)));
                    else if (dropping.empty() && (tag.name == "textarea" || tag.name == "xmp")) body.current += decoded(s.substr(i, end - i));
                    const std::size_t close = s.find('>', end);
                    i = close == std::string_view::npos ? s.size() : close + 1;
                    continue;
                }
                const bool drop = one_of(tag.name, kDropped) || (in_article == 0 && one_of(tag.name, kFurniture));
                if (tag.closing) {
                    if (!dropping.empty()) {
                        auto it = std::find(dropping.rbegin(), dropping.rend(), tag.name);
                        if (it != dropping.rend()) dropping.erase(std::next(it).base(), dropping.end());
                        continue;
                    }
                    if (tag.name == "article" || tag.name == "main") in_article = std::max(0, in_article - 1);
                    if (tag.name == "h1") in_h1 = std::max(0, in_h1 - 1);
                } else {
                    if (drop && !self_closing) { dropping.push_back(tag.name); continue; }
                    if (!dropping.empty()) continue;
                    if (tag.name == "article" || tag.name == "main") ++in_article;
                    if (tag.name == "h1" && !self_closing) ++in_h1;
                }
                if (dropping.empty() && one_of(tag.name, kBlocks)) body.flush();
                continue;
            }
        }
        // Text up to the next tag.
        std::size_t next = s.find('<', i + 1);
        if (next == std::string_view::npos) next = s.size();
        if (dropping.empty()) {
            std::string t = decoded(s.substr(i, next - i));
            if (in_h1 && h1.size() < 1000) h1 += t;
            body.current += t;
        }
        i = next;
    }
    body.flush();
    out.text = std::move(body.text);
    if (out.title.empty()) out.title = collapsed(h1);
    return out;
}

}  // namespace vigie::corpus
