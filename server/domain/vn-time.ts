// Vietnam's calendar and clock as pure functions of an instant. Vietnam keeps UTC+7 all year (no daylight saving),
// so an instant is one day and one clock time there. Nothing here reads the clock; instants come in as arguments.
// The papers' own long form ("ngày 22 tháng 11 năm 2026") is formatDayMonthYear in vn-format.ts.

const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

const vnIso = (at: Date): string => new Date(at.getTime() + VN_OFFSET_MS).toISOString();

/** The Vietnam calendar day of an instant, YYYY-MM-DD. */
export function vnDayOf(at: Date): string {
  return vnIso(at).slice(0, 10);
}

/** The Vietnam time of day of an instant, HH:MM (24-hour). */
export function vnClockOf(at: Date): string {
  return vnIso(at).slice(11, 16);
}

/** "YYYY-MM-DD" + "HH:MM" read in Vietnam → the instant. The caller has validated both (see parseVnInstant). */
export function vnInstant(day: string, hhmm: string): Date {
  return new Date(`${day}T${hhmm}:00+07:00`);
}

/** Like vnInstant, but null when either part is malformed or the day does not exist (2026-02-30). */
export function parseVnInstant(day: string, hhmm: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm)) return null;
  const at = vnInstant(day, hhmm);
  return Number.isNaN(at.getTime()) || vnDayOf(at) !== day ? null : at;
}

/** The calendar day `n` days after (n < 0: before) an ISO day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** "2026-11-22" (or a longer ISO string) → "22/11/2026", the short date of screens and messages; '' for none. */
export function formatShortDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/** An instant as screens show it, in Vietnam's time zone with the vi-VN conventions ("07:30:00 22/11/2026"); '' for none. */
export function formatVnDateTime(at: Date | string | null | undefined): string {
  return at ? new Date(at).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '';
}
