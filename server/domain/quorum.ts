// Opening quorum (configurable per body) and the guard that keeps a body's pass rules at or above the statute.
import { formatIntegerVi } from './vote-wording.ts';
import {
  COMMITTEE_DECISION, COUNCIL_REMOVAL, COUNCIL_RESOLUTION, describeThreshold, partyRule, requiredCount,
  type Comparison, type Refusal, type StatutoryRule, type Threshold, type VoteBase,
} from './vote-rules.ts';

export interface QuorumRule extends Threshold {
  /**
   * Kept for rows stored before the choice was removed; never read. The base is always the voting members of the
   * body on the meeting day (a member released mid-term no longer counts): the law and the model regulations count
   * members, and no seat count is stored for a body.
   */
  base: 'total' | 'in_office';
}

// Luật 72/2025/QH15 sets no opening quorum; the model regulations (NQ 104/2025/UBTVQH15 for HĐND,
// NĐ 315/2025/NĐ-CP for UBND) and each body's Quy chế do. A new body starts at "at least 2/3 of members" (DOMAIN.md §2).
export const DEFAULT_QUORUM_RULE: QuorumRule = { numerator: 2, denominator: 3, comparison: 'at_least', base: 'total' };

export type QuorumRefusalReason = 'INVALID_RULE' | 'NOT_A_COUNT' | 'EMPTY_BODY' | 'PRESENT_EXCEEDS_MEMBERS';

/** A rule is a proper fraction 0 < p/q ≤ 1 of integers, and "more than 1/1" is impossible. */
export function validateQuorumRule(rule: QuorumRule): { ok: true } | Refusal<'INVALID_RULE'> {
  const { numerator: p, denominator: q } = rule;
  const integers = Number.isSafeInteger(p) && Number.isSafeInteger(q);
  const comparisonOk = rule.comparison === 'at_least' || rule.comparison === 'more_than';
  const baseOk = rule.base === 'total' || rule.base === 'in_office';
  if (!integers || !comparisonOk || !baseOk || p <= 0 || q <= 0 || p > q || (p === q && rule.comparison === 'more_than')) {
    return { ok: false, reason: 'INVALID_RULE' };
  }
  return { ok: true };
}

/** Members needed to open the meeting: the smallest count that satisfies the rule of `base` members. */
export function requiredForQuorum(rule: QuorumRule, base: number): number {
  return requiredCount(rule, base);
}

export interface QuorumEvaluation {
  ok: true;
  quorate: boolean;
  present: number;
  required: number;
  baseCount: number;
  sentence: string; // "23/25 đại biểu có mặt — đủ điều kiện tiến hành (cần ≥ 17)"
}

/**
 * Is the meeting quorate? `base` is the number of voting members of the body on the meeting day; `memberWord` names the
 * members ("đại biểu", "thành viên", "đồng chí").
 */
export function evaluateQuorum(
  rule: QuorumRule, present: number, base: number, memberWord = 'đại biểu',
): QuorumEvaluation | Refusal<QuorumRefusalReason> {
  const valid = validateQuorumRule(rule);
  if (!valid.ok) return valid;
  for (const [field, n] of [['present', present], ['base', base]] as const) {
    if (!Number.isSafeInteger(n) || n < 0) return { ok: false, reason: 'NOT_A_COUNT', field };
  }
  if (base === 0) return { ok: false, reason: 'EMPTY_BODY' };
  if (present > base) return { ok: false, reason: 'PRESENT_EXCEEDS_MEMBERS' };
  const required = requiredForQuorum(rule, base);
  const quorate = present >= required;
  const verdict = quorate ? 'đủ điều kiện tiến hành' : 'không đủ điều kiện tiến hành';
  const sentence =
    `${formatIntegerVi(present)}/${formatIntegerVi(base)} ${memberWord} có mặt — ${verdict} (cần ≥ ${formatIntegerVi(required)})`;
  return { ok: true, quorate, present, required, baseCount: base, sentence };
}

