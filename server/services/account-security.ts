// The account's own security pages: change the password, see and end sessions, two-factor sign-in (TOTP).
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Logger } from 'pino';
import { accounts, accountTotp, totpRecoveryCodes } from '../../models/schema.ts';
import type { Database } from '../db/database.ts';
import { notFound, validation } from '../domain/errors.ts';
import type { ThrottleKey } from '../domain/login-throttle.ts';
import type { Principal } from '../domain/permissions.ts';
import { base32Encode, formatRecoveryCode, matchTotp, otpauthUri } from '../domain/totp.ts';
import { describeUserAgent } from '../domain/user-agent.ts';
import { authMsg, msg } from '../i18n/vi.ts';
import * as repo from '../repositories/accounts.ts';
import { writeAudit } from '../repositories/audit.ts';
import { openSecret, sealSecret, type KeyRing } from '../signing/index.ts';
import { hashRecoveryCode, totpContext, TOTP_KEY_PURPOSE, type AccountService } from './accounts.ts';
import { Form, type Input } from './form.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';

export const RECOVERY_CODE_COUNT = 10;
const TOTP_ISSUER = 'Họp xã';

/** What the session remembers about where it was started (shown in the list of sessions; no secret). */
export interface SessionMeta { startedAt: string; seenAt?: string; ip: string; ua: string }

/** An opaque handle for a session in the page: never the session id itself. */
export const sessionHandle = (sid: string) => createHash('sha256').update(sid).digest('hex').slice(0, 20);

/** System and commune admins, who may be required to use two-factor sign-in (REQUIRE_2FA_ADMINS). */
export const isAdmin = (p: Principal) => p.isSystemAdmin || p.roles.some((r) => r.role === 'commune_admin');

