import { expect } from 'chai';
import {
  checkRegisterSequence, formatNumberSymbol, nextNumber, seriesKeyFor, type SeriesInput,
} from '../../server/domain/numbering.ts';

const hdnd = (over: Partial<SeriesInput> = {}): SeriesInput => ({
  family: 'state', issuerCode: 'HĐND', docType: 'NQ', year: 2026, ...over,
});
const du = (over: Partial<SeriesInput> = {}): SeriesInput => ({
  family: 'party', issuerCode: 'ĐU', docType: 'NQ', year: 2026, termId: '2025-2030', ...over,
});

describe('numbering', () => {
  describe('series (NĐ 30/2020 Điều 15; HD 36-HD/VPTW)', () => {
    // [label, a, b, same series?]
    const cases: Array<[string, SeriesInput, SeriesInput, boolean]> = [
      ['State: 31 Dec → 1 Jan starts a new series', hdnd({ year: 2025 }), hdnd({ year: 2026 }), false],
      ['State: the same year is one series', hdnd(), hdnd(), true],
      ['State: NQ and TB of one issuer share the series', hdnd(), hdnd({ docType: 'TB' }), true],
      ['State: a letter (no type) shares its issuer\'s series', hdnd({ issuerCode: 'UBND', docType: 'QĐ' }),
        hdnd({ issuerCode: 'UBND', docType: null }), true],
      ['State: HĐND and its Thường trực number apart', hdnd(), hdnd({ issuerCode: 'TTHĐND' }), false],
      ['State: HĐND and UBND number apart', hdnd(), hdnd({ issuerCode: 'UBND', docType: 'QĐ' }), false],
      ['State: normative documents keep their own series', hdnd(), hdnd({ normative: true }), false],
      ['State: confidential documents keep their own series', hdnd(), hdnd({ confidential: true }), false],
      ['State: normative and confidential series differ', hdnd({ normative: true }), hdnd({ confidential: true }), false],
      ['State: normative series also restarts on 1 January', hdnd({ normative: true, year: 2025 }),
        hdnd({ normative: true, year: 2026 }), false],
      ['State: the term does not matter', hdnd({ termId: '2021-2026' }), hdnd({ termId: '2026-2031' }), true],
      ['Party: the calendar year does not matter', du({ year: 2025 }), du({ year: 2026 }), true],
      ['Party: a new term starts a new series', du({ termId: '2025-2030' }), du({ termId: '2030-2035' }), false],
      ['Party: each type has its own series', du(), du({ docType: 'QĐ' }), false],
      ['Party: letters (CV) are a type of their own', du({ docType: 'CV' }), du({ docType: 'TB' }), false],
      ['State and Party never share', hdnd({ issuerCode: 'ĐU' }), du(), false],
      ['decomposed and composed codes are one series', hdnd({ issuerCode: 'HĐND'.normalize('NFD') }), hdnd(), true],
    ];
    for (const [label, a, b, same] of cases) {
      it(label, () => {
        if (same) expect(seriesKeyFor(a)).to.equal(seriesKeyFor(b));
        else expect(seriesKeyFor(a)).to.not.equal(seriesKeyFor(b));
      });
    }
    it('refuses a Party document without a term or a type, a Party normative document, a bad year', () => {
      expect(() => seriesKeyFor(du({ termId: null }))).to.throw(RangeError);
      expect(() => seriesKeyFor(du({ termId: ' ' }))).to.throw(RangeError);
      expect(() => seriesKeyFor(du({ docType: null }))).to.throw(RangeError);
      expect(() => seriesKeyFor(du({ normative: true }))).to.throw(RangeError);
      expect(() => seriesKeyFor(hdnd({ year: 25 }))).to.throw(RangeError);
      expect(() => seriesKeyFor(hdnd({ issuerCode: 'A|B' }))).to.throw(RangeError);
    });
  });

  describe('number and symbol (reuses vn-format)', () => {
    const cases: Array<[string, Parameters<typeof formatNumberSymbol>[0], string]> = [
      ['first of the year', { ...hdnd(), number: 1 }, '01/NQ-HĐND'],
      ['ninth keeps the zero', { ...hdnd(), number: 9 }, '09/NQ-HĐND'],
      ['tenth has no zero', { ...hdnd(), number: 10 }, '10/NQ-HĐND'],
      ['normative adds the year', { ...hdnd({ normative: true, year: 2025 }), number: 99 }, '99/2025/NQ-HĐND'],
      ['State letter', { ...hdnd({ issuerCode: 'UBND', docType: null }), number: 12, unitCode: 'VP' }, '12/UBND-VP'],
      ['Party', { ...du(), number: 5 }, '05-NQ/ĐU'],
      ['Party letter', { ...du({ docType: 'CV' }), number: 309 }, '309-CV/ĐU'],
      ['draft', { ...hdnd(), number: null }, '    /NQ-HĐND'],
    ];
    for (const [label, input, expected] of cases) {
      it(`${label}: ${expected}`, () => expect(formatNumberSymbol(input)).to.equal(expected));
    }
  });

  describe('next number', () => {
    const cases: Array<[number[], number]> = [[[], 1], [[1], 2], [[1, 2, 3, 4, 5, 6, 7, 8, 9], 10], [[1, 3], 4], [[5, 2], 6]];
    for (const [issued, next] of cases) it(`[${issued.join(', ')}] → ${next}`, () => expect(nextNumber(issued)).to.equal(next));
  });

  describe('register check', () => {
    const cases: Array<[number[], number[], number[], number[]]> = [
      [[], [], [], []],
      [[1, 2, 3], [], [], []],
      [[3, 1, 2], [], [], []],
      [[1, 2, 2, 3], [2], [], []],
      [[1, 3], [], [2], []],
      [[2], [], [1], []], // the series starts at 01
      [[1, 1, 1, 4, 4, 7], [1, 4], [2, 3, 5, 6], []],
      [[0, -1, 1.5, 1], [], [], [0, -1, 1.5]],
    ];
    for (const [numbers, duplicates, gaps, invalid] of cases) {
      it(`[${numbers.join(', ')}]`, () => {
        expect(checkRegisterSequence(numbers)).to.deep.equal({ duplicates, gaps, invalid });
      });
    }
    it('checks a register of 100,000 numbers (its speed is for a benchmark, not a test)', () => {
      const numbers = Array.from({ length: 100_000 }, (_, i) => i + 1).filter((n) => n !== 500);
      numbers.push(42);
      expect(checkRegisterSequence(numbers)).to.deep.equal({ duplicates: [42], gaps: [500], invalid: [] });
    });
  });
});
