// Form input as zod schemas: a use case declares the fields it reads, and the schema turns the untrusted body into
// typed values before any I/O — or into one Vietnamese message per bad field. The field builders keep the rules of
// every form of the app: NFC, trimmed, one-line unless said otherwise (server/domain/text.ts), a nested field
// (name[a]=…) is never a value, numbers are whole numbers written as digits, dates are YYYY-MM-DD.
import { z } from 'zod';
import type { FieldErrors } from '../domain/errors.ts';
import { isIsoDate } from '../domain/membership.ts';
import { multiLineProblem, normalizeNewlines, singleLineProblem } from '../domain/text.ts';
import { msg, textProblemMessages } from '../i18n/vi.ts';

type Ctx = z.RefinementCtx;

/** The raw value of a field as text: the first of a repeated field, '' when absent; a nested object is refused. */
function rawText(v: unknown, ctx: Ctx): string | null {
  const first = Array.isArray(v) ? v[0] : v;
  if (first === undefined || first === null) return '';
  if (typeof first === 'object') {
    ctx.addIssue({ code: 'custom', message: msg.notText });
    return null;
  }
  return String(first).normalize('NFC');
}

/** One-line or multi-line text, checked for the characters that do not belong in it. */
function cleanText(v: unknown, ctx: Ctx, multiLine: boolean, trim = true): string | null {
  const raw = rawText(v, ctx);
  if (raw === null) return null;
  const text = multiLine ? (trim ? normalizeNewlines(raw).trim() : normalizeNewlines(raw)) : raw.trim();
  const problem = multiLine ? multiLineProblem(text) : singleLineProblem(text);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: textProblemMessages[problem] });
    return null;
  }
  return text;
}

const fail = (ctx: Ctx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

interface TextOptions { max?: number; pattern?: RegExp; patternMessage?: string }

/** The field builders. Each returns a zod schema over the raw form value. */
export const field = {
  /** A required one-line text (a name, a title). */
  line: (opts: TextOptions = {}) => z.unknown().transform((v, ctx) => {
    const t = cleanText(v, ctx, false);
    if (t === null) return z.NEVER;
    if (!t) return fail(ctx, msg.required);
    if (t.length > (opts.max ?? 500)) return fail(ctx, msg.tooLong(opts.max ?? 500));
    if (opts.pattern && !opts.pattern.test(t)) return fail(ctx, opts.patternMessage ?? msg.badRequest);
    return t;
  }),

  /** An optional one-line text: null when left empty. */
  optionalLine: (opts: TextOptions = {}) => z.unknown().transform((v, ctx): string | null => {
    const t = cleanText(v, ctx, false);
    if (t === null) return z.NEVER;
    if (t.length > (opts.max ?? 500)) return fail(ctx, msg.tooLong(opts.max ?? 500));
    if (t && opts.pattern && !opts.pattern.test(t)) return fail(ctx, opts.patternMessage ?? msg.badRequest);
    return t || null;
  }),

  /** A textarea: line breaks kept (as LF). `trim: false` keeps a document's text exactly as typed. */
  text: (opts: { max?: number; required?: boolean; requiredMessage?: string; trim?: boolean } = {}) => z.unknown().transform((v, ctx) => {
    const t = cleanText(v, ctx, true, opts.trim ?? true);
    if (t === null) return z.NEVER;
    if (opts.required && !t.trim()) return fail(ctx, opts.requiredMessage ?? msg.required);
    if (t.length > (opts.max ?? 5000)) return fail(ctx, msg.tooLong(opts.max ?? 5000));
    return t;
  }),

  /** A textarea of one entry per line (names): each non-empty line is one-line text. */
  lines: (opts: { max?: number } = {}) => z.unknown().transform((v, ctx): string[] => {
    const t = cleanText(v, ctx, true);
    if (t === null) return z.NEVER;
    if (t.length > (opts.max ?? 5000)) return fail(ctx, msg.tooLong(opts.max ?? 5000));
    const entries = t.split('\n').map((l) => l.trim()).filter(Boolean);
    const bad = entries.map(singleLineProblem).find((p) => p !== null);
    return bad ? fail(ctx, textProblemMessages[bad]) : entries;
  }),

  /** A whole number written as digits; null when empty and not required. */
  int: (opts: { min?: number; max?: number } = {}) => z.unknown().transform((v, ctx): number | null => {
    const t = cleanText(v, ctx, false);
    if (t === null) return z.NEVER;
    if (!t) return null;
    const n = Number(t);
    if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(n) || (opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      return fail(ctx, msg.invalidNumber);
    }
    return n;
  }),

  /** A required whole number. */
  requiredInt: (opts: { min?: number; max?: number } = {}) => field.int(opts).transform((n, ctx) => (n === null ? fail(ctx, msg.required) : n)),

  /** A required date, YYYY-MM-DD. */
  date: () => z.unknown().transform((v, ctx) => {
    const t = cleanText(v, ctx, false);
    if (t === null) return z.NEVER;
    if (!t) return fail(ctx, msg.required);
    return isIsoDate(t) ? t : fail(ctx, msg.invalidDate);
  }),

  /** An optional date: null when left empty. */
  optionalDate: () => z.unknown().transform((v, ctx): string | null => {
    const t = cleanText(v, ctx, false);
    if (t === null) return z.NEVER;
    if (!t) return null;
    return isIsoDate(t) ? t : fail(ctx, msg.invalidDate);
  }),

  /** One of the allowed values (a select or radio group). */
  choice: <T extends string>(allowed: readonly T[]) => z.unknown().transform((v, ctx): T => {
    const t = cleanText(v, ctx, false);
    if (t === null) return z.NEVER;
    return allowed.includes(t as T) ? (t as T) : fail(ctx, t ? msg.invalidChoice : msg.required);
  }),

  /** One of the allowed values, or null when nothing was chosen. */
  optionalChoice: <T extends string>(allowed: readonly T[]) => z.unknown().transform((v, ctx): T | null => {
    const t = cleanText(v, ctx, false);
    if (t === null) return z.NEVER;
    if (!t) return null;
    return allowed.includes(t as T) ? (t as T) : fail(ctx, msg.invalidChoice);
  }),

  /** A checkbox: ticked is "on" (or "true", "1"). */
  checkbox: () => z.unknown().transform((v) => {
    const first = Array.isArray(v) ? v[0] : v;
    return first === 'on' || first === 'true' || first === '1';
  }),

  /** A group of checkboxes or a multi-select: every value must be allowed. */
  list: <T extends string>(allowed: readonly T[]) => z.unknown().transform((v, ctx): T[] => {
    const all = Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v];
    if (all.some((x) => typeof x !== 'string' || !allowed.includes(x as T))) return fail(ctx, msg.invalidChoice);
    return all as T[];
  }),
};

export type InputSchema<T> = z.ZodType<T, unknown>;
export type ParsedInput<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

/** Parses a raw form body with a schema: typed values, or the first Vietnamese message of each bad field. No I/O. */
export function parseInput<T>(schema: InputSchema<T>, raw: unknown): ParsedInput<T> {
  const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const fields: FieldErrors = {};
  for (const issue of r.error.issues) {
    const name = issue.path.length ? String(issue.path[0]) : '_';
    fields[name] ??= issue.message;
  }
  return { ok: false, fields };
}
