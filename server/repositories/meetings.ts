// Queries for meetings, agendas, attachments, guests, attendance events and body rules. Every read of a
// meeting takes the commune id, so another commune's meeting is simply not found.
import { and, asc, eq, gte, inArray, lt, lte, max, ne, or, isNull, gt, sql, desc } from 'drizzle-orm';
import {
  agendaItems, attachments, attachmentVersions, attendanceEvents, bodies, bodyRules, communes, meetingGuests, meetings, memberships, people,
} from '../../models/schema.ts';
import type { Database, Executor } from '../db/database.ts';
import type { MembershipWithNames } from './org.ts';
import { rowFromJson, rowsFromJson } from './json-rows.ts';

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
const seriesColumns = { id: meetings.id, date: meetings.date, startTime: meetings.startTime, status: meetings.status, ordinal: meetings.ordinal };
export type SeriesRow = { id: number; date: string; startTime: string; status: MeetingRow['status']; ordinal: number | null };

export const seriesOf = (db: Executor, bodyId: number, termId: number): Promise<SeriesRow[]> =>
  db.select(seriesColumns).from(meetings)
    .where(and(eq(meetings.bodyId, bodyId), eq(meetings.termId, termId)));

/** The series locked FOR UPDATE: two meetings convened at once cannot take the same number. */
export const lockSeries = (tx: Executor, bodyId: number, termId: number): Promise<SeriesRow[]> =>
  tx.select(seriesColumns).from(meetings)
    .where(and(eq(meetings.bodyId, bodyId), eq(meetings.termId, termId))).orderBy(asc(meetings.id)).for('update');

