// The page's browser events, for platform_web.cpp (linked with --pre-js): any input wakes the
// frame loop for a few frames; typed and pasted text, back/forward and the colour scheme reach
// the app; F3, Ctrl+K and Ctrl+F are the page's, not the browser's.
Module.vigieInstall = function () {
  Module.vigieWake = 5;
  const wake = () => { Module.vigieWake = 3; };
  for (const e of ["keydown", "keyup", "keypress", "mousedown", "mouseup", "mousemove", "wheel", "touchstart",
                   "touchmove", "touchend", "resize", "focus", "blur"])
    window.addEventListener(e, wake, true);
  // What one wheel notch is in the event's unit (pixels, lines or pages), for scroll_callback.
  window.addEventListener("wheel", (e) => { Module.vigieWheelUnit = e.deltaMode === 1 ? 3 : e.deltaMode === 2 ? 1 : 100; }, true);
  const linked = () => { Module.vigieLinked = 1; wake(); };
  window.addEventListener("popstate", linked);
  window.addEventListener("hashchange", linked);
  window.addEventListener("keydown", (e) => {
    if (e.key === "F3" || ((e.ctrlKey || e.metaKey) && (e.key === "k" || e.key === "f"))) e.preventDefault();
  }, true);

  // Clicks and taps that need the user's gesture (a frame may come too late for the browser):
  // act on the release, in the event itself, where the app last drew the box.
  const inside = (b, x, y) => b && x >= b[0] && x <= b[0] + b[2] && y >= b[1] && y <= b[1] + b[3];
  const released = (act) => {
    Module.canvas.addEventListener("mouseup", (e) => act(e.clientX, e.clientY));
    Module.canvas.addEventListener("touchend", (e) => { const t = e.changedTouches[0]; if (t) act(t.clientX, t.clientY); });
  };
  // The import button opens the file picker (a press and a release on it, as for any button).
  let pressed = null;
  Module.canvas.addEventListener("mousedown", (e) => { pressed = [e.clientX, e.clientY]; });
  Module.canvas.addEventListener("touchstart", (e) => { const t = e.touches[0]; pressed = t ? [t.clientX, t.clientY] : null; });
  released((x, y) => {
    const b = Module.vigieImportBox;
    if (pressed && inside(b, pressed[0], pressed[1]) && inside(b, x, y)) Module.vigiePick();
    pressed = null;
  });

  const type = (text) => {
    if (!text) return;
    const p = stringToNewUTF8(text);
    Module._vigie_type(p);
    _free(p);
    wake();
  };
  window.addEventListener("paste", (e) => {
    const text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
    if (!text) return;
    e.preventDefault();
    type(text);
  });

  // Text arrives through a hidden text field (input events: accents, dead keys, IME, phone
  // keyboards), which holds the focus while the search field is active.
  const ta = document.getElementById("text-input");
  if (ta) {
    const take = () => { const t = ta.value.replace(/[\r\n]/g, ""); ta.value = ""; type(t); };
    ta.addEventListener("input", (e) => { if (!e.isComposing) take(); });
    ta.addEventListener("compositionend", take);
    // A click or tap on the search field focuses the text field within the gesture, so a phone
    // opens its keyboard.
    released((x, y) => { if (inside(Module.vigieSearchBox, x, y)) ta.focus({ preventScroll: true }); });
    // Typing with the focus elsewhere: '/' goes to the search field, letters start a search.
    window.addEventListener("keypress", (e) => {
      if (document.activeElement === ta || e.ctrlKey || e.metaKey || e.altKey || !e.key || e.key.length !== 1) return;
      if (e.key === "/") Module._vigie_focus_search(); else type(e.key);
      ta.focus({ preventScroll: true });
      e.preventDefault();
    });
  }

  // Two fingers: pinch zoom (GLFW sees one mouse); the app zooms the map about their middle.
  let spread = 0;
  const pinch = (e) => {
    if (e.touches.length !== 2) { spread = 0; return; }
    const [a, b] = [e.touches[0], e.touches[1]];
    const d = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
    if (spread > 0 && d > 0) Module._vigie_pinch(d / spread, (a.clientX + b.clientX) / 2, (a.clientY + b.clientY) / 2);
    spread = d;
    e.preventDefault();
    wake();
  };
  Module.canvas.addEventListener("touchstart", pinch, { passive: false });
  Module.canvas.addEventListener("touchmove", pinch, { passive: false });
  Module.canvas.addEventListener("touchend", () => { spread = 0; });

  const dark = matchMedia("(prefers-color-scheme: dark)");
  Module._vigie_set_dark(dark.matches ? 1 : 0);
  dark.addEventListener("change", (e) => { Module._vigie_set_dark(e.matches ? 1 : 0); wake(); });
};

// The import button: the page's file input (index.html), opened within the click. The files
// are written into a fresh directory of the in-memory file system and handed to the app; they
// never leave the page.
let imports = 0;
Module.vigiePick = function () {
  const input = document.getElementById("import");
  if (!input) return;
  input.onchange = async () => {
    const dir = "/import-" + (++imports);
    FS.mkdir(dir);
    for (const file of input.files)
      FS.writeFile(dir + "/" + file.name.replace(/\//g, "_"), new Uint8Array(await file.arrayBuffer()));
    input.value = "";
    const p = stringToNewUTF8(dir);
    Module._vigie_import_dir(p);
    _free(p);
    Module.vigieWake = 3;
  };
  input.click();
};

// After each drawn frame: the hidden text field follows the search field (CSS pixels) and has
// the focus exactly when the search field is active.
Module.vigieSearchField = function (x, y, w, h, active) {
  const ta = document.getElementById("text-input");
  if (!ta) return;
  Module.vigieSearchBox = [x, y, w, h];
  ta.style.left = x + "px"; ta.style.top = y + "px"; ta.style.width = w + "px"; ta.style.height = h + "px";
  if (active && document.activeElement !== ta) ta.focus({ preventScroll: true });
  if (!active && document.activeElement === ta) Module.canvas.focus({ preventScroll: true });
};
