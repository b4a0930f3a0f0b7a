import { expect } from 'chai';
import {
  applyRegulationPassRule, atLeastTwoThirds, councilUnderfilledRuleApplies, decideVote, moreThanHalf, moreThanTwoThirds, requiredCount,
  tallyElection, type ElectionInput, type VoteInput, type VoteResult,
} from '../../server/domain/vote-rules.ts';

describe('integer thresholds', () => {
  // n, more than half, at least 2/3, more than 2/3
  const table: Array<[number, number, number, number]> = [
    [0, 1, 0, 1],
    [1, 1, 1, 1],
    [2, 2, 2, 2],
    [3, 2, 2, 3],
    [4, 3, 3, 3],
    [5, 3, 4, 4],
    [6, 4, 4, 5],
    [7, 4, 5, 5],
    [15, 8, 10, 11],
    [22, 12, 15, 15],
    [23, 12, 16, 16],
    [24, 13, 16, 17],
    [25, 13, 17, 17],
    [26, 14, 18, 18],
    [27, 14, 18, 19],
    [30, 16, 20, 21],
    [95, 48, 64, 64],
  ];
  for (const [n, half, atLeast, moreThan] of table) {
    it(`n = ${n}: > 1/2 → ${half}, ≥ 2/3 → ${atLeast}, > 2/3 → ${moreThan}`, () => {
      expect(moreThanHalf(n)).to.equal(half);
      expect(atLeastTwoThirds(n)).to.equal(atLeast);
      expect(moreThanTwoThirds(n)).to.equal(moreThan);
      expect(requiredCount({ numerator: 1, denominator: 2, comparison: 'more_than' }, n)).to.equal(half);
      expect(requiredCount({ numerator: 2, denominator: 3, comparison: 'at_least' }, n)).to.equal(atLeast);
      expect(requiredCount({ numerator: 2, denominator: 3, comparison: 'more_than' }, n)).to.equal(moreThan);
    });
  }
  it('agrees with the exact definition for every n up to 300', () => {
    for (let n = 0; n <= 300; n++) {
      const h = moreThanHalf(n);
      expect(2 * h > n && 2 * (h - 1) <= n, `> 1/2 of ${n}`).to.equal(true);
      const a = atLeastTwoThirds(n);
      expect(3 * a >= 2 * n && (a === 0 || 3 * (a - 1) < 2 * n), `≥ 2/3 of ${n}`).to.equal(true);
      const m = moreThanTwoThirds(n);
      expect(3 * m > 2 * n && 3 * (m - 1) <= 2 * n, `> 2/3 of ${n}`).to.equal(true);
    }
  });
  it('throws on a negative or fractional n (a programming error)', () => {
    expect(() => moreThanHalf(-1)).to.throw(RangeError);
    expect(() => atLeastTwoThirds(2.5)).to.throw(RangeError);
  });
});

type Row = { name: string; input: VoteInput; passed: boolean; required: number; baseCount?: number; rule?: string };

function runTable(rows: Row[]): void {
  for (const row of rows) {
    it(row.name, () => {
      const result = decideVote(row.input);
      if (!result.ok) throw new Error(`refused: ${result.reason}`);
      expect(result.passed, 'passed').to.equal(row.passed);
      expect(result.required, 'required').to.equal(row.required);
      if (row.baseCount !== undefined) expect(result.baseCount, 'baseCount').to.equal(row.baseCount);
      if (row.rule !== undefined) expect(result.rule, 'rule').to.equal(row.rule);
    });
  }
}

const council = (f: number, present: number, total: number, extra: Partial<VoteInput> = {}): VoteInput =>
  ({ kind: 'council_resolution', for: f, against: 0, abstain: present - f, present, total, ...extra }) as VoteInput;

