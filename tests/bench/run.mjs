#!/usr/bin/env node
// Compares Vigie with JavaScript search libraries on the same documents and queries, in one
// Node process: each engine runs in turn in its own worker thread (own heap, heap cap, time
// limit), so one that blows up is marked failed and the run goes on.
//
//   node tests/bench/run.mjs --tier pages|blocks|synthetic [--engines vigie,minisearch,…]
//                            [--limit N] [--reps 5] [--budget 20] [--timeout 1800] [--heap 16000]
//   node tests/bench/run.mjs --french [--engines …]
//
// Writes build/bench/results-<tier>[-<N>].{md,json} (or french-suite.{md,json}).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, REPO, corpusFile, benchPath } from './lib/jsonl.mjs';
import { buildQueries, CLASSES } from './lib/queries.mjs';
import { renderReport, renderFrench } from './lib/report.mjs';
import { ENGINE_NAMES } from './engines/index.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// global.gc is needed for memory deltas. Without it, run again with the flags it takes;
// --no-experimental-fetch: Debian's Emscripten 3.1.6 loader misbehaves under Node's fetch.
if (typeof global.gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', '--no-experimental-fetch', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { values: opt } = parseArgs({ options: {
  tier: { type: 'string' },
  engines: { type: 'string', default: ENGINE_NAMES.join(',') },
  limit: { type: 'string', default: '0' },
  reps: { type: 'string', default: '5' },
  budget: { type: 'string', default: '20' },     // seconds per query class and engine
  timeout: { type: 'string', default: '1800' },  // seconds per engine
  heap: { type: 'string', default: '16000' },    // MB of V8 old space per engine worker
  french: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} });

if (opt.help || (!opt.tier && !opt.french)) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 11).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(opt.help ? 0 : 1);
}

const engines = opt.engines.split(',').map((s) => s.trim()).filter(Boolean);
for (const e of engines) {
  if (!ENGINE_NAMES.includes(e)) { console.error(`unknown engine "${e}" (known: ${ENGINE_NAMES.join(', ')})`); process.exit(1); }
}

function machine() {
  const cpu = os.cpus()[0]?.model?.replace(/\s+/g, ' ').trim() ?? '?';
  return `Node ${process.version}, ${os.cpus().length}× ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`;
}

// What writing into memory never touched before costs on this machine (the kernel maps and
// zeroes each page on first touch), in ms per 100 MB: the floor of any load that copies an
// index into new memory (Vigie's loadIndex into wasm memory), and what varies most between
// virtual machines.
function freshMemoryMsPer100MB() {
  const bytes = 256 << 20;
  const t0 = process.hrtime.bigint();
  new Uint8Array(bytes).fill(1);
  return Number(process.hrtime.bigint() - t0) / 1e6 / (bytes / 1e8);
}

// Runs one engine's worker to its end: its result, or a failure that says why.
function runWorker(engine, task) {
  return new Promise((resolve) => {
    const w = new Worker(path.join(HERE, 'worker.mjs'), {
      workerData: { engine, task },
      resourceLimits: { maxOldGenerationSizeMb: Number(opt.heap) },
    });
    let result = null;
    const timer = setTimeout(() => {
      result = { name: engine, status: 'failed', reason: `timeout after ${opt.timeout} s` };
      w.terminate();
    }, Number(opt.timeout) * 1000);
    w.on('message', (m) => {
      if (m.type === 'log') console.log(m.msg);
      else if (m.type === 'result') result = m.result;
    });
    w.on('error', (e) => {
      const reason = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `out of memory (heap cap ${opt.heap} MB)` : e.message.split('\n')[0];
      result ??= { name: engine, status: 'failed', reason };
    });
    w.on('exit', (code) => {
      clearTimeout(timer);
      resolve(result ?? { name: engine, status: 'failed', reason: `worker exited with code ${code}` });
    });
  });
}

// [SECTION] French suite

// A case's query in the form the adapters take: Vigie gets `q`; the peers get mode and terms.
function toQuery(q, mode) {
  if (/^".*"$/.test(q)) return { q, mode: 'phrase', terms: q.slice(1, -1).split(/\s+/) };
  if (q.endsWith('*')) return { q, mode: 'prefix', terms: [q.slice(0, -1)] };
  return { q, mode: mode ?? 'terms', terms: q.split(/\s+/) };
}

