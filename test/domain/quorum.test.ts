import { expect } from 'chai';
import {
  checkPassRuleNotBelowStatute, DEFAULT_QUORUM_RULE, evaluateQuorum, requiredForQuorum,
  validateQuorumRule, type PassRule, type PassRuleBody, type QuorumRule,
} from '../../server/domain/quorum.ts';

describe('requiredForQuorum', () => {
  const half: QuorumRule = { numerator: 1, denominator: 2, comparison: 'more_than', base: 'total' };
  const halfAtLeast: QuorumRule = { numerator: 1, denominator: 2, comparison: 'at_least', base: 'total' };
  const rows: Array<[string, QuorumRule, number, number]> = [
    ['default ≥ 2/3 of 3', DEFAULT_QUORUM_RULE, 3, 2],
    ['default ≥ 2/3 of 6', DEFAULT_QUORUM_RULE, 6, 4],
    ['default ≥ 2/3 of 7', DEFAULT_QUORUM_RULE, 7, 5],
    ['default ≥ 2/3 of 25', DEFAULT_QUORUM_RULE, 25, 17],
    ['default ≥ 2/3 of 26', DEFAULT_QUORUM_RULE, 26, 18],
    ['default ≥ 2/3 of 27', DEFAULT_QUORUM_RULE, 27, 18],
    ['default ≥ 2/3 of 1', DEFAULT_QUORUM_RULE, 1, 1],
    ['> 1/2 of 24 (exactly half is not enough)', half, 24, 13],
    ['≥ 1/2 of 24 (exactly half is enough)', halfAtLeast, 24, 12],
    ['≥ 1/2 of 25', halfAtLeast, 25, 13],
  ];
  for (const [name, rule, base, required] of rows) {
    it(`${name} → ${required}`, () => expect(requiredForQuorum(rule, base)).to.equal(required));
  }
  it('a stored "in office" base of an old rule changes nothing: the base is always the members on the day', () => {
    expect(requiredForQuorum({ ...DEFAULT_QUORUM_RULE, base: 'in_office' }, 25)).to.equal(requiredForQuorum(DEFAULT_QUORUM_RULE, 25));
  });
});

describe('evaluateQuorum', () => {
  const rows: Array<[number, number, boolean, string]> = [
    [23, 25, true, '23/25 đại biểu có mặt — đủ điều kiện tiến hành (cần ≥ 17)'],
    [17, 25, true, '17/25 đại biểu có mặt — đủ điều kiện tiến hành (cần ≥ 17)'],
    [16, 25, false, '16/25 đại biểu có mặt — không đủ điều kiện tiến hành (cần ≥ 17)'],
    [4, 6, true, '4/6 đại biểu có mặt — đủ điều kiện tiến hành (cần ≥ 4)'],
    [4, 7, false, '4/7 đại biểu có mặt — không đủ điều kiện tiến hành (cần ≥ 5)'],
    [0, 1, false, '0/1 đại biểu có mặt — không đủ điều kiện tiến hành (cần ≥ 1)'],
    [1, 1, true, '1/1 đại biểu có mặt — đủ điều kiện tiến hành (cần ≥ 1)'],
  ];
  for (const [present, base, quorate, sentence] of rows) {
    it(`${present}/${base} → ${quorate ? 'quorate' : 'not quorate'}`, () => {
      const result = evaluateQuorum(DEFAULT_QUORUM_RULE, present, base);
      expect(result).to.include({ ok: true, quorate, present, baseCount: base, sentence });
    });
  }
  it('names the members of the body', () => {
    const result = evaluateQuorum(DEFAULT_QUORUM_RULE, 9, 10, 'thành viên');
    expect(result.ok && result.sentence).to.equal('9/10 thành viên có mặt — đủ điều kiện tiến hành (cần ≥ 7)');
  });
  it('a member released mid-term lowers the base', () => {
    const before = evaluateQuorum(DEFAULT_QUORUM_RULE, 17, 26);
    const after = evaluateQuorum(DEFAULT_QUORUM_RULE, 17, 25);
    expect(before.ok && before.quorate).to.equal(false);
    expect(after.ok && after.quorate).to.equal(true);
  });
  const refusals: Array<[string, QuorumRule, number, number, string]> = [
    ['more present than members', DEFAULT_QUORUM_RULE, 26, 25, 'PRESENT_EXCEEDS_MEMBERS'],
    ['empty body', DEFAULT_QUORUM_RULE, 0, 0, 'EMPTY_BODY'],
    ['negative present', DEFAULT_QUORUM_RULE, -1, 25, 'NOT_A_COUNT'],
    ['zero denominator', { ...DEFAULT_QUORUM_RULE, denominator: 0 }, 1, 25, 'INVALID_RULE'],
    ['more than the whole', { ...DEFAULT_QUORUM_RULE, numerator: 4 }, 1, 25, 'INVALID_RULE'],
    ['more than 1/1', { numerator: 1, denominator: 1, comparison: 'more_than', base: 'total' }, 1, 25, 'INVALID_RULE'],
    ['fractional numerator', { ...DEFAULT_QUORUM_RULE, numerator: 1.5 }, 1, 25, 'INVALID_RULE'],
  ];
  for (const [name, rule, present, base, reason] of refusals) {
    it(`refuses ${name} → ${reason}`, () => expect(evaluateQuorum(rule, present, base)).to.include({ ok: false, reason }));
  }
  it('accepts "at least 1/1" (everyone present)', () => {
    expect(validateQuorumRule({ numerator: 1, denominator: 1, comparison: 'at_least', base: 'total' })).to.deep.equal({ ok: true });
  });
});

