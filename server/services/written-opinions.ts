// Use cases of written opinion-taking between sessions (phiếu lấy ý kiến): the body's secretary sends a question
// with a deadline to the body's voting members of that day; members answer online (Tán thành / Không tán thành /
// Ý kiến khác), the secretary enters the paper answers; at the deadline the motion closes under the body's statutory
// rule (the vote service's freeze, as in a session). Closing at the deadline is lazy: the first read or write after
// it closes the motion in a transaction (FOR UPDATE, so it happens once), and the secretary may press "Kết thúc".
// A written motion hangs on its body (meeting_id is null), never on a meeting.
import { and, eq } from 'drizzle-orm';
import { motions, namedBallots } from '../../models/schema.ts';
import type { Database, Executor } from '../db/database.ts';
import { conflict, forbidden, notFound, validation } from '../domain/errors.ts';
import { can, canSeeCommune, type Principal } from '../domain/permissions.ts';
import type { BodyKind } from '../domain/bodies.ts';
import { votingMembersOn } from '../domain/membership.ts';
import { CHOICES, checkBallot, ruleKindFor, type Choice, type MotionKind } from '../domain/ballots.ts';
import { deadlineFromVn, formatVnMoment, isBeforeDeadline, vnDayOf, WRITTEN_KINDS } from '../domain/written-opinions.ts';
import { voteMsg, writtenMsg } from '../i18n/vi.ts';
import * as orgRepo from '../repositories/org.ts';
import * as repo from '../repositories/votes.ts';
import { writeAudit } from '../repositories/audit.ts';
import { Form, type Input } from './form.ts';
import type { Clock } from './clock.ts';
import { ballotRefusalMessage, isClosedTrigger, isUniqueViolation, type VoteService } from './votes.ts';

type MotionRow = repo.MotionRow;

