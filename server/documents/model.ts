// The document description: one typed model of an official document (DOMAIN.md §4–6) that both the PDF
// and the DOCX renderer draw. Templates produce it; renderers never invent content.

export type DocumentFamily = 'state' | 'party';

/** A run of inline text. Bold/italic add to the style of the block that holds the run. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Inline = TextRun[];

/** A plain paragraph: justified with a first-line indent unless `align` says otherwise. */
export interface ParagraphBlock {
  kind: 'paragraph';
  runs: Inline;
  align?: 'justify' | 'center' | 'left' | 'right';
  italic?: boolean;
  bold?: boolean;
}

/** "Chương I" over its title in upper case, both bold and centred. */
export interface ChapterBlock {
  kind: 'chapter';
  label: string; // "Chương I"
  title: string; // "QUY ĐỊNH CHUNG"
}

/** "Mục 1. Title", bold and centred. */
export interface SectionBlock {
  kind: 'section';
  label: string; // "Mục 1"
  title: string;
}

/** "Điều 1." in bold then the text on the same line; the title may carry its own bold runs. */
export interface ArticleBlock {
  kind: 'article';
  label: string; // "Điều 1."
  runs: Inline;
}

/** Khoản: "1. …" as an indented justified paragraph. */
export interface ClauseBlock {
  kind: 'clause';
  label: string; // "1."
  runs: Inline;
}

/** Điểm: "a) …" as an indented justified paragraph. */
export interface PointBlock {
  kind: 'point';
  label: string; // "a)"
  runs: Inline;
}

/** A dash or plus list: each item one indented paragraph starting with the marker. */
export interface ListBlock {
  kind: 'list';
  marker: '-' | '+';
  items: Inline[];
}

export interface TableColumn {
  header: string;
  width: number; // relative weight
  align?: 'left' | 'center' | 'right';
}

/** A ruled table; the header row is bold and centred. */
export interface TableBlock {
  kind: 'table';
  columns: TableColumn[];
  rows: string[][];
  size?: number; // pt of the cell text; default one below the body (a dense register of ten columns: smaller)
}

export type Block = ParagraphBlock | ChapterBlock | SectionBlock | ArticleBlock | ClauseBlock | PointBlock | ListBlock | TableBlock;
export type BlockKind = Block['kind'];

/** The two-column header of the first page (NĐ 30/2020 Phụ lục I; HD 36-HD/VPTW for the Party). */
export interface DocumentHeader {
  parentBody: string | null; // "ĐẢNG BỘ TỈNH LAI CHÂU", "ỦY BAN NHÂN DÂN XÃ TÂN UYÊN"; upper case
  issuingBody: string; // "HỘI ĐỒNG NHÂN DÂN XÃ TÂN UYÊN"
  numberLine: string | null; // "Số: 05/NQ-HĐND" / "Số 05-NQ/ĐU"; null on an annex header
  dateLine: string | null; // "Tân Uyên, ngày 05 tháng 02 năm 2026"; null on minutes and annexes
  subjectUnderNumber?: string | null; // "V/v …" of a letter
}

/** One signature column: the authority lines (TM./KT./Q./TL./TUQ. or T/M, K/T), the position, the name. */
export interface SignatureColumn {
  lines: string[]; // ["TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"] — upper case bold
  note?: string | null; // "(Đã ký)", "(Chữ ký, dấu)" — italic, in the signing space
  name: string; // bold, no titles
}

export interface Recipients {
  label: string; // "Nơi nhận:"
  items: string[]; // "- …;" lines as written, the last "- Lưu: VT, VP."
}

/** A text issued by the document (the Quy chế of a quyết định) or an appendix (Phụ lục). */
export interface Annex {
  /** regulation: repeats the header without number and date; appendix: no header (Mẫu 2.1). */
  style: 'regulation' | 'appendix';
  label: string | null; // "Phụ lục I" for appendices
  typeName: string | null; // "QUY CHẾ"
  title: string; // the subject line(s), bold
  annotation: string | null; // "(Kèm theo Quyết định số …)" — italic, centred
  body: Block[];
}

