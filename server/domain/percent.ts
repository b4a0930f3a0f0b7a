// Vietnamese percentages for minutes and resolutions, computed with integers only.
//
// Convention (one for the whole product):
//   - always two decimals, decimal comma, a space before the sign: "66,67 %", "12,50 %", "100,00 %", "0,00 %";
//     DOMAIN.md §3 writes "95,65 %" and keeping two decimals on whole numbers makes columns line up
//     and shows the figure was computed, not estimated;
//   - rounded half up at the second decimal (2/3 → "66,67 %", never truncated to 66,66);
//   - thousands (only possible above 999 %) grouped with a dot, as Vietnamese writes numbers: "1.000,00 %";
//   - a denominator of 0 has no percentage: `percentHundredths` refuses with ZERO_DENOMINATOR and
//     `formatPercent` writes "0,00 %" (nobody to count means nothing was reached) — callers that must
//     tell the two apart use `percentHundredths`.
// Rule: percentages rounded half up to two decimals, decimal comma (DOMAIN.md §3).

export type PercentRefusal = { ok: false; reason: 'ZERO_DENOMINATOR' | 'NOT_A_COUNT' };
export type PercentValue = { ok: true; hundredths: bigint };

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** numerator/denominator as hundredths of a percent (2/3 → 6667n), rounded half up. */
export function percentHundredths(numerator: number, denominator: number): PercentValue | PercentRefusal {
  if (!isCount(numerator) || !isCount(denominator)) return { ok: false, reason: 'NOT_A_COUNT' };
  if (denominator === 0) return { ok: false, reason: 'ZERO_DENOMINATOR' };
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  // round(10000·n/d) half up = floor((20000·n + d) / (2·d)), exact in BigInt.
  return { ok: true, hundredths: (20000n * n + d) / (2n * d) };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Writes hundredths of a percent in the product's format: 6667n → "66,67 %". */
export function formatHundredths(hundredths: bigint): string {
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, '0');
  return `${groupThousands(whole.toString())},${fraction} %`;
}

/**
 * "66,67 %" for (2, 3). Counts must be non-negative safe integers (a programming error otherwise: throws
 * RangeError). Denominator 0 → "0,00 %" (see the file comment).
 */
export function formatPercent(numerator: number, denominator: number): string {
  const result = percentHundredths(numerator, denominator);
  if (result.ok) return formatHundredths(result.hundredths);
  if (result.reason === 'ZERO_DENOMINATOR') return formatHundredths(0n);
  throw new RangeError(`formatPercent expects non-negative integer counts, got ${numerator}/${denominator}`);
}
