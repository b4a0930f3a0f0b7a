import { expect } from 'chai';
import { decideVote } from '../../server/domain/vote-rules.ts';
import {
  basePhrase, describeVoteResult, describeVoteSide, formatIntegerVi, memberWordFor, type VoteFigures,
} from '../../server/domain/vote-wording.ts';

const hdnd = (f: number, against: number, abstain: number, present: number, total: number): VoteFigures => ({
  method: 'show_of_hands', for: f, against, abstain, present, base: 'total', baseCount: total, memberWord: 'đại biểu',
});

describe('describeVoteSide / describeVoteResult — show of hands', () => {
  const rows: Array<[string, VoteFigures, string]> = [
    ['DOMAIN.md example: all 23 deputies present', hdnd(22, 1, 0, 23, 23),
      'có 22/23 đại biểu có mặt biểu quyết tán thành, đạt 95,65 % tổng số đại biểu; '
      + 'có 1/23 đại biểu có mặt biểu quyết không tán thành, chiếm 4,35 % tổng số đại biểu'],
    ['HĐND: the percentage is of the total (25), not of those present (23)', hdnd(22, 0, 1, 23, 25),
      'có 22/23 đại biểu có mặt biểu quyết tán thành, đạt 88,00 % tổng số đại biểu; '
      + 'có 1/23 đại biểu có mặt không biểu quyết, chiếm 4,00 % tổng số đại biểu'],
    ['unanimous: no empty clauses', hdnd(23, 0, 0, 23, 23),
      'có 23/23 đại biểu có mặt biểu quyết tán thành, đạt 100,00 % tổng số đại biểu'],
    ['nobody in favour', hdnd(0, 20, 3, 23, 25),
      'không có đại biểu nào biểu quyết tán thành; có 20/23 đại biểu có mặt biểu quyết không tán thành, chiếm 80,00 % tổng số đại biểu; '
      + 'có 3/23 đại biểu có mặt không biểu quyết, chiếm 12,00 % tổng số đại biểu'],
    ['2/3 rounds half up', hdnd(2, 1, 0, 3, 3),
      'có 2/3 đại biểu có mặt biểu quyết tán thành, đạt 66,67 % tổng số đại biểu; '
      + 'có 1/3 đại biểu có mặt biểu quyết không tán thành, chiếm 33,33 % tổng số đại biểu'],
    ['UBND members', { ...hdnd(9, 0, 0, 9, 10), memberWord: memberWordFor('people_committee') },
      'có 9/9 thành viên có mặt biểu quyết tán thành, đạt 90,00 % tổng số thành viên'],
    ['Party, base in office', { ...hdnd(13, 0, 0, 13, 14), base: 'in_office', memberWord: memberWordFor('party') },
      'có 13/13 đồng chí có mặt biểu quyết tán thành, đạt 92,86 % tổng số đồng chí đương nhiệm'],
    ['voters: of those present', { ...hdnd(120, 30, 0, 150, 150), base: 'present', memberWord: memberWordFor('voters_conference') },
      'có 120/150 cử tri có mặt biểu quyết tán thành, đạt 80,00 % số cử tri có mặt; '
      + 'có 30/150 cử tri có mặt biểu quyết không tán thành, chiếm 20,00 % số cử tri có mặt'],
    ['large counts are grouped', { ...hdnd(1200, 0, 0, 1500, 1500), base: 'present', memberWord: 'cử tri' },
      'có 1.200/1.500 cử tri có mặt biểu quyết tán thành, đạt 80,00 % số cử tri có mặt'],
    ['with the body named', { ...hdnd(13, 0, 0, 13, 25), ofBody: 'Hội đồng nhân dân xã' },
      'có 13/13 đại biểu có mặt biểu quyết tán thành, đạt 52,00 % tổng số đại biểu Hội đồng nhân dân xã'],
  ];
  for (const [name, figures, expected] of rows) {
    it(name, () => expect(describeVoteResult(figures)).to.equal(expected));
  }
  it('states one side on request, even an empty one', () => {
    expect(describeVoteSide(hdnd(23, 0, 0, 23, 23), 'against')).to.equal('không có đại biểu nào biểu quyết không tán thành');
    expect(describeVoteSide(hdnd(23, 0, 0, 23, 23), 'abstain')).to.equal('không có đại biểu nào không biểu quyết');
  });
});

describe('describeVoteResult — secret ballot', () => {
  const secret = (f: number, against: number, abstain: number, invalid: number, present: number, total: number): VoteFigures =>
    ({ ...hdnd(f, against, abstain, present, total), method: 'secret_ballot', invalid });
  const rows: Array<[string, VoteFigures, string]> = [
    ['removal by secret ballot', secret(20, 2, 1, 0, 23, 25),
      'có 20 phiếu đồng ý, đạt 80,00 % tổng số đại biểu; 2 phiếu không đồng ý, chiếm 8,00 % tổng số đại biểu; '
      + '1 phiếu trắng, chiếm 4,00 % tổng số đại biểu'],
    ['with invalid ballots', secret(22, 0, 0, 1, 23, 23),
      'có 22 phiếu đồng ý, đạt 95,65 % tổng số đại biểu; 1 phiếu không hợp lệ'],
    ['no ballot in favour', secret(0, 23, 0, 0, 23, 23),
      'không có phiếu đồng ý; 23 phiếu không đồng ý, chiếm 100,00 % tổng số đại biểu'],
  ];
  for (const [name, figures, expected] of rows) {
    it(name, () => expect(describeVoteResult(figures)).to.equal(expected));
  }
});

describe('wording follows the decision\'s base', () => {
  it('HĐND resolution: figures from decideVote give the percentage of the total', () => {
    const counts = { for: 13, against: 2, abstain: 0, present: 15 };
    const decision = decideVote({ kind: 'council_resolution', ...counts, total: 25 });
    if (!decision.ok) throw new Error(decision.reason);
    const text = describeVoteSide({ method: 'show_of_hands', ...counts, base: decision.base, baseCount: decision.baseCount, memberWord: 'đại biểu' }, 'for');
    expect(text).to.equal('có 13/15 đại biểu có mặt biểu quyết tán thành, đạt 52,00 % tổng số đại biểu');
  });
});

describe('helpers and guards', () => {
  it('formatIntegerVi groups thousands with a dot', () => {
    expect([0, 7, 999, 1000, 1234567].map(formatIntegerVi)).to.deep.equal(['0', '7', '999', '1.000', '1.234.567']);
  });
  it('basePhrase', () => {
    expect(basePhrase('total', 'đại biểu')).to.equal('tổng số đại biểu');
    expect(basePhrase('in_office', 'đồng chí')).to.equal('tổng số đồng chí đương nhiệm');
    expect(basePhrase('present', 'cử tri')).to.equal('số cử tri có mặt');
  });
  it('throws on figures no decision would have produced', () => {
    expect(() => describeVoteResult(hdnd(20, 4, 0, 23, 25))).to.throw(RangeError);
    expect(() => describeVoteResult(hdnd(0, 0, 0, 0, 0))).to.throw(RangeError);
    expect(() => describeVoteResult(hdnd(-1, 0, 0, 3, 3))).to.throw(RangeError);
  });
});
