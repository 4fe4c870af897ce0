// The `vigie` command on the real seed files, its bad-input paths, and proof that the native
// binary and its wasm build (run by Node) print the same bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { seedsJsonl } from "./seeds.mjs";

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
  // The shown and indexed text is the article: the manifest's ranges of the file, joined by a blank line.
  const manifest = JSON.parse(readFileSync(join(CORPUS, "manifest.json"), "utf8"));
  const article = (i) => {
    const file = readFileSync(join(CORPUS, manifest.documents[i].file));
    return Buffer.concat(manifest.documents[i].article.flatMap(([b, e], k) => [k ? Buffer.from("\n\n") : Buffer.alloc(0), file.subarray(b, e)]));
  };
  assert.equal(reuters.bytes, article(3).length);
  for (const d of docs) assert.ok(d.tokens > 300 && d.tokens < 800, `${d.id}: ${d.tokens} tokens`);
  assert.equal(docs[0].date, "2023-05");
  // Countries named in the text, most mentioned first, each mention with its byte range.
  assert.deepEqual(docs.map((d) => d.countries.map((c) => c.iso3).sort().join(" ")), [
    "AFG BEL", "BEL ESP NLD", "BEL ESP NLD", "BEL BGR CAN DEU ESP FRA GBR NLD ROU USA", "BEL ESP FRA IRQ MAR SYR",
  ]);
  const text = article(4);  // mention ranges are offsets in the document's text
  const morocco = docs[4].countries.find((c) => c.iso3 === "MAR");
  assert.equal(morocco.count, morocco.mentions.length);
  morocco.ranges.forEach(([b, e], i) => assert.equal(text.subarray(b, e).toString(), morocco.mentions[i]));
  assert.ok(morocco.mentions.includes("Maroc"), morocco.mentions.join(", "));
});

