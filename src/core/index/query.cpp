#include "core/index/query.h"

#include <algorithm>
#include <cstdlib>

#include "core/text/fold.h"
#include "core/text/utf8.h"

namespace vigie::index {

namespace {

constexpr std::size_t kMaxQueryBytes = 1024;
// Words a query keeps (each is matched, a prefix against up to 64 forms): 250 prefixes took
// 100 ms. A pasted sentence is found by its first 32 words.
constexpr std::size_t kMaxWords = 32;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whether item's text before its colon can name a field: letters only (not "12" in 12:00), and
// not a web address's scheme (https://…). Anything else with a colon is plain text.
bool names_a_field(std::string_view item, std::size_t colon) {
    for (std::size_t k = 0; k < colon; ++k) {
        const auto c = static_cast<unsigned char>(item[k]);
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80)) return false;
    }
    return item.substr(colon + 1, 2) != "//";
}

// The word being typed at the end of a run of words: where the words before it end (npos:
// none) and the word, a number being typed in groups ("7 500", "26 0") as one (7500, 260).
std::pair<std::size_t, std::string> typed_tail(const std::string& run) {
    auto group = [](std::string_view w) {
        return !w.empty() && w.size() <= 3 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    std::size_t space = run.rfind(' ');
    std::string tail = space == std::string::npos ? run : run.substr(space + 1);
    if (group(tail))
        while (space != std::string::npos && space > 0) {
            const std::size_t before = run.rfind(' ', space - 1);
            const std::size_t from = before == std::string::npos ? 0 : before + 1;
            const std::string_view word = std::string_view(run).substr(from, space - from);
            if (!group(word)) break;
            tail = std::string(word) + tail;
            space = before;
        }
    return {space, tail};
}

// Field names, accent- and case-insensitive.
enum class Field { none, country, year, source, title, unknown };
Field field_of(std::string_view name) {
    const std::string f = text::fold_accents(name);
    std::string lower;
    for (char c : f) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower == "pays" || lower == "country") return Field::country;
    if (lower == "annee" || lower == "year" || lower == "date") return Field::year;
    if (lower == "source" || lower == "media") return Field::source;
    if (lower == "titre" || lower == "title") return Field::title;
    return Field::unknown;
}

bool parse_year(std::string_view s, int& out) {
    if (s.size() != 4) return false;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

// Replaces control characters by spaces and cuts overlong input between words (or characters).
std::string sanitize(std::string_view q, std::vector<Message>& messages) {
    std::string s;
    std::size_t limit = q.size();
    if (limit > kMaxQueryBytes) {
        limit = kMaxQueryBytes;
        while (limit > 0 && (static_cast<unsigned char>(q[limit]) & 0xC0) == 0x80) --limit;
        // Inside a word: back to the space before it, so that no word is searched cut short
        // (a run with no space keeps what fits).
        if (!is_space(q[limit]))
            for (std::size_t k = limit; k > 0; --k)
                if (is_space(q[k - 1])) { limit = k - 1; break; }
        messages.push_back({MessageId::truncated, {std::to_string(limit)}});
    }
    bool control = false;
    for (char c : q.substr(0, limit)) {
        const bool is_control = static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
        control |= is_control && !is_space(c);  // a tab or a line break is a space anyway
        s += is_control ? ' ' : c;
    }
    if (control) messages.push_back({MessageId::control_characters, {}});
    return s;
}

}  // namespace

