import { expect } from 'chai';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { demoImages, encodePng } from '../../server/signing/index.ts';

/** Decodes the RGBA PNGs this module writes (filter 0 only). */
function decode(png: Buffer): { width: number; height: number; rgba: Buffer; dpi: number | null } {
  expect(png.subarray(0, 8).toString('hex')).to.equal('89504e470d0a1a0a');
  let at = 8, width = 0, height = 0, dpi: number | null = null;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).to.deep.equal([8, 6]);
    }
    if (type === 'pHYs') dpi = Math.round(data.readUInt32BE(0) * 0.0254);
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).to.equal(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba, dpi };
}

function inkStats(rgba: Buffer): { transparent: number; opaque: number; colour: [number, number, number] } {
  let transparent = 0, opaque = 0;
  let colour: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] === 0) transparent++;
    if (rgba[i + 3] === 255) {
      opaque++;
      colour = [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!];
    }
  }
  return { transparent, opaque, colour };
}

describe('signing: demo signature and seal images (NĐ 30/2020 Phụ lục I: blue signature, red seal, transparent)', () => {
  it('the signature is a blue stroke on a transparent 50 × 20 mm image at 300 dpi', () => {
    const { signature } = demoImages();
    const img = decode(signature.png);
    expect([img.width, img.height, img.dpi]).to.deep.equal([591, 236, 300]);
    expect([signature.widthMm, signature.heightMm]).to.deep.equal([50, 20]);
    const ink = inkStats(img.rgba);
    expect(ink.transparent / (img.width * img.height)).to.be.above(0.7);
    expect(ink.opaque).to.be.above(1000);
    const [r, g, b] = ink.colour;
    expect(b).to.be.above(r + 100).and.above(g + 100);
  });

  it('the seal is red, round (transparent corners) and 35 mm across at 300 dpi', () => {
    const { seal } = demoImages();
    const img = decode(seal.png);
    expect([img.width, img.height, img.dpi]).to.deep.equal([413, 413, 300]);
    expect(seal.widthMm).to.equal(35);
    expect(img.rgba[3]).to.equal(0); // top-left corner
    const centre = (Math.floor(img.height / 2) * img.width + Math.floor(img.width / 2)) * 4;
    expect(img.rgba[centre + 3]).to.equal(255); // the star
    const [r, g, b] = inkStats(img.rgba).colour;
    expect(r).to.be.above(g + 100).and.above(b + 100);
  });

  it('is drawn once and reused', () => {
    expect(demoImages().seal.png).to.equal(demoImages().seal.png);
  });

  it('pdfkit embeds both PNGs (with their alpha)', async () => {
    const { signature, seal } = demoImages();
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    const mm = 72 / 25.4;
    doc.image(signature.png, 300, 600, { width: signature.widthMm * mm });
    doc.image(seal.png, 290, 585, { width: seal.widthMm * mm });
    doc.end();
    const pdf = (await done).toString('latin1');
    expect(pdf.match(/\/Subtype \/Image/g)?.length).to.be.at.least(4); // two images and their soft masks
    expect(pdf).to.include('/SMask');
  });

  it('encodePng refuses a pixel buffer of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).to.throw(RangeError);
    expect(decode(encodePng(1, 1, new Uint8Array([1, 2, 3, 4]))).rgba).to.deep.equal(Buffer.from([1, 2, 3, 4]));
  });
});
