// Meetings as pure rules: which kinds each body holds, the ordinal in the term (fixed on convening, never typed),
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
  /** Absent in a bare date list: treated as a draft. */
  status?: MeetingStatus | string;
  /** The number fixed on convening (null on a draft, and on meetings convened before numbers were stored). */
  ordinal?: number | null;
}

const before = (a: SeriesMeeting, b: SeriesMeeting) =>
  a.date < b.date || (a.date === b.date && (a.startTime < b.startTime || (a.startTime === b.startTime && a.id < b.id)));
const byDate = (a: SeriesMeeting, b: SeriesMeeting) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
const isDraft = (m: SeriesMeeting) => (m.status ?? 'draft') === 'draft';
const stored = (m: SeriesMeeting): m is SeriesMeeting & { ordinal: number } => typeof m.ordinal === 'number' && m.ordinal > 0;

/**
 * Numbers of meetings convened before numbers were stored and still without one: their rank among the
 * series' convened, held and closed meetings by date (drafts never count), computed once and then stored.
 */
export function legacyOrdinals(series: readonly SeriesMeeting[]): Map<number, number> {
  const fixed = series.filter((m) => !isDraft(m)).sort(byDate);
  return new Map(fixed.map((m, i) => [m, i + 1] as const).filter(([m]) => !stored(m)).map(([m, n]) => [m.id, n]));
}

/** The highest number already given in the series (stored, or computed for a legacy meeting); 0 if none. */
export function highestOrdinal(series: readonly SeriesMeeting[]): number {
  const legacy = legacyOrdinals(series);
  return series.reduce((mx, m) => Math.max(mx, stored(m) ? m.ordinal : legacy.get(m.id) ?? 0), 0);
}

/**
 * The number of every meeting of a series (one body, one term). Luật 72/2025 Điều 34: sessions are numbered
 * per term. A number is fixed when the meeting is convened — its notice carries it — and a meeting with a stored
 * number always shows it. A draft shows a provisional number: the highest given + its rank among the unnumbered
 * drafts by date, time, then creation. So a back-dated or new draft never renumbers a convened meeting.
 */
export function ordinalsOf(series: readonly SeriesMeeting[]): Map<number, number> {
  const legacy = legacyOrdinals(series);
  const out = new Map<number, number>();
  for (const m of series) {
    if (stored(m)) out.set(m.id, m.ordinal);
    else if (legacy.has(m.id)) out.set(m.id, legacy.get(m.id)!);
  }
  const top = highestOrdinal(series);
  series.filter((m) => !out.has(m.id)).sort(byDate).forEach((m, i) => out.set(m.id, top + i + 1));
  return out;
}

/** The number of one meeting in its series (the meeting is added to the series if it is not in it yet: a new draft). */
export function meetingOrdinal(meeting: SeriesMeeting, series: readonly SeriesMeeting[]): number {
  const all = series.some((m) => m.id === meeting.id) ? series.map((m) => (m.id === meeting.id ? { ...m, ...meeting } : m)) : [...series, meeting];
  return ordinalsOf(all).get(meeting.id)!;
}

/** The number a meeting gets when convened: its own if it kept one, else the highest given in the series + 1. */
export function ordinalOnConvening(meetingId: number, series: readonly SeriesMeeting[]): number {
  const self = series.find((m) => m.id === meetingId);
  if (self && stored(self)) return self.ordinal;
  return highestOrdinal(series.filter((m) => m.id !== meetingId)) + 1;
}

/**
 * A convened meeting sent back to preparation keeps its number if a later number has been given since (the
 * others' notices carry theirs); if it is the last one given, the number is released (null) and taken again on
 * the next convening, so an abandoned draft leaves no gap.
 */
export function ordinalAfterReopen(meetingId: number, series: readonly SeriesMeeting[]): number | null {
  const self = series.find((m) => m.id === meetingId);
  if (!self || !stored(self)) return null;
  return highestOrdinal(series.filter((m) => m.id !== meetingId)) > self.ordinal ? self.ordinal : null;
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

/** "Kỳ họp thứ nhất" can only be the first meeting of the term (Luật 72/2025 Điều 44): number 1, on creation and on convening. */
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

/** The last day of a meeting of `days` days starting on `date` (both YYYY-MM-DD). */
export const lastMeetingDay = (date: string, days: number): string =>
  new Date(Date.parse(date + 'T00:00:00Z') + (Math.max(1, days) - 1) * 86400000).toISOString().slice(0, 10);

/**
 * Attendance is taken in the room (DOMAIN.md §2: who is present at each vote): only on the meeting's days
 * (date .. date + days − 1) and while it is convened or in session — for the secretary and for self check-in alike.
 */
export function checkAttendanceDay(m: { status: MeetingStatus; date: string; days: number }, today: string): { ok: true } | Refusal<'NOT_MEETING_DAY' | 'ATTENDANCE_CLOSED'> {
  if (!canRecordAttendance(m.status)) return { ok: false, reason: 'ATTENDANCE_CLOSED' };
  if (today < m.date || today > lastMeetingDay(m.date, m.days)) return { ok: false, reason: 'NOT_MEETING_DAY' };
  return { ok: true };
}

/**
 * A body's quorum rule applies from its effective date on, never backwards (DOMAIN.md §2: the Quy chế changes it
 * "from a date"): not before today, and after the last meeting already convened or held, whose notice and quorum
 * were decided under the rule then in force.
 */
export function checkRuleEffectiveDate(effectiveFrom: string, today: string, lastFixedMeetingDate: string | null)
  : { ok: true } | Refusal<'BEFORE_TODAY'> | (Refusal<'NOT_AFTER_LAST_MEETING'> & { day: string }) {
  if (effectiveFrom < today) return { ok: false, reason: 'BEFORE_TODAY' };
  if (lastFixedMeetingDate !== null && effectiveFrom <= lastFixedMeetingDate) return { ok: false, reason: 'NOT_AFTER_LAST_MEETING', day: lastFixedMeetingDate };
  return { ok: true };
}

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
export const DEFAULT_RULE_BASIS = 'Mặc định của phần mềm: ít nhất 2/3 tổng số thành viên của cơ quan vào ngày họp (luật không ấn định; Quy chế làm việc của cơ quan chưa quy định tỷ lệ)';

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
