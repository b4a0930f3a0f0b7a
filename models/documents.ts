// Document templates edited by a commune's office: every saved version is kept (nothing overwritten).
import { sql } from 'drizzle-orm';
import { pgTable, serial, integer, text, timestamp, index, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { accounts, communes } from './org.ts';

/** A commune's version of a built-in template (templates/<key>.liquid is version 0, the default). */
export const templateVersions = pgTable('template_versions', {
  id: serial('id').primaryKey(),
  communeId: integer('commune_id').notNull().references(() => communes.id),
  templateKey: text('template_key').notNull(),
  version: integer('version').notNull(),
  source: text('source').notNull(),
  // 'liquid': the template language. 'ejs': a version saved before issue 11 in the former syntax — kept as history
  // and never evaluated (it is converted into a new 'liquid' version where that can be done safely). A row that
  // does not say is 'ejs', so nothing unmarked is ever run.
  syntax: text('syntax', { enum: ['ejs', 'liquid'] }).notNull().default('ejs'),
  note: text('note'),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('template_versions_uq').on(t.communeId, t.templateKey, t.version),
  index('template_versions_key_idx').on(t.communeId, t.templateKey),
  check('template_versions_syntax_ck', sql`${t.syntax} in ('ejs', 'liquid')`),
]);
