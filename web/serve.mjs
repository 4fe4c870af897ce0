// A static file server for the built site, bound to 127.0.0.1 only. Used by the serve command
// and the end-to-end tests. Usage: node web/serve.mjs DIR [PORT] [--base /sub/path/]
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm", ".data": "application/octet-stream", ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json", ".png": "image/png", ".svg": "image/svg+xml",
  ".css": "text/css; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".vidx": "application/octet-stream",
};

// Like GitHub Pages, every response has an ETag and a conditional request for an unchanged file
// gets a 304 without a body. sent(path, status, bytes) is told of every response (tests count).
export function serve(dir, { port = 0, base = "/", sent = () => {} } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (!path.startsWith(base)) { res.writeHead(404).end("not found"); return; }
      path = normalize("/" + path.slice(base.length));
      let file = join(root, path);
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, { ETag: etag, "Cache-Control": "no-cache" }).end();
        sent(path, 304, 0);
        return;
      }
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream",
                           "Content-Length": body.length, "Cache-Control": "no-cache", ETag: etag });
      res.end(req.method === "HEAD" ? undefined : body);
      sent(path, 200, req.method === "HEAD" ? 0 : body.length);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const baseAt = args.indexOf("--base");
  const base = baseAt >= 0 ? args.splice(baseAt, 2)[1] : "/";
  const [dir = "build/site", port = "8080"] = args;
  const server = await serve(dir, { port: Number(port), base });
  console.log(`Vigie is served at http://127.0.0.1:${server.address().port}${base}  (Ctrl+C to stop)`);
}
