// Meetings as tables: ordinals per term, names, the rule in force, the status machine, agenda order,
// attendance events (duplicates, stale forms, presence at a moment) and file types by content.
import { expect } from 'chai';
import {
  checkAttendanceDay, checkAttendanceEvent, checkKindAndOrdinal, checkNewOrder, checkRuleEffectiveDate, highestOrdinal, legacyOrdinals,
  meetingName, meetingOrdinal, moveItem, nextStatus, ordinalAfterReopen, ordinalOnConvening, ordinalsOf, type SeriesMeeting,
  presentAt, rosterCounts, latestByPerson, ruleOn, termForDate, DEFAULT_RULE_BASIS, type AttendanceEvent,
} from '../../server/domain/meetings.ts';
import { evaluateQuorum } from '../../server/domain/quorum.ts';
import { membersOn, votingMembersOn } from '../../server/domain/membership.ts';
import { sanitizeFileName, sniffFileType } from '../../server/domain/file-type.ts';

describe('domain — meetings', () => {
  const series = [
    { id: 10, date: '2026-03-25', startTime: '08:00' },
    { id: 11, date: '2026-07-10', startTime: '08:00' },
    { id: 12, date: '2026-07-10', startTime: '14:00' },
    { id: 9, date: '2026-12-17', startTime: '07:30' }, // created earlier, held later
  ];
  it('numbers meetings per term by date and time, never by creation', () => {
    const table: Array<[number, number]> = [[10, 1], [11, 2], [12, 3], [9, 4]];
    for (const [id, n] of table) expect(meetingOrdinal(series.find((m) => m.id === id)!, series), String(id)).to.equal(n);
    expect([...ordinalsOf(series)]).to.deep.equal([[10, 1], [11, 2], [12, 3], [9, 4]]);
    // A new meeting slotted between two existing ones takes its place in the count.
    expect(meetingOrdinal({ id: Number.MAX_SAFE_INTEGER, date: '2026-05-01', startTime: '08:00' }, series)).to.equal(2);
  });

  describe('numbers fixed on convening (meetings.ordinal)', () => {
    const m = (id: number, date: string, status: string, ordinal: number | null = null): SeriesMeeting => ({ id, date, startTime: '08:00', status, ordinal });
    it('a back-dated draft renames neither a closed nor a convened meeting; drafts follow the highest number', () => {
      const table: Array<[string, SeriesMeeting[], Array<[number, number]>]> = [
        ['audit case 1: draft dated before the closed first session',
          [m(1, '2026-03-25', 'closed', 1), m(2, '2026-03-01', 'draft')], [[1, 1], [2, 2]]],
        ['audit case 2: new draft before convened meeting 4',
          [m(1, '2026-03-25', 'closed', 1), m(2, '2026-05-01', 'closed', 2), m(3, '2026-07-01', 'closed', 3), m(4, '2026-12-17', 'convened', 4), m(5, '2026-11-01', 'draft')],
          [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]],
        ['drafts ranked among themselves by date', [m(1, '2026-03-25', 'convened', 1), m(7, '2026-12-01', 'draft'), m(6, '2026-09-01', 'draft')], [[1, 1], [6, 2], [7, 3]]],
        ['no number given yet: drafts count from 1', [m(3, '2026-05-01', 'draft'), m(2, '2026-04-01', 'draft')], [[2, 1], [3, 2]]],
        ['a stored number wins over the dates', [m(1, '2026-06-01', 'convened', 1), m(2, '2026-04-01', 'closed', 2)], [[1, 1], [2, 2]]],
        ['legacy meetings (convened before numbers were stored) by date among non-drafts',
          [m(1, '2026-04-01', 'closed'), m(2, '2026-03-01', 'draft'), m(3, '2026-05-01', 'in_session')], [[1, 1], [3, 2], [2, 3]]],
        ['a reopened draft that kept its number shows it', [m(1, '2026-04-01', 'draft', 1), m(2, '2026-05-01', 'convened', 2), m(3, '2026-01-01', 'draft')], [[1, 1], [2, 2], [3, 3]]],
      ];
      for (const [name, series, expected] of table) {
        const got = ordinalsOf(series);
        for (const [id, n] of expected) expect(got.get(id), `${name} #${id}`).to.equal(n);
        for (const x of series) expect(meetingOrdinal(x, series), `${name} #${x.id} alone`).to.equal(got.get(x.id));
      }
    });
    it('convening takes the highest number + 1 (legacy ones counted), keeps a number it kept; "first" only as 1', () => {
      const table: Array<[string, number, SeriesMeeting[], number]> = [
        ['first of the term', 2, [m(2, '2026-03-25', 'draft')], 1],
        ['after closed 1 and convened 4, a back-dated draft gets 5', 9, [m(1, '2026-03-25', 'closed', 1), m(4, '2026-12-17', 'convened', 4), m(9, '2026-01-02', 'draft')], 5],
        ['after two legacy meetings', 3, [m(1, '2026-03-25', 'closed'), m(2, '2026-04-25', 'convened'), m(3, '2026-02-01', 'draft')], 3],
        ['a reopened draft keeps its number', 1, [m(1, '2026-03-25', 'draft', 1), m(2, '2026-04-25', 'convened', 2)], 1],
      ];
      for (const [name, id, series, n] of table) expect(ordinalOnConvening(id, series), name).to.equal(n);
      expect(checkKindAndOrdinal('first', ordinalOnConvening(2, [m(1, '2026-04-01', 'convened', 1), m(2, '2026-03-25', 'draft')])).ok).to.equal(false);
      expect([...legacyOrdinals([m(1, '2026-04-01', 'closed'), m(2, '2026-03-01', 'convened', 7), m(3, '2026-05-01', 'draft')])]).to.deep.equal([[1, 2]]);
      expect(highestOrdinal([m(1, '2026-04-01', 'draft')])).to.equal(0);
    });
    it('reopening to draft: the last number given is released, an earlier one is kept (later notices carry theirs)', () => {
      const table: Array<[string, number, SeriesMeeting[], number | null]> = [
        ['the last one given', 2, [m(1, '2026-03-25', 'closed', 1), m(2, '2026-06-01', 'convened', 2)], null],
        ['a later meeting is convened', 2, [m(2, '2026-06-01', 'convened', 2), m(3, '2026-07-01', 'convened', 3)], 2],
        ['only drafts after it', 1, [m(1, '2026-06-01', 'convened', 1), m(3, '2026-07-01', 'draft')], null],
      ];
      for (const [name, id, series, n] of table) expect(ordinalAfterReopen(id, series), name).to.equal(n);
    });
  });

  it('attendance only on the meeting days, while convened or in session', () => {
    const table: Array<[string, number, string, string, boolean | string]> = [
      ['convened', 1, '2026-11-22', '2026-11-21', 'NOT_MEETING_DAY'],
      ['convened', 1, '2026-11-22', '2026-11-22', true],
      ['in_session', 2, '2026-11-22', '2026-11-23', true],
      ['in_session', 2, '2026-11-22', '2026-11-24', 'NOT_MEETING_DAY'],
      ['draft', 1, '2026-11-22', '2026-11-22', 'ATTENDANCE_CLOSED'],
      ['closed', 1, '2026-11-22', '2026-11-22', 'ATTENDANCE_CLOSED'],
    ];
    for (const [status, days, date, today, want] of table) {
      const r = checkAttendanceDay({ status: status as 'convened', date, days }, today);
      expect(r.ok ? true : r.reason, `${status} ${date}+${days} on ${today}`).to.equal(want);
    }
  });

  it('a quorum rule is never retroactive: from today, after the last convened or held meeting', () => {
    const table: Array<[string, string, string | null, boolean | string]> = [
      ['2026-11-21', '2026-11-22', null, 'BEFORE_TODAY'],
      ['2026-11-22', '2026-11-22', null, true],
      ['2026-11-22', '2026-11-22', '2026-11-22', 'NOT_AFTER_LAST_MEETING'],
      ['2026-12-15', '2026-11-22', '2026-12-15', 'NOT_AFTER_LAST_MEETING'],
      ['2026-12-16', '2026-11-22', '2026-12-15', true],
    ];
    for (const [from, today, last, want] of table) {
      const r = checkRuleEffectiveDate(from, today, last);
      expect(r.ok ? true : r.reason, `${from} / ${today} / ${last}`).to.equal(want);
    }
  });

  it('names meetings as written on notices', () => {
    const table: Array<[Parameters<typeof meetingName>, string]> = [
      [['people_council', 'first', 1, '2026-03-25'], 'Kỳ họp thứ Nhất'],
      [['people_council', 'regular', 4, '2026-12-17'], 'Kỳ họp thứ Tư'],
      [['people_council', 'thematic', 3, '2026-07-10'], 'Kỳ họp thứ Ba (chuyên đề)'],
      [['people_council', 'extraordinary', 15, '2026-07-10'], 'Kỳ họp thứ Mười lăm (bất thường)'],
      [['party_committee', 'regular', 5, '2026-01-16'], 'Hội nghị lần thứ V'],
      [['people_committee', 'regular', 9, '2026-12-28'], 'Phiên họp thường kỳ tháng 12/2026'],
      [['people_committee', 'extraordinary', 10, '2026-12-30'], 'Phiên họp bất thường tháng 12/2026'],
      [['party_standing_committee', 'regular', 7, '2026-02-01'], 'Phiên họp thứ 7'],
    ];
    for (const [args, name] of table) expect(meetingName(...args)).to.equal(name);
  });

  it('"kỳ họp thứ nhất" only as the first of the term; dates outside every term refused', () => {
    expect(checkKindAndOrdinal('first', 1).ok).to.equal(true);
    expect(checkKindAndOrdinal('first', 2)).to.deep.equal({ ok: false, reason: 'FIRST_NOT_FIRST' });
    expect(checkKindAndOrdinal('regular', 2).ok).to.equal(true);
    const terms = [{ id: 1, startDate: '2026-03-25', endDate: '2031-06-30' }];
    for (const [d, ok] of [['2026-03-24', false], ['2026-03-25', true], ['2031-06-30', true], ['2031-07-01', false]] as const) {
      expect(termForDate(terms, d).ok, d).to.equal(ok);
    }
  });

  it('status machine: draft → convened → in session → closed; convening needs an agenda', () => {
    expect(nextStatus('draft', 'convene', 0)).to.deep.equal({ ok: false, reason: 'EMPTY_AGENDA' });
    expect(nextStatus('draft', 'convene', 1)).to.deep.equal({ ok: true, status: 'convened' });
    expect(nextStatus('convened', 'open', 1)).to.deep.equal({ ok: true, status: 'in_session' });
    expect(nextStatus('in_session', 'close', 1)).to.deep.equal({ ok: true, status: 'closed' });
    expect(nextStatus('draft', 'open', 1).ok).to.equal(false);
    expect(nextStatus('closed', 'close', 1).ok).to.equal(false);
    expect(nextStatus('convened', 'reopen_draft', 1)).to.deep.equal({ ok: true, status: 'draft' });
  });

  it('agenda order: up/down at the ends changes nothing; a full order must be a permutation', () => {
    expect(moveItem([1, 2, 3], 1, 'up')).to.deep.equal([1, 2, 3]);
    expect(moveItem([1, 2, 3], 3, 'down')).to.deep.equal([1, 2, 3]);
    expect(moveItem([1, 2, 3], 2, 'up')).to.deep.equal([2, 1, 3]);
    expect(moveItem([1, 2, 3], 2, 'down')).to.deep.equal([1, 3, 2]);
    expect(checkNewOrder([1, 2, 3], [3, 1, 2]).ok).to.equal(true);
    for (const bad of [[1, 2], [1, 2, 2], [1, 2, 4], [1, 2, 3, 4]]) expect(checkNewOrder([1, 2, 3], bad).ok, String(bad)).to.equal(false);
  });

  it('the rule in force is the latest effective on the meeting date; else the default 2/3 with its basis', () => {
    const r = (from: string, n: number, d: number) => ({ numerator: n, denominator: d, comparison: 'more_than' as const, base: 'total' as const, effectiveFrom: from, basis: `QC ${from}` });
    const rules = [r('2026-04-01', 1, 2), r('2026-09-01', 3, 5)];
    expect(ruleOn(rules, '2026-03-31').basis).to.equal(DEFAULT_RULE_BASIS);
    expect(ruleOn(rules, '2026-04-01').basis).to.equal('QC 2026-04-01');
    expect(ruleOn(rules, '2026-08-31').basis).to.equal('QC 2026-04-01');
    expect(ruleOn(rules, '2027-01-01').basis).to.equal('QC 2026-09-01');
    // Quorum per rule: default at least 2/3 of 25 → 17; more than 1/2 of 25 → 13.
    const def = ruleOn([], '2026-01-01');
    const table: Array<[typeof def, number, number, boolean, number]> = [
      [def, 17, 25, true, 17], [def, 16, 25, false, 17], [def, 18, 27, true, 18], [def, 17, 26, false, 18],
      [rules[0]!, 13, 25, true, 13], [rules[0]!, 12, 25, false, 13], [rules[1]!, 16, 26, true, 16],
    ];
    for (const [rule, present, base, quorate, required] of table) {
      const q = evaluateQuorum(rule, present, base);
      expect(q.ok && q.quorate, `${present}/${base}`).to.equal(quorate);
      expect(q.ok && q.required).to.equal(required);
    }
    const q = evaluateQuorum(def, 23, 25);
    expect(q.ok && q.sentence).to.equal('23/25 đại biểu có mặt — đủ điều kiện tiến hành (cần ≥ 17)');
  });

  it('roster on a date: people joining and leaving (end date exclusive), voting rights apart', () => {
    const ms = [
      { id: 1, personId: 1, startDate: '2026-03-25', endDate: null, votingRight: true },
      { id: 2, personId: 2, startDate: '2026-03-25', endDate: '2026-09-15', votingRight: true },
      { id: 3, personId: 3, startDate: '2026-09-15', endDate: null, votingRight: true },
      { id: 4, personId: 4, startDate: '2026-03-25', endDate: null, votingRight: false },
    ];
    const table: Array<[string, number[], number]> = [
      ['2026-03-24', [], 0], ['2026-03-25', [1, 2, 4], 2], ['2026-09-14', [1, 2, 4], 2], ['2026-09-15', [1, 3, 4], 2],
    ];
    for (const [day, ids, voting] of table) {
      expect(membersOn(ms, day).map((m) => m.personId), day).to.deep.equal(ids);
      expect(votingMembersOn(ms, day).length, day).to.equal(voting);
    }
  });

  describe('attendance events', () => {
    const t = (hhmm: string) => new Date(`2026-03-25T${hhmm}:00+07:00`);
    const ev = (id: number, personId: number, status: AttendanceEvent['status'], hhmm: string, reason: string | null = null): AttendanceEvent =>
      ({ id, personId, status, at: t(hhmm), reason });
    const events = [
      ev(1, 1, 'present', '07:50'), ev(2, 2, 'present', '07:55'), ev(3, 3, 'late', '08:40'),
      ev(4, 2, 'left', '10:15'), ev(5, 4, 'absent_excused', '08:00', 'ốm'), ev(6, 2, 'present', '14:00'),
      ev(7, 5, 'present', '08:05'), ev(8, 5, 'left', '08:05'), // recorded in this order at the same minute
    ];
    it('reconstructs who was present at any moment', () => {
      const table: Array<[string, number[]]> = [
        ['07:49', []], ['07:50', [1]], ['08:00', [1, 2]], ['08:05', [1, 2]], ['08:40', [1, 2, 3]],
        ['10:14', [1, 2, 3]], ['10:15', [1, 3]], ['14:00', [1, 3, 2]],
      ];
      for (const [hhmm, ids] of table) expect([...presentAt(events, t(hhmm))].sort(), hhmm).to.deep.equal(ids.sort());
    });
    it('counts the roster by each person\'s latest event', () => {
      const latest = latestByPerson(events);
      expect(rosterCounts([1, 2, 3, 4, 5, 6], latest)).to.deep.equal({ total: 6, inRoom: 3, late: 1, left: 1, absentExcused: 1, absentUnexcused: 0, unmarked: 1 });
    });
    it('refuses a duplicate check-in, a stale form, a person off the roster, a missing reason or time', () => {
      const roster = new Set([1, 2, 3]);
      const base = { personId: 1, status: 'present' as const, reason: null, hasTime: false, seenEventId: 0 };
      expect(checkAttendanceEvent(base, roster, undefined).ok).to.equal(true);
      expect(checkAttendanceEvent(base, roster, { id: 1, status: 'present' })).to.deep.equal({ ok: false, reason: 'DUPLICATE' });
      expect(checkAttendanceEvent({ ...base, status: 'left', hasTime: true }, roster, { id: 1, status: 'present' })).to.deep.equal({ ok: false, reason: 'STALE' });
      expect(checkAttendanceEvent({ ...base, status: 'left', hasTime: true, seenEventId: 1 }, roster, { id: 1, status: 'present' }).ok).to.equal(true);
      expect(checkAttendanceEvent({ ...base, personId: 9 }, roster, undefined)).to.deep.equal({ ok: false, reason: 'NOT_ON_ROSTER' });
      expect(checkAttendanceEvent({ ...base, status: 'absent_excused' }, roster, undefined)).to.deep.equal({ ok: false, reason: 'REASON_REQUIRED' });
      expect(checkAttendanceEvent({ ...base, status: 'late' }, roster, undefined)).to.deep.equal({ ok: false, reason: 'TIME_REQUIRED' });
    });
  });

  it('tells files by their content, not their name; cleans names', () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7\n...'))).to.equal('pdf');
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).to.equal('png');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).to.equal('jpeg');
    expect(sniffFileType(Buffer.from('MZ\x90\x00 this is a windows executable'))).to.equal(null);
    expect(sniffFileType(Buffer.from('PK\x03\x04 not really a zip'))).to.equal(null);
    expect(sanitizeFileName('../../etc/passwd')).to.equal('passwd');
    expect(sanitizeFileName('C:\\Users\\a\\Tờ trình.pdf')).to.equal('Tờ trình.pdf');
    expect(sanitizeFileName('..')).to.equal('tai-lieu');
  });
});
