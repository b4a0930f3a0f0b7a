// Environment parsed and validated once at start-up; a bad setting stops the process with a clear message.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  sessionSecret: string;
  production: boolean;
  seedDemo: boolean;
  secureCookies: boolean;
  uploadDir: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT không hợp lệ: "${env.PORT}" (cần một số từ 0 đến 65535).`);
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL phải bắt đầu bằng postgres:// hoặc postgresql://');
  let sessionSecret = env.SESSION_SECRET ?? '';
  if (production && sessionSecret.length < 32) {
    throw new ConfigError('Khi NODE_ENV=production phải đặt SESSION_SECRET (ít nhất 32 ký tự).');
  }
  if (!sessionSecret) sessionSecret = 'dev-only-session-secret-not-for-production';
  const seedDemo = env.SEED_DEMO ? env.SEED_DEMO === '1' || env.SEED_DEMO === 'true' : !production;
  return {
    port,
    host: env.HOST || (production ? '0.0.0.0' : '127.0.0.1'),
    dataDir,
    databaseUrl,
    sessionSecret,
    production,
    seedDemo,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true' : production,
    uploadDir: path.resolve(env.UPLOAD_DIR || path.join(dataDir, 'uploads')),
  };
}
