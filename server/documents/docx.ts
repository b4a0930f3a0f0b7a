// DOCX renderer (docx 9): the same DocumentDescription as pdf.ts, with the same profile values, so a
// clerk can open and adjust the file in Word or LibreOffice. Fonts are named "Times New Roman".
import {
  AlignmentType, BorderStyle, Document, Footer, Header, ImageRun, LineRuleType, PageNumber, Paragraph, Table, TableCell,
  TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType, type IBorderOptions, type ISectionOptions,
} from 'docx';
import QRCode from 'qrcode';
import { packDocx } from './docx-pack.ts';
import { assertGlyphs, measureText, styleOf } from './fonts.ts';
import {
  A4, MM, RULE_DROP, VERIFICATION_BLOCK, pageBox, profileFor, verificationCaption, type HeaderLineStyle, type LayoutProfile,
} from './layout.ts';
import {
  assertNever, isArticleHeading, normalizeDescription, type Annex, type Block, type DocumentDescription, type Inline,
  type SignatureColumn, type TableBlock,
} from './model.ts';
import { signaturesPerRow, signatureTitleLines, wrapBalanced } from './text-layout.ts';

const FONT = 'Times New Roman';
const twip = (pt: number) => Math.round(pt * 20);
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const NO_INDENT = { firstLine: 0 };
const ZERO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
type Child = Paragraph | Table;

class DocxBuilder {
  readonly box: ReturnType<typeof pageBox>;

  constructor(readonly p: LayoutProfile) {
    this.box = pageBox(p);
  }

  lineSpacing(size: number, after = 0, before = 0) {
    return { line: twip(size * this.p.lineHeight), lineRule: LineRuleType.EXACT, after: twip(after), before: twip(before) };
  }

  run(text: string, st: { size: number; bold?: boolean; italic?: boolean; underline?: boolean }): TextRun {
    assertGlyphs(text, styleOf(st.bold, st.italic));
    // the document default (styles.xml) is Times New Roman at the body size: runs only say what differs
    return new TextRun({
      text,
      ...(st.size === this.p.body.size ? {} : { size: st.size * 2 }),
      ...(st.bold ? { bold: true } : {}),
      ...(st.italic ? { italics: true } : {}),
      ...(st.underline ? { underline: {} } : {}),
    });
  }

  runs(inline: Inline, st: HeaderLineStyle): TextRun[] {
    return inline.filter((r) => r.text).map((r) => this.run(r.text, { size: st.size, bold: st.bold || r.bold, italic: st.italic || r.italic }));
  }

  /** Centred single-style lines, broken where the PDF breaks them; one paragraph per line. */
  centred(text: string, st: HeaderLineStyle, width: number, options: { before?: number; after?: number } = {}): Paragraph[] {
    const lines = wrapBalanced(text, styleOf(st.bold, st.italic), st.size, width);
    return lines.map((line, i) => new Paragraph({
      alignment: AlignmentType.CENTER,
      indent: NO_INDENT,
      keepNext: true,
      spacing: this.lineSpacing(st.size, i === lines.length - 1 ? options.after ?? 0 : 0, i === 0 ? options.before ?? 0 : 0),
      children: [this.run(line, st)],
    }));
  }

  /** A solid rule `width` pt long, centred in a column `columnWidth` pt wide (paragraph top border). */
  rule(width: number, columnWidth: number, height = 6): Paragraph {
    // an empty paragraph `RULE_DROP` pt high whose bottom border is the rule, then the rest as space
    const side = Math.max(0, (columnWidth - width) / 2);
    return new Paragraph({
      indent: { left: twip(side), right: twip(side), firstLine: 0 },
      spacing: { line: twip(RULE_DROP), lineRule: LineRuleType.EXACT, before: 0, after: twip(height - RULE_DROP) },
      border: { bottom: { style: BorderStyle.SINGLE, size: Math.round(this.p.ruleWidth * 8), color: '000000', space: 0 } },
      keepNext: true,
      children: [new TextRun({ text: '', font: FONT, size: 2 })],
    });
  }

