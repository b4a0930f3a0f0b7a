// Helpers for backup and restore tests: throwaway PostgreSQL databases on the test server, and reading or
// re-sealing a backup's files the way an attacker (or a damaged disk) would change them.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Manifest } from '../../server/db/backup-format.ts';

/** A fresh, empty database next to TEST_DATABASE_URL's; drop() removes it. null when the suite runs on PGlite. */
export async function throwawayPostgres(name: string): Promise<{ url: string; drop(): Promise<void> } | null> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return null;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** One query on a PostgreSQL database by URL, for looking at a target from outside. */
export async function pgQuery(url: string, text: string): Promise<any[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

export const readManifestFile = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

/** The rows of a backed-up table as objects keyed by column name (values are PostgreSQL text forms). */
export function backupRows(dir: string, table: string): Record<string, string | null>[] {
  const columns = readManifestFile(dir).tables[table]!.columns.map((c) => c.name);
  const text = fs.readFileSync(path.join(dir, 'tables', `${table}.jsonl`), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => Object.fromEntries((JSON.parse(line) as (string | null)[]).map((v, i) => [columns[i], v])));
}

/** Changes one table's lines and writes a manifest that matches them again (so only the loading can object). */
export function resealTable(dir: string, table: string, change: (rows: (string | null)[][], columns: string[]) => void) {
  const manifest = readManifestFile(dir);
  const columns = manifest.tables[table]!.columns.map((c) => c.name);
  const file = path.join(dir, 'tables', `${table}.jsonl`);
  const rows = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as (string | null)[]);
  change(rows, columns);
  const text = rows.map((r) => `${JSON.stringify(r)}\n`).join('');
  fs.writeFileSync(file, text);
  manifest.tables[table]!.rows = rows.length;
  manifest.tables[table]!.sha256 = createHash('sha256').update(text).digest('hex');
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}
