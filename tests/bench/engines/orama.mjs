// Orama 3 with its French tokenizer (language "french": splits on anything but French letters,
// digits and hyphen, so elisions split and États-Unis stays one token), Snowball French
// stemmer (@orama/stemmers/french) and stop words (@orama/stopwords/french); Orama folds
// accents after stemming. Title weighs 2× the text; source is an enum (facets); all words
// required (threshold 0); tolerance 1 for the fuzzy class.
// Cannot: phrase search; exact word matching without breaking accents: Orama matches every
// query word as a prefix unless `exact: true`, which then filters with a case-sensitive
// regular expression over the raw text (so économie ≠ Économie), hence left off. The saved
// index holds the whole inserted documents: Orama's store keeps them.
import { create, insertMultiple, search, save, load } from '@orama/orama';
import { stemmer } from '@orama/stemmers/french';
import { stopwords } from '@orama/stopwords/french';
import { packageVersion } from './common.mjs';

function makeDb() {
  return create({
    schema: { title: 'string', text: 'string', source: 'enum' },
    components: { tokenizer: { language: 'french', stemming: true, stemmer, stopWords: stopwords } },
  });
}

class OramaEngine {
  constructor(db) { this.db = db ?? makeDb(); }
  build(docs) {
    const r = insertMultiple(this.db, docs, 1000);
    if (r && typeof r.then === 'function') return r;
  }
  search(query, limit) {
    const res = search(this.db, {
      term: query.terms.join(' '),
      properties: ['title', 'text'],
      boost: { title: 2 },
      limit,
      threshold: 0,
      tolerance: query.mode === 'fuzzy' ? 1 : 0,
    });
    return { ids: res.hits.map((h) => h.id), scores: res.hits.map((h) => h.score), total: res.count };
  }
  save() { return Buffer.from(JSON.stringify(save(this.db)), 'utf8'); }
  static load(buf) {
    const db = makeDb();
    load(db, JSON.parse(buf.toString('utf8')));
    return new OramaEngine(db);
  }
}

export default {
  name: 'orama',
  version: packageVersion('@orama/orama'),
  config: 'language "french" tokenizer, Snowball FR stemmer (@orama/stemmers) + stop words (@orama/stopwords), accent fold; schema title/text string + source enum; boost title 2; threshold 0 (AND); tolerance 1 for fuzzy',
  cannot: ['phrase: runs as AND of its words', 'every word is a prefix (exact:true breaks accent folding)', 'typos: only with tolerance on', 'stop words (été) are dropped', 'saved index holds the documents'],
  serialization: 'JSON.stringify(save(db)) / load(create(…), JSON.parse(…))',
  create: async () => new OramaEngine(),
  load: async (buf) => OramaEngine.load(buf),
};
