// The app icons (web app manifest), drawn at build time with pngjs: a lighthouse beam over the
// night-blue of the page's header. Usage: node web/tools/build_icons.mjs OUTDIR
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";

const out = process.argv[2];
if (!out) {
  console.error("usage: node web/tools/build_icons.mjs OUTDIR");
  process.exit(1);
}
mkdirSync(out, { recursive: true });

// Coverage of the shapes at (x, y) in a unit square, sampled 4×4 per pixel for smooth edges.
function draw(size, { maskable }) {
  const png = new PNG({ width: size, height: size });
  const inset = maskable ? 0 : 0.04, radius = maskable ? 0 : 0.2;  // maskable: full bleed, the OS cuts it
  const scale = maskable ? 0.8 : 1;  // keep the drawing in the maskable safe zone
  const inRounded = (x, y) => {
    const a = inset, b = 1 - inset;
    if (x < a || x > b || y < a || y > b) return false;
    const cx = Math.min(Math.max(x, a + radius), b - radius), cy = Math.min(Math.max(y, a + radius), b - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 + 1e-9;
  };
  const shape = (u, v) => {
    const x = (u - 0.5) / scale + 0.5, y = (v - 0.5) / scale + 0.5;
    // The tower: a tapered body, the lantern, and a beam sweeping right.
    const tower = y > 0.42 && y < 0.82 && Math.abs(x - 0.42) < 0.05 + (y - 0.42) * 0.14;
    const lantern = y > 0.3 && y < 0.4 && Math.abs(x - 0.42) < 0.065;
    const beam = x > 0.46 && x < 0.86 && Math.abs(y - 0.35) < 0.02 + (x - 0.46) * 0.22;
    const ground = y > 0.82 && y < 0.86 && x > 0.22 && x < 0.78;
    return beam ? "beam" : tower || lantern || ground ? "white" : null;
  };
  for (let py = 0; py < size; ++py)
    for (let px = 0; px < size; ++px) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < 4; ++sy)
        for (let sx = 0; sx < 4; ++sx) {
          const u = (px + (sx + 0.5) / 4) / size, v = (py + (sy + 0.5) / 4) / size;
          if (!maskable && !inRounded(u, v)) continue;
          const s = shape(u, v);
          const [cr, cg, cb] = s === "white" ? [255, 255, 255] : s === "beam" ? [255, 214, 102] : [0x1e, 0x2a, 0x3a];
          r += cr; g += cg; b += cb; a += 255;
        }
      const i = (py * size + px) * 4;
      png.data[i] = a ? r / (a / 255) : 0;
      png.data[i + 1] = a ? g / (a / 255) : 0;
      png.data[i + 2] = a ? b / (a / 255) : 0;
      png.data[i + 3] = a / 16;
    }
  return PNG.sync.write(png);
}

for (const [name, size, maskable] of [["icon-192.png", 192, false], ["icon-512.png", 512, false], ["icon-maskable-512.png", 512, true]])
  writeFileSync(join(out, name), draw(size, { maskable }));
console.log(`[icons] ${out}: icon-192.png icon-512.png icon-maskable-512.png`);
