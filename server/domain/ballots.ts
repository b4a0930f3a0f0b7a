// Motions and ballots as pure rules: which statutory rule a body's motion falls under, who may cast a ballot,
// how a closed vote's figures are frozen (decideVote / tallyElection) and the sentence the minutes use.
// Nothing here reads the clock or the database: counts, states and dates come in as arguments.
import type { BodyKind } from './bodies.ts';
import { isPartyBody } from './meetings.ts';
import { formatPercent } from './percent.ts';
import {
  applyRegulationPassRule, decideVote, describeThreshold, tallyElection, type ChairmanSide, type RegulationPassRule, type ElectionResult, type PartyBase, type VoteInput, type VoteKind,
  type VoteResult,
} from './vote-rules.ts';
import { basePhrase, describeVoteResult, formatIntegerVi, memberWordFor, type WordingBody } from './vote-wording.ts';

export type MotionKind = 'resolution' | 'decision' | 'personnel' | 'election' | 'removal' | 'procedural';
export type VoteMethodKind = 'named' | 'totals' | 'secret' | 'electronic' | 'electronic_secret' | 'written';
export type Choice = 'for' | 'against' | 'abstain';
export type MotionStatus = 'pending' | 'open' | 'closed';

export const MOTION_KINDS: readonly MotionKind[] = ['resolution', 'decision', 'personnel', 'election', 'removal', 'procedural'];
export const MEETING_METHODS: readonly VoteMethodKind[] = ['named', 'totals', 'secret', 'electronic', 'electronic_secret'];
export const CHOICES: readonly Choice[] = ['for', 'against', 'abstain'];

/** Methods whose ballots are counted by the system (the others are totals typed from the room or the board's record). */
export const countsBallots = (m: VoteMethodKind): boolean => m === 'named' || m === 'electronic' || m === 'electronic_secret' || m === 'written';
export const isElectronic = (m: VoteMethodKind): boolean => m === 'electronic' || m === 'electronic_secret';
/** Secret methods: only totals are ever shown, never who voted how. */
export const isSecret = (m: VoteMethodKind): boolean => m === 'secret' || m === 'electronic_secret';
/** Elections are by secret ballot (Luật 72/2025 Điều 36; QĐ 190-QĐ/TW Điều 2). */
export const methodsFor = (kind: MotionKind): readonly VoteMethodKind[] =>
  kind === 'election' ? ['secret', 'electronic_secret'] : MEETING_METHODS;

/**
 * The statutory rule of a body's motion (DOMAIN.md §3). Bodies without their own statute in §3 (the council's
 * standing board and committees, the Fatherland Front) decide by more than half of their members, as the council does.
 * Departments do not vote.
 */
export function ruleKindFor(body: BodyKind, motion: MotionKind): VoteKind | null {
  if (body === 'department') return null;
  if (isPartyBody(body)) return motion === 'election' ? 'party_election' : 'party_resolution';
  if (body === 'people_committee') return motion === 'election' ? null : 'committee_decision';
  if (motion === 'removal') return body === 'people_council' ? 'council_removal' : 'council_resolution';
  if (motion === 'election') return body === 'people_council' ? 'council_election' : null;
  return 'council_resolution';
}

export function wordingBodyFor(body: BodyKind): WordingBody {
  if (body === 'people_council') return 'people_council';
  if (isPartyBody(body)) return 'party';
  if (body === 'people_committee') return 'people_committee';
  return 'people_committee';
}

export type BallotRefusal =
  | 'NOT_OPEN' // pending or already closed
  | 'DEADLINE_PASSED' // written opinion after its deadline
  | 'WRONG_METHOD' // e.g. a member trying to vote on a show of hands
  | 'NOT_A_MEMBER' // not a voting member of the body on the day
  | 'NOT_PRESENT' // a member not in the room at the moment of the ballot
  | 'ALREADY_VOTED';

/** May this person cast a ballot now? Attendance only matters in a meeting (not for written opinions). */
export function checkBallot(input: {
  status: MotionStatus; method: VoteMethodKind; by: 'member' | 'secretary'; votingMember: boolean; inRoom: boolean;
  alreadyVoted: boolean; deadlinePassed?: boolean;
}): { ok: true } | { ok: false; reason: BallotRefusal } {
  if (input.status !== 'open') return { ok: false, reason: 'NOT_OPEN' };
  if (input.method === 'written' && input.deadlinePassed) return { ok: false, reason: 'DEADLINE_PASSED' };
  const allowed = input.by === 'member' ? isElectronic(input.method) || input.method === 'written' : input.method === 'named' || input.method === 'written';
  if (!allowed) return { ok: false, reason: 'WRONG_METHOD' };
  if (!input.votingMember) return { ok: false, reason: 'NOT_A_MEMBER' };
  if (input.method !== 'written' && !input.inRoom) return { ok: false, reason: 'NOT_PRESENT' };
  if (input.alreadyVoted) return { ok: false, reason: 'ALREADY_VOTED' };
  return { ok: true };
}

