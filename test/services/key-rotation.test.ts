// SIGNING_KEY is its own secret: certificates sealed by earlier releases under the SESSION_SECRET-derived key keep
// opening, and `npm run rotate-signing-key` (rotateDataKey) re-encrypts them — and TOTP secrets sealed under the
// previous SIGNING_KEY — under the current key, with audit rows; a record no key opens stops it with nothing changed.
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { accounts, accountTotp, auditLog, signingCertificates } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { keyRingOf, loadConfig, parseTrustProxy, ConfigError } from '../../server/config.ts';
import { createKeyRing, deriveMasterKey, encryptSecret, openSecret, sealedKeyId, sealSecret } from '../../server/signing/index.ts';
import { rotateDataKey, RotationError } from '../../server/services/key-rotation.ts';
import { CERTIFICATE_KEY_PURPOSE, certificateContext } from '../../server/services/certificates.ts';
import { TOTP_KEY_PURPOSE, totpContext } from '../../server/services/accounts.ts';
import { resetWithDemo, testDatabase } from '../support/db.ts';

const SESSION_SECRET = 'an-old-session-secret-of-enough-length-0001';
const OLD_KEY = 'the-previous-signing-key-0123456789abcdef';
const NEW_KEY = 'the-current-signing-key-fedcba9876543210';

describe('services — signing key rotation', () => {
  let database: Database;
  let communeId: number;
  let certId: number;
  let accountId: number;
  const p12 = Buffer.from('not really a p12, bytes are bytes');

  before(async () => {
    database = await testDatabase();
    communeId = (await resetWithDemo(database)).communeId;
    // A certificate as an earlier release stored it: version 1 under the key derived from SESSION_SECRET.
    const legacy = deriveMasterKey(SESSION_SECRET);
    const [cert] = await database.db.insert(signingCertificates).values({
      communeId, label: 'UBND', subject: 'CN=UBND', issuer: 'CN=UBND', serial: '01', fingerprintSha256: 'ab12', notBefore: new Date('2026-01-01'),
      notAfter: new Date('2027-01-01'), p12Sealed: encryptSecret(p12, legacy, certificateContext(communeId, 'ab12', 'p12')),
      passwordSealed: encryptSecret(Buffer.from('mật khẩu p12'), legacy, certificateContext(communeId, 'ab12', 'password')),
    }).returning();
    certId = cert.id;
    // A TOTP secret sealed under the previous SIGNING_KEY.
    [{ id: accountId }] = await database.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'thuky'));
    await database.db.insert(accountTotp).values({ accountId, createdAt: new Date(),
      secretSealed: sealSecret(createKeyRing({ current: OLD_KEY }), TOTP_KEY_PURPOSE, Buffer.from('twenty-byte-secret!!'), totpContext(accountId)) });
  });

  it('the ring opens the legacy certificate and the previous key\'s secret before any rotation', async () => {
    const ring = createKeyRing({ current: NEW_KEY, previous: [OLD_KEY], legacySessionSecrets: [SESSION_SECRET] });
    const [cert] = await database.db.select().from(signingCertificates).where(eq(signingCertificates.id, certId));
    expect(sealedKeyId(cert.p12Sealed)).to.equal('legacy');
    expect(openSecret(ring, CERTIFICATE_KEY_PURPOSE, cert.p12Sealed, certificateContext(communeId, 'ab12', 'p12')).equals(p12)).to.equal(true);
  });

  it('a record that no key of the ring opens stops the rotation, naming it, with nothing changed', async () => {
    const missingPrevious = createKeyRing({ current: NEW_KEY, legacySessionSecrets: [SESSION_SECRET] });
    let error: unknown;
    try { await rotateDataKey(database, missingPrevious); } catch (err) { error = err; }
    expect(error).to.be.instanceOf(RotationError);
    expect((error as Error).message).to.include(`tài khoản #${accountId}`).and.include('Không bản ghi nào bị thay đổi');
    const [cert] = await database.db.select().from(signingCertificates).where(eq(signingCertificates.id, certId));
    expect(sealedKeyId(cert.p12Sealed)).to.equal('legacy');
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, 'certificate.rekey'))).to.have.length(0);
  });

  it('re-encrypts everything under the current key, with audit rows; afterwards the current key alone opens it; a second run changes nothing', async () => {
    const ring = createKeyRing({ current: NEW_KEY, previous: [OLD_KEY], legacySessionSecrets: [SESSION_SECRET] });
    const report = await rotateDataKey(database, ring);
    expect(report).to.deep.include({ certificates: 1, totpSecrets: 1, keyId: ring.current.id });
    const only = createKeyRing({ current: NEW_KEY });
    const [cert] = await database.db.select().from(signingCertificates).where(eq(signingCertificates.id, certId));
    expect(sealedKeyId(cert.p12Sealed)).to.equal(only.current.id);
    expect(openSecret(only, CERTIFICATE_KEY_PURPOSE, cert.p12Sealed, certificateContext(communeId, 'ab12', 'p12')).equals(p12)).to.equal(true);
    expect(openSecret(only, CERTIFICATE_KEY_PURPOSE, cert.passwordSealed, certificateContext(communeId, 'ab12', 'password')).toString()).to.equal('mật khẩu p12');
    const [t] = await database.db.select().from(accountTotp).where(eq(accountTotp.accountId, accountId));
    expect(openSecret(only, TOTP_KEY_PURPOSE, t.secretSealed, totpContext(accountId)).toString()).to.equal('twenty-byte-secret!!');
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.entityId, String(certId)));
    expect(audits.find((a) => a.action === 'certificate.rekey')).to.deep.include({ before: { keyId: 'legacy' }, after: { keyId: ring.current.id } });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, 'account.totp_rekey'))).to.have.length(1);
    const again = await rotateDataKey(database, only);
    expect(again).to.deep.include({ certificates: 0, totpSecrets: 0, alreadyCurrent: 2 });
  });
});

