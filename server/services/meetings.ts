// Use cases for meetings: prepare (details, agenda, guests), convene, open, close; attendance and the
// quorum of the day; body rules. Each write: load → permission → rule → write + audit, in one transaction.
import { and, eq } from 'drizzle-orm';
import { agendaItems, attendanceEvents, bodyRules, meetingGuests, meetings } from '../../models/schema.ts';
import type { Database, Executor } from '../db/database.ts';
import { AppError, conflict, forbidden, notFound, validation } from '../domain/errors.ts';
import { can, canSeeCommune, type Principal } from '../domain/permissions.ts';
import type { BodyKind } from '../domain/bodies.ts';
import { membersOn, votingMembersOn } from '../domain/membership.ts';
import { evaluateQuorum, validateQuorumRule, type QuorumRule } from '../domain/quorum.ts';
import {
  AGENDA_KINDS, ATTENDANCE_STATUSES, canEditAgenda, checkAttendanceDay, checkAttendanceEvent, checkKindAndOrdinal, checkNewOrder, checkRuleEffectiveDate,
  isClockTime, isInRoom, latestByPerson, legacyOrdinals, meetingKindsFor, meetingName, meetingOrdinal, memberWord, moveItem, nextStatus,
  ordinalAfterReopen, ordinalOnConvening, ordinalsOf,
  presentAt, rosterCounts, ruleOn, termForDate, type AttendanceStatus, type EffectiveRule, type MeetingAction, type MeetingKind,
  type MeetingStatus,
} from '../domain/meetings.ts';
import { attendanceStatusLabels, meetingMsg, msg } from '../i18n/vi.ts';
import * as orgRepo from '../repositories/org.ts';
import * as repo from '../repositories/meetings.ts';
import { writeAudit } from '../repositories/audit.ts';
import {
  defaultSettings, minimumMeetingsPerYear, presidingPersonOn, regularMeetingsIn, regularPeriodOf, regulationOn, type MeetingFrequency, type RegularPeriod, type RegulationSettings,
} from '../domain/regulations.ts';
import { regulationSettingsOn } from './regulations.ts';
import { Form, type Input } from './form.ts';
import type { Clock } from './clock.ts';
import { canSeeMeeting, isMeetingStaff, loadVisibleMeeting } from './meetings/access.ts';

type MeetingRow = repo.MeetingRow;

