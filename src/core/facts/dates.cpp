#include "core/facts/dates.h"

#include <algorithm>
#include <array>
#include <optional>

#include "core/text/fold.h"

// [SECTION] Index
// - Calendar: days from a civil date and back, weekdays (Howard Hinnant's algorithms)
// - Words: the analyzer's tokens as the patterns see them
// - Patterns: numeric, span, day + month, month + year, month or weekday alone, year, relative
// - extract_dates

namespace vigie::facts {

namespace {

using corpus::Date;

// [SECTION] Calendar --------------------------------------------------------------------------

// Days since 1970-01-01 ("chrono-Compatible Low-Level Date Algorithms", H. Hinnant).
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    Date out;
    out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2));
    return out;
}

int weekday(long days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }  // 0 = Monday (1970-01-01 was a Thursday)

Date day(int y, int m, int d) {
    Date out;
    out.year = y;
    out.month = m;
    out.day = d;
    return out;
}

Date month_only(int y, int m) {
    Date out;
    out.year = y;
    out.month = m;
    return out;
}

// [SECTION] Words -----------------------------------------------------------------------------

struct Word {
    std::string key;  // casefolded, accents folded: "aout", "1er", "2017"
    std::uint32_t begin, end;
    bool number;
};

constexpr std::array<std::string_view, 12> kMonths = {"janvier", "fevrier", "mars",      "avril",   "mai",      "juin",
                                                      "juillet", "aout",    "septembre", "octobre", "novembre", "decembre"};
constexpr std::array<std::string_view, 7> kWeekdays = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};

