// `vigie build INPUT -o DIR` (DESIGN.md §4.3): a journalist's folder of articles becomes a static
// site that opens on them, not on the bundled dossier, and keeps them offline.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open, ROOT, SITE, until } from "./browser.mjs";

const NATIVE = process.env.VIGIE_NATIVE || join(ROOT, "build/native/vigie");

test("a site built for a folder of articles opens on them, searches them, and caches them for offline use", async () => {
  const work = mkdtempSync(join(tmpdir(), "vigie-build-"));
  const input = join(work, "enquête"), site = join(work, "site");
  mkdirSync(join(input, "port"), { recursive: true });
  writeFileSync(join(input, "port", "rotterdam.txt"),
                "Saisie record à Rotterdam\n\nLa douane néerlandaise a saisi huit tonnes de cocaïne dans le port de Rotterdam.\n");
  writeFileSync(join(input, "Lisbonne #2.md"),
                "# Enquête à Lisbonne\n\nLe parquet portugais a ouvert une enquête sur un réseau de blanchiment.\n");
  writeFileSync(join(input, "photo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));  // not an article: not copied
  const r = spawnSync(NATIVE, ["build", input, "-o", site, "--site", SITE], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /2 documents/);
  // Listed for the loader (with their sizes) and the service worker, as URL paths.
  const loader = readFileSync(join(site, "loader.js"), "utf8");
  assert.match(loader, /"dossier\/Lisbonne%20%232\.md":\d+/);
  assert.match(loader, /"dossier\/port\/rotterdam\.txt":\d+/);
  const sw = readFileSync(join(site, "sw.js"), "utf8");
  assert.match(sw, /"dossier\/Lisbonne%20%232\.md"/);
  assert.notEqual(sw.match(/const VERSION = "(\w+)"/)[1], readFileSync(join(SITE, "sw.js"), "utf8").match(/const VERSION = "(\w+)"/)[1]);

  const b = await open({ site });
  try {
    await b.ready();
    let s = await b.state();
    assert.equal(s.total, 2, "the built dossier's articles, not the bundled ones");
    assert.equal(s.dossier, "Vos articles");
    assert.ok(b.served.some((x) => x.path === "/dossier/Lisbonne #2.md" && x.status === 200));
    await b.page.keyboard.press("Control+K");
    await b.page.keyboard.type("douane");
    await until(b, () => window.vigie.state().query === "douane", null, 20000);
    s = await b.state();
    assert.equal(s.total, 1);
    assert.deepEqual(s.results, ["port/rotterdam"]);
    await b.shot("build-site-1280x800");
    // The service worker caches the dossier with the rest: the page opens on it offline.
    await until(b, () => navigator.serviceWorker.ready.then(() => true), null, 20000);
    await b.page.reload();
    await until(b, () => window.vigie && window.vigie.ready && navigator.serviceWorker.controller !== null, null, 60000);
    await b.page.context().setOffline(true);
    await b.page.reload();
    await until(b, () => window.vigie && window.vigie.ready, null, 60000);
    s = await b.state();  // the query stays in the URL
    assert.equal(s.dossier, "Vos articles");
    assert.equal(s.query, "douane");
    assert.deepEqual(s.results, ["port/rotterdam"]);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    rmSync(work, { recursive: true, force: true });
  }
});