async function runFrench() {
  const suite = JSON.parse(fs.readFileSync(path.join(HERE, 'french_suite.json'), 'utf8'));
  for (const c of suite.cases) c.query = toQuery(c.q, c.mode);
  const res = { date: new Date().toISOString(), docs: suite.docs.length,
    cases: suite.cases.map(({ name, category, q, mode, expect, forbid, none }) => ({ name, category, q, mode, expect, forbid, none })), engines: [] };
  for (const name of engines) {
    const r = await runWorker(name, { kind: 'french', suite });
    if (r.status !== 'ok') console.log(`[${name}] ${r.status}: ${r.reason}`);
    res.engines.push(r);
  }
  const md = renderFrench(res);
  console.log('\n' + md);
  fs.writeFileSync(benchPath('french-suite.json'), JSON.stringify(res, null, 1) + '\n');
  fs.writeFileSync(benchPath('french-suite.md'), md);
  console.log(`→ ${path.relative(REPO, benchPath('french-suite.md'))}, .json`);
}

// [SECTION] Benchmark

async function runBench() {
  const tier = opt.tier;
  const limit = Number(opt.limit);
  const corpus = corpusFile(tier);
  if (!fs.existsSync(corpus)) {
    const how = tier === 'synthetic' ? 'node tests/bench/corpus_synthetic.mjs' : 'node tests/bench/corpus_real.mjs';
    console.error(`${path.relative(REPO, corpus)} is missing: build it with \`${how}\``);
    process.exit(1);
  }
  // Queries come from the documents actually indexed: a --limit run derives its own.
  const qfile = path.join(BENCH_DIR, `${tier}${limit ? `-${limit}` : ''}.queries.json`);
  let qmeta = fs.existsSync(qfile) ? JSON.parse(fs.readFileSync(qfile, 'utf8')) : null;
  if (!qmeta || qmeta.limit !== limit || fs.statSync(qfile).mtimeMs < fs.statSync(corpus).mtimeMs) {
    console.log(`deriving queries from ${path.relative(REPO, corpus)}${limit ? ` (first ${limit} docs)` : ''}…`);
    await buildQueries(corpus, { tier, limit, out: qfile });
    qmeta = JSON.parse(fs.readFileSync(qfile, 'utf8'));
  }
  console.log(`queries: ${CLASSES.map((c) => `${c} ${qmeta.counts[c]}`).join(', ')}`);

  const task = { kind: 'bench', corpus, limit, queriesFile: qfile, reps: Number(opt.reps), budgetMs: Number(opt.budget) * 1000 };
  const results = [];
  for (const name of engines) {
    console.log(`\n== ${name}`);
    const t0 = performance.now();
    const r = await runWorker(name, task);
    if (r.status !== 'ok') console.log(`[${name}] ${r.status}: ${r.reason}`);
    else console.log(`[${name}] done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    results.push(r);
    global.gc();
  }

  const first = results.find((r) => r.docs != null);
  const res = {
    tier, limit, date: new Date().toISOString(), machine: machine(), freshMemoryMsPer100MB: freshMemoryMsPer100MB(), reps: Number(opt.reps), budgetS: Number(opt.budget),
    corpus: { file: path.relative(REPO, corpus), docs: first?.docs ?? qmeta.docs, textMB: (first?.textBytes ?? 0) / 1e6 },
    queries: { file: path.relative(REPO, qfile), total: qmeta.queries.length, counts: qmeta.counts, dfRange: qmeta.dfRange },
    engines: results,
  };
  const base = `results-${tier}${limit ? `-${limit}` : ''}`;
  const md = renderReport(res);
  console.log('\n' + md);
  fs.writeFileSync(benchPath(`${base}.json`), JSON.stringify(res, null, 1) + '\n');
  fs.writeFileSync(benchPath(`${base}.md`), md);
  console.log(`→ build/bench/${base}.md, .json`);
}

if (opt.french) await runFrench();
if (opt.tier) await runBench();
