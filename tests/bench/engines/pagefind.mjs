// Pagefind 1.6: its Node indexing API (the `pagefind` package runs its Rust indexer, the
// @pagefind/linux-x64 binary, as a child process) builds the bundle a static site serves; the
// search side is that bundle's own pagefind.js and WebAssembly, run here in the worker's thread
// (a page would run it in a Web Worker, which Node lacks) with the bundle's files served from
// memory instead of over HTTP. Each document is an HTML page in
// French: <html lang="fr">, its title an <h1> weighted 2 (data-pagefind-weight), its text a
// paragraph; Pagefind stems with its French Snowball stemmer and folds accents. The top 10
// come with their excerpts (data()), as Vigie's with their snippets.
// Cannot: typos (no edit distance: a word it lacks finds the words sharing its longest
// prefix); elisions written with ’ (l’économie is one word, which économie does not find; a
// query loses its apostrophes, l’opération becoming lopération); building in the page (its
// indexer is a native program).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageVersion } from './common.mjs';

const BASE = 'mem:/pagefind/';
// What the search needs of the bundle (its UI scripts and styles aside); the code (pagefind.js,
// the WebAssembly) is not counted in the saved index, as Vigie's .wasm is not.
const isCode = (p) => p === 'pagefind.js' || p.startsWith('wasm.');
const isIndex = (p) => p === 'pagefind-entry.json' || p.endsWith('.pf_meta') || /^(index|fragment|filter)\//.test(p);

const escape = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const url = (id) => `/d/${encodeURIComponent(id)}`;
const idOf = (u) => decodeURIComponent(u.slice(u.lastIndexOf('/d/') + 3));  // behind the base url Pagefind adds

// The bundle's files, by path, answered to Pagefind's fetches (Node's own fetch is off in the
// bench: Emscripten's loader needs it so; installed only in Pagefind's worker, when it first
// opens a bundle). Pagefind reads ok, status, arrayBuffer() and json().
let served = new Map();
function serve(files) {
  served = files;
  globalThis.fetch = async (input) => {
    const u = String(input?.url ?? input);
    const bytes = u.startsWith(BASE) ? served.get(u.slice(BASE.length).split('?')[0]) : undefined;
    const body = bytes ?? new Uint8Array(0);
    return {
      ok: !!bytes, status: bytes ? 200 : 404, statusText: bytes ? 'OK' : 'Not Found', url: u,
      arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength),
      json: async () => JSON.parse(new TextDecoder().decode(body)),
    };
  };
}

// pagefind.js is an ES module that finds its files from its own URL: written once to a
// temporary directory (as .mjs) and imported from there.
let searchModule = null;
async function searchSide(code) {
  if (searchModule) return searchModule;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-pagefind-'));
  const file = path.join(dir, 'pagefind.mjs');
  fs.writeFileSync(file, code);
  try { searchModule = await import(pathToFileURL(file).href); } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  return searchModule;
}

// The indexer is a child process of this one: no heap cap of the worker holds its memory, which
// passed 20 GB at the synthetic tier's 100,000 articles (4.4 GB at 20,000). Past PAGEFIND_MAX_GB
// (default: 60 % of the machine's memory) it is killed and the build fails saying so, rather
// than the machine running out. `stopped` rejects then.
function watchIndexer() {
  const asked = Number(process.env.PAGEFIND_MAX_GB);
  const limit = (asked > 0 ? asked : (0.6 * os.totalmem()) / 2 ** 30) * 2 ** 30;  // not a number: the default
  let fail;
  const stopped = new Promise((_, reject) => { fail = reject; });
  const timer = setInterval(() => {
    for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      let status;
      try { status = fs.readFileSync(`/proc/${pid}/status`, 'utf8'); } catch { continue; }
      if (Number(status.match(/^PPid:\s+(\d+)/m)?.[1]) !== process.pid) continue;
      const rss = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0) * 1024;
      if (rss <= limit) continue;
      try { process.kill(Number(pid), 'SIGKILL'); } catch {}
      fail(new Error(`Pagefind's indexer passed ${+(limit / 2 ** 30).toPrecision(3)} GB of memory (PAGEFIND_MAX_GB) and was stopped`));
    }
  }, 1000);
  stopped.catch(() => {});  // a rejection nobody awaits once the build is over
  return { stopped, stop: () => clearInterval(timer) };
}

