// Queries for working regulations and appointments; always filtered by commune.
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import { appointments, bodies, candidates, motions, people, regulations, regulationVersions } from '../../models/schema.ts';
import type { Executor } from '../db/database.ts';

export type RegulationRow = typeof regulations.$inferSelect;
export type RegulationVersionRow = typeof regulationVersions.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;

export const regulationsOfBody = (db: Executor, communeId: number, bodyId: number) =>
  db.select().from(regulations).where(and(eq(regulations.communeId, communeId), eq(regulations.bodyId, bodyId))).orderBy(desc(regulations.id));

export async function findRegulation(db: Executor, communeId: number, id: number): Promise<RegulationRow | undefined> {
  const [row] = await db.select().from(regulations).where(and(eq(regulations.id, id), eq(regulations.communeId, communeId)));
  return row;
}

export async function regulationOfDocument(db: Executor, documentId: number): Promise<RegulationRow | undefined> {
  const [row] = await db.select().from(regulations).where(eq(regulations.documentId, documentId));
  return row;
}

export const versionsOf = (db: Executor, regulationId: number) =>
  db.select().from(regulationVersions).where(eq(regulationVersions.regulationId, regulationId)).orderBy(asc(regulationVersions.version));

export async function versionOf(db: Executor, regulationId: number, version: number): Promise<RegulationVersionRow | undefined> {
  const [row] = await db.select().from(regulationVersions)
    .where(and(eq(regulationVersions.regulationId, regulationId), eq(regulationVersions.version, version)));
  return row;
}

/** Regulations of a body that are in force from some date, each with the settings of its adopted version. */
export async function inForceOf(db: Executor, bodyId: number) {
  return db.select({ id: regulations.id, title: regulations.title, effectiveFrom: regulations.effectiveFrom, basis: regulations.basis, settings: regulationVersions.settings })
    .from(regulations)
    .innerJoin(regulationVersions, and(eq(regulationVersions.regulationId, regulations.id), eq(regulationVersions.version, regulations.adoptedVersion)))
    .where(and(eq(regulations.bodyId, bodyId), eq(regulations.status, 'in_force'), isNotNull(regulations.effectiveFrom)))
    .orderBy(asc(regulations.effectiveFrom), asc(regulations.id));
}

const appointmentColumns = {
  appointment: appointments, personName: people.fullName, bodyName: bodies.name,
};

export const appointmentsOfCommune = (db: Executor, communeId: number) =>
  db.select(appointmentColumns).from(appointments)
    .innerJoin(people, eq(people.id, appointments.personId)).innerJoin(bodies, eq(bodies.id, appointments.bodyId))
    .where(eq(appointments.communeId, communeId)).orderBy(desc(appointments.id));

export async function findAppointment(db: Executor, communeId: number, id: number): Promise<AppointmentRow | undefined> {
  const [row] = await db.select().from(appointments).where(and(eq(appointments.id, id), eq(appointments.communeId, communeId)));
  return row;
}

export async function appointmentOfDocument(db: Executor, documentId: number): Promise<AppointmentRow | undefined> {
  const [row] = await db.select().from(appointments).where(eq(appointments.documentId, documentId));
  return row;
}

/** Elected candidates of closed elections in a commune, with their motion (the source of a nghị quyết bầu). */
export const electedCandidates = (db: Executor, communeId: number) =>
  db.select({ candidate: candidates, motion: motions }).from(candidates)
    .innerJoin(motions, eq(motions.id, candidates.motionId))
    .where(and(eq(motions.communeId, communeId), eq(motions.kind, 'election'), eq(motions.status, 'closed'), eq(candidates.elected, true)))
    .orderBy(desc(motions.id), asc(candidates.position));
