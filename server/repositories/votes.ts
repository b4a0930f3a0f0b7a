// Queries for motions, ballots and candidates. Every read of a motion takes the commune id, so another
// commune's motion is simply not found.
import { and, asc, count, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { attendanceEvents, ballotReceipts, bodies, candidates, meetings, memberships, motions, namedBallots, people, secretBallots, secretTallies } from '../../models/schema.ts';
import type { Database, Executor } from '../db/database.ts';
import { rowFromJson } from './json-rows.ts';
import type { MeetingRow } from './meetings.ts';
import type { BodyRow } from './org.ts';

export type MotionRow = typeof motions.$inferSelect;
export type CandidateRow = typeof candidates.$inferSelect;
export type NamedBallotRow = typeof namedBallots.$inferSelect;

export async function findMotion(db: Executor, communeId: number, id: number): Promise<MotionRow | undefined> {
  const [row] = await db.select().from(motions).where(and(eq(motions.id, id), eq(motions.communeId, communeId)));
  return row;
}

/**
 * Locks the motion for the rest of the transaction. `key share` for a ballot: the very lock the ballot's foreign
 * key takes anyway, taken first so that the open-status check and the insert happen under it; ballots never wait
 * for each other, and closing (`update`) waits for the ballots in flight and then makes every later one see
 * `closed`. `update` for closing.
 */
export async function lockMotion(tx: Executor, communeId: number, id: number, mode: 'key share' | 'update'): Promise<MotionRow | undefined> {
  const [row] = await tx.select().from(motions).where(and(eq(motions.id, id), eq(motions.communeId, communeId))).for(mode);
  return row;
}

/**
 * Writes a change to a motion locked by this transaction and bumps its version (the optimistic lock of the forms);
 * returns the new row. Nothing changes when the row is no longer at the version read: the caller gets undefined.
 */
export async function updateMotion(tx: Executor, v: Pick<MotionRow, 'id' | 'version'>, set: Partial<typeof motions.$inferInsert>): Promise<MotionRow> {
  const [row] = await tx.update(motions).set({ ...set, version: v.version + 1 }).where(and(eq(motions.id, v.id), eq(motions.version, v.version))).returning();
  if (!row) throw new Error(`motion ${v.id} changed under its lock`);
  return row;
}

export const motionsOfMeeting = (db: Executor, meetingId: number) =>
  db.select().from(motions).where(eq(motions.meetingId, meetingId)).orderBy(asc(motions.id));

export const writtenOfBody = (db: Executor, communeId: number, bodyId: number) =>
  db.select().from(motions).where(and(eq(motions.communeId, communeId), eq(motions.bodyId, bodyId), eq(motions.method, 'written'), isNull(motions.meetingId)))
    .orderBy(desc(motions.id));

/**
 * Open written opinions a person has not answered yet, deadline first: of the bodies where they had a vote on the
 * day the form was sent (Vietnam's day of `created_at`).
 */
export const openWrittenToAnswer = (db: Executor, communeId: number, personId: number, now: Date) => {
  const sentOn = sql`((${motions.createdAt} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
  return db.select({ motion: motions, bodyName: bodies.name }).from(motions).innerJoin(bodies, eq(bodies.id, motions.bodyId)).where(and(
    eq(motions.communeId, communeId), eq(motions.method, 'written'), eq(motions.status, 'open'), isNull(motions.meetingId), gt(motions.deadline, now),
    sql`NOT EXISTS (SELECT 1 FROM ${namedBallots} WHERE ${namedBallots.motionId} = ${motions.id} AND ${namedBallots.personId} = ${personId})`,
    sql`EXISTS (SELECT 1 FROM ${memberships} WHERE ${memberships.bodyId} = ${motions.bodyId} AND ${memberships.personId} = ${personId}
      AND ${memberships.votingRight} AND ${memberships.startDate} <= ${sentOn} AND (${memberships.endDate} IS NULL OR ${memberships.endDate} > ${sentOn}))`,
  )).orderBy(asc(motions.deadline), asc(motions.id));
};

/** Written opinions still open past their deadline (closed lazily on the next read or by the sweep). */
export const dueWritten = (db: Executor, now: Date) =>
  db.select().from(motions).where(and(eq(motions.method, 'written'), eq(motions.status, 'open'), lte(motions.deadline, now)));

export const candidatesOf = (db: Executor, motionId: number) =>
  db.select().from(candidates).where(eq(candidates.motionId, motionId)).orderBy(asc(candidates.position), asc(candidates.id));

export const namedBallotsOf = (db: Executor, motionId: number) =>
  db.select({ ballot: namedBallots, name: people.fullName }).from(namedBallots).innerJoin(people, eq(people.id, namedBallots.personId))
    .where(eq(namedBallots.motionId, motionId)).orderBy(asc(namedBallots.id));

/** Per-ballot rows of secret electronic votes cast before the running counts existed (no longer written). */
export const legacySecretBallotsOf = (db: Executor, motionId: number) =>
  db.select({ choice: secretBallots.choice, marks: secretBallots.marks }).from(secretBallots).where(eq(secretBallots.motionId, motionId));

/** Creates the running counts of a secret electronic motion (all keys at 0); keys that exist are kept. */
export async function createSecretTallies(db: Executor, motionId: number, keys: readonly string[]): Promise<void> {
  await db.insert(secretTallies).values(keys.map((key) => ({ motionId, key, count: 0 }))).onConflictDoNothing();
}

/** The running counts of a secret electronic motion, by key. */
export async function secretTalliesOf(db: Executor, motionId: number): Promise<Map<string, number>> {
  const rows = await db.select({ key: secretTallies.key, count: secretTallies.count }).from(secretTallies).where(eq(secretTallies.motionId, motionId));
  return new Map(rows.map((r) => [r.key, r.count]));
}

/** Who cast a ballot (named ballots or secret receipts): each of them was present when they voted. */
export async function voterIdsOf(db: Executor, m: Pick<MotionRow, 'id' | 'method'>): Promise<number[]> {
  const rows = m.method === 'electronic_secret'
    ? await db.select({ personId: ballotReceipts.personId }).from(ballotReceipts).where(eq(ballotReceipts.motionId, m.id))
    : await db.select({ personId: namedBallots.personId }).from(namedBallots).where(eq(namedBallots.motionId, m.id));
  return rows.map((r) => r.personId);
}

/** How many ballots a motion has so far (a count only: for a secret vote, never who). */
export async function ballotCount(db: Executor, m: Pick<MotionRow, 'id' | 'method'>): Promise<number> {
  const table = m.method === 'electronic_secret' ? ballotReceipts : namedBallots;
  const [row] = await db.select({ n: count() }).from(table).where(eq(table.motionId, m.id));
  return Number(row?.n ?? 0);
}

export async function hasVoted(db: Executor, m: Pick<MotionRow, 'id' | 'method'>, personId: number): Promise<boolean> {
  const rows = m.method === 'electronic_secret'
    ? await db.select({ x: ballotReceipts.personId }).from(ballotReceipts).where(and(eq(ballotReceipts.motionId, m.id), eq(ballotReceipts.personId, personId)))
    : await db.select({ x: namedBallots.personId }).from(namedBallots).where(and(eq(namedBallots.motionId, m.id), eq(namedBallots.personId, personId)));
  return rows.length > 0;
}

/** Is the person a voting member of the body on `day`? (membership.ts semantics: end date exclusive) */
export async function isVotingMemberOn(db: Executor, bodyId: number, personId: number, day: string): Promise<boolean> {
  const rows = await db.select({ id: memberships.id }).from(memberships).where(and(
    eq(memberships.bodyId, bodyId), eq(memberships.personId, personId), eq(memberships.votingRight, true), lte(memberships.startDate, day),
    sql`(${memberships.endDate} IS NULL OR ${memberships.endDate} > ${day})`,
  )).limit(1);
  return rows.length > 0;
}

/** The person's latest attendance event in the meeting (their current state). */
export async function latestAttendance(db: Executor, meetingId: number, personId: number) {
  const [row] = await db.select({ status: attendanceEvents.status }).from(attendanceEvents)
    .where(and(eq(attendanceEvents.meetingId, meetingId), eq(attendanceEvents.personId, personId))).orderBy(desc(attendanceEvents.id)).limit(1);
  return row;
}

export interface BallotContext {
  motion: MotionRow;
  meeting: MeetingRow;
  body: BodyRow;
  votingMember: boolean;
  latestStatus: string | null;
  voted: boolean;
}

/**
 * What a member's electronic ballot is checked against, in one round trip (the hot path of a vote): the motion
 * and the meeting of this commune, the meeting's body, whether the person is a voting member of the motion's body
 * on the meeting day (isVotingMemberOn), their latest attendance status (latestAttendance) and whether they have
 * voted (a named ballot or a secret ballot's receipt: hasVoted). Undefined when the motion or meeting is not found.
 */
export async function ballotContext(database: Pick<Database, 'runNamed'>, communeId: number, meetingId: number, motionId: number, personId: number): Promise<BallotContext | undefined> {
  const [row] = await database.runNamed('ballot_context', sql`
    with v as (select * from motions where id = ${motionId} and commune_id = ${communeId}),
         m as (select * from meetings where id = ${meetingId} and commune_id = ${communeId})
    select
      (select row_to_json(v) from v) as motion,
      (select row_to_json(m) from m) as meeting,
      (select row_to_json(b) from bodies b join m on b.id = m.body_id where b.commune_id = ${communeId}) as body,
      exists (select 1 from memberships x, v, m where x.body_id = v.body_id and x.person_id = ${personId} and x.voting_right
              and x.start_date <= m.date and (x.end_date is null or x.end_date > m.date)) as voting_member,
      (select e.status from attendance_events e join m on e.meeting_id = m.id where e.person_id = ${personId} order by e.id desc limit 1) as latest_status,
      (exists (select 1 from named_ballots n where n.motion_id = ${motionId} and n.person_id = ${personId})
        or exists (select 1 from ballot_receipts r where r.motion_id = ${motionId} and r.person_id = ${personId})) as voted`);
  if (!row?.motion || !row.meeting || !row.body) return undefined;
  return {
    motion: rowFromJson(motions, row.motion), meeting: rowFromJson(meetings, row.meeting), body: rowFromJson(bodies, row.body),
    votingMember: row.voting_member === true, latestStatus: row.latest_status ?? null, voted: row.voted === true,
  };
}

/**
 * A member's electronic ballot with its audit row, as ONE statement (atomic without BEGIN/COMMIT: the hot path of
 * a vote). The motion row is locked FOR KEY SHARE — the lock the ballot's foreign key takes anyway, taken first —
 * and must still be open: a close (FOR UPDATE) waits for ballots in flight, and a ballot waiting behind a close
 * re-reads the row and finds it closed, so nothing lands after the count. Named: one named_ballots row.
 * Secret: a receipt (who, no choice) and the motion's running counts (what, no person): the statement locks the
 * motion's 'ballots' tally row first (so ballots of one motion take the tally rows one after another, never in
 * crossing orders), then updates EVERY tally row of the motion — +1 on the ballot's keys, +0 on the others — so all
 * of them carry the same xmin and no row's version tells which key changed; there is no per-ballot row whose order
 * or transaction could be matched with a receipt. A second ballot of the same person fails on the receipt's
 * PRIMARY KEY (the named one on its UNIQUE index) and the whole statement, counts included, is undone.
 * 'closed' when the motion is not open; 'no_tallies' for an open secret motion without its counts (opened before
 * they existed: create them and cast again).
 */
export async function castBallot(database: Pick<Database, 'runNamed'>, b: {
  communeId: number; motionId: number; personId: number; accountId: number; secret: boolean;
  choice: string | null; keys: readonly string[]; audit: unknown;
}): Promise<'cast' | 'closed' | 'no_tallies'> {
  const audit = JSON.stringify(b.audit);
  const rows = b.secret
    ? await database.runNamed('cast_secret_ballot', sql`
        with v as (select id from motions where id = ${b.motionId} and commune_id = ${b.communeId} and status = 'open' for key share),
             g as (select t.motion_id from secret_tallies t join v on t.motion_id = v.id where t.key = 'ballots' for update of t),
             r as (insert into ballot_receipts (motion_id, person_id) select g.motion_id, ${b.personId} from g returning motion_id),
             u as (update secret_tallies t set count = t.count + (case when t.key = any(${`{${b.keys.join(',')}}`}::text[]) then 1 else 0 end)
                   from r where t.motion_id = r.motion_id returning t.key),
             a as (insert into audit_log (account_id, commune_id, action, entity, entity_id, after)
                   select ${b.accountId}, ${b.communeId}, 'ballot.cast', 'motion', r.motion_id::text, ${audit}::jsonb from r returning id)
        select (select count(*) from a)::int as n, (select count(*) from v)::int as open`)
    : await database.runNamed('cast_named_ballot', sql`
        with v as (select id from motions where id = ${b.motionId} and commune_id = ${b.communeId} and status = 'open' for key share),
             n as (insert into named_ballots (motion_id, person_id, choice, source, recorded_by)
                   select v.id, ${b.personId}, ${b.choice}::vote_choice, 'electronic', ${b.accountId} from v returning motion_id),
             a as (insert into audit_log (account_id, commune_id, action, entity, entity_id, after)
                   select ${b.accountId}, ${b.communeId}, 'ballot.cast', 'motion', n.motion_id::text, ${audit}::jsonb from n returning id)
        select count(*)::int as n from a`);
  const row = rows[0];
  if (Number(row?.n) === 1) return 'cast';
  return b.secret && Number(row?.open) === 1 ? 'no_tallies' : 'closed';
}
