// Draws images/icon.png (128x128 RGBA, the Marketplace/Extensions-view icon): a log file (three
// text lines on a blue tile) with a lint squiggle under the middle line. No dependencies:
// 4x4 supersampled shapes, encoded with node:zlib. Run: node scripts/make-icon.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const N = 128, SS = 4;
const px = new Float64Array(N * N * 4); // premultiplied RGBA accumulators

function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
const bar = (x0, x1, y) => (x, yy) => roundedRect(x, yy, x0, y - 5, x1, y + 5, 5);
const squiggle = (x0, x1, y, amp, period, w) => (x, yy) => x >= x0 && x <= x1 && Math.abs(yy - (y + amp * Math.sin(((x - x0) / period) * 2 * Math.PI))) <= w / 2;

const layers = [
  { color: [0x12, 0x5e, 0xa8], hit: (x, y) => roundedRect(x, y, 4, 4, 124, 124, 24) },  // tile
  { color: [0xff, 0xff, 0xff], hit: bar(24, 104, 36) },
  { color: [0xff, 0xff, 0xff], hit: bar(24, 88, 62) },
  { color: [0xff, 0xb0, 0x20], hit: squiggle(24, 88, 78, 3.2, 10, 4.2) },              // the lint squiggle
  { color: [0xff, 0xff, 0xff], hit: bar(24, 96, 98) },
];

for (let y = 0; y < N; y++)
  for (let x = 0; x < N; x++) {
    let rgba = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const fx = x + (sx + 0.5) / SS, fy = y + (sy + 0.5) / SS;
        let c = null;
        for (const l of layers) if (l.hit(fx, fy)) c = l.color;
        if (c) rgba = [rgba[0] + c[0], rgba[1] + c[1], rgba[2] + c[2], rgba[3] + 255];
      }
    const k = SS * SS, a = rgba[3] / k;
    const i = (y * N + x) * 4;
    px[i] = a ? rgba[0] / k / (a / 255) : 0; px[i + 1] = a ? rgba[1] / k / (a / 255) : 0; px[i + 2] = a ? rgba[2] / k / (a / 255) : 0; px[i + 3] = a;
  }

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N * 4; x++) raw[y * (N * 4 + 1) + 1 + x] = Math.round(Math.min(255, px[y * N * 4 + x]));
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
mkdirSync('images', { recursive: true });
writeFileSync('images/icon.png', png);
console.log(`images/icon.png: ${N}x${N}, ${png.length} bytes`);
