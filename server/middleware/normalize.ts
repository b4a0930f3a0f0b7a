// All text typed into forms becomes NFC before anything else sees it (STACK.md trap 7).
import type { RequestHandler } from 'express';

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
  if (req.body && typeof req.body === 'object') req.body = nfc(req.body);
  next();
};