export function createWrittenOpinionService(database: Database, clock: Clock, votes: VoteService) {
  const { db } = database;

  async function loadBody(p: Principal, communeId: number, bodyId: number) {
    if (!canSeeCommune(p, communeId)) throw notFound();
    const body = await orgRepo.findBody(db, communeId, bodyId);
    if (!body) throw notFound();
    return body;
  }

  /** A body the principal serves (body.read) or votes in today; for anyone else it does not exist (404). */
  async function loadVisibleBody(p: Principal, communeId: number, bodyId: number) {
    const body = await loadBody(p, communeId, bodyId);
    if (can(p, 'body.read', { communeId, bodyId })) return body;
    const today = clock.today();
    const voter = p.personId !== null && votingMembersOn(await orgRepo.membershipsOfBody(db, communeId, bodyId), today).some((m) => m.personId === p.personId);
    if (!voter) throw notFound();
    return body;
  }

  /** The body's voting members on the day the form was sent: the voters, and the denominator of the rule. */
  async function votersOf(ex: Executor, v: MotionRow) {
    const day = vnDayOf(v.createdAt);
    return votingMembersOn(await orgRepo.membershipsOfBody(ex, v.communeId, v.bodyId), day)
      .map((m) => ({ personId: m.personId, name: m.personName }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /** Closes the motion if its deadline has passed (once: FOR UPDATE, re-checked under the lock). Returns the fresh row. */
  async function closeIfDue(v: MotionRow, accountId: number | null = null): Promise<MotionRow> {
    if (v.status !== 'open' || !v.deadline || isBeforeDeadline(v.deadline, clock.now())) return v;
    const body = (await orgRepo.findBody(db, v.communeId, v.bodyId))!;
    return database.transaction(async (tx) => {
      const locked = (await repo.lockMotion(tx, v.communeId, v.id, 'update'))!;
      if (locked.status !== 'open') return locked;
      return votes.closeWrittenLocked(tx, accountId, locked, body.kind as BodyKind, body.name);
    });
  }

  /** A written motion the principal may see: staff of the body (body.read) or one of its voters. */
  async function loadMotion(p: Principal, communeId: number, motionId: number) {
    if (!canSeeCommune(p, communeId)) throw notFound();
    const found = await repo.findMotion(db, communeId, motionId);
    if (!found || found.method !== 'written' || found.meetingId !== null) throw notFound();
    const body = (await orgRepo.findBody(db, communeId, found.bodyId))!;
    const scope = { communeId, bodyId: body.id };
    const voters = await votersOf(db, found);
    const isVoter = p.personId !== null && voters.some((x) => x.personId === p.personId);
    return { body, v: found, voters, isVoter, canRecord: can(p, 'meeting.record', scope), canRead: can(p, 'body.read', scope) || isVoter };
  }

  /** Why an answer is refused now, in Vietnamese (null when it may be recorded). */
  function refusalOf(v: MotionRow, body: { name: string }, by: 'member' | 'secretary', votingMember: boolean, alreadyVoted: boolean): string | null {
    const late = !!v.deadline && !isBeforeDeadline(v.deadline, clock.now());
    if (late) return voteMsg.deadlinePassed;
    const check = checkBallot({ status: v.status, method: 'written', by, votingMember, inRoom: false, alreadyVoted, deadlinePassed: late });
    return check.ok ? null : ballotRefusalMessage(check.reason, body.name);
  }

  /** Inserts one answer in a short transaction: the motion row FOR KEY SHARE, still open and before the deadline. */
  async function insertAnswer(p: Principal, v: MotionRow, personId: number, choice: Choice, source: 'online' | 'paper', duplicate: string) {
    await database.transaction(async (tx) => {
      const locked = await repo.lockMotion(tx, v.communeId, v.id, 'key share');
      if (!locked || locked.status !== 'open' || !locked.deadline || !isBeforeDeadline(locked.deadline, clock.now())) throw conflict(voteMsg.deadlinePassed);
      await tx.insert(namedBallots).values({ motionId: v.id, personId, choice, source, recordedBy: p.accountId });
      await writeAudit(tx, { accountId: p.accountId, communeId: v.communeId, action: source === 'online' ? 'written.answer' : 'written.record_paper', entity: 'motion', entityId: v.id, after: { personId, choice, source } });
    }).catch((err) => {
      if (isUniqueViolation(err)) throw conflict(duplicate);
      if (isClosedTrigger(err)) throw conflict(voteMsg.deadlinePassed);
      throw err;
    });
  }

  return {
    /** The body's written opinions (closing those past their deadline first) and whether this person may send one. */
    async list(p: Principal, communeId: number, bodyId: number) {
      const body = await loadVisibleBody(p, communeId, bodyId);
      const scope = { communeId, bodyId };
      if (!can(p, 'body.read', scope)) throw forbidden();
      const rows = [];
      for (const v of await repo.writtenOfBody(db, communeId, bodyId)) {
        const fresh = await closeIfDue(v);
        rows.push({ motion: fresh, answered: await repo.ballotCount(db, fresh) });
      }
      return { body, motions: rows, canRecord: can(p, 'meeting.record', scope) && ruleKindFor(body.kind as BodyKind, 'resolution') !== null, kinds: WRITTEN_KINDS, today: clock.today() };
    },

    /** The secretary sends a question: title, kind, deadline (date and time, Vietnam). Opens at once. */
    async create(p: Principal, communeId: number, bodyId: number, input: Input) {
      const body = await loadVisibleBody(p, communeId, bodyId);
      if (!can(p, 'meeting.record', { communeId, bodyId })) throw forbidden();
      const f = new Form(input);
      const title = f.text('title', { required: true, max: 500 });
      const kind = f.choice('kind', WRITTEN_KINDS);
      const date = f.date('deadlineDate');
      const time = f.text('deadlineTime', { required: true, max: 5 });
      f.check();
      const deadline = deadlineFromVn(date, time);
      const now = clock.now();
      if (!deadline || !isBeforeDeadline(deadline, now)) throw validation({ deadlineDate: voteMsg.deadlineRequired }, voteMsg.deadlineRequired);
      if (!ruleKindFor(body.kind as BodyKind, kind as MotionKind)) throw validation({ kind: voteMsg.noRuleForBody }, voteMsg.noRuleForBody);
      const row = await database.transaction(async (tx) => {
        const voters = votingMembersOn(await orgRepo.membershipsOfBody(tx, communeId, bodyId), vnDayOf(now));
        if (!voters.length) throw validation({}, voteMsg.refused('EMPTY_BODY'));
        const [v] = await tx.insert(motions).values({
          communeId, bodyId, meetingId: null, title, kind, method: 'written', status: 'open', deadline, createdAt: now, openedAt: now, createdBy: p.accountId,
        }).returning();
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'written.create', entity: 'motion', entityId: v!.id, after: { ...v, voters: voters.length } });
        return v!;
      });
      return row;
    },

    /** The motion page: for a voter their answer (or why not), for staff who answered how and the paper entry. */
    async show(p: Principal, communeId: number, motionId: number) {
      const { body, v: found, voters, isVoter, canRecord, canRead } = await loadMotion(p, communeId, motionId);
      if (!canRead) throw notFound();
      const v = await closeIfDue(found);
      const ballots = await repo.namedBallotsOf(db, v.id);
      const mine = p.personId !== null ? ballots.find((b) => b.ballot.personId === p.personId) ?? null : null;
      const staff = can(p, 'body.read', { communeId, bodyId: body.id });
      const byPerson = new Map(ballots.map((b) => [b.ballot.personId, b.ballot]));
      return {
        body, motion: v, isVoter, canRecord, answered: ballots.length, sent: voters.length, mine: mine?.ballot ?? null,
        refusal: isVoter && !mine ? refusalOf(v, body, 'member', true, false) : null,
        // Answers are by name (not secret); members see the count, staff see who answered how.
        roster: staff ? voters.map((x) => ({ ...x, ballot: byPerson.get(x.personId) ?? null })) : [],
        deadlineText: v.deadline ? formatVnMoment(v.deadline) : '', pastDeadline: !!v.deadline && !isBeforeDeadline(v.deadline, clock.now()),
      };
    },

    /** A member answers online (after the confirmation step). */
    async answer(p: Principal, communeId: number, motionId: number, input: Input) {
      const { body, v: found, isVoter, canRead } = await loadMotion(p, communeId, motionId);
      if (!canRead) throw notFound();
      if (p.personId === null) throw forbidden(voteMsg.noPerson);
      // Same commune but not a voter of the body on the day the form was sent: told why, nothing recorded.
      if (!isVoter) throw forbidden(voteMsg.notAMember(body.name));
      const v = await closeIfDue(found);
      const refusal = refusalOf(v, body, 'member', true, await repo.hasVoted(db, v, p.personId));
      if (refusal) throw conflict(refusal);
      const f = new Form(input);
      const choice = f.choice('choice', CHOICES);
      f.check();
      await insertAnswer(p, v, p.personId, choice, 'online', voteMsg.alreadyVoted);
      return v;
    },

    /** The secretary enters a paper answer for one member; refused for someone who already answered (online or on paper). */
    async recordPaper(p: Principal, communeId: number, motionId: number, input: Input) {
      const { body, v: found, voters, canRead } = await loadMotion(p, communeId, motionId);
      if (!can(p, 'meeting.record', { communeId, bodyId: found.bodyId })) throw canRead ? forbidden() : notFound();
      const f = new Form(input);
      const personId = f.int('personId', { required: true, min: 1 });
      const choice = f.choice('choice', CHOICES);
      f.check();
      const v = await closeIfDue(found);
      const voter = voters.find((x) => x.personId === personId);
      if (!voter) throw validation({ personId: writtenMsg.notAVoter }, writtenMsg.notAVoter);
      const existing = (await db.select().from(namedBallots).where(and(eq(namedBallots.motionId, v.id), eq(namedBallots.personId, personId!))))[0];
      if (existing) throw conflict(writtenMsg.alreadyAnswered(voter.name, existing.source, formatVnMoment(existing.at)));
      const refusal = refusalOf(v, body, 'secretary', true, false);
      if (refusal) throw conflict(refusal);
      await insertAnswer(p, v, personId!, choice, 'paper', writtenMsg.alreadyAnswered(voter.name, 'online', ''));
      return v;
    },

    /** "Kết thúc": only at or after the deadline; the result is the one the deadline would have frozen. */
    async close(p: Principal, communeId: number, motionId: number) {
      const { v, canRead } = await loadMotion(p, communeId, motionId);
      if (!can(p, 'meeting.record', { communeId, bodyId: v.bodyId })) throw canRead ? forbidden() : notFound();
      if (v.status === 'closed') throw conflict(voteMsg.alreadyClosed);
      if (v.deadline && isBeforeDeadline(v.deadline, clock.now())) throw conflict(writtenMsg.beforeDeadline(formatVnMoment(v.deadline)));
      return closeIfDue(v, p.accountId);
    },
  };
}

export type WrittenOpinionService = ReturnType<typeof createWrittenOpinionService>;
