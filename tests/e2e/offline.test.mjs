// Offline and published (issue #7): the site served under a sub-path as GitHub project pages
// are; the first visit installs the service worker; offline, a reload opens the page, searches
// and shows the map; no request leaves the origin; a new deployment offers a reload that brings
// the new version.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open, SITE, until } from "./browser.mjs";


test("offline after the first visit, under a sub-path, with no third-party request; updates on reload", async () => {
  const site = mkdtempSync(join(tmpdir(), "vigie-site-"));
  cpSync(SITE, site, { recursive: true });
  const b = await open({ site, base: "/vigie/" });
  const requests = [];
  b.page.context().on("request", (r) => requests.push(r.url()));
  try {
    await b.page.goto(b.url);
    await until(b, () => window.vigie && window.vigie.ready, null, 60000);
    // The first visit installs the service worker; the next load is served by it.
    await until(b, () => navigator.serviceWorker.ready.then(() => true), null, 20000);
    // The precache revalidates what the page already downloaded: no file's body is sent twice.
    const bodies = new Map();
    for (const r of b.served) if (r.status === 200) bodies.set(r.path, (bodies.get(r.path) || 0) + 1);
    assert.deepEqual([...bodies].filter(([, n]) => n > 1), [], "a file downloaded twice on the first visit");
    assert.ok(b.served.some((r) => r.path === "/vigie_app.wasm" && r.status === 304), "the precache revalidated the wasm");
    await b.page.reload();
    await until(b, () => window.vigie && window.vigie.ready && navigator.serviceWorker.controller !== null, null, 60000);
    // Installable as Chromium judges it (manifest, icons, service worker).
    const cdp = await b.page.context().newCDPSession(b.page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);

    await b.page.context().setOffline(true);
    await b.page.reload();
    await until(b, () => window.vigie && window.vigie.ready, null, 60000);
    await b.page.keyboard.type("Amaq");
    await until(b, () => window.vigie.state().query === "Amaq", null, 20000);
    const s = await b.state();
    assert.equal(s.total, 3, "the search works offline");
    assert.ok(s.map.BEL, "the map is drawn offline");
    await b.shot("offline-1280x800");

    const origin = new URL(b.url).origin;
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:"));
    assert.deepEqual(foreign, [], "every request stays on the site's origin");
    assert.ok(requests.every((u) => u.startsWith(origin + "/vigie/") || u.startsWith("data:")), "all under the sub-path");

    // A new deployment: the service worker notices, downloads it, and the page offers a reload.
    await b.page.context().setOffline(false);
    const sw = readFileSync(join(site, "sw.js"), "utf8").replace(/const VERSION = "[^"]+"/, 'const VERSION = "second-build"');
    writeFileSync(join(site, "sw.js"), sw);
    writeFileSync(join(site, "index.html"), readFileSync(join(site, "index.html"), "utf8").replace("<head>", '<head>\n<meta name="vigie-build" content="second">'));
    await b.page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await until(b, () => window.vigie.update === "ready", null, 20000);
    assert.ok(await b.page.isVisible("#update"), "the reload offer is on screen");
    await b.shot("update-offer-1280x800");
    assert.equal(await b.page.evaluate(() => document.querySelector('meta[name="vigie-build"]')), null, "still the old page");
    await b.page.click("#update button");
    await until(b, () => document.querySelector('meta[name="vigie-build"]') !== null && window.vigie && window.vigie.ready, null, 60000);
    const caches = await b.page.evaluate(() => caches.keys());
    assert.deepEqual(caches, ["vigie-second-build"], "the old version's cache is gone");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    rmSync(site, { recursive: true, force: true });
  }
});
