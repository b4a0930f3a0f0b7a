// When a vote passes and who is elected: the statutory rules of DOMAIN.md §3 as pure integer functions.
// Counts come in as arguments (membership on the day of the vote, present, ballots); nothing is read here.

export type Comparison = 'at_least' | 'more_than';

/** "at least 2/3", "more than 1/2": a fraction and how a count must compare with it. */
export interface Threshold {
  numerator: number;
  denominator: number;
  comparison: Comparison;
}

/** Which membership figure a threshold is taken of. */
export type VoteBase = 'total' | 'in_office' | 'present';

export type Refusal<R extends string> = { ok: false; reason: R; field?: string };

// Integer arithmetic only: no floating point in decisions (DOMAIN.md §3).
function assertCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/** Smallest count c with c > n/2: floor(n/2) + 1. */
export function moreThanHalf(n: number): number {
  assertCount(n, 'n');
  return Math.floor(n / 2) + 1;
}

/** Smallest count c with c ≥ 2n/3: ceil(2n/3) = floor((2n + 2) / 3). */
export function atLeastTwoThirds(n: number): number {
  assertCount(n, 'n');
  return Math.floor((2 * n + 2) / 3);
}

/** Smallest count c with c > 2n/3: floor(2n/3) + 1. */
export function moreThanTwoThirds(n: number): number {
  assertCount(n, 'n');
  return Math.floor((2 * n) / 3) + 1;
}

/** Smallest count that satisfies `threshold` of `base` (BigInt inside, so p·n never loses precision). */
export function requiredCount(threshold: Threshold, base: number): number {
  assertCount(base, 'base');
  assertCount(threshold.numerator, 'numerator');
  assertCount(threshold.denominator, 'denominator');
  if (threshold.denominator === 0) throw new RangeError('denominator must be positive');
  const p = BigInt(threshold.numerator);
  const q = BigInt(threshold.denominator);
  const n = BigInt(base);
  const required = threshold.comparison === 'at_least' ? (p * n + q - 1n) / q : (p * n) / q + 1n;
  return Number(required);
}

/** Does `count` satisfy `threshold` of `base`? */
export function meetsThreshold(count: number, threshold: Threshold, base: number): boolean {
  return count >= requiredCount(threshold, base);
}

export const MORE_THAN_HALF: Threshold = { numerator: 1, denominator: 2, comparison: 'more_than' };
export const AT_LEAST_TWO_THIRDS: Threshold = { numerator: 2, denominator: 3, comparison: 'at_least' };
export const MORE_THAN_TWO_THIRDS: Threshold = { numerator: 2, denominator: 3, comparison: 'more_than' };

/** "quá 1/2", "ít nhất 2/3" — for sentences and refusal messages. */
export function describeThreshold(threshold: Threshold): string {
  const word = threshold.comparison === 'at_least' ? 'ít nhất' : 'quá';
  return `${word} ${threshold.numerator}/${threshold.denominator}`;
}

// ---------------------------------------------------------------------------------------------------
// The statutory rules, one per kind of vote.

export type RuleId =
  | 'COUNCIL_MAJORITY_OF_TOTAL'
  | 'COUNCIL_REMOVAL_TWO_THIRDS_OF_TOTAL'
  | 'COUNCIL_UNDERFILLED_TWO_THIRDS_IN_OFFICE'
  | 'COUNCIL_ELECTION_MAJORITY_OF_TOTAL'
  | 'COMMITTEE_MAJORITY_OF_MEMBERS'
  | 'PARTY_MAJORITY_OF_MEMBERS'
  | 'PARTY_ELECTION_MAJORITY'
  | 'VOTERS_MAJORITY_OF_PRESENT';

export interface StatutoryRule {
  rule: RuleId;
  threshold: Threshold;
  base: VoteBase;
  article: string;
}

