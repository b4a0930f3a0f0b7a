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

/** One raw SQL statement with positional parameters; rows come back as arrays of the driver's values. */
export type RawQuery = (text: string, params?: unknown[]) => Promise<unknown[][]>;

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
  /**
   * Raw SQL in one transaction, for backup and restore. 'snapshot' is REPEATABLE READ READ ONLY: every statement
   * sees the same committed state while others write. On PGlite it holds the one connection: keep it short.
   */
  rawTransaction<T>(mode: 'snapshot' | 'write', fn: (query: RawQuery) => Promise<T>): Promise<T>;
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
  /** Written beside the folder lock, for the message another opener gets ("máy chủ ứng dụng", "sao lưu", …). */
  lockPurpose?: string;
  /** The folder's lock, taken by the caller and kept after close() (restore removes a half-made folder under it). */
  heldLock?: DataDirLock;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const database = opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts.poolSize) : await openPglite(opts.dataDir ?? './data', opts);
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

async function openPglite(dataDir: string, opts: OpenOptions): Promise<Database> {
  let lock: DataDirLock | null = null;
  let client: PGlite;
  if (dataDir === 'memory') {
    client = new PGlite();
  } else {
    fs.mkdirSync(dataDir, { recursive: true });
    if (opts.heldLock && opts.heldLock.dir !== path.resolve(dataDir)) throw new Error(`heldLock is for ${opts.heldLock.dir}, not ${dataDir}`);
    if (!opts.heldLock) lock = acquireDataDirLock(dataDir, opts.lockPurpose);
    try {
      client = new PGlite(path.join(dataDir, 'pglite'));
      await client.waitReady;
    } catch (err) {
      lock?.release();
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
    rawTransaction: (mode, fn) => {
      if (inTransaction.getStore()) throw new OuterHandleInTransactionError();
      return client.transaction(async (t) => {
        if (mode === 'snapshot') await t.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const query: RawQuery = async (text, params) => (await t.query<unknown[]>(text, params as any[], { rowMode: 'array' })).rows;
        return inTransaction.run(true, () => fn(query));
      });
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
    throw new Error(`Không kết nối được PostgreSQL tại DATABASE_URL: ${(err as Error).message}`, { cause: err });
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
    rawTransaction: async (mode, fn) => {
      if (inTransaction.getStore()) throw new OuterHandleInTransactionError();
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(mode === 'snapshot' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY' : 'BEGIN');
        const query: RawQuery = async (text, params) => (await client.query({ text, values: params as any[], rowMode: 'array' })).rows;
        const result = await inTransaction.run(true, () => fn(query));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => { broken = e; });
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
