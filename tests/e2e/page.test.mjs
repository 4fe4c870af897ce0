// The page in Debian's headless Chromium: it loads the bundled dossier, a mouse click on the
// canvas opens an article, state() reports what the screen shows; a broken site says why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open, SITE } from "./browser.mjs";

const IDS = ["000_dd79424af6a55c74", "001_eb2049a8a21f8b0e", "002_9d81120c4d4a292b", "003_d7716fe0f2a8dcd5",
             "004_49b964d3a1148937"];

async function clickRow(b, id) {
  const box = (await b.state()).rows[id];
  assert.ok(box, `row ${id} is on screen`);
  await b.page.mouse.move(box.x + box.w / 2, box.y + box.h / 2);
  await b.page.mouse.down();
  await b.page.mouse.up();
  await b.page.waitForFunction((want) => window.vigie.state().selected === want, id, { timeout: 5000 });
}

test("the page opens the dossier, lists it, and follows the window's size", async () => {
  const b = await open({ width: 1280, height: 800 });
  try {
    await b.ready();
    const start = await b.state();
    assert.equal(start.total, 5);
    assert.deepEqual([...start.results].sort(), IDS);
    assert.equal(start.results[0], "000_dd79424af6a55c74", "browsing: newest first");
    assert.equal(start.selected, null);
    assert.deepEqual(start.filters, []);
    const rows = Object.keys(start.rows);
    assert.ok(rows.length >= 3 && rows.every((id) => IDS.includes(id)), rows.join(" "));
    await b.shot("e2e-start-1280x800");

    await clickRow(b, "002_9d81120c4d4a292b");
    assert.equal((await b.state()).reader.doc, "002_9d81120c4d4a292b");
    await b.shot("e2e-reader-1280x800");

    // The page follows the browser window: a wider window gives wider list rows.
    const before = (await b.state()).rows["001_eb2049a8a21f8b0e"].w;
    await b.page.setViewportSize({ width: 1600, height: 900 });
    await b.page.waitForFunction((w) => window.vigie.state().rows["001_eb2049a8a21f8b0e"].w > w * 1.1, before);
    assert.equal(await b.page.evaluate(() => document.getElementById("canvas").width), 1600);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a site with a missing file shows an error instead of a blank page", async () => {
  const broken = mkdtempSync(join(tmpdir(), "vigie-broken-"));
  cpSync(SITE, broken, { recursive: true });
  rmSync(join(broken, "vigie_app.data"));
  const b = await open({ site: broken });
  try {
    await b.page.goto(b.url);
    await b.page.waitForFunction(() => window.vigie && window.vigie.error, null, { timeout: 30000 });
    assert.match(await b.page.textContent("#status"), /vigie_app\.data : HTTP 404/);
    assert.ok(await b.page.isVisible("#loading"));
    assert.equal(await b.page.evaluate(() => window.vigie.ready), false);
  } finally {
    await b.close();
    rmSync(broken, { recursive: true, force: true });
  }
});
