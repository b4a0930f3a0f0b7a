// Queries for accounts and their roles.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { accountRoles, accounts } from '../../models/schema.ts';
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

/** The logged-in account with its roles, in one round trip (it runs on every request). */
/** Runs on every request: built once per handle and prepared (a named statement on PostgreSQL). */
const principalQueries = new WeakMap<Executor, ReturnType<typeof buildPrincipalQuery>>();
const buildPrincipalQuery = (db: Executor) => db.select({
  id: accounts.id, username: accounts.username, displayName: accounts.displayName, isSystemAdmin: accounts.isSystemAdmin,
  communeId: accounts.communeId, personId: accounts.personId, active: accounts.active, role: accountRoles.role, bodyId: accountRoles.bodyId,
}).from(accounts).leftJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
  .where(eq(accounts.id, sql.placeholder('accountId'))).orderBy(asc(accountRoles.id)).prepare('load_principal');
function principalQuery(db: Executor) {
  let q = principalQueries.get(db);
  if (!q) principalQueries.set(db, (q = buildPrincipalQuery(db)));
  return q;
}

export async function loadPrincipal(db: Executor, accountId: number): Promise<(Principal & { displayName: string; username: string }) | null> {
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
  };
}
