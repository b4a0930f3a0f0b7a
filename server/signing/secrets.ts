// Encryption at rest for an uploaded P12 and its password, and for TOTP secrets: AES-256-GCM under keys derived
// (HKDF) from SIGNING_KEY, which is never stored. Version 1 helpers first (kept to open what earlier releases wrote),
// then the key ring that new ciphertexts use.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export class SecretDecryptError extends Error {
  constructor() {
    super('Không giải mã được dữ liệu chữ ký số đã lưu (sai khóa hoặc dữ liệu đã bị thay đổi).');
    this.name = 'SecretDecryptError';
  }
}

/**
 * A 32-byte key for one purpose from a high-entropy server secret (e.g. SESSION_SECRET) with HKDF-SHA-256;
 * different purposes give unrelated keys, so a session secret leak of one use does not reuse the other.
 */
export function deriveMasterKey(serverSecret: string | Buffer, purpose = 'signing-p12-at-rest'): Buffer {
  const ikm = typeof serverSecret === 'string' ? Buffer.from(serverSecret, 'utf8') : serverSecret;
  if (ikm.length < 16) throw new RangeError('Khóa bí mật của máy chủ quá ngắn (cần ít nhất 16 byte).');
  return Buffer.from(hkdfSync('sha256', ikm, 'commune-meetings', `commune-meetings/${purpose}`, 32));
}

function checkKey(masterKey: Buffer): void {
  if (masterKey.length !== 32) throw new RangeError('Khóa mã hóa phải dài 32 byte (AES-256).');
}

/**
 * Encrypts `plain` as version(1) ‖ iv(12) ‖ tag(16) ‖ ciphertext. `context` (e.g. "p12:account:42") is
 * authenticated but not stored: a ciphertext copied to another row fails to decrypt there.
 */
export function encryptSecret(plain: Buffer, masterKey: Buffer, context = ''): Buffer {
  checkKey(masterKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(`v${VERSION}|${context}`, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Throws SecretDecryptError for a wrong key, a wrong context, or any changed byte. */
export function decryptSecret(sealed: Buffer, masterKey: Buffer, context = ''): Buffer {
  checkKey(masterKey);
  if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) throw new SecretDecryptError();
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`v${VERSION}|${context}`, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new SecretDecryptError();
  }
}

// ── The data-encryption key ring (SIGNING_KEY) ─────────────────────────────────────────────────────────────────
// Certificates and TOTP secrets are sealed under SIGNING_KEY, a secret of its own (no longer derived from
// SESSION_SECRET). Each ciphertext names its key: version 2 is 2 ‖ key id(4) ‖ iv(12) ‖ tag(16) ‖ ciphertext, the key
// id being a fingerprint of the key (never the key). Version 1 (above) is what earlier releases wrote under the key
// derived from SESSION_SECRET; it still opens with the ring's legacy keys until `npm run rotate-signing-key`
// re-encrypts it under the current key.

const VERSION_2 = 2;
const KEY_ID_BYTES = 4;
const HEADER_2 = 1 + KEY_ID_BYTES + IV_BYTES + TAG_BYTES;

export interface DataKey {
  /** 8 hex characters: a fingerprint, stored beside each ciphertext. */
  id: string;
  root: Buffer;
}

export interface KeyRing {
  current: DataKey;
  /** Earlier SIGNING_KEY values: opened, never written. */
  previous: DataKey[];
  /** Keys derived from the session secrets the way version 1 did (SESSION_SECRET and SESSION_SECRET_PREVIOUS). */
  legacy: Buffer[];
}

export function dataKey(secret: string | Buffer): DataKey {
  const root = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (root.length < 16) throw new RangeError('Khóa bí mật quá ngắn (cần ít nhất 16 byte).');
  const id = Buffer.from(hkdfSync('sha256', root, 'commune-meetings', 'commune-meetings/key-id', KEY_ID_BYTES)).toString('hex');
  return { id, root };
}

export function createKeyRing(opts: { current: string | Buffer; previous?: (string | Buffer)[]; legacySessionSecrets?: string[] }): KeyRing {
  return {
    current: dataKey(opts.current),
    previous: (opts.previous ?? []).map(dataKey),
    legacy: (opts.legacySessionSecrets ?? []).filter((s) => s.length >= 16).map((s) => deriveMasterKey(s)),
  };
}

const purposeKey = (k: DataKey, purpose: string) => deriveMasterKey(k.root, purpose);
const aad2 = (keyId: string, context: string) => Buffer.from(`v2|${keyId}|${context}`, 'utf8');

/** Seals under the ring's current key, for one purpose ('signing-p12-at-rest', 'totp-secret') and one row (context). */
export function sealSecret(ring: KeyRing, purpose: string, plain: Buffer, context: string): Buffer {
  const key = purposeKey(ring.current, purpose);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad2(ring.current.id, context));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION_2]), Buffer.from(ring.current.id, 'hex'), iv, cipher.getAuthTag(), body]);
}

/** The key id a ciphertext was sealed under; 'legacy' for version 1 (session-derived key). */
export function sealedKeyId(sealed: Buffer): string {
  if (sealed.length >= HEADER_2 && sealed[0] === VERSION_2) return sealed.subarray(1, 1 + KEY_ID_BYTES).toString('hex');
  return 'legacy';
}

/** Opens a version 1 or 2 ciphertext with whichever key of the ring it names; SecretDecryptError otherwise. */
export function openSecret(ring: KeyRing, purpose: string, sealed: Buffer, context: string): Buffer {
  if (sealed[0] === VERSION) {
    // Version 1 only ever held certificates, under deriveMasterKey(SESSION_SECRET) with the default purpose.
    for (const key of ring.legacy) {
      try {
        return decryptSecret(sealed, key, context);
      } catch { /* try the next */ }
    }
    throw new SecretDecryptError();
  }
  if (sealed.length < HEADER_2 || sealed[0] !== VERSION_2) throw new SecretDecryptError();
  const id = sealedKeyId(sealed);
  const key = [ring.current, ...ring.previous].find((k) => k.id === id);
  if (!key) throw new SecretDecryptError();
  const iv = sealed.subarray(1 + KEY_ID_BYTES, 1 + KEY_ID_BYTES + IV_BYTES);
  const tag = sealed.subarray(1 + KEY_ID_BYTES + IV_BYTES, HEADER_2);
  try {
    const decipher = createDecipheriv('aes-256-gcm', purposeKey(key, purpose), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad2(id, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_2)), decipher.final()]);
  } catch {
    throw new SecretDecryptError();
  }
}
