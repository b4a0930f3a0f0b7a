// Who may see a meeting: its body's staff (who prepare, record or sign for it), the members of the body on the
// meeting date, and — when the session is public — whoever may read the body. Anyone else gets 404, the answer for a
// meeting that does not exist.
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../domain/errors.ts';
import { can, canSeeCommune, type Principal } from '../../domain/permissions.ts';
import * as repo from '../../repositories/meetings.ts';

type MeetingRow = repo.MeetingRow;
type MembershipSpan = { personId: number; startDate: string; endDate: string | null };

/** Staff of the meeting's body: they prepare, record or sign for it. */
export const isMeetingStaff = (p: Principal, m: Pick<MeetingRow, 'communeId' | 'bodyId'>): boolean => {
  const scope = { communeId: m.communeId, bodyId: m.bodyId };
  return can(p, 'meeting.prepare', scope) || can(p, 'meeting.record', scope) || can(p, 'document.sign', scope);
};

/** With `history` (the body's memberships, already loaded) membership is checked without a query. */
export async function canSeeMeeting(ex: Executor, p: Principal, m: MeetingRow, history?: readonly MembershipSpan[]): Promise<boolean> {
  if (!canSeeCommune(p, m.communeId)) return false;
  if (isMeetingStaff(p, m)) return true;
  if (p.personId !== null) {
    const member = history
      ? history.some((x) => x.personId === p.personId && x.startDate <= m.date && (x.endDate === null || m.date < x.endDate))
      : await repo.isMemberOn(ex, m.bodyId, p.personId, m.date);
    if (member) return true;
  }
  return !m.closedSession && can(p, 'body.read', { communeId: m.communeId, bodyId: m.bodyId });
}

/** The meeting if this principal may see it; 404 otherwise (also for another commune's id). */
export async function loadVisibleMeeting(ex: Executor, p: Principal, communeId: number, meetingId: number): Promise<MeetingRow> {
  if (!canSeeCommune(p, communeId)) throw notFound();
  const m = await repo.findMeeting(ex, communeId, meetingId);
  if (!m || !(await canSeeMeeting(ex, p, m))) throw notFound();
  return m;
}
