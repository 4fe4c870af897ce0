// The documented JS API (DESIGN.md §4.4) over the embind functions of js_api.cpp.
Module["addJsonl"] = function (text) { return JSON.parse(Module["vigieAddJsonl"](String(text))); };
Module["addDocument"] = function (doc) {
  return JSON.parse(Module["vigieAddDocument"](typeof doc === "string" ? doc : JSON.stringify(doc)));
};
Module["commit"] = function () {
  const r = JSON.parse(Module["vigieCommit"]());
  if (r.error) throw new Error(r.error);
  return r;
};
Module["loadIndex"] = function (bytes) {
  const error = Module["vigieLoadIndex"](bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  if (error) throw new Error(error);
};
Module["saveIndex"] = function () {
  const view = Module["vigieSaveIndex"]();
  return view === null ? null : view.slice();  // a copy: the view dies when wasm memory grows
};
Module["search"] = function (query, limit, options) {
  const r = JSON.parse(Module["vigieSearch"](String(query), limit === undefined ? 10 : limit | 0,
                                             !!(options && options.typing)));
  if (r.error) throw new Error(r.error);
  return r;
};
Module["stats"] = function () { return JSON.parse(Module["vigieStats"]()); };
