// Synchroniser token: one random token per session, required in the `_csrf` field (or the
// X-CSRF-Token header) of every state-changing request; multipart uploads send it as ?_csrf=.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../domain/errors.ts';
import { msg } from '../i18n/vi.ts';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    flash?: { kind: 'ok' | 'error'; text: string }[];
  }
}

export function csrfToken(req: Request): string {
  if (!req.session.csrfToken) req.session.csrfToken = randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const verifyCsrf: RequestHandler = (req, _res, next) => {
  if (SAFE.has(req.method)) return next();
  const expected = req.session?.csrfToken;
  // multipart/form-data is parsed by multer after this check, so upload forms carry the token in the query.
  const fromQuery = req.is('multipart/form-data') && typeof req.query._csrf === 'string' ? req.query._csrf : undefined;
  const sent = (req.body && typeof req.body._csrf === 'string' ? req.body._csrf : undefined) ?? fromQuery ?? req.get('x-csrf-token');
  if (!expected || typeof sent !== 'string' || sent.length !== expected.length
    || !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) {
    return next(new AppError('CSRF', msg.csrf));
  }
  next();
};