/** "2026-03-25" + "07:30" in Vietnam time (UTC+7). */
export const vnTime = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+07:00`);
/** "HH:MM" of an instant in Vietnam time. */
export const vnClock = (d: Date): string => new Date(d.getTime() + 7 * 3600 * 1000).toISOString().slice(11, 16);

export function createMeetingService(database: Database, clock: Clock) {
  const { db } = database;

  function requireCommune(p: Principal, communeId: number) {
    if (!canSeeCommune(p, communeId)) throw notFound();
  }

  const isStaff = isMeetingStaff;
  const canSee = canSeeMeeting;

  async function loadMeeting(p: Principal, communeId: number, meetingId: number, ex: Executor = db) {
    return loadVisibleMeeting(ex, p, communeId, meetingId);
  }

  function requireMeetingPermission(p: Principal, action: 'meeting.prepare' | 'meeting.record', m: Pick<MeetingRow, 'communeId' | 'bodyId'>) {
    if (!can(p, action, { communeId: m.communeId, bodyId: m.bodyId })) throw forbidden();
  }

  async function loadBody(p: Principal, communeId: number, bodyId: number) {
    requireCommune(p, communeId);
    const body = await orgRepo.findBody(db, communeId, bodyId);
    if (!body) throw notFound();
    return body;
  }

  /** A body the principal serves (body.read) or belongs to today; for anyone else it does not exist (404). */
  async function loadVisibleBody(p: Principal, communeId: number, bodyId: number) {
    const body = await loadBody(p, communeId, bodyId);
    if (can(p, 'body.read', { communeId, bodyId })) return body;
    if (p.personId !== null && await repo.isMemberOn(db, bodyId, p.personId, clock.today())) return body;
    throw notFound();
  }

  /** Bumps the meeting's version if the form saw the current one; otherwise somebody else saved first. */
  async function bumpVersion(tx: Executor, m: MeetingRow, seen: number, extra: Partial<typeof meetings.$inferInsert> = {}) {
    const [row] = await tx.update(meetings).set({ ...extra, version: seen + 1 })
      .where(and(eq(meetings.id, m.id), eq(meetings.version, seen))).returning();
    if (!row) throw conflict(msg.staleVersion);
    return row;
  }

  function seenVersion(f: Form): number {
    const v = f.int('version', { required: true, min: 1 });
    if (v === null) throw new AppError('BAD_REQUEST', msg.staleVersion);
    return v;
  }

  /** The meeting's details from a form, checked against the body's terms and the series. */
  async function readDetails(ex: Executor, communeId: number, body: orgRepo.BodyRow, input: Input, meetingId: number | null) {
    const f = new Form(input);
    const kinds = meetingKindsFor(body.kind as BodyKind);
    const value = {
      kind: f.choice('kind', kinds),
      subject: f.optionalText('subject', 300),
      date: f.date('date'),
      startTime: f.text('startTime', { required: true, max: 5 }),
      days: f.int('days', { min: 1, max: 10 }) ?? 1,
      place: f.text('place', { required: true, max: 300 }),
      chairPersonId: f.int('chairPersonId', { min: 1 }),
      secretaryPersonId: f.int('secretaryPersonId', { min: 1 }),
      closedSession: f.bool('closedSession'),
    };
    if (value.chairPersonId === null && !f.errors.chairPersonId) f.fail('chairPersonId', meetingMsg.chairRequired);
    if (value.startTime && !isClockTime(value.startTime)) f.fail('startTime', meetingMsg.badTime);
    f.check();
    const ids = [value.chairPersonId!, ...(value.secretaryPersonId ? [value.secretaryPersonId] : [])];
    const found = new Set((await repo.peopleByIds(ex, communeId, ids)).map((x) => x.id));
    const errors: Record<string, string> = {};
    if (!found.has(value.chairPersonId!)) errors.chairPersonId = meetingMsg.personNotInCommune;
    if (value.secretaryPersonId && !found.has(value.secretaryPersonId)) errors.secretaryPersonId = meetingMsg.personNotInCommune;
    const termCheck = termForDate(await orgRepo.listTerms(ex, body.id), value.date);
    if (!termCheck.ok) errors.date = meetingMsg.outsideTerm;
    if (Object.keys(errors).length) throw validation(errors);
    const term = (termCheck as { ok: true; term: orgRepo.TermRow }).term;
    const series = await repo.seriesOf(ex, body.id, term.id);
    const ordinal = meetingOrdinal({ id: meetingId ?? Number.MAX_SAFE_INTEGER, date: value.date, startTime: value.startTime }, series);
    if (!checkKindAndOrdinal(value.kind, ordinal).ok) throw validation({ kind: meetingMsg.firstNotFirst });
    return { f, value: { ...value, chairPersonId: value.chairPersonId!, termId: term.id } };
  }

  /** The name and ordinal of a meeting (stored since convening; a draft's is provisional, counted in its series). */
  async function describe(ex: Executor, m: MeetingRow, bodyKind: BodyKind) {
    return describeIn(m, bodyKind, await repo.seriesOf(ex, m.bodyId, m.termId));
  }

  function describeIn(m: MeetingRow, bodyKind: BodyKind, series: repo.SeriesRow[]) {
    const ordinal = meetingOrdinal(m, series);
    return { ordinal, name: meetingName(bodyKind, m.kind as MeetingKind, ordinal, m.date) };
  }

  /** Roster (membership on the date), each person's latest event, quorum per the rule in force. */
  async function attendanceState(ex: Executor, m: MeetingRow, bodyKind: BodyKind) {
    // One after the other: `ex` may be a transaction, one connection (pg warns about, and pg@9 refuses, overlapping queries on it).
    const history = await orgRepo.membershipsOfBody(ex, m.communeId, m.bodyId);
    const events = await repo.eventsOf(ex, m.id);
    const rules = await repo.rulesOf(ex, m.bodyId);
    return attendanceFrom(m, bodyKind, history, events, rules);
  }

  function attendanceFrom(m: MeetingRow, bodyKind: BodyKind, history: orgRepo.MembershipWithNames[], events: repo.AttendanceEventRow[], rules: repo.BodyRuleRow[]) {
    const roster = membersOn(history, m.date).sort((a, b) => a.id - b.id);
    const voting = new Set(votingMembersOn(history, m.date).map((x) => x.personId));
    const latest = latestByPerson(events);
    const rule = ruleOn(rules.map(toEffectiveRule), m.date);
    const presentVoting = [...voting].filter((id) => { const e = latest.get(id); return e && isInRoom(e.status); }).length;
    const quorum = evaluateQuorum(rule, presentVoting, voting.size, memberWord(bodyKind));
    const counts = rosterCounts(roster.map((r) => r.personId), latest);
    const maxEventId = events.reduce((mx, e) => Math.max(mx, e.id), 0);
    return { roster, voting, events, latest, rule, quorum, counts, maxEventId };
  }

  const toEffectiveRule = (r: repo.BodyRuleRow): EffectiveRule => ({
    numerator: r.quorumNumerator, denominator: r.quorumDenominator, comparison: r.quorumComparison, base: r.quorumBase,
    effectiveFrom: r.effectiveFrom, basis: r.basis,
  });

  const permissionsFor = (p: Principal, m: MeetingRow) => {
    const scope = { communeId: m.communeId, bodyId: m.bodyId };
    return { prepare: can(p, 'meeting.prepare', scope), record: can(p, 'meeting.record', scope) };
  };

  /** The secretary records attendance only on the meeting's days, while it is convened or in session (as self check-in). */
  function requireAttendanceDay(m: MeetingRow) {
    const day = checkAttendanceDay({ ...m, status: m.status as MeetingStatus }, clock.today());
    if (!day.ok) throw conflict(day.reason === 'ATTENDANCE_CLOSED' ? meetingMsg.attendanceClosed : meetingMsg.attendanceNotMeetingDay);
  }

  /** The actual moment of an event for "HH:MM" typed by the secretary: on the meeting day being held. */
  function eventDay(m: MeetingRow): string {
    const today = clock.today();
    const end = new Date(Date.parse(m.date + 'T00:00:00Z') + (m.days - 1) * 86400000).toISOString().slice(0, 10);
    return today >= m.date && today <= end ? today : m.date;
  }

  async function insertEvent(tx: Executor, p: Principal, m: MeetingRow, e: {
    personId: number; status: AttendanceStatus; at: Date; reason: string | null; selfCheckIn: boolean; previousId: number;
  }) {
    try {
      const [row] = await tx.insert(attendanceEvents).values({ meetingId: m.id, recordedBy: p.accountId, recordedAt: clock.now(), ...e }).returning();
      await writeAudit(tx, { accountId: p.accountId, communeId: m.communeId, action: 'attendance.record', entity: 'meeting', entityId: m.id, after: row });
      return row;
    } catch (err) {
      // attendance_follow_uq: another event already follows the same state of this person.
      if (/attendance_follow_uq|duplicate key/i.test(String((err as Error)?.message) + String((err as { cause?: Error })?.cause?.message))) {
        throw conflict(meetingMsg.staleRoster);
      }
      throw err;
    }
  }

  /**
   * The meeting page's data in one query (repo.meetingPage): the meeting if this person may see it (else 404),
   * its commune, body, agenda, files, guests, name and ordinal, and the attendance state.
   */
  async function meetingPage(p: Principal, communeId: number, meetingId: number) {
    requireCommune(p, communeId);
    const d = await repo.meetingPage(database, communeId, meetingId);
    if (!d || !(await canSee(db, p, d.meeting, d.memberships))) throw notFound();
    const kind = d.body.kind as BodyKind;
    // Who presides per the Quy chế in force on the meeting day, when it is not the chosen chair (shown, never imposed).
    const reg = regulationOn(d.regulations, d.meeting.date);
    const presiding = reg ? presidingPersonOn(reg.settings as RegulationSettings, d.memberships, d.meeting.date) : null;
    const regulationChair = presiding && presiding.personId !== d.meeting.chairPersonId
      ? { personId: presiding.personId, name: d.memberships.find((x) => x.personId === presiding.personId)?.personName ?? '', standIn: presiding.standIn } : null;
    const att = attendanceFrom(d.meeting, kind, d.memberships, d.events, d.rules);
    // The chair and secretary by name, also when they are not on the roster (a guest chair, the office's secretary).
    const onRoster = new Map(att.roster.map((x) => [x.personId, x.personName]));
    const others = [d.meeting.chairPersonId, d.meeting.secretaryPersonId].filter((x): x is number => x !== null && !onRoster.has(x));
    const names = new Map([...onRoster, ...(await repo.peopleByIds(db, communeId, others)).map((x) => [x.id, x.fullName] as const)]);
    return { ...d, ...describeIn(d.meeting, kind, d.series), regulationChair, att, names };
  }

  return {
    loadMeeting,
    meetingPage,
    canSee,
    describe,
    attendanceState,
    permissionsFor,

    /** A month of the commune's meetings that this person may see. */
    async calendar(p: Principal, communeId: number, month: string) {
      requireCommune(p, communeId);
      const commune = await orgRepo.findCommune(db, communeId);
      if (!commune) throw notFound();
      const from = `${month}-01`;
      const [y, mo] = month.split('-').map(Number);
      const to = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
      const rows = await repo.meetingsOfCommune(db, communeId, from, to);
      const memberOf = p.personId === null ? [] : await orgRepo.membershipsOfPerson(db, communeId, p.personId);
      const visible = rows.filter(({ meeting: m }) => {
        if (isStaff(p, m)) return true;
        if (memberOf.some((x) => x.bodyId === m.bodyId && x.startDate <= m.date && (x.endDate === null || m.date < x.endDate))) return true;
        return !m.closedSession && can(p, 'body.read', { communeId, bodyId: m.bodyId });
      });
      const series = await repo.seriesOfMany(db, visible.map(({ meeting: m }) => ({ bodyId: m.bodyId, termId: m.termId })));
      const bySeries = new Map<string, typeof series>();
      for (const s of series) bySeries.set(`${s.bodyId}:${s.termId}`, [...(bySeries.get(`${s.bodyId}:${s.termId}`) ?? []), s]);
      const ordinals = new Map<number, number>();
      for (const list of bySeries.values()) for (const [id, n] of ordinalsOf(list)) ordinals.set(id, n);
      const bodies = (await orgRepo.listBodies(db, communeId)).filter((b) => can(p, 'meeting.prepare', { communeId, bodyId: b.id }));
      // For each body the law makes meet regularly: the period of today under its Quy chế's frequency (or the law's
      // minimum without one) and the regular meetings already on the calendar in it.
      const today = clock.today();
      const regular = new Map<number, { period: RegularPeriod; frequency: MeetingFrequency; fromRegulation: boolean; dates: string[] }>();
      const dueBodies = bodies.filter((b) => minimumMeetingsPerYear(b.kind as BodyKind) !== null);
      if (dueBodies.length) {
        const half = regularPeriodOf('twice_yearly', today);
        const nearby = (await repo.meetingsOfCommune(db, communeId, half.start, half.end)).filter((r) => r.meeting.kind === 'regular');
        for (const b of dueBodies) {
          const reg = await regulationSettingsOn(db, b.id, today);
          const frequency = reg?.settings.frequency ?? defaultSettings(b.kind as BodyKind).frequency;
          const period = regularPeriodOf(frequency, today);
          regular.set(b.id, { period, frequency, fromRegulation: !!reg, dates: regularMeetingsIn(period, nearby.filter((r) => r.meeting.bodyId === b.id).map((r) => r.meeting)) });
        }
      }
      return {
        commune,
        month,
        bodies,
        regular,
        meetings: visible.map((r) => ({ ...r, name: meetingName(r.bodyKind as BodyKind, r.meeting.kind as MeetingKind, ordinals.get(r.meeting.id) ?? 1, r.meeting.date) })),
      };
    },

    /** Meetings of the bodies this person sits in, from `from` on, with the papers to read. */
    async myMeetings(p: Principal) {
      if (p.personId === null || p.communeId === null) return { meetings: [] };
      const from = new Date(Date.parse(clock.today() + 'T00:00:00Z') - 30 * 86400000).toISOString().slice(0, 10);
      const rows = await repo.meetingsOfPerson(db, p.communeId, p.personId, from);
      const out = [];
      for (const r of rows) {
        const d = await describe(db, r.meeting, r.bodyKind as BodyKind);
        const [agenda, files] = await Promise.all([repo.agendaOf(db, r.meeting.id), repo.attachmentsOf(db, r.meeting.id)]);
        out.push({ ...r, ...d, agenda, files });
      }
      return { meetings: out, today: clock.today() };
    },

    /**
     * The body's people for the chair/secretary selects (members on `day` first, then everybody else) and who presides
     * on `day`: per the body's Quy chế in force then (its presides / stands-in settings), else the head, else the deputy.
     */
    async newMeetingForm(p: Principal, communeId: number, bodyId: number, day: string = clock.today()) {
      const body = await loadVisibleBody(p, communeId, bodyId);
      if (!can(p, 'meeting.prepare', { communeId, bodyId })) throw forbidden();
      const commune = (await orgRepo.findCommune(db, communeId))!;
      const [history, everybody] = await Promise.all([orgRepo.membershipsOfBody(db, communeId, bodyId), orgRepo.listPeople(db, communeId)]);
      const members = membersOn(history, day);
      const reg = await regulationSettingsOn(db, bodyId, day);
      const settings = reg?.settings ?? defaultSettings(body.kind as BodyKind);
      const who = presidingPersonOn(settings, history, day);
      const presiding = who ? { ...who, name: members.find((x) => x.personId === who.personId)?.personName ?? '', regulation: reg?.title ?? null } : null;
      return { commune, body, kinds: meetingKindsFor(body.kind as BodyKind), members, people: everybody, today: clock.today(), day, presiding };
    },

    async createMeeting(p: Principal, communeId: number, bodyId: number, input: Input) {
      const body = await loadVisibleBody(p, communeId, bodyId);
      if (!can(p, 'meeting.prepare', { communeId, bodyId })) throw forbidden();
      return database.transaction(async (tx) => {
        const { value } = await readDetails(tx, communeId, body, input, null);
        const [row] = await tx.insert(meetings).values({ communeId, bodyId, ...value, createdBy: p.accountId }).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'meeting.create', entity: 'meeting', entityId: row.id, after: row });
        return row;
      });
    },

    async updateMeeting(p: Principal, communeId: number, meetingId: number, input: Input) {
      const m = await loadMeeting(p, communeId, meetingId);
      requireMeetingPermission(p, 'meeting.prepare', m);
      if (!canEditAgenda(m.status as MeetingStatus)) throw conflict(meetingMsg.agendaLocked);
      const body = (await orgRepo.findBody(db, communeId, m.bodyId))!;
      const seen = seenVersion(new Form(input));
      return database.transaction(async (tx) => {
        const { value } = await readDetails(tx, communeId, body, input, m.id);
        const row = await bumpVersion(tx, m, seen, value);
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'meeting.update', entity: 'meeting', entityId: m.id, before: m, after: row });
        return row;
      });
    },

    /** convene | reopen_draft | open | close. Opening and closing belong to the secretary or office. */
    async transition(p: Principal, communeId: number, meetingId: number, input: Input) {
      const m = await loadMeeting(p, communeId, meetingId);
      const scope = { communeId, bodyId: m.bodyId };
      // Permission first: who may neither prepare nor record this body's meetings is refused before the form is read.
      if (!can(p, 'meeting.prepare', scope) && !can(p, 'meeting.record', scope)) throw forbidden();
      const f = new Form(input);
      const action = f.choice('action', ['convene', 'reopen_draft', 'open', 'close'] as const);
      const seen = seenVersion(f);
      f.check();
      const allowed = action === 'convene' || action === 'reopen_draft' ? can(p, 'meeting.prepare', scope)
        : can(p, 'meeting.record', scope) || can(p, 'meeting.prepare', scope);
      if (!allowed) throw forbidden();
      return database.transaction(async (tx) => {
        const agenda = await repo.agendaOf(tx, m.id);
        const next = nextStatus(m.status as MeetingStatus, action as MeetingAction, agenda.length);
        if (!next.ok) throw conflict(next.reason === 'EMPTY_AGENDA' ? meetingMsg.emptyAgenda : meetingMsg.wrongStatus);
        const now = clock.now();
        const stamp = action === 'convene' ? { convenedAt: now } : action === 'open' ? { openedAt: now } : action === 'close' ? { closedAt: now } : {};
        // The number is fixed on convening (and may be released on reopening), in this transaction, with the
        // series locked (two drafts convened at once cannot take one number); meetings convened before numbers were
        // stored get theirs then, once. Opening and closing leave the numbers alone.
        let ordinal: { ordinal: number | null } | Record<string, never> = {};
        let before: number | null = m.ordinal;
        if (action === 'convene' || action === 'reopen_draft') {
          const series = await repo.lockSeries(tx, m.bodyId, m.termId);
          for (const [id, n] of legacyOrdinals(series)) {
            await tx.update(meetings).set({ ordinal: n }).where(eq(meetings.id, id));
            await writeAudit(tx, { accountId: p.accountId, communeId, action: 'meeting.ordinal_fixed', entity: 'meeting', entityId: id, after: { ordinal: n } });
            series.find((x) => x.id === id)!.ordinal = n;
          }
          before = series.find((x) => x.id === m.id)?.ordinal ?? null;
          if (action === 'convene') {
            const n = ordinalOnConvening(m.id, series);
            if (!checkKindAndOrdinal(m.kind as MeetingKind, n).ok) throw conflict(meetingMsg.firstAlreadyConvened);
            ordinal = { ordinal: n };
          } else {
            ordinal = { ordinal: ordinalAfterReopen(m.id, series) };
          }
        }
        const row = await bumpVersion(tx, m, seen, { status: next.status, ...stamp, ...ordinal });
        await writeAudit(tx, {
          accountId: p.accountId, communeId, action: `meeting.${action}`, entity: 'meeting', entityId: m.id,
          before: { status: m.status, ordinal: before }, after: { status: row.status, ordinal: row.ordinal },
        });
        return row;
      });
    },

    // ---- agenda ----

    async addAgendaItem(p: Principal, communeId: number, meetingId: number, input: Input) {
      const m = await loadMeeting(p, communeId, meetingId);
      requireMeetingPermission(p, 'meeting.prepare', m);
      const { value, seen } = readAgendaItem(input);
      if (!canEditAgenda(m.status as MeetingStatus)) throw conflict(meetingMsg.agendaLocked);
      return database.transaction(async (tx) => {
        await bumpVersion(tx, m, seen);
        const items = await repo.agendaOf(tx, m.id);
        const [row] = await tx.insert(agendaItems).values({ meetingId: m.id, position: items.length + 1, ...value }).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'agenda.add', entity: 'meeting', entityId: m.id, after: row });
        return row;
      });
    },

    async updateAgendaItem(p: Principal, communeId: number, meetingId: number, itemId: number, input: Input) {
      const m = await loadMeeting(p, communeId, meetingId);
      requireMeetingPermission(p, 'meeting.prepare', m);
      const item = await repo.findAgendaItem(db, m.id, itemId);
      if (!item) throw notFound();
      const { value, seen } = readAgendaItem(input);
      if (!canEditAgenda(m.status as MeetingStatus)) throw conflict(meetingMsg.agendaLocked);
      return database.transaction(async (tx) => {
        await bumpVersion(tx, m, seen);
        const [row] = await tx.update(agendaItems).set(value).where(eq(agendaItems.id, item.id)).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'agenda.update', entity: 'meeting', entityId: m.id, before: item, after: row });
        return row;
      });
    },

    async deleteAgendaItem(p: Principal, communeId: number, meetingId: number, itemId: number, input: Input) {
      const m = await loadMeeting(p, communeId, meetingId);
      requireMeetingPermission(p, 'meeting.prepare', m);
      const item = await repo.findAgendaItem(db, m.id, itemId);
      if (!item) throw notFound();
      const seen = seenVersion(new Form(input));
      if (!canEditAgenda(m.status as MeetingStatus)) throw conflict(meetingMsg.agendaLocked);
      if ((await repo.attachmentsOf(db, m.id)).some((a) => a.attachment.agendaItemId === item.id)) throw conflict(meetingMsg.itemHasAttachments);
      return database.transaction(async (tx) => {
        await bumpVersion(tx, m, seen);
        await tx.delete(agendaItems).where(eq(agendaItems.id, item.id));
        const rest = (await repo.agendaOf(tx, m.id)).map((x) => x.id);
        await writePositions(tx, rest);
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'agenda.delete', entity: 'meeting', entityId: m.id, before: item });
        return m;
      });
    },

    /** Up/down buttons (no JavaScript) or a whole new order (drag and drop): both check the version. */
    async reorderAgenda(p: Principal, communeId: number, meetingId: number, input: Input) {
      const m = await loadMeeting(p, communeId, meetingId);
      requireMeetingPermission(p, 'meeting.prepare', m);
      const f = new Form(input);
      const seen = seenVersion(f);
      const itemId = f.int('itemId', { min: 1 });
      const direction = f.choice('direction', ['up', 'down'] as const, { required: false });
      const order = (Array.isArray(input.order) ? input.order : typeof input.order === 'string' ? input.order.split(',') : [])
        .map((x) => Number(x)).filter((x) => Number.isSafeInteger(x) && x > 0);
      f.check();
      if (!canEditAgenda(m.status as MeetingStatus)) throw conflict(meetingMsg.agendaLocked);
      return database.transaction(async (tx) => {
        await bumpVersion(tx, m, seen);
        const current = (await repo.agendaOf(tx, m.id)).map((x) => x.id);
        let next: number[];
        if (order.length) {
          if (!checkNewOrder(current, order).ok) throw conflict(meetingMsg.notAPermutation);
          next = order;
        } else {
          if (itemId === null || !current.includes(itemId) || !direction) throw notFound();
          next = moveItem(current, itemId, direction);
        }
        await writePositions(tx, next);
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'agenda.reorder', entity: 'meeting', entityId: m.id, before: current, after: next });
        return m;
      });
    },

    // ---- guests ----

    async addGuest(p: Principal, communeId: number, meetingId: number, input: Input) {
      const m = await loadMeeting(p, communeId, meetingId);
      requireMeetingPermission(p, 'meeting.prepare', m);
      const f = new Form(input);
      const value = { name: f.text('guestName', { required: true, max: 200 }), role: f.optionalText('guestRole', 200) };
      const seen = seenVersion(f);
      f.check();
      if (m.status === 'closed') throw conflict(meetingMsg.agendaLocked);
      return database.transaction(async (tx) => {
        await bumpVersion(tx, m, seen);
        const count = (await repo.guestsOf(tx, m.id)).length;
        const [row] = await tx.insert(meetingGuests).values({ meetingId: m.id, ...value, position: count + 1 }).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'guest.add', entity: 'meeting', entityId: m.id, after: row });
        return row;
      });
    },

    async removeGuest(p: Principal, communeId: number, meetingId: number, guestId: number, input: Input) {
      const m = await loadMeeting(p, communeId, meetingId);
      requireMeetingPermission(p, 'meeting.prepare', m);
      const seen = seenVersion(new Form(input));
      if (m.status === 'closed') throw conflict(meetingMsg.agendaLocked);
      return database.transaction(async (tx) => {
        const guest = (await repo.guestsOf(tx, m.id)).find((g) => g.id === guestId);
        if (!guest) throw notFound();
        await bumpVersion(tx, m, seen);
        await tx.delete(meetingGuests).where(eq(meetingGuests.id, guest.id));
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'guest.remove', entity: 'meeting', entityId: m.id, before: guest });
        return m;
      });
    },

    // ---- attendance ----

    /** One person's new status, by the secretary. The form carries the event it saw (`seen`). */
    async recordAttendance(p: Principal, communeId: number, meetingId: number, input: Input) {
      const m = await loadMeeting(p, communeId, meetingId);
      requireMeetingPermission(p, 'meeting.record', m);
      const f = new Form(input);
      const personId = f.int('personId', { required: true, min: 1 });
      const status = f.choice('status', ATTENDANCE_STATUSES);
      const time = f.text('time', { max: 5 });
      const reason = f.optionalText('reason', 300);
      const seen = f.int('seen', { min: 0 }) ?? 0;
      if (time && !isClockTime(time)) f.fail('time', meetingMsg.badTime);
      f.check();
      return database.transaction(async (tx) => {
        const locked = (await repo.lockMeeting(tx, communeId, m.id))!;
        requireAttendanceDay(locked);
        const body = (await orgRepo.findBody(tx, communeId, m.bodyId))!;
        const state = await attendanceState(tx, locked, body.kind as BodyKind);
        const rosterIds = new Set(state.roster.map((r) => r.personId));
        const latest = state.latest.get(personId!);
        const check = checkAttendanceEvent({ personId: personId!, status, reason, hasTime: !!time, seenEventId: seen }, rosterIds, latest);
        const name = state.roster.find((r) => r.personId === personId)?.personName ?? '';
        if (!check.ok) {
          switch (check.reason) {
            case 'NOT_ON_ROSTER': throw validation({ personId: meetingMsg.notOnRoster }, meetingMsg.notOnRoster);
            case 'DUPLICATE': throw conflict(meetingMsg.duplicateCheckIn(name, attendanceStatusLabels[status]!));
            case 'STALE': throw conflict(meetingMsg.staleAttendance(name));
            case 'REASON_REQUIRED': throw validation({ reason: meetingMsg.reasonRequired }, meetingMsg.reasonRequired);
            case 'TIME_REQUIRED': throw validation({ time: meetingMsg.timeRequired }, meetingMsg.timeRequired);
          }
        }
        const at = time ? vnTime(eventDay(locked), time) : clock.now();
        return insertEvent(tx, p, locked, { personId: personId!, status, at, reason, selfCheckIn: false, previousId: latest?.id ?? 0 });
      });
    },

    /** "Tất cả có mặt": everybody not yet marked becomes present, if nobody changed the roster since it was seen. */
    async markAllPresent(p: Principal, communeId: number, meetingId: number, input: Input) {
      const m = await loadMeeting(p, communeId, meetingId);
      requireMeetingPermission(p, 'meeting.record', m);
      const seen = new Form(input).int('seen', { min: 0 }) ?? 0;
      return database.transaction(async (tx) => {
        const locked = (await repo.lockMeeting(tx, communeId, m.id))!;
        requireAttendanceDay(locked);
        const body = (await orgRepo.findBody(tx, communeId, m.bodyId))!;
        const state = await attendanceState(tx, locked, body.kind as BodyKind);
        if (state.maxEventId !== seen) throw conflict(meetingMsg.staleRoster);
        const now = clock.now();
        const todo = state.roster.filter((r) => !state.latest.has(r.personId));
        if (todo.length) {
          await tx.insert(attendanceEvents).values(todo.map((r) => ({
            meetingId: m.id, personId: r.personId, status: 'present' as const, at: now, reason: null, selfCheckIn: false,
            recordedBy: p.accountId, recordedAt: now, previousId: 0,
          })));
        }
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'attendance.all_present', entity: 'meeting', entityId: m.id, after: { count: todo.length } });
        return { count: todo.length };
      });
    },

    /** A member checks themself in from their phone, on the meeting day. */
    async selfCheckIn(p: Principal, communeId: number, meetingId: number) {
      const m = await loadMeeting(p, communeId, meetingId);
      if (p.personId === null) throw forbidden(meetingMsg.notAMember);
      return database.transaction(async (tx) => {
        const locked = (await repo.lockMeeting(tx, communeId, m.id))!;
        if (!checkAttendanceDay({ ...locked, status: locked.status as MeetingStatus }, clock.today()).ok) throw conflict(meetingMsg.selfCheckInNotToday);
        const body = (await orgRepo.findBody(tx, communeId, m.bodyId))!;
        const state = await attendanceState(tx, locked, body.kind as BodyKind);
        const me = state.roster.find((r) => r.personId === p.personId);
        if (!me) throw forbidden(meetingMsg.notAMember);
        const latest = state.latest.get(p.personId!);
        if (latest && isInRoom(latest.status)) throw conflict(meetingMsg.duplicateCheckIn(me.personName, attendanceStatusLabels[latest.status]!));
        // Arriving after the opening time counts as late, with the time of arrival.
        const now = clock.now();
        const status: AttendanceStatus = locked.status === 'in_session' && now > vnTime(eventDay(locked), locked.startTime) ? 'late' : 'present';
        return insertEvent(tx, p, locked, { personId: p.personId!, status, at: now, reason: null, selfCheckIn: true, previousId: latest?.id ?? 0 });
      });
    },

    /** Who was present at a moment ("HH:MM" on a meeting day): the set each vote records. */
    async presenceAt(p: Principal, communeId: number, meetingId: number, day: string, hhmm: string) {
      const m = await loadMeeting(p, communeId, meetingId);
      const body = (await orgRepo.findBody(db, communeId, m.bodyId))!;
      const state = await attendanceState(db, m, body.kind as BodyKind);
      const at = vnTime(day, hhmm);
      const inRoom = presentAt(state.events, at);
      const presentVoting = [...state.voting].filter((id) => inRoom.has(id)).length;
      const quorum = evaluateQuorum(state.rule, presentVoting, state.voting.size, memberWord(body.kind as BodyKind));
      return { at, people: state.roster.filter((r) => inRoom.has(r.personId)), quorum };
    },

    // ---- body rules ----

    async bodyRules(p: Principal, communeId: number, bodyId: number) {
      const body = await loadBody(p, communeId, bodyId);
      if (!can(p, 'body.read', { communeId, bodyId })) throw notFound();
      const commune = (await orgRepo.findCommune(db, communeId))!;
      const rules = await repo.rulesOf(db, bodyId);
      const inForce = ruleOn(rules.map(toEffectiveRule), clock.today());
      // Setting the rule is the commune admin's (body.manage), like the body itself; secretaries only read it.
      const canEdit = can(p, 'body.manage', { communeId, bodyId });
      return { commune, body, rules, inForce, canEdit, today: clock.today() };
    },

    async addBodyRule(p: Principal, communeId: number, bodyId: number, input: Input) {
      await loadBody(p, communeId, bodyId);
      if (!can(p, 'body.read', { communeId, bodyId })) throw notFound(); // as on the page that shows the rules
      if (!can(p, 'body.manage', { communeId, bodyId })) throw forbidden();
      const f = new Form(input);
      const value = {
        effectiveFrom: f.date('effectiveFrom'),
        quorumNumerator: f.int('quorumNumerator', { required: true, min: 1, max: 100 }),
        quorumDenominator: f.int('quorumDenominator', { required: true, min: 1, max: 100 }),
        quorumComparison: f.choice('quorumComparison', ['at_least', 'more_than'] as const),
        basis: f.text('basis', { required: true, max: 300 }),
      };
      f.check();
      // The base is always the members on the day (see QuorumRule.base); the column keeps 'total'.
      const rule: QuorumRule = { numerator: value.quorumNumerator!, denominator: value.quorumDenominator!, comparison: value.quorumComparison, base: 'total' };
      if (!validateQuorumRule(rule).ok) throw validation({ quorumNumerator: meetingMsg.ruleInvalid });
      return database.transaction(async (tx) => {
        const today = clock.today();
        const when = checkRuleEffectiveDate(value.effectiveFrom, today, await repo.lastFixedMeetingDate(tx, bodyId));
        if (!when.ok) {
          const viDay = (d: string) => d.split('-').reverse().join('/');
          throw validation({ effectiveFrom: when.reason === 'BEFORE_TODAY' ? meetingMsg.ruleNotRetroactive(viDay(today)) : meetingMsg.ruleAfterLastMeeting(viDay(when.day)) });
        }
        const [row] = await tx.insert(bodyRules).values({ bodyId, ...value, quorumBase: 'total', quorumNumerator: rule.numerator, quorumDenominator: rule.denominator, createdBy: p.accountId }).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'body_rule.add', entity: 'body', entityId: bodyId, after: row });
        return row;
      });
    },
  };

  function readAgendaItem(input: Input) {
    const f = new Form(input);
    const value = {
      title: f.text('title', { required: true, max: 500 }),
      kind: f.choice('kind', AGENDA_KINDS),
      presenter: f.optionalText('presenter', 200),
      durationMinutes: f.int('durationMinutes', { min: 1, max: 600 }),
    };
    const seen = seenVersion(f);
    f.check();
    return { value, seen };
  }

  async function writePositions(tx: Executor, ids: number[]) {
    for (const [i, id] of ids.entries()) await tx.update(agendaItems).set({ position: i + 1 }).where(eq(agendaItems.id, id));
  }
}

export type MeetingService = ReturnType<typeof createMeetingService>;
