// What a visit costs (issue #7), in Debian's headless Chromium on localhost, the site served
// under a sub-path: bytes per file on the first visit (raw, and gzip -9 as a host would send
// them), bytes from the network on a repeat visit (the service worker serves the rest), and the
// time from navigation to the first interactive frame online and offline.
// Usage: node tests/bench/visits.mjs   (needs build/site: deploy/build.sh)
import { gzipSync } from "node:zlib";
import { open } from "../e2e/browser.mjs";

const b = await open({ base: "/vigie/" });
const fromNetwork = [];
b.page.on("response", async (r) => {
  if (r.fromServiceWorker()) return;
  const body = await r.body().catch(() => Buffer.alloc(0));
  fromNetwork.push({ url: r.url(), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
});
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
  const firstVisit = fromNetwork.splice(0);
  const byFile = new Map();
  for (const r of firstVisit) {
    const name = new URL(r.url).pathname.replace("/vigie/", "") || "./";
    const e = byFile.get(name) || { bytes: 0, gzip: 0, n: 0 };
    byFile.set(name, { bytes: e.bytes + r.bytes, gzip: e.gzip + r.gzip, n: e.n + 1 });
  }
  console.log("first visit, the page's own requests (the service worker then fetches the same files once more, bypassing\n  the HTTP cache so that a precache never mixes two deployments; Playwright does not see those):");
  let raw = 0, gz = 0;
  for (const [name, e] of [...byFile].sort((a, c) => c[1].bytes - a[1].bytes)) {
    console.log(`  ${name.padEnd(24)} ${kb(e.bytes)} raw ${kb(e.gzip)} gzip  (${e.n} request${e.n > 1 ? "s" : ""})`);
    raw += e.bytes; gz += e.gzip;
  }
  console.log(`  ${"total".padEnd(24)} ${kb(raw)} raw ${kb(gz)} gzip`);
  await b.page.reload();
  const repeat = await ready();
  const again = fromNetwork.splice(0);
  console.log(`repeat visit: ${again.reduce((a, r) => a + r.bytes, 0)} bytes from the network (${again.length} requests: ${again.map((r) => new URL(r.url).pathname).join(" ") || "none"})`);
  await b.page.context().setOffline(true);
  await b.page.reload();
  const offline = await ready();
  console.log(`navigation → first interactive frame: first visit ${first.toFixed(0)} ms, repeat ${repeat.toFixed(0)} ms, offline ${offline.toFixed(0)} ms`);
} finally {
  await b.close();
}