/** Series of several (body, term) pairs at once, for the calendar. */
export async function seriesOfMany(db: Executor, pairs: { bodyId: number; termId: number }[]) {
  if (pairs.length === 0) return [];
  const termIds = [...new Set(pairs.map((p) => p.termId))];
  return db.select({ ...seriesColumns, bodyId: meetings.bodyId, termId: meetings.termId })
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

/** Locks one attachment row FOR UPDATE: two uploads of a new version of it take their numbers one after the other. */
export async function lockAttachment(tx: Executor, meetingId: number, id: number): Promise<AttachmentRow | undefined> {
  const [row] = await tx.select().from(attachments).where(and(eq(attachments.id, id), eq(attachments.meetingId, meetingId))).for('update');
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

/** The date of the body's latest meeting that is convened, in session or closed (null if none). */
export async function lastFixedMeetingDate(db: Executor, bodyId: number): Promise<string | null> {
  // max() keeps the column's own mapping: the same 'YYYY-MM-DD' string on PGlite and on node-postgres
  const [row] = await db.select({ d: max(meetings.date) }).from(meetings).where(and(eq(meetings.bodyId, bodyId), ne(meetings.status, 'draft')));
  return row?.d ?? null;
}

export const rulesOf = (db: Executor, bodyId: number) =>
  db.select().from(bodyRules).where(eq(bodyRules.bodyId, bodyId)).orderBy(asc(bodyRules.effectiveFrom), asc(bodyRules.id));

/** People of a commune by id (chair, secretary, roster names). */
export async function peopleByIds(db: Executor, communeId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(people).where(and(eq(people.communeId, communeId), inArray(people.id, ids)));
}

export interface MeetingPageData {
  meeting: MeetingRow;
  commune: typeof communes.$inferSelect;
  body: typeof bodies.$inferSelect;
  agenda: AgendaItemRow[];
  files: AttachmentView[];
  guests: GuestRow[];
  series: SeriesRow[];
  memberships: MembershipWithNames[];
  events: AttendanceEventRow[];
  rules: BodyRuleRow[];
  /** The body's regulations in force from some date, with their adopted settings (as regulations repo inForceOf). */
  regulations: { id: number; title: string; effectiveFrom: string | null; basis: string | null; settings: unknown }[];
}

/**
 * Everything the meeting page shows, in one round trip: the meeting (of this commune), its commune and body,
 * agenda, attachments with versions, guests, the series its ordinal counts in, the body's membership history,
 * the attendance events, the body's rules and its regulations in force. Same rows and order as agendaOf, attachmentsOf,
 * guestsOf, seriesOf, membershipsOfBody, eventsOf, rulesOf and regulations' inForceOf. Undefined when the meeting is not in the commune.
 */
export async function meetingPage(database: Pick<Database, 'runNamed'>, communeId: number, meetingId: number): Promise<MeetingPageData | undefined> {
  // json (not jsonb) aggregates: cheaper to build, and the page needs no operators on them.
  const [row] = await database.runNamed('meeting_page', sql`
    with m as (select * from meetings where id = ${meetingId} and commune_id = ${communeId})
    select
      (select row_to_json(m) from m) as meeting,
      (select row_to_json(c) from communes c where c.id = ${communeId}) as commune,
      (select row_to_json(b) from bodies b join m on m.body_id = b.id where b.commune_id = ${communeId}) as body,
      (select json_agg(a order by a.position, a.id) from agenda_items a join m on a.meeting_id = m.id) as agenda,
      (select json_agg(json_build_object('a', a, 'v', v) order by a.id, v.version desc)
         from attachments a join m on a.meeting_id = m.id join attachment_versions v on v.attachment_id = a.id) as files,
      (select json_agg(g order by g.position, g.id) from meeting_guests g join m on g.meeting_id = m.id) as guests,
      (select json_agg(json_build_object('id', s.id, 'date', s.date, 'startTime', s.start_time, 'status', s.status, 'ordinal', s.ordinal))
         from meetings s join m on s.body_id = m.body_id and s.term_id = m.term_id) as series,
      (select json_agg(t order by t.start_date, t.id) from (
         select x.*, p.full_name as person_name, b.name as body_name
         from memberships x join m on x.body_id = m.body_id join people p on p.id = x.person_id
         join bodies b on b.id = x.body_id and b.commune_id = ${communeId}) t) as memberships,
      (select json_agg(e order by e.id) from attendance_events e join m on e.meeting_id = m.id) as events,
      (select json_agg(r order by r.effective_from, r.id) from body_rules r join m on r.body_id = m.body_id) as rules,
      (select json_agg(json_build_object('id', q.id, 'title', q.title, 'effectiveFrom', q.effective_from, 'basis', q.basis, 'settings', v.settings) order by q.effective_from, q.id)
         from regulations q join m on q.body_id = m.body_id
         join regulation_versions v on v.regulation_id = q.id and v.version = q.adopted_version
         where q.status = 'in_force' and q.effective_from is not null) as regulations`);
  if (!row?.meeting || !row.body || !row.commune) return undefined;
  const files = new Map<number, AttachmentView>();
  for (const { a, v } of (row.files ?? []) as { a: Record<string, unknown>; v: Record<string, unknown> }[]) {
    const attachment = rowFromJson(attachments, a);
    const cur = files.get(attachment.id) ?? { attachment, versions: [] };
    cur.versions.push(rowFromJson(attachmentVersions, v));
    files.set(attachment.id, cur);
  }
  return {
    meeting: rowFromJson(meetings, row.meeting),
    commune: rowFromJson(communes, row.commune),
    body: rowFromJson(bodies, row.body),
    agenda: rowsFromJson(agendaItems, row.agenda),
    files: [...files.values()],
    guests: rowsFromJson(meetingGuests, row.guests),
    series: row.series ?? [],
    memberships: ((row.memberships ?? []) as Record<string, unknown>[]).map((o) => ({
      ...rowFromJson(memberships, o), personName: o.person_name as string, bodyName: o.body_name as string,
    })),
    events: rowsFromJson(attendanceEvents, row.events),
    rules: rowsFromJson(bodyRules, row.rules),
    regulations: (row.regulations ?? []) as MeetingPageData['regulations'],
  };
}
