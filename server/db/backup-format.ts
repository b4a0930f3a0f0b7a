// The backup format, shared by `npm run backup` and `npm run restore`, and readable by both engines:
//
//   DIR/manifest.json            what is in the backup: tables (rows, SHA-256, key, columns), uploads, migration level
//   DIR/backup-info.json         when and from where it was taken (kept apart so that manifest.json depends on the data only)
//   DIR/tables/<table>.jsonl     one line per row in primary-key order: a JSON array of the columns' PostgreSQL
//                                text forms (or null), in the table's column order
//   DIR/uploads/<name>           the files of UPLOAD_DIR
//
// A value's text form is what PostgreSQL itself prints for it under fixed settings (UTC, ISO dates, hex bytea,
// shortest exact floats), and what its input function reads back, so every type round-trips exactly and the same
// rows print the same bytes on PGlite 18 and PostgreSQL 15. A table's SHA-256 is the hash of its file, i.e. of
// those canonical lines.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATIONS_DIR, type RawQuery } from './database.ts';
import { backupMsg } from '../i18n/backup.ts';

export const FORMAT = 'hop-backup';
export const FORMAT_VERSION = 1;
/**
 * Sessions are transient, and a restored one could sign someone in as whoever has that account id in the copy; the
 * log-in throttle's counters are transient too, and restored ones would make users of the copy wait for nothing.
 */
export const EXCLUDED_TABLES = ['session', 'login_throttle'];
/** The rows that name an upload and its SHA-256, checked against the copied files. */
export const REFERENCED_UPLOADS = { table: 'attachment_versions', name: 'stored_name', sha256: 'sha256' };
export const MANIFEST = 'manifest.json';
export const INFO = 'backup-info.json';
export const TABLES_DIR = 'tables';
export const UPLOADS_DIR = 'uploads';

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  /** Primary-key columns; rows are read and hashed in this order. Empty: the table has none (all columns order it). */
  key: string[];
  /** Columns whose type has a collation: ordered with COLLATE "C", so the order does not depend on the locale. */
  collatable: Set<string>;
  /** Tables this one references by foreign key (itself included, for a self-reference). */
  parents: string[];
}

export interface TableEntry {
  rows: number;
  sha256: string;
  key: string[];
  columns: ColumnInfo[];
}

export interface UploadEntry {
  size: number;
  sha256: string;
}

export interface MigrationLevel {
  /** Migrations applied (rows of drizzle.__drizzle_migrations). */
  count: number;
  /** The last one's journal time (`when`) and SHA-256 of its SQL: drizzle's own record of it. */
  lastCreatedAt: number | null;
  lastHash: string | null;
}

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  migrations: MigrationLevel;
  excludedTables: string[];
  tables: Record<string, TableEntry>;
  uploads: Record<string, UploadEntry>;
}

export interface BackupInfo {
  createdAt: string;
  database: { kind: 'pglite' | 'postgres'; version: string };
  /** How long the database snapshot was held open: on PGlite every request waits this long. */
  snapshotMs: number;
  warnings: string[];
}

/** An expected refusal: its message is for the operator, in Vietnamese. */
export class BackupError extends Error {}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The settings under which text forms are canonical; SET LOCAL, so they end with the transaction. */
export async function useCanonicalSettings(query: RawQuery): Promise<void> {
  await query(`SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true),
    set_config('IntervalStyle', 'postgres', true), set_config('extra_float_digits', '1', true),
    set_config('bytea_output', 'hex', true)`);
}

/** The app's tables in schema public (name order), minus the excluded ones. */
export async function listTables(query: RawQuery): Promise<TableInfo[]> {
  const rows = await query(`
    SELECT c.relname::text,
      (SELECT json_agg(json_build_array(a.attname, format_type(a.atttypid, NULL), t.typcollation <> 0) ORDER BY a.attnum)
         FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '')::text,
      (SELECT json_agg(a.attname ORDER BY k.ord)
         FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = c.oid AND i.indisprimary)::text,
      (SELECT json_agg(DISTINCT p.relname::text) FROM pg_constraint f JOIN pg_class p ON p.oid = f.confrelid
        WHERE f.conrelid = c.oid AND f.contype = 'f')::text
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
    ORDER BY c.relname COLLATE "C"`);
  return rows
    .map(([name, cols, key, parents]) => {
      const columns = JSON.parse(String(cols ?? '[]')) as [string, string, boolean][];
      return {
        name: String(name),
        columns: columns.map(([n, type]) => ({ name: n, type })),
        key: JSON.parse(String(key ?? '[]')) as string[],
        collatable: new Set(columns.filter((c) => c[2]).map((c) => c[0])),
        parents: JSON.parse(String(parents ?? '[]')) as string[],
      };
    })
    .filter((t) => !EXCLUDED_TABLES.includes(t.name));
}

