// Meetings as pure rules: which kinds each body holds, the ordinal in the term (computed, never typed),
// names, the status machine, agenda ordering, the rule in force on a date, and attendance derived from
// append-only events ("who was present at time T"). No clock, no database: everything comes in as arguments.
import type { BodyKind } from './bodies.ts';
import { DEFAULT_QUORUM_RULE, type QuorumRule } from './quorum.ts';
import { ordinalWord, partyOrdinal } from './vn-format.ts';

export type MeetingKind = 'first' | 'regular' | 'thematic' | 'extraordinary';
export type MeetingStatus = 'draft' | 'convened' | 'in_session' | 'closed';
export type AgendaKind = 'report' | 'proposal' | 'draft_resolution' | 'election' | 'personnel' | 'other';
export type AttendanceStatus = 'present' | 'late' | 'left' | 'absent_excused' | 'absent_unexcused';

export const AGENDA_KINDS: readonly AgendaKind[] = ['report', 'proposal', 'draft_resolution', 'election', 'personnel', 'other'];
export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'late', 'left', 'absent_excused', 'absent_unexcused'];

const PARTY: readonly BodyKind[] = ['party_committee', 'party_standing_committee', 'party_standing_board'];
export const isPartyBody = (k: BodyKind): boolean => PARTY.includes(k);

// Luật 72/2025 Điều 34 (HĐND: thường lệ ≥ 2 a year, chuyên đề, bất thường; the first session of the term);
// Điều 40 (UBND: monthly, plus extra ones); Điều lệ Đảng (Hội nghị BCH lần thứ N; BTV and Thường trực meetings).
export function meetingKindsFor(body: BodyKind): MeetingKind[] {
  if (body === 'people_council') return ['first', 'regular', 'thematic', 'extraordinary'];
  return ['regular', 'extraordinary'];
}

/** How a body's meeting is called, for the kind select and the meeting's name. */
export function meetingKindLabel(body: BodyKind, kind: MeetingKind): string {
  if (body === 'people_council') {
    return { first: 'Kỳ họp thứ nhất', regular: 'Kỳ họp thường lệ', thematic: 'Kỳ họp chuyên đề', extraordinary: 'Kỳ họp bất thường' }[kind];
  }
  if (body === 'party_committee') return kind === 'extraordinary' ? 'Hội nghị bất thường' : 'Hội nghị thường kỳ';
  return kind === 'extraordinary' ? 'Phiên họp bất thường' : 'Phiên họp thường kỳ';
}

export interface SeriesMeeting {
  id: number;
  date: string; // YYYY-MM-DD
  startTime: string; // HH:MM
}

const before = (a: SeriesMeeting, b: SeriesMeeting) =>
  a.date < b.date || (a.date === b.date && (a.startTime < b.startTime || (a.startTime === b.startTime && a.id < b.id)));

/**
 * The meeting's number in its body's term: 1 + the meetings of the same body and term held before it
 * (by date, time, then creation). Luật 72/2025 Điều 34: sessions are numbered per term.
 */
export function meetingOrdinal(meeting: SeriesMeeting, sameTerm: readonly SeriesMeeting[]): number {
  return 1 + sameTerm.filter((m) => m.id !== meeting.id && before(m, meeting)).length;
}

/** Ordinals of a whole series at once (one sort instead of a count per meeting). */
export function ordinalsOf(series: readonly SeriesMeeting[]): Map<number, number> {
  const sorted = [...series].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  return new Map(sorted.map((m, i) => [m.id, i + 1]));
}

const VI_MONTH = (date: string) => `tháng ${Number(date.slice(5, 7))}/${date.slice(0, 4)}`;

/**
 * The meeting's name as written on notices: "Kỳ họp thứ Nhất", "Kỳ họp thứ Ba (chuyên đề)",
 * "Hội nghị lần thứ V", "Phiên họp thường kỳ tháng 12/2026", "Phiên họp thứ 4".
 */
