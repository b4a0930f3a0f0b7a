// The QR code printed on an issued document and the short code behind it, which opens the public
// verification page of that document.
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';

// Crockford base32: no I, L, O, U — nothing to misread when a code is typed from paper.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SHORT_CODE_LENGTH = 10; // 50 bits

/** A random code such as "7ZK3M9QD2X". `random` is injectable for tests. */
export function shortCode(length = SHORT_CODE_LENGTH, random: (n: number) => Buffer = randomBytes): string {
  if (!Number.isInteger(length) || length < 6 || length > 32) throw new RangeError(`Độ dài mã không hợp lệ: ${length}`);
  const bytes = random(length);
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD[bytes[i]! & 31];
  return out;
}

/**
 * A code as typed by a person, in canonical form, or null when it cannot be one: upper case, hyphens and
 * spaces dropped, O → 0, I and L → 1 (Crockford's decoding rules).
 */
export function normalizeShortCode(input: string, length = SHORT_CODE_LENGTH): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== length) return null;
  for (const ch of code) if (!CROCKFORD.includes(ch)) return null;
  return code;
}

export const VERIFY_PATH = '/xac-minh';

/** "https://tanuyen.example.vn/xac-minh/7ZK3M9QD2X" — the base may carry a path prefix; one slash between. */
export function verificationUrl(baseUrl: string, code: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError(`Địa chỉ gốc không hợp lệ: ${baseUrl}`);
  const prefix = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${prefix}${VERIFY_PATH}/${encodeURIComponent(code)}`;
}

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** A black-on-white PNG about `sizePx` wide (the module grid rounds it). */
export function qrPng(text: string, sizePx = 200): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...QR_OPTIONS, type: 'png', width: sizePx });
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...QR_OPTIONS, type: 'svg' });
}
