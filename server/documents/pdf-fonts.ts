// Fast font embedding for pdfkit. pdfkit subsets every face anew for each document (fontkit decodes and
// re-encodes each glyph), which was over half of a 2-page PDF's time. Instead each face is subset once per
// process to a fixed repertoire (Latin, Vietnamese, punctuation); every document embeds that same font
// program with the same glyph ids. A glyph outside the repertoire still works: that document falls back to
// a real subset of the repertoire plus its extra glyphs, so the ids already written stay valid.
import { deflateSync } from 'node:zlib';
import type { Font } from 'fontkit';

// U+0020–007E, Latin-1, Latin Extended-A/B (Đ đ Ơ ơ Ư ư…), combining marks, Vietnamese (U+1EA0–1EF9),
// general punctuation and a few signs used in official documents.
const REPERTOIRE: Array<[number, number]> = [
  [0x20, 0x7e], [0xa0, 0xff], [0x100, 0x17f], [0x1a0, 0x1a1], [0x1af, 0x1b0], [0x300, 0x323], [0x1ea0, 0x1ef9],
  [0x2010, 0x2027], [0x2030, 0x203a], [0x20ab, 0x20ac], [0x2116, 0x2116], [0x2122, 0x2122],
];

interface Subset {
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
  glyphs: number[];
  mapping: Record<number, number>;
}

interface PreparedFace {
  glyphs: number[]; // glyph ids in inclusion order (index = new id)
  mapping: Map<number, number>;
  bytes: Uint8Array; // the encoded subset font program
  compressed: Buffer; // the same, deflated once (level 9)
  widths: number[]; // pdfkit's widths per new id (1000-unit em)
  unicode: number[][]; // pdfkit's code points per new id
}

const prepared = new WeakMap<Font, PreparedFace>();

type SubsettableFont = Font & { createSubset(): Subset; getGlyph(id: number): { codePoints: number[]; advanceWidth: number } };

function prepare(font: SubsettableFont): PreparedFace {
  let face = prepared.get(font);
  if (face) return face;
  const subset = font.createSubset();
  const scale = 1000 / font.unitsPerEm;
  const widths: number[] = [];
  const unicode: number[][] = [];
  const zero = font.getGlyph(0);
  widths[0] = zero.advanceWidth * scale;
  unicode[0] = [0];
  for (const [from, to] of REPERTOIRE) {
    for (let cp = from; cp <= to; cp++) {
      if (!font.hasGlyphForCodePoint(cp)) continue;
      const glyph = font.glyphForCodePoint(cp);
      if (glyph.id === 0) continue;
      const gid = subset.includeGlyph(glyph.id);
      widths[gid] ??= glyph.advanceWidth * scale;
      unicode[gid] ??= [cp];
    }
  }
  const glyphs = [...subset.glyphs]; // directly included, before encode adds composite components
  const bytes = subset.encode();
  face = { glyphs, mapping: new Map(glyphs.map((g, i) => [g, i])), bytes, compressed: deflateSync(bytes, { level: 9 }), widths, unicode };
  prepared.set(font, face);
  return face;
}

class FixedSubset implements Subset {
  readonly glyphs: number[];
  readonly mapping: Record<number, number> = {};
  extras = false;

  constructor(private readonly font: SubsettableFont, private readonly face: PreparedFace) {
    this.glyphs = [...face.glyphs];
  }

  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'object' ? glyph.id : glyph;
    const known = this.face.mapping.get(id);
    if (known !== undefined) return known;
    const mine = this.mapping[id];
    if (mine !== undefined) return mine;
    this.extras = true;
    this.glyphs.push(id);
    this.mapping[id] = this.glyphs.length - 1;
    return this.mapping[id]!;
  }

  encode(): Uint8Array {
    if (!this.extras) return this.face.bytes;
    const real = this.font.createSubset();
    for (const g of this.glyphs) real.includeGlyph(g);
    return real.encode();
  }
}

interface PdfkitReference {
  compress: boolean;
  data: Record<string, unknown>;
  end(chunk?: unknown): void;
}

interface PdfkitEmbeddedFont {
  font: SubsettableFont;
  document: { ref(data?: unknown): PdfkitReference };
  embed(): void;
  subset: Subset;
  widths: number[];
  unicode: number[][];
  fixedSubset?: true;
}

/** Install the shared fixed subset on a pdfkit EmbeddedFont that has not drawn anything yet. */
export function useFixedSubset(embedded: unknown): void {
  const e = embedded as PdfkitEmbeddedFont;
  if (e.fixedSubset || !e.font || typeof e.font.createSubset !== 'function') return;
  if (e.widths.length > 1) return; // already drew with its own subset
  const face = prepare(e.font);
  e.subset = new FixedSubset(e.font, face);
  e.widths = face.widths.slice();
  e.unicode = face.unicode.slice();
  e.fixedSubset = true;
  // pdfkit deflates the font program on every document; hand it the bytes deflated once instead. If pdfkit
  // ever writes the program differently, the identity check fails and it simply compresses as before.
  const subset = e.subset as FixedSubset;
  const embed = e.embed;
  e.embed = function embedPrecompressed(this: PdfkitEmbeddedFont) {
    if (subset.extras) return embed.call(this);
    const doc = this.document;
    const ref = doc.ref;
    doc.ref = function refWithPrecompressedFont(data?: unknown) {
      const r = ref.call(doc, data);
      const end = r.end;
      r.end = function endPrecompressed(chunk?: unknown) {
        if (chunk !== face.bytes) return end.call(r, chunk);
        r.compress = false;
        r.data.Filter = 'FlateDecode';
        return end.call(r, face.compressed);
      };
      return r;
    };
    try {
      return embed.call(this);
    } finally {
      doc.ref = ref;
    }
  };
}
