import { expect } from 'chai';
import { GENDERS, honorificOf } from '../../server/domain/people.ts';

describe('domain/people: the honorific before a name (NĐ 30/2020 Phụ lục I, III)', () => {
  const table: [string | null | undefined, string][] = [
    ['nữ', 'Bà'],
    ['nam', 'Ông'],
    [null, 'Ông'],
    [undefined, 'Ông'],
    ['', 'Ông'],
    ['Nữ', 'Ông'],
  ];
  for (const [gender, expected] of table) {
    it(`${JSON.stringify(gender)} → ${expected}`, () => expect(honorificOf(gender)).to.equal(expected));
  }

  it('the register records exactly two genders', () => expect(GENDERS).to.deep.equal(['nam', 'nữ']));
});
