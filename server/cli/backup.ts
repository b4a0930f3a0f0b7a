// npm run backup -- --out DIR    (DIR: a new or empty folder; README "Sao lưu và phục hồi / Backup and restore")
// PostgreSQL (DATABASE_URL): this process reads one consistent snapshot itself. PGlite: the app that holds DATA_DIR
// writes the backup when asked through DATA_DIR/control.sock; when no app runs, this process takes the folder's
// lock and opens it itself.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { DataDirInUseError, lockHolder } from '../db/data-dir-lock.ts';
import { requestBackup } from '../db/control-socket.ts';
import { checkBackupTarget, writeBackup, type BackupResult } from '../db/backup.ts';
import { BackupError } from '../db/backup-format.ts';
import { backupMsg } from '../i18n/backup.ts';
import { argument, describeFailure, printSummary } from './backup-cli.ts';

/** How long to wait for an app that holds the folder but does not answer yet (starting: migrations, demo seed). */
const WAIT_FOR_APP_MS = 30_000;

async function backupPglite(dataDir: string, uploadDir: string, outDir: string): Promise<BackupResult & { by: string }> {
  const deadline = Date.now() + WAIT_FOR_APP_MS;
  for (;;) {
    const reply = await requestBackup(dataDir, outDir);
    if (reply?.ok) return { dir: reply.dir, manifest: reply.manifest, info: reply.info, by: 'ứng dụng đang chạy' };
    if (reply) throw new BackupError(reply.error);
    if (!fs.existsSync(path.join(dataDir, 'pglite'))) throw new BackupError(backupMsg.noDatabase(dataDir));
    try {
      const database = await openDatabase({ dataDir, migrate: false, lockPurpose: 'sao lưu (npm run backup)' });
      try {
        return { ...(await writeBackup(database, { outDir, uploadDir })), by: 'lệnh sao lưu (ứng dụng không chạy)' };
      } finally {
        await database.close();
      }
    } catch (err) {
      if (!(err instanceof DataDirInUseError)) throw err;
      if (Date.now() > deadline) {
        const h = lockHolder(dataDir);
        throw new BackupError(backupMsg.appNotAnswering(dataDir, h ? `PID ${h.pid}${h.purpose ? ` — ${h.purpose}` : ''}` : 'không xác định được PID'));
      }
      await sleep(1000);
    }
  }
}

async function main() {
  const out = argument('--out');
  if (!out) {
    console.error(backupMsg.backupUsage);
    process.exit(2);
  }
  const outDir = path.resolve(process.env.INIT_CWD ?? process.cwd(), out);
  const config = loadConfig();
  checkBackupTarget(outDir);
  let result: BackupResult & { by: string };
  if (config.databaseUrl) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, migrate: false, poolSize: 1 });
    try {
      result = { ...(await writeBackup(database, { outDir, uploadDir: config.uploadDir })), by: 'lệnh sao lưu (PostgreSQL)' };
    } finally {
      await database.close();
    }
  } else {
    result = await backupPglite(config.dataDir, config.uploadDir, outDir);
  }
  printSummary(`Đã sao lưu vào ${result.dir} (ghi bởi ${result.by}).`, result.manifest, result.info);
}

main().catch((err) => {
  console.error(describeFailure('Không sao lưu được', err));
  process.exit(1);
});
