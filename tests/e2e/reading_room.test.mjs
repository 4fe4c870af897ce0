// The reading room as a user meets it (issue #5): typing, filters, the reader and its hits,
// citations, links, the timeline, the phone layout, and an idle page. Keyboard and mouse on the
// canvas; state() says what the screen shows. Each test saves screenshots in build/screenshots.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, sleep, until } from "./browser.mjs";

const BELGIUM_2018 = "003_d7716fe0f2a8dcd5";

async function click(b, id) {
  const s = await b.state();
  const box = s.boxes[id] || s.rows[id];
  assert.ok(box, `${id} is on screen`);
  await b.page.mouse.click(box.x + box.w / 2, box.y + box.h / 2);
  await sleep(120);  // a few frames: the boxes state() reports are those of the new layout
}

// Scrolls the pane under (x, y) with the mouse wheel (down, or up with dy < 0) until id is on screen.
async function reveal(b, id, x, y, dy = 120) {
  await b.page.mouse.move(x, y);
  for (let i = 0; i < 20 && !(await b.state()).boxes[id]; ++i) {
    await b.page.mouse.wheel(0, dy);
    await sleep(60);
  }
  await sleep(150);  // the last scroll's frames
  assert.ok((await b.state()).boxes[id], `${id} scrolled into view`);
}

