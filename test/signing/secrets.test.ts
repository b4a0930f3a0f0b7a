import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { decryptSecret, deriveMasterKey, encryptSecret, SecretDecryptError } from '../../server/signing/index.ts';

describe('signing: secrets at rest (AES-256-GCM)', () => {
  const key = deriveMasterKey('a-session-secret-of-enough-length-for-tests');
  const plain = randomBytes(3000); // about the size of a P12

  it('round-trips, with a fresh IV each time', () => {
    const a = encryptSecret(plain, key, 'p12:account:42');
    const b = encryptSecret(plain, key, 'p12:account:42');
    expect(a.equals(b)).to.equal(false);
    expect(a.length).to.equal(plain.length + 1 + 12 + 16);
    expect(decryptSecret(a, key, 'p12:account:42').equals(plain)).to.equal(true);
    expect(decryptSecret(encryptSecret(Buffer.alloc(0), key), key).length).to.equal(0);
    const password = Buffer.from('mật khẩu', 'utf8');
    expect(decryptSecret(encryptSecret(password, key), key).toString('utf8')).to.equal('mật khẩu');
  });

  it('any flipped byte (version, IV, tag, body, last byte) → SecretDecryptError', () => {
    const sealed = encryptSecret(plain, key, 'ctx');
    for (const at of [0, 1, 12, 13, 28, 29, 500, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[at] = tampered[at]! ^ 0x80;
      expect(() => decryptSecret(tampered, key, 'ctx'), `byte ${at}`).to.throw(SecretDecryptError, /Không giải mã được/);
    }
  });

  it('wrong key, wrong context, truncated or appended data → SecretDecryptError', () => {
    const sealed = encryptSecret(plain, key, 'p12:account:42');
    const other = deriveMasterKey('another-session-secret-of-enough-length');
    expect(() => decryptSecret(sealed, other, 'p12:account:42')).to.throw(SecretDecryptError);
    expect(() => decryptSecret(sealed, key, 'p12:account:43')).to.throw(SecretDecryptError);
    expect(() => decryptSecret(sealed.subarray(0, 20), key, 'p12:account:42')).to.throw(SecretDecryptError);
    expect(() => decryptSecret(sealed.subarray(0, sealed.length - 1), key, 'p12:account:42')).to.throw(SecretDecryptError);
    expect(() => decryptSecret(Buffer.concat([sealed, Buffer.from([0])]), key, 'p12:account:42')).to.throw(SecretDecryptError);
  });

  it('derives stable, purpose-separated 32-byte keys; refuses short secrets and wrong key sizes', () => {
    expect(deriveMasterKey('s'.repeat(32)).equals(deriveMasterKey('s'.repeat(32)))).to.equal(true);
    expect(deriveMasterKey('s'.repeat(32)).length).to.equal(32);
    expect(deriveMasterKey('s'.repeat(32), 'a').equals(deriveMasterKey('s'.repeat(32), 'b'))).to.equal(false);
    expect(() => deriveMasterKey('short')).to.throw(RangeError);
    expect(() => encryptSecret(plain, Buffer.alloc(16))).to.throw(RangeError);
    expect(() => decryptSecret(plain, Buffer.alloc(31))).to.throw(RangeError);
  });
});
