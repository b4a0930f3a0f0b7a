import { expect } from 'chai';
import {
  annexLines, checkEffectiveDate, checkSettings, defaultSettings, parseRegulation, presidingPersonOn, regulationOn, regulationOutline, regularMeetingsIn, regularPeriodOf,
  type RegulationSettings,
} from '../../server/domain/regulations.ts';
import { needsProvinceApproval, planAppointment, requiresDeputy, checkSourceAndBodies, REPLACE_INCUMBENT_LABEL, type Post } from '../../server/domain/appointments.ts';
import { parseTemplateText } from '../../server/documents/template-text.ts';

describe('parseRegulation', () => {
  const ok = 'Chương I\nQuy định chung\nĐiều 1. Phạm vi\n1. Khoản một\na) Điểm a\nb) Điểm b\n2. Khoản hai\nĐiều 2. Nguyên tắc\nNội dung.';
  it('reads chapters, articles, clauses and points', () => {
    const r = parseRegulation(ok);
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.doc.articleCount).to.equal(2);
    const [a1, a2] = r.doc.chapters[0]!.articles;
    expect(a1!.clauses.map((c) => c.number)).to.deep.equal([1, 2]);
    expect(a1!.clauses[0]!.points.map((p) => p.letter)).to.deep.equal(['a', 'b']);
    expect(a2!.paragraphs).to.deep.equal(['Nội dung.']);
  });

  const refused: Array<[string, string, string, RegExp]> = [
    ['duplicate article number', 'Điều 1. A\nĐiều 2. B\nĐiều 1. C', 'DUPLICATE_ARTICLE', /Điều 1 bị trùng số: đã có Điều 1 ở dòng 1, lại có ở dòng 3/],
    ['duplicate article across chapters', 'Chương I\nX\nĐiều 3. A\nChương II\nY\nĐiều 3. B', 'DUPLICATE_ARTICLE', /Điều 3 bị trùng số/],
    ['duplicate clause', 'Điều 1. A\n1. x\n1. y', 'DUPLICATE_CLAUSE', /Khoản 1 của Điều 1 bị trùng/],
    ['duplicate point', 'Điều 1. A\n1. x\na) p\na) q', 'DUPLICATE_POINT', /Điểm a\) của khoản 1 Điều 1 bị trùng/],
    ['duplicate chapter', 'Chương I\nX\nĐiều 1. A\nChương I\nY\nĐiều 2. B', 'DUPLICATE_CHAPTER', /Chương I bị trùng số/],
    ['article without title', 'Điều 1.', 'ARTICLE_WITHOUT_TITLE', /chưa có tên điều/],
    ['text before any article', 'Lời nói đầu\nĐiều 1. A', 'OUTSIDE_ARTICLE', /phải nằm trong một Điều/],
    ['markup characters', 'Điều 1. A\n[chữ ký]', 'FORBIDDEN_START', /bắt đầu bằng ký tự/],
    ['empty', '   \n', 'EMPTY', /chưa có Điều nào/],
    ['chapter without title', 'Chương I\nĐiều 1. A', 'CHAPTER_WITHOUT_TITLE', /cần một dòng tên chương/],
    // Leading zeros name the same article: "Điều 01" beside "Điều 1" is a duplicate.
    ['"Điều 01" beside "Điều 1"', 'Điều 1. A\nĐiều 01. B', 'DUPLICATE_ARTICLE', /Điều 01 bị trùng số: đã có Điều 1 ở dòng 1, lại có ở dòng 2/],
    ['"Điều 002a" beside "Điều 2a"', 'Điều 2a. A\nĐiều 002a. B', 'DUPLICATE_ARTICLE', /Điều 002a bị trùng số/],
    ['"Chương 02" beside "Chương 2"', 'Chương 2\nX\nĐiều 1. A\nChương 02\nY\nĐiều 2. B', 'DUPLICATE_CHAPTER', /Chương 02 bị trùng số/],
    // A line that starts "Điều <n>" but is no article heading is refused with its line, not absorbed as body text.
    ['"Điều 1: …" (colon)', 'Điều 1. A\nNội dung.\nĐiều 1: Phạm vi', 'MALFORMED_ARTICLE', /Dòng 3 .*bắt đầu bằng "Điều 1" nhưng không đúng mẫu "Điều 1\. Tên điều"/],
    ['"Điều 1 B" (a letter after a space)', 'Điều 1. A\nĐiều 1 B', 'MALFORMED_ARTICLE', /Dòng 2 /],
    ['"Điều 2" without a title or full stop', 'Điều 1. A\nĐiều 2', 'MALFORMED_ARTICLE', /Dòng 2 /],
    ['"Điều 03 -" as a chapter title', 'Chương I\nĐiều 03 - Phạm vi', 'MALFORMED_ARTICLE', /Dòng 2 /],
  ];
  for (const [name, text, reason, message] of refused) {
    it(`refuses ${name}`, () => {
      const r = parseRegulation(text);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.problems.map((p) => p.reason)).to.include(reason);
      expect(r.problems.map((p) => p.message).join(' ')).to.match(message);
    });
  }

  it('every outline parses and becomes a valid annex of the document engine', () => {
    for (const kind of ['people_committee', 'people_council', 'party_committee'] as const) {
      const r = parseRegulation(regulationOutline(kind)!);
      expect(r.ok, kind).to.equal(true);
      if (!r.ok) continue;
      const text = `[văn bản]\nkhối: nhà nước\ndự thảo: có\ncơ quan ban hành: X\nloại văn bản: Quyết định\n[nội dung]\nĐiều 1. Ban hành.\n[phụ lục]\nkiểu: quy chế\nloại văn bản: Quy chế\ntiêu đề: Y\n[nội dung phụ lục]\n${annexLines(r.doc).join('\n')}`;
      expect(() => parseTemplateText(text)).not.to.throw();
    }
  });

  it('accepts distinct numbers with and without a letter, and a body line that only mentions an article', () => {
    const r = parseRegulation('Điều 1. A\nTheo quy định tại Điều 1 của Luật.\nĐiều 1a. B\nĐiều 10. C\nĐiều 2. D');
    expect(r.ok).to.equal(true);
    if (r.ok) expect(r.doc.articleCount).to.equal(4);
  });

  it('escapes asterisks so a user cannot turn text bold by accident', () => {
    const r = parseRegulation('Điều 1. Tên *x*\nGiá 5 * 3');
    if (!r.ok) throw new Error('parse');
    expect(annexLines(r.doc)).to.deep.equal(['Điều 1. **Tên \\*x\\***', 'Giá 5 \\* 3']);
  });
});

