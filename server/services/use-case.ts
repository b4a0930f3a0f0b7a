// A use case is one state change a user makes (close a motion, convene a meeting, issue a document), declared as
// data and functions in one module of its own (STYLE.md, "A use case as one module"):
//
//   action      'motion.close'        the audit action and the name a newcomer searches for
//   permission  'meeting.record'      data: the generated test runs every use case with and without it
//   input       a zod schema          parsed before any I/O
//   load        (tx, at, params)      the records it acts on, scoped to the principal's commune: nothing found is 404
//   rule        (state, input, at)    pure: a decision, or a refusal with a reason code
//   write       (tx, state, decision) repositories only; says what the audit row records and which meeting to notify
//
// `runUseCase` owns the order and what every use case shares: one transaction; load → permission → input → version →
// rule → write → audit; database errors mapped by constraint name; the live notification after the commit. The
// input is parsed first (no query ever sees a bad value) but its errors are answered after the permission check, so
// someone who may not act learns nothing from a 422. A versioned use case's load locks the record (FOR UPDATE), so
// the version compared is the one the write changes.
import type { Database, Tx } from '../db/database.ts';
import { AppError, conflict, forbidden, validation, type FieldErrors } from '../domain/errors.ts';
import { can, type Action, type Principal, type Scope } from '../domain/permissions.ts';
import { databaseErrorOf } from '../repositories/db-errors.ts';
import { writeAudit } from '../repositories/audit.ts';
import type { Clock } from './clock.ts';
import { parseInput, type InputSchema } from './input.ts';
import { msg } from '../i18n/vi.ts';

/** What a use case sees of the world besides the database: who acts, and when. */
export interface At {
  principal: Principal;
  now: Date;
  /** Today in Vietnam, YYYY-MM-DD. */
  today: string;
}

/** The records a use case acts on, with the scope its permission is checked in. */
export interface Loaded<S> {
  state: S;
  scope: Scope;
  /** The version of the record the form must have seen (optimistic lock); the input's `version` is compared to it. */
  version?: number;
}

/** A rule's answer: the decision to write, or why not (a reason code the use case's `refusal` words). */
export type Decision<D, R extends string = string> =
  | { ok: true; value: D }
  | { ok: false; reason: R; field?: string; status?: 'conflict' | 'invalid'; args?: Record<string, string | number> };

export const decide = <D>(value: D): Decision<D, never> => ({ ok: true, value });

/** What the write did: the result for the route, the audit row's subject, and the meeting whose live view changed. */
export interface Written<R> {
  result: R;
  audit: { entity: string; entityId: string | number | null; before?: unknown; after?: unknown };
  notify?: number | null;
}

/** Who may run it: an action of the permission table (any of several), or a named test of the loaded state. */
export type Permission<S> = Action | readonly Action[] | { name: string; allows: (p: Principal, state: S, scope: Scope) => boolean };

export interface UseCase<P, I, S, D, R, C extends string = string> {
  action: string;
  permission: Permission<S>;
  input: InputSchema<I>;
  /** Compare the input's `version` with the loaded record's (409 when someone saved in between). */
  versioned?: boolean;
  load(tx: Tx, at: At, params: P): Promise<Loaded<S>>;
  rule(state: S, input: I, at: At): Decision<D, C>;
  /** A refusal in words (Vietnamese, from server/i18n). */
  refusal(reason: C, args: Record<string, string | number>): string;
  write(tx: Tx, state: S, decision: D, input: I, at: At): Promise<Written<R>>;
  /** Database constraints this use case expects to hit under concurrency, and the refusal each one means. */
  constraints?: Record<string, C>;
  /** The words of a version conflict (default: the record was changed by someone else, reload). */
  stale?: string;
}

export interface RunDeps {
  database: Database;
  clock: Clock;
  notify?: (meetingId: number) => void;
}

export function permits<S>(permission: Permission<S>, p: Principal, state: S, scope: Scope): boolean {
  if (typeof permission === 'string') return can(p, permission as Action, scope);
  if (Array.isArray(permission)) return permission.some((a: Action) => can(p, a, scope));
  return (permission as { allows: (p: Principal, s: S, sc: Scope) => boolean }).allows(p, state, scope);
}

/** The form's version field: a missing or malformed one is a broken form (400), a different one a conflict (409). */
function checkVersion(raw: unknown, loaded: number | undefined, stale: string) {
  const seen = typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(seen)) throw new AppError('BAD_REQUEST', stale);
  if (seen !== loaded) throw conflict(stale);
}

function refuse<C extends string>(uc: { refusal(reason: C, args: Record<string, string | number>): string }, d: Exclude<Decision<unknown, C>, { ok: true }>): AppError {
  const message = uc.refusal(d.reason, d.args ?? {});
  if (d.status === 'invalid') return validation(d.field ? { [d.field]: message } as FieldErrors : {}, message);
  return conflict(message);
}

/** Runs a use case in the fixed order, in one transaction; returns its result after the commit. */
export async function runUseCase<P, I, S, D, R, C extends string>(
  uc: UseCase<P, I, S, D, R, C>, deps: RunDeps, principal: Principal, params: P, raw: unknown,
): Promise<R> {
  const parsed = parseInput(uc.input, raw);
  const at: At = { principal, now: deps.clock.now(), today: deps.clock.today() };
  let written: Written<R>;
  try {
    written = await deps.database.transaction(async (tx) => {
      const loaded = await uc.load(tx, at, params);
      if (!permits(uc.permission, principal, loaded.state, loaded.scope)) throw forbidden();
      if (!parsed.ok) throw validation(parsed.fields);
      if (uc.versioned) checkVersion((raw as Record<string, unknown> | null)?.version, loaded.version, uc.stale ?? msg.staleVersion);
      const decision = uc.rule(loaded.state, parsed.value, at);
      if (!decision.ok) throw refuse(uc, decision);
      const w = await uc.write(tx, loaded.state, decision.value, parsed.value, at);
      await writeAudit(tx, { accountId: principal.accountId, communeId: loaded.scope.communeId, action: uc.action, ...w.audit });
      return w;
    });
  } catch (err) {
    throw mapDatabaseError(err, uc);
  }
  if (written.notify != null) deps.notify?.(written.notify);
  return written.result;
}

/** A database refusal the use case expects (a unique key taken by a concurrent request, a closed motion's trigger). */
export function mapDatabaseError<C extends string>(err: unknown, uc: Pick<UseCase<never, never, never, never, never, C>, 'constraints' | 'refusal'>): unknown {
  if (err instanceof AppError) return err;
  const e = databaseErrorOf(err);
  const reason = e?.constraint ? uc.constraints?.[e.constraint] : undefined;
  return reason ? conflict(uc.refusal(reason, {})) : err;
}