/** Reads a table in key order through a cursor, handing each canonical line (without newline) to onLine. */
export async function readTable(query: RawQuery, table: TableInfo, onLine: (line: string) => void): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  // One JSON value per row, re-serialised here: PGlite parses one field a row instead of one per column (measured
  // about a third faster), and the line is JavaScript's own JSON of the text forms whatever PostgreSQL's spacing.
  const columns = `json_build_array(${table.columns.map((c) => `${ident(c.name)}::text`).join(', ')})::text`;
  const order = table.key.length
    ? table.key.map((k) => (table.collatable.has(k) ? `${ident(k)} COLLATE "C"` : ident(k)))
    : table.columns.map((c) => `${ident(c.name)}::text COLLATE "C"`);
  await query(`DECLARE hop_backup NO SCROLL CURSOR FOR SELECT ${columns} FROM ${ident(table.name)} ORDER BY ${order.join(', ')}`);
  let rows = 0;
  for (;;) {
    const batch = await query('FETCH FORWARD 2000 FROM hop_backup');
    for (const [json] of batch) {
      const line = JSON.stringify(JSON.parse(json as string));
      hash.update(line).update('\n');
      onLine(line);
    }
    rows += batch.length;
    if (batch.length < 2000) break;
  }
  await query('CLOSE hop_backup');
  return { rows, sha256: hash.digest('hex') };
}

export async function migrationLevel(query: RawQuery): Promise<MigrationLevel> {
  const [[exists]] = (await query(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL`)) as [[boolean]];
  if (!exists) return { count: 0, lastCreatedAt: null, lastHash: null };
  const rows = await query('SELECT hash, created_at::text FROM drizzle.__drizzle_migrations ORDER BY created_at, id');
  const last = rows[rows.length - 1];
  return { count: rows.length, lastCreatedAt: last ? Number(last[1]) : null, lastHash: last ? String(last[0]) : null };
}

/** Hashes of the applied migrations, oldest first. */
export async function appliedMigrationHashes(query: RawQuery): Promise<string[]> {
  const [[exists]] = (await query(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL`)) as [[boolean]];
  if (!exists) return [];
  return (await query('SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at, id')).map((r) => String(r[0]));
}

export interface LocalMigration {
  tag: string;
  hash: string;
  folderMillis: number;
  statements: string[];
}

/** The committed migrations, as drizzle's migrator reads them. */
export function localMigrations(): LocalMigration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).map((m, i) => ({
    tag: journal.entries[i]!.tag, hash: m.hash, folderMillis: m.folderMillis, statements: m.sql,
  }));
}

/**
 * Tables in an order that inserts parents before children. Self-references need no order: foreign keys are checked
 * at the end of each INSERT statement. A cycle between tables could not be loaded and is reported.
 */
export function loadOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const order: TableInfo[] = [];
  while (order.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t.name) && t.parents.every((p) => p === t.name || done.has(p) || !byName.has(p)));
    if (ready.length === 0) {
      throw new Error(`Foreign keys form a cycle among ${tables.filter((t) => !done.has(t.name)).map((t) => t.name).join(', ')}: restore cannot order them`);
    }
    for (const t of ready) {
      done.add(t.name);
      order.push(t);
    }
  }
  return order;
}

