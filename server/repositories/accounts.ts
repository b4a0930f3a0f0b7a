// Queries for accounts and their roles.
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { accountRoles, accounts, accountTotp, sessions, totpRecoveryCodes } from '../../models/schema.ts';
import type { Executor } from '../db/database.ts';
import type { Principal, Role } from '../domain/permissions.ts';

export type AccountRow = typeof accounts.$inferSelect;
export type AccountRoleRow = typeof accountRoles.$inferSelect;

export async function findAccountByUsername(db: Executor, username: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.username, username));
  return row;
}

export async function findAccount(db: Executor, id: number): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export const rolesOf = (db: Executor, accountId: number) =>
  db.select().from(accountRoles).where(eq(accountRoles.accountId, accountId)).orderBy(asc(accountRoles.id));

export async function rolesOfMany(db: Executor, accountIds: number[]): Promise<AccountRoleRow[]> {
  if (accountIds.length === 0) return [];
  return db.select().from(accountRoles).where(inArray(accountRoles.accountId, accountIds)).orderBy(asc(accountRoles.id));
}

export const listAccounts = (db: Executor, communeId: number) =>
  db.select().from(accounts).where(eq(accounts.communeId, communeId)).orderBy(asc(accounts.username));

export async function findCommuneAccount(db: Executor, communeId: number, id: number): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(and(eq(accounts.id, id), eq(accounts.communeId, communeId)));
  return row;
}

/**
 * The logged-in account with its roles, its session epoch and whether two-factor sign-in is on, in one round trip.
 * Runs on every request: built once per handle and prepared (a named statement on PostgreSQL).
 */
const principalQueries = new WeakMap<Executor, ReturnType<typeof buildPrincipalQuery>>();
const buildPrincipalQuery = (db: Executor) => db.select({
  id: accounts.id, username: accounts.username, displayName: accounts.displayName, isSystemAdmin: accounts.isSystemAdmin,
  communeId: accounts.communeId, personId: accounts.personId, active: accounts.active, role: accountRoles.role, bodyId: accountRoles.bodyId,
  sessionEpoch: accounts.sessionEpoch, totpConfirmedAt: accountTotp.confirmedAt,
}).from(accounts).leftJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
  .leftJoin(accountTotp, eq(accountTotp.accountId, accounts.id))
  .where(eq(accounts.id, sql.placeholder('accountId'))).orderBy(asc(accountRoles.id)).prepare('load_principal_v2');
function principalQuery(db: Executor) {
  let q = principalQueries.get(db);
  if (!q) principalQueries.set(db, (q = buildPrincipalQuery(db)));
  return q;
}

export type LoadedPrincipal = Principal & { displayName: string; username: string; sessionEpoch: number; totpEnabled: boolean };

export async function loadPrincipal(db: Executor, accountId: number): Promise<LoadedPrincipal | null> {
  const rows = await principalQuery(db).execute({ accountId });
  const account = rows[0];
  if (!account || !account.active) return null;
  return {
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    isSystemAdmin: account.isSystemAdmin,
    communeId: account.communeId,
    personId: account.personId,
    roles: rows.filter((r) => r.role !== null).map((r) => ({ role: r.role as Role, bodyId: r.bodyId })),
    sessionEpoch: account.sessionEpoch,
    totpEnabled: account.totpConfirmedAt !== null,
  };
}

// ── Two-factor sign-in ─────────────────────────────────────────────────────────────────────────────────────────

export type TotpRow = typeof accountTotp.$inferSelect;

export async function totpOf(db: Executor, accountId: number): Promise<TotpRow | undefined> {
  const [row] = await db.select().from(accountTotp).where(eq(accountTotp.accountId, accountId));
  return row;
}

/** Takes the step for this account unless it or a later one was taken: one statement, so a code is used once. */
export async function takeTotpStep(db: Executor, accountId: number, step: number): Promise<boolean> {
  const rows = await db.update(accountTotp).set({ lastStep: step })
    .where(and(eq(accountTotp.accountId, accountId), sql`(${accountTotp.lastStep} IS NULL OR ${accountTotp.lastStep} < ${step})`))
    .returning({ accountId: accountTotp.accountId });
  return rows.length === 1;
}

/** Marks an unused recovery code used; false when there is none (wrong, or already used). */
export async function useRecoveryCode(db: Executor, accountId: number, codeHash: string, now: Date): Promise<boolean> {
  const rows = await db.update(totpRecoveryCodes).set({ usedAt: now })
    .where(and(eq(totpRecoveryCodes.accountId, accountId), eq(totpRecoveryCodes.codeHash, codeHash), isNull(totpRecoveryCodes.usedAt)))
    .returning({ id: totpRecoveryCodes.id });
  return rows.length === 1;
}

export async function unusedRecoveryCodes(db: Executor, accountId: number): Promise<number> {
  const rows = await db.select({ id: totpRecoveryCodes.id }).from(totpRecoveryCodes)
    .where(and(eq(totpRecoveryCodes.accountId, accountId), isNull(totpRecoveryCodes.usedAt)));
  return rows.length;
}

export async function removeTotp(db: Executor, accountId: number): Promise<void> {
  await db.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.accountId, accountId));
  await db.delete(accountTotp).where(eq(accountTotp.accountId, accountId));
}

// ── Sessions (connect-pg-simple's table; passport keeps the account id in sess.passport.user) ───────────────

export interface SessionRow { sid: string; sess: Record<string, any>; expire: Date }

const ownedBy = (accountId: number) => sql`(${sessions.sess}->'passport'->>'user') = ${String(accountId)}`;

/** Live sessions of the account (expiry is the store's own, in real time: compared with the database's now()). */
export async function sessionsOf(db: Executor, accountId: number): Promise<SessionRow[]> {
  const rows = await db.select().from(sessions).where(and(ownedBy(accountId), sql`${sessions.expire} > now()`));
  return rows.map((r) => ({ sid: r.sid, sess: (typeof r.sess === 'string' ? JSON.parse(r.sess) : r.sess) as Record<string, any>, expire: r.expire }));
}

/** Ends every session of the account except `keepSid` (null: all of them); returns how many ended. */
export async function deleteSessionsOf(db: Executor, accountId: number, keepSid: string | null): Promise<number> {
  const rows = await db.delete(sessions).where(keepSid ? and(ownedBy(accountId), ne(sessions.sid, keepSid)) : ownedBy(accountId))
    .returning({ sid: sessions.sid });
  return rows.length;
}

export async function deleteSessionOf(db: Executor, accountId: number, sid: string): Promise<boolean> {
  const rows = await db.delete(sessions).where(and(ownedBy(accountId), eq(sessions.sid, sid))).returning({ sid: sessions.sid });
  return rows.length === 1;
}
