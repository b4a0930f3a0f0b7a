import { expect } from 'chai';
import { checkNewMembership, isActiveOn, isIsoDate, membersOn, votingMembersOn } from '../../server/domain/membership.ts';

describe('domain/membership — who sits in a body on a day', () => {
  const m = (personId: number, startDate: string, endDate: string | null, votingRight = true) => ({ personId, startDate, endDate, votingRight });

  const activeCases: Array<[string, string, string | null, string, boolean]> = [
    ['before start', '2026-03-25', null, '2026-03-24', false],
    ['on the start day', '2026-03-25', null, '2026-03-25', true],
    ['open-ended, years later', '2026-03-25', null, '2030-01-01', true],
    ['day before the end', '2026-03-25', '2026-09-15', '2026-09-14', true],
    ['on the end day (exclusive)', '2026-03-25', '2026-09-15', '2026-09-15', false],
    ['after the end', '2026-03-25', '2026-09-15', '2026-12-01', false],
  ];
  for (const [name, start, end, day, expected] of activeCases) {
    it(`isActiveOn: ${name}`, () => expect(isActiveOn({ startDate: start, endDate: end }, day)).to.equal(expected));
  }

  it('a deputy released mid-term makes every later total N−1', () => {
    const rows = [m(1, '2026-03-25', null), m(2, '2026-03-25', null), m(3, '2026-03-25', '2026-09-15')];
    expect(membersOn(rows, '2026-09-14')).to.have.length(3);
    expect(membersOn(rows, '2026-09-15')).to.have.length(2);
  });

  it('a person with two posts in one body counts once; non-voting members are not in the voting total', () => {
    const rows = [m(1, '2026-01-01', null), m(1, '2026-01-01', null), m(2, '2026-01-01', null, false)];
    expect(membersOn(rows, '2026-02-01')).to.have.length(2);
    expect(votingMembersOn(rows, '2026-02-01')).to.have.length(1);
  });

  it('someone who joins later is not counted before their start', () => {
    const rows = [m(1, '2026-01-01', null), m(2, '2026-06-01', null)];
    expect(membersOn(rows, '2026-05-31')).to.have.length(1);
    expect(membersOn(rows, '2026-06-01')).to.have.length(2);
  });

  const term = { startDate: '2026-03-25', endDate: '2031-06-30' };
  const newCases: Array<[string, ReturnType<typeof m>[], ReturnType<typeof m>, string]> = [
    ['no existing post', [], m(1, '2026-04-01', null), 'ok'],
    ['end before start', [], m(1, '2026-04-01', '2026-04-01'), 'END_BEFORE_START'],
    ['start before the term', [], m(1, '2026-03-24', null), 'OUTSIDE_TERM'],
    ['open post already held', [m(1, '2026-03-25', null)], m(1, '2027-01-01', null), 'OVERLAPS_EXISTING'],
    ['after the old post ended (touching)', [m(1, '2026-03-25', '2026-09-15')], m(1, '2026-09-15', null), 'ok'],
    ['overlaps the old post by one day', [m(1, '2026-03-25', '2026-09-15')], m(1, '2026-09-14', null), 'OVERLAPS_EXISTING'],
    ['another person holds a post', [m(2, '2026-03-25', null)], m(1, '2026-04-01', null), 'ok'],
    ['ends before the existing starts', [m(1, '2026-06-01', null)], m(1, '2026-04-01', '2026-06-01'), 'ok'],
  ];
  for (const [name, existing, next, expected] of newCases) {
    it(`checkNewMembership: ${name} → ${expected}`, () => {
      const r = checkNewMembership(existing, next, term);
      expect(r.ok ? 'ok' : r.reason).to.equal(expected);
    });
  }

  const dates: Array<[string, boolean]> = [['2026-02-28', true], ['2026-02-29', false], ['2028-02-29', true], ['2026-13-01', false], ['26-01-01', false], ['2026-1-1', false], ['', false]];
  for (const [s, ok] of dates) it(`isIsoDate(${JSON.stringify(s)}) = ${ok}`, () => expect(isIsoDate(s)).to.equal(ok));
});
