// Seeded randomness for the corpus and query builders: the same seed gives the same bytes on
// every machine, so benchmark numbers are comparable across runs. Math.random is never used.

// sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, public domain; PractRand-clean),
// seeded from a string through a 32-bit FNV-1a hash.
export function createRng(seed) {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let a = h, b = h ^ 0x9e3779b9, c = h ^ 0x7f4a7c15, d = 1;
  function next() { // uint32
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  }
  for (let i = 0; i < 16; i++) next(); // mix the seed in
  const rng = {
    u32: next,
    float() { return next() / 4294967296; },                // [0, 1)
    int(n) { return Math.floor((next() / 4294967296) * n); }, // [0, n)
    range(lo, hi) { return lo + rng.int(hi - lo + 1); },     // [lo, hi]
    chance(p) { return next() / 4294967296 < p; },
    pick(arr) { return arr[rng.int(arr.length)]; },
    shuffle(arr) { // in place, Fisher–Yates
      for (let i = arr.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [arr[i], arr[j]] = [arr[j], arr[i]];
      }
      return arr;
    },
    sample(arr, k) { // k distinct elements (all of them when k >= length), order random
      return rng.shuffle(arr.slice()).slice(0, Math.min(k, arr.length));
    },
  };
  return rng;
}

// Walker/Vose alias table: O(1) draws from a discrete distribution (weights need not sum to 1).
// Usage: const draw = aliasSampler(weights, rng); const index = draw();
export function aliasSampler(weights, rng) {
  const n = weights.length;
  const total = weights.reduce((s, w) => s + w, 0);
  const prob = new Float64Array(n);
  const alias = new Uint32Array(n);
  const scaled = new Float64Array(n);
  const small = [], large = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[i] * n) / total;
    (scaled[i] < 1 ? small : large).push(i);
  }
  while (small.length && large.length) {
    const s = small.pop(), l = large.pop();
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1; // numerical leftovers
  return function draw() {
    const i = rng.int(n);
    return rng.float() < prob[i] ? i : alias[i];
  };
}
