#!/usr/bin/env node
// Builds the synthetic tier: 100,000 French-looking news articles (~3 kB each, ~300 MB) drawn
// from Debian's French word list (package wfrench) with a Zipf–Mandelbrot law over the
// vocabulary, a realistic share of function words, sentences, paragraphs and elisions written
// with both apostrophes (l’avion and l'avion). Deterministic: same seed, same bytes.
//
//   node tests/bench/corpus_synthetic.mjs [--docs 100000] [--seed vigie] [--out FILE] [--no-queries]
//
// Output: build/bench/synthetic.jsonl (one {"id","title","date","source","text"} a line) and
// build/bench/synthetic.queries.json (see lib/queries.mjs).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createRng, aliasSampler } from './lib/prng.mjs';
import { STOPWORD_WEIGHTS, STOPWORDS, ELIDING, VOWEL_START } from './lib/french.mjs';
import { JsonlWriter, benchPath, mb } from './lib/jsonl.mjs';
import { buildQueries } from './lib/queries.mjs';

const WORDLIST = '/usr/share/dict/french';

const { values: opt } = parseArgs({ options: {
  docs: { type: 'string', default: '100000' },
  seed: { type: 'string', default: 'vigie' },
  out: { type: 'string' },
  'no-queries': { type: 'boolean', default: false },
} });
const DOCS = Number(opt.docs);
const OUT = opt.out ?? benchPath('synthetic.jsonl');

// [SECTION] Vocabulary and its frequency law

// Rare inflections (imperfect subjunctive, simple past plural, conditional plural) make up half
// of a full conjugation table but are rare in news text: they go to the tail of the ranking.
const RARE_INFLECTION = /(assions|assiez|assent|asses|asse|ussions|ussiez|ussent|issions|issiez|issent|èrent|âmes|âtes|îmes|îtes|ûmes|ûtes|erions|eriez|erons|eront|eraient|iez|ions)$/;

function loadVocabulary(rng) {
  if (!fs.existsSync(WORDLIST)) {
    console.error(`${WORDLIST} is missing: apt-get install wfrench`);
    process.exit(1);
  }
  const all = fs.readFileSync(WORDLIST, 'utf8').split('\n');
  const vocab = [];
  for (const w of all) {
    // lowercase letters only: no proper nouns, no compounds, no abbreviations
    if (w.length < 2 || w.length > 18 || !/^[a-zàâäçéèêëîïôöùûüÿœæ]+$/.test(w) || STOPWORDS.has(w)) continue;
    vocab.push(w);
  }
  // Rank order: random, but short words and common inflections first (news text uses more
  // short words, and "mangeassions" is not a frequent word whatever its rank would say).
  const keyed = vocab.map((w) => [w, rng.float() + (RARE_INFLECTION.test(w) ? 1.5 : 0) + 0.08 * Math.max(0, w.length - 7)]);
  keyed.sort((a, b) => a[1] - b[1]);
  return keyed.map(([w]) => w);
}

// Zipf–Mandelbrot: weight(rank) = 1 / (rank + q)^s, with s slightly above 1 as measured for
// large news corpora. The offset q stands for the function words, which hold the head of the
// real distribution: the most frequent content word gets ~0.25 % of content words (~0.15 % of
// all words), words of rank ~60–300 land in 10–30 % of the articles, and the tail of the
// 340k-word list still occurs a few times in 100k articles.
function zipfWeights(n, s = 1.07, q = 60) {
  const w = new Float64Array(n);
  for (let r = 0; r < n; r++) w[r] = 1 / Math.pow(r + 1 + q, s);
  return w;
}

// [SECTION] Text generator

const SOURCES = [['AFP', 6], ['Le Monde', 5], ['Reuters', 4], ['Le Figaro', 4], ['Libération', 3],
  ['Ouest-France', 3], ['La Croix', 2], ['Mediapart', 1.5], ['France 24', 2], ['RFI', 1.5]];
const STOPWORD_SHARE = 0.44; // share of function words among running words in French news text
// Function words that an elided word may precede: qu’il, d’un, s’en, n’y (but never l’il, d’et).
const ELIDES_BEFORE = new Set(['il', 'elle', 'ils', 'on', 'en', 'un', 'une', 'y']);