/** Why a vote cannot be opened now: it opens during the session, once. */
export type OpenRefusal = 'MEETING_NOT_IN_SESSION' | 'NOT_PENDING';

export function checkOpenMotion(meetingStatus: string, motionStatus: MotionStatus): { ok: true } | { ok: false; reason: OpenRefusal } {
  if (meetingStatus !== 'in_session') return { ok: false, reason: 'MEETING_NOT_IN_SESSION' };
  if (motionStatus !== 'pending') return { ok: false, reason: 'NOT_PENDING' };
  return { ok: true };
}

// Secret electronic ballots are kept as running counts (secret_tallies), one row per key of the motion.
export const TALLY_BALLOTS = 'ballots';
export const candidateTallyKey = (candidateId: number) => `candidate:${candidateId}`;

/** Every counted key of a secret electronic motion: the ballots, then each choice or each candidate's agree marks. */
export function tallyKeysOf(candidateIds: readonly number[] | null): string[] {
  return [TALLY_BALLOTS, ...(candidateIds ? candidateIds.map(candidateTallyKey) : CHOICES)];
}

/** The keys one ballot adds 1 to (every other key of the motion gets 0): the ballot itself and its choice or marks. */
export function ballotTallyKeys(ballot: { choice: Choice } | { marks: readonly number[] }): string[] {
  return [TALLY_BALLOTS, ...('choice' in ballot ? [ballot.choice] : ballot.marks.map(candidateTallyKey))];
}

export function countChoices(choices: readonly Choice[]): { for: number; against: number; abstain: number } {
  const c = { for: 0, against: 0, abstain: 0 };
  for (const x of choices) c[x]++;
  return c;
}

