// A minimal PNG encoder (8-bit RGBA, no interlace) on node:zlib, and an anti-aliased RGBA canvas for the
// demo signature and seal images.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes straight (non-premultiplied) RGBA pixels, row by row. `dpi` is written as a pHYs chunk. */
export function encodePng(width: number, height: number, rgba: Uint8Array, dpi?: number): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError('Kích thước ảnh không khớp dữ liệu điểm ảnh.');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const chunks = [chunk('IHDR', ihdr)];
  if (dpi) {
    const phys = Buffer.alloc(9);
    const perMetre = Math.round(dpi / 0.0254);
    phys.writeUInt32BE(perMetre, 0);
    phys.writeUInt32BE(perMetre, 4);
    phys[8] = 1; // unit: metre
    chunks.push(chunk('pHYs', phys));
  }
  chunks.push(chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

export type Rgb = readonly [number, number, number];

/** A transparent canvas painted with one colour at a per-pixel coverage (0–1); the max of all shapes wins. */
export class CoverageCanvas {
  readonly coverage: Float32Array;

  constructor(readonly width: number, readonly height: number) {
    this.coverage = new Float32Array(width * height);
  }

  /** Paints every pixel whose centre lies within ±0.5 px of a shape given as a signed distance (negative inside). */
  paint(sdf: (x: number, y: number) => number, box = { x0: 0, y0: 0, x1: this.width, y1: this.height }): void {
    const x0 = Math.max(0, Math.floor(box.x0)), x1 = Math.min(this.width, Math.ceil(box.x1));
    const y0 = Math.max(0, Math.floor(box.y0)), y1 = Math.min(this.height, Math.ceil(box.y1));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const cover = Math.min(1, Math.max(0, 0.5 - sdf(x + 0.5, y + 0.5)));
        const i = y * this.width + x;
        if (cover > this.coverage[i]!) this.coverage[i] = cover;
      }
    }
  }

  /** A stroke of width `w` along a polyline. */
  stroke(points: ReadonlyArray<readonly [number, number]>, w: number): void {
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1]!;
      const [bx, by] = points[i]!;
      const dx = bx - ax, dy = by - ay;
      const len2 = dx * dx + dy * dy || 1;
      const r = w / 2;
      this.paint((x, y) => {
        const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / len2));
        return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - r;
      }, { x0: Math.min(ax, bx) - r - 1, y0: Math.min(ay, by) - r - 1, x1: Math.max(ax, bx) + r + 2, y1: Math.max(ay, by) + r + 2 });
    }
  }

  toPng(color: Rgb, dpi?: number): Buffer {
    const rgba = new Uint8Array(this.width * this.height * 4);
    for (let i = 0; i < this.coverage.length; i++) {
      rgba[i * 4] = color[0];
      rgba[i * 4 + 1] = color[1];
      rgba[i * 4 + 2] = color[2];
      rgba[i * 4 + 3] = Math.round(this.coverage[i]! * 255);
    }
    return encodePng(this.width, this.height, rgba, dpi);
  }
}
