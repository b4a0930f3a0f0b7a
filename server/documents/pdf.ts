// PDF renderer (pdfkit): draws a DocumentDescription on A4 with the embedded Liberation Serif faces.
// Lines are broken and justified here (text-layout.ts), so pdfkit only places measured text.
import PDFDocument from 'pdfkit';
import { assertGlyphs, loadFonts, measureText, styleOf, type FontStyle } from './fonts.ts';
import { useFixedSubset } from './pdf-fonts.ts';
import {
  A4, MM, RULE_DROP, VERIFICATION_BLOCK, pageBox, profileFor, verificationCaption, type HeaderLineStyle, type LayoutProfile,
} from './layout.ts';
import {
  assertNever, isArticleHeading, normalizeDescription, type Annex, type Block, type DocumentDescription, type Inline,
  type SignatureColumn, type TableBlock,
} from './model.ts';
import { breakLines, signaturesPerRow, signatureTitleLines, toWords, wrapBalanced, type Line } from './text-layout.ts';

// Liberation Serif (Times metrics), per pt of size: ascent + descent, and ascent (the baseline below a line's top).
const FONT_BOX = 1.107;
const FONT_ASCENT = 0.891;

const FONT_NAMES: Record<FontStyle, string> = { regular: 'R', bold: 'B', italic: 'I', boldItalic: 'BI' };

// pdfkit's per-font layout cache is an instance property; sharing one per face across documents means each
// word is shaped once per process instead of once per document.
const sharedLayoutCaches: Record<FontStyle, Record<string, unknown>> = {
  regular: Object.create(null), bold: Object.create(null), italic: Object.create(null), boldItalic: Object.create(null),
};

type Doc = PDFKit.PDFDocument;

class PdfWriter {
  readonly box: ReturnType<typeof pageBox>;
  y: number;
  private pageInSequence = 1;
  private firstBlock = true;
  // Space left under the last body block: Word and LibreOffice put the larger of one paragraph's space after and
  // the next one's space before between them, not the sum, so a heading's space before counts only beyond it.
  private lastAfter = 0;

  constructor(readonly doc: Doc, readonly p: LayoutProfile, readonly draft: boolean) {
    this.box = pageBox(p);
    this.y = this.box.top;
    this.decorateFirstPage();
  }

  lh(size: number): number {
    return size * this.p.lineHeight;
  }

  private readonly prepared = new Set<FontStyle>();

  useFont(style: FontStyle, size: number): void {
    const doc = this.doc as Doc & { _font?: { layoutCache?: unknown } };
    doc.font(FONT_NAMES[style]).fontSize(size);
    if (!this.prepared.has(style) && doc._font) {
      doc._font.layoutCache = sharedLayoutCaches[style];
      useFixedSubset(doc._font);
      this.prepared.add(style);
    }
  }

  /** Draw one piece of text with its top-left corner at (x, lineTop) on a line of pitch lh(size). */
  draw(text: string, style: FontStyle, size: number, x: number, lineTop: number, wordSpacing = 0): void {
    if (!text) return;
    assertGlyphs(text, style);
    this.useFont(style, size);
    // centre the font's ascent+descent box in the line pitch, as word processors do with exact spacing
    const y = lineTop + (this.lh(size) - size * FONT_BOX) / 2;
    this.doc.text(text, x, y, { lineBreak: false, wordSpacing });
  }

  hrule(x1: number, x2: number, y: number): void {
    this.doc.save().lineWidth(this.p.ruleWidth).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  }

  newPage(): void {
    this.doc.addPage({ size: [A4.width, A4.height], margin: 0 });
    this.pageInSequence += 1;
    this.y = this.box.top;
    this.drawPageNumber();
  }

  /** Start a sequence whose page numbers restart (an annex): its first page carries no number. */
  newSequence(): void {
    this.doc.addPage({ size: [A4.width, A4.height], margin: 0 });
    this.pageInSequence = 1;
    this.y = this.box.top;
    this.firstBlock = true;
  }

  private drawPageNumber(): void {
    const size = this.p.pageNumber.size;
    const text = String(this.pageInSequence);
    const w = measureText(text, 'regular', size);
    this.draw(text, 'regular', size, this.box.left + (this.box.width - w) / 2, this.p.pageNumber.topMm * MM - size * 0.3);
  }

  private decorateFirstPage(): void {
    if (!this.draft) return;
    const m = this.p.draftMark;
    const style = styleOf(m.bold, m.italic);
    const w = measureText(m.text, style, m.size);
    const x = this.box.right - w - 6;
    const top = this.p.marginsMm.top * MM - this.lh(m.size) - 8;
    this.draw(m.text, style, m.size, x, top);
    this.doc.save().lineWidth(0.8).rect(x - 5, top - 1, w + 10, this.lh(m.size) + 2).stroke().restore();
  }