export function meetingName(body: BodyKind, kind: MeetingKind, ordinal: number, date: string): string {
  if (body === 'people_council') {
    const base = `Kỳ họp thứ ${ordinal <= 99 ? ordinalWord(ordinal) : String(ordinal)}`;
    return kind === 'thematic' ? `${base} (chuyên đề)` : kind === 'extraordinary' ? `${base} (bất thường)` : base;
  }
  if (body === 'party_committee') {
    const base = `Hội nghị ${partyOrdinal(ordinal)}`;
    return kind === 'extraordinary' ? `${base} (bất thường)` : base;
  }
  if (body === 'people_committee') {
    return kind === 'regular' ? `Phiên họp thường kỳ ${VI_MONTH(date)}` : `Phiên họp bất thường ${VI_MONTH(date)}`;
  }
  return kind === 'extraordinary' ? `Phiên họp bất thường ${VI_MONTH(date)}` : `Phiên họp thứ ${ordinal}`;
}

export interface TermPeriod {
  id: number;
  startDate: string;
  endDate: string; // inclusive: the last day of the term
}

export type Refusal<R extends string> = { ok: false; reason: R };

/** The term a meeting on `date` belongs to; a meeting outside every term of the body is refused. */
export function termForDate<T extends TermPeriod>(terms: readonly T[], date: string): { ok: true; term: T } | Refusal<'OUTSIDE_TERM'> {
  const term = terms.find((t) => t.startDate <= date && date <= t.endDate);
  return term ? { ok: true, term } : { ok: false, reason: 'OUTSIDE_TERM' };
}

/** "Kỳ họp thứ nhất" can only be the first meeting of the term (Luật 72/2025 Điều 44). */
export function checkKindAndOrdinal(kind: MeetingKind, ordinal: number): { ok: true } | Refusal<'FIRST_NOT_FIRST'> {
  return kind === 'first' && ordinal !== 1 ? { ok: false, reason: 'FIRST_NOT_FIRST' } : { ok: true };
}

export type MeetingAction = 'convene' | 'open' | 'close' | 'reopen_draft';

const TRANSITIONS: Record<MeetingAction, { from: MeetingStatus; to: MeetingStatus }> = {
  convene: { from: 'draft', to: 'convened' },
  reopen_draft: { from: 'convened', to: 'draft' },
  open: { from: 'convened', to: 'in_session' },
  close: { from: 'in_session', to: 'closed' },
};

export type TransitionRefusal = 'WRONG_STATUS' | 'EMPTY_AGENDA';

/** draft → convened → in session → closed; convening needs an agenda. */
export function nextStatus(current: MeetingStatus, action: MeetingAction, agendaCount: number): { ok: true; status: MeetingStatus } | Refusal<TransitionRefusal> {
  const t = TRANSITIONS[action];
  if (!t || t.from !== current) return { ok: false, reason: 'WRONG_STATUS' };
  if (action === 'convene' && agendaCount === 0) return { ok: false, reason: 'EMPTY_AGENDA' };
  return { ok: true, status: t.to };
}

export const canEditAgenda = (s: MeetingStatus): boolean => s === 'draft' || s === 'convened';
export const canRecordAttendance = (s: MeetingStatus): boolean => s === 'convened' || s === 'in_session';