test("a directory of .txt, .md, .html, .json and .jsonl files: loaded, problems named, native = wasm", () => {
  const dir = join(ROOT, "tests/data/plain");
  const r = native(["extract", dir, "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const docs = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(docs.length, 20);
  assert.deepEqual(docs.find((d) => d.id === "note").countries.map((c) => c.iso3), ["BEL", "ESP", "MAR"]);
  assert.match(r.stderr, /bad-utf8\.txt:3: invalid UTF-8 at column 14/);
  assert.match(r.stderr, /lines\.jsonl:7: not JSON/);
  assert.match(r.stderr, /empty\.txt: empty, skipped/);
  const w = wasm(["extract", dir, "--json"]);
  assert.equal(w.stdout, r.stdout);
  assert.equal(w.stderr, r.stderr);
  const page = JSON.parse(native(["search", dir, "agence Amaq", "--json"]).stdout);
  assert.equal(page.hits[0].id, "page");
  const single = native(["extract", join(dir, "page.html")]);
  assert.equal(single.status, 0, single.stderr);
  assert.match(single.stdout, /^page\s/);
  const other = native(["extract", join(dir, "photo.png")]);
  assert.equal(other.status, 1);
  assert.match(other.stderr, /photo\.png: not a \.txt, \.md, \.html, \.json or \.jsonl file/);
});

test("search: pays: takes a code or a name, facets count the countries named", () => {
  for (const q of ["pays:MA", "pays:MAR", "pays:Maroc", "pays:marocain Malines"]) {
    const r = JSON.parse(native(["search", CORPUS, q, "--json"]).stdout);
    assert.deepEqual(r.hits.map((h) => h.id), ["004_49b964d3a1148937"], q);
  }
  const all = JSON.parse(native(["search", CORPUS, "pays:Belgique", "--json"]).stdout);
  assert.equal(all.total, 5);
  assert.deepEqual(all.facets.country.slice(0, 3), [
    { value: "BEL", count: 5 }, { value: "ESP", count: 4 }, { value: "NLD", count: 3 }]);
  const unknown = JSON.parse(native(["search", CORPUS, "pays:Atlantide", "--json"]).stdout);
  assert.match(unknown.messages.join(" "), /Atlantide.*inconnu/);
});

test("extract accepts the manifest file itself and prints a table without --json", () => {
  const r = native(["extract", join(CORPUS, "manifest.json")]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim().split("\n").length, 10);  // per article: its line, then its countries
  assert.match(r.stdout, /003_d7716fe0f2a8dcd5\s+2018-04-27\s+\d+ tokens\s+Opération européenne.*\n\s+countries: BEL×7 FRA×6/);
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

test("index then search: the JSON of DESIGN.md §4.3", () => {
  const dir = mkdtempSync(join(tmpdir(), "vigie-cli-"));
  const vidx = join(dir, "seeds.vidx");
  const built = native(["index", CORPUS, "-o", vidx]);
  assert.equal(built.status, 0, built.stderr);
  assert.match(built.stderr, /5 documents/);
  const r = native(["search", vidx, "opération Belgique", "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  for (const key of ["query", "total", "took_us", "hits"]) assert.ok(key in out, key);
  assert.equal(out.query, "opération Belgique");
  assert.equal(out.total, 3);
  assert.deepEqual(out.hits.map((h) => h.id).sort(), ["001_eb2049a8a21f8b0e", "002_9d81120c4d4a292b", "003_d7716fe0f2a8dcd5"]);
  for (const h of out.hits) {
    for (const key of ["id", "title", "date", "score", "snippet", "highlights"]) assert.ok(key in h, key);
    const bytes = Buffer.from(h.snippet);
    for (const [s, e] of h.highlights) assert.match(bytes.subarray(s, e).toString(), /^(opération|Belgique|belge|opérations|Opération)$/i);
  }
  // A directory source is indexed on the fly and gives the same hits.
  const direct = JSON.parse(native(["search", CORPUS, "opération Belgique", "--json"]).stdout);
  assert.deepEqual(direct.hits.map((h) => [h.id, h.score]), out.hits.map((h) => [h.id, h.score]));
  // --limit and --explain
  const one = JSON.parse(native(["search", vidx, "propagande", "--limit", "1", "--json"]).stdout);
  assert.equal(one.hits.length, 1);
  assert.ok(one.total > 1);
  const none = native(["search", vidx, "propagande", "--limit", "0", "--json"]);  // the count alone
  assert.equal(none.status, 0, none.stderr);
  assert.deepEqual(JSON.parse(none.stdout).hits, []);
  assert.equal(JSON.parse(none.stdout).total, one.total);
  assert.match(native(["search", vidx, "propagande", "--explain"]).stdout, /idf [0-9.]+ × saturation\(tf [0-9.]+\)/);
});

test("search: a query that starts with '-' is given after --, which every command takes", () => {
  const r = native(["search", CORPUS, "-amaq belgique"]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^vigie: unknown option '-amaq belgique' \(a query that starts with '-': put -- before it\)\n/);
  const q = native(["search", CORPUS, "--json", "--", "-amaq belgique"]);
  assert.equal(q.status, 0, q.stderr);
  const out = JSON.parse(q.stdout);
  assert.equal(out.query, "-amaq belgique");
  const same = JSON.parse(native(["search", CORPUS, "belgique -amaq", "--json"]).stdout);
  assert.ok(out.total > 0 && out.total < 5, String(out.total));  // all five name Belgium, three Amaq
  assert.deepEqual(out.hits.map((h) => h.id), same.hits.map((h) => h.id));
  // After --, nothing is an option: "--json" is a second query, one too many.
  assert.match(native(["search", CORPUS, "--", "-amaq", "--json"]).stderr, /search takes SOURCE \[QUERY\]/);
  // The same parser for every command: analyze's TEXT, and no hint where no text can be.
  const a = native(["analyze", "--json", "--", "-taliban"]);
  assert.equal(a.status, 0, a.stderr);
  assert.deepEqual(JSON.parse(a.stdout).map((t) => t.exact), ["taliban"]);
  assert.match(native(["analyze", "-taliban"]).stderr, /unknown option '-taliban' \(a text that starts with '-': put -- before it\)/);
  assert.match(native(["extract", CORPUS, "--bogus"]).stderr, /^vigie: unknown option '--bogus'\n/);
});

test("index: an id that two INPUTs give is indexed once, the later document skipped with a warning", () => {
  const dir = mkdtempSync(join(tmpdir(), "vigie-cli-"));
  const c1 = join(dir, "c1.jsonl"), c2 = join(dir, "c2.jsonl");
  const line = (o) => JSON.stringify(o) + "\n";
  writeFileSync(c1, line({ id: "d4", text: "Perquisitions à Malines." }) + line({ id: "d5", text: "Perquisitions à Gand." }));
  writeFileSync(c2, line({ id: "d6", text: "Perquisitions à Liège." }) + line({ id: "d5", text: "Perquisitions à Namur." }));
  const r = native(["index", c1, c1, c2, "-o", join(dir, "x.vidx")]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /vigie: 3 documents, /);
  const warnings = r.stderr.split("\n").filter((l) => l.startsWith("vigie: warning: "));
  assert.deepEqual(warnings, [
    `vigie: warning: ${c1}:1: id 'd4' already used by ${c1}:1, skipped`,
    `vigie: warning: ${c1}:2: id 'd5' already used by ${c1}:2, skipped`,
    `vigie: warning: ${c2}:2: id 'd5' already used by ${c1}:2, skipped`,
  ]);
  const hits = JSON.parse(native(["search", join(dir, "x.vidx"), "perquisitions", "--json"]).stdout).hits;
  assert.deepEqual(hits.map((h) => h.id).sort(), ["d4", "d5", "d6"]);
  assert.equal(JSON.parse(native(["search", join(dir, "x.vidx"), "Namur", "--json"]).stdout).total, 0);  // the first d5 wins
});

test("search batch mode: one query per line in, one JSON object per line out", () => {
  const r = native(["search", CORPUS], "Amaq\n\"agence de presse\"\nmot-introuvable-xyz\n");
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.query), ["Amaq", "\"agence de presse\"", "mot-introuvable-xyz"]);
  assert.ok(lines[0].total >= 3);
  assert.equal(lines[2].total, 0);
});

test("index and search: bad input is a message and exit status 1", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "vigie-cli-"));
  await t.test("a damaged index", () => {
    const vidx = join(dir, "seeds.vidx");
    assert.equal(native(["index", CORPUS, "-o", vidx]).status, 0);
    const bytes = readFileSync(vidx);
    bytes[bytes.length >> 1] ^= 0x10;
    writeFileSync(join(dir, "damaged.vidx"), bytes);
    const r = native(["search", join(dir, "damaged.vidx"), "Amaq"]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /damaged\.vidx: not a valid Vigie index \(checksum mismatch\)/);
    writeFileSync(join(dir, "empty.vidx"), "");
    assert.match(native(["search", join(dir, "empty.vidx"), "Amaq"]).stderr, /no VIDX header/);
  });
  await t.test("usage errors", () => {
    assert.equal(native(["index", CORPUS]).status, 1);
    assert.equal(native(["index", "-o", join(dir, "x.vidx")]).status, 1);
    assert.equal(native(["search", CORPUS, "a", "--limit", "abc"]).status, 1);
    assert.equal(native(["search", CORPUS, "a", "--limit"]).status, 1);
    assert.equal(native(["search"]).status, 1);
    assert.equal(native(["search", "/nonexistent.vidx", "a"]).status, 1);
    assert.equal(native(["index", "/nonexistent", "-o", join(dir, "y.vidx")]).status, 1);
  });
  await t.test("hostile queries never crash", () => {
    const hostile = ["\"unbalanced", "-", "foo:bar", "x".repeat(10000), "a\u0001b\u007f", "OR OR", "année:abc", "\"\"\""];
    const r = native(["search", CORPUS], hostile.join("\n") + "\n");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim().split("\n").length, hostile.length);
  });
});

