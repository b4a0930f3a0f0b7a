// What the database said when it refused a statement, the same on both drivers: node-postgres raises its error
// directly (a named statement) or drizzle wraps it as the `cause`; PGlite's errors carry the same fields. Use cases
// map a refusal by its constraint name (server/services/use-case.ts), never by the wording of the message. A trigger
// that refuses names itself the same way (RAISE … USING CONSTRAINT = '…').
export interface DatabaseError {
  /** SQLSTATE, e.g. 23505 unique_violation, 23503 foreign_key_violation, 23514 check_violation. */
  code: string;
  constraint: string | null;
}

export function databaseErrorOf(err: unknown): DatabaseError | null {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, constraint: typeof constraint === 'string' ? constraint : null };
  }
  return null;
}
