// Vigie through its JS API (DESIGN.md §4.4): the wasm build of the core, a CommonJS module
// factory at build/wasm/vigie_api.js (VIGIE_API overrides the path). Documents go in as the
// corpus's own JSONL as UTF-8 bytes, a few MB per addJsonl call, then commit() builds the index; the
// query string is Vigie's own syntax (words ANDed, "phrase", terr*, typos found by itself).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO } from '../lib/jsonl.mjs';

export const API = process.env.VIGIE_API ?? path.join(REPO, 'build', 'wasm', 'vigie_api.js');
const require = createRequire(import.meta.url);

async function instantiate() {
  const createVigie = require(API);
  if (typeof createVigie !== 'function') throw new Error(`${API} does not export a module factory`);
  return createVigie();
}

function result(r) { return typeof r === 'string' ? JSON.parse(r) : r; }

class VigieEngine {
  constructor(v) { this.v = v; this.addErrors = []; }
  build(docs, { jsonlChunks }) {
    for (const chunk of jsonlChunks) {
      const r = result(this.v.addJsonl(chunk));
      if (r?.errors?.length) this.addErrors.push(...r.errors.slice(0, 10 - this.addErrors.length));
    }
    this.v.commit();
    if (this.addErrors.length) throw new Error(`addJsonl rejected lines: ${this.addErrors.slice(0, 3).join('; ')}`);
  }
  search(query, limit) {
    const r = result(this.v.search(query.q, limit));
    return { ids: r.hits.map((h) => h.id), scores: r.hits.map((h) => h.score), total: r.total };
  }
  // The same hits, total and facets without snippets: timed apart (worker.mjs), never compared.
  searchBare(query, limit) {
    const r = result(this.v.search(query.q, limit, { snippets: false }));
    return { ids: r.hits.map((h) => h.id), scores: r.hits.map((h) => h.score), total: r.total };
  }
  save() { return Buffer.from(this.v.saveIndex()); } // a copy: the bytes may live in wasm memory
  stats() { return result(this.v.stats()); }
}

export default {
  name: 'vigie',
  get version() {
    // The .wasm's time: emscripten leaves the .js untouched when only the C++ changed.
    try { return `wasm ${fs.statSync(API.replace(/\.js$/, '.wasm')).mtime.toISOString().slice(0, 16)}`; } catch { return '?'; }
  },
  config: 'JS API: addJsonl of UTF-8 bytes in 4 MB chunks, commit(); ICU word break, elisions, Snowball FR stemmer, accent fold; query syntax of DESIGN.md §5',
  cannot: [],
  serialization: 'saveIndex() → .vidx bytes / loadIndex(bytes) on a fresh instance',
  wantsJsonl: true,
  unavailable() {
    return fs.existsSync(API) ? null : `${path.relative(REPO, API)} not found: Vigie's JS API is not built yet`;
  },
  create: async () => new VigieEngine(await instantiate()),
  // Instantiating the wasm module is not part of the load time: the page does it once.
  instantiate,
  load: async (buf, v) => { v.loadIndex(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)); return new VigieEngine(v); },
};
