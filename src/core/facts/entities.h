// People and organisations an article names: a curated list (assets/gazetteer/entities.json:
// Europol, Eurojust, the OCAM, Amaq, the Islamic State under its names, the persons quoted…)
// matched longest first, and sequences of capitalised words it does not know, as candidates.
// An alias's capitalised words must be capitalised in the text ("Monde" the paper, not "le
// monde"), its all-capital words in capitals ("EI", not the word "ei"); articles and particles
// ("Le", "van der") may be written either way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/corpus/document.h"
#include "core/result.h"
#include "core/text/analyzer.h"

namespace vigie::geo { class Gazetteer; }

namespace vigie::facts {

enum class EntityKind : std::uint8_t { person, organisation, group, media, platform, candidate };
std::string_view to_string(EntityKind k);

struct Entity {
    std::string id, name, note;  // note: what the articles say it is
    EntityKind kind = EntityKind::organisation;
};

struct EntityMention {
    std::string surface;      // as written
    corpus::ByteRange range;  // in the text
};

struct EntityMentions {
    std::string id;           // the list's id, or "?" + the candidate's words
    std::string name;         // the list's name, or the candidate as first written
    EntityKind kind = EntityKind::candidate;
    std::vector<EntityMention> mentions;  // in text order
};

// Usage:
//   auto list = EntityList::builtin(analyzer);
//   for (const EntityMentions& e : extract_entities(analyzer, *list, doc.text, &gazetteer)) show(e.name, e.mentions.size());
class EntityList {
public:
    static Result<EntityList> parse(std::string_view json_text, std::string_view file_name, const text::Analyzer& analyzer);
    static Result<EntityList> builtin(const text::Analyzer& analyzer);  // the one compiled in
    const std::vector<Entity>& entities() const { return entities_; }

    struct Alias {
        std::vector<std::string> words;   // folded keys
        std::vector<std::uint8_t> cases;  // per word: 0 any, 1 capitalised, 2 all capitals
        std::uint32_t entity = 0;
    };
    const std::vector<Alias>* starting_with(const std::string& key) const;  // longest first

private:
    std::vector<Entity> entities_;
    std::unordered_map<std::string, std::vector<Alias>> by_first_word_;
};

// Known entities first (most mentioned first), then candidates: two or more capitalised words in
// a row ("Annelies Verlinden", "Petit Château") that are no known entity and, with a gazetteer,
// no place. Sentence-initial function words ("Selon", "Les") and all-capital headings are not
// names.
std::vector<EntityMentions> extract_entities(const text::Analyzer& analyzer, const EntityList& list, std::string_view text,
                                             const geo::Gazetteer* places = nullptr);

// The same on tokens the caller already has: tokens must be analyzer.analyze(text) (terms unused;
// the analyzer still checks candidates against the places).
std::vector<EntityMentions> extract_entities(const text::Analyzer& analyzer, const EntityList& list, std::string_view text,
                                             const std::vector<text::Token>& tokens, const geo::Gazetteer* places);

}  // namespace vigie::facts
