// npm run restore -- --from DIR   into the empty DATA_DIR (PGlite) or the empty database at DATABASE_URL.
// README "Sao lưu và phục hồi / Backup and restore".
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { restoreBackup } from '../db/restore.ts';
import { backupMsg } from '../i18n/backup.ts';
import { argument, describeFailure } from './backup-cli.ts';

async function main() {
  const from = argument('--from');
  if (!from) {
    console.error(backupMsg.restoreUsage);
    process.exit(2);
  }
  const config = loadConfig();
  const started = Date.now();
  const r = await restoreBackup({
    from: path.resolve(process.env.INIT_CWD ?? process.cwd(), from),
    target: config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir },
    uploadDir: config.uploadDir,
  });
  const where = config.databaseUrl ? 'cơ sở dữ liệu tại DATABASE_URL' : `thư mục dữ liệu ${config.dataDir}`;
  console.log(`Đã phục hồi vào ${where}: ${r.tables} bảng, ${r.rows} dòng, ${r.uploads} tệp đính kèm (vào ${config.uploadDir}), `
    + `${((Date.now() - started) / 1000).toFixed(1)} s. Mọi bảng và tệp đã được đối chiếu với manifest.json trước và sau khi nạp.`);
  if (r.newerMigrations) console.log(`Đã nâng cấu trúc dữ liệu thêm ${r.newerMigrations} bước (bản sao lưu từ phiên bản cũ hơn).`);
  for (const w of r.warnings) console.log(`Cảnh báo: ${w}`);
  console.log('Phiên đăng nhập không được sao lưu: mọi người đăng nhập lại. Ứng dụng cần cùng SESSION_SECRET và SIGNING_KEY '
    + '(hoặc, khi chưa đặt SIGNING_KEY, SESSION_SECRET) như lúc sao lưu để mở được chứng thư số.');
}

main().catch((err) => {
  console.error(describeFailure('Không phục hồi được', err));
  process.exit(1);
});
