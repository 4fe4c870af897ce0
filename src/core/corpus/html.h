// HTML pages reduced to their text, never rendered: what a reader sees as the article, in
// paragraphs, without scripts, styles, navigation, forms or comments.
#pragma once

#include <string>
#include <string_view>

namespace vigie::corpus {

struct HtmlText {
    std::string title;  // <title>, else the first <h1>; entities decoded, spaces collapsed
    std::string text;   // paragraphs separated by a blank line
};

// Usage:
//   HtmlText page = html_to_text(read_file("article.html").value());
// Tolerant as browsers are: unclosed tags, stray "<", unknown entities and unquoted attributes
// pass through as text or are ignored, never an error. Block elements (p, div, li, h1…, br,
// tr, …) end a paragraph; script, style, noscript, template, svg, nav, header, footer, aside,
// form, button, select, iframe and <head> (but its title) are dropped with their content.
// Character references: the named ones French text uses and every numeric one.
HtmlText html_to_text(std::string_view html);

}  // namespace vigie::corpus
