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

const kMaxExportDocs = 50000;

class FlexSearchEngine {
  constructor(index) { this.index = index ?? makeIndex(); }
  build(docs) { for (const d of docs) this.index.add(d); this.count = docs.length; }
  search(query, limit) {
    const res = this.index.search(query.terms.join(' '), { limit });
    const ids = res.length ? res[0].result : [];
    return { ids, total: null };
  }
  // Each exported part (FlexSearch hands them over as JSON text already) written as is,
  // length-prefixed: at 100k documents a part is close to V8's longest string, and wrapping
  // them in one more JSON.stringify aborts the process.
  save() {
    // Its own export JSON.stringify's a whole "forward" map: at 100,000 documents that string
    // passes V8's limit and the process aborts (not an exception), so the run stops here.
    if (this.count > kMaxExportDocs) throw new Error(`FlexSearch's export aborts V8 (JSON.stringify of one part) above ${kMaxExportDocs} documents`);
    const chunks = [];
    this.index.export((key, data) => {
      for (const s of [key, typeof data === 'string' ? data : JSON.stringify(data ?? null)]) {
        const bytes = Buffer.from(s, 'utf8');
        const length = Buffer.alloc(4);
        length.writeUInt32LE(bytes.length);
        chunks.push(length, bytes);
      }
    });
    return Buffer.concat(chunks);
  }
  static load(buf) {
    const index = makeIndex();
    for (let at = 0; at < buf.length;) {
      const read = () => { const n = buf.readUInt32LE(at); const s = buf.toString('utf8', at + 4, at + 4 + n); at += 4 + n; return s; };
      const key = read();
      index.import(key, read());
    }
    return new FlexSearchEngine(index);
  }
}

export default {
  name: 'flexsearch',
  version: packageVersion('flexsearch'),
  config: 'Document, one field title+text, tokenize "forward", encoder Charset.Normalize + flexsearch/lang/fr (elisions, FR stop words, suffix stemmer); store title/date/source',
  cannot: ['phrase: runs as AND of its words', 'typos: no edit distance', 'every word is a prefix (forward)', 'stop words (été) are dropped', 'no total count'],
  serialization: 'Document.export(handler) → its parts (JSON text), length-prefixed / import(key, data)',
  create: async () => new FlexSearchEngine(),
  load: async (buf) => FlexSearchEngine.load(buf),
};
