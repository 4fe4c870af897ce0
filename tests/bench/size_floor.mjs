#!/usr/bin/env node
// How small a saved index can be on a tier, whatever its format: the zero-order entropy of the
// corpus's words. The synthetic tier draws each word independently of the others (sentence
// capitals and elisions aside), so no coder stores its text in much fewer bits than that. A positional index is itself a lossless copy of the
// word sequence (each word and where it stands), so it has the same floor over the words
// lowercased. Each could be derived from the other, but a .vidx must read both on their own: a
// snippet or the reader decodes one document's text without walking the postings, and a query
// reads postings in place without the text (nothing is rebuilt at load). Two parts each
// readable alone: floor ≥ text floor + index floor.
//
//   node tests/bench/size_floor.mjs [FILE.jsonl] [--docs N]
//
// Prints the raw bytes (title + text, UTF-8), the words, their entropies and the floors as a
// share of the raw bytes. Real text is not made of independent words, so there its floors are
// estimates, not bounds.
import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { benchPath } from './lib/jsonl.mjs';

const { values: opt, positionals } = parseArgs({ allowPositionals: true, options: { docs: { type: 'string' } } });
const file = positionals[0] ?? benchPath('synthetic.jsonl');
const limit = opt.docs ? Number(opt.docs) : Infinity;

// Bits per item of a sequence with these counts, drawn independently: Σ −p log2 p.
function entropy(counts, n) {
  let h = 0;
  for (const c of counts.values()) h -= (c / n) * Math.log2(c / n);
  return h;
}

const written = new Map();  // tokens as written, between spaces (case and punctuation kept)
const words = new Map();    // words lowercased, letters and digits only
let raw = 0, nWritten = 0, nWords = 0, docs = 0;
const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  if (docs++ >= limit) break;
  const d = JSON.parse(line);
  const text = `${d.title ?? ''}\n${d.text ?? ''}`;
  raw += Buffer.byteLength(text);
  for (const t of text.split(/\s+/)) {
    if (!t) continue;
    written.set(t, (written.get(t) ?? 0) + 1);
    nWritten++;
  }
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    words.set(w, (words.get(w) ?? 0) + 1);
    nWords++;
  }
}
const hText = entropy(written, nWritten), hWords = entropy(words, nWords);
const textFloor = (nWritten * hText) / 8, indexFloor = (nWords * hWords) / 8;
const share = (b) => `${(b / 1e6).toFixed(1)} MB = ${(b / raw).toFixed(3)}×`;
console.log(`${file}: ${Math.min(docs, limit)} documents, ${(raw / 1e6).toFixed(1)} MB of title + text`);
console.log(`tokens as written: ${nWritten} (${written.size} distinct), ${hText.toFixed(2)} bits each → text floor ${share(textFloor)}`);
console.log(`words: ${nWords} (${words.size} distinct), ${hWords.toFixed(2)} bits each → positional index floor ${share(indexFloor)}`);
console.log(`text + positional index: at least ${share(textFloor + indexFloor)}`);
