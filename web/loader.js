// The page's loader (index.html): downloads the wasm and the dossier with a progress bar,
// starts the Emscripten module, sets up the test hook and the service worker.
"use strict";
(function () {
  // Byte size of each file the page fetches, written at build time (cmake/assemble_site.cmake).
  const FILES = @VIGIE_FILES@;
  const loading = document.getElementById("loading");
  const bar = document.querySelector("#bar div");
  const status = document.getElementById("status");
  const canvas = document.getElementById("canvas");
  const received = {};
  const total = Object.values(FILES).reduce((a, b) => a + b, 0);
  const kb = (n) => (n / 1024).toFixed(0) + " Ko";

  // The test hook (DESIGN.md §4.5): ready turns true when the first frame with the dossier is drawn.
  window.vigie = {
    ready: false,
    error: null,
    update: null,  // "ready" when a new version waits for a reload (the service worker)
    state() { return JSON.parse(Module.UTF8ToString(Module._vigie_state_json())); },
  };
  window.vigieFail = function (message) {
    window.vigie.error = message;
    loading.style.display = "flex";
    loading.classList.add("failed");
    status.textContent = "Erreur : " + message;
  };

  function progress() {
    if (window.vigie.error) return;  // a failure's message stays on screen
    const got = Object.values(received).reduce((a, b) => a + b, 0);
    bar.style.width = Math.min(100, (100 * got) / total).toFixed(1) + "%";
    status.textContent = "Téléchargement " + kb(got) + " / " + kb(total);
  }

  async function fetchWithProgress(name) {
    const response = await fetch(name);
    if (!response.ok) throw new Error(name + " : HTTP " + response.status);
    const reader = response.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      received[name] = size;
      progress();
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) { bytes.set(c, at); at += c.length; }
    return bytes.buffer;
  }

  // A site made by `vigie build` lists its dossier's files (dossier/…, as URL paths): the page
  // opens them, written into /dossier before main() runs, instead of the dossier it bundles.
  const dossier = Object.keys(FILES).filter((name) => name.startsWith("dossier/"));
  const dossierFiles = Promise.all(dossier.map((name) => fetchWithProgress(name).then((bytes) => [name, bytes])));

  // The wasm compiles while the rest downloads; vigie_app.js is preloaded (see <head>).
  const compiled = fetchWithProgress("vigie_app.wasm").then((bytes) => WebAssembly.compile(bytes));
  Promise.all([compiled, fetchWithProgress("vigie_app.data"), dossierFiles]).then(([wasm, data, files]) => {
    if (window.vigie.error) return;
    status.textContent = "Ouverture du dossier…";
    window.Module = {
      canvas,
      instantiateWasm: (imports, done) => {
        WebAssembly.instantiate(wasm, imports).then((instance) => done(instance, wasm),
                                                    (e) => window.vigieFail("wasm : " + e.message));
        return {};
      },
      getPreloadedPackage: (name) => (name.endsWith("vigie_app.data") ? data : null),
      print: (t) => console.log(t),
      printErr: (t) => console.warn(t),
      onAbort: (what) => window.vigieFail("le programme s’est arrêté (" + what + ")"),
      preRun: [(module) => {
        for (const [name, bytes] of files) {
          const path = "/" + decodeURIComponent(name);
          module.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
          module.FS.writeFile(path, new Uint8Array(bytes));
        }
      }],
      postRun: [() => { if (!window.vigie.error) loading.style.display = "none"; }],
    };
    const script = document.createElement("script");
    script.src = "vigie_app.js";
    script.onerror = () => window.vigieFail("vigie_app.js n’a pas pu être chargé");
    document.body.appendChild(script);
  }).catch((e) => window.vigieFail("téléchargement impossible (" + e.message + ")"));

  // Offline after the first visit (sw.js). A new deployment downloads in the background; the
  // page then offers to reload, and the new files are used only after that reload (the old
  // service worker keeps serving the old set until then: never two versions mixed).
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    const banner = document.getElementById("update");
    const offer = (worker) => {
      window.vigie.update = "ready";
      banner.hidden = false;
      banner.querySelector("button").onclick = () => worker.postMessage("activate");
    };
    navigator.serviceWorker.register("sw.js").then((reg) => {
      if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
      reg.addEventListener("updatefound", () => {
        const worker = reg.installing;
        worker.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
        });
      });
    }).catch((e) => console.warn("service worker: " + e.message));
    let reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (window.vigie.update === "ready" && !reloading) { reloading = true; location.reload(); }
    });
  }
})();
