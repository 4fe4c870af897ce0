// The map (issue #6): the April 2018 operation's eight participants by role, apart from the
// countries only mentioned; hovering Belgium names it, clicking filters the results; a passage
// opens the reader at its sentence; both modes; the map's frame cost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, sleep, until } from "./browser.mjs";

const centre = (box) => [box.x + box.w / 2, box.y + box.h / 2];
const inside = (country) => [country.px, country.py];  // state().map's point inside a country

test("map on a phone: a pinch zooms about the fingers", async () => {
  const b = await open({ width: 390, height: 844, dpr: 2 });
  try {
    await b.ready();
    await b.page.mouse.click(...centre((await b.state()).boxes["tab:map"]));
    await until(b, () => window.vigie.state().tab === "map");
    await sleep(200);
    const before = (await b.state()).map_zoom;
    const canvas = (await b.state()).boxes["map:canvas"];
    const [cx, cy] = centre(canvas);
    const cdp = await b.page.context().newCDPSession(b.page);
    const touch = (type, d) => cdp.send("Input.dispatchTouchEvent", {
      type, touchPoints: type === "touchEnd" ? [] : [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }] });
    await touch("touchStart", 30);
    for (const d of [40, 55, 70, 90]) { await touch("touchMove", d); await sleep(30); }
    await touch("touchEnd", 0);
    await until(b, (z) => window.vigie.state().map_zoom > z * 2, before);  // fingers 60 → 180 px apart: ×3
    await b.shot("map-phone-pinch-390x844");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("map: an operation's participants by role, hover and click a country, passages open the reader", async () => {
  const b = await open();
  try {
    await b.page.goto(b.url + "#op=amaq-2018-04");
    await until(b, () => window.vigie && window.vigie.ready);
    await sleep(200);
    let s = await b.state();
    assert.equal(s.map_mode, "participation");
    assert.equal(s.map.BEL.role, "lead");
    for (const iso of ["BGR", "FRA", "NLD", "ROU", "GBR", "CAN", "USA"]) assert.equal(s.map[iso]?.role, "participant", iso);
    for (const iso of ["ESP", "DEU"]) assert.equal(s.map[iso]?.role, null, `${iso} is mentioned, not a participant`);
    await b.shot("map-participation-april-2018-1280x800");

    // Back to the whole dossier, then hover and click Belgium.
    await b.page.goto(b.url + "#");
    await b.page.reload();
    await until(b, () => window.vigie && window.vigie.ready);
    await sleep(200);
    s = await b.state();
    const [x, y] = inside(s.map.BEL);
    await b.page.mouse.move(x, y);
    await until(b, () => window.vigie.state().map_hover === "BEL");
    await b.shot("map-hover-belgium-1280x800");
    await b.page.mouse.down();
    await b.page.mouse.up();
    await until(b, () => window.vigie.state().filters.includes("pays:BEL"));
    await sleep(150);
    s = await b.state();
    assert.equal(s.total, 5, "every seed names Belgium");
    // The passages behind Belgium's roles: the first opens its article at that sentence.
    assert.ok(s.boxes["passage:1"], "the country's passages are listed");
    const [px, py] = centre(s.boxes["passage:1"]);
    await b.page.mouse.click(px, py);
    await until(b, () => window.vigie.state().reader.doc !== null);
    await sleep(200);
    s = await b.state();
    const sel = s.boxes["reader:selection"];
    assert.ok(sel && sel.y > 56 && sel.y < 540, `the cited sentence is selected and in view: ${JSON.stringify(sel)}`);

    // Clicking Belgium again (where it is now: the passages took room) removes the filter;
    // Morocco keeps only the article that names it.
    await b.page.mouse.click(...inside(s.map.BEL));
    await until(b, () => window.vigie.state().filters.length === 0);
    await sleep(150);
    const mar = (await b.state()).map.MAR;
    await b.page.mouse.click(...inside(mar));
    await until(b, () => window.vigie.state().filters.includes("pays:MAR"));
    assert.deepEqual((await b.state()).results, ["004_49b964d3a1148937"]);

    // Mentions: how many documents of the results name each country.
    await b.page.mouse.click(...inside((await b.state()).map.MAR));  // off again
    await until(b, () => window.vigie.state().filters.length === 0);
    const mentions = (await b.state()).boxes["button:map-mentions"];
    await b.page.mouse.click(...centre(mentions));
    await until(b, () => window.vigie.state().map_mode === "mentions");
    s = await b.state();
    assert.equal(s.map.BEL.count, 5);
    assert.equal(s.map.ESP.count, 4);
    await b.shot("map-mentions-1280x800");

    // Zoom and pan: the frame cost stays small (the page benchmark reports it too).
    const canvas = s.boxes["map:canvas"];
    await b.page.mouse.move(...centre(canvas));
    const costs = [];
    for (let i = 0; i < 6; ++i) {
      await b.page.mouse.wheel(0, i < 3 ? -200 : 200);
      await sleep(50);
      costs.push((await b.state()).map_ms);
    }
    console.log(`map pane per frame, while zooming: ${costs.map((c) => c.toFixed(2)).join(" ")} ms`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