// HĐND resolution: for > 1/2 of the total number of deputies, not of those present — Luật 72/2025/QH15 Điều 35.2.
export const COUNCIL_RESOLUTION: StatutoryRule = {
  rule: 'COUNCIL_MAJORITY_OF_TOTAL', threshold: MORE_THAN_HALF, base: 'total',
  article: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 35 khoản 2',
};
// HĐND removal (bãi nhiệm) of a deputy: for ≥ 2/3 of the total — Luật 72/2025/QH15 Điều 35.2, 38.5.
export const COUNCIL_REMOVAL: StatutoryRule = {
  rule: 'COUNCIL_REMOVAL_TWO_THIRDS_OF_TOTAL', threshold: AT_LEAST_TWO_THIRDS, base: 'total',
  article: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 35 khoản 2, Điều 38 khoản 5',
};
// HĐND with < 2/3 of its seats filled and ≤ 18 months of term left: for > 2/3 of deputies in office — Luật 72/2025/QH15 Điều 49.2.
export const COUNCIL_UNDERFILLED: StatutoryRule = {
  rule: 'COUNCIL_UNDERFILLED_TWO_THIRDS_IN_OFFICE', threshold: MORE_THAN_TWO_THIRDS, base: 'in_office',
  article: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 49 khoản 2',
};
// HĐND elections of its posts: elected with > 1/2 of the total number of deputies — Luật 72/2025/QH15 Điều 35.2, 36.
export const COUNCIL_ELECTION: StatutoryRule = {
  rule: 'COUNCIL_ELECTION_MAJORITY_OF_TOTAL', threshold: MORE_THAN_HALF, base: 'total',
  article: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 35 khoản 2, Điều 36',
};
// UBND collective decision: for > 1/2 of all members; on a tie the Chairman's side wins — Luật 72/2025/QH15 Điều 40.3.
export const COMMITTEE_DECISION: StatutoryRule = {
  rule: 'COMMITTEE_MAJORITY_OF_MEMBERS', threshold: MORE_THAN_HALF, base: 'total',
  article: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 40 khoản 3',
};
// Party committee resolution: for > 1/2 of members (in office or total, per the body's setting) — Điều lệ Đảng Điều 9.5; QĐ 24-QĐ/TW 9.3.3; QĐ 294-QĐ/TW (2025).
export const PARTY_ARTICLE = 'Điều lệ Đảng, Điều 9 khoản 5; Quy định 24-QĐ/TW (2021) điểm 9.3.3; Quy định 294-QĐ/TW (2025)';
// Party elections: secret ballot, elected with more than half ("quá bán") — QĐ 190-QĐ/TW (2024) Điều 2–3.
export const PARTY_ELECTION_ARTICLE = 'Quy chế bầu cử trong Đảng ban hành kèm Quyết định 190-QĐ/TW (2024), Điều 2, Điều 3';
// Voters' conference nominating a candidate: > 50 % of voters present — NQ 101/2025/UBTVQH15.
export const VOTERS_NOMINATION: StatutoryRule = {
  rule: 'VOTERS_MAJORITY_OF_PRESENT', threshold: MORE_THAN_HALF, base: 'present',
  article: 'Nghị quyết 101/2025/UBTVQH15',
};

export type PartyBase = 'in_office' | 'total';

export function partyRule(kind: 'party_resolution' | 'party_election', base: PartyBase): StatutoryRule {
  return kind === 'party_resolution'
    ? { rule: 'PARTY_MAJORITY_OF_MEMBERS', threshold: MORE_THAN_HALF, base, article: PARTY_ARTICLE }
    : { rule: 'PARTY_ELECTION_MAJORITY', threshold: MORE_THAN_HALF, base, article: PARTY_ELECTION_ARTICLE };
}

/** Điều 49.2 applies when fewer than 2/3 of the seats are filled (3·inOffice < 2·seats) and ≤ 18 months are left. */
export function councilUnderfilledRuleApplies(seats: number, inOffice: number, monthsLeftInTerm: number): boolean {
  assertCount(seats, 'seats');
  assertCount(inOffice, 'inOffice');
  assertCount(monthsLeftInTerm, 'monthsLeftInTerm');
  return 3 * inOffice < 2 * seats && monthsLeftInTerm <= 18;
}

// ---------------------------------------------------------------------------------------------------
// decideVote: the single entry point for a closed vote.

export interface BallotCounts {
  for: number; // tán thành / đồng ý
  against: number; // không tán thành / không đồng ý
  abstain: number; // không biểu quyết / phiếu trắng
  invalid?: number; // phiếu không hợp lệ (secret ballot only)
  present: number; // members present at this vote
}

export type CouncilVoteKind = 'council_resolution' | 'council_removal' | 'council_election';

export interface CouncilVoteInput extends BallotCounts {
  kind: CouncilVoteKind;
  total: number; // deputies on the day of the vote (a deputy released mid-term makes it N−1)
  inOffice?: number; // deputies in office; defaults to total
  seats?: number; // seats of the council (số đại biểu được bầu); with monthsLeftInTerm, enables Điều 49.2
  monthsLeftInTerm?: number;
}

export type ChairmanSide = 'for' | 'against' | 'abstain' | 'absent';

export interface CommitteeVoteInput extends BallotCounts {
  kind: 'committee_decision';
  total: number; // all UBND members on the day
  chairmanSide?: ChairmanSide; // needed only on a tie (2·for == total)
}

