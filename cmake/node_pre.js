// Prepended to every Node-targeted module. Emscripten 3.1.6 instantiates wasm with fetch() when
// it exists, and Node 20's fetch cannot read a file path: shadow it in this module's scope so
// the loader reads the .wasm from disk (the global fetch is untouched).
var fetch = undefined;