ParsedQuery parse_query(std::string_view raw, bool typing) {
    ParsedQuery out;
    const std::string q = sanitize(raw, out.messages);
    const std::size_t n = q.size();
    std::size_t i = 0;
    bool join_next = false;      // the previous item was followed by OR
    bool pending_text = false;   // the last clause is a run of plain words that may grow
    bool after_filter = false;   // the previous item was a filter
    bool or_after_filter = false;  // … followed by OR (filters of one field join anyway)
    bool open_phrase = false;    // the last clause is a phrase whose quote is never closed
    Field last_field = Field::none;  // the previous filter's
    // OR next to a filter: nothing to join but another filter of its field (whose values join
    // anyway); filters of two fields both apply.
    auto filter_met = [&](Field field) {
        if (join_next) out.messages.push_back({MessageId::or_filter, {}});
        else if (or_after_filter && field != last_field) out.messages.push_back({MessageId::or_fields, {}});
        join_next = or_after_filter = false;
        after_filter = true;
        pending_text = false;
        last_field = field;
    };
    auto words_met = [&] {
        if (or_after_filter) out.messages.push_back({MessageId::or_filter, {}});
        or_after_filter = after_filter = false;
    };

    auto add = [&](QueryPart part, bool negated) {
        const bool plain = part.kind == QueryPart::Kind::text && !part.prefix && !part.title_only && !negated;
        if (join_next && !out.clauses.empty() && !out.clauses.back().negated) {
            out.clauses.back().any.push_back(std::move(part));
            join_next = false;
            pending_text = false;
            return;
        }
        join_next = false;
        if (plain && pending_text) {  // "26 000", "Royaume Uni": plain words are analyzed together
            out.clauses.back().any.back().text += " " + part.text;
            return;
        }
        out.clauses.push_back(QueryClause{{std::move(part)}, negated});
        pending_text = plain;
    };

    bool last_country = false;  // the last item was a country filter
    bool not_next = false;      // NOT came before this item
    // The last clause, a phrase alone, whose last word is a prefix ("agence de pres*", or a
    // phrase being typed): the phrase with that word as a prefix, which must follow the others
    // there; one word alone is a prefix.
    auto phrase_prefix = [&] {
        QueryClause& last = out.clauses.back();
        QueryPart& part = last.any.back();
        if (part.kind != QueryPart::Kind::phrase || last.any.size() != 1 || last.negated) return;
        while (!part.text.empty() && (part.text.back() == '*' || is_space(part.text.back()))) part.text.pop_back();
        const std::size_t from = part.text.find_first_not_of(" \t");
        if (from == std::string::npos) return;
        part.prefix = true;
        if (part.text.find_first_of(" \t", from) == std::string::npos) {
            part.kind = QueryPart::Kind::text;
            part.text.erase(0, from);
        }
    };

    while (i < n) {
        while (i < n && is_space(q[i])) ++i;
        if (i >= n) break;
        last_country = false;
        bool negated = false;
        if (q[i] == '-') {
            if (i + 1 >= n || is_space(q[i + 1])) {
                out.messages.push_back({MessageId::lone_minus, {}});
                ++i;
                continue;
            }
            negated = true;
            ++i;
        }
        if (not_next) {  // NOT before this item
            negated = true;
            not_next = false;
        }
        if (q[i] == '"') {
            std::size_t close = q.find('"', i + 1);
            const bool open = close == std::string::npos;
            // While typing, a phrase not closed yet is not a mistake: its last word is a prefix.
            if (open && !typing) out.messages.push_back({MessageId::open_quote_phrase, {}});
            if (open) close = n;
            QueryPart p{QueryPart::Kind::phrase, q.substr(i + 1, close - i - 1)};
            i = close + 1;
            if (p.text.find_first_not_of(" \t") == std::string::npos) continue;
            words_met();
            pending_text = false;
            // "agence de pres*", its quote closed or not
            const bool ends_in_prefix = p.text[p.text.find_last_not_of(" \t")] == '*';
            add(std::move(p), negated);
            pending_text = false;
            open_phrase = open;
            if (ends_in_prefix) phrase_prefix();
            continue;
        }
        open_phrase = false;
        std::size_t end = i;
        while (end < n && !is_space(q[end])) ++end;
        std::string item = q.substr(i, end - i);
        i = end;

        // AND says what a space says; NOT what a minus says (before the next item).
        if (!negated && (item == "AND" || item == "&&")) continue;
        if (!negated && item == "NOT") {
            not_next = true;
            continue;
        }
        if (!negated && (item == "OR" || item == "OU" || item == "|")) {
            if (after_filter) or_after_filter = true;
            else if (out.clauses.empty()) out.messages.push_back({MessageId::leading_or, {item}});
            else join_next = true;
            pending_text = false;
            continue;
        }

        const std::size_t colon = item.find(':');
        if (colon != std::string::npos && colon > 0 && names_a_field(item, colon)) {
            const Field field = field_of(item.substr(0, colon));
            std::string value = item.substr(colon + 1);
            if (field != Field::unknown && !value.empty() && value[0] == '"') {  // titre:"Etat islamique"
                const std::size_t from = end - item.size() + colon + 2;
                std::size_t close = q.find('"', from);
                if (close == std::string::npos) {
                    out.messages.push_back({MessageId::open_quote_value, {}});
                    close = n;
                }
                value = q.substr(from, close - from);
                i = std::min(n, close + 1);
            }
            if (field == Field::unknown) {
                out.messages.push_back({MessageId::unknown_field, {item.substr(0, colon)}});
                for (char& c : item) if (c == ':') c = ' ';
            } else if (value.empty()) {
                out.messages.push_back({MessageId::empty_filter, {item.substr(0, colon + 1)}});
                continue;
            } else if (field == Field::title) {
                words_met();
                QueryPart p;
                p.kind = value.find(' ') != std::string::npos ? QueryPart::Kind::phrase : QueryPart::Kind::text;
                p.text = value;
                p.title_only = true;
                if (!value.empty() && value.back() == '*') { p.prefix = true; p.text.pop_back(); }
                add(std::move(p), negated);
                continue;
            } else if (negated) {
                out.messages.push_back({MessageId::negated_filter, {item}});
                continue;
            } else if (field == Field::country) {
                filter_met(field);
                out.filters.countries.push_back(value);
                last_country = true;
                continue;
            } else if (field == Field::source) {
                filter_met(field);
                out.filters.sources.push_back(value);
                continue;
            } else {  // year: 2019, 2018..2019, 2018-2019
                filter_met(field);
                int a = 0, b = 0;
                const std::size_t dots = value.find("..");
                const std::size_t dash = value.find('-');
                bool ok = false;
                if (dots != std::string::npos)
                    ok = (dots == 0 || parse_year(value.substr(0, dots), a)) &&
                         (dots + 2 == value.size() || parse_year(value.substr(dots + 2), b));
                else if (dash != std::string::npos)
                    ok = parse_year(value.substr(0, dash), a) && parse_year(value.substr(dash + 1), b);
                else if (parse_year(value, a)) { b = a; ok = true; }
                if (!ok) {  // (not yet, while its digits are being typed: année:201)
                    if (!(typing && i >= n && !is_space(q[n - 1]))) out.messages.push_back({MessageId::bad_year, {value}});
                    continue;
                }
                if (a && b && a > b) {
                    std::swap(a, b);
                    out.messages.push_back({MessageId::reversed_years, {value}});
                }
                out.filters.years.push_back({a, b});
                continue;
            }
        }
        words_met();

        QueryPart p{QueryPart::Kind::text, item};
        if (p.text.size() > 1 && p.text.back() == '*') {
            p.text.pop_back();
            p.prefix = true;
        } else if (p.text == "*") {
            continue;
        }
        add(std::move(p), negated);
    }
    if (join_next || or_after_filter) out.messages.push_back({MessageId::trailing_or, {}});

    // Search-as-you-type: a country being typed is a prefix of its name ("pays:Espa").
    if (typing && last_country && n > 0 && !is_space(q[n - 1]))
        out.filters.country_typed = static_cast<int>(out.filters.countries.size()) - 1;
    // Search-as-you-type: the word being typed is also a prefix, in a phrase not closed yet too
    // (the words before it stay the phrase, "agence de pre" → "agence de" and pre*).
    if (typing && n > 0 && !is_space(q[n - 1]) && q[n - 1] != '"' && !out.clauses.empty()) {
        QueryClause& last = out.clauses.back();
        QueryPart& part = last.any.back();
        if (open_phrase) {
            phrase_prefix();
        } else if (part.kind == QueryPart::Kind::text && !part.prefix && !last.negated) {
            // Only the last word of the run becomes a prefix; the others stay whole words.
            auto [space, tail_text] = typed_tail(part.text);
            if (space == std::string::npos) {
                part.text = tail_text;
                part.prefix = true;
            } else {
                QueryPart tail{QueryPart::Kind::text, tail_text};
                tail.prefix = true;
                part.text.resize(space);
                out.clauses.push_back(QueryClause{{std::move(tail)}, false});
            }
        }
    }

    // A part said twice in one OR, or a clause said twice, adds nothing but its cost: each is
    // matched on its own (170 × "e* OR" took seconds), so only the first is kept.
    auto same_part = [](const QueryPart& a, const QueryPart& b) {
        return a.kind == b.kind && a.text == b.text && a.prefix == b.prefix && a.title_only == b.title_only;
    };
    auto same_clause = [&](const QueryClause& a, const QueryClause& b) {
        return a.negated == b.negated && std::equal(a.any.begin(), a.any.end(), b.any.begin(), b.any.end(), same_part);
    };
    std::vector<QueryClause> kept;
    for (QueryClause& c : out.clauses) {
        std::vector<QueryPart> parts;
        for (QueryPart& part : c.any)
            if (std::none_of(parts.begin(), parts.end(), [&](const QueryPart& k) { return same_part(k, part); }))
                parts.push_back(std::move(part));
        c.any = std::move(parts);
        if (std::none_of(kept.begin(), kept.end(), [&](const QueryClause& k) { return same_clause(k, c); })) kept.push_back(std::move(c));
    }
    out.clauses = std::move(kept);
    // At most kMaxWords words, in the order typed: the part (a run of words or a phrase) that
    // reaches it ends there, and what follows is left out.
    std::size_t words = 0;
    bool cut = false;
    for (std::size_t c = 0; c < out.clauses.size() && !cut; ++c) {
        std::vector<QueryPart>& any = out.clauses[c].any;
        for (std::size_t k = 0; k < any.size() && !cut; ++k) {
            QueryPart& part = any[k];
            for (std::size_t at = part.text.find_first_not_of(" \t"); at != std::string::npos;
                 at = part.text.find_first_not_of(" \t", at)) {
                if (words == kMaxWords) {  // a word too many, inside this part
                    part.text.resize(part.text.find_last_not_of(" \t", at - 1) + 1);
                    part.prefix = false;  // the prefix was its last word
                    cut = true;
                    break;
                }
                ++words;
                at = part.text.find_first_of(" \t", at);
                if (at == std::string::npos) break;
            }
            if (cut || (words == kMaxWords && (k + 1 < any.size() || c + 1 < out.clauses.size()))) {
                cut = true;
                any.resize(k + 1);
                out.clauses.resize(c + 1);
            }
        }
    }
    if (cut) out.messages.push_back({MessageId::too_many_words, {std::to_string(kMaxWords)}});
    // A note said twice ("OR OR OR amaq") is said once.
    std::vector<Message> notes;
    for (Message& m : out.messages)
        if (std::none_of(notes.begin(), notes.end(), [&](const Message& k) { return k.id == m.id && k.args == m.args; }))
            notes.push_back(std::move(m));
    out.messages = std::move(notes);
    return out;
}

}  // namespace vigie::index
