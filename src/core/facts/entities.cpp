#include "core/facts/entities.h"

#include <algorithm>
#include <array>

#include "core/corpus/json.h"
#include "core/data.h"
#include "core/geo/casing.h"
#include "core/geo/extract.h"
#include "core/text/fold.h"

// [SECTION] Index
// - Words: tokens as the matcher sees them
// - EntityList: loading and checking entities.json
// - extract_entities: known aliases longest first, then capitalised candidates

namespace vigie::facts {

namespace {

constexpr std::array<std::string_view, 6> kKinds = {"person", "organisation", "group", "media", "platform", "candidate"};

// [SECTION] Words -----------------------------------------------------------------------------

struct Word {
    std::string key;  // casefolded, accents folded
    std::uint32_t begin, end;
    bool capital, all_caps;
};

std::vector<Word> words_of(std::string_view text, const std::vector<text::Token>& tokens) {
    std::vector<Word> out;
    for (const text::Token& t : tokens) {
        if (t.kind == text::TokenKind::compound) continue;
        const std::string_view s = text.substr(t.begin, t.end - t.begin);
        out.push_back({text::fold_accents(t.exact), t.begin, t.end, geo::starts_with_capital(s), geo::is_all_caps(s)});
    }
    return out;
}

// Between two words of one name: spaces, a hyphen, an apostrophe (the elided article the
// analyzer dropped: "Sûreté de l’État"). Anything else ends it.
bool joined(std::string_view text, const Word& a, const Word& b) {
    if (b.begin - a.end > 6) return false;
    for (std::uint32_t k = a.end; k < b.begin; ++k) {
        const char c = text[k];
        const bool ok = c == ' ' || c == '-' || c == '\'' || c == 'l' || c == 'd' || c == 'L' || c == 'D' ||
                        static_cast<unsigned char>(c) >= 0x80;  // NBSP, ’
        if (!ok) return false;
    }
    return true;
}

}  // namespace

std::string_view to_string(EntityKind k) { return kKinds[static_cast<std::size_t>(k)]; }

// [SECTION] EntityList ------------------------------------------------------------------------

Result<EntityList> EntityList::parse(std::string_view json_text, std::string_view file_name, const text::Analyzer& analyzer) {
    auto root = corpus::parse_json(json_text, file_name);
    if (!root) return root.error();
    const std::string where(file_name);
    const nlohmann::json& j = root.value();
    if (!j.is_object() || !j.contains("entities") || !j["entities"].is_array())
        return Error{where + ": expected an object with an array 'entities'"};
    EntityList list;
    for (std::size_t i = 0; i < j["entities"].size(); ++i) {
        const nlohmann::json& e = j["entities"][i];
        const std::string at = where + ": entities[" + std::to_string(i) + "]";
        if (!e.is_object()) return Error{at + ": expected an object"};
        Entity entity;
        for (auto [key, out] : {std::pair{"id", &entity.id}, {"name", &entity.name}, {"note", &entity.note}}) {
            auto it = e.find(key);
            if (it == e.end()) continue;
            if (!it->is_string()) return Error{at + "." + key + ": must be a string"};
            *out = it->get<std::string>();
        }
        if (entity.id.empty() || entity.name.empty()) return Error{at + ": 'id' and 'name' are required"};
        auto kind_it = e.find("kind");
        const std::string kind = kind_it != e.end() && kind_it->is_string() ? kind_it->get<std::string>() : std::string();
        auto k = std::find(kKinds.begin(), kKinds.end() - 1, kind);
        if (k == kKinds.end() - 1) return Error{at + ".kind: unknown kind '" + kind + "'"};
        entity.kind = static_cast<EntityKind>(k - kKinds.begin());
        auto aliases = e.find("aliases");
        if (aliases == e.end() || !aliases->is_array() || aliases->empty()) return Error{at + ".aliases: a non-empty array is required"};
        for (std::size_t a = 0; a < aliases->size(); ++a) {
            if (!(*aliases)[a].is_string()) return Error{at + ".aliases[" + std::to_string(a) + "]: must be a string"};
            const std::string name = (*aliases)[a].get<std::string>();
            Alias alias;
            alias.entity = static_cast<std::uint32_t>(list.entities_.size());
            for (const text::Token& t : analyzer.analyze(name, text::Analyzer::Terms::later)) {
                if (t.kind == text::TokenKind::compound) continue;
                const std::string_view s = std::string_view(name).substr(t.begin, t.end - t.begin);
                static constexpr std::array<std::string_view, 13> kLinks = {"le", "la", "les", "de", "du", "des", "d", "l",
                                                                            "et", "and", "of", "van", "der"};
                alias.words.push_back(text::fold_accents(t.exact));
                const bool link = std::find(kLinks.begin(), kLinks.end(), alias.words.back()) != kLinks.end();
                alias.cases.push_back(link ? 0 : geo::is_all_caps(s) && s.size() > 1 ? 2 : geo::starts_with_capital(s) ? 1 : 0);
            }
            if (alias.words.empty()) return Error{at + ".aliases[" + std::to_string(a) + "]: no word in '" + name + "'"};
            list.by_first_word_[alias.words.front()].push_back(std::move(alias));
        }
        list.entities_.push_back(std::move(entity));
    }
    for (auto& [key, aliases] : list.by_first_word_)
        std::stable_sort(aliases.begin(), aliases.end(), [](const Alias& a, const Alias& b) { return a.words.size() > b.words.size(); });
    return list;
}

Result<EntityList> EntityList::builtin(const text::Analyzer& analyzer) {
    return parse(data::entities_json(), "assets/gazetteer/entities.json", analyzer);
}

const std::vector<EntityList::Alias>* EntityList::starting_with(const std::string& key) const {
    auto it = by_first_word_.find(key);
    return it == by_first_word_.end() ? nullptr : &it->second;
}

// [SECTION] extract_entities ------------------------------------------------------------------

std::vector<EntityMentions> extract_entities(const text::Analyzer& analyzer, const EntityList& list, std::string_view text,
                                             const geo::Gazetteer* places) {
    return extract_entities(analyzer, list, text, analyzer.analyze(text, text::Analyzer::Terms::later), places);
}

std::vector<EntityMentions> extract_entities(const text::Analyzer& analyzer, const EntityList& list, std::string_view text,
                                             const std::vector<text::Token>& tokens, const geo::Gazetteer* places) {
    const std::vector<Word> words = words_of(text, tokens);
    auto surface = [&](std::size_t first, std::size_t last) {
        return EntityMention{std::string(text.substr(words[first].begin, words[last].end - words[first].begin)),
                             {words[first].begin, words[last].end}};
    };
    std::vector<EntityMentions> known(list.entities().size());
    std::vector<bool> taken(words.size(), false);

    for (std::size_t i = 0; i < words.size();) {
        std::size_t length = 0;
        if (const auto* aliases = list.starting_with(words[i].key))
            for (const EntityList::Alias& a : *aliases) {
                const std::size_t n = a.words.size();
                if (i + n > words.size()) continue;
                bool ok = true;
                for (std::size_t k = 0; k < n && ok; ++k) {
                    const Word& w = words[i + k];
                    ok = w.key == a.words[k] && (k == 0 || joined(text, words[i + k - 1], w)) &&
                         (a.cases[k] == 0 || (a.cases[k] == 1 ? w.capital : w.all_caps));
                }
                if (!ok) continue;
                length = n;
                known[a.entity].mentions.push_back(surface(i, i + n - 1));
                break;
            }
        for (std::size_t k = i; k < i + length; ++k) taken[k] = true;
        i += length ? length : 1;
    }

    // Candidates: runs of capitalised words (particles allowed inside) not taken above.
    static constexpr std::array<std::string_view, 10> kParticles = {"de", "du", "des", "van", "von", "der", "den", "al", "el", "ben"};
    static constexpr std::array<std::string_view, 44> kNotNames = {
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "ce", "cette", "ces", "selon", "pour", "dans", "sur",
        "par", "mais", "et", "il", "elle", "ils", "elles", "nous", "on", "en", "au", "aux", "depuis", "lors", "apres",
        "avant", "pourtant", "autre", "son", "sa", "ses", "leur", "cela", "c'est", "si", "tuez", "est-ce", "quatre"};
    auto is = [](const auto& set, const std::string& key) { return std::find(set.begin(), set.end(), key) != set.end(); };
    std::vector<EntityMentions> candidates;
    for (std::size_t i = 0; i < words.size();) {
        if (taken[i] || !words[i].capital || is(kNotNames, words[i].key)) { ++i; continue; }
        std::size_t last = i, names = 1;
        bool all_caps = words[i].all_caps;
        for (std::size_t k = i + 1; k < words.size() && !taken[k] && joined(text, words[k - 1], words[k]); ++k) {
            if (words[k].capital) { last = k; ++names; all_caps &= words[k].all_caps; }
            else if (!is(kParticles, words[k].key)) break;
        }
        if (names >= 2 && !all_caps) {
            EntityMention m = surface(i, last);
            bool place = false;
            if (places)
                for (const auto& c : geo::extract_countries(analyzer, *places, m.surface))
                    for (const auto& pm : c.mentions) place |= pm.begin == 0 && pm.end == m.surface.size();
            if (!place) {
                std::string id = "?";
                for (std::size_t k = i; k <= last; ++k) id += (k > i ? " " : "") + words[k].key;
                auto it = std::find_if(candidates.begin(), candidates.end(), [&](const EntityMentions& e) { return e.id == id; });
                if (it == candidates.end()) {
                    candidates.push_back({id, m.surface, EntityKind::candidate, {}});
                    it = candidates.end() - 1;
                }
                it->mentions.push_back(std::move(m));
            }
        }
        i = last + 1;
    }

    std::vector<EntityMentions> out;
    for (std::size_t e = 0; e < known.size(); ++e)
        if (!known[e].mentions.empty()) {
            const Entity& entity = list.entities()[e];
            out.push_back({entity.id, entity.name, entity.kind, std::move(known[e].mentions)});
        }
    std::stable_sort(out.begin(), out.end(), [](const EntityMentions& a, const EntityMentions& b) { return a.mentions.size() > b.mentions.size(); });
    for (auto& c : candidates) out.push_back(std::move(c));
    return out;
}

}  // namespace vigie::facts
