// The template language (Liquid set up for authors the server does not trust), as tables: output escaping, the
// formatting filters, the exact lists of filters and tags, strictness, whitespace and the work limits.
import { expect } from 'chai';
import { fillTemplate } from '../../server/documents/index.ts';
import { escapeValue, FORMAT_FILTERS, KEPT_STANDARD_FILTERS, KEPT_TAGS, MAX_FILLED_TEXT, TemplateValueError } from '../../server/documents/template-language.ts';

const fill = (source: string, data: object = {}) => fillTemplate('giay-moi', source, data);
const refusal = (source: string, data: object = {}) => {
  try {
    fill(source, data);
  } catch (err) {
    return (err as Error).message.replace(/^Mẫu "giay-moi": /, '');
  }
  throw new Error(`filled: ${source}`);
};

describe('documents/template-language — Liquid for untrusted authors', () => {
  describe('output escaping (escapeValue): NFC, one line, never a silent blank', () => {
    const rows: Array<[unknown, string]> = [
      ['Tân Uyên', 'Tân Uyên'],
      ['Ủy ban'.normalize('NFD'), 'Ủy ban'],
      ['a\nb', 'a b'],
      ['a\r\n\r\nb', 'a b'],
      ['a\u2028b\u0085c', 'a b c'],
      ['[chữ ký]\nGiả mạo', '[chữ ký] Giả mạo'],
      [5, '5'],
      [0, '0'],
      [true, 'true'],
    ];
    for (const [value, out] of rows) it(`${JSON.stringify(value)} → ${JSON.stringify(out)}`, () => expect(escapeValue(value)).to.equal(out));
    const bad: Array<[unknown, RegExp]> = [[null, /rỗng/], [undefined, /rỗng/], [{}, /đối tượng/], [['a'], /danh sách/], [NaN, /không phải số/], [Infinity, /không phải số/]];
    for (const [value, why] of bad) it(`${String(value)} is refused`, () => expect(() => escapeValue(value)).to.throw(TemplateValueError, why));
  });

  describe('formatting filters', () => {
    const data = { doc: { number: 5, none: null, date: '2026-02-05' }, issuer: { code: 'HĐND' }, place: 'Tân Uyên', t: [8, 5], list: ['a', 'b\nc'], n: 3, s: 'Phiên họp' };
    const rows: Array<[string, string]> = [
      ["{{ d.doc.number | stateNumber: 'NQ', d.issuer.code }}", 'Số: 05/NQ-HĐND'],
      ["{{ d.doc.none | stateNumber: 'NQ', d.issuer.code }}", 'Số:     /NQ-HĐND'],
      ["{{ d.doc.number | partyNumber: 'NQ', 'ĐU' }}", 'Số 05-NQ/ĐU'],
      ['{{ d.doc.date | dateLine: d.place }}', 'Tân Uyên, ngày 05 tháng 02 năm 2026'],
      ['{{ d.doc.date | date }}', 'ngày 05 tháng 02 năm 2026'],
      ['{{ d.n | ordinal }} {{ 1 | ordinal }}', 'Ba Nhất'],
      ['{{ d.n | session }}, {{ d.n | session: true }}', 'kỳ họp thứ Ba, Kỳ họp thứ Ba'],
      ['{{ d.n | partyOrdinal }} {{ 14 | roman }}', 'lần thứ III XIV'],
      ['{{ d.t | time }} / {{ 7 | time: 30 }}', '08 giờ 05 phút / 07 giờ 30 phút'],
      ["{{ 'ủy ban nhân dân' | upper }}", 'ỦY BAN NHÂN DÂN'],
      ['{{ d.s | lowerFirst }}', 'phiên họp'],
      ['{{ d.list | lines }}', '- a;\n- b c.'], // each item escaped: a value still adds no line of its own
      ["{{ d.list | lines: ';' }}", '- a;\n- b c;'],
    ];
    for (const [source, out] of rows) it(`${source} → ${JSON.stringify(out)}`, () => expect(fill(source, data)).to.equal(out));
    const bad: Array<[string, RegExp]> = [
      ['{{ d.s | date }}', /Ngày không hợp lệ: "Phiên họp"/],
      ["{{ '2026-02-30' | date }}", /Ngày không tồn tại: 30\/2\/2026/],
      ['{{ d.s | ordinal }}', /bộ lọc "ordinal" cần một số nguyên/],
      ['{{ d.doc | upper }}', /bộ lọc "upper" cần một chữ hoặc một số/],
      ['{{ d.s | lines }}', /bộ lọc "lines" cần một danh sách/],
    ];
    for (const [source, why] of bad) it(`${source} is refused`, () => expect(refusal(source, data)).to.match(why));
  });

  it('the filters are exactly the formatting helpers and the plain standard ones listed (raw, json, date… are gone)', () => {
    expect(Object.keys(FORMAT_FILTERS)).to.deep.equal(['upper', 'lowerFirst', 'stateNumber', 'partyNumber', 'dateLine', 'date', 'ordinal', 'session',
      'partyOrdinal', 'roman', 'time', 'lines']);
    expect([...KEPT_STANDARD_FILTERS]).to.deep.equal(['size', 'first', 'last', 'join', 'map', 'plus', 'minus', 'times', 'append', 'prepend', 'remove',
      'remove_first', 'replace', 'replace_first', 'strip', 'downcase', 'default']);
    const data = { l: [{ name: 'A' }, { name: 'B' }], s: ' x ', e: '' };
    expect(fill("{{ d.l.size }} {{ d.l | size }} {{ d.l.first.name }} {{ d.l | last | map: 'name' | join: '' }} {{ d.l | map: 'name' | join: ', ' }}", data)).to.equal('2 2 A B A, B');
    expect(fill("{{ 2 | plus: 3 | minus: 1 | times: 2 }} {{ d.s | strip | append: '!' | prepend: '¡' }} {{ 'aXbX' | remove: 'X' }} {{ 'aXbX' | remove_first: 'X' }}", data)).to.equal('8 ¡x! ab abX');
    expect(fill("{{ 'aXbX' | replace: 'X', 'y' }} {{ 'aXbX' | replace_first: 'X', 'y' }} {{ 'ÂN' | downcase }} {{ d.e | default: 'trống' }}", data)).to.equal('ayby aybX ân trống');
    for (const name of ['raw', 'json', 'inspect', 'split', 'sort', 'where', 'escape', 'url_decode', 'upcase', 'truncate', 'slice', 'concat', 'base64_decode']) {
      expect(refusal(`{{ 'a' | ${name} }}`), name).to.include(`không có bộ lọc "${name}"`);
    }
  });

  it('the tags are exactly conditions, loops, assign, comments and raw; include/render/layout/capture… are refused', () => {
    expect([...KEPT_TAGS]).to.deep.equal(['if', 'unless', 'case', 'for', 'break', 'continue', 'assign', 'comment', 'raw', '#']);
    expect(fill("{% assign x = 'A' %}{% case x %}{% when 'A' %}a{% else %}b{% endcase %}{% for i in (1..5) %}{% if i == 2 %}{% continue %}{% endif %}{% if i > 3 %}{% break %}{% endif %}{{ i }}{% endfor %}{% comment %}không in{% endcomment %}{% # không in %}{% raw %}{{ x }}{% endraw %}")).to.equal('a13{{ x }}');
    for (const tag of ['include', 'render', 'layout', 'block', 'capture', 'echo', 'liquid', 'tablerow', 'cycle', 'increment', 'decrement']) {
      expect(refusal(`{% ${tag} 'x' %}`), tag).to.include(`không dùng được thẻ "{% ${tag} %}"`);
    }
  });

  describe('strictness and reading data', () => {
    const data = { meeting: { title: 'A', chair: null }, deputies: [{ name: 'X' }], empty: '', zero: 0 };
    const rows: Array<[string, string]> = [
      ['x\n{{ d.meeting.place }}', 'thiếu trường dữ liệu "d.meeting.place" (dòng 2 của mẫu)'],
      ['{{ d.deputies[3].name }}', 'thiếu trường dữ liệu "d.deputies[3]" (dòng 1 của mẫu)'],
      ['{{ meeting.title }}', 'dùng tên "meeting" không có trong dữ liệu (trường dữ liệu viết d.meeting…, biến của vòng lặp chỉ dùng được bên trong vòng lặp đó) (dòng 1 của mẫu)'],
      ['{% if d.meeting.place %}x{% endif %}', 'thiếu trường dữ liệu "d.meeting.place" (dòng 1 của mẫu)'],
      ['{{ d.meeting.chair }}', 'một biểu thức {{ … }} cho giá trị rỗng (null) (dòng 1 của mẫu)'],
      ['{{ d.meeting }}', 'một biểu thức {{ … }} in ra cả một đối tượng hoặc danh sách thay vì một trường của nó (dòng 1 của mẫu)'],
      ['{{ d.constructor }}', 'thiếu trường dữ liệu "d.constructor" (dòng 1 của mẫu)'],
      ['{{ d.meeting.title.constructor.name }}', 'thiếu trường dữ liệu "d.meeting.title.constructor" (dòng 1 của mẫu)'],
      ['{{ d.meeting.title | upper }', 'lỗi cú pháp: "{{ d.meeting.title | upper }" chưa được đóng lại (dòng 1 của mẫu)'],
      ['{% if d.meeting.title %}x', 'lỗi cú pháp: {% if d.meeting.title %} chưa được đóng lại (dòng 1 của mẫu)'],
    ];
    for (const [source, why] of rows) it(source, () => expect(refusal(source, data)).to.equal(why));
    it('"" and 0 are false, as in the former templates; null too', () => {
      expect(fill('{% if d.empty %}a{% else %}b{% endif %}{% if d.zero %}a{% else %}b{% endif %}{% if d.meeting.chair %}a{% else %}b{% endif %}', data)).to.equal('bbb');
    });
  });

  it('"-%}" removes the rest of its line only (one line break), as "-%>" did', () => {
    expect(fill('{% if true -%}\n\nA\n{% endif -%}\n\nB')).to.equal('\nA\n\nB');
  });

  describe('limits: refused with a clear message instead of hanging the process', () => {
    const rows: Array<[string, string]> = [
      ['a hundred million rounds', '{% for i in (1..100000000) %}x{% endfor %}'],
      ['nested loops (a billion rounds)', '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}{% endfor %}{% endfor %}{% endfor %}'],
      ['a text doubled forty times', "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}"],
      ['a joined list of ten million', "{% for i in (1..10000000) %}{% endfor %}{{ (1..10000000) | join: ',' }}"],
    ];
    for (const [name, source] of rows) it(name, () => expect(refusal(source)).to.match(/^mẫu đòi tính toán quá nhiều .* \(dòng 1 của mẫu\)$/));
    it(`a filled text longer than ${MAX_FILLED_TEXT} characters`, () => {
      expect(refusal(`{% for a in (1..3000) %}${'x'.repeat(1000)}{% endfor %}`))
        .to.match(/dài quá 2\.000\.000 ký tự|tính toán quá nhiều/);
    });
    it('nesting: 30 levels fill, 31 or three thousand are refused before Liquid parses them', () => {
      const nested = (n: number) => `${'{% if true %}'.repeat(n)}x${'{% endif %}'.repeat(n)}`;
      expect(fill(nested(30))).to.equal('x');
      expect(fill(`${'{% for i in (1..1) %}{% if true %}{% endif %}{% endfor %}'.repeat(100)}`)).to.equal('');
      expect(refusal(nested(31))).to.equal('mẫu lồng quá nhiều lớp điều kiện hoặc vòng lặp (dòng 1 của mẫu)');
      expect(refusal(nested(3000))).to.equal('mẫu lồng quá nhiều lớp điều kiện hoặc vòng lặp (dòng 1 của mẫu)');
    });
  });
});
