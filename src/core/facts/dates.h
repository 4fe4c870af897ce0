// Dates a French article mentions, normalised to ISO 8601 at the precision the text gives:
// "22 mars 2016", "août 2016", "entre le 21 et le 24 novembre", "2017/10/04", "en 2018",
// and the article's own date resolving what needs it ("ce mercredi", "le 24 novembre").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/corpus/document.h"
#include "core/text/analyzer.h"

namespace vigie::facts {

struct DateMention {
    std::string surface;       // as written: "entre le 21 et le 24 novembre"
    corpus::ByteRange range;   // in the text
    corpus::Date from, to;     // equal unless the text gives a span
    bool inferred = false;     // the year or the day came from the article's date
};

// Usage:
//   for (const DateMention& m : extract_dates(analyzer, doc.text, doc.date)) show(m.from.iso(), m.surface);
// Without an article date (or without its day), what needs one is left out rather than guessed.
std::vector<DateMention> extract_dates(const text::Analyzer& analyzer, std::string_view text, const corpus::Date& article_date);

// The same on tokens the caller already has: tokens must be analyzer.analyze(text) (terms unused).
std::vector<DateMention> extract_dates(std::string_view text, const std::vector<text::Token>& tokens, const corpus::Date& article_date);

}  // namespace vigie::facts
