// Known-item search: the five seed articles mixed into 3,519 pages of Debian's French
// documentation (the distractors deploy/setup.sh builds into the cache). For each seed, queries
// a journalist would type must put it first, natively and in the wasm build, which must also
// build the very same index bytes from this real corpus and print the same results.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const NATIVE = process.env.VIGIE_NATIVE || join(ROOT, "build/native/vigie");
const WASM = process.env.VIGIE_WASM || join(ROOT, "build/wasm/vigie.js");
const PAGES = join(process.env.VIGIE_DEPS || join(homedir(), ".cache/vigie"), "bench/pages.jsonl");

const SEEDS = {
  "000_dd79424af6a55c74": ["influenceur taliban Bruxelles expulsion", "petition expulsion", "Qadery", "influenceur pro-taliban"],
  "001_eb2049a8a21f8b0e": ["Belgique tête opération Amaq", "Amaq hors d'état de nuire", "anéantir l’agence",
                           "\"agence de presse\" Amaq Belgique"],
  "002_9d81120c4d4a292b": ["26 000 contenus supprimés Europol", "26000 contenus supprimes", "Van Der Sypt",
                           "opération coordonnée Europol propagande"],
  "003_d7716fe0f2a8dcd5": ["opération européenne propagande Daech", "operation europeenne propagnde Daech",
                           "Julian King", "administrateurs serveurs propagande"],
  "004_49b964d3a1148937": ["procureurs généraux Malines", "procureurs generaux malines", "Hassan Daki",
                           "réunis à Malines"],
};
const QUERIES = Object.entries(SEEDS).flatMap(([id, qs]) => qs.map((q) => ({ id, q })));

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, `${[cmd, ...args].join(" ")}: ${r.stderr}`);
  return r;
}
const native = (args, input) => run(NATIVE, args, input);
const wasm = (args, input) => run(process.execPath, [WASM, ...args], input);

test("known items: every seed comes first for its queries among 3,519 distractor pages, native = wasm", () => {
  assert.ok(existsSync(PAGES), `${PAGES} missing: deploy/setup.sh builds it from Debian's French documentation`);
  const dir = mkdtempSync(join(tmpdir(), "vigie-known-"));
  const corpus = [join(ROOT, "assets/corpus"), PAGES];
  const built = native(["index", ...corpus, "-o", join(dir, "native.vidx")]);
  assert.match(built.stderr, /^vigie: 3524 documents/);
  wasm(["index", ...corpus, "-o", join(dir, "wasm.vidx")]);
  assert.ok(readFileSync(join(dir, "native.vidx")).equals(readFileSync(join(dir, "wasm.vidx"))),
            "native and wasm indexes of the same corpus differ");

  const input = QUERIES.map((x) => x.q).join("\n") + "\n";
  const untimed = (s) => s.replace(/"took_us":\d+,/g, "");
  const out = native(["search", join(dir, "native.vidx"), "--limit", "3"], input).stdout;
  assert.equal(untimed(wasm(["search", join(dir, "wasm.vidx"), "--limit", "3"], input).stdout), untimed(out));

  const results = out.trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(results.length, QUERIES.length);
  const misses = QUERIES.filter((x, i) => results[i].hits[0]?.id !== x.id)
    .map((x) => `${x.q} → ${results[QUERIES.indexOf(x)].hits.map((h) => h.id).join(", ") || "nothing"} (want ${x.id})`);
  assert.deepEqual(misses, []);
});
