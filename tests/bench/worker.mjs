// One engine, measured inside its own worker thread (run.mjs starts one per engine, in turn):
// its heap is its own, so heap deltas are the engine's, and an engine that exhausts the heap
// cap ends this worker, not the run. Posts {type:"log"} lines and one {type:"result"}.
import { parentPort, workerData } from 'node:worker_threads';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { readLines } from './lib/jsonl.mjs';
import { ENGINES } from './engines/index.mjs';

const { engine: name, task } = workerData;
const log = (msg) => parentPort.postMessage({ type: 'log', msg: `[${name}] ${msg}` });
const now = () => process.hrtime.bigint();
const ms = (t0, t1 = now()) => Number(t1 - t0) / 1e6;

function gc() { for (let i = 0; i < 3; i++) global.gc(); }
function mem() {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external, rss: m.rss };
}

// Corpus: parsed documents for the peers, the JSONL text itself (in ~4 MB chunks) for Vigie,
// as UTF-8 bytes: what a page reading the file (arrayBuffer()) hands it.
async function loadCorpus(file, limit, wantsJsonl) {
  const docs = [];
  const chunks = [];
  const utf8 = new TextEncoder();
  let cur = [], curLen = 0, textBytes = 0;
  for await (const [line] of readLines(file)) {
    const d = JSON.parse(line);
    docs.push(d);
    textBytes += Buffer.byteLength(d.title ?? '') + Buffer.byteLength(d.text);
    if (wantsJsonl) {
      cur.push(line); curLen += line.length + 1;
      if (curLen >= 4 << 20) { chunks.push(utf8.encode(cur.join('\n') + '\n')); cur = []; curLen = 0; }
    }
    if (limit && docs.length >= limit) break;
  }
  if (cur.length) chunks.push(utf8.encode(cur.join('\n') + '\n'));
  return { docs, jsonlChunks: chunks, textBytes };
}

const settle = (r) => (r && typeof r.then === 'function' ? r : null);

// [SECTION] Benchmark