export async function hashFile(file: string): Promise<UploadEntry> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Regular files under root, as relative paths with '/' (sorted); nothing when root does not exist. */
export function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Reads and shape-checks DIR/manifest.json. */
export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST);
  let m: Manifest;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch {
    throw new BackupError(backupMsg.notABackup(file));
  }
  if (!m || m.format !== FORMAT || typeof m.tables !== 'object' || typeof m.uploads !== 'object' || typeof m.migrations !== 'object') {
    throw new BackupError(backupMsg.notABackup(file));
  }
  if (m.formatVersion !== FORMAT_VERSION) throw new BackupError(backupMsg.formatVersion(m.formatVersion));
  for (const [name, t] of Object.entries(m.tables)) {
    const shaped = /^[a-z_][a-z0-9_]*$/.test(name) && Number.isInteger(t?.rows) && /^[0-9a-f]{64}$/.test(String(t?.sha256))
      && Array.isArray(t.columns) && Array.isArray(t.key);
    if (!shaped) throw new BackupError(backupMsg.notABackup(file));
  }
  for (const [name, u] of Object.entries(m.uploads)) {
    const shaped = safeRelative(name) && Number.isInteger(u?.size) && /^[0-9a-f]{64}$/.test(String(u?.sha256));
    if (!shaped) throw new BackupError(backupMsg.notABackup(file));
  }
  return m;
}

/** A path inside uploads/: no '..', no absolute path, no empty part. */
function safeRelative(name: string): boolean {
  return name.length > 0 && name.length < 1024 && name.split('/').every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\\') && !p.includes('\0'));
}

/**
 * Checks every table file and upload of a backup against its manifest (counts, SHA-256, nothing missing, nothing
 * extra) before anything is written anywhere.
 */
export async function verifyBackup(dir: string, manifest: Manifest): Promise<void> {
  for (const [name, entry] of Object.entries(manifest.tables)) {
    const file = path.join(dir, TABLES_DIR, `${name}.jsonl`);
    if (!fs.existsSync(file)) throw new BackupError(backupMsg.tableFileMissing(name));
    const hash = createHash('sha256');
    let lines = 0;
    for await (const chunk of fs.createReadStream(file)) {
      hash.update(chunk as Buffer);
      for (const byte of chunk as Buffer) if (byte === 0x0a) lines++;
    }
    if (lines !== entry.rows || hash.digest('hex') !== entry.sha256) throw new BackupError(backupMsg.tableTampered(name));
  }
  for (const f of listFiles(path.join(dir, TABLES_DIR))) {
    if (!f.endsWith('.jsonl') || !(f.slice(0, -'.jsonl'.length) in manifest.tables)) throw new BackupError(backupMsg.extraFile(`${TABLES_DIR}/${f}`));
  }
  for (const [name, entry] of Object.entries(manifest.uploads)) {
    const file = path.join(dir, UPLOADS_DIR, name);
    if (!fs.existsSync(file)) throw new BackupError(backupMsg.uploadMissing(name));
    const actual = await hashFile(file);
    if (actual.size !== entry.size || actual.sha256 !== entry.sha256) throw new BackupError(backupMsg.uploadTampered(name));
  }
  for (const f of listFiles(path.join(dir, UPLOADS_DIR))) {
    if (!(f in manifest.uploads)) throw new BackupError(backupMsg.extraFile(`${UPLOADS_DIR}/${f}`));
  }
}

/** Names of the uploads the rows of REFERENCED_UPLOADS point at, with the SHA-256 they record. */
export async function referencedUploads(dir: string, manifest: Manifest): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const entry = manifest.tables[REFERENCED_UPLOADS.table];
  if (!entry) return out;
  const nameAt = entry.columns.findIndex((c) => c.name === REFERENCED_UPLOADS.name);
  const shaAt = entry.columns.findIndex((c) => c.name === REFERENCED_UPLOADS.sha256);
  if (nameAt < 0 || shaAt < 0) return out;
  for await (const line of readLines(path.join(dir, TABLES_DIR, `${REFERENCED_UPLOADS.table}.jsonl`))) {
    const row = JSON.parse(line) as (string | null)[];
    if (row[nameAt]) out.set(row[nameAt]!, row[shaAt] ?? '');
  }
  return out;
}

/** The lines of a file, without their newlines, read as a stream. */
export async function* readLines(file: string): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of fs.createReadStream(file, { encoding: 'utf8' })) {
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}

/** Writes a file and makes it durable before the backup is called done. */
export async function writeFileDurably(file: string, text: string): Promise<void> {
  const handle = await fs.promises.open(file, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function syncPath(p: string): Promise<void> {
  const handle = await fs.promises.open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
