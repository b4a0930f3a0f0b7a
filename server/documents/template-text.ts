// The clerk-editable text format of a template (after EJS has filled it in) and its parser into a
// DocumentDescription. The format is documented for offices in docs/DOCUMENTS.md.
import { romanNumeral, upperVi } from '../domain/vn-format.ts';
import { assertNever } from './model.ts';
import type {
  Annex, Block, DocumentDescription, DocumentFamily, Inline, Recipients, SignatureColumn, TableColumn,
} from './model.ts';
import { pageBox, profileFor } from './layout.ts';
import { styleOf } from './fonts.ts';
import { breakBodyName } from './text-layout.ts';

export class TemplateTextError extends Error {
  constructor(message: string, readonly line: number | null) {
    super(line === null ? message : `dòng ${line}: ${message}`);
    this.name = 'TemplateTextError';
  }
}

type SectionName = 'văn bản' | 'căn cứ' | 'nội dung' | 'chữ ký' | 'nơi nhận' | 'phụ lục' | 'nội dung phụ lục';
const SECTIONS: SectionName[] = ['văn bản', 'căn cứ', 'nội dung', 'chữ ký', 'nơi nhận', 'phụ lục', 'nội dung phụ lục'];

interface SourceLine {
  text: string;
  no: number;
}

/** "**đậm**" and "*nghiêng*" inside a line; a backslash escapes an asterisk. */
export function parseInline(text: string): Inline {
  const runs: Inline = [];
  const re = /\*\*(.+?)\*\*|\*(.+?)\*/g;
  let last = 0;
  const plain = (s: string) => s.replace(/\\\*/g, '*');
  const masked = text.replace(/\\\*/g, '\u0000\u0000');
  for (let m = re.exec(masked); m; m = re.exec(masked)) {
    if (m.index > last) runs.push({ text: plain(text.slice(last, m.index)) });
    if (m[1] !== undefined) runs.push({ text: plain(text.slice(m.index + 2, m.index + 2 + m[1].length)), bold: true });
    else runs.push({ text: plain(text.slice(m.index + 1, m.index + 1 + m[2]!.length)), italic: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ text: plain(text.slice(last)) });
  return runs.filter((r) => r.text !== '');
}

function key(text: string): string {
  return text.normalize('NFC').trim().toLocaleLowerCase('vi');
}

const YES = new Set(['có', 'co', 'yes', 'true', '1']);
const NO = new Set(['không', 'khong', 'no', 'false', '0', '']);

function parseYesNo(value: string, line: number): boolean {
  const k = key(value);
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  throw new TemplateTextError(`"${value}" không phải "có" hoặc "không"`, line);
}

function parseMeta(lines: SourceLine[], allowed: string[]): Map<string, { values: string[]; no: number }> {
  const out = new Map<string, { values: string[]; no: number }>();
  for (const { text, no } of lines) {
    const idx = text.indexOf(':');
    if (idx < 0) throw new TemplateTextError(`cần dạng "tên: giá trị", gặp "${text}"`, no);
    const k = key(text.slice(0, idx));
    if (!allowed.includes(k)) throw new TemplateTextError(`không biết mục "${text.slice(0, idx).trim()}" (dùng: ${allowed.join(', ')})`, no);
    const value = text.slice(idx + 1).trim();
    const entry = out.get(k) ?? { values: [], no };
    entry.values.push(value);
    out.set(k, entry);
  }
  return out;
}

const DOC_KEYS = ['khối', 'dự thảo', 'cơ quan chủ quản', 'cơ quan ban hành', 'số', 'ngày', 'v/v', 'loại văn bản',
  'trích yếu', 'kính gửi', 'thẩm quyền', 'lệnh', 'tiêu đề'];
const ANNEX_KEYS = ['kiểu', 'nhãn', 'loại văn bản', 'tiêu đề', 'ghi chú'];

const CHAPTER = /^Chương\s+([IVXLC]+|\d+)\s*$/u;
const SECTION = /^Mục\s+(\d+)\.\s*(.+)$/u;
const ARTICLE = /^(Điều\s+\d+[a-zđ]?\.)\s*(.*)$/u;
const CLAUSE = /^(\d+(?:\.\d+)*\.)\s+(.+)$/u;
const POINT = /^([a-zđ]\))\s+(.+)$/u;
const LIST = /^([-+])\s+(.+)$/u;