  /**
   * The caption beside the QR code (pdf-stamp.ts draws the code itself after rendering) on the current page,
   * which must be page 1: drawn here so that it uses the embedded face, shrunk to fit a long address.
   */
  verificationCaption(v: { code: string; url: string }): void {
    const b = VERIFICATION_BLOCK;
    const x = this.box.left + (b.qrMm + b.gapMm) * MM;
    const room = this.box.right - x;
    const lines = verificationCaption(v);
    const size = Math.min(b.size, ...lines.map((l) => (b.size * room) / Math.max(measureText(l, 'regular', b.size), 1)));
    lines.forEach((line, i) => {
      const baselineFromTop = A4.height - b.firstBaselineMm * MM + i * b.lineGap;
      // draw() centres the face's box in the line pitch; place it so that the baseline lands where it should
      const top = baselineFromTop - FONT_ASCENT * size - (this.lh(size) - size * FONT_BOX) / 2;
      this.draw(line, 'regular', size, x, top);
    });
  }

  ensure(height: number): void {
    if (this.y + height > this.box.bottom + 0.01) this.newPage();
  }

  /** Centred lines of one style inside [x, x+width], starting at `top`; returns the y below them. */
  centred(text: string, st: HeaderLineStyle, x: number, width: number, top: number): { y: number; widest: number } {
    const style = styleOf(st.bold, st.italic);
    let y = top;
    let widest = 0;
    for (const line of wrapBalanced(text, style, st.size, width)) {
      const w = measureText(line, style, st.size);
      widest = Math.max(widest, w);
      this.draw(line, style, st.size, x + (width - w) / 2, y);
      y += this.lh(st.size);
    }
    return { y, widest };
  }

  /** Centred full-width heading lines in the flow, with page breaks. */
  heading(text: string, st: HeaderLineStyle, before = 0): number {
    const style = styleOf(st.bold, st.italic);
    const lines = wrapBalanced(text, style, st.size, this.box.width);
    this.y += before;
    this.ensure(this.lh(st.size) * Math.min(lines.length, 2));
    let widest = 0;
    for (const line of lines) {
      this.ensure(this.lh(st.size));
      const w = measureText(line, style, st.size);
      widest = Math.max(widest, w);
      this.draw(line, style, st.size, this.box.left + (this.box.width - w) / 2, this.y);
      this.y += this.lh(st.size);
    }
    return widest;
  }

  /** A justified paragraph with first-line indent (or centred / left), 6 pt after. */
  paragraph(runs: Inline, st: HeaderLineStyle, options: { align?: 'justify' | 'center' | 'left' | 'right'; indent?: boolean; after?: number } = {}): void {
    const size = st.size;
    const align = options.align ?? 'justify';
    const indent = options.indent === false || align !== 'justify' ? 0 : this.p.firstLineIndentMm * MM;
    const words = toWords(runs, { bold: st.bold, italic: st.italic }, size);
    const lines = breakLines(words, this.box.width, indent, size);
    const space = measureText(' ', 'regular', size);
    lines.forEach((line, i) => {
      this.ensure(this.lh(size));
      const last = i === lines.length - 1;
      const avail = this.box.width - (i === 0 ? indent : 0);
      let x = this.box.left + (i === 0 ? indent : 0);
      let extra = 0;
      if (align === 'justify' && !last && line.spaces > 0) extra = (avail - line.width) / line.spaces;
      if (align === 'center') x = this.box.left + (this.box.width - line.width) / 2;
      if (align === 'right') x = this.box.right - line.width;
      this.drawLine(line, size, x, this.y, space, extra);
      this.y += this.lh(size);
    });
    this.lastAfter = options.after ?? this.p.paragraphAfter;
    this.y += this.lastAfter;
  }

  /** Draws a line's words, merging same-style neighbours into one text call with word spacing. */
  drawLine(line: Line, size: number, x0: number, top: number, space: number, extra: number): void {
    let x = x0;
    let batch = '';
    let batchStyle: FontStyle | null = null;
    let batchX = x;
    const flush = () => {
      if (batch && batchStyle) this.draw(batch, batchStyle, size, batchX, top, extra);
      batch = '';
      batchStyle = null;
    };
    line.words.forEach((word, wi) => {
      if (wi > 0) {
        if (batchStyle && word.pieces[0]!.style === batchStyle && word.pieces.length === 1) {
          batch += ' ';
        } else {
          flush();
        }
        x += space + extra;
      }
      for (const piece of word.pieces) {
        if (batchStyle !== piece.style) {
          flush();
          batchStyle = piece.style;
          batchX = x;
        }
        batch += piece.text;
        x += measureText(piece.text, piece.style, size);
      }
      if (word.pieces.length > 1) flush();
    });
    flush();
  }

