// All text typed into forms becomes NFC before anything else sees it (STACK.md trap 7), and text with control
// characters (NUL and the other C0 codes but tab, line feed and carriage return) is refused whole: PostgreSQL
// cannot store NUL, and no keyboard types the others.
import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors.ts';
import { hasControlCharacter } from '../domain/text.ts';
import { msg } from '../i18n/vi.ts';

/** True when a string anywhere in a parsed body (or query) holds a control character. */
export function hasControlCharacters(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return hasControlCharacter(value);
  if (depth > 8 || !value || typeof value !== 'object') return false;
  for (const [k, v] of Object.entries(value)) if (hasControlCharacter(k) || hasControlCharacters(v, depth + 1)) return true;
  return false;
}

function nfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfc);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = nfc(v);
    return out;
  }
  return value;
}

export const normalizeBody: RequestHandler = (req, _res, next) => {
  if (hasControlCharacters(req.body) || hasControlCharacters(req.query)) return next(new AppError('BAD_REQUEST', msg.controlCharacters));
  if (req.body && typeof req.body === 'object') req.body = nfc(req.body);
  next();
};
