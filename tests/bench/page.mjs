// The page's responsiveness in Debian's headless Chromium (issue #5): time from navigation to
// the first interactive frame, keystroke to results on screen, frames drawn while idle.
// With --site DIR (a site built with -DVIGIE_DOSSIER=… on a large dossier, see README.md), also
// a query with thousands of hits: its search time, and frame times while scrolling the list.
// Usage: node tests/bench/page.mjs [--runs N] [--site DIR] [--query WORD]   (needs build/site)
import { open } from "../e2e/browser.mjs";

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const runs = Number(arg("--runs")) || 5;
const site = arg("--site");
const query = arg("--query") || "fichier";
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const max = (v) => Math.max(...v);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const ready = [];
const keystroke = [];
const idle = [];
const scrolling = [];
let big = null;
for (let run = 0; run < runs; ++run) {
  const b = await open(site ? { site } : {});
  try {
    await b.ready();
    ready.push(await b.page.evaluate(() => window.vigie.readyAt));
    await sleep(300);
    // Each key: from its keydown to the first animation frame whose state shows the new query
    // (rAF resolution, ~16 ms at 60 Hz), measured inside the page.
    for (const word of ["propagande", "europol belgique"]) {
      for (const ch of word) {
        await b.page.evaluate((want) => {
          window.keyLatency = new Promise((resolve) => {
            let t0 = 0;
            window.addEventListener("keydown", () => { t0 = performance.now(); }, { once: true, capture: true });
            const poll = () => {
              if (t0 && window.vigie.state().query.endsWith(want)) resolve(performance.now() - t0);
              else requestAnimationFrame(poll);
            };
            requestAnimationFrame(poll);
          });
        }, ch);
        await b.page.keyboard.type(ch);
        keystroke.push(await b.page.evaluate(() => window.keyLatency));
        await sleep(30);
      }
      await b.page.keyboard.press("Escape");
      await sleep(100);
    }
    if (site) {  // thousands of hits: the virtualised list must scroll at frame rate
      await b.page.keyboard.type(query + " ");
      await b.page.waitForFunction((q) => window.vigie.state().query === q, query + " ");
      await sleep(500);
      const s = await b.state();
      big = { total: s.total, took: s.took_ms };
      const list = Object.values(s.rows)[0];
      await b.page.mouse.move(list.x + list.w / 2, list.y + list.h / 2);
      for (let i = 0; i < 60; ++i) {
        await b.page.mouse.wheel(0, 600);
        await sleep(40);
        scrolling.push((await b.state()).frame_ms);
      }
    }
    await sleep(1000);
    const f0 = (await b.state()).frames;
    await sleep(3000);
    idle.push(((await b.state()).frames - f0) / 3);
  } finally {
    await b.close();
  }
}
const fmt = (v) => v.toFixed(1);
console.log(`navigation → first interactive frame: median ${fmt(median(ready))} ms, max ${fmt(max(ready))} ms (${runs} loads, localhost)`);
console.log(`keystroke → results on screen: median ${fmt(median(keystroke))} ms, max ${fmt(max(keystroke))} ms (${keystroke.length} keys)`);
console.log(`frames drawn while idle: ${fmt(median(idle))} per second`);
if (big) {
  console.log(`"${query}": ${big.total} hits, search ${fmt(big.took)} ms (last run); frame while scrolling the list: ` +
              `median ${fmt(median(scrolling))} ms, max ${fmt(max(scrolling))} ms (${scrolling.length} frames)`);
}
