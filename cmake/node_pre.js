// Prepended to every module that may run under Node. Emscripten 3.1.6 instantiates wasm with
// fetch() when it exists, and Node 20's fetch cannot read a file path: under Node, shadow it
// in this module's scope so the loader reads the .wasm from disk. Browsers keep their fetch.
var fetch = typeof process == "object" && process.versions && process.versions.node ? undefined : globalThis.fetch;