describe('checkSettings', () => {
  const base = (kind: Parameters<typeof defaultSettings>[0], over: Partial<RegulationSettings> = {}) => ({ ...defaultSettings(kind), ...over });
  const rows: Array<[string, Parameters<typeof defaultSettings>[0], Partial<RegulationSettings>, string | null]> = [
    ['UBND defaults', 'people_committee', {}, null],
    ['HĐND defaults', 'people_council', {}, null],
    ['Party defaults', 'party_committee', {}, null],
    ['UBND pass rule exactly the statute (> 1/2 of total)', 'people_committee', { passRule: { numerator: 1, denominator: 2, comparison: 'more_than', base: 'total' } }, null],
    ['UBND pass rule stricter (≥ 2/3 of total)', 'people_committee', { passRule: { numerator: 2, denominator: 3, comparison: 'at_least', base: 'total' } }, null],
    ['UBND pass rule ≥ 1/2 of total (exactly half would pass: below the law)', 'people_committee', { passRule: { numerator: 1, denominator: 2, comparison: 'at_least', base: 'total' } }, 'PASS_RULE_BELOW_STATUTE'],
    ['HĐND pass rule > 1/2 of those present (below the law)', 'people_council', { passRule: { numerator: 1, denominator: 2, comparison: 'more_than', base: 'present' } }, 'PASS_RULE_BELOW_STATUTE'],
    ['HĐND pass rule > 1/2 of in office (below: the law counts the total)', 'people_council', { passRule: { numerator: 1, denominator: 2, comparison: 'more_than', base: 'in_office' } }, 'PASS_RULE_BELOW_STATUTE'],
    ['Party pass rule > 1/2 of in office (the statute)', 'party_committee', { passRule: { numerator: 1, denominator: 2, comparison: 'more_than', base: 'in_office' } }, null],
    ['quorum 0/3', 'people_committee', { quorum: { numerator: 0, denominator: 3, comparison: 'at_least', base: 'total' } }, 'INVALID_QUORUM'],
    ['quorum more than 1/1', 'people_committee', { quorum: { numerator: 1, denominator: 1, comparison: 'more_than', base: 'total' } }, 'INVALID_QUORUM'],
    ['quorum ≥ 1/1 (everyone)', 'people_committee', { quorum: { numerator: 1, denominator: 1, comparison: 'at_least', base: 'total' } }, null],
    ['UBND meeting quarterly (law: monthly)', 'people_committee', { frequency: 'quarterly' }, 'FREQUENCY_BELOW_LAW'],
    ['HĐND twice a year (exactly the law)', 'people_council', { frequency: 'twice_yearly' }, null],
    ['Party without a base', 'party_committee', { partyBase: null }, 'PARTY_BASE_REQUIRED'],
    ['stand-in same as presiding', 'people_committee', { presides: 'deputy', standIn: 'deputy' }, 'STAND_IN_SAME'],
  ];
  for (const [name, kind, over, reason] of rows) {
    it(`${name} → ${reason ?? 'ok'}`, () => {
      const r = checkSettings(kind, base(kind, over));
      if (reason === null) expect(r.ok).to.equal(true);
      else {
        expect(r.ok).to.equal(false);
        if (!r.ok) expect(r.problems.map((p) => p.reason)).to.include(reason);
      }
    });
  }
  it('the refusal of a low pass rule cites the article', () => {
    const r = checkSettings('people_committee', base('people_committee', { passRule: { numerator: 1, denominator: 2, comparison: 'at_least', base: 'total' } }));
    if (r.ok) throw new Error('expected a refusal');
    expect(r.problems[0]!.message).to.include('Điều 40').and.include('thấp hơn');
  });
});

