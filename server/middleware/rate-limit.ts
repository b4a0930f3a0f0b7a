// A per-address sliding-window limit for public endpoints that need no log-in (document verification): enough
// for a person checking documents by hand, not for guessing codes or hashing 30 MB uploads in a loop. In process
// memory (unlike the log-in throttle, which is in the database): behind several app processes each counts its own
// share. The address is req.ip, which believes X-Forwarded-For only from the proxies TRUST_PROXY names.
import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors.ts';

export interface RateLimit {
  max: number; // requests allowed per window and address
  windowMs: number;
  message: string; // the Vietnamese refusal
  maxKeys?: number; // memory bound: the oldest addresses are forgotten beyond this many
  now?: () => number;
}

export function rateLimit(opts: RateLimit): RequestHandler {
  const hits = new Map<string, number[]>();
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 10_000;
  return (req, res, next) => {
    const t = now();
    const key = req.ip ?? 'unknown';
    const recent = (hits.get(key) ?? []).filter((x) => t - x < opts.windowMs);
    if (recent.length >= opts.max) {
      hits.set(key, recent);
      res.setHeader('Retry-After', String(Math.ceil((recent[0]! + opts.windowMs - t) / 1000)));
      return next(new AppError('TOO_MANY_REQUESTS', opts.message));
    }
    recent.push(t);
    hits.delete(key); // re-insert: Map order is then least recently seen first
    hits.set(key, recent);
    if (hits.size > maxKeys) hits.delete(hits.keys().next().value!);
    next();
  };
}
