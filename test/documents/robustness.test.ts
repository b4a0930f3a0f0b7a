import { expect } from 'chai';
import {
  listTemplates, loadTemplateSource, MissingGlyphError, renderDocx, renderPdf, renderTemplate, sampleDataFor,
  type DocumentDescription,
} from '../../server/documents/index.ts';
import { pageBox, STATE_PROFILE } from '../../server/documents/layout.ts';
import { readPdf } from './helpers.ts';

function base(): DocumentDescription {
  return renderTemplate('hdnd-nghi-quyet', loadTemplateSource('hdnd-nghi-quyet'), sampleDataFor('hdnd-nghi-quyet'));
}

describe('renderer robustness', function () {
  this.timeout(30000);

  it('reports a character the font lacks, naming it (PDF and DOCX)', async () => {
    for (const render of [renderPdf, renderDocx]) {
      const desc = base();
      desc.body.push({ kind: 'paragraph', runs: [{ text: 'Ký hiệu lạ: 漢 ở đây' }] });
      try {
        await render(desc);
        expect.fail('should throw');
      } catch (err) {
        expect(err).to.be.instanceOf(MissingGlyphError);
        expect((err as Error).message).to.include('"漢"').and.include('U+6F22');
      }
    }
  });

  it('draws a letter outside the shared font repertoire (falls back to a per-document subset)', async () => {
    const desc = base();
    desc.body.push({ kind: 'paragraph', runs: [{ text: 'Điện trở 5 Ω, góc α = 30°, ký hiệu № 7' }] });
    const pages = await readPdf(await renderPdf(desc));
    const text = pages.flatMap((p) => p.items.map((i) => i.text)).join(' ');
    expect(text).to.include('5 Ω, góc α = 30°');
    expect(text).to.include('№ 7');
    // the next document is back on the shared subset and still reads correctly
    const again = await readPdf(await renderPdf(base()));
    expect(again.flatMap((p) => p.items.map((i) => i.text)).join(' ')).to.include('Quyết nghị'.toUpperCase());
  });

  it('draws an appendix (Mẫu 2.1) on a new page with its own numbering, and Q./TUQ. signer blocks', async () => {
    const desc = base();
    desc.signatures = [{ lines: ['TUQ. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG'], name: 'Vũ Mạnh Cường' }];
    desc.annexes = [{
      style: 'appendix', label: 'Phụ lục I', typeName: null, title: 'DANH MỤC CHỈ TIÊU NĂM 2027',
      annotation: '(Kèm theo Nghị quyết số 05/NQ-HĐND ngày 18 tháng 12 năm 2026 của Hội đồng nhân dân xã Tân Uyên)',
      body: Array.from({ length: 60 }, (_, i) => ({ kind: 'paragraph' as const, runs: [{ text: `Chỉ tiêu số ${i + 1}: nội dung chi tiết của chỉ tiêu.` }] })),
    }];
    const pages = await readPdf(await renderPdf(desc));
    const box = pageBox(STATE_PROFILE);
    const start = pages.findIndex((p) => p.items.some((i) => i.text === 'Phụ lục I'));
    expect(start).to.be.greaterThan(0);
    const numbers = (i: number) => pages[i]!.items.filter((it) => it.baseline < box.top && /^\d+$/.test(it.text)).map((it) => it.text);
    expect(numbers(start)).to.deep.equal([]);
    expect(numbers(start + 1)).to.deep.equal(['2']);
    expect(pages.flatMap((p) => p.items.map((i) => i.text))).to.include('TUQ. CHỦ TỊCH');
    const docx = await renderDocx(desc);
    expect(docx.length).to.be.greaterThan(1000);
  });

  it('wraps very long subjects, names, signer titles and recipient lists inside the margins', async () => {
    const desc = base();
    desc.subject = `Về việc ${'phê duyệt danh mục các công trình, dự án đầu tư công trung hạn giai đoạn 2026 - 2030 '.repeat(3)}`;
    desc.header.issuingBody = 'HỘI ĐỒNG NHÂN DÂN XÃ PHONG THỔ NGUYÊN BÌNH SƠN THỦY TRƯỜNG GIANG';
    desc.signatures = [{ lines: ['TM. HỘI ĐỒNG NHÂN DÂN XÃ PHONG THỔ NGUYÊN BÌNH SƠN THỦY', 'PHÓ CHỦ TỊCH THƯỜNG TRỰC'], name: 'Hoàng Thị Phương Thảo Nguyên Bình Minh Ngọc Diệp' }];
    desc.recipients = { label: 'Nơi nhận:', items: [...Array.from({ length: 40 }, (_, i) => `- Ủy ban nhân dân các xã, phường, đặc khu thuộc tỉnh Lai Châu số ${i + 1};`), '- Lưu: VT, VP.'] };
    desc.body.push({ kind: 'paragraph', runs: [{ text: `Đường dẫn: https://example.gov.vn/${'a'.repeat(120)}` }] });
    const box = pageBox(STATE_PROFILE);
    const pages = await readPdf(await renderPdf(desc));
    for (const page of pages) {
      for (const item of page.items) {
        if (item.baseline < box.top) continue;
        expect(item.x, item.text).to.be.at.least(box.left - 0.75);
        expect(item.x + item.width, item.text).to.be.at.most(box.right + 0.75);
        expect(item.baseline, item.text).to.be.at.most(box.bottom + 0.75);
      }
    }
    const text = pages.flatMap((p) => p.items.map((i) => i.text)).join(' ');
    expect(text).to.include('số 40;');
    expect(text).to.include('Lưu: VT, VP.');
    const docx = await renderDocx(desc);
    expect(docx.length).to.be.greaterThan(1000);
  });

  it('writes bases one per line, each ending ";" and the last "." in every template', () => {
    for (const t of listTemplates()) {
      const d = renderTemplate(t.key, loadTemplateSource(t.key), sampleDataFor(t.key));
      d.bases.forEach((b, i) => {
        expect(b.endsWith(i === d.bases.length - 1 ? '.' : ';'), `${t.key}: ${b}`).to.equal(true);
      });
      if (d.recipients) {
        const last = d.recipients.items.at(-1)!;
        expect(last, t.key).to.match(t.family === 'party' ? /^- Lưu Văn phòng Đảng ủy\.$/ : /^- Lưu: VT, .+\.$/);
      }
    }
  });
});
