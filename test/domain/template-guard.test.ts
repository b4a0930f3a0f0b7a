import { expect } from 'chai';
import { checkTemplateCode } from '../../server/domain/template-guard.ts';

describe('domain/template-guard — an office rewords templates but cannot add code', () => {
  const original = [
    'số: <%= f.stateNumber(d.doc.number, \'NQ\', d.issuer.code) %>',
    '<% d.targets.forEach(function (t, i) { -%>',
    '- <%= t %>',
    '<% }) -%>',
    'Ký: <%= d.signer.name %>',
  ].join('\n');

  const cases: Array<[string, string, boolean]> = [
    ['unchanged', original, true],
    ['reworded text only', original.replace('Ký:', 'Người ký:'), true],
    ['a tag removed', original.replace('Ký: <%= d.signer.name %>', 'Ký:'), true],
    ['a new field reference', original + '\n<%= d.commune.name %>', true],
    ['a new helper call on fields and literals', original + "\n<%= f.dateLine(d.commune.place, d.doc.date) %>", true],
    ['an indexed field', original + '\n<%= d.targets[0] %>', true],
    ['reading the environment', original + '\n<%= process.env.DATABASE_URL %>', false],
    ['a new scriptlet', original + '\n<% while (true) {} %>', false],
    ['raw output of a field', original + '\n<%- d.signer.name %>', false],
    ['a helper call with code inside', original + "\n<%= f.dateLine(process.exit(), d.doc.date) %>", false],
    ['a constructor escape', original + "\n<%= d.constructor.constructor('return process')() %>", false],
    ['a method call on a field', original + '\n<%= d.signer.name.toString() %>', false],
    ['the same code under another tag kind', original + '\n<%- f.stateNumber(d.doc.number, \'NQ\', d.issuer.code) %>', false],
    ['a comment', original + '\n<%# ghi chú %>', true],
  ];
  for (const [name, edited, ok] of cases) {
    it(`${name} → ${ok ? 'allowed' : 'refused'}`, () => expect(checkTemplateCode(original, edited).ok).to.equal(ok));
  }
});