  spaceBefore(points: number): void {
    if (!this.firstBlock) this.y += Math.max(0, points - this.lastAfter);
    this.firstBlock = false;
  }

  block(b: Block): void {
    const body = this.p.body;
    switch (b.kind) {
      case 'paragraph':
        this.firstBlock = false;
        this.paragraph(b.runs, { ...body, bold: b.bold ?? false, italic: b.italic ?? false }, { align: b.align });
        return;
      case 'chapter':
        this.spaceBefore(12);
        this.ensure(this.lh(body.size) * 4);
        this.heading(b.label, { ...body, bold: true });
        this.heading(b.title, { ...body, bold: true });
        this.y += this.p.paragraphAfter;
        this.lastAfter = this.p.paragraphAfter;
        return;
      case 'section':
        this.spaceBefore(6);
        this.ensure(this.lh(body.size) * 3);
        this.heading(`${b.label}. ${b.title}`, { ...body, bold: true });
        this.y += this.p.paragraphAfter;
        this.lastAfter = this.p.paragraphAfter;
        return;
      case 'article': {
        this.firstBlock = false;
        const runs: Inline = [{ text: `${b.label} `, bold: true }, ...b.runs];
        const lines = breakLines(toWords(runs, { bold: false, italic: false }, body.size), this.box.width, this.p.firstLineIndentMm * MM, body.size).length;
        // A heading-only article stays with the first line of its body (the DOCX says keepNext, keepLines);
        // an article with its own text keeps its first two lines together.
        this.ensure(isArticleHeading(b) ? this.lh(body.size) * (lines + 1) + this.p.paragraphAfter : this.lh(body.size) * Math.min(lines, 2));
        this.paragraph(runs, body);
        return;
      }
      case 'clause':
      case 'point':
        this.firstBlock = false;
        this.paragraph([{ text: `${b.label} ` }, ...b.runs], body);
        return;
      case 'list':
        this.firstBlock = false;
        for (const item of b.items) this.paragraph([{ text: `${b.marker} ` }, ...item], body);
        return;
      case 'table':
        this.firstBlock = false;
        this.table(b);
        return;
      default:
        assertNever(b);
    }
  }

  table(t: TableBlock): void {
    const size = t.size ?? this.p.body.size - 1;
    const pad = 4;
    const total = t.columns.reduce((s, c) => s + c.width, 0);
    const widths = t.columns.map((c) => (c.width / total) * this.box.width);
    const rows: Array<{ cells: string[]; header: boolean }> = [
      { cells: t.columns.map((c) => c.header), header: true },
      ...t.rows.map((cells) => ({ cells, header: false })),
    ];
    for (const row of rows) {
      const cellLines = row.cells.map((text, i) => {
        const words = toWords([{ text }], { bold: row.header }, size);
        return breakLines(words, widths[i]! - 2 * pad, 0, size);
      });
      const height = Math.max(...cellLines.map((l) => l.length)) * this.lh(size) + 2 * pad;
      this.ensure(height);
      let x = this.box.left;
      cellLines.forEach((lines, i) => {
        const w = widths[i]!;
        const align = row.header ? 'center' : (t.columns[i]!.align ?? 'left');
        let y = this.y + pad;
        for (const line of lines) {
          let lx = x + pad;
          if (align === 'center') lx = x + (w - line.width) / 2;
          if (align === 'right') lx = x + w - pad - line.width;
          this.drawLine(line, size, lx, y, measureText(' ', 'regular', size), 0);
          y += this.lh(size);
        }
        this.doc.save().lineWidth(0.5).rect(x, this.y, w, height).stroke().restore();
        x += w;
      });
      this.y += height;
    }
    this.y += this.p.paragraphAfter; // the DOCX draws this gap as an empty 6 pt line with nothing after it
    this.lastAfter = 0;
  }

