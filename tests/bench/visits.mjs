// What a visit costs (issue #7), in Debian's headless Chromium on localhost, the site served
// under a sub-path: what the server sends on the first visit, by file (raw, and gzip -9 as a
// host would send it; the page's requests and the service worker's precache alike), what it
// sends on a repeat visit, and the time from navigation to the first interactive frame online
// and offline.
// Usage: node tests/bench/visits.mjs   (needs build/site: deploy/build.sh)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { open, SITE } from "../e2e/browser.mjs";

const b = await open({ base: "/vigie/" });
const ready = async () => {
  await b.page.waitForFunction(() => window.vigie && window.vigie.ready, null, { timeout: 60000 });
  return b.page.evaluate(() => window.vigie.readyAt);
};
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KiB";
try {
  await b.page.goto(b.url);
  const first = await ready();
  await b.page.waitForFunction(() => navigator.serviceWorker.ready.then(() => true));
  await new Promise((r) => setTimeout(r, 1500));  // the precache downloads in the background
  const firstVisit = b.served.splice(0);
  const byFile = new Map();
  for (const r of firstVisit) {
    const name = r.path === "/" ? "index.html" : r.path.slice(1);
    const e = byFile.get(name) || { bytes: 0, gzip: 0, bodies: 0, unchanged: 0 };
    if (r.status === 200) {
      e.bytes += r.bytes;
      e.gzip += gzipSync(readFileSync(join(SITE, name)), { level: 9 }).length;
      e.bodies++;
    } else {
      e.unchanged++;
    }
    byFile.set(name, e);
  }
  console.log("first visit, everything the server sent (the page's requests, then the service worker's precache,\n  which revalidates what the page already has: 304 without a body):");
  let raw = 0, gz = 0;
  for (const [name, e] of [...byFile].sort((a, c) => c[1].bytes - a[1].bytes)) {
    console.log(`  ${name.padEnd(24)} ${kb(e.bytes)} raw ${kb(e.gzip)} gzip  (${e.bodies} × 200, ${e.unchanged} × 304)`);
    raw += e.bytes; gz += e.gzip;
  }
  console.log(`  ${"total".padEnd(24)} ${kb(raw)} raw ${kb(gz)} gzip`);
  await b.page.reload();
  const repeat = await ready();
  const again = b.served.splice(0);
  console.log(`repeat visit: ${again.reduce((a, r) => a + r.bytes, 0)} bytes sent (${again.length} requests: ${again.map((r) => `${r.path} ${r.status}`).join(", ") || "none"})`);
  await b.page.context().setOffline(true);
  await b.page.reload();
  const offline = await ready();
  console.log(`navigation → first interactive frame: first visit ${first.toFixed(0)} ms, repeat ${repeat.toFixed(0)} ms, offline ${offline.toFixed(0)} ms`);
} finally {
  await b.close();
}
