// Use cases for votes and elections in a meeting: create a motion on an agenda item, open it, record ballots
// (by name from the secretary, electronically from members' phones, secretly with no link to the voter), close
// it — the result is computed by the statutory rules and frozen with every figure and the minutes' sentence —
// and vote again as a new round. Each write: load → permission → rule → write + audit in one transaction, and
// the live view is told after the commit.
import { and, eq } from 'drizzle-orm';
import { candidates, meetings as meetingsTable, motions, namedBallots } from '../../models/schema.ts';
import type { Database, Executor } from '../db/database.ts';
import { AppError, conflict, forbidden, notFound, validation } from '../domain/errors.ts';
import { can, canSeeCommune, type Principal } from '../domain/permissions.ts';
import type { BodyKind } from '../domain/bodies.ts';
import { isInRoom, isPartyBody, memberWord as memberWordOf, type AttendanceStatus } from '../domain/meetings.ts';
import { votingMembersOn } from '../domain/membership.ts';
import {
  CHOICES, MOTION_KINDS, TALLY_BALLOTS, ballotTallyKeys, candidateTallyKey, checkBallot, checkElectionMarks, countChoices, countsBallots, decideMotion,
  describeCandidate, isElectronic, isSecret, methodsFor, monthsLeftInTerm, ruleKindFor, tallyKeysOf, tallyMotionElection, type BallotRefusal, type Choice,
  type MotionKind, type VoteMethodKind,
} from '../domain/ballots.ts';
import type { ChairmanSide, PartyBase, RegulationPassRule } from '../domain/vote-rules.ts';
import { formatPercent } from '../domain/percent.ts';
import { describeWrittenResult, vnDayOf } from '../domain/written-opinions.ts';
import { voteMsg } from '../i18n/vi.ts';
import * as orgRepo from '../repositories/org.ts';
import * as meetingRepo from '../repositories/meetings.ts';
import * as repo from '../repositories/votes.ts';
import { writeAudit } from '../repositories/audit.ts';
import { csvCell } from './csv.ts';
import { Form, type Input } from './form.ts';
import type { Clock } from './clock.ts';
import type { MeetingService } from './meetings.ts';
import { createLiveHub, type LiveHub } from './live.ts';
import { councilOf } from '../domain/terms.ts';
import { regulationSettingsOn } from './regulations.ts';

type MotionRow = repo.MotionRow;
type MeetingRow = meetingRepo.MeetingRow;

const honorific = (gender: string | undefined) => (gender === 'nữ' ? 'Bà' : 'Ông');

export function ballotRefusalMessage(reason: BallotRefusal, bodyName: string): string {
  switch (reason) {
    case 'NOT_OPEN': return voteMsg.notOpen;
    case 'DEADLINE_PASSED': return voteMsg.deadlinePassed;
    case 'WRONG_METHOD': return voteMsg.wrongMethod;
    case 'NOT_A_MEMBER': return voteMsg.notAMember(bodyName);
    case 'NOT_PRESENT': return voteMsg.notPresent;
    case 'ALREADY_VOTED': return voteMsg.alreadyVoted;
  }
}

export const isUniqueViolation = (err: unknown) => /duplicate key|unique constraint|23505/i.test(String((err as Error)?.message) + String((err as { cause?: Error })?.cause?.message) + String((err as { code?: string })?.code) + String((err as { cause?: { code?: string } })?.cause?.code));
export const isClosedTrigger = (err: unknown) => /is closed/i.test(String((err as Error)?.message) + String((err as { cause?: Error })?.cause?.message));

