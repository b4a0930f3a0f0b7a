// The log-in throttle's rows: one atomic statement reserves an attempt under a key before the password is hashed.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { delaySeconds, type ThrottleRule } from '../domain/login-throttle.ts';

const rowsOf = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows;

/** delaySeconds for failures 1…n, as a PostgreSQL array literal (the policy stays in the domain, not in SQL). */
function delayTable(rule: ThrottleRule): { literal: string; length: number } {
  const delays: number[] = [];
  for (let n = 1; ; n++) {
    delays.push(delaySeconds(rule, n));
    if (n >= rule.free && delays[delays.length - 1] >= rule.capSeconds) break;
    if (n > rule.free + 40) break;
  }
  return { literal: `{${delays.join(',')}}`, length: delays.length };
}

/**
 * Counts one attempt under `key` if the key lets one through now, in one INSERT … ON CONFLICT DO UPDATE … RETURNING:
 * concurrent attempts on one key queue on its row, so no two of them read the same count. The attempt counts as a
 * failure from here on, until release() says it succeeded. Returns the new count, or null when refused.
 */
export async function reserveAttempt(ex: Executor, key: string, rule: ThrottleRule, now: Date): Promise<number | null> {
  const table = delayTable(rule);
  const nowIso = now.toISOString();
  const forgetBefore = new Date(now.getTime() - rule.forgetSeconds * 1000).toISOString();
  const count = sql`(CASE WHEN t.updated_at <= ${forgetBefore}::timestamptz THEN 1 ELSE t.failures + 1 END)`;
  const delay = (n: ReturnType<typeof sql>) => sql`(${table.literal}::float8[])[LEAST(${n}, ${table.length}::int)]`;
  const result = await ex.execute(sql`
    INSERT INTO login_throttle AS t (key, failures, next_at, updated_at)
    VALUES (${key}, 1, ${nowIso}::timestamptz + make_interval(secs => ${delay(sql`1`)}), ${nowIso}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET
      failures = ${count},
      next_at = ${nowIso}::timestamptz + make_interval(secs => ${delay(count)}),
      updated_at = ${nowIso}::timestamptz
    WHERE t.updated_at <= ${forgetBefore}::timestamptz OR t.failures < ${rule.free}::int OR t.next_at <= ${nowIso}::timestamptz
    RETURNING failures`);
  const row = rowsOf(result)[0];
  return row ? Number(row.failures) : null;
}

/** When the key lets the next attempt through (ms since the epoch); 0 when it has no row. */
export async function nextAllowedAt(ex: Executor, key: string): Promise<number> {
  const result = await ex.execute(sql`SELECT (extract(epoch from next_at) * 1000)::float8 AS next_ms FROM login_throttle WHERE key = ${key}`);
  const row = rowsOf(result)[0];
  return row ? Number(row.next_ms) : 0;
}

/** A successful attempt is no failure: its reservation is given back (the count of others' failures stays). */
export async function releaseAttempt(ex: Executor, key: string, rule: ThrottleRule, now: Date): Promise<void> {
  await ex.execute(sql`
    UPDATE login_throttle SET failures = GREATEST(failures - 1, 0),
      next_at = CASE WHEN failures - 1 < ${rule.free}::int THEN ${now.toISOString()}::timestamptz ELSE next_at END
    WHERE key = ${key}`);
}

export async function clearKey(ex: Executor, key: string): Promise<void> {
  await ex.execute(sql`DELETE FROM login_throttle WHERE key = ${key}`);
}

export async function pruneThrottle(ex: Executor, before: Date): Promise<void> {
  await ex.execute(sql`DELETE FROM login_throttle WHERE updated_at < ${before.toISOString()}::timestamptz`);
}