// ---------------------------------------------------------------------------------------------------
// A body's regulation may raise a pass threshold, never lower it below the statute (DOMAIN.md §3).

export type PassRuleBody = 'people_council' | 'people_committee' | 'party_committee';

export interface PassRule extends Threshold {
  base: VoteBase;
}

const BASE_ORDER: Record<VoteBase, number> = { present: 0, in_office: 1, total: 2 };
function baseWords(base: VoteBase, member: string): string {
  return base === 'total' ? `tổng số ${member}` : base === 'in_office' ? `số ${member} đương nhiệm` : `số ${member} có mặt`;
}

function statuteFor(
  body: PassRuleBody, motion: 'resolution' | 'removal',
): { statute: StatutoryRule; subject: string; member: string } {
  if (body === 'people_council') {
    return motion === 'removal'
      ? { statute: COUNCIL_REMOVAL, subject: 'Việc bãi nhiệm đại biểu Hội đồng nhân dân phải được', member: 'đại biểu' }
      : { statute: COUNCIL_RESOLUTION, subject: 'Nghị quyết của Hội đồng nhân dân phải được', member: 'đại biểu' };
  }
  if (body === 'people_committee') {
    return { statute: COMMITTEE_DECISION, subject: 'Quyết định tập thể của Ủy ban nhân dân phải được', member: 'thành viên' };
  }
  // The Party's lowest statutory base is the members in office; "total" is at or above it.
  return { statute: partyRule('party_resolution', 'in_office'), subject: 'Nghị quyết của cấp ủy phải được', member: 'cấp ủy viên' };
}

/**
 * Is "c cmp_p (p/q)·N" at least as strict as "c cmp_s (a/b)·N" for every N? Exact for integers:
 * a higher fraction always is; an equal one is unless it trades "more than" for "at least".
 */
function notBelow(proposed: Threshold, statute: Threshold): boolean {
  const lhs = BigInt(proposed.numerator) * BigInt(statute.denominator);
  const rhs = BigInt(statute.numerator) * BigInt(proposed.denominator);
  if (lhs !== rhs) return lhs > rhs;
  const strictness = (c: Comparison): number => (c === 'more_than' ? 1 : 0);
  return strictness(proposed.comparison) >= strictness(statute.comparison);
}

export type PassRuleCheck = { ok: true } | (Refusal<'INVALID_RULE' | 'PASS_RULE_BELOW_STATUTE'> & { message?: string });

/**
 * Refuses a regulation's pass rule that would pass a motion the statute would not, with a Vietnamese
 * message citing the article. Bases are ordered present ≤ in office ≤ total.
 */
export function checkPassRuleNotBelowStatute(
  body: PassRuleBody, proposed: PassRule, motion: 'resolution' | 'removal' = 'resolution',
): PassRuleCheck {
  const { numerator: p, denominator: q } = proposed;
  if (!Number.isSafeInteger(p) || !Number.isSafeInteger(q) || p <= 0 || q <= 0 || p > q
    || (p === q && proposed.comparison === 'more_than') || !(proposed.base in BASE_ORDER)) {
    return { ok: false, reason: 'INVALID_RULE' };
  }
  const { statute, subject, member } = statuteFor(body, motion);
  if (BASE_ORDER[proposed.base] >= BASE_ORDER[statute.base] && notBelow(proposed, statute.threshold)) return { ok: true };
  const message =
    `Quy chế không được đặt ngưỡng thông qua thấp hơn luật: ${subject} ${describeThreshold(statute.threshold)} `
    + `${baseWords(statute.base, member)} biểu quyết tán thành (${statute.article}); `
    + `ngưỡng đề xuất "${describeThreshold(proposed)} ${baseWords(proposed.base, member)}" thấp hơn mức đó.`;
  return { ok: false, reason: 'PASS_RULE_BELOW_STATUTE', message };
}
