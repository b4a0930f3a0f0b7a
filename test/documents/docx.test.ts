import { expect } from 'chai';
import { STATE_PROFILE, PARTY_PROFILE, profileFor, MM } from '../../server/documents/layout.ts';
import { unzip } from './helpers.ts';
import { renderedSamples, type RenderedSample } from './fixtures.ts';

const attr = (xml: string, tag: string, name: string): number[] =>
  [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*\\bw:${name}="(\\d+)"`, 'g'))].map((m) => Number(m[1]));

describe('DOCX structure (document.xml)', function () {
  let samples: RenderedSample[] = [];
  const xmlOf = new Map<string, string>();
  before(async function () {
    this.timeout(60000);
    samples = await renderedSamples();
    for (const s of samples) xmlOf.set(s.info.key, unzip(s.docx).get('word/document.xml')!.toString('utf8'));
  });

  it('is A4 portrait with margins in the decree ranges (twips)', () => {
    for (const s of samples) {
      const xml = xmlOf.get(s.info.key)!;
      expect(attr(xml, 'w:pgSz', 'w'), s.info.key).to.satisfy((ws: number[]) => ws.length > 0 && ws.every((w) => w === 11906));
      expect(attr(xml, 'w:pgSz', 'h').every((h) => h === 16838)).to.equal(true);
      const mm = (tw: number) => tw / 20 / MM;
      for (const top of attr(xml, 'w:pgMar', 'top')) expect(mm(top)).to.be.within(20 - 0.1, 25 + 0.1);
      for (const bottom of attr(xml, 'w:pgMar', 'bottom')) expect(mm(bottom)).to.be.within(20 - 0.1, 25 + 0.1);
      for (const left of attr(xml, 'w:pgMar', 'left')) expect(mm(left)).to.be.within(30 - 0.1, 35 + 0.1);
      for (const right of attr(xml, 'w:pgMar', 'right')) expect(mm(right)).to.be.within(15 - 0.1, 20 + 0.1);
      // a different first page: page numbers from page 2
      expect(xml).to.include('<w:titlePg/>');
    }
  });

  it('names Times New Roman and uses the profile sizes in half-points', () => {
    for (const s of samples) {
      const files = unzip(s.docx);
      const xml = xmlOf.get(s.info.key)!;
      const styles = files.get('word/styles.xml')!.toString('utf8');
      expect(styles).to.include('w:ascii="Times New Roman"');
      const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
      expect(defaults).to.include('w:ascii="Times New Roman"');
      const fonts = new Set([...xml.matchAll(/w:ascii="([^"]+)"/g), ...defaults.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
      expect([...fonts], s.info.key).to.deep.equal(['Times New Roman']);
      const p = profileFor(s.desc.family);
      // runs at the body size inherit it from the document defaults
      expect(attr(defaults, 'w:sz', 'val')).to.deep.equal([p.body.size * 2]);
      const sizes = new Set([...attr(xml, 'w:sz', 'val'), ...attr(defaults, 'w:sz', 'val')]);
      expect(sizes.has(p.body.size * 2), `${s.info.key} body ${p.body.size} pt`).to.equal(true);
      expect(sizes.has(p.typeName.size * 2), `${s.info.key} type name`).to.equal(true);
      expect(sizes.has(p.recipientsItem.size * 2) || !s.desc.recipients, `${s.info.key} recipients`).to.equal(true);
    }
  });

  it('draws the header as a borderless two-column table with the issuing body left and the motto right', () => {
    for (const s of samples) {
      const xml = xmlOf.get(s.info.key)!;
      const firstTable = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0];
      const borders = /<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/.exec(firstTable)![1]!;
      for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']) {
        expect(borders, `${s.info.key} ${side}`).to.match(new RegExp(`<w:${side} w:val="none"`));
      }
      const cells = [...firstTable.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => m[1]!);
      expect(cells).to.have.length(2);
      const text = (c: string) => [...c.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
      const profile = s.desc.family === 'party' ? PARTY_PROFILE : STATE_PROFILE;
      expect(text(cells[0]!), s.info.key).to.include(s.desc.header.issuingBody.split(' ')[0]!);
      expect(text(cells[1]!), s.info.key).to.include(profile.nationalLines[0]!.text.split(' ')[0]!);
      if (s.desc.header.dateLine) expect(text(cells[1]!)).to.include(s.desc.header.dateLine.split(',')[0]!);
      // the issuing body is bold, the date italic
      expect(cells[0]).to.match(/<w:b\/>[\s\S]*?<w:t[^>]*>[^<]*/);
      if (s.desc.header.dateLine) expect(cells[1]).to.include('<w:i/>');
      // rules under the issuing body and the motto are paragraph borders, not underscores
      expect(text(cells[0]!)).to.not.include('___');
      expect(firstTable).to.include('<w:pBdr><w:bottom w:val="single"');
    }
  });

  it('justifies body paragraphs with a first-line indent and bolds "Điều N."', () => {
    const s = samples.find((x) => x.info.key === 'hdnd-nghi-quyet')!;
    const xml = xmlOf.get(s.info.key)!;
    const indent = Math.round(STATE_PROFILE.firstLineIndentMm * MM * 20);
    const styles = unzip(s.docx).get('word/styles.xml')!.toString('utf8');
    const defaults = /<w:pPrDefault>[\s\S]*?<\/w:pPrDefault>/.exec(styles)![0];
    expect(defaults).to.include(`w:firstLine="${indent}"`);
    expect(defaults).to.include('<w:jc w:val="both"/>');
    expect(defaults).to.match(/w:after="120"/);
    expect(xml).to.match(/<w:b\/>[^]*?<w:t xml:space="preserve">Điều 1\. <\/w:t>/);
  });

  it('puts the page number in the default header and "DỰ THẢO" only on a draft first page', () => {
    for (const s of samples) {
      const files = unzip(s.docx);
      const headers = [...files.entries()].filter(([n]) => /^word\/header\d+\.xml$/.test(n)).map(([, b]) => b.toString('utf8'));
      expect(headers.some((h) => h.includes('PAGE')), s.info.key).to.equal(true);
      expect(headers.some((h) => h.includes('DỰ THẢO')), s.info.key).to.equal(s.desc.draft);
    }
  });
});