  /** The two-column first-page header; `withNumber` false for an annex (no Số, no date). */
  header(desc: DocumentDescription, withNumber: boolean): void {
    const p = this.p;
    const leftW = this.box.width * p.headerLeftFraction;
    const rightX = this.box.left + leftW;
    const rightW = this.box.width - leftW;
    const top = this.box.top;
    // left column
    let ly = top;
    if (desc.header.parentBody) ly = this.centred(desc.header.parentBody, p.parentBody, this.box.left, leftW, ly).y;
    const issuing = this.centred(desc.header.issuingBody, p.issuingBody, this.box.left, leftW, ly);
    ly = issuing.y;
    if (p.issuingRule === 'third') {
      const w = Math.max(issuing.widest * 0.4, 40);
      const cx = this.box.left + leftW / 2;
      this.hrule(cx - w / 2, cx + w / 2, ly + RULE_DROP);
      ly += 6;
    } else {
      ly = this.centred('*', { size: p.issuingBody.size, bold: false, italic: false }, this.box.left, leftW, ly).y;
    }
    // right column
    let ry = top;
    for (const nl of p.nationalLines) {
      const r = this.centred(nl.text, nl.style, rightX, rightW, ry);
      ry = r.y;
      if (nl.rule === 'text') {
        const cx = rightX + rightW / 2;
        this.hrule(cx - r.widest / 2, cx + r.widest / 2, ry + RULE_DROP);
        ry += 6;
      }
    }
    if (!withNumber) {
      this.y = Math.max(ly, ry);
      return;
    }
    const dateOwnRow = p.family === 'party';
    let numberY = p.family === 'party' ? ly : Math.max(ly, ry);
    let after = numberY;
    if (desc.header.dateLine) {
      const dateY = dateOwnRow ? ry : numberY;
      after = Math.max(after, this.centred(desc.header.dateLine, p.dateLine, rightX, rightW, dateY).y);
    }
    if (desc.header.numberLine) {
      after = Math.max(after, numberY = this.centred(desc.header.numberLine, p.numberLine, this.box.left, leftW, numberY).y);
    }
    if (desc.header.subjectUnderNumber) {
      after = Math.max(after, this.centred(desc.header.subjectUnderNumber, { size: 12, bold: false, italic: p.family === 'party' }, this.box.left, leftW, numberY + 4).y);
    }
    this.y = after;
  }

  titleBlock(typeName: string | null, subject: string | null, annotation: string | null): void {
    const p = this.p;
    this.y += this.lh(p.body.size) * 0.75;
    if (typeName) this.heading(typeName, p.typeName);
    let widest = 0;
    if (subject) widest = this.heading(subject, p.subject);
    if (annotation) widest = Math.max(widest, this.heading(annotation, p.annexAnnotation));
    this.subjectRule(widest);
  }

  subjectRule(widest: number): void {
    const cx = this.box.left + this.box.width / 2;
    if (this.p.subjectRule === 'rule') {
      const w = Math.min(Math.max(widest * 0.35, 60), 140);
      this.hrule(cx - w / 2, cx + w / 2, this.y + RULE_DROP);
      this.y += 10;
    } else {
      this.heading('-----', { size: this.p.subject.size, bold: false, italic: false });
      this.y += 2;
    }
  }

  signatures(cols: SignatureColumn[], recipients: DocumentDescription['recipients']): void {
    const p = this.p;
    const sizeT = p.signatureTitle.size;
    const sigHeight = (col: SignatureColumn) => (col.lines.length + 1) * this.lh(sizeT) + p.signatureSpace;
    const recHeight = recipients ? (recipients.items.length + 1) * this.lh(p.recipientsItem.size + 1) : 0;
    const height = Math.max(...cols.map(sigHeight), cols.length === 1 ? recHeight : 0);
    this.y += 4;
    this.ensure(Math.min(height, this.box.bottom - this.box.top));
    const top = this.y;
    let bottom = top;
    if (cols.length === 1) {
      const leftW = this.box.width * p.signatureLeftFraction;
      bottom = Math.max(this.signatureColumn(cols[0]!, this.box.left + leftW, this.box.width - leftW, top), bottom);
      if (recipients) bottom = Math.max(bottom, this.recipients(recipients, this.box.left, leftW, top));
    } else {
      // Two columns side by side; more signers (every member of a counting board) in rows of three.
      const perRow = signaturesPerRow(cols.length);
      const half = this.box.width / perRow;
      for (let r = 0; r < cols.length; r += perRow) {
        const row = cols.slice(r, r + perRow);
        let rowTop = top;
        if (r > 0) {
          this.y = bottom + p.signatureRowGap;
          this.ensure(Math.max(...row.map(sigHeight)));
          rowTop = this.y;
          bottom = rowTop;
        }
        const titleLines = Math.max(...row.map((c) => signatureTitleLines(c, p.signatureTitle, half)));
        row.forEach((col, i) => {
          bottom = Math.max(bottom, this.signatureColumn(col, this.box.left + i * half, half, rowTop, titleLines));
        });
      }
      if (recipients) {
        this.y = bottom + 6;
        this.ensure(recHeight);
        bottom = this.recipients(recipients, this.box.left, this.box.width * p.signatureLeftFraction, this.y);
      }
    }
    this.y = bottom;
  }

