// Restores a backup (format: backup-format.ts) into an empty PGlite folder or an empty PostgreSQL database.
//
// All or nothing: the backup is checked against its manifest first; then one transaction creates the tables (the
// committed migrations up to the backup's level, recorded as drizzle's migrator records them), loads every row,
// resets the sequences, reads every table back and compares it with the manifest, and applies the newer migrations.
// Any failure rolls all of it back; a PGlite folder made for the restore is removed again, and the uploads, copied
// and checked beside UPLOAD_DIR meanwhile, are moved into place only after the commit.
//
// The rows are loaded with the tables' own triggers off (ALTER TABLE … DISABLE TRIGGER USER, inside the
// transaction: nobody else ever sees it): they guard changes made by the app — an append-only audit log, issued
// files and register rows; ballots refused on a closed motion — and a restore re-creates rows they already let
// through, byte for byte, and proves it by the hashes. Foreign keys stay on, so tables are loaded parents first.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database, type RawQuery } from './database.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import {
  BackupError, EXCLUDED_TABLES, TABLES_DIR, UPLOADS_DIR,
  appliedMigrationHashes, hashFile, ident, listTables, loadOrder, localMigrations, readLines, readManifest,
  readTable, referencedUploads, useCanonicalSettings, verifyBackup,
  type LocalMigration, type Manifest, type TableInfo,
} from './backup-format.ts';
import { backupMsg } from '../i18n/backup.ts';

export type RestoreTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface RestoreResult {
  tables: number;
  rows: number;
  uploads: number;
  /** Migrations applied after the rows, for a backup taken by an older version. */
  newerMigrations: number;
  warnings: string[];
}

const BATCH_ROWS = 1000;
const BATCH_CHARS = 8_000_000;

export async function restoreBackup(opts: { from: string; target: RestoreTarget; uploadDir: string }): Promise<RestoreResult> {
  const from = path.resolve(opts.from);
  const manifest = readManifest(from);
  await verifyBackup(from, manifest);
  const migrations = localMigrations();
  const level = backupLevel(manifest, migrations);
  const warnings: string[] = [];
  for (const [name] of await referencedUploads(from, manifest)) if (!manifest.uploads[name]) warnings.push(backupMsg.uploadReferenceMissing(name));

  const uploadDir = path.resolve(opts.uploadDir);
  if (fs.existsSync(uploadDir) && fs.readdirSync(uploadDir).length > 0) throw new BackupError(backupMsg.uploadDirNotEmpty(uploadDir));

  // PGlite: the folder's lock is held from before the database exists until after the uploads are in place.
  let lock: DataDirLock | null = null;
  let madeDataDir = false;
  let madePglite = false;
  let database: Database | null = null;
  let staging: string | null = null;
  let failed = false;
  try {
    if (opts.target.kind === 'pglite') {
      const dataDir = path.resolve(opts.target.dataDir);
      madeDataDir = !fs.existsSync(dataDir);
      fs.mkdirSync(dataDir, { recursive: true });
      lock = acquireDataDirLock(dataDir, 'phục hồi bản sao lưu');
      madePglite = !fs.existsSync(path.join(dataDir, 'pglite'));
      database = await openDatabase({ dataDir, migrate: false, heldLock: lock });
    } else {
      database = await openDatabase({ databaseUrl: opts.target.url, migrate: false, poolSize: 1 });
    }
    const where = opts.target.kind === 'pglite' ? `Thư mục dữ liệu ${path.resolve(opts.target.dataDir)}` : 'Cơ sở dữ liệu tại DATABASE_URL';

    fs.mkdirSync(path.dirname(uploadDir), { recursive: true });
    staging = fs.mkdtempSync(`${uploadDir}.restoring-`);
    for (const [name, entry] of Object.entries(manifest.uploads)) {
      const target = path.join(staging, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(from, UPLOADS_DIR, name), target);
      fs.chmodSync(target, 0o600);
      const copied = await hashFile(target);
      if (copied.sha256 !== entry.sha256 || copied.size !== entry.size) throw new BackupError(backupMsg.uploadTampered(name));
    }

    const rows = await database.rawTransaction('write', async (query) => {
      await query('SELECT pg_advisory_xact_lock(4207713)'); // two restores into one database take turns
      await useCanonicalSettings(query);
      const applied = await checkEmpty(query, where, migrations);
      if (applied > level) throw new BackupError(backupMsg.targetNewer(where, applied, level));
      await runMigrations(query, migrations.slice(applied, level));
      const tables = await listTables(query);
      checkSchema(tables, manifest);
      if (await exists(query, 'session')) await query('DELETE FROM "session"');

      let total = 0;
      for (const table of loadOrder(tables)) {
        await query(`ALTER TABLE ${ident(table.name)} DISABLE TRIGGER USER`);
        total += await loadTable(query, table, path.join(from, TABLES_DIR, `${table.name}.jsonl`));
        await query(`ALTER TABLE ${ident(table.name)} ENABLE TRIGGER USER`);
        await resetSequences(query, table);
      }
      // Read back as a backup would: what was loaded is exactly what was backed up.
      for (const table of tables) {
        const got = await readTable(query, table, () => {});
        const want = manifest.tables[table.name]!;
        if (got.rows !== want.rows || got.sha256 !== want.sha256) throw new BackupError(backupMsg.afterCheckFailed(table.name));
      }
      await runMigrations(query, migrations.slice(level));
      return total;
    });

    await database.close();
    database = null;
    if (fs.existsSync(uploadDir)) fs.rmdirSync(uploadDir); // empty, checked above
    fs.renameSync(staging, uploadDir);
    staging = null;
    return { tables: Object.keys(manifest.tables).length, rows, uploads: Object.keys(manifest.uploads).length, newerMigrations: migrations.length - level, warnings };
  } catch (err) {
    failed = true;
    await database?.close().catch(() => {});
    if (staging) fs.rmSync(staging, { recursive: true, force: true });
    if (lock && madePglite) fs.rmSync(path.join(lock.dir, 'pglite'), { recursive: true, force: true });
    throw err;
  } finally {
    lock?.release();
    if (lock && failed && madeDataDir) fs.rmSync(lock.dir, { recursive: true, force: true });
  }
}

