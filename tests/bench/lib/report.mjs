// Markdown tables from the runner's results: the same text is printed and written to
// build/bench/results-<tier>.md.
import { CLASSES, CLASS_HELP } from './queries.mjs';

const f = (x, d = 2) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(d));
const fms = (x) => (x == null ? '–' : x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0));
const fmb = (b) => (b == null ? '–' : (b / 1e6).toFixed(b < 1e7 ? 2 : 1));

// Markdown table; the first `left` columns are left-aligned, the others (numbers) right-aligned.
function table(head, rows, left = 1) {
  return [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i >= left ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function statusOf(e) {
  if (e.status === 'ok') return 'ok';
  return `${e.status} (${e.reason})`;
}

// Vigie ÷ peer, for one metric; null when either side is missing.
function ratio(v, p) { return v == null || p == null || p === 0 ? null : v / p; }
const fr = (r) => (r == null ? '–' : `${r < 0.1 ? r.toFixed(3) : r.toFixed(2)}×`);

export function renderReport(res) {
  const out = [];
  const engines = res.engines;
  const ok = engines.filter((e) => e.status === 'ok');
  out.push(`# Search benchmark — tier \`${res.tier}\`${res.limit ? ` (first ${res.limit} documents)` : ''}`);
  out.push('');
  out.push(`${res.corpus.docs} documents, ${f(res.corpus.textMB, 1)} MB of text (title + text, UTF-8), from \`${res.corpus.file}\`; ` +
    `${res.queries.total} queries (\`${res.queries.file}\`); each query ${res.reps}× after a warm-up pass ` +
    `(a class stops repeating after ${res.budgetS} s), its time the median of its runs, top 10. ${res.machine}. ${res.date}.`);
  out.push('');

  out.push('## Build, memory, saved index');
  out.push('');
  out.push(table(['engine', 'status', 'build s', 'MB/s', 'memory MB', 'heap / ext / rss Δ MB', 'index MB', 'gzip MB', 'load ms', 'load check'],
    engines.map((e) => [
      `${e.name} ${e.version ?? ''}`.trim(), statusOf(e), f(e.build?.ms / 1000), f(e.build?.mbPerSec),
      e.memory ? `${f(e.memory.totalMB, 1)}${e.memory.wasmMB != null ? ` (wasm ${f(e.memory.wasmMB, 1)})` : ''}` : '–',
      e.memory ? `${f(e.memory.heapMB, 1)} / ${f(e.memory.externalMB, 1)} / ${f(e.memory.rssMB, 1)}` : '–',
      e.index?.error ? `failed (${e.index.error})` : fmb(e.index?.rawBytes), fmb(e.index?.gzipBytes),
      fms(e.index?.loadMs), e.index?.roundtrip ?? '–',
    ]), 2));
  out.push('');
  out.push('memory = V8 heap Δ + external Δ (ArrayBuffers, wasm linear memory) of the engine\'s worker across the build, after GC; for Vigie, "wasm" is the whole linear memory its stats() reports. ' +
    'load = from the saved bytes to an index that answers (for Vigie, into an already instantiated module). load check = the first 10 queries of each class give the same top 10 after loading.' +
    (res.freshMemoryMsPer100MB != null ? ` On this machine, writing to memory never touched before costs ${f(res.freshMemoryMsPer100MB, 0)} ms per 100 MB (a load that copies N MB into new memory takes at least N/100 times that).` : ''));
  // Vigie answers from the .vidx bytes in place: once built or loaded, its index in memory is
  // those bytes, the stored text being one section of them (stats() separates it).
  for (const e of ok) {
    const s = e.stats;
    if (!s?.index_bytes || !s?.text_bytes) continue;
    out.push('');
    out.push(`${e.name}: index in memory once built or loaded ${fmb(s.total_bytes)} MB, of which the stored text ${fmb(s.text_bytes)} MB; ` +
      `without it ${fmb(s.index_bytes)} MB = ${f(s.index_bytes / 1e6 / res.corpus.textMB)}× the text ` +
      `(postings ${fmb(s.postings_bytes)} MB, dictionary ${fmb(s.dictionary_bytes)} MB).`);
  }
  out.push('');

  out.push('## Latency per query class, ms (p50 / p95 / p99)');
  out.push('');
  const classes = CLASSES.filter((c) => ok.some((e) => e.latency?.[c]));
  out.push(table(['class', ...ok.map((e) => e.name)], classes.map((c) => [
    `${c} (${ok[0]?.latency?.[c]?.queries ?? 0})`,
    ...ok.map((e) => { const l = e.latency?.[c]; return l ? `${fms(l.p50)} / ${fms(l.p95)} / ${fms(l.p99)}` : '–'; }),
  ])));
  out.push('');
  for (const e of ok.filter((x) => x.latencyBare)) {
    out.push(`${e.name} without snippets (the same hits, total and facets; timed after, for what snippets cost): ` +
      classes.filter((c) => e.latencyBare[c]).map((c) => `${c} ${fms(e.latencyBare[c].p50)} / ${fms(e.latencyBare[c].p95)}`).join(', ') + ' ms (p50 / p95).');
    out.push('');
  }

  out.push('## Answers: queries with at least one hit, % (mean total matches)');
  out.push('');
  out.push(table(['class', ...ok.map((e) => e.name)], classes.map((c) => [c,
    ...ok.map((e) => { const l = e.latency?.[c]; return l ? `${f(l.withHitsPct, 0)}${l.meanTotal != null ? ` (${f(l.meanTotal, 1)})` : ''}` : '–'; }),
  ])));
  out.push('');
  const extra = [];
  for (const e of ok) {
    const l = e.latency ?? {};
    const bits = [];
    if (l.rare?.rareRecallPct != null) bits.push(`rare: ${f(l.rare.rareRecallPct, 0)} % of the word's documents in the top 10`);
    if (l.and2?.sourceInTop10Pct != null) bits.push(`and2: source document in top 10 for ${f(l.and2.sourceInTop10Pct, 0)} %`);
    if (l.phrase?.sourceInTop10Pct != null) bits.push(`phrase: source document in top 10 for ${f(l.phrase.sourceInTop10Pct, 0)} %`);
    if (l.fuzzy?.typoFirstPct != null) bits.push(`fuzzy: same first hit as the word without its typo for ${f(l.fuzzy.typoFirstPct, 0)} %`);
    const errs = Object.values(l).reduce((s, x) => s + (x.errors ?? 0), 0);
    if (errs) bits.push(`${errs} queries rejected by the engine's parser`);
    if (bits.length) extra.push(`- ${e.name}: ${bits.join('; ')}`);
  }
  out.push('No-hit queries should have 0 %. Engines without phrase search answer phrases as all their words, in any order; FlexSearch reports no total.');
  if (extra.length) out.push('', ...extra);
  out.push('');

  out.push('## Vigie ÷ peer');
  out.push('');
  const vigie = ok.find((e) => e.name === 'vigie');
  const peers = ok.filter((e) => e.name !== 'vigie');
  if (!vigie) {
    const v = engines.find((e) => e.name === 'vigie');
    out.push(v ? `No ratios: Vigie ${statusOf(v)}.` : 'No ratios: Vigie was not run (--engines).');
  } else {
    const rows = [
      ['build MB/s (>1: Vigie faster)', (e) => ratio(vigie.build?.mbPerSec, e.build?.mbPerSec)],
      ['memory (<1: Vigie smaller)', (e) => ratio(vigie.memory?.totalMB, e.memory?.totalMB)],
      ['index gzip (<1: Vigie smaller)', (e) => ratio(vigie.index?.gzipBytes, e.index?.gzipBytes)],
      ['load (<1: Vigie faster)', (e) => ratio(vigie.index?.loadMs, e.index?.loadMs)],
      ...classes.flatMap((c) => [
        [`${c} p50 (<1: Vigie faster)`, (e) => ratio(vigie.latency?.[c]?.p50, e.latency?.[c]?.p50)],
        [`${c} p95`, (e) => ratio(vigie.latency?.[c]?.p95, e.latency?.[c]?.p95)],
      ]),
    ];
    out.push(table(['metric', ...peers.map((e) => e.name)], rows.map(([label, fn]) => [label, ...peers.map((e) => fr(fn(e)))])));
  }
  out.push('');

  out.push('## Engines');
  out.push('');
  for (const e of engines) {
    out.push(`- **${e.name}** ${e.version ?? ''} — ${statusOf(e)}. ${e.config ?? ''}${e.cannot?.length ? `. Cannot: ${e.cannot.join('; ')}.` : ''}` +
      `${e.serialization ? ` Saved with ${e.serialization}.` : ''}${e.notes?.length ? ` Notes: ${e.notes.join('; ')}.` : ''}`);
  }
  out.push('');
  out.push('Query classes: ' + CLASSES.map((c) => `\`${c}\` ${CLASS_HELP[c]}`).join('; ') + '.');
  if (res.queries.dfRange) out.push(`Document frequency of the single-word classes: ${Object.entries(res.queries.dfRange).map(([c, r]) => `${c} ${r.join(' – ')}`).join('; ')}.`);
  return out.join('\n') + '\n';
}

export function renderFrench(res) {
  const out = [];
  const engines = res.engines;
  const ran = engines.filter((e) => e.status === 'ok');
  out.push(`# French correctness suite (\`tests/bench/french_suite.json\`)`);
  out.push('');
  out.push(`${res.docs} documents, ${res.cases.length} cases: a case passes when every expected document is in the top 10 and no forbidden one is. ${res.date}.`);
  out.push('');
  out.push(table(['case', 'query', ...ran.map((e) => e.name)], res.cases.map((c, i) => [
    `${c.category}: ${c.name}`, `\`${c.q}\`${c.mode === 'fuzzy' ? ' (typo)' : ''}`,
    ...ran.map((e) => (e.cases[i].pass ? 'pass' : `FAIL ${e.cases[i].why}`)),
  ]), 2 + ran.length));
  out.push('');
  const cats = [...new Set(res.cases.map((c) => c.category))];
  out.push(table(['category', ...ran.map((e) => e.name)], [
    ...cats.map((cat) => [cat, ...ran.map((e) => {
      const idx = res.cases.map((c, i) => (c.category === cat ? i : -1)).filter((i) => i >= 0);
      return `${idx.filter((i) => e.cases[i].pass).length}/${idx.length}`;
    })]),
    ['**total**', ...ran.map((e) => `**${e.cases.filter((c) => c.pass).length}/${e.cases.length}**`)],
  ]));
  for (const e of engines.filter((x) => x.status !== 'ok')) out.push('', `- ${e.name}: ${statusOf(e)}`);
  return out.join('\n') + '\n';
}
