// Document templates: the registry of kinds, loading templates/<key>.liquid, filling an (possibly edited) Liquid
// source with data into a DocumentDescription, and validating an edited source before it is saved.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../domain/errors.ts';
import { templateMsg } from '../i18n/vi.ts';
import type { BodyKind } from '../seed/demo-data.ts';
import type { DocumentDescription, DocumentFamily } from './model.ts';
import {
  AssertionError, FORMAT_FILTERS, fillLiquid, KEPT_STANDARD_FILTERS, KEPT_TAGS, LiquidError, TemplateValueError,
} from './template-language.ts';
import { parseTemplateText, TemplateTextError } from './template-text.ts';

export interface TemplateInfo {
  key: string; // file name without ".liquid"
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

/**
 * Raised when a template cannot be filled; the message is Vietnamese and names the template. A refusal (422), never a
 * crash: a commune's template that fills the sample data but not a real record is reported the same way.
 */
export class TemplateError extends AppError {
  constructor(readonly templateKey: string, message: string, readonly field: string | null = null) {
    super('VALIDATION', `Mẫu "${templateKey}": ${message}`);
    this.name = 'TemplateError';
  }
}

export function listTemplates(): TemplateInfo[] {
  return TEMPLATES.map((t) => ({ ...t, bodyKinds: [...t.bodyKinds] }));
}

function templateInfo(key: string): TemplateInfo {
  const info = TEMPLATES.find((t) => t.key === key);
  if (!info) throw new TemplateError(key, templateMsg.noTemplate);
  return info;
}

const builtins = new Map<string, string>();

/** The built-in source of a template (templates/<key>.liquid), read once. */
export function loadTemplateSource(key: string): string {
  templateInfo(key);
  let source = builtins.get(key);
  if (source === undefined) {
    source = readFileSync(`${TEMPLATES_DIR}${key}.liquid`, 'utf8');
    builtins.set(key, source);
  }
  return source;
}

const FILTER_NAMES = [...Object.keys(FORMAT_FILTERS), ...KEPT_STANDARD_FILTERS].join(', ');
const TAG_NAMES = KEPT_TAGS.filter((t) => t !== '#').join(', ');

/** "d.deputies.1.name" (Liquid's path) → "d.deputies[1].name" (as written in a template). */
function fieldPath(path: string): string {
  return path.split('.').map((seg, i) => (i > 0 && /^-?\d+$/.test(seg) ? `[${seg}]` : (i > 0 ? `.${seg}` : seg))).join('');
}

/** Translates anything thrown while filling into one Vietnamese TemplateError with the template line. */
function describeError(key: string, err: unknown): TemplateError {
  if (err instanceof TemplateError) return err;
  if (err instanceof TemplateTextError) return new TemplateError(key, templateMsg.badStructure(err.message));
  if (err instanceof TemplateValueError) return new TemplateError(key, err.message);
  if (err instanceof LiquidError) {
    const line = err.token?.getPosition?.()[0];
    const at = line ? templateMsg.at(line) : '';
    const cause = (err as LiquidError & { originalError?: unknown }).originalError;
    const detail = (cause instanceof Error ? cause.message : err.message).replace(/, line:\d+, col:\d+$/, '');
    if (cause instanceof TemplateValueError) return new TemplateError(key, `${cause.message}${at}`);
    let m: RegExpExecArray | null;
    if ((m = /^undefined variable: (.+)$/.exec(detail))) {
      const field = fieldPath(m[1]!);
      if (!field.includes('.') && !field.includes('[') && field !== 'd') return new TemplateError(key, `${templateMsg.unknownName(field)}${at}`, field);
      return new TemplateError(key, `${templateMsg.missingField(field)}${at}`, field);
    }
    if ((m = /^undefined filter: (.+)$/.exec(detail))) return new TemplateError(key, `${templateMsg.unknownFilter(m[1]!, FILTER_NAMES)}${at}`);
    if ((m = /^tag "(.+)" not found$/.exec(detail))) return new TemplateError(key, `${templateMsg.unknownTag(m[1]!, TAG_NAMES)}${at}`);
    if ((m = /^(?:output|tag) (.+) not closed$/.exec(detail))) return new TemplateError(key, `${templateMsg.notClosed(m[1]!)}${at}`);
    if (/limit exceeded$/.test(detail)) return new TemplateError(key, `${templateMsg.tooMuchWork}${at}`);
    if (cause instanceof RangeError && /call stack/i.test(cause.message)) return new TemplateError(key, `${templateMsg.tooDeep}${at}`);
    if (cause instanceof Error && !(cause instanceof LiquidError) && !(cause instanceof AssertionError)) {
      return new TemplateError(key, `${templateMsg.cannotRender(cause.message)}${at}`);
    }
    return new TemplateError(key, `${templateMsg.syntax(templateMsg.liquidSyntax(detail))}${at}`);
  }
  // A stack overflow from absurd nesting, or anything unforeseen: still a refusal, never a crash.
  const e = err instanceof Error ? err : new Error(String(err));
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new TemplateError(key, templateMsg.tooDeep);
  if (/limit exceeded$/.test(e.message)) return new TemplateError(key, templateMsg.tooMuchWork);
  return new TemplateError(key, templateMsg.cannotRender(e.message.split('\n').slice(-1)[0]!));
}

/** Fill a template source with data (Liquid, strict; the data is `d`): the office-friendly text, before parsing. Throws TemplateError. */
export function fillTemplate(key: string, source: string, data: object): string {
  let text: string;
  try {
    text = fillLiquid(source.normalize('NFC'), data);
  } catch (err) {
    throw describeError(key, err);
  }
  const leak = /\b(undefined|NaN)\b|\[object Object\]/.exec(text);
  if (leak) throw new TemplateError(key, templateMsg.leak(leak[0]));
  return text;
}

/** Fill a template source with data and parse the result. Throws TemplateError. */
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

/** One field a template can use, as the editor lists it (from the template's sample data). */
export interface DataField {
  path: string; // "d.meeting.date"
  kind: 'value' | 'numbers' | 'texts' | 'records';
  itemFields: string[]; // the fields of each record of a list ("name", "role")
}

/** Every field of `data` as written in a template: values, lists of text, lists of records and their fields. */
export function describeFields(data: unknown, path = 'd'): DataField[] {
  if (Array.isArray(data)) {
    if (data.every((x) => typeof x === 'number')) return [{ path, kind: 'numbers', itemFields: [] }];
    if (data.every((x) => x === null || typeof x !== 'object')) return [{ path, kind: 'texts', itemFields: [] }];
    const keys = [...new Set(data.flatMap((x) => (x && typeof x === 'object' ? Object.keys(x) : [])))];
    return [{ path, kind: 'records', itemFields: keys }];
  }
  if (data !== null && typeof data === 'object') return Object.entries(data).flatMap(([k, v]) => describeFields(v, `${path}.${k}`));
  return [{ path, kind: 'value', itemFields: [] }];
}
