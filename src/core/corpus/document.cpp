#include "core/corpus/document.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace vigie::corpus {

DatePrecision Date::precision() const {
    if (year == 0) return DatePrecision::unknown;
    if (month == 0) return DatePrecision::year;
    if (day == 0) return DatePrecision::month;
    return DatePrecision::day;
}

std::string Date::iso() const {
    char buf[16];
    switch (precision()) {
        case DatePrecision::unknown: return {};
        case DatePrecision::year: std::snprintf(buf, sizeof buf, "%04d", year); break;
        case DatePrecision::month: std::snprintf(buf, sizeof buf, "%04d-%02d", year, month); break;
        case DatePrecision::day: std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day); break;
    }
    return buf;
}

std::string Date::french() const {
    static constexpr const char* kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                              "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    switch (precision()) {
        case DatePrecision::unknown: return {};
        case DatePrecision::year: return std::to_string(year);
        case DatePrecision::month: return std::string(kMonths[month - 1]) + " " + std::to_string(year);
        case DatePrecision::day:
            return (day == 1 ? std::string("1er") : std::to_string(day)) + " " + kMonths[month - 1] + " " +
                   std::to_string(year);
    }
    return {};
}

bool Date::exists(int y, int m, int d) {
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
    return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

std::optional<Date> Date::parse(std::string_view s) {
    auto number = [&](std::size_t at, std::size_t len, int& out) {
        if (s.size() < at + len) return false;
        const char* b = s.data() + at;
        auto [p, ec] = std::from_chars(b, b + len, out);
        return ec == std::errc() && p == b + len;
    };
    Date d;
    if (!number(0, 4, d.year) || d.year < 1) return std::nullopt;
    if (s.size() == 4) return d;
    if (s[4] != '-' || !number(5, 2, d.month) || d.month < 1 || d.month > 12) return std::nullopt;
    if (s.size() == 7) return d;
    if (s[7] != '-' || !number(8, 2, d.day) || !exists(d.year, d.month, d.day)) return std::nullopt;
    if (s.size() == 10) return d;
    if ((s[10] != 'T' && s[10] != ' ') || !number(11, 2, d.hour) || d.hour > 23 || s.size() < 16 || s[13] != ':' ||
        !number(14, 2, d.minute) || d.minute > 59)
        return std::nullopt;
    return d;
}

std::optional<std::uint32_t> Document::text_offset(std::uint32_t at) const {
    std::uint32_t text_at = 0;
    for (const ByteRange& r : article) {
        if (at >= r.begin && at <= r.end) return text_at + (at - r.begin);
        text_at += r.end - r.begin + 2;  // the blank line joining two ranges
    }
    return std::nullopt;
}

void TakenIds::drop_repeats(Corpus& corpus) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
        Document& d = corpus.documents[i];
        const auto [first, is_new] = first_file_.try_emplace(d.id, d.file);
        if (!is_new) {
            corpus.warnings.push_back({d.file + ": id '" + d.id + "' already used by " + first->second + ", skipped"});
            continue;
        }
        if (kept != i) corpus.documents[kept] = std::move(d);  // never onto itself
        ++kept;
    }
    corpus.documents.resize(kept);
}

namespace {
constexpr std::array<std::string_view, 8> kRoles = {"lead",    "participant", "support",        "coordination",
                                                    "arrest",  "seizure",     "meeting_member", "host"};
}

std::string_view to_string(Role r) { return kRoles[static_cast<std::size_t>(r)]; }

std::optional<Role> parse_role(std::string_view s) {
    for (std::size_t i = 0; i < kRoles.size(); ++i)
        if (kRoles[i] == s) return static_cast<Role>(i);
    return std::nullopt;
}

}  // namespace vigie::corpus
