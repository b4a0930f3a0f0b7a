// Log-in (password, then a TOTP code when the account has one), throttled in the database before any hash is
// computed; and the commune admin's account management.
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { accountRoles, accounts } from '../../models/schema.ts';
import type { Database } from '../db/database.ts';
import { conflict, forbidden, notFound, validation } from '../domain/errors.ts';
import { normaliseUsername, passwordAttemptKeys, type ThrottleKey } from '../domain/login-throttle.ts';
import { can, canSeeCommune, type Principal, type Role } from '../domain/permissions.ts';
import { matchTotp, normaliseRecoveryCode } from '../domain/totp.ts';
import { authMsg, msg } from '../i18n/vi.ts';
import * as repo from '../repositories/accounts.ts';
import * as orgRepo from '../repositories/org.ts';
import { writeAudit } from '../repositories/audit.ts';
import { openSecret, type KeyRing } from '../signing/index.ts';
import { Form, type Input } from './form.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { DEFAULT_COST, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword, type HashCost } from './passwords.ts';

export const ROLES: readonly Role[] = ['commune_admin', 'office_staff', 'secretary', 'signer', 'member'];

export type LoginResult =
  | { ok: true; accountId: number; sessionEpoch: number; needsSecondFactor: boolean }
  | { ok: false; reason: 'BAD_CREDENTIALS' | 'THROTTLED'; message: string; retryAfterSeconds?: number };

export type SecondFactorResult =
  | { ok: true; accountId: number; recoveryCodesLeft: number | null }
  | { ok: false; reason: 'BAD_CODE' | 'THROTTLED'; message: string; retryAfterSeconds?: number };

/** A browser this account logged in from before (a signed device cookie, checked by the route). */
export interface TrustedDevice { accountId: number; id: string }

const USERNAME = /^[a-z0-9._-]{3,40}$/;
export const TOTP_KEY_PURPOSE = 'totp-secret';
export const totpContext = (accountId: number) => `totp:account:${accountId}`;
export const hashRecoveryCode = (code: string) => createHash('sha256').update(code).digest('hex');

export interface AccountServiceOptions {
  clock: { now(): Date };
  hashCost?: HashCost;
  logger: Logger;
  keys: KeyRing;
  /** The password check, injectable so a test can count real checks (and hold them in flight). */
  verifyPassword?: (password: string, stored: string) => Promise<boolean>;
}