describe('checkPassRuleNotBelowStatute', () => {
  const rule = (numerator: number, denominator: number, comparison: 'at_least' | 'more_than', base: PassRule['base']): PassRule =>
    ({ numerator, denominator, comparison, base });
  const rows: Array<[string, PassRuleBody, PassRule, boolean, ('resolution' | 'removal')?]> = [
    ['HĐND: the statute itself', 'people_council', rule(1, 2, 'more_than', 'total'), true],
    ['HĐND: ≥ 2/3 of total is stricter', 'people_council', rule(2, 3, 'at_least', 'total'), true],
    ['HĐND: ≥ 51/100 of total is stricter', 'people_council', rule(51, 100, 'at_least', 'total'), true],
    ['HĐND: ≥ 1/2 of total is below (12 of 24 would pass)', 'people_council', rule(1, 2, 'at_least', 'total'), false],
    ['HĐND: > 1/2 of those present is below', 'people_council', rule(1, 2, 'more_than', 'present'), false],
    ['HĐND: > 2/3 of those present is still below (base)', 'people_council', rule(2, 3, 'more_than', 'present'), false],
    ['HĐND: > 2/4 of total equals the statute', 'people_council', rule(2, 4, 'more_than', 'total'), true],
    ['HĐND removal: ≥ 2/3 of total', 'people_council', rule(2, 3, 'at_least', 'total'), true, 'removal'],
    ['HĐND removal: > 2/3 of total', 'people_council', rule(2, 3, 'more_than', 'total'), true, 'removal'],
    ['HĐND removal: > 1/2 of total is below', 'people_council', rule(1, 2, 'more_than', 'total'), false, 'removal'],
    ['HĐND removal: ≥ 66/100 is below', 'people_council', rule(66, 100, 'at_least', 'total'), false, 'removal'],
    ['UBND: > 1/2 of all members', 'people_committee', rule(1, 2, 'more_than', 'total'), true],
    ['UBND: > 1/2 of in-office members is below', 'people_committee', rule(1, 2, 'more_than', 'in_office'), false],
    ['Party: > 1/2 in office', 'party_committee', rule(1, 2, 'more_than', 'in_office'), true],
    ['Party: > 1/2 of total', 'party_committee', rule(1, 2, 'more_than', 'total'), true],
    ['Party: > 1/2 present is below', 'party_committee', rule(1, 2, 'more_than', 'present'), false],
    ['Party: ≥ 1/2 in office is below', 'party_committee', rule(1, 2, 'at_least', 'in_office'), false],
  ];
  for (const [name, body, proposed, ok, motion] of rows) {
    it(`${name} → ${ok ? 'allowed' : 'refused'}`, () => {
      const result = checkPassRuleNotBelowStatute(body, proposed, motion);
      expect(result.ok).to.equal(ok);
      if (!result.ok) expect(result.reason).to.equal('PASS_RULE_BELOW_STATUTE');
    });
  }
  it('explains the refusal in Vietnamese, citing the article', () => {
    const result = checkPassRuleNotBelowStatute('people_council', rule(1, 2, 'more_than', 'present'));
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      expect(result.message).to.equal(
        'Quy chế không được đặt ngưỡng thông qua thấp hơn luật: Nghị quyết của Hội đồng nhân dân phải được quá 1/2 '
        + 'tổng số đại biểu biểu quyết tán thành (Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 35 khoản 2); '
        + 'ngưỡng đề xuất "quá 1/2 số đại biểu có mặt" thấp hơn mức đó.');
    }
  });
  it('names Party members as cấp ủy viên', () => {
    const result = checkPassRuleNotBelowStatute('party_committee', rule(1, 2, 'at_least', 'in_office'));
    expect(!result.ok && result.message).to.contain('quá 1/2 số cấp ủy viên đương nhiệm biểu quyết tán thành (Điều lệ Đảng');
  });
  it('refuses a malformed rule', () => {
    expect(checkPassRuleNotBelowStatute('people_council', rule(3, 2, 'at_least', 'total'))).to.deep.equal({ ok: false, reason: 'INVALID_RULE' });
  });
});
