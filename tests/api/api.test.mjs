// The JS API (DESIGN.md §4.4) as a Node program uses it: build/wasm/vigie_api.js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { seedsJsonl } from "../cli/seeds.mjs";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const require = createRequire(import.meta.url);
const createVigie = require(process.env.VIGIE_API || join(ROOT, "build/wasm/vigie_api.js"));
const NATIVE = process.env.VIGIE_NATIVE || join(ROOT, "build/native/vigie");

test("addJsonl, commit, search, stats", async () => {
  const v = await createVigie();
  assert.throws(() => v.search("x"), /no index/);
  const added = v.addJsonl(seedsJsonl() + '{"id": "bad", "text": 42}\nnot json\n{"id":"d","text":"x","date":"2019-02-30"}\n');
  assert.equal(added.added, 6);  // a bad date is left out, its document kept
  assert.equal(added.errors.length, 3);
  assert.match(added.errors[0], /^jsonl:6: field 'text' must be a string/);
  assert.match(added.errors[1], /^jsonl:7: not JSON at column 2/);
  assert.equal(added.errors[2], "jsonl:8: field 'date' is not an ISO 8601 date: '2019-02-30', date left out");
  assert.deepEqual(v.addDocument({ id: "extra", title: "Malines", text: "Réunion des procureurs à Malines.", date: "2017-10" }),
                   { added: 1, errors: [] });
  // Not a document: a message each, nothing added, nothing thrown.
  for (const bad of [undefined, null, 5, "[1]", () => 1, 10n]) {
    const r = v.addDocument(bad);
    assert.equal(r.added, 0, String(bad));
    assert.equal(r.errors.length, 1, String(bad));
  }
  assert.deepEqual(v.commit(), { documents: 7 });
  const r = v.search("procureurs Malines", 5);
  assert.deepEqual(r.hits.map((h) => h.id), ["extra", "004_49b964d3a1148937"]);
  assert.equal(typeof r.took_us, "number");
  const s = v.stats();
  assert.equal(s.documents, 7);
  for (const key of ["terms", "postings_bytes", "index_bytes", "text_bytes", "memory_bytes"]) assert.ok(s[key] > 0, key);
  assert.equal(v.search("propa", 10, { typing: true }).total, 4);  // 000–003 say "propagande"
  // Without snippets: the same hits, scores, total and facets, no passage decoded.
  const full = v.search("propagande Europol", 10), bare = v.search("propagande Europol", 10, { snippets: false });
  assert.ok(full.hits.length >= 2 && full.hits.every((h) => h.snippet.length > 0));
  assert.deepEqual(bare.hits.map((h) => [h.id, h.score, h.snippet, h.highlights.length]), full.hits.map((h) => [h.id, h.score, "", 0]));
  assert.deepEqual([bare.total, bare.facets], [full.total, full.facets]);
});

test("saveIndex and loadIndex round-trip, and equal the native CLI's bytes", async () => {
  const v = await createVigie();
  v.addJsonl(new TextEncoder().encode(seedsJsonl()));  // bytes, as a page reads a file
  v.commit();
  const saved = v.saveIndex();
  assert.ok(saved instanceof Uint8Array);
  const dir = mkdtempSync(join(tmpdir(), "vigie-api-"));
  writeFileSync(join(dir, "seeds.jsonl"), seedsJsonl());
  assert.equal(spawnSync(NATIVE, ["index", join(dir, "seeds.jsonl"), "-o", join(dir, "n.vidx")]).status, 0);
  assert.ok(Buffer.from(saved).equals(readFileSync(join(dir, "n.vidx"))), "wasm and native .vidx differ");

  const w = await createVigie();
  w.loadIndex(saved);
  const strip = (o) => { delete o.took_us; return o; };
  assert.deepEqual(strip(w.search("opération Belgique")), strip(v.search("opération Belgique")));
  // The same answers as the CLI's JSON (which is UTF-8; the API's is ASCII with \u escapes).
  for (const q of ["opération Belgique", "l’agence «Amaq»", "pays:BEL année:2019 propagande"]) {
    const cli = spawnSync(NATIVE, ["search", join(dir, "n.vidx"), q, "--json"], { encoding: "utf8" });
    assert.equal(cli.status, 0, cli.stderr);
    const answer = strip(w.search(q));
    assert.ok(answer.hits.length > 0 && /[^\x00-\x7f]/.test(answer.hits[0].snippet), q);
    assert.deepEqual(answer, strip(JSON.parse(cli.stdout)), q);
  }
  // More documents after a load: commit rebuilds with both.
  w.addDocument({ id: "more", text: "Une nouvelle opération en Belgique." });
  assert.deepEqual(w.commit(), { documents: 6 });
  assert.equal(w.search("nouvelle").hits[0].id, "more");
});

