// MiniSearch 7 configured for French: its default tokenizer (splits on spaces and punctuation,
// so l’économie / l'économie → l + économie, États-Unis → états + unis), then per term:
// lowercase → Snowball French stop words dropped → Snowball French stemmer (@orama/stemmers,
// MiniSearch ships none) → accent folding. Title weighs 2× the text.
// Cannot: phrase search (a phrase runs as all its words, in any order); typo tolerance only
// when asked per query (fuzzy: 1 edit, applied to the stemmed term).
import MiniSearch from 'minisearch';
import { stemmer } from '@orama/stemmers/french';
import { stopwords } from '@orama/stopwords/french';
import { fold } from '../lib/french.mjs';
import { packageVersion } from './common.mjs';

const STOP = new Set(stopwords);
function processTerm(term) {
  const t = term.toLowerCase();
  return STOP.has(t) ? null : fold(stemmer(t));
}
const OPTIONS = {
  idField: 'id',
  fields: ['title', 'text'],
  storeFields: ['title', 'date', 'source'],
  processTerm,
  searchOptions: { boost: { title: 2 } },
};

class MiniSearchEngine {
  constructor(ms) { this.ms = ms ?? new MiniSearch(OPTIONS); }
  build(docs) { this.ms.addAll(docs); }
  search(query, limit) {
    const res = this.ms.search(query.terms.join(' '), {
      combineWith: 'AND',
      prefix: query.mode === 'prefix',
      fuzzy: query.mode === 'fuzzy' ? 1 : false,
    });
    const top = res.slice(0, limit);
    return { ids: top.map((r) => r.id), scores: top.map((r) => r.score), total: res.length };
  }
  save() { return Buffer.from(JSON.stringify(this.ms), 'utf8'); }
  static load(buf) { return new MiniSearchEngine(MiniSearch.loadJSON(buf.toString('utf8'), OPTIONS)); }
}

export default {
  name: 'minisearch',
  version: packageVersion('minisearch'),
  config: 'fields title (boost 2) + text; default tokenizer; processTerm = lowercase → Snowball FR stop words → Snowball FR stemmer (@orama/stemmers) → accent fold; storeFields title/date/source; AND; prefix/fuzzy (1 edit) switched on for those classes only',
  cannot: ['phrase: runs as AND of its words', 'typos: only with fuzzy on, on stemmed terms', 'stop words (été) are dropped'],
  serialization: 'JSON.stringify(miniSearch) / MiniSearch.loadJSON',
  create: async () => new MiniSearchEngine(),
  load: async (buf) => MiniSearchEngine.load(buf),
};