export interface PartyVoteInput extends BallotCounts {
  kind: 'party_resolution' | 'party_election';
  total: number; // committee members (per the body's setting of "total")
  inOffice: number; // members in office on the day
  base: PartyBase; // the body's setting
}

export interface VotersVoteInput extends BallotCounts {
  kind: 'voters_nomination';
}

export type VoteInput = CouncilVoteInput | CommitteeVoteInput | PartyVoteInput | VotersVoteInput;
export type VoteKind = VoteInput['kind'];

export type VoteRefusalReason =
  | 'NOT_A_COUNT' // a figure is negative, fractional or missing
  | 'EMPTY_BODY' // the base is 0: nobody to decide
  | 'IN_OFFICE_EXCEEDS_TOTAL'
  | 'IN_OFFICE_EXCEEDS_SEATS'
  | 'PRESENT_EXCEEDS_MEMBERS'
  | 'BALLOTS_EXCEED_PRESENT'
  | 'MONTHS_LEFT_REQUIRED' // seats given and under 2/3 filled, but not the months left of the term
  | 'CHAIRMAN_SIDE_REQUIRED' // a UBND tie without the Chairman's vote
  | 'CHAIRMAN_SIDE_INCONSISTENT'; // the Chairman's side has no vote counted on it

export interface VoteDecision {
  ok: true;
  passed: boolean;
  required: number; // the smallest number of votes "for" that passes
  votesFor: number;
  shortfall: number; // votes missing to pass (0 when passed)
  base: VoteBase;
  baseCount: number; // the number the threshold is taken of
  threshold: Threshold;
  rule: RuleId;
  article: string;
  tie: boolean; // for == against (> 0); for a UBND decision, the tie of Điều 40.3: 2·for == total
  decidedByChairman: boolean; // passed only through the UBND tie rule
  byRegulation: boolean; // the body's Quy chế set a stricter requirement than the statute, and it was applied
}

export type VoteResult = VoteDecision | Refusal<VoteRefusalReason>;

function notCount(value: unknown): boolean {
  return typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0;
}

function checkCounts(fields: Record<string, unknown>): Refusal<'NOT_A_COUNT'> | null {
  for (const [field, value] of Object.entries(fields)) {
    if (value !== undefined && notCount(value)) return { ok: false, reason: 'NOT_A_COUNT', field };
  }
  return null;
}

function checkBallots(input: BallotCounts, members: number): Refusal<VoteRefusalReason> | null {
  if (input.present > members) return { ok: false, reason: 'PRESENT_EXCEEDS_MEMBERS' };
  const cast = input.for + input.against + input.abstain + (input.invalid ?? 0);
  if (cast > input.present) return { ok: false, reason: 'BALLOTS_EXCEED_PRESENT' };
  return null;
}

function decision(input: BallotCounts, statute: StatutoryRule, baseCount: number): VoteDecision {
  const required = requiredCount(statute.threshold, baseCount);
  const passed = input.for >= required;
  return {
    ok: true, passed, required, votesFor: input.for, shortfall: passed ? 0 : required - input.for,
    base: statute.base, baseCount, threshold: statute.threshold, rule: statute.rule, article: statute.article,
    tie: input.for === input.against && input.for > 0, decidedByChairman: false, byRegulation: false,
  };
}

function decideCouncil(input: CouncilVoteInput): VoteResult {
  const inOffice = input.inOffice ?? input.total;
  if (inOffice > input.total) return { ok: false, reason: 'IN_OFFICE_EXCEEDS_TOTAL' };
  if (input.seats !== undefined && inOffice > input.seats) return { ok: false, reason: 'IN_OFFICE_EXCEEDS_SEATS' };
  if (input.total === 0 || inOffice === 0) return { ok: false, reason: 'EMPTY_BODY' };
  const refused = checkBallots(input, inOffice);
  if (refused) return refused;

  const general = input.kind === 'council_resolution' ? COUNCIL_RESOLUTION
    : input.kind === 'council_removal' ? COUNCIL_REMOVAL : COUNCIL_ELECTION;
  const generalDecision = decision(input, general, input.total);

  const underfilled = input.seats !== undefined && 3 * inOffice < 2 * input.seats;
  if (!underfilled) return generalDecision;
  if (input.monthsLeftInTerm === undefined) return { ok: false, reason: 'MONTHS_LEFT_REQUIRED' };
  if (input.monthsLeftInTerm > 18) return generalDecision;

  const special = decision(input, COUNCIL_UNDERFILLED, inOffice);
  // Điều 49.2 replaces the general rule; a removal keeps its ≥ 2/3 of the total if that is the stricter.
  if (input.kind === 'council_removal' && generalDecision.required > special.required) return generalDecision;
  return special;
}

