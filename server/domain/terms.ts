// Terms of office (nhiệm kỳ, khóa): how a document names the council's term.

/** "Khóa IV" and "nhiệm kỳ 2021 - 2026" of a term, for the council's documents. */
export function councilOf(term: { name: string; startDate: string; endDate: string }) {
  const roman = /Khóa\s+([IVXLC]+)/i.exec(term.name)?.[1] ?? 'I';
  const years = /nhiệm kỳ\s+(\d{4}\s*-\s*\d{4})/i.exec(term.name)?.[1] ?? `${term.startDate.slice(0, 4)} - ${term.endDate.slice(0, 4)}`;
  return { roman, term: `nhiệm kỳ ${years}` };
}