describe('effective dates and the regulation of a day', () => {
  it('an effective date before the adopting document is refused; the same day is allowed', () => {
    expect(checkEffectiveDate('2026-11-21', '2026-11-22').ok).to.equal(false);
    expect(checkEffectiveDate('2026-11-22', '2026-11-22').ok).to.equal(true);
    const r = checkEffectiveDate('2026-01-01', '2026-11-22');
    if (!r.ok) expect(r.message).to.include('01/01/2026').and.include('22/11/2026');
  });
  it('the latest regulation in force on or before the day applies; none before the first', () => {
    const regs = [{ id: 1, effectiveFrom: '2026-04-01' }, { id: 2, effectiveFrom: '2026-12-01' }, { id: 3, effectiveFrom: null }];
    expect(regulationOn(regs, '2026-03-31')).to.equal(null);
    expect(regulationOn(regs, '2026-04-01')!.id).to.equal(1);
    expect(regulationOn(regs, '2026-11-30')!.id).to.equal(1);
    expect(regulationOn(regs, '2026-12-01')!.id).to.equal(2);
  });
  it('presiding: the head, else the stand-in', () => {
    const posts = [{ personId: 1, role: 'head', startDate: '2026-01-01', endDate: '2026-06-01' }, { personId: 2, role: 'deputy', startDate: '2026-01-01', endDate: null }];
    expect(presidingPersonOn({ presides: 'head', standIn: 'deputy' }, posts, '2026-05-31')).to.deep.equal({ personId: 1, standIn: false });
    expect(presidingPersonOn({ presides: 'head', standIn: 'deputy' }, posts, '2026-06-01')).to.deep.equal({ personId: 2, standIn: true });
  });
});

