// What `npm run backup` and `npm run restore` share: arguments, failure messages, the summary.
import { ConfigError } from '../config.ts';
import { DataDirInUseError, FlockUnavailableError } from '../db/data-dir-lock.ts';
import { BackupError, type BackupInfo, type Manifest } from '../db/backup-format.ts';

export function argument(name: string): string | null {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  return v && !v.startsWith('--') ? v : null;
}

/** An expected refusal is its message alone; anything else keeps its stack for whoever has to look into it. */
export function describeFailure(prefix: string, err: unknown): string {
  const expected = err instanceof BackupError || err instanceof DataDirInUseError || err instanceof FlockUnavailableError || err instanceof ConfigError;
  return expected ? `${prefix}: ${(err as Error).message}` : `${prefix}: ${(err as Error)?.stack ?? String(err)}`;
}

export function printSummary(headline: string, manifest: Manifest, info: BackupInfo) {
  const tables = Object.values(manifest.tables);
  const rows = tables.reduce((n, t) => n + t.rows, 0);
  const uploads = Object.values(manifest.uploads);
  const bytes = uploads.reduce((n, u) => n + u.size, 0);
  console.log(headline);
  console.log(`  cơ sở dữ liệu: ${info.database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${info.database.version}, `
    + `${tables.length} bảng, ${rows} dòng, mức cấu trúc ${manifest.migrations.count}; đọc trong một snapshot giữ ${info.snapshotMs} ms`);
  console.log(`  tệp đính kèm: ${uploads.length} tệp, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
  for (const w of info.warnings) console.log(`  Cảnh báo: ${w}`);
  console.log('Bản sao lưu chứa mật khẩu đã băm và chứng thư số đã mã hóa: cất nơi chỉ người quản trị đọc được. '
    + 'Giữ kèm (ở nơi khác) SESSION_SECRET và SIGNING_KEY (hoặc, khi chưa đặt SIGNING_KEY, SESSION_SECRET).');
}