export function createAccountService(database: Database, opts: AccountServiceOptions) {
  const { db } = database;
  const cost = opts.hashCost ?? DEFAULT_COST;
  const verify = opts.verifyPassword ?? verifyPassword;
  const throttle = createLoginThrottle(database, opts.clock, opts.logger);
  // A hash of the same cost to check against when the name is unknown, so the answer takes as long as for a real one.
  const dummyHash = hashPassword('not-a-real-password', cost);

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

  /** True for a TOTP code of a step after the last one used, or an unused recovery code (then used up, audited). */
  async function checkSecondFactor(accountId: number, codeRaw: string): Promise<{ recovery: boolean } | null> {
    const totp = await repo.totpOf(db, accountId);
    if (!totp?.confirmedAt) return null;
    const code = codeRaw.replace(/\s/g, '');
    if (/^\d{6}$/.test(code)) {
      const secret = openSecret(opts.keys, TOTP_KEY_PURPOSE, totp.secretSealed, totpContext(accountId));
      const step = matchTotp(secret, code, Math.floor(opts.clock.now().getTime() / 1000), totp.lastStep);
      return step !== null && (await repo.takeTotpStep(db, accountId, step)) ? { recovery: false } : null;
    }
    const recovery = normaliseRecoveryCode(codeRaw);
    if (!recovery) return null;
    const account = await repo.findAccount(db, accountId);
    return database.transaction(async (tx) => {
      if (!(await repo.useRecoveryCode(tx, accountId, hashRecoveryCode(recovery), opts.clock.now()))) return null;
      await writeAudit(tx, { accountId, communeId: account?.communeId ?? null, action: 'account.recovery_code_use', entity: 'account', entityId: accountId });
      return { recovery: true };
    });
  }

  async function requireAdmin(p: Principal, communeId: number) {
    if (!canSeeCommune(p, communeId)) throw notFound();
    if (!can(p, 'account.manage', { communeId })) throw forbidden();
    const commune = await orgRepo.findCommune(db, communeId);
    if (!commune) throw notFound();
    return commune;
  }

  return {
    /**
     * The first step. The attempt is counted under its throttle keys before the password is hashed; an unknown name
     * goes through the same keys and the same hash cost, so its answers and timing are a real account's.
     */
    async login(usernameRaw: string, password: string, address: string, device: TrustedDevice | null = null): Promise<LoginResult> {
      const username = normaliseUsername(usernameRaw);
      const account = USERNAME.test(username) ? await repo.findAccountByUsername(db, username) : undefined;
      const trusted = device && account && device.accountId === account.id ? device.id : null;
      const keys = passwordAttemptKeys(username, address, trusted);
      const logName = USERNAME.test(username) ? username : undefined; // never log what may be a password typed as a name
      const gate = await throttle.attempt(keys, { event: 'password', address, username: logName, account });
      if (!gate.ok) return { ok: false, reason: 'THROTTLED', message: authMsg.loginThrottled(gate.retryAfterSeconds), retryAfterSeconds: gate.retryAfterSeconds };
      const good = await verify(password, account ? account.passwordHash : await dummyHash);
      if (account && good && account.active) {
        await throttle.succeeded(keys);
        const totp = await repo.totpOf(db, account.id);
        return { ok: true, accountId: account.id, sessionEpoch: account.sessionEpoch, needsSecondFactor: Boolean(totp?.confirmedAt) };
      }
      opts.logger.warn({ event: 'login.failed', step: 'password', address, username: logName, accountId: account?.id,
        reason: !account ? 'unknown_user' : !account.active ? 'inactive' : 'bad_password', trustedDevice: Boolean(trusted) }, 'log-in failed');
      return { ok: false, reason: 'BAD_CREDENTIALS', message: msg.loginFailed };
    },

    /** The second step: a 6-digit TOTP code (never the same step twice) or an unused recovery code. */
    async verifySecondFactor(accountId: number, codeRaw: string, address: string): Promise<SecondFactorResult> {
      const account = await repo.findAccount(db, accountId);
      const keys: ThrottleKey[] = [{ key: `totp:${accountId}`, scope: 'totp' }];
      const gate = await throttle.attempt(keys, { event: 'totp', address, username: account?.username, account });
      if (!gate.ok) return { ok: false, reason: 'THROTTLED', message: authMsg.codeThrottled(gate.retryAfterSeconds), retryAfterSeconds: gate.retryAfterSeconds };
      const result = account?.active ? await checkSecondFactor(accountId, codeRaw) : null;
      if (result) {
        await throttle.succeeded(keys);
        return { ok: true, accountId, recoveryCodesLeft: result.recovery ? await repo.unusedRecoveryCodes(db, accountId) : null };
      }
      opts.logger.warn({ event: 'login.failed', step: 'totp', address, username: account?.username, accountId }, 'second step failed');
      return { ok: false, reason: 'BAD_CODE', message: authMsg.codeWrong };
    },

    loadPrincipal: (accountId: number) => repo.loadPrincipal(db, accountId),

    /** For the account's own security pages (server/services/account-security.ts). */
    internals: { throttle, checkSecondFactor, verify, cost },

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
      const totp = await repo.totpOf(db, accountId);
      return { ...account, passwordHash: undefined, roles: await repo.rolesOf(db, accountId), totpEnabled: Boolean(totp?.confirmedAt) };
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

    /**
     * A password reset (or deactivation) ends every session of the account — but the admin's own current one,
     * `currentSid`, when admins edit themselves — and bumps its session epoch, so a session saved back by a request
     * in flight is refused too. `resetTotp` removes two-factor sign-in (a lost phone and lost recovery codes).
     */
    async updateAccount(p: Principal, communeId: number, accountId: number, input: Input, currentSid: string | null = null) {
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
      const resetTotp = f.bool('resetTotp');
      f.check();
      const passwordHash = password ? await hashPassword(password, cost) : undefined;
      const endSessions = Boolean(passwordHash) || (current.active && !active) || resetTotp;
      return database.transaction(async (tx) => {
        const [row] = await tx.update(accounts).set({
          displayName, personId: personRaw ? Number(personRaw) : null, active, version: version + 1,
          ...(passwordHash ? { passwordHash } : {}),
          ...(endSessions ? { sessionEpoch: sql`${accounts.sessionEpoch} + 1` } : {}),
        }).where(and(eq(accounts.id, accountId), eq(accounts.communeId, communeId), eq(accounts.version, version))).returning();
        if (!row) throw conflict(msg.staleVersion);
        let sessionsEnded = 0;
        if (endSessions) sessionsEnded = await repo.deleteSessionsOf(tx, accountId, accountId === p.accountId ? currentSid : null);
        if (resetTotp) await repo.removeTotp(tx, accountId);
        await tx.delete(accountRoles).where(eq(accountRoles.accountId, accountId));
        if (rows.length) await tx.insert(accountRoles).values(rows.map((r) => ({ accountId, ...r })));
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'account.update', entity: 'account', entityId: accountId,
          before: { displayName: current.displayName, personId: current.personId, active: current.active, roles: before.map((r) => ({ role: r.role, bodyId: r.bodyId })) },
          after: { displayName, personId: row.personId, active, roles: rows, passwordChanged: Boolean(passwordHash), totpReset: resetTotp, sessionsEnded } });
        return row;
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