function romanOf(label: string): string {
  return /^\d+$/.test(label) ? romanNumeral(Number(label)) : label;
}

function parseTableHeader(cells: string[]): TableColumn[] {
  return cells.map((cell) => {
    const m = /^(.*?)\s*\{(\d+)(?:,\s*(giữa|phải|trái))?\}\s*$/u.exec(cell);
    if (!m) return { header: cell, width: Math.max(1, Math.round(cell.length / 4)) };
    const align = m[3] === 'giữa' ? 'center' : m[3] === 'phải' ? 'right' : 'left';
    return { header: m[1]!, width: Number(m[2]), align };
  });
}

/** Body lines → blocks: Chương / Mục / Điều / khoản "1." / điểm "a)" / "- " lists / "| … |" tables / "> " centred. */
export function parseBody(lines: SourceLine[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const { text, no } = lines[i]!;
    let m: RegExpExecArray | null;
    if ((m = CHAPTER.exec(text))) {
      const title = lines[i + 1];
      if (!title) throw new TemplateTextError(`"${text}" cần một dòng tên chương ngay sau`, no);
      blocks.push({ kind: 'chapter', label: `Chương ${romanOf(m[1]!)}`, title: upperVi(title.text) });
      i += 1;
    } else if ((m = SECTION.exec(text))) {
      blocks.push({ kind: 'section', label: `Mục ${m[1]}`, title: upperVi(m[2]!) });
    } else if ((m = ARTICLE.exec(text))) {
      blocks.push({ kind: 'article', label: m[1]!.replace(/\s+/, ' '), runs: parseInline(m[2]!) });
    } else if ((m = CLAUSE.exec(text))) {
      blocks.push({ kind: 'clause', label: m[1]!, runs: parseInline(m[2]!) });
    } else if ((m = POINT.exec(text))) {
      blocks.push({ kind: 'point', label: m[1]!, runs: parseInline(m[2]!) });
    } else if ((m = LIST.exec(text))) {
      const marker = m[1] as '-' | '+';
      const prev = blocks[blocks.length - 1];
      if (prev && prev.kind === 'list' && prev.marker === marker) prev.items.push(parseInline(m[2]!));
      else blocks.push({ kind: 'list', marker, items: [parseInline(m[2]!)] });
    } else if (text.startsWith('|')) {
      const cells = text.replace(/^\|/, '').replace(/\|\s*$/, '').split('|').map((c) => c.trim());
      const prev = blocks[blocks.length - 1];
      if (prev && prev.kind === 'table' && lines[i - 1]?.text.startsWith('|')) {
        if (cells.length !== prev.columns.length) {
          throw new TemplateTextError(`hàng bảng có ${cells.length} ô, tiêu đề bảng có ${prev.columns.length} ô`, no);
        }
        prev.rows.push(cells);
      } else {
        blocks.push({ kind: 'table', columns: parseTableHeader(cells), rows: [] });
      }
    } else if (text.startsWith('> ')) {
      blocks.push({ kind: 'paragraph', runs: parseInline(text.slice(2)), align: 'center' });
    } else {
      blocks.push({ kind: 'paragraph', runs: parseInline(text) });
    }
  }
  return blocks;
}

