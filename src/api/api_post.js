// The documented JS API (DESIGN.md §4.4) over the embind functions of js_api.cpp.
// JSONL as a string, or as its UTF-8 bytes (a file read with arrayBuffer(): no decoding at all).
Module["addJsonl"] = function (text) {
  const bytes = text instanceof Uint8Array ? text
              : text instanceof ArrayBuffer ? new Uint8Array(text)
              : new TextEncoder().encode(String(text));
  return JSON.parse(Module["vigieAddJsonl"](bytes));
};
Module["addDocument"] = function (doc) {
  let json = doc;
  if (typeof doc !== "string") {
    try { json = JSON.stringify(doc); } catch (e) { json = undefined; }  // a cycle, a BigInt
  }
  if (typeof json !== "string")  // undefined, a function: nothing JSON can say
    return { added: 0, errors: ["document: expected a JSON object or its text, not " + typeof doc] };
  return JSON.parse(Module["vigieAddDocument"](json));
};
Module["commit"] = function () {
  const r = JSON.parse(Module["vigieCommit"]());
  if (r.error) throw new Error(r.error);
  return r;
};
Module["loadIndex"] = function (bytes) {
  const r = JSON.parse(Module["vigieLoadIndex"](bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)));
  if (r.error) throw new Error(r.error);
  return r;
};
Module["saveIndex"] = function () {
  const parts = Module["vigieSaveIndex"]();  // views of wasm memory: they die when it grows
  if (parts === null) return null;
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);  // one copy, in JS memory
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const utf8 = new TextDecoder();
// The number of hits to return, as the CLI's --limit takes it (0 to 100000; 0: the count and
// facets alone), clamped rather than refused: `limit | 0` wrapped 1e12 round to a negative
// number, hence no hit. Not a number (NaN, "abc") or negative: 0; a fraction: rounded down.
const kMaxLimit = 100000;
function hitLimit(limit) {
  if (limit === undefined) return 10;
  const n = Math.floor(Number(limit));
  return n > 0 ? Math.min(n, kMaxLimit) : 0;
}
Module["search"] = function (query, limit, options) {
  // A view of the JSON's bytes in wasm memory, decoded before anything else runs there.
  const r = JSON.parse(utf8.decode(Module["vigieSearch"](String(query), hitLimit(limit), !!(options && options.typing))));
  if (r.error) throw new Error(r.error);
  return r;
};
Module["stats"] = function () { return JSON.parse(Module["vigieStats"]()); };