test("a document whose id is taken is skipped with a message; made-up ids differ from call to call", async () => {
  const v = await createVigie();
  const line = (o) => JSON.stringify(o) + "\n";
  // Within one call, against an earlier call, against the committed index.
  let r = v.addJsonl(line({ id: "a", text: "Première version." }) + line({ id: "a", text: "Doublon." }) + line({ text: "Sans id." }));
  assert.equal(r.added, 2);
  assert.deepEqual(r.errors, ["jsonl:2: id 'a' already used, skipped"]);
  r = v.addJsonl(line({ text: "Sans id non plus." }) + line({ id: "a", text: "Encore." }));
  assert.equal(r.added, 1);
  assert.deepEqual(r.errors, ["jsonl:2: id 'a' already used, skipped"]);
  assert.deepEqual(v.addDocument({ text: "Un document sans id." }), { added: 1, errors: [] });
  assert.deepEqual(v.addDocument({ text: "Un autre sans id." }), { added: 1, errors: [] });
  assert.deepEqual(v.commit(), { documents: 5 });
  assert.deepEqual(v.search("version").hits.map((h) => h.id), ["a"]);
  assert.deepEqual(v.search("id").hits.map((h) => h.id).sort(), ["document-1", "document2-1", "jsonl-3", "jsonl2-1"]);
  r = v.addDocument({ id: "a", text: "Après le commit." });
  assert.deepEqual(r, { added: 0, errors: ["document:1: id 'a' already used, skipped"] });
  assert.deepEqual(v.commit(), { documents: 5 });
  // A loaded index's ids are taken too.
  const w = await createVigie();
  w.loadIndex(v.saveIndex());
  assert.equal(w.addDocument({ id: "jsonl-3", text: "Pris." }).added, 0);
  assert.equal(w.addDocument({ id: "b", text: "Libre." }).added, 1);
  assert.deepEqual(w.commit(), { documents: 6 });
  // Added before a load: a pending document whose id the loaded index holds is dropped, said so
  // (commit() would have indexed that id twice).
  const x = await createVigie();
  x.addDocument({ id: "jsonl-3", text: "En attente, id pris." });
  x.addDocument({ id: "c", text: "En attente, id libre." });
  assert.deepEqual(x.loadIndex(v.saveIndex()), {
    documents: 5, pending: 1,
    errors: ["document:1: id 'jsonl-3' is in the loaded index, the pending document is dropped"],
  });
  assert.deepEqual(x.commit(), { documents: 6 });
  assert.deepEqual(x.search("attente").hits.map((h) => h.id), ["c"]);
  assert.equal(x.search("pris").total, 0);  // the dropped copy
});

test("made-up ids go on past those of a loaded index: documents without an id are never lost", async () => {
  const a = await createVigie();
  a.addJsonl('{"text":"Premier article."}\n{"text":"Deuxième article."}\n');
  a.addJsonl('{"text":"Troisième article."}\n');
  a.addDocument({ text: "Une note." });
  a.commit();
  const b = await createVigie();
  b.loadIndex(a.saveIndex());
  assert.deepEqual(b.addJsonl('{"text":"Nouveau un."}\n{"text":"Nouveau deux."}\n'), { added: 2, errors: [] });
  assert.deepEqual(b.addDocument({ text: "Nouvelle note." }), { added: 1, errors: [] });
  assert.deepEqual(b.commit(), { documents: 7 });
  assert.deepEqual(b.search("nouveau").hits.map((h) => h.id).sort(), ["jsonl3-1", "jsonl3-2"]);
  assert.deepEqual(b.search("nouvelle").hits.map((h) => h.id), ["document2-1"]);
});

test("a lone UTF-16 surrogate (half an emoji) is repaired with a warning, never joined to the next character", async () => {
  const v = await createVigie();
  let r = v.addJsonl('{"id":"j","text":"Un tweet \ud83d coupé, propagande."}\n');
  assert.deepEqual(r, { added: 1, errors: ["jsonl:1: a lone UTF-16 surrogate (half a character) at column 28 replaced with U+FFFD"] });
  r = v.addDocument({ id: "o", text: "Un message \ud83d tronqué, propagande." });
  assert.deepEqual(r, { added: 1, errors: ['document: the field "text" holds a lone UTF-16 surrogate (half a character), replaced with U+FFFD'] });
  r = v.addDocument('{"id":"s","text":"Une vidéo \udc00 coupée, propagande."}');
  assert.equal(r.added, 1);
  assert.match(r.errors[0], /^document:1: a lone UTF-16 surrogate/);
  v.commit();
  const snippets = Object.fromEntries(v.search("propagande").hits.map((h) => [h.id, h.snippet]));
  assert.equal(snippets.j, "Un tweet \ufffd coupé, propagande.");
  assert.equal(snippets.o, "Un message \ufffd tronqué, propagande.");
  assert.equal(snippets.s, "Une vidéo \ufffd coupée, propagande.");
  assert.equal(v.search("\ud83dpropagande").total, 3);  // the p is not swallowed
  assert.equal(v.search("\ud83dpropagande").query, "\ufffdpropagande");
});

