import { expect } from 'chai';
import {
  listTemplates, loadTemplateSource, renderDocx, renderPdf, renderTemplate, sampleDataFor, TemplateError,
  validateTemplateSource,
} from '../../server/documents/index.ts';
import { parseTemplateText } from '../../server/documents/template-text.ts';
import { isBold, readPdf, unzip } from './helpers.ts';
import { renderedSamples } from './fixtures.ts';
import { checkSignerEntitlement } from '../../server/domain/signoff.ts';
import { demoBodies, demoMemberships, demoPeople } from '../../server/seed/demo-data.ts';

describe('document templates', () => {
  it('lists every required kind with a title, body kinds and family', () => {
    const keys = listTemplates().map((t) => t.key);
    for (const key of ['hdnd-nghi-quyet', 'hdnd-nghi-quyet-bau-chuc-danh', 'hdnd-nghi-quyet-thanh-lap-ban', 'ubnd-quyet-dinh-bo-nhiem',
      'ubnd-quyet-dinh-ban-hanh-quy-che', 'ubnd-quyet-dinh-giao-nhiem-vu', 'ubnd-quyet-dinh-phan-cong', 'dang-uy-nghi-quyet',
      'dang-uy-quyet-dinh', 'dang-uy-thong-bao-ket-luan', 'bien-ban-ky-hop', 'bien-ban-phien-hop', 'bien-ban-hoi-nghi',
      'bien-ban-kiem-phieu', 'thong-bao-trieu-tap', 'giay-moi', 'to-trinh']) {
      expect(keys).to.include(key);
    }
    for (const t of listTemplates()) {
      expect(t.title).to.match(/\S/);
      expect(t.bodyKinds.length).to.be.greaterThan(0);
      expect(['state', 'party']).to.include(t.family);
      const desc = renderTemplate(t.key, loadTemplateSource(t.key), sampleDataFor(t.key));
      expect(desc.family, t.key).to.equal(t.family);
      expect(validateTemplateSource(t.key, loadTemplateSource(t.key), sampleDataFor(t.key))).to.deep.equal({ ok: true });
    }
  });

  it('HĐND resolutions: TM. signature, bases ending ";" then ".", QUYẾT NGHỊ:, blank number on drafts', () => {
    const d = renderTemplate('hdnd-nghi-quyet', loadTemplateSource('hdnd-nghi-quyet'), sampleDataFor('hdnd-nghi-quyet'));
    expect(d.draft).to.equal(true);
    expect(d.header.numberLine).to.equal('Số:     /NQ-HĐND');
    expect(d.enactingWord).to.equal('QUYẾT NGHỊ:');
    expect(d.authority).to.deep.equal(['HỘI ĐỒNG NHÂN DÂN XÃ TÂN UYÊN', 'KHÓA I, KỲ HỌP THỨ BA']);
    expect(d.signatures[0]!.lines).to.deep.equal(['TM. HỘI ĐỒNG NHÂN DÂN', 'CHỦ TỊCH']);
    expect(d.recipients!.items.at(-1)).to.equal('- Lưu: VT, VP.');
  });

  it("appointment is the Chairman's own power: no TM., heading CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …", () => {
    const d = renderTemplate('ubnd-quyet-dinh-bo-nhiem', loadTemplateSource('ubnd-quyet-dinh-bo-nhiem'), sampleDataFor('ubnd-quyet-dinh-bo-nhiem'));
    expect(d.authority).to.deep.equal(['CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN UYÊN']);
    expect(d.signatures[0]!.lines).to.deep.equal(['CHỦ TỊCH']);
    expect(d.header.numberLine).to.equal('Số: 27/QĐ-UBND');
    expect(d.header.dateLine).to.equal('Tân Uyên, ngày 06 tháng 4 năm 2026');
  });

  it('the Quy chế is an annex with chapters in Roman numerals and no signature', () => {
    const d = renderTemplate('ubnd-quyet-dinh-ban-hanh-quy-che', loadTemplateSource('ubnd-quyet-dinh-ban-hanh-quy-che'), sampleDataFor('ubnd-quyet-dinh-ban-hanh-quy-che'));
    expect(d.annexes).to.have.length(1);
    const a = d.annexes[0]!;
    expect(a.style).to.equal('regulation');
    expect(a.typeName).to.equal('QUY CHẾ');
    expect(a.annotation).to.equal('(Kèm theo Quyết định số 15/QĐ-UBND ngày 02 tháng 4 năm 2026 của Ủy ban nhân dân xã Tân Uyên)');
    const chapters = a.body.filter((b) => b.kind === 'chapter');
    expect(chapters.map((c) => c.kind === 'chapter' && c.label)).to.deep.equal(['Chương I', 'Chương II', 'Chương III', 'Chương IV']);
    expect(chapters[0]!.kind === 'chapter' && chapters[0]!.title).to.equal('QUY ĐỊNH CHUNG');
  });

  it('Party documents: "Số 12-NQ/ĐU" without colon, T/M and K/T signatures, "Lưu Văn phòng Đảng ủy."', () => {
    const nq = renderTemplate('dang-uy-nghi-quyet', loadTemplateSource('dang-uy-nghi-quyet'), sampleDataFor('dang-uy-nghi-quyet'));
    expect(nq.family).to.equal('party');
    expect(nq.header.numberLine).to.equal('Số 12-NQ/ĐU');
    expect(nq.header.parentBody).to.equal('ĐẢNG BỘ TỈNH LAI CHÂU');
    expect(nq.signatures[0]!.lines).to.deep.equal(['T/M BAN CHẤP HÀNH', 'BÍ THƯ']);
    expect(nq.recipients!.items.at(-1)).to.equal('- Lưu Văn phòng Đảng ủy.');
    const qd = renderTemplate('dang-uy-quyet-dinh', loadTemplateSource('dang-uy-quyet-dinh'), sampleDataFor('dang-uy-quyet-dinh'));
    // A decision of the Ban Thường vụ is the collective's: T/M, with the Phó Bí thư signing on its behalf (never K/T).
    expect(qd.signatures[0]!.lines).to.deep.equal(['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ THƯỜNG TRỰC']);
  });

  it('every sample\'s signature block can be signed by the demo person named under it, on the sample\'s date', () => {
    for (const t of listTemplates().filter((x) => !x.key.startsWith('bien-ban'))) {
      const data = sampleDataFor(t.key) as { issuer: { name: string }; doc: { date: string } };
      const desc = renderTemplate(t.key, loadTemplateSource(t.key), data);
      const col = desc.signatures.at(-1)!;
      const body = demoBodies.find((b) => b.name === data.issuer.name)!;
      const person = demoPeople.find((x) => x.fullName === col.name)!;
      expect(body, t.key).to.not.equal(undefined);
      expect(person, `${t.key}: ${col.name}`).to.not.equal(undefined);
      const post = (m: typeof demoMemberships[number]) => ({ role: m.role, position: m.position, startDate: m.start, endDate: m.end ?? null });
      const units = new Set(demoBodies.filter((b) => b.parentKey === body.key).map((b) => b.key));
      const mine = demoMemberships.filter((m) => m.person === person.key);
      const r = checkSignerEntitlement({
        family: desc.family, blockLines: col.lines, blockName: col.name, signerName: person.fullName, hasSignerRole: true,
        posts: mine.filter((m) => m.body === body.key).map(post), unitPosts: mine.filter((m) => units.has(m.body)).map(post),
        headHeldOn: true, day: data.doc.date,
      });
      expect(r.ok ? 'ok' : r.reason, `${t.key}: ${col.lines.join(' / ')} — ${col.name}`).to.equal('ok');
    }
  });

  it('minutes carry no date line and two signature columns (THƯ KÝ left, CHỦ TỌA right)', () => {
    const d = renderTemplate('bien-ban-ky-hop', loadTemplateSource('bien-ban-ky-hop'), sampleDataFor('bien-ban-ky-hop'));
    expect(d.header.dateLine).to.equal(null);
    expect(d.signatures.map((s) => s.lines[0])).to.deep.equal(['THƯ KÝ', 'CHỦ TỌA']);
    expect(d.signatures[0]!.note).to.equal('(Chữ ký)');
    const table = d.body.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.rows[0]).to.include('96,30 %');
  });

  describe('bad input', () => {
    it('a missing field fails naming the field and the template, never printing "undefined"', () => {
      const data = sampleDataFor('ubnd-quyet-dinh-bo-nhiem') as { signer: Record<string, unknown> };
      delete data.signer.name;
      try {
        renderTemplate('ubnd-quyet-dinh-bo-nhiem', loadTemplateSource('ubnd-quyet-dinh-bo-nhiem'), data);
        expect.fail('should throw');
      } catch (err) {
        expect(err).to.be.instanceOf(TemplateError);
        expect((err as Error).message).to.match(/^Mẫu "ubnd-quyet-dinh-bo-nhiem": thiếu trường dữ liệu "d.signer.name" \(dòng \d+ của mẫu\)$/);
        expect((err as TemplateError).field).to.equal('d.signer.name');
      }
    });

    it('an edited source with a typo in a field name is refused by validateTemplateSource', () => {
      const source = loadTemplateSource('giay-moi').replace('d.meeting.place', 'd.meeting.plase');
      const result = validateTemplateSource('giay-moi', source, sampleDataFor('giay-moi'));
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.message).to.include('d.meeting.plase').and.include('giay-moi');
    });

    it('an undeclared name, a Liquid syntax error and a broken structure are refused with Vietnamese messages and the line', () => {
      const source = loadTemplateSource('giay-moi');
      const line = source.split('\n').findIndex((l) => l.includes('d.chair.name')) + 1;
      const bad1 = validateTemplateSource('giay-moi', source.replace('d.chair.name', 'chair.name'), sampleDataFor('giay-moi'));
      expect(!bad1.ok && bad1.message).to.equal(`Mẫu "giay-moi": dùng tên "chair" không có trong dữ liệu (trường dữ liệu viết d.chair…, biến của vòng lặp chỉ dùng được bên trong vòng lặp đó) (dòng ${line} của mẫu)`);
      const bad2 = validateTemplateSource('giay-moi', source.replace('{{ d.chair.name }}', '{{ d.chair.name '), sampleDataFor('giay-moi'));
      // "{{ d.chair.name " runs on to the next "}}": refused, not silently swallowing the text in between
      expect(!bad2.ok && bad2.message).to.equal(`Mẫu "giay-moi": lỗi cú pháp: trong {{ … }} chỉ được ghi một trường dữ liệu và các bộ lọc của nó, còn thừa ", {{ d.chair.position" (có thể thiếu dấu "}}" đóng lại) (dòng ${line} của mẫu)`);
      const bad2b = validateTemplateSource('giay-moi', `${source}\n{{ d.chair.name`, sampleDataFor('giay-moi'));
      expect(!bad2b.ok && bad2b.message).to.match(/^Mẫu "giay-moi": lỗi cú pháp: .*chưa được đóng lại \(dòng \d+ của mẫu\)$/);
      const bad3 = validateTemplateSource('giay-moi', source.replace('[văn bản]', '[van ban]'), sampleDataFor('giay-moi'));
      expect(!bad3.ok && bad3.message).to.include('không biết phần');
      const bad4 = validateTemplateSource('giay-moi', source.replace('{{ d.chair.name }}', '{{ d.chair.name | nhan_ten }}'), sampleDataFor('giay-moi'));
      expect(!bad4.ok && bad4.message).to.include('không có bộ lọc "nhan_ten"').and.include(`dòng ${line}`);
      const bad5 = validateTemplateSource('giay-moi', source.replace('{% if d.issuer.parent -%}', '{% if d.issuer.parent -%}{% endfor %}'), sampleDataFor('giay-moi'));
      expect(bad5.ok).to.equal(false);
    });

    it('an unknown template key is a TemplateError', () => {
      expect(() => loadTemplateSource('khong-co')).to.throw(TemplateError, /khong-co/);
      expect(() => sampleDataFor('khong-co')).to.throw(TemplateError);
    });
  });

  describe('text format', () => {
    it('parses chapters, sections, articles, clauses, points, lists, tables, inline bold/italic', () => {
      const d = parseTemplateText([
        '[văn bản]', 'khối: nhà nước', 'cơ quan ban hành: ủy ban nhân dân xã tân uyên', 'loại văn bản: kế hoạch',
        '[nội dung]', 'Chương 2', 'Tổ chức thực hiện', 'Mục 1. Phân công', 'Điều 5. **Trách nhiệm**', '1. Khoản *nghiêng*',
        'a) Điểm a;', '- một;', '- hai.', '| TT {1,giữa} | Việc {4} |', '| 1 | Họp |', '> Giữa dòng', 'Đoạn thường 5 \\* 3.',
      ].join('\n'));
      expect(d.header.issuingBody).to.equal('ỦY BAN NHÂN DÂN\nXÃ TÂN UYÊN'); // broken before the unit, not "ỦY BAN NHÂN / DÂN XÃ …"
      expect(d.typeName).to.equal('KẾ HOẠCH');
      expect(d.body.map((b) => b.kind)).to.deep.equal(['chapter', 'section', 'article', 'clause', 'point', 'list', 'table', 'paragraph', 'paragraph']);
      expect(d.body[0]).to.deep.equal({ kind: 'chapter', label: 'Chương II', title: 'TỔ CHỨC THỰC HIỆN' });
      expect(d.body[2]).to.deep.equal({ kind: 'article', label: 'Điều 5.', runs: [{ text: 'Trách nhiệm', bold: true }] });
      expect(d.body[3]).to.deep.equal({ kind: 'clause', label: '1.', runs: [{ text: 'Khoản ' }, { text: 'nghiêng', italic: true }] });
      expect(d.body[6]).to.deep.include({ rows: [['1', 'Họp']] });
      expect(d.body[8]).to.deep.equal({ kind: 'paragraph', runs: [{ text: 'Đoạn thường 5 * 3.' }] });
    });

    it('reports the line of a structural error', () => {
      expect(() => parseTemplateText('[văn bản]\nkhối: nhà nước\nloại: x')).to.throw(/dòng 3/);
      expect(() => parseTemplateText('[văn bản]\nkhối: tư nhân\ncơ quan ban hành: A\nloại văn bản: B')).to.throw(/nhà nước/);
    });
  });

  it('renders a decomposed (NFD) data value as NFC in both outputs', async () => {
    const data = sampleDataFor('giay-moi') as { meeting: { place: string } };
    data.meeting.place = 'Phòng họp Ủy ban nhân dân xã'.normalize('NFD');
    const desc = renderTemplate('giay-moi', loadTemplateSource('giay-moi'), data);
    const pages = await readPdf(await renderPdf(desc));
    const text = pages.flatMap((p) => p.items.map((i) => i.text)).join(' ');
    expect(text).to.include('Phòng họp Ủy ban nhân dân xã'.normalize('NFC'));
    const docx = await renderDocx(desc);
    expect(docx.length).to.be.greaterThan(1000);
  });

  it('the body of every attached text (Quy chế, phụ lục) ends with "./." (NĐ 30/2020 Phụ lục I)', async () => {
    const annexed = (await renderedSamples()).filter((x) => x.desc.annexes.length > 0);
    expect(annexed.length).to.be.greaterThan(2);
    for (const { info, desc } of annexed) {
      for (const a of desc.annexes) {
        const last = a.body.at(-1)!;
        const runs = last.kind === 'list' ? last.items.at(-1)! : 'runs' in last ? last.runs : [];
        expect(runs.map((r) => r.text).join('').trimEnd(), info.key).to.match(/[^./]\.\/\.$/u);
      }
    }
  });

  it('no page ends with an article heading left alone (PDF); the DOCX keeps a heading-only article with the next line', async () => {
    for (const { info, pages, docx, desc } of await renderedSamples()) {
      pages.forEach((page, n) => {
        if (n === pages.length - 1) return;
        const body = page.items.filter((i) => i.baseline > 60 && i.text.trim());
        const baselines = [...new Set(body.map((i) => Math.round(i.baseline)))].sort((a, b) => b - a);
        const line = (b: number | undefined) => body.filter((i) => Math.round(i.baseline) === b).sort((x, y) => x.x - y.x);
        const [lastLine, before] = [line(baselines[0]), line(baselines[1])];
        const headingOnly = (l: typeof lastLine) => l.length > 0 && l.every(isBold);
        const endsWithHeading = headingOnly(lastLine) && (/^Điều \d+\./u.test(lastLine[0]!.text) || (headingOnly(before) && /^Điều \d+\./u.test(before[0]!.text)));
        expect(endsWithHeading, `${info.key} page ${n + 1}: "${lastLine.map((i) => i.text).join('')}"`).to.equal(false);
      });
      const headings = [...desc.body, ...desc.annexes.flatMap((a) => a.body)].filter((b) => b.kind === 'article' && b.runs.every((r) => r.bold || !r.text.trim()));
      if (headings.length) {
        const xml = unzip(docx).get('word/document.xml')!.toString('utf8');
        expect((xml.match(/<w:keepNext\/>/g) ?? []).length, info.key).to.be.at.least(headings.length);
      }
    }
  });
});
