// The page's responsiveness in Debian's headless Chromium (issue #5): time from navigation to
// the first interactive frame, keystroke to results on screen, frames drawn while idle.
// Usage: node tests/bench/page.mjs [--runs N]   (needs build/site: deploy/build.sh)
import { open } from "../e2e/browser.mjs";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const max = (v) => Math.max(...v);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const ready = [];
const keystroke = [];
const idle = [];
for (let run = 0; run < runs; ++run) {
  const b = await open();
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