template <typename Names>
int index_in(std::string_view key, const Names& names) {
    auto it = std::find(names.begin(), names.end(), key);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

// The value of an all-ASCII-digit key of up to 4 digits, else -1 (number tokens can be "3,5" or
// written in other scripts' digits).
int value_of(const std::string& key) {
    if (key.empty() || key.size() > 4) return -1;
    int v = 0;
    for (char ch : key) {
        if (ch < '0' || ch > '9') return -1;
        v = v * 10 + (ch - '0');
    }
    return v;
}

struct Cursor {
    std::string_view text;
    const std::vector<Word>& w;

    bool has(std::size_t i) const { return i < w.size(); }
    bool is(std::size_t i, std::string_view key) const { return has(i) && w[i].key == key; }
    // Only spaces between words i and i + 1: "22 mars 2016" but not "22. Mars".
    bool next_to(std::size_t i) const {
        if (!has(i + 1)) return false;
        for (std::uint32_t k = w[i].end; k < w[i + 1].begin; ++k)
            if (text[k] != ' ' && text[k] != '\n' && !(static_cast<unsigned char>(text[k]) >= 0x80)) return false;
        return w[i + 1].begin - w[i].end <= 4;  // a space, NBSP (2 bytes) or NNBSP (3 bytes)
    }
    int month(std::size_t i) const { return has(i) ? index_in(w[i].key, kMonths) + 1 : 0; }
    int weekday_of(std::size_t i) const { return has(i) ? index_in(w[i].key, kWeekdays) : -1; }
    int day_number(std::size_t i) const {
        if (!has(i)) return 0;
        if (w[i].key == "1er") return 1;
        if (!w[i].number || w[i].key.size() > 2) return 0;
        const int d = value_of(w[i].key);
        return d >= 1 && d <= 31 ? d : 0;
    }
    int year(std::size_t i) const {
        if (!has(i) || !w[i].number || w[i].key.size() != 4) return 0;
        const int y = value_of(w[i].key);
        return y >= 1800 && y < 2200 ? y : 0;
    }
    std::string_view between(std::size_t i) const { return text.substr(w[i].end, w[i + 1].begin - w[i].end); }
};

struct Found {
    std::size_t first, last;  // words
    Date from, to;
    bool inferred = false;
};

// [SECTION] Patterns --------------------------------------------------------------------------

// The year of a day and month the text gives without one: the article's, unless that puts it
// more than a month after the article (then the year before).
int year_for(int m, int d, const Date& article) {
    if (article.year == 0) return 0;
    int y = article.year;
    if (article.month && Date::exists(y, m, std::max(d, 1)) &&
        days_from_civil(y, m, std::max(d, 1)) > days_from_civil(article.year, article.month, std::max(article.day, 1)) + 31)
        --y;
    return y;
}

// "2017/10/04", "04/10/2017", "2019-11-25".
std::optional<Found> numeric(const Cursor& c, std::size_t i) {
    if (!c.has(i + 2) || !c.w[i].number || !c.w[i + 1].number || !c.w[i + 2].number) return std::nullopt;
    const std::string_view s1 = c.between(i), s2 = c.between(i + 1);
    if (s1 != s2 || (s1 != "/" && s1 != "-" && s1 != ".")) return std::nullopt;
    int y, m, d;
    if (c.w[i].key.size() == 4) { y = c.year(i); m = value_of(c.w[i + 1].key); d = value_of(c.w[i + 2].key); }
    else if (c.w[i + 2].key.size() == 4) { y = c.year(i + 2); m = value_of(c.w[i + 1].key); d = value_of(c.w[i].key); }
    else return std::nullopt;
    if (!y || c.w[i + 1].key.size() > 2 || !Date::exists(y, m, d)) return std::nullopt;
    return Found{i, i + 2, day(y, m, d), day(y, m, d)};
}

// "entre le 21 et le 24 novembre [2019]", "du 21 au 24 novembre".
std::optional<Found> span(const Cursor& c, std::size_t i, const Date& article) {
    std::size_t j = i;
    if (c.is(j, "entre") || c.is(j, "du")) ++j;
    if (c.is(j, "le")) ++j;
    const int d1 = c.day_number(j);
    if (!d1 || !(c.is(j + 1, "et") || c.is(j + 1, "au") || c.is(j + 1, "a"))) return std::nullopt;
    std::size_t k = j + 2;
    if (c.is(k, "le")) ++k;
    const int d2 = c.day_number(k), m = c.month(k + 1);
    if (!d2 || !m || d2 <= d1 || !c.next_to(k)) return std::nullopt;
    int y = c.next_to(k + 1) ? c.year(k + 2) : 0;
    const bool inferred = y == 0;
    if (inferred) y = year_for(m, d2, article);
    if (!y || !Date::exists(y, m, d1) || !Date::exists(y, m, d2)) return std::nullopt;
    return Found{i, inferred ? k + 1 : k + 2, day(y, m, d1), day(y, m, d2), inferred};
}

// "[mercredi] 22 mars [2016]", "le 1er janvier".
std::optional<Found> day_month(const Cursor& c, std::size_t i, const Date& article) {
    std::size_t j = i;
    if (c.weekday_of(j) >= 0 && c.next_to(j)) ++j;
    const int d = c.day_number(j), m = c.month(j + 1);
    if (!d || !m || !c.next_to(j)) return std::nullopt;
    int y = c.next_to(j + 1) ? c.year(j + 2) : 0;
    const bool inferred = y == 0;
    if (inferred) y = year_for(m, d, article);
    if (!y || !Date::exists(y, m, d)) return std::nullopt;
    return Found{i, inferred ? j + 1 : j + 2, day(y, m, d), day(y, m, d), inferred};
}

// "août 2016".
std::optional<Found> month_year(const Cursor& c, std::size_t i) {
    const int m = c.month(i);
    const int y = m && c.next_to(i) ? c.year(i + 1) : 0;
    if (!y || (i > 0 && c.day_number(i - 1) && c.next_to(i - 1))) return std::nullopt;  // "31 février 2019": not a month
    return Found{i, i + 1, month_only(y, m), month_only(y, m)};
}

// "en juin", "juin dernier", "juin prochain": the year from the article.
std::optional<Found> month_alone(const Cursor& c, std::size_t i, const Date& article) {
    const int m = c.month(i);
    if (!m || !article.year || !article.month) return std::nullopt;
    const bool last = c.is(i + 1, "dernier"), next = c.is(i + 1, "prochain");
    if (!last && !next && !(i > 0 && c.is(i - 1, "en"))) return std::nullopt;
    if (m == 3 && c.text.compare(c.w[i].begin, 1, "M") == 0) return std::nullopt;  // "en Mars": the planet, a brand
    int y = article.year;
    if (next ? m <= article.month : m > article.month) y += next ? 1 : -1;
    return Found{i, i + (last || next ? 1 : 0), month_only(y, m), month_only(y, m), true};
}

// "ce mercredi", "mercredi et jeudi", "vendredi": the nearest such day on or before the
// article's date ("prochain": after it). Needs the article's day.
std::optional<Found> weekday_alone(const Cursor& c, std::size_t i, const Date& article) {
    const int wd = c.weekday_of(i);
    if (wd < 0 || article.day == 0 || c.day_number(i + 1)) return std::nullopt;
    const bool next = c.is(i + 1, "prochain"), last = c.is(i + 1, "dernier");
    const long today = days_from_civil(article.year, article.month, article.day);
    long d = today - ((weekday(today) - wd + 7) % 7);
    if (next) d = today + ((wd - weekday(today) + 7) % 7 == 0 ? 7 : (wd - weekday(today) + 7) % 7);
    if (last && d == today) d -= 7;
    const std::size_t first = i > 0 && c.is(i - 1, "ce") ? i - 1 : i;
    return Found{first, i + (next || last ? 1 : 0), civil_from_days(d), civil_from_days(d), true};
}

// "en 2018", "depuis 2015", "fin 2017": a year with a word that makes it one.
std::optional<Found> year_alone(const Cursor& c, std::size_t i) {
    static constexpr std::array<std::string_view, 12> kBefore = {"en", "depuis", "des", "avant", "apres", "fin",
                                                                 "debut", "annee", "de", "mi", "jusqu'en", "courant"};
    const int y = c.year(i);
    if (!y || i == 0 || index_in(c.w[i - 1].key, kBefore) < 0 || !c.next_to(i - 1)) return std::nullopt;
    Date out;
    out.year = y;
    return Found{i, i, out, out};
}

// "hier", "aujourd'hui", "demain", "avant-hier", "après-demain".
std::optional<Found> relative(const Cursor& c, std::size_t i, const Date& article) {
    if (article.day == 0 || !c.has(i)) return std::nullopt;
    static constexpr std::array<std::pair<std::string_view, int>, 3> kWords = {{{"hier", -1}, {"aujourd'hui", 0}, {"demain", 1}}};
    for (auto [word, offset] : kWords)
        if (c.w[i].key == word) {
            std::size_t first = i;
            int shift = offset;
            if (i > 0 && (c.is(i - 1, "avant") || c.is(i - 1, "apres")) && c.between(i - 1) == "-") {
                first = i - 1;
                shift += c.is(i - 1, "avant") ? -1 : 1;
            }
            const Date d = civil_from_days(days_from_civil(article.year, article.month, article.day) + shift);
            return Found{first, i, d, d, true};
        }
    return std::nullopt;
}

}  // namespace

