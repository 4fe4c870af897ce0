// FlexSearch 0.8 Document index with its French language pack (flexsearch/lang/fr: elision
// and contraction rewriting, French stop words, a suffix stemmer) on the Normalize charset
// (lowercase, accent folding, letter deduplication). One indexed field, title + text, because
// FlexSearch intersects the words of a query field by field: with two fields a document with
// one word in its title and the other in its text would never match. tokenize "forward"
// indexes every prefix of every word, the only way to answer terr*, at the cost of memory; it
// also makes every query word a prefix. Stored fields: title, date, source.
// Cannot: phrase search (context search only ranks by proximity); no edit-distance typos
// (the charset's normalisation is all the fuzziness there is); numbers are cut into 3-digit
// groups; FlexSearch returns at most `limit` ids, so it does not report a total.
import { Document, Encoder, Charset } from 'flexsearch';
import FrenchPreset from 'flexsearch/lang/fr';
import { packageVersion } from './common.mjs';

function makeIndex() {
  return new Document({
    tokenize: 'forward',
    encoder: new Encoder(Charset.Normalize, FrenchPreset),
    document: {
      id: 'id',
      index: [{ field: 'content', custom: (d) => `${d.title ?? ''}\n${d.text}` }],
      store: ['title', 'date', 'source'],
    },
  });
}

class FlexSearchEngine {
  constructor(index) { this.index = index ?? makeIndex(); }
  build(docs) { for (const d of docs) this.index.add(d); }
  search(query, limit) {
    const res = this.index.search(query.terms.join(' '), { limit });
    const ids = res.length ? res[0].result : [];
    return { ids, total: null };
  }
  save() {
    const parts = {};
    this.index.export((key, data) => { parts[key] = data; });
    return Buffer.from(JSON.stringify(parts), 'utf8');
  }
  static load(buf) {
    const index = makeIndex();
    for (const [key, data] of Object.entries(JSON.parse(buf.toString('utf8')))) index.import(key, data);
    return new FlexSearchEngine(index);
  }
}

export default {
  name: 'flexsearch',
  version: packageVersion('flexsearch'),
  config: 'Document, one field title+text, tokenize "forward", encoder Charset.Normalize + flexsearch/lang/fr (elisions, FR stop words, suffix stemmer); store title/date/source',
  cannot: ['phrase: runs as AND of its words', 'typos: no edit distance', 'every word is a prefix (forward)', 'stop words (été) are dropped', 'no total count'],
  serialization: 'Document.export(handler) → one JSON object of its parts / import(key, data)',
  create: async () => new FlexSearchEngine(),
  load: async (buf) => FlexSearchEngine.load(buf),
};
