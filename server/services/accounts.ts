// Log-in with throttling, and the commune admin's account management.
import { and, eq } from 'drizzle-orm';
import { accountRoles, accounts } from '../../models/schema.ts';
import type { Database } from '../db/database.ts';
import { conflict, forbidden, notFound, validation } from '../domain/errors.ts';
import { can, canSeeCommune, type Principal, type Role } from '../domain/permissions.ts';
import { msg } from '../i18n/vi.ts';
import * as repo from '../repositories/accounts.ts';
import * as orgRepo from '../repositories/org.ts';
import { writeAudit } from '../repositories/audit.ts';
import { Form, type Input } from './form.ts';
import { DEFAULT_COST, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword, type HashCost } from './passwords.ts';

export const ROLES: readonly Role[] = ['commune_admin', 'office_staff', 'secretary', 'signer', 'member'];
const BODY_ROLES: ReadonlySet<Role> = new Set(['secretary', 'signer']);

/** Lock an account for LOCK_MINUTES after MAX_FAILURES wrong passwords in a row. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** Per client address: at most IP_MAX_FAILURES failed log-ins per IP_WINDOW_MS. */
const IP_MAX_FAILURES = 20;
const IP_WINDOW_MS = 15 * 60 * 1000;

export type LoginResult =
  | { ok: true; accountId: number }
  | { ok: false; reason: 'BAD_CREDENTIALS' | 'LOCKED' | 'TOO_MANY_ATTEMPTS'; message: string };

const USERNAME = /^[a-z0-9._-]{3,40}$/;

