// Working regulations (Quy chế làm việc) of a body, versioned, adopted by an issued document and in force from
// a date; and appointments (bầu, bổ nhiệm, chỉ định) whose issued document changes who holds which post.
import { pgTable, pgEnum, serial, integer, text, boolean, date, timestamp, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts, bodies, communes, memberships, people } from './org.ts';
import { officialDocuments } from './issuance.ts';
import { candidates, motions } from './votes.ts';

/** draft: being written; adopting: frozen, its adopting document is in the workflow; in_force: issued. */
export const regulationStatus = pgEnum('regulation_status', ['draft', 'adopting', 'in_force']);

export const regulations = pgTable('regulations', {
  id: serial('id').primaryKey(),
  communeId: integer('commune_id').notNull().references(() => communes.id),
  bodyId: integer('body_id').notNull().references(() => bodies.id),
  title: text('title').notNull(),
  status: regulationStatus('status').notNull().default('draft'),
  currentVersion: integer('current_version').notNull().default(1),
  /** The version the adopting document carries as its annex. */
  adoptedVersion: integer('adopted_version'),
  documentId: integer('document_id').references(() => officialDocuments.id),
  effectiveFrom: date('effective_from', { mode: 'string' }),
  /** The adopting document's number, once issued ("15/QĐ-UBND"). */
  basis: text('basis'),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1), // optimistic lock of the row
}, (t) => [index('regulations_body_idx').on(t.bodyId, t.effectiveFrom), uniqueIndex('regulations_document_uq').on(t.documentId)]);

/**
 * Every saved text of a regulation (Chương / Điều / Khoản / Điểm, one line each) with its procedural settings
 * (RegulationSettings in server/domain/regulations.ts) — a new row per save, nothing overwritten.
 */
export const regulationVersions = pgTable('regulation_versions', {
  id: serial('id').primaryKey(),
  regulationId: integer('regulation_id').notNull().references(() => regulations.id),
  version: integer('version').notNull(),
  text: text('text').notNull(),
  settings: jsonb('settings').notNull(),
  note: text('note'),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('regulation_versions_uq').on(t.regulationId, t.version)]);

export const appointmentSource = pgEnum('appointment_source', ['election', 'appointment', 'designation']);
/**
 * draft: its document is in the workflow; awaiting_approval: issued, waiting for the province (Luật 72/2025 Điều 36);
 * applied: the memberships changed; cancelled.
 */
export const appointmentStatus = pgEnum('appointment_status', ['draft', 'awaiting_approval', 'applied', 'cancelled']);

export const appointments = pgTable('appointments', {
  id: serial('id').primaryKey(),
  communeId: integer('commune_id').notNull().references(() => communes.id),
  /** The body that issues the document (HĐND for an election, UBND for bổ nhiệm, a Party body for chỉ định). */
  issuerBodyId: integer('issuer_body_id').notNull().references(() => bodies.id),
  /** The body in which the post is held. */
  bodyId: integer('body_id').notNull().references(() => bodies.id),
  personId: integer('person_id').notNull().references(() => people.id),
  position: text('position').notNull(),
  role: text('role').notNull(), // head | deputy | member
  votingRight: boolean('voting_right').notNull().default(true),
  /** Stated when the document is prepared: the one who holds the body's head post on the effective date leaves it then. */
  replacesIncumbent: boolean('replaces_incumbent').notNull().default(false),
  source: appointmentSource('source').notNull(),
  motionId: integer('motion_id').references(() => motions.id),
  candidateId: integer('candidate_id').references(() => candidates.id),
  documentId: integer('document_id').notNull().references(() => officialDocuments.id),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  status: appointmentStatus('status').notNull().default('draft'),
  needsApproval: boolean('needs_approval').notNull().default(false),
  approvalBasis: text('approval_basis'),
  approvedOn: date('approved_on', { mode: 'string' }),
  membershipId: integer('membership_id').references(() => memberships.id),
  endedMembershipIds: jsonb('ended_membership_ids'),
  basis: text('basis'),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
}, (t) => [
  index('appointments_commune_idx').on(t.communeId, t.status),
  index('appointments_body_idx').on(t.bodyId),
  uniqueIndex('appointments_document_uq').on(t.documentId),
]);
