// A body's working regulations (Quy chế làm việc) as structured text — Chương / Điều / Khoản / Điểm, one per
// line — and its procedural settings, checked against the statute. Pure: text, settings and dates come in.
import type { BodyKind } from './bodies.ts';
import { isPartyBody } from './meetings.ts';
import { validateQuorumRule, checkPassRuleNotBelowStatute, type PassRuleBody, type QuorumRule } from './quorum.ts';
import type { Comparison, PartyBase, VoteBase } from './vote-rules.ts';

// ---------------------------------------------------------------------------------------------------
// The text

export interface RegulationPoint { letter: string; text: string; line: number }
export interface RegulationClause { number: number; text: string; points: RegulationPoint[]; line: number }
export interface RegulationArticle { number: string; title: string; paragraphs: string[]; clauses: RegulationClause[]; line: number }
export interface RegulationChapter { number: string; title: string; articles: RegulationArticle[]; line: number }
export interface RegulationDoc { chapters: RegulationChapter[]; articleCount: number }

export type TextRefusalReason =
  | 'EMPTY' | 'DUPLICATE_ARTICLE' | 'DUPLICATE_CHAPTER' | 'DUPLICATE_CLAUSE' | 'DUPLICATE_POINT'
  | 'CHAPTER_WITHOUT_TITLE' | 'ARTICLE_WITHOUT_TITLE' | 'MALFORMED_ARTICLE' | 'OUTSIDE_ARTICLE' | 'POINT_OUTSIDE_CLAUSE' | 'FORBIDDEN_START' | 'TOO_LONG';

export interface TextProblem { reason: TextRefusalReason; line: number; message: string }
export type TextCheck = { ok: true; doc: RegulationDoc } | { ok: false; problems: TextProblem[] };