  paragraph(inline: Inline, st: HeaderLineStyle, align: 'justify' | 'center' | 'left' | 'right' = 'justify', after = this.p.paragraphAfter): Paragraph {
    const alignment: Align = align === 'center' ? AlignmentType.CENTER : align === 'left' ? AlignmentType.LEFT
      : align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED;
    if (align === 'justify' && st.size === this.p.body.size && after === this.p.paragraphAfter) {
      return new Paragraph({ children: this.runs(inline, st) }); // all from the default paragraph style
    }
    return new Paragraph({
      alignment,
      indent: align === 'justify' ? { firstLine: twip(this.p.firstLineIndentMm * MM) } : { firstLine: 0 },
      spacing: this.lineSpacing(st.size, after),
      children: this.runs(inline, st),
    });
  }

  block(b: Block, first: boolean): Child[] {
    const body = this.p.body;
    const bold = { ...body, bold: true };
    switch (b.kind) {
      case 'paragraph':
        return [this.paragraph(b.runs, { ...body, bold: b.bold ?? false, italic: b.italic ?? false }, b.align)];
      case 'chapter':
        return [...this.centred(b.label, bold, this.box.width, { before: first ? 0 : 12 }),
          ...this.centred(b.title, bold, this.box.width, { after: this.p.paragraphAfter })];
      case 'section':
        return this.centred(`${b.label}. ${b.title}`, bold, this.box.width, { before: first ? 0 : 6, after: this.p.paragraphAfter });
      case 'article':
        // A heading-only article is kept with the next paragraph and on one page, as the PDF does.
        if (isArticleHeading(b)) return [new Paragraph({ keepNext: true, keepLines: true, children: this.runs([{ text: `${b.label} `, bold: true }, ...b.runs], body) })];
        return [this.paragraph([{ text: `${b.label} `, bold: true }, ...b.runs], body)];
      case 'clause':
      case 'point':
        return [this.paragraph([{ text: `${b.label} ` }, ...b.runs], body)];
      case 'list':
        return b.items.map((item) => this.paragraph([{ text: `${b.marker} ` }, ...item], body));
      case 'table':
        // 6 pt under the table, as in the PDF: the empty paragraph must not add the body style's own 6 pt after
        return [this.table(b), new Paragraph({ spacing: { line: twip(this.p.paragraphAfter), lineRule: LineRuleType.EXACT, after: 0, before: 0 }, children: [] })];
      default:
        return assertNever(b);
    }
  }

  blocks(list: Block[]): Child[] {
    return list.flatMap((b, i) => this.block(b, i === 0));
  }