async function bench(adapter) {
  const { corpus, limit, queriesFile, reps, budgetMs } = task;
  const out = { name, version: adapter.version, config: adapter.config, cannot: adapter.cannot,
    serialization: adapter.serialization, status: 'ok', notes: [] };

  // `let`: released once the engine is built (what it keeps of them is its own; a page that
  // searches or loads a saved index holds no parsed corpus beside it)
  let { docs, jsonlChunks, textBytes } = await loadCorpus(corpus, limit, adapter.wantsJsonl);
  out.docs = docs.length;
  out.textBytes = textBytes;
  const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8')).queries;
  log(`${docs.length} docs, ${(textBytes / 1e6).toFixed(1)} MB of text, ${queries.length} queries`);

  // Build
  let engine = await adapter.create();
  gc();
  const m0 = mem();
  const t0 = now();
  try {
    const p = settle(engine.build(docs, { jsonlChunks }));
    if (p) await p;
  } catch (e) {
    return { ...out, status: 'failed', reason: `build: ${e.message}` };
  }
  const buildMs = ms(t0);
  gc();
  const m1 = mem();
  docs = jsonlChunks = null;
  gc();  // (collected now, not during the timed queries)
  out.build = { ms: buildMs, mbPerSec: textBytes / 1e6 / (buildMs / 1000) };
  out.memory = { heapMB: (m1.heap - m0.heap) / 1e6, externalMB: (m1.external - m0.external) / 1e6, rssMB: (m1.rss - m0.rss) / 1e6 };
  out.memory.totalMB = out.memory.heapMB + out.memory.externalMB;
  if (engine.stats) {
    try {
      out.stats = engine.stats();
      if (out.stats?.memory_bytes) out.memory.wasmMB = out.stats.memory_bytes / 1e6;
    } catch (e) { out.notes.push(`stats(): ${e.message}`); }
  }
  log(`built in ${(buildMs / 1000).toFixed(2)} s (${out.build.mbPerSec.toFixed(2)} MB/s), memory +${out.memory.totalMB.toFixed(1)} MB`);

  // Latency: one warm-up pass over every query, then `reps` passes per class; a class stops
  // repeating once it has used its time budget (every query still runs at least once).
  const classes = [...new Set(queries.map((q) => q.class))];
  const firstResults = new Map();
  for (const q of queries) {
    let r = engine.search(q, 10);
    if (settle(r)) r = await r;
    firstResults.set(q, r);
  }
  // Each query's time is the median of its runs (a pause of the machine or the garbage
  // collector in one run is not the query's); the percentiles are over queries.
  const pctOf = (v, p) => v[Math.min(v.length - 1, Math.floor((p / 100) * v.length))];
  async function timed(qs, search) {
    const times = qs.map(() => []);  // per query, its runs
    const tc = now();
    for (let rep = 0; rep < reps; rep++) {
      for (const [i, q] of qs.entries()) {
        const ts = now();
        const r = search(q, 10);
        if (settle(r)) await r;
        times[i].push(ms(ts));
      }
      if (ms(tc) > budgetMs) break;
    }
    const median = (v) => { const s = [...v].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
    return { perQuery: times.map(median).sort((a, b) => a - b), samples: times.flat().sort((a, b) => a - b) };
  }
  out.latency = {};
  for (const cls of classes) {
    const qs = queries.filter((q) => q.class === cls);
    const { perQuery, samples } = await timed(qs, (q, k) => engine.search(q, k));
    const pct = (p) => pctOf(perQuery, p);
    const res = qs.map((q) => firstResults.get(q));
    const withHits = res.filter((r) => r.ids.length > 0).length;
    const totals = res.map((r) => r.total).filter((t) => typeof t === 'number');
    const entry = {
      queries: qs.length, samples: samples.length,
      p50: pct(50), p95: pct(95), p99: pct(99), mean: samples.reduce((s, x) => s + x, 0) / samples.length,
      p99AllRuns: pctOf(samples, 99),
      withHitsPct: (100 * withHits) / qs.length,
      meanTotal: totals.length ? totals.reduce((s, x) => s + x, 0) / totals.length : null,
      errors: res.filter((r) => r.error).length,
    };
    if (cls === 'rare') {
      // the documents that hold the rare word: how many come back in the top 10
      let want = 0, got = 0;
      qs.forEach((q, i) => { const ids = new Set(res[i].ids); for (const d of q.docs ?? []) { want++; if (ids.has(d)) got++; } });
      entry.rareRecallPct = want ? (100 * got) / want : null;
    }
    if (cls === 'fuzzy') {
      // the word the typo was made from, searched as such: does the typo give its first hit?
      let same = 0, asked = 0;
      for (const [i, q] of qs.entries()) {
        if (!q.target) continue;
        let t = engine.search({ class: 'mid', q: q.target, mode: 'terms', terms: [q.target] }, 10);
        if (settle(t)) t = await t;
        asked++;
        if (t.ids.length && res[i].ids[0] === t.ids[0]) same++;
      }
      entry.typoFirstPct = asked ? (100 * same) / asked : null;
    }
    if (cls === 'phrase' || cls === 'and2') {
      // the document the words were taken from: found at all (top 10), when the class is selective
      entry.sourceInTop10Pct = (100 * qs.filter((q, i) => res[i].ids.includes(q.doc)).length) / qs.length;
    }
    out.latency[cls] = entry;
    log(`${cls.padEnd(6)} p50 ${entry.p50.toFixed(3)} ms  p95 ${entry.p95.toFixed(3)}  p99 ${entry.p99.toFixed(3)}  hits ${entry.withHitsPct.toFixed(0)} %`);
  }
  // An engine that can leave its snippets out (Vigie) is timed again without them: what its
  // answer costs beside the peers', which return none.
  if (engine.searchBare) {
    out.latencyBare = {};
    for (const cls of classes) {
      const { perQuery } = await timed(queries.filter((q) => q.class === cls), (q, k) => engine.searchBare(q, k));
      out.latencyBare[cls] = { p50: pctOf(perQuery, 50), p95: pctOf(perQuery, 95), p99: pctOf(perQuery, 99) };
    }
    log(`without snippets, p50: ${classes.map((c) => `${c} ${out.latencyBare[c].p50.toFixed(3)}`).join(', ')} ms`);
  }

  // Saved index: size raw and gzip, load time, and the loaded index answering as the built one
  try {
    const ts = now();
    const saved = engine.save();
    out.index = { saveMs: ms(ts), rawBytes: saved.length };
    out.index.gzipBytes = zlib.gzipSync(saved, { level: 6 }).length;
    log(`saved ${(saved.length / 1e6).toFixed(1)} MB (gzip ${(out.index.gzipBytes / 1e6).toFixed(1)} MB)`);
    const check = classes.flatMap((c) => queries.filter((q) => q.class === c).slice(0, 10));
    engine = null; // release the built index before loading the saved one
    // Collected, then collected again after a turn of the event loop: an engine's memory (a
    // wasm instance's, an ArrayBuffer's) is only freed once nothing on the stack of this turn
    // holds it; else the load would run beside it and pay for fresh pages.
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const pre = adapter.instantiate ? await adapter.instantiate() : undefined;
    const tl = now();
    const loaded = await adapter.load(saved, pre);
    out.index.loadMs = ms(tl);
    let same = 0, tied = 0;
    const key = (scores) => JSON.stringify((scores ?? []).map((x) => Number(x.toPrecision(6))));
    for (const q of check) {
      let r = loaded.search(q, 10);
      if (settle(r)) r = await r;
      const before = firstResults.get(q);
      if (JSON.stringify(r.ids) === JSON.stringify(before.ids)) same++;
      // equal scores in another order (or another document at a tied 10th place): not a defect
      else if (r.scores && key(r.scores) === key(before.scores)) tied++;
    }
    const differ = check.length - same - tied;
    out.index.roundtrip = differ ? `${differ}/${check.length} queries differ after load`
      : tied ? `ok (${tied}/${check.length} with tied scores reordered)` : 'ok';
    log(`loaded in ${out.index.loadMs.toFixed(1)} ms, roundtrip ${out.index.roundtrip}`);
  } catch (e) {
    out.index = { ...(out.index ?? {}), error: e.message.split('\n')[0] };
    log(`save/load failed: ${out.index.error}`);
  }
  return out;
}

// [SECTION] French suite

async function french(adapter) {
  const { suite } = task;
  const out = { name, version: adapter.version, status: 'ok', cases: [] };
  const engine = await adapter.create();
  const lines = suite.docs.map((d) => JSON.stringify(d));
  const p = settle(engine.build(suite.docs, { jsonlChunks: [lines.join('\n') + '\n'] }));
  if (p) await p;
  for (const c of suite.cases) {
    let r;
    try {
      r = engine.search(c.query, 10);
      if (settle(r)) r = await r;
    } catch (e) {
      out.cases.push({ name: c.name, pass: false, got: [], why: `error: ${e.message}` });
      continue;
    }
    const missing = (c.expect ?? []).filter((id) => !r.ids.includes(id));
    const unwanted = (c.forbid ?? []).filter((id) => r.ids.includes(id));
    if (c.none && r.ids.length) unwanted.push(...r.ids);
    const why = [missing.length ? `missing ${missing.join(',')}` : '', unwanted.length ? `unwanted ${unwanted.join(',')}` : ''].filter(Boolean).join('; ');
    out.cases.push({ name: c.name, pass: !why, got: r.ids, why });
  }
  return out;
}

// [SECTION] Main

const adapter = ENGINES[name];
const reason = adapter.unavailable?.();
let result;
if (reason) result = { name, status: 'skipped', reason };
else {
  try { result = task.kind === 'french' ? await french(adapter) : await bench(adapter); }
  catch (e) { result = { name, status: 'failed', reason: e.stack?.split('\n').slice(0, 2).join(' ') ?? String(e) }; }
}
parentPort.postMessage({ type: 'result', result });