const isoDay = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** `day` (ISO) plus n calendar months; a day the target month lacks becomes its last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  return isoDay(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/**
 * Months left in the term, rounded UP: the smallest n with termEnd ≤ day + n months (0 once the term has ended).
 * So "≤ 18 months left" (Luật 72/2025/QH15 Điều 49.2) holds exactly when termEnd ≤ day + 18 months: 18 months and
 * one day left count as 19, never as 18.
 */
export function monthsLeftInTerm(day: string, termEnd: string): number {
  if (termEnd <= day) return 0;
  const [y1, m1] = day.split('-').map(Number) as [number, number];
  const [y2, m2] = termEnd.split('-').map(Number) as [number, number];
  let n = Math.max(0, (y2 - y1) * 12 + (m2 - m1) - 1);
  while (addMonths(day, n) < termEnd) n++;
  return n;
}

export interface MotionFacts {
  body: BodyKind;
  kind: MotionKind;
  method: VoteMethodKind;
  /** Voting members of the body on the day of the vote (DOMAIN.md §1: the denominator). */
  members: number;
  present: number;
  counts: { for: number; against: number; abstain: number; invalid?: number };
  councilSeats?: number | null;
  monthsLeft?: number;
  partyBase?: PartyBase | null;
  partyTotal?: number | null;
  chairmanSide?: ChairmanSide;
  /** A stricter pass rule of the body's Quy chế in force on the day of the vote (never lowers the statute). */
  regulationRule?: RegulationPassRule | null;
}

export interface FrozenResult {
  input: VoteInput;
  decision: Extract<VoteResult, { ok: true }>;
  notVoting: number;
  wording: string; // describeVoteResult
  verdict: string; // "Được thông qua (cần ít nhất 14/26 …)."
}

/** Builds the statutory input from a motion's facts and decides it. */
export function decideMotion(f: MotionFacts): { ok: true; result: FrozenResult } | { ok: false; reason: string } {
  const kind = ruleKindFor(f.body, f.kind);
  if (!kind) return { ok: false, reason: 'NO_RULE' };
  const counts = { for: f.counts.for, against: f.counts.against, abstain: f.counts.abstain, invalid: f.counts.invalid ?? 0, present: f.present };
  let input: VoteInput;
  switch (kind) {
    case 'council_resolution':
    case 'council_removal':
    case 'council_election':
      input = { kind, ...counts, total: f.members, inOffice: f.members,
        ...(f.councilSeats ? { seats: f.councilSeats, monthsLeftInTerm: f.monthsLeft } : {}) };
      break;
    case 'committee_decision':
      input = { kind, ...counts, total: f.members, ...(f.chairmanSide ? { chairmanSide: f.chairmanSide } : {}) };
      break;
    case 'party_resolution':
    case 'party_election':
      input = { kind, ...counts, inOffice: f.members, total: Math.max(f.partyTotal ?? f.members, f.members), base: f.partyBase ?? 'in_office' };
      break;
    default:
      input = { kind: 'voters_nomination', ...counts };
  }
  const statutory = decideVote(input);
  if (!statutory.ok) return { ok: false, reason: statutory.reason };
  // Elections are decided by tallyElection; a regulation's pass rule applies to the other motions.
  const total = 'total' in input ? input.total : f.present;
  const decision = f.kind === 'election' ? statutory
    : applyRegulationPassRule(statutory, f.regulationRule, { total, in_office: f.members, present: f.present });
  const memberWord = memberWordFor(wordingBodyFor(f.body));
  const wording = describeVoteResult({
    method: isSecret(f.method) ? 'secret_ballot' : 'show_of_hands', for: counts.for, against: counts.against, abstain: counts.abstain,
    invalid: isSecret(f.method) ? counts.invalid : undefined, present: f.present, base: decision.base, baseCount: decision.baseCount, memberWord,
  });
  const cast = counts.for + counts.against + counts.abstain + counts.invalid;
  return { ok: true, result: { input, decision, notVoting: f.present - cast, wording, verdict: verdictOf(decision, memberWord) } };
}

export function verdictOf(d: Extract<VoteResult, { ok: true }>, memberWord: string): string {
  const by = d.byRegulation ? ' theo Quy chế làm việc' : '';
  const need = `cần ${describeThreshold(d.threshold)} ${basePhrase(d.base, memberWord)}${by}, tức ít nhất ${formatIntegerVi(d.required)}/${formatIntegerVi(d.baseCount)}`;
  if (d.decidedByChairman) return `Được thông qua: số phiếu tán thành bằng một nửa tổng số thành viên (biểu quyết ngang nhau), bên có ý kiến của Chủ tịch Ủy ban nhân dân được thông qua (${d.article}).`;
  return d.passed ? `Được thông qua (${need}).` : `Không được thông qua (${need}; còn thiếu ${formatIntegerVi(d.shortfall)}).`;
}

// ---------------------------------------------------------------------------------------------------
// Elections.

export interface ElectionFacts {
  body: BodyKind;
  seats: number;
  members: number;
  validBallots: number;
  candidates: { id: string; name: string; agree: number }[];
  partyBase?: PartyBase | null;
  partyTotal?: number | null;
}

export function tallyMotionElection(f: ElectionFacts): ElectionResult {
  const common = { seats: f.seats, ballots: f.validBallots, candidates: f.candidates.map((c) => ({ id: c.id, agree: c.agree })) };
  if (isPartyBody(f.body)) {
    return tallyElection({ ...common, body: 'party', inOffice: f.members, total: Math.max(f.partyTotal ?? f.members, f.members), base: f.partyBase ?? 'in_office' });
  }
  return tallyElection({ ...common, body: 'people_council', total: f.members });
}

/** "Ông Lò Văn Thắng: 26/27 phiếu đồng ý, đạt 96,30 % tổng số đại biểu — trúng cử". */
export function describeCandidate(name: string, agree: number, baseCount: number, base: 'total' | 'in_office' | 'present', memberWord: string, elected: boolean): string {
  return `${name}: ${formatIntegerVi(agree)}/${formatIntegerVi(baseCount)} phiếu đồng ý, đạt ${formatPercent(agree, baseCount)} ${basePhrase(base, memberWord)} — ${elected ? 'trúng cử' : 'không trúng cử'}`;
}

/** Electronic election ballot: agreed candidate ids, no more than the seats, each a real candidate. */
export function checkElectionMarks(marks: readonly number[], candidateIds: readonly number[], seats: number): { ok: true } | { ok: false; reason: 'UNKNOWN_CANDIDATE' | 'TOO_MANY_MARKS' | 'DUPLICATE_MARK' } {
  if (new Set(marks).size !== marks.length) return { ok: false, reason: 'DUPLICATE_MARK' };
  if (marks.some((m) => !candidateIds.includes(m))) return { ok: false, reason: 'UNKNOWN_CANDIDATE' };
  if (marks.length > seats) return { ok: false, reason: 'TOO_MANY_MARKS' };
  return { ok: true };
}
