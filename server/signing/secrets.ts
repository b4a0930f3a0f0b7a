// Encryption at rest for an uploaded P12 and its password: AES-256-GCM under a master key that the caller
// derives from the server's secret (deriveMasterKey) and never stores.
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
