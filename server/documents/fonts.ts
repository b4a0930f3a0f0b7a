// The four Liberation Serif 2.1.5 faces (Times New Roman metrics, every Vietnamese letter; SIL OFL 1.1,
// licence in templates/fonts/LICENSE.txt), parsed once per process and shared by every document.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<FontStyle, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
};

export const FONTS_DIR = fileURLToPath(new URL('../../templates/fonts/', import.meta.url));

let loaded: Record<FontStyle, fontkit.Font> | null = null;

export function loadFonts(): Record<FontStyle, fontkit.Font> {
  if (!loaded) {
    const read = (style: FontStyle) => warmGlyphs(fontkit.create(readFileSync(FONTS_DIR + FILES[style])));
    loaded = { regular: read('regular'), bold: read('bold'), italic: read('italic'), boldItalic: read('boldItalic') };
  }
  return loaded;
}

/**
 * fontkit caches one glyph object per id with the code points it was first created with. A shared font
 * whose "e" was first created as a component of "ế" while subsetting carries no code point, and every later
 * PDF's ToUnicode map loses the letter ("Th:o"). Creating every mapped glyph from its own code point first
 * makes the cache correct for all documents.
 */
function warmGlyphs(font: fontkit.Font): fontkit.Font {
  for (const cp of font.characterSet) font.glyphForCodePoint(cp);
  return font;
}

export function styleOf(bold: boolean | undefined, italic: boolean | undefined): FontStyle {
  if (bold && italic) return 'boldItalic';
  if (bold) return 'bold';
  if (italic) return 'italic';
  return 'regular';
}

/** Raised when a text needs a character none of the document's fonts can draw. */
export class MissingGlyphError extends Error {
  constructor(readonly character: string, readonly style: FontStyle, readonly context: string) {
    const cp = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    super(`Phông chữ Liberation Serif (${style}) không có ký tự "${character}" (U+${cp}) trong: "${context.slice(0, 80)}"`);
    this.name = 'MissingGlyphError';
  }
}

const IGNORED = new Set([0x0a, 0x0d, 0x09, 0x200b, 0xfeff]);
const glyphCache: Record<FontStyle, Map<number, boolean>> = {
  regular: new Map(), bold: new Map(), italic: new Map(), boldItalic: new Map(),
};

/** Throws MissingGlyphError naming the first character the face lacks; never silently drops one. */
export function assertGlyphs(text: string, style: FontStyle): void {
  const font = loadFonts()[style];
  const cache = glyphCache[style];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (IGNORED.has(cp)) continue;
    let ok = cache.get(cp);
    if (ok === undefined) {
      ok = font.hasGlyphForCodePoint(cp) && font.glyphForCodePoint(cp).id !== 0;
      cache.set(cp, ok);
    }
    if (!ok) throw new MissingGlyphError(ch, style, text);
  }
}

const widthCache = new Map<string, number>();

/** Advance width in pt of a text at a size (no kerning beyond the font's default layout). */
export function measureText(text: string, style: FontStyle, size: number): number {
  const key = `${style}\u0000${text}`;
  let units = widthCache.get(key);
  if (units === undefined) {
    const font = loadFonts()[style];
    units = font.layout(text).advanceWidth / font.unitsPerEm;
    if (widthCache.size > 50_000) widthCache.clear();
    widthCache.set(key, units);
  }
  return units * size;
}
