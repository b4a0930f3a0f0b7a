// Test helpers: read text with positions and fonts back from a PDF (pdfjs-dist) and unzip a DOCX
// with node:zlib (no extra dependency).
import { inflateRawSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfItem {
  page: number; // 1-based
  text: string;
  x: number; // left, pt from the left edge
  top: number; // pt from the top edge to the baseline minus the font size (≈ top of the glyph box)
  baseline: number; // pt from the top edge
  width: number;
  size: number; // font size in pt
  font: string; // PostScript name without the subset tag, e.g. "LiberationSerif-Bold"
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
}

export async function readPdf(data: Buffer): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const view = page.view; // [x0, y0, x1, y1]
    const height = view[3]! - view[1]!;
    await page.getOperatorList(); // loads the fonts into commonObjs
    const content = await page.getTextContent();
    const items: PdfItem[] = [];
    for (const raw of content.items) {
      if (!('str' in raw) || raw.str.trim() === '') continue;
      const [a, , , d, e, f] = raw.transform as number[];
      let font = raw.fontName;
      try {
        const obj = page.commonObjs.get(raw.fontName) as { name?: string };
        font = (obj?.name ?? font).replace(/^[A-Z]{6}\+/, '');
      } catch { /* keep the id */ }
      const size = Math.abs(d! || a!);
      items.push({ page: n, text: raw.str, x: e!, baseline: height - f!, top: height - f! - size * 0.891, width: raw.width, size, font });
    }
    pages.push({ width: view[2]! - view[0]!, height, items });
  }
  await doc.destroy();
  return pages;
}

export function isBold(item: PdfItem): boolean {
  return /Bold/.test(item.font);
}

export function isItalic(item: PdfItem): boolean {
  return /Italic/.test(item.font);
}

/** Entries of a ZIP archive (stored or deflated), by name. */
export function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  // find the end of central directory record
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const lNameLen = buf.readUInt16LE(local + 26);
    const lExtraLen = buf.readUInt16LE(local + 28);
    const start = local + 30 + lNameLen + lExtraLen;
    const data = buf.subarray(start, start + compressed);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Words of a text, NFC, for order-insensitive comparisons. */
export function words(text: string): string[] {
  return text.normalize('NFC').split(/\s+/).filter(Boolean);
}