  signatureColumn(col: SignatureColumn, x: number, width: number, top: number, titleLines = 0): number {
    const p = this.p;
    let y = top;
    for (const line of col.lines) y = this.centred(line, p.signatureTitle, x, width, y).y;
    y = Math.max(y, top + titleLines * this.lh(p.signatureTitle.size)); // names level across columns
    if (col.note) this.centred(col.note, { size: p.body.size, bold: false, italic: true }, x, width, y);
    y += p.signatureSpace;
    return this.centred(col.name, p.signatureName, x, width, y).y;
  }

  recipients(r: NonNullable<DocumentDescription['recipients']>, x: number, width: number, top: number): number {
    const p = this.p;
    const lab = p.recipientsLabel;
    const labStyle = styleOf(lab.bold, lab.italic);
    // level the label's baseline with the first signature line
    let y = top + (this.lh(p.signatureTitle.size) - this.lh(lab.size)) / 2;
    this.draw(r.label, labStyle, lab.size, x, y);
    if (lab.underline) {
      const w = measureText(r.label.replace(/:$/, ''), labStyle, lab.size);
      this.hrule(x, x + w, y + this.lh(lab.size) - 1.5);
    }
    y += this.lh(lab.size);
    const size = p.recipientsItem.size;
    const space = measureText(' ', 'regular', size);
    for (const item of r.items) {
      const lines = breakLines(toWords([{ text: item }], {}, size), width - 4, 0, size);
      lines.forEach((line, i) => {
        if (y + this.lh(size) > this.box.bottom) {
          this.newPage();
          y = this.y;
        }
        this.drawLine(line, size, x + (i === 0 ? 0 : 6), y, space, 0);
        y += this.lh(size);
      });
    }
    return y;
  }

  annex(desc: DocumentDescription, a: Annex): void {
    this.newSequence();
    const p = this.p;
    if (a.style === 'regulation') {
      this.header(desc, false);
    } else if (a.label) {
      this.heading(a.label, p.annexLabel);
    }
    if (a.style === 'regulation') this.titleBlock(a.typeName, a.title, a.annotation);
    else {
      if (a.typeName) this.heading(a.typeName, p.typeName);
      const widest = Math.max(this.heading(a.title, p.typeName), a.annotation ? this.heading(a.annotation, p.annexAnnotation) : 0);
      this.subjectRule(widest);
    }
    this.y += 4;
    for (const b of a.body) this.block(b);
  }
}

export function createPdfDocument(): Doc {
  const fonts = loadFonts();
  const doc = new PDFDocument({
    size: [A4.width, A4.height],
    margin: 0,
    autoFirstPage: true,
    font: '', // skip loading Helvetica: every text uses the embedded faces
    info: { Producer: 'commune-meetings', Creator: 'commune-meetings' },
  } as PDFKit.PDFDocumentOptions);
  for (const style of Object.keys(FONT_NAMES) as FontStyle[]) doc.registerFont(FONT_NAMES[style], fonts[style] as never);
  return doc;
}

/** Render a description to PDF bytes. Throws MissingGlyphError for a character the fonts lack. */
export async function renderPdf(input: DocumentDescription): Promise<Buffer> {
  const desc = normalizeDescription(input);
  const p = profileFor(desc.family);
  const doc = createPdfDocument();
  if (desc.title) doc.info.Title = desc.title;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    const w = new PdfWriter(doc, p, desc.draft);
    if (desc.verification) w.verificationCaption(desc.verification);
    w.header(desc, true);
    w.titleBlock(desc.typeName, desc.subject, null);
    if (desc.recipientLine) w.paragraph([{ text: desc.recipientLine }], p.body, { align: 'center' });
    if (desc.authority.length) {
      w.y += 4;
      for (const line of desc.authority) w.heading(line, p.authority);
      w.y += p.paragraphAfter;
    }
    for (const base of desc.bases) w.paragraph([{ text: base }], p.bases);
    if (desc.enactingWord) {
      w.heading(desc.enactingWord, p.enacting, 0);
      w.y += p.paragraphAfter;
    }
    for (const b of desc.body) w.block(b);
    if (desc.signatures.length) w.signatures(desc.signatures, desc.recipients);
    for (const a of desc.annexes) w.annex(desc, a);
  } catch (err) {
    doc.end();
    await done.catch(() => undefined);
    throw err;
  }
  doc.end();
  return done;
}