let bundleCode = [];  // the last built bundle's code, which a saved index does not hold

class PagefindEngine {
  constructor(files) { this.files = files; this.pf = null; }
  async build(docs) {
    const indexer = await import('pagefind');
    const watch = watchIndexer();
    try {
      await Promise.race([this.index(indexer, docs), watch.stopped]);
    } finally {
      watch.stop();
      await indexer.close();
    }
    await this.open();
  }
  async index(indexer, docs) {
    const { index, errors } = await indexer.createIndex({ forceLanguage: 'fr' });
    if (!index) throw new Error(`createIndex: ${errors.join('; ')}`);
    // In batches: every page is a message to the indexer and back.
    for (let i = 0; i < docs.length; i += 500) {
      const rs = await Promise.all(docs.slice(i, i + 500).map((d) => index.addHTMLFile({
        url: url(d.id),
        content: `<html lang="fr"><head><title>${escape(d.title)}</title></head><body>` +
          `<h1 data-pagefind-weight="2">${escape(d.title)}</h1><p>${escape(d.text)}</p></body></html>`,
      })));
      const bad = rs.find((r) => r.errors?.length);
      if (bad) throw new Error(`addHTMLFile: ${bad.errors.join('; ')}`);
    }
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors?.length) throw new Error(`getFiles: ${fileErrors.join('; ')}`);
    this.files = new Map(files.filter((f) => isCode(f.path) || isIndex(f.path)).map((f) => [f.path, f.content]));
    bundleCode = [...this.files].filter(([p]) => isCode(p));
    await index.deleteIndex();
  }
  async open() {
    serve(this.files);
    const pf = (await searchSide(this.files.get('pagefind.js'))).createInstance({ basePath: BASE });
    await pf.options({ excerptLength: 28 });
    await pf.init();
    this.pf = pf;
  }
  async search(query, limit) {
    const term = query.mode === 'phrase' ? `"${query.terms.join(' ')}"` : query.terms.join(' ');
    const r = await this.pf.search(term);
    const top = r.results.slice(0, limit);
    const data = await Promise.all(top.map((x) => x.data()));
    return { ids: data.map((d) => idOf(d.url)), scores: top.map((x) => x.score), total: r.results.length };
  }
  // The index's files one after the other: path length, path, size, bytes (u32 little-endian).
  save() {
    const parts = [];
    for (const [p, bytes] of this.files) {
      if (!isIndex(p)) continue;
      const name = Buffer.from(p, 'utf8');
      const head = Buffer.alloc(8 + name.length);
      head.writeUInt32LE(name.length, 0);
      name.copy(head, 4);
      head.writeUInt32LE(bytes.length, 4 + name.length);
      parts.push(head, bytes);
    }
    return Buffer.concat(parts);
  }
  static async load(buf, code) {
    const files = new Map(code);
    for (let at = 0; at < buf.length;) {
      const n = buf.readUInt32LE(at);
      const p = buf.toString('utf8', at + 4, at + 4 + n);
      const size = buf.readUInt32LE(at + 4 + n);
      files.set(p, buf.subarray(at + 8 + n, at + 8 + n + size));
      at += 8 + n + size;
    }
    const e = new PagefindEngine(files);
    await e.open();
    return e;
  }
}

export default {
  name: 'pagefind',
  version: packageVersion('pagefind'),
  config: 'Node API createIndex({forceLanguage: "fr"}) + addHTMLFile per document (<html lang="fr">, title as <h1 data-pagefind-weight="2">, text as <p>): its native indexer, French Snowball stemmer, accent folding; search with the bundle\'s pagefind.js + WebAssembly, files served from memory; AND of the words, "phrase" as its exact search, every word a prefix; top 10 with excerpts (data())',
  cannot: ['typos (no edit distance; a word it lacks finds those sharing its longest prefix)', 'elisions with ’: l’économie is one word; a query loses its apostrophes (l’opération → lopération)', 'builds outside the page, in a native program'],
  serialization: 'its bundle\'s index files (entry, meta, index chunks, fragments), packed; loaded by a new instance (init()); chunks are read as queries need them',
  create: async () => new PagefindEngine(new Map()),
  load: async (buf) => PagefindEngine.load(buf, bundleCode),
};
