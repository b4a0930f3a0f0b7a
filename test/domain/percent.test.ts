import { expect } from 'chai';
import { formatHundredths, formatPercent, percentHundredths } from '../../server/domain/percent.ts';

describe('formatPercent — two decimals, decimal comma, half up, space before %', () => {
  const table: Array<[number, number, string]> = [
    [2, 3, '66,67 %'], // never truncated to 66,66
    [1, 3, '33,33 %'],
    [22, 23, '95,65 %'], // DOMAIN.md §3 example
    [1, 1, '100,00 %'],
    [23, 23, '100,00 %'],
    [0, 23, '0,00 %'],
    [1, 8, '12,50 %'],
    [5, 8, '62,50 %'],
    [1, 16, '6,25 %'],
    [1, 6, '16,67 %'], // 16,666… rounds up
    [5, 6, '83,33 %'], // 83,333… rounds down
    [1, 200, '0,50 %'], // exact
    [1, 400, '0,25 %'],
    [1, 3000, '0,03 %'], // 0,0333… → 0,03
    [1, 20000, '0,01 %'], // exactly 0,005 → half up to 0,01
    [1, 20001, '0,00 %'], // just under 0,005
    [3, 40000, '0,01 %'], // 0,0075 → 0,01
    [1, 80000, '0,00 %'], // 0,00125
    [11, 16, '68,75 %'],
    [13, 25, '52,00 %'],
    [14, 27, '51,85 %'],
    [18, 27, '66,67 %'],
    [10, 1, '1.000,00 %'], // above 999 % the thousands are grouped
    [0, 0, '0,00 %'], // documented: no denominator → 0,00 %
  ];
  for (const [n, d, expected] of table) {
    it(`${n}/${d} → ${expected}`, () => expect(formatPercent(n, d)).to.equal(expected));
  }

  it('is exact for large counts (no floating point)', () => {
    // 1/3 of a large safe integer: float arithmetic would be fine here, but 2^53-1 must not overflow.
    expect(formatPercent(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).to.equal('100,00 %');
    expect(formatPercent(1, Number.MAX_SAFE_INTEGER)).to.equal('0,00 %');
  });

  it('throws on negative or fractional counts (a programming error)', () => {
    expect(() => formatPercent(-1, 3)).to.throw(RangeError);
    expect(() => formatPercent(1.5, 3)).to.throw(RangeError);
  });
});

describe('percentHundredths', () => {
  it('returns hundredths as a BigInt, rounded half up', () => {
    expect(percentHundredths(2, 3)).to.deep.equal({ ok: true, hundredths: 6667n });
    expect(percentHundredths(1, 20000)).to.deep.equal({ ok: true, hundredths: 1n });
  });
  it('refuses a zero denominator and non-counts as values', () => {
    expect(percentHundredths(0, 0)).to.deep.equal({ ok: false, reason: 'ZERO_DENOMINATOR' });
    expect(percentHundredths(-1, 2)).to.deep.equal({ ok: false, reason: 'NOT_A_COUNT' });
  });
  it('formatHundredths pads the decimals', () => {
    expect(formatHundredths(5n)).to.equal('0,05 %');
    expect(formatHundredths(10000n)).to.equal('100,00 %');
  });
});