export function createAccountSecurityService(database: Database, opts: {
  clock: { now(): Date }; logger: Logger; keys: KeyRing; accounts: AccountService; require2faAdmins: boolean;
}) {
  const { db } = database;
  const { throttle, checkSecondFactor, verify, cost } = opts.accounts.internals;

  async function account(p: Principal) {
    const a = await repo.findAccount(db, p.accountId);
    if (!a || !a.active) throw notFound();
    return a;
  }

  /** The current password, asked again; throttled per account like a log-in. */
  async function checkPassword(p: Principal, password: string, address: string, field: string) {
    const a = await account(p);
    const keys: ThrottleKey[] = [{ key: `pw:${a.id}`, scope: 'password' }];
    const gate = await throttle.attempt(keys, { event: 'reauth', address, username: a.username, account: a });
    if (!gate.ok) throw validation({ [field]: authMsg.passwordThrottled(gate.retryAfterSeconds) });
    if (!(await verify(password, a.passwordHash))) {
      opts.logger.warn({ event: 'reauth.failed', address, accountId: a.id }, 'current password wrong');
      throw validation({ [field]: authMsg.currentPasswordWrong });
    }
    await throttle.succeeded(keys);
    return a;
  }

  const requiredFor = (p: Principal) => opts.require2faAdmins && isAdmin(p);

  return {
    requiredFor,

    async overview(p: Principal) {
      const a = await account(p);
      const totp = await repo.totpOf(db, a.id);
      return {
        username: a.username, displayName: a.displayName, totpEnabled: Boolean(totp?.confirmedAt), totpPending: Boolean(totp && !totp.confirmedAt),
        recoveryCodesLeft: totp?.confirmedAt ? await repo.unusedRecoveryCodes(db, a.id) : 0, totpRequired: requiredFor(p),
      };
    },

    /** Changes the password and ends every other session of the account; returns the new session epoch. */
    async changePassword(p: Principal, currentSid: string, input: Input, address: string) {
      const f = new Form(input);
      const current = typeof input.currentPassword === 'string' ? input.currentPassword : '';
      const password = typeof input.password === 'string' ? input.password : '';
      if (!current) f.fail('currentPassword', msg.required);
      if (password.length < MIN_PASSWORD_LENGTH) f.fail('password', msg.passwordShort(MIN_PASSWORD_LENGTH));
      else if (password !== input.passwordConfirm) f.fail('passwordConfirm', msg.passwordMismatch);
      else if (password === current) f.fail('password', authMsg.passwordSameAsCurrent);
      f.check();
      const a = await checkPassword(p, current, address, 'currentPassword');
      const passwordHash = await hashPassword(password, cost);
      return database.transaction(async (tx) => {
        const [row] = await tx.update(accounts).set({ passwordHash, sessionEpoch: sql`${accounts.sessionEpoch} + 1`, version: sql`${accounts.version} + 1` })
          .where(eq(accounts.id, a.id)).returning({ sessionEpoch: accounts.sessionEpoch });
        const sessionsEnded = await repo.deleteSessionsOf(tx, a.id, currentSid);
        await writeAudit(tx, { accountId: a.id, communeId: a.communeId, action: 'account.password_change', entity: 'account', entityId: a.id,
          after: { sessionsEnded } });
        return { sessionEpoch: row.sessionEpoch, sessionsEnded };
      });
    },

    async listSessions(p: Principal, currentSid: string) {
      const rows = await repo.sessionsOf(db, p.accountId);
      return rows.map((r) => {
        const meta = (r.sess.meta ?? null) as SessionMeta | null;
        return {
          handle: sessionHandle(r.sid), current: r.sid === currentSid, expire: r.expire,
          startedAt: meta?.startedAt ? new Date(meta.startedAt) : null, seenAt: meta?.seenAt ? new Date(meta.seenAt) : null,
          ip: meta?.ip ?? null, ...describeUserAgent(meta?.ua),
        };
      }).sort((a, b) => Number(b.current) - Number(a.current) || (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0));
    },

    /** Ends one session of the user's own, named by its handle; 404 for any other handle. */
    async endSession(p: Principal, currentSid: string, handle: string) {
      const a = await account(p);
      const target = (await repo.sessionsOf(db, a.id)).find((r) => sessionHandle(r.sid) === handle);
      if (!target) throw notFound(authMsg.sessionGone);
      return database.transaction(async (tx) => {
        const ended = await repo.deleteSessionOf(tx, a.id, target.sid);
        if (!ended) throw notFound(authMsg.sessionGone);
        await writeAudit(tx, { accountId: a.id, communeId: a.communeId, action: 'account.session_end', entity: 'account', entityId: a.id,
          after: { session: handle, current: target.sid === currentSid } });
        return { current: target.sid === currentSid };
      });
    },

    async endOtherSessions(p: Principal, currentSid: string) {
      const a = await account(p);
      return database.transaction(async (tx) => {
        const n = await repo.deleteSessionsOf(tx, a.id, currentSid);
        await writeAudit(tx, { accountId: a.id, communeId: a.communeId, action: 'account.sessions_end_others', entity: 'account', entityId: a.id,
          after: { sessionsEnded: n } });
        return n;
      });
    },

    /** Starts enrolment: a new secret (replacing an unconfirmed one), sealed under SIGNING_KEY. */
    async startTotp(p: Principal) {
      const a = await account(p);
      const existing = await repo.totpOf(db, a.id);
      if (existing?.confirmedAt) throw validation({}, authMsg.totpAlreadyOn);
      const sealed = sealSecret(opts.keys, TOTP_KEY_PURPOSE, randomBytes(20), totpContext(a.id));
      await database.transaction(async (tx) => {
        await tx.insert(accountTotp).values({ accountId: a.id, secretSealed: sealed, createdAt: opts.clock.now() })
          .onConflictDoUpdate({ target: accountTotp.accountId, set: { secretSealed: sealed, createdAt: opts.clock.now(), lastStep: null } });
        await writeAudit(tx, { accountId: a.id, communeId: a.communeId, action: 'account.totp_start', entity: 'account', entityId: a.id });
      });
    },

    /** The pending secret for the enrolment page: the QR code (SVG) and the same secret as text. */
    async pendingTotp(p: Principal) {
      const a = await account(p);
      const row = await repo.totpOf(db, a.id);
      if (!row || row.confirmedAt) return null;
      const secret = openSecret(opts.keys, TOTP_KEY_PURPOSE, row.secretSealed, totpContext(a.id));
      const uri = otpauthUri(secret, a.username, TOTP_ISSUER);
      const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { secretText: base32Encode(secret).match(/.{1,4}/g)!.join(' '), qrSvg, issuer: TOTP_ISSUER, username: a.username };
    },

    /** Confirms enrolment with a code from the app; returns the recovery codes, shown once and stored hashed. */
    async confirmTotp(p: Principal, input: Input) {
      const a = await account(p);
      const code = typeof input.code === 'string' ? input.code.replace(/\s/g, '') : '';
      if (!/^\d{6}$/.test(code)) throw validation({ code: authMsg.codeRequired });
      const row = await repo.totpOf(db, a.id);
      if (!row) throw validation({ code: authMsg.totpEnrolExpired });
      if (row.confirmedAt) throw validation({}, authMsg.totpAlreadyOn);
      const secret = openSecret(opts.keys, TOTP_KEY_PURPOSE, row.secretSealed, totpContext(a.id));
      const step = matchTotp(secret, code, Math.floor(opts.clock.now().getTime() / 1000), row.lastStep);
      if (step === null) throw validation({ code: authMsg.codeWrong });
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => base32Encode(randomBytes(10)).toLowerCase());
      await database.transaction(async (tx) => {
        const done = await tx.update(accountTotp).set({ confirmedAt: opts.clock.now(), lastStep: step })
          .where(sql`${accountTotp.accountId} = ${a.id} AND ${accountTotp.confirmedAt} IS NULL`).returning({ id: accountTotp.accountId });
        if (!done.length) throw validation({}, authMsg.totpAlreadyOn);
        await tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.accountId, a.id));
        await tx.insert(totpRecoveryCodes).values(codes.map((c) => ({ accountId: a.id, codeHash: hashRecoveryCode(c) })));
        await writeAudit(tx, { accountId: a.id, communeId: a.communeId, action: 'account.totp_enable', entity: 'account', entityId: a.id,
          after: { recoveryCodes: codes.length } });
      });
      return codes.map(formatRecoveryCode);
    },

    /** Turns two-factor sign-in off with the password and a code (or a recovery code); refused when required. */
    async disableTotp(p: Principal, input: Input, address: string) {
      const f = new Form(input);
      const password = typeof input.password === 'string' ? input.password : '';
      const code = typeof input.code === 'string' ? input.code.trim() : '';
      if (!password) f.fail('password', msg.required);
      if (!code) f.fail('code', authMsg.codeRequired);
      f.check();
      if (requiredFor(p)) throw validation({}, authMsg.totpRequiredCannotDisable);
      const a = await checkPassword(p, password, address, 'password');
      const keys: ThrottleKey[] = [{ key: `totp:${a.id}`, scope: 'totp' }];
      const gate = await throttle.attempt(keys, { event: 'totp', address, username: a.username, account: a });
      if (!gate.ok) throw validation({ code: authMsg.codeThrottled(gate.retryAfterSeconds) });
      if (!(await checkSecondFactor(a.id, code))) {
        opts.logger.warn({ event: 'totp.failed', step: 'disable', address, accountId: a.id }, 'code wrong when disabling two-factor sign-in');
        throw validation({ code: authMsg.codeWrong });
      }
      await throttle.succeeded(keys);
      await database.transaction(async (tx) => {
        await repo.removeTotp(tx, a.id);
        await writeAudit(tx, { accountId: a.id, communeId: a.communeId, action: 'account.totp_disable', entity: 'account', entityId: a.id });
      });
    },
  };
}

export type AccountSecurityService = ReturnType<typeof createAccountSecurityService>;
