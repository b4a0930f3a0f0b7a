import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateSelfSignedP12, inspectP12, readSignedRange, sha256Hex, signPdf, SigningError, type SignPdfOptions,
} from '../../server/signing/index.ts';
import { loadTemplateSource, renderPdf, renderTemplate, sampleDataFor } from '../../server/documents/index.ts';
import { hasCommand, pdfsig, rsaKeyPem, simplePdf, TEST_TITLE, withOpenssl } from './helpers.ts';

const PASSWORD = 'mật khẩu 2026';
const SIGNING_TIME = new Date('2026-03-25T08:30:00+07:00');

describe('signing: PDF signatures (verified with pdfsig)', () => {
  let keyPem: string;
  let p12: Buffer;
  let pdf: Buffer;
  let signed: Buffer;
  const options = (over: Partial<SignPdfOptions> = {}): SignPdfOptions => ({
    p12, password: PASSWORD, reason: 'Ký ban hành Nghị quyết số 05/NQ-HĐND', location: 'Tân Uyên, Lai Châu',
    signerName: 'Lò Văn Thắng', signingTime: SIGNING_TIME, ...over,
  });

  before(async () => {
    keyPem = rsaKeyPem();
    // Vietnamese letters in both subject and issuer: the case stock P12Signer gets wrong.
    p12 = generateSelfSignedP12({
      commonName: 'Lò Văn Thắng', organization: 'Hội đồng nhân dân xã Tân Uyên', password: PASSWORD,
      validFrom: new Date('2026-01-01T00:00:00Z'), validTo: new Date('2028-12-31T23:59:59Z'), privateKeyPem: keyPem,
    });
    pdf = await simplePdf();
    signed = await signPdf(pdf, options());
  });

  function requirePdfsig(ctx: Mocha.Context): void {
    if (!hasCommand('pdfsig')) ctx.skip();
  }

  it('appends an incremental update: the original bytes stay the prefix of the signed file', () => {
    expect(signed.length).to.be.greaterThan(pdf.length);
    expect(signed.subarray(0, pdf.length - 1).equals(pdf.subarray(0, pdf.length - 1))).to.equal(true);
  });

  it('the byte range covers the whole file except the signature', () => {
    const range = readSignedRange(signed)!;
    const [a, b, c, d] = range.byteRange;
    expect(a).to.equal(0);
    expect(c + d).to.equal(signed.length);
    expect(signed.toString('latin1', b, b + 1)).to.equal('<');
    expect(signed.toString('latin1', c - 1, c)).to.equal('>');
    expect(range.signedDigestHex).to.match(/^[0-9a-f]{64}$/);
    expect(readSignedRange(pdf)).to.equal(null);
    expect(sha256Hex(Buffer.from('abc'))).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('pdfsig: "Signature is Valid.", the Vietnamese signer name, SHA-256, the whole document signed', function () {
    requirePdfsig(this);
    const report = pdfsig(signed);
    expect(report).to.include('Signature is Valid.');
    expect(report).to.include('Signer Certificate Common Name: Lò Văn Thắng');
    expect(report).to.include('Signing Hash Algorithm: SHA-256');
    expect(report).to.include('Total document signed');
    expect(report).to.include('Signing Time: Mar 25 2026 01:30:00'); // pdfsig prints UTC
  });

  it('pdfsig: one flipped byte inside the signed range → "Digest Mismatch", not valid', function () {
    requirePdfsig(this);
    const at = signed.indexOf(TEST_TITLE, 0, 'latin1');
    const [, b] = readSignedRange(signed)!.byteRange;
    expect(at).to.be.within(1, b - 1);
    const tampered = Buffer.from(signed);
    tampered[at] = tampered[at]! ^ 0x01; // "N" → "O"
    const report = pdfsig(tampered);
    expect(report).to.include('Digest Mismatch');
    expect(report).to.not.include('Signature is Valid.');
  });

  it('signs a document rendered by renderPdf (HĐND resolution from its template)', async function () {
    const desc = renderTemplate('hdnd-nghi-quyet', loadTemplateSource('hdnd-nghi-quyet'), sampleDataFor('hdnd-nghi-quyet'));
    const rendered = await renderPdf(desc);
    const out = await signPdf(rendered, options());
    if (!hasCommand('pdfsig')) this.skip();
    expect(pdfsig(out)).to.include('Signature is Valid.');
  });

  it('refuses a wrong password, an expired and a not-yet-valid certificate (SigningError with the reason)', async () => {
    const expired = generateSelfSignedP12({
      commonName: 'Cán bộ cũ', organization: 'UBND xã Tân Uyên', password: PASSWORD,
      validFrom: new Date('2020-01-01T00:00:00Z'), validTo: new Date('2025-12-31T23:59:59Z'), privateKeyPem: keyPem,
    });
    const cases: Array<[Partial<SignPdfOptions>, string]> = [
      [{ password: 'sai' }, 'WRONG_PASSWORD'],
      [{ p12: expired }, 'EXPIRED'],
      [{ signingTime: new Date('2025-12-31T23:59:59Z') }, 'NOT_YET_VALID'],
      [{ p12: Buffer.from('not a p12') }, 'NOT_A_P12'],
    ];
    for (const [over, reason] of cases) {
      const error = await signPdf(pdf, options(over)).then(() => null, (e: unknown) => e);
      expect(error, reason).to.be.instanceOf(SigningError);
      expect((error as SigningError).reason).to.equal(reason);
      expect((error as SigningError).message).to.match(/[ăâđêôơưạ-ỹ]/i);
    }
  });

  it('signs with a P12 exported by OpenSSL 3 (AES-256, SHA-256 MAC) for a Vietnamese name', async function () {
    const made = withOpenssl(
      'openssl req -x509 -newkey rsa:2048 -nodes -keyout k.pem -out c.pem -days 3650 -utf8 ' +
        '-subj "/C=VN/O=UBND xã Tân Uyên/CN=Nguyễn Thị Hương" 2>/dev/null && ' +
        'openssl pkcs12 -export -inkey k.pem -in c.pem -out u.p12 -passout pass:pw',
      (dir) => readFileSync(join(dir, 'u.p12')),
    );
    if (!made) this.skip();
    const info = inspectP12(made!, 'pw');
    expect(info.ok && info.commonName).to.equal('Nguyễn Thị Hương');
    const now = info.ok ? new Date(info.notBefore.getTime() + 60_000) : SIGNING_TIME;
    const out = await signPdf(pdf, options({ p12: made!, password: 'pw', signingTime: now }));
    if (!hasCommand('pdfsig')) this.skip();
    const report = pdfsig(out);
    expect(report).to.include('Signature is Valid.');
    expect(report).to.include('Nguyễn Thị Hương');
  });
});