describe('HĐND resolution: for > 1/2 of the TOTAL number of deputies (Điều 35.2)', () => {
  runTable([
    { name: '13 of 25 passes', input: council(13, 25, 25), passed: true, required: 13, baseCount: 25 },
    { name: '12 of 25 fails', input: council(12, 25, 25), passed: false, required: 13 },
    { name: 'exactly half of 24 (12) fails', input: council(12, 24, 24), passed: false, required: 13 },
    { name: '13 of 24 passes', input: council(13, 24, 24), passed: true, required: 13 },
    { name: 'base is the total, not those present: 12 of 15 present, total 25 → fails', input: council(12, 15, 25), passed: false, required: 13 },
    { name: '13 of 13 present, total 25 → passes', input: council(13, 13, 25), passed: true, required: 13 },
    { name: 'a deputy released mid-term: total 24, 13 passes', input: council(13, 20, 24), passed: true, required: 13, baseCount: 24 },
    { name: 'two deputies released mid-term: total 23, 12 now passes', input: council(12, 20, 23), passed: true, required: 12, baseCount: 23 },
    { name: 'total 1: 1 for passes', input: council(1, 1, 1), passed: true, required: 1 },
    { name: 'total 1: 0 for fails', input: council(0, 1, 1), passed: false, required: 1 },
    { name: 'total 2: 1 for (half) fails', input: council(1, 2, 2), passed: false, required: 2 },
    { name: 'DOMAIN example 22/23', input: council(22, 23, 23), passed: true, required: 12 },
  ]);
});

describe('HĐND removal of a deputy: for ≥ 2/3 of the total (Điều 35.2, 38.5)', () => {
  const removal = (f: number, total: number): VoteInput =>
    ({ kind: 'council_removal', for: f, against: total - f, abstain: 0, present: total, total });
  runTable([
    { name: 'n = 3: 2 passes', input: removal(2, 3), passed: true, required: 2 },
    { name: 'n = 3: 1 fails', input: removal(1, 3), passed: false, required: 2 },
    { name: 'n = 6: exactly 2/3 (4) passes', input: removal(4, 6), passed: true, required: 4 },
    { name: 'n = 7: 4 fails, 5 needed', input: removal(4, 7), passed: false, required: 5 },
    { name: 'n = 7: 5 passes', input: removal(5, 7), passed: true, required: 5 },
    { name: 'n = 25: 16 fails', input: removal(16, 25), passed: false, required: 17 },
    { name: 'n = 25: 17 passes', input: removal(17, 25), passed: true, required: 17 },
    { name: 'n = 26: 17 fails', input: removal(17, 26), passed: false, required: 18 },
    { name: 'n = 27: exactly 2/3 (18) passes', input: removal(18, 27), passed: true, required: 18 },
  ]);
});

describe('HĐND under 2/3 filled with ≤ 18 months left: for > 2/3 of deputies in office (Điều 49.2)', () => {
  const under = (f: number, inOffice: number, seats: number, months: number, kind: VoteInput['kind'] = 'council_resolution'): VoteInput =>
    ({ kind, for: f, against: 0, abstain: inOffice - f, present: inOffice, total: inOffice, inOffice, seats, monthsLeftInTerm: months }) as VoteInput;
  runTable([
    { name: '19 of 30 seats, 12 months left: > 2/3 of 19 = 13 needed; 13 passes', input: under(13, 19, 30, 12), passed: true, required: 13, baseCount: 19, rule: 'COUNCIL_UNDERFILLED_TWO_THIRDS_IN_OFFICE' },
    { name: '… 12 fails (though > 1/2 of 19)', input: under(12, 19, 30, 12), passed: false, required: 13 },
    { name: 'exactly 18 months left still applies', input: under(12, 19, 30, 18), passed: false, required: 13, rule: 'COUNCIL_UNDERFILLED_TWO_THIRDS_IN_OFFICE' },
    { name: '19 months left: general rule (> 1/2 of 19 = 10)', input: under(10, 19, 30, 19), passed: true, required: 10, rule: 'COUNCIL_MAJORITY_OF_TOTAL' },
    { name: 'exactly 2/3 filled (20 of 30) is not "fewer than 2/3": general rule', input: under(11, 20, 30, 6), passed: true, required: 11, rule: 'COUNCIL_MAJORITY_OF_TOTAL' },
    { name: '18 in office of 27 seats = exactly 2/3: general rule', input: under(10, 18, 27, 6), passed: true, required: 10, rule: 'COUNCIL_MAJORITY_OF_TOTAL' },
    { name: '17 of 27 seats, 6 months: > 2/3 of 17 = 12', input: under(12, 17, 27, 6), passed: true, required: 12 },
    { name: 'removal in an underfilled council: > 2/3 of 18 in office = 13 (stricter than ≥ 2/3 = 12)', input: under(12, 18, 30, 6, 'council_removal'), passed: false, required: 13 },
    { name: 'election in an underfilled council follows Điều 49.2', input: under(13, 19, 30, 6, 'council_election'), passed: true, required: 13 },
  ]);
  it('councilUnderfilledRuleApplies', () => {
    expect(councilUnderfilledRuleApplies(30, 19, 18)).to.equal(true);
    expect(councilUnderfilledRuleApplies(30, 20, 18)).to.equal(false);
    expect(councilUnderfilledRuleApplies(30, 19, 19)).to.equal(false);
  });
  it('refuses an underfilled council without the months left of the term', () => {
    const { monthsLeftInTerm: _, ...input } = under(13, 19, 30, 6) as VoteInput & { monthsLeftInTerm?: number };
    expect(decideVote(input)).to.deep.equal({ ok: false, reason: 'MONTHS_LEFT_REQUIRED' });
  });
  it('does not need the months when the council is filled', () => {
    const result = decideVote({ kind: 'council_resolution', for: 16, against: 0, abstain: 0, present: 25, total: 30, seats: 30 });
    expect(result.ok && result.passed).to.equal(true);
  });
});

