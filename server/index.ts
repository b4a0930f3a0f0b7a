// Start-up: config → database (migrated) → demo seed on an empty embedded database → services → app → listen.
import { ConfigError, loadConfig } from './config.ts';
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
  const services = createServices(database, {
    uploadDir: config.uploadDir,
    // Certificates are encrypted under a key derived from the session secret; the QR code prints PUBLIC_URL.
    signoff: {
      signingSecret: config.sessionSecret,
      publicBaseUrl: process.env.PUBLIC_URL || `http://localhost:${config.port}`,
      demoCertificates: config.seedDemo,
    },
  });
  // PGlite: `npm run backup` asks this process for the backup (nobody else may open the folder).
  const control = database.kind === 'pglite' ? await startControlSocket({ dataDir: config.dataDir, database, uploadDir: config.uploadDir }) : null;
  const { app, close } = createApp(services, { sessionSecret: config.sessionSecret, secureCookies: config.secureCookies, production: config.production });
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
