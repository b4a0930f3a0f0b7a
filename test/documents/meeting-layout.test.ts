// Meeting documents as a reader sees them: the header's body names break between meaningful units
// ("ỦY BAN NHÂN DÂN / XÃ TÂN UYÊN", never "ỦY BAN NHÂN / DÂN XÃ …") in the PDF and the DOCX alike, and every
// member of a counting board signs its record (biên bản kiểm phiếu, DOMAIN.md §6).
import { expect } from 'chai';
import { loadTemplateSource, renderDocx, renderPdf, renderTemplate, sampleDataFor } from '../../server/documents/index.ts';
import { pageBox, STATE_PROFILE } from '../../server/documents/layout.ts';
import { breakBodyName } from '../../server/documents/text-layout.ts';
import { readPdf, unzip, type PdfItem } from './helpers.ts';

const render = (key: string, data: object = sampleDataFor(key)) => renderTemplate(key, loadTemplateSource(key), data);
/** Text lines of the PDF's first page, joined per baseline, top to bottom, within [x0, x1). */
const linesOf = (items: PdfItem[], x0: number, x1: number) => {
  const rows = new Map<number, PdfItem[]>();
  for (const i of items.filter((it) => it.page === 1 && it.x >= x0 && it.x < x1)) {
    const key = Math.round(i.baseline);
    rows.set(key, [...(rows.get(key) ?? []), i]);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r.sort((a, b) => a.x - b.x).map((i) => i.text).join(' ').replace(/\s+/g, ' ').trim());
};
const docxParagraphs = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
  .map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).filter(Boolean);

