import { expect } from 'chai';
import { collectText, type DocumentDescription } from '../../server/documents/model.ts';
import { A4, MM, PARTY_PROFILE, pageBox, profileFor, STATE_PROFILE } from '../../server/documents/layout.ts';
import { isBold, isItalic, words, type PdfItem, type PdfPage } from './helpers.ts';
import { renderedSamples, type RenderedSample } from './fixtures.ts';

const EPS = 0.75;
const find = (page: PdfPage, pred: (i: PdfItem) => boolean) => page.items.find(pred);
const starts = (page: PdfPage, text: string) => find(page, (i) => i.text.startsWith(text));

describe('PDF layout (read back with pdfjs-dist)', function () {
  let samples: RenderedSample[] = [];
  before(async function () {
    this.timeout(60000);
    samples = await renderedSamples();
  });

  it('renders every template to A4 PDF', () => {
    expect(samples.length).to.be.greaterThanOrEqual(17);
    for (const s of samples) {
      for (const page of s.pages) {
        expect(page.width, s.info.key).to.be.closeTo(A4.width, 0.5);
        expect(page.height, s.info.key).to.be.closeTo(A4.height, 0.5);
      }
    }
  });

  it('uses margins inside the decree ranges and keeps all body text inside them', () => {
    for (const profile of [STATE_PROFILE, PARTY_PROFILE]) {
      const m = profile.marginsMm;
      expect(m.top).to.be.within(20, 25);
      expect(m.bottom).to.be.within(20, 25);
      expect(m.left).to.be.within(30, 35);
      expect(m.right).to.be.within(15, 20);
    }
    for (const s of samples) {
      const box = pageBox(profileFor(s.desc.family));
      s.pages.forEach((page, i) => {
        for (const item of page.items) {
          const inTopMargin = item.baseline < box.top;
          if (inTopMargin) {
            // only the page number (page 2+) or the draft mark (page 1) may sit in the top margin
            expect(/^\d+$/.test(item.text) || item.text === 'DỰ THẢO', `${s.info.key} p${i + 1} "${item.text}"`).to.equal(true);
            continue;
          }
          expect(item.x, `${s.info.key} p${i + 1} "${item.text}" left`).to.be.at.least(box.left - EPS);
          expect(item.x + item.width, `${s.info.key} p${i + 1} "${item.text}" right`).to.be.at.most(box.right + EPS);
          expect(item.baseline, `${s.info.key} p${i + 1} "${item.text}" bottom`).to.be.at.most(box.bottom + EPS);
        }
      });
    }
  });

  it('puts header elements in the right column, in order, with their sizes and styles', () => {
    for (const s of samples) {
      const p = profileFor(s.desc.family);
      const box = pageBox(p);
      const split = box.left + box.width * p.headerLeftFraction;
      const page = s.pages[0]!;
      const key = s.info.key;
      const issuingStart = s.desc.header.issuingBody.split(' ').slice(0, 2).join(' ');
      const issuing = page.items.find((i) => i.text.startsWith(issuingStart) && i.x < split && isBold(i));
      expect(issuing, `${key} issuing body`).to.not.equal(undefined);
      expect(isBold(issuing!), `${key} issuing bold`).to.equal(true);
      expect(issuing!.size).to.equal(p.issuingBody.size);
      expect(issuing!.x + issuing!.width).to.be.at.most(split + EPS);
      const national = starts(page, p.nationalLines[0]!.text)!;
      expect(national, `${key} national title`).to.not.equal(undefined);
      expect(national.x, `${key} national title in right column`).to.be.at.least(split - EPS);
      expect(isBold(national)).to.equal(true);
      expect(national.size).to.equal(p.nationalLines[0]!.style.size);
      if (s.desc.family === 'state') {
        const motto = starts(page, 'Độc lập - Tự do - Hạnh phúc')!;
        expect(motto.size).to.equal(13);
        expect(isBold(motto)).to.equal(true);
        expect(motto.top).to.be.greaterThan(national.top);
      }
      // a Party draft's blank number ("Số      -GM/ĐU") may come back as the item "Số" alone
      const number = page.items.find((i) => (s.desc.family === 'party' ? /^Số(\s|$)/.test(i.text) : i.text.startsWith('Số:')) && i.x < split);
      expect(number, `${key} number line on the left`).to.not.equal(undefined);
      expect(number!.size).to.equal(p.numberLine.size);
      if (s.desc.family === 'party') expect(number!.text.startsWith('Số:'), `${key} party number has no colon`).to.equal(false);
      if (s.desc.header.dateLine) {
        const date = starts(page, s.desc.header.dateLine.slice(0, 12))!;
        expect(date.x, `${key} date in right column`).to.be.at.least(split - EPS);
        expect(isItalic(date), `${key} date italic`).to.equal(true);
        expect(date.size).to.equal(p.dateLine.size);
        if (s.desc.family === 'state') expect(Math.abs(date.baseline - number!.baseline), `${key} date level with Số`).to.be.lessThan(1.5);
      } else {
        expect(page.items.some((i) => /ngày \d\d tháng/.test(i.text) && i.x >= split && i.top < number!.top + 20), `${key} minutes carry no date line`).to.equal(false);
      }
      // title block: centred, bold, below the header
      const type = page.items.find((i) => i.text === s.desc.typeName)!;
      expect(type, `${key} type name`).to.not.equal(undefined);
      expect(isBold(type)).to.equal(true);
      expect(type.size).to.equal(p.typeName.size);
      expect(type.top).to.be.greaterThan(number!.top);
      expect(Math.abs(type.x + type.width / 2 - (box.left + box.width / 2))).to.be.lessThan(1);
    }
  });

  it('draws bases italic, the enacting word bold and centred, "Điều N." bold and body text regular', () => {
    for (const s of samples) {
      const p = profileFor(s.desc.family);
      const items = s.pages.flatMap((pg) => pg.items);
      for (const base of s.desc.bases) {
        const it = items.find((i) => base.startsWith(i.text.trim().split(' ').slice(0, 4).join(' ')) && i.text.length > 10);
        expect(it, `${s.info.key} base "${base.slice(0, 30)}"`).to.not.equal(undefined);
        expect(isItalic(it!)).to.equal(true);
        expect(it!.size).to.equal(p.bases.size);
      }
      if (s.desc.enactingWord) {
        const e = items.find((i) => i.text === s.desc.enactingWord)!;
        expect(isBold(e)).to.equal(true);
      }
      const articles = items.filter((i) => /^Điều \d+\.$/.test(i.text));
      for (const a of articles) expect(isBold(a), `${s.info.key} ${a.text}`).to.equal(true);
      const firstArticle = s.desc.body.find((b) => b.kind === 'article');
      if (firstArticle) expect(articles.length, s.info.key).to.be.greaterThan(0);
    }
  });

  it('justifies body lines to the full text width with a first-line indent', () => {
    const s = samples.find((x) => x.info.key === 'hdnd-nghi-quyet')!;
    const box = pageBox(STATE_PROFILE);
    const lines = s.pages[0]!.items.filter((i) => i.size === 14 && !isBold(i) && i.x < box.left + 1 && i.width > 300);
    expect(lines.length).to.be.greaterThan(3);
    const full = lines.filter((i) => Math.abs(i.x + i.width - box.right) < 1);
    expect(full.length, 'justified lines reach the right margin').to.be.greaterThan(2);
    const indented = s.pages[0]!.items.filter((i) => Math.abs(i.x - (box.left + STATE_PROFILE.firstLineIndentMm * MM)) < 0.5);
    expect(indented.length).to.be.greaterThan(3);
  });

  it('numbers pages from page 2, centred in the top margin (annexes restart)', () => {
    for (const s of samples) {
      const box = pageBox(profileFor(s.desc.family));
      const annexStarts = new Set<number>();
      if (s.desc.annexes.length) {
        // an annex starts on the page that carries its type name or label after page 1
        s.pages.forEach((pg, i) => {
          if (i > 0 && s.desc.annexes.some((a) => pg.items.some((it) => it.text === (a.typeName ?? a.label)))) annexStarts.add(i);
        });
      }
      let expected = 1;
      s.pages.forEach((pg, i) => {
        if (annexStarts.has(i)) expected = 1;
        const marks = pg.items.filter((it) => it.baseline < box.top && /^\d+$/.test(it.text));
        if (expected === 1) expect(marks, `${s.info.key} p${i + 1} has no number`).to.have.length(0);
        else {
          expect(marks.map((m) => m.text), `${s.info.key} p${i + 1}`).to.deep.equal([String(expected)]);
          expect(Math.abs(marks[0]!.x + marks[0]!.width / 2 - (box.left + box.width / 2))).to.be.lessThan(1);
        }
        expected += 1;
      });
    }
  });

  it('draws every word of the description (no missing glyph, nothing dropped)', () => {
    for (const s of samples) {
      const drawn = new Set(words(s.pages.flatMap((p) => p.items.map((i) => i.text)).join(' ')));
      const expected = words(collectText(s.desc as DocumentDescription).join(' ').replace(/\*/g, ''));
      const missing = expected.filter((w) => !drawn.has(w));
      expect(missing, s.info.key).to.deep.equal([]);
    }
  });

  it('puts "Nơi nhận:" level with the signer block and names bold', () => {
    for (const s of samples) {
      if (!s.desc.recipients || s.desc.signatures.length !== 1) continue;
      const items = s.pages.flatMap((p) => p.items);
      const label = items.find((i) => i.text === s.desc.recipients!.label)!;
      const p = profileFor(s.desc.family);
      const box = pageBox(p);
      const sigLeft = box.left + box.width * p.signatureLeftFraction;
      const first = items.find((i) => i.text.startsWith(s.desc.signatures[0]!.lines[0]!.split(' ').slice(0, 2).join(' '))
        && i.page === label.page && isBold(i) && i.x >= sigLeft && i.top >= label.top - 10)!;
      expect(first, `${s.info.key} signer block`).to.not.equal(undefined);
      expect(label.page).to.equal(first.page);
      expect(Math.abs(label.top + label.size * 0.5 - (first.top + first.size * 0.5)), s.info.key).to.be.lessThan(3);
      const name = items.filter((i) => i.text === s.desc.signatures[0]!.name).pop()!;
      expect(isBold(name)).to.equal(true);
      expect(name.top).to.be.greaterThan(first.top + 40);
    }
  });
  it('puts the larger of a paragraph\'s 6 pt after and a chapter\'s 12 pt before between them, as Word does', () => {
    const s = samples.find((x) => x.info.key === 'ubnd-quyet-dinh-ban-hanh-quy-che')!;
    const p = profileFor(s.desc.family);
    const lh = p.body.size * p.lineHeight;
    const items = s.pages.flatMap((pg) => pg.items);
    const chapters = items.filter((i) => /^Chương [IVX]+$/.test(i.text) && i.text !== 'Chương I');
    expect(chapters.length).to.be.greaterThan(0);
    for (const c of chapters) {
      const above = items.filter((i) => i.page === c.page && i.baseline < c.baseline - 1).sort((a, b) => b.baseline - a.baseline)[0];
      if (!above || above.baseline < pageBox(p).top) continue; // first on its page
      expect(c.baseline - above.baseline, c.text).to.be.closeTo(lh + 12, 0.5);
    }
  });
});
