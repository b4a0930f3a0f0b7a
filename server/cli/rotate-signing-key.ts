// npm run rotate-signing-key — re-encrypts certificates and TOTP secrets under SIGNING_KEY, opening what
// SIGNING_KEY_PREVIOUS (or, from releases before SIGNING_KEY, SESSION_SECRET) sealed. Stop the app first when it
// runs on the embedded database (one process per data folder).
import { ConfigError, keyRingOf, loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { rotateDataKey, RotationError } from '../services/key-rotation.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? `Không chạy được: ${err.message}` : err);
  process.exit(2);
}
const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
try {
  const r = await rotateDataKey(database, keyRingOf(config));
  console.log(`Đã mã hóa lại bằng khóa ${r.keyId}: ${r.certificates} chứng thư số, ${r.totpSecrets} mã bí mật xác thực hai bước; `
    + `${r.alreadyCurrent} bản ghi đã dùng khóa này. Có thể bỏ SIGNING_KEY_PREVIOUS.`);
} catch (err) {
  console.error(err instanceof RotationError ? err.message : err);
  process.exitCode = 1;
} finally {
  await database.close();
}