export function createVoteService(database: Database, clock: Clock, meetings: MeetingService) {
  const { db } = database;

  async function loadMeeting(p: Principal, communeId: number, meetingId: number) {
    const m = await meetings.loadMeeting(p, communeId, meetingId);
    const body = (await orgRepo.findBody(db, communeId, m.bodyId))!;
    return { m, body };
  }

  function requireRecord(p: Principal, m: Pick<MeetingRow, 'communeId' | 'bodyId'>) {
    if (!can(p, 'meeting.record', { communeId: m.communeId, bodyId: m.bodyId })) throw forbidden();
  }

  async function loadMotion(p: Principal, communeId: number, meetingId: number, motionId: number) {
    const { m, body } = await loadMeeting(p, communeId, meetingId);
    const v = await repo.findMotion(db, communeId, motionId);
    if (!v || v.meetingId !== m.id) throw notFound();
    return { m, body, v };
  }

  const seenVersion = (f: Form) => {
    const v = f.int('version', { required: true, min: 1 });
    if (v === null) throw new AppError('BAD_REQUEST', voteMsg.stale);
    return v;
  };

  /** Voting members on the day, who is in the room now, and the term (for Điều 49.2). */
  async function roomState(ex: Executor, m: MeetingRow, bodyKind: BodyKind) {
    const att = await meetings.attendanceState(ex, m, bodyKind);
    const presentIds = [...att.voting].filter((id) => { const e = att.latest.get(id); return !!e && isInRoom(e.status as AttendanceStatus); });
    return { att, members: att.voting.size, presentIds };
  }

  /** The seats recorded on the meeting's term (body page): the council's seats (Điều 49.2), the committee's total. */
  async function termSeatsOf(ex: Executor, m: MeetingRow): Promise<number | null> {
    return (await orgRepo.listTerms(ex, m.bodyId)).find((t) => t.id === m.termId)?.seats ?? null;
  }

  /** Months left in the council's term on the day (Điều 49.2); undefined when no term holds the day (never guessed). */
  async function monthsLeft(ex: Executor, v: MotionRow, day: string): Promise<number | undefined> {
    if (!v.councilSeats) return undefined;
    const term = (await orgRepo.listTerms(ex, v.bodyId)).find((t) => t.startDate <= day && day <= t.endDate);
    return term ? monthsLeftInTerm(day, term.endDate) : undefined;
  }

  /** The stricter pass rule of the Quy chế in force on the day, if it sets one (the statute is never lowered: checkSettings). */
  async function regulationRuleOn(ex: Executor, bodyId: number, day: string): Promise<RegulationPassRule | null> {
    const reg = await regulationSettingsOn(ex, bodyId, day);
    const rule = reg?.settings.passRule;
    if (!reg || !rule) return null;
    return {
      threshold: { numerator: rule.numerator, denominator: rule.denominator, comparison: rule.comparison }, base: rule.base,
      source: reg.basis ? `${reg.title} (${reg.basis})` : reg.title,
    };
  }

  /** Counts of a secret electronic motion: its running tallies plus any per-ballot rows of the old storage. */
  async function secretCounts(ex: Executor, v: MotionRow, candidateIds: readonly number[] | null) {
    const [tallies, legacy] = [await repo.secretTalliesOf(ex, v.id), await repo.legacySecretBallotsOf(ex, v.id)];
    const get = (key: string) => tallies.get(key) ?? 0;
    const choices = countChoices(legacy.filter((b) => b.choice !== null).map((b) => b.choice as Choice));
    const agree = new Map<number, number>();
    for (const id of candidateIds ?? []) agree.set(id, get(candidateTallyKey(id)));
    for (const b of legacy) for (const id of (b.marks as number[] | null) ?? []) agree.set(id, (agree.get(id) ?? 0) + 1);
    return {
      ballots: get(TALLY_BALLOTS) + legacy.length,
      for: get('for') + choices.for, against: get('against') + choices.against, abstain: get('abstain') + choices.abstain, agree,
    };
  }

  async function updateMotion(tx: Executor, v: MotionRow, seen: number, set: Partial<typeof motions.$inferInsert>) {
    const [row] = await tx.update(motions).set({ ...set, version: seen + 1 }).where(and(eq(motions.id, v.id), eq(motions.version, seen))).returning();
    if (!row) throw conflict(voteMsg.stale);
    return row;
  }

  /** Reads "Họ tên — vai trò" lines of the counting board; the first is its head (Trưởng ban). */
  function readBoard(f: Form, required: boolean) {
    const lines = f.lines('board', { max: 2000 });
    if (required && lines.length < 2) f.fail('board', voteMsg.boardRequired);
    return lines.map((l, i) => {
      const [name, role] = l.split(/\s+[—–-]\s+/, 2);
      return { name: name!.trim(), role: role?.trim() || (i === 0 ? 'Trưởng Ban kiểm phiếu' : 'Ủy viên') };
    });
  }

  /** Freezes the result of a motion inside the closing transaction. */
  async function freeze(tx: Executor, closedBy: number | null, v: MotionRow, m: MeetingRow | null, bodyKind: BodyKind, bodyName: string, input: Input) {
    const f = new Form(input);
    const now = clock.now();
    // Written opinions: the voters are the body's voting members on the day the form was sent.
    const day = m ? m.date : vnDayOf(v.createdAt);
    let members: number;
    let present: number;
    let presentIds: number[];
    if (m) {
      const room = await roomState(tx, m, bodyKind);
      members = room.members;
      presentIds = room.presentIds;
      // A ballot could only be cast by a member in the room: whoever voted and has left since still counts as present.
      if (countsBallots(v.method as VoteMethodKind)) {
        const inRoom = new Set(room.presentIds);
        presentIds = [...room.presentIds, ...(await repo.voterIdsOf(tx, v)).filter((id) => !inRoom.has(id) && room.att.voting.has(id))];
      }
      present = presentIds.length;
    } else {
      const voters = votingMembersOn(await orgRepo.membershipsOfBody(tx, v.communeId, v.bodyId), day).map((x) => x.personId);
      members = voters.length;
      present = members; // written opinions are sent to every member
      presentIds = voters;
    }
    const memberWord = memberWordOf(bodyKind);
    const base: Partial<typeof motions.$inferInsert> = { status: 'closed', closedAt: now, closedBy, total: members, inOffice: members, present };
    let candidateUpdates: { id: number; agree: number; elected: boolean }[] = [];
    let set: Partial<typeof motions.$inferInsert>;

    if (v.kind === 'election') {
      const cands = await repo.candidatesOf(tx, v.id);
      let valid: number;
      let invalid = 0;
      let issued: number | null;
      let collected: number | null;
      let agree = new Map<number, number>();
      let board: { name: string; role: string }[];
      if (v.method === 'electronic_secret') {
        const counted = await secretCounts(tx, v, cands.map((c) => c.id));
        valid = counted.ballots;
        agree = counted.agree;
        board = readBoard(f, false);
        issued = collected = valid;
      } else {
        issued = f.int('issued', { required: true, min: 0 });
        collected = f.int('collected', { required: true, min: 0 });
        invalid = f.int('invalid', { min: 0 }) ?? 0;
        for (const c of cands) agree.set(c.id, f.int(`agree_${c.id}`, { required: true, min: 0 }) ?? 0);
        board = readBoard(f, true);
        f.check();
        if (issued! > present) throw validation({ issued: voteMsg.issuedExceedsPresent(issued!, present) }, voteMsg.issuedExceedsPresent(issued!, present));
        if (collected! > issued!) throw validation({ collected: voteMsg.collectedExceedsIssued }, voteMsg.collectedExceedsIssued);
        if (invalid > collected!) throw validation({ invalid: voteMsg.invalidExceedsCollected }, voteMsg.invalidExceedsCollected);
        valid = collected! - invalid;
        const over = cands.find((c) => agree.get(c.id)! > valid);
        if (over) throw validation({ [`agree_${over.id}`]: voteMsg.agreeExceedsValid(over.name, valid) }, voteMsg.agreeExceedsValid(over.name, valid));
      }
      f.check();
      const tally = tallyMotionElection({
        body: bodyKind, seats: v.electSeats ?? 1, members, validBallots: valid,
        candidates: cands.map((c) => ({ id: String(c.id), name: c.name, agree: agree.get(c.id) ?? 0 })),
        partyBase: v.partyBase as PartyBase | null, partyTotal: v.partyTotal,
      });
      if (!tally.ok) throw validation({}, voteMsg.refused(tally.reason));
      const elected = new Set(tally.elected.map(Number));
      candidateUpdates = cands.map((c) => ({ id: c.id, agree: agree.get(c.id) ?? 0, elected: elected.has(c.id) }));
      const lines = cands.map((c) => describeCandidate(c.name, agree.get(c.id) ?? 0, tally.baseCount, tally.base, memberWord, elected.has(c.id)));
      const verdict = tally.tie ? voteMsg.electionTie(tally.tie.candidates.length, tally.tie.seats) : '';
      set = {
        ...base, rule: tally.rule, article: tally.article, required: tally.required, base: tally.base, baseCount: tally.baseCount,
        passed: tally.elected.length > 0, invalid, ballotsIssued: issued, ballotsCollected: collected, votesFor: null, against: null, abstain: null,
        notVoting: present - (collected ?? 0), wording: lines.join('; ') + (verdict ? `. ${verdict}` : ''), countingBoard: board.length ? board : null,
      };
    } else {
      let counts: { for: number; against: number; abstain: number; invalid: number };
      let chairmanSide: ChairmanSide | undefined;
      let board: { name: string; role: string }[] = [];
      let issued: number | null = null;
      let collected: number | null = null;
      if (countsBallots(v.method as VoteMethodKind)) {
        if (v.method === 'electronic_secret') {
          const counted = await secretCounts(tx, v, null);
          counts = { for: counted.for, against: counted.against, abstain: counted.abstain, invalid: 0 };
          // Nobody can read the Chairman's secret ballot: on a tie of a UBND decision he may state his side (Điều 40.3).
          if (bodyKind === 'people_committee') {
            const side = f.choice('chairmanSide', ['for', 'against', 'abstain', 'absent'] as const, { required: false });
            if (side) chairmanSide = side;
          }
        } else {
          const ballots = await repo.namedBallotsOf(tx, v.id);
          counts = { ...countChoices(ballots.map((b) => b.ballot.choice)), invalid: 0 };
          if (bodyKind === 'people_committee') {
            const head = (await orgRepo.membershipsOfBody(tx, v.communeId, v.bodyId)).find((x) => x.role === 'head' && x.startDate <= day && (!x.endDate || day < x.endDate));
            const theirs = head ? ballots.find((b) => b.ballot.personId === head.personId) : undefined;
            chairmanSide = theirs ? theirs.ballot.choice : 'absent';
          }
        }
      } else {
        counts = {
          for: f.int('for', { required: true, min: 0 }) ?? 0, against: f.int('against', { required: true, min: 0 }) ?? 0,
          abstain: f.int('abstain', { min: 0 }) ?? 0, invalid: v.method === 'secret' ? f.int('invalid', { min: 0 }) ?? 0 : 0,
        };
        if (v.method === 'secret') {
          issued = f.int('issued', { min: 0 });
          collected = f.int('collected', { min: 0 });
          board = readBoard(f, false);
        }
        const side = f.choice('chairmanSide', ['for', 'against', 'abstain', 'absent'] as const, { required: false });
        if (side) chairmanSide = side;
      }
      f.check();
      const cast = counts.for + counts.against + counts.abstain + counts.invalid;
      if (cast > present) throw validation({ for: voteMsg.ballotsExceedPresent(cast, present) }, voteMsg.ballotsExceedPresent(cast, present));
      if (collected !== null && cast !== collected) throw validation({ collected: voteMsg.collectedMismatch(cast, collected) }, voteMsg.collectedMismatch(cast, collected));
      if (issued !== null && collected !== null && collected > issued) throw validation({ collected: voteMsg.collectedExceedsIssued }, voteMsg.collectedExceedsIssued);
      const decided = decideMotion({
        body: bodyKind, kind: v.kind as MotionKind, method: v.method as VoteMethodKind, members, present, counts,
        councilSeats: v.councilSeats, monthsLeft: await monthsLeft(tx, v, day), partyBase: v.partyBase as PartyBase | null, partyTotal: v.partyTotal,
        chairmanSide, regulationRule: await regulationRuleOn(tx, v.bodyId, day),
      });
      if (!decided.ok) {
        if (decided.reason === 'CHAIRMAN_SIDE_REQUIRED') throw validation({ chairmanSide: voteMsg.chairmanSideRequired }, voteMsg.chairmanSideRequired);
        if (decided.reason === 'MONTHS_LEFT_REQUIRED') throw validation({}, voteMsg.termUnknown);
        throw validation({}, voteMsg.refused(decided.reason));
      }
      const r = decided.result;
      set = {
        ...base, rule: r.decision.rule, article: r.decision.article, required: r.decision.required, base: r.decision.base, baseCount: r.decision.baseCount,
        total: 'total' in r.input ? r.input.total : members, inOffice: members,
        votesFor: counts.for, against: counts.against, abstain: counts.abstain, invalid: counts.invalid, notVoting: r.notVoting,
        passed: r.decision.passed, decidedByChairman: r.decision.decidedByChairman, chairmanSide: chairmanSide ?? null,
        wording: v.method === 'written'
          ? `${describeWrittenResult({ for: counts.for, against: counts.against, other: counts.abstain, sent: members, base: r.decision.base, baseCount: r.decision.baseCount, memberWord })}. ${r.verdict}`
          : `${r.wording}. ${r.verdict}`, ballotsIssued: issued, ballotsCollected: collected, countingBoard: board.length ? board : null,
        presentPersonIds: isSecret(v.method as VoteMethodKind) ? null : presentIds,
      };
    }
    for (const c of candidateUpdates) await tx.update(candidates).set({ agree: c.agree, elected: c.elected }).where(eq(candidates.id, c.id));
    return set;
  }

  /** Freezes and writes the result; `closedAt` overrides the moment (a written opinion closes at its deadline). */
  async function closeLocked(tx: Executor, accountId: number | null, v: MotionRow, m: MeetingRow | null, bodyKind: BodyKind, bodyName: string, input: Input, seen: number, closedAt?: Date) {
    const set = await freeze(tx, accountId, v, m, bodyKind, bodyName, input);
    const row = await updateMotion(tx, v, seen, closedAt ? { ...set, closedAt } : set);
    await writeAudit(tx, { accountId, communeId: v.communeId, action: accountId === null ? 'motion.close_at_deadline' : 'motion.close', entity: 'motion', entityId: v.id, after: row });
    return row;
  }

  let hub: LiveHub | null = null;
  const notify = (meetingId: number | null) => { if (meetingId !== null) hub?.notify(meetingId); };

  const service = {
    setHub(h: LiveHub) { hub = h; },

    /** Closes a written opinion inside the caller's transaction (the motion locked FOR UPDATE, still open). */
    closeWrittenLocked(tx: Executor, accountId: number | null, locked: MotionRow, bodyKind: BodyKind, bodyName: string) {
      return closeLocked(tx, accountId, locked, null, bodyKind, bodyName, {}, locked.version, locked.deadline ?? undefined);
    },
    notify,

    /** The vote panel of a meeting: every motion (rounds included), its candidates and ballot count, and what this person may do. */
    async panel(p: Principal, communeId: number, meetingId: number) {
      const { m, body } = await loadMeeting(p, communeId, meetingId);
      const rows = await repo.motionsOfMeeting(db, m.id);
      const list = [];
      for (const v of rows) {
        const [cands, cast] = await Promise.all([repo.candidatesOf(db, v.id), repo.ballotCount(db, v)]);
        const voted = p.personId !== null && isElectronic(v.method as VoteMethodKind) ? await repo.hasVoted(db, v, p.personId) : false;
        list.push({ motion: v, candidates: cands, cast, voted, superseded: rows.some((x) => x.supersedesId === v.id) });
      }
      const agenda = await meetingRepo.agendaOf(db, m.id);
      const room = await roomState(db, m, body.kind as BodyKind);
      const scope = { communeId, bodyId: m.bodyId };
      const isMember = p.personId !== null && room.att.voting.has(p.personId);
      // The Quy chế in force on the meeting day sets the form's default voting method and Party base.
      const reg = await regulationSettingsOn(db, m.bodyId, m.date);
      const termSeats = await termSeatsOf(db, m);
      const defaults = { method: reg?.settings.defaultMethod ?? 'named', partyBase: reg?.settings.partyBase ?? null, basis: reg ? `${reg.title} (${reg.basis})` : null, termSeats };
      const canRecord = can(p, 'meeting.record', scope);
      const people = canRecord ? (await orgRepo.listPeople(db, communeId)).map((x) => ({ id: x.id, fullName: x.fullName, birthYear: x.birthYear })) : [];
      return { meeting: m, body, motions: list, agenda, presentCount: room.presentIds.length, members: room.members, canRecord, isMember, defaults, people };
    },

    async motion(p: Principal, communeId: number, meetingId: number, motionId: number) {
      const { m, body, v } = await loadMotion(p, communeId, meetingId, motionId);
      const [cands, cast, agenda] = await Promise.all([repo.candidatesOf(db, v.id), repo.ballotCount(db, v), meetingRepo.agendaOf(db, m.id)]);
      const canRecord = can(p, 'meeting.record', { communeId, bodyId: m.bodyId });
      // Named ballots are shown to staff and members; a secret vote never shows who.
      const named = isSecret(v.method as VoteMethodKind) ? [] : await repo.namedBallotsOf(db, v.id);
      const room = await roomState(db, m, body.kind as BodyKind);
      const roster = room.att.roster.filter((r) => room.att.voting.has(r.personId))
        .map((r) => ({ personId: r.personId, name: r.personName, inRoom: room.presentIds.includes(r.personId) }));
      const next = (await repo.motionsOfMeeting(db, m.id)).find((x) => x.supersedesId === v.id) ?? null;
      const canDraftResolution = can(p, 'document.draft', { communeId, bodyId: m.bodyId });
      return { meeting: m, body, motion: v, candidates: cands, cast, named, roster, presentCount: room.presentIds.length, members: room.members, canRecord, canDraftResolution, agendaItem: agenda.find((a) => a.id === v.agendaItemId) ?? null, next };
    },

    async createMotion(p: Principal, communeId: number, meetingId: number, input: Input) {
      const { m, body } = await loadMeeting(p, communeId, meetingId);
      requireRecord(p, m);
      if (m.status === 'closed' || m.status === 'draft') throw conflict(voteMsg.meetingNotRunning);
      const f = new Form(input);
      const kind = f.choice('kind', MOTION_KINDS);
      const method = f.choice('method', kind ? methodsFor(kind) : [] as VoteMethodKind[]);
      const title = f.text('title', { required: true, max: 500 });
      const agendaItemId = f.int('agendaItemId', { min: 1 });
      // The seats recorded on the meeting's term (body page) are the council's seats (Điều 49.2) and the committee's
      // total (Party "total" base); the form's figures count only for a term whose seats are not recorded.
      const termSeats = await termSeatsOf(db, m);
      const council = body.kind === 'people_council';
      const party = isPartyBody(body.kind as BodyKind);
      const typedCouncilSeats = f.int('councilSeats', { min: 1, max: 1000 });
      const councilSeats = council && termSeats ? termSeats : typedCouncilSeats;
      // Without a choice on the form, the Party base is the one the Quy chế in force on the meeting day sets.
      const partyBase = f.choice('partyBase', ['in_office', 'total'] as const, { required: false }) || (await regulationSettingsOn(db, m.bodyId, m.date))?.settings.partyBase || null;
      const typedPartyTotal = f.int('partyTotal', { min: 1, max: 1000 });
      const partyTotal = party && termSeats ? termSeats : typedPartyTotal;
      const electSeats = kind === 'election' ? f.int('electSeats', { min: 1, max: 100 }) ?? 1 : null;
      const nominatedBy = kind === 'election' ? f.text('nominatedBy', { required: true, max: 300 }) : '';
      // Candidates: people of the commune ticked in the list (linked by id), and others typed one per line; a typed
      // name is linked to a person only when exactly one person of the commune has it (namesakes must be ticked).
      const everybody = kind === 'election' ? await orgRepo.listPeople(db, communeId) : [];
      const ticked = kind === 'election' ? f.list('candidatePersonIds', everybody.map((x) => String(x.id))).map(Number) : [];
      const typed = kind === 'election' ? f.lines('candidates', { max: 5000 }) : [];
      f.check();
      const namesakes = typed.find((name) => everybody.filter((x) => x.fullName === name).length > 1);
      if (namesakes) throw validation({ candidates: voteMsg.namesakes(namesakes) }, voteMsg.namesakes(namesakes));
      const chosen = [
        ...ticked.map((id) => { const person = everybody.find((x) => x.id === id)!; return { name: person.fullName, personId: person.id }; }),
        ...typed.map((name) => ({ name, personId: everybody.find((x) => x.fullName === name)?.id ?? null })),
      ];
      const names = chosen.map((c) => c.name); // one person twice is one name twice: refused below with the other duplicates
      if (kind && !ruleKindFor(body.kind as BodyKind, kind)) throw validation({ kind: voteMsg.noRuleForBody }, voteMsg.noRuleForBody);
      if (kind === 'election' && names.length === 0) throw validation({ candidates: voteMsg.candidatesRequired }, voteMsg.candidatesRequired);
      if (kind === 'election' && new Set(names).size !== names.length) throw validation({ candidates: voteMsg.duplicateCandidate }, voteMsg.duplicateCandidate);
      const row = await database.transaction(async (tx) => {
        if (agendaItemId !== null && !(await meetingRepo.findAgendaItem(tx, m.id, agendaItemId))) throw validation({ agendaItemId: voteMsg.notOnAgenda });
        const [v] = await tx.insert(motions).values({
          communeId, bodyId: m.bodyId, meetingId: m.id, agendaItemId, title, kind, method, electSeats, councilSeats, partyBase, partyTotal, createdBy: p.accountId,
        }).returning();
        if (chosen.length) {
          await tx.insert(candidates).values(chosen.map((c, i) => ({ motionId: v!.id, name: c.name, nominatedBy, position: i + 1, personId: c.personId })));
        }
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'motion.create', entity: 'motion', entityId: v!.id, after: { ...v, candidates: names } });
        return v!;
      });
      notify(m.id);
      return row;
    },

    /** The secretary records a show of hands by name: choice_<personId> = for | against | abstain. */
    async recordNamed(p: Principal, communeId: number, meetingId: number, motionId: number, input: Input) {
      const { m, body, v } = await loadMotion(p, communeId, meetingId, motionId);
      requireRecord(p, m);
      const entries: { personId: number; choice: Choice }[] = [];
      for (const [k, val] of Object.entries(input)) {
        const match = /^choice_(\d{1,9})$/.exec(k);
        if (!match || val === '' || val === undefined) continue;
        if (!CHOICES.includes(String(val) as Choice)) throw validation({ [k]: voteMsg.badChoice }, voteMsg.badChoice);
        entries.push({ personId: Number(match[1]), choice: String(val) as Choice });
      }
      if (!entries.length) throw validation({}, voteMsg.nothingRecorded);
      const result = await database.transaction(async (tx) => {
        const locked = (await repo.lockMotion(tx, communeId, v.id, 'key share'))!;
        const room = await roomState(tx, m, body.kind as BodyKind);
        const existing = new Map((await repo.namedBallotsOf(tx, v.id)).map((b) => [b.ballot.personId, b.ballot.choice]));
        const nameOf = (id: number) => room.att.roster.find((r) => r.personId === id)?.personName ?? `#${id}`;
        const fresh = [];
        for (const e of entries) {
          if (existing.get(e.personId) === e.choice) continue; // the same form posted again
          const check = checkBallot({ status: locked.status, method: locked.method as VoteMethodKind, by: 'secretary', votingMember: room.att.voting.has(e.personId),
            inRoom: room.presentIds.includes(e.personId), alreadyVoted: existing.has(e.personId) });
          if (!check.ok) throw conflict(`${nameOf(e.personId)}: ${ballotRefusalMessage(check.reason, body.name)}`);
          fresh.push(e);
        }
        if (fresh.length) {
          await tx.insert(namedBallots).values(fresh.map((e) => ({ motionId: v.id, personId: e.personId, choice: e.choice, source: 'secretary' as const, recordedBy: p.accountId })));
          await writeAudit(tx, { accountId: p.accountId, communeId, action: 'ballot.record_named', entity: 'motion', entityId: v.id, after: fresh });
        }
        return { count: fresh.length };
      }).catch((err) => {
        if (isUniqueViolation(err)) throw conflict(voteMsg.alreadyVotedSomeone);
        if (isClosedTrigger(err)) throw conflict(voteMsg.notOpen);
        throw err;
      });
      notify(m.id);
      return result;
    },

    /**
     * A member's electronic ballot. Everything that cannot change under an open vote (the motion, the meeting,
     * membership on the day, attendance, whether they voted) and the friendly pre-checks are read in one query
     * (repo.ballotContext); the write is ONE atomic statement (repo.castBallot): lock the motion row FOR KEY SHARE
     * (the lock the ballot's foreign key takes anyway — ballots never wait for each other, only for a closing
     * secretary), only while it is open, insert the ballot and its audit row. Nobody votes twice by the UNIQUE
     * constraints; no ballot lands on a closed motion by the lock and the database trigger. Acknowledged only after
     * the statement commits. A secret ballot writes a receipt (who, no choice) and adds to the motion's running
     * counts (what, no person): every tally row of the motion is updated by every ballot, so nothing links the two.
     */
    async castElectronic(p: Principal, communeId: number, meetingId: number, motionId: number, input: Input) {
      if (!canSeeCommune(p, communeId)) throw notFound();
      if (p.personId === null) {
        await loadMotion(p, communeId, meetingId, motionId); // 404 for whoever may not see the meeting
        throw forbidden(voteMsg.noPerson);
      }
      const personId = p.personId;
      const f = new Form(input);
      const ctx = await repo.ballotContext(database, communeId, meetingId, motionId, personId);
      if (!ctx || ctx.motion.meetingId !== meetingId) throw notFound();
      const { motion: v, meeting: m, body } = ctx;
      // Permission before the motion's state: only a voting member of the body may vote (403 if they may see the
      // meeting, 404 otherwise); whether the vote is open, and the rest, come after.
      if (!ctx.votingMember) {
        await loadMotion(p, communeId, meetingId, motionId);
        throw forbidden(ballotRefusalMessage('NOT_A_MEMBER', body.name));
      }
      const inRoom = ctx.latestStatus !== null && isInRoom(ctx.latestStatus as AttendanceStatus);
      const check = checkBallot({ status: v.status, method: v.method as VoteMethodKind, by: 'member', votingMember: ctx.votingMember, inRoom, alreadyVoted: ctx.voted });
      if (!check.ok) {
        const message = ballotRefusalMessage(check.reason, body.name);
        throw check.reason === 'NOT_A_MEMBER' || check.reason === 'NOT_PRESENT' ? forbidden(message) : conflict(message);
      }
      let marks: number[] | null = null;
      let choice: Choice | null = null;
      let ids: number[] | null = null;
      if (v.kind === 'election') {
        ids = (await repo.candidatesOf(db, v.id)).map((c) => c.id);
        marks = f.list('agree', ids.map(String)).map(Number);
        f.check();
        const ok = checkElectionMarks(marks, ids, v.electSeats ?? 1);
        if (!ok.ok) throw validation({ agree: voteMsg.tooManyMarks(v.electSeats ?? 1) }, voteMsg.tooManyMarks(v.electSeats ?? 1));
      } else {
        choice = f.choice('choice', CHOICES);
        f.check();
      }
      // The audit says that the member voted, never how when the vote is secret.
      const secret = marks !== null || v.method === 'electronic_secret';
      const ballot = {
        communeId, motionId: v.id, personId, accountId: p.accountId, secret, choice,
        keys: secret ? ballotTallyKeys(marks !== null ? { marks } : { choice: choice! }) : [],
        audit: isSecret(v.method as VoteMethodKind) ? { personId } : { personId, choice },
      };
      const castOnce = () => repo.castBallot(database, ballot).catch((err) => {
        if (isUniqueViolation(err)) throw conflict(voteMsg.alreadyVoted);
        if (isClosedTrigger(err)) throw conflict(voteMsg.notOpen);
        throw err;
      });
      let cast = await castOnce();
      if (cast === 'no_tallies') {
        // Opened before the running counts existed: create them (old per-ballot rows are added at close) and cast again.
        await repo.createSecretTallies(db, v.id, tallyKeysOf(ids));
        cast = await castOnce();
      }
      if (cast !== 'cast') throw conflict(voteMsg.notOpen);
      notify(m.id);
      return v;
    },

    async closeMotion(p: Principal, communeId: number, meetingId: number, motionId: number, input: Input) {
      const { m, body, v } = await loadMotion(p, communeId, meetingId, motionId);
      requireRecord(p, m);
      const seen = seenVersion(new Form(input));
      const row = await database.transaction(async (tx) => {
        const locked = (await repo.lockMotion(tx, communeId, v.id, 'update'))!;
        if (locked.status !== 'open') throw conflict(locked.status === 'closed' ? voteMsg.alreadyClosed : voteMsg.notOpen);
        const meeting = (await meetingRepo.findMeeting(tx, communeId, m.id))!;
        return closeLocked(tx, p.accountId, locked, meeting, body.kind as BodyKind, body.name, input, seen);
      }).catch((err) => {
        if (isClosedTrigger(err)) throw conflict(voteMsg.alreadyClosed);
        throw err;
      });
      notify(m.id);
      return row;
    },

    /** A new round of a closed motion; the closed one stays as it was. */
    async revote(p: Principal, communeId: number, meetingId: number, motionId: number) {
      const { m, v } = await loadMotion(p, communeId, meetingId, motionId);
      requireRecord(p, m);
      if (v.status !== 'closed') throw conflict(voteMsg.revoteOnlyClosed);
      if (m.status !== 'in_session') throw conflict(voteMsg.meetingNotInSession);
      const row = await database.transaction(async (tx) => {
        const [next] = await tx.insert(motions).values({
          communeId, bodyId: v.bodyId, meetingId: v.meetingId, agendaItemId: v.agendaItemId, title: v.title, kind: v.kind, method: v.method, round: v.round + 1,
          supersedesId: v.id, electSeats: v.electSeats, councilSeats: v.councilSeats, partyBase: v.partyBase, partyTotal: v.partyTotal, createdBy: p.accountId,
        }).returning();
        const cands = await repo.candidatesOf(tx, v.id);
        if (cands.length) await tx.insert(candidates).values(cands.map((c) => ({ motionId: next!.id, personId: c.personId, name: c.name, nominatedBy: c.nominatedBy, position: c.position })));
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'motion.revote', entity: 'motion', entityId: next!.id, after: { supersedes: v.id, round: next!.round } });
        return next!;
      }).catch((err) => {
        if (isUniqueViolation(err)) throw conflict(voteMsg.revoteExists);
        throw err;
      });
      notify(m.id);
      return row;
    },

    /** The member's ballot page: the motion, whether they may vote, whether they did. */
    async ballot(p: Principal, communeId: number, meetingId: number, motionId: number) {
      const { m, body, v } = await loadMotion(p, communeId, meetingId, motionId);
      const cands = await repo.candidatesOf(db, v.id);
      let refusal: string | null = null;
      let voted = false;
      if (p.personId === null) refusal = voteMsg.noPerson;
      else {
        const [member, state] = [await repo.isVotingMemberOn(db, v.bodyId, p.personId, m.date), await repo.latestAttendance(db, m.id, p.personId)];
        voted = await repo.hasVoted(db, v, p.personId);
        const check = checkBallot({ status: v.status, method: v.method as VoteMethodKind, by: 'member', votingMember: member, inRoom: !!state && isInRoom(state.status), alreadyVoted: voted });
        if (!check.ok && !(check.reason === 'ALREADY_VOTED')) refusal = ballotRefusalMessage(check.reason, body.name);
      }
      return { meeting: m, body, motion: v, candidates: cands, refusal, voted };
    },

    /** Every closed vote of the meeting with its frozen figures: the minutes and the CSV take them from here. */
    async closedVotes(ex: Executor, meetingId: number) {
      const rows = (await repo.motionsOfMeeting(ex, meetingId)).filter((v) => v.status === 'closed');
      const out = [];
      for (const v of rows) out.push({ motion: v, candidates: v.kind === 'election' ? await repo.candidatesOf(ex, v.id) : [] });
      return out;
    },

    async csv(p: Principal, communeId: number, meetingId: number) {
      const { m } = await loadMeeting(p, communeId, meetingId);
      const head = ['STT', 'Nội dung', 'Vòng', 'Loại', 'Hình thức', 'Tổng số', 'Có mặt', 'Tán thành', 'Không tán thành', 'Không biểu quyết', 'Không hợp lệ', 'Không tham gia', 'Cần tối thiểu', 'Tỷ lệ tán thành', 'Kết quả', 'Căn cứ', 'Diễn đạt'];
      const lines = [head.join(',')];
      const closed = await service.closedVotes(db, m.id);
      closed.forEach(({ motion: v }, i) => {
        const pct = v.votesFor !== null && v.baseCount ? formatPercent(v.votesFor, v.baseCount) : '';
        lines.push([i + 1, v.title, v.round, voteMsg.kindLabels[v.kind], voteMsg.methodLabels[v.method], v.total, v.present, v.votesFor, v.against, v.abstain, v.invalid, v.notVoting,
          v.required, pct, v.kind === 'election' ? (v.passed ? 'Có người trúng cử' : 'Không ai trúng cử') : v.passed ? 'Thông qua' : 'Không thông qua', v.article, v.wording].map(csvCell).join(','));
      });
      // A BOM so spreadsheet programs read the Vietnamese letters as UTF-8.
      return { filename: `ket-qua-bieu-quyet-${m.id}.csv`, text: '\uFEFF' + lines.join('\r\n') + '\r\n' };
    },

    /** The data of the counting board's record (biên bản kiểm phiếu) of a closed secret election of the council. */
    async countingRecordData(p: Principal, communeId: number, meetingId: number, motionId: number) {
      const { m, body, v } = await loadMotion(p, communeId, meetingId, motionId);
      if (v.kind !== 'election' || v.status !== 'closed' || body.kind !== 'people_council') throw notFound();
      const board = (v.countingBoard as { name: string; role: string }[] | null) ?? [];
      if (board.length < 2) throw conflict(voteMsg.boardRequired);
      const [cands, commune, terms, people] = await Promise.all([
        repo.candidatesOf(db, v.id), orgRepo.findCommune(db, communeId), orgRepo.listTerms(db, m.bodyId), orgRepo.listPeople(db, communeId),
      ]);
      const d = await meetings.describe(db, m, body.kind as BodyKind);
      const term = terms.find((t) => t.id === m.termId)!;
      const genderOf = (name: string) => people.find((x) => x.fullName === name)?.gender;
      const closedAt = v.closedAt ?? clock.now();
      const hhmm = new Date(closedAt.getTime() + 7 * 3600e3).toISOString().slice(11, 16);
      const valid = (v.ballotsCollected ?? 0) - (v.invalid ?? 0);
      return {
        commune: { name: commune!.name, unit: `${commune!.kind} ${commune!.name}`, place: commune!.placeName, province: commune!.province },
        council: councilOf(term), issuer: { name: body.name, header: body.issuerName ?? body.name.toLocaleUpperCase('vi'), parent: body.parentHeader, code: body.issuerCode ?? body.shortName, term: term.name },
        doc: { number: null, date: m.date, draft: true },
        session: { number: d.ordinal, date: m.date, time: [Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5))], place: m.place },
        election: `bầu ${v.title.replace(/^bầu\s+/i, '')}`,
        board: board.map((b) => ({ honorific: honorific(genderOf(b.name)), name: b.name, role: b.role })),
        figures: { total: v.total, present: v.present, issued: v.ballotsIssued, collected: v.ballotsCollected, valid, invalid: v.invalid ?? 0 },
        results: cands.map((c) => ({ honorific: honorific(people.find((x) => x.id === c.personId)?.gender ?? genderOf(c.name)), name: c.name, votes: c.agree ?? 0, percentOfTotal: formatPercent(c.agree ?? 0, v.total ?? 0) })),
      };
    },

    /** Snapshot for the live view: the current item, attendance, the latest vote's progress (a count only) or result. */
    async liveSnapshot(meetingId: number) {
      const [m] = await db.select().from(meetingsTable).where(eq(meetingsTable.id, meetingId));
      if (!m) return null;
      const body = (await orgRepo.findBody(db, m.communeId, m.bodyId))!;
      const [rows, agenda, room, d] = await Promise.all([
        repo.motionsOfMeeting(db, m.id), meetingRepo.agendaOf(db, m.id), roomState(db, m, body.kind as BodyKind), meetings.describe(db, m, body.kind as BodyKind),
      ]);
      const current = [...rows].reverse().find((v) => v.status === 'open') ?? [...rows].reverse().find((v) => v.status === 'closed') ?? null;
      const cast = current ? await repo.ballotCount(db, current) : 0;
      const cands = current?.kind === 'election' ? await repo.candidatesOf(db, current.id) : [];
      const item = current?.agendaItemId ? agenda.find((a) => a.id === current.agendaItemId) ?? null : null;
      return {
        meeting: m, body, name: d.name, item, motion: current, cast, candidates: cands, present: room.presentIds.length, members: room.members,
        memberWord: memberWordOf(body.kind as BodyKind), at: clock.now().toISOString(),
      };
    },
  };
  return service;
}

export type VoteService = ReturnType<typeof createVoteService>;

/** Builds the hub that pushes the vote service's snapshots to the live view's streams. */
export function createVoteLiveHub(votes: VoteService, log?: (e: unknown) => void): LiveHub {
  const hub = createLiveHub((meetingId) => votes.liveSnapshot(meetingId), { log });
  votes.setHub(hub);
  return hub;
}
