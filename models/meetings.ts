// Meetings of a body: the meeting, its agenda and attachments (every upload kept), guests, the append-only
// attendance events (the roster state and "who was present at time T" are derived from them) and the body's
// effective-dated procedural rules (opening quorum).
import {
  pgTable, pgEnum, serial, integer, text, boolean, date, timestamp, bigserial, bigint, index, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts, bodies, communes, people, terms } from './org.ts';

export const meetingKind = pgEnum('meeting_kind', ['first', 'regular', 'thematic', 'extraordinary']);
export const meetingStatus = pgEnum('meeting_status', ['draft', 'convened', 'in_session', 'closed']);
export const agendaKind = pgEnum('agenda_kind', ['report', 'proposal', 'draft_resolution', 'election', 'personnel', 'other']);
export const attendanceStatus = pgEnum('attendance_status', ['present', 'late', 'left', 'absent_excused', 'absent_unexcused']);
export const quorumComparison = pgEnum('quorum_comparison', ['at_least', 'more_than']);
export const quorumBase = pgEnum('quorum_base', ['total', 'in_office']);

/** A meeting (kỳ họp, phiên họp, hội nghị). Its ordinal in the term is computed, never typed; fixed on convening. */
export const meetings = pgTable('meetings', {
  id: serial('id').primaryKey(),
  communeId: integer('commune_id').notNull().references(() => communes.id),
  bodyId: integer('body_id').notNull().references(() => bodies.id),
  termId: integer('term_id').notNull().references(() => terms.id),
  kind: meetingKind('kind').notNull(),
  subject: text('subject'),
  date: date('date', { mode: 'string' }).notNull(),
  startTime: text('start_time').notNull(), // 'HH:MM', Vietnam time
  days: integer('days').notNull().default(1),
  place: text('place').notNull(),
  chairPersonId: integer('chair_person_id').notNull().references(() => people.id),
  secretaryPersonId: integer('secretary_person_id').references(() => people.id),
  closedSession: boolean('closed_session').notNull().default(false),
  status: meetingStatus('status').notNull().default('draft'),
  /** The ordinal in its series, fixed when the meeting is convened (its notice carries it); null on a draft. */
  ordinal: integer('ordinal'),
  /** Optimistic lock of the meeting's details and its agenda. */
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  convenedAt: timestamp('convened_at', { withTimezone: true }),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
}, (t) => [
  index('meetings_commune_date_idx').on(t.communeId, t.date),
  index('meetings_body_term_idx').on(t.bodyId, t.termId, t.date),
]);

export const agendaItems = pgTable('agenda_items', {
  id: serial('id').primaryKey(),
  meetingId: integer('meeting_id').notNull().references(() => meetings.id),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  kind: agendaKind('kind').notNull(),
  presenter: text('presenter'),
  durationMinutes: integer('duration_minutes'),
}, (t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.position)]);

/** A paper of an agenda item; its files are the versions (a new upload never replaces an old one). */
export const attachments = pgTable('attachments', {
  id: serial('id').primaryKey(),
  meetingId: integer('meeting_id').notNull().references(() => meetings.id),
  agendaItemId: integer('agenda_item_id').notNull().references(() => agendaItems.id),
  title: text('title').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('attachments_item_idx').on(t.agendaItemId), index('attachments_meeting_idx').on(t.meetingId)]);

export const attachmentVersions = pgTable('attachment_versions', {
  id: serial('id').primaryKey(),
  attachmentId: integer('attachment_id').notNull().references(() => attachments.id),
  version: integer('version').notNull(),
  originalName: text('original_name').notNull(), // sanitised, for Content-Disposition only
  storedName: text('stored_name').notNull(), // random hex; the file's name in the upload folder
  fileType: text('file_type').notNull(), // pdf | docx | xlsx | png | jpeg — from the content
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  uploadedBy: integer('uploaded_by').references(() => accounts.id),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('attachment_versions_uq').on(t.attachmentId, t.version)]);

/** Invited guests (khách mời): listed on the invitation and the minutes, never counted for quorum. */
export const meetingGuests = pgTable('meeting_guests', {
  id: serial('id').primaryKey(),
  meetingId: integer('meeting_id').notNull().references(() => meetings.id),
  name: text('name').notNull(),
  role: text('role'),
  position: integer('position').notNull().default(0),
}, (t) => [index('meeting_guests_meeting_idx').on(t.meetingId)]);

/** Append-only check-in events; a person's latest event is their state. */
export const attendanceEvents = pgTable('attendance_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  meetingId: integer('meeting_id').notNull().references(() => meetings.id),
  personId: integer('person_id').notNull().references(() => people.id),
  status: attendanceStatus('status').notNull(),
  /** When it happened in the room (arrival, leaving); for absences the time it was recorded. */
  at: timestamp('at', { withTimezone: true }).notNull(),
  reason: text('reason'),
  selfCheckIn: boolean('self_check_in').notNull().default(false),
  recordedBy: integer('recorded_by').references(() => accounts.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  /** The person's previous event id this one follows (0 for the first): the optimistic lock of a row. */
  previousId: bigint('previous_id', { mode: 'number' }).notNull().default(0),
}, (t) => [
  index('attendance_meeting_idx').on(t.meetingId, t.personId, t.id),
  // Two secretaries acting on the same state of one person: only the first event can follow it.
  uniqueIndex('attendance_follow_uq').on(t.meetingId, t.personId, t.previousId),
]);

/** A body's procedural settings from a date (Quy chế làm việc); the latest effectiveFrom ≤ meeting date applies. */
export const bodyRules = pgTable('body_rules', {
  id: serial('id').primaryKey(),
  bodyId: integer('body_id').notNull().references(() => bodies.id),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  quorumNumerator: integer('quorum_numerator').notNull(),
  quorumDenominator: integer('quorum_denominator').notNull(),
  quorumComparison: quorumComparison('quorum_comparison').notNull(),
  quorumBase: quorumBase('quorum_base').notNull(),
  basis: text('basis').notNull(),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('body_rules_body_idx').on(t.bodyId, t.effectiveFrom)]);