describe('appointments', () => {
  const posts: Post[] = [
    { id: 1, personId: 3, personName: 'Ông A', position: 'Chủ tịch UBND', role: 'head', startDate: '2026-03-25', endDate: null },
    { id: 2, personId: 6, position: 'Phó Chủ tịch UBND', role: 'deputy', startDate: '2026-03-25', endDate: null },
  ];
  const deputies: Post[] = [{ id: 9, personId: 6, position: 'Đại biểu HĐND', role: 'member', startDate: '2026-03-25', endDate: null }];
  const plan = (over: Partial<Parameters<typeof planAppointment>[0]>) => planAppointment({
    personId: 6, personName: 'Ông B', position: 'Chủ tịch UBND', role: 'head', day: '2026-12-01', basis: '05/NQ-HĐND',
    posts, requiresDeputy: false, deputyPosts: deputies, ...over,
  });
  it('a head post held by someone else is refused, naming the holder and the box to tick; a vice post is not', () => {
    const r = plan({});
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.reason).to.equal('HELD_BY_OTHER');
      expect(r.message).to.include('Chức vụ "Chủ tịch UBND" đang do Ông A giữ vào ngày 01/12/2026').and.include(REPLACE_INCUMBENT_LABEL);
    }
    expect(plan({ position: 'Phó Chủ tịch UBND', role: 'deputy', personId: 7, personName: 'Bà C' }).ok, 'several vice-chairs').to.equal(true);
  });
  it('the holder\'s post ends on the effective day (end dates are exclusive): not held, nothing of theirs to end; a day later it is held', () => {
    const r = plan({ posts: [{ ...posts[0]!, endDate: '2026-12-01' }, posts[1]!] });
    expect(r.ok).to.equal(true);
    if (r.ok) expect(r.end.map((e) => e.id)).to.deep.equal([2]);
    expect(plan({ posts: [{ ...posts[0]!, endDate: '2026-12-02' }, posts[1]!] }).ok).to.equal(false);
  });
  it('stated that the holder leaves: the new head ends the predecessor and the person\'s own other post in the body on the effective date', () => {
    const r = plan({ replaceIncumbent: true });
    expect(r.ok).to.equal(true);
    if (r.ok) {
      expect(r.end.map((e) => e.id)).to.deep.equal([1, 2]);
      expect(r.start).to.deep.equal({ personId: 6, position: 'Chủ tịch UBND', role: 'head', startDate: '2026-12-01' });
    }
  });
  it('a post already held by the person is refused', () => {
    const r = plan({ personId: 3, personName: 'Ông A' });
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.reason).to.equal('ALREADY_HELD');
  });
  it('a post that requires a deputy is refused for a non-deputy; a deputy passes', () => {
    const r = plan({ personId: 7, personName: 'Bà C', requiresDeputy: true });
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.reason).to.equal('NOT_A_DEPUTY');
    expect(plan({ requiresDeputy: true, replaceIncumbent: true }).ok).to.equal(true);
  });
  it('the day before a post starts it does not count', () => {
    expect(plan({ personId: 3, personName: 'Ông A', day: '2026-03-24' }).ok).to.equal(true);
  });
  it('council posts require a deputy; UBND posts do not; elections of leaders wait for the province', () => {
    expect(requiresDeputy('council_standing_board')).to.equal(true);
    expect(requiresDeputy('people_committee')).to.equal(false);
    expect(needsProvinceApproval('election', 'people_committee', 'head')).to.equal(true);
    expect(needsProvinceApproval('election', 'people_committee', 'member')).to.equal(false);
    expect(needsProvinceApproval('appointment', 'department', 'head')).to.equal(false);
  });
  it('sources and bodies', () => {
    expect(checkSourceAndBodies('election', 'people_council', 'people_committee').ok).to.equal(true);
    expect(checkSourceAndBodies('election', 'people_committee', 'people_committee').ok).to.equal(false);
    expect(checkSourceAndBodies('appointment', 'people_committee', 'department').ok).to.equal(true);
    expect(checkSourceAndBodies('designation', 'party_standing_committee', 'party_committee').ok).to.equal(true);
    expect(checkSourceAndBodies('designation', 'party_standing_committee', 'people_committee').ok).to.equal(false);
  });
});

describe('regular meetings per the Quy chế frequency (regularPeriodOf, regularMeetingsIn)', () => {
  const cases: Array<[string, 'monthly' | 'quarterly' | 'twice_yearly', string, string, string, string]> = [
    ['monthly, first day', 'monthly', '2026-12-01', '2026-12-01', '2027-01-01', 'tháng 12/2026'],
    ['monthly, last day of February', 'monthly', '2028-02-29', '2028-02-01', '2028-03-01', 'tháng 2/2028'],
    ['quarterly, 31 March is quarter I', 'quarterly', '2026-03-31', '2026-01-01', '2026-04-01', 'quý I/2026'],
    ['quarterly, 1 April is quarter II', 'quarterly', '2026-04-01', '2026-04-01', '2026-07-01', 'quý II/2026'],
    ['quarterly, 31 December', 'quarterly', '2026-12-31', '2026-10-01', '2027-01-01', 'quý IV/2026'],
    ['twice a year, 30 June is the first half', 'twice_yearly', '2026-06-30', '2026-01-01', '2026-07-01', '6 tháng đầu năm 2026'],
    ['twice a year, 1 July is the second half', 'twice_yearly', '2026-07-01', '2026-07-01', '2027-01-01', '6 tháng cuối năm 2026'],
  ];
  for (const [name, frequency, day, start, end, label] of cases) {
    it(name, () => expect(regularPeriodOf(frequency, day)).to.deep.equal({ start, end, label }));
  }
  it('counts the regular meetings inside the period only (end exclusive)', () => {
    const period = regularPeriodOf('quarterly', '2026-11-15');
    const dates = regularMeetingsIn(period, [{ date: '2026-09-30' }, { date: '2026-12-31' }, { date: '2026-10-01' }, { date: '2027-01-01' }]);
    expect(dates).to.deep.equal(['2026-10-01', '2026-12-31']);
    expect(regularMeetingsIn(period, [])).to.deep.equal([]);
  });
});