/** Moves one item up or down; returns the new order of ids (unchanged at the ends). */
export function moveItem(order: readonly number[], id: number, direction: 'up' | 'down'): number[] {
  const out = [...order];
  const i = out.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** A submitted full order must be exactly a permutation of the current items. */
export function checkNewOrder(current: readonly number[], requested: readonly number[]): { ok: true } | Refusal<'NOT_A_PERMUTATION'> {
  if (requested.length !== current.length || new Set(requested).size !== requested.length) return { ok: false, reason: 'NOT_A_PERMUTATION' };
  const have = new Set(current);
  return requested.every((id) => have.has(id)) ? { ok: true } : { ok: false, reason: 'NOT_A_PERMUTATION' };
}

export const isClockTime = (s: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

// ---------------------------------------------------------------------------------------------------
// The rule in force on a date.

export interface EffectiveRule extends QuorumRule {
  effectiveFrom: string | null;
  basis: string;
}

// DOMAIN.md §2: Luật 72/2025 sets no opening quorum; a new body starts at "at least 2/3 present" until its Quy chế sets one.
export const DEFAULT_RULE_BASIS = 'Mặc định của phần mềm: ít nhất 2/3 tổng số thành viên (luật không ấn định; Quy chế làm việc của cơ quan chưa quy định tỷ lệ)';

/** The body's rule with the latest effectiveFrom ≤ date (the Quy chế in force), else the default 2/3. */
export function ruleOn(rules: readonly EffectiveRule[], date: string): EffectiveRule {
  let best: EffectiveRule | null = null;
  for (const r of rules) {
    if (r.effectiveFrom !== null && r.effectiveFrom <= date && (!best || best.effectiveFrom! <= r.effectiveFrom)) best = r;
  }
  return best ?? { ...DEFAULT_QUORUM_RULE, effectiveFrom: null, basis: DEFAULT_RULE_BASIS };
}

// ---------------------------------------------------------------------------------------------------
// Attendance: a person's state is their latest event; presence at time T replays the events up to T.

export interface AttendanceEvent {
  id: number;
  personId: number;
  status: AttendanceStatus;
  at: Date;
  reason: string | null;
}

export const isInRoom = (s: AttendanceStatus): boolean => s === 'present' || s === 'late';

/** Each person's latest event (by id: the order they were recorded). */
export function latestByPerson<E extends AttendanceEvent>(events: readonly E[]): Map<number, E> {
  const out = new Map<number, E>();
  for (const e of events) {
    const cur = out.get(e.personId);
    if (!cur || cur.id < e.id) out.set(e.personId, e);
  }
  return out;
}

/**
 * Who was in the room at `t`: for each person, the last event that happened at or before t (by time,
 * then by recording order) decides. Each vote records this set (DOMAIN.md §2).
 */
export function presentAt(events: readonly AttendanceEvent[], t: Date): Set<number> {
  const last = new Map<number, AttendanceEvent>();
  for (const e of events) {
    if (e.at.getTime() > t.getTime()) continue;
    const cur = last.get(e.personId);
    if (!cur || cur.at.getTime() < e.at.getTime() || (cur.at.getTime() === e.at.getTime() && cur.id < e.id)) last.set(e.personId, e);
  }
  return new Set([...last.values()].filter((e) => isInRoom(e.status)).map((e) => e.personId));
}

export type CheckRefusal = 'NOT_ON_ROSTER' | 'DUPLICATE' | 'REASON_REQUIRED' | 'TIME_REQUIRED' | 'STALE';

/**
 * A new event for one person: they must be on the roster; the form must have seen the latest state
 * (otherwise somebody else changed it: reload); the same status twice is a duplicate; an excused
 * absence needs its reason; late and left need their time.
 */
export function checkAttendanceEvent(
  input: { personId: number; status: AttendanceStatus; reason: string | null; hasTime: boolean; seenEventId: number },
  roster: ReadonlySet<number>,
  latest: Pick<AttendanceEvent, 'id' | 'status'> | undefined,
): { ok: true } | Refusal<CheckRefusal> {
  if (!roster.has(input.personId)) return { ok: false, reason: 'NOT_ON_ROSTER' };
  if (latest && latest.status === input.status) return { ok: false, reason: 'DUPLICATE' };
  if ((latest?.id ?? 0) !== input.seenEventId) return { ok: false, reason: 'STALE' };
  if (input.status === 'absent_excused' && !input.reason) return { ok: false, reason: 'REASON_REQUIRED' };
  if ((input.status === 'late' || input.status === 'left') && !input.hasTime) return { ok: false, reason: 'TIME_REQUIRED' };
  return { ok: true };
}

export interface RosterCounts {
  total: number;
  inRoom: number;
  late: number;
  left: number;
  absentExcused: number;
  absentUnexcused: number;
  unmarked: number;
}

export function rosterCounts(roster: readonly number[], latest: ReadonlyMap<number, Pick<AttendanceEvent, 'status'>>): RosterCounts {
  const c: RosterCounts = { total: roster.length, inRoom: 0, late: 0, left: 0, absentExcused: 0, absentUnexcused: 0, unmarked: 0 };
  for (const id of roster) {
    const s = latest.get(id)?.status;
    if (!s) c.unmarked++;
    else if (s === 'present') c.inRoom++;
    else if (s === 'late') { c.inRoom++; c.late++; }
    else if (s === 'left') c.left++;
    else if (s === 'absent_excused') c.absentExcused++;
    else c.absentUnexcused++;
  }
  return c;
}

/** The word for members in the quorum sentence. */
export function memberWord(body: BodyKind): string {
  if (body === 'people_council') return 'đại biểu';
  if (isPartyBody(body)) return 'đồng chí';
  return 'thành viên';
}