/**
 * The UBND tie of Điều 40.3 ("trường hợp biểu quyết ngang nhau"): exactly half of ALL members in favour
 * (2·for == total). A split among those present with fewer "for" votes than half of all members is no tie.
 */
export function isCommitteeTie(votesFor: number, total: number): boolean {
  return total > 0 && 2 * votesFor === total;
}

function decideCommittee(input: CommitteeVoteInput): VoteResult {
  if (input.total === 0) return { ok: false, reason: 'EMPTY_BODY' };
  const refused = checkBallots(input, input.total);
  if (refused) return refused;
  const side = input.chairmanSide;
  if (side === 'for' || side === 'against' || side === 'abstain') {
    if (input[side] === 0) return { ok: false, reason: 'CHAIRMAN_SIDE_INCONSISTENT' };
  }
  const tie = isCommitteeTie(input.for, input.total);
  const result = { ...decision(input, COMMITTEE_DECISION, input.total), tie };
  if (result.passed || !tie) return result;
  // Exactly half of all members for: the side the Chairman voted with wins — Luật 72/2025/QH15 Điều 40.3.
  if (side === undefined) return { ok: false, reason: 'CHAIRMAN_SIDE_REQUIRED' };
  if (side !== 'for') return result;
  return { ...result, passed: true, shortfall: 0, decidedByChairman: true };
}

function decideParty(input: PartyVoteInput): VoteResult {
  if (input.inOffice > input.total) return { ok: false, reason: 'IN_OFFICE_EXCEEDS_TOTAL' };
  if (input.inOffice === 0) return { ok: false, reason: 'EMPTY_BODY' };
  const refused = checkBallots(input, input.inOffice);
  if (refused) return refused;
  const statute = partyRule(input.kind, input.base);
  return decision(input, statute, input.base === 'total' ? input.total : input.inOffice);
}

function decideVoters(input: VotersVoteInput): VoteResult {
  if (input.present === 0) return { ok: false, reason: 'EMPTY_BODY' };
  const refused = checkBallots(input, input.present);
  if (refused) return refused;
  return decision(input, VOTERS_NOMINATION, input.present);
}

/** Decides a closed vote from its frozen figures; refuses inconsistent figures with a reason. */
export function decideVote(input: VoteInput): VoteResult {
  const bad = checkCounts({
    for: input.for, against: input.against, abstain: input.abstain, invalid: input.invalid, present: input.present,
    total: 'total' in input ? input.total : 0,
    inOffice: 'inOffice' in input ? input.inOffice : undefined,
    seats: 'seats' in input ? input.seats : undefined,
    monthsLeftInTerm: 'monthsLeftInTerm' in input ? input.monthsLeftInTerm : undefined,
  });
  if (bad) return bad;
  switch (input.kind) {
    case 'council_resolution':
    case 'council_removal':
    case 'council_election':
      return decideCouncil(input);
    case 'committee_decision':
      return decideCommittee(input);
    case 'party_resolution':
    case 'party_election':
      return decideParty(input);
    case 'voters_nomination':
      return decideVoters(input);
  }
}

/** A pass rule set by the body's Quy chế làm việc, with the document it comes from. */
export interface RegulationPassRule {
  threshold: Threshold;
  base: VoteBase;
  source: string; // "Quy chế làm việc của … (Quyết định số …)"
}

/**
 * A Quy chế may raise the pass requirement, never lower it (DOMAIN.md §3; checkPassRuleNotBelowStatute refuses a
 * lower one when it is saved): the required count is the larger of the statute's and the regulation's. When the
 * regulation's is larger it replaces the statute's figures, and the UBND tie rule (which passes below the statutory
 * count) no longer passes a motion the regulation does not.
 */
export function applyRegulationPassRule(
  d: VoteDecision, rule: RegulationPassRule | null | undefined, bases: Record<VoteBase, number>,
): VoteDecision {
  if (!rule) return d;
  const baseCount = bases[rule.base];
  const required = requiredCount(rule.threshold, baseCount);
  if (required <= d.required) return d;
  const passed = d.votesFor >= required;
  return {
    ...d, passed, required, shortfall: passed ? 0 : required - d.votesFor, base: rule.base, baseCount, threshold: rule.threshold,
    article: `${rule.source}; ${d.article}`, decidedByChairman: false, byRegulation: true,
  };
}

