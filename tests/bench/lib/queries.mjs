// Query sets derived from a corpus's own statistics, one list per query class, so every tier
// is measured on queries that mean something for its documents. Deterministic: the corpus
// and the seed fix the queries.
//
// A query is {class, q, mode, terms, …}: `q` is Vigie's query syntax (DESIGN.md §5), `mode`
// and `terms` tell the peers what to do with it ("terms" = all words, AND; "phrase"; "prefix";
// "fuzzy" = one typo), since each has its own syntax or options for these.
import fs from 'node:fs';
import path from 'node:path';
import { createRng } from './prng.mjs';
import { STOPWORDS, fold, words } from './french.mjs';
import { readDocs, BENCH_DIR } from './jsonl.mjs';

export const CLASSES = ['common', 'mid', 'rare', 'and2', 'phrase', 'prefix', 'fuzzy', 'nohit'];

export const CLASS_HELP = {
  common: 'one word in 10–30 % of the documents (the 50 most frequent under 30 % when fewer)',
  mid: 'one word in 0.5–3 % of the documents (at least 5)',
  rare: 'one word in 2–5 documents',
  and2: 'two words taken from the same document (AND)',
  phrase: '2–3 consecutive words of a document, as "a phrase"',
  prefix: 'a 4-letter prefix, terr*',
  fuzzy: 'a word of 6+ letters with one letter changed',
  nohit: 'a made-up word, at least 2 edits from any word of the corpus',
};

const isQueryWord = (w) => w.length >= 3 && !STOPWORDS.has(w) && /^\p{L}+$/u.test(w);
const SAMPLE_DOCS = 3000;
const MIN_COMMON = 50; // reservoir of whole documents for two-word and phrase queries

// Reads the corpus once: document frequencies, the documents of rare words, a reservoir sample.
async function corpusStats(file, limit, rng) {
  const df = new Map();
  const rareDocs = new Map(); // word → ids while df ≤ 5
  const sample = [];
  let n = 0;
  for await (const doc of readDocs(file, limit)) {
    const seen = new Set();
    for (const [w] of words(`${doc.title ?? ''}\n${doc.text}`)) seen.add(w);
    for (const w of seen) {
      const c = (df.get(w) ?? 0) + 1;
      df.set(w, c);
      if (c <= 5) { const ids = rareDocs.get(w); if (ids) ids.push(doc.id); else rareDocs.set(w, [doc.id]); }
      else if (c === 6) rareDocs.delete(w);
    }
    // reservoir sampling (Algorithm R): a uniform sample whatever the corpus size
    if (sample.length < SAMPLE_DOCS) sample.push(doc);
    else { const j = rng.int(n + 1); if (j < SAMPLE_DOCS) sample[j] = doc; }
    n++;
  }
  return { df, rareDocs, sample, n };
}

// [SECTION] Query classes

function byFrequency(stats, rng, count, lo, hi, cls) {
  let cands = [];
  for (const [w, c] of stats.df) if (isQueryWord(w) && c >= lo && c <= hi) cands.push(w);
  if (cls === 'common' && cands.length < MIN_COMMON) {
    // Short documents (the blocks tier) have few words in 10 % of them: take the most frequent
    // words under the upper bound instead; the file records the document-frequency range used.
    cands = [...stats.df].filter(([w, c]) => isQueryWord(w) && c <= hi)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MIN_COMMON).map(([w]) => w);
  }
  cands.sort();
  return rng.sample(cands, count).map((w) => {
    const q = { class: cls, q: w, mode: 'terms', terms: [w], df: stats.df.get(w) };
    if (cls === 'rare') q.docs = stats.rareDocs.get(w);
    return q;
  });
}

function twoWords(stats, rng, count) {
  const { df, n } = stats;
  const out = [];
  for (const doc of rng.sample(stats.sample, stats.sample.length)) {
    if (out.length >= count) break;
    const ws = [...new Set([...words(doc.text)].map(([w]) => w))]
      .filter((w) => isQueryWord(w) && df.get(w) >= 3 && df.get(w) <= 0.3 * n);
    if (ws.length < 2) continue;
    const [a, b] = rng.sample(ws, 2);
    out.push({ class: 'and2', q: `${a} ${b}`, mode: 'terms', terms: [a, b], doc: doc.id });
  }
  return out;
}

function phrases(stats, rng, count) {
  const out = [];
  for (const doc of rng.sample(stats.sample, stats.sample.length)) {
    if (out.length >= count) break;
    const k = rng.chance(0.5) ? 2 : 3;
    const toks = [...words(doc.text)];
    const starts = [];
    for (let i = 0; i + k <= toks.length; i++) {
      let ok = true;
      for (let j = i; j < i + k && ok; j++) {
        ok = isQueryWord(toks[j][0]) && (j === i || doc.text.slice(toks[j - 1][2], toks[j][1]) === ' ');
      }
      // not the tail or head of a larger token (d’abord, États-Unis, 3D)
      const before = doc.text[toks[i][1] - 1] ?? ' ', after = doc.text[toks[i + k - 1]?.[2]] ?? ' ';
      if (ok && (/['’\p{L}\p{N}-]/u.test(before) || /['’\p{L}\p{N}-]/u.test(after))) ok = false;
      if (ok) starts.push(i);
    }
    if (!starts.length) continue;
    const i = rng.pick(starts);
    const terms = toks.slice(i, i + k).map(([w]) => w);
    out.push({ class: 'phrase', q: `"${terms.join(' ')}"`, mode: 'phrase', terms, doc: doc.id });
  }
  return out;
}

