import { expect } from 'chai';
import { normalizeShortCode, qrPng, qrSvg, shortCode, verificationUrl } from '../../server/signing/index.ts';

describe('signing: QR and verification codes', () => {
  it('short codes: 10 Crockford base32 characters, no I L O U', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = shortCode();
      expect(code).to.match(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);
      seen.add(code);
    }
    expect(seen.size).to.equal(500);
  });

  it('short codes from an injected random source are deterministic', () => {
    const bytes = Buffer.from([0, 1, 10, 17, 18, 21, 22, 27, 31, 32 + 5]); // 37 & 31 = 5
    expect(shortCode(10, () => bytes)).to.equal('01AHJNPVZ5'); // 20 = M, 21 = N, 22 = P: index = byte & 31
    expect(() => shortCode(3)).to.throw(RangeError);
  });

  const typed: Array<[string, string | null]> = [
    ['01ahjmnvz5', '01AHJMNVZ5'],
    ['01AHJ-MNVZ5', '01AHJMNVZ5'],
    [' 01ahj mnvz5 ', '01AHJMNVZ5'],
    ['OIAHJMNVZ5', '01AHJMNVZ5'], // O → 0, I → 1
    ['0LAHJMNVZ5', '01AHJMNVZ5'], // L → 1
    ['01AHJMNVZU', null], // U is not a Crockford symbol
    ['01AHJMNVZ', null],
    ['01AHJMNVZ55', null],
  ];
  for (const [input, expected] of typed) {
    it(`typed "${input}" → ${expected}`, () => expect(normalizeShortCode(input)).to.equal(expected));
  }

  it('composes the public verification URL', () => {
    expect(verificationUrl('https://tanuyen.example.vn', 'ABC123DEFG')).to.equal('https://tanuyen.example.vn/xac-minh/ABC123DEFG');
    expect(verificationUrl('https://tanuyen.example.vn/', 'ABC123DEFG')).to.equal('https://tanuyen.example.vn/xac-minh/ABC123DEFG');
    expect(verificationUrl('https://example.vn/hop/', 'ABC123DEFG')).to.equal('https://example.vn/hop/xac-minh/ABC123DEFG');
    expect(verificationUrl('http://127.0.0.1:3000', 'X')).to.equal('http://127.0.0.1:3000/xac-minh/X');
    expect(() => verificationUrl('javascript:alert(1)', 'X')).to.throw(RangeError);
    expect(() => verificationUrl('not a url', 'X')).to.throw();
  });

  it('renders a PNG of the requested width and an SVG', async () => {
    const url = verificationUrl('https://tanuyen.example.vn', 'ABC123DEFG');
    const png = await qrPng(url, 240);
    expect(png.subarray(0, 8).toString('hex')).to.equal('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).to.equal(240);
    expect(png.readUInt32BE(20)).to.equal(240);
    const svg = await qrSvg(url);
    expect(svg).to.match(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).to.include('<path');
  });
});
