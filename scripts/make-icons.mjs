#!/usr/bin/env node
// Draws the extension icon (a white shield with a check mark on a teal rounded square) and writes
// assets/icons/icon-{16,32,48,128}.png. Node built-ins only: the shapes are rasterized with 4×4
// supersampling for smooth edges, and the PNG is encoded by hand (IHDR, one zlib IDAT, IEND).
//   node scripts/make-icons.mjs [outDir]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 48, 128];

const TEAL = [11, 110, 105];
const WHITE = [255, 255, 255];

// Shapes in a unit square (0..1), y downwards.
function inRoundedSquare(x, y) {
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return x >= 0 && x <= 1 && y >= 0 && y <= 1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inShield(x, y) {
  // Flat top with shoulders, straight sides, then two arcs meeting in a point at the bottom.
  const top = 0.16;
  const left = 0.2;
  const right = 0.8;
  if (y < top || y > 0.88) return false;
  if (y <= 0.52) return x >= left && x <= right;
  // Lower half narrows along a curve to the tip at (0.5, 0.88).
  const t = (y - 0.52) / (0.88 - 0.52);
  const half = 0.3 * Math.sqrt(Math.max(0, 1 - t * t));
  return Math.abs(x - 0.5) <= half;
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inCheck(x, y, width) {
  return (
    distanceToSegment(x, y, 0.35, 0.5, 0.46, 0.62) <= width ||
    distanceToSegment(x, y, 0.46, 0.62, 0.66, 0.36) <= width
  );
}

/** RGBA pixels, row by row. */
export function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  // Small icons get a bolder check so it survives at 16 px.
  const checkWidth = size <= 16 ? 0.085 : size <= 32 ? 0.07 : 0.06;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (!inRoundedSquare(x, y)) continue;
          const colour = inShield(x, y) && !inCheck(x, y, checkWidth) ? WHITE : TEAL;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 255;
        }
      }
      const n = samples * samples;
      const covered = a / 255;
      const i = (py * size + px) * 4;
      // Straight (not premultiplied) alpha, as PNG wants.
      pixels[i] = covered ? Math.round(r / covered) : 0;
      pixels[i + 1] = covered ? Math.round(g / covered) : 0;
      pixels[i + 2] = covered ? Math.round(b / covered) : 0;
      pixels[i + 3] = Math.round(a / n);
    }
  }
  return pixels;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A truecolour-with-alpha, 8-bit, non-interlaced PNG. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function writeIcons(outDir = 'assets/icons') {
  mkdirSync(outDir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const file = join(outDir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, drawIcon(size)));
    return file;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = writeIcons(process.argv[2]);
  console.log(`wrote ${files.join(', ')}`);
}
