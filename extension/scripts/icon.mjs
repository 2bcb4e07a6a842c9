// The toolbar icon, drawn here so the build needs no image files: an envelope on a rounded blue square, as PNG.
import { deflateSync, crc32 } from 'node:zlib';

function chunk(/** @type {string} */ type, /** @type {Buffer} */ data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A `size`×`size` RGBA PNG of the icon. */
export function iconPng(/** @type {number} */ size) {
  const rows = [];
  const r = size * 0.2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const cx = Math.min(Math.max(x + 0.5, r), size - r);
      const cy = Math.min(Math.max(y + 0.5, r), size - r);
      const inside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= r;
      // Envelope: a white rectangle with a blue V for the flap.
      const u = (x + 0.5) / size;
      const v = (y + 0.5) / size;
      const inEnvelope = u > 0.2 && u < 0.8 && v > 0.3 && v < 0.72;
      const flap = Math.abs(v - 0.3 - 0.7 * Math.abs(u - 0.5)) < Math.max(0.06, 1.2 / size) && v < 0.55;
      const white = inEnvelope && !flap;
      const px = inside ? (white ? [255, 255, 255, 255] : [9, 105, 218, 255]) : [0, 0, 0, 0];
      Buffer.from(px).copy(row, 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