const CHAPTER = /^Chương\s+([IVXLC]+|\d+)\.?\s*$/u;
const ARTICLE = /^Điều\s+(\d+[a-zđ]?)\.\s*(.*)$/u;
const CLAUSE = /^(\d+)\.\s+(.+)$/u;
const POINT = /^([a-zđ])\)\s+(.+)$/u;
// A line that starts like an article heading ("Điều 1: …", "Điều 1 B", "Điều 01") must be one, or the article
// would be read as body text and its number never checked.
const ARTICLE_START = /^Điều\s+\d/u;
/** The number an article or chapter is compared by: "01" and "1" are the same article, "01a" and "1a" too. */
const numberKey = (n: string) => n.replace(/^0+(?=\d)/u, '');
// Lines the document engine reads as markup (sections, comments, tables, centred lines).
const FORBIDDEN = /^[[#|>]/u;
export const MAX_REGULATION_CHARS = 100_000;

/** "Điều 5 (dòng 12)" — a short place name for messages. */
const at = (line: number) => `dòng ${line}`;

/**
 * Parses a regulation. Article numbers are unique in the whole regulation, clause numbers within their
 * article, point letters within their clause (NĐ 30/2020/NĐ-CP Phụ lục I: Chương, Mục, Điều, khoản, điểm).
 */
export function parseRegulation(text: string): TextCheck {
  const problems: TextProblem[] = [];
  if (text.length > MAX_REGULATION_CHARS) {
    return { ok: false, problems: [{ reason: 'TOO_LONG', line: 1, message: `Quy chế quá dài (tối đa ${MAX_REGULATION_CHARS} ký tự).` }] };
  }
  const lines = text.normalize('NFC').split(/\r?\n/).map((t, i) => ({ text: t.trim(), no: i + 1 })).filter((l) => l.text !== '');
  const chapters: RegulationChapter[] = [];
  const articleLines = new Map<string, { number: string; line: number }>();
  const chapterLines = new Map<string, number>();
  let chapter: RegulationChapter | null = null;
  let article: RegulationArticle | null = null;
  let clause: RegulationClause | null = null;
  const ensureChapter = (line: number): RegulationChapter => {
    if (!chapter) { chapter = { number: '', title: '', articles: [], line }; chapters.push(chapter); }
    return chapter;
  };
  for (let i = 0; i < lines.length; i++) {
    const { text: t, no } = lines[i]!;
    let m: RegExpExecArray | null;
    if (FORBIDDEN.test(t)) {
      problems.push({ reason: 'FORBIDDEN_START', line: no, message: `Dòng ${no} bắt đầu bằng ký tự "${t[0]}" — không dùng ký tự này ở đầu dòng.` });
    } else if ((m = CHAPTER.exec(t))) {
      const title = lines[i + 1];
      const number = m[1]!;
      if (!title || CHAPTER.test(title.text) || ARTICLE_START.test(title.text)) {
        problems.push({ reason: 'CHAPTER_WITHOUT_TITLE', line: no, message: `Chương ${number} (${at(no)}) cần một dòng tên chương ngay sau.` });
      } else i += 1;
      const first = chapterLines.get(numberKey(number));
      if (first !== undefined) problems.push({ reason: 'DUPLICATE_CHAPTER', line: no, message: `Chương ${number} bị trùng số (${at(first)} và ${at(no)}).` });
      else chapterLines.set(numberKey(number), no);
      chapter = { number, title: title && !CHAPTER.test(title.text) && !ARTICLE_START.test(title.text) ? title.text : '', articles: [], line: no };
      chapters.push(chapter);
      article = null;
      clause = null;
    } else if ((m = ARTICLE.exec(t))) {
      const number = m[1]!;
      const title = m[2]!.replace(/\*\*/g, '').trim();
      if (!title) problems.push({ reason: 'ARTICLE_WITHOUT_TITLE', line: no, message: `Điều ${number} (${at(no)}) chưa có tên điều.` });
      const first = articleLines.get(numberKey(number));
      if (first !== undefined) {
        problems.push({ reason: 'DUPLICATE_ARTICLE', line: no, message: `Điều ${number} bị trùng số: đã có Điều ${first.number} ở ${at(first.line)}, lại có ở ${at(no)}. Mỗi Điều phải có một số riêng.` });
      } else articleLines.set(numberKey(number), { number, line: no });
      article = { number, title, paragraphs: [], clauses: [], line: no };
      ensureChapter(no).articles.push(article);
      clause = null;
    } else if (ARTICLE_START.test(t)) {
      const number = /^Điều\s+(\d+)/u.exec(t)![1]!;
      problems.push({ reason: 'MALFORMED_ARTICLE', line: no,
        message: `Dòng ${no} ("${t.slice(0, 40)}") bắt đầu bằng "Điều ${number}" nhưng không đúng mẫu "Điều ${numberKey(number)}. Tên điều" (số điều, dấu chấm, rồi tên điều; điều bổ sung viết "Điều ${numberKey(number)}a.").` });
    } else if ((m = CLAUSE.exec(t))) {
      if (!article) { problems.push({ reason: 'OUTSIDE_ARTICLE', line: no, message: `Khoản "${m[1]}." ở ${at(no)} phải nằm trong một Điều.` }); continue; }
      const number = Number(m[1]);
      const dup = article.clauses.find((c) => c.number === number);
      if (dup) problems.push({ reason: 'DUPLICATE_CLAUSE', line: no, message: `Khoản ${number} của Điều ${article.number} bị trùng (${at(dup.line)} và ${at(no)}).` });
      clause = { number, text: m[2]!, points: [], line: no };
      article.clauses.push(clause);
    } else if ((m = POINT.exec(t))) {
      if (!article) { problems.push({ reason: 'OUTSIDE_ARTICLE', line: no, message: `Điểm "${m[1]})" ở ${at(no)} phải nằm trong một Điều.` }); continue; }
      const letter = m[1]!;
      // A point directly under an article (no clause) is allowed: it belongs to the article's own list.
      const host = clause ?? (article.clauses.length === 0 ? null : article.clauses.at(-1)!);
      if (!host) {
        article.paragraphs.push(t);
        continue;
      }
      const dup = host.points.find((x) => x.letter === letter);
      if (dup) problems.push({ reason: 'DUPLICATE_POINT', line: no, message: `Điểm ${letter}) của khoản ${host.number} Điều ${article.number} bị trùng (${at(dup.line)} và ${at(no)}).` });
      host.points.push({ letter, text: m[2]!, line: no });
    } else {
      if (!article) { problems.push({ reason: 'OUTSIDE_ARTICLE', line: no, message: `Dòng ${no} ("${t.slice(0, 40)}") phải nằm trong một Điều.` }); continue; }
      if (clause) clause.text += ` ${t}`;
      else article.paragraphs.push(t);
    }
  }
  const articleCount = articleLines.size;
  if (articleCount === 0 && problems.length === 0) problems.push({ reason: 'EMPTY', line: 1, message: 'Quy chế chưa có Điều nào.' });
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return { ok: true, doc: { chapters, articleCount } };
}

/** The regulation as the annex of the adopting document: article titles in bold, asterisks escaped. */
export function annexLines(doc: RegulationDoc): string[] {
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\*/g, '\\*');
  const out: string[] = [];
  for (const c of doc.chapters) {
    if (c.number) out.push(`Chương ${c.number}`, esc(c.title));
    for (const a of c.articles) {
      out.push(`Điều ${a.number}. **${esc(a.title)}**`);
      for (const p of a.paragraphs) out.push(esc(p));
      for (const k of a.clauses) {
        out.push(`${k.number}. ${esc(k.text)}`);
        for (const d of k.points) out.push(`${d.letter}) ${esc(d.text)}`);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The procedural settings

export type MeetingFrequency = 'monthly' | 'quarterly' | 'twice_yearly';
export type PresidingRole = 'head' | 'deputy';
export type StandInRole = 'deputy' | 'member';
export type DefaultMethod = 'named' | 'totals' | 'secret' | 'electronic' | 'electronic_secret';

export interface RegulationSettings {
  quorum: QuorumRule;
  /** Who presides over meetings, and who stands in when that post is vacant or its holder absent. */
  presides: PresidingRole;
  standIn: StandInRole;
  frequency: MeetingFrequency;
  defaultMethod: DefaultMethod;
  /** Party bodies: "more than half" of the members in office or of the total (DOMAIN.md §3). */
  partyBase: PartyBase | null;
  /** Optional stricter pass rule; never below the statute. */
  passRule: { numerator: number; denominator: number; comparison: Comparison; base: VoteBase } | null;
}

export const FREQUENCIES: readonly MeetingFrequency[] = ['monthly', 'quarterly', 'twice_yearly'];
export const DEFAULT_METHODS: readonly DefaultMethod[] = ['named', 'totals', 'secret', 'electronic', 'electronic_secret'];
const PER_YEAR: Record<MeetingFrequency, number> = { monthly: 12, quarterly: 4, twice_yearly: 2 };

/** Regular meetings the law requires at the least, per year. */
export function minimumMeetingsPerYear(kind: BodyKind): { count: number; article: string } | null {
  // UBND: meets monthly — Luật 72/2025/QH15 Điều 40.
  if (kind === 'people_committee') return { count: 12, article: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 40' };
  // HĐND: at least two regular sessions a year — Luật 72/2025/QH15 Điều 34.
  if (kind === 'people_council') return { count: 2, article: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 34' };
  // BCH Đảng bộ xã: a regular conference every three months — Điều lệ Đảng; Quy định 294-QĐ/TW (2025).
  if (kind === 'party_committee') return { count: 4, article: 'Điều lệ Đảng; Quy định 294-QĐ/TW (2025)' };
  return null;
}

export function passRuleBodyOf(kind: BodyKind): PassRuleBody | null {
  if (kind === 'people_council' || kind === 'people_committee') return kind;
  if (isPartyBody(kind)) return 'party_committee';
  return null;
}

export type SettingsRefusalReason = 'INVALID_QUORUM' | 'FREQUENCY_BELOW_LAW' | 'PASS_RULE_BELOW_STATUTE' | 'INVALID_PASS_RULE' | 'PARTY_BASE_REQUIRED' | 'STAND_IN_SAME';
export interface SettingsProblem { reason: SettingsRefusalReason; field: string; message: string }

/** Checks a regulation's settings for a body of this kind; each refusal names the article it protects. */
export function checkSettings(kind: BodyKind, s: RegulationSettings): { ok: true } | { ok: false; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  if (!validateQuorumRule(s.quorum).ok) {
    problems.push({ reason: 'INVALID_QUORUM', field: 'quorumNumerator', message: 'Tỷ lệ khai mạc phải là một phân số từ 0 đến 1 (ví dụ: ít nhất 2/3).' });
  }
  const min = minimumMeetingsPerYear(kind);
  if (min && PER_YEAR[s.frequency] < min.count) {
    problems.push({ reason: 'FREQUENCY_BELOW_LAW', field: 'frequency',
      message: `Quy chế không được quy định họp thưa hơn luật: cơ quan này phải họp thường kỳ ít nhất ${min.count} lần mỗi năm (${min.article}).` });
  }
  if (s.presides === 'deputy' && s.standIn === 'deputy') {
    problems.push({ reason: 'STAND_IN_SAME', field: 'standIn', message: 'Người chủ trì thay phải khác người chủ trì.' });
  }
  if (isPartyBody(kind) && !s.partyBase) {
    problems.push({ reason: 'PARTY_BASE_REQUIRED', field: 'partyBase', message: 'Vui lòng chọn cách tính "quá nửa": trên số cấp ủy viên đương nhiệm hay trên tổng số.' });
  }
  const body = passRuleBodyOf(kind);
  if (s.passRule && body) {
    const check = checkPassRuleNotBelowStatute(body, s.passRule);
    if (!check.ok) {
      problems.push(check.reason === 'PASS_RULE_BELOW_STATUTE'
        ? { reason: 'PASS_RULE_BELOW_STATUTE', field: 'passNumerator', message: check.message! }
        : { reason: 'INVALID_PASS_RULE', field: 'passNumerator', message: 'Tỷ lệ thông qua phải là một phân số từ 0 đến 1.' });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true };
}

/** A regulation takes effect on or after the day its adopting document is issued: it never reaches back to earlier meetings. */
export function checkEffectiveDate(effectiveFrom: string, documentDate: string): { ok: true } | { ok: false; reason: 'BEFORE_DOCUMENT'; message: string } {
  if (effectiveFrom >= documentDate) return { ok: true };
  const vi = (d: string) => d.split('-').reverse().join('/');
  return { ok: false, reason: 'BEFORE_DOCUMENT',
    message: `Ngày có hiệu lực (${vi(effectiveFrom)}) không được trước ngày ban hành văn bản ban hành Quy chế (${vi(documentDate)}): Quy chế không có hiệu lực hồi tố.` };
}

/** The regulation in force on a day: the latest effectiveFrom ≤ day (earlier meetings keep the rules of their day). */
export function regulationOn<T extends { effectiveFrom: string | null }>(inForce: readonly T[], day: string): T | null {
  let best: T | null = null;
  for (const r of inForce) if (r.effectiveFrom !== null && r.effectiveFrom <= day && (!best || r.effectiveFrom >= best.effectiveFrom!)) best = r;
  return best;
}

/** Who presides on a day under the settings: the holder of the presiding post, else the stand-in's. */
export function presidingPersonOn(
  settings: Pick<RegulationSettings, 'presides' | 'standIn'>,
  posts: readonly { personId: number; role: string; startDate: string; endDate: string | null }[], day: string,
): { personId: number; standIn: boolean } | null {
  const active = posts.filter((m) => m.startDate <= day && (m.endDate === null || day < m.endDate));
  const main = active.find((m) => m.role === settings.presides);
  if (main) return { personId: main.personId, standIn: false };
  const alt = active.find((m) => m.role === settings.standIn);
  return alt ? { personId: alt.personId, standIn: true } : null;
}

// ---------------------------------------------------------------------------------------------------
// The usual outlines

export function defaultSettings(kind: BodyKind): RegulationSettings {
  return {
    quorum: { numerator: 2, denominator: 3, comparison: 'at_least', base: 'total' },
    presides: 'head',
    standIn: 'deputy',
    frequency: kind === 'people_council' ? 'twice_yearly' : kind === 'people_committee' ? 'monthly' : 'quarterly',
    defaultMethod: kind === 'people_council' ? 'electronic' : 'named',
    partyBase: isPartyBody(kind) ? 'in_office' : null,
    passRule: null,
  };
}

/** The title of a body's regulation: "Quy chế làm việc của Ủy ban nhân dân xã Tân Uyên". */
export function regulationTitle(kind: BodyKind, bodyName: string): string {
  return kind === 'people_council' ? `Quy chế hoạt động của ${bodyName}` : `Quy chế làm việc của ${bodyName}`;
}

const UBND_OUTLINE = `Chương I
Quy định chung
Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng
1. Quy chế này quy định về nguyên tắc, chế độ trách nhiệm, lề lối làm việc, trình tự giải quyết công việc và quan hệ công tác của Ủy ban nhân dân xã.
2. Thành viên Ủy ban nhân dân xã, người đứng đầu các cơ quan chuyên môn và các tổ chức, cá nhân có quan hệ làm việc với Ủy ban nhân dân xã chịu sự điều chỉnh của Quy chế này.
Điều 2. Nguyên tắc làm việc
1. Ủy ban nhân dân xã làm việc theo chế độ kết hợp trách nhiệm của tập thể với đề cao trách nhiệm cá nhân của Chủ tịch và người đứng đầu.
2. Giải quyết công việc đúng pháp luật, đúng thẩm quyền, đúng thời hạn; bảo đảm công khai, minh bạch.
3. Mỗi việc chỉ giao một cơ quan, một người chủ trì và chịu trách nhiệm chính.
Chương II
Trách nhiệm, phạm vi giải quyết công việc
Điều 3. Trách nhiệm và phạm vi giải quyết công việc của tập thể Ủy ban nhân dân xã
Ủy ban nhân dân xã thảo luận tập thể và quyết định theo đa số các vấn đề sau:
a) Chương trình công tác năm của Ủy ban nhân dân xã;
b) Dự thảo nghị quyết, kế hoạch, dự toán ngân sách trình Hội đồng nhân dân xã;
c) Quy chế làm việc của Ủy ban nhân dân xã;
d) Các vấn đề khác mà pháp luật quy định thuộc thẩm quyền của tập thể Ủy ban nhân dân.
Điều 4. Trách nhiệm và phạm vi giải quyết công việc của Chủ tịch Ủy ban nhân dân xã
1. Lãnh đạo, điều hành công việc của Ủy ban nhân dân xã; chịu trách nhiệm cá nhân về việc thực hiện nhiệm vụ, quyền hạn của mình.
2. Triệu tập và chủ tọa các phiên họp của Ủy ban nhân dân xã.
Điều 5. Trách nhiệm của Phó Chủ tịch và Ủy viên Ủy ban nhân dân xã
1. Phó Chủ tịch giúp Chủ tịch theo lĩnh vực được phân công và chịu trách nhiệm trước Chủ tịch.
2. Các Ủy viên chịu trách nhiệm cá nhân trước Chủ tịch về lĩnh vực được giao.
Chương III
Chế độ họp và quyết định
Điều 6. Phiên họp Ủy ban nhân dân xã
1. Ủy ban nhân dân xã họp thường kỳ mỗi tháng một lần; họp chuyên đề hoặc đột xuất khi Chủ tịch quyết định hoặc khi có ít nhất một phần ba tổng số thành viên yêu cầu.
2. Phiên họp được tiến hành khi có ít nhất hai phần ba tổng số thành viên tham dự.
3. Chủ tịch chủ tọa phiên họp; khi Chủ tịch vắng mặt, Phó Chủ tịch được Chủ tịch phân công chủ tọa.
Điều 7. Quyết định tập thể
1. Quyết định của tập thể được thông qua khi có quá nửa tổng số thành viên biểu quyết tán thành; trường hợp số phiếu tán thành và không tán thành ngang nhau thì quyết định theo ý kiến mà Chủ tịch đã biểu quyết.
2. Việc biểu quyết được thực hiện bằng hình thức giơ tay ghi tên, trừ trường hợp Ủy ban nhân dân xã quyết định hình thức khác.
Chương IV
Điều khoản thi hành
Điều 8. Tổ chức thực hiện
Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã có trách nhiệm theo dõi, đôn đốc việc thực hiện Quy chế này; trong quá trình thực hiện, nếu có vướng mắc, báo cáo Ủy ban nhân dân xã xem xét, sửa đổi, bổ sung.`;

const HDND_OUTLINE = `Chương I
Quy định chung
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định về hoạt động của Hội đồng nhân dân xã, Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân và đại biểu Hội đồng nhân dân xã.
Điều 2. Nguyên tắc hoạt động
1. Hội đồng nhân dân làm việc theo chế độ hội nghị và quyết định theo đa số.
2. Bảo đảm công khai, dân chủ, đúng pháp luật.
Chương II
Kỳ họp Hội đồng nhân dân
Điều 3. Kỳ họp
1. Hội đồng nhân dân xã họp thường lệ mỗi năm ít nhất hai kỳ; họp chuyên đề hoặc bất thường theo quy định của Luật Tổ chức chính quyền địa phương.
2. Kỳ họp được tiến hành khi có ít nhất hai phần ba tổng số đại biểu Hội đồng nhân dân có mặt.
Điều 4. Chủ tọa kỳ họp
1. Chủ tịch Hội đồng nhân dân chủ tọa kỳ họp.
2. Khi Chủ tịch vắng mặt, Phó Chủ tịch Hội đồng nhân dân chủ tọa kỳ họp.
Điều 5. Biểu quyết tại kỳ họp
1. Nghị quyết của Hội đồng nhân dân được thông qua khi có quá nửa tổng số đại biểu Hội đồng nhân dân biểu quyết tán thành.
2. Việc bầu các chức danh được thực hiện bằng hình thức bỏ phiếu kín.
Chương III
Thường trực Hội đồng nhân dân và các Ban
Điều 6. Thường trực Hội đồng nhân dân
Thường trực Hội đồng nhân dân gồm Chủ tịch, Phó Chủ tịch và các Trưởng Ban của Hội đồng nhân dân.
Điều 7. Các Ban của Hội đồng nhân dân
Hội đồng nhân dân xã thành lập Ban Kinh tế - Ngân sách và Ban Văn hóa - Xã hội.
Chương IV
Điều khoản thi hành
Điều 8. Hiệu lực thi hành
Thường trực Hội đồng nhân dân xã tổ chức thực hiện Quy chế này.`;

const PARTY_OUTLINE = `Chương I
Những quy định chung
Điều 1. Phạm vi, đối tượng điều chỉnh
Quy chế này quy định trách nhiệm, quyền hạn, chế độ làm việc và mối quan hệ công tác của Ban Chấp hành, Ban Thường vụ, Thường trực Đảng ủy xã.
Điều 2. Nguyên tắc làm việc
1. Bảo đảm nguyên tắc tập trung dân chủ, tập thể lãnh đạo, cá nhân phụ trách.
2. Quyết định theo đa số; cá nhân chịu trách nhiệm về phần việc được giao.
Chương II
Chế độ làm việc
Điều 3. Hội nghị Ban Chấp hành
1. Ban Chấp hành Đảng bộ họp thường lệ ba tháng một lần; họp bất thường khi cần.
2. Hội nghị được tiến hành khi có ít nhất hai phần ba số cấp ủy viên đương nhiệm tham dự.
Điều 4. Chủ trì hội nghị
1. Bí thư chủ trì hội nghị.
2. Khi Bí thư vắng mặt, Phó Bí thư Thường trực chủ trì.
Điều 5. Biểu quyết
Nghị quyết của cấp ủy được thông qua khi có quá nửa số cấp ủy viên đương nhiệm tán thành.
Chương III
Điều khoản thi hành
Điều 6. Tổ chức thực hiện
Văn phòng Đảng ủy giúp Ban Thường vụ theo dõi, đôn đốc việc thực hiện Quy chế này.`;

/** The usual outline of a body's regulation: UBND after NĐ 315/2025/NĐ-CP, HĐND after NQ 104/2025/UBTVQH15, Party after QĐ 294-QĐ/TW. */
export function regulationOutline(kind: BodyKind): string | null {
  if (kind === 'people_committee') return UBND_OUTLINE;
  if (kind === 'people_council') return HDND_OUTLINE;
  if (isPartyBody(kind)) return PARTY_OUTLINE;
  return null;
}

export const FREQUENCY_LABELS: Record<MeetingFrequency, string> = { monthly: 'mỗi tháng một lần', quarterly: 'ba tháng một lần', twice_yearly: 'ít nhất hai lần mỗi năm' };
export const PRESIDES_LABELS: Record<PresidingRole, string> = { head: 'Người đứng đầu (Chủ tịch, Bí thư)', deputy: 'Cấp phó được phân công' };
export const STAND_IN_LABELS: Record<StandInRole, string> = { deputy: 'Cấp phó (Phó Chủ tịch, Phó Bí thư)', member: 'Một thành viên được phân công' };

export interface RegularPeriod { start: string; end: string; label: string } // ISO dates, end exclusive

/**
 * The period of regular meetings that contains `day` under a frequency: its month, quarter or half-year
 * (Luật 72/2025/QH15 Điều 34, 40; Điều lệ Đảng — the Quy chế làm việc chooses within the law's minimum).
 */
export function regularPeriodOf(frequency: MeetingFrequency, day: string): RegularPeriod {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const size = frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : 6;
  const first = Math.floor((month - 1) / size) * size + 1;
  const next = first + size;
  const iso = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;
  const start = iso(year, first);
  const end = next > 12 ? iso(year + 1, next - 12) : iso(year, next);
  const label = frequency === 'monthly' ? `tháng ${month}/${year}`
    : frequency === 'quarterly' ? `quý ${['I', 'II', 'III', 'IV'][(first - 1) / 3]}/${year}`
      : `6 tháng ${first === 1 ? 'đầu' : 'cuối'} năm ${year}`;
  return { start, end, label };
}

/** The regular meetings (by date) a body has in the period of `day`: none means one is still due. */
export function regularMeetingsIn(period: RegularPeriod, regular: readonly { date: string }[]): string[] {
  return regular.map((m) => m.date).filter((d) => period.start <= d && d < period.end).sort();
}