export interface DocumentDescription {
  family: DocumentFamily;
  draft: boolean; // prints "DỰ THẢO" on page 1
  header: DocumentHeader;
  typeName: string; // "NGHỊ QUYẾT"
  subject: string | null; // "Về việc …" — bold, may be several sentences; the renderer wraps it
  recipientLine: string | null; // "Kính gửi: …" under the subject (tờ trình, công văn)
  authority: string[]; // "HỘI ĐỒNG NHÂN DÂN XÃ TÂN UYÊN", "KHÓA I, KỲ HỌP THỨ NHẤT"
  bases: string[]; // "Căn cứ …;" lines, italic; the last ends with "."
  enactingWord: string | null; // "QUYẾT NGHỊ:" / "QUYẾT ĐỊNH:"
  body: Block[];
  signatures: SignatureColumn[]; // one (right column), two (left and right), or more in rows of three
  recipients: Recipients | null;
  annexes: Annex[];
  title?: string; // document metadata only
  /** Issued copies only: the short code and public address, printed with the QR code on page 1 (PDF and DOCX). */
  verification?: { code: string; url: string } | null;
}

/** Compile-time exhaustiveness guard for switches over block kinds. */
export function assertNever(value: never): never {
  throw new Error(`Khối nội dung không được hỗ trợ: ${JSON.stringify(value)}`);
}

/** "Điều 4. **Trách nhiệm thi hành**" with its text in the blocks after it: a heading kept with its next line. */
export function isArticleHeading(b: ArticleBlock): boolean {
  return b.runs.every((r) => r.bold || !r.text.trim());
}

/** Plain text of inline runs. */
export function inlineText(runs: Inline): string {
  return runs.map((r) => r.text).join('');
}

/** Every piece of text a renderer will draw, in reading order; used to check glyph coverage up front. */
export function collectText(desc: DocumentDescription): string[] {
  const out: string[] = [];
  const h = desc.header;
  for (const s of [h.parentBody, h.issuingBody, h.numberLine, h.dateLine, h.subjectUnderNumber ?? null]) if (s) out.push(s);
  out.push(desc.typeName);
  if (desc.subject) out.push(desc.subject);
  if (desc.recipientLine) out.push(desc.recipientLine);
  out.push(...desc.authority, ...desc.bases);
  if (desc.enactingWord) out.push(desc.enactingWord);
  const blocks = (body: Block[]) => {
    for (const b of body) out.push(...blockText(b));
  };
  blocks(desc.body);
  for (const s of desc.signatures) out.push(...s.lines, s.note ?? '', s.name);
  if (desc.recipients) out.push(desc.recipients.label, ...desc.recipients.items);
  for (const a of desc.annexes) {
    for (const s of [a.label, a.typeName, a.title, a.annotation]) if (s) out.push(s);
    blocks(a.body);
  }
  if (desc.verification) out.push(`Mã xác minh: ${desc.verification.code}`, desc.verification.url);
  return out;
}

export function blockText(b: Block): string[] {
  switch (b.kind) {
    case 'paragraph': return [inlineText(b.runs)];
    case 'chapter': return [b.label, b.title];
    case 'section': return [b.label, b.title];
    case 'article': return [b.label, inlineText(b.runs)];
    case 'clause': return [b.label, inlineText(b.runs)];
    case 'point': return [b.label, inlineText(b.runs)];
    case 'list': return b.items.map(inlineText);
    case 'table': return [...b.columns.map((c) => c.header), ...b.rows.flat()];
    default: return assertNever(b);
  }
}

/** NFC-normalise every string of a description (STACK.md trap 7); returns a new object. */
export function normalizeDescription<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => normalizeDescription(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeDescription(v);
    return out as T;
  }
  return value;
}
