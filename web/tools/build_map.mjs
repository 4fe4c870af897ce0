// Builds the page's world map asset (issue #6) from Natural Earth 1:50m countries (world-atlas):
// TopoJSON → GeoJSON (topojson-client) → Equal Earth projection with antimeridian clipping
// (d3-geo) → triangles (earcut) → one little-endian binary, keyed by ISO 3166 alpha-3
// (i18n-iso-countries). Read by src/core/geo/map.h, which documents the format.
// Usage: node web/tools/build_map.mjs OUT.vmap
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createRequire } from "node:module";
import { feature } from "topojson-client";
import { geoEqualEarth, geoCentroid, geoArea } from "d3-geo";
import earcut from "earcut";
import countries from "i18n-iso-countries";

const require = createRequire(import.meta.url);
const out = process.argv[2];
if (!out) {
  console.error("usage: node web/tools/build_map.mjs OUT.vmap");
  process.exit(1);
}

// Shapes Natural Earth draws without an ISO code: what each is drawn as, and why.
const NO_CODE = {
  "Kosovo": "XKX",            // user-assigned code, the one the gazetteer uses
  "N. Cyprus": "CYP",         // de jure Cyprus
  "Somaliland": "SOM",        // de jure Somalia
  "Indian Ocean Ter.": "AUS", // Christmas and Cocos Islands, Australian territories
  "Siachen Glacier": "",      // disputed between India and Pakistan: land, no country
};

const topo = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"));
const world = feature(topo, topo.objects.countries);
// Equal Earth (Šavrič, Patterson & Jenny 2018): equal-area, so a choropleth does not inflate
// the north; unit scale, centred; y grows downwards as on screen. src/core/geo/map.cpp has the
// same formula for placing points.
const projection = geoEqualEarth().scale(1).translate([0, 0]).precision(0.5);

// Projects a feature through d3's stream (which clips at the antimeridian) into rings.
function project(geometry) {
  const polygons = [];
  let rings = null, ring = null;
  const sink = {
    polygonStart() { rings = []; },
    polygonEnd() { if (rings.length) polygons.push(rings); rings = null; },
    lineStart() { ring = []; },
    lineEnd() { if (rings && ring.length >= 3) rings.push(ring); ring = null; },
    point(x, y) { if (ring) ring.push([x, y]); },
    sphere() {},
  };
  const stream = projection.stream(sink);
  const { geoStream } = require("d3-geo");
  geoStream(geometry, stream);
  return polygons;
}

const area = (ring) => {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
};
const inside = ([x, y], ring) => {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
};

// Group by code (a country drawn from several shapes is one entry).
const byCode = new Map();
for (const f of world.features) {
  const name = f.properties.name;
  let code = f.id ? countries.numericToAlpha3(f.id) : NO_CODE[name];
  if (code === undefined) throw new Error(`no ISO code for ${name} (${f.id})`);
  if (!byCode.has(code)) byCode.set(code, { code, features: [] });
  byCode.get(code).features.push(f);
}

// The world's extent: the projected sphere.
let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
for (const lon of [-180, 180]) for (let lat = -90; lat <= 90; lat += 1) {
  const [x, y] = projection([lon, lat]);
  x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
}
const Q = 65535;
const qx = (x) => Math.round(((x - x0) / (x1 - x0)) * Q);
const qy = (y) => Math.round(((y - y0) / (y1 - y0)) * Q);

