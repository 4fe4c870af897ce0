// The documented JS API (DESIGN.md §4.4) over the embind functions of js_api.cpp.

// A UTF-16 surrogate with no partner (half an emoji, left by a slice) made U+FFFD, as invalid
// UTF-8 is repaired in the core; where the first one was, for the warning (0-based), or -1.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function wellFormed(text) {
  if (typeof text.isWellFormed === "function" && text.isWellFormed()) return { text, at: -1 };  // a fast scan where there is one
  loneSurrogate.lastIndex = 0;
  const m = loneSurrogate.exec(text);
  return m ? { text: text.replace(loneSurrogate, "\uFFFD"), at: m.index } : { text, at: -1 };
}
function repairNote(where, text, at) {
  const line = text.slice(0, at).split("\n").length, column = at - text.lastIndexOf("\n", at - 1);
  return where + ":" + line + ": a lone UTF-16 surrogate (half a character) at column " + column + " replaced with U+FFFD";
}
function typeName(x) { return x === null ? "null" : Array.isArray(x) ? "an array" : typeof x === "object" ? (x.constructor && x.constructor.name) || "object" : typeof x; }
// Bytes given as a Uint8Array (a Buffer is one), an ArrayBuffer, a DataView or another typed
// array (their bytes), or a plain array of byte values; null for anything else.
function asBytes(x) {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  if (Array.isArray(x)) return new Uint8Array(x);
  return null;
}
// The most one call copies into wasm memory (32-bit: 4 GB in all, the index included).
const kMaxBytes = 2 ** 31 - 1;
function tooBig(n) { return n + " bytes, more than the " + kMaxBytes + " one call takes"; }

// JSONL as a string, or as its UTF-8 bytes (a file read with arrayBuffer(): no decoding at all).
Module["addJsonl"] = function (text) {
  let bytes = asBytes(text), note = null;
  if (!bytes && typeof text === "string") {
    const w = wellFormed(text);
    if (w.at >= 0) note = repairNote("jsonl", text, w.at);
    bytes = new TextEncoder().encode(w.text);
  }
  if (!bytes) return { added: 0, errors: ["jsonl: expected JSON lines as a string or their UTF-8 bytes, not " + typeName(text)] };
  if (bytes.length > kMaxBytes) return { added: 0, errors: ["jsonl: " + tooBig(bytes.length) + ": split the text"] };
  const r = JSON.parse(Module["vigieAddJsonl"](bytes));
  if (note) r.errors.unshift(note);
  return r;
};
Module["addDocument"] = function (doc) {
  let json = doc, note = null;
  if (typeof doc === "string") {
    const w = wellFormed(doc);
    if (w.at >= 0) note = repairNote("document", doc, w.at);
    json = w.text;
  } else {
    // Each string made well-formed on the way: JSON.stringify would write a lone surrogate as
    // an escape that no JSON parser takes.
    try {
      json = JSON.stringify(doc, (key, value) => {
        if (typeof value !== "string") return value;
        const w = wellFormed(value);
        if (w.at >= 0 && !note) note = "document: the field " + JSON.stringify(key) + " holds a lone UTF-16 surrogate (half a character), replaced with U+FFFD";
        return w.text;
      });
    } catch (e) { json = undefined; }  // a cycle, a BigInt
  }
  if (typeof json !== "string")  // undefined, a function: nothing JSON can say
    return { added: 0, errors: ["document: expected a JSON object or its text, not " + typeName(doc)] };
  const r = JSON.parse(Module["vigieAddDocument"](json));
  if (note) r.errors.unshift(note);
  return r;
};
Module["commit"] = function () {
  const r = JSON.parse(Module["vigieCommit"]());
  if (r.error) throw new Error(r.error);
  return r;
};
Module["loadIndex"] = function (bytes) {
  const view = asBytes(bytes);
  if (!view) throw new TypeError("loadIndex: expected the .vidx bytes (Uint8Array, ArrayBuffer, Buffer or DataView), not " + typeName(bytes));
  if (view.length > kMaxBytes) throw new RangeError("loadIndex: " + tooBig(view.length));
  const r = JSON.parse(Module["vigieLoadIndex"](view));
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
  if (typeof query !== "string" && typeof query !== "number")
    throw new TypeError("search: expected the query as a string, not " + typeName(query));
  // A view of the JSON's bytes in wasm memory, decoded before anything else runs there.
  const q = wellFormed(String(query)).text;
  const r = JSON.parse(utf8.decode(Module["vigieSearch"](q, hitLimit(limit), !!(options && options.typing), !(options && options.snippets === false))));
  if (r.error) throw new Error(r.error);
  return r;
};
Module["stats"] = function () { return JSON.parse(Module["vigieStats"]()); };
