// The `vigie` command on the real seed files, its bad-input paths, and proof that the native
// binary and its wasm build (run by Node) print the same bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const NATIVE = process.env.VIGIE_NATIVE || join(ROOT, "build/native/vigie");
const WASM = process.env.VIGIE_WASM || join(ROOT, "build/wasm/vigie.js");
const CORPUS = join(ROOT, "assets/corpus");
const FIXTURES = join(ROOT, "tests/data/manifests");

function native(args, input) {
  return spawnSync(NATIVE, args, { input, encoding: "utf8", cwd: ROOT });
}
function wasm(args, input) {
  return spawnSync(process.execPath, [WASM, ...args], { input, encoding: "utf8", cwd: ROOT });
}

test("extract --json: one object per bundled article, with metadata and token counts", () => {
  const r = native(["extract", CORPUS, "--json"]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, "");
  const docs = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(docs.map((d) => d.id), [
    "000_dd79424af6a55c74", "001_eb2049a8a21f8b0e", "002_9d81120c4d4a292b", "003_d7716fe0f2a8dcd5", "004_49b964d3a1148937",
  ]);
  const reuters = docs[3];
  assert.equal(reuters.title, "Opération européenne contre le réseau de propagande de Daech");
  assert.equal(reuters.date, "2018-04-27");
  assert.equal(reuters.source, "Reuters");
  assert.equal(reuters.bytes, readFileSync(join(CORPUS, "003_d7716fe0f2a8dcd5.txt")).length);
  for (const d of docs) assert.ok(d.tokens > 300 && d.tokens < 800, `${d.id}: ${d.tokens} tokens`);
  assert.equal(docs[0].date, "2023-05");
});

test("extract accepts the manifest file itself and prints a table without --json", () => {
  const r = native(["extract", join(CORPUS, "manifest.json")]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim().split("\n").length, 5);
  assert.match(r.stdout, /003_d7716fe0f2a8dcd5\s+2018-04-27\s+\d+ tokens\s+Opération européenne/);
});

test("analyze: the first sentence of seed 003", () => {
  const text = readFileSync(join(CORPUS, "003_d7716fe0f2a8dcd5.txt"), "utf8");
  const sentence = text.slice(text.indexOf("Une opération"), text.indexOf("Royaume-Uni.") + "Royaume-Uni.".length);
  const r = native(["analyze", "--json"], sentence);
  assert.equal(r.status, 0, r.stderr);
  const tokens = JSON.parse(r.stdout);
  const bytes = Buffer.from(sentence);
  for (const t of tokens) assert.ok(t.end > t.begin && t.end <= bytes.length);
  const terms = tokens.map((t) => t.term);
  assert.ok(terms.includes("oper") && terms.includes("belgiqu") && terms.includes("royaume-uni"), terms.join(" "));
  const organisation = tokens.find((t) => t.exact === "organisation");
  assert.equal(bytes.subarray(organisation.begin, organisation.end).toString(), "organisation"); // "l'" split off
});

test("bad input: a message naming the file, exit status 1, never a crash", async (t) => {
  await t.test("missing input", () => {
    const r = native(["extract", "/nonexistent/dossier"]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\/nonexistent\/dossier: no such file or directory/);
  });
  await t.test("JSON syntax error names file and line", () => {
    const r = native(["extract", join(FIXTURES, "syntax-error.json")]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /syntax-error\.json:4:\d+: /);
  });
  await t.test("broken documents are skipped with warnings, good ones still printed", () => {
    const r = native(["extract", join(FIXTURES, "mixed.json"), "--json"]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim().split("\n").length, 1);
    assert.match(r.stderr, /bad-utf8\.txt:2: invalid UTF-8/);
    assert.match(r.stderr, /nope\.txt: cannot open/);
  });
  await t.test("usage errors", () => {
    assert.equal(native([]).status, 1);
    assert.equal(native(["frobnicate"]).status, 1);
    assert.equal(native(["extract"]).status, 1);
    assert.equal(native(["extract", CORPUS, "--bogus"]).status, 1);
    assert.equal(native(["--help"]).status, 0);
  });
  await t.test("binary garbage on stdin is analyzed, not fatal", () => {
    const r = native(["analyze", "--json"], Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28, 0x0a]));
    assert.equal(r.status, 0, r.stderr);
    JSON.parse(r.stdout);
  });
});

test("native and wasm builds print the same bytes", async (t) => {
  await t.test("extract --json on the bundled dossier", () => {
    const a = native(["extract", CORPUS, "--json"]);
    const b = wasm(["extract", CORPUS, "--json"]);
    assert.equal(b.status, 0, b.stderr);
    assert.equal(b.stdout, a.stdout);
  });
  for (const file of readdirSync(CORPUS).filter((f) => f.endsWith(".txt"))) {
    await t.test(`analyze --json on ${file}`, () => {
      const text = readFileSync(join(CORPUS, file));
      const a = native(["analyze", "--json"], text);
      const b = wasm(["analyze", "--json"], text);
      assert.equal(b.status, 0, b.stderr);
      assert.ok(a.stdout.length > 1000);
      assert.equal(b.stdout, a.stdout);
    });
  }
  await t.test("bad input gives the same message", () => {
    const a = native(["extract", join(FIXTURES, "mixed.json"), "--json"]);
    const b = wasm(["extract", join(FIXTURES, "mixed.json"), "--json"]);
    assert.equal(b.stdout, a.stdout);
    assert.equal(b.stderr, a.stderr);
    assert.equal(b.status, a.status);
  });
});