const committee = (f: number, against: number, total: number, chairmanSide?: 'for' | 'against' | 'abstain' | 'absent'): VoteInput =>
  ({ kind: 'committee_decision', for: f, against, abstain: 0, present: f + against, total, chairmanSide });

// Luật 72/2025/QH15 Điều 40.3: a decision needs for > 1/2 of ALL members; "trường hợp biểu quyết ngang nhau" is
// exactly half of all members in favour (2·for == total), and then the side the Chairman voted with wins. A split
// among those present (1–1 of 8, 4–4 of 9) is no such tie: it fails like any count below more than half.
describe('UBND collective decision: > 1/2 of all members; at exactly half of all members the Chairman\'s side wins (Điều 40.3)', () => {
  const split = (f: number, against: number, abstain: number, total: number, chairmanSide?: 'for' | 'against' | 'abstain' | 'absent'): VoteInput =>
    ({ kind: 'committee_decision', for: f, against, abstain, present: f + against + abstain, total, chairmanSide });
  runTable([
    { name: '5 of 9 passes', input: committee(5, 4, 9), passed: true, required: 5 },
    { name: '4 of 9 fails (4 against, no tie)', input: committee(4, 3, 9), passed: false, required: 5 },
    { name: '4–4 of 9 (one absent), Chairman for → fails: 4 is not half of 9', input: committee(4, 4, 9, 'for'), passed: false, required: 5 },
    { name: '4–4 of 9, Chairman absent → fails', input: committee(4, 4, 9, 'absent'), passed: false, required: 5 },
    { name: '4–4 of 8, Chairman for → passes', input: committee(4, 4, 8, 'for'), passed: true, required: 5 },
    { name: '4–4 of 8, Chairman against → fails', input: committee(4, 4, 8, 'against'), passed: false, required: 5 },
    { name: '1 for, 1 against, 6 abstain of 8, Chairman for → fails (turnout is not a tie)', input: split(1, 1, 6, 8, 'for'), passed: false, required: 5 },
    { name: '3–3 of 8 (two absent), Chairman for → fails', input: committee(3, 3, 8, 'for'), passed: false, required: 5 },
    { name: '4 for, 4 abstain of 8, Chairman for → passes (half of all members for)', input: split(4, 0, 4, 8, 'for'), passed: true, required: 5 },
    { name: '4 for, 4 abstain of 8, Chairman abstained → fails', input: split(4, 0, 4, 8, 'abstain'), passed: false, required: 5 },
    { name: '5–4 of 10 (one absent), Chairman for → passes: 5 is half of 10', input: committee(5, 4, 10, 'for'), passed: true, required: 6 },
    { name: '5–4 of 10, Chairman against → fails', input: committee(5, 4, 10, 'against'), passed: false, required: 6 },
    { name: 'tie 5–5 of 10, Chairman for → passes', input: committee(5, 5, 10, 'for'), passed: true, required: 6 },
    { name: 'tie 5–5 of 10, Chairman against → fails', input: committee(5, 5, 10, 'against'), passed: false, required: 6 },
    { name: 'total 1: the Chairman alone passes', input: committee(1, 0, 1, 'for'), passed: true, required: 1 },
  ]);
  it('a split below half of all members needs no Chairman\'s side and is not a tie', () => {
    expect(decideVote(committee(4, 4, 9))).to.include({ ok: true, passed: false, tie: false, decidedByChairman: false });
    expect(decideVote(split(1, 1, 6, 8))).to.include({ ok: true, passed: false, tie: false });
  });
  it('flags a decision made by the Chairman\'s side', () => {
    const result = decideVote(committee(5, 5, 10, 'for'));
    expect(result).to.include({ ok: true, passed: true, tie: true, decidedByChairman: true, shortfall: 0 });
  });
  it('refuses a tie without the Chairman\'s side', () => {
    expect(decideVote(committee(5, 5, 10))).to.deep.equal({ ok: false, reason: 'CHAIRMAN_SIDE_REQUIRED' });
  });
  it('does not need the Chairman\'s side without a tie', () => {
    expect(decideVote(committee(6, 4, 10)).ok).to.equal(true);
  });
  it('refuses a Chairman\'s side with no vote on it', () => {
    expect(decideVote({ kind: 'committee_decision', for: 5, against: 5, abstain: 0, present: 10, total: 10, chairmanSide: 'abstain' }))
      .to.deep.equal({ ok: false, reason: 'CHAIRMAN_SIDE_INCONSISTENT' });
  });
});

