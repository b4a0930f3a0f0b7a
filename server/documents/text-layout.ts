// Line breaking shared by the renderers: words with styles, greedy justified lines for body text and
// balanced lines for centred headings (both renderers break headings at the same places).
import { measureText, styleOf, type FontStyle } from './fonts.ts';
import type { Inline, SignatureColumn } from './model.ts';

export interface Piece {
  text: string;
  style: FontStyle;
}

/** A word: one or more styled pieces with no space between them. */
export interface Word {
  pieces: Piece[];
  width: number;
}

export interface Line {
  words: Word[];
  width: number; // natural width including single spaces
  spaces: number; // gaps between words
}

/** Split inline runs into words; `base` carries the block's own bold/italic. */
export function toWords(runs: Inline, base: { bold?: boolean; italic?: boolean }, size: number): Word[] {
  const words: Word[] = [];
  let current: Piece[] = [];
  const flush = () => {
    if (current.length) {
      words.push({ pieces: current, width: current.reduce((w, p) => w + measureText(p.text, p.style, size), 0) });
      current = [];
    }
  };
  for (const run of runs) {
    const style = styleOf(base.bold || run.bold, base.italic || run.italic);
    const parts = run.text.split(/(\s+)/);
    for (const part of parts) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        flush();
        continue;
      }
      const last = current[current.length - 1];
      if (last && last.style === style) last.text += part;
      else current.push({ text: part, style });
    }
  }
  flush();
  return words;
}

/** Break a word wider than the line into pieces that fit (long URLs, codes). */
function splitLongWord(word: Word, width: number, size: number): Word[] {
  const out: Word[] = [];
  let pieces: Piece[] = [];
  let w = 0;
  for (const piece of word.pieces) {
    for (const ch of piece.text) {
      const cw = measureText(ch, piece.style, size);
      if (w + cw > width && (pieces.length > 0)) {
        out.push({ pieces, width: w });
        pieces = [];
        w = 0;
      }
      const last = pieces[pieces.length - 1];
      if (last && last.style === piece.style) last.text += ch;
      else pieces.push({ text: ch, style: piece.style });
      w += cw;
    }
  }
  if (pieces.length) out.push({ pieces, width: w });
  return out;
}

