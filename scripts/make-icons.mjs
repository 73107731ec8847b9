#!/usr/bin/env node
// Draws the app icon and the tray icons and writes them as PNG files under resources/.
// No image library: shapes are rasterized here with 4×4 supersampling and encoded with
// node:zlib. The output is deterministic, so re-running it changes nothing unless the
// drawing does. Usage: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources');

// ── PNG encoding ───────────────────────────────────────────────────────────────────
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** rgba: Uint8Array of size*size*4, straight (non-premultiplied) alpha. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ── Drawing: a scene is a function (x, y in 0..1) → [r, g, b, a] or null ──────────
const SAMPLES = 4;
function render(size, scene) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = scene((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (!c) continue;
          r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
        }
      }
      const i = (py * size + px) * 4;
      const n = SAMPLES * SAMPLES;
      rgba[i] = a ? Math.round(r / a) : 0;
      rgba[i + 1] = a ? Math.round(g / a) : 0;
      rgba[i + 2] = a ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round((a / n) * 255);
    }
  }
  return rgba;
}

const inRoundedRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));

const BLUE_TOP = [59, 130, 246];
const BLUE_BOTTOM = [30, 58, 138];
const WHITE = [255, 255, 255];
const AMBER = [245, 158, 11];

/**
 * The mark: a blue rounded tile with three rising white bars (balances going up) and a
 * baseline. `bold` thickens the bars for the small tray sizes; `badge` adds the warning dot.
 */
function mark({ margin, bold, badge }) {
  const tile = [margin, margin, 1 - margin, 1 - margin];
  const span = 1 - 2 * margin;
  const barWidth = span * (bold ? 0.2 : 0.16);
  const gap = span * (bold ? 0.08 : 0.1);
  const left = 0.5 - (3 * barWidth + 2 * gap) / 2;
  const base = margin + span * 0.8;
  const heights = [0.3, 0.47, 0.64].map((h) => h * span);
  return (x, y) => {
    // The warning dot (amber, in a white ring so it reads on any tile or panel) sits on top.
    if (badge && inCircle(x, y, 0.78, 0.22, 0.17)) return [...AMBER, 1];
    if (badge && inCircle(x, y, 0.78, 0.22, 0.22)) return [...WHITE, 1];
    if (!inRoundedRect(x, y, ...tile, span * 0.22)) return null;
    for (let i = 0; i < 3; i++) {
      const x0 = left + i * (barWidth + gap);
      if (inRoundedRect(x, y, x0, base - heights[i], x0 + barWidth, base, barWidth * 0.25)) return [...WHITE, 1];
    }
    const t = (y - margin) / span;
    return [...mix(BLUE_TOP, BLUE_BOTTOM, t), 1];
  };
}

const files = [];
const write = (name, size, scene) => {
  const file = join(out, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, encodePng(size, render(size, scene)));
  files.push(`${name} (${size}×${size})`);
};

write('icon.png', 512, mark({ margin: 0.06, bold: false, badge: false }));
write('icon-256.png', 256, mark({ margin: 0.06, bold: false, badge: false }));
for (const state of ['normal', 'warning']) {
  const scene = mark({ margin: 0.04, bold: true, badge: state === 'warning' });
  for (const base of [16, 32]) {
    write(`tray/${state}-${base}.png`, base, scene);
    write(`tray/${state}-${base}@2x.png`, base * 2, scene);
  }
}
console.log(`make-icons: wrote ${files.length} files under resources/:\n  ${files.join('\n  ')}`);