  table(t: TableBlock): Table {
    const size = t.size ?? this.p.body.size - 1;
    const pad = twip(4);
    const total = t.columns.reduce((s, c) => s + c.width, 0);
    const widths = t.columns.map((c) => twip((c.width / total) * this.box.width));
    const cell = (text: string, i: number, header: boolean) => new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      // the 0.5 pt rule between rows takes room in Word/LibreOffice but not in the PDF's row pitch: one less below
      margins: { top: pad, bottom: twip(4 - 0.5), left: pad, right: pad },
      children: [new Paragraph({
        indent: NO_INDENT,
        alignment: header || t.columns[i]!.align === 'center' ? AlignmentType.CENTER : t.columns[i]!.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: this.lineSpacing(size),
        children: [this.run(text, { size, bold: header })],
      })],
    });
    const line: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
    return new Table({
      layout: TableLayoutType.FIXED,
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.header, i, true)) }),
        ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, i, false)) })),
      ],
    });
  }

  /** A borderless two-column table (header grid, signature grid). */
  grid(columns: Array<{ width: number; children: Child[] }>): Table {
    const widths = columns.map((c) => twip(c.width));
    return new Table({
      layout: TableLayoutType.FIXED,
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      borders: NO_BORDERS,
      margins: ZERO_MARGINS,
      rows: [new TableRow({
        cantSplit: true,
        children: columns.map((c, i) => new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
          margins: ZERO_MARGINS,
          children: c.children.length ? c.children : [new Paragraph({ children: [] })],
        })),
      })],
    });
  }

  header(desc: DocumentDescription, withNumber: boolean): Child[] {
    const p = this.p;
    const leftW = this.box.width * p.headerLeftFraction;
    const rightW = this.box.width - leftW;
    const left: Paragraph[] = [];
    const right: Paragraph[] = [];
    if (desc.header.parentBody) left.push(...this.centred(desc.header.parentBody, p.parentBody, leftW));
    left.push(...this.centred(desc.header.issuingBody, p.issuingBody, leftW));
    const issuingWidest = Math.max(...wrapBalanced(desc.header.issuingBody, 'bold', p.issuingBody.size, leftW)
      .map((l) => measureText(l, 'bold', p.issuingBody.size)));
    if (p.issuingRule === 'third') left.push(this.rule(Math.max(issuingWidest * 0.4, 40), leftW, 6));
    else left.push(...this.centred('*', { size: p.issuingBody.size, bold: false, italic: false }, leftW));
    for (const nl of p.nationalLines) {
      right.push(...this.centred(nl.text, nl.style, rightW));
      if (nl.rule === 'text') right.push(this.rule(measureText(nl.text, styleOf(nl.style.bold, nl.style.italic), nl.style.size), rightW, 6));
    }
    if (withNumber) {
      if (p.family === 'state') {
        // the date line sits level with "Số:": pad the shorter column with empty lines
        const height = (ps: Paragraph[]) => ps.length;
        while (height(left) < height(right)) left.push(this.spacer(p.numberLine.size));
        while (height(right) < height(left)) right.push(this.spacer(p.dateLine.size));
      }
      if (desc.header.numberLine) left.push(...this.centred(desc.header.numberLine, p.numberLine, leftW));
      if (desc.header.subjectUnderNumber) {
        left.push(...this.centred(desc.header.subjectUnderNumber, { size: 12, bold: false, italic: p.family === 'party' }, leftW, { before: 4 }));
      }
      if (desc.header.dateLine) right.push(...this.centred(desc.header.dateLine, p.dateLine, rightW));
    }
    return [this.grid([{ width: leftW, children: left }, { width: rightW, children: right }])];
  }

  spacer(size: number): Paragraph {
    return new Paragraph({ spacing: this.lineSpacing(size), children: [] });
  }

  titleBlock(typeName: string | null, subject: string | null, annotation: string | null): Child[] {
    const p = this.p;
    const out: Child[] = [];
    const lead = p.body.size * p.lineHeight * 0.75;
    if (typeName) out.push(...this.centred(typeName, p.typeName, this.box.width, { before: lead }));
    let widest = 0;
    const measureLines = (text: string, st: HeaderLineStyle) => Math.max(...wrapBalanced(text, styleOf(st.bold, st.italic), st.size, this.box.width)
      .map((l) => measureText(l, styleOf(st.bold, st.italic), st.size)));
    if (subject) {
      out.push(...this.centred(subject, p.subject, this.box.width, { before: typeName ? 0 : lead }));
      widest = measureLines(subject, p.subject);
    }
    if (annotation) {
      out.push(...this.centred(annotation, p.annexAnnotation, this.box.width));
      widest = Math.max(widest, measureLines(annotation, p.annexAnnotation));
    }
    out.push(...this.subjectRule(widest));
    return out;
  }

  subjectRule(widest: number): Paragraph[] {
    if (this.p.subjectRule === 'rule') {
      return [this.rule(Math.min(Math.max(widest * 0.35, 60), 140), this.box.width, 10)];
    }
    return this.centred('-----', { size: this.p.subject.size, bold: false, italic: false }, this.box.width, { after: 2 });
  }

  signatureColumn(col: SignatureColumn, width: number, titleLines = 0): Paragraph[] {
    const p = this.p;
    const out = col.lines.flatMap((l) => this.centred(l, p.signatureTitle, width));
    // names level across columns: pad the shorter title block
    for (let n = signatureTitleLines(col, p.signatureTitle, width); n < titleLines; n++) out.push(this.spacer(p.signatureTitle.size));
    const noteSize = p.body.size;
    const noteHeight = col.note ? noteSize * p.lineHeight : 0;
    if (col.note) out.push(...this.centred(col.note, { size: noteSize, bold: false, italic: true }, width));
    const name = this.centred(col.name, p.signatureName, width);
    return [...out, ...name.map((para, i) => (i === 0 ? this.withBefore(col.name, width, p.signatureSpace - noteHeight) : para))];
  }

  private withBefore(name: string, width: number, before: number): Paragraph {
    return this.centred(name, this.p.signatureName, width, { before: Math.max(0, before) })[0]!;
  }

  recipients(r: NonNullable<DocumentDescription['recipients']>): Paragraph[] {
    const p = this.p;
    const lab = p.recipientsLabel;
    const before = (this.lh(p.signatureTitle.size) - this.lh(lab.size)) / 2;
    const label = new Paragraph({
      indent: NO_INDENT,
      alignment: AlignmentType.LEFT,
      spacing: { ...this.lineSpacing(lab.size), before: twip(Math.max(0, before)) },
      children: lab.underline
        ? [this.run(r.label.replace(/:$/, ''), { ...lab, underline: true }), this.run(r.label.endsWith(':') ? ':' : '', lab)]
        : [this.run(r.label, lab)],
    });
    const size = p.recipientsItem.size;
    return [label, ...r.items.map((item) => new Paragraph({
      indent: { left: twip(6), hanging: twip(6) },
      alignment: AlignmentType.LEFT,
      spacing: this.lineSpacing(size),
      children: [this.run(item, { size })],
    }))];
  }

  lh(size: number): number {
    return size * this.p.lineHeight;
  }

  signatures(desc: DocumentDescription): Child[] {
    const p = this.p;
    const out: Child[] = [this.spacer(4)];
    if (desc.signatures.length === 1) {
      const leftW = this.box.width * p.signatureLeftFraction;
      out.push(this.grid([
        { width: leftW, children: desc.recipients ? this.recipients(desc.recipients) : [] },
        { width: this.box.width - leftW, children: this.signatureColumn(desc.signatures[0]!, this.box.width - leftW) },
      ]));
    } else if (desc.signatures.length >= 2) {
      // Two columns side by side; more signers (every member of a counting board) in rows of three.
      const perRow = signaturesPerRow(desc.signatures.length);
      const half = this.box.width / perRow;
      for (let r = 0; r < desc.signatures.length; r += perRow) {
        const row = desc.signatures.slice(r, r + perRow);
        const titleLines = Math.max(...row.map((s) => signatureTitleLines(s, p.signatureTitle, half)));
        if (r > 0) out.push(this.spacer(p.signatureRowGap / p.lineHeight));
        out.push(this.grid(Array.from({ length: perRow }, (_, i) => ({ width: half, children: row[i] ? this.signatureColumn(row[i]!, half, titleLines) : [] }))));
      }
      if (desc.recipients) {
        const leftW = this.box.width * p.signatureLeftFraction;
        out.push(this.spacer(6), this.grid([
          { width: leftW, children: this.recipients(desc.recipients) },
          { width: this.box.width - leftW, children: [] },
        ]));
      }
    }
    return out;
  }

  annex(desc: DocumentDescription, a: Annex): Child[] {
    const p = this.p;
    const out: Child[] = [];
    if (a.style === 'regulation') {
      out.push(...this.header(desc, false), ...this.titleBlock(a.typeName, a.title, a.annotation));
    } else {
      if (a.label) out.push(...this.centred(a.label, p.annexLabel, this.box.width));
      if (a.typeName) out.push(...this.centred(a.typeName, p.typeName, this.box.width));
      out.push(...this.centred(a.title, p.typeName, this.box.width));
      let widest = measureText(a.title, 'bold', p.typeName.size);
      if (a.annotation) {
        out.push(...this.centred(a.annotation, p.annexAnnotation, this.box.width));
        widest = Math.max(widest, measureText(a.annotation, 'italic', p.annexAnnotation.size));
      }
      out.push(...this.subjectRule(Math.min(widest, this.box.width)));
    }
    out.push(this.spacer(4), ...this.blocks(a.body));
    return out;
  }

  pageHeaders(draft: boolean) {
    const p = this.p;
    const number = new Header({
      children: [new Paragraph({
        alignment: AlignmentType.CENTER,
        indent: NO_INDENT,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: p.pageNumber.size * 2 })],
      })],
    });
    const m = p.draftMark;
    const first = new Header({
      children: draft
        ? [new Paragraph({
          alignment: AlignmentType.RIGHT,
          border: {
            top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 },
            bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 },
            left: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 },
            right: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 },
          },
          indent: { left: twip(this.box.width - measureText(m.text, 'bold', m.size) - 12), firstLine: 0 },
          children: [this.run(m.text, m)],
        })]
        : [new Paragraph({ children: [] })],
    });
    return { default: number, first };
  }

  /**
   * Page 1's footer of an issued copy: the QR code (a PNG) and, beside it, the short code over the address — the
   * same verification block as the PDF's, smaller so that it stays inside the bottom margin.
   */
  verificationFooter(v: { code: string; url: string }, qr: Buffer): Footer {
    const b = VERIFICATION_BLOCK;
    const side = b.docxQrMm * MM;
    const [codeLine, urlLine] = verificationCaption(v);
    const cell = (children: Paragraph[], width: number) => new TableCell({
      children, width: { size: twip(width), type: WidthType.DXA }, borders: NO_BORDERS, margins: ZERO_MARGINS, verticalAlign: VerticalAlign.CENTER,
    });
    const line = (text: string) => new Paragraph({ alignment: AlignmentType.LEFT, indent: NO_INDENT, spacing: { line: twip(b.size * 1.2), lineRule: LineRuleType.EXACT },
      children: [this.run(text, { size: b.size })] });
    return new Footer({
      children: [new Table({
        layout: TableLayoutType.FIXED, borders: NO_BORDERS, width: { size: twip(this.box.width), type: WidthType.DXA },
        columnWidths: [twip(side + b.gapMm * MM), twip(this.box.width - side - b.gapMm * MM)],
        rows: [new TableRow({ children: [
          cell([new Paragraph({ indent: NO_INDENT, alignment: AlignmentType.LEFT, spacing: { line: twip(side), lineRule: LineRuleType.EXACT },
            children: [new ImageRun({ type: 'png', data: qr, transformation: { width: Math.round(side * 96 / 72), height: Math.round(side * 96 / 72) }, altText: { name: 'QR', title: 'Mã QR', description: urlLine } })] })], side + b.gapMm * MM),
          cell([line(codeLine), line(urlLine)], this.box.width - side - b.gapMm * MM),
        ] })],
      })],
    });
  }

  section(children: Child[], draft: boolean, restart: boolean, firstFooter: Footer | null = null): ISectionOptions {
    const m = this.p.marginsMm;
    return {
      properties: {
        titlePage: true,
        page: {
          size: { width: twip(A4.width), height: twip(A4.height) },
          margin: {
            top: Math.round(m.top * MM * 20), bottom: Math.round(m.bottom * MM * 20),
            left: Math.round(m.left * MM * 20), right: Math.round(m.right * MM * 20),
            header: Math.round(this.p.pageNumber.topMm * MM * 20), footer: Math.round(10 * MM * 20),
          },
          ...(restart ? { pageNumbers: { start: 1 } } : {}),
        },
      },
      headers: this.pageHeaders(draft),
      ...(firstFooter ? { footers: { first: firstFooter, default: new Footer({ children: [new Paragraph({ children: [] })] }) } } : {}),
      children,
    };
  }
}

