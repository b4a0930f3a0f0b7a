// Log-in throttling and two-factor sign-in (TOTP): the tables behind server/services/accounts.ts and
// server/services/account-security.ts.
import { pgTable, serial, integer, text, timestamp, bigint, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './org.ts';
import { bytea } from './issuance.ts';

/**
 * One row per throttle key — `a:<name>` (an account name, existing or not), `p:<name>|<address or device>`,
 * `ip:<address>`, `totp:<account id>`. `failures` counts failed attempts and attempts still in flight (an attempt
 * reserves its slot before the password is hashed); a new attempt is allowed while failures are below the key's
 * free allowance or once `next_at` has passed. Rows untouched for a day are pruned.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  nextAt: timestamp('next_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [index('login_throttle_updated_idx').on(t.updatedAt)]);

/** An account's TOTP secret (RFC 6238), AES-256-GCM-sealed under SIGNING_KEY; confirmed once a code was entered. */
export const accountTotp = pgTable('account_totp', {
  accountId: integer('account_id').primaryKey().references(() => accounts.id),
  secretSealed: bytea('secret_sealed').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The last 30-second step whose code was accepted: a code is never accepted twice. */
  lastStep: bigint('last_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** One-time recovery codes, stored as SHA-256 hashes (each code has 80 random bits). */
export const totpRecoveryCodes = pgTable('totp_recovery_codes', {
  id: serial('id').primaryKey(),
  accountId: integer('account_id').notNull().references(() => accounts.id),
  codeHash: text('code_hash').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
}, (t) => [uniqueIndex('totp_recovery_codes_uq').on(t.accountId, t.codeHash)]);
