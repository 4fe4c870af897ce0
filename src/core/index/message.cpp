#include "core/index/message.h"

#include <iterator>
#include <string_view>

namespace vigie::index {

namespace {

// Per MessageId, in its order: French, English; {0} and {1} stand for the arguments.
struct Texts { const char* fr; const char* en; };
constexpr Texts kTexts[] = {
    {"Requête tronquée à {0} octets.", "Query cut at {0} bytes."},
    {"« - » seul ignoré : écrivez -mot pour exclure un mot.", "A lone “-” was ignored: write -word to leave a word out."},
    {"Guillemet non fermé : la phrase va jusqu’à la fin de la requête.", "Unclosed quote: the phrase runs to the end of the query."},
    {"« {0} » en début de requête ignoré.", "“{0}” at the start of the query was ignored."},
    {"Guillemet non fermé : la valeur va jusqu’à la fin de la requête.", "Unclosed quote: the value runs to the end of the query."},
    {"Champ inconnu « {0} » : cherché comme texte.", "Unknown field “{0}”: searched as text."},
    {"Filtre « {0} » sans valeur ignoré.", "Filter “{0}” without a value was ignored."},
    {"Un filtre ne peut pas être exclu : « -{0} » ignoré.", "A filter cannot be excluded: “-{0}” was ignored."},
    {"Année « {0} » non comprise (exemples : 2019, 2018..2019).", "Year “{0}” not understood (for example 2019, 2018..2019)."},
    {"« OR » en fin de requête ignoré.", "“OR” at the end of the query was ignored."},
    {"« {0} » introuvable tel quel ; mots proches : {1}.", "“{0}” not found as written; close words: {1}."},
    {"Aucune source ne correspond à « {0} » : filtre ignoré.", "No outlet matches “{0}”: filter ignored."},
    {"Pays « {0} » inconnu : ignoré.", "Unknown country “{0}”: ignored."},
    {"Pays « {0} » absent de ce dossier.", "Country “{0}” is not in this dossier."},
    {"« {0} » ne contient aucun mot cherchable.", "“{0}” holds no searchable word."},
    {"Phrase « {0} » sans mot cherchable ignorée.", "Phrase “{0}” without a searchable word was ignored."},
    {"Aucun article ne contient tous les mots : articles qui en contiennent une partie.",
     "No article holds every word: articles that hold some of them."},
    {"Années « {0} » à l’envers : lues de la plus petite à la plus grande.", "Years “{0}” the wrong way round: read from the smaller to the larger."},
    {"« OR » entre un filtre et des mots ignoré : un filtre vaut pour toute la requête.",
     "“OR” between a filter and words was ignored: a filter holds for the whole query."},
    {"Caractères de contrôle remplacés par des espaces.", "Control characters were replaced by spaces."},
    {"« OR » entre filtres de champs différents ignoré : les deux s’appliquent.",
     "“OR” between filters of different fields was ignored: both apply."},
    {"Requête limitée à ses {0} premiers mots.", "Query limited to its first {0} words."},
};
static_assert(std::size(kTexts) == static_cast<std::size_t>(MessageId::too_many_words) + 1, "one entry per MessageId");

}  // namespace

std::string Message::text(Language language) const {
    const Texts& t = kTexts[static_cast<std::size_t>(id)];
    const std::string_view form = language == Language::fr ? t.fr : t.en;
    std::string out;
    for (std::size_t i = 0; i < form.size(); ++i) {  // one pass: an argument's own braces stay as written
        if (form[i] == '{' && i + 2 < form.size() && form[i + 2] == '}' && (form[i + 1] == '0' || form[i + 1] == '1')) {
            const auto k = static_cast<std::size_t>(form[i + 1] - '0');
            if (k < args.size()) out += args[k];
            i += 2;
        } else {
            out += form[i];
        }
    }
    return out;
}

}  // namespace vigie::index