/** Render a description to DOCX bytes. Throws MissingGlyphError for a character the fonts lack. */
export async function renderDocx(input: DocumentDescription): Promise<Buffer> {
  const desc = normalizeDescription(input);
  const p = profileFor(desc.family);
  const b = new DocxBuilder(p);
  const main: Child[] = [...b.header(desc, true), ...b.titleBlock(desc.typeName, desc.subject, null)];
  if (desc.recipientLine) main.push(b.paragraph([{ text: desc.recipientLine }], p.body, 'center'));
  desc.authority.forEach((line, i) => {
    main.push(...b.centred(line, p.authority, b.box.width, { before: i === 0 ? 4 : 0, after: i === desc.authority.length - 1 ? p.paragraphAfter : 0 }));
  });
  for (const base of desc.bases) main.push(b.paragraph([{ text: base }], p.bases));
  if (desc.enactingWord) main.push(...b.centred(desc.enactingWord, p.enacting, b.box.width, { after: p.paragraphAfter }));
  main.push(...b.blocks(desc.body), ...b.signatures(desc));
  const v = desc.verification;
  const footer = v ? b.verificationFooter(v, await QRCode.toBuffer(v.url, { errorCorrectionLevel: 'M', margin: 1, type: 'png', width: 240 })) : null;
  const sections = [b.section(main, desc.draft, false, footer), ...desc.annexes.map((a) => b.section(b.annex(desc, a), false, true))];
  const doc = new Document({
    creator: 'commune-meetings',
    title: desc.title ?? desc.typeName,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: p.body.size * 2 },
          // the body paragraph: justified, first-line indent, exact line pitch, 6 pt after
          paragraph: {
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: twip(p.firstLineIndentMm * MM) },
            spacing: b.lineSpacing(p.body.size, p.paragraphAfter),
          },
        },
      },
    },
    sections,
  });
  return packDocx(doc);
}