/** Greedy line breaking; the first line is `firstIndent` narrower. */
export function breakLines(words: Word[], width: number, firstIndent: number, size: number): Line[] {
  const lines: Line[] = [];
  const space = measureText(' ', 'regular', size);
  let line: Line = { words: [], width: 0, spaces: 0 };
  const avail = () => (lines.length === 0 ? width - firstIndent : width);
  const queue = [...words];
  while (queue.length) {
    const word = queue.shift()!;
    if (word.width > avail()) {
      if (line.words.length) {
        lines.push(line);
        line = { words: [], width: 0, spaces: 0 };
      }
      if (word.width > avail()) {
        queue.unshift(...splitLongWord(word, avail(), size));
        const first = queue.shift()!;
        lines.push({ words: [first], width: first.width, spaces: 0 });
        continue;
      }
    }
    const add = line.words.length ? space + word.width : word.width;
    if (line.words.length && line.width + add > avail() + 0.01) {
      lines.push(line);
      line = { words: [word], width: word.width, spaces: 0 };
    } else {
      line.words.push(word);
      line.width += add;
      if (line.words.length > 1) line.spaces += 1;
    }
  }
  if (line.words.length || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Break a centred heading into the fewest lines that fit, then even them out (minimise the longest line),
 * so "HỘI ĐỒNG NHÂN DÂN XÃ TÂN UYÊN" becomes "HỘI ĐỒNG NHÂN DÂN / XÃ TÂN UYÊN" rather than leaving one
 * word alone. Explicit "\n" in the text always breaks.
 */
const balancedCache = new Map<string, string[]>();

export function wrapBalanced(text: string, style: FontStyle, size: number, width: number): string[] {
  const key = `${style}|${size}|${width.toFixed(2)}|${text}`;
  const hit = balancedCache.get(key);
  if (hit) return [...hit];
  const out = computeBalanced(text, style, size, width);
  if (balancedCache.size > 5000) balancedCache.clear();
  balancedCache.set(key, out);
  return [...out];
}

function computeBalanced(text: string, style: FontStyle, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const words = para.split(/\s+/).filter(Boolean);
    if (!words.length) continue;
    const natural = breakLines(toWords([{ text: para }], { bold: style === 'bold' || style === 'boldItalic', italic: style === 'italic' || style === 'boldItalic' }, size), width, 0, size);
    const count = natural.length;
    if (count === 1) {
      out.push(para.trim()); // keep inner spaces: the blank number of a draft "Số:     /NQ-HĐND"
      continue;
    }
    // binary search the narrowest width that still needs only `count` lines
    let lo = 0;
    let hi = width;
    const wordObjs = toWords([{ text: para }], { bold: style === 'bold' || style === 'boldItalic', italic: style === 'italic' || style === 'boldItalic' }, size);
    for (let i = 0; i < 14; i++) {
      const mid = (lo + hi) / 2;
      if (breakLines(wordObjs, mid, 0, size).length <= count) hi = mid;
      else lo = mid;
    }
    for (const line of breakLines(wordObjs, hi, 0, size)) out.push(line.words.map((w) => w.pieces.map((p) => p.text).join('')).join(' '));
  }
  return out;
}

export function lineText(line: Line): string {
  return line.words.map((w) => w.pieces.map((p) => p.text).join('')).join(' ');
}

/** Signature columns side by side: one or two as the samples draw them; more signers (a counting board) three to a row. */
export function signaturesPerRow(count: number): number {
  return count <= 2 ? 2 : 3;
}

/** How many lines a signature column's authority and position lines take once wrapped. */
export function signatureTitleLines(col: SignatureColumn, st: { size: number; bold: boolean; italic: boolean }, width: number): number {
  return col.lines.reduce((n, line) => n + wrapBalanced(line, styleOf(st.bold, st.italic), st.size, width).length, 0);
}

const UNITS_TWO = new Set(['THÀNH PHỐ', 'THỊ XÃ', 'THỊ TRẤN', 'ĐẶC KHU']);
const UNITS_ONE = new Set(['PHƯỜNG', 'XÃ', 'HUYỆN', 'QUẬN', 'TỈNH']);

/**
 * A body's name in the first-page header, with an explicit "\n" where it breaks when it does not fit on one
 * line of its column: before the administrative unit, so "ỦY BAN NHÂN DÂN XÃ TÂN UYÊN" reads
 * "ỦY BAN NHÂN DÂN / XÃ TÂN UYÊN" (NĐ 30 Mẫu 1.x) and never "ỦY BAN NHÂN / DÂN XÃ TÂN UYÊN". A name that
 * fits, one without a unit ("PHÒNG VĂN HÓA - XÃ HỘI"), or one that already has a break is returned as it is;
 * each part still wraps balanced if it alone is too wide. Both renderers honour the "\n".
 */
export function breakBodyName(name: string, style: FontStyle, size: number, width: number): string {
  if (name.includes('\n') || wrapBalanced(name, style, size, width).length <= 1) return name;
  const words = name.split(/\s+/).filter(Boolean);
  for (let i = 1; i < words.length - 1; i++) {
    const span = UNITS_TWO.has(`${words[i]} ${words[i + 1]}`) ? 2 : UNITS_ONE.has(words[i]!) ? 1 : 0;
    if (!span || i + span >= words.length) continue; // a unit needs its name after it
    if (words[i] === 'XÃ' && (words[i + 1] === 'HỘI' || words[i - 1] === 'THỊ')) continue; // "xã hội", "thị xã"
    return `${words.slice(0, i).join(' ')}\n${words.slice(i).join(' ')}`;
  }
  return name;
}
