// Written opinion-taking between sessions (phiếu lấy ý kiến, DOMAIN.md §3 "Methods"): the deadline as a moment in
// Vietnam's time, when an answer is still in time, and the sentence the record uses. The pass rule is the body's
// statutory rule (decideMotion), the same as in a session; the voters are the body's voting members on the day the
// form is sent. Nothing here reads the clock: `now` comes in as an argument.
import { formatPercent } from './percent.ts';
import { basePhrase, formatIntegerVi } from './vote-wording.ts';
import type { VoteBase } from './vote-rules.ts';
import type { MotionKind } from './ballots.ts';

/** Elections and removals are decided in a session by secret ballot, never by a written form. */
export const WRITTEN_KINDS: readonly MotionKind[] = ['resolution', 'decision', 'personnel', 'procedural'];

const VN_OFFSET_MS = 7 * 3600 * 1000;

/** "2026-11-30" + "17:00" in Vietnam (UTC+7, no daylight saving) → the instant; null when either is malformed. */
export function deadlineFromVn(date: string, time: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const d = new Date(`${date}T${time}:00+07:00`);
  return Number.isNaN(d.getTime()) || vnDayOf(d) !== date ? null : d;
}

/** The Vietnam calendar day of an instant, YYYY-MM-DD (the day the form was sent fixes who the voters are). */
export function vnDayOf(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** "17:00 ngày 30/11/2026". */
export function formatVnMoment(at: Date): string {
  const iso = new Date(at.getTime() + VN_OFFSET_MS).toISOString();
  return `${iso.slice(11, 16)} ngày ${iso.slice(0, 10).split('-').reverse().join('/')}`;
}

/** An answer is in time strictly before the deadline; at the deadline the form is closed. */
export const isBeforeDeadline = (deadline: Date, now: Date): boolean => now.getTime() < deadline.getTime();

/**
 * "có 20/26 đại biểu gửi phiếu tán thành, đạt 76,92 % tổng số đại biểu; có 2/26 đại biểu gửi phiếu không tán thành,
 * chiếm 7,69 % tổng số đại biểu; có 1/26 đại biểu có ý kiến khác, chiếm 3,85 % tổng số đại biểu; 3 đại biểu không gửi phiếu".
 * The fraction is over the members the form was sent to; the percentage over the pass rule's base.
 */
export function describeWrittenResult(f: { for: number; against: number; other: number; sent: number; base: VoteBase; baseCount: number; memberWord: string }): string {
  const of = (n: number) => `${formatIntegerVi(n)}/${formatIntegerVi(f.sent)} ${f.memberWord}`;
  const share = (verb: string, n: number) => `${verb} ${formatPercent(n, f.baseCount)} ${basePhrase(f.base, f.memberWord)}`;
  const clauses = [f.for > 0 ? `có ${of(f.for)} gửi phiếu tán thành, ${share('đạt', f.for)}` : `không có ${f.memberWord} nào gửi phiếu tán thành`];
  if (f.against > 0) clauses.push(`có ${of(f.against)} gửi phiếu không tán thành, ${share('chiếm', f.against)}`);
  if (f.other > 0) clauses.push(`có ${of(f.other)} có ý kiến khác, ${share('chiếm', f.other)}`);
  const silent = f.sent - f.for - f.against - f.other;
  if (silent > 0) clauses.push(`${formatIntegerVi(silent)} ${f.memberWord} không gửi phiếu`);
  return clauses.join('; ');
}
