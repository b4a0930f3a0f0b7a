// Document templates: the registry of kinds, loading templates/<key>.ejs, rendering an (possibly edited)
// source with data into a DocumentDescription, and validating an edited source before it is saved.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ejs from 'ejs';
import {
  formatClockTime, formatDateLine, formatDayMonthYear, formatPartyNumberLine, formatStateNumberLine, ordinalWord,
  parseIsoDate, partyOrdinal, romanNumeral, sessionName, upperVi,
} from '../domain/vn-format.ts';
import type { BodyKind } from '../seed/demo-data.ts';
import type { DocumentDescription, DocumentFamily } from './model.ts';
import { parseTemplateText, TemplateTextError } from './template-text.ts';

export interface TemplateInfo {
  key: string; // file name without ".ejs"
  title: string; // Vietnamese title shown in the template list
  bodyKinds: BodyKind[]; // the bodies that issue this kind
  family: DocumentFamily;
}

const STATE_COUNCIL: BodyKind[] = ['people_council', 'council_standing_board'];
const PARTY: BodyKind[] = ['party_committee', 'party_standing_committee', 'party_standing_board'];

export const TEMPLATES: readonly TemplateInfo[] = [
  { key: 'hdnd-nghi-quyet', title: 'HĐND — Nghị quyết (chung)', bodyKinds: ['people_council'], family: 'state' },
  { key: 'hdnd-nghi-quyet-thong-qua', title: 'HĐND — Nghị quyết từ kết quả biểu quyết tại kỳ họp', bodyKinds: ['people_council'], family: 'state' },
  { key: 'hdnd-nghi-quyet-bau-chuc-danh', title: 'HĐND — Nghị quyết bầu chức danh', bodyKinds: ['people_council'], family: 'state' },
  { key: 'hdnd-nghi-quyet-ban-hanh-quy-che', title: 'HĐND — Nghị quyết ban hành Quy chế hoạt động', bodyKinds: ['people_council'], family: 'state' },
  { key: 'hdnd-nghi-quyet-thanh-lap-ban', title: 'HĐND — Nghị quyết thành lập các Ban', bodyKinds: ['people_council'], family: 'state' },
  { key: 'ubnd-quyet-dinh-bo-nhiem', title: 'UBND — Quyết định bổ nhiệm (Chủ tịch UBND)', bodyKinds: ['people_committee'], family: 'state' },
  { key: 'ubnd-quyet-dinh-ban-hanh-quy-che', title: 'UBND — Quyết định ban hành Quy chế làm việc', bodyKinds: ['people_committee'], family: 'state' },
  { key: 'ubnd-quyet-dinh-giao-nhiem-vu', title: 'UBND — Quyết định giao nhiệm vụ phòng chuyên môn', bodyKinds: ['people_committee'], family: 'state' },
  { key: 'ubnd-quyet-dinh-phan-cong', title: 'UBND — Quyết định phân công nhiệm vụ', bodyKinds: ['people_committee'], family: 'state' },
  { key: 'dang-uy-nghi-quyet', title: 'Đảng ủy — Nghị quyết', bodyKinds: PARTY, family: 'party' },
  { key: 'dang-uy-quyet-dinh', title: 'Đảng ủy — Quyết định', bodyKinds: PARTY, family: 'party' },
  { key: 'dang-uy-quyet-dinh-chi-dinh', title: 'Đảng ủy — Quyết định chỉ định', bodyKinds: PARTY, family: 'party' },
  { key: 'dang-uy-quyet-dinh-ban-hanh-quy-che', title: 'Đảng ủy — Quyết định ban hành Quy chế làm việc', bodyKinds: ['party_committee'], family: 'party' },
  { key: 'dang-uy-thong-bao-ket-luan', title: 'Đảng ủy — Thông báo kết luận', bodyKinds: PARTY, family: 'party' },
  { key: 'bien-ban-ky-hop', title: 'Biên bản kỳ họp HĐND', bodyKinds: ['people_council'], family: 'state' },
  { key: 'bien-ban-phien-hop', title: 'Biên bản phiên họp UBND', bodyKinds: ['people_committee'], family: 'state' },
  { key: 'bien-ban-hoi-nghi', title: 'Biên bản hội nghị Ban Chấp hành Đảng bộ', bodyKinds: PARTY, family: 'party' },
  { key: 'bien-ban-kiem-phieu', title: 'Biên bản kiểm phiếu', bodyKinds: ['people_council'], family: 'state' },
  { key: 'thong-bao-trieu-tap', title: 'Thông báo triệu tập kỳ họp', bodyKinds: STATE_COUNCIL, family: 'state' },
  { key: 'giay-moi', title: 'Giấy mời', bodyKinds: ['people_committee', 'people_council', 'council_standing_board', 'council_committee', 'fatherland_front'], family: 'state' },
  { key: 'dang-uy-giay-moi', title: 'Đảng ủy — Giấy mời hội nghị, cuộc họp', bodyKinds: PARTY, family: 'party' },
  { key: 'to-trinh', title: 'Tờ trình', bodyKinds: ['people_committee'], family: 'state' },
  // The programme of a meeting; Party bodies get the Party layout from the data (d.family).
  { key: 'chuong-trinh', title: 'Chương trình kỳ họp, phiên họp', bodyKinds: ['people_council', 'council_standing_board', 'council_committee', 'people_committee', 'fatherland_front', ...PARTY], family: 'state' },
];

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Raised when a template cannot be rendered; the message is Vietnamese and names the template. */
export class TemplateError extends Error {
  constructor(readonly templateKey: string, message: string, readonly field: string | null = null) {
    super(`Mẫu "${templateKey}": ${message}`);
    this.name = 'TemplateError';
  }
}