// [SECTION] extract_dates ---------------------------------------------------------------------

std::vector<DateMention> extract_dates(const text::Analyzer& analyzer, std::string_view text, const corpus::Date& article) {
    return extract_dates(text, analyzer.analyze(text, text::Analyzer::Terms::later), article);
}

std::vector<DateMention> extract_dates(std::string_view text, const std::vector<text::Token>& tokens, const corpus::Date& article) {
    std::vector<Word> words;
    for (const text::Token& t : tokens) {
        if (t.kind == text::TokenKind::compound) continue;
        words.push_back({text::fold_accents(t.exact), t.begin, t.end, t.kind == text::TokenKind::number});
    }
    const Cursor c{text, words};
    std::vector<DateMention> out;
    for (std::size_t i = 0; i < words.size();) {
        std::optional<Found> f = numeric(c, i);
        if (!f) f = span(c, i, article);
        if (!f) f = day_month(c, i, article);
        if (!f) f = month_year(c, i);
        if (!f) f = month_alone(c, i, article);
        if (!f) f = weekday_alone(c, i, article);
        if (!f) f = year_alone(c, i);
        if (!f) f = relative(c, i, article);
        if (!f) { ++i; continue; }
        DateMention m;
        m.range = {words[f->first].begin, words[f->last].end};
        m.surface = std::string(text.substr(m.range.begin, m.range.end - m.range.begin));
        m.from = f->from;
        m.to = f->to;
        m.inferred = f->inferred;
        out.push_back(std::move(m));
        i = f->last + 1;
    }
    return out;
}

}  // namespace vigie::facts
