// Demo signature and seal images for the demo commune (xã Tân Uyên), drawn in code so that no real
// person's signature or real seal ships with the product. NĐ 30/2020 Phụ lục I §II.7–8: the signature image
// is blue on a transparent background; the seal image is red, transparent, at the seal's real size.
// The seal deliberately carries no lettering: it must never pass for a real one.
import { CoverageCanvas, type Rgb } from './png.ts';

const SIGNATURE_BLUE: Rgb = [16, 48, 168];
const SEAL_RED: Rgb = [214, 32, 40];
const DPI = 300;
const px = (mm: number) => Math.round((mm / 25.4) * DPI);

export interface DemoImage {
  png: Buffer;
  widthPx: number;
  heightPx: number;
  widthMm: number; // the size to draw at (the PNG's pHYs says 300 dpi)
  heightMm: number;
}

export const DEMO_SIGNATURE_SIZE_MM = { width: 50, height: 20 } as const;
export const DEMO_SEAL_DIAMETER_MM = 35; // a common size for a commune body's round seal; set per seal specimen

function drawSignature(): DemoImage {
  const { width: wMm, height: hMm } = DEMO_SIGNATURE_SIZE_MM;
  const canvas = new CoverageCanvas(px(wMm), px(hMm));
  const W = canvas.width, H = canvas.height;
  const line = Math.max(3, W / 110);
  // A looping hand: a prolate cycloid whose loops shrink to the right, then a rising flourish underneath.
  const loops: Array<[number, number]> = [];
  for (let i = 0; i <= 420; i++) {
    const t = i / 420;
    const r = H * (0.26 - 0.12 * t);
    const a = t * Math.PI * 2 * 4.5 - Math.PI / 2;
    loops.push([W * (0.08 + 0.62 * t) + r * Math.cos(a) * 0.8, H * (0.45 - 0.08 * Math.sin(t * Math.PI)) + r * Math.sin(a)]);
  }
  canvas.stroke(loops, line);
  const flourish: Array<[number, number]> = [];
  for (let i = 0; i <= 120; i++) {
    const t = i / 120;
    flourish.push([W * (0.12 + 0.82 * t), H * (0.8 - 0.5 * t * t) + H * 0.05 * Math.sin(t * Math.PI * 3)]);
  }
  canvas.stroke(flourish, line * 0.85);
  return { png: canvas.toPng(SIGNATURE_BLUE, DPI), widthPx: W, heightPx: H, widthMm: wMm, heightMm: hMm };
}

function starSdf(cx: number, cy: number, outer: number, inner: number): (x: number, y: number) => number {
  const pts: Array<[number, number]> = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return (x, y) => {
    let d = Infinity;
    let inside = false;
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [ax, ay] = pts[j]!;
      const [bx, by] = pts[i]!;
      const dx = bx - ax, dy = by - ay;
      const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      d = Math.min(d, Math.hypot(x - ax - t * dx, y - ay - t * dy));
      if ((ay > y) !== (by > y) && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
    }
    return inside ? -d : d;
  };
}

function drawSeal(): DemoImage {
  const size = px(DEMO_SEAL_DIAMETER_MM);
  const canvas = new CoverageCanvas(size, size);
  const c = size / 2;
  const R = c - 2;
  const ring = (radius: number, width: number) => (x: number, y: number) => Math.abs(Math.hypot(x - c, y - c) - radius) - width / 2;
  const outerW = size * 0.03;
  canvas.paint(ring(R - outerW / 2, outerW));
  canvas.paint(ring(R * 0.66, size * 0.009));
  // Where the lettering of a real seal runs: a band of short marks instead of text.
  const marks = 44;
  for (let i = 0; i < marks; i++) {
    if (i % 11 === 0) continue; // gaps, as between words
    const a = (i / marks) * Math.PI * 2;
    const r0 = R * 0.74, r1 = R * 0.86;
    canvas.stroke([[c + r0 * Math.cos(a), c + r0 * Math.sin(a)], [c + r1 * Math.cos(a), c + r1 * Math.sin(a)]], size * 0.012);
  }
  canvas.paint(starSdf(c, c, R * 0.42, R * 0.17), { x0: c - R * 0.5, y0: c - R * 0.5, x1: c + R * 0.5, y1: c + R * 0.5 });
  return { png: canvas.toPng(SEAL_RED, DPI), widthPx: size, heightPx: size, widthMm: DEMO_SEAL_DIAMETER_MM, heightMm: DEMO_SEAL_DIAMETER_MM };
}

let cached: { signature: DemoImage; seal: DemoImage } | null = null;

/** The demo signature (blue) and seal (red) images; drawn once per process (≈ 100 ms), then reused. */
export function demoImages(): { signature: DemoImage; seal: DemoImage } {
  cached ??= { signature: drawSignature(), seal: drawSeal() };
  return cached;
}

export const demoSignaturePng = (): Buffer => demoImages().signature.png;
export const demoSealPng = (): Buffer => demoImages().seal.png;
