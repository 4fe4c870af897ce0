#include "core/index/message.h"

namespace vigie::index {

std::string Message::text(Language language) const {
    auto arg = [&](std::size_t i) { return i < args.size() ? args[i] : std::string(); };
    const bool fr = language == Language::fr;
    switch (id) {
        case MessageId::truncated:
            return fr ? "Requête tronquée à " + arg(0) + " octets." : "Query cut at " + arg(0) + " bytes.";
        case MessageId::lone_minus:
            return fr ? "« - » seul ignoré : écrivez -mot pour exclure un mot."
                      : "A lone “-” was ignored: write -word to leave a word out.";
        case MessageId::open_quote_phrase:
            return fr ? "Guillemet non fermé : la phrase va jusqu’à la fin de la requête."
                      : "Unclosed quote: the phrase runs to the end of the query.";
        case MessageId::leading_or:
            return fr ? "« " + arg(0) + " » en début de requête ignoré." : "“" + arg(0) + "” at the start of the query was ignored.";
        case MessageId::open_quote_value:
            return fr ? "Guillemet non fermé : la valeur va jusqu’à la fin de la requête."
                      : "Unclosed quote: the value runs to the end of the query.";
        case MessageId::unknown_field:
            return fr ? "Champ inconnu « " + arg(0) + " » : cherché comme texte." : "Unknown field “" + arg(0) + "”: searched as text.";
        case MessageId::empty_filter:
            return fr ? "Filtre « " + arg(0) + " » sans valeur ignoré." : "Filter “" + arg(0) + "” without a value was ignored.";
        case MessageId::negated_filter:
            return fr ? "Un filtre ne peut pas être exclu : « -" + arg(0) + " » ignoré."
                      : "A filter cannot be excluded: “-" + arg(0) + "” was ignored.";
        case MessageId::bad_year:
            return fr ? "Année « " + arg(0) + " » non comprise (exemples : 2019, 2018..2019)."
                      : "Year “" + arg(0) + "” not understood (for example 2019, 2018..2019).";
        case MessageId::trailing_or:
            return fr ? "« OR » en fin de requête ignoré." : "“OR” at the end of the query was ignored.";
        case MessageId::typo:
            return fr ? "« " + arg(0) + " » introuvable tel quel ; mots proches : " + arg(1) + "."
                      : "“" + arg(0) + "” not found as written; close words: " + arg(1) + ".";
        case MessageId::unknown_source:
            return fr ? "Aucune source ne correspond à « " + arg(0) + " »." : "No outlet matches “" + arg(0) + "”.";
        case MessageId::unknown_country:
            return fr ? "Pays « " + arg(0) + " » inconnu." : "Unknown country “" + arg(0) + "”.";
        case MessageId::absent_country:
            return fr ? "Pays « " + arg(0) + " » absent de ce dossier." : "Country “" + arg(0) + "” is not in this dossier.";
        case MessageId::no_words:
            return fr ? "« " + arg(0) + " » ne contient aucun mot cherchable." : "“" + arg(0) + "” holds no searchable word.";
        case MessageId::empty_phrase:
            return fr ? "Phrase « " + arg(0) + " » sans mot cherchable ignorée." : "Phrase “" + arg(0) + "” without a searchable word was ignored.";
        case MessageId::partial:
            return fr ? "Aucun article ne contient tous les mots : articles qui en contiennent une partie."
                      : "No article holds every word: articles that hold some of them.";
    }
    return {};
}

}  // namespace vigie::index
