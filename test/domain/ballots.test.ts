// Motions as pure rules: which statute applies per body, who may cast a ballot, and frozen figures with wording
// for boundary cases (exactly half, ties, 2/3 rounding) taken from real commune sessions.
import { expect } from 'chai';
import {
  addMonths, ballotTallyKeys, checkBallot, checkElectionMarks, decideMotion, monthsLeftInTerm, ruleKindFor, tallyKeysOf, tallyMotionElection,
} from '../../server/domain/ballots.ts';

describe('domain — ballots', () => {
  it('maps each body and motion kind to its statutory rule', () => {
    expect(ruleKindFor('people_council', 'resolution')).to.equal('council_resolution');
    expect(ruleKindFor('people_council', 'removal')).to.equal('council_removal');
    expect(ruleKindFor('people_council', 'election')).to.equal('council_election');
    expect(ruleKindFor('people_committee', 'decision')).to.equal('committee_decision');
    expect(ruleKindFor('people_committee', 'election')).to.equal(null);
    expect(ruleKindFor('party_committee', 'resolution')).to.equal('party_resolution');
    expect(ruleKindFor('party_standing_committee', 'election')).to.equal('party_election');
    expect(ruleKindFor('department', 'resolution')).to.equal(null);
  });

  const table: Array<[string, Parameters<typeof decideMotion>[0], boolean, number, string]> = [
    ['HĐND 26, 14 for of 24 present', { body: 'people_council', kind: 'resolution', method: 'totals', members: 26, present: 24, counts: { for: 14, against: 10, abstain: 0 } }, true, 14, 'đạt 53,85 % tổng số đại biểu'],
    ['HĐND 26, 13 for (exactly half)', { body: 'people_council', kind: 'resolution', method: 'totals', members: 26, present: 26, counts: { for: 13, against: 13, abstain: 0 } }, false, 14, 'đạt 50,00 %'],
    ['HĐND 27, removal needs 18 (≥ 2/3)', { body: 'people_council', kind: 'removal', method: 'secret', members: 27, present: 27, counts: { for: 18, against: 9, abstain: 0 } }, true, 18, 'có 18 phiếu đồng ý, đạt 66,67 %'],
    ['HĐND 27, removal with 17', { body: 'people_council', kind: 'removal', method: 'secret', members: 27, present: 27, counts: { for: 17, against: 10, abstain: 0 } }, false, 18, 'đạt 62,96 %'],
    ['UBND 8, 4–4 with the Chairman against', { body: 'people_committee', kind: 'decision', method: 'named', members: 8, present: 8, counts: { for: 4, against: 4, abstain: 0 }, chairmanSide: 'against' }, false, 5, 'đạt 50,00 % tổng số thành viên'],
    ['UBND 8, 5 for', { body: 'people_committee', kind: 'decision', method: 'named', members: 8, present: 8, counts: { for: 5, against: 3, abstain: 0 } }, true, 5, 'có 5/8 thành viên có mặt'],
    ['BCH 19 in office, 10 for', { body: 'party_committee', kind: 'resolution', method: 'totals', members: 19, present: 18, counts: { for: 10, against: 8, abstain: 0 } }, true, 10, 'tổng số đồng chí đương nhiệm'],
    ['HĐND underfilled (15 of 30 seats, 12 months left): > 2/3 of 15 = 11', { body: 'people_council', kind: 'resolution', method: 'totals', members: 15, present: 15, counts: { for: 10, against: 5, abstain: 0 }, councilSeats: 30, monthsLeft: 12 }, false, 11, 'Không được thông qua'],
  ];
  for (const [name, facts, passed, required, words] of table) {
    it(name, () => {
      const r = decideMotion(facts);
      expect(r.ok).to.equal(true);
      if (!r.ok) return;
      expect(r.result.decision.passed).to.equal(passed);
      expect(r.result.decision.required).to.equal(required);
      expect(`${r.result.wording}. ${r.result.verdict}`).to.include(words);
    });
  }

  it('refuses more ballots than present and a UBND tie without the Chairman', () => {
    expect(decideMotion({ body: 'people_council', kind: 'resolution', method: 'totals', members: 26, present: 20, counts: { for: 15, against: 6, abstain: 0 } })).to.deep.equal({ ok: false, reason: 'BALLOTS_EXCEED_PRESENT' });
    expect(decideMotion({ body: 'people_committee', kind: 'decision', method: 'totals', members: 8, present: 8, counts: { for: 4, against: 4, abstain: 0 } })).to.deep.equal({ ok: false, reason: 'CHAIRMAN_SIDE_REQUIRED' });
  });

  it('checkBallot: open, right method, member, present, once', () => {
    const ok = { status: 'open' as const, method: 'electronic' as const, by: 'member' as const, votingMember: true, inRoom: true, alreadyVoted: false };
    expect(checkBallot(ok)).to.deep.equal({ ok: true });
    expect(checkBallot({ ...ok, status: 'closed' })).to.deep.equal({ ok: false, reason: 'NOT_OPEN' });
    expect(checkBallot({ ...ok, method: 'totals' })).to.deep.equal({ ok: false, reason: 'WRONG_METHOD' });
    expect(checkBallot({ ...ok, votingMember: false })).to.deep.equal({ ok: false, reason: 'NOT_A_MEMBER' });
    expect(checkBallot({ ...ok, inRoom: false })).to.deep.equal({ ok: false, reason: 'NOT_PRESENT' });
    expect(checkBallot({ ...ok, alreadyVoted: true })).to.deep.equal({ ok: false, reason: 'ALREADY_VOTED' });
    expect(checkBallot({ ...ok, method: 'written', inRoom: false })).to.deep.equal({ ok: true });
    expect(checkBallot({ ...ok, method: 'written', deadlinePassed: true })).to.deep.equal({ ok: false, reason: 'DEADLINE_PASSED' });
  });

  it('elections: more than half of the total; marks within the seats', () => {
    const t = tallyMotionElection({ body: 'people_council', seats: 1, members: 26, validBallots: 25, candidates: [{ id: '1', name: 'A', agree: 14 }, { id: '2', name: 'B', agree: 11 }] });
    expect(t.ok && t.elected).to.deep.equal(['1']);
    const none = tallyMotionElection({ body: 'people_council', seats: 1, members: 26, validBallots: 26, candidates: [{ id: '1', name: 'A', agree: 13 }, { id: '2', name: 'B', agree: 13 }] });
    expect(none.ok && none.elected).to.deep.equal([]);
    expect(checkElectionMarks([1, 2], [1, 2, 3], 1)).to.deep.equal({ ok: false, reason: 'TOO_MANY_MARKS' });
    expect(checkElectionMarks([4], [1, 2, 3], 1)).to.deep.equal({ ok: false, reason: 'UNKNOWN_CANDIDATE' });
  });

  // Luật 72/2025/QH15 Điều 49.2 "≤ 18 months of the term left": termEnd ≤ day + 18 calendar months.
  it('months left in the term, rounded up: 18 exactly at day + 18 months, 19 one day later', () => {
    const table: Array<[string, string, number]> = [
      ['2024-12-01', '2026-06-01', 18], // exactly 18 months
      ['2024-12-01', '2026-06-02', 19], // 18 months and one day
      ['2024-12-01', '2026-06-30', 19], // 18 months 29 days: not "≤ 18 months"
      ['2024-12-31', '2026-06-30', 18], // 31 Dec + 18 months = 30 Jun (the month has no 31st)
      ['2024-12-31', '2026-07-01', 19],
      ['2029-12-31', '2031-06-30', 18],
      ['2030-01-15', '2031-06-30', 18], // 17 months 15 days
      ['2030-01-15', '2031-06-15', 17],
      ['2031-06-30', '2031-06-30', 0],
      ['2031-07-01', '2031-06-30', 0],
    ];
    for (const [day, end, months] of table) expect(monthsLeftInTerm(day, end), `${day} → ${end}`).to.equal(months);
  });

  it('addMonths: calendar months, clamped to the last day of a shorter month', () => {
    expect(addMonths('2024-12-01', 18)).to.equal('2026-06-01');
    expect(addMonths('2024-08-31', 6)).to.equal('2025-02-28');
    expect(addMonths('2023-08-31', 6)).to.equal('2024-02-29');
    expect(addMonths('2025-01-31', 1)).to.equal('2025-02-28');
    expect(addMonths('2025-11-15', 2)).to.equal('2026-01-15');
  });

  it('Điều 49.2 at its boundary: 15 of 30 seats filled, exactly 18 months left applies, one day more does not', () => {
    const facts = (termEnd: string) => ({ body: 'people_council' as const, kind: 'resolution' as const, method: 'totals' as const, members: 15, present: 15,
      counts: { for: 10, against: 5, abstain: 0 }, councilSeats: 30, monthsLeft: monthsLeftInTerm('2024-12-01', termEnd) });
    const at = decideMotion(facts('2026-06-01'));
    expect(at.ok && at.result.decision).to.include({ rule: 'COUNCIL_UNDERFILLED_TWO_THIRDS_IN_OFFICE', required: 11, passed: false });
    const after = decideMotion(facts('2026-06-02'));
    expect(after.ok && after.result.decision).to.include({ rule: 'COUNCIL_MAJORITY_OF_TOTAL', required: 8, passed: true });
    // No term known for the day: the rule is neither applied nor skipped silently.
    expect(decideMotion({ ...facts('2026-06-01'), monthsLeft: undefined })).to.deep.equal({ ok: false, reason: 'MONTHS_LEFT_REQUIRED' });
  });

  it('a regulation\'s stricter pass rule applies to motions, not to elections, and says so in the verdict', () => {
    const rule = { threshold: { numerator: 2, denominator: 3, comparison: 'at_least' as const }, base: 'total' as const, source: 'Quy chế làm việc của HĐND xã' };
    const r = decideMotion({ body: 'people_council', kind: 'resolution', method: 'totals', members: 26, present: 26, counts: { for: 14, against: 12, abstain: 0 }, regulationRule: rule });
    expect(r.ok && r.result.decision).to.include({ passed: false, required: 18, byRegulation: true });
    expect(r.ok && r.result.verdict).to.equal('Không được thông qua (cần ít nhất 2/3 tổng số đại biểu theo Quy chế làm việc, tức ít nhất 18/26; còn thiếu 4).');
  });

  it('secret tally keys: every key of the motion, and the keys one ballot adds 1 to', () => {
    expect(tallyKeysOf(null)).to.deep.equal(['ballots', 'for', 'against', 'abstain']);
    expect(tallyKeysOf([7, 9])).to.deep.equal(['ballots', 'candidate:7', 'candidate:9']);
    expect(ballotTallyKeys({ choice: 'against' })).to.deep.equal(['ballots', 'against']);
    expect(ballotTallyKeys({ marks: [9] })).to.deep.equal(['ballots', 'candidate:9']);
    expect(ballotTallyKeys({ marks: [] })).to.deep.equal(['ballots']);
  });
});
