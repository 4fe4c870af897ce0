// A document of the dossier and the corpus that holds them: what every loader produces and
// every later stage (analyzer, index, extraction, UI) reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
};

struct Document {
    std::string id;           // unique in the corpus; a path without extension for files
    std::string title;
    Date date;
    std::string source;       // outlet ("Reuters"); empty when not recorded
    std::string source_note;  // what is known when the outlet is not ("quotidien belge")
    std::string lang;         // BCP 47 ("fr")
    std::string url;
    std::string file;         // where the text came from, as given (relative to the manifest)
    std::string text;         // the original text, byte for byte
    std::vector<std::string> countries;  // ISO 3166 alpha-3 of the countries it concerns (facets)
};

struct Corpus {
    std::string title;               // the dossier's name
    std::vector<Document> documents;
    std::vector<Error> warnings;     // documents skipped or repaired, each naming file and line
};

}  // namespace vigie::corpus