export function createAccountService(database: Database, opts: { clock: { now(): Date }; hashCost?: HashCost }) {
  const { db } = database;
  const cost = opts.hashCost ?? DEFAULT_COST;
  const ipFailures = new Map<string, number[]>();
  // A fixed hash to verify against when the user does not exist, so timing does not reveal usernames.
  const dummyHash = hashPassword('not-a-real-password', cost);

  function recentIpFailures(ip: string, now: number): number[] {
    const list = (ipFailures.get(ip) ?? []).filter((t) => now - t < IP_WINDOW_MS);
    ipFailures.set(ip, list);
    return list;
  }

  function readRoles(f: Form, bodyIds: number[]) {
    const roles = f.list('roles', ROLES) as Role[];
    const bodyChoices = bodyIds.map(String);
    const secretaryBodies = f.list('secretaryBodies', bodyChoices).map(Number);
    const signerBodies = f.list('signerBodies', bodyChoices).map(Number);
    const rows: { role: Role; bodyId: number | null }[] = [];
    for (const role of roles) {
      if (role === 'secretary') secretaryBodies.forEach((bodyId) => rows.push({ role, bodyId }));
      else if (role === 'signer') signerBodies.forEach((bodyId) => rows.push({ role, bodyId }));
      else rows.push({ role, bodyId: null });
    }
    if (roles.includes('secretary') && secretaryBodies.length === 0) f.fail('secretaryBodies', msg.bodyRoleNeedsBody);
    if (roles.includes('signer') && signerBodies.length === 0) f.fail('signerBodies', msg.bodyRoleNeedsBody);
    return { roles, rows };
  }

  async function requireAdmin(p: Principal, communeId: number) {
    if (!canSeeCommune(p, communeId)) throw notFound();
    if (!can(p, 'account.manage', { communeId })) throw forbidden();
    const commune = await orgRepo.findCommune(db, communeId);
    if (!commune) throw notFound();
    return commune;
  }

  return {
    async login(usernameRaw: string, password: string, ip: string): Promise<LoginResult> {
      const now = opts.clock.now().getTime();
      if (recentIpFailures(ip, now).length >= IP_MAX_FAILURES) return { ok: false, reason: 'TOO_MANY_ATTEMPTS', message: msg.tooManyAttempts };
      const username = usernameRaw.normalize('NFC').trim().toLowerCase();
      const account = USERNAME.test(username) ? await repo.findAccountByUsername(db, username) : undefined;
      if (account?.lockedUntil && account.lockedUntil.getTime() > now) {
        return { ok: false, reason: 'LOCKED', message: msg.loginLocked(Math.ceil((account.lockedUntil.getTime() - now) / 60000)) };
      }
      const good = account ? await verifyPassword(password, account.passwordHash) : (await verifyPassword(password, await dummyHash), false);
      if (account && good && account.active) {
        if (account.failedLogins > 0 || account.lockedUntil) {
          await database.transaction(async (tx) => {
            await tx.update(accounts).set({ failedLogins: 0, lockedUntil: null }).where(eq(accounts.id, account.id));
          });
        }
        return { ok: true, accountId: account.id };
      }
      recentIpFailures(ip, now).push(now);
      if (account) {
        const failures = account.failedLogins + 1;
        const lock = failures >= MAX_FAILURES;
        await database.transaction(async (tx) => {
          await tx.update(accounts).set({ failedLogins: lock ? 0 : failures, lockedUntil: lock ? new Date(now + LOCK_MINUTES * 60000) : null })
            .where(eq(accounts.id, account.id));
          if (lock) {
            await writeAudit(tx, { accountId: account.id, communeId: account.communeId, action: 'account.lock', entity: 'account', entityId: account.id,
              after: { reason: 'too many failed log-ins', minutes: LOCK_MINUTES } });
          }
        });
        if (lock) return { ok: false, reason: 'LOCKED', message: msg.loginLocked(LOCK_MINUTES) };
      }
      return { ok: false, reason: 'BAD_CREDENTIALS', message: msg.loginFailed };
    },

    loadPrincipal: (accountId: number) => repo.loadPrincipal(db, accountId),

    async listAccounts(p: Principal, communeId: number) {
      await requireAdmin(p, communeId);
      const list = await repo.listAccounts(db, communeId);
      const roles = await repo.rolesOfMany(db, list.map((a) => a.id));
      return list.map((a) => ({ ...a, passwordHash: undefined, roles: roles.filter((r) => r.accountId === a.id) }));
    },

    async getAccount(p: Principal, communeId: number, accountId: number) {
      await requireAdmin(p, communeId);
      const account = await repo.findCommuneAccount(db, communeId, accountId);
      if (!account) throw notFound();
      return { ...account, passwordHash: undefined, roles: await repo.rolesOf(db, accountId) };
    },

    async createAccount(p: Principal, communeId: number, input: Input) {
      await requireAdmin(p, communeId);
      const bodyIds = (await orgRepo.listBodies(db, communeId)).map((b) => b.id);
      const personIds = (await orgRepo.listPeople(db, communeId)).map((x) => String(x.id));
      const f = new Form(input);
      const username = f.text('username', { required: true, max: 40, pattern: USERNAME, patternMessage: msg.usernameFormat }).toLowerCase();
      const displayName = f.text('displayName', { required: true, max: 120 });
      const password = typeof input.password === 'string' ? input.password : '';
      if (password.length < MIN_PASSWORD_LENGTH) f.fail('password', msg.passwordShort(MIN_PASSWORD_LENGTH));
      else if (password !== input.passwordConfirm) f.fail('passwordConfirm', msg.passwordMismatch);
      const personRaw = f.choice('personId', personIds, { required: false });
      const { roles, rows } = readRoles(f, bodyIds);
      if (roles.includes('member') && !personRaw) f.fail('personId', msg.memberNeedsPerson);
      f.check();
      const passwordHash = await hashPassword(password, cost);
      return database.transaction(async (tx) => {
        if (await repo.findAccountByUsername(tx, username)) throw validation({ username: msg.usernameTaken });
        const [row] = await tx.insert(accounts).values({
          username, displayName, passwordHash, communeId, personId: personRaw ? Number(personRaw) : null,
        }).returning();
        if (rows.length) await tx.insert(accountRoles).values(rows.map((r) => ({ accountId: row.id, ...r })));
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'account.create', entity: 'account', entityId: row.id,
          after: { username, displayName, personId: row.personId, roles: rows } });
        return row;
      });
    },

    async updateAccount(p: Principal, communeId: number, accountId: number, input: Input) {
      await requireAdmin(p, communeId);
      const current = await repo.findCommuneAccount(db, communeId, accountId);
      if (!current) throw notFound();
      const before = await repo.rolesOf(db, accountId);
      const bodyIds = (await orgRepo.listBodies(db, communeId)).map((b) => b.id);
      const personIds = (await orgRepo.listPeople(db, communeId)).map((x) => String(x.id));
      const f = new Form(input);
      const displayName = f.text('displayName', { required: true, max: 120 });
      const personRaw = f.choice('personId', personIds, { required: false });
      const active = f.bool('active');
      const { roles, rows } = readRoles(f, bodyIds);
      if (roles.includes('member') && !personRaw) f.fail('personId', msg.memberNeedsPerson);
      const version = f.int('version', { required: true, min: 1 }) ?? 0;
      const password = typeof input.password === 'string' ? input.password : '';
      if (password && password.length < MIN_PASSWORD_LENGTH) f.fail('password', msg.passwordShort(MIN_PASSWORD_LENGTH));
      else if (password && password !== input.passwordConfirm) f.fail('passwordConfirm', msg.passwordMismatch);
      if (!active && accountId === p.accountId) f.fail('active', msg.cannotDeactivateSelf);
      f.check();
      const passwordHash = password ? await hashPassword(password, cost) : undefined;
      return database.transaction(async (tx) => {
        const [row] = await tx.update(accounts).set({
          displayName, personId: personRaw ? Number(personRaw) : null, active, version: version + 1,
          ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
        }).where(and(eq(accounts.id, accountId), eq(accounts.communeId, communeId), eq(accounts.version, version))).returning();
        if (!row) throw conflict(msg.staleVersion);
        await tx.delete(accountRoles).where(eq(accountRoles.accountId, accountId));
        if (rows.length) await tx.insert(accountRoles).values(rows.map((r) => ({ accountId, ...r })));
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'account.update', entity: 'account', entityId: accountId,
          before: { displayName: current.displayName, personId: current.personId, active: current.active, roles: before.map((r) => ({ role: r.role, bodyId: r.bodyId })) },
          after: { displayName, personId: row.personId, active, roles: rows, passwordChanged: Boolean(passwordHash) } });
        return row;
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
