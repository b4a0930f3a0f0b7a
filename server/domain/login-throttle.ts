// The log-in throttle's policy: which keys an attempt is counted under, and the growing delay after the free
// attempts of each key. The counting itself is one atomic statement per key in the database
// (server/repositories/login-throttle.ts), taken before the password is hashed.
//
// Why these keys (OWASP ASVS 2.2.1, and "Slow down online guessing attacks with device cookies"):
// - `pair` — one account name from one address (or from one browser the account has logged in from before):
//   the tight limit. Keyed by the pair, not by the account alone, so that someone guessing from elsewhere never
//   delays the owner at their own desk.
// - `address` — every name from one address: stops one machine from trying a password on many accounts.
// - `account` — one name from every address, except from the account's own trusted browsers: stops a guesser
//   who spreads attempts over many addresses. It is the only key an attacker elsewhere can push up for a real
//   user, so its delay is capped short, and a browser that has logged in to the account before (a signed device
//   cookie) is not counted under it at all: the owner at a known browser is never kept out by it.
// - `totp` — the second step of an account with two-factor sign-in (only someone who knows the password gets there).
// - `password` — the current password asked again by the change-password and disable-2FA forms of a session.
// Unknown names are counted exactly like real ones, so the answers cannot tell them apart.

export type ThrottleScope = 'pair' | 'address' | 'account' | 'totp' | 'password';

export interface ThrottleRule {
  /** Attempts allowed back to back before any delay. */
  free: number;
  /** Delay after the first failure beyond the free ones; it doubles with each further failure… */
  baseSeconds: number;
  /** …up to this. */
  capSeconds: number;
  /** A key with no attempt for this long starts again from zero. */
  forgetSeconds: number;
}

const DAY = 24 * 3600;

export const THROTTLE_RULES: Record<ThrottleScope, ThrottleRule> = {
  pair: { free: 5, baseSeconds: 30, capSeconds: 3600, forgetSeconds: DAY },
  address: { free: 20, baseSeconds: 60, capSeconds: 3600, forgetSeconds: DAY },
  account: { free: 10, baseSeconds: 30, capSeconds: 15 * 60, forgetSeconds: DAY },
  totp: { free: 5, baseSeconds: 30, capSeconds: 15 * 60, forgetSeconds: DAY },
  password: { free: 5, baseSeconds: 30, capSeconds: 15 * 60, forgetSeconds: DAY },
};

/** Seconds to wait after `failures` counted failures before the next attempt is allowed. */
export function delaySeconds(rule: ThrottleRule, failures: number): number {
  if (failures < rule.free) return 0;
  const doublings = Math.min(failures - rule.free, 30);
  return Math.min(rule.baseSeconds * 2 ** doublings, rule.capSeconds);
}

/** Whether a key with `failures` counted, `nextAt` and `updatedAt` (ms) lets an attempt through at `now`. */
export function allows(rule: ThrottleRule, row: { failures: number; nextAt: number; updatedAt: number } | null, now: number): boolean {
  if (!row || now - row.updatedAt >= rule.forgetSeconds * 1000) return true;
  return row.failures < rule.free || row.nextAt <= now;
}

export interface ThrottleKey { key: string; scope: ThrottleScope }

/** A name as typed, normalised the way accounts are looked up; an overlong one is cut (it matches no account). */
export function normaliseUsername(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase().slice(0, 64);
}

/**
 * The keys one password attempt is counted under, in the fixed order they are locked in (so two attempts never
 * wait on each other's rows in opposite orders). `trustedDevice` is the id of a device cookie that this account
 * issued to this browser at an earlier successful log-in; `null` for any other browser.
 */
export function passwordAttemptKeys(username: string, address: string, trustedDevice: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = trustedDevice
    ? [{ key: `p:${username}|d:${trustedDevice}`, scope: 'pair' }]
    : [
      { key: `a:${username}`, scope: 'account' },
      { key: `ip:${address}`, scope: 'address' },
      { key: `p:${username}|${address}`, scope: 'pair' },
    ];
  return keys.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