function prefixes(stats, rng, count) {
  const groups = new Map(); // prefix → [distinct words, total df]
  for (const [w, c] of stats.df) {
    if (!isQueryWord(w) || w.length < 6) continue;
    const p = w.slice(0, 4);
    const g = groups.get(p) ?? [0, 0];
    g[0]++; g[1] += c;
    groups.set(p, g);
  }
  const minDf = Math.max(3, Math.round(stats.n * 0.001));
  const cands = [...groups].filter(([p, [k, c]]) => k >= 3 && c >= minDf && !STOPWORDS.has(p)).map(([p]) => p).sort();
  return rng.sample(cands, count).map((p) => ({ class: 'prefix', q: `${p}*`, mode: 'prefix', terms: [p] }));
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function typos(stats, rng, count, folded) {
  const cands = [];
  for (const [w, c] of stats.df) if (isQueryWord(w) && w.length >= 6 && c >= 3 && c <= 0.3 * stats.n) cands.push(w);
  cands.sort();
  const out = [];
  for (const w of rng.sample(cands, cands.length)) {
    if (out.length >= count) break;
    for (let tries = 0; tries < 10; tries++) {
      const p = rng.range(1, w.length - 2); // keep the first and last letters, as most typos do
      const ch = LETTERS[rng.int(LETTERS.length)];
      if (ch === fold(w[p])) continue;
      const typo = w.slice(0, p) + ch + w.slice(p + 1);
      if (folded.has(fold(typo))) continue; // a real word is not a typo
      out.push({ class: 'fuzzy', q: typo, mode: 'fuzzy', terms: [typo], target: w, df: stats.df.get(w) });
      break;
    }
  }
  return out;
}

// Every string at one edit (insertion, deletion, substitution) from w over a–z.
function* oneEdit(w) {
  for (let i = 0; i <= w.length; i++) {
    if (i < w.length) yield w.slice(0, i) + w.slice(i + 1);
    for (const c of LETTERS) {
      yield w.slice(0, i) + c + w.slice(i);
      if (i < w.length) yield w.slice(0, i) + c + w.slice(i + 1);
    }
  }
}

function madeUp(stats, rng, count, folded) {
  const sorted = [...folded].sort();
  const hasPrefix = (p) => { // any corpus word starting with p?
    let lo = 0, hi = sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < p) lo = mid + 1; else hi = mid; }
    return lo < sorted.length && sorted[lo].startsWith(p);
  };
  const SYL = ['zo', 'kri', 'vu', 'plo', 'ga', 'mek', 'tru', 'bix', 'wa', 'fen', 'dro', 'kul', 'yat', 'zei', 'nup', 'quo', 'sib', 'hax'];
  const out = [];
  const seen = new Set();
  for (let tries = 0; out.length < count && tries < count * 200; tries++) {
    let w = '';
    while (w.length < 6) w += rng.pick(SYL);
    if (w.length > 8 || seen.has(w) || hasPrefix(w.slice(0, 5))) continue;
    // one edit away from a corpus word would be a typo, not a miss; two edits are fine
    // for words of up to 8 letters, where Vigie tolerates a single typo.
    let near = false;
    for (const v of oneEdit(w)) if (folded.has(v)) { near = true; break; }
    if (near) continue;
    seen.add(w);
    out.push({ class: 'nohit', q: w, mode: 'terms', terms: [w] });
  }
  return out;
}

// [SECTION] Entry point

// Writes build/bench/<tier>[-<limit>].queries.json and returns {file, summary, queries, docs}.
export async function buildQueries(corpusPath, { tier, limit = 0, perClass = 200, seed = 'vigie', out } = {}) {
  const rng = createRng(`queries:${tier}:${limit}:${seed}`);
  const stats = await corpusStats(corpusPath, limit, rng);
  const folded = new Set([...stats.df.keys()].map(fold));
  const { n } = stats;
  const queries = [
    ...byFrequency(stats, rng, perClass, Math.ceil(0.10 * n), Math.floor(0.30 * n), 'common'),
    ...byFrequency(stats, rng, perClass, Math.max(5, Math.ceil(0.005 * n)), Math.max(5, Math.floor(0.03 * n)), 'mid'),
    ...byFrequency(stats, rng, perClass, 2, 5, 'rare'),
    ...twoWords(stats, rng, perClass),
    ...phrases(stats, rng, perClass),
    ...prefixes(stats, rng, perClass),
    ...typos(stats, rng, perClass, folded),
    ...madeUp(stats, rng, perClass, folded),
  ];
  const counts = Object.fromEntries(CLASSES.map((c) => [c, queries.filter((q) => q.class === c).length]));
  const dfRange = {};
  for (const c of ['common', 'mid', 'rare']) {
    const dfs = queries.filter((q) => q.class === c).map((q) => q.df);
    if (dfs.length) dfRange[c] = [Math.min(...dfs), Math.max(...dfs)].map((d) => `${d} (${(100 * d / n).toFixed(2)} %)`);
  }
  const file = out ?? path.join(BENCH_DIR, `${tier}${limit ? `-${limit}` : ''}.queries.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const body = { tier, corpus: path.basename(corpusPath), docs: n, limit, seed, classes: CLASSES, counts, dfRange, help: CLASS_HELP, queries };
  fs.writeFileSync(file, JSON.stringify(body, null, 1) + '\n');
  const summary = `${n} docs, ` + CLASSES.map((c) => `${c} ${counts[c]}`).join(', ');
  return { file, summary, queries, docs: n, counts, dfRange };
}