function parseSignatures(rawWithBlanks: SourceLine[]): SignatureColumn[] {
  const groups: SourceLine[][] = [[]];
  for (const line of rawWithBlanks) {
    if (line.text === '') {
      if (groups[groups.length - 1]!.length) groups.push([]);
    } else groups[groups.length - 1]!.push(line);
  }
  const columns = groups.filter((g) => g.length);
  // Two columns side by side; more columns (every member of a counting board signs) go three to a row.
  if (columns.length > 12) throw new TemplateTextError('có quá nhiều cột chữ ký (tối đa 12)', columns[12]![0]!.no);
  return columns.map((group) => {
    if (group.length < 2) throw new TemplateTextError('một cột chữ ký cần ít nhất chức vụ và họ tên', group[0]!.no);
    const name = group[group.length - 1]!.text;
    const rest = group.slice(0, -1);
    const note = rest.find((l) => /^\(.*\)$/.test(l.text))?.text ?? null;
    return { lines: rest.filter((l) => !/^\(.*\)$/.test(l.text)).map((l) => upperVi(l.text)), note, name };
  });
}

/** Parse the filled-in template text into a description. */
export function parseTemplateText(text: string): DocumentDescription {
  const sections = new Map<SectionName, { lines: SourceLine[]; raw: SourceLine[]; no: number }>();
  let current: SectionName | null = null;
  const all = text.normalize('NFC').split(/\r?\n/);
  all.forEach((rawLine, idx) => {
    const no = idx + 1;
    const line = rawLine.replace(/\s+$/, '').replace(/^\s+/, '');
    if (line.startsWith('#')) return;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      const name = key(header[1]!) as SectionName;
      if (!SECTIONS.includes(name)) throw new TemplateTextError(`không biết phần "[${header[1]}]" (dùng: ${SECTIONS.map((s) => `[${s}]`).join(', ')})`, no);
      if (sections.has(name)) throw new TemplateTextError(`phần "[${name}]" xuất hiện hai lần`, no);
      current = name;
      sections.set(name, { lines: [], raw: [], no });
      return;
    }
    if (current === null) {
      if (line === '') return;
      throw new TemplateTextError('văn bản phải bắt đầu bằng "[văn bản]"', no);
    }
    const s = sections.get(current)!;
    s.raw.push({ text: line, no });
    if (line !== '') s.lines.push({ text: line, no });
  });
  const docSec = sections.get('văn bản');
  if (!docSec) throw new TemplateTextError('thiếu phần "[văn bản]"', null);
  const meta = parseMeta(docSec.lines, DOC_KEYS);
  const one = (k: string, required: boolean): string | null => {
    const e = meta.get(k);
    if (!e) {
      if (required) throw new TemplateTextError(`phần [văn bản] thiếu mục "${k}:"`, docSec.no);
      return null;
    }
    if (e.values.length > 1) throw new TemplateTextError(`mục "${k}:" chỉ được ghi một lần`, e.no);
    return e.values[0]!;
  };
  const familyText = key(one('khối', true)!);
  let family: DocumentFamily;
  if (familyText === 'nhà nước') family = 'state';
  else if (familyText === 'đảng') family = 'party';
  else throw new TemplateTextError(`"khối:" phải là "nhà nước" hoặc "đảng", gặp "${familyText}"`, meta.get('khối')!.no);
  const draftText = one('dự thảo', false);
  const nonEmpty = (v: string | null) => (v === null || v === '' ? null : v);

  const signSec = sections.get('chữ ký');
  const recSec = sections.get('nơi nhận');
  let recipients: Recipients | null = null;
  if (recSec && recSec.lines.length) {
    const items = recSec.lines.map((l) => l.text);
    const label = /^Nơi nhận:?$/u.test(items[0]!) ? items.shift()! : 'Nơi nhận:';
    recipients = { label: label.endsWith(':') ? label : `${label}:`, items };
  }

  const annexes: Annex[] = [];
  const annexSec = sections.get('phụ lục');
  if (annexSec) {
    const am = parseMeta(annexSec.lines, ANNEX_KEYS);
    const get = (k: string) => am.get(k)?.values[0] ?? null;
    const style = key(get('kiểu') ?? 'phụ lục');
    if (style !== 'quy chế' && style !== 'phụ lục') throw new TemplateTextError('"kiểu:" của phụ lục là "quy chế" hoặc "phụ lục"', annexSec.no);
    const title = get('tiêu đề');
    if (!title) throw new TemplateTextError('phần [phụ lục] thiếu mục "tiêu đề:"', annexSec.no);
    annexes.push({
      style: style === 'quy chế' ? 'regulation' : 'appendix',
      label: nonEmpty(get('nhãn')),
      typeName: nonEmpty(get('loại văn bản')) ? upperVi(get('loại văn bản')!) : null,
      title: style === 'phụ lục' ? upperVi(title) : title,
      annotation: nonEmpty(get('ghi chú')),
      body: endWithCloseMark(parseBody(sections.get('nội dung phụ lục')?.lines ?? [])),
    });
  } else if (sections.has('nội dung phụ lục')) {
    throw new TemplateTextError('có "[nội dung phụ lục]" mà không có "[phụ lục]"', sections.get('nội dung phụ lục')!.no);
  }

  const issuing = one('cơ quan ban hành', true)!;
  // The header's body names break between meaningful units (explicit "\n" in the model) when they do not fit.
  const profile = profileFor(family);
  const leftW = pageBox(profile).width * profile.headerLeftFraction;
  const headerName = (text: string, st: { size: number; bold: boolean; italic: boolean }) =>
    breakBodyName(upperVi(text), styleOf(st.bold, st.italic), st.size, leftW);
  return {
    family,
    draft: draftText === null ? false : parseYesNo(draftText, meta.get('dự thảo')!.no),
    title: one('tiêu đề', false) ?? undefined,
    header: {
      parentBody: nonEmpty(one('cơ quan chủ quản', false)) ? headerName(one('cơ quan chủ quản', false)!, profile.parentBody) : null,
      issuingBody: headerName(issuing, profile.issuingBody),
      numberLine: nonEmpty(one('số', false)),
      dateLine: nonEmpty(one('ngày', false)),
      subjectUnderNumber: nonEmpty(one('v/v', false)),
    },
    typeName: upperVi(one('loại văn bản', true)!),
    subject: nonEmpty(one('trích yếu', false)),
    recipientLine: nonEmpty(one('kính gửi', false)),
    authority: (meta.get('thẩm quyền')?.values ?? []).filter(Boolean).map(upperVi),
    bases: (sections.get('căn cứ')?.lines ?? []).map((l) => l.text),
    enactingWord: nonEmpty(one('lệnh', false)) ? upperVi(one('lệnh', false)!) : null,
    body: parseBody(sections.get('nội dung')?.lines ?? []),
    signatures: signSec ? parseSignatures(signSec.raw) : [],
    recipients,
    annexes,
  };
}

/**
 * The body of an attached text ends with "./." (NĐ 30/2020 Phụ lục I; FORMATS.md): added to the last text when the
 * content (e.g. a Quy chế's articles from the regulation editor) does not end with it already.
 */
export function endWithCloseMark(body: Block[]): Block[] {
  const last = body.at(-1);
  const close = (runs: Inline): Inline => {
    const end = runs.at(-1);
    if (!end) return runs;
    const text = end.text.replace(/\s+$/u, '');
    if (text.endsWith('./.')) return runs;
    const closed = text.endsWith('.') ? `${text}/.` : `${text.replace(/[;:,]$/u, '')}./.`;
    return [...runs.slice(0, -1), { ...end, text: closed }];
  };
  if (!last) return body;
  switch (last.kind) {
    case 'paragraph':
    case 'article':
    case 'clause':
    case 'point':
      return [...body.slice(0, -1), { ...last, runs: close(last.runs) }];
    case 'list':
      return last.items.length ? [...body.slice(0, -1), { ...last, items: [...last.items.slice(0, -1), close(last.items.at(-1)!)] }] : body;
    case 'chapter':
    case 'section':
    case 'table':
      return body;
    default:
      return assertNever(last);
  }
}
