// Debian's headless Chromium driven by playwright-core (never a downloaded browser), and the
// built site served on 127.0.0.1: the one helper every end-to-end test uses.
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { serve } from "../../web/serve.mjs";

const require = createRequire(resolve("web/package.json"));
const { chromium } = require("playwright-core");

export const ROOT = resolve(new URL("../..", import.meta.url).pathname);
export const SITE = process.env.VIGIE_SITE || join(ROOT, "build/site");
export const SHOTS = join(ROOT, "build/screenshots");

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Waits until fn (run in the page, with arg) is true.
export const until = (b, fn, arg, timeout = 10000) => b.page.waitForFunction(fn, arg, { timeout });

export async function open({ width = 1280, height = 800, dpr = 1, site = SITE, base = "/" } = {}) {
  const served = [];  // {path, status, bytes} of every response, the service worker's included
  const server = await serve(site, { base, sent: (path, status, bytes) => served.push({ path, status, bytes }) });
  const profile = mkdtempSync(join(tmpdir(), "vigie-chromium-"));
  // A fresh profile every time (playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--no-sandbox", "--disable-gpu",
           "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-quic"],
    viewport: { width, height },
    deviceScaleFactor: dpr,
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e) + (process.env.VIGIE_E2E_STACKS ? "\n" + e.stack : "")));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const url = `http://127.0.0.1:${server.address().port}${base}`;
  return {
    page, url, errors, served,
    async ready() {
      await page.goto(url);
      await page.waitForFunction(() => window.vigie && (window.vigie.ready || window.vigie.error), null, { timeout: 60000 });
      const error = await page.evaluate(() => window.vigie.error);
      if (error) throw new Error("page failed: " + error);
    },
    state: () => page.evaluate(() => window.vigie.state()),
    async shot(name) {
      mkdirSync(SHOTS, { recursive: true });
      const path = join(SHOTS, name + ".png");
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
