// Vietnamese formatting rules for official documents: date lines, number-and-symbol, ordinals, Roman
// numerals, upper case. Pure functions: no clock, no I/O — dates come in as arguments.

export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

/** NFC first: decomposed input renders the horn of ơ/ư wrongly in PDF and DOCX (STACK.md trap 7). */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Vietnamese upper case ("ủy ban" → "ỦY BAN", "đ" → "Đ"), NFC before and after. */
export function upperVi(text: string): string {
  return nfc(nfc(text).toLocaleUpperCase('vi'));
}

export function parseIsoDate(iso: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!match) throw new RangeError(`Ngày không hợp lệ: "${iso}" (cần dạng YYYY-MM-DD)`);
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  assertValidDate(date);
  return date;
}

/** Accepts "25/03/2026", "5/3/2026" or "2026-03-25". */
export function parseDate(text: string): CalendarDate {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!vn) return parseIsoDate(text);
  const date = { year: Number(vn[3]), month: Number(vn[2]), day: Number(vn[1]) };
  assertValidDate(date);
  return date;
}

function assertValidDate({ year, month, day }: CalendarDate): void {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    throw new RangeError(`Ngày không tồn tại: ${day}/${month}/${year}`);
  }
}

// NĐ 30/2020/NĐ-CP Phụ lục I (địa danh và thời gian ban hành): days below 10 and months 1 and 2 take a leading zero.
export function formatDayMonthYear({ year, month, day }: CalendarDate): string {
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month <= 2 ? `0${month}` : String(month);
  return `ngày ${dd} tháng ${mm} năm ${year}`;
}

// NĐ 30/2020 Phụ lục I (địa danh và thời gian ban hành) and HD 36-HD/VPTW (Party): "<place>, ngày dd tháng m năm yyyy".
export function formatDateLine(place: string, date: CalendarDate): string {
  return nfc(`${place}, ${formatDayMonthYear(date)}`);
}

/** The place on the date line is the unit's name without "xã"/"phường"/"đặc khu" (NĐ 30/2020 Phụ lục I, địa danh). */
export function placeName(unitName: string): string {
  return nfc(unitName).replace(/^(xã|phường|đặc khu|thị trấn)\s+/i, '');
}

// NĐ 30/2020 Điều 15: numbers below 10 take a leading zero ("05").
export function padDocumentNumber(value: number): string {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`Số văn bản không hợp lệ: ${value}`);
  return value < 10 ? `0${value}` : String(value);
}

export interface StateSymbolInput {
  number: number | null; // null on drafts: the number is given after signing
  typeCode: string | null; // "NQ", "QĐ"…; null for a letter (công văn): "12/UBND-VP"
  issuerCode: string; // "HĐND", "UBND"
  unitCode?: string; // the drafting unit for letters: "VP" in 12/UBND-VP
  normativeYear?: number; // legal normative documents add the year: 99/2025/NQ-HĐND
}

const BLANK_NUMBER = '    '; // room to write the number by hand after signing

// NĐ 30/2020 Điều 15 and Phụ lục I (số, ký hiệu của văn bản): "<số>/<loại>-<cơ quan>", letters "<số>/<cơ quan>-<đơn vị>".
export function composeStateSymbol(input: StateSymbolInput): string {
  const number = input.number === null ? BLANK_NUMBER : padDocumentNumber(input.number);
  const year = input.normativeYear === undefined ? '' : `/${input.normativeYear}`;
  const symbol = input.typeCode === null
    ? `${input.issuerCode}${input.unitCode ? `-${input.unitCode}` : ''}`
    : `${input.typeCode}-${input.issuerCode}`;
  return nfc(`${number}${year}/${symbol}`);
}

// NĐ 30/2020 Phụ lục I (số, ký hiệu): the state number line reads "Số: 05/NQ-HĐND".
export function formatStateNumberLine(input: StateSymbolInput): string {
  return `Số: ${composeStateSymbol(input)}`;
}

export interface PartySymbolInput {
  number: number | null;
  typeCode: string; // "NQ", "QĐ", "TB", "CV" (letters), "BB"
  issuerCode: string; // "ĐU"
}

// HD 36-HD/VPTW (2018): "Số 05-NQ/ĐU" — no colon, hyphen before the type, slash before the issuer.
export function composePartySymbol(input: PartySymbolInput): string {
  const number = input.number === null ? BLANK_NUMBER : padDocumentNumber(input.number);
  return nfc(`${number}-${input.typeCode}/${input.issuerCode}`);
}

export function formatPartyNumberLine(input: PartySymbolInput): string {
  return `Số ${composePartySymbol(input)}`;
}

const ROMAN: Array<[number, string]> = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

// NĐ 30/2020 Phụ lục I (nội dung văn bản: phần, chương, mục, điều): chapters (Chương) are numbered in Roman numerals.
export function romanNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 3999) throw new RangeError(`Không viết được số La Mã cho ${value}`);
  let rest = value;
  let out = '';
  for (const [amount, letters] of ROMAN) {
    while (rest >= amount) {
      out += letters;
      rest -= amount;
    }
  }
  return out;
}

const ORDINAL_WORDS = ['', 'Nhất', 'Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười'];

/**
 * Ordinal in words as used in session names: 1 → "Nhất", 4 → "Tư", 11 → "Mười một", 14 → "Mười bốn",
 * 15 → "Mười lăm", 21 → "Hai mươi mốt", 24 → "Hai mươi tư". Up to 99.
 */
export function ordinalWord(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 99) throw new RangeError(`Không viết được số thứ tự cho ${value}`);
  if (value <= 10) return ORDINAL_WORDS[value]!;
  const units = ['', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
  const tens = Math.floor(value / 10);
  const unit = value % 10;
  const head = tens === 1 ? 'Mười' : `${ORDINAL_WORDS[tens]!} mươi`;
  if (unit === 0) return head;
  let tail = units[unit]!;
  if (unit === 5) tail = 'lăm';
  if (unit === 1 && tens > 1) tail = 'mốt';
  if (unit === 4 && tens > 1) tail = 'tư';
  return `${head} ${tail}`;
}

// Luật 72/2025 Điều 34 (sessions numbered per term); official usage writes the first one "Kỳ họp thứ Nhất".
export function sessionOrdinal(value: number, style: 'word' | 'digit' = 'word'): string {
  return style === 'word' ? `thứ ${ordinalWord(value)}` : `thứ ${value}`;
}

// Party usage (Điều lệ Đảng; HD 36-HD/VPTW): "Hội nghị lần thứ I", congresses and conferences in Roman numerals.
export function partyOrdinal(value: number): string {
  return `lần thứ ${romanNumeral(value)}`;
}

/** "Kỳ họp thứ Nhất", "kỳ họp thứ 6" — capitalised at the start of a line when asked. */
export function sessionName(value: number, options: { style?: 'word' | 'digit'; capital?: boolean } = {}): string {
  const text = `kỳ họp ${sessionOrdinal(value, options.style ?? 'word')}`;
  return options.capital ? `K${text.slice(1)}` : text;
}

/** "Hồi 08 giờ 00 phút, ngày 25 tháng 3 năm 2026" — the opening of minutes (NĐ 30/2020 Phụ lục III Mẫu 1.9). */
export function formatClockTime(hour: number, minute: number): string {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError(`Giờ không hợp lệ: ${hour}:${minute}`);
  }
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${pad(hour)} giờ ${pad(minute)} phút`;
}