describe('Party committee resolution: > 1/2 of members, base per setting (Điều lệ Đảng 9.5; QĐ 294)', () => {
  const party = (f: number, inOffice: number, total: number, base: 'in_office' | 'total'): VoteInput =>
    ({ kind: 'party_resolution', for: f, against: 0, abstain: 0, present: f, total, inOffice, base });
  runTable([
    { name: 'in office 14 of 15: 8 passes', input: party(8, 14, 15, 'in_office'), passed: true, required: 8, baseCount: 14 },
    { name: 'in office 14: exactly half (7) fails', input: party(7, 14, 14, 'in_office'), passed: false, required: 8 },
    { name: 'base total 15: 8 passes', input: party(8, 14, 15, 'total'), passed: true, required: 8, baseCount: 15 },
    { name: 'in office 13 of 15: 7 passes on in_office', input: party(7, 13, 15, 'in_office'), passed: true, required: 7 },
    { name: 'in office 13 of 15: 7 fails on total', input: party(7, 13, 15, 'total'), passed: false, required: 8 },
  ]);
  it('party elections use the same configured base', () => {
    const result = decideVote({ kind: 'party_election', for: 8, against: 6, abstain: 0, present: 14, total: 15, inOffice: 14, base: 'in_office' });
    expect(result).to.include({ ok: true, passed: true, required: 8, rule: 'PARTY_ELECTION_MAJORITY' });
  });
});

describe('voters\' conference nomination: > 50 % of voters present (NQ 101/2025/UBTVQH15)', () => {
  const voters = (f: number, present: number): VoteInput => ({ kind: 'voters_nomination', for: f, against: present - f, abstain: 0, present });
  runTable([
    { name: '51 of 100 passes', input: voters(51, 100), passed: true, required: 51, baseCount: 100 },
    { name: 'exactly 50 % fails', input: voters(50, 100), passed: false, required: 51 },
    { name: '1 of 1 passes', input: voters(1, 1), passed: true, required: 1 },
  ]);
});

