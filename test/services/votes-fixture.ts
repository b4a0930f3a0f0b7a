// A meeting in session for vote tests: a body of the demo commune on a day, with chosen members present,
// and member accounts (password DEMO_PASSWORD) for the people who vote from their phones.
import { and, eq } from 'drizzle-orm';
import { accountRoles, accounts, agendaItems, attendanceEvents, bodies, memberships, meetings, people, terms } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { votingMembersOn } from '../../server/domain/membership.ts';
import { hashPassword } from '../../server/services/passwords.ts';
import { DEMO_PASSWORD } from '../../server/seed/demo-data.ts';
import { TEST_HASH_COST } from '../support/db.ts';

export interface VoteFixture {
  communeId: number;
  bodyId: number;
  meetingId: number;
  agendaItemId: number;
  members: { personId: number; name: string }[];
  present: number[];
}

let hash: string | null = null;

export async function meetingInSession(database: Database, communeId: number, shortName: string, day: string, presentCount: number | 'all'): Promise<VoteFixture> {
  const db = database.db;
  const [body] = await db.select().from(bodies).where(and(eq(bodies.communeId, communeId), eq(bodies.shortName, shortName)));
  const [term] = await db.select().from(terms).where(eq(terms.bodyId, body!.id));
  const history = await db.select({ m: memberships, name: people.fullName }).from(memberships).innerJoin(people, eq(people.id, memberships.personId)).where(eq(memberships.bodyId, body!.id));
  const voting = votingMembersOn(history.map((h) => ({ ...h.m, name: h.name })), day);
  const members = voting.map((x) => ({ personId: x.personId, name: x.name })).sort((a, b) => a.personId - b.personId);
  const head = history.find((h) => h.m.role === 'head')!;
  const [m] = await db.insert(meetings).values({
    communeId, bodyId: body!.id, termId: term!.id, kind: 'extraordinary', date: day, startTime: '08:00', place: 'Hội trường xã', chairPersonId: head.m.personId,
    status: 'in_session', openedAt: new Date(`${day}T01:00:00Z`),
  }).returning();
  const [item] = await db.insert(agendaItems).values({ meetingId: m!.id, position: 1, title: 'Dự thảo nghị quyết', kind: 'draft_resolution' }).returning();
  const n = presentCount === 'all' ? members.length : presentCount;
  // The head of the body is always among those present (the UBND tie rule needs the Chairman).
  const ordered = [members.find((x) => x.personId === head.m.personId)!, ...members.filter((x) => x.personId !== head.m.personId)];
  const present = ordered.slice(0, n).map((x) => x.personId);
  if (present.length) {
    await db.insert(attendanceEvents).values(present.map((personId) => ({ meetingId: m!.id, personId, status: 'present' as const, at: new Date(`${day}T00:50:00Z`) })));
  }
  return { communeId, bodyId: body!.id, meetingId: m!.id, agendaItemId: item!.id, members, present };
}

/** A member account for a person (created once per person). */
export async function memberAccount(database: Database, communeId: number, personId: number): Promise<string> {
  const username = `tv${personId}`;
  const [existing] = await database.db.select().from(accounts).where(eq(accounts.username, username));
  if (existing) return username;
  hash ??= await hashPassword(DEMO_PASSWORD, TEST_HASH_COST);
  const [a] = await database.db.insert(accounts).values({ username, displayName: `Thành viên ${personId}`, passwordHash: hash, communeId, personId }).returning();
  await database.db.insert(accountRoles).values({ accountId: a!.id, role: 'member', bodyId: null });
  return username;
}
