// One database per test process (PGlite in memory, or TEST_DATABASE_URL), reset between suites.
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { seedDemo } from '../../server/seed/seed.ts';
import type { HashCost } from '../../server/services/passwords.ts';

/** Cheap hashing for tests; production uses DEFAULT_COST. */
export const TEST_HASH_COST: HashCost = { N: 2 ** 10, r: 8, p: 1 };

let shared: Promise<Database> | null = null;

export function testDatabase(): Promise<Database> {
  if (!shared) {
    shared = (async () => {
      const url = process.env.TEST_DATABASE_URL || null;
      if (url) {
        // Start from an empty database so the migrations run exactly as in production.
        const bare = await openDatabase({ databaseUrl: url, migrate: false });
        await bare.db.execute(sql.raw('DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public;'));
        await bare.close();
        return openDatabase({ databaseUrl: url });
      }
      return openDatabase({ dataDir: 'memory' });
    })();
  }
  return shared;
}

export async function closeTestDatabase(): Promise<void> {
  if (shared) {
    const d = await shared;
    shared = null;
    await d.close();
  }
}

/** Empties every table of the app (the audit trigger does not fire on TRUNCATE) and seeds the demo commune. */
export async function resetWithDemo(database: Database): Promise<{ communeId: number }> {
  const result = await database.db.execute(sql.raw(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`));
  const tables = (result as unknown as { rows: { tablename: string }[] }).rows.map((r) => `"${r.tablename}"`);
  await database.db.execute(sql.raw(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`));
  return seedDemo(database, { hashCost: TEST_HASH_COST });
}
