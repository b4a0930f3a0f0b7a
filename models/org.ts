// Communes, bodies, terms, people, positions, accounts, roles, the audit log and sessions.
import {
  pgTable, pgEnum, serial, integer, text, varchar, boolean, date, timestamp, jsonb, bigserial, json, index, uniqueIndex,
} from 'drizzle-orm/pg-core';

export const communeKind = pgEnum('commune_kind', ['xã', 'phường', 'đặc khu']);

export const bodyKind = pgEnum('body_kind', [
  'party_committee', 'party_standing_committee', 'party_standing_board',
  'people_council', 'council_standing_board', 'council_committee',
  'people_committee', 'department', 'fatherland_front',
]);

export const membershipRole = pgEnum('membership_role', ['head', 'deputy', 'member']);

export const accountRole = pgEnum('account_role', ['commune_admin', 'office_staff', 'secretary', 'signer', 'member']);

export const communes = pgTable('communes', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  kind: communeKind('kind').notNull(),
  province: text('province').notNull(),
  code: varchar('code', { length: 5 }).notNull(),
  placeName: text('place_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
}, (t) => [uniqueIndex('communes_code_uq').on(t.code)]);

export const bodies = pgTable('bodies', {
  id: serial('id').primaryKey(),
  communeId: integer('commune_id').notNull().references(() => communes.id),
  parentId: integer('parent_id'),
  kind: bodyKind('kind').notNull(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  issuerCode: text('issuer_code'),
  issuerName: text('issuer_name'),
  parentHeader: text('parent_header'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
}, (t) => [index('bodies_commune_idx').on(t.communeId)]);

/** A body's term of office (nhiệm kỳ, khóa). Terms of one body never overlap. */
export const terms = pgTable('terms', {
  id: serial('id').primaryKey(),
  bodyId: integer('body_id').notNull().references(() => bodies.id),
  name: text('name').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }).notNull(),
  /**
   * Seats of the term: deputies to be elected (HĐND, Luật 72/2025/QH15 Điều 49.2 counts filled seats against it) or
   * the committee size set by the congress (Party "total" base). Null while not recorded.
   */
  seats: integer('seats'),
}, (t) => [index('terms_body_idx').on(t.bodyId)]);

export const people = pgTable('people', {
  id: serial('id').primaryKey(),
  communeId: integer('commune_id').notNull().references(() => communes.id),
  fullName: text('full_name').notNull(),
  gender: text('gender').notNull(),
  birthYear: integer('birth_year'),
  ethnicity: text('ethnicity'),
  version: integer('version').notNull().default(1),
}, (t) => [index('people_commune_idx').on(t.communeId)]);

/**
 * A person's seat or post in a body from startDate (inclusive) to endDate (exclusive: the first day
 * no longer held). Rows are never deleted; ending a post sets endDate and endReason once.
 */
export const memberships = pgTable('memberships', {
  id: serial('id').primaryKey(),
  bodyId: integer('body_id').notNull().references(() => bodies.id),
  personId: integer('person_id').notNull().references(() => people.id),
  position: text('position').notNull(),
  role: membershipRole('role').notNull(),
  votingRight: boolean('voting_right').notNull().default(true),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }),
  endReason: text('end_reason'),
  basis: text('basis'),
}, (t) => [index('memberships_body_idx').on(t.bodyId), index('memberships_person_idx').on(t.personId)]);

export const accounts = pgTable('accounts', {
  id: serial('id').primaryKey(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  isSystemAdmin: boolean('is_system_admin').notNull().default(false),
  communeId: integer('commune_id').references(() => communes.id),
  personId: integer('person_id').references(() => people.id),
  active: boolean('active').notNull().default(true),
  /** Raised when the password changes or is reset: a session that logged in under an older value is ended. */
  sessionEpoch: integer('session_epoch').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
}, (t) => [uniqueIndex('accounts_username_uq').on(t.username)]);

/** A role of an account; secretary and signer roles name the body they serve. */
export const accountRoles = pgTable('account_roles', {
  id: serial('id').primaryKey(),
  accountId: integer('account_id').notNull().references(() => accounts.id),
  role: accountRole('role').notNull(),
  bodyId: integer('body_id').references(() => bodies.id),
}, (t) => [index('account_roles_account_idx').on(t.accountId)]);

/** Append-only: a database trigger (migration 0001) refuses UPDATE and DELETE. */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  accountId: integer('account_id'),
  communeId: integer('commune_id'),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  before: jsonb('before'),
  after: jsonb('after'),
}, (t) => [index('audit_commune_idx').on(t.communeId, t.at)]);

/** express-session store (connect-pg-simple's layout; created here because createTableIfMissing fails on PGlite). */
export const sessions = pgTable('session', {
  sid: varchar('sid').primaryKey(),
  sess: json('sess').notNull(),
  expire: timestamp('expire', { precision: 6 }).notNull(),
}, (t) => [index('IDX_session_expire').on(t.expire)]);
