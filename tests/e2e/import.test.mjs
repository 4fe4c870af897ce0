// A journalist's own articles, in the browser (DESIGN.md §4.2): picked with the import button
// (or dropped), read in the page, indexed there; bad files are said, good ones kept; nothing is
// sent anywhere.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, ROOT, until } from "./browser.mjs";

const PLAIN = join(ROOT, "tests/data/plain");

test("import: the reader's own files replace the dossier in the page; bad ones are reported", async () => {
  const b = await open();
  const requests = [];
  try {
    // Listening early: playwright turns file chooser interception on asynchronously, and a click
    // right after the listener could open the browser's own (headless: invisible) dialog.
    const chosen = new Promise((resolve) => b.page.once("filechooser", resolve));
    await b.ready();
    await b.page.waitForTimeout(300);
    b.page.on("request", (r) => requests.push(`${r.method()} ${r.url()}`));
    const box = (await b.state()).boxes["button:import"];
    assert.ok(box, "the import button is in the header");
    await b.page.mouse.click(box.x + box.w / 2, box.y + box.h / 2);
    const chooser = await Promise.race([chosen, b.page.waitForTimeout(20000).then(() => assert.fail("no file chooser"))]);
    await chooser.setFiles(["article.txt", "note.md", "page.html", "lines.jsonl", "bad-utf8.txt", "empty.txt"].map((f) => join(PLAIN, f)));
    await until(b, () => window.vigie.state().dossier !== "Amaq : la propagande de l’État islamique face à la justice européenne" &&
                         window.vigie.state().total > 5, null, 20000);
    let s = await b.state();
    assert.equal(s.total, 13, "the same documents as `vigie extract` finds in those files");
    assert.equal(s.dossier, "Vos articles");
    assert.match(s.notice, /^13 articles importés ; 3 fichiers ou lignes ignorés ou réparés/);
    await b.shot("import-1280x800");
    await b.page.keyboard.press("Control+K");
    await b.page.keyboard.type("Europol");
    await until(b, () => window.vigie.state().query === "Europol", null, 20000);
    s = await b.state();
    assert.equal(s.total, 2);
    assert.equal(s.results[0], "article");
    // Importing and searching send nothing: at most the browser fetches the site's own files
    // (its icon, the service worker checking for an update), never with a body, never elsewhere.
    const origin = new URL(b.url).origin;
    assert.deepEqual(requests.filter((r) => !r.startsWith("GET " + origin + "/")), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