test("typing: results follow every keystroke, accents and elisions included", async () => {
  const b = await open();
  try {
    await b.ready();
    assert.equal((await b.state()).search_focused, true, "the search field has the focus on load");
    const totals = [];
    const times = [];
    for (const prefix of ["p", "pr", "pro", "prop", "propa", "propag", "propaga", "propagan", "propagand", "propagande"]) {
      const t0 = Date.now();
      await b.page.keyboard.type(prefix.at(-1));
      await until(b, (q) => window.vigie.state().query === q, prefix);
      times.push(Date.now() - t0);
      totals.push((await b.state()).total);
    }
    // Search as you type: "p" is a prefix of many words, "propagande" of fewer; never empty.
    assert.ok(totals.every((n) => n > 0), JSON.stringify(totals));
    assert.ok(totals[0] >= totals.at(-1));
    const s = await b.state();
    assert.deepEqual(s.hits, s.results.slice(0, s.hits.length));
    console.log(`keystroke to results (incl. the test's polling): median ${times.sort((a, c) => a - c)[5]} ms, max ${times.at(-1)} ms`);
    await b.shot("room-typing-1280x800");

    // A row shows its snippet's matches even when they come late in the passage (the 2019 Amaq
    // article says « de propagande terroriste » at the end of its window).
    await b.page.keyboard.press("Escape");
    await b.page.keyboard.type("propagande terr");
    await until(b, () => window.vigie.state().query === "propagande terr");
    await until(b, () => (window.vigie.state().rows["001_eb2049a8a21f8b0e"]?.marks ?? []).includes("terroriste"));
    assert.deepEqual((await b.state()).rows["001_eb2049a8a21f8b0e"].marks, ["propagande", "terroriste"]);
    // Opened, the first result's first hit is in its first lines: the article is not scrolled
    // (its title, chips and summary stay above the text, not cut off to bring the hit a third down).
    const first = (await b.state()).results[0];
    await b.page.keyboard.press("Enter");
    await until(b, (id) => window.vigie.state().reader.doc === id && window.vigie.state().reader.hit === 1, first);
    await sleep(200);
    assert.ok((await b.state()).boxes["reader:hit"]);
    assert.equal((await b.state()).reader.scroll, 0);
    await b.page.keyboard.press("/");  // back to the search field
    await until(b, () => window.vigie.state().search_focused);

    // Esc clears; a query without accents finds the accented words, with ’ elisions.
    await b.page.keyboard.press("Escape");
    await until(b, () => window.vigie.state().query === "");
    await b.page.keyboard.type("operation europeenne");
    await until(b, () => window.vigie.state().query === "operation europeenne");
    assert.equal((await b.state()).results[0], BELGIUM_2018);
    await b.page.keyboard.press("Control+A");
    await b.page.keyboard.type("l’agence Amaq");
    await until(b, () => window.vigie.state().query === "l’agence Amaq");
    assert.ok((await b.state()).total >= 3);

    // A typo in the word being typed is forgiven before any space is typed, said so.
    await b.page.keyboard.press("Escape");
    await b.page.keyboard.type("propagnde");
    await until(b, () => window.vigie.state().query === "propagnde");
    assert.ok((await b.state()).total >= 3, JSON.stringify((await b.state()).total));
    await b.shot("room-typo-1280x800");

    // No result: the screen says so and offers a way out.
    await b.page.keyboard.press("Escape");
    await b.page.keyboard.type("zorglub");
    await until(b, () => window.vigie.state().total === 0);
    assert.ok((await b.state()).boxes["try:clear"], "an empty result suggests what to try");
    await b.shot("room-empty-1280x800");
    await click(b, "try:clear");
    await until(b, () => window.vigie.state().query === "" && window.vigie.state().total === 5);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("filters: a country, a year, an operation; chips remove them; the timeline brushes a period", async () => {
  const b = await open();
  try {
    await b.ready();
    assert.equal((await b.state()).boxes["facet:pays:ROU"], undefined, "a long facet shows its first values");
    await click(b, "more:pays");
    await until(b, () => window.vigie.state().boxes["facet:pays:ROU"]);
    await click(b, "facet:pays:ROU");
    await until(b, () => window.vigie.state().filters.includes("pays:ROU"));
    let s = await b.state();
    assert.deepEqual(s.results, [BELGIUM_2018]);
    await click(b, "chip:pays:ROU");  // the chip removes it
    await until(b, () => window.vigie.state().filters.length === 0);
    await reveal(b, "more:pays", 100, 300);
    await click(b, "more:pays");  // the long list folds back
    await until(b, () => !window.vigie.state().boxes["facet:pays:ROU"]);

    await click(b, "facet:pays:ESP");
    await until(b, () => window.vigie.state().filters.includes("pays:ESP"));
    const spain = (await b.state()).total;
    await click(b, "facet:annee:2019");
    await until(b, () => window.vigie.state().filters.length === 2);
    s = await b.state();
    assert.deepEqual(s.filters, ["pays:ESP", "annee:2019..2019"]);
    assert.ok(s.total > 0 && s.total < spain, `${s.total} of ${spain}`);
    assert.match(s.fragment, /pays=ESP/);
    assert.match(s.fragment, /annee=2019/);
    await b.shot("room-filters-1280x800");

    await reveal(b, "button:clear-filters", 100, 300, -120);
    await click(b, "button:clear-filters");
    await until(b, () => window.vigie.state().filters.length === 0 && window.vigie.state().total === 5);
    await reveal(b, "facet:op:amaq-2018-04", 100, 400);  // the operations are below the fold
    await click(b, "facet:op:amaq-2018-04");
    await until(b, () => window.vigie.state().filters.includes("op:amaq-2018-04"));
    assert.ok((await b.state()).results.includes(BELGIUM_2018));
    await click(b, "facet:op:amaq-2018-04");  // a second click removes it
    await until(b, () => window.vigie.state().filters.length === 0);

    // Drag along the timeline from 2018 to 2019: those two years.
    s = await b.state();
    const from = s.boxes["timeline:year:2018"], to = s.boxes["timeline:year:2019"];
    await b.page.mouse.move(from.x + 4, from.y + from.h - 6);
    await b.page.mouse.down();
    await b.page.mouse.move(from.x + from.w / 2, from.y + from.h - 6, { steps: 4 });
    await b.page.mouse.move(to.x + to.w - 4, to.y + to.h - 6, { steps: 8 });
    await b.page.mouse.up();
    await until(b, () => window.vigie.state().filters.includes("annee:2018..2019"));
    s = await b.state();
    assert.equal(s.total, 3);
    await b.shot("room-timeline-brush-1280x800");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("reader: Enter opens the first hit, Enter / Shift+Enter / F3 and the buttons step through hits", async () => {
  const b = await open();
  try {
    await b.ready();
    await b.page.keyboard.type("Amaq");
    await until(b, () => window.vigie.state().query === "Amaq");
    await b.page.keyboard.press("ArrowDown");
    await until(b, () => window.vigie.state().cursor === window.vigie.state().results[1]);
    await b.page.keyboard.press("ArrowUp");
    const first = (await b.state()).results[0];
    await b.page.keyboard.press("Enter");
    await until(b, (id) => window.vigie.state().reader.doc === id, first);
    let s = await b.state();
    assert.equal(s.reader.hit, 1);
    assert.ok(s.reader.hits >= 3, JSON.stringify(s.reader));
    const n = s.reader.hits;
    await b.page.keyboard.press("Enter");
    await until(b, () => window.vigie.state().reader.hit === 2);
    await b.page.keyboard.press("F3");
    await until(b, () => window.vigie.state().reader.hit === 3);
    await b.page.keyboard.press("Shift+Enter");
    await until(b, () => window.vigie.state().reader.hit === 2);
    await click(b, "button:prev-hit");
    await until(b, () => window.vigie.state().reader.hit === 1);
    await click(b, "button:prev-hit");  // wraps around
    await until(b, (last) => window.vigie.state().reader.hit === last, n);
    // The current hit is scrolled into the reader's view.
    await sleep(200);
    s = await b.state();
    const hit = s.boxes["reader:hit"], text = s.boxes["reader:text"];  // both as much as shows
    assert.ok(hit && text && hit.y >= text.y && hit.y + hit.h <= text.y + text.h + 1, JSON.stringify([hit, text]));
    assert.match(s.fragment, new RegExp(`doc=${first}&hit=${n}`));
    await b.shot("room-reader-hits-1280x800");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("citations and the clipboard: copy a citation, copy a selection, paste into the search field", async () => {
  const b = await open();
  try {
    await b.page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(b.url).origin });
    await b.ready();
    await b.page.keyboard.type("parquet fédéral");
    await until(b, () => window.vigie.state().total > 0);
    await click(b, BELGIUM_2018);
    await until(b, (id) => window.vigie.state().reader.doc === id, BELGIUM_2018);
    await click(b, "button:cite");
    await until(b, () => window.vigie.state().clipboard !== "");
    const cite = (await b.state()).clipboard;
    assert.match(cite, /^« .*parquet fédéral.* »\n— Opération européenne contre le réseau de propagande de Daech, Reuters, 27 avril 2018$/s);
    assert.equal(await b.page.evaluate(() => navigator.clipboard.readText()), cite);
    await b.shot("room-citation-1280x800");

    // Drag across the text: a selection; Ctrl+C copies exactly it.
    const t = (await b.state()).boxes["reader:text"];
    await b.page.mouse.move(t.x + 2, t.y + 14);
    await b.page.mouse.down();
    await b.page.mouse.move(t.x + 200, t.y + 14, { steps: 5 });
    await b.page.mouse.up();
    await b.page.keyboard.press("Control+C");
    await until(b, (c) => window.vigie.state().clipboard !== c, cite);
    const selected = (await b.state()).clipboard;
    assert.ok(selected.length > 10 && selected.length < 60, JSON.stringify(selected));
    assert.ok("BRUXELLES/PARIS (Reuters) - Une opération".startsWith(selected.trim()), JSON.stringify(selected));

    // Paste: Ctrl+K to the field, then the system clipboard's text.
    await b.page.evaluate(() => navigator.clipboard.writeText("serveurs\nsaisis"));
    await b.page.keyboard.press("Control+K");
    await until(b, () => window.vigie.state().search_focused);
    await b.page.keyboard.press("Control+A");
    await b.page.keyboard.press("Control+V");
    await until(b, () => window.vigie.state().query === "serveurs saisis");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("links: a deep link opens the same view, reload keeps it, back and forward work", async () => {
  const b = await open();
  try {
    await b.page.goto(b.url + "#q=propagande&pays=BEL&annee=2018..2019&doc=" + BELGIUM_2018 + "&hit=2");
    await until(b, () => window.vigie && window.vigie.ready);
    const check = async () => {
      const s = await b.state();
      assert.equal(s.query, "propagande");
      assert.deepEqual(s.filters, ["pays:BEL", "annee:2018..2019"]);
      assert.equal(s.reader.doc, BELGIUM_2018);
      assert.equal(s.reader.hit, 2);
      assert.equal(s.total, 3);
    };
    await check();
    await b.shot("room-deep-link-1280x800");
    await b.page.reload();
    await until(b, () => window.vigie && window.vigie.ready);
    await check();

    // Opening another article is a step in the history: back returns to this one.
    const other = (await b.state()).results.find((id) => id !== BELGIUM_2018);
    await click(b, other);
    await until(b, (id) => window.vigie.state().reader.doc === id, other);
    await until(b, (id) => location.hash.includes(id), other);
    await b.page.goBack();
    await until(b, (id) => window.vigie.state().reader.doc === id, BELGIUM_2018);
    await b.page.goForward();
    await until(b, (id) => window.vigie.state().reader.doc === id, other);

    // Malformed links are ignored, not fatal.
    await b.page.goto(b.url + "#q=%E0%A4&pays=&annee=abc..&doc=nope&hit=-3&zzz");
    await b.page.reload();
    await until(b, () => window.vigie && window.vigie.ready);
    const s = await b.state();
    assert.equal(s.reader.doc, null);
    assert.deepEqual(s.filters, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("preferences: language, theme and pane sizes survive a reload", async () => {
  const b = await open();
  try {
    await b.ready();
    await click(b, "button:lang");
    await until(b, () => window.vigie.state().lang === "en");
    const dark = (await b.state()).dark;
    await click(b, "button:theme");
    await until(b, (d) => window.vigie.state().dark !== d, dark);
    const before = (await b.state()).boxes["facet:pays:BEL"];
    const bar = (await b.state()).boxes["split-filters"];
    await b.page.mouse.move(bar.x + bar.w / 2, 300);
    await b.page.mouse.down();
    await b.page.mouse.move(bar.x + bar.w / 2 + 60, 300, { steps: 5 });
    await b.page.mouse.up();
    await until(b, (w) => window.vigie.state().boxes["facet:pays:BEL"].w > w + 40, before.w);
    const wider = (await b.state()).boxes["facet:pays:BEL"].w;
    await b.shot("room-english-dark-1280x800");
    await b.page.reload();
    await until(b, () => window.vigie && window.vigie.ready);
    const s = await b.state();
    assert.equal(s.lang, "en");
    assert.equal(s.dark, !dark);
    assert.ok(Math.abs(s.boxes["facet:pays:BEL"].w - wider) < 1, `${s.boxes["facet:pays:BEL"].w} vs ${wider}`);
    // The engine's notes follow the language too.
    await b.page.keyboard.type("propagnde pays:Atlantide ");
    await until(b, () => window.vigie.state().query === "propagnde pays:Atlantide ");
    assert.deepEqual((await b.state()).messages,
                     ["“propagnde” not found as written; close words: propagande.", "Unknown country “Atlantide”: ignored."]);
    await b.shot("room-english-notes-1280x800");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the theme follows the system's colour scheme until the user picks one", async () => {
  const b = await open();
  try {
    await b.page.emulateMedia({ colorScheme: "dark" });
    await b.ready();
    assert.equal((await b.state()).dark, true);
    await b.page.emulateMedia({ colorScheme: "light" });  // the system changes: the page follows
    await until(b, () => window.vigie.state().dark === false);
    await b.shot("room-system-light-1280x800");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a phone: one column with tabs; a tap opens the article, back returns to the list", async () => {
  const b = await open({ width: 390, height: 844, dpr: 3 });
  try {
    await b.ready();
    let s = await b.state();
    assert.equal(s.narrow, true);
    assert.equal(s.tab, "results");
    for (const box of Object.values(s.rows)) assert.ok(box.x >= 0 && box.x + box.w <= 390, JSON.stringify(box));
    await b.page.keyboard.type("Europol");
    await until(b, () => window.vigie.state().query === "Europol");
    await b.shot("room-phone-results-390x844");
    const first = (await b.state()).results[0];
    await click(b, first);
    await until(b, () => window.vigie.state().tab === "reader");
    assert.equal((await b.state()).reader.doc, first);
    const size = await b.page.evaluate(() => [document.getElementById("canvas").width, innerWidth]);
    assert.deepEqual(size, [390 * 3, 390]);  // backing store at device resolution: crisp text
    await b.shot("room-phone-reader-390x844");
    await click(b, "button:back");
    await until(b, () => window.vigie.state().tab === "results");
    await click(b, "tab:filters");
    await until(b, () => window.vigie.state().tab === "filters");
    await click(b, "facet:pays:BEL");
    await until(b, () => window.vigie.state().filters.includes("pays:BEL"));
    await b.shot("room-phone-filters-390x844");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("idle: no frame is drawn while nothing happens", async () => {
  const b = await open();
  try {
    await b.ready();
    await sleep(500);
    const f0 = (await b.state()).frames;
    await sleep(2000);
    const f1 = (await b.state()).frames;
    console.log(`frames drawn while idle: ${((f1 - f0) / 2).toFixed(1)} per second`);
    assert.ok(f1 - f0 <= 1, `${f1 - f0} frames in 2 s`);
    await b.page.mouse.move(300, 300);
    await until(b, (f) => window.vigie.state().frames > f, f1);  // and input wakes it
  } finally {
    await b.close();
  }
});
