// The bundled dossier's manifest against its JSON Schema (ajv), its files against their recorded
// SHA-256 (kept byte for byte), and what `vigie extract` makes of the curated fields.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const CORPUS = join(ROOT, "assets/corpus");
const SEEDS = resolve(ROOT, "../shared/seeds");  // the collected originals, when this checkout sits beside them
const NATIVE = process.env.VIGIE_NATIVE || join(ROOT, "build/native/vigie");
const require = createRequire(join(ROOT, "web/package.json"));
const Ajv2020 = require("ajv/dist/2020").default;

const schema = JSON.parse(readFileSync(join(CORPUS, "manifest.schema.json"), "utf8"));
const manifest = JSON.parse(readFileSync(join(CORPUS, "manifest.json"), "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

test("manifest.json follows manifest.schema.json", () => {
  assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 2));
});

test("the schema refuses what the loader would refuse", () => {
  const broken = structuredClone(manifest);
  broken.documents[0].date = "2023-13";
  broken.operations[0].participants.push({ country: "Belgique", role: "hero", citations: [] });
  delete broken.format;
  assert.equal(validate(broken), false);
  const messages = validate.errors.map((e) => `${e.instancePath} ${e.message}`);
  for (const path of ["/documents/0/date", "/operations/0/participants/0/country", "/operations/0/participants/0/role",
                      "/operations/0/participants/0/citations", ""])
    assert.ok(messages.some((m) => m.startsWith(path + " ")), `${path}: ${messages.join("; ")}`);
  const fixture = JSON.parse(readFileSync(join(ROOT, "tests/data/manifests/mixed.json"), "utf8"));
  assert.equal(validate(fixture), false);
});

test("the original files are kept byte for byte", () => {
  for (const d of manifest.documents) {
    const bytes = readFileSync(join(CORPUS, d.file));
    assert.equal(createHash("sha256").update(bytes).digest("hex"), d.sha256, d.file);
    if (existsSync(SEEDS)) assert.ok(bytes.equals(readFileSync(join(SEEDS, d.file))), `${d.file} differs from ../shared/seeds`);
  }
});

test("citations quote their file exactly, inside the article", () => {
  const files = Object.fromEntries(manifest.documents.map((d) => [d.id, { bytes: readFileSync(join(CORPUS, d.file)), article: d.article }]));
  let n = 0;
  for (const op of manifest.operations)
    for (const c of [op.date?.source, ...op.participants.flatMap((p) => p.citations)].filter(Boolean)) {
      const f = files[c.document];
      assert.equal(f.bytes.subarray(c.begin, c.end).toString(), c.quote, `${op.id}: ${c.quote}`);
      assert.ok(f.article.some(([b, e]) => b <= c.begin && c.end <= e), `${op.id}: outside the article: ${c.quote}`);
      ++n;
    }
  assert.ok(n > 30, `${n} citations`);
});

test("extract shows the article text, its summary and its date's precision", () => {
  const r = spawnSync(NATIVE, ["extract", CORPUS, "--json"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const docs = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(docs.map((d) => d.date_precision), ["month", "day", "month", "day", "day"]);
  for (const d of docs) assert.ok(d.summary.length > 50, d.id);
  assert.deepEqual(docs[2].dates.map((x) => [x.surface, x.from, x.to, x.precision, x.inferred]), [
    ["entre le 21 et le 24 novembre", "2019-11-21", "2019-11-24", "day", true],
    ["avril 2018", "2018-04", "2018-04", "month", false],
    ["22 mars 2016", "2016-03-22", "2016-03-22", "day", false],
  ]);
  const daki = docs[4].entities.find((e) => e.id === "hassan-daki");
  assert.deepEqual([daki.kind, daki.count, daki.mentions], ["person", 2, ["Hassan Daki", "Hassan Daki"]]);
  assert.ok(docs[0].entities.some((e) => e.kind === "candidate" && e.name === "Petit Château"));
  const yabiladi = docs[4];
  const [[b1, e1], [b2, e2]] = manifest.documents[4].article;
  assert.equal(yabiladi.bytes, e1 - b1 + 2 + e2 - b2);  // two ranges and the blank line joining them
});