describe('config — SIGNING_KEY, TRUST_PROXY, session secret rotation', () => {
  const prod = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) };

  it('production requires SIGNING_KEY (or SIGNING_KEY_FILE), 32+ characters, different from SESSION_SECRET', () => {
    expect(() => loadConfig(prod)).to.throw(ConfigError, /SIGNING_KEY/);
    expect(() => loadConfig({ ...prod, SIGNING_KEY: 'short' })).to.throw(ConfigError, /ít nhất 32/);
    expect(() => loadConfig({ ...prod, SIGNING_KEY: 's'.repeat(40) })).to.throw(ConfigError, /khác SESSION_SECRET/);
    expect(loadConfig({ ...prod, SIGNING_KEY: 'k'.repeat(40) }).signingKey).to.equal('k'.repeat(40));
    expect(() => loadConfig({ ...prod, SIGNING_KEY_FILE: '/nonexistent/key' })).to.throw(ConfigError, /SIGNING_KEY_FILE/);
  });

  it('reads the key from SIGNING_KEY_FILE (first line, trimmed); a dev default outside production', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'key-')), 'signing.key');
    fs.writeFileSync(file, `${'f'.repeat(48)}\n`);
    expect(loadConfig({ ...prod, SIGNING_KEY_FILE: file }).signingKey).to.equal('f'.repeat(48));
    const dev = loadConfig({});
    expect(dev.signingKey).to.match(/^dev-only/);
    expect(dev.signingKey).to.not.equal(dev.sessionSecret);
  });

  it('the key ring: SIGNING_KEY current, SIGNING_KEY_PREVIOUS and the session secrets (current and previous) for legacy records', () => {
    const c = loadConfig({ ...prod, SIGNING_KEY: 'k'.repeat(40), SIGNING_KEY_PREVIOUS: 'p'.repeat(40), SESSION_SECRET_PREVIOUS: 'o'.repeat(40) });
    expect(c.sessionSecretPrevious).to.deep.equal(['o'.repeat(40)]);
    const ring = keyRingOf(c);
    expect(ring.current.id).to.equal(createKeyRing({ current: 'k'.repeat(40) }).current.id);
    expect(ring.previous).to.have.length(1);
    expect(ring.legacy).to.have.length(2);
  });

  const table: [string | undefined, number | string | false | 'error'][] = [
    [undefined, false], ['', false], ['0', false], ['false', false], ['1', 1], ['2', 2], ['loopback', 'loopback'],
    ['10.0.0.1', '10.0.0.1'], ['10.0.0.0/8, 192.168.1.1', '10.0.0.0/8,192.168.1.1'], ['::1', '::1'], ['fd00::/8', 'fd00::/8'],
    ['true', 'error'], ['*', 'error'], ['10.0.0.0/33', 'error'], ['proxy.local', 'error'], ['loopback/8', 'error'],
  ];
  for (const [raw, expected] of table) {
    it(`TRUST_PROXY=${JSON.stringify(raw)} → ${expected}`, () => {
      if (expected === 'error') expect(() => parseTrustProxy(raw)).to.throw(ConfigError, /TRUST_PROXY/);
      else expect(parseTrustProxy(raw)).to.equal(expected);
    });
  }
});