const entries = [];
const vertices = [], indices = [], rings = [];
for (const { code, features } of [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code))) {
  const first_vertex = vertices.length / 2, first_index = indices.length, first_ring = rings.length / 2;
  for (const f of features) {
    for (const polygon of project(f.geometry)) {
      // Outer rings have the winding of the largest ring; the others are holes inside one.
      const sign = Math.sign(area(polygon.reduce((a, r) => (Math.abs(area(r)) > Math.abs(area(a)) ? r : a))));
      const outers = polygon.filter((r) => Math.sign(area(r)) === sign).map((r) => ({ ring: r, holes: [] }));
      for (const r of polygon.filter((r) => Math.sign(area(r)) !== sign)) {
        const home = outers.find((o) => inside(r[0], o.ring));
        if (home) home.holes.push(r);
      }
      for (const { ring, holes } of outers) {
        const flat = [], holeStarts = [];
        for (const r of [ring, ...holes]) {
          if (r !== ring) holeStarts.push(flat.length / 2);
          // Quantise, dropping points that land on the previous one.
          const start = vertices.length / 2;
          let kept = 0, px = -1, py = -1;
          for (const [x, y] of r) {
            const a = qx(x), b = qy(y);
            if (a === px && b === py) continue;
            flat.push(a, b); vertices.push(a, b); px = a; py = b; ++kept;
          }
          rings.push(start, kept);
        }
        const base = vertices.length / 2 - flat.length / 2 - first_vertex;
        for (const i of earcut(flat, holeStarts, 2)) indices.push(base + i);
      }
    }
  }
  const vertex_count = vertices.length / 2 - first_vertex;
  if (vertex_count > 65535) throw new Error(`${code}: ${vertex_count} vertices, over the u16 index range`);
  // Label anchor: the centroid of the largest polygon (France's is the mainland, not a point
  // pulled towards French Guiana), projected.
  const polygons = features.flatMap((f) => (f.geometry.type === "MultiPolygon"
    ? f.geometry.coordinates.map((coordinates) => ({ type: "Polygon", coordinates }))
    : [f.geometry]));
  const main = polygons.reduce((a, g) => (geoArea(g) > geoArea(a) ? g : a));
  const [lx, ly] = projection(geoCentroid(main)) || [0, 0];
  entries.push({ code, first_vertex, vertex_count, first_index, index_count: indices.length - first_index, first_ring,
                 ring_count: rings.length / 2 - first_ring, lx: qx(lx), ly: qy(ly) });
}

// Write (little-endian): header, countries, vertices, indices, rings, checksum.
const HEADER = 48, ENTRY = 32;
const size = HEADER + entries.length * ENTRY + vertices.length * 2 + indices.length * 2 + rings.length * 4 + 4;
const buf = Buffer.alloc(size + ((4 - (size % 4)) % 4));
let at = 0;
const u8 = (v) => { buf.writeUInt8(v, at); at += 1; };
const u16 = (v) => { buf.writeUInt16LE(v, at); at += 2; };
const u32 = (v) => { buf.writeUInt32LE(v, at); at += 4; };
const f32 = (v) => { buf.writeFloatLE(v, at); at += 4; };
buf.write("VMAP", 0, "ascii"); at = 4;
u32(1);                      // version
u32(1);                      // projection: 1 = Equal Earth, unit scale
u32(entries.length); u32(vertices.length / 2); u32(indices.length); u32(rings.length / 2);
f32(x0); f32(y0); f32(x1); f32(y1);
u32(0);                      // reserved
for (const e of entries) {
  for (let i = 0; i < 3; ++i) u8(e.code ? e.code.charCodeAt(i) : 0);
  u8(0);
  u32(e.first_vertex); u32(e.vertex_count); u32(e.first_index); u32(e.index_count); u32(e.first_ring); u32(e.ring_count);
  u16(e.lx); u16(e.ly);
}
// Vertices and indices as differences from the one before (mod 2^16): neighbours are close, so
// the differences are small numbers that compress well; the loader sums them back.
for (let i = 0; i < vertices.length; ++i) u16((vertices[i] - (i >= 2 ? vertices[i - 2] : 0)) & 0xffff);
for (let i = 0; i < indices.length; ++i) u16((indices[i] - (i ? indices[i - 1] : 0)) & 0xffff);
for (const r of rings) u32(r);
// FNV-1a over everything before it.
let h = 0x811c9dc5;
for (let i = 0; i < at; ++i) { h ^= buf[i]; h = Math.imul(h, 0x01000193) >>> 0; }
u32(h);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, buf.subarray(0, at));
console.log(`[map] ${out}: ${entries.length} countries, ${vertices.length / 2} vertices, ${indices.length / 3} triangles, ${at} bytes`);