class MissingFieldError extends Error {
  constructor(readonly field: string) {
    super(`thiếu trường dữ liệu "${field}"`);
    this.name = 'MissingFieldError';
  }
}

export function listTemplates(): TemplateInfo[] {
  return TEMPLATES.map((t) => ({ ...t, bodyKinds: [...t.bodyKinds] }));
}

function templateInfo(key: string): TemplateInfo {
  const info = TEMPLATES.find((t) => t.key === key);
  if (!info) throw new TemplateError(key, 'không có mẫu văn bản này');
  return info;
}

export function loadTemplateSource(key: string): string {
  templateInfo(key);
  return readFileSync(`${TEMPLATES_DIR}${key}.ejs`, 'utf8');
}

// Properties a JS runtime probes on any object (await, JSON, inspection); they must not count as missing.
const PROBES = new Set(['then', 'toJSON', 'constructor', 'inspect', 'asymmetricMatch', 'nodeType', '$$typeof']);

/** Wraps data so reading a field that does not exist throws, naming its full path ("d.meeting.chair"). */
export function strictData<T>(value: T, path = 'd'): T {
  if (value === null || typeof value !== 'object') return value;
  return new Proxy(value as object, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol') return Reflect.get(target, prop, receiver);
      if (!(prop in target)) {
        if (PROBES.has(prop)) return undefined;
        throw new MissingFieldError(Array.isArray(target) ? `${path}[${prop}]` : `${path}.${prop}`);
      }
      const v = Reflect.get(target, prop, receiver);
      if (typeof v === 'function') return v;
      return strictData(v, Array.isArray(target) ? `${path}[${prop}]` : `${path}.${prop}`);
    },
  }) as T;
}

/** Formatting helpers available in every template as `f`. */
export const templateHelpers = {
  upper: upperVi,
  stateNumber: (number: number | null, typeCode: string | null, issuerCode: string) =>
    formatStateNumberLine({ number, typeCode, issuerCode }),
  partyNumber: (number: number | null, typeCode: string, issuerCode: string) =>
    formatPartyNumberLine({ number, typeCode, issuerCode }),
  dateLine: (place: string, isoDate: string) => formatDateLine(place, parseIsoDate(isoDate)),
  date: (isoDate: string) => formatDayMonthYear(parseIsoDate(isoDate)),
  ordinal: ordinalWord,
  session: (n: number, capital = false) => sessionName(n, { capital }),
  partyOrdinal,
  roman: romanNumeral,
  time: formatClockTime,
  /** "- a;" lines for a list, the last ending with `last` (default "."). */
  lines: (items: string[], last = '.') => items.map((s, i) => `- ${s}${i === items.length - 1 ? last : ';'}`).join('\n'),
};

class BadValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadValueError';
  }
}

/** EJS "escape" for this text format: NFC, no line breaks smuggled in by data, never a silent blank. */
function escapeValue(value: unknown): string {
  if (value === undefined || value === null) throw new BadValueError('một biểu thức <%= … %> cho giá trị rỗng (null)');
  if (typeof value === 'number' && !Number.isFinite(value)) throw new BadValueError('một biểu thức <%= … %> cho giá trị không phải số');
  if (typeof value === 'object') throw new BadValueError('một biểu thức <%= … %> in ra cả một đối tượng thay vì một trường của nó');
  return String(value).normalize('NFC').replace(/[\r\n]+/g, ' ');
}

function describeError(key: string, err: unknown): TemplateError {
  if (err instanceof TemplateError) return err;
  const e = err as Error;
  // EJS rethrows runtime errors with the template line in the message; the cause keeps our type
  const missing = e instanceof MissingFieldError ? e : (e as { cause?: unknown }).cause instanceof MissingFieldError ? (e as { cause: MissingFieldError }).cause : null;
  const where = /ejs:(\d+)/.exec(e.message ?? '')?.[1];
  const at = where ? ` (dòng ${where} của mẫu)` : '';
  if (missing || /thiếu trường dữ liệu/.test(e.message)) {
    const field = missing?.field ?? /thiếu trường dữ liệu "([^"]+)"/.exec(e.message)?.[1] ?? '?';
    return new TemplateError(key, `thiếu trường dữ liệu "${field}"${at}`, field);
  }
  if (e instanceof ReferenceError || /is not defined/.test(e.message)) {
    const name = /(\w+) is not defined/.exec(e.message)?.[1] ?? '?';
    return new TemplateError(key, `dùng tên "${name}" không có trong dữ liệu (viết d.${name} hoặc f.…)${at}`, name);
  }
  if (e instanceof BadValueError) return new TemplateError(key, `${e.message.split('\n').slice(-1)[0]}${at}`);
  if (/Could not find matching close tag/.test(e.message ?? '')) {
    return new TemplateError(key, `lỗi cú pháp: một thẻ "<%" không có "%>" đóng lại${at}`);
  }
  if (e instanceof SyntaxError) return new TemplateError(key, `lỗi cú pháp trong một biểu thức <% … %>: ${e.message.split('\n').slice(-1)[0]}${at}`);
  if (e instanceof TemplateTextError) return new TemplateError(key, `văn bản sau khi điền không đúng cấu trúc — ${e.message}`);
  if (e instanceof RangeError) return new TemplateError(key, `${e.message}${at}`);
  return new TemplateError(key, `không dựng được văn bản: ${(e.message ?? String(e)).split('\n').slice(-1)[0]}${at}`);
}

/** Fill a template source with data (EJS, strict): the office-friendly text, before parsing. Throws TemplateError. */
export function fillTemplate(key: string, source: string, data: object): string {
  let text: string;
  try {
    const fn = ejs.compile(source.normalize('NFC'), {
      strict: true, _with: false, localsName: 'd', escape: escapeValue, filename: `${key}.ejs`, compileDebug: true,
      async: false, destructuredLocals: ['f'],
    });
    text = fn(strictData({ ...data, f: templateHelpers }) as ejs.Data) as string;
  } catch (err) {
    throw describeError(key, err);
  }
  const leak = /\b(undefined|NaN)\b|\[object Object\]/.exec(text);
  if (leak) throw new TemplateError(key, `văn bản sau khi điền có "${leak[0]}" — một trường dữ liệu bị thiếu`);
  return text;
}

/** Fill a template source with data (EJS, strict) and parse the result. Throws TemplateError. */
export function renderTemplate(key: string, source: string, data: object): DocumentDescription {
  const text = fillTemplate(key, source, data);
  try {
    return parseTemplateText(text);
  } catch (err) {
    throw describeError(key, err);
  }
}

export function validateTemplateSource(key: string, source: string, sampleData: object): { ok: true } | { ok: false; message: string } {
  try {
    renderTemplate(key, source, sampleData);
    return { ok: true };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
