// Writes a backup (format: backup-format.ts) of an open database and the upload folder. The rows are read in one
// REPEATABLE READ READ ONLY transaction — one consistent snapshot while the app goes on writing — and streamed to
// the table files; the uploads are copied after it, so every file a backed-up row names is there already (a file
// is written before its row commits and never deleted afterwards). The backup is written beside DIR and renamed
// into place when complete: DIR either is a whole backup or does not exist.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Database } from './database.ts';
import {
  BackupError, EXCLUDED_TABLES, FORMAT, FORMAT_VERSION, INFO, MANIFEST, TABLES_DIR, UPLOADS_DIR,
  listFiles, listTables, manifestText, migrationLevel, readTable, referencedUploads, syncPath, useCanonicalSettings, writeFileDurably,
  type BackupInfo, type Manifest, type TableEntry, type UploadEntry,
} from './backup-format.ts';
import { backupMsg } from '../i18n/backup.ts';

export interface BackupResult {
  dir: string;
  manifest: Manifest;
  info: BackupInfo;
}

/** DIR must be new or an empty folder. Checked before the database is touched. */
export function checkBackupTarget(outDir: string): void {
  if (!fs.existsSync(outDir)) return;
  if (!fs.statSync(outDir).isDirectory()) throw new BackupError(backupMsg.outNotDir(outDir));
  if (fs.readdirSync(outDir).length > 0) throw new BackupError(backupMsg.outNotEmpty(outDir));
}

export async function writeBackup(database: Database, opts: { outDir: string; uploadDir: string }): Promise<BackupResult> {
  const outDir = path.resolve(opts.outDir);
  checkBackupTarget(outDir);
  const uploadDir = path.resolve(opts.uploadDir);
  if (outDir === uploadDir || outDir.startsWith(`${uploadDir}${path.sep}`)) throw new BackupError(backupMsg.outInsideUploads(outDir, uploadDir));
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  const work = fs.mkdtempSync(`${outDir}.partial-`);
  const streams: fs.WriteStream[] = [];
  try {
    fs.mkdirSync(path.join(work, TABLES_DIR));
    fs.mkdirSync(path.join(work, UPLOADS_DIR));
    const createdAt = new Date().toISOString();

    // The snapshot. Nothing inside awaits the disk: on PGlite every request of the app waits while it is open.
    const files: Promise<void>[] = [];
    const started = performance.now();
    const snapshot = await database.rawTransaction('snapshot', async (query) => {
      await useCanonicalSettings(query);
      const [[version]] = (await query(`SELECT current_setting('server_version')`)) as [[string]];
      const migrations = await migrationLevel(query);
      const tables: Record<string, TableEntry> = {};
      for (const table of await listTables(query)) {
        const file = path.join(work, TABLES_DIR, `${table.name}.jsonl`);
        const out = fs.createWriteStream(file, { mode: 0o600 });
        streams.push(out);
        const written = new Promise<void>((resolve, reject) => out.once('finish', resolve).once('error', reject)).then(() => syncPath(file));
        written.catch(() => {}); // awaited below; a failed snapshot must not leave an unhandled rejection
        files.push(written);
        const { rows, sha256 } = await readTable(query, table, (line) => { out.write(`${line}\n`); });
        out.end();
        tables[table.name] = { rows, sha256, key: table.key, columns: table.columns };
      }
      return { version, migrations, tables };
    });
    const snapshotMs = Math.round(performance.now() - started);
    await Promise.all(files);

    const uploads = await copyUploads(uploadDir, path.join(work, UPLOADS_DIR));
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      migrations: snapshot.migrations,
      excludedTables: EXCLUDED_TABLES,
      tables: snapshot.tables,
      uploads,
    };
    // A damaged installation can still be backed up; what is wrong is said, not hidden.
    const warnings: string[] = [];
    for (const [name, sha256] of await referencedUploads(work, manifest)) {
      if (!uploads[name]) warnings.push(backupMsg.uploadReferenceMissing(name));
      else if (uploads[name].sha256 !== sha256) warnings.push(backupMsg.uploadReferenceMismatch(name));
    }
    const info: BackupInfo = { createdAt, database: { kind: database.kind, version: snapshot.version }, snapshotMs, warnings };
    await writeFileDurably(path.join(work, MANIFEST), manifestText(manifest));
    await writeFileDurably(path.join(work, INFO), `${JSON.stringify(info, null, 2)}\n`);
    for (const d of [path.join(work, TABLES_DIR), path.join(work, UPLOADS_DIR), work]) await syncPath(d);

    if (fs.existsSync(outDir)) fs.rmdirSync(outDir); // empty, checked above
    fs.renameSync(work, outDir);
    await syncPath(path.dirname(outDir));
    return { dir: outDir, manifest, info };
  } catch (err) {
    for (const s of streams) s.destroy();
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  }
}

/** Copies every regular file of the upload folder, hashing as it goes. A file removed meanwhile is skipped. */
async function copyUploads(from: string, to: string): Promise<Record<string, UploadEntry>> {
  const out: Record<string, UploadEntry> = {};
  for (const rel of listFiles(from)) {
    const target = path.join(to, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(fs.createReadStream(path.join(from, rel)), new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      }), fs.createWriteStream(target, { mode: 0o600 }));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        fs.rmSync(target, { force: true });
        continue;
      }
      throw err;
    }
    await syncPath(target);
    out[rel] = { size, sha256: hash.digest('hex') };
  }
  return out;
}
