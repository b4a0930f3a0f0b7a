import { expect } from 'chai';
import {
  addDays, formatShortDate, formatVnDateTime, parseVnInstant, vnClockOf, vnDayOf, vnInstant,
} from '../../server/domain/vn-time.ts';

describe('domain/vn-time: Vietnam day and clock (UTC+7, no daylight saving)', () => {
  const dayAndClock: [string, string, string][] = [
    ['2026-11-21T16:59:59Z', '2026-11-21', '23:59'],
    ['2026-11-21T17:00:00Z', '2026-11-22', '00:00'],
    ['2026-12-31T17:00:00Z', '2027-01-01', '00:00'],
    ['2028-02-28T17:30:00Z', '2028-02-29', '00:30'],
    ['2026-06-30T23:45:00Z', '2026-07-01', '06:45'],
  ];
  for (const [instant, day, clock] of dayAndClock) {
    it(`${instant} is ${day} ${clock} in Vietnam`, () => {
      expect(vnDayOf(new Date(instant))).to.equal(day);
      expect(vnClockOf(new Date(instant))).to.equal(clock);
    });
  }

  it('vnInstant reads a day and a clock time in Vietnam', () => {
    expect(vnInstant('2026-11-22', '07:30').toISOString()).to.equal('2026-11-22T00:30:00.000Z');
    expect(vnInstant('2026-11-22', '00:00').toISOString()).to.equal('2026-11-21T17:00:00.000Z');
  });

  const parsed: [string, string, string | null][] = [
    ['2026-11-22', '07:30', '2026-11-22T00:30:00.000Z'],
    ['2026-11-22', '23:59', '2026-11-22T16:59:00.000Z'],
    ['2026-11-22', '24:00', null],
    ['2026-11-22', '7:30', null],
    ['2026-11-22', '07:60', null],
    ['2026-02-29', '08:00', null],
    ['2028-02-29', '08:00', '2028-02-29T01:00:00.000Z'],
    ['2026-02-30', '08:00', null],
    ['22/11/2026', '08:00', null],
    ['', '', null],
  ];
  for (const [day, clock, expected] of parsed) {
    it(`parseVnInstant(${JSON.stringify(day)}, ${JSON.stringify(clock)}) → ${expected ?? 'null'}`, () => {
      expect(parseVnInstant(day, clock)?.toISOString() ?? null).to.equal(expected);
    });
  }

  const shifted: [string, number, string][] = [
    ['2026-11-22', 0, '2026-11-22'],
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-11-22', -30, '2026-10-23'],
  ];
  for (const [day, n, expected] of shifted) {
    it(`addDays(${day}, ${n}) → ${expected}`, () => expect(addDays(day, n)).to.equal(expected));
  }

  const short: [string | null | undefined, string][] = [
    ['2026-11-22', '22/11/2026'],
    ['2026-01-05', '05/01/2026'],
    ['2026-11-22T10:00:00.000Z', '22/11/2026'],
    ['', ''],
    [null, ''],
    [undefined, ''],
  ];
  for (const [iso, expected] of short) {
    it(`formatShortDate(${JSON.stringify(iso)}) → ${JSON.stringify(expected)}`, () => expect(formatShortDate(iso)).to.equal(expected));
  }

  it('formatVnDateTime shows the Vietnam wall-clock time, and nothing for no instant', () => {
    expect(formatVnDateTime(new Date('2026-11-22T00:30:00Z'))).to.equal('07:30:00 22/11/2026');
    expect(formatVnDateTime('2026-11-21T17:00:00.000Z')).to.equal('00:00:00 22/11/2026');
    expect(formatVnDateTime(null)).to.equal('');
    expect(formatVnDateTime(undefined)).to.equal('');
  });
});
