// Queries for communes, bodies, terms, people and memberships. Every read of a commune's records takes
// the commune id, so a record of another commune is simply not found.
import { and, asc, eq, inArray, isNull, lte, or, gt } from 'drizzle-orm';
import { bodies, communes, memberships, people, terms } from '../../models/schema.ts';
import type { Executor } from '../db/database.ts';

export type CommuneRow = typeof communes.$inferSelect;
export type BodyRow = typeof bodies.$inferSelect;
export type TermRow = typeof terms.$inferSelect;
export type PersonRow = typeof people.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

export const listCommunes = (db: Executor) => db.select().from(communes).orderBy(asc(communes.province), asc(communes.name));

export async function findCommune(db: Executor, id: number): Promise<CommuneRow | undefined> {
  const [row] = await db.select().from(communes).where(eq(communes.id, id));
  return row;
}

export async function findCommuneByCode(db: Executor, code: string): Promise<CommuneRow | undefined> {
  const [row] = await db.select().from(communes).where(eq(communes.code, code));
  return row;
}

export const listBodies = (db: Executor, communeId: number) =>
  db.select().from(bodies).where(eq(bodies.communeId, communeId)).orderBy(asc(bodies.id));

export async function findBody(db: Executor, communeId: number, id: number): Promise<BodyRow | undefined> {
  const [row] = await db.select().from(bodies).where(and(eq(bodies.id, id), eq(bodies.communeId, communeId)));
  return row;
}

export const listTerms = (db: Executor, bodyId: number) =>
  db.select().from(terms).where(eq(terms.bodyId, bodyId)).orderBy(asc(terms.startDate));

export async function termsOfBodies(db: Executor, bodyIds: number[]): Promise<TermRow[]> {
  if (bodyIds.length === 0) return [];
  return db.select().from(terms).where(inArray(terms.bodyId, bodyIds)).orderBy(asc(terms.startDate));
}

export const listPeople = (db: Executor, communeId: number) =>
  db.select().from(people).where(eq(people.communeId, communeId)).orderBy(asc(people.fullName));

export async function findPerson(db: Executor, communeId: number, id: number): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(and(eq(people.id, id), eq(people.communeId, communeId)));
  return row;
}

export interface MembershipWithNames extends MembershipRow {
  personName: string;
  bodyName: string;
}

const membershipColumns = {
  id: memberships.id, bodyId: memberships.bodyId, personId: memberships.personId, position: memberships.position,
  role: memberships.role, votingRight: memberships.votingRight, startDate: memberships.startDate, endDate: memberships.endDate,
  endReason: memberships.endReason, basis: memberships.basis, personName: people.fullName, bodyName: bodies.name,
};

/** All posts ever held in a body, with names; the caller derives the membership on a date from them. */
export const membershipsOfBody = (db: Executor, communeId: number, bodyId: number): Promise<MembershipWithNames[]> =>
  db.select(membershipColumns).from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .where(and(eq(memberships.bodyId, bodyId), eq(bodies.communeId, communeId)))
    .orderBy(asc(memberships.startDate), asc(memberships.id));

export const membershipsOfPerson = (db: Executor, communeId: number, personId: number): Promise<MembershipWithNames[]> =>
  db.select(membershipColumns).from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .where(and(eq(memberships.personId, personId), eq(bodies.communeId, communeId)))
    .orderBy(asc(memberships.startDate), asc(memberships.id));

/** Posts held on `day` by a person (for the member's home page). */
export const activeMembershipsOfPerson = (db: Executor, personId: number, day: string): Promise<MembershipWithNames[]> =>
  db.select(membershipColumns).from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .where(and(eq(memberships.personId, personId), lte(memberships.startDate, day),
      or(isNull(memberships.endDate), gt(memberships.endDate, day))))
    .orderBy(asc(bodies.id));

export async function findMembership(db: Executor, communeId: number, id: number): Promise<MembershipWithNames | undefined> {
  const [row] = await db.select(membershipColumns).from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .where(and(eq(memberships.id, id), eq(bodies.communeId, communeId)));
  return row;
}