describe('meeting documents — header lines and signers', function () {
  this.timeout(60000);
  const box = pageBox(STATE_PROFILE);
  const leftW = box.width * STATE_PROFILE.headerLeftFraction;
  const issuing = STATE_PROFILE.issuingBody;

  it('breaks a body name before its administrative unit only when it does not fit, and never inside "xã hội" or "thị xã"', () => {
    const brk = (s: string) => breakBodyName(s, 'bold', issuing.size, leftW);
    expect(brk('ỦY BAN NHÂN DÂN XÃ TÂN UYÊN')).to.equal('ỦY BAN NHÂN DÂN\nXÃ TÂN UYÊN');
    expect(brk('HỘI ĐỒNG NHÂN DÂN XÃ TÂN UYÊN')).to.equal('HỘI ĐỒNG NHÂN DÂN\nXÃ TÂN UYÊN');
    expect(brk('ỦY BAN MTTQ VIỆT NAM PHƯỜNG BA ĐÌNH')).to.equal('ỦY BAN MTTQ VIỆT NAM\nPHƯỜNG BA ĐÌNH');
    expect(brk('HỘI ĐỒNG NHÂN DÂN THỊ XÃ SƠN TÂY')).to.equal('HỘI ĐỒNG NHÂN DÂN\nTHỊ XÃ SƠN TÂY');
    expect(brk('HỘI ĐỒNG NHÂN DÂN ĐẶC KHU CÔN ĐẢO')).to.equal('HỘI ĐỒNG NHÂN DÂN\nĐẶC KHU CÔN ĐẢO');
    expect(brk('PHÒNG VĂN HÓA - XÃ HỘI')).to.equal('PHÒNG VĂN HÓA - XÃ HỘI'); // fits; and "XÃ HỘI" is no unit
    expect(brk('BAN KIỂM PHIẾU')).to.equal('BAN KIỂM PHIẾU');
    expect(brk('UBND XÃ TÂN UYÊN')).to.equal('UBND XÃ TÂN UYÊN'); // fits on one line: left alone
  });

  it('the minutes of a UBND meeting: "ỦY BAN NHÂN DÂN" over "XÃ TÂN UYÊN" in the PDF and in the DOCX', async () => {
    const desc = render('bien-ban-phien-hop');
    expect(desc.header.issuingBody).to.equal('ỦY BAN NHÂN DÂN\nXÃ TÂN UYÊN');
    const pdfLines = linesOf((await readPdf(await renderPdf(desc))).flatMap((p) => p.items), 0, box.left + leftW);
    expect(pdfLines.slice(0, 2)).to.deep.equal(['ỦY BAN NHÂN DÂN', 'XÃ TÂN UYÊN']);
    const xml = unzip(await renderDocx(desc)).get('word/document.xml')!.toString('utf8');
    const headerCell = /<w:tc>([\s\S]*?)<\/w:tc>/.exec(/<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0])![1]!;
    expect(docxParagraphs(headerCell).slice(0, 2)).to.deep.equal(['ỦY BAN NHÂN DÂN', 'XÃ TÂN UYÊN']);
  });

  it('the counting board record: parent "HỘI ĐỒNG NHÂN DÂN / XÃ TÂN UYÊN" above "BAN KIỂM PHIẾU"', async () => {
    const desc = render('bien-ban-kiem-phieu');
    expect(desc.header.parentBody).to.equal('HỘI ĐỒNG NHÂN DÂN\nXÃ TÂN UYÊN');
    const pdfLines = linesOf((await readPdf(await renderPdf(desc))).flatMap((p) => p.items), 0, box.left + leftW);
    expect(pdfLines.slice(0, 3)).to.deep.equal(['HỘI ĐỒNG NHÂN DÂN', 'XÃ TÂN UYÊN', 'BAN KIỂM PHIẾU']);
  });

  it('every member of the counting board signs: the members, then the Trưởng ban on the right of the first row', async () => {
    const data = sampleDataFor('bien-ban-kiem-phieu') as { board: { name: string; role: string; honorific: string }[] };
    const desc = render('bien-ban-kiem-phieu', data);
    const [head, m1, m2] = data.board;
    expect(desc.signatures.map((s) => s.name)).to.deep.equal([m1!.name, m2!.name, head!.name]);
    expect(desc.signatures.map((s) => s.lines)).to.deep.equal([['ỦY VIÊN BAN KIỂM PHIẾU'], ['ỦY VIÊN BAN KIỂM PHIẾU'], ['TRƯỞNG BAN KIỂM PHIẾU']]);
    // The PDF draws the three names on one line, the Trưởng ban rightmost, all on page 1.
    const pages = await readPdf(await renderPdf(desc));
    expect(pages).to.have.length(1);
    const named = [m1!.name, m2!.name, head!.name].map((n) => pages[0]!.items.filter((i) => i.text === n).pop()!);
    for (const it of named) expect(it, 'name drawn').to.not.equal(undefined);
    expect(new Set(named.map((i) => Math.round(i.baseline))).size).to.equal(1);
    expect(named[0]!.x).to.be.lessThan(named[1]!.x);
    expect(named[1]!.x).to.be.lessThan(named[2]!.x);
    // The DOCX has the same three signers side by side in one borderless row.
    const xml = unzip(await renderDocx(desc)).get('word/document.xml')!.toString('utf8');
    const row = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes(head!.name))!;
    expect([...row.matchAll(/<w:tc>/g)]).to.have.length(3);
    for (const n of [m1!.name, m2!.name, head!.name]) expect(row).to.include(n);
  });

  it('a board of five: three signers in the first row, two below, every name printed once in the block', async () => {
    const data = sampleDataFor('bien-ban-kiem-phieu') as { board: { name: string; role: string; honorific: string }[] };
    const board = [...data.board, { honorific: 'Ông', name: 'Vàng A Sử', role: 'Ủy viên' }, { honorific: 'Bà', name: 'Tao Thị Mai', role: 'Thư ký Ban kiểm phiếu' }];
    const desc = render('bien-ban-kiem-phieu', { ...data, board });
    expect(desc.signatures).to.have.length(5);
    expect(desc.signatures[2]).to.deep.include({ name: board[0]!.name, lines: ['TRƯỞNG BAN KIỂM PHIẾU'] });
    expect(desc.signatures[4]).to.deep.include({ name: 'Tao Thị Mai', lines: ['THƯ KÝ BAN KIỂM PHIẾU'] });
    const items = (await readPdf(await renderPdf(desc))).flatMap((p) => p.items);
    for (const b of board) expect(items.filter((i) => i.text === b.name), b.name).to.have.length(1);
    const rowOf = (n: string) => { const i = items.find((x) => x.text === n)!; return `${i.page}:${Math.round(i.baseline)}`; };
    expect(rowOf(board[3]!.name)).to.equal(rowOf(board[4]!.name));
    expect(rowOf(board[3]!.name)).to.not.equal(rowOf(board[0]!.name));
  });
});
