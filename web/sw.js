// The service worker: offline after the first visit. The build writes VERSION (a hash of every
// file of the site) and FILES; each version precaches the whole set under its own cache, serves
// from it first, and replaces the previous version only when the page asks (after the user
// chose to reload), so a page never mixes files of two deployments. Same-origin only.
const VERSION = "@VIGIE_VERSION@";
const FILES = @VIGIE_SW_FILES@;
const CACHE = "vigie-" + VERSION;

self.addEventListener("install", (event) => {
  // "no-cache": the server confirms each file the browser already holds (a 304, no body: the
  // first visit does not download the site twice) or sends the new one; never a stale copy.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "no-cache" })))));
  // The first install takes over at once; later ones wait for the page's "activate" message.
});

self.addEventListener("message", (event) => {
  if (event.data === "activate") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys())
      if (name.startsWith("vigie-") && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A navigation to the site (with or without index.html, any fragment) is the cached page.
    const hit = await cache.match(request, { ignoreSearch: true }) ||
                (request.mode === "navigate" ? await cache.match("index.html") : undefined);
    return hit || fetch(request);
  })());
});
