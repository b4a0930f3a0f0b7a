// TOTP against the RFCs' own test vectors: RFC 4226 Appendix D (HOTP), RFC 6238 Appendix B (TOTP, SHA-1/256/512),
// RFC 4648 §10 (base32); then the window and the replay rule the log-in relies on.
import { expect } from 'chai';
import {
  base32Decode, base32Encode, formatRecoveryCode, hotp, matchTotp, normaliseRecoveryCode, otpauthUri, totp, totpStep,
} from '../../server/domain/totp.ts';

const SEED_SHA1 = Buffer.from('12345678901234567890', 'ascii');
const SEED_SHA256 = Buffer.from('12345678901234567890123456789012', 'ascii');
const SEED_SHA512 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii');

describe('HOTP — RFC 4226 Appendix D', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => it(`counter ${counter} → ${code}`, () => expect(hotp(SEED_SHA1, counter)).to.equal(code)));
});

describe('TOTP — RFC 6238 Appendix B (8 digits, 30 s steps)', () => {
  const table: [number, string, string, string][] = [
    // time (s), SHA-1, SHA-256, SHA-512
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  for (const [t, sha1, sha256, sha512] of table) {
    it(`T = ${t}`, () => {
      expect(totp(SEED_SHA1, t, 8, 'sha1')).to.equal(sha1);
      expect(totp(SEED_SHA256, t, 8, 'sha256')).to.equal(sha256);
      expect(totp(SEED_SHA512, t, 8, 'sha512')).to.equal(sha512);
    });
  }
  it('6 digits are the last six of the 8-digit value (what the apps show)', () => {
    expect(totp(SEED_SHA1, 59)).to.equal('287082');
    expect(totp(SEED_SHA1, 1111111109)).to.equal('081804');
  });
  it('steps: 0–29 s is step 0, 30 s starts step 1', () => {
    expect([0, 29, 30, 59, 60].map(totpStep)).to.deep.equal([0, 0, 1, 1, 2]);
  });
});

describe('base32 — RFC 4648 §10', () => {
  const table: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
  for (const [plain, encoded] of table) {
    it(`"${plain}" ↔ "${encoded}"`, () => {
      expect(base32Encode(Buffer.from(plain))).to.equal(encoded);
      expect(base32Decode(encoded)!.toString()).to.equal(plain);
    });
  }
  it('decoding ignores spaces, hyphens, padding and case; refuses other characters', () => {
    expect(base32Decode('mzxw 6ytb-oi======')!.toString()).to.equal('foobar');
    expect(base32Decode('MZXW1')).to.equal(null);
  });
  it('a 20-byte secret is 32 characters', () => expect(base32Encode(SEED_SHA1)).to.equal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'));
});

describe('matchTotp — ±1 step, never a step already used', () => {
  const now = 1_700_000_000; // step 56666666
  const step = totpStep(now);
  const code = (s: number) => hotp(SEED_SHA1, s);
  const table: [string, string, number | null, number | null][] = [
    ['the current code', code(step), null, step],
    ['the previous step (a slow phone)', code(step - 1), null, step - 1],
    ['the next step (a fast phone)', code(step + 1), null, step + 1],
    ['two steps old', code(step - 2), null, null],
    ['two steps ahead', code(step + 2), null, null],
    ['the current code once its step was used', code(step), step, null],
    ['an older code after a newer one was used', code(step - 1), step, null],
    ['the next code after the current was used', code(step + 1), step, step + 1],
    ['five digits', code(step).slice(1), null, null],
    ['letters', 'abcdef', null, null],
    ['seven digits', code(step) + '0', null, null],
  ];
  for (const [name, c, lastStep, expected] of table) {
    it(name, () => expect(matchTotp(SEED_SHA1, c, now, lastStep)).to.equal(expected));
  }
});

describe('otpauth URI and recovery codes', () => {
  it('names issuer, account, SHA1, 6 digits, 30 s', () => {
    const uri = otpauthUri(SEED_SHA1, 'admin.tanuyen', 'Họp xã');
    expect(uri).to.match(/^otpauth:\/\/totp\/H%E1%BB%8Dp%20x%C3%A3%3Aadmin\.tanuyen\?/);
    const params = new URL(uri).searchParams;
    expect(Object.fromEntries(params)).to.deep.equal({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', issuer: 'Họp xã', algorithm: 'SHA1', digits: '6', period: '30' });
  });
  it('recovery codes are typed with or without hyphens, in any case', () => {
    expect(normaliseRecoveryCode('ABCD-efgh-2345-67ab')).to.equal('abcdefgh234567ab');
    expect(normaliseRecoveryCode(' abcdefgh234567ab ')).to.equal('abcdefgh234567ab');
    expect(normaliseRecoveryCode('abcd-efgh-2345-67a')).to.equal(null);
    expect(normaliseRecoveryCode('abcd-efgh-2345-67a1')).to.equal(null); // 1 is not base32
    expect(formatRecoveryCode('abcdefgh234567ab')).to.equal('abcd-efgh-2345-67ab');
  });
});