test("native and wasm builds index and search alike", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "vigie-cli-"));
  const jsonl = join(dir, "seeds.jsonl");
  writeFileSync(jsonl, seedsJsonl());
  await t.test("the same .vidx bytes", () => {
    assert.equal(native(["index", jsonl, "-o", join(dir, "n.vidx")]).status, 0);
    const w = wasm(["index", jsonl, "-o", join(dir, "w.vidx")]);
    assert.equal(w.status, 0, w.stderr);
    assert.ok(readFileSync(join(dir, "n.vidx")).equals(readFileSync(join(dir, "w.vidx"))));
  });
  await t.test("the same results, scores and snippets", () => {
    const queries = ["opération Belgique", "\"agence de presse\"", "propagnde", "terr*", "Etats-Unis", "année:2019 Europol",
                     "Canada OR Maroc", "26 000", "été -Amaq", "l’objectif", "source:reuters"].join("\n") + "\n";
    const strip = (out) => out.trim().split("\n").map((l) => { const o = JSON.parse(l); delete o.took_us; return o; });
    const a = strip(native(["search", join(dir, "n.vidx")], queries).stdout);
    const b = strip(wasm(["search", join(dir, "n.vidx")], queries).stdout);
    assert.equal(a.length, 11);
    assert.deepEqual(b, a);
  });
});

