// One CSV cell for the exports a clerk opens in a spreadsheet (results of votes, the outgoing register): quoted when
// it holds a separator, quote or line break; a text starting with = + - @ (or a tab or carriage return) gets a
// leading apostrophe so the spreadsheet shows it as text instead of running it as a formula.
export function csvCell(x: unknown): string {
  let s = x === null || x === undefined ? '' : String(x);
  if (typeof x === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
