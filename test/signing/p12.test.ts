import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import {
  checkValidityAt, generateSelfSignedP12, inspectP12, openP12, SIGNING_MESSAGES, type SigningRefusal,
} from '../../server/signing/index.ts';
import { rsaKeyPem, simplePdf, withOpenssl } from './helpers.ts';

const FROM = new Date('2026-01-01T00:00:00Z');
const TO = new Date('2027-12-31T23:59:59Z');

describe('signing: P12 certificates', () => {
  let keyPem: string;
  let p12: Buffer;

  before(() => {
    keyPem = rsaKeyPem();
    p12 = generateSelfSignedP12({
      commonName: 'Ủy ban nhân dân xã Tân Uyên', organization: 'UBND xã Tân Uyên', password: 'đúng',
      validFrom: FROM, validTo: TO, privateKeyPem: keyPem, serialHex: '1a2b3c',
    });
  });

  it('reads subject, validity and serial of a generated certificate (NFC, Vietnamese letters intact)', () => {
    const info = inspectP12(p12, 'đúng');
    if (!info.ok) throw new Error(info.reason);
    expect(info.subject).to.equal('CN=Ủy ban nhân dân xã Tân Uyên, O=UBND xã Tân Uyên, C=VN');
    expect(info.commonName).to.equal('Ủy ban nhân dân xã Tân Uyên');
    expect(info.issuer).to.equal(info.subject);
    expect(info.selfSigned).to.equal(true);
    expect(info.notBefore.toISOString()).to.equal('2026-01-01T00:00:00.000Z');
    expect(info.notAfter.toISOString()).to.equal('2027-12-31T23:59:59.000Z');
    expect(info.serial).to.equal('1a2b3c');
    expect(info.fingerprintSha256).to.match(/^[0-9a-f]{64}$/);
  });

  it('a new key and a random positive serial when none is given', () => {
    const other = generateSelfSignedP12({ commonName: 'A', organization: 'B', password: 'p', validFrom: FROM, validTo: TO });
    const info = inspectP12(other, 'p');
    if (!info.ok) throw new Error(info.reason);
    expect(info.serial).to.match(/^[1-7][0-9a-f]{31}$/);
    expect(info.fingerprintSha256).to.not.equal((inspectP12(p12, 'đúng') as { fingerprintSha256: string }).fingerprintSha256);
  });

  it('refuses: wrong password, not a P12 (text, a PDF, empty), no private key', async () => {
    const opened = openP12(p12, 'đúng');
    if (!opened.ok) throw new Error(opened.reason);
    const certOnly = Buffer.from(forge.asn1.toDer(
      forge.pkcs12.toPkcs12Asn1(null, [opened.opened.certificate], 'p', { algorithm: 'aes256' }),
    ).getBytes(), 'binary');
    const cases: Array<[string, Buffer, string, SigningRefusal]> = [
      ['wrong password', p12, 'sai', 'WRONG_PASSWORD'],
      ['empty password', p12, '', 'WRONG_PASSWORD'],
      ['text', Buffer.from('-----BEGIN CERTIFICATE-----'), 'x', 'NOT_A_P12'],
      ['a PDF', await simplePdf(), 'x', 'NOT_A_P12'],
      ['empty file', Buffer.alloc(0), 'x', 'NOT_A_P12'],
      ['a truncated P12', p12.subarray(0, 200), 'đúng', 'NOT_A_P12'],
      ['certificate without key', certOnly, 'p', 'NO_KEY'],
    ];
    for (const [label, file, password, reason] of cases) {
      expect(inspectP12(file, password), label).to.deep.equal({ ok: false, reason });
    }
  });

  it('a P12 without a MAC opened with the wrong password is still WRONG_PASSWORD', () => {
    const opened = openP12(p12, 'đúng');
    if (!opened.ok) throw new Error(opened.reason);
    const noMac = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(
      opened.opened.key, [opened.opened.certificate], 'right', { algorithm: 'aes256', useMac: false },
    )).getBytes(), 'binary');
    expect(inspectP12(noMac, 'right').ok).to.equal(true);
    expect(inspectP12(noMac, 'wrong')).to.deep.equal({ ok: false, reason: 'WRONG_PASSWORD' });
  });

  it('refuses an EC key (forge signs with RSA only) as UNSUPPORTED_KEY', function () {
    const ec = withOpenssl(
      'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout k.pem -out c.pem -days 30 ' +
        '-subj "/CN=EC" 2>/dev/null && openssl pkcs12 -export -inkey k.pem -in c.pem -out e.p12 -passout pass:pw',
      (dir) => readFileSync(join(dir, 'e.p12')),
    );
    if (!ec) this.skip();
    expect(inspectP12(ec!, 'pw')).to.deep.equal({ ok: false, reason: 'UNSUPPORTED_KEY' });
  });

  describe('validity on an injected instant (RFC 5280: both ends inclusive)', () => {
    const cases: Array<[string, Date, { ok: true } | { ok: false; reason: string }]> = [
      ['a millisecond before notBefore', new Date(FROM.getTime() - 1), { ok: false, reason: 'NOT_YET_VALID' }],
      ['at notBefore', FROM, { ok: true }],
      ['in between', new Date('2026-07-01T00:00:00Z'), { ok: true }],
      ['at notAfter', TO, { ok: true }],
      ['a millisecond after notAfter', new Date(TO.getTime() + 1), { ok: false, reason: 'EXPIRED' }],
    ];
    for (const [label, now, expected] of cases) {
      it(label, () => {
        expect(checkValidityAt({ notBefore: FROM, notAfter: TO }, now)).to.deep.equal(expected);
        const inspected = inspectP12(p12, 'đúng', now);
        expect(expected.ok ? inspected.ok : inspected).to.deep.equal(expected.ok ? true : expected);
      });
    }
  });

  it('has a Vietnamese message for every refusal', () => {
    const reasons: SigningRefusal[] = ['NOT_A_P12', 'WRONG_PASSWORD', 'NO_KEY', 'UNSUPPORTED_KEY', 'EXPIRED', 'NOT_YET_VALID'];
    expect(Object.keys(SIGNING_MESSAGES).sort()).to.deep.equal([...reasons].sort());
    for (const reason of reasons) expect(SIGNING_MESSAGES[reason]).to.match(/[ăâđêôơưạ-ỹ]/i);
  });

  it('the generated P12 opens in OpenSSL with its password (UTF8String subject)', function () {
    const subject = withOpenssl(
      'openssl pkcs12 -in g.p12 -nokeys -passin pass:p 2>/dev/null | openssl x509 -noout -subject -nameopt utf8,sep_comma_plus_space',
      (_dir, stdout) => stdout.trim(),
      { 'g.p12': generateSelfSignedP12({ commonName: 'Lò Thị Ươm', organization: 'Đảng ủy xã Tân Uyên', password: 'p', validFrom: FROM, validTo: TO, privateKeyPem: keyPem }) },
    );
    if (subject === null) this.skip();
    expect(subject!.replace(/ = /g, '=')).to.equal('subject=C=VN, O=Đảng ủy xã Tân Uyên, CN=Lò Thị Ươm');
  });
});
