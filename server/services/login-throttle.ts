// Reserves an attempt under all of its throttle keys at once, before any password or code is checked: all keys
// let it through and each counts it, or none does. A key entering its back-off is a lock-out: an audit row in
// the same transaction (for a real account or an address) and a structured log line.
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { THROTTLE_RULES, type ThrottleKey } from '../domain/login-throttle.ts';
import { writeAudit } from '../repositories/audit.ts';
import * as repo from '../repositories/login-throttle.ts';

export type Gate = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Who the attempt is for, for the lock-out's audit row and log line (never a password or a code). */
export interface AttemptContext {
  event: 'password' | 'totp' | 'reauth';
  address: string;
  username?: string;
  account?: { id: number; communeId: number | null } | null;
}

class Refused extends Error {
  constructor(readonly retryAfterSeconds: number) { super('refused'); }
}

const PRUNE_EVERY_MS = 10 * 60 * 1000;

export function createLoginThrottle(database: Database, clock: { now(): Date }, logger: Logger) {
  let lastPrune = 0;

  return {
    async attempt(keys: ThrottleKey[], ctx: AttemptContext): Promise<Gate> {
      const now = clock.now();
      if (now.getTime() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = now.getTime();
        await repo.pruneThrottle(database.db, new Date(now.getTime() - 24 * 3600 * 1000));
      }
      const lockouts: { scope: string; retryAfterSeconds: number }[] = [];
      try {
        await database.transaction(async (tx) => {
          for (const k of keys) {
            const rule = THROTTLE_RULES[k.scope];
            const failures = await repo.reserveAttempt(tx, k.key, rule, now);
            if (failures === null) {
              const next = await repo.nextAllowedAt(tx, k.key);
              throw new Refused(Math.max(1, Math.ceil((next - now.getTime()) / 1000)));
            }
            if (failures === rule.free) {
              const retryAfterSeconds = rule.baseSeconds;
              lockouts.push({ scope: k.scope, retryAfterSeconds });
              // Audited for a real account (its commune admin sees it) and for an address; a made-up name only logs.
              if (ctx.account || k.scope === 'address') {
                await writeAudit(tx, {
                  accountId: null, communeId: k.scope === 'address' ? null : ctx.account?.communeId ?? null,
                  action: 'login.lockout', entity: k.scope === 'address' ? 'address' : 'account',
                  entityId: k.scope === 'address' ? ctx.address : ctx.account!.id,
                  after: { scope: k.scope, step: ctx.event, address: ctx.address, failures, retryAfterSeconds },
                });
              }
            }
          }
        });
      } catch (err) {
        if (!(err instanceof Refused)) throw err;
        logger.warn({ event: 'login.refused', step: ctx.event, address: ctx.address, username: ctx.username,
          accountId: ctx.account?.id, retryAfterSeconds: err.retryAfterSeconds }, 'attempt refused by the log-in throttle');
        return { ok: false, retryAfterSeconds: err.retryAfterSeconds };
      }
      for (const l of lockouts) {
        logger.warn({ event: 'login.lockout', step: ctx.event, scope: l.scope, address: ctx.address, username: ctx.username,
          accountId: ctx.account?.id, retryAfterSeconds: l.retryAfterSeconds }, 'throttle key entered its back-off');
      }
      return { ok: true };
    },

    /** The attempt succeeded: the pair (or second-step) key starts again; shared keys give back this one attempt. */
    async succeeded(keys: ThrottleKey[]): Promise<void> {
      const now = clock.now();
      await database.transaction(async (tx) => {
        for (const k of keys) {
          if (k.scope === 'pair' || k.scope === 'totp' || k.scope === 'password') await repo.clearKey(tx, k.key);
          else await repo.releaseAttempt(tx, k.key, THROTTLE_RULES[k.scope], now);
        }
      });
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
