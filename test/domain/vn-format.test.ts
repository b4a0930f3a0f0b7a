import { expect } from 'chai';
import {
  composePartySymbol, composeStateSymbol, formatDateLine, formatDayMonthYear, formatPartyNumberLine,
  formatStateNumberLine, ordinalWord, parseDate, partyOrdinal, placeName, romanNumeral, sessionName, upperVi,
  formatClockTime,
} from '../../server/domain/vn-format.ts';

describe('vn-format', () => {
  describe('date line (leading zeros: day < 10, months 1–2)', () => {
    const cases: Array<[[number, number, number], string]> = [
      [[2026, 2, 5], 'ngày 05 tháng 02 năm 2026'],
      [[2025, 6, 24], 'ngày 24 tháng 6 năm 2025'],
      [[2026, 1, 10], 'ngày 10 tháng 01 năm 2026'],
      [[2026, 3, 9], 'ngày 09 tháng 3 năm 2026'],
      [[2026, 12, 31], 'ngày 31 tháng 12 năm 2026'],
      [[2026, 10, 1], 'ngày 01 tháng 10 năm 2026'],
    ];
    for (const [[year, month, day], expected] of cases) {
      it(`${day}/${month}/${year} → ${expected}`, () => {
        expect(formatDayMonthYear({ year, month, day })).to.equal(expected);
      });
    }
    it('prefixes the place without "xã"', () => {
      expect(formatDateLine(placeName('xã Tân Uyên'), { year: 2026, month: 2, day: 5 }))
        .to.equal('Tân Uyên, ngày 05 tháng 02 năm 2026');
    });
    it('parses dd/mm/yyyy and ISO, refuses impossible dates', () => {
      expect(parseDate('5/3/2026')).to.deep.equal({ year: 2026, month: 3, day: 5 });
      expect(parseDate('2026-03-25')).to.deep.equal({ year: 2026, month: 3, day: 25 });
      expect(() => parseDate('30/02/2026')).to.throw(/không tồn tại/);
      expect(() => parseDate('hôm nay')).to.throw(RangeError);
    });
  });

  describe('number and symbol', () => {
    it('state: 05/NQ-HĐND, 12/QĐ-UBND, 17/TB-TTHĐND', () => {
      expect(composeStateSymbol({ number: 5, typeCode: 'NQ', issuerCode: 'HĐND' })).to.equal('05/NQ-HĐND');
      expect(composeStateSymbol({ number: 12, typeCode: 'QĐ', issuerCode: 'UBND' })).to.equal('12/QĐ-UBND');
      expect(formatStateNumberLine({ number: 17, typeCode: 'TB', issuerCode: 'TTHĐND' })).to.equal('Số: 17/TB-TTHĐND');
    });
    it('state letter has no type code: 12/UBND-VP', () => {
      expect(composeStateSymbol({ number: 12, typeCode: null, issuerCode: 'UBND', unitCode: 'VP' })).to.equal('12/UBND-VP');
    });
    it('legal normative documents add the year: 99/2025/NQ-HĐND', () => {
      expect(composeStateSymbol({ number: 99, typeCode: 'NQ', issuerCode: 'HĐND', normativeYear: 2025 })).to.equal('99/2025/NQ-HĐND');
    });
    it('drafts leave the number blank', () => {
      expect(formatStateNumberLine({ number: null, typeCode: 'NQ', issuerCode: 'HĐND' })).to.equal('Số:     /NQ-HĐND');
      expect(formatPartyNumberLine({ number: null, typeCode: 'NQ', issuerCode: 'ĐU' })).to.equal('Số     -NQ/ĐU');
    });
    it('party: "Số 05-NQ/ĐU", no colon', () => {
      expect(formatPartyNumberLine({ number: 5, typeCode: 'NQ', issuerCode: 'ĐU' })).to.equal('Số 05-NQ/ĐU');
      expect(composePartySymbol({ number: 309, typeCode: 'CV', issuerCode: 'ĐU' })).to.equal('309-CV/ĐU');
    });
    it('refuses zero and fractions', () => {
      expect(() => composeStateSymbol({ number: 0, typeCode: 'NQ', issuerCode: 'HĐND' })).to.throw(RangeError);
      expect(() => composeStateSymbol({ number: 1.5, typeCode: 'NQ', issuerCode: 'HĐND' })).to.throw(RangeError);
    });
    it('composes NFC even from decomposed input', () => {
      const decomposed = 'HĐND'.normalize('NFD');
      expect(composeStateSymbol({ number: 1, typeCode: 'QĐ'.normalize('NFD'), issuerCode: decomposed })).to.equal('01/QĐ-HĐND'.normalize('NFC'));
    });
  });

  describe('ordinals and Roman numerals', () => {
    const words: Array<[number, string]> = [[1, 'Nhất'], [2, 'Hai'], [4, 'Tư'], [10, 'Mười'], [11, 'Mười một'],
      [14, 'Mười bốn'], [15, 'Mười lăm'], [20, 'Hai mươi'], [21, 'Hai mươi mốt'], [24, 'Hai mươi tư'], [25, 'Hai mươi lăm']];
    for (const [n, w] of words) it(`${n} → thứ ${w}`, () => expect(ordinalWord(n)).to.equal(w));
    it('session names', () => {
      expect(sessionName(1, { capital: true })).to.equal('Kỳ họp thứ Nhất');
      expect(sessionName(6, { style: 'digit' })).to.equal('kỳ họp thứ 6');
      expect(partyOrdinal(3)).to.equal('lần thứ III');
    });
    const romans: Array<[number, string]> = [[1, 'I'], [4, 'IV'], [9, 'IX'], [14, 'XIV'], [40, 'XL'], [1999, 'MCMXCIX']];
    for (const [n, r] of romans) it(`${n} → ${r}`, () => expect(romanNumeral(n)).to.equal(r));
    it('refuses 0 and 100 for ordinals, 0 for Roman', () => {
      expect(() => ordinalWord(0)).to.throw(RangeError);
      expect(() => ordinalWord(100)).to.throw(RangeError);
      expect(() => romanNumeral(0)).to.throw(RangeError);
    });
  });

  describe('upper case and times', () => {
    it('upper-cases every Vietnamese letter and keeps NFC', () => {
      expect(upperVi('ủy ban nhân dân xã tân uyên')).to.equal('ỦY BAN NHÂN DÂN XÃ TÂN UYÊN');
      expect(upperVi('đảng ủy ươm ợ')).to.equal('ĐẢNG ỦY ƯƠM Ợ');
      expect(upperVi('hội đồng'.normalize('NFD'))).to.equal('HỘI ĐỒNG');
      expect(upperVi('hội đồng'.normalize('NFD')).length).to.equal('HỘI ĐỒNG'.length);
    });
    it('clock times', () => {
      expect(formatClockTime(8, 0)).to.equal('08 giờ 00 phút');
      expect(() => formatClockTime(24, 0)).to.throw(RangeError);
    });
  });
});