test("build: the site for a dossier, the same bytes native and wasm; bad inputs say why and write nothing", async (t) => {
  const SITE = process.env.VIGIE_SITE || join(ROOT, "build/site");
  const dir = mkdtempSync(join(tmpdir(), "vigie-build-"));
  await t.test("the curated dossier: its files and manifest, listed for the loader and the service worker", () => {
    const n = native(["build", join(CORPUS, "manifest.json"), "-o", join(dir, "n"), "--site", SITE]);
    assert.equal(n.status, 0, n.stderr);
    assert.match(n.stderr, /^vigie: 5 documents → /);
    const w = wasm(["build", join(CORPUS, "manifest.json"), "-o", join(dir, "w"), "--site", SITE]);
    assert.equal(w.status, 0, w.stderr);
    const files = readdirSync(join(dir, "n", "dossier")).sort();
    assert.ok(files.includes("manifest.json") && files.includes("000_dd79424af6a55c74.txt"), files.join(" "));
    for (const f of ["loader.js", "sw.js", ...files.map((f) => "dossier/" + f)])
      assert.ok(readFileSync(join(dir, "n", f)).equals(readFileSync(join(dir, "w", f))), f + " differs native and wasm");
    for (const f of readdirSync(SITE).filter((f) => !["loader.js", "sw.js", "dossier"].includes(f)))
      assert.ok(readFileSync(join(dir, "n", f)).equals(readFileSync(join(SITE, f))), f + " is not the site's");
    const sizes = JSON.parse(readFileSync(join(dir, "n", "loader.js"), "utf8").match(/const FILES = (.*);/)[1]);
    assert.equal(sizes["dossier/manifest.json"], readFileSync(join(CORPUS, "manifest.json")).length);
    const cached = JSON.parse(readFileSync(join(dir, "n", "sw.js"), "utf8").match(/const FILES = (.*);/)[1]);
    assert.ok(files.every((f) => cached.includes("dossier/" + f)));
    // The copy opens as the dossier does.
    const ids = (input) => native(["extract", input, "--json"]).stdout.trim().split("\n").map((l) => JSON.parse(l).id);
    assert.deepEqual(ids(join(dir, "n", "dossier")), ids(CORPUS));
  });
  await t.test("bad input: exit 1, a message naming what is wrong, no site", () => {
    const out = join(dir, "bad");
    mkdirSync(join(dir, "empty"));
    mkdirSync(join(dir, "outside"));
    writeFileSync(join(dir, "outside", "manifest.json"), JSON.stringify({ title: "Dehors", documents: [{ id: "x", file: "../x.txt" }] }));
    writeFileSync(join(dir, "x.txt"), "Un article hors du dossier.");
    for (const [args, message] of [
      [["build", join(dir, "missing"), "-o", out], /missing: no such file or directory/],
      [["build", join(dir, "empty"), "-o", out], /empty: no \.txt, \.md, \.html, \.json or \.jsonl file/],
      [["build", join(dir, "outside", "manifest.json"), "-o", out], /documents\[0\]\.file '\.\.\/x\.txt' lies outside the dossier's folder/],
      [["build", join(dir, "outside"), "-o", out], /manifest\.json: documents\[0\]\.file '\.\.\/x\.txt' lies outside/],
      [["build", CORPUS, "-o", out, "--site", join(dir, "empty")], /empty: not a built Vigie site \(no index\.html/],
      [["build", CORPUS], /build needs -o DIR/],
      [["build", "-o", out], /build takes one INPUT/],
      [["build", CORPUS, "-o", out, "--site"], /--site needs a value/],
    ]) {
      const r = native(args.includes("--site") ? args : [...args, "--site", SITE]);
      assert.equal(r.status, 1, args.join(" "));
      assert.match(r.stderr, message);
      assert.ok(!existsSync(out), args.join(" ") + " wrote a site");
    }
    // A site inside the folder it is made from would be read as articles by the next build.
    mkdirSync(join(dir, "one"));
    writeFileSync(join(dir, "one", "a.txt"), "Un article.");
    const inside = native(["build", join(dir, "one"), "-o", join(dir, "one", "site"), "--site", SITE]);
    assert.equal(inside.status, 1);
    assert.match(inside.stderr, /one\/site: lies inside .*one, whose files the site would then include/);
    assert.ok(!existsSync(join(dir, "one", "site")));
  });
});
