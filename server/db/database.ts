// Opens the one database the app uses: embedded PGlite in DATA_DIR by default, a PostgreSQL server when
// DATABASE_URL is set. Same schema, migrations and queries for both.
import fs from 'node:fs';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import * as schema from '../../models/schema.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';

export type Schema = typeof schema;
export type AppDb = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries run through: the database or a transaction. Repositories take this. */
export type Executor = AppDb | Tx;

/** The minimal pool-like surface connect-pg-simple needs. */
export interface SessionPool {
  query(text: string, params?: unknown[]): Promise<{ rows: any[] }>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  /** For reads outside a transaction. Inside `transaction()` using it throws instead of deadlocking. */
  db: AppDb;
  /** Runs fn in one transaction; every query in fn must go through `tx`. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  sessionPool: SessionPool;
  /**
   * A hot statement outside any transaction, by name: on PostgreSQL a named prepared statement (planned once per
   * connection), on PGlite a plain query. One statement is atomic by itself: a write through it (with its audit
   * row in the same statement) needs no BEGIN/COMMIT. Rows as the driver returns them (json columns parsed).
   */
  runNamed(name: string, query: SQL): Promise<Record<string, any>[]>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../models/migrations');

const inTransaction = new AsyncLocalStorage<boolean>();

export class OuterHandleInTransactionError extends Error {
  constructor() {
    super('A query used the database handle inside a transaction; use the transaction handle `tx` '
      + '(on PGlite this would deadlock: it has one connection).');
  }
}

/** Wraps a query method so that calling it from inside `transaction()` throws at once. */
function guard<F extends (...args: any[]) => any>(fn: F, self: unknown): F {
  return function guarded(...args: any[]) {
    if (inTransaction.getStore()) throw new OuterHandleInTransactionError();
    return fn.apply(self, args);
  } as F;
}

export interface OpenOptions {
  dataDir?: string; // PGlite folder's parent; 'memory' for an in-memory database (tests)
  databaseUrl?: string | null;
  migrate?: boolean;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const database = opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts.poolSize) : await openPglite(opts.dataDir ?? './data');
  if (opts.migrate !== false) {
    try {
      await migrateDatabase(database);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') await migratePglite(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
  else await migratePg(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
}

async function openPglite(dataDir: string): Promise<Database> {
  let lock: DataDirLock | null = null;
  let client: PGlite;
  if (dataDir === 'memory') {
    client = new PGlite();
  } else {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
    try {
      client = new PGlite(path.join(dataDir, 'pglite'));
      await client.waitReady;
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  await client.waitReady;
  const rawQuery = client.query.bind(client);
  client.query = guard(client.query, client);
  client.exec = guard(client.exec, client);
  const db = drizzlePglite(client, { schema }) as unknown as AppDb;
  return {
    kind: 'pglite',
    db,
    transaction: (fn) => db.transaction((tx) => inTransaction.run(true, () => fn(tx as Tx))),
    sessionPool: {
      // connect-pg-simple's queries share the one PGlite connection; PGlite serialises them.
      query: async (text, params) => {
        const r = await rawQuery(text, params as any[]);
        return { rows: r.rows as any[] };
      },
    },
    runNamed: async (_name, query) => {
      const { sql: text, params } = (db as any).dialect.sqlToQuery(query);
      return (await client.query(text, params)).rows as Record<string, any>[];
    },
    close: async () => {
      await client.close();
      lock?.release();
    },
  };
}

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `s${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // Fail fast with a clear message when the server is unreachable.
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(`Không kết nối được PostgreSQL tại DATABASE_URL: ${(err as Error).message}`);
  }
  const rawQuery = pool.query.bind(pool);
  pool.query = guard(pool.query, pool) as typeof pool.query;
  const db = drizzlePg(pool, { schema }) as unknown as AppDb;
  return {
    kind: 'postgres',
    db,
    transaction: (fn) => db.transaction((tx) => inTransaction.run(true, () => fn(tx as Tx))),
    // connect-pg-simple's few statements, prepared once per connection (named by their text).
    sessionPool: { query: (text, params) => rawQuery({ name: statementName(text), text, values: params as any[] }) },
    runNamed: async (name, query) => {
      const { sql: text, params } = (db as any).dialect.sqlToQuery(query);
      return (await pool.query({ name, text, values: params })).rows;
    },
    close: () => pool.end(),
  };
}