describe('decideVote refusals', () => {
  const rows: Array<[string, VoteInput, string]> = [
    ['more ballots than present', { kind: 'council_resolution', for: 20, against: 4, abstain: 0, present: 23, total: 25 }, 'BALLOTS_EXCEED_PRESENT'],
    ['invalid ballots count too', { kind: 'council_removal', for: 20, against: 2, abstain: 0, invalid: 2, present: 23, total: 25 }, 'BALLOTS_EXCEED_PRESENT'],
    ['more present than members', { kind: 'council_resolution', for: 20, against: 0, abstain: 0, present: 26, total: 25 }, 'PRESENT_EXCEEDS_MEMBERS'],
    ['negative count', { kind: 'council_resolution', for: -1, against: 0, abstain: 0, present: 3, total: 25 }, 'NOT_A_COUNT'],
    ['fractional count', { kind: 'committee_decision', for: 2.5, against: 0, abstain: 0, present: 3, total: 9 }, 'NOT_A_COUNT'],
    ['empty council', { kind: 'council_resolution', for: 0, against: 0, abstain: 0, present: 0, total: 0 }, 'EMPTY_BODY'],
    ['empty committee', { kind: 'committee_decision', for: 0, against: 0, abstain: 0, present: 0, total: 0 }, 'EMPTY_BODY'],
    ['no voters present', { kind: 'voters_nomination', for: 0, against: 0, abstain: 0, present: 0 }, 'EMPTY_BODY'],
    ['in office above total', { kind: 'party_resolution', for: 8, against: 0, abstain: 0, present: 8, total: 15, inOffice: 16, base: 'in_office' }, 'IN_OFFICE_EXCEEDS_TOTAL'],
    ['present above in office (party)', { kind: 'party_resolution', for: 8, against: 0, abstain: 0, present: 15, total: 15, inOffice: 14, base: 'total' }, 'PRESENT_EXCEEDS_MEMBERS'],
    ['in office above seats', { kind: 'council_resolution', for: 8, against: 0, abstain: 0, present: 8, total: 31, seats: 30, monthsLeftInTerm: 6 }, 'IN_OFFICE_EXCEEDS_SEATS'],
  ];
  for (const [name, input, reason] of rows) {
    it(`${name} → ${reason}`, () => {
      const result: VoteResult = decideVote(input);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.reason).to.equal(reason);
    });
  }
  it('cites the article with every decision', () => {
    const result = decideVote(council(13, 25, 25));
    expect(result.ok && result.article).to.match(/72\/2025\/QH15, Điều 35 khoản 2/);
  });
});

describe('tallyElection: k of n', () => {
  const council = (seats: number, total: number, agrees: number[], ballots = total): ElectionInput => ({
    body: 'people_council', seats, total, ballots,
    candidates: agrees.map((agree, i) => ({ id: String.fromCharCode(65 + i), agree })),
  });
  const rows: Array<[string, ElectionInput, string[], { candidates: string[]; seats: number } | null, number]> = [
    ['1 of 1, 13 of 25 elected', council(1, 25, [13]), ['A'], null, 0],
    ['1 of 1, exactly half of 24 not elected', council(1, 24, [12]), [], null, 1],
    ['threshold is of the total, not of ballots: 12 of 20 ballots, total 25', council(1, 25, [12], 20), [], null, 1],
    ['2 of 3, all pass: the two highest win', council(2, 25, [20, 15, 18]), ['A', 'C'], null, 0],
    ['2 of 3, one passes: one seat left unfilled', council(2, 25, [20, 10, 12]), ['A'], null, 1],
    ['2 of 3, tie at the last seat', council(2, 25, [20, 15, 15]), ['A'], { candidates: ['B', 'C'], seats: 1 }, 1],
    ['2 of 4, tie for both seats among three', council(2, 25, [16, 16, 16, 3]), [], { candidates: ['A', 'B', 'C'], seats: 2 }, 2],
    ['2 of 3, tie above the last seat is not a tie', council(2, 25, [18, 18, 14]), ['A', 'B'], null, 0],
    ['tie below the threshold is no tie: both fail', council(1, 25, [12, 12]), [], null, 1],
    ['3 of 5 with a released deputy (total 24): 13 needed', council(3, 24, [13, 12, 20, 19, 13]), ['C', 'D'], { candidates: ['A', 'E'], seats: 1 }, 1],
  ];
  for (const [name, input, elected, tie, unfilled] of rows) {
    it(name, () => {
      const result = tallyElection(input);
      if (!result.ok) throw new Error(`refused: ${result.reason}`);
      expect(result.elected).to.deep.equal(elected);
      expect(result.tie).to.deep.equal(tie);
      expect(result.unfilledSeats).to.equal(unfilled);
    });
  }
  it('Party: "quá bán" of the configured base', () => {
    const input: ElectionInput = {
      body: 'party', seats: 1, total: 15, inOffice: 13, base: 'in_office', ballots: 13, candidates: [{ id: 'X', agree: 7 }],
    };
    expect(tallyElection(input)).to.include({ ok: true, required: 7, baseCount: 13 });
    expect(tallyElection({ ...input, base: 'total' })).to.include({ ok: true, required: 8, baseCount: 15 });
    const r = tallyElection({ ...input, base: 'total' });
    expect(r.ok && r.elected).to.deep.equal([]);
  });
  it('reports each candidate in the given order', () => {
    const result = tallyElection(council(1, 25, [14, 20]));
    expect(result.ok && result.results).to.deep.equal([
      { id: 'A', agree: 14, reachedThreshold: true, elected: false },
      { id: 'B', agree: 20, reachedThreshold: true, elected: true },
    ]);
  });
  const refusals: Array<[string, ElectionInput, string]> = [
    ['no seats', council(0, 25, [13]), 'NO_SEATS'],
    ['no candidates', council(1, 25, []), 'NO_CANDIDATES'],
    ['more agrees than ballots', council(1, 25, [21], 20), 'AGREE_EXCEEDS_BALLOTS'],
    ['more ballots than deputies', council(1, 25, [13], 26), 'BALLOTS_EXCEED_MEMBERS'],
    ['empty council', council(1, 0, [0], 0), 'EMPTY_BODY'],
    ['negative agree', council(1, 25, [-1]), 'NOT_A_COUNT'],
    ['duplicate candidate', { ...council(1, 25, [1, 2]), candidates: [{ id: 'A', agree: 1 }, { id: 'A', agree: 2 }] }, 'DUPLICATE_CANDIDATE'],
  ];
  for (const [name, input, reason] of refusals) {
    it(`refuses: ${name} → ${reason}`, () => {
      const result = tallyElection(input);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.reason).to.equal(reason);
    });
  }
});

