// A document of the dossier and the corpus that holds them: what every loader produces and
// every later stage (analyzer, index, extraction, UI) reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace vigie::corpus {

enum class DatePrecision : std::uint8_t { unknown, year, month, day };

// A calendar date known to the day, the month or only the year (press dates often are).
struct Date {
    int year = 0;   // 0 = unknown
    int month = 0;  // 1–12, 0 = unknown
    int day = 0;    // 1–31, 0 = unknown
    int hour = -1;  // -1 = unknown
    int minute = 0;

    DatePrecision precision() const;
    std::string iso() const;     // "2019-11-25", "2019-11", "2019", "" (time left out)
    std::string french() const;  // "25 novembre 2019", "mai 2023", "2018", "" — as French press writes dates

    // ISO 8601: "2019", "2019-11", "2019-11-25", "2019-11-25T12:00" (seconds/zone ignored).
    static std::optional<Date> parse(std::string_view iso);
    // Whether that day exists in the Gregorian calendar (29 February in leap years only).
    static bool exists(int year, int month, int day);
};

// [begin, end) in bytes.
struct ByteRange {
    std::uint32_t begin = 0, end = 0;
};

// The most a document may hold (its title and text; a file's bytes): 16 MiB. Analysing one
// document takes some hundred bytes of memory per word, so past this a single document could
// exhaust a page's memory; what is larger is skipped with a warning.
constexpr std::size_t kMaxArticleBytes = std::size_t(16) << 20;

struct Document {
    std::string id;           // unique in the corpus; a path without extension for files
    std::string title;
    Date date;
    std::string source;       // outlet ("Reuters"); empty when not recorded
    std::string source_note;  // what is known when the outlet is not ("quotidien belge")
    std::string lang;         // BCP 47 ("fr")
    std::string url;
    std::string file;         // where the text came from, as given (relative to the manifest)
    std::string text;         // what is shown and indexed: the original, or its article ranges joined by a blank line
    std::vector<std::string> countries;  // ISO 3166 alpha-3 of the countries it concerns (facets)
    std::string summary;      // a short French summary (curated dossiers)
    std::vector<ByteRange> article;  // curated: the article in the original file, without page furniture

    // Where original byte `at` (inside an article range) is in text; nullopt outside the article.
    std::optional<std::uint32_t> text_offset(std::uint32_t at) const;
};

// A sentence of a document that states a fact: its bytes in the original file (what the
// manifest records and anyone can check) and in the document's text (what the reader shows).
struct Citation {
    std::string document;  // document id
    ByteRange original, text;
    std::string quote;     // the sentence, as written
};

enum class Role : std::uint8_t { lead, participant, support, coordination, arrest, seizure, meeting_member, host };
std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);

// A country taking part in an operation or a meeting, and the sentences that say so.
struct Participation {
    std::string country;  // ISO 3166 alpha-3
    Role role = Role::participant;
    std::vector<Citation> citations;  // at least one
};

// An operation or a meeting the articles report, with its dates as they give them.
struct Operation {
    std::string id, kind, name, summary;  // kind: "operation" or "meeting"
    Date from, to;
    std::string dates_as_written;         // "entre le 21 et le 24 novembre"
    std::optional<Citation> dates_source;
    std::vector<Participation> participants;
};

struct Corpus {
    std::string title;               // the dossier's name
    std::vector<Document> documents;
    std::vector<Operation> operations;  // curated dossiers only
    std::vector<Error> warnings;     // documents skipped or repaired, each naming file and line
};

// Usage:
//   TakenIds taken;
//   for (const std::string& input : inputs) { auto corpus = load_input(input); taken.drop_repeats(*corpus); … }
// Ids stay unique within an input and across the inputs of one command: two documents with one
// id would be two results for one article. The first document keeps its id; a later one is
// skipped with a warning naming its file (and line) and the first's.
class TakenIds {
public:
    // Drops the documents of corpus whose id is taken (by corpus itself or an earlier one) and
    // takes the ids of the others.
    void drop_repeats(Corpus& corpus);

private:
    std::unordered_map<std::string, std::string> first_file_;  // id → the file of its first document
};

}  // namespace vigie::corpus
