// Start-up: config → database (migrated) → demo seed on an empty embedded database → services → app → listen.
import { pino } from 'pino';
import { ConfigError, keyRingOf, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { DataDirInUseError, FlockUnavailableError } from './db/data-dir-lock.ts';
import { startControlSocket } from './db/control-socket.ts';
import { createServices } from './services/index.ts';
import { createApp } from './app.ts';
import { isEmpty, seedDemo } from './seed/seed.ts';
import { DEMO_PASSWORD, demoAccounts } from './seed/demo-data.ts';
import { roleLabels } from './i18n/vi.ts';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  let seeded = false;
  if (config.seedDemo && (await isEmpty(database))) {
    await seedDemo(database);
    seeded = true;
  }
  const logger = pino({ level: config.logLevel });
  const services = createServices(database, {
    uploadDir: config.uploadDir,
    logger,
    // Certificates and TOTP secrets are sealed under SIGNING_KEY; the QR code prints PUBLIC_URL.
    keys: keyRingOf(config),
    require2faAdmins: config.require2faAdmins,
    signoff: {
      publicBaseUrl: process.env.PUBLIC_URL || `http://localhost:${config.port}`,
      demoCertificates: config.seedDemo,
    },
  });
  // Template versions saved in the former EJS syntax are never run: convert those that can be, keep the rest as text.
  const legacy = await services.templates.convertLegacyTemplates();
  for (const c of legacy.converted) console.log(`Mẫu "${c.key}" của xã ${c.communeId}: phiên bản ${c.from} (cú pháp cũ) đã được chuyển thành phiên bản ${c.to}.`);
  for (const k of legacy.kept) console.log(`Mẫu "${k.key}" của xã ${k.communeId}: phiên bản ${k.version} (cú pháp cũ) không chuyển được, xã dùng mẫu gốc — ${k.reason}`);
  // PGlite: `npm run backup` asks this process for the backup (nobody else may open the folder).
  const control = database.kind === 'pglite' ? await startControlSocket({ dataDir: config.dataDir, database, uploadDir: config.uploadDir }) : null;
  const { app, close } = createApp(services, {
    sessionSecret: config.sessionSecret, previousSessionSecrets: config.sessionSecretPrevious, trustProxy: config.trustProxy,
    secureCookies: config.secureCookies, production: config.production,
  });
  const server = app.listen(config.port, config.host, () => {
    const where = database.kind === 'pglite' ? `PGlite trong ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
    console.log(`Hệ thống họp và nghị quyết cấp xã đang chạy: http://localhost:${config.port} — cơ sở dữ liệu: ${where}`);
    if (config.seedDemo) {
      console.log(seeded ? 'Đã tạo dữ liệu mẫu: xã Tân Uyên, tỉnh Lai Châu.' : 'Dữ liệu mẫu: xã Tân Uyên, tỉnh Lai Châu.');
      console.log(`Tài khoản mẫu (mật khẩu chung: ${DEMO_PASSWORD}):`);
      for (const a of demoAccounts) console.log(`  ${a.username.padEnd(14)} ${roleLabels[a.role]} — ${a.displayName}`);
    }
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    close();
    await control?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirInUseError || err instanceof FlockUnavailableError) {
    console.error(`Không khởi động được: ${err.message}`);
  } else {
    console.error('Không khởi động được:', err);
  }
  process.exit(1);
});