/** How many of the local migrations the backup's database had applied; refused when it had some we do not know. */
function backupLevel(manifest: Manifest, migrations: LocalMigration[]): number {
  const m = manifest.migrations;
  if (m.count === 0) return 0;
  const i = migrations.findIndex((x) => x.folderMillis === m.lastCreatedAt && x.hash === m.lastHash);
  if (i < 0 || i + 1 !== m.count) throw new BackupError(backupMsg.migrationUnknown(m.count));
  return m.count;
}

/**
 * The target holds no data: no table of the app has a row (sessions aside), and whatever migrations it has are ours.
 * Returns how many are applied.
 */
async function checkEmpty(query: RawQuery, where: string, migrations: LocalMigration[]): Promise<number> {
  const applied = await appliedMigrationHashes(query);
  const tables = (await query(`SELECT relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`)).map((r) => String(r[0]));
  if (tables.length > 0 && applied.length === 0) throw new BackupError(backupMsg.targetUnknownSchema(where));
  if (applied.some((hash, i) => migrations[i]?.hash !== hash)) throw new BackupError(backupMsg.targetUnknownSchema(where));
  const withRows: string[] = [];
  for (const t of tables) {
    if (EXCLUDED_TABLES.includes(t)) continue;
    const [[any]] = (await query(`SELECT EXISTS (SELECT 1 FROM ${ident(t)})`)) as [[boolean]];
    if (any) withRows.push(t);
  }
  if (withRows.length) throw new BackupError(backupMsg.targetNotEmpty(where, withRows));
  return applied.length;
}

/** The same statements and journal rows as drizzle's migrator, but inside the restore's transaction. */
async function runMigrations(query: RawQuery, list: LocalMigration[]): Promise<void> {
  if (list.length === 0) return;
  await query('CREATE SCHEMA IF NOT EXISTS drizzle');
  await query('CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)');
  for (const m of list) {
    for (const statement of m.statements) if (statement.trim()) await query(statement);
    await query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [m.hash, m.folderMillis]);
  }
}

/** The tables made by the migrations are the backup's tables, column for column (name, type, order). */
function checkSchema(tables: TableInfo[], manifest: Manifest): void {
  const names = new Set(tables.map((t) => t.name));
  for (const name of Object.keys(manifest.tables)) if (!names.has(name)) throw new BackupError(backupMsg.schemaMismatch(name));
  for (const t of tables) {
    const want = manifest.tables[t.name];
    const same = want && want.columns.length === t.columns.length
      && want.columns.every((c, i) => c.name === t.columns[i]!.name && c.type === t.columns[i]!.type);
    if (!same) throw new BackupError(backupMsg.schemaMismatch(t.name));
  }
}

async function exists(query: RawQuery, table: string): Promise<boolean> {
  const [[found]] = (await query('SELECT to_regclass($1) IS NOT NULL', [`public.${ident(table)}`])) as [[boolean]];
  return found;
}

/**
 * Inserts a table's lines in batches: each batch is one JSON parameter, and every value goes through its column
 * type's own input function (text form → type), so nothing is reinterpreted on the way. Types and names come from
 * the target's catalog, never from the backup.
 */
async function loadTable(query: RawQuery, table: TableInfo, file: string): Promise<number> {
  const insert = `INSERT INTO ${ident(table.name)} (${table.columns.map((c) => ident(c.name)).join(', ')}) OVERRIDING SYSTEM VALUE
    SELECT ${table.columns.map((c, i) => `(r->>${i})::${c.type}`).join(', ')} FROM jsonb_array_elements($1::text::jsonb) AS r`;
  let batch: string[] = [];
  let chars = 0;
  let total = 0;
  const flush = async () => {
    if (!batch.length) return;
    try {
      await query(insert, [`[${batch.join(',')}]`]);
    } catch (err) {
      throw new BackupError(backupMsg.loadFailed(table.name, (err as Error).message));
    }
    total += batch.length;
    batch = [];
    chars = 0;
  };
  for await (const line of readLines(file)) {
    batch.push(line);
    chars += line.length;
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
  }
  await flush();
  return total;
}

/** Serial and identity sequences continue after the highest restored value (or start afresh on an empty table). */
async function resetSequences(query: RawQuery, table: TableInfo): Promise<void> {
  for (const c of table.columns) {
    const [[seq]] = (await query('SELECT pg_get_serial_sequence($1, $2)', [ident(table.name), c.name])) as [[string | null]];
    if (!seq) continue;
    const [[max]] = (await query(`SELECT max(${ident(c.name)})::text FROM ${ident(table.name)}`)) as [[string | null]];
    if (max === null) await query('SELECT setval($1::regclass, s.seqstart, false) FROM pg_sequence s WHERE s.seqrelid = $1::regclass', [seq]);
    else await query('SELECT setval($1::regclass, $2::bigint, true)', [seq, max]);
  }
}