test("arguments of the wrong type are refused with a message that names the argument", async () => {
  const v = await createVigie();
  v.addJsonl(seedsJsonl());
  v.commit();
  const good = v.saveIndex();
  for (const bad of [undefined, null, 42, "VIDX", {}])
    assert.throws(() => v.loadIndex(bad), (e) => e instanceof TypeError && /^loadIndex: expected the \.vidx bytes/.test(e.message));
  assert.deepEqual(v.loadIndex(new DataView(good.buffer, good.byteOffset, good.byteLength)).documents, 5);
  for (const bad of [undefined, null, 42, { id: "x", text: "y" }])
    assert.match(v.addJsonl(bad).errors[0], /^jsonl: expected JSON lines as a string or their UTF-8 bytes, not /);
  const line = new TextEncoder().encode('{"id":"dv","text":"Une vue sur des octets."}\n');
  assert.deepEqual(v.addJsonl(new DataView(line.buffer)), { added: 1, errors: [] });
  for (const bad of [undefined, null, {}, ["amaq"]]) assert.throws(() => v.search(bad), TypeError);
  assert.equal(v.search(2019).query, "2019");
  // More than one call can copy into 32-bit wasm memory: a message, not an abort.
  const huge = new Uint8Array(2 ** 31);  // never written: its pages are never touched
  assert.throws(() => v.loadIndex(huge), (e) => e instanceof RangeError && /^loadIndex: 2147483648 bytes, more than/.test(e.message));
  assert.match(v.addJsonl(huge).errors[0], /^jsonl: 2147483648 bytes, more than the 2147483647 one call takes/);
  assert.equal(v.search("Amaq").total, 3);  // still the index it had
});

test("commit says which document lost its source past the 65,535 an index holds", async () => {
  const v = await createVigie();
  const lines = [];
  for (let i = 0; i < 65537; ++i) lines.push(JSON.stringify({ id: `d${i}`, text: "mot", source: `source ${i}` }));
  assert.equal(v.addJsonl(lines.join("\n")).added, 65537);
  assert.deepEqual(v.commit(), {
    documents: 65537,
    warnings: ["jsonl:65536: document 'd65535': source 'source 65535' not kept: an index holds 65535 sources at most",
               "sources not kept: 2 documents in all"],
  });
  assert.equal(v.search("source:\"source 65534\"", 1).total, 1);
});

test("search's limit is clamped to what the CLI's --limit takes, 0 to 100000", async () => {
  const v = await createVigie();
  v.addJsonl(seedsJsonl());
  v.commit();
  const hits = (limit) => v.search("propagande", limit).hits.length;
  const total = v.search("propagande").total;
  assert.ok(total > 2, String(total));
  for (const huge of [1e12, 2 ** 32, 2 ** 31, Infinity, 100000, "1e12"]) assert.equal(hits(huge), total, String(huge));
  for (const none of [0, -1, -1e12, -Infinity, NaN, "abc", null]) assert.equal(hits(none), 0, String(none));
  assert.equal(hits(2.9), 2);
  assert.equal(hits("2"), 2);
  assert.equal(hits(undefined), Math.min(total, 10));
  assert.equal(v.search("propagande", 1e12).total, total);
});

test("loadIndex refuses damaged bytes with a message, and keeps the index it had", async () => {
  const v = await createVigie();
  v.addJsonl(seedsJsonl());
  v.commit();
  const good = v.saveIndex();
  const damaged = good.slice();
  damaged[damaged.length >> 1] ^= 1;
  assert.throws(() => v.loadIndex(damaged), /checksum mismatch/);
  assert.throws(() => v.loadIndex(good.slice(0, 64)), /truncated/);
  assert.throws(() => v.loadIndex(new Uint8Array(0)), /no VIDX header/);
  assert.equal(v.search("Amaq").total, 3);  // 001, 002, 003
});

test("a module is a library: it installs no process-wide handler, so a dropped instance can be freed", async () => {
  const events = ["uncaughtException", "unhandledRejection", "exit"];
  const before = events.map((e) => process.listenerCount(e));
  const v = await createVigie();
  v.addJsonl(seedsJsonl());
  v.commit();
  assert.deepEqual(events.map((e) => process.listenerCount(e)), before);
});
