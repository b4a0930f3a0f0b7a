// The device cookie (OWASP "Slow down online guessing attacks with device cookies"): after a successful log-in the
// browser gets a signed cookie naming the account and a random device id. A later attempt on that account from
// that browser is throttled under its own key only, so an attacker elsewhere who pushes up the account's shared
// counter never keeps the owner out of a browser they have used before. It grants nothing by itself: the password
// (and the second factor) are still checked.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { TrustedDevice } from '../services/accounts.ts';

export const DEVICE_COOKIE = 'hop.dev';
const MAX_AGE_MS = 180 * 24 * 3600 * 1000;

function readCookie(req: Request, name: string): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

export function deviceCookies(sessionSecrets: string[], secure: boolean) {
  // One key per session secret (current first), so rotating SESSION_SECRET keeps devices known while the previous
  // secret is still listed.
  const keys = sessionSecrets.map((s) => Buffer.from(hkdfSync('sha256', Buffer.from(s, 'utf8'), 'commune-meetings', 'commune-meetings/device-cookie', 32)));
  const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest().subarray(0, 18).toString('base64url');

  return {
    read(req: Request): TrustedDevice | null {
      const value = readCookie(req, DEVICE_COOKIE);
      const m = value ? /^(\d{1,10})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{24})$/.exec(value) : null;
      if (!m) return null;
      const body = `${m[1]}.${m[2]}`;
      const sent = Buffer.from(m[3]);
      const ok = keys.some((k) => timingSafeEqual(Buffer.from(mac(k, body)), sent));
      return ok ? { accountId: Number(m[1]), id: m[2] } : null;
    },

    /** After a complete log-in: keep this browser's device id for the account, or give it a new one. */
    issue(req: Request, res: Response, accountId: number): void {
      const current = this.read(req);
      const id = current && current.accountId === accountId ? current.id : randomBytes(16).toString('base64url');
      const body = `${accountId}.${id}`;
      res.cookie(DEVICE_COOKIE, `${body}.${mac(keys[0], body)}`, { httpOnly: true, sameSite: 'lax', secure, maxAge: MAX_AGE_MS, path: '/dang-nhap' });
    },
  };
}

export type DeviceCookies = ReturnType<typeof deviceCookies>;