function makeGenerator(rng) {
  const vocab = loadVocabulary(rng);
  const drawWord = aliasSampler(zipfWeights(vocab.length), rng);
  const stopList = Object.keys(STOPWORD_WEIGHTS);
  const drawStop = aliasSampler(stopList.map((w) => STOPWORD_WEIGHTS[w]), rng);
  const drawSource = aliasSampler(SOURCES.map(([, w]) => w), rng);

  function number() {
    switch (rng.int(4)) {
      case 0: return String(rng.range(1945, 2023));          // a year
      case 1: return `${rng.range(2, 99)} ${String(rng.int(1000)).padStart(3, '0')}`; // 26 000
      case 2: return `${rng.range(1, 99)} %`;
      default: return String(rng.range(2, 500));
    }
  }

  // One sentence as an array of tokens; elided function words are glued to the next word.
  function sentence() {
    const len = rng.range(5, 16) + rng.range(1, 14);
    const out = [];
    let prevStop = null; // the function word just emitted, when it may elide
    let stopRun = 0;     // function words in a row
    for (let i = 0; i < len; i++) {
      let tok;
      let isStop = false;
      if (rng.chance(0.012)) tok = number();
      else if (i > 0 && stopRun < 2 && rng.chance(STOPWORD_SHARE)) {
        tok = stopList[drawStop()];
        if (tok === out[out.length - 1]) tok = vocab[drawWord()]; // no "de de"
        else isStop = true;
      } else {
        tok = vocab[drawWord()];
        if (rng.chance(0.02)) tok = tok[0].toUpperCase() + tok.slice(1); // a name-like capital
      }
      stopRun = isStop ? stopRun + 1 : 0;
      if (prevStop && VOWEL_START.test(tok.toLowerCase()) && (!isStop || (prevStop !== 'le' && prevStop !== 'la' && ELIDES_BEFORE.has(tok)))) {
        // l’avion / l'avion: about 60 % typographic apostrophes, 40 % typewriter ones
        out[out.length - 1] = ELIDING[prevStop] + (rng.chance(0.6) ? '’' : "'") + tok;
        prevStop = null;
        continue;
      }
      out.push(tok);
      prevStop = isStop && ELIDING[tok] ? tok : null;
      if (i < len - 1 && !isStop && rng.chance(0.07)) out[out.length - 1] += ',';
    }
    if (prevStop && out.length > 1) out.pop(); // never end a sentence on "le"
    out[0] = out[0][0].toUpperCase() + out[0].slice(1);
    const last = out.length - 1;
    if (out[last].endsWith(',')) out[last] = out[last].slice(0, -1);
    const end = rng.float();
    return out.join(' ') + (end < 0.9 ? '.' : end < 0.95 ? ' ?' : end < 0.97 ? ' !' : '…');
  }

  function paragraph() {
    const n = rng.range(2, 6);
    const s = [];
    for (let i = 0; i < n; i++) s.push(sentence());
    return s.join(' ');
  }

  function title() {
    const n = rng.range(4, 11);
    const t = [];
    for (let i = 0; i < n; i++) t.push(i > 0 && rng.chance(0.3) ? stopList[drawStop()] : vocab[drawWord()]);
    return t[0][0].toUpperCase() + t.join(' ').slice(1);
  }

  const DAY0 = Date.UTC(2016, 0, 1), DAYS = Math.round((Date.UTC(2024, 0, 1) - DAY0) / 86400000);
  function article(i) {
    const target = 1800 + rng.int(1400); // characters; with the last paragraph, mean ≈ 3 kB of UTF-8
    const paras = [];
    let len = 0;
    while (len < target) { const p = paragraph(); paras.push(p); len += p.length + 2; }
    const date = new Date(DAY0 + rng.int(DAYS) * 86400000).toISOString().slice(0, 10);
    return { id: `syn-${String(i + 1).padStart(6, '0')}`, title: title(), date,
      source: SOURCES[drawSource()][0], text: paras.join('\n\n') };
  }
  return { article, vocabSize: vocab.length };
}

// [SECTION] Main

const t0 = performance.now();
const rng = createRng(`synthetic:${opt.seed}`);
const gen = makeGenerator(rng);
const w = new JsonlWriter(OUT);
for (let i = 0; i < DOCS; i++) w.write(gen.article(i));
const { docs, bytes } = w.close();
const secs = (performance.now() - t0) / 1000;
console.log(`synthetic: ${docs} docs, ${mb(bytes).toFixed(1)} MB (${(bytes / docs / 1000).toFixed(2)} kB/doc), ` +
  `vocabulary ${gen.vocabSize} words, ${secs.toFixed(1)} s → ${OUT}`);

if (!opt['no-queries']) {
  const q = await buildQueries(OUT, { tier: 'synthetic' });
  console.log(`queries: ${q.summary} → ${q.file}`);
}
