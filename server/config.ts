// Environment parsed and validated once at start-up; a bad setting stops the process with a clear message.
import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { createKeyRing, type KeyRing } from './signing/index.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  sessionSecret: string;
  /** SESSION_SECRET_PREVIOUS: still accepted for session cookies during a rotation. */
  sessionSecretPrevious: string[];
  /** SIGNING_KEY (or the file SIGNING_KEY_FILE): seals certificates and TOTP secrets. */
  signingKey: string;
  /** SIGNING_KEY_PREVIOUS (or SIGNING_KEY_PREVIOUS_FILE): opens what the previous key sealed, until re-encrypted. */
  signingKeyPrevious: string[];
  /** TRUST_PROXY: a hop count or a comma-separated list of addresses/subnets; false when unset. */
  trustProxy: number | string | false;
  /** REQUIRE_2FA_ADMINS=1: system and commune admins must use two-factor sign-in. */
  require2faAdmins: boolean;
  logLevel: string;
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
  const sessionSecretPrevious = env.SESSION_SECRET_PREVIOUS ? [env.SESSION_SECRET_PREVIOUS] : [];
  let signingKey = secretFrom(env, 'SIGNING_KEY');
  if (production && signingKey.length < 32) {
    throw new ConfigError('Khi NODE_ENV=production phải đặt SIGNING_KEY hoặc SIGNING_KEY_FILE (ít nhất 32 ký tự), khóa mã hóa chứng thư số, khác SESSION_SECRET.');
  }
  if (signingKey && signingKey.length < 32) throw new ConfigError('SIGNING_KEY cần ít nhất 32 ký tự.');
  if (signingKey && signingKey === sessionSecret) throw new ConfigError('SIGNING_KEY phải khác SESSION_SECRET.');
  if (!signingKey) signingKey = 'dev-only-signing-key-not-for-production';
  const previousKey = secretFrom(env, 'SIGNING_KEY_PREVIOUS');
  const seedDemo = env.SEED_DEMO ? env.SEED_DEMO === '1' || env.SEED_DEMO === 'true' : !production;
  return {
    port,
    host: env.HOST || (production ? '0.0.0.0' : '127.0.0.1'),
    dataDir,
    databaseUrl,
    sessionSecret,
    sessionSecretPrevious,
    signingKey,
    signingKeyPrevious: previousKey ? [previousKey] : [],
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    require2faAdmins: env.REQUIRE_2FA_ADMINS === '1' || env.REQUIRE_2FA_ADMINS === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    production,
    seedDemo,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true' : production,
    uploadDir: path.resolve(env.UPLOAD_DIR || path.join(dataDir, 'uploads')),
  };
}

/** NAME, or the first line of the file NAME_FILE (a secret mounted by the container or systemd's credentials). */
function secretFrom(env: NodeJS.ProcessEnv, name: string): string {
  const file = env[`${name}_FILE`];
  if (file) {
    try {
      return fs.readFileSync(file, 'utf8').split(/\r?\n/)[0].trim();
    } catch (err) {
      throw new ConfigError(`Không đọc được ${name}_FILE (${file}): ${(err as Error).message}`);
    }
  }
  return env[name]?.trim() ?? '';
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Express takes it: a hop count (1 = the one reverse proxy in front), or addresses and subnets
 * ("loopback", "10.0.0.1", "10.0.0.0/8"). "true" (trust anyone) is refused: then X-Forwarded-For is anyone's to choose.
 */
export function parseTrustProxy(raw: string | undefined): number | string | false {
  const value = raw?.trim();
  if (!value || value === '0' || value === 'false') return false;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  for (const part of parts) {
    const [address, bits, extra] = part.split('/');
    const ok = PROXY_NAMES.has(address) ? bits === undefined : isIP(address) !== 0 && extra === undefined
      && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128)));
    if (!ok) throw new ConfigError(`TRUST_PROXY không hợp lệ: "${part}" (cần số proxy, ví dụ 1, hoặc địa chỉ IP/mạng, ví dụ 10.0.0.1 hay 10.0.0.0/8, loopback).`);
  }
  return parts.join(',');
}

/** The data-encryption key ring: SIGNING_KEY, the previous one, and the session-derived keys of earlier releases. */
export function keyRingOf(config: Pick<Config, 'signingKey' | 'signingKeyPrevious' | 'sessionSecret' | 'sessionSecretPrevious'>): KeyRing {
  return createKeyRing({
    current: config.signingKey,
    previous: config.signingKeyPrevious,
    legacySessionSecrets: [config.sessionSecret, ...config.sessionSecretPrevious],
  });
}
