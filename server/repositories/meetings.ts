// Queries for meetings, agendas, attachments, guests, attendance events and body rules. Every read of a
// meeting takes the commune id, so another commune's meeting is simply not found.
import { and, asc, eq, gte, inArray, lt, lte, or, isNull, gt, sql, desc } from 'drizzle-orm';
import {
  agendaItems, attachments, attachmentVersions, attendanceEvents, bodies, bodyRules, meetingGuests, meetings, memberships, people,
} from '../../models/schema.ts';
import type { Executor } from '../db/database.ts';

export type MeetingRow = typeof meetings.$inferSelect;
export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type AttachmentVersionRow = typeof attachmentVersions.$inferSelect;
export type GuestRow = typeof meetingGuests.$inferSelect;
export type AttendanceEventRow = typeof attendanceEvents.$inferSelect;
export type BodyRuleRow = typeof bodyRules.$inferSelect;

const withBody = {
  meeting: meetings,
  bodyName: bodies.name,
  bodyShortName: bodies.shortName,
  bodyKind: bodies.kind,
};

export type MeetingWithBody = { meeting: MeetingRow; bodyName: string; bodyShortName: string; bodyKind: typeof bodies.$inferSelect['kind'] };

export async function findMeeting(db: Executor, communeId: number, id: number): Promise<MeetingRow | undefined> {
  const [row] = await db.select().from(meetings).where(and(eq(meetings.id, id), eq(meetings.communeId, communeId)));
  return row;
}

/** Locks the meeting row for the rest of the transaction (serialises writers of one meeting on PostgreSQL). */
export async function lockMeeting(tx: Executor, communeId: number, id: number): Promise<MeetingRow | undefined> {
  const [row] = await tx.select().from(meetings).where(and(eq(meetings.id, id), eq(meetings.communeId, communeId))).for('update');
  return row;
}

/** Meetings of a commune between two dates (from inclusive, to exclusive), with their body. */
export const meetingsOfCommune = (db: Executor, communeId: number, from: string, to: string): Promise<MeetingWithBody[]> =>
  db.select(withBody).from(meetings).innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(and(eq(meetings.communeId, communeId), gte(meetings.date, from), lt(meetings.date, to)))
    .orderBy(asc(meetings.date), asc(meetings.startTime), asc(meetings.id));

/** The meetings of one body in one term: the series their ordinals count in. */
export const seriesOf = (db: Executor, bodyId: number, termId: number) =>
  db.select({ id: meetings.id, date: meetings.date, startTime: meetings.startTime }).from(meetings)
    .where(and(eq(meetings.bodyId, bodyId), eq(meetings.termId, termId)));

/** Series of several (body, term) pairs at once, for the calendar. */
export async function seriesOfMany(db: Executor, pairs: { bodyId: number; termId: number }[]) {
  if (pairs.length === 0) return [];
  const termIds = [...new Set(pairs.map((p) => p.termId))];
  return db.select({ id: meetings.id, date: meetings.date, startTime: meetings.startTime, bodyId: meetings.bodyId, termId: meetings.termId })
    .from(meetings).where(inArray(meetings.termId, termIds));
}

/** Meetings of the bodies a person sits in on each meeting's date. */
export const meetingsOfPerson = (db: Executor, communeId: number, personId: number, from: string): Promise<MeetingWithBody[]> =>
  db.selectDistinct(withBody).from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .innerJoin(memberships, and(eq(memberships.bodyId, meetings.bodyId), eq(memberships.personId, personId),
      lte(memberships.startDate, meetings.date), or(isNull(memberships.endDate), gt(memberships.endDate, meetings.date))))
    .where(and(eq(meetings.communeId, communeId), gte(meetings.date, from)))
    .orderBy(asc(meetings.date), asc(meetings.startTime), asc(meetings.id));

export async function isMemberOn(db: Executor, bodyId: number, personId: number, day: string): Promise<boolean> {
  const [row] = await db.select({ id: memberships.id }).from(memberships)
    .where(and(eq(memberships.bodyId, bodyId), eq(memberships.personId, personId), lte(memberships.startDate, day),
      or(isNull(memberships.endDate), gt(memberships.endDate, day)))).limit(1);
  return row !== undefined;
}

export const agendaOf = (db: Executor, meetingId: number) =>
  db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.id));

export async function findAgendaItem(db: Executor, meetingId: number, id: number): Promise<AgendaItemRow | undefined> {
  const [row] = await db.select().from(agendaItems).where(and(eq(agendaItems.id, id), eq(agendaItems.meetingId, meetingId)));
  return row;
}

export interface AttachmentView {
  attachment: AttachmentRow;
  versions: AttachmentVersionRow[]; // newest first
}

export async function attachmentsOf(db: Executor, meetingId: number): Promise<AttachmentView[]> {
  const rows = await db.select({ a: attachments, v: attachmentVersions }).from(attachments)
    .innerJoin(attachmentVersions, eq(attachmentVersions.attachmentId, attachments.id))
    .where(eq(attachments.meetingId, meetingId))
    .orderBy(asc(attachments.id), desc(attachmentVersions.version));
  const out = new Map<number, AttachmentView>();
  for (const { a, v } of rows) {
    const cur = out.get(a.id) ?? { attachment: a, versions: [] };
    cur.versions.push(v);
    out.set(a.id, cur);
  }
  return [...out.values()];
}

export async function findAttachment(db: Executor, meetingId: number, id: number): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(and(eq(attachments.id, id), eq(attachments.meetingId, meetingId)));
  return row;
}

export async function findVersion(db: Executor, meetingId: number, versionId: number) {
  const [row] = await db.select({ a: attachments, v: attachmentVersions }).from(attachmentVersions)
    .innerJoin(attachments, eq(attachments.id, attachmentVersions.attachmentId))
    .where(and(eq(attachmentVersions.id, versionId), eq(attachments.meetingId, meetingId)));
  return row;
}

export async function nextVersionNumber(db: Executor, attachmentId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${attachmentVersions.version}), 0)` }).from(attachmentVersions)
    .where(eq(attachmentVersions.attachmentId, attachmentId));
  return Number(row?.n ?? 0) + 1;
}

export const guestsOf = (db: Executor, meetingId: number) =>
  db.select().from(meetingGuests).where(eq(meetingGuests.meetingId, meetingId)).orderBy(asc(meetingGuests.position), asc(meetingGuests.id));

export const eventsOf = (db: Executor, meetingId: number) =>
  db.select().from(attendanceEvents).where(eq(attendanceEvents.meetingId, meetingId)).orderBy(asc(attendanceEvents.id));

export const rulesOf = (db: Executor, bodyId: number) =>
  db.select().from(bodyRules).where(eq(bodyRules.bodyId, bodyId)).orderBy(asc(bodyRules.effectiveFrom), asc(bodyRules.id));

/** People of a commune by id (chair, secretary, roster names). */
export async function peopleByIds(db: Executor, communeId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(people).where(and(eq(people.communeId, communeId), inArray(people.id, ids)));
}
