// The converter of versions saved in the former EJS syntax: it reads them (never runs them) and writes Liquid that
// fills the data exactly as the EJS did, or says why it cannot. Input: the former built-in templates (legacy-ejs/).
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { fillTemplate, listTemplates, loadTemplateSource, sampleDataFor } from '../../server/documents/index.ts';
import { convertEjsTemplate } from '../../server/documents/legacy-ejs.ts';

const legacy = (key: string) => readFileSync(new URL(`./legacy-ejs/${key}.ejs`, import.meta.url), 'utf8');
const notes = (text: string) => text.split('\n').filter((l) => !l.startsWith('#')).join('\n');

describe('documents/legacy-ejs — converting saved EJS versions into Liquid', () => {
  describe('every former built-in template converts and fills its sample data like the built-in Liquid one', () => {
    for (const t of listTemplates()) {
      it(t.key, () => {
        const r = convertEjsTemplate(legacy(t.key));
        expect(r.ok, r.ok ? '' : r.reason).to.equal(true);
        const converted = fillTemplate(t.key, r.ok ? r.source : '', sampleDataFor(t.key));
        expect(notes(converted)).to.equal(notes(fillTemplate(t.key, loadTemplateSource(t.key), sampleDataFor(t.key))));
      });
    }
  });

  it('an office edit the former guard allowed converts: reworded text, fields, helpers, loops of the built-in', () => {
    const edited = legacy('bien-ban-ky-hop')
      .replace('**Chủ tọa:**', '**Chủ tọa kỳ họp:**')
      .replace('[nội dung]\n', '[nội dung]\nKỳ họp thứ <%= f.ordinal(d.session.number) %> — <%= d.commune.name %>, <%= f.date(d.session.date) %>.\n');
    const r = convertEjsTemplate(edited);
    expect(r.ok).to.equal(true);
    const text = fillTemplate('bien-ban-ky-hop', r.ok ? r.source : '', sampleDataFor('bien-ban-ky-hop'));
    expect(text).to.include('**Chủ tọa kỳ họp:**').and.include('Kỳ họp thứ Nhất — Tân Uyên, ngày 25 tháng 3 năm 2026.');
  });

  // [source, what the result must contain] — the shapes the former templates used, one by one
  const conversions: Array<[string, string]> = [
    ['Số: <%= d.doc.number %>', 'Số: {{ d.doc.number }}'],
    ['<%= f.stateNumber(d.doc.number, \'NQ\', d.issuer.code) %>', "{{ d.doc.number | stateNumber: 'NQ', d.issuer.code }}"],
    ['<%= f.dateLine(d.commune.place, d.doc.date) %>', '{{ d.doc.date | dateLine: d.commune.place }}'],
    ['<%= f.time(d.meeting.time[0], d.meeting.time[1]) %>', '{{ d.meeting.time | time }}'],
    ['<%= f.time(d.h, d.m) %>', '{{ d.h | time: d.m }}'],
    ['<%= d.doc.draft ? \'có\' : \'không\' %>', '{% if d.doc.draft %}có{% else %}không{% endif %}'],
    ['<%= d.deputies[1].name %>', '{{ d.deputies[1].name }}'],
    ['<%- f.lines(d.guests) %>', '{{ d.guests | lines }}'],
    ['<%= d.title.charAt(0).toLowerCase() + d.title.slice(1) %>', '{{ d.title | lowerFirst }}'],
    ['<%= d.x.replace(\'Số: \', \'\') %>', "{{ d.x | remove_first: 'Số: ' }}"],
    ['<%= d.x.replace(/^bầu /, \'\') %>', "{{ d.x | remove_first: 'bầu ' }}"],
    ['<% if (!d.a) { -%>\nA\n<% } else if (d.b.length) { -%>\nB\n<% } -%>\n', '{% unless d.a -%}\nA\n{% elsif d.b.size > 0 -%}\nB\n{% endunless -%}\n'],
    ['<% d.list.forEach(function (m, i) { -%>\n<%= i + 1 %>. <%= m.name %><%= i === d.list.length - 1 ? \'.\' : \';\' %>\n<% }) -%>\n',
      '{% for m in d.list -%}\n{{ forloop.index }}. {{ m.name }}{% if forloop.last %}.{% else %};{% endif %}\n{% endfor -%}\n'],
    ['Thẻ {{ không phải Liquid }} và {% nữa %}', '{% raw %}Thẻ {{ không phải Liquid }} và {% nữa %}{% endraw %}'],
    ['<%# ghi chú -%>\nA', 'A'],
  ];
  describe('conversions', () => {
    for (const [source, expected] of conversions) {
      it(JSON.stringify(source), () => {
        const r = convertEjsTemplate(source);
        expect(r.ok, r.ok ? '' : r.reason).to.equal(true);
        expect(r.ok && r.source).to.equal(expected);
      });
    }
  });

  // Anything outside that subset is refused: such a version stays history, and the built-in template is used.
  const refused: Array<[string, string]> = [
    ['the reported bypass', "<%% <%= process.getBuiltinModule('child_process').execSync('id') %>"],
    ['a literal close', '%%> <%= d.x %>'],
    ['whitespace slurping', '<%_ d.x _%>'],
    ['process', '<%= process.env.SESSION_SECRET %>'],
    ['require', "<%= require('fs').readFileSync('/etc/passwd') %>"],
    ['global', '<%= global.process %>'],
    ['constructor', '<%= d.constructor.constructor("return process")() %>'],
    ['__proto__', '<%= d.__proto__ %>'],
    ['a helper that does not exist', '<%= f.exec(d.x) %>'],
    ['a helper called on a non-field', '<%= f.date(d.x.y()) %>'],
    ['a raw tag other than f.lines', '<%- d.x %>'],
    ['a statement', '<% var x = 1 %>'],
    ['a loop over an unknown name', '<% things.forEach(function (m) { %>x<% }) %>'],
    ['an unclosed block', '<% if (d.a) { %>x'],
    ['a stray close', 'text %> more'],
    ['nested tags', "<%= '<%= d.x %>' %>"],
    ['adding numbers', '<%= d.a + d.b %>'],
    ['an outer loop index', '<% d.a.forEach(function (x, i) { %><% x.b.forEach(function (y) { %><%= i + 1 %><% }) %><% }) %>'],
    ['an arrow function', '<%= d.a.map((x) => x.name).join(", ") %>'],
    ['a template literal', '<%= `${d.x}` %>'],
  ];
  describe('refusals', () => {
    for (const [name, source] of refused) {
      it(name, () => expect(convertEjsTemplate(source).ok).to.equal(false));
    }
  });
});
