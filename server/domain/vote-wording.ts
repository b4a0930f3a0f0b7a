// The sentence minutes and resolutions use to report a vote, from its frozen figures:
//   "có 22/23 đại biểu có mặt biểu quyết tán thành, đạt 95,65 % tổng số đại biểu".
//
// Wording decisions (DOMAIN.md §3 and how commune minutes read):
//   - show of hands (named, totals or electronic): "có X/P <members> có mặt biểu quyết tán thành" where P is
//     those present; "không tán thành" and "không biểu quyết" for the other two sides;
//   - secret ballot: only totals, "có X phiếu đồng ý", "Y phiếu không đồng ý", "Z phiếu trắng", "W phiếu không hợp lệ";
//   - the percentage is always of the base the pass rule counts (the decision's `base`/`baseCount`): HĐND and UBND
//     of the total membership ("tổng số đại biểu", not of those present), Party of the configured base,
//     a voters' conference of those present; "đạt" for the votes in favour, "chiếm" for the others;
//   - a side with no votes reads "không có <member> nào …"; the full result leaves out empty opposing sides.
import { formatPercent } from './percent.ts';
import type { VoteBase } from './vote-rules.ts';

/** Writes a count the Vietnamese way, thousands grouped with a dot: 1234 → "1.234". */
export function formatIntegerVi(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export type WordingBody = 'people_council' | 'people_committee' | 'party' | 'voters_conference';

/** How minutes name the members of each body. */
export function memberWordFor(body: WordingBody): string {
  switch (body) {
    case 'people_council': return 'đại biểu';
    case 'people_committee': return 'thành viên';
    case 'party': return 'đồng chí';
    case 'voters_conference': return 'cử tri';
  }
}

export type VoteMethod = 'show_of_hands' | 'secret_ballot';

export interface VoteFigures {
  method: VoteMethod;
  for: number;
  against: number;
  abstain: number;
  invalid?: number; // secret ballot only
  present: number;
  base: VoteBase; // from the decision (VoteDecision.base)
  baseCount: number; // from the decision (VoteDecision.baseCount)
  memberWord: string; // memberWordFor(body), or a fuller noun
  ofBody?: string; // optional tail of the base phrase, e.g. "Hội đồng nhân dân xã"
}

function checkFigures(f: VoteFigures): void {
  const counts = [f.for, f.against, f.abstain, f.invalid ?? 0, f.present, f.baseCount];
  if (counts.some((n) => !Number.isSafeInteger(n) || n < 0)) throw new RangeError('vote figures must be non-negative integers');
  if (f.baseCount === 0) throw new RangeError('vote figures need a base of at least one member');
  if (f.for + f.against + f.abstain + (f.invalid ?? 0) > f.present) throw new RangeError('more ballots than members present');
}

/** "tổng số đại biểu", "tổng số đồng chí đương nhiệm", "số cử tri có mặt". */
export function basePhrase(base: VoteBase, memberWord: string, ofBody?: string): string {
  const phrase = base === 'total' ? `tổng số ${memberWord}`
    : base === 'in_office' ? `tổng số ${memberWord} đương nhiệm`
      : `số ${memberWord} có mặt`;
  return ofBody ? `${phrase} ${ofBody}` : phrase;
}

type Side = 'for' | 'against' | 'abstain';

const SHOW_OF_HANDS: Record<Side, string> = {
  for: 'biểu quyết tán thành', against: 'biểu quyết không tán thành', abstain: 'không biểu quyết',
};
const SECRET: Record<Side, string> = { for: 'phiếu đồng ý', against: 'phiếu không đồng ý', abstain: 'phiếu trắng' };

/** One side of the result: "có 22/23 đại biểu có mặt biểu quyết tán thành, đạt 95,65 % tổng số đại biểu". */
export function describeVoteSide(figures: VoteFigures, side: Side): string {
  checkFigures(figures);
  const count = figures[side];
  const verb = side === 'for' ? 'đạt' : 'chiếm';
  const share = `${verb} ${formatPercent(count, figures.baseCount)} ${basePhrase(figures.base, figures.memberWord, figures.ofBody)}`;
  if (figures.method === 'secret_ballot') {
    if (count === 0) return `không có ${SECRET[side]}`;
    return `${side === 'for' ? 'có ' : ''}${formatIntegerVi(count)} ${SECRET[side]}, ${share}`;
  }
  if (count === 0) return `không có ${figures.memberWord} nào ${SHOW_OF_HANDS[side]}`;
  return `có ${formatIntegerVi(count)}/${formatIntegerVi(figures.present)} ${figures.memberWord} có mặt ${SHOW_OF_HANDS[side]}, ${share}`;
}

/**
 * The whole result as one clause list, without the final full stop:
 * "có 20/23 đại biểu có mặt biểu quyết tán thành, đạt 80,00 % tổng số đại biểu; có 2/23 … không tán thành, chiếm 8,00 % …".
 * Votes in favour are always stated; against, abstentions and invalid ballots only when there are some.
 */
export function describeVoteResult(figures: VoteFigures): string {
  const clauses = [describeVoteSide(figures, 'for')];
  if (figures.against > 0) clauses.push(describeVoteSide(figures, 'against'));
  if (figures.abstain > 0) clauses.push(describeVoteSide(figures, 'abstain'));
  const invalid = figures.invalid ?? 0;
  if (figures.method === 'secret_ballot' && invalid > 0) clauses.push(`${formatIntegerVi(invalid)} phiếu không hợp lệ`);
  return clauses.join('; ');
}
