// Who sits in a body on a given day: the denominator of every quorum and vote (DOMAIN.md §1).
// Dates are ISO 'YYYY-MM-DD' strings, compared as strings; endDate is exclusive (the first day not held).

export interface MembershipPeriod {
  personId: number;
  startDate: string;
  endDate: string | null;
  votingRight: boolean;
}

export function isActiveOn(m: Pick<MembershipPeriod, 'startDate' | 'endDate'>, day: string): boolean {
  return m.startDate <= day && (m.endDate === null || day < m.endDate);
}

/** The members of a body on `day`, one entry per person (a person with two posts counts once). */
export function membersOn<T extends MembershipPeriod>(memberships: readonly T[], day: string): T[] {
  const seen = new Map<number, T>();
  for (const m of memberships) {
    if (isActiveOn(m, day) && !seen.has(m.personId)) seen.set(m.personId, m);
  }
  return [...seen.values()];
}

/** Members with the right to vote on `day`: the total N of the voting rules. */
export function votingMembersOn<T extends MembershipPeriod>(memberships: readonly T[], day: string): T[] {
  return membersOn(memberships.filter((m) => m.votingRight), day);
}

export type PeriodCheck = { ok: true } | { ok: false; reason: 'END_BEFORE_START' | 'OVERLAPS_EXISTING' | 'OUTSIDE_TERM' };

/**
 * A new post for a person in a body must not overlap a post they already hold in that body
 * (history is kept, never silently overwritten) and must start inside the body's term when one is given.
 */
export function checkNewMembership(
  existing: readonly Pick<MembershipPeriod, 'personId' | 'startDate' | 'endDate'>[],
  next: Pick<MembershipPeriod, 'personId' | 'startDate' | 'endDate'>,
  term?: { startDate: string; endDate: string },
): PeriodCheck {
  if (next.endDate !== null && next.endDate <= next.startDate) return { ok: false, reason: 'END_BEFORE_START' };
  if (term && (next.startDate < term.startDate || next.startDate > term.endDate)) return { ok: false, reason: 'OUTSIDE_TERM' };
  for (const m of existing) {
    if (m.personId !== next.personId) continue;
    const overlaps = (next.endDate === null || m.startDate < next.endDate) && (m.endDate === null || next.startDate < m.endDate);
    if (overlaps) return { ok: false, reason: 'OVERLAPS_EXISTING' };
  }
  return { ok: true };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date in ISO form (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const [y, mo, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}
