// JSONL files under build/bench/: a buffered writer that streams to disk, and a line reader.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BENCH_DIR = path.join(REPO, 'build', 'bench');

export function benchPath(name) {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  return path.join(BENCH_DIR, name);
}

// Appends one JSON object per line; flushes every ~4 MB so nothing large stays in memory.
// Usage: const w = new JsonlWriter(file); w.write(obj); …; const {docs, bytes} = w.close();
export class JsonlWriter {
  constructor(file) {
    this.file = file;
    this.tmp = `${file}.tmp`;
    this.fd = fs.openSync(this.tmp, 'w');
    this.parts = [];
    this.pending = 0;
    this.docs = 0;
    this.bytes = 0;
  }
  write(obj) {
    const line = JSON.stringify(obj) + '\n';
    this.parts.push(line);
    this.pending += line.length;
    this.docs++;
    if (this.pending >= 4 << 20) this.flush();
  }
  flush() {
    if (!this.parts.length) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    fs.writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.pending = 0;
  }
  close() {
    this.flush();
    fs.closeSync(this.fd);
    fs.renameSync(this.tmp, this.file); // a half-written corpus never looks complete
    return { docs: this.docs, bytes: this.bytes };
  }
}

// Yields [line, lineNumber] for every non-empty line of a file, streaming.
export async function* readLines(file) {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim()) yield [line, n];
  }
}

// Yields parsed documents, at most `limit` of them (0 = all).
export async function* readDocs(file, limit = 0) {
  let count = 0;
  for await (const [line, n] of readLines(file)) {
    let doc;
    try { doc = JSON.parse(line); } catch (e) { throw new Error(`${file}:${n}: ${e.message}`); }
    yield doc;
    if (limit && ++count >= limit) return;
  }
}

// A tier's corpus: build/bench/<tier>.jsonl, else the copy deploy/setup.sh keeps of the real
// tiers in the dependency cache (so a fresh clone on a warm machine runs them at once).
export function corpusFile(tier) {
  const own = path.join(BENCH_DIR, `${tier}.jsonl`);
  const cached = path.join(process.env.VIGIE_DEPS || path.join(os.homedir(), '.cache', 'vigie'), 'bench', `${tier}.jsonl`);
  return fs.existsSync(own) || !fs.existsSync(cached) ? own : cached;
}

export function mb(bytes) { return bytes / 1e6; }