describe('a Quy chế\'s stricter pass rule: the required count is the larger of the statute\'s and the regulation\'s (DOMAIN.md §3)', () => {
  const source = 'Quy chế làm việc (Quyết định số 12/QĐ-UBND)';
  const twoThirdsOfTotal = { threshold: { numerator: 2, denominator: 3, comparison: 'at_least' as const }, base: 'total' as const, source };
  const decided = (input: VoteInput) => { const r = decideVote(input); if (!r.ok) throw new Error(r.reason); return r; };
  const bases = (total: number, present: number) => ({ total, in_office: total, present });
  it('raises the requirement: 5 of 8 passes under the statute, fails under "at least 2/3 of the total" (6)', () => {
    const d = applyRegulationPassRule(decided(committee(5, 3, 8)), twoThirdsOfTotal, bases(8, 8));
    expect(d).to.include({ passed: false, required: 6, shortfall: 1, byRegulation: true, baseCount: 8 });
    expect(d.article).to.match(/^Quy chế làm việc .*Điều 40 khoản 3$/);
  });
  it('6 of 8 passes under both', () => {
    expect(applyRegulationPassRule(decided(committee(6, 2, 8)), twoThirdsOfTotal, bases(8, 8))).to.include({ passed: true, required: 6, byRegulation: true });
  });
  it('no longer passes a tie by the Chairman\'s side below the regulation\'s count', () => {
    const d = applyRegulationPassRule(decided(committee(4, 4, 8, 'for')), twoThirdsOfTotal, bases(8, 8));
    expect(d).to.include({ passed: false, decidedByChairman: false, required: 6 });
  });
  it('never lowers the statute: a weaker or equal rule leaves the statutory decision as it is', () => {
    const statutory = decided(committee(5, 3, 8));
    const half = { threshold: { numerator: 1, denominator: 2, comparison: 'more_than' as const }, base: 'total' as const, source };
    const ofPresent = { threshold: { numerator: 1, denominator: 2, comparison: 'more_than' as const }, base: 'present' as const, source };
    expect(applyRegulationPassRule(statutory, half, bases(8, 8))).to.equal(statutory);
    expect(applyRegulationPassRule(statutory, ofPresent, bases(8, 6))).to.equal(statutory);
    expect(applyRegulationPassRule(statutory, null, bases(8, 8))).to.equal(statutory);
  });
});
