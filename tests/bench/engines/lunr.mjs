// lunr 2.3 with lunr-languages' French support (lunr.fr: trimmer → Snowball French stop words
// → accent folding → Snowball French stemmer). Elision apostrophes (’ and ') are added to lunr's
// token separator (whitespace and hyphen by default), otherwise l’économie stays one token that
// the stemmer cannot reduce. Title weighs 2× the text. Every query word is required (+word),
// except stop words, which the adapter leaves out of the query (a required word that the index
// dropped would make every query that contains it empty).
// Cannot: phrase search (a phrase runs as all its words); lunr returns every match, unranked
// limits are applied after; typos only when asked (word~1), on the raw word against stemmed
// index terms; the index stores no document fields.
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import lunrFr from 'lunr-languages/lunr.fr.js';
import { fold } from '../lib/french.mjs';
import { packageVersion } from './common.mjs';

stemmerSupport(lunr);
lunrFr(lunr);
lunr.tokenizer.separator = /[\s\-'’]+/;
lunr.QueryLexer.termSeparator = lunr.tokenizer.separator;

// lunr's query syntax gives meaning to these; a word that contains one is escaped.
const escape = (w) => w.replace(/[:^~*+\-\\]/g, '\\$&');

// "États-Unis" → "+États +Unis"; prefix: "+terr*"; fuzzy: "+word~1"; stop words left out.
function toLunrQuery(query) {
  const parts = [];
  for (const term of query.terms) {
    for (let piece of term.split(lunr.tokenizer.separator)) {
      // a required stop word can never match (the index has none): leave it out, as a user would
      if (!piece || !lunr.fr.stopWordFilter(piece.toLowerCase())) continue;
      if (query.mode === 'prefix') piece = fold(piece); // wildcard terms skip the pipeline
      parts.push(`+${escape(piece)}${query.mode === 'prefix' ? '*' : ''}${query.mode === 'fuzzy' ? '~1' : ''}`);
    }
  }
  return parts.join(' ');
}

class LunrEngine {
  constructor(idx) { this.idx = idx; }
  build(docs) {
    this.idx = lunr(function () {
      this.use(lunr.fr);
      this.ref('id');
      this.field('title', { boost: 2 });
      this.field('text');
      for (const d of docs) this.add(d);
    });
  }
  search(query, limit) {
    const q = toLunrQuery(query);
    if (!q) return { ids: [], total: 0 }; // lunr answers an empty query with every document
    let res;
    try {
      res = this.idx.search(q);
    } catch (e) {
      if (e instanceof lunr.QueryParseError) return { ids: [], total: 0, error: e.message };
      throw e;
    }
    const top = res.slice(0, limit);
    return { ids: top.map((r) => r.ref), scores: top.map((r) => r.score), total: res.length };
  }
  save() { return Buffer.from(JSON.stringify(this.idx), 'utf8'); }
}

export default {
  name: 'lunr',
  version: `${packageVersion('lunr')} + lunr-languages ${packageVersion('lunr-languages')}`,
  config: "this.use(lunr.fr) (trimmer, Snowball FR stop words, accent fold, Snowball FR stemmer); separator /[\\s\\-'’]+/ so elisions split; fields title (boost 2) + text; every word required (+w), stop words left out of queries; prefix w*, fuzzy w~1 for those classes",
  cannot: ['phrase: runs as AND of its words', 'typos: only with ~1, unstemmed query vs stemmed index', 'stop words (été) are dropped', 'stores no fields'],
  serialization: 'JSON.stringify(index) / lunr.Index.load(JSON.parse(…))',
  create: async () => new LunrEngine(null),
  load: async (buf) => new LunrEngine(lunr.Index.load(JSON.parse(buf.toString('utf8')))),
};
