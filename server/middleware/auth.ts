// Authentication gate and helpers to read the logged-in principal.
import type { Request, RequestHandler } from 'express';
import { AppError, notFound } from '../domain/errors.ts';
import type { Principal } from '../domain/permissions.ts';

export type SessionUser = Principal & { displayName: string; username: string; sessionEpoch: number; totpEnabled: boolean };

/** Where and when a session started (shown to its owner in the list of sessions), and when it was last seen. */
export interface SessionMetaData { startedAt: string; seenAt: string; ip: string; ua: string }

declare module 'express-session' {
  interface SessionData {
    meta?: SessionMetaData;
    /** The account's session epoch at log-in: a password change or reset raises it, ending this session. */
    authEpoch?: number;
    /** The password was right and the code is awaited (two-factor sign-in). */
    pendingLogin?: { accountId: number; at: number; tiep: string };
  }
}

export function principal(req: Request): SessionUser {
  const u = req.user as SessionUser | undefined;
  if (!u) throw new AppError('UNAUTHENTICATED', 'Vui lòng đăng nhập.');
  return u;
}

export const requireLogin: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.method === 'GET') return res.redirect(303, '/dang-nhap?tiep=' + encodeURIComponent(req.originalUrl));
  next(new AppError('UNAUTHENTICATED', 'Vui lòng đăng nhập.'));
};

/** Route ids are positive integers; anything else is simply a page that does not exist. */
export function idParam(req: Request, name: string): number {
  const raw = req.params[name];
  const n = typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n > 2147483647) throw notFound();
  return n;
}

export function flash(req: Request, kind: 'ok' | 'error', text: string): void {
  req.session.flash = [...(req.session.flash ?? []), { kind, text }];
}
