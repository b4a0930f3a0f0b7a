// The issued files as renderIssuedFiles makes them: every font of the signed PDF embedded (the QR caption is drawn
// by the renderer in Liberation Serif, pdffonts), the signature still valid (pdfsig), the seal over the signature's
// left third without covering the position line or the name, and the short code and address in the DOCX too.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTemplateSource, renderPdf, renderTemplate, sampleDataFor } from '../../server/documents/index.ts';
import { pageBox, profileFor } from '../../server/documents/layout.ts';
import { renderIssuedFiles } from '../../server/services/issuance.ts';
import { locateSignatureSpace, signatureImagesStamp, type SignatureSpace } from '../../server/services/pdf-stamp.ts';
import { demoImages, generateSelfSignedP12 } from '../../server/signing/index.ts';
import { hasCommand, pdfsig } from '../signing/helpers.ts';
import { readPdf, unzip } from '../documents/helpers.ts';

const SAMPLES = ['ubnd-quyet-dinh-bo-nhiem', 'giay-moi', 'dang-uy-thong-bao-ket-luan', 'hdnd-nghi-quyet-ban-hanh-quy-che'];

describe('services — issued files (fonts, QR caption, seal, DOCX verification line)', function () {
  this.timeout(120000);
  const password = 'mat-khau';
  const p12 = generateSelfSignedP12({ commonName: 'Ủy ban nhân dân xã Tân Uyên', organization: 'UBND', password, validFrom: new Date('2026-01-01'), validTo: new Date('2028-01-01') });
  const certificate = { row: { selfSigned: true, id: 0, subject: 'test' } as never, p12, password };
  const issue = (key: string, code = 'ABCDE12345') => {
    const desc = renderTemplate(key, loadTemplateSource(key), sampleDataFor(key));
    return renderIssuedFiles({ desc, numberSymbol: '01/QĐ-UBND', code, url: `https://tanuyen.example.vn/tra-cuu/${code}`, certificate,
      signerName: desc.signatures.at(-1)!.name, place: 'Tân Uyên, Lai Châu', signingTime: new Date('2026-11-22T03:00:00Z') });
  };

  (hasCommand('pdffonts') ? it : it.skip)('every font of each signed PDF is embedded (pdffonts), and pdfsig still finds the signature valid', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'issued-'));
    try {
      for (const key of SAMPLES) {
        const files = await issue(key);
        const file = path.join(dir, `${key}.pdf`);
        fs.writeFileSync(file, files.signedPdf);
        const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
        expect(rows.length, key).to.be.greaterThan(0);
        for (const row of rows) {
          expect(row, key).to.match(/LiberationSerif/);
          expect(row.split(/\s+/).slice(-5, -2), `${key}: ${row}`).to.deep.equal(['yes', 'yes', 'yes']); // emb sub uni
        }
        if (hasCommand('pdfsig')) expect(pdfsig(files.signedPdf), key).to.include('Signature is Valid.');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the caption beside the QR code is text in Liberation Serif in the bottom margin of page 1', async () => {
    const files = await issue('ubnd-quyet-dinh-bo-nhiem', 'QRC0DE7777');
    const [page1] = await readPdf(files.signedPdf);
    const code = page1!.items.find((i) => i.text.includes('Mã xác minh: QRC0DE7777'))!;
    const url = page1!.items.find((i) => i.text.includes('https://tanuyen.example.vn/tra-cuu/QRC0DE7777'))!;
    expect(code.font).to.equal('LiberationSerif');
    expect(code.baseline).to.be.greaterThan(page1!.height - 20 * 72 / 25.4); // in the bottom margin
    expect(url.baseline).to.be.greaterThan(code.baseline);
    expect(url.x + url.width).to.be.at.most(pageBox(profileFor('state')).right + 0.5);
  });

  it('the issued DOCX carries the short code, the address and the QR image in the first page\'s footer', async () => {
    const files = await issue('giay-moi', 'D0CX0CODE1');
    const parts = unzip(files.docx);
    const footers = [...parts.entries()].filter(([name]) => /^word\/footer\d*\.xml$/.test(name)).map(([, data]) => data.toString('utf8'));
    const withCode = footers.find((x) => x.includes('Mã xác minh: D0CX0CODE1'));
    expect(withCode, 'a footer with the code').to.not.equal(undefined);
    expect(withCode).to.include('https://tanuyen.example.vn/tra-cuu/D0CX0CODE1').and.include('<a:blip');
    expect([...parts.keys()].some((name) => /^word\/media\/.+\.png$/.test(name))).to.equal(true);
    expect(parts.get('word/document.xml')!.toString('utf8')).to.include('w:titlePg');
  });

  describe('seal placement (NĐ 30/2020 Phụ lục I §II.7–8)', () => {
    const images = demoImages();
    const sealOf = (ops: string) => {
      const m = /q ([\d.]+) 0 0 ([\d.]+) ([\d.-]+) ([\d.-]+) cm \/ImSeal Do Q/.exec(ops)!;
      const d = Number(m[1]);
      return { d, cx: Number(m[3]) + d / 2, cy: Number(m[4]) + d / 2 };
    };
    const sigOf = (ops: string) => {
      const m = /q ([\d.]+) 0 0 ([\d.]+) ([\d.-]+) ([\d.-]+) cm \/ImSig Do Q/.exec(ops)!;
      return { w: Number(m[1]), h: Number(m[2]), x: Number(m[3]), y: Number(m[4]) };
    };
    /** Where the stamp puts the seal and the signature image for a signing space. */
    const placed = (space: SignatureSpace) => {
      const { ops } = signatureImagesStamp(space, images);
      return { seal: sealOf(ops), sig: sigOf(ops) };
    };
    /** The widest the seal reaches to the right at height y (0 when it does not reach y). */
    const reach = (s: { d: number; cx: number; cy: number }, y: number) => {
      const dy = Math.abs(y - s.cy);
      return dy >= s.d / 2 ? -Infinity : s.cx + Math.sqrt((s.d / 2) ** 2 - dy * dy);
    };

    it('on the bổ nhiệm sample: real size, over the signature\'s left third, clear of "CHỦ TỊCH" and the name', async () => {
      const desc = renderTemplate('ubnd-quyet-dinh-bo-nhiem', loadTemplateSource('ubnd-quyet-dinh-bo-nhiem'), sampleDataFor('ubnd-quyet-dinh-bo-nhiem'));
      const pdf = await renderPdf(desc);
      const box = pageBox(profileFor('state'));
      const f = profileFor('state').signatureLeftFraction;
      const space = locateSignatureSpace(pdf, { left: box.left + box.width * f, width: box.width * (1 - f) })!;
      expect(space.titleLeft).to.be.a('number');
      expect(space.nameLeft).to.be.a('number');
      const { seal, sig } = placed(space);
      expect(seal.d).to.be.closeTo(images.seal!.widthMm * 72 / 25.4, 0.05);
      const right = seal.cx + seal.d / 2;
      expect(right).to.be.within(sig.x + sig.w / 6 - 0.01, sig.x + sig.w / 3 + 0.01);
      // the position line's glyphs sit just above its baseline, the name's just above its own
      expect(reach(seal, space.top - 4)).to.be.at.most(space.titleLeft!);
      expect(reach(seal, space.bottom + 11)).to.be.at.most(space.nameLeft!);
      expect(seal.cy).to.be.closeTo((space.top - 4 + space.bottom + 11) / 2, 0.01);
    });

    it('with room enough the seal stays inside the gap and its right edge is at a third of the signature', () => {
      const space: SignatureSpace = { centreX: 400, top: 400, bottom: 250, titleLeft: 370, nameLeft: 350 };
      const { seal, sig } = placed(space);
      expect(seal.cx + seal.d / 2).to.be.closeTo(sig.x + sig.w / 3, 0.01);
      expect(seal.cy + seal.d / 2).to.be.at.most(space.top - 4 + 0.01);
      expect(seal.cy - seal.d / 2).to.be.at.least(space.bottom + 11 - 0.01);
    });

    it('a wide name under a tight gap: the seal moves left but keeps a sixth of the signature under it', () => {
      const space: SignatureSpace = { centreX: 400, top: 330, bottom: 270, titleLeft: 300, nameLeft: 300 };
      const { seal, sig } = placed(space);
      expect(seal.cx + seal.d / 2).to.be.closeTo(sig.x + sig.w / 6, 0.01);
    });
  });
});