// ---------------------------------------------------------------------------------------------------
// Electing k of n candidates in one ballot.

export interface ElectionCandidate {
  id: string;
  agree: number; // ballots that agree to this candidate
}

export type ElectionInput = {
  seats: number; // k: how many are to be elected
  ballots: number; // valid ballots counted (a candidate cannot have more agrees)
  candidates: ElectionCandidate[];
} & (
  | { body: 'people_council'; total: number } // HĐND: more than half of the total number of deputies
  | { body: 'party'; total: number; inOffice: number; base: PartyBase } // Party: "quá bán" of the configured base
);

export type ElectionRefusalReason =
  | 'NOT_A_COUNT' | 'EMPTY_BODY' | 'NO_SEATS' | 'NO_CANDIDATES' | 'DUPLICATE_CANDIDATE'
  | 'IN_OFFICE_EXCEEDS_TOTAL' | 'BALLOTS_EXCEED_MEMBERS' | 'AGREE_EXCEEDS_BALLOTS';

export interface CandidateResult extends ElectionCandidate {
  reachedThreshold: boolean;
  elected: boolean;
}

export interface ElectionTally {
  ok: true;
  required: number;
  base: VoteBase;
  baseCount: number;
  rule: RuleId;
  article: string;
  elected: string[]; // ids, highest agree first
  /** Candidates over the threshold tied for the last seat(s): another round decides, never the order of a list. */
  tie: { candidates: string[]; seats: number } | null;
  unfilledSeats: number; // seats not filled by this round (tied seats included)
  results: CandidateResult[]; // in the order given
}

export type ElectionResult = ElectionTally | Refusal<ElectionRefusalReason>;

/** Who is elected: over the threshold, then the highest agree counts up to the seats; a tie at the last seat is reported. */
export function tallyElection(input: ElectionInput): ElectionResult {
  const bad = checkCounts({
    seats: input.seats, ballots: input.ballots, total: input.total,
    inOffice: input.body === 'party' ? input.inOffice : undefined,
    ...Object.fromEntries(input.candidates.map((c, i) => [`candidates[${i}].agree`, c.agree])),
  });
  if (bad) return bad;
  if (input.seats === 0) return { ok: false, reason: 'NO_SEATS' };
  if (input.candidates.length === 0) return { ok: false, reason: 'NO_CANDIDATES' };
  if (new Set(input.candidates.map((c) => c.id)).size !== input.candidates.length) {
    return { ok: false, reason: 'DUPLICATE_CANDIDATE' };
  }
  let statute: StatutoryRule;
  let baseCount: number;
  let voters: number;
  if (input.body === 'party') {
    if (input.inOffice > input.total) return { ok: false, reason: 'IN_OFFICE_EXCEEDS_TOTAL' };
    statute = partyRule('party_election', input.base);
    baseCount = input.base === 'total' ? input.total : input.inOffice;
    voters = input.inOffice;
  } else {
    statute = COUNCIL_ELECTION;
    baseCount = input.total;
    voters = input.total;
  }
  if (baseCount === 0 || voters === 0) return { ok: false, reason: 'EMPTY_BODY' };
  if (input.ballots > voters) return { ok: false, reason: 'BALLOTS_EXCEED_MEMBERS' };
  if (input.candidates.some((c) => c.agree > input.ballots)) return { ok: false, reason: 'AGREE_EXCEEDS_BALLOTS' };

  const required = requiredCount(statute.threshold, baseCount);
  const over = input.candidates.filter((c) => c.agree >= required).sort((a, b) => b.agree - a.agree);
  let elected: ElectionCandidate[] = over;
  let tie: ElectionTally['tie'] = null;
  if (over.length > input.seats) {
    const lastSeatAgree = over[input.seats - 1]!.agree;
    const surely = over.filter((c) => c.agree > lastSeatAgree);
    const tied = over.filter((c) => c.agree === lastSeatAgree);
    const seatsForTied = input.seats - surely.length;
    if (tied.length > seatsForTied) {
      elected = surely;
      tie = { candidates: tied.map((c) => c.id), seats: seatsForTied };
    } else {
      elected = over.slice(0, input.seats);
    }
  }
  const electedIds = new Set(elected.map((c) => c.id));
  return {
    ok: true, required, base: statute.base, baseCount, rule: statute.rule, article: statute.article,
    elected: elected.map((c) => c.id), tie, unfilledSeats: input.seats - elected.length,
    results: input.candidates.map((c) => ({ ...c, reachedThreshold: c.agree >= required, elected: electedIds.has(c.id) })),
  };
}
